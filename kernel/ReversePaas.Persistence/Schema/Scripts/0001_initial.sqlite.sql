-- Version 1: orders, after-sales, refunds. Generated from the EF model (see docs/persistence.md), then reviewed.
CREATE TABLE "after_sales" (
    "after_sale_id" TEXT NOT NULL CONSTRAINT "PK_after_sales" PRIMARY KEY,
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
    "evidence" TEXT NOT NULL
);


CREATE TABLE "orders" (
    "order_id" TEXT NOT NULL CONSTRAINT "PK_orders" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "vender_id" TEXT NOT NULL,
    "vender_type" TEXT NOT NULL,
    "order_type" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "warehouse_stage" TEXT NOT NULL,
    "freight" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "completed_at" INTEGER NULL,
    "business_identity" TEXT NOT NULL,
    "attributes" TEXT NOT NULL,
    "ledger_paid" TEXT NOT NULL,
    "ledger_refunded" TEXT NOT NULL,
    "ledger_reserved" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL
);


CREATE TABLE "refunds" (
    "refund_id" TEXT NOT NULL CONSTRAINT "PK_refunds" PRIMARY KEY,
    "after_sale_id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "amount" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "paid_at" INTEGER NOT NULL
);


CREATE TABLE "after_sale_capabilities" (
    "after_sale_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "extension_point" TEXT NOT NULL,
    "extension" TEXT NOT NULL,
    "plugin" TEXT NOT NULL,
    CONSTRAINT "PK_after_sale_capabilities" PRIMARY KEY ("after_sale_id", "sequence"),
    CONSTRAINT "FK_after_sale_capabilities_after_sales_after_sale_id" FOREIGN KEY ("after_sale_id") REFERENCES "after_sales" ("after_sale_id") ON DELETE CASCADE
);


CREATE TABLE "after_sale_lines" (
    "after_sale_id" TEXT NOT NULL,
    "line_no" INTEGER NOT NULL,
    "order_id" TEXT NOT NULL,
    "sku_id" TEXT NOT NULL,
    "sku_name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "refund_amount" TEXT NOT NULL,
    CONSTRAINT "PK_after_sale_lines" PRIMARY KEY ("after_sale_id", "line_no"),
    CONSTRAINT "FK_after_sale_lines_after_sales_after_sale_id" FOREIGN KEY ("after_sale_id") REFERENCES "after_sales" ("after_sale_id") ON DELETE CASCADE
);


CREATE TABLE "after_sale_timeline" (
    "after_sale_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "at" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    CONSTRAINT "PK_after_sale_timeline" PRIMARY KEY ("after_sale_id", "sequence"),
    CONSTRAINT "FK_after_sale_timeline_after_sales_after_sale_id" FOREIGN KEY ("after_sale_id") REFERENCES "after_sales" ("after_sale_id") ON DELETE CASCADE
);


CREATE TABLE "order_discounts" (
    "order_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" TEXT NOT NULL,
    "line_nos" TEXT NOT NULL,
    CONSTRAINT "PK_order_discounts" PRIMARY KEY ("order_id", "position"),
    CONSTRAINT "FK_order_discounts_orders_order_id" FOREIGN KEY ("order_id") REFERENCES "orders" ("order_id") ON DELETE CASCADE
);


CREATE TABLE "order_lines" (
    "order_id" TEXT NOT NULL,
    "line_no" INTEGER NOT NULL,
    "sku_id" TEXT NOT NULL,
    "sku_name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_price" TEXT NOT NULL,
    "promotion_type" TEXT NOT NULL,
    "weight_grams" INTEGER NULL,
    "allocated_discount" TEXT NOT NULL,
    "paid_amount" TEXT NOT NULL,
    CONSTRAINT "PK_order_lines" PRIMARY KEY ("order_id", "line_no"),
    CONSTRAINT "FK_order_lines_orders_order_id" FOREIGN KEY ("order_id") REFERENCES "orders" ("order_id") ON DELETE CASCADE
);


CREATE INDEX "IX_after_sale_lines_order_id_line_no" ON "after_sale_lines" ("order_id", "line_no");


CREATE UNIQUE INDEX "IX_after_sales_applicant_role_applicant_subject_idempotency_key" ON "after_sales" ("applicant_role", "applicant_subject", "idempotency_key");


CREATE INDEX "IX_after_sales_created_at" ON "after_sales" ("created_at");


CREATE INDEX "IX_after_sales_order_id" ON "after_sales" ("order_id");


CREATE INDEX "IX_after_sales_status_next_attempt_at" ON "after_sales" ("status", "next_attempt_at");


CREATE INDEX "IX_after_sales_user_id_created_at" ON "after_sales" ("user_id", "created_at");


CREATE INDEX "IX_after_sales_vender_id_created_at" ON "after_sales" ("vender_id", "created_at");


CREATE INDEX "IX_orders_user_id" ON "orders" ("user_id");


CREATE INDEX "IX_orders_vender_id" ON "orders" ("vender_id");


CREATE UNIQUE INDEX "IX_refunds_after_sale_id" ON "refunds" ("after_sale_id");


CREATE INDEX "IX_refunds_order_id" ON "refunds" ("order_id");


