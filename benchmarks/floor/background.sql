-- The background work of one batch of changes, as the host's outbox dispatcher runs it on PostgreSQL (captured with
-- log_statement=all on 2026-12-06, commit 8294c9d): find due messages, claim them, read them and what was delivered,
-- then the search projection (read the after-sales, upsert their search rows), the deadline check, and mark them
-- dispatched. The host does this for up to 50 messages at once; so does this script (the messages the application
-- floor wrote). What differs: the claim's ids travel as one array variable (\gset), and the search rows are upserted
-- by one INSERT … SELECT where the host sends one INSERT per row (so this floor is, if anything, cheaper).
SELECT coalesce(array_agg(id ORDER BY id)::text, '{}') AS ids FROM (
    SELECT o.id
    FROM outbox_messages AS o
    WHERE o.dispatched_at IS NULL AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= now()) AND (o.claimed_until IS NULL OR o.claimed_until < now())
    ORDER BY o.id
    LIMIT 50) AS due \gset
UPDATE outbox_messages AS o
SET claimed_by = 'floor-' || :client_id,
    claimed_until = now() + interval '30 seconds'
WHERE o.id = ANY (:ids::bigint[]) AND o.dispatched_at IS NULL AND (o.claimed_until IS NULL OR o.claimed_until < now());
SELECT coalesce(array_agg(o.key)::text, '{}') AS keys, coalesce(array_agg(o.id)::text, '{}') AS claimed FROM (
    SELECT o.id, o.attempts, o.claimed_by, o.claimed_until, o.created_at, o.dispatched_at, o.key, o.last_error, o.next_attempt_at, o.order_id, o.topic, o.trace_parent
    FROM outbox_messages AS o
    WHERE o.claimed_by = 'floor-' || :client_id
    ORDER BY o.id) AS o \gset
SELECT o.message_id AS "MessageId", o.consumer AS "Consumer"
FROM outbox_deliveries AS o
WHERE o.message_id = ANY (:claimed::bigint[]);
SELECT a.after_sale_id, a.appeal_count, a.appeal_reason, a.applicant_role, a.applicant_subject, a.awaiting_confirmation, a.business_identity, a.carrier, a.created_at, a.freight_refund, a.hold_at, a.hold_by, a.hold_reason, a.idempotency_key, a.last_error, a.next_attempt_at, a.order_id, a.pickup, a.pickup_at, a.pickup_round, a.plugin_fields, a.reason, a.refund_amount, a.refund_attempts, a.refund_reference, a.rejected_at, a.request_fingerprint, a.return_arranged, a.return_attempts, a.review_by, a.review_deadline, a.shipment_id, a.status, a.tracking_no, a.type, a.updated_at, a.user_id, a.vender_id, a.version, a.capabilities, a.evidence, a.timeline, a0.after_sale_id, a0.line_no, a0.order_id, a0.quantity, a0.refund_amount, a0.sku_id, a0.sku_name
FROM after_sales AS a
LEFT JOIN after_sale_lines AS a0 ON a.after_sale_id = a0.after_sale_id
WHERE a.after_sale_id = ANY (:keys::text[])
ORDER BY a.after_sale_id, a0.after_sale_id;
INSERT INTO "after_sale_search" ("after_sale_id", "order_id", "user_id", "vender_id", "status", "type", "text", "version", "created_at", "indexed_at")
SELECT a.after_sale_id, a.order_id, a.user_id, a.vender_id, a.status, a.type, lower(a.after_sale_id || ' ' || a.order_id || ' ' || a.reason || ' a load item'), a.version, a.created_at, now()
FROM after_sales AS a WHERE a.after_sale_id = ANY (:keys::text[])
ON CONFLICT ("after_sale_id") DO UPDATE SET
    "order_id" = excluded."order_id", "user_id" = excluded."user_id", "vender_id" = excluded."vender_id",
    "status" = excluded."status", "type" = excluded."type", "text" = excluded."text", "version" = excluded."version",
    "created_at" = excluded."created_at", "indexed_at" = excluded."indexed_at"
WHERE excluded."version" >= "after_sale_search"."version";
SELECT d.key AS "Key", d.kind AS "Kind"
FROM deadlines AS d
WHERE d.key = ANY (:keys::text[]);
UPDATE outbox_messages AS o
SET dispatched_at = now(),
    last_error = NULL,
    next_attempt_at = NULL,
    claimed_by = NULL,
    claimed_until = NULL
WHERE o.id = ANY (:claimed::bigint[]) AND o.claimed_by = 'floor-' || :client_id;
