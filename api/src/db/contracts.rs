//! Contracts and their lines, always read within one customer account.

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::TryStreamExt;
use shared::contracts::{
    ContractDetail, ContractFilter, ContractLine, ContractSort, ContractSummary, LocationRef,
};
use shared::money::{Currency, Money};
use shared::paging::SortDir;
use sqlx::{Database, Encode, QueryBuilder, Type};
use uuid::Uuid;

use super::decode::{enum_text, enum_text_opt};
use super::sql::{self, Counted, RowStream, nulls_last, push_contains, stream_rows};
use super::{Db, db_run};
use crate::ids::CustomerId;

const COUNT_FROM: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM contracts c";
const SUMMARY_COLUMNS: &str = "SELECT c.id, c.external_id, c.number, c.status, c.location_id, \
     l.external_id AS location_external_id, l.name AS location_name, c.job_number, c.po_number, \
     c.job_site, c.start_date, c.close_date, \
     c.amount_minor, c.amount_due_minor FROM contracts c JOIN locations l ON l.id = c.location_id";

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: Uuid,
    external_id: String,
    number: String,
    status: String,
    location_id: Uuid,
    location_external_id: String,
    location_name: String,
    job_number: Option<String>,
    po_number: Option<String>,
    job_site: Option<String>,
    start_date: NaiveDate,
    close_date: Option<NaiveDate>,
    amount_minor: i64,
    amount_due_minor: i64,
}

impl SummaryRow {
    fn into_summary(self, currency: Currency) -> Result<ContractSummary, sqlx::Error> {
        Ok(ContractSummary {
            id: self.id,
            external_id: self.external_id,
            number: self.number,
            status: enum_text(&self.status, "contracts.status")?,
            location: LocationRef {
                id: self.location_id,
                external_id: self.location_external_id,
                name: self.location_name,
            },
            job_number: self.job_number,
            po_number: self.po_number,
            job_site: self.job_site,
            start_date: self.start_date,
            close_date: self.close_date,
            amount: Money::new(self.amount_minor, currency),
            amount_due: Money::new(self.amount_due_minor, currency),
        })
    }
}

/// Appends `WHERE ...` for one customer's contracts matching `filter`.
fn push_filters<DB>(qb: &mut QueryBuilder<DB>, customer_id: CustomerId, filter: &ContractFilter)
where
    DB: Database,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> NaiveDate: Encode<'q, DB> + Type<DB>,
{
    qb.push(" WHERE c.customer_id = ").push_bind(customer_id.get());
    if let Some(status) = filter.status {
        qb.push(" AND c.status = ").push_bind(status.as_str().to_string());
    }
    if let Some(from) = filter.from {
        qb.push(" AND c.start_date >= ").push_bind(from);
    }
    if let Some(to) = filter.to {
        qb.push(" AND c.start_date <= ").push_bind(to);
    }
    if let Some(location_id) = filter.location_id {
        qb.push(" AND c.location_id = ").push_bind(location_id);
    }
    push_contains(qb, &["c.job_number"], filter.job.as_deref());
    push_contains(qb, &["c.po_number"], filter.po.as_deref());
    sql::push_contract_text(qb, filter.q.as_deref());
}

/// Whether the list's statements are planned for each run ([`sql::search_planned_per_run`]).
fn planned_per_run(filter: &ContractFilter) -> bool {
    sql::search_planned_per_run(filter.q.as_deref())
}

