-- Contracts the back office loads (I3): each line carries the back office's own line id,
-- by which an upsert finds it again (and keeps its id, which requests name), and the
-- item's category; a request's history may show a step the back office made (a call-off
-- completed because its items were returned at the counter). Same numbering and meaning
-- as migrations/postgres/0011_contract_upserts.sql.

-- Lines written before this migration are named by their line number.
ALTER TABLE contract_lines ADD COLUMN external_id TEXT NOT NULL DEFAULT '';
UPDATE contract_lines SET external_id = CAST(line_no AS TEXT);
CREATE UNIQUE INDEX contract_lines_external ON contract_lines (contract_id, external_id);
ALTER TABLE contract_lines ADD COLUMN category TEXT;

-- SQLite cannot change a CHECK constraint: the table is rebuilt (nothing references it).
CREATE TABLE request_events_new (
    id             BLOB PRIMARY KEY,
    request_id     BLOB NOT NULL REFERENCES customer_requests (id) ON DELETE CASCADE,
    status         TEXT NOT NULL
        CHECK (status IN ('requested', 'acknowledged', 'scheduled', 'completed', 'cancelled')),
    note           TEXT,
    scheduled_date DATE,
    actor_user_id  BLOB REFERENCES users (id),
    -- 'customer', 'store' or 'back_office' (a line status the back office sent)
    actor_kind     TEXT NOT NULL CHECK (actor_kind IN ('customer', 'store', 'back_office')),
    occurred_at    TIMESTAMP NOT NULL
);
INSERT INTO request_events_new (id, request_id, status, note, scheduled_date, actor_user_id,
    actor_kind, occurred_at)
SELECT id, request_id, status, note, scheduled_date, actor_user_id, actor_kind, occurred_at
FROM request_events;
DROP TABLE request_events;
ALTER TABLE request_events_new RENAME TO request_events;
CREATE INDEX request_events_request ON request_events (request_id, occurred_at);
