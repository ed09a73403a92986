//! The back office's invoice feed (I3): a validated batch upserted by `(dealer, external_id)`
//! in one write transaction, lines replaced, the portal's pending payments left alone.

use std::collections::HashMap;

use chrono::{DateTime, SubsecRound, Utc};
use shared::error::FieldError;
use shared::invoices::{InvoiceUpsert, UpsertResult};
use uuid::Uuid;

use super::audit::{AuditEvent, record_audit};
use super::{BeginWrite, Db, db_run};
use crate::ids::DealerId;

/// Why a batch was not stored.
#[derive(Debug, thiserror::Error)]
pub enum UpsertError {
    /// Something in the batch names what the dealer does not have (422, nothing written).
    #[error("invalid batch")]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// A contract as an invoice may name it: its id, customer and store.
#[derive(sqlx::FromRow)]
struct ContractRef {
    id: Uuid,
    customer_id: Uuid,
    location_id: Uuid,
}

/// Resolves the back office's names in `invoices` (customer, store, contract, the invoice
/// itself) on `tx`: `(resolved, errors)`, one `(customer, location, contract, existing id)`
/// per invoice and a field error per name that does not resolve. A macro, like `db_run!`,
/// so each engine's arm compiles against its own types.
macro_rules! resolve_names {
    ($tx:ident, $dealer_id:ident, $invoices:ident) => {{
        let mut errors = Vec::new();
        let mut customers: HashMap<&str, Option<Uuid>> = HashMap::new();
        let mut locations: HashMap<&str, Option<Uuid>> = HashMap::new();
        let mut contracts: HashMap<&str, Option<ContractRef>> = HashMap::new();
        // (customer, location, contract, existing id) per invoice, once every name resolves.
        let mut resolved = Vec::with_capacity($invoices.len());
        for (i, invoice) in $invoices.iter().enumerate() {
            let mut error = |field: &str, message: &str| {
                errors.push(FieldError { field: format!("invoices[{i}].{field}"), message: message.into() });
            };
            let customer_key = invoice.customer_external_id.trim();
            if !customers.contains_key(customer_key) {
                let id: Option<Uuid> =
                    sqlx::query_scalar("SELECT id FROM customers WHERE dealer_id = $1 AND external_id = $2")
                        .bind($dealer_id)
                        .bind(customer_key)
                        .fetch_optional(&mut *$tx)
                        .await?;
                customers.insert(customer_key, id);
            }
            let customer = customers.get(customer_key).copied().flatten();
            if customer.is_none() {
                error("customer_external_id", "No customer with this id at your dealership.");
            }
            let mut location = None;
            if let Some(key) = optional(&invoice.location_external_id) {
                if !locations.contains_key(key) {
                    let id: Option<Uuid> = sqlx::query_scalar(
                        "SELECT id FROM locations WHERE dealer_id = $1 AND external_id = $2",
                    )
                    .bind($dealer_id)
                    .bind(key)
                    .fetch_optional(&mut *$tx)
                    .await?;
                    locations.insert(key, id);
                }
                location = locations.get(key).copied().flatten();
                if location.is_none() {
                    error("location_external_id", "No store with this id at your dealership.");
                }
            }
            let mut contract = None;
            if let Some(key) = optional(&invoice.contract_external_id) {
                if !contracts.contains_key(key) {
                    let found: Option<ContractRef> = sqlx::query_as(
                        "SELECT id, customer_id, location_id FROM contracts \
                         WHERE dealer_id = $1 AND external_id = $2",
                    )
                    .bind($dealer_id)
                    .bind(key)
                    .fetch_optional(&mut *$tx)
                    .await?;
                    contracts.insert(key, found);
                }
                match contracts.get(key).and_then(Option::as_ref) {
                    None => error("contract_external_id", "No contract with this id at your dealership."),
                    Some(c) if customer.is_some_and(|id| id != c.customer_id) => {
                        error("contract_external_id", "This contract belongs to another customer.")
                    }
                    Some(c) => {
                        contract = Some(c.id);
                        // An invoice for a contract is the contract's store's, unless it says otherwise.
                        location = location.or(Some(c.location_id));
                    }
                }
            }
            let external_id = invoice.external_id.trim();
            let number = invoice.number.trim();
            let existing: Option<Uuid> =
                sqlx::query_scalar("SELECT id FROM invoices WHERE dealer_id = $1 AND external_id = $2")
                    .bind($dealer_id)
                    .bind(external_id)
                    .fetch_optional(&mut *$tx)
                    .await?;
            let holder: Option<String> =
                sqlx::query_scalar("SELECT external_id FROM invoices WHERE dealer_id = $1 AND number = $2")
                    .bind($dealer_id)
                    .bind(number)
                    .fetch_optional(&mut *$tx)
                    .await?;
            if holder.is_some_and(|holder| holder != external_id) {
                error("number", "Another invoice already has this number.");
            }
            resolved.push((customer, location, contract, existing));
        }
        (resolved, errors)
    }};
}

/// Writes one resolved invoice on `tx` (inserted, or updated by external id) and replaces
/// its lines.
macro_rules! write_invoice {
    ($tx:ident, $dealer_id:ident, $invoice:ident, $customer:expr, $location:expr, $contract:expr, $existing:expr, $now:ident) => {{
        let (invoice, customer, location, contract, existing, now) =
            ($invoice, $customer, $location, $contract, $existing, $now);
        let id: Uuid = sqlx::query_scalar(
            "INSERT INTO invoices (id, dealer_id, customer_id, location_id, contract_id, external_id, \
         number, kind, status, invoice_date, due_date, po_number, job_number, subtotal_minor, \
         tax_minor, total_minor, balance_minor, pending_minor, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 0, $18, $18) \
         ON CONFLICT (dealer_id, external_id) DO UPDATE SET customer_id = excluded.customer_id, \
         location_id = excluded.location_id, contract_id = excluded.contract_id, \
         number = excluded.number, kind = excluded.kind, status = excluded.status, \
         invoice_date = excluded.invoice_date, due_date = excluded.due_date, \
         po_number = excluded.po_number, job_number = excluded.job_number, \
         subtotal_minor = excluded.subtotal_minor, tax_minor = excluded.tax_minor, \
         total_minor = excluded.total_minor, balance_minor = excluded.balance_minor, \
         updated_at = excluded.updated_at \
         RETURNING id",
        )
        .bind(existing.unwrap_or_else(Uuid::now_v7))
        .bind($dealer_id)
        .bind(*customer)
        .bind(*location)
        .bind(*contract)
        .bind(invoice.external_id.trim())
        .bind(invoice.number.trim())
        .bind(invoice.kind.as_str())
        .bind(invoice.status.as_str())
        .bind(invoice.invoice_date)
        .bind(invoice.due_date)
        .bind(optional(&invoice.po_number))
        .bind(optional(&invoice.job_number))
        .bind(invoice.subtotal_minor)
        .bind(invoice.tax_minor)
        .bind(invoice.total_minor)
        .bind(invoice.balance_minor)
        .bind(now)
        .fetch_one(&mut *$tx)
        .await?;
        sqlx::query("DELETE FROM invoice_lines WHERE invoice_id = $1").bind(id).execute(&mut *$tx).await?;
        for (n, line) in invoice.lines.iter().enumerate() {
            sqlx::query(
                "INSERT INTO invoice_lines (invoice_id, line_no, item_code, description, quantity, \
                 unit_price_minor, amount_minor) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id)
            .bind(i32::try_from(n + 1).unwrap_or(i32::MAX))
            .bind(optional(&line.item_code))
            .bind(line.description.trim())
            .bind(line.quantity)
            .bind(line.unit_price_minor)
            .bind(line.amount_minor)
            .execute(&mut *$tx)
            .await?;
        }
    }};
}

/// Upserts every invoice of a validated batch for `dealer_id`, or none of them: an unknown
/// customer, store or contract, a contract of another customer, or a number another
/// invoice already has, refuses the whole batch with a field error per problem
/// (`invoices[3].customer_external_id`). The caller's `audit` event for the batch, made
/// from what was created and updated, is written in the same transaction.
pub async fn upsert_batch<'a>(
    db: &Db,
    dealer_id: DealerId,
    invoices: &[InvoiceUpsert],
    audit: impl FnOnce(&UpsertResult) -> AuditEvent<'a>,
    now: DateTime<Utc>,
) -> Result<UpsertResult, UpsertError> {
    let now = now.trunc_subsecs(6);
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let (resolved, errors) = resolve_names!(tx, dealer_id, invoices);
        if !errors.is_empty() {
            tx.rollback().await?;
            return Err(UpsertError::Invalid(errors));
        }

        let (mut created, mut updated) = (0_u32, 0_u32);
        for (invoice, (customer, location, contract, existing)) in invoices.iter().zip(&resolved) {
            let Some(customer) = customer else { continue };
            write_invoice!(tx, dealer_id, invoice, customer, location, contract, existing, now);
            if existing.is_some() {
                updated += 1;
            } else {
                created += 1;
            }
        }
        let result = UpsertResult { created, updated };
        let event = audit(&result);
        record_audit!(&mut *tx, event, now).await?;
        tx.commit().await?;
        Ok(result)
    })
}

/// A trimmed optional text, blank read as absent.
fn optional(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}
