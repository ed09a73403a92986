-- A platform admin working inside one dealer's admin view (H1): at most one dealer per
-- platform admin at a time. While a row exists, the dealer-admin routes treat the user as
-- an admin of `dealer_id` and scope everything to it; deleting the row ends it.
CREATE TABLE platform_acting_dealers (
    user_id    BLOB PRIMARY KEY REFERENCES users (id),
    dealer_id  BLOB NOT NULL REFERENCES dealers (id),
    started_at TIMESTAMP NOT NULL
);
