-- Issue 17: real payment providers. An unpaid attempt of a cancelled order is closed at its
-- provider (closed_at; retried by the payment-settlement job while the provider is down), and a
-- paid one cancelled before review, or money that arrived for an order no longer waiting for it,
-- is refunded in full: one refund per payment. Amounts in fen. No CHECK (... IN ...) on status
-- (see V3): REQUESTED, PROCESSING, SUCCEEDED, FAILED.
ALTER TABLE payment ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;

CREATE TABLE payment_refund (
    id                 VARCHAR(32)  NOT NULL PRIMARY KEY,
    payment_id         VARCHAR(32)  NOT NULL REFERENCES payment (id),
    order_id           VARCHAR(32)  NOT NULL REFERENCES orders (id),
    amount_fen         BIGINT       NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    provider_refund_id VARCHAR(128),
    message            VARCHAR(500),
    requested_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_payment_refund_payment UNIQUE (payment_id),
    CONSTRAINT ck_payment_refund_amount CHECK (amount_fen >= 1)
);

CREATE INDEX ix_payment_refund_order ON payment_refund (order_id);
CREATE INDEX ix_payment_refund_status ON payment_refund (status, updated_at);
