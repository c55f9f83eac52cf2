-- Version 10: a dispatcher pass reads back and releases its claimed messages by claimed_by. Dispatched messages stay in
-- the table, so without an index each pass scanned all of it twice; only claimed rows are indexed.
CREATE INDEX "IX_outbox_messages_claimed_by" ON outbox_messages (claimed_by) WHERE claimed_by IS NOT NULL;
