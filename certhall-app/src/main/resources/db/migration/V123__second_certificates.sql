-- Dual certificates (双证书): beside the certificate of order_certificate (the first family, SM2
-- by default), the certificate of a second algorithm family (ECDSA) an order produced in the same
-- transaction. The primary key keeps one per order, as order_certificate's does; queries that mean
-- "the order's certificate" keep reading order_certificate alone. Runs unchanged on H2 and
-- PostgreSQL.
CREATE TABLE order_second_certificate (
    order_id  VARCHAR(32) NOT NULL PRIMARY KEY REFERENCES orders (id),
    ca_name   VARCHAR(63) NOT NULL,
    serial    VARCHAR(40) NOT NULL,
    linked_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_order_second_certificate_certificate UNIQUE (ca_name, serial),
    CONSTRAINT fk_order_second_certificate_certificate FOREIGN KEY (ca_name, serial)
        REFERENCES certificate (ca_name, serial)
);
