-- Security issue 14, point 1: a new unit certificate application becomes an order only once its
-- administrator and enterprise verifications passed (before, the order was stored first). Orders
-- stored under the old rule that never passed them (still APPLICATION_FILLED, no VERIFIED line in
-- their history) could have been filed by anyone who knew the credit code; they would keep the
-- organization's one unfinished order for good. They are cancelled here, with a line in their
-- history saying why, and their open_order slot is freed. Nothing verified is touched: an order
-- that reached VERIFIED once and went back to the form (返回修改) stays. Runs unchanged on H2 and
-- PostgreSQL; the three statements share one condition, which holds until the last one.

INSERT INTO order_status_change (order_id, line, changed_at, from_status, to_status, note)
SELECT o.id,
       (SELECT MAX(c.line) + 1 FROM order_status_change c WHERE c.order_id = o.id),
       CURRENT_TIMESTAMP,
       'APPLICATION_FILLED',
       'CANCELLED',
       '系统升级：申请未通过企业认证与管理员核验，未形成有效订单，已自动取消'
FROM orders o
WHERE o.business_type = 'NEW_UNIT_CERTIFICATE'
  AND o.status = 'APPLICATION_FILLED'
  AND NOT EXISTS (SELECT 1 FROM order_status_change v WHERE v.order_id = o.id AND v.to_status = 'VERIFIED');

DELETE FROM open_order
WHERE order_id IN (
    SELECT o.id FROM orders o
    WHERE o.business_type = 'NEW_UNIT_CERTIFICATE'
      AND o.status = 'APPLICATION_FILLED'
      AND NOT EXISTS (SELECT 1 FROM order_status_change v WHERE v.order_id = o.id AND v.to_status = 'VERIFIED'));

UPDATE orders
SET status = 'CANCELLED', version = version + 1, updated_at = CURRENT_TIMESTAMP
WHERE business_type = 'NEW_UNIT_CERTIFICATE'
  AND status = 'APPLICATION_FILLED'
  AND NOT EXISTS (SELECT 1 FROM order_status_change v WHERE v.order_id = orders.id AND v.to_status = 'VERIFIED');
