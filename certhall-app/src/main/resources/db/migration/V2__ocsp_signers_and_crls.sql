-- Delegated OCSP signers (one current per CA) and the CRLs each CA has published.

CREATE TABLE ocsp_signer (
    ca_name     VARCHAR(63) NOT NULL REFERENCES ca (name),
    key_alias   VARCHAR(64) NOT NULL,
    certificate BYTEA       NOT NULL,
    not_after   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_ocsp_signer PRIMARY KEY (ca_name, key_alias)
);

-- One row per CRL issued; the CRL number is unique per CA and only grows. The DER itself is a
-- file in the data directory (a million entries make tens of megabytes).
CREATE TABLE crl (
    ca_name     VARCHAR(63) NOT NULL REFERENCES ca (name),
    crl_number  BIGINT      NOT NULL,
    this_update TIMESTAMP WITH TIME ZONE NOT NULL,
    next_update TIMESTAMP WITH TIME ZONE NOT NULL,
    entries     BIGINT      NOT NULL,
    size_bytes  BIGINT      NOT NULL,
    sha256      VARCHAR(64) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_crl PRIMARY KEY (ca_name, crl_number)
);
