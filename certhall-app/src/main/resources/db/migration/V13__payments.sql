-- Payments (支付) of order fees and the provider's notifications about them. Amounts in fen
-- (0.01 CNY). A payment is an attempt: the first of an order is attempt 1; one abandoned at the
-- cashier stays PENDING and a new attempt is opened. No CHECK (... IN ...) on status (see V3).
CREATE TABLE payment (
    id                 VARCHAR(32)  NOT NULL PRIMARY KEY,
    order_id           VARCHAR(32)  NOT NULL REFERENCES orders (id),
    attempt            INTEGER      NOT NULL,
    channel_id         VARCHAR(64)  NOT NULL,
    business_type      VARCHAR(32)  NOT NULL,
    amount_fen         BIGINT       NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    provider_reference VARCHAR(128),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    settled_at         TIMESTAMP WITH TIME ZONE,
    notification_id    VARCHAR(128),
    CONSTRAINT uq_payment_attempt UNIQUE (order_id, attempt),
    CONSTRAINT ck_payment_amounts CHECK (attempt >= 1 AND amount_fen >= 1)
);

-- Every notification id the provider sent, once: its primary key makes a redelivered
-- notification a no-op (PaymentService.record). payment_id has no foreign key: a notification
-- about an unknown payment is recorded too, as UNKNOWN_PAYMENT.
CREATE TABLE payment_notification (
    notification_id VARCHAR(128) NOT NULL PRIMARY KEY,
    payment_id      VARCHAR(32)  NOT NULL,
    outcome         VARCHAR(16)  NOT NULL,
    amount_fen      BIGINT       NOT NULL,
    notified_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    result          VARCHAR(32)  NOT NULL
);
