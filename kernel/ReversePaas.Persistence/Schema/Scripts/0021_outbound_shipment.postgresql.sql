-- Version 21 (API.md v1.1): the outbound shipment of an exchange or a repair runs as a background step after the
-- receipt (or the repair); until it ran, outbound_due is set (the status stays PendingReturn or Repairing), and its
-- failed attempts back off. The shipment's carrier and tracking number are kept (null: none yet).
ALTER TABLE after_sales ADD COLUMN outbound_due boolean NOT NULL DEFAULT false;
ALTER TABLE after_sales ADD COLUMN outbound_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE after_sales ADD COLUMN outbound_carrier character varying(64) NULL;
ALTER TABLE after_sales ADD COLUMN outbound_tracking_no character varying(128) NULL;
