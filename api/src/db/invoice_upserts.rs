//! The back office's invoice feed (I3): a validated batch upserted by `(dealer, external_id)`
//! in one write transaction, lines replaced, the portal's pending payments left alone.
//! Set-based: the names of the whole batch are resolved with one query per kind (and
//! chunk), and invoices and lines are written by multi-row statements, never one per row.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, SubsecRound, Utc};
use shared::error::FieldError;
use shared::invoices::{InvoiceUpsert, UpsertResult};
use shared::sync_status::SyncKind;
use sqlx::QueryBuilder;
use uuid::Uuid;

use super::audit::{AuditEvent, record_audit};
use super::integration_sync::record_arrival;
use super::payments::release_posted_holds;
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

/// Keys per `IN (...)` list and invoices per multi-row `INSERT` (21 columns): well under
/// both engines' bind limits (SQLite 32,766, PostgreSQL 65,535).
const CHUNK: usize = 500;
/// Invoice lines per multi-row `INSERT` (7 columns).
const LINE_ROWS: usize = 1000;

/// A contract as an invoice may name it: its id, customer and store.
#[derive(Clone, Copy)]
struct ContractRef {
    id: Uuid,
    customer_id: Uuid,
    location_id: Uuid,
}

/// What the dealer has under the names a batch uses, each keyed by the back office's id
/// (invoice numbers by number).
#[derive(Default)]
struct Names {
    customers: HashMap<String, Uuid>,
    locations: HashMap<String, Uuid>,
    contracts: HashMap<String, ContractRef>,
    /// Stored invoices by external id.
    invoices: HashMap<String, Uuid>,
    /// Who holds each number: number → the holding invoice's external id.
    holders: HashMap<String, String>,
}

/// An invoice's names resolved: `(customer, location, contract, existing id)`.
type Resolved = (Uuid, Option<Uuid>, Option<Uuid>, Option<Uuid>);

/// Resolves every invoice's names against `names`: one `Resolved` per invoice, or a field
/// error per name that does not resolve (`invoices[3].customer_external_id`).
fn resolve(invoices: &[InvoiceUpsert], names: &Names) -> Result<Vec<Resolved>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut resolved = Vec::with_capacity(invoices.len());
    for (i, invoice) in invoices.iter().enumerate() {
        let mut error = |field: &str, message: &str| {
            errors.push(FieldError { field: format!("invoices[{i}].{field}"), message: message.into() });
        };
        let customer = names.customers.get(invoice.customer_external_id.trim()).copied();
        if customer.is_none() {
            error("customer_external_id", "No customer with this id at your dealership.");
        }
        let mut location = None;
        if let Some(key) = optional(&invoice.location_external_id) {
            location = names.locations.get(key).copied();
            if location.is_none() {
                error("location_external_id", "No store with this id at your dealership.");
            }
        }
        let mut contract = None;
        if let Some(key) = optional(&invoice.contract_external_id) {
            match names.contracts.get(key) {
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
        if names.holders.get(invoice.number.trim()).is_some_and(|holder| holder != external_id) {
            error("number", "Another invoice already has this number.");
        }
        if let Some(customer) = customer {
            resolved.push((customer, location, contract, names.invoices.get(external_id).copied()));
        }
    }
    if errors.is_empty() { Ok(resolved) } else { Err(errors) }
}

/// The distinct keys `key` gives for `invoices`, blanks left out.
fn keys<'a>(
    invoices: &'a [InvoiceUpsert],
    key: impl Fn(&'a InvoiceUpsert) -> Option<&'a str>,
) -> Vec<&'a str> {
    let set: HashSet<&str> = invoices.iter().filter_map(key).collect();
    set.into_iter().collect()
}

