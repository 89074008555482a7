-- Issue 16 point 16: the cashier asks how the payer pays (WECHAT, ALIPAY, BANK_TRANSFER; null for
-- attempts made before it asked) and takes the order's 开票信息 (invoice details) with the payment.
ALTER TABLE payment ADD COLUMN method VARCHAR(16);

-- One row per order: the last payment attempt's details replace an earlier one's.
CREATE TABLE order_invoice (
    order_id    VARCHAR(32)  NOT NULL PRIMARY KEY REFERENCES orders (id),
    title       VARCHAR(100) NOT NULL,
    tax_number  VARCHAR(20)  NOT NULL,
    email       VARCHAR(254) NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);
