//! Invoices and credit memos (E1) read within one customer account: the filtered list, the
//! detail with lines and portal payments, and the balance with its ageing (B2).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use futures_util::TryStreamExt;
use shared::invoices::{
    AccountBalance, Ageing, InvoiceDetail, InvoiceFilter, InvoiceLine, InvoicePaymentRef, InvoiceSort,
    InvoiceSummary, InvoiceView,
};
use shared::money::{Currency, Money};
use shared::paging::SortDir;
use sqlx::{Database, Encode, QueryBuilder, Type};
use uuid::Uuid;

use super::decode::enum_text;
use super::sql::{self, Counted, RowStream, contains_pattern, nulls_last, push_like_any, stream_rows};
use super::{Db, db_run};
use crate::ids::{CustomerId, DealerId};
use crate::pdf::sheet::Parties;

/// What can still be paid on an invoice: its balance less portal payments held against it,
/// never below zero.
const AMOUNT_DUE: &str =
    "CASE WHEN i.balance_minor > i.pending_minor THEN i.balance_minor - i.pending_minor ELSE 0 END";

const COUNT_FROM: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM invoices i";
const SUMMARY_COLUMNS: &str = "SELECT i.id, i.number, i.kind, i.status, i.invoice_date, i.due_date, \
     i.location_id, l.external_id AS location_external_id, l.name AS location_name, i.contract_id, c.number AS contract_number, i.po_number, \
     i.job_number, i.total_minor, i.balance_minor, i.pending_minor, i.subtotal_minor, i.tax_minor, \
     i.updated_at FROM invoices i LEFT JOIN locations l ON l.id = i.location_id \
     LEFT JOIN contracts c ON c.id = i.contract_id";

#[derive(sqlx::FromRow)]
struct InvoiceRow {
    id: Uuid,
    number: String,
    kind: String,
    status: String,
    invoice_date: NaiveDate,
    due_date: Option<NaiveDate>,
    location_id: Option<Uuid>,
    location_external_id: Option<String>,
    location_name: Option<String>,
    contract_id: Option<Uuid>,
    contract_number: Option<String>,
    po_number: Option<String>,
    job_number: Option<String>,
    total_minor: i64,
    balance_minor: i64,
    pending_minor: i64,
    subtotal_minor: i64,
    tax_minor: i64,
    updated_at: DateTime<Utc>,
}

impl InvoiceRow {
    fn summary(&self, currency: Currency, today: NaiveDate) -> Result<InvoiceSummary, sqlx::Error> {
        let money = |minor| Money::new(minor, currency);
        let amount_due = (self.balance_minor - self.pending_minor).max(0);
        Ok(InvoiceSummary {
            id: self.id,
            number: self.number.clone(),
            kind: enum_text(&self.kind, "invoices.kind")?,
            status: enum_text(&self.status, "invoices.status")?,
            invoice_date: self.invoice_date,
            due_date: self.due_date,
            location: crate::db::location_ref(
                self.location_id,
                self.location_external_id.clone(),
                self.location_name.clone(),
            ),
            contract_id: self.contract_id,
            contract_number: self.contract_number.clone(),
            po_number: self.po_number.clone(),
            job_number: self.job_number.clone(),
            total: money(self.total_minor),
            balance: money(self.balance_minor),
            pending: money(self.pending_minor),
            amount_due: money(amount_due),
            overdue: is_overdue(self.due_date, amount_due, today),
        })
    }
}

/// Past its due date (relative to `today`) with something still due.
fn is_overdue(due_date: Option<NaiveDate>, amount_due: i64, today: NaiveDate) -> bool {
    amount_due > 0 && due_date.is_some_and(|due| due < today)
}

/// Appends `WHERE ...` for one customer's invoices at one dealer matching `filter`.
fn push_filters<DB>(
    qb: &mut QueryBuilder<DB>,
    dealer_id: DealerId,
    customer_id: CustomerId,
    filter: &InvoiceFilter,
    today: NaiveDate,
) where
    DB: Database,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> NaiveDate: Encode<'q, DB> + Type<DB>,
{
    qb.push(" WHERE i.customer_id = ").push_bind(customer_id.get());
    qb.push(" AND i.dealer_id = ").push_bind(dealer_id.get());
    match filter.view {
        InvoiceView::Open => {
            qb.push(" AND i.status = 'open'");
        }
        InvoiceView::Paid => {
            qb.push(" AND i.status = 'paid'");
        }
        InvoiceView::All => {}
    }
    if let Some(location_id) = filter.location_id {
        qb.push(" AND i.location_id = ").push_bind(location_id);
    }
    if let Some(contract_id) = filter.contract_id {
        qb.push(" AND i.contract_id = ").push_bind(contract_id);
    }
    if let Some(q) = filter.q.as_deref().filter(|v| !v.trim().is_empty()) {
        let pattern = contains_pattern(q);
        qb.push(" AND (");
        push_like_any(qb, &["i.number", "i.po_number", "i.job_number"], &pattern);
        // The contract's number, among the customer's own contracts (their index): a join
        // tested after the fact made PostgreSQL hash every contract of the dealer.
        qb.push(" OR i.contract_id IN (SELECT k.id FROM contracts k WHERE k.customer_id = ")
            .push_bind(customer_id.get());
        qb.push(" AND ");
        push_like_any(qb, &["k.number"], &pattern);
        qb.push("))");
    }
    if filter.overdue {
        qb.push(" AND i.due_date < ").push_bind(today);
        qb.push(" AND i.balance_minor > i.pending_minor");
    }
}

