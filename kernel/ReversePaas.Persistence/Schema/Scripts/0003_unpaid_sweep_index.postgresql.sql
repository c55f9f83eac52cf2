-- Version 3: unpaid orders are cancelled after Orders:UnpaidTimeout; the sweep reads pending-payment orders by age.
CREATE INDEX "IX_orders_status_created_at" ON orders (status, created_at);
