-- Version 19: failed attempts in a row to arrange a return's logistics (warehouse announcement, pickup booking); at
-- Activities:PickupBookingAttempts the return is parked for ops (no next attempt) until retry-pickup resets it.
ALTER TABLE after_sales ADD COLUMN return_attempts integer NOT NULL DEFAULT 0;
