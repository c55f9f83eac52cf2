-- Version 11: an after-sale's timeline and capability uses become JSON text columns of its row. They are only read and
-- written with the after-sale, and as child tables an application wrote six extra rows (docs/benchmarks.md). Existing
-- rows move into the columns (times were Unix milliseconds, now ISO 8601 UTC); then the child tables are dropped.
-- SQLite does not promise json_group_array's order: the reader sorts by "seq".
ALTER TABLE "after_sales" ADD COLUMN "timeline" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "after_sales" ADD COLUMN "capabilities" TEXT NOT NULL DEFAULT '[]';

UPDATE "after_sales" SET "timeline" = (
    SELECT json_group_array(json_object(
        'seq', t."sequence",
        'at', strftime('%Y-%m-%dT%H:%M:%fZ', t."at" / 1000, 'unixepoch', printf('+%d.%03d seconds', 0, t."at" % 1000)),
        'status', t."status", 'actor', t."actor", 'note', t."note"))
    FROM (SELECT * FROM "after_sale_timeline" x WHERE x."after_sale_id" = "after_sales"."after_sale_id" ORDER BY x."sequence") t)
WHERE EXISTS (SELECT 1 FROM "after_sale_timeline" x WHERE x."after_sale_id" = "after_sales"."after_sale_id");

UPDATE "after_sales" SET "capabilities" = (
    SELECT json_group_array(json_object(
        'seq', c."sequence", 'point', c."extension_point", 'extension', c."extension", 'plugin', c."plugin"))
    FROM (SELECT * FROM "after_sale_capabilities" x WHERE x."after_sale_id" = "after_sales"."after_sale_id" ORDER BY x."sequence") c)
WHERE EXISTS (SELECT 1 FROM "after_sale_capabilities" x WHERE x."after_sale_id" = "after_sales"."after_sale_id");

DROP TABLE "after_sale_timeline";
DROP TABLE "after_sale_capabilities";
