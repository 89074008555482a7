-- When a revocation row was written, by the database's clock (the one clock every node shares;
-- revoked_at is the revoking node's, and a test's own clock may set it). Every node drops its
-- cached OCSP responses for revocations recorded since the last one it saw (OcspCacheInvalidation:
-- a poll every second and a catch-up after its LISTEN connection comes back), through this index.
-- Rows from before take the migration's time.
ALTER TABLE certificate_revocation
    ADD COLUMN recorded_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL;
CREATE INDEX ix_certificate_revocation_recorded ON certificate_revocation (recorded_at);
