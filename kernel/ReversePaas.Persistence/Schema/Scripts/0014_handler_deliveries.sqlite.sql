-- Version 14: how far each event handler (execution.after-sale-event) has been told about each after-sale, so a
-- failing handler is retried without repeating the others.
CREATE TABLE "handler_deliveries" (
    "extension_id" TEXT NOT NULL,
    "after_sale_id" TEXT NOT NULL,
    "delivered_through" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    CONSTRAINT "PK_handler_deliveries" PRIMARY KEY ("extension_id", "after_sale_id")
);
