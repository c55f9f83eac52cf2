-- The embedded simulators' journal (every call, the first success per idempotency key, attempt counters), stored so
-- that the simulated external systems remember across host restarts and share memory between hosts. Created only when
-- a simulator serves a port (SimulatorJournalSchema); IF NOT EXISTS, as databases migrated before have the tables.
CREATE TABLE IF NOT EXISTS "simulator_attempts" (
    "done_key" TEXT NOT NULL CONSTRAINT "PK_simulator_attempts" PRIMARY KEY,
    "attempts" INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS "simulator_calls" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_simulator_calls" PRIMARY KEY AUTOINCREMENT,
    "system" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "amount" TEXT NULL,
    "outcome" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "at" INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS "simulator_outcomes" (
    "done_key" TEXT NOT NULL CONSTRAINT "PK_simulator_outcomes" PRIMARY KEY,
    "reference" TEXT NOT NULL,
    "at" INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS "IX_simulator_calls_order_id" ON "simulator_calls" ("order_id");

CREATE INDEX IF NOT EXISTS "IX_simulator_calls_system" ON "simulator_calls" ("system");
