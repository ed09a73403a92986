//! My Rentals / My Hires (D1): the rental lines of one customer's contracts, each with the
//! newest open request on it. Always read within one customer account.

use chrono::NaiveDate;
use futures_util::TryStreamExt;
use shared::contracts::{LineStatus, LocationRef};
use shared::money::{Currency, Money};
use shared::paging::SortDir;
use shared::rentals::{RentalFilter, RentalItem, RentalSort};
use shared::requests::RequestRef;
use sqlx::{Database, Encode, QueryBuilder, Type};
use uuid::Uuid;

use super::decode::{enum_text, enum_text_opt};
use super::sql::{self, Counted, RowStream, nulls_last, push_contains, stream_rows};
use super::{Db, db_run};
use crate::ids::CustomerId;

/// The list's columns. The open request is joined on its id, found by a correlated
/// subquery that picks exactly one request per line (the newest still open), so the join
/// can never duplicate a line however many requests name it.
const COUNT_FROM: &str =
    "SELECT CAST(COUNT(*) AS BIGINT) FROM contract_lines cl JOIN contracts c ON c.id = cl.contract_id";
const ITEM_COLUMNS: &str = "SELECT cl.id AS line_id, cl.external_id AS line_external_id, \
     cl.contract_id, c.external_id AS contract_external_id, c.number AS contract_number, \
     c.status AS contract_status, cl.description, cl.item_code, cl.serial_number, cl.quantity, \
     cl.status, cl.start_date, cl.expected_return, cl.returned_on, cl.daily_rate_minor, \
     cl.weekly_rate_minor, cl.monthly_rate_minor, c.location_id, \
     l.external_id AS location_external_id, l.name AS location_name, \
     c.job_number, c.po_number, c.job_site, r.id AS request_id, r.number AS request_number, \
     r.kind AS request_kind, r.status AS request_status \
     FROM contract_lines cl \
     JOIN contracts c ON c.id = cl.contract_id \
     JOIN locations l ON l.id = c.location_id \
     LEFT JOIN customer_requests r ON r.id = (\
         SELECT rq.id FROM request_lines rl \
         JOIN customer_requests rq ON rq.id = rl.request_id \
         WHERE rl.line_id = cl.id AND rq.customer_id = c.customer_id \
         AND rq.status NOT IN ('completed', 'cancelled') \
         ORDER BY rq.created_at DESC, rq.id DESC LIMIT 1)";

#[derive(sqlx::FromRow)]
struct ItemRow {
    line_id: Uuid,
    line_external_id: String,
    contract_id: Uuid,
    contract_external_id: String,
    contract_number: String,
    contract_status: String,
    description: String,
    item_code: Option<String>,
    serial_number: Option<String>,
    quantity: i32,
    status: Option<String>,
    start_date: Option<NaiveDate>,
    expected_return: Option<NaiveDate>,
    returned_on: Option<NaiveDate>,
    daily_rate_minor: Option<i64>,
    weekly_rate_minor: Option<i64>,
    monthly_rate_minor: Option<i64>,
    location_id: Uuid,
    location_external_id: String,
    location_name: String,
    job_number: Option<String>,
    po_number: Option<String>,
    job_site: Option<String>,
    request_id: Option<Uuid>,
    request_number: Option<String>,
    request_kind: Option<String>,
    request_status: Option<String>,
}

impl ItemRow {
    fn into_item(self, currency: Currency) -> Result<RentalItem, sqlx::Error> {
        let money = |minor: Option<i64>| minor.map(|m| Money::new(m, currency));
        let open_request =
            match (self.request_id, self.request_number, self.request_kind, self.request_status) {
                (Some(id), Some(number), Some(kind), Some(status)) => Some(RequestRef {
                    id,
                    number,
                    kind: enum_text(&kind, "customer_requests.kind")?,
                    status: enum_text(&status, "customer_requests.status")?,
                }),
                _ => None,
            };
        Ok(RentalItem {
            line_id: self.line_id,
            line_external_id: self.line_external_id,
            contract_id: self.contract_id,
            contract_external_id: self.contract_external_id,
            contract_number: self.contract_number,
            contract_status: enum_text(&self.contract_status, "contracts.status")?,
            description: self.description,
            item_code: self.item_code,
            serial_number: self.serial_number,
            quantity: self.quantity,
            // Rental lines always carry a status; a missing one reads as still out (an unknown
            // one is an error).
            status: enum_text_opt(self.status.as_deref(), "contract_lines.status")?
                .unwrap_or(LineStatus::Out),
            start_date: self.start_date,
            expected_return: self.expected_return,
            returned_on: self.returned_on,
            daily_rate: money(self.daily_rate_minor),
            weekly_rate: money(self.weekly_rate_minor),
            monthly_rate: money(self.monthly_rate_minor),
            location: LocationRef {
                id: self.location_id,
                external_id: self.location_external_id,
                name: self.location_name,
            },
            job_number: self.job_number,
            po_number: self.po_number,
            job_site: self.job_site,
            open_request,
        })
    }
}

