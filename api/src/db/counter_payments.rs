//! Payments received at the counter (I3): a validated batch from the back office upserted
//! by `(dealer, external_id)` in one write transaction, with their allocations to invoices;
//! explicit deletion; and one of them as the customer's payment history shows it.
//!
//! Each payment is compared with what is stored first (its allocations included) and
//! written only when it differs, so a batch sent twice writes nothing the second time. A
//! counter payment never touches `invoices.balance_minor` or `pending_minor`: the back
//! office sends invoice balances itself (see `docs/integration-guide.md`, section 7).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveTime, SubsecRound, Utc};
use shared::counter_payments::CounterPaymentUpsert;
use shared::error::FieldError;
use shared::money::{Currency, Money};
use shared::payments::{
    PaymentAllocation, PaymentChannel, PaymentDetail, PaymentStatus, PaymentSummary, Tender,
};
use shared::records::UpsertCounts;
use shared::sync_status::SyncKind;
use sqlx::QueryBuilder;
use uuid::Uuid;

use super::audit::{AuditEvent, record_audit};
use super::decode::enum_text;
use super::integration_sync::record_arrival;
pub use super::record_upserts::{DeleteError, UpsertError};
use super::{BeginWrite, Db, db_run};
use crate::domain::records::text;
use crate::ids::{CustomerId, DealerId};

/// Most values bound in one `IN (...)` list: a full batch names up to 50,000 invoices, more
/// than SQLite's limit of bound parameters per statement.
const IN_CHUNK: usize = 1_000;

/// Rows of `$select` (which ends before its `WHERE`) of the dealer whose `$column` is one
/// of `$keys`, in chunks of [`IN_CHUNK`].
macro_rules! fetch_in {
    ($tx:ident, $row:ty, $select:expr, $dealer_id:expr, $column:literal, $keys:expr) => {{
        let keys: Vec<_> = $keys;
        let mut rows: Vec<$row> = Vec::new();
        for chunk in keys.chunks(IN_CHUNK) {
            let mut qb = QueryBuilder::new($select);
            qb.push(" WHERE dealer_id = ").push_bind($dealer_id).push(concat!(" AND ", $column, " IN ("));
            let mut list = qb.separated(", ");
            for key in chunk {
                list.push_bind(*key);
            }
            list.push_unseparated(")");
            rows.extend(qb.build_query_as::<$row>().fetch_all(&mut *$tx).await?);
        }
        rows
    }};
}

/// What an upsert compares of one payment: its columns and its allocations in order.
#[derive(Debug, PartialEq)]
struct PaymentValues {
    customer_id: Uuid,
    received_on: NaiveDate,
    amount_minor: i64,
    method: String,
    reference: Option<String>,
    /// `(invoice id, amount)` in the order sent.
    allocations: Vec<(Uuid, i64)>,
}

#[derive(sqlx::FromRow)]
struct PaymentRow {
    id: Uuid,
    external_id: String,
    customer_id: Uuid,
    received_on: NaiveDate,
    amount_minor: i64,
    method: String,
    reference: Option<String>,
}

#[derive(sqlx::FromRow)]
struct InvoiceRef {
    external_id: String,
    id: Uuid,
    customer_id: Uuid,
    kind: String,
}

/// The dealer's customers and invoices a batch names, by external id; a field error for
/// each reference that does not resolve, or names an invoice the payment cannot pay.
fn resolve(
    payments: &[CounterPaymentUpsert],
    customers: &HashMap<String, Uuid>,
    invoices: &HashMap<String, InvoiceRef>,
) -> Result<Vec<PaymentValues>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut wanted = Vec::with_capacity(payments.len());
    for (i, payment) in payments.iter().enumerate() {
        let customer = customers.get(payment.customer_external_id.trim()).copied();
        if customer.is_none() {
            errors.push(FieldError {
                field: format!("payments[{i}].customer_external_id"),
                message: "No customer with this id at your dealership.".into(),
            });
        }
        let mut allocations = Vec::with_capacity(payment.allocations.len());
        for (j, allocation) in payment.allocations.iter().enumerate() {
            let problem = match invoices.get(allocation.invoice_external_id.trim()) {
                None => Some("No invoice with this id at your dealership."),
                Some(invoice) if customer.is_some_and(|c| c != invoice.customer_id) => {
                    Some("This invoice is another customer's.")
                }
                Some(invoice) if invoice.kind != "invoice" => {
                    Some("A payment cannot be applied to a credit memo.")
                }
                Some(invoice) => {
                    allocations.push((invoice.id, allocation.amount_minor));
                    None
                }
            };
            if let Some(message) = problem {
                errors.push(FieldError {
                    field: format!("payments[{i}].allocations[{j}].invoice_external_id"),
                    message: message.into(),
                });
            }
        }
        if let Some(customer_id) = customer {
            wanted.push(PaymentValues {
                customer_id,
                received_on: payment.received_on,
                amount_minor: payment.amount_minor,
                method: payment.method.as_str().into(),
                reference: text(&payment.reference).map(Into::into),
                allocations,
            });
        }
    }
    if errors.is_empty() { Ok(wanted) } else { Err(errors) }
}

