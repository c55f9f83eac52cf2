-- Version 13: uploaded plugin packages, kept in the database so every host of a cluster serves the same active
-- version (API.md v1.1, "Plugin packages").
CREATE TABLE "plugin_packages" (
    "plugin_id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    "state" TEXT NOT NULL,
    "uploaded_at" INTEGER NOT NULL,
    "activated_at" INTEGER NULL,
    CONSTRAINT "PK_plugin_packages" PRIMARY KEY ("plugin_id", "version")
);
CREATE INDEX "IX_plugin_packages_state" ON "plugin_packages" ("state");
