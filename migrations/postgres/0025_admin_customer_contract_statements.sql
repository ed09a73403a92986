-- Same numbering and meaning in migrations/sqlite and migrations/postgres.
--
-- The admin list's rows (0015) follow contracts once per statement, not once per row: a
-- batch of 1,000 contracts for one customer rebuilt that customer's row 1,000 times, each
-- rebuild reading all of its contracts (quadratic in the customer's size; issue 16, item 4).
-- Statement-level triggers with transition tables rebuild each customer a statement touched
-- once, in id order. An update rebuilds only when a column the row shows changed.
DROP TRIGGER admin_customer_rows_contract ON contracts;

CREATE FUNCTION admin_customer_rows_from_contracts() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    cid UUID;
BEGIN
    IF TG_OP = 'INSERT' THEN
        FOR cid IN SELECT DISTINCT customer_id FROM new_rows ORDER BY customer_id LOOP
            PERFORM admin_customer_rebuild(cid);
        END LOOP;
    ELSIF TG_OP = 'DELETE' THEN
        FOR cid IN SELECT DISTINCT customer_id FROM old_rows ORDER BY customer_id LOOP
            PERFORM admin_customer_rebuild(cid);
        END LOOP;
    ELSE
        FOR cid IN
            SELECT x.customer_id FROM (
                SELECT n.customer_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                WHERE (n.customer_id, n.location_id, n.number) IS DISTINCT FROM (o.customer_id, o.location_id, o.number)
                UNION
                SELECT o.customer_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                WHERE (n.customer_id, n.location_id, n.number) IS DISTINCT FROM (o.customer_id, o.location_id, o.number)
            ) x ORDER BY x.customer_id
        LOOP
            PERFORM admin_customer_rebuild(cid);
        END LOOP;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER admin_customer_rows_contract_insert AFTER INSERT ON contracts
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION admin_customer_rows_from_contracts();
CREATE TRIGGER admin_customer_rows_contract_update AFTER UPDATE ON contracts
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION admin_customer_rows_from_contracts();
CREATE TRIGGER admin_customer_rows_contract_delete AFTER DELETE ON contracts
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION admin_customer_rows_from_contracts();
