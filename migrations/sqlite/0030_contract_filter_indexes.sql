-- Same numbering and meaning in migrations/sqlite and migrations/postgres.
--
-- Indexes for the contract list's status tabs and its amount sorts (issue 16, item 1), so
-- these pages are read in index order, either direction, and stop after the page instead
-- of reading and sorting every matching contract of the customer (db::contracts::order_by
-- puts every key in the chosen direction):
-- * a status tab in the default order: the status index gains the order's tie-breakers;
-- * by amount or amount due, with or without a status: the status rides at the end, so a
--   tab's page tests it in the index. With the heaviest customer's 1,000 open contracts of
--   2,000, "open, by amount" read and sorted all 1,000 rows for each page of 50.
-- Close date and status sort by expressions (empties last; the status's own order) and
-- still sort the customer's matching contracts.
DROP INDEX contracts_customer_status_start;
CREATE INDEX contracts_customer_status_start ON contracts (customer_id, status, start_date, number, id);
CREATE INDEX contracts_customer_amount ON contracts (customer_id, amount_minor, number, id, status);
CREATE INDEX contracts_customer_amount_due ON contracts (customer_id, amount_due_minor, number, id, status);
