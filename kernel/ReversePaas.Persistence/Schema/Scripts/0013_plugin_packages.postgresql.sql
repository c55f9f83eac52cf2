-- Version 13: uploaded plugin packages, kept in the database so every host of a cluster serves the same active
-- version (API.md v1.1, "Plugin packages").
CREATE TABLE plugin_packages (
    plugin_id character varying(64) NOT NULL,
    version character varying(32) NOT NULL,
    sha256 character varying(64) NOT NULL,
    content bytea NOT NULL,
    state character varying(16) NOT NULL,
    uploaded_at timestamp with time zone NOT NULL,
    activated_at timestamp with time zone NULL,
    CONSTRAINT "PK_plugin_packages" PRIMARY KEY (plugin_id, version)
);
CREATE INDEX "IX_plugin_packages_state" ON plugin_packages (state);
