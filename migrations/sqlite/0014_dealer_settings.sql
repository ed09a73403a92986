-- When a called-off item stops being billed (a dealer setting, H9): the day the customer
-- calls it off, or the pickup date they ask for. The call-off records the date it came to.
ALTER TABLE dealers ADD COLUMN billing_stops_on TEXT NOT NULL DEFAULT 'pickup_date'
    CHECK (billing_stops_on IN ('call_off_date', 'pickup_date'));