/// Where a payment received on `day` sorts among portal payments: that day at 00:00 UTC.
fn history_at(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(NaiveTime::MIN).and_utc()
}

/// Upserts every payment of a validated batch for `dealer_id`, or none of them: a customer
/// or invoice id that names nothing of the dealer's, an invoice of another customer or a
/// credit memo refuses the whole batch with a field error per problem
/// (`payments[3].allocations[0].invoice_external_id`). The caller's `audit` event, made from
/// the counts, is written in the same transaction.
pub async fn upsert_counter_payments<'a>(
    db: &Db,
    dealer_id: DealerId,
    payments: &[CounterPaymentUpsert],
    audit: impl FnOnce(&UpsertCounts) -> AuditEvent<'a>,
    now: DateTime<Utc>,
) -> Result<UpsertCounts, UpsertError> {
    let now = now.trunc_subsecs(6);
    let mut customer_keys: Vec<&str> = payments.iter().map(|p| p.customer_external_id.trim()).collect();
    customer_keys.sort_unstable();
    customer_keys.dedup();
    let mut invoice_keys: Vec<&str> =
        payments.iter().flat_map(|p| &p.allocations).map(|a| a.invoice_external_id.trim()).collect();
    invoice_keys.sort_unstable();
    invoice_keys.dedup();
    let payment_keys: Vec<&str> = payments.iter().map(|p| p.external_id.trim()).collect();
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let customers: HashMap<String, Uuid> = fetch_in!(tx, (String, Uuid),
            "SELECT external_id, id FROM customers", dealer_id, "external_id", customer_keys)
            .into_iter()
            .collect();
        let invoices: HashMap<String, InvoiceRef> = fetch_in!(tx, InvoiceRef,
            "SELECT external_id, id, customer_id, kind FROM invoices", dealer_id, "external_id", invoice_keys)
            .into_iter()
            .map(|invoice| (invoice.external_id.clone(), invoice))
            .collect();
        let wanted = match resolve(payments, &customers, &invoices) {
            Ok(wanted) => wanted,
            Err(errors) => {
                tx.rollback().await?;
                return Err(UpsertError::Invalid(errors));
            }
        };
        let rows = fetch_in!(tx, PaymentRow,
            "SELECT id, external_id, customer_id, received_on, amount_minor, method, reference \
             FROM counter_payments", dealer_id, "external_id", payment_keys);
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
        let mut allocated: HashMap<Uuid, Vec<(Uuid, i64)>> = HashMap::new();
        for chunk in ids.chunks(IN_CHUNK) {
            let mut qb = QueryBuilder::new(
                "SELECT payment_id, invoice_id, amount_minor FROM counter_payment_allocations WHERE payment_id IN (",
            );
            let mut list = qb.separated(", ");
            for id in chunk {
                list.push_bind(*id);
            }
            list.push_unseparated(") ORDER BY payment_id, line_no");
            let found: Vec<(Uuid, Uuid, i64)> = qb.build_query_as().fetch_all(&mut *tx).await?;
            for (payment_id, invoice_id, amount) in found {
                allocated.entry(payment_id).or_default().push((invoice_id, amount));
            }
        }
        let stored: HashMap<String, (Uuid, PaymentValues)> = rows
            .into_iter()
            .map(|row| {
                let values = PaymentValues {
                    customer_id: row.customer_id,
                    received_on: row.received_on,
                    amount_minor: row.amount_minor,
                    method: row.method,
                    reference: row.reference,
                    allocations: allocated.remove(&row.id).unwrap_or_default(),
                };
                (row.external_id, (row.id, values))
            })
            .collect();

        let mut counts = UpsertCounts::default();
        for (payment, wanted) in payments.iter().zip(&wanted) {
            let external_id = payment.external_id.trim();
            let id = match stored.get(external_id) {
                Some((_, values)) if values == wanted => {
                    counts.unchanged += 1;
                    continue;
                }
                Some((id, _)) => {
                    counts.updated += 1;
                    *id
                }
                None => {
                    counts.created += 1;
                    Uuid::now_v7()
                }
            };
            sqlx::query(
                "INSERT INTO counter_payments (id, dealer_id, customer_id, external_id, received_on, \
                 history_at, amount_minor, method, reference, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) \
                 ON CONFLICT (dealer_id, external_id) DO UPDATE SET customer_id = excluded.customer_id, \
                 received_on = excluded.received_on, history_at = excluded.history_at, \
                 amount_minor = excluded.amount_minor, method = excluded.method, \
                 reference = excluded.reference, updated_at = excluded.updated_at",
            )
            .bind(id)
            .bind(dealer_id)
            .bind(wanted.customer_id)
            .bind(external_id)
            .bind(wanted.received_on)
            .bind(history_at(wanted.received_on))
            .bind(wanted.amount_minor)
            .bind(&wanted.method)
            .bind(&wanted.reference)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM counter_payment_allocations WHERE payment_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            for (line_no, (invoice_id, amount)) in (1_i32..).zip(&wanted.allocations) {
                sqlx::query(
                    "INSERT INTO counter_payment_allocations (payment_id, line_no, invoice_id, amount_minor) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(line_no)
                .bind(invoice_id)
                .bind(amount)
                .execute(&mut *tx)
                .await?;
            }
        }
        let event = audit(&counts);
        record_arrival!(&mut *tx, dealer_id, SyncKind::CounterPayments, payments.len(), now).await?;
        record_audit!(&mut *tx, event, now).await?;
        tx.commit().await?;
        Ok(counts)
    })
}

