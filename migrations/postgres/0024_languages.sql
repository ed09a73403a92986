-- Same numbering and meaning in migrations/sqlite and migrations/postgres.
--
-- Languages (A13, issue 15 item 6): the languages a dealer offers its customers, as
-- comma-separated BCP 47 tags in the order offered (`en`, `es`, `fr-CA`; English until the
-- dealer admin chooses), and each user's own choice, remembered across devices (NULL: none
-- made yet, the browser's language decides).
ALTER TABLE dealers ADD COLUMN languages TEXT NOT NULL DEFAULT 'en';
ALTER TABLE users ADD COLUMN language TEXT;
