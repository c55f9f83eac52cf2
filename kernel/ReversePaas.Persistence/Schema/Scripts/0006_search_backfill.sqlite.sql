-- Version 6: the search back-fill's checkpoint (last key done), saved with each batch so a run resumes.
CREATE TABLE "search_backfill_checkpoints" (
    "id" TEXT NOT NULL CONSTRAINT "PK_search_backfill_checkpoints" PRIMARY KEY,
    "last_key" TEXT NOT NULL,
    "processed" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL
);
