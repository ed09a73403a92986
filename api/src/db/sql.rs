//! SQL pieces the list queries share, written once for both engines: case-insensitive
//! "contains" filters, `ORDER BY` with a total order, `LIMIT`/`OFFSET` paging, and a whole
//! list read as one streamed query (the CSV exports).

use futures_util::TryStreamExt;
use futures_util::stream::BoxStream;
use shared::paging::SortDir;
use sqlx::{Database, Encode, Executor, FromRow, IntoArguments, Pool, QueryBuilder, Type};

/// The rows of one query, read as the consumer asks for them.
pub type RowStream<T> = BoxStream<'static, Result<T, sqlx::Error>>;

/// Runs the query `qb` holds as one statement and yields its rows one by one: one pass over
/// the data, however long the list, instead of a page query per chunk (whose `OFFSET` makes
/// the work grow with the square of the length). Memory stays bounded and the client sets
/// the pace: PostgreSQL's rows wait in the socket, SQLite's worker in its bounded row
/// channel, until the stream is polled again. The stream holds one pooled connection (and,
/// on SQLite, one read snapshot) until it ends or is dropped. `persistent`: whether the
/// connection keeps the prepared statement (false for a search planned per run).
pub(crate) fn stream_rows<DB, R>(pool: Pool<DB>, mut qb: QueryBuilder<DB>, persistent: bool) -> RowStream<R>
where
    DB: Database + sqlx::database::HasStatementCache,
    DB::Arguments: IntoArguments<DB>,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    R: for<'r> FromRow<'r, DB::Row> + Send + Unpin + 'static,
{
    Box::pin(async_stream::try_stream! {
        let mut rows = qb.build_query_as::<R>().persistent(persistent).fetch(&pool);
        while let Some(row) = rows.try_next().await? {
            yield row;
        }
    })
}

/// `LIKE` pattern for a case-insensitive "contains", with the user's wildcards escaped.
pub(crate) fn contains_pattern(text: &str) -> String {
    let escaped = text.trim().to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// `LOWER(a) LIKE $n ESCAPE '\' OR LOWER(b) LIKE ...`: `pattern` (from [`contains_pattern`])
/// on any of `columns`, for the caller to put in parentheses.
pub(crate) fn push_like_any<DB>(qb: &mut QueryBuilder<DB>, columns: &[&str], pattern: &str)
where
    DB: Database,
    for<'q> String: Encode<'q, DB> + Type<DB>,
{
    for (i, column) in columns.iter().enumerate() {
        if i > 0 {
            qb.push(" OR ");
        }
        qb.push("LOWER(").push(*column).push(") LIKE ").push_bind(pattern.to_string()).push(" ESCAPE '\\'");
    }
}

/// ` AND (...)`: a case-insensitive "contains `text`" on any of `columns`; nothing when
/// `text` is absent or blank.
pub(crate) fn push_contains<DB>(qb: &mut QueryBuilder<DB>, columns: &[&str], text: Option<&str>)
where
    DB: Database,
    for<'q> String: Encode<'q, DB> + Type<DB>,
{
    let Some(text) = text.filter(|v| !v.trim().is_empty()) else { return };
    qb.push(" AND (");
    push_like_any(qb, columns, &contains_pattern(text));
    qb.push(")");
}

/// ` AND c.search_text LIKE $n ESCAPE '\'`: a contract's lower-cased text (its number, job,
/// PO, job site and every line's description, serial number and item code, kept by triggers,
/// migration 0026) contains `text`; nothing when `text` is absent or blank. The text is
/// indexed with the customer (0029: PostgreSQL's trigrams, SQLite's list index), so a search
/// reads the customer's own texts and never the lines. A statement with it is planned per
/// run when [`search_planned_per_run`] says so.
pub(crate) fn push_contract_text<DB>(qb: &mut QueryBuilder<DB>, text: Option<&str>)
where
    DB: Database,
    for<'q> String: Encode<'q, DB> + Type<DB>,
{
    let Some(text) = text.filter(|v| !v.trim().is_empty()) else { return };
    qb.push(" AND c.search_text LIKE ").push_bind(contains_pattern(text)).push(" ESCAPE '\\'");
}

/// Whether a statement searching contract texts for `text` ([`push_contract_text`]) is
/// planned for each run instead of kept prepared. A pattern without three letters or digits
/// in a row (say `ab`, or `a-1`) has no trigrams for PostgreSQL's index (migration 0029): a
/// plan made once for any pattern would walk the whole trigram index for it, where a plan
/// made with the pattern reads the customer's btree indexes. Every other statement keeps its
/// prepared plan: planning a search costs about as much as running it.
pub(crate) fn search_planned_per_run(text: Option<&str>) -> bool {
    text.is_some_and(|q| !q.trim().is_empty() && !has_trigram(q))
}

/// Whether `text` holds a run of three letters or digits: a trigram pg_trgm can look up in
/// a `LIKE '%text%'` (it splits a pattern into words at every other character).
fn has_trigram(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_alphanumeric() { run + 1 } else { 0 };
        if run == 3 {
            return true;
        }
    }
    false
}

