-- Version 17: the W3C traceparent of the change that wrote an outbox message, so that its delivery continues the same
-- trace (null: the change was not traced).
ALTER TABLE outbox_messages ADD COLUMN trace_parent character varying(64) NULL;
