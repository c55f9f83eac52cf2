-- One application, as the host runs it on PostgreSQL (captured with log_statement=all on 2026-12-06, commit 8294c9d;
-- the claims read, hot and archived rows in one UNION ALL since the archive, captured again at the commit that made it
-- one statement): two reads, then one transaction of four writes. The statements are the host's own text; what differs
-- is marked:
-- the ids are built from pgbench variables, the order's optimistic version check is a plain increment (the same row
-- write), and the JSON columns (-D capabilities=… -D timeline=…, parameters as the host's are) hold what the host
-- wrote for the load generator's application.
-- Each client works through orders of its own, five units each, as the generator's clients do (pgbench -D count=0).
\set count :count + 1
\set ord :count / 5
SELECT o2.order_id, o2.attributes, o2.business_identity, o2.channel, o2.completed_at, o2.created_at, o2.currency, o2.fingerprint, o2.freight, o2.order_type, o2.status, o2.updated_at, o2.user_id, o2.vender_id, o2.vender_type, o2.version, o2.warehouse_stage, o2.ledger_paid, o2.ledger_refunded, o2.ledger_reserved, o0.order_id, o0.line_no, o0.allocated_discount, o0.paid_amount, o0.promotion_type, o0.quantity, o0.sku_id, o0.sku_name, o0.unit_price, o0.weight_grams, o1.order_id, o1.position, o1.amount, o1.code, o1.kind, o1.line_nos
FROM (
    SELECT o.order_id, o.attributes, o.business_identity, o.channel, o.completed_at, o.created_at, o.currency, o.fingerprint, o.freight, o.order_type, o.status, o.updated_at, o.user_id, o.vender_id, o.vender_type, o.version, o.warehouse_stage, o.ledger_paid, o.ledger_refunded, o.ledger_reserved
    FROM orders AS o
    WHERE o.order_id = 'F-' || :run::text || '-' || (:client_id + 1)::text || '-' || (:ord)::text
    LIMIT 1
) AS o2
LEFT JOIN order_lines AS o0 ON o2.order_id = o0.order_id
LEFT JOIN order_discounts AS o1 ON o2.order_id = o1.order_id
ORDER BY o2.order_id, o0.order_id, o0.line_no, o1.order_id;
SELECT FALSE AS "Archived", a.after_sale_id AS "AfterSaleId", a.status AS "Status", a.freight_refund AS "FreightRefund", a0.line_no AS "LineNo", a0.quantity AS "Quantity", a0.refund_amount AS "RefundAmount"
FROM after_sales AS a
LEFT JOIN after_sale_lines AS a0 ON a.after_sale_id = a0.after_sale_id
WHERE a.order_id = 'F-' || :run::text || '-' || (:client_id + 1)::text || '-' || (:ord)::text
UNION ALL
SELECT TRUE AS "Archived", r.after_sale_id AS "AfterSaleId", r.status AS "Status", r.freight_refund AS "FreightRefund", r0.line_no AS "LineNo", r0.quantity AS "Quantity", r0.refund_amount AS "RefundAmount"
FROM (
    SELECT * FROM archive.archived_after_sales
) AS r
LEFT JOIN (
    SELECT * FROM archive.archived_after_sale_lines
) AS r0 ON r.after_sale_id = r0.after_sale_id
WHERE r.order_id = 'F-' || :run::text || '-' || (:client_id + 1)::text || '-' || (:ord)::text;
BEGIN TRANSACTION ISOLATION LEVEL READ COMMITTED;
INSERT INTO after_sales (after_sale_id, appeal_count, appeal_reason, applicant_role, applicant_subject, awaiting_confirmation, business_identity, carrier, created_at, freight_refund, hold_at, hold_by, hold_reason, idempotency_key, last_error, next_attempt_at, order_id, pickup, pickup_at, pickup_round, plugin_fields, reason, refund_amount, refund_attempts, refund_reference, rejected_at, request_fingerprint, return_arranged, return_attempts, review_by, review_deadline, shipment_id, status, tracking_no, type, updated_at, user_id, vender_id, version, capabilities, evidence, timeline)
VALUES ('AS-F-' || :run::text || '-' || (:client_id + 1)::text || '-' || (:count)::text, 0, NULL, 'User', 'u-1', false, 'retail.self', NULL, now(), 0, NULL, NULL, NULL, NULL, NULL, NULL, 'F-' || :run::text || '-' || (:client_id + 1)::text || '-' || (:ord)::text, NULL, NULL, NULL, '', 'load test', 19.99, 0, NULL, NULL, NULL, false, 0, 'CustomerService', NULL, NULL, 'PendingReview', NULL, 'RefundOnly', now(), 'u-1', 'v-1', 2,
        :capabilities, '[]', :timeline);
UPDATE orders SET updated_at = now(), version = version + 1, ledger_reserved = ledger_reserved + 19.99
WHERE order_id = 'F-' || :run::text || '-' || (:client_id + 1)::text || '-' || (:ord)::text;
INSERT INTO outbox_messages (attempts, claimed_by, claimed_until, created_at, dispatched_at, key, last_error, next_attempt_at, order_id, topic, trace_parent)
VALUES (0, NULL, NULL, now(), NULL, 'AS-F-' || :run::text || '-' || (:client_id + 1)::text || '-' || (:count)::text, NULL, NULL, 'F-' || :run::text || '-' || (:client_id + 1)::text || '-' || (:ord)::text, 'after-sale.changed', '00-e9ccb323c69c0964f4f346f4b8912dd0-79e12291d051deec-02')
RETURNING id;
INSERT INTO after_sale_lines (after_sale_id, line_no, order_id, quantity, refund_amount, sku_id, sku_name)
VALUES ('AS-F-' || :run::text || '-' || (:client_id + 1)::text || '-' || (:count)::text, 1, 'F-' || :run::text || '-' || (:client_id + 1)::text || '-' || (:ord)::text, 1, 19.99, 'A', 'Load item');
COMMIT;
