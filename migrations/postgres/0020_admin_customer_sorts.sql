-- The customer list's "last login" and "portal status" sorts read an index instead of sorting
-- every row of the dealer (issue 13: a page over 50,000 customers at p99 < 50 ms). Each
-- index holds the sort keys exactly as db::admin_customers::order_by writes them, so the
-- planner matches the expressions; login has one index per direction because its first
-- key (logged-in rows first) keeps its direction while the others follow the chosen one.
-- Same numbering and meaning as migrations/sqlite/0020_admin_customer_sorts.sql.

DROP INDEX admin_customer_rows_login;

CREATE INDEX admin_customer_rows_login_asc ON admin_customer_rows (
    dealer_id, (CASE WHEN last_login_at IS NULL THEN 1 ELSE 0 END), last_login_at, sort_name, customer_id);
CREATE INDEX admin_customer_rows_login_desc ON admin_customer_rows (
    dealer_id, (CASE WHEN last_login_at IS NULL THEN 1 ELSE 0 END), last_login_at DESC, sort_name DESC,
    customer_id DESC);
CREATE INDEX admin_customer_rows_status_rank ON admin_customer_rows (
    dealer_id,
    (CASE portal_status WHEN 'deactivated' THEN 0 WHEN 'locked' THEN 1 WHEN 'active' THEN 2
        WHEN 'invited' THEN 3 ELSE 4 END),
    sort_name, customer_id);
