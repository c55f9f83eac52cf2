-- Version 18 (API.md v1.1): a rejected after-sale can be appealed once within a window from its rejection, and risk
-- control can hold its refund (reason, who, since when; null: not held).
ALTER TABLE after_sales ADD COLUMN rejected_at timestamp with time zone NULL;
ALTER TABLE after_sales ADD COLUMN appeal_count integer NOT NULL DEFAULT 0;
ALTER TABLE after_sales ADD COLUMN appeal_reason character varying(2000) NULL;
ALTER TABLE after_sales ADD COLUMN hold_reason character varying(2000) NULL;
ALTER TABLE after_sales ADD COLUMN hold_by character varying(96) NULL;
ALTER TABLE after_sales ADD COLUMN hold_at timestamp with time zone NULL;
CREATE INDEX "IX_after_sales_hold_at" ON after_sales (hold_at);
