-- Version 5: full-text search over the read model. An FTS5 table with the trigram tokenizer (substring matches of 3+
-- characters, any language) kept in step with after_sale_search by triggers.
CREATE VIRTUAL TABLE "after_sale_search_fts" USING fts5("after_sale_id" UNINDEXED, "text", tokenize = 'trigram');
CREATE TRIGGER "after_sale_search_ai" AFTER INSERT ON "after_sale_search" BEGIN
  INSERT INTO "after_sale_search_fts" ("after_sale_id", "text") VALUES (new."after_sale_id", new."text");
END;
CREATE TRIGGER "after_sale_search_au" AFTER UPDATE ON "after_sale_search" BEGIN
  DELETE FROM "after_sale_search_fts" WHERE "after_sale_id" = old."after_sale_id";
  INSERT INTO "after_sale_search_fts" ("after_sale_id", "text") VALUES (new."after_sale_id", new."text");
END;
CREATE TRIGGER "after_sale_search_ad" AFTER DELETE ON "after_sale_search" BEGIN
  DELETE FROM "after_sale_search_fts" WHERE "after_sale_id" = old."after_sale_id";
END;
INSERT INTO "after_sale_search_fts" ("after_sale_id", "text") SELECT "after_sale_id", "text" FROM "after_sale_search";
