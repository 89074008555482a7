-- Review (审核) and issuance on approval. Runs unchanged on H2 and PostgreSQL.

-- Who is deciding an order: one row per order, so two reviewers never hold it at once. A claim
-- lapses at expires_at; a decision deletes it.
CREATE TABLE review_claim (
    order_id   VARCHAR(32) NOT NULL PRIMARY KEY REFERENCES orders (id),
    reviewer   VARCHAR(64) NOT NULL,
    claimed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The certificate an order produced. The primary key is the rule "one certificate per order",
-- kept by the database whatever the callers do; the certificate's status is its revocation row.
CREATE TABLE order_certificate (
    order_id  VARCHAR(32) NOT NULL PRIMARY KEY REFERENCES orders (id),
    ca_name   VARCHAR(63) NOT NULL,
    serial    VARCHAR(40) NOT NULL,
    linked_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_order_certificate_certificate UNIQUE (ca_name, serial),
    CONSTRAINT fk_order_certificate_certificate FOREIGN KEY (ca_name, serial)
        REFERENCES certificate (ca_name, serial)
);

-- 待审核 queue, oldest first.
CREATE INDEX ix_orders_status ON orders (status, updated_at);
