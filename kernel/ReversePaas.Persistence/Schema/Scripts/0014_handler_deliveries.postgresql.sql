-- Version 14: how far each event handler (execution.after-sale-event) has been told about each after-sale, so a
-- failing handler is retried without repeating the others.
CREATE TABLE handler_deliveries (
    extension_id character varying(128) NOT NULL,
    after_sale_id character varying(64) NOT NULL,
    delivered_through integer NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT "PK_handler_deliveries" PRIMARY KEY (extension_id, after_sale_id)
);
