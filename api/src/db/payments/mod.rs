//! Portal payments (E4-E6, E8) with their allocations, the dealer's payment methods, and
//! the amounts they hold on invoices (`invoices.pending_minor`).
//!
//! A payment is written in two transactions with the gateway call between them (see
//! `services::payments`): [`reserve`] inserts it `processing` and holds its amounts on the
//! invoices; [`finalise`] records the gateway's answer once — guarded by
//! `status = 'processing'` — with the receipt email, staff notification and audit record,
//! and releases the held amounts of a declined payment. [`mark_posted`] releases them when
//! the back office has posted the payment.

use chrono::{DateTime, Utc};
use shared::money::{Currency, Money};
use shared::payments::{
    IntegrationAllocation, IntegrationPayment, PaymentAllocation, PaymentDetail, PaymentMethod,
    PaymentMethodOption, PaymentStatus, PaymentSummary,
};
use sqlx::QueryBuilder;
use uuid::Uuid;

use super::audit::{AuditEvent, record_audit};
use super::decode::enum_text;
use super::idempotency::Keyed;
use super::notifications::{NewNotification, insert_notification};
use super::outbox::{NewEmail, enqueue_email};
use super::{BeginWrite, Db, db_run};
use crate::domain::payments::InvoiceFacts;
use crate::ids::{CustomerId, DealerId, UserId};

/// The dealer's enabled payment methods, card first.
pub async fn enabled_methods(db: &Db, dealer_id: DealerId) -> Result<Vec<PaymentMethodOption>, sqlx::Error> {
    let rows: Vec<(String, String, Option<String>)> = db_run!(db, pool => {
        sqlx::query_as(
            "SELECT method, gateway, public_key FROM dealer_payment_methods \
             WHERE dealer_id = $1 AND enabled = TRUE ORDER BY method DESC",
        )
        .bind(dealer_id)
        .fetch_all(pool)
        .await?
    });
    rows.into_iter()
        .map(|(method, gateway, public_key)| {
            let method = enum_text(&method, "dealer_payment_methods.method")?;
            Ok(PaymentMethodOption { method, gateway, public_key })
        })
        .collect()
}

/// The gateway of the dealer's `method`, if that method is enabled.
pub async fn enabled_gateway(
    db: &Db,
    dealer_id: DealerId,
    method: PaymentMethod,
) -> Result<Option<String>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_scalar(
            "SELECT gateway FROM dealer_payment_methods WHERE dealer_id = $1 AND method = $2 AND enabled = TRUE",
        )
        .bind(dealer_id)
        .bind(method.as_str())
        .fetch_optional(pool)
        .await
    })
}

#[derive(sqlx::FromRow)]
struct InvoiceFactsRow {
    id: Uuid,
    number: String,
    kind: String,
    status: String,
    balance_minor: i64,
    pending_minor: i64,
}

/// The invoices among `ids` that belong to `customer_id`; foreign and unknown ids are
/// simply missing.
pub async fn invoice_facts(
    db: &Db,
    customer_id: CustomerId,
    ids: &[Uuid],
) -> Result<Vec<InvoiceFacts>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<InvoiceFactsRow> = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(
            "SELECT id, number, kind, status, balance_minor, pending_minor FROM invoices WHERE customer_id = ",
        );
        qb.push_bind(customer_id).push(" AND id IN (");
        let mut list = qb.separated(", ");
        for id in ids {
            list.push_bind(*id);
        }
        qb.push(")");
        qb.build_query_as().fetch_all(pool).await?
    });
    rows.into_iter().map(InvoiceFactsRow::facts).collect()
}

impl InvoiceFactsRow {
    fn facts(self) -> Result<InvoiceFacts, sqlx::Error> {
        Ok(InvoiceFacts {
            id: self.id,
            number: self.number,
            kind: enum_text(&self.kind, "invoices.kind")?,
            status: enum_text(&self.status, "invoices.status")?,
            balance_minor: self.balance_minor,
            pending_minor: self.pending_minor,
        })
    }
}

