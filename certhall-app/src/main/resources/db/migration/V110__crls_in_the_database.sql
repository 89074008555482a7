-- CRLs live in the database, so every node serves the latest one and nodes share its numbering.

-- The signed CRL itself. Rows from before V110 have none; a node that finds no CRL with its DER
-- for a CA publishes one at start.
ALTER TABLE crl ADD COLUMN der BYTEA;

-- One row per CA: whose turn it is to sign the next CRL and whether one is wanted.
--   last_number      the last CRL number handed out; taken with the lease, so two publications
--                    never share a number (a publication that fails leaves a gap, as RFC 5280 allows)
--   requests         counts "a new CRL, please" (one per revocation, from any node)
--   published_requests  the requests the latest stored CRL answers: a CRL is due while
--                    requests > published_requests
--   lease_holder, lease_until, lease_requests  the publication under way: taken and released in
--                    short transactions (the row is never locked while a CRL is being signed, so
--                    a revocation never waits for one); a lease past lease_until is free again
CREATE TABLE crl_publication (
    ca_name            VARCHAR(63) NOT NULL PRIMARY KEY REFERENCES ca (name),
    last_number        BIGINT      NOT NULL,
    requests           BIGINT      NOT NULL,
    published_requests BIGINT      NOT NULL,
    lease_holder       VARCHAR(64),
    lease_until        TIMESTAMP WITH TIME ZONE,
    lease_requests     BIGINT
);

INSERT INTO crl_publication (ca_name, last_number, requests, published_requests)
SELECT ca.name, COALESCE((SELECT MAX(c.crl_number) FROM crl c WHERE c.ca_name = ca.name), 0), 0, 0
FROM ca;
