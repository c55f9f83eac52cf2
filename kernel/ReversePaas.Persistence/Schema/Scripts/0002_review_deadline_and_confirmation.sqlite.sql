-- Version 2 (Sdk 1.1): unanswered reviews auto-approve at a deadline (review.timeoutHours); a cancellation can wait
-- for the merchant's confirmation instead of a warehouse interception.
ALTER TABLE "after_sales" ADD COLUMN "awaiting_confirmation" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "after_sales" ADD COLUMN "review_deadline" INTEGER NULL;
CREATE INDEX "IX_after_sales_status_review_deadline" ON "after_sales" ("status", "review_deadline");
