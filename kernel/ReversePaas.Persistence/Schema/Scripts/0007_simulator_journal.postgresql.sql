-- Version 7 created the embedded simulators' journal here. It has its own step now (Simulation/Scripts, run by
-- SimulatorJournalSchema only when a simulator serves a port), so a new database holds only the product's tables;
-- databases migrated before keep theirs, which the journal goes on using.
SELECT 1;
