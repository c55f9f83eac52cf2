-- Version 12: deadlines leave Quartz's job store for a table of our own (their due times follow the hosts' clock;
-- Hangfire runs what is due). The pending triggers of a database that held Quartz's tables move over (Quartz keeps
-- times as .NET ticks), then Quartz's tables go. A database that never had them skips the move.
CREATE TABLE deadlines (
    kind character varying(40) NOT NULL,
    key character varying(64) NOT NULL,
    due_at timestamp with time zone NOT NULL,
    run_id character varying(32) NULL,
    claimed_until timestamp with time zone NULL,
    CONSTRAINT "PK_deadlines" PRIMARY KEY (kind, key)
);
CREATE INDEX "IX_deadlines_due_at" ON deadlines (due_at);

DO $$
BEGIN
    IF to_regclass('qrtz_triggers') IS NOT NULL THEN
        INSERT INTO deadlines (kind, key, due_at)
        SELECT trigger_group, trigger_name,
               to_timestamp(((COALESCE(next_fire_time, prev_fire_time, start_time) - 621355968000000000) / 10000000.0)::double precision)
        FROM qrtz_triggers
        WHERE trigger_group IN ('unpaid-order', 'review-timeout', 'return-shipment-timeout', 'combined-pickup')
          AND COALESCE(next_fire_time, prev_fire_time, start_time) IS NOT NULL
        ON CONFLICT DO NOTHING;
    END IF;
END
$$;

DROP TABLE IF EXISTS qrtz_execution_history, qrtz_misfire_history, qrtz_job_status, qrtz_paused_job_grps,
    qrtz_fired_triggers, qrtz_paused_trigger_grps, qrtz_scheduler_state, qrtz_locks,
    qrtz_simple_triggers, qrtz_simprop_triggers, qrtz_cron_triggers, qrtz_blob_triggers, qrtz_triggers,
    qrtz_job_details, qrtz_calendars CASCADE;
