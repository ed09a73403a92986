-- The back office's change feed (I4): one row per event a customer or staff action caused,
-- written in the transaction of that action. `seq` is the commit order on SQLite (one writer
-- at a time); `txid` exists so the feed reads one SQL text on both engines and is always 0
-- here (PostgreSQL stores the writing transaction's id, see that migration).
CREATE TABLE integration_events (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    txid        INTEGER NOT NULL DEFAULT 0,
    id          BLOB NOT NULL UNIQUE,
    dealer_id   BLOB NOT NULL REFERENCES dealers (id),
    type        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    -- The customer the event is about, if any. No foreign key: the feed is a log, kept for
    -- its retention only, and must not stop the back office from deleting a record.
    customer_id BLOB,
    payload     TEXT NOT NULL
);
CREATE INDEX integration_events_feed ON integration_events (dealer_id, txid, seq);
CREATE INDEX integration_events_age ON integration_events (occurred_at);

-- How far each dealer's feed has been pruned: every event at or before this position is
-- gone, so a cursor before it answers 410 Gone.
CREATE TABLE integration_event_watermarks (
    dealer_id BLOB PRIMARY KEY REFERENCES dealers (id),
    txid      INTEGER NOT NULL,
    seq       INTEGER NOT NULL,
    pruned_at TIMESTAMP NOT NULL
);
