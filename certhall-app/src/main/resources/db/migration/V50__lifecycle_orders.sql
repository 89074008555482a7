-- Renewal (证书更新), information change (信息变更) and revocation (证书吊销) orders, SPEC 3.2–3.4:
-- which certificate each order is about, the order that produced that certificate (the "before"
-- of a change, and the owner of its hosted key), the revocation reason, and the holder's signed
-- revocation request. One row per order, written with the order; the proof is set once verified.
-- Runs unchanged on H2 and PostgreSQL.
CREATE TABLE lifecycle_order (
    order_id          VARCHAR(32)   NOT NULL PRIMARY KEY REFERENCES orders (id),
    business_type     VARCHAR(32)   NOT NULL,
    ca_name           VARCHAR(63)   NOT NULL,
    serial            VARCHAR(40)   NOT NULL,
    source_order_id   VARCHAR(32)   NOT NULL REFERENCES orders (id),
    -- 吊销理由 (cn.certhall.domain.lifecycle.RevocationChoice), revocation orders only
    revocation_reason VARCHAR(32),
    -- 证书验证码与签名验证: the signed request text, signature and JCA algorithm name
    proof_request     VARCHAR(1000),
    proof_signature   BYTEA,
    proof_algorithm   VARCHAR(32),
    proof_signed_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT fk_lifecycle_order_certificate FOREIGN KEY (ca_name, serial)
        REFERENCES certificate (ca_name, serial)
);

-- "Is there an unfinished order about this certificate", "was it replaced".
CREATE INDEX ix_lifecycle_order_certificate ON lifecycle_order (ca_name, serial);
