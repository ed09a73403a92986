-- The dealer admin's customer list (H2-H5): portal access that an admin deactivates without
-- touching the back-office record, and one denormalised row per customer and location that
-- the list filters, sorts and searches without joins. Same numbering and meaning as
-- migrations/postgres/0015_admin_customers.sql.

-- Set when a dealer admin closed the portal to the whole customer (H5). `portal_enabled`
-- stays the back office's; this is the portal's own switch, and nothing else changes.
ALTER TABLE customers ADD COLUMN portal_deactivated_at TIMESTAMP;
-- Set when a dealer admin closed this customer account to this one user (H5).
ALTER TABLE memberships ADD COLUMN deactivated_at TIMESTAMP;

-- One row per customer and location it does business at (its home store and every store of
-- its contracts; a customer without any has one row without a location), as seed 002 lists
-- customers. Derived data only, kept current by the triggers below in the transaction
-- that changes its sources; `db::admin_customers` reads it. Rows go with their customer.
CREATE TABLE admin_customer_rows (
    customer_id    BLOB NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    dealer_id      BLOB NOT NULL REFERENCES dealers (id),
    location_id    BLOB REFERENCES locations (id),
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
    last_login_at  TIMESTAMP
);
CREATE INDEX admin_customer_rows_customer ON admin_customer_rows (customer_id);
CREATE INDEX admin_customer_rows_name ON admin_customer_rows (dealer_id, sort_name, customer_id);
CREATE INDEX admin_customer_rows_number ON admin_customer_rows (dealer_id, account_number, customer_id);
CREATE INDEX admin_customer_rows_location ON admin_customer_rows (dealer_id, location_id, sort_name);
CREATE INDEX admin_customer_rows_status ON admin_customer_rows (dealer_id, portal_status, sort_name);
CREATE INDEX admin_customer_rows_eligible ON admin_customer_rows (dealer_id, eligible, sort_name);
CREATE INDEX admin_customer_rows_login ON admin_customer_rows (dealer_id, last_login_at);

-- Customers whose rows must be rebuilt. A row inserted here rebuilds that customer's rows
-- at once (the trigger below) and is gone again: the table is always empty between
-- statements. Every source table's trigger just inserts the customer ids it touched.
CREATE TABLE admin_customer_dirty (customer_id BLOB NOT NULL);

