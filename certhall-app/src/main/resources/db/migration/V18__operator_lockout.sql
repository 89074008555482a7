-- Console sign-in lockout: wrong passwords in a row, and until when the account is locked.
ALTER TABLE operator ADD COLUMN failed_logins INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE operator ADD COLUMN locked_until TIMESTAMP WITH TIME ZONE;
