-- Version 16: events from the broker (API.md "In"). The courier's latest pickup update on the after-sale (JSON; null:
-- none), and the ids of the inbound messages already applied, written in the transaction of their effect, so a
-- redelivered message is not applied twice.
ALTER TABLE after_sales ADD COLUMN pickup character varying(1000) NULL;
CREATE TABLE applied_messages (
    message_id character varying(256) NOT NULL,
    type character varying(128) NOT NULL,
    applied_at timestamp with time zone NOT NULL,
    CONSTRAINT "PK_applied_messages" PRIMARY KEY (message_id)
);