CREATE TRIGGER admin_customer_rebuild AFTER INSERT ON admin_customer_dirty
BEGIN
    DELETE FROM admin_customer_rows WHERE customer_id = NEW.customer_id;
    INSERT INTO admin_customer_rows (customer_id, dealer_id, location_id, sort_name, account_number,
        search_text, search_digits, portal_status, eligible, phone_holders, contracts, last_login_at)
    SELECT c.id, c.dealer_id, loc.location_id, LOWER(c.name), c.account_number,
        LOWER(c.name || char(10) || c.account_number || char(10) || COALESCE(c.email, '')
            || COALESCE((SELECT char(10) || group_concat(k.email, char(10)) FROM contacts k
                         WHERE k.customer_id = c.id AND k.email IS NOT NULL), '')
            || COALESCE((SELECT char(10) || group_concat(n.number, char(10)) FROM contracts n
                         WHERE n.customer_id = c.id), '')),
        REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(
            COALESCE(c.phone_normalized, '') || char(10) || COALESCE(c.phone, '') || char(10)
            || COALESCE(c.mobile_phone, '')
            || COALESCE((SELECT char(10) || group_concat(k.phone, char(10)) FROM contacts k
                         WHERE k.customer_id = c.id AND k.phone IS NOT NULL), ''),
            ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', ''), '/', ''),
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
        c.portal_enabled = TRUE AND c.kind = 'account'
            AND TRIM(COALESCE(c.phone_normalized, '')) <> '' AND facts.phone_holders <= 1
            AND TRIM(COALESCE(c.email, '')) <> '' AND TRIM(COALESCE(c.postal_code, '')) <> ''
            AND facts.contracts > 0,
        facts.phone_holders, facts.contracts,
        (SELECT MAX(u.last_login_at) FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.customer_id = c.id)
    FROM customers c
    JOIN (SELECT
            (SELECT COUNT(*) FROM customers o WHERE o.dealer_id = x.dealer_id
             AND o.phone_normalized = x.phone_normalized) AS phone_holders,
            (SELECT COUNT(*) FROM contracts k WHERE k.customer_id = x.id) AS contracts
          FROM customers x WHERE x.id = NEW.customer_id) facts
    LEFT JOIN (SELECT DISTINCT location_id FROM contracts WHERE customer_id = NEW.customer_id
               UNION
               SELECT home_location_id FROM customers
               WHERE id = NEW.customer_id AND home_location_id IS NOT NULL) loc ON 1 = 1
    WHERE c.id = NEW.customer_id;
    DELETE FROM admin_customer_dirty WHERE customer_id = NEW.customer_id;
END;

-- A customer's own record; a new or changed primary phone also changes whether the other
-- customers with that phone hold it alone (the duplicate-phone rule).
CREATE TRIGGER admin_customer_rows_customer_insert AFTER INSERT ON customers
BEGIN
    INSERT INTO admin_customer_dirty (customer_id) VALUES (NEW.id);
    INSERT INTO admin_customer_dirty (customer_id) SELECT id FROM customers
    WHERE dealer_id = NEW.dealer_id AND phone_normalized = NEW.phone_normalized AND id <> NEW.id;
END;
CREATE TRIGGER admin_customer_rows_customer_update AFTER UPDATE ON customers
BEGIN
    INSERT INTO admin_customer_dirty (customer_id) VALUES (NEW.id);
END;
CREATE TRIGGER admin_customer_rows_customer_phone AFTER UPDATE OF phone_normalized, dealer_id ON customers
WHEN OLD.phone_normalized IS NOT NEW.phone_normalized OR OLD.dealer_id IS NOT NEW.dealer_id
BEGIN
    INSERT INTO admin_customer_dirty (customer_id) SELECT id FROM customers
    WHERE dealer_id = OLD.dealer_id AND phone_normalized = OLD.phone_normalized AND id <> NEW.id;
    INSERT INTO admin_customer_dirty (customer_id) SELECT id FROM customers
    WHERE dealer_id = NEW.dealer_id AND phone_normalized = NEW.phone_normalized AND id <> NEW.id;
END;

-- Contracts (locations, numbers, the contract count), contacts (emails, phones),
-- memberships and invitations (portal status), each by the customer it names.
CREATE TRIGGER admin_customer_rows_contract_insert AFTER INSERT ON contracts
BEGIN
    INSERT INTO admin_customer_dirty (customer_id) VALUES (NEW.customer_id);
END;
CREATE TRIGGER admin_customer_rows_contract_update AFTER UPDATE OF customer_id, location_id, number ON contracts
BEGIN
    INSERT INTO admin_customer_dirty (customer_id) VALUES (NEW.customer_id);
    INSERT INTO admin_customer_dirty (customer_id) SELECT OLD.customer_id WHERE OLD.customer_id <> NEW.customer_id;
END;
CREATE TRIGGER admin_customer_rows_contract_delete AFTER DELETE ON contracts
BEGIN
    INSERT INTO admin_customer_dirty (customer_id) VALUES (OLD.customer_id);
END;

CREATE TRIGGER admin_customer_rows_contact_insert AFTER INSERT ON contacts
BEGIN
    INSERT INTO admin_customer_dirty (customer_id) VALUES (NEW.customer_id);
END;
CREATE TRIGGER admin_customer_rows_contact_update AFTER UPDATE ON contacts
BEGIN
    INSERT INTO admin_customer_dirty (customer_id) VALUES (NEW.customer_id);
    INSERT INTO admin_customer_dirty (customer_id) SELECT OLD.customer_id WHERE OLD.customer_id <> NEW.customer_id;
END;
CREATE TRIGGER admin_customer_rows_contact_delete AFTER DELETE ON contacts
BEGIN
    INSERT INTO admin_customer_dirty (customer_id) VALUES (OLD.customer_id);
END;

CREATE TRIGGER admin_customer_rows_membership_insert AFTER INSERT ON memberships
BEGIN
    INSERT INTO admin_customer_dirty (customer_id) VALUES (NEW.customer_id);
END;
CREATE TRIGGER admin_customer_rows_membership_update AFTER UPDATE ON memberships
BEGIN
    INSERT INTO admin_customer_dirty (customer_id) VALUES (NEW.customer_id);
    INSERT INTO admin_customer_dirty (customer_id) SELECT OLD.customer_id WHERE OLD.customer_id <> NEW.customer_id;
END;
CREATE TRIGGER admin_customer_rows_membership_delete AFTER DELETE ON memberships
BEGIN
    INSERT INTO admin_customer_dirty (customer_id) VALUES (OLD.customer_id);
END;

CREATE TRIGGER admin_customer_rows_invitation_insert AFTER INSERT ON invitations
BEGIN
    INSERT INTO admin_customer_dirty (customer_id) VALUES (NEW.customer_id);
END;
CREATE TRIGGER admin_customer_rows_invitation_update AFTER UPDATE ON invitations
BEGIN
    INSERT INTO admin_customer_dirty (customer_id) VALUES (NEW.customer_id);
END;
CREATE TRIGGER admin_customer_rows_invitation_delete AFTER DELETE ON invitations
BEGIN
    INSERT INTO admin_customer_dirty (customer_id) VALUES (OLD.customer_id);
END;

-- A user's lock, login and active flag show on every customer they belong to.
CREATE TRIGGER admin_customer_rows_user_update AFTER UPDATE OF locked_at, last_login_at, is_active ON users
BEGIN
    INSERT INTO admin_customer_dirty (customer_id) SELECT customer_id FROM memberships WHERE user_id = NEW.id;
END;

-- The rows of the customers already on record.
INSERT INTO admin_customer_dirty (customer_id) SELECT id FROM customers;
