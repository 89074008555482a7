-- Dual certificates (双证书): the algorithm family a signing request seals with (SM2, ECDSA),
-- checked against the organization's certificates when the request is made. Rows made before
-- this column have none: they seal with the organization's first certificate, as they did.
ALTER TABLE signing_request ADD COLUMN algorithm VARCHAR(8);