/// `ORDER BY` for the list: the chosen column (empty due dates last either way), then the
/// number and id so pages never overlap.
fn order_by(sort: InvoiceSort, dir: SortDir) -> String {
    let key = match sort {
        InvoiceSort::Number => "i.number".to_string(),
        InvoiceSort::InvoiceDate => "i.invoice_date".to_string(),
        InvoiceSort::DueDate => nulls_last("i.due_date"),
        InvoiceSort::Total => "i.total_minor".to_string(),
        InvoiceSort::AmountDue => AMOUNT_DUE.to_string(),
    };
    sql::order_by(&[&key, "i.number"], dir, "i.id")
}

/// Appends the query of one page of a customer's invoices matching `filter`, with their
/// total, to `qb` (empty, or `EXPLAIN`: the plan tests read what the list runs); `today`
/// decides what is overdue.
pub fn push_page_query<DB>(
    qb: &mut QueryBuilder<DB>,
    dealer_id: DealerId,
    customer_id: CustomerId,
    filter: &InvoiceFilter,
    today: NaiveDate,
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
    let filters = |qb: &mut QueryBuilder<DB>| push_filters(qb, dealer_id, customer_id, filter, today);
    sql::push_counted_page(qb, SUMMARY_COLUMNS, COUNT_FROM, filters, &order, limit, offset);
}

/// One page of a customer's invoices matching `filter`, and how many match in all; `today`
/// decides what is overdue.
#[allow(clippy::too_many_arguments)]
pub async fn list(
    db: &Db,
    dealer_id: DealerId,
    customer_id: CustomerId,
    currency: Currency,
    filter: &InvoiceFilter,
    today: NaiveDate,
    limit: u32,
    offset: u64,
) -> Result<(Vec<InvoiceSummary>, u64), sqlx::Error> {
    let rows: Vec<Counted<InvoiceRow>> = db_run!(db, pool => {
        let mut qb = QueryBuilder::default();
        push_page_query(&mut qb, dealer_id, customer_id, filter, today, limit, offset);
        qb.build_query_as().fetch_all(pool).await?
    });
    let count = count(db, dealer_id, customer_id, filter, today);
    let (rows, total) = sql::page_total(rows, offset, count).await?;
    let items = rows.iter().map(|r| r.summary(currency, today)).collect::<Result<_, _>>()?;
    Ok((items, total))
}

/// Every invoice of a customer matching `filter` (its page ignored), in list order, as one
/// streamed query (the CSV export); `today` decides what is overdue.
pub fn stream(
    db: &Db,
    dealer_id: DealerId,
    customer_id: CustomerId,
    currency: Currency,
    filter: &InvoiceFilter,
    today: NaiveDate,
) -> RowStream<InvoiceSummary> {
    let order = order_by(filter.sort, filter.dir);
    let rows: RowStream<InvoiceRow> = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(SUMMARY_COLUMNS);
        push_filters(&mut qb, dealer_id, customer_id, filter, today);
        qb.push(&order);
        stream_rows(pool.clone(), qb, true)
    });
    Box::pin(rows.and_then(move |row| std::future::ready(row.summary(currency, today))))
}

/// How many of a customer's invoices match `filter`.
async fn count(
    db: &Db,
    dealer_id: DealerId,
    customer_id: CustomerId,
    filter: &InvoiceFilter,
    today: NaiveDate,
) -> Result<u64, sqlx::Error> {
    let total: i64 = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(COUNT_FROM);
        push_filters(&mut qb, dealer_id, customer_id, filter, today);
        qb.build_query_scalar().fetch_one(pool).await?
    });
    Ok(u64::try_from(total).unwrap_or(0))
}

#[derive(sqlx::FromRow)]
struct LineRow {
    line_no: i32,
    item_code: Option<String>,
    description: String,
    quantity: i32,
    unit_price_minor: i64,
    amount_minor: i64,
}

