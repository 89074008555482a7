-- The reviewers' dashboard (审核看板) reads the decisions of the last 30 days: the moves out of
-- WAITING_FOR_REVIEW in a time range. Runs unchanged on H2 and PostgreSQL.
CREATE INDEX ix_order_status_change_from ON order_status_change (from_status, changed_at);
