-- Version 11: an after-sale's timeline and capability uses become JSON text columns of its row. They are only read and
-- written with the after-sale, and as child tables an application wrote six extra rows (docs/benchmarks.md). Existing
-- rows move into the columns, in sequence order, with times in UTC; then the child tables are dropped.
ALTER TABLE after_sales ADD COLUMN timeline text NOT NULL DEFAULT '[]', ADD COLUMN capabilities text NOT NULL DEFAULT '[]';

UPDATE after_sales a SET timeline = t.doc
FROM (
    SELECT after_sale_id,
           json_agg(json_build_object(
               'seq', sequence,
               'at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
               'status', status, 'actor', actor, 'note', note) ORDER BY sequence)::text AS doc
    FROM after_sale_timeline
    GROUP BY after_sale_id
) t
WHERE a.after_sale_id = t.after_sale_id;

UPDATE after_sales a SET capabilities = c.doc
FROM (
    SELECT after_sale_id,
           json_agg(json_build_object(
               'seq', sequence, 'point', extension_point, 'extension', extension, 'plugin', plugin) ORDER BY sequence)::text AS doc
    FROM after_sale_capabilities
    GROUP BY after_sale_id
) c
WHERE a.after_sale_id = c.after_sale_id;

DROP TABLE after_sale_timeline;
DROP TABLE after_sale_capabilities;
