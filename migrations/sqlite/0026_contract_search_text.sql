-- Same numbering and meaning in migrations/sqlite and migrations/postgres.
--
-- A contract's free-text search reads one column (issue 16, item 2): `search_text` holds,
-- lower-cased and one per line, the contract's number, job, PO and job site and each of its
-- lines' description, serial number and item code, so a customer's search tests one text
-- per contract of its own instead of probing every contract's lines. Triggers keep it
-- current for every writer (SQLite has row-level triggers only: a line written rebuilds
-- its contract's text from that contract's few lines).
ALTER TABLE contracts ADD COLUMN search_text TEXT NOT NULL DEFAULT '';

-- Rebuilds the text of the contract `contract_id` names; the trigger below does it and the
-- row is gone again (the table is always empty between statements).
CREATE TABLE contract_search_dirty (contract_id BLOB NOT NULL);
CREATE TRIGGER contract_search_rebuild AFTER INSERT ON contract_search_dirty
BEGIN
    UPDATE contracts SET search_text = LOWER(number
        || COALESCE(char(10) || job_number, '') || COALESCE(char(10) || po_number, '')
        || COALESCE(char(10) || job_site, '')
        || COALESCE((SELECT char(10) || group_concat(cl.description
                || COALESCE(char(10) || cl.serial_number, '') || COALESCE(char(10) || cl.item_code, ''), char(10))
            FROM contract_lines cl WHERE cl.contract_id = contracts.id), ''))
    WHERE id = NEW.contract_id;
    DELETE FROM contract_search_dirty WHERE contract_id = NEW.contract_id;
END;

INSERT INTO contract_search_dirty (contract_id) SELECT id FROM contracts;

CREATE TRIGGER contract_search_text_insert AFTER INSERT ON contracts
BEGIN
    INSERT INTO contract_search_dirty (contract_id) VALUES (NEW.id);
END;
CREATE TRIGGER contract_search_text_update AFTER UPDATE OF number, job_number, po_number, job_site ON contracts
BEGIN
    INSERT INTO contract_search_dirty (contract_id) VALUES (NEW.id);
END;
CREATE TRIGGER contract_search_text_lines_insert AFTER INSERT ON contract_lines
BEGIN
    INSERT INTO contract_search_dirty (contract_id) VALUES (NEW.contract_id);
END;
CREATE TRIGGER contract_search_text_lines_update
    AFTER UPDATE OF contract_id, description, serial_number, item_code ON contract_lines
BEGIN
    INSERT INTO contract_search_dirty (contract_id) VALUES (NEW.contract_id);
    INSERT INTO contract_search_dirty (contract_id) SELECT OLD.contract_id WHERE OLD.contract_id <> NEW.contract_id;
END;
CREATE TRIGGER contract_search_text_lines_delete AFTER DELETE ON contract_lines
BEGIN
    INSERT INTO contract_search_dirty (contract_id) VALUES (OLD.contract_id);
END;
