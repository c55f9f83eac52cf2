-- Version 22 (API.md v1.1): an exchange line may name its replacement SKU (null on the other types), and the
-- inventory reservation of the replacement (Pending, Reserved, OutOfStock, Released; null on the other types).
ALTER TABLE after_sale_lines ADD COLUMN replacement_sku_id character varying(64) NULL;
ALTER TABLE after_sales ADD COLUMN replacement_reservation character varying(16) NULL;
