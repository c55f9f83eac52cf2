-- Version 9: several hosts dispatch the outbox; a pass claims the messages it delivers (who, until when), so no two
-- hosts deliver a message at once, and a dead host's claims lapse.
ALTER TABLE outbox_messages ADD COLUMN claimed_by character varying(64) NULL;
ALTER TABLE outbox_messages ADD COLUMN claimed_until timestamp with time zone NULL;
