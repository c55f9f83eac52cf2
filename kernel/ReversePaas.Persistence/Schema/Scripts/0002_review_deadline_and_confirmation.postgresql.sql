-- Version 2 (Sdk 1.1): unanswered reviews auto-approve at a deadline (review.timeoutHours); a cancellation can wait
-- for the merchant's confirmation instead of a warehouse interception.
ALTER TABLE after_sales ADD COLUMN awaiting_confirmation boolean NOT NULL DEFAULT FALSE;
ALTER TABLE after_sales ADD COLUMN review_deadline timestamp with time zone NULL;
CREATE INDEX "IX_after_sales_status_review_deadline" ON after_sales (status, review_deadline);