/// The open invoices of contract `contract_id` with something still due, in the order a
/// contract payment pays them: the earliest due date first (those without one last), then
/// invoice date and number. `None` when the contract is not `customer_id`'s.
pub async fn contract_invoice_facts(
    db: &Db,
    customer_id: CustomerId,
    contract_id: Uuid,
) -> Result<Option<Vec<InvoiceFacts>>, sqlx::Error> {
    let (found, rows): (Option<Uuid>, Vec<InvoiceFactsRow>) = db_run!(db, pool => {
        let found = sqlx::query_scalar("SELECT id FROM contracts WHERE id = $1 AND customer_id = $2")
            .bind(contract_id)
            .bind(customer_id)
            .fetch_optional(pool)
            .await?;
        let rows = sqlx::query_as(
            "SELECT id, number, kind, status, balance_minor, pending_minor FROM invoices \
             WHERE contract_id = $1 AND customer_id = $2 AND kind = 'invoice' AND status = 'open' \
             AND balance_minor > pending_minor \
             ORDER BY CASE WHEN due_date IS NULL THEN 1 ELSE 0 END, due_date, invoice_date, number, id",
        )
        .bind(contract_id)
        .bind(customer_id)
        .fetch_all(pool)
        .await?;
        (found, rows)
    });
    if found.is_none() {
        return Ok(None);
    }
    rows.into_iter().map(InvoiceFactsRow::facts).collect::<Result<_, _>>().map(Some)
}

/// A payment to write, `processing`, with where its money goes.
#[derive(Debug, Clone)]
pub struct NewPayment {
    pub id: Uuid,
    pub dealer_id: DealerId,
    pub customer_id: CustomerId,
    pub created_by: UserId,
    pub number: String,
    pub method: PaymentMethod,
    pub gateway: String,
    pub amount_minor: i64,
    pub currency: Currency,
    pub receipt_email: String,
    pub idempotency_key: String,
    pub request_hash: String,
    /// In the order sent: an invoice (or `None`: on account) and its amount.
    pub allocations: Vec<(Option<Uuid>, i64)>,
}

/// What became of [`reserve`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReserveOutcome {
    Reserved,
    /// The user already made a payment under this key on this account: this one.
    KeyTaken(Uuid),
    /// The receipt number exists at the dealer already: draw another and retry.
    NumberTaken,
    /// Allocation number `.0` is more than its invoice still has due (another payment got
    /// there first); nothing was written.
    NotDue(usize),
}

/// Inserts a `processing` payment, its allocations, the `payment.created` change-feed event
/// and the `payment.started` audit record, and holds each allocation on its invoice with a guarded
/// `pending_minor = pending_minor + amount` that only succeeds while the invoice is open
/// and has that much due. That guard is what stops two tabs (two keys) paying the same
/// invoice twice: the second finds too little due and everything is rolled back.
///
/// The `(created_by, customer_id, idempotency_key)` unique constraint stops a double
/// submit with one key: the payment row goes in before any invoice is touched, so a
/// concurrent twin fails on it (PostgreSQL) or finds the row (SQLite serialises writers).
/// Invoices are updated in id order so two payments of several invoices cannot deadlock.
pub async fn reserve(
    db: &Db,
    payment: &NewPayment,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<ReserveOutcome, sqlx::Error> {
    let mut holds: Vec<(usize, Uuid, i64)> = payment
        .allocations
        .iter()
        .enumerate()
        .filter_map(|(i, (invoice, amount))| invoice.map(|id| (i, id, *amount)))
        .collect();
    holds.sort_by_key(|(_, id, _)| *id);
    let outcome = db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let existing: Option<Uuid> = sqlx::query_scalar(
            "SELECT id FROM payments WHERE created_by = $1 AND customer_id = $2 AND idempotency_key = $3",
        )
        .bind(payment.created_by)
        .bind(payment.customer_id)
        .bind(&payment.idempotency_key)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(id) = existing {
            return Ok(ReserveOutcome::KeyTaken(id));
        }
        let inserted = sqlx::query(
            "INSERT INTO payments (id, dealer_id, customer_id, created_by, number, method, gateway, \
             amount_minor, currency, status, instrument_brand, instrument_last4, gateway_reference, \
             failure_code, failure_message, receipt_email, idempotency_key, request_hash, posted_at, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'processing', NULL, NULL, \
             NULL, NULL, NULL, $10, $11, $12, NULL, $13, $13)",
        )
        .bind(payment.id)
        .bind(payment.dealer_id)
        .bind(payment.customer_id)
        .bind(payment.created_by)
        .bind(&payment.number)
        .bind(payment.method.as_str())
        .bind(&payment.gateway)
        .bind(payment.amount_minor)
        .bind(payment.currency.code())
        .bind(&payment.receipt_email)
        .bind(&payment.idempotency_key)
        .bind(&payment.request_hash)
        .bind(now)
        .execute(&mut *tx)
        .await;
        match inserted {
            Ok(_) => {}
            Err(err) if crate::db::is_unique_violation(&err) => {
                drop(tx);
                let (user, customer, key) = (payment.created_by, payment.customer_id, &payment.idempotency_key);
                let owner = super::idempotency::stored(db, Keyed::Payments, user, customer, key).await?;
                return Ok(match owner {
                    Some((id, _)) => ReserveOutcome::KeyTaken(id),
                    None => ReserveOutcome::NumberTaken,
                });
            }
            Err(err) => return Err(err),
        }
        let mut qb = QueryBuilder::new("INSERT INTO payment_allocations (payment_id, line_no, invoice_id, amount_minor) ");
        qb.push_values(payment.allocations.iter().enumerate(), |mut b, (i, (invoice, amount))| {
            b.push_bind(payment.id)
                .push_bind(i32::try_from(i + 1).unwrap_or(i32::MAX))
                .push_bind(*invoice)
                .push_bind(*amount);
        });
        qb.build().execute(&mut *tx).await?;
        for (i, invoice_id, amount) in &holds {
            let held = sqlx::query(
                "UPDATE invoices SET pending_minor = pending_minor + $3 \
                 WHERE id = $1 AND customer_id = $2 AND status = 'open' AND kind = 'invoice' \
                 AND balance_minor - pending_minor >= $3",
            )
            .bind(*invoice_id)
            .bind(payment.customer_id)
            .bind(*amount)
            .execute(&mut *tx)
            .await?;
            if held.rows_affected() != 1 {
                return Ok(ReserveOutcome::NotDue(*i));
            }
        }
        record_payment_event!(tx, payment.id, shared::events::Event::PaymentCreated, now).await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        ReserveOutcome::Reserved
    });
    Ok(outcome)
}

