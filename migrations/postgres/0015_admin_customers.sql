-- The dealer admin's customer list (H2-H5): portal access that an admin deactivates without
-- touching the back-office record, and one denormalised row per customer and location that
-- the list filters, sorts and searches without joins. Same numbering and meaning as
-- migrations/sqlite/0015_admin_customers.sql.

-- Trigram indexes make "contains" search an index lookup (pg_trgm ships with PostgreSQL and
-- is a trusted extension: a database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Set when a dealer admin closed the portal to the whole customer (H5). `portal_enabled`
-- stays the back office's; this is the portal's own switch, and nothing else changes.
ALTER TABLE customers ADD COLUMN portal_deactivated_at TIMESTAMPTZ;
-- Set when a dealer admin closed this customer account to this one user (H5).
ALTER TABLE memberships ADD COLUMN deactivated_at TIMESTAMPTZ;

-- One row per customer and location it does business at (its home store and every store of
-- its contracts; a customer without any has one row without a location), as seed 002 lists
-- customers. Derived data only, kept current by the triggers below in the transaction
-- that changes its sources; `db::admin_customers` reads it. Rows go with their customer.
CREATE TABLE admin_customer_rows (
    customer_id    UUID NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    dealer_id      UUID NOT NULL REFERENCES dealers (id),
    location_id    UUID REFERENCES locations (id),
    -- LOWER(name): the default sort.
    sort_name      TEXT NOT NULL,
    account_number TEXT NOT NULL,
    -- Lower-cased name, account number, emails (customer and contacts) and contract numbers,
    -- one per line, for "contains" search.
    search_text    TEXT NOT NULL,
    -- The digits of every phone on record (customer, mobile, contacts), one per line.
    search_digits  TEXT NOT NULL,
    -- never_invited, invited, active, locked or deactivated (see portal_status in the code).
    portal_status  TEXT NOT NULL,
    -- The eligibility rules of domain::eligibility, and the two counts they need.
    eligible       BOOLEAN NOT NULL,
    phone_holders  BIGINT NOT NULL,
    contracts      BIGINT NOT NULL,
    -- The latest login of any of the customer's users.
    last_login_at  TIMESTAMPTZ
);
CREATE INDEX admin_customer_rows_customer ON admin_customer_rows (customer_id);
CREATE INDEX admin_customer_rows_name ON admin_customer_rows (dealer_id, sort_name, customer_id);
CREATE INDEX admin_customer_rows_number ON admin_customer_rows (dealer_id, account_number, customer_id);
CREATE INDEX admin_customer_rows_location ON admin_customer_rows (dealer_id, location_id, sort_name);
CREATE INDEX admin_customer_rows_status ON admin_customer_rows (dealer_id, portal_status, sort_name);
CREATE INDEX admin_customer_rows_eligible ON admin_customer_rows (dealer_id, eligible, sort_name);
CREATE INDEX admin_customer_rows_login ON admin_customer_rows (dealer_id, last_login_at);
CREATE INDEX admin_customer_rows_search ON admin_customer_rows USING gin (search_text gin_trgm_ops);
CREATE INDEX admin_customer_rows_digits ON admin_customer_rows USING gin (search_digits gin_trgm_ops);

-- Rebuilds one customer's rows. The customer's row lock serialises concurrent rebuilds of
-- the same customer, so each sees the other's committed changes (NO KEY UPDATE does not
-- block the foreign-key checks of inserts that name the customer).
CREATE FUNCTION admin_customer_rebuild(cid UUID) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM customers WHERE id = cid FOR NO KEY UPDATE;
    DELETE FROM admin_customer_rows WHERE customer_id = cid;
    INSERT INTO admin_customer_rows (customer_id, dealer_id, location_id, sort_name, account_number,
        search_text, search_digits, portal_status, eligible, phone_holders, contracts, last_login_at)
    SELECT c.id, c.dealer_id, loc.location_id, LOWER(c.name), c.account_number,
        LOWER(c.name || E'\n' || c.account_number || E'\n' || COALESCE(c.email, '')
            || COALESCE((SELECT E'\n' || string_agg(k.email, E'\n') FROM contacts k
                         WHERE k.customer_id = c.id AND k.email IS NOT NULL), '')
            || COALESCE((SELECT E'\n' || string_agg(n.number, E'\n') FROM contracts n
                         WHERE n.customer_id = c.id), '')),
        regexp_replace(
            COALESCE(c.phone_normalized, '') || E'\n' || COALESCE(c.phone, '') || E'\n'
            || COALESCE(c.mobile_phone, '')
            || COALESCE((SELECT E'\n' || string_agg(k.phone, E'\n') FROM contacts k
                         WHERE k.customer_id = c.id AND k.phone IS NOT NULL), ''),
            '[ ()+./-]', '', 'g'),
        CASE
            WHEN c.portal_deactivated_at IS NOT NULL THEN 'deactivated'
            WHEN EXISTS (SELECT 1 FROM memberships m WHERE m.customer_id = c.id)
                AND NOT EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
                    WHERE m.customer_id = c.id AND m.deactivated_at IS NULL AND u.is_active = TRUE)
                THEN 'deactivated'
            WHEN EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
                WHERE m.customer_id = c.id AND m.deactivated_at IS NULL AND u.is_active = TRUE
                AND u.locked_at IS NOT NULL) THEN 'locked'
            WHEN EXISTS (SELECT 1 FROM memberships m WHERE m.customer_id = c.id) THEN 'active'
            WHEN EXISTS (SELECT 1 FROM invitations i WHERE i.customer_id = c.id
                AND i.accepted_at IS NULL AND i.revoked_at IS NULL) THEN 'invited'
            ELSE 'never_invited'
        END,
        c.portal_enabled AND c.kind = 'account'
            AND TRIM(COALESCE(c.phone_normalized, '')) <> '' AND facts.phone_holders <= 1
            AND TRIM(COALESCE(c.email, '')) <> '' AND TRIM(COALESCE(c.postal_code, '')) <> ''
            AND facts.contracts > 0,
        facts.phone_holders, facts.contracts,
        (SELECT MAX(u.last_login_at) FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.customer_id = c.id)
    FROM customers c
    CROSS JOIN (SELECT
            (SELECT CAST(COUNT(*) AS BIGINT) FROM customers o WHERE o.dealer_id = x.dealer_id
             AND o.phone_normalized = x.phone_normalized) AS phone_holders,
            (SELECT CAST(COUNT(*) AS BIGINT) FROM contracts k WHERE k.customer_id = x.id) AS contracts
          FROM customers x WHERE x.id = cid) facts
    LEFT JOIN (SELECT DISTINCT location_id FROM contracts WHERE customer_id = cid
               UNION
               SELECT home_location_id FROM customers
               WHERE id = cid AND home_location_id IS NOT NULL) loc ON TRUE
    WHERE c.id = cid;
