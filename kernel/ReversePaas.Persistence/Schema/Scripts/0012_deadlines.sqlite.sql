-- Version 12: deadlines leave Quartz's job store for a table of our own (their due times follow the hosts' clock;
-- Hangfire runs what is due). The pending triggers of a database that held Quartz's tables move over (Quartz keeps
-- times as .NET ticks; ours are Unix milliseconds), then Quartz's tables go. A database that never had them gets an
-- empty stand-in of the one table read, so the move is a no-op.
CREATE TABLE "deadlines" (
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "due_at" INTEGER NOT NULL,
    "run_id" TEXT NULL,
    "claimed_until" INTEGER NULL,
    CONSTRAINT "PK_deadlines" PRIMARY KEY ("kind", "key")
);
CREATE INDEX "IX_deadlines_due_at" ON "deadlines" ("due_at");

CREATE TABLE IF NOT EXISTS "qrtz_triggers" ("sched_name" TEXT, "trigger_name" TEXT, "trigger_group" TEXT,
    "next_fire_time" BIGINT, "prev_fire_time" BIGINT, "start_time" BIGINT);
INSERT OR IGNORE INTO "deadlines" ("kind", "key", "due_at")
SELECT "trigger_group", "trigger_name",
       (COALESCE("next_fire_time", "prev_fire_time", "start_time") - 621355968000000000) / 10000
FROM "qrtz_triggers"
WHERE "trigger_group" IN ('unpaid-order', 'review-timeout', 'return-shipment-timeout', 'combined-pickup')
  AND COALESCE("next_fire_time", "prev_fire_time", "start_time") IS NOT NULL;

DROP TABLE IF EXISTS "qrtz_execution_history";
DROP TABLE IF EXISTS "qrtz_misfire_history";
DROP TABLE IF EXISTS "qrtz_job_status";
DROP TABLE IF EXISTS "qrtz_paused_job_grps";
DROP TABLE IF EXISTS "qrtz_fired_triggers";
DROP TABLE IF EXISTS "qrtz_paused_trigger_grps";
DROP TABLE IF EXISTS "qrtz_scheduler_state";
DROP TABLE IF EXISTS "qrtz_locks";
DROP TABLE IF EXISTS "qrtz_simple_triggers";
DROP TABLE IF EXISTS "qrtz_simprop_triggers";
DROP TABLE IF EXISTS "qrtz_cron_triggers";
DROP TABLE IF EXISTS "qrtz_blob_triggers";
DROP TABLE IF EXISTS "qrtz_triggers";
DROP TABLE IF EXISTS "qrtz_job_details";
DROP TABLE IF EXISTS "qrtz_calendars";