/// Runs `$head` with the dealer bound, then ` AND $column IN (key, ...)`, once per [`CHUNK`]
/// of `$keys` on `$tx`, every row as `$row`. A macro, like `db_run!`, so each engine's arm
/// compiles against its own types. Planned per run, not kept: see `record_upserts::CHUNK`.
macro_rules! fetch_in {
    ($tx:ident, $row:ty, $head:literal, $column:literal, $dealer_id:expr, $keys:expr) => {{
        let mut rows: Vec<$row> = Vec::new();
        for chunk in $keys.chunks(CHUNK) {
            let mut qb = QueryBuilder::new($head);
            qb.push_bind($dealer_id).push(concat!(" AND ", $column, " IN ("));
            let mut list = qb.separated(", ");
            for key in chunk {
                list.push_bind(*key);
            }
            list.push_unseparated(")");
            rows.extend(qb.build_query_as::<$row>().persistent(false).fetch_all(&mut *$tx).await?);
        }
        rows
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
    let customer_keys = keys(invoices, |i| optional_str(&i.customer_external_id));
    let location_keys = keys(invoices, |i| optional(&i.location_external_id));
    let contract_keys = keys(invoices, |i| optional(&i.contract_external_id));
    let invoice_keys = keys(invoices, |i| optional_str(&i.external_id));
    let numbers = keys(invoices, |i| optional_str(&i.number));
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let names = Names {
            customers: fetch_in!(tx, (String, Uuid),
                "SELECT external_id, id FROM customers WHERE dealer_id = ", "external_id",
                dealer_id, customer_keys).into_iter().collect(),
            locations: fetch_in!(tx, (String, Uuid),
                "SELECT external_id, id FROM locations WHERE dealer_id = ", "external_id",
                dealer_id, location_keys).into_iter().collect(),
            contracts: fetch_in!(tx, (String, Uuid, Uuid, Uuid),
                "SELECT external_id, id, customer_id, location_id FROM contracts WHERE dealer_id = ",
                "external_id", dealer_id, contract_keys)
                .into_iter()
                .map(|(key, id, customer_id, location_id)| (key, ContractRef { id, customer_id, location_id }))
                .collect(),
            invoices: fetch_in!(tx, (String, Uuid),
                "SELECT external_id, id FROM invoices WHERE dealer_id = ", "external_id",
                dealer_id, invoice_keys).into_iter().collect(),
            holders: fetch_in!(tx, (String, String),
                "SELECT number, external_id FROM invoices WHERE dealer_id = ", "number",
                dealer_id, numbers).into_iter().collect(),
        };
        let resolved = match resolve(invoices, &names) {
            Ok(resolved) => resolved,
            Err(errors) => {
                tx.rollback().await?;
                return Err(UpsertError::Invalid(errors));
            }
        };

        // The id each invoice is stored under: the stored one, or a new one.
        let ids: Vec<Uuid> =
            resolved.iter().map(|(_, _, _, existing)| existing.unwrap_or_else(Uuid::now_v7)).collect();
        let rows: Vec<(&InvoiceUpsert, &Resolved, Uuid)> =
            invoices.iter().zip(&resolved).zip(&ids).map(|((i, r), id)| (i, r, *id)).collect();
        for chunk in rows.chunks(CHUNK) {
            let mut qb = QueryBuilder::new(
                "INSERT INTO invoices (id, dealer_id, customer_id, location_id, contract_id, external_id, \
                 number, kind, status, invoice_date, due_date, po_number, job_number, subtotal_minor, \
                 tax_minor, total_minor, balance_minor, pending_minor, created_at, updated_at, \
                 balance_received_at) ",
            );
            qb.push_values(chunk, |mut b, (invoice, (customer, location, contract, _), id)| {
                b.push_bind(*id)
                    .push_bind(dealer_id)
                    .push_bind(*customer)
                    .push_bind(*location)
                    .push_bind(*contract)
                    .push_bind(invoice.external_id.trim())
                    .push_bind(invoice.number.trim())
                    .push_bind(invoice.kind.as_str())
                    .push_bind(invoice.status.as_str())
                    .push_bind(invoice.invoice_date)
                    .push_bind(invoice.due_date)
                    .push_bind(optional(&invoice.po_number))
                    .push_bind(optional(&invoice.job_number))
                    .push_bind(invoice.subtotal_minor)
                    .push_bind(invoice.tax_minor)
                    .push_bind(invoice.total_minor)
                    .push_bind(invoice.balance_minor)
                    .push_bind(0_i64)
                    .push_bind(now)
                    .push_bind(now)
                    .push_bind(now);
            });
            qb.push(
                " ON CONFLICT (dealer_id, external_id) DO UPDATE SET customer_id = excluded.customer_id, \
                 location_id = excluded.location_id, contract_id = excluded.contract_id, \
                 number = excluded.number, kind = excluded.kind, status = excluded.status, \
                 invoice_date = excluded.invoice_date, due_date = excluded.due_date, \
                 po_number = excluded.po_number, job_number = excluded.job_number, \
                 subtotal_minor = excluded.subtotal_minor, tax_minor = excluded.tax_minor, \
                 total_minor = excluded.total_minor, balance_minor = excluded.balance_minor, \
                 updated_at = excluded.updated_at, balance_received_at = excluded.balance_received_at",
            );
            qb.build().execute(&mut *tx).await?;
        }

        // Lines are replaced: the stored invoices' lines go, then every line is inserted.
        let existing: Vec<Uuid> = resolved.iter().filter_map(|(_, _, _, existing)| *existing).collect();
        for chunk in existing.chunks(CHUNK) {
            let mut qb = QueryBuilder::new("DELETE FROM invoice_lines WHERE invoice_id IN (");
            let mut list = qb.separated(", ");
            for id in chunk {
                list.push_bind(*id);
            }
            list.push_unseparated(")");
            qb.build().execute(&mut *tx).await?;
        }
        let lines: Vec<_> = rows
            .iter()
            .flat_map(|(invoice, _, id)| {
                invoice.lines.iter().enumerate().map(move |(n, line)| (*id, i32::try_from(n + 1).unwrap_or(i32::MAX), line))
            })
            .collect();
        for chunk in lines.chunks(LINE_ROWS) {
            let mut qb = QueryBuilder::new(
                "INSERT INTO invoice_lines (invoice_id, line_no, item_code, description, quantity, \
                 unit_price_minor, amount_minor) ",
            );
            qb.push_values(chunk, |mut b, (id, line_no, line)| {
                b.push_bind(*id)
                    .push_bind(*line_no)
                    .push_bind(optional(&line.item_code))
                    .push_bind(line.description.trim())
                    .push_bind(line.quantity)
                    .push_bind(line.unit_price_minor)
                    .push_bind(line.amount_minor);
            });
            qb.build().execute(&mut *tx).await?;
        }

        // A balance sent now is newer than every payment the back office already confirmed
        // as posted: their holds on these invoices end here (the posting trap, item 5).
        release_posted_holds!(tx, existing, now).await?;

        let updated = u32::try_from(existing.len()).unwrap_or(u32::MAX);
        let created = u32::try_from(resolved.len() - existing.len()).unwrap_or(u32::MAX);
        let result = UpsertResult { created, updated };
        let event = audit(&result);
        record_arrival!(&mut *tx, dealer_id, SyncKind::Invoices, invoices.len(), now).await?;
        record_audit!(&mut *tx, event, now).await?;
        tx.commit().await?;
        Ok(result)
    })
}

/// A trimmed optional text, blank read as absent.
fn optional(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// A trimmed required text, blank read as absent.
fn optional_str(value: &str) -> Option<&str> {
    Some(value.trim()).filter(|v| !v.is_empty())
}
