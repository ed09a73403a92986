-- Same numbering and meaning in migrations/sqlite and migrations/postgres.
--
-- The contract feed writes a contract's search text itself (db::contract_upserts knows the
-- lines it is about to store): an INSERT that brings a text keeps it, one that does not
-- gets it computed. Everything else stays as 0026 made it: SQLite's row triggers rebuild
-- the text of a contract whose number, job, PO or site changes and of every contract a
-- written line belongs to, so the text is right after each statement whoever writes.
DROP TRIGGER contract_search_text_insert;
CREATE TRIGGER contract_search_text_insert AFTER INSERT ON contracts WHEN NEW.search_text = ''
BEGIN
    INSERT INTO contract_search_dirty (contract_id) VALUES (NEW.id);
END;
