-- Version 23 (issue 20, cold and hot data): finished after-sales older than Archive:After leave the hot tables for the
-- archive (docs/persistence.md, "Archive"), a schema of its own in the same database, so the mover copies and deletes
-- in one transaction and backups, grants or a tablespace can treat it apart.
-- The archive keeps every column of the hot rows, under the same names and types (LIKE), plus when the row moved: the
-- same EF mapping reads an archived after-sale back (no second serialisation of the aggregate to keep in step), and the
-- pickup address stays the ciphertext it was. A column added to after_sales or after_sale_lines later is added here too.
CREATE SCHEMA IF NOT EXISTS archive;

CREATE TABLE archive.archived_after_sales (LIKE after_sales INCLUDING DEFAULTS);
ALTER TABLE archive.archived_after_sales ADD COLUMN archived_at timestamp with time zone NOT NULL;
ALTER TABLE archive.archived_after_sales ADD CONSTRAINT "PK_archived_after_sales" PRIMARY KEY (after_sale_id);
CREATE INDEX "IX_archived_after_sales_order_id" ON archive.archived_after_sales (order_id);
CREATE INDEX "IX_archived_after_sales_user_id_created_at" ON archive.archived_after_sales (user_id, created_at);
CREATE INDEX "IX_archived_after_sales_vender_id_created_at" ON archive.archived_after_sales (vender_id, created_at);
CREATE INDEX "IX_archived_after_sales_created_at" ON archive.archived_after_sales (created_at);

CREATE TABLE archive.archived_after_sale_lines (LIKE after_sale_lines INCLUDING DEFAULTS);
ALTER TABLE archive.archived_after_sale_lines ADD CONSTRAINT "PK_archived_after_sale_lines" PRIMARY KEY (after_sale_id, line_no);
CREATE INDEX "IX_archived_after_sale_lines_order_id_line_no" ON archive.archived_after_sale_lines (order_id, line_no);

-- The mover's scan: finished after-sales by last change.
CREATE INDEX "IX_after_sales_status_updated_at" ON after_sales (status, updated_at);
