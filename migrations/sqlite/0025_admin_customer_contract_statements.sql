-- Same numbering and meaning in migrations/sqlite and migrations/postgres.
--
-- PostgreSQL rebuilds the admin list's rows once per statement from this migration on
-- (transition tables). SQLite has only row-level triggers and keeps 0015's: there a
-- rebuild reads one customer's rows through its index, in process, without a round trip,
-- and a batch of 1,000 contracts takes ~90 ms in all (docs/architecture.md, Benchmarks).
SELECT 1;
