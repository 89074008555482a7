-- The seal app (信手书) and cloud sealing (SPEC 3.1 step 11, manual 1.1 第四步). Runs unchanged on
-- H2 and PostgreSQL. No CHECK (... IN ...) on status (h2database issue 4308, see V3).

-- A seal administrator who signed in to the seal app with the mobile named on an application.
-- Personal data stays in the orders: the name and ID number are compared with them, not copied.
-- pin_hash: Argon2id (salt and parameters inside), never the PIN; pin_wrong_tries counts tries in
-- a row, each counted before the hash is compared; at 5 the PIN is locked until a reset after a
-- new identity and face check.
CREATE TABLE seal_administrator (
    mobile              VARCHAR(20)  NOT NULL PRIMARY KEY,
    registered_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    identity_checked_at TIMESTAMP WITH TIME ZONE,
    personal_ca_name    VARCHAR(64),
    personal_serial     VARCHAR(40),
    personal_key_alias  VARCHAR(100),
    pin_hash            VARCHAR(200),
    pin_wrong_tries     INTEGER      NOT NULL,
    pin_set_at          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ck_seal_administrator_tries CHECK (pin_wrong_tries >= 0)
);

-- A channel's request to seal a PDF (用章请求), answered with a QR code of a link holding a random
-- token, of which only the SHA-256 is kept. Placement: a page and a position in points from the
-- page's lower-left corner, or an anchor text. status: WAITING, then SEALED (expiry is derived
-- from expires_at). claimed_by: the administrator (mobile) who opened the link first; the link
-- works for nobody else. authorization: the administrator's personal signature over the request
-- id and the document's hash, made when the PIN was right (who allowed this seal).
CREATE TABLE signing_request (
    id                 VARCHAR(32)   NOT NULL PRIMARY KEY,
    channel_id         VARCHAR(64)   NOT NULL REFERENCES channel (id),
    credit_code        VARCHAR(18)   NOT NULL,
    organization_name  VARCHAR(200)  NOT NULL,
    file_name          VARCHAR(200)  NOT NULL,
    document           BYTEA         NOT NULL,
    document_sha256    VARCHAR(64)   NOT NULL,
    placement_page     INTEGER,
    placement_x        DOUBLE PRECISION,
    placement_y        DOUBLE PRECISION,
    placement_anchor   VARCHAR(200),
    seal_width         DOUBLE PRECISION NOT NULL,
    token_hash         VARCHAR(64)   NOT NULL,
    status             VARCHAR(16)   NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by         VARCHAR(20),
    claimed_at         TIMESTAMP WITH TIME ZONE,
    sealed_at          TIMESTAMP WITH TIME ZONE,
    ca_name            VARCHAR(64),
    certificate_serial VARCHAR(40),
    signed_document    BYTEA,
    authorization_signature BYTEA,
    CONSTRAINT uq_signing_request_token UNIQUE (token_hash)
);

CREATE INDEX ix_signing_request_channel ON signing_request (channel_id, created_at);
