-- A platform admin working inside one dealer's admin view (H1): at most one dealer per
-- platform admin at a time. While a row exists, the dealer-admin routes treat the user as
-- an admin of `dealer_id` and scope everything to it; deleting the row ends it.
CREATE TABLE platform_acting_dealers (
    user_id    UUID PRIMARY KEY REFERENCES users (id),
    dealer_id  UUID NOT NULL REFERENCES dealers (id),
    started_at TIMESTAMPTZ NOT NULL
);
