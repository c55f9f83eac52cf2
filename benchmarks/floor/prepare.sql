-- The floor's orders, prepared the way the load generator prepares its own (benchmarks/ReversePaas.LoadGenerator,
-- LoadClient.RegisterAsync): copies of one order the generator registered through the host, so every column holds
-- what the host wrote. Run by benchmarks/run-floor.sh with -v clients=N -v per_client=M -v run=STAMP.
INSERT INTO orders (order_id, user_id, vender_id, vender_type, order_type, channel, status, warehouse_stage, freight,
                    currency, completed_at, business_identity, attributes, ledger_paid, ledger_refunded, ledger_reserved,
                    fingerprint, created_at, updated_at, version)
SELECT 'F-' || :'run' || '-' || c || '-' || n, t.user_id, t.vender_id, t.vender_type, t.order_type, t.channel, t.status,
       t.warehouse_stage, t.freight, t.currency, t.completed_at, t.business_identity, t.attributes, t.ledger_paid, 0, 0,
       t.fingerprint, now(), now(), 1
FROM (SELECT * FROM orders ORDER BY created_at LIMIT 1) AS t,
     generate_series(1, :clients) AS c, generate_series(0, :per_client) AS n;

INSERT INTO order_lines (order_id, line_no, sku_id, sku_name, quantity, unit_price, promotion_type, weight_grams,
                         allocated_discount, paid_amount)
SELECT 'F-' || :'run' || '-' || c || '-' || n, l.line_no, l.sku_id, l.sku_name, l.quantity, l.unit_price,
       l.promotion_type, l.weight_grams, l.allocated_discount, l.paid_amount
FROM (SELECT * FROM order_lines WHERE order_id = (SELECT order_id FROM orders ORDER BY created_at LIMIT 1)) AS l,
     generate_series(1, :clients) AS c, generate_series(0, :per_client) AS n;
ANALYZE orders;
ANALYZE order_lines;