#[derive(sqlx::FromRow)]
struct PaymentRow {
    id: Uuid,
    number: String,
    amount_minor: i64,
    status: String,
    created_at: DateTime<Utc>,
}

/// One invoice of this customer with its lines and the portal payments towards it (failed
/// ones left out, newest first), or `None` when it is not theirs.
pub async fn detail(
    db: &Db,
    dealer_id: DealerId,
    customer_id: CustomerId,
    currency: Currency,
    invoice_id: Uuid,
    today: NaiveDate,
) -> Result<Option<InvoiceDetail>, sqlx::Error> {
    type Found = (InvoiceRow, Vec<LineRow>, Vec<PaymentRow>);
    let found: Option<Found> = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(SUMMARY_COLUMNS);
        qb.push(" WHERE i.id = ").push_bind(invoice_id);
        qb.push(" AND i.customer_id = ").push_bind(customer_id);
        qb.push(" AND i.dealer_id = ").push_bind(dealer_id);
        let invoice: Option<InvoiceRow> = qb.build_query_as().fetch_optional(pool).await?;
        match invoice {
            None => None,
            Some(invoice) => {
                let lines: Vec<LineRow> = sqlx::query_as(
                    "SELECT line_no, item_code, description, quantity, unit_price_minor, amount_minor \
                     FROM invoice_lines WHERE invoice_id = $1 ORDER BY line_no",
                )
                .bind(invoice_id)
                .fetch_all(pool)
                .await?;
                let payments: Vec<PaymentRow> = sqlx::query_as(
                    "SELECT p.id, p.number, a.amount_minor, p.status, p.created_at \
                     FROM payment_allocations a JOIN payments p ON p.id = a.payment_id \
                     WHERE a.invoice_id = $1 AND p.customer_id = $2 AND p.dealer_id = $3 \
                     AND p.status <> 'failed' \
                     ORDER BY p.created_at DESC, p.id DESC, a.line_no",
                )
                .bind(invoice_id)
                .bind(customer_id)
                .bind(dealer_id)
                .fetch_all(pool)
                .await?;
                Some((invoice, lines, payments))
            }
        }
    });
    let money = |minor| Money::new(minor, currency);
    let Some((invoice, lines, payments)) = found else { return Ok(None) };
    Ok(Some(InvoiceDetail {
        summary: invoice.summary(currency, today)?,
        subtotal: money(invoice.subtotal_minor),
        tax: money(invoice.tax_minor),
        updated_at: invoice.updated_at,
        lines: lines
            .into_iter()
            .map(|l| InvoiceLine {
                line_no: l.line_no,
                item_code: l.item_code,
                description: l.description,
                quantity: l.quantity,
                unit_price: money(l.unit_price_minor),
                amount: money(l.amount_minor),
            })
            .collect(),
        payments: payments
            .into_iter()
            .map(|p| {
                Ok(InvoicePaymentRef {
                    payment_id: p.id,
                    number: p.number,
                    amount: money(p.amount_minor),
                    status: enum_text(&p.status, "payments.status")?,
                    created_at: p.created_at,
                })
            })
            .collect::<Result<_, sqlx::Error>>()?,
    }))
}

#[derive(sqlx::FromRow)]
struct BucketRow {
    bucket: i64,
    due_minor: i64,
    pending_minor: i64,
    invoices: i64,
    invoices_due: i64,
}

/// The account's balance (B2): open invoices' amount due less open credit memos' credit,
/// aged by days past the due date as of `today` (no due date counts as current).
pub async fn balance(
    db: &Db,
    dealer_id: DealerId,
    customer_id: CustomerId,
    currency: Currency,
    today: NaiveDate,
) -> Result<AccountBalance, sqlx::Error> {
    // Bucket 0: not yet due; 1: 1-30 days past due; 2: 31-60; 3: 61-90; 4: over 90.
    let rows: Vec<BucketRow> = db_run!(db, pool => {
        sqlx::query_as(
            "SELECT CAST(b.bucket AS BIGINT) AS bucket, CAST(SUM(b.due_minor) AS BIGINT) AS due_minor, \
             CAST(SUM(b.pending_minor) AS BIGINT) AS pending_minor, \
             CAST(SUM(b.is_invoice) AS BIGINT) AS invoices, \
             CAST(SUM(b.is_invoice * b.has_due) AS BIGINT) AS invoices_due \
             FROM (SELECT \
               CASE WHEN i.due_date IS NULL OR i.due_date >= $3 THEN 0 \
                    WHEN i.due_date >= $4 THEN 1 WHEN i.due_date >= $5 THEN 2 \
                    WHEN i.due_date >= $6 THEN 3 ELSE 4 END AS bucket, \
               CASE WHEN i.kind = 'credit_memo' THEN i.balance_minor \
                    WHEN i.balance_minor > i.pending_minor THEN i.balance_minor - i.pending_minor \
                    ELSE 0 END AS due_minor, \
               i.pending_minor, \
               CASE WHEN i.kind = 'invoice' THEN 1 ELSE 0 END AS is_invoice, \
               CASE WHEN i.balance_minor > i.pending_minor THEN 1 ELSE 0 END AS has_due \
               FROM invoices i \
               WHERE i.customer_id = $1 AND i.dealer_id = $2 AND i.status = 'open') b \
             GROUP BY b.bucket ORDER BY b.bucket",
        )
        .bind(customer_id)
        .bind(dealer_id)
        .bind(today)
        .bind(today - Duration::days(30))
        .bind(today - Duration::days(60))
        .bind(today - Duration::days(90))
        .fetch_all(pool)
        .await?
    });
    Ok(summarise_buckets(&rows, currency))
}

