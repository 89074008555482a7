-- Orders (订单) of the applicant portal, their status history, and the rule that an ID number has
-- at most one unfinished order per business type (SPEC 3). Runs unchanged on H2 and PostgreSQL.
-- Column sizes are the limits the domain checks (cn.certhall.domain.order.Fields), so a value
-- never reaches the database too long: the databases' errors would quote it, and it is personal.
-- The enum columns have no CHECK (... IN (...)): H2 2.4.240 evaluates such a check with the
-- session that created it and fails every insert once that connection is closed (h2database
-- issue 4308; it rewrites a chain of ORs into the same IN). Only the repository writes them, from
-- Java enums.

CREATE TABLE orders (
    id                  VARCHAR(32)  NOT NULL PRIMARY KEY,
    business_type       VARCHAR(32)  NOT NULL,
    channel_id          VARCHAR(64)  NOT NULL,
    applicant_id_type   VARCHAR(32)  NOT NULL,
    applicant_id_number VARCHAR(32)  NOT NULL,
    status              VARCHAR(32)  NOT NULL,
    version             BIGINT       NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the application form (申请表)
    organization_name   VARCHAR(200) NOT NULL,
    credit_code         VARCHAR(32)  NOT NULL,
    legal_rep_name      VARCHAR(100) NOT NULL,
    legal_rep_id_number VARCHAR(32)  NOT NULL,
    handler_name        VARCHAR(100) NOT NULL,
    handler_id_type     VARCHAR(32)  NOT NULL,
    handler_id_number   VARCHAR(32)  NOT NULL,
    handler_mobile      VARCHAR(20)  NOT NULL,
    handler_email       VARCHAR(254) NOT NULL,
    admin_name          VARCHAR(100) NOT NULL,
    admin_id_type       VARCHAR(32)  NOT NULL,
    admin_id_number     VARCHAR(32)  NOT NULL,
    admin_mobile        VARCHAR(20)  NOT NULL,
    -- enterprise verification (企业认证方式): the columns of the chosen method are set
    enterprise_method   VARCHAR(32)  NOT NULL,
    ent_account_name    VARCHAR(200),
    ent_account_number  VARCHAR(40),
    ent_bank            VARCHAR(100),
    ent_card_number     VARCHAR(32),
    ent_mobile          VARCHAR(20),
    -- administrator verification
    admin_method        VARCHAR(32)  NOT NULL,
    admin_card_number   VARCHAR(32),
    admin_card_mobile   VARCHAR(20)
);

-- 我的订单 lists an ID number's orders.
CREATE INDEX ix_orders_applicant ON orders (applicant_id_number, business_type);

-- The status history (订单详情): line 1 is the creation (no from_status); lines are only added.
CREATE TABLE order_status_change (
    order_id    VARCHAR(32)  NOT NULL REFERENCES orders (id),
    line        INTEGER      NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    from_status VARCHAR(32),
    to_status   VARCHAR(32)  NOT NULL,
    note        VARCHAR(500),
    CONSTRAINT pk_order_status_change PRIMARY KEY (order_id, line)
);

-- The unfinished order of an ID number and business type, one at most: inserted with the order in
-- its transaction, deleted in the transaction that finishes or cancels it. The primary key makes
-- the second of two concurrent starts fail (H2 has no partial unique index, so no
-- "UNIQUE ... WHERE unfinished" on orders). Keyed by the number alone, as the manual says
-- (同一证件号): the same number under another ID type does not get a second order.
CREATE TABLE open_order (
    id_number     VARCHAR(32) NOT NULL,
    business_type VARCHAR(32) NOT NULL,
    order_id      VARCHAR(32) NOT NULL REFERENCES orders (id),
    CONSTRAINT pk_open_order PRIMARY KEY (id_number, business_type),
    CONSTRAINT uq_open_order_order UNIQUE (order_id)
);
