-- Version 23 (issue 20, cold and hot data): finished after-sales older than Archive:After leave the hot tables for the
-- archive (docs/persistence.md, "Archive"). On SQLite the archive is a database file of its own beside the main one
-- (reversepaas.db -> reversepaas.archive.db), attached as "archive" on every connection the kernel opens, so the mover
-- copies and deletes in one transaction and the same SQL names archive.archived_after_sales on both engines.
-- The archive keeps every column of the hot rows, under the same names, plus when the row moved: the same EF mapping
-- reads an archived after-sale back (no second serialisation of the aggregate to keep in step), and the pickup address
-- stays the ciphertext it was. A column added to after_sales or after_sale_lines later is added here too.
CREATE TABLE IF NOT EXISTS "archive"."archived_after_sales" (
    "after_sale_id" TEXT NOT NULL CONSTRAINT "PK_archived_after_sales" PRIMARY KEY,
    "order_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "business_identity" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "applicant_role" TEXT NOT NULL,
    "applicant_subject" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "vender_id" TEXT NOT NULL,
    "review_by" TEXT NULL,
    "refund_amount" TEXT NOT NULL,
    "freight_refund" TEXT NOT NULL,
    "pickup_at" INTEGER NULL,
    "carrier" TEXT NULL,
    "tracking_no" TEXT NULL,
    "shipment_id" TEXT NULL,
    "return_arranged" INTEGER NOT NULL,
    "refund_attempts" INTEGER NOT NULL,
    "next_attempt_at" INTEGER NULL,
    "refund_reference" TEXT NULL,
    "last_error" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "idempotency_key" TEXT NULL,
    "request_fingerprint" TEXT NULL,
    "evidence" TEXT NOT NULL,
    "awaiting_confirmation" INTEGER NOT NULL DEFAULT 0,
    "review_deadline" INTEGER NULL,
    "pickup_round" INTEGER NULL,
    "timeline" TEXT NOT NULL DEFAULT '[]',
    "capabilities" TEXT NOT NULL DEFAULT '[]',
    "plugin_fields" TEXT NOT NULL DEFAULT '',
    "pickup" TEXT NULL,
    "rejected_at" INTEGER NULL,
    "appeal_count" INTEGER NOT NULL DEFAULT 0,
    "appeal_reason" TEXT NULL,
    "hold_reason" TEXT NULL,
    "hold_by" TEXT NULL,
    "hold_at" INTEGER NULL,
    "return_attempts" INTEGER NOT NULL DEFAULT 0,
    "protected_pickup_address" TEXT NULL,
    "outbound_due" INTEGER NOT NULL DEFAULT 0,
    "outbound_attempts" INTEGER NOT NULL DEFAULT 0,
    "outbound_carrier" TEXT NULL,
    "outbound_tracking_no" TEXT NULL,
    "replacement_reservation" TEXT NULL,
    "archived_at" INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS "archive"."IX_archived_after_sales_order_id" ON "archived_after_sales" ("order_id");
CREATE INDEX IF NOT EXISTS "archive"."IX_archived_after_sales_user_id_created_at" ON "archived_after_sales" ("user_id", "created_at");
CREATE INDEX IF NOT EXISTS "archive"."IX_archived_after_sales_vender_id_created_at" ON "archived_after_sales" ("vender_id", "created_at");
CREATE INDEX IF NOT EXISTS "archive"."IX_archived_after_sales_created_at" ON "archived_after_sales" ("created_at");

CREATE TABLE IF NOT EXISTS "archive"."archived_after_sale_lines" (
    "after_sale_id" TEXT NOT NULL,
    "line_no" INTEGER NOT NULL,
    "order_id" TEXT NOT NULL,
    "sku_id" TEXT NOT NULL,
    "sku_name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "refund_amount" TEXT NOT NULL,
    "replacement_sku_id" TEXT NULL,
    CONSTRAINT "PK_archived_after_sale_lines" PRIMARY KEY ("after_sale_id", "line_no")
);
CREATE INDEX IF NOT EXISTS "archive"."IX_archived_after_sale_lines_order_id_line_no" ON "archived_after_sale_lines" ("order_id", "line_no");

-- The mover's scan: finished after-sales by last change (a partial index would need the status list twice).
CREATE INDEX "IX_after_sales_status_updated_at" ON "after_sales" ("status", "updated_at");
