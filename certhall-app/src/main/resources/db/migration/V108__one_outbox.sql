-- One outbox for notifications and webhooks (domain outbox.OutboxWorker): each item is claimed
-- with a lease (next_attempt_at moved to the lease's end), tried with a back-off, and after too
-- many failures in a row given up (a dead letter the CA administrator sees and can replay).
-- notification_outbox.attempts already counts failures in a row; channel_delivery.attempts counts
-- every attempt (its log), so failures in a row get their own column, reset by a replay.
ALTER TABLE notification_outbox ADD COLUMN given_up_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE channel_delivery ADD COLUMN failures INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE channel_delivery ADD COLUMN last_problem VARCHAR(500);
ALTER TABLE channel_delivery ADD COLUMN given_up_at TIMESTAMP WITH TIME ZONE;
UPDATE channel_delivery SET failures = attempts WHERE status = 'PENDING' AND delivered_at IS NULL;
