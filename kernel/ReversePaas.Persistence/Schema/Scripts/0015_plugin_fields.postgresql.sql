-- Version 15: plugin-owned fields (an application's "extensions", checked against each plugin's manifest schema), kept
-- as one JSON object of plugin id → value on the after-sale's row (empty text: none; the migrator's SQL may not hold
-- braces); they are only read and written with it.
ALTER TABLE after_sales ADD COLUMN plugin_fields text NOT NULL DEFAULT '';
