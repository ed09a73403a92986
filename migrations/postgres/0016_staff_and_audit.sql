-- Staff and roles (H10) and the dealer's audit log (H12).
-- Same numbering and meaning as migrations/sqlite/0016_staff_and_audit.sql.

-- When a staff login's latest invitation was sent, and when the login first had a password
-- of its own (the invited person chose it). Logins made with a password are active from
-- the start.
ALTER TABLE users ADD COLUMN invited_at TIMESTAMPTZ;
ALTER TABLE users ADD COLUMN activated_at TIMESTAMPTZ;
UPDATE users SET activated_at = created_at WHERE password_hash IS NOT NULL;

-- The stores a dealer_staff member works for: their inbox shows only these stores'
-- requests, feedback and notifications (and those of no store). No rows: every store.
CREATE TABLE staff_locations (
    user_id     UUID NOT NULL REFERENCES users (id),
    location_id UUID NOT NULL REFERENCES locations (id),
    dealer_id   UUID NOT NULL REFERENCES dealers (id),
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, location_id)
);

-- The user an event was done to (an admin unlocking, resetting, inviting, deactivating...),
-- beside the actor; earlier events kept it in their details, where it is taken from.
ALTER TABLE audit_events ADD COLUMN target_user_id UUID REFERENCES users (id);
UPDATE audit_events SET target_user_id = (
    SELECT u.id FROM users u
    WHERE u.id::text = CAST(audit_events.details AS jsonb) ->> 'target_user_id'
) WHERE details LIKE '%"target_user_id"%';
UPDATE audit_events SET target_user_id = (
    SELECT u.id FROM users u
    WHERE u.id::text = CAST(audit_events.details AS jsonb) ->> 'admin_user_id'
) WHERE action = 'platform.admin_created';

-- Staff sign-ins and other events of a dealer's own people belong to that dealer's log.
UPDATE audit_events SET dealer_id = (
    SELECT u.dealer_id FROM users u WHERE u.id = audit_events.actor_user_id
) WHERE dealer_id IS NULL AND actor_user_id IN (
    SELECT id FROM users WHERE role IN ('dealer_staff', 'dealer_admin') AND dealer_id IS NOT NULL
);

CREATE INDEX audit_events_dealer_action ON audit_events (dealer_id, action, occurred_at);
CREATE INDEX audit_events_customer_time ON audit_events (customer_id, occurred_at);
CREATE INDEX audit_events_target_time ON audit_events (target_user_id, occurred_at);
