-- Renewal reminders (issue 16, point 14): one row per certificate and reminder (days before its
-- end), written in the transaction that queues the reminder's SMS and email; the primary key is
-- the "once each" rule, on one node or several.
CREATE TABLE renewal_reminder (
    ca_name     VARCHAR(63) NOT NULL,
    serial      VARCHAR(40) NOT NULL,
    days_before INTEGER     NOT NULL,
    sent_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_renewal_reminder PRIMARY KEY (ca_name, serial, days_before),
    CONSTRAINT fk_renewal_reminder_certificate FOREIGN KEY (ca_name, serial)
        REFERENCES certificate (ca_name, serial),
    CONSTRAINT ck_renewal_reminder_days CHECK (days_before >= 0)
);

-- the reminder run looks for certificates by their end
CREATE INDEX ix_certificate_not_after ON certificate (not_after);