/// What the gateway call needs to know of a payment.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChargeFacts {
    pub id: Uuid,
    pub dealer_id: DealerId,
    /// Who paid: their receipt is in their language.
    pub created_by: UserId,
    pub method: String,
    pub gateway: String,
    pub amount_minor: i64,
    pub currency: String,
    pub status: String,
}

/// The text columns decoded, each an error when it names no variant. The fields stay text
/// for the callers that read them as such.
impl ChargeFacts {
    pub fn decoded_method(&self) -> Result<PaymentMethod, sqlx::Error> {
        enum_text(&self.method, "payments.method")
    }

    pub fn decoded_currency(&self) -> Result<Currency, sqlx::Error> {
        enum_text(&self.currency, "payments.currency")
    }

    pub fn decoded_status(&self) -> Result<PaymentStatus, sqlx::Error> {
        enum_text(&self.status, "payments.status")
    }
}

/// A payment of `customer_id` as the gateway call needs it.
pub async fn charge_facts(
    db: &Db,
    customer_id: CustomerId,
    id: Uuid,
) -> Result<Option<ChargeFacts>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(
            "SELECT id, dealer_id, created_by, method, gateway, amount_minor, currency, status \
             FROM payments WHERE id = $1 AND customer_id = $2",
        )
        .bind(id)
        .bind(customer_id)
        .fetch_optional(pool)
        .await
    })
}

/// Payments still `processing` that were reserved before `before`, oldest first, at most
/// `limit`: (payment, customer). What the reconciler settles.
pub async fn stale_processing(
    db: &Db,
    before: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<(Uuid, CustomerId)>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(
            "SELECT id, customer_id FROM payments WHERE status = 'processing' AND created_at < $1 \
             ORDER BY created_at, id LIMIT $2",
        )
        .bind(before)
        .bind(limit)
        .fetch_all(pool)
        .await
    })
}

/// Releases what payment `$payment_id` still holds on its invoices, inside transaction
/// `$tx`, marking each allocation released at `$now` (never below zero: a back-office
/// upsert may have changed the invoice meanwhile). With `newer_balance_only`, only the
/// invoices whose balance arrived from the back office after the payment was made: a
/// posted payment keeps holding on the others until such a balance arrives
/// ([`release_posted_holds`]). Answers how many allocations were released.
macro_rules! release_holds {
    ($tx:expr, $payment_id:expr, $now:expr, newer_balance_only: $newer_only:expr) => {
        async {
            let holds: Vec<(i32, Uuid, i64)> = sqlx::query_as(
                "SELECT a.line_no, a.invoice_id, a.amount_minor FROM payment_allocations a \
                 JOIN invoices i ON i.id = a.invoice_id JOIN payments p ON p.id = a.payment_id \
                 WHERE a.payment_id = $1 AND a.released_at IS NULL \
                 AND ($2 = FALSE OR i.balance_received_at > p.created_at) ORDER BY a.invoice_id",
            )
            .bind($payment_id)
            .bind($newer_only)
            .fetch_all(&mut *$tx)
            .await?;
            for (line_no, invoice_id, amount) in &holds {
                sqlx::query(
                    "UPDATE invoices SET pending_minor = CASE WHEN pending_minor >= $2 \
                     THEN pending_minor - $2 ELSE 0 END WHERE id = $1",
                )
                .bind(*invoice_id)
                .bind(*amount)
                .execute(&mut *$tx)
                .await?;
                sqlx::query(
                    "UPDATE payment_allocations SET released_at = $3 WHERE payment_id = $1 AND line_no = $2",
                )
                .bind($payment_id)
                .bind(*line_no)
                .bind($now)
                .execute(&mut *$tx)
                .await?;
            }
            Ok::<usize, sqlx::Error>(holds.len())
        }
    };
}

