-- Version 4: the transactional outbox (messages written with each change, deliveries per consumer) and the search
-- read model's documents, written by the outbox consumer from the latest state.
CREATE TABLE "after_sale_search" (
    "after_sale_id" TEXT NOT NULL CONSTRAINT "PK_after_sale_search" PRIMARY KEY,
    "order_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "vender_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "indexed_at" INTEGER NOT NULL
);

CREATE TABLE "outbox_deliveries" (
    "message_id" INTEGER NOT NULL,
    "consumer" TEXT NOT NULL,
    "delivered_at" INTEGER NOT NULL,
    CONSTRAINT "PK_outbox_deliveries" PRIMARY KEY ("message_id", "consumer")
);

CREATE TABLE "outbox_messages" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_outbox_messages" PRIMARY KEY AUTOINCREMENT,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "dispatched_at" INTEGER NULL,
    "attempts" INTEGER NOT NULL,
    "last_error" TEXT NULL,
    "next_attempt_at" INTEGER NULL
);

CREATE INDEX "IX_after_sale_search_user_id_created_at" ON "after_sale_search" ("user_id", "created_at");

CREATE INDEX "IX_after_sale_search_vender_id_created_at" ON "after_sale_search" ("vender_id", "created_at");

CREATE INDEX "IX_outbox_messages_dispatched_at_id" ON "outbox_messages" ("dispatched_at", "id");
