-- The back office's change feed (I4): one row per event a customer or staff action caused,
-- written in the transaction of that action. `txid` is the writing transaction's id
-- (pg_current_xact_id(), 64 bits, never wraps): the feed returns only events of
-- transactions older than every transaction still running (pg_snapshot_xmin) and orders by
-- (txid, seq), so a transaction that commits late with a lower seq is never skipped.
CREATE TABLE integration_events (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    txid        BIGINT NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    id          UUID NOT NULL UNIQUE,
    dealer_id   UUID NOT NULL REFERENCES dealers (id),
    type        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    -- The customer the event is about, if any. No foreign key: the feed is a log, kept for
    -- its retention only, and must not stop the back office from deleting a record.
    customer_id UUID,
    payload     TEXT NOT NULL
);
CREATE INDEX integration_events_feed ON integration_events (dealer_id, txid, seq);
CREATE INDEX integration_events_age ON integration_events (occurred_at);

-- How far each dealer's feed has been pruned: every event at or before this position is
-- gone, so a cursor before it answers 410 Gone.
CREATE TABLE integration_event_watermarks (
    dealer_id UUID PRIMARY KEY REFERENCES dealers (id),
    txid      BIGINT NOT NULL,
    seq       BIGINT NOT NULL,
    pruned_at TIMESTAMPTZ NOT NULL
);
