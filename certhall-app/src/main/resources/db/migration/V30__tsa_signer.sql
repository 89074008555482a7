-- The time-stamp authority's certificates (profile TIME_STAMPING), issued by one issuing CA; the
-- one that ends last is current. Same shape as ocsp_signer.

CREATE TABLE tsa_signer (
    ca_name     VARCHAR(63) NOT NULL REFERENCES ca (name),
    key_alias   VARCHAR(64) NOT NULL,
    certificate BYTEA       NOT NULL,
    not_after   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_tsa_signer PRIMARY KEY (ca_name, key_alias)
);