/// Inside transaction `$tx`, where the back office has just sent the balances of invoices
/// `$invoice_ids` (a slice of ids): releases every hold of an already posted payment on
/// them, since a balance sent now is newer than any posted payment. What closes the
/// posting trap when the back office confirms a payment before it sends the new balance.
macro_rules! release_posted_holds {
    ($tx:expr, $invoice_ids:expr, $now:expr) => {
        async {
            let mut released = 0_usize;
            for chunk in $invoice_ids.chunks(500) {
                let mut qb = sqlx::QueryBuilder::new(
                    "SELECT a.payment_id, a.line_no, a.invoice_id, a.amount_minor FROM payment_allocations a \
                     JOIN payments p ON p.id = a.payment_id \
                     WHERE a.released_at IS NULL AND p.posted_at IS NOT NULL AND a.invoice_id IN (",
                );
                let mut list = qb.separated(", ");
                for id in chunk {
                    list.push_bind(*id);
                }
                list.push_unseparated(") ORDER BY a.invoice_id, a.payment_id, a.line_no");
                let holds: Vec<(Uuid, i32, Uuid, i64)> =
                    qb.build_query_as().persistent(false).fetch_all(&mut *$tx).await?;
                for (payment_id, line_no, invoice_id, amount) in &holds {
                    sqlx::query(
                        "UPDATE invoices SET pending_minor = CASE WHEN pending_minor >= $2 \
                         THEN pending_minor - $2 ELSE 0 END WHERE id = $1",
                    )
                    .bind(*invoice_id)
                    .bind(*amount)
                    .execute(&mut *$tx)
                    .await?;
                    sqlx::query(
                        "UPDATE payment_allocations SET released_at = $3 WHERE payment_id = $1 AND line_no = $2",
                    )
                    .bind(*payment_id)
                    .bind(*line_no)
                    .bind($now)
                    .execute(&mut *$tx)
                    .await?;
                }
                released += holds.len();
            }
            Ok::<usize, sqlx::Error>(released)
        }
    };
}
pub(crate) use release_posted_holds;

/// A payment as the change feed reports it (`$1`: the payment).
pub(crate) const EVENT_SELECT: &str = "SELECT p.id, p.number, p.status, p.method, p.amount_minor, p.currency, \
     p.gateway, p.gateway_reference, p.instrument_brand, p.instrument_last4, p.failure_code, \
     p.failure_message, p.created_at, p.posted_at, p.dealer_id, p.customer_id, \
     c.external_id AS customer_external_id, c.account_number, c.name AS customer_name \
     FROM payments p JOIN customers c ON c.id = p.customer_id WHERE p.id = $1";

/// Its allocations, in the order sent.
pub(crate) const EVENT_ALLOCATIONS_SELECT: &str = "SELECT a.invoice_id, i.external_id, i.number, a.amount_minor \
     FROM payment_allocations a LEFT JOIN invoices i ON i.id = a.invoice_id WHERE a.payment_id = $1 \
     ORDER BY a.line_no";

/// An allocation as the change feed reports it: invoice id, its external id and number
/// (all `None` on account), amount.
pub(crate) type EventAllocationRow = (Option<Uuid>, Option<String>, Option<String>, i64);

#[derive(sqlx::FromRow)]
pub(crate) struct EventRow {
    id: Uuid,
    number: String,
    status: String,
    method: String,
    amount_minor: i64,
    currency: String,
    gateway: String,
    gateway_reference: Option<String>,
    instrument_brand: Option<String>,
    instrument_last4: Option<String>,
    failure_code: Option<String>,
    failure_message: Option<String>,
    created_at: DateTime<Utc>,
    posted_at: Option<DateTime<Utc>>,
    dealer_id: DealerId,
    customer_id: CustomerId,
    customer_external_id: String,
    account_number: String,
    customer_name: String,
}

