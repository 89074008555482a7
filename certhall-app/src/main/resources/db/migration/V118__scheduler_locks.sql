-- One row per periodic background job (app.schedule.ScheduledJobs): ShedLock's lock, so that
-- with several nodes on this database a job runs on one node at a time and about once per period.
-- The times are the database's own (ShedLock's usingDbTime), never a node's clock.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL,
    lock_until TIMESTAMP    NOT NULL,
    locked_at  TIMESTAMP    NOT NULL,
    locked_by  VARCHAR(255) NOT NULL,
    CONSTRAINT shedlock_pk PRIMARY KEY (name)
);
