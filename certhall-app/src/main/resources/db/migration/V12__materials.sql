-- Materials (资料) uploaded for orders. The files are outside the database (MaterialStore: under
-- <data-dir>/materials, named by their SHA-256); a row ties a file to an order. Rows are only
-- added: re-uploading a kind adds the next version, the highest is current, the rest is history.
-- The primary key makes two concurrent uploads of the same kind store one version each, or fail.
-- No CHECK (... IN ...) on kind, content_type or flags (see V3); the Java enums are the writers.
CREATE TABLE material (
    order_id     VARCHAR(32) NOT NULL REFERENCES orders (id),
    kind         VARCHAR(32) NOT NULL,
    version      INTEGER     NOT NULL,
    sha256       VARCHAR(64) NOT NULL,
    size_bytes   BIGINT      NOT NULL,
    content_type VARCHAR(32) NOT NULL,
    width        INTEGER     NOT NULL,
    height       INTEGER     NOT NULL,
    pages        INTEGER     NOT NULL,
    -- quality flags (TOO_SMALL, BLURRY), comma-separated; empty when none
    flags        VARCHAR(64) NOT NULL,
    uploaded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_material PRIMARY KEY (order_id, kind, version),
    CONSTRAINT ck_material_sizes CHECK (version >= 1 AND size_bytes >= 1 AND pages >= 1
        AND width >= 0 AND height >= 0)
);