/// Deletes the dealer's counter payment `external_id` (entered by mistake) with its
/// allocations, in one transaction with the caller's audit event.
pub async fn delete_counter_payment<'a>(
    db: &Db,
    dealer_id: DealerId,
    external_id: &str,
    audit: AuditEvent<'a>,
    now: DateTime<Utc>,
) -> Result<(), DeleteError> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let id: Option<Uuid> =
            sqlx::query_scalar("SELECT id FROM counter_payments WHERE dealer_id = $1 AND external_id = $2")
                .bind(dealer_id)
                .bind(external_id)
                .fetch_optional(&mut *tx)
                .await?;
        let id = id.ok_or(DeleteError::NotFound)?;
        sqlx::query("DELETE FROM counter_payment_allocations WHERE payment_id = $1").bind(id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM counter_payments WHERE id = $1").bind(id).execute(&mut *tx).await?;
        record_arrival!(&mut *tx, dealer_id, SyncKind::CounterPayments, 1_usize, now).await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(())
    })
}

/// An allocation of a counter payment: invoice id and number, amount.
type AllocationRow = (Uuid, String, i64);

#[derive(sqlx::FromRow)]
struct DetailRow {
    id: Uuid,
    external_id: String,
    received_on: NaiveDate,
    amount_minor: i64,
    method: String,
    reference: Option<String>,
    currency: String,
    paid_by: String,
    created_at: DateTime<Utc>,
}

