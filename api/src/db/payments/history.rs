//! The customer's payment history: the list and one payment with its allocations. The list
//! holds the portal's payments and the payments received at the counter that the back
//! office recorded (`counter_payments`, see `db::counter_payments`), newest first.

use chrono::NaiveDate;
use shared::payments::{PaymentChannel, Tender};

use super::*;

const SUMMARY_SELECT: &str = "SELECT p.id, 'portal' AS channel, p.number, p.method, p.status, p.amount_minor, \
     p.currency, p.instrument_brand, p.instrument_last4, u.display_name AS paid_by, p.created_at, \
     NULL AS external_id, NULL AS reference, NULL AS received_on";
const SUMMARY_FROM: &str = " FROM payments p JOIN users u ON u.id = p.created_by";

/// Portal payments and counter payments in one list, each with the instant it sorts by
/// (`history_at`): a portal payment when it was made, a counter payment the day received.
/// Both parts are followed by the customer id's bind.
const HISTORY_PORTAL: &str = "SELECT id, channel, number, method, status, amount_minor, currency, \
     instrument_brand, instrument_last4, paid_by, created_at, external_id, reference, received_on FROM (\
     SELECT p.id, 'portal' AS channel, p.number, p.method, p.status, p.amount_minor, p.currency, \
     p.instrument_brand, p.instrument_last4, u.display_name AS paid_by, p.created_at, \
     p.created_at AS history_at, NULL AS external_id, NULL AS reference, NULL AS received_on \
     FROM payments p JOIN users u ON u.id = p.created_by WHERE p.customer_id = ";
const HISTORY_COUNTER: &str = " UNION ALL \
     SELECT c.id, 'counter', c.external_id, c.method, 'succeeded', c.amount_minor, d.currency, \
     NULL, NULL, k.name, c.created_at, c.history_at, c.external_id, c.reference, c.received_on \
     FROM counter_payments c JOIN customers k ON k.id = c.customer_id \
     JOIN dealers d ON d.id = c.dealer_id WHERE c.customer_id = ";

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: Uuid,
    channel: String,
    number: String,
    method: String,
    status: String,
    amount_minor: i64,
    currency: String,
    instrument_brand: Option<String>,
    instrument_last4: Option<String>,
    paid_by: String,
    created_at: DateTime<Utc>,
    external_id: Option<String>,
    reference: Option<String>,
    received_on: Option<NaiveDate>,
}

impl SummaryRow {
    fn into_summary(self) -> Result<PaymentSummary, sqlx::Error> {
        let channel: PaymentChannel = enum_text(&self.channel, "payment history channel")?;
        let method: Tender = match channel {
            PaymentChannel::Portal => enum_text::<PaymentMethod>(&self.method, "payments.method")?.into(),
            PaymentChannel::Counter => enum_text(&self.method, "counter_payments.method")?,
        };
        Ok(PaymentSummary {
            id: self.id,
            number: self.number,
            channel,
            method,
            status: enum_text(&self.status, "payments.status")?,
            amount: Money::new(self.amount_minor, enum_text(&self.currency, "payments.currency")?),
            instrument_brand: self.instrument_brand,
            instrument_last4: self.instrument_last4,
            paid_by: self.paid_by,
            created_at: self.created_at,
            external_id: self.external_id,
            reference: self.reference,
            received_on: self.received_on,
        })
    }
}

/// A page of `customer_id`'s payments, newest first (every status; counter payments by the
/// day received), and how many there are.
pub async fn list(
    db: &Db,
    customer_id: CustomerId,
    limit: u32,
    offset: u64,
) -> Result<(Vec<PaymentSummary>, u64), sqlx::Error> {
    let (rows, total): (Vec<SummaryRow>, i64) = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(HISTORY_PORTAL);
        qb.push_bind(customer_id).push(HISTORY_COUNTER).push_bind(customer_id);
        qb.push(") h ORDER BY history_at DESC, id DESC");
        crate::db::sql::push_page(&mut qb, limit, offset);
        let rows = qb.build_query_as().fetch_all(pool).await?;
        let total = sqlx::query_scalar(
            "SELECT CAST((SELECT COUNT(*) FROM payments WHERE customer_id = $1) \
             + (SELECT COUNT(*) FROM counter_payments WHERE customer_id = $1) AS BIGINT)",
        )
        .bind(customer_id)
        .fetch_one(pool)
        .await?;
        (rows, total)
    });
    let summaries = rows.into_iter().map(SummaryRow::into_summary).collect::<Result<_, _>>()?;
    Ok((summaries, u64::try_from(total).unwrap_or(0)))
}

/// An allocation of a receipt: invoice id and number (`None`: on account), amount.
type AllocationRow = (Option<Uuid>, Option<String>, i64);

#[derive(sqlx::FromRow)]
struct DetailRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    receipt_email: String,
    gateway_reference: Option<String>,
    failure_message: Option<String>,
    posted_at: Option<DateTime<Utc>>,
}

/// Payment `id` of `customer_id` with where its money went, a portal or a counter payment;
/// `None` when not theirs.
pub async fn detail(
    db: &Db,
    customer_id: CustomerId,
    id: Uuid,
) -> Result<Option<PaymentDetail>, sqlx::Error> {
    let found: Option<(DetailRow, Vec<AllocationRow>)> = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(SUMMARY_SELECT);
        qb.push(", p.receipt_email, p.gateway_reference, p.failure_message, p.posted_at");
        qb.push(SUMMARY_FROM).push(" WHERE p.id = ").push_bind(id);
        qb.push(" AND p.customer_id = ").push_bind(customer_id);
        let row: Option<DetailRow> = qb.build_query_as().fetch_optional(pool).await?;
        match row {
            None => None,
            Some(row) => {
                let allocations = sqlx::query_as(
                    "SELECT a.invoice_id, i.number, a.amount_minor FROM payment_allocations a \
                     LEFT JOIN invoices i ON i.id = a.invoice_id WHERE a.payment_id = $1 ORDER BY a.line_no",
                )
                .bind(id)
                .fetch_all(pool)
                .await?;
                Some((row, allocations))
            }
        }
    });
    let Some((row, allocations)) = found else {
        return crate::db::counter_payments::detail(db, customer_id, id).await;
    };
    let summary = row.summary.into_summary()?;
    let currency = summary.amount.currency;
    Ok(Some(PaymentDetail {
        allocations: allocations
            .into_iter()
            .map(|(invoice_id, invoice_number, amount)| PaymentAllocation {
                invoice_id,
                invoice_number,
                amount: Money::new(amount, currency),
            })
            .collect(),
        summary,
        receipt_email: Some(row.receipt_email),
        gateway_reference: row.gateway_reference,
        failure_message: row.failure_message,
        posted_at: row.posted_at,
    }))
}