/// `ORDER BY` for the list: the chosen column, empties last on both engines, then the
/// contract number and id so pages never overlap, all in the chosen direction.
fn order_by(sort: ContractSort, dir: SortDir) -> String {
    let key = match sort {
        ContractSort::Number => "c.number".to_string(),
        ContractSort::StartDate => "c.start_date".to_string(),
        // Open contracts have no close date: keep them last in either direction.
        ContractSort::CloseDate => nulls_last("c.close_date"),
        ContractSort::Amount => "c.amount_minor".to_string(),
        ContractSort::AmountDue => "c.amount_due_minor".to_string(),
        ContractSort::Status => {
            "CASE c.status WHEN 'quote' THEN 0 WHEN 'reservation' THEN 1 WHEN 'open' THEN 2 ELSE 3 END"
                .to_string()
        }
    };
    // Every key in the chosen direction: `(customer_id, start_date, number, id)` and
    // `(customer_id, number, id)` (migration 0027) serve the default and number sorts
    // either way; the others sort the customer's matching contracts.
    if sort == ContractSort::Number {
        return sql::order_by_each(&["c.number", "c.id"], dir);
    }
    sql::order_by_each(&[&key, "c.number", "c.id"], dir)
}

/// Appends the query of one page of a customer's contracts matching `filter`, with their
/// total, to `qb` (empty, or `EXPLAIN`: the plan tests read what the list runs).
pub fn push_page_query<DB>(
    qb: &mut QueryBuilder<DB>,
    customer_id: CustomerId,
    filter: &ContractFilter,
    limit: u32,
    offset: u64,
) where
    DB: Database,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> NaiveDate: Encode<'q, DB> + Type<DB>,
    for<'q> i64: Encode<'q, DB> + Type<DB>,
{
    let order = order_by(filter.sort, filter.dir);
    let filters = |qb: &mut QueryBuilder<DB>| push_filters(qb, customer_id, filter);
    sql::push_counted_page(qb, SUMMARY_COLUMNS, COUNT_FROM, filters, &order, limit, offset);
}

/// Appends the query counting a customer's contracts matching `filter` to `qb`.
pub fn push_count_query<DB>(qb: &mut QueryBuilder<DB>, customer_id: CustomerId, filter: &ContractFilter)
where
    DB: Database,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> NaiveDate: Encode<'q, DB> + Type<DB>,
{
    qb.push(COUNT_FROM);
    push_filters(qb, customer_id, filter);
}

/// One page of a customer's contracts matching `filter`, and how many match in all.
/// `filter.page` is 1-based; `limit`/`offset` are computed by the caller's paging rules.
pub async fn list(
    db: &Db,
    customer_id: CustomerId,
    currency: Currency,
    filter: &ContractFilter,
    limit: u32,
    offset: u64,
) -> Result<(Vec<ContractSummary>, u64), sqlx::Error> {
    let rows: Vec<Counted<SummaryRow>> = db_run!(db, pool => {
        let mut qb = QueryBuilder::default();
        push_page_query(&mut qb, customer_id, filter, limit, offset);
        qb.build_query_as().persistent(!planned_per_run(filter)).fetch_all(pool).await?
    });
    let (rows, total) = sql::page_total(rows, offset, count(db, customer_id, filter)).await?;
    let items = rows.into_iter().map(|r| r.into_summary(currency)).collect::<Result<_, _>>()?;
    Ok((items, total))
}

/// Every contract of a customer matching `filter` (its page ignored), in list order, as one
/// streamed query (the CSV export).
pub fn stream(
    db: &Db,
    customer_id: CustomerId,
    currency: Currency,
    filter: &ContractFilter,
) -> RowStream<ContractSummary> {
    let order = order_by(filter.sort, filter.dir);
    let rows: RowStream<SummaryRow> = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(SUMMARY_COLUMNS);
        push_filters(&mut qb, customer_id, filter);
        qb.push(&order);
        stream_rows(pool.clone(), qb, !planned_per_run(filter))
    });
    Box::pin(rows.and_then(move |row| std::future::ready(row.into_summary(currency))))
}

