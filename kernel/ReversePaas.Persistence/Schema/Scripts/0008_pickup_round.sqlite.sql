-- Version 8 (Sdk 1.1): an order's pickups are dispatched in rounds (all returns waiting for a pickup go together,
-- shortly before the earliest time asked for); the round a return travelled in keys a combined shipment.
ALTER TABLE "after_sales" ADD COLUMN "pickup_round" INTEGER NULL;
