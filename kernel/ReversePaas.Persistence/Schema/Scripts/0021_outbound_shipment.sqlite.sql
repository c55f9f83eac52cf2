-- Version 21 (API.md v1.1): the outbound shipment of an exchange or a repair runs as a background step after the
-- receipt (or the repair); until it ran, outbound_due is set (the status stays PendingReturn or Repairing), and its
-- failed attempts back off. The shipment's carrier and tracking number are kept (null: none yet).
ALTER TABLE "after_sales" ADD COLUMN "outbound_due" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "after_sales" ADD COLUMN "outbound_attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "after_sales" ADD COLUMN "outbound_carrier" TEXT NULL;
ALTER TABLE "after_sales" ADD COLUMN "outbound_tracking_no" TEXT NULL;