fn summarise_buckets(rows: &[BucketRow], currency: Currency) -> AccountBalance {
    let mut ageing = [0_i64; 5];
    let (mut pending, mut open, mut overdue_invoices) = (0_i64, 0_i64, 0_i64);
    for row in rows {
        let bucket = usize::try_from(row.bucket).unwrap_or(0).min(4);
        ageing[bucket] += row.due_minor;
        pending += row.pending_minor;
        open += row.invoices;
        if bucket > 0 {
            overdue_invoices += row.invoices_due;
        }
    }
    let money = |minor| Money::new(minor, currency);
    let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    AccountBalance {
        balance: money(ageing.iter().sum()),
        overdue: money(ageing[1..].iter().sum()),
        pending: money(pending),
        open_invoices: count(open),
        overdue_invoices: count(overdue_invoices),
        ageing: Ageing {
            current: money(ageing[0]),
            days_1_30: money(ageing[1]),
            days_31_60: money(ageing[2]),
            days_61_90: money(ageing[3]),
            over_90: money(ageing[4]),
        },
    }
}

/// Who a generated invoice PDF is between: the customer and the invoice's store (or the
/// customer's home store when the invoice names none), or `None` when it is not theirs.
pub async fn parties(
    db: &Db,
    dealer_id: DealerId,
    customer_id: CustomerId,
    invoice_id: Uuid,
) -> Result<Option<Parties>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(
            "SELECT cu.name AS customer_name, cu.account_number, cu.address AS customer_address, \
             COALESCE(l.name, d.name) AS store_name, l.address AS store_address, \
             COALESCE(l.phone, d.support_phone) AS store_phone, \
             COALESCE(l.email, d.support_email) AS store_email \
             FROM invoices i JOIN customers cu ON cu.id = i.customer_id \
             JOIN dealers d ON d.id = i.dealer_id \
             LEFT JOIN locations l ON l.id = COALESCE(i.location_id, cu.home_location_id) \
             WHERE i.id = $1 AND i.customer_id = $2 AND i.dealer_id = $3",
        )
        .bind(invoice_id)
        .bind(customer_id)
        .bind(dealer_id)
        .fetch_optional(pool)
        .await
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overdue_needs_a_past_due_date_and_something_due() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let yesterday = today - Duration::days(1);
        assert!(is_overdue(Some(yesterday), 1, today));
        assert!(!is_overdue(Some(today), 1, today), "due today is not late yet");
        assert!(!is_overdue(Some(yesterday), 0, today));
        assert!(!is_overdue(None, 1, today));
    }

    #[test]
    fn buckets_add_up_to_the_balance() {
        let row = |bucket, due_minor, invoices, invoices_due| BucketRow {
            bucket,
            due_minor,
            pending_minor: 5,
            invoices,
            invoices_due,
        };
        let balance =
            summarise_buckets(&[row(0, 1_000, 2, 2), row(2, 300, 1, 1), row(4, -50, 0, 0)], Currency::Usd);
        assert_eq!(balance.balance.minor, 1_250);
        assert_eq!(balance.overdue.minor, 250);
        assert_eq!(balance.pending.minor, 15);
        assert_eq!((balance.open_invoices, balance.overdue_invoices), (3, 1));
        assert_eq!(balance.ageing.days_31_60.minor, 300);
        assert_eq!(balance.ageing.over_90.minor, -50);
    }

    #[test]
    fn due_date_sort_keeps_empty_dates_last() {
        assert_eq!(
            order_by(InvoiceSort::DueDate, SortDir::Asc),
            " ORDER BY CASE WHEN i.due_date IS NULL THEN 1 ELSE 0 END, i.due_date ASC, i.number ASC, i.id"
        );
    }
}