/// Appends `WHERE ...`: one customer's rental lines matching `filter`. Quotes are left
/// out: a quoted item is an offer, not something the customer will have until it becomes
/// a reservation.
fn push_filters<DB>(qb: &mut QueryBuilder<DB>, customer_id: CustomerId, filter: &RentalFilter)
where
    DB: Database,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> NaiveDate: Encode<'q, DB> + Type<DB>,
{
    qb.push(" WHERE c.customer_id = ")
        .push_bind(customer_id.get())
        .push(" AND cl.kind = 'rental' AND c.status <> 'quote'");
    if let Some(view) = filter.view {
        qb.push(" AND cl.status IN (");
        let mut statuses = qb.separated(", ");
        for status in view.statuses() {
            statuses.push_bind(status.as_str().to_string());
        }
        qb.push(")");
    }
    if let Some(location_id) = filter.location_id {
        qb.push(" AND c.location_id = ").push_bind(location_id);
    }
    push_contains(qb, &["c.job_number"], filter.job.as_deref());
    push_contains(qb, &["c.number"], filter.contract.as_deref());
    // A line matches when one of its own fields does. Its contract's text holds every
    // one of them (migration 0026), so the contracts whose text matches are found first,
    // through the index of the customer's texts (0029), and only their lines are tested:
    // a search reads the customer's matching contracts, not all its lines.
    sql::push_contract_text(qb, filter.q.as_deref());
    let columns = ["cl.description", "cl.item_code", "cl.serial_number", "c.number", "c.job_site"];
    push_contains(qb, &columns, filter.q.as_deref());
    if let Some(due_by) = filter.due_by {
        qb.push(" AND cl.expected_return <= ").push_bind(due_by);
    }
}

/// `ORDER BY` for the list: the chosen column (missing dates last in either direction, on
/// both engines), then contract number, line number and id, so the order is total and
/// pages never overlap.
fn order_by(sort: RentalSort, dir: SortDir) -> String {
    let key = match sort {
        RentalSort::StartDate => nulls_last("cl.start_date"),
        RentalSort::ExpectedReturn => nulls_last("cl.expected_return"),
        RentalSort::Contract => return sql::order_by(&["c.number"], dir, "cl.line_no, cl.id"),
        RentalSort::Description => "LOWER(cl.description)".to_string(),
    };
    sql::order_by(&[&key, "c.number"], dir, "cl.line_no, cl.id")
}

/// Appends the query of one page of a customer's rented items matching `filter`, with
/// their total, to `qb` (empty, or `EXPLAIN`: the plan tests read what the list runs).
pub fn push_page_query<DB>(
    qb: &mut QueryBuilder<DB>,
    customer_id: CustomerId,
    filter: &RentalFilter,
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
    sql::push_counted_page(qb, ITEM_COLUMNS, COUNT_FROM, filters, &order, limit, offset);
}

/// Appends the query counting a customer's rented items matching `filter` to `qb`.
pub fn push_count_query<DB>(qb: &mut QueryBuilder<DB>, customer_id: CustomerId, filter: &RentalFilter)
where
    DB: Database,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> NaiveDate: Encode<'q, DB> + Type<DB>,
{
    qb.push(COUNT_FROM);
    push_filters(qb, customer_id, filter);
}

/// Whether the list's statements are planned for each run ([`sql::search_planned_per_run`]).
fn planned_per_run(filter: &RentalFilter) -> bool {
    sql::search_planned_per_run(filter.q.as_deref())
}

/// One page (`limit`, `offset`) of a customer's rented items matching `filter`, and how
/// many match in all.
pub async fn list(
    db: &Db,
    customer_id: CustomerId,
    currency: Currency,
    filter: &RentalFilter,
    limit: u32,
    offset: u64,
) -> Result<(Vec<RentalItem>, u64), sqlx::Error> {
    let rows: Vec<Counted<ItemRow>> = db_run!(db, pool => {
        let mut qb = QueryBuilder::default();
        push_page_query(&mut qb, customer_id, filter, limit, offset);
        qb.build_query_as().persistent(!planned_per_run(filter)).fetch_all(pool).await?
    });
    let (rows, total) = sql::page_total(rows, offset, count(db, customer_id, filter)).await?;
    let items = rows.into_iter().map(|r| r.into_item(currency)).collect::<Result<_, _>>()?;
    Ok((items, total))
}

/// Every rented item of a customer matching `filter` (its page ignored), in list order, as
/// one streamed query (the CSV export).
pub fn stream(
    db: &Db,
    customer_id: CustomerId,
    currency: Currency,
    filter: &RentalFilter,
) -> RowStream<RentalItem> {
    let order = order_by(filter.sort, filter.dir);
    let rows: RowStream<ItemRow> = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(ITEM_COLUMNS);
        push_filters(&mut qb, customer_id, filter);
        qb.push(&order);
        stream_rows(pool.clone(), qb, !planned_per_run(filter))
    });
    Box::pin(rows.and_then(move |row| std::future::ready(row.into_item(currency))))
}

/// How many of a customer's rented items match `filter`.
async fn count(db: &Db, customer_id: CustomerId, filter: &RentalFilter) -> Result<u64, sqlx::Error> {
    let total: i64 = db_run!(db, pool => {
        let mut qb = QueryBuilder::default();
        push_count_query(&mut qb, customer_id, filter);
        qb.build_query_scalar().persistent(!planned_per_run(filter)).fetch_one(pool).await?
    });
    Ok(u64::try_from(total).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_by_is_total_and_keeps_missing_dates_last() {
        assert_eq!(
            order_by(RentalSort::ExpectedReturn, SortDir::Asc),
            " ORDER BY CASE WHEN cl.expected_return IS NULL THEN 1 ELSE 0 END, cl.expected_return ASC, \
             c.number ASC, cl.line_no, cl.id"
        );
        assert_eq!(
            order_by(RentalSort::Contract, SortDir::Desc),
            " ORDER BY c.number DESC, cl.line_no, cl.id"
        );
    }
}
