-- The given-up notifications (dead letters): the console's 未能发送的通知 page and the given-up
-- gauge read them without scanning the whole outbox.
CREATE INDEX ix_notification_outbox_given_up ON notification_outbox (given_up_at);
