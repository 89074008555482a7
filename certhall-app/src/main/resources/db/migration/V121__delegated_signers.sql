-- Signers that sign on a CA's behalf with a key and a certificate of their own (RFC 6960's
-- "delegated" in the wider sense), one row per certificate made: purpose EVIDENCE (the signer of
-- the 出证报告, profile EVIDENCE) today. The one that ends last is current; a new one is made when
-- it has less than its renew-before left. Two nodes making one at the same moment both insert
-- (different aliases and serials): either signs validly. The certificate is also in `certificate`.
CREATE TABLE delegated_signer (
    purpose     VARCHAR(32)  NOT NULL,
    ca_name     VARCHAR(63)  NOT NULL,
    serial      VARCHAR(40)  NOT NULL,
    key_alias   VARCHAR(128) NOT NULL,
    certificate BYTEA        NOT NULL,
    not_after   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_delegated_signer PRIMARY KEY (purpose, key_alias),
    CONSTRAINT fk_delegated_signer_certificate FOREIGN KEY (ca_name, serial)
        REFERENCES certificate (ca_name, serial)
);

CREATE INDEX ix_delegated_signer_current ON delegated_signer (purpose, ca_name, not_after);