/// How many of a customer's contracts match `filter`.
async fn count(db: &Db, customer_id: CustomerId, filter: &ContractFilter) -> Result<u64, sqlx::Error> {
    let total: i64 = db_run!(db, pool => {
        let mut qb = QueryBuilder::default();
        push_count_query(&mut qb, customer_id, filter);
        qb.build_query_scalar().persistent(!planned_per_run(filter)).fetch_one(pool).await?
    });
    Ok(u64::try_from(total).unwrap_or(0))
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    ordered_by: Option<String>,
    notes: Option<String>,
    updated_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct LineRow {
    id: Uuid,
    external_id: String,
    line_no: i32,
    kind: String,
    item_code: Option<String>,
    description: String,
    serial_number: Option<String>,
    category: Option<String>,
    quantity: i32,
    status: Option<String>,
    daily_rate_minor: Option<i64>,
    weekly_rate_minor: Option<i64>,
    monthly_rate_minor: Option<i64>,
    start_date: Option<NaiveDate>,
    expected_return: Option<NaiveDate>,
    returned_on: Option<NaiveDate>,
    amount_minor: i64,
}

impl LineRow {
    fn into_line(self, currency: Currency) -> Result<ContractLine, sqlx::Error> {
        let money = |minor: Option<i64>| minor.map(|m| Money::new(m, currency));
        Ok(ContractLine {
            id: self.id,
            external_id: self.external_id,
            line_no: self.line_no,
            kind: enum_text(&self.kind, "contract_lines.kind")?,
            item_code: self.item_code,
            description: self.description,
            serial_number: self.serial_number,
            category: self.category,
            quantity: self.quantity,
            status: enum_text_opt(self.status.as_deref(), "contract_lines.status")?,
            daily_rate: money(self.daily_rate_minor),
            weekly_rate: money(self.weekly_rate_minor),
            monthly_rate: money(self.monthly_rate_minor),
            start_date: self.start_date,
            expected_return: self.expected_return,
            returned_on: self.returned_on,
            amount: Money::new(self.amount_minor, currency),
        })
    }
}

/// One contract of this customer with its lines, or `None` when it is not theirs.
pub async fn detail(
    db: &Db,
    customer_id: CustomerId,
    currency: Currency,
    contract_id: Uuid,
) -> Result<Option<ContractDetail>, sqlx::Error> {
    let found: Option<(DetailRow, Vec<LineRow>)> = db_run!(db, pool => {
        let contract: Option<DetailRow> = sqlx::query_as(
            "SELECT c.id, c.external_id, c.number, c.status, c.location_id, \
             l.external_id AS location_external_id, l.name AS location_name, \
             c.job_number, c.po_number, c.job_site, c.start_date, c.close_date, c.amount_minor, \
             c.amount_due_minor, c.ordered_by, c.notes, c.updated_at \
             FROM contracts c JOIN locations l ON l.id = c.location_id \
             WHERE c.id = $1 AND c.customer_id = $2",
        )
        .bind(contract_id)
        .bind(customer_id)
        .fetch_optional(pool)
        .await?;
        match contract {
            None => None,
            Some(contract) => {
                let lines: Vec<LineRow> = sqlx::query_as(
                    "SELECT id, external_id, line_no, kind, item_code, description, serial_number, category, quantity, \
                     status, daily_rate_minor, weekly_rate_minor, monthly_rate_minor, start_date, \
                     expected_return, returned_on, amount_minor \
                     FROM contract_lines WHERE contract_id = $1 ORDER BY line_no",
                )
                .bind(contract_id)
                .fetch_all(pool)
                .await?;
                Some((contract, lines))
            }
        }
    });
    found
        .map(|(contract, lines)| {
            Ok(ContractDetail {
                summary: contract.summary.into_summary(currency)?,
                ordered_by: contract.ordered_by,
                notes: contract.notes,
                updated_at: contract.updated_at,
                lines: lines.into_iter().map(|l| l.into_line(currency)).collect::<Result<_, _>>()?,
            })
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_by_keeps_empty_close_dates_last() {
        assert_eq!(
            order_by(ContractSort::CloseDate, SortDir::Desc),
            " ORDER BY CASE WHEN c.close_date IS NULL THEN 1 ELSE 0 END, c.close_date DESC, c.number DESC, c.id DESC"
        );
        assert_eq!(
            order_by(ContractSort::Amount, SortDir::Asc),
            " ORDER BY c.amount_minor ASC, c.number ASC, c.id ASC"
        );
    }
}
