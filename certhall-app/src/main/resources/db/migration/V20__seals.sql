-- Electronic seals (电子印章, SPEC 3.1 step 10) and the seal makers (制章者) that sign them.
-- Insert-only like the certificates: a new seal is a new row, nothing is updated.

-- Each issuing CA's seal-maker certificates (profile SEAL_MAKER) and their key aliases; the one
-- that ends last is current. The certificate is also in `certificate`, like every signed one.
CREATE TABLE seal_maker (
    ca_name     VARCHAR(63) NOT NULL,
    serial      VARCHAR(40) NOT NULL,
    key_alias   VARCHAR(64) NOT NULL,
    certificate BYTEA       NOT NULL,
    not_after   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_seal_maker PRIMARY KEY (ca_name, serial),
    CONSTRAINT fk_seal_maker_certificate FOREIGN KEY (ca_name, serial)
        REFERENCES certificate (ca_name, serial)
);

-- One seal per organization certificate: picture (PNG bytes and SHA-256), the GB/T 38540 SESeal
-- (DER) that carries it, the certificate it belongs to and the organization (credit code, name).
-- source: DRAWN (standard round seal) or COLLECTION_FORM (from the 印章采集表 impression).
CREATE TABLE seal (
    es_id              VARCHAR(64)  NOT NULL PRIMARY KEY,
    credit_code        VARCHAR(18)  NOT NULL,
    organization_name  VARCHAR(128) NOT NULL,
    ca_name            VARCHAR(63)  NOT NULL,
    certificate_serial VARCHAR(40)  NOT NULL,
    source             VARCHAR(16)  NOT NULL,
    image_sha256       VARCHAR(64)  NOT NULL,
    image_png          BYTEA        NOT NULL,
    width_mm           INTEGER      NOT NULL,
    height_mm          INTEGER      NOT NULL,
    seseal             BYTEA        NOT NULL,
    maker_serial       VARCHAR(40)  NOT NULL,
    valid_from         TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_to           TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_seal_certificate UNIQUE (ca_name, certificate_serial),
    CONSTRAINT fk_seal_certificate FOREIGN KEY (ca_name, certificate_serial)
        REFERENCES certificate (ca_name, serial),
    CONSTRAINT fk_seal_maker FOREIGN KEY (ca_name, maker_serial)
        REFERENCES seal_maker (ca_name, serial)
);

CREATE INDEX ix_seal_credit_code ON seal (credit_code);
