-- The audit log (审计日志): every order state change, reviewer decision and CA operation, in a hash
-- chain (cn.certhall.domain.audit.AuditChain). Rows are only inserted. Runs unchanged on H2 and
-- PostgreSQL. In production the application's database user should hold only SELECT and INSERT on
-- audit_log (and UPDATE on audit_head); the chain makes any other change visible to the
-- verification (java -jar … --certhall.audit.verify).

CREATE TABLE audit_log (
    seq           BIGINT        NOT NULL PRIMARY KEY,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(100)  NOT NULL,
    action        VARCHAR(64)   NOT NULL,
    subject       VARCHAR(200)  NOT NULL,
    details       VARCHAR(2000) NOT NULL,
    previous_hash VARCHAR(64)   NOT NULL,
    hash          VARCHAR(64)   NOT NULL,
    -- no two entries follow the same one: the chain cannot fork, whatever the writers do
    CONSTRAINT uq_audit_log_previous UNIQUE (previous_hash),
    CONSTRAINT ck_audit_log_seq CHECK (seq > 0)
);

CREATE INDEX ix_audit_log_subject ON audit_log (subject);

-- The last entry appended. Every append first raises seq here (a row lock held to the end of the
-- appending transaction), which serialises appends; the verification compares the chain's end
-- with it, so a cut-off or extended end shows.
CREATE TABLE audit_head (
    id   INTEGER     NOT NULL PRIMARY KEY,
    seq  BIGINT      NOT NULL,
    hash VARCHAR(64) NOT NULL,
    CONSTRAINT ck_audit_head_one CHECK (id = 1)
);

INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
