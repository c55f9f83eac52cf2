-- Version 6: the search back-fill's checkpoint (last key done), saved with each batch so a run resumes.
CREATE TABLE search_backfill_checkpoints (
    id character varying(64) NOT NULL,
    last_key character varying(64) NOT NULL,
    processed bigint NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT "PK_search_backfill_checkpoints" PRIMARY KEY (id)
);
