-- The files of materials and signed application forms (MaterialStore), by their SHA-256, in the
-- shared database so that every node reads what any node stored (issue 20). A file is inserted
-- once and never changed; its key is its hash.
CREATE TABLE material_file (
    sha256     CHAR(64)  NOT NULL,
    size_bytes BIGINT    NOT NULL,
    content    BYTEA     NOT NULL,
    stored_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT material_file_pk PRIMARY KEY (sha256)
);