impl EventRow {
    pub(crate) fn into_event(
        self,
        allocations: Vec<EventAllocationRow>,
        kind: fn(shared::events::PaymentEventV1) -> shared::events::Event,
    ) -> Result<crate::db::events::NewEvent, sqlx::Error> {
        let data = shared::events::PaymentEventV1 {
            payment_id: self.id,
            number: self.number,
            status: enum_text(&self.status, "payments.status")?,
            method: enum_text(&self.method, "payments.method")?,
            amount_minor: self.amount_minor,
            currency: enum_text(&self.currency, "payments.currency")?,
            gateway: self.gateway,
            gateway_reference: self.gateway_reference,
            instrument_brand: self.instrument_brand,
            instrument_last4: self.instrument_last4,
            failure_code: self.failure_code,
            failure_message: self.failure_message,
            customer: shared::events::EventCustomer {
                id: self.customer_id.get(),
                external_id: self.customer_external_id,
                account_number: self.account_number,
                name: self.customer_name,
            },
            allocations: allocations
                .into_iter()
                .map(|(invoice_id, invoice_external_id, invoice_number, amount_minor)| {
                    shared::events::PaymentEventAllocation {
                        invoice_id,
                        invoice_external_id,
                        invoice_number,
                        amount_minor,
                    }
                })
                .collect(),
            created_at: self.created_at,
            posted_at: self.posted_at,
        };
        Ok(crate::db::events::NewEvent::new(self.dealer_id, Some(self.customer_id), kind(data)))
    }
}

/// Records, on transaction `$tx`, the change-feed event of payment `$payment_id` as the
/// transaction sees it; `$kind` is the `Event` variant (`Event::PaymentCreated`, ...).
macro_rules! record_payment_event {
    ($tx:ident, $payment_id:expr, $kind:expr, $at:expr) => {
        async {
            let payment_id: Uuid = $payment_id;
            let row: EventRow = sqlx::query_as(EVENT_SELECT).bind(payment_id).fetch_one(&mut *$tx).await?;
            let allocations: Vec<EventAllocationRow> =
                sqlx::query_as(EVENT_ALLOCATIONS_SELECT).bind(payment_id).fetch_all(&mut *$tx).await?;
            let event = row.into_event(allocations, $kind)?;
            crate::db::events::record_event!(&mut *$tx, &event, $at).await
        }
    };
}
use record_payment_event;

/// The gateway's answer, as recorded on the payment.
#[derive(Debug, Clone)]
pub struct Settlement {
    pub payment_id: Uuid,
    /// `succeeded`, `pending` or `failed`.
    pub status: PaymentStatus,
    pub brand: Option<String>,
    pub last4: Option<String>,
    pub reference: Option<String>,
    pub failure_code: Option<String>,
    pub failure_message: Option<String>,
}

/// Records the gateway's answer once, in one transaction: the status (only while the
/// payment is still `processing`), the release of a failed payment's holds, the
/// `payment.succeeded` or `payment.failed` change-feed event, the emails,
/// the staff notification and the audit record. `false` when another request finalised it
/// first (nothing written).
pub async fn finalise(
    db: &Db,
    settlement: &Settlement,
    emails: &[NewEmail],
    notification: Option<&NewNotification>,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let updated = sqlx::query(
            "UPDATE payments SET status = $2, instrument_brand = $3, instrument_last4 = $4, \
             gateway_reference = $5, failure_code = $6, failure_message = $7, updated_at = $8 \
             WHERE id = $1 AND status = 'processing'",
        )
        .bind(settlement.payment_id)
        .bind(settlement.status.as_str())
        .bind(&settlement.brand)
        .bind(&settlement.last4)
        .bind(&settlement.reference)
        .bind(&settlement.failure_code)
        .bind(&settlement.failure_message)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() != 1 {
            return Ok(false);
        }
        if settlement.status == PaymentStatus::Failed {
            release_holds!(tx, settlement.payment_id, now, newer_balance_only: false).await?;
        }
        let kind = match settlement.status {
            PaymentStatus::Failed => shared::events::Event::PaymentFailed,
            _ => shared::events::Event::PaymentSucceeded,
        };
        record_payment_event!(tx, settlement.payment_id, kind, now).await?;
        for email in emails {
            enqueue_email!(&mut *tx, email, now).await?;
        }
        if let Some(notification) = notification {
            insert_notification!(&mut *tx, notification, now).await?;
        }
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    })
}

// After the macros above, so the children can use them.
mod feed;
mod history;

pub use feed::*;
pub use history::*;
