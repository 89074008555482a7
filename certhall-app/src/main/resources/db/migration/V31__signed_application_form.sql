-- 申请表: the confirmed application form of an order, made when the handler signs with the SMS
-- code (证书申请签名). The PDF is in the material store under its SHA-256; a row ties it to the
-- order. Rows are only added: a resubmission after a rejection signs again and adds the next
-- version; the highest is current.
CREATE TABLE signed_application_form (
    order_id     VARCHAR(32) NOT NULL REFERENCES orders (id),
    version      INTEGER     NOT NULL,
    sha256       VARCHAR(64) NOT NULL,
    size_bytes   BIGINT      NOT NULL,
    confirmed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_signed_application_form PRIMARY KEY (order_id, version),
    CONSTRAINT ck_signed_application_form_sizes CHECK (version >= 1 AND size_bytes >= 1)
);
