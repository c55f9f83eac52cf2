-- Version 5: fuzzy search over the read model with pg_trgm (a trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "IX_after_sale_search_text_trgm" ON after_sale_search USING gin (text gin_trgm_ops);
