-- Same numbering and meaning in migrations/sqlite and migrations/postgres.
--
-- The contract feed writes a contract's search text itself (db::contract_upserts knows the
-- lines it is about to store), so the triggers of 0026 only keep it for other writers and
-- no longer rewrite rows that are already right. With 0026 alone every contract the feed
-- stored was written twice on PostgreSQL: once by the INSERT and again by the lines'
-- statement trigger, a new row version with an entry in each of the table's indexes
-- (the feed took 42% longer). Now:
--  * an INSERT that brings a text keeps it; one that does not gets it computed;
--  * an UPDATE that changes the number, job, PO or site without bringing a new text gets
--    it computed, one that brings a new text keeps it;
--  * the lines' statement triggers compute the text of each contract they touched and
--    write it only where it differs from what is stored.
-- Whoever brings a text must bring the one `contract_search_text` would compute once its
-- lines are written; the lines' triggers correct it wherever lines were written.
CREATE OR REPLACE FUNCTION contract_search_text_own() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.search_text = '' THEN
            NEW.search_text := contract_search_text(NEW.id, NEW.number, NEW.job_number, NEW.po_number, NEW.job_site);
        END IF;
    ELSIF NEW.search_text IS NOT DISTINCT FROM OLD.search_text
        AND (NEW.number, NEW.job_number, NEW.po_number, NEW.job_site)
            IS DISTINCT FROM (OLD.number, OLD.job_number, OLD.po_number, OLD.job_site) THEN
        NEW.search_text := contract_search_text(NEW.id, NEW.number, NEW.job_number, NEW.po_number, NEW.job_site);
    END IF;
    RETURN NEW;
END $$;

-- The contracts `p_ids` names get the text of their stored lines where theirs differs.
CREATE FUNCTION contract_search_text_refresh(p_ids UUID[]) RETURNS VOID LANGUAGE sql AS $$
    UPDATE contracts c SET search_text = t.text
    FROM (SELECT c2.id, contract_search_text(c2.id, c2.number, c2.job_number, c2.po_number, c2.job_site) AS text
          FROM contracts c2 WHERE c2.id = ANY (p_ids)) t
    WHERE c.id = t.id AND c.search_text IS DISTINCT FROM t.text
$$;

CREATE OR REPLACE FUNCTION contract_search_text_from_lines() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM contract_search_text_refresh(ARRAY(SELECT DISTINCT contract_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM contract_search_text_refresh(ARRAY(SELECT DISTINCT contract_id FROM old_rows));
    ELSE
        PERFORM contract_search_text_refresh(ARRAY(
            SELECT DISTINCT x.contract_id FROM new_rows n JOIN old_rows o ON o.id = n.id
            CROSS JOIN LATERAL (VALUES (n.contract_id), (o.contract_id)) x (contract_id)
            WHERE (n.contract_id, n.description, n.serial_number, n.item_code)
                IS DISTINCT FROM (o.contract_id, o.description, o.serial_number, o.item_code)));
    END IF;
    RETURN NULL;
END $$;
