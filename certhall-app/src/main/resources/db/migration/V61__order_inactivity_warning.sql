-- Security issue 14, point 2: unfinished orders without activity are cancelled after a notice to
-- the handler (cn.certhall.domain.inactivity). One row per order and idle spell (the order's
-- updated_at when it was found idle) whose notice was queued: the primary key lets exactly one
-- node queue it, and a later step of the order starts a new spell with its own notice. Runs
-- unchanged on H2 and PostgreSQL.
CREATE TABLE order_inactivity_warning (
    order_id      VARCHAR(32) NOT NULL REFERENCES orders (id),
    last_activity TIMESTAMP WITH TIME ZONE NOT NULL,
    warned_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_order_inactivity_warning PRIMARY KEY (order_id, last_activity)
);

-- the job looks for unfinished orders by status and age
CREATE INDEX ix_orders_status_updated ON orders (status, updated_at);