END $$;

-- A customer's own record; a new or changed primary phone also changes whether the other
-- customers with that phone hold it alone (the duplicate-phone rule).
CREATE FUNCTION admin_customer_rows_from_customer() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    other UUID;
BEGIN
    PERFORM admin_customer_rebuild(NEW.id);
    FOR other IN
        SELECT id FROM customers
        WHERE id <> NEW.id AND dealer_id = NEW.dealer_id AND phone_normalized = NEW.phone_normalized
        ORDER BY id
    LOOP
        PERFORM admin_customer_rebuild(other);
    END LOOP;
    IF TG_OP = 'UPDATE' THEN
        FOR other IN
            SELECT id FROM customers
            WHERE id <> OLD.id AND dealer_id = OLD.dealer_id AND phone_normalized = OLD.phone_normalized
            AND (OLD.phone_normalized IS DISTINCT FROM NEW.phone_normalized OR OLD.dealer_id <> NEW.dealer_id)
            ORDER BY id
        LOOP
            PERFORM admin_customer_rebuild(other);
        END LOOP;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER admin_customer_rows_customer AFTER INSERT OR UPDATE ON customers
    FOR EACH ROW EXECUTE FUNCTION admin_customer_rows_from_customer();

-- Contracts (locations, numbers, the contract count), contacts (emails, phones),
-- memberships and invitations (portal status), each by the customer it names.
CREATE FUNCTION admin_customer_rows_from_child() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM admin_customer_rebuild(OLD.customer_id);
    ELSE
        PERFORM admin_customer_rebuild(NEW.customer_id);
        IF TG_OP = 'UPDATE' THEN
            IF OLD.customer_id <> NEW.customer_id THEN
                PERFORM admin_customer_rebuild(OLD.customer_id);
            END IF;
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER admin_customer_rows_contract AFTER INSERT OR DELETE OR UPDATE OF customer_id, location_id, number
    ON contracts FOR EACH ROW EXECUTE FUNCTION admin_customer_rows_from_child();
CREATE TRIGGER admin_customer_rows_contact AFTER INSERT OR UPDATE OR DELETE ON contacts
    FOR EACH ROW EXECUTE FUNCTION admin_customer_rows_from_child();
CREATE TRIGGER admin_customer_rows_membership AFTER INSERT OR UPDATE OR DELETE ON memberships
    FOR EACH ROW EXECUTE FUNCTION admin_customer_rows_from_child();
CREATE TRIGGER admin_customer_rows_invitation AFTER INSERT OR UPDATE OR DELETE ON invitations
    FOR EACH ROW EXECUTE FUNCTION admin_customer_rows_from_child();

-- A user's lock, login and active flag show on every customer they belong to.
CREATE FUNCTION admin_customer_rows_from_user() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    member_of UUID;
BEGIN
    FOR member_of IN SELECT customer_id FROM memberships WHERE user_id = NEW.id ORDER BY customer_id LOOP
        PERFORM admin_customer_rebuild(member_of);
    END LOOP;
    RETURN NULL;
END $$;
CREATE TRIGGER admin_customer_rows_user AFTER UPDATE OF locked_at, last_login_at, is_active ON users
    FOR EACH ROW EXECUTE FUNCTION admin_customer_rows_from_user();

-- The rows of the customers already on record.
SELECT admin_customer_rebuild(id) FROM customers;