/// The SQL word for a sort direction.
pub(crate) fn sql_dir(dir: SortDir) -> &'static str {
    match dir {
        SortDir::Asc => "ASC",
        SortDir::Desc => "DESC",
    }
}

/// A sort key on `column` that keeps rows without a value last in either direction (the
/// engines disagree on where `NULL` goes); the direction [`order_by`] adds applies to the
/// column.
pub(crate) fn nulls_last(column: &str) -> String {
    format!("CASE WHEN {column} IS NULL THEN 1 ELSE 0 END, {column}")
}

/// ` ORDER BY k1 DIR, k2 DIR, then`: `keys` in the chosen direction, then the tie-breakers
/// (`then`, in their own order) that make the order total, so pages never overlap.
pub(crate) fn order_by(keys: &[&str], dir: SortDir, then: &str) -> String {
    let dir = sql_dir(dir);
    let keys: Vec<String> = keys.iter().map(|key| format!("{key} {dir}")).collect();
    format!(" ORDER BY {}, {then}", keys.join(", "))
}

/// ` ORDER BY k1 DIR, k2 DIR, …`: every key in the chosen direction, the last one unique so
/// the order is total. An index on `(filter columns, k1, k2, …)` serves it in either direction
/// (read forwards or backwards), where a tie-breaker in a fixed direction makes the engine
/// sort what the index returns.
pub(crate) fn order_by_each(keys: &[&str], dir: SortDir) -> String {
    let dir = sql_dir(dir);
    let keys: Vec<String> = keys.iter().map(|key| format!("{key} {dir}")).collect();
    format!(" ORDER BY {}", keys.join(", "))
}

/// ` LIMIT $n OFFSET $m`: one page of a list.
pub(crate) fn push_page<DB>(qb: &mut QueryBuilder<DB>, limit: u32, offset: u64)
where
    DB: Database,
    for<'q> i64: Encode<'q, DB> + Type<DB>,
{
    qb.push(" LIMIT ").push_bind(i64::from(limit));
    qb.push(" OFFSET ").push_bind(i64::try_from(offset).unwrap_or(i64::MAX));
}

/// The column a counted page's rows carry the total of their list in ([`push_counted_page`]).
const TOTAL_COLUMN: &str = "list_total";

