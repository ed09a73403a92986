-- A phone number logs in (A2), so it must name one login: what the application checked
-- before an update is now guaranteed under concurrent writes too. Partial, so the many
-- users without a phone are unaffected.
DROP INDEX users_phone;
CREATE UNIQUE INDEX users_phone_unique ON users (phone_normalized) WHERE phone_normalized IS NOT NULL;
