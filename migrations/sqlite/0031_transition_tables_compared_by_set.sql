-- Same numbering and meaning in migrations/sqlite and migrations/postgres.
--
-- PostgreSQL's statement triggers compare a statement's old and new transition tables by
-- set difference from this migration on, instead of a join whose cached plan could be a
-- nested loop. SQLite has only row-level triggers (see 0025, 0028): nothing to change.
SELECT 1;
