-- Version 20 (API.md v1.1, "Personal data"): the application's pickup address, protected by ASP.NET Core Data
-- Protection before it is written (ciphertext only; null: none), and the Data Protection key ring, kept in the database
-- so that every host of a cluster protects and reads with the same keys (the key XML is not encrypted: docs/security.md).
ALTER TABLE "after_sales" ADD COLUMN "protected_pickup_address" TEXT NULL;
CREATE TABLE "data_protection_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_data_protection_keys" PRIMARY KEY AUTOINCREMENT,
    "friendly_name" TEXT NULL,
    "xml" TEXT NULL
);
