-- Same numbering and meaning in migrations/sqlite and migrations/postgres.
--
-- The statement triggers of 0025 (admin list rows after an UPDATE of contracts) and 0028
-- (search text after an UPDATE of lines) found the changed rows by joining the statement's
-- old and new transition tables on id. PL/pgSQL plans such a query once per session and
-- reuses the plan: made for a statement of a few rows, it is a nested loop that rescans
-- one transition table for each row of the other, and a later statement of 40,000 rows
-- then compared 1.6 billion pairs, rereading a transition table spilled to disk each time
-- (minutes instead of a second; seen in the search plan test, depending on which pooled
-- connection it drew). The changed rows are now the set differences of the two tables
-- (`EXCEPT`), which PostgreSQL computes by hashing or sorting whatever plan it keeps: the
-- same rows as before (the compared columns' `IS DISTINCT FROM` is `EXCEPT`'s equality),
-- in time that grows with the statement's size, not its square.

CREATE OR REPLACE FUNCTION admin_customer_rows_from_contracts() RETURNS TRIGGER LANGUAGE plpgsql AS $$
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
        -- A contract whose customer, location or number changed counts for its customer
        -- before and after; an id is never changed by the application.
        FOR cid IN
            SELECT DISTINCT x.customer_id FROM (
                (SELECT id, customer_id, location_id, number FROM new_rows
                 EXCEPT SELECT id, customer_id, location_id, number FROM old_rows)
                UNION ALL
                (SELECT id, customer_id, location_id, number FROM old_rows
                 EXCEPT SELECT id, customer_id, location_id, number FROM new_rows)
            ) x ORDER BY x.customer_id
        LOOP
            PERFORM admin_customer_rebuild(cid);
        END LOOP;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION contract_search_text_from_lines() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM contract_search_text_refresh(ARRAY(SELECT DISTINCT contract_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM contract_search_text_refresh(ARRAY(SELECT DISTINCT contract_id FROM old_rows));
    ELSE
        -- A line whose contract or searched text changed counts for its contract before
        -- and after.
        PERFORM contract_search_text_refresh(ARRAY(
            SELECT DISTINCT x.contract_id FROM (
                (SELECT id, contract_id, description, serial_number, item_code FROM new_rows
                 EXCEPT SELECT id, contract_id, description, serial_number, item_code FROM old_rows)
                UNION ALL
                (SELECT id, contract_id, description, serial_number, item_code FROM old_rows
                 EXCEPT SELECT id, contract_id, description, serial_number, item_code FROM new_rows)
            ) x));
    END IF;
    RETURN NULL;
END $$;
