-- Seals that could not be made at issuance (issue 16, point 15): no usable impression on the
-- 印章采集表 and a name the round seal cannot hold. The certificate is issued without its seal and
-- the CA administrator finds the task here (待处理印章) with why; done_at is set when the seal is
-- made. One row per certificate.
CREATE TABLE seal_task (
    ca_name            VARCHAR(63)   NOT NULL,
    certificate_serial VARCHAR(40)   NOT NULL,
    order_id           VARCHAR(32)   NOT NULL REFERENCES orders (id),
    reason             VARCHAR(1000) NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    done_at            TIMESTAMP WITH TIME ZONE,
    done_by            VARCHAR(64),
    CONSTRAINT pk_seal_task PRIMARY KEY (ca_name, certificate_serial),
    CONSTRAINT fk_seal_task_certificate FOREIGN KEY (ca_name, certificate_serial)
        REFERENCES certificate (ca_name, serial)
);

CREATE INDEX ix_seal_task_open ON seal_task (done_at, created_at);
