-- Rate limits (issue 14): one counter per limit, subject and fixed window, shared by every node.
-- The subject is a SHA-256 of limit and subject (an address, a user name, a mobile, an ID number),
-- never the value itself. A take is one conditional UPDATE (used < cap), which both databases
-- apply atomically per row; the first take of a window inserts the row.
CREATE TABLE rate_limit (
    limit_name   VARCHAR(32) NOT NULL,
    subject      VARCHAR(64) NOT NULL,
    window_start TIMESTAMP WITH TIME ZONE NOT NULL,
    window_end   TIMESTAMP WITH TIME ZONE NOT NULL,
    used         INTEGER     NOT NULL,
    CONSTRAINT pk_rate_limit PRIMARY KEY (limit_name, subject, window_start),
    CONSTRAINT ck_rate_limit_used CHECK (used >= 0)
);

CREATE INDEX ix_rate_limit_window_end ON rate_limit (window_end);

-- Expired codes are purged by expiry.
CREATE INDEX ix_verification_code_expires_at ON verification_code (expires_at);

-- The console's account lock is now a rate limit (failures per account from all addresses), the
-- same for user names that do not exist; the old per-row count and lock are gone.
ALTER TABLE operator DROP COLUMN failed_logins;
ALTER TABLE operator DROP COLUMN locked_until;