/// Counter payment `id` of `customer_id` as the payment history shows it, with the
/// invoices it paid and what it left on account; `None` when there is none or it is not
/// theirs.
pub async fn detail(
    db: &Db,
    customer_id: CustomerId,
    id: Uuid,
) -> Result<Option<PaymentDetail>, sqlx::Error> {
    let found: Option<(DetailRow, Vec<AllocationRow>)> = db_run!(db, pool => {
        let row: Option<DetailRow> = sqlx::query_as(
            "SELECT c.id, c.external_id, c.received_on, c.amount_minor, c.method, c.reference, \
             d.currency, k.name AS paid_by, c.created_at FROM counter_payments c \
             JOIN customers k ON k.id = c.customer_id JOIN dealers d ON d.id = c.dealer_id \
             WHERE c.id = $1 AND c.customer_id = $2",
        )
        .bind(id)
        .bind(customer_id)
        .fetch_optional(pool)
        .await?;
        match row {
            None => None,
            Some(row) => {
                let allocations = sqlx::query_as(
                    "SELECT a.invoice_id, i.number, a.amount_minor FROM counter_payment_allocations a \
                     JOIN invoices i ON i.id = a.invoice_id WHERE a.payment_id = $1 ORDER BY a.line_no",
                )
                .bind(id)
                .fetch_all(pool)
                .await?;
                Some((row, allocations))
            }
        }
    });
    let Some((row, allocations)) = found else { return Ok(None) };
    let currency: Currency = enum_text(&row.currency, "dealers.currency")?;
    let allocated: i64 = allocations.iter().map(|(_, _, amount)| amount).sum();
    let mut shown: Vec<PaymentAllocation> = allocations
        .into_iter()
        .map(|(invoice_id, number, amount)| PaymentAllocation {
            invoice_id: Some(invoice_id),
            invoice_number: Some(number),
            amount: Money::new(amount, currency),
        })
        .collect();
    if row.amount_minor > allocated {
        shown.push(PaymentAllocation {
            invoice_id: None,
            invoice_number: None,
            amount: Money::new(row.amount_minor - allocated, currency),
        });
    }
    let method: Tender = enum_text(&row.method, "counter_payments.method")?;
    Ok(Some(PaymentDetail {
        summary: PaymentSummary {
            id: row.id,
            number: row.external_id.clone(),
            channel: PaymentChannel::Counter,
            method,
            status: PaymentStatus::Succeeded,
            amount: Money::new(row.amount_minor, currency),
            instrument_brand: None,
            instrument_last4: None,
            paid_by: row.paid_by,
            created_at: row.created_at,
            external_id: Some(row.external_id),
            reference: row.reference,
            received_on: Some(row.received_on),
        },
        allocations: shown,
        receipt_email: None,
        gateway_reference: None,
        failure_message: None,
        posted_at: Some(row.created_at),
    }))
}

#[cfg(test)]
mod tests {
    use shared::counter_payments::CounterAllocationUpsert;

    use super::*;

    fn payment(customer: &str, invoices: &[&str]) -> CounterPaymentUpsert {
        CounterPaymentUpsert {
            external_id: "R-1".into(),
            customer_external_id: customer.into(),
            received_on: NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or_default(),
            amount_minor: 1_000,
            method: Tender::Cash,
            reference: Some("  ".into()),
            allocations: invoices
                .iter()
                .map(|i| CounterAllocationUpsert { invoice_external_id: (*i).into(), amount_minor: 100 })
                .collect(),
        }
    }

    #[test]
    fn references_resolve_among_the_customers_own_invoices() {
        let (mine, theirs) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let customers: HashMap<String, Uuid> = [("C-1".to_string(), mine)].into_iter().collect();
        let invoice = |id: u128, customer: Uuid, kind: &str| InvoiceRef {
            external_id: String::new(),
            id: Uuid::from_u128(id),
            customer_id: customer,
            kind: kind.into(),
        };
        let invoices: HashMap<String, InvoiceRef> = [
            ("I-1".to_string(), invoice(10, mine, "invoice")),
            ("I-2".to_string(), invoice(11, theirs, "invoice")),
            ("CM-1".to_string(), invoice(12, mine, "credit_memo")),
        ]
        .into_iter()
        .collect();
        let wanted = resolve(&[payment("C-1", &["I-1"])], &customers, &invoices).unwrap_or_default();
        assert_eq!(wanted[0].allocations, [(Uuid::from_u128(10), 100)]);
        assert_eq!(wanted[0].reference, None, "a blank reference is stored as none");
        let errors =
            resolve(&[payment("NOPE", &[]), payment("C-1", &["I-2", "CM-1", "I-9"])], &customers, &invoices)
                .err()
                .unwrap_or_default();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "payments[0].customer_external_id",
                "payments[1].allocations[0].invoice_external_id",
                "payments[1].allocations[1].invoice_external_id",
                "payments[1].allocations[2].invoice_external_id",
            ]
        );
        assert_eq!(
            history_at(NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or_default()).to_rfc3339(),
            "2026-05-01T00:00:00+00:00"
        );
    }
}
