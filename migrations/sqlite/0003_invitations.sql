-- Invitations (A4, A12): a dealer admin or an account owner invites an email address to a
-- customer account. Same numbering and meaning as migrations/postgres/0003_invitations.sql.

CREATE TABLE invitations (
    id           BLOB PRIMARY KEY,
    dealer_id    BLOB NOT NULL REFERENCES dealers (id),
    customer_id  BLOB NOT NULL REFERENCES customers (id),
    email        TEXT NOT NULL,
    -- The contact's name when the email is one of the customer's contacts.
    invitee_name TEXT,
    role         TEXT NOT NULL CHECK (role IN ('owner', 'member')),
    can_view     BOOLEAN NOT NULL,
    can_pay      BOOLEAN NOT NULL,
    can_call_off BOOLEAN NOT NULL,
    can_order    BOOLEAN NOT NULL,
    -- 'admin' (dealer or platform admin) or 'owner' (the account's owner).
    invited_via  TEXT NOT NULL CHECK (invited_via IN ('admin', 'owner')),
    invited_by   BLOB REFERENCES users (id),
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    accepted_at  TIMESTAMP,
    accepted_by  BLOB REFERENCES users (id),
    revoked_at   TIMESTAMP
);
-- Resending supersedes the earlier invitations of the same email to the same customer.
CREATE INDEX invitations_customer_email ON invitations (customer_id, email);
