-- The software key store's encrypted PKCS#12 files (SoftwareKeyStore through KeyFiles), one row
-- per key and one for the passphrase check, in the shared database so that every node signs with
-- the keys any node made (issue 20). The bytes are encrypted under the key store passphrase
-- (PBES2/AES-256) before they reach the database; a row is inserted once and never changed.
CREATE TABLE software_key (
    name       VARCHAR(128) NOT NULL,
    content    BYTEA        NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT software_key_pk PRIMARY KEY (name)
);