/// Appends one statement that answers a page of a list and the list's total: `columns` (the
/// page's `SELECT … FROM …`) with the total as an uncorrelated scalar subquery over
/// `count_from` (a `SELECT COUNT(*) FROM …`) under the same `filters`, then `filters`,
/// `order` and the page. Both engines evaluate such a subquery once per statement
/// (PostgreSQL as an InitPlan), each part with the plan it had alone; the list costs one
/// round trip (on SQLite one hand-off to the connection's worker) instead of two.
/// Read the rows as [`Counted`] and the total with [`page_total`].
pub(crate) fn push_counted_page<DB>(
    qb: &mut QueryBuilder<DB>,
    columns: &str,
    count_from: &str,
    filters: impl Fn(&mut QueryBuilder<DB>),
    order: &str,
    limit: u32,
    offset: u64,
) where
    DB: Database,
    for<'q> i64: Encode<'q, DB> + Type<DB>,
{
    debug_assert!(columns.starts_with("SELECT "), "the page's columns start with SELECT");
    let columns = columns.strip_prefix("SELECT ").unwrap_or(columns);
    qb.push("SELECT (").push(count_from);
    filters(qb);
    qb.push(") AS ").push(TOTAL_COLUMN).push(", ").push(columns);
    filters(qb);
    qb.push(order);
    push_page(qb, limit, offset);
}

/// A row of a counted page with the total of its list.
pub(crate) struct Counted<T> {
    pub row: T,
    pub total: i64,
}

impl<'r, R, T> FromRow<'r, R> for Counted<T>
where
    R: sqlx::Row,
    T: FromRow<'r, R>,
    i64: sqlx::Decode<'r, R::Database> + Type<R::Database>,
    &'static str: sqlx::ColumnIndex<R>,
{
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        Ok(Counted { row: T::from_row(row)?, total: row.try_get(TOTAL_COLUMN)? })
    }
}

/// A counted page's rows and its list's total. A page with no rows carries no total: the
/// list is empty when the page is the first, and otherwise `count` runs (a page past the
/// end, which only a hand-edited URL asks for).
pub(crate) async fn page_total<T>(
    rows: Vec<Counted<T>>,
    offset: u64,
    count: impl Future<Output = Result<u64, sqlx::Error>>,
) -> Result<(Vec<T>, u64), sqlx::Error> {
    let total = match rows.first() {
        Some(first) => u64::try_from(first.total).unwrap_or(0),
        None if offset == 0 => 0,
        None => count.await?,
    };
    Ok((rows.into_iter().map(|r| r.row).collect(), total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(contains_pattern(" 50%_Off\\ "), "%50\\%\\_off\\\\%");
    }

    #[test]
    fn order_by_applies_the_direction_to_each_key_then_breaks_ties() {
        assert_eq!(
            order_by(&[&nulls_last("t.due"), "t.number"], SortDir::Desc, "t.id"),
            " ORDER BY CASE WHEN t.due IS NULL THEN 1 ELSE 0 END, t.due DESC, t.number DESC, t.id"
        );
        assert_eq!(
            order_by(&["t.number"], SortDir::Asc, "t.line, t.id"),
            " ORDER BY t.number ASC, t.line, t.id"
        );
        assert_eq!(
            order_by_each(&["t.start", "t.number", "t.id"], SortDir::Desc),
            " ORDER BY t.start DESC, t.number DESC, t.id DESC"
        );
    }

    #[test]
    fn only_a_search_without_trigrams_is_planned_per_run() {
        for q in ["ab", "a-1", "  ", "%_%", "é1-x2"] {
            assert_eq!(search_planned_per_run(Some(q)), !q.trim().is_empty(), "{q:?}");
        }
        for q in ["exc", "SN1999-3", "x 123", "été"] {
            assert!(!search_planned_per_run(Some(q)), "{q:?} has a trigram");
        }
        assert!(!search_planned_per_run(None), "no search");
    }

    #[test]
    fn contains_filters_bind_one_pattern_per_column() {
        let mut qb = QueryBuilder::<sqlx::Sqlite>::new("SELECT 1 FROM t WHERE 1 = 1");
        push_contains(&mut qb, &["a", "b"], Some(" x "));
        push_contains(&mut qb, &["c"], Some("  "));
        push_page(&mut qb, 25, 50);
        assert_eq!(
            qb.sql().as_str(),
            "SELECT 1 FROM t WHERE 1 = 1 AND (LOWER(a) LIKE ? ESCAPE '\\' OR LOWER(b) LIKE ? ESCAPE '\\') \
             LIMIT ? OFFSET ?"
        );
    }
}
