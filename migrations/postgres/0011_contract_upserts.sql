-- Contracts the back office loads (I3): each line carries the back office's own line id,
-- by which an upsert finds it again (and keeps its id, which requests name), and the
-- item's category; a request's history may show a step the back office made (a call-off
-- completed because its items were returned at the counter). Same numbering and meaning
-- as migrations/sqlite/0011_contract_upserts.sql.

-- Lines written before this migration are named by their line number.
ALTER TABLE contract_lines ADD COLUMN external_id TEXT;
UPDATE contract_lines SET external_id = CAST(line_no AS TEXT);
ALTER TABLE contract_lines ALTER COLUMN external_id SET NOT NULL;
CREATE UNIQUE INDEX contract_lines_external ON contract_lines (contract_id, external_id);
ALTER TABLE contract_lines ADD COLUMN category TEXT;

ALTER TABLE request_events DROP CONSTRAINT request_events_actor_kind_check;
-- 'customer', 'store' or 'back_office' (a line status the back office sent)
ALTER TABLE request_events ADD CONSTRAINT request_events_actor_kind_check
    CHECK (actor_kind IN ('customer', 'store', 'back_office'));
