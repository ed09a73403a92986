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

/// ` LIMIT $n OFFSET $m`: one page of a list.
pub(crate) fn push_page<DB>(qb: &mut QueryBuilder<DB>, limit: u32, offset: u64)
where
    DB: Database,
    for<'q> i64: Encode<'q, DB> + Type<DB>,
{
    qb.push(" LIMIT ").push_bind(i64::from(limit));
    qb.push(" OFFSET ").push_bind(i64::try_from(offset).unwrap_or(i64::MAX));
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
