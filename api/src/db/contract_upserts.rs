//! The back office's contract feed (I3): a validated batch of contracts with their lines
//! upserted by `(dealer, external_id)` in one write transaction, set-based (one query per
//! kind of row and chunk, never one per line). Lines are found again by their back-office
//! id within the contract and updated in place, so the ids requests name never change.
//! Each contract and line is compared with what is stored first and written only when it
//! differs: the same batch twice writes nothing and counts every contract unchanged. A line
//! status the back office sends meets the portal's open call-offs as
//! `domain::contract_upserts` says; a call-off whose items are all back is completed here.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use shared::contract_upserts::{ContractLineUpsert, ContractUpsert};
use shared::contracts::LineStatus;
use shared::error::FieldError;
use shared::records::UpsertCounts;
use shared::sync_status::SyncKind;
use sqlx::QueryBuilder;
use uuid::Uuid;

use super::audit::{AuditEvent, record_audit};
use super::decode::{enum_text, enum_text_opt};
use super::integration_sync::record_arrival;
pub use super::invoice_upserts::UpsertError;
pub use super::record_upserts::DeleteError;
use super::{BeginWrite, Db, db_run};
use crate::domain::contract_upserts::{call_off_returned, kept_status, returned_note};
use crate::domain::records::text;
use crate::ids::{CustomerId, DealerId};

/// Keys per `IN (...)` list and rows per multi-row `INSERT`: well under both engines'
/// bind limits (SQLite 32,766, PostgreSQL 65,535) with 18 columns a row.
const CHUNK: usize = 500;
const ROWS: usize = 400;

/// What a batch did: the counts per contract, and the numbers of the call-offs it
/// completed (their items all returned).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Upserted {
    pub counts: UpsertCounts,
    pub completed_call_offs: Vec<String>,
}

/// A stored row: its id and the values an upsert compares.
struct Stored<V> {
    id: Uuid,
    values: V,
}

/// Contract columns an upsert compares.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
struct ContractValues {
    customer_id: Uuid,
    location_id: Uuid,
    number: String,
    status: String,
    job_number: Option<String>,
    po_number: Option<String>,
    job_site: Option<String>,
    ordered_by: Option<String>,
    notes: Option<String>,
    start_date: NaiveDate,
    close_date: Option<NaiveDate>,
    amount_minor: i64,
    amount_due_minor: i64,
}

impl ContractValues {
    fn wanted(contract: &ContractUpsert, customer_id: Uuid, location_id: Uuid) -> Self {
        ContractValues {
            customer_id,
            location_id,
            number: contract.number.trim().into(),
            status: contract.status.as_str().into(),
            job_number: text(&contract.job_number).map(Into::into),
            po_number: text(&contract.po_number).map(Into::into),
            job_site: text(&contract.job_site).map(Into::into),
            ordered_by: text(&contract.ordered_by).map(Into::into),
            notes: text(&contract.notes).map(Into::into),
            start_date: contract.start_date,
            close_date: contract.close_date,
            amount_minor: contract.amount_minor,
            amount_due_minor: contract.amount_due_minor,
        }
    }
}

#[derive(sqlx::FromRow)]
struct ContractRow {
    id: Uuid,
    external_id: String,
    #[sqlx(flatten)]
    values: ContractValues,
}

const CONTRACT_COLUMNS: &str = "SELECT id, external_id, customer_id, location_id, number, status, \
     job_number, po_number, job_site, ordered_by, notes, start_date, close_date, amount_minor, \
     amount_due_minor FROM contracts WHERE dealer_id = ";

/// Line columns an upsert compares.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
struct LineValues {
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

impl LineValues {
    /// What to store for `line`; `status` is the one to keep (see `kept_status`), and a
    /// line kept `called_off` has no return date.
    fn wanted(line: &ContractLineUpsert, status: Option<LineStatus>) -> Self {
        LineValues {
            line_no: line.line_no,
            kind: line.kind.as_str().into(),
            item_code: text(&line.item_code).map(Into::into),
            description: line.description.trim().into(),
            serial_number: text(&line.serial_number).map(Into::into),
            category: text(&line.category).map(Into::into),
            quantity: line.quantity,
            status: status.map(|s| s.as_str().into()),
            daily_rate_minor: line.daily_rate_minor,
            weekly_rate_minor: line.weekly_rate_minor,
            monthly_rate_minor: line.monthly_rate_minor,
            start_date: line.start_date,
            expected_return: line.expected_return,
            returned_on: if status == Some(LineStatus::Returned) { line.returned_on } else { None },
            amount_minor: line.amount_minor,
        }
    }

    /// The line's part of its contract's search text: description, serial number and item
    /// code, one per row, empty ones left out.
    fn search_text(&self) -> String {
        let mut parts = vec![self.description.as_str()];
        parts.extend([&self.serial_number, &self.item_code].into_iter().flatten().map(String::as_str));
        parts.join("\n")
    }

    fn status(&self) -> Result<Option<LineStatus>, sqlx::Error> {
        enum_text_opt(self.status.as_deref(), "contract_lines.status")
    }
}

#[derive(sqlx::FromRow)]
struct LineRow {
    id: Uuid,
    contract_id: Uuid,
    external_id: String,
    #[sqlx(flatten)]
    values: LineValues,
}

const LINE_COLUMNS: &str = "SELECT id, contract_id, external_id, line_no, kind, item_code, description, \
     serial_number, category, quantity, status, daily_rate_minor, weekly_rate_minor, \
     monthly_rate_minor, start_date, expected_return, returned_on, amount_minor FROM contract_lines \
     WHERE contract_id IN (";

/// Runs `$head [dealer] $tail key, key, ...)` once per [`CHUNK`] of `$keys` on `$tx`, every
/// row as `$row`, planned per run rather than kept prepared (see `record_upserts::CHUNK`: a
/// generic plan made while a first load's tables were small compared each of the dealer's
/// contracts with every key, and 200,000 contracts loaded ever slower). A macro, like
/// `db_run!`, so each engine's arm compiles against its own types.
macro_rules! fetch_in {
    ($tx:ident, $row:ty, $head:expr, $dealer:expr, $tail:expr, $keys:expr) => {{
        let mut rows: Vec<$row> = Vec::new();
        for chunk in $keys.chunks(CHUNK) {
            let mut qb = QueryBuilder::new($head);
            if let Some(dealer) = $dealer {
                qb.push_bind(dealer);
            }
            qb.push($tail);
            let mut list = qb.separated(", ");
            for key in chunk {
                list.push_bind(key.clone());
            }
            list.push_unseparated(")");
            rows.extend(qb.build_query_as::<$row>().persistent(false).fetch_all(&mut *$tx).await?);
        }
        rows
    }};
}

/// What the batch asks of one stored (or new) contract.
struct ContractPlan<'a> {
    id: Uuid,
    external_id: &'a str,
    values: ContractValues,
    /// `false`: nothing to write (neither the contract nor a line of it changed).
    write: bool,
    created: bool,
    /// Its search text once written, before lower-casing (see [`search_text`]).
    search_text: String,
}

/// A line to insert or update in place.
struct LineWrite<'a> {
    id: Uuid,
    contract_id: Uuid,
    external_id: &'a str,
    values: LineValues,
}

/// Every write the batch needs, decided before anything is written.
#[derive(Default)]
struct Plan<'a> {
    contracts: Vec<ContractPlan<'a>>,
    lines: Vec<LineWrite<'a>>,
    /// Stored lines whose number changes: moved out of the way first.
    renumbered: Vec<Uuid>,
    /// Stored lines the batch no longer lists: `(contract index, line id, external id)`.
    removed: Vec<(usize, Uuid, String)>,
    /// Open call-offs a line of the batch returns: checked for completion after writing.
    call_offs: HashSet<Uuid>,
}

/// Compares the batch with what is stored. `resolved` is `(customer, location)` per
/// contract; `stored_lines` the stored lines per contract id; `holds` the open call-offs
/// per line id.
fn plan<'a>(
    contracts: &'a [ContractUpsert],
    resolved: &[(Uuid, Uuid)],
    stored: &HashMap<String, Stored<ContractValues>>,
    stored_lines: &HashMap<Uuid, HashMap<String, Stored<LineValues>>>,
    holds: &HashMap<Uuid, Vec<Uuid>>,
) -> Result<Plan<'a>, sqlx::Error> {
    let no_lines = HashMap::new();
    let mut plan = Plan::default();
    for (i, (contract, (customer_id, location_id))) in contracts.iter().zip(resolved).enumerate() {
        let external_id = contract.external_id.trim();
        let found = stored.get(external_id);
        let id = found.map_or_else(Uuid::now_v7, |s| s.id);
        let values = ContractValues::wanted(contract, *customer_id, *location_id);
        let lines = found.and_then(|_| stored_lines.get(&id)).unwrap_or(&no_lines);
        let mut lines_changed = false;
        let mut listed = HashSet::new();
        // A batch lists every line its contract keeps (the others are removed).
        let mut texts = Vec::with_capacity(contract.lines.len());
        for line in &contract.lines {
            let line_key = line.external_id.trim();
            listed.insert(line_key);
            let old = lines.get(line_key);
            let held = old.and_then(|o| holds.get(&o.id));
            let status = kept_status(line.status, held.is_some());
            let wanted = LineValues::wanted(line, status);
            texts.push((wanted.line_no, wanted.search_text()));
            if let Some(old) = old {
                if old.values == wanted {
                    continue;
                }
                if old.values.line_no != wanted.line_no {
                    plan.renumbered.push(old.id);
                }
                if status == Some(LineStatus::Returned) && old.values.status()? != Some(LineStatus::Returned)
                {
                    plan.call_offs.extend(held.into_iter().flatten().copied());
                }
            }
            lines_changed = true;
            let line_id = old.map_or_else(Uuid::now_v7, |o| o.id);
            plan.lines.push(LineWrite {
                id: line_id,
                contract_id: id,
                external_id: line_key,
                values: wanted,
            });
        }
        for (line_key, old) in lines {
            if !listed.contains(line_key.as_str()) {
                lines_changed = true;
                plan.removed.push((i, old.id, line_key.clone()));
            }
        }
        let created = found.is_none();
        let write = created || lines_changed || found.is_some_and(|s| s.values != values);
        let search_text = if write { search_text(&values, texts) } else { String::new() };
        plan.contracts.push(ContractPlan { id, external_id, values, write, created, search_text });
    }
    Ok(plan)
}

/// The text a contract's search reads (migration 0026: `contract_search_text`), before the
/// database lower-cases it as its triggers do: number, job, PO and job site, then each
/// line's text (`lines`: line number and [`LineValues::search_text`]) in line order, one
/// per row, empty fields left out. Written with the contract, so the lines' triggers find
/// it right and leave the row alone (migration 0028).
fn search_text(contract: &ContractValues, mut lines: Vec<(i32, String)>) -> String {
    lines.sort_unstable_by_key(|(line_no, _)| *line_no);
    let header = [&contract.job_number, &contract.po_number, &contract.job_site];
    let mut parts: Vec<&str> = vec![contract.number.as_str()];
    parts.extend(header.into_iter().flatten().map(String::as_str));
    parts.extend(lines.iter().map(|(_, text)| text.as_str()));
    parts.join("\n")
}

/// `lines` (a contract's lines next to each other, as the plan makes them) in chunks of at
/// most `rows`, split between contracts: the lines' statement trigger then sees all of a
/// contract's new lines at once and finds the text written with the contract right. A
/// contract of more than `rows` lines is split, its own chunks in a row.
fn whole_contracts<'l, 'a>(
    lines: &'l [LineWrite<'a>],
    rows: usize,
) -> impl Iterator<Item = &'l [LineWrite<'a>]> {
    let mut rest = lines;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut end = rest.len().min(rows);
        if end < rest.len() {
            let boundary = (1..=end).rev().find(|&i| rest[i].contract_id != rest[i - 1].contract_id);
            end = boundary.unwrap_or(end);
        }
        let (chunk, tail) = rest.split_at(end);
        rest = tail;
        Some(chunk)
    })
}

/// The field errors for names of the batch that do not resolve at the dealer: unknown
/// customers and stores, and numbers another contract holds. `(customer, location)` per
/// contract when there are none.
fn resolve(
    contracts: &[ContractUpsert],
    customers: &HashMap<String, Uuid>,
    locations: &HashMap<String, Uuid>,
    holders: &HashMap<String, String>,
) -> Result<Vec<(Uuid, Uuid)>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut resolved = Vec::with_capacity(contracts.len());
    for (i, contract) in contracts.iter().enumerate() {
        let mut error = |field: &str, message: &str| {
            errors.push(FieldError { field: format!("contracts[{i}].{field}"), message: message.into() });
        };
        let customer = customers.get(contract.customer_external_id.trim());
        if customer.is_none() {
            error("customer_external_id", "No customer with this id at your dealership.");
        }
        let location = locations.get(contract.location_external_id.trim());
        if location.is_none() {
            error("location_external_id", "No location with this id at your dealership.");
        }
        if holders.get(contract.number.trim()).is_some_and(|h| h != contract.external_id.trim()) {
            error("number", "Another contract already has this number.");
        }
        if let (Some(customer), Some(location)) = (customer, location) {
            resolved.push((*customer, *location));
        }
    }
    if errors.is_empty() { Ok(resolved) } else { Err(errors) }
}

/// Upserts every contract of a validated batch for `dealer_id` with its lines, or none of
/// them: an unknown customer or store, a number another contract holds, or a line left
/// out that a customer request names refuses the whole batch with a field error per
/// problem. Then completes each open call-off whose items the batch returned. The caller's
/// `audit` event, made from what was done, is written in the same transaction.
pub async fn upsert_batch<'a>(
    db: &Db,
    dealer_id: DealerId,
    contracts: &[ContractUpsert],
    audit: impl FnOnce(&Upserted) -> AuditEvent<'a>,
    now: DateTime<Utc>,
) -> Result<Upserted, UpsertError> {
    let now = now.trunc_subsecs(6);
    let today = super::dealers::today(db, dealer_id, now).await?;
    let dealer = Some(dealer_id);
    let distinct = |keys: &mut dyn Iterator<Item = &str>| -> Vec<String> {
        let set: HashSet<&str> = keys.collect();
        set.into_iter().map(String::from).collect()
    };
    let customer_keys = distinct(&mut contracts.iter().map(|c| c.customer_external_id.trim()));
    let location_keys = distinct(&mut contracts.iter().map(|c| c.location_external_id.trim()));
    let contract_keys = distinct(&mut contracts.iter().map(|c| c.external_id.trim()));
    let numbers = distinct(&mut contracts.iter().map(|c| c.number.trim()));
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let customers: HashMap<String, Uuid> = fetch_in!(tx, (String, Uuid),
            "SELECT external_id, id FROM customers WHERE dealer_id = ", dealer, " AND external_id IN (",
            customer_keys).into_iter().collect();
        let locations: HashMap<String, Uuid> = fetch_in!(tx, (String, Uuid),
            "SELECT external_id, id FROM locations WHERE dealer_id = ", dealer, " AND external_id IN (",
            location_keys).into_iter().collect();
        let holders: HashMap<String, String> = fetch_in!(tx, (String, String),
            "SELECT number, external_id FROM contracts WHERE dealer_id = ", dealer, " AND number IN (",
            numbers).into_iter().collect();
        let resolved = match resolve(contracts, &customers, &locations, &holders) {
            Ok(resolved) => resolved,
            Err(errors) => {
                tx.rollback().await?;
                return Err(UpsertError::Invalid(errors));
            }
        };
        let stored: HashMap<String, Stored<ContractValues>> = fetch_in!(tx, ContractRow,
            CONTRACT_COLUMNS, dealer, " AND external_id IN (", contract_keys)
            .into_iter()
            .map(|r| (r.external_id, Stored { id: r.id, values: r.values }))
            .collect();
        let stored_ids: Vec<Uuid> = stored.values().map(|s| s.id).collect();
        let mut stored_lines: HashMap<Uuid, HashMap<String, Stored<LineValues>>> = HashMap::new();
        for row in fetch_in!(tx, LineRow, LINE_COLUMNS, None::<DealerId>, "", stored_ids) {
            stored_lines
                .entry(row.contract_id)
                .or_default()
                .insert(row.external_id, Stored { id: row.id, values: row.values });
        }
        // The open call-offs of the stored lines that a call-off may hold: those it holds
        // (`called_off`) and those the batch returns.
        let returned = Some(LineStatus::Returned.as_str());
        let mut watched = Vec::new();
        for (contract, found) in contracts.iter().filter_map(|c| stored.get(c.external_id.trim()).map(|s| (c, s))) {
            let Some(lines) = stored_lines.get(&found.id) else { continue };
            for line in &contract.lines {
                let Some(old) = lines.get(line.external_id.trim()) else { continue };
                let old_status = old.values.status.as_deref();
                if old_status == Some(LineStatus::CalledOff.as_str())
                    || (line.status == Some(LineStatus::Returned) && old_status != returned)
                {
                    watched.push(old.id);
                }
            }
        }
        let mut holds: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for (line_id, request_id) in fetch_in!(tx, (Uuid, Uuid),
            "SELECT rl.line_id, rl.request_id FROM request_lines rl \
             JOIN customer_requests r ON r.id = rl.request_id \
             WHERE r.kind = 'call_off' AND r.status IN ('requested', 'acknowledged', 'scheduled') \
             AND rl.line_id IN (", None::<DealerId>, "", watched)
        {
            holds.entry(line_id).or_default().push(request_id);
        }
        let plan = plan(contracts, &resolved, &stored, &stored_lines, &holds)?;

        // A line a request names stays: the back office must send it rather than drop it.
        let removed_ids: Vec<Uuid> = plan.removed.iter().map(|(_, id, _)| *id).collect();
        let named: HashSet<Uuid> = fetch_in!(tx, (Uuid,),
            "SELECT DISTINCT line_id FROM request_lines WHERE line_id IN (", None::<DealerId>, "",
            removed_ids).into_iter().map(|(id,)| id).collect();
        let errors: Vec<FieldError> = plan
            .removed
            .iter()
            .filter(|(_, id, _)| named.contains(id))
            .map(|(i, _, external_id)| FieldError {
                field: format!("contracts[{i}].lines"),
                message: format!(
                    "Line {external_id} is named by a customer request and cannot be removed: \
                     send it (e.g. returned) instead."
                ),
            })
            .collect();
        if !errors.is_empty() {
            tx.rollback().await?;
            return Err(UpsertError::Invalid(errors));
        }

        let writes: Vec<&ContractPlan> = plan.contracts.iter().filter(|c| c.write).collect();
        for chunk in writes.chunks(ROWS) {
            let mut qb = QueryBuilder::new(
                "INSERT INTO contracts (id, dealer_id, customer_id, location_id, external_id, number, \
                 status, job_number, po_number, job_site, ordered_by, notes, start_date, close_date, \
                 amount_minor, amount_due_minor, created_at, updated_at, search_text) ",
            );
            qb.push_values(chunk, |mut b, c| {
                let v = &c.values;
                b.push_bind(c.id)
                    .push_bind(dealer_id)
                    .push_bind(v.customer_id)
                    .push_bind(v.location_id)
                    .push_bind(c.external_id)
                    .push_bind(v.number.as_str())
                    .push_bind(v.status.as_str())
                    .push_bind(v.job_number.as_deref())
                    .push_bind(v.po_number.as_deref())
                    .push_bind(v.job_site.as_deref())
                    .push_bind(v.ordered_by.as_deref())
                    .push_bind(v.notes.as_deref())
                    .push_bind(v.start_date)
                    .push_bind(v.close_date)
                    .push_bind(v.amount_minor)
                    .push_bind(v.amount_due_minor)
                    .push_bind(now)
                    .push_bind(now)
                    .push("LOWER(")
                    .push_bind_unseparated(c.search_text.as_str())
                    .push_unseparated(")");
            });
            qb.push(
                " ON CONFLICT (dealer_id, external_id) DO UPDATE SET customer_id = excluded.customer_id, \
                 location_id = excluded.location_id, number = excluded.number, status = excluded.status, \
                 job_number = excluded.job_number, po_number = excluded.po_number, \
                 job_site = excluded.job_site, ordered_by = excluded.ordered_by, notes = excluded.notes, \
                 start_date = excluded.start_date, close_date = excluded.close_date, \
                 amount_minor = excluded.amount_minor, amount_due_minor = excluded.amount_due_minor, \
                 updated_at = excluded.updated_at, search_text = excluded.search_text",
            );
            match qb.build().execute(&mut *tx).await {
                Ok(_) => {}
                // Numbers were checked above: only contracts of the batch swapping numbers
                // get here.
                Err(err) if super::is_unique_violation(&err) => {
                    tx.rollback().await?;
                    return Err(UpsertError::Invalid(vec![FieldError {
                        field: "contracts".into(),
                        message: "Contracts of this batch swap numbers: send the renumbered contracts \
                                  in two batches."
                            .into(),
                    }]));
                }
                Err(err) => return Err(err.into()),
            }
        }
        for chunk in removed_ids.chunks(CHUNK) {
            let mut qb = QueryBuilder::new("DELETE FROM contract_lines WHERE id IN (");
            let mut list = qb.separated(", ");
            for id in chunk {
                list.push_bind(*id);
            }
            list.push_unseparated(")");
            qb.build().execute(&mut *tx).await?;
        }
        // (contract, line_no) is unique: lines changing places step aside first.
        for chunk in plan.renumbered.chunks(CHUNK) {
            let mut qb = QueryBuilder::new("UPDATE contract_lines SET line_no = -line_no WHERE id IN (");
            let mut list = qb.separated(", ");
            for id in chunk {
                list.push_bind(*id);
            }
            list.push_unseparated(")");
            qb.build().execute(&mut *tx).await?;
        }
        for chunk in whole_contracts(&plan.lines, ROWS) {
            let mut qb = QueryBuilder::new(
                "INSERT INTO contract_lines (id, contract_id, external_id, line_no, kind, item_code, \
                 description, serial_number, category, quantity, status, daily_rate_minor, \
                 weekly_rate_minor, monthly_rate_minor, start_date, expected_return, returned_on, \
                 amount_minor) ",
            );
            qb.push_values(chunk, |mut b, l| {
                let v = &l.values;
                b.push_bind(l.id)
                    .push_bind(l.contract_id)
                    .push_bind(l.external_id)
                    .push_bind(v.line_no)
                    .push_bind(v.kind.as_str())
                    .push_bind(v.item_code.as_deref())
                    .push_bind(v.description.as_str())
                    .push_bind(v.serial_number.as_deref())
                    .push_bind(v.category.as_deref())
                    .push_bind(v.quantity)
                    .push_bind(v.status.as_deref())
                    .push_bind(v.daily_rate_minor)
                    .push_bind(v.weekly_rate_minor)
                    .push_bind(v.monthly_rate_minor)
                    .push_bind(v.start_date)
                    .push_bind(v.expected_return)
                    .push_bind(v.returned_on)
                    .push_bind(v.amount_minor);
            });
            qb.push(
                " ON CONFLICT (id) DO UPDATE SET line_no = excluded.line_no, kind = excluded.kind, \
                 item_code = excluded.item_code, description = excluded.description, \
                 serial_number = excluded.serial_number, category = excluded.category, \
                 quantity = excluded.quantity, status = excluded.status, \
                 daily_rate_minor = excluded.daily_rate_minor, weekly_rate_minor = excluded.weekly_rate_minor, \
                 monthly_rate_minor = excluded.monthly_rate_minor, start_date = excluded.start_date, \
                 expected_return = excluded.expected_return, returned_on = excluded.returned_on, \
                 amount_minor = excluded.amount_minor",
            );
            qb.build().execute(&mut *tx).await?;
        }

        // Reconciliation: an open call-off whose items are now all returned is completed
        // by the back office, its event noting the day the last item came back.
        let mut completed_call_offs = Vec::new();
        for request_id in &plan.call_offs {
            let lines: Vec<(Option<String>, Option<NaiveDate>)> = sqlx::query_as(
                "SELECT cl.status, cl.returned_on FROM request_lines rl \
                 JOIN contract_lines cl ON cl.id = rl.line_id WHERE rl.request_id = $1",
            )
            .bind(*request_id)
            .fetch_all(&mut *tx)
            .await?;
            let lines = lines
                .into_iter()
                .map(|(status, day)| Ok((enum_text_opt(status.as_deref(), "contract_lines.status")?, day)))
                .collect::<Result<Vec<_>, sqlx::Error>>()?;
            let Some(day) = call_off_returned(&lines, today) else { continue };
            let from: Option<String> =
                sqlx::query_scalar("SELECT status FROM customer_requests WHERE id = $1")
                    .bind(*request_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some(from) = from else { continue };
            let number: Option<String> = sqlx::query_scalar(
                "UPDATE customer_requests SET status = 'completed', updated_at = $2 \
                 WHERE id = $1 AND status = $3 AND status IN ('requested', 'acknowledged', 'scheduled') \
                 RETURNING number",
            )
            .bind(*request_id)
            .bind(now)
            .bind(&from)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(number) = number else { continue };
            sqlx::query(
                "INSERT INTO request_events (id, request_id, status, note, scheduled_date, actor_user_id, \
                 actor_kind, occurred_at) VALUES ($1, $2, 'completed', $3, NULL, NULL, 'back_office', $4)",
            )
            .bind(Uuid::now_v7())
            .bind(*request_id)
            .bind(returned_note(day))
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let change = crate::db::requests::RequestChange {
                previous_status: Some(enum_text(&from, "customer_requests.status")?),
                actor: shared::requests::ActorKind::BackOffice,
                note: Some(returned_note(day)),
            };
            crate::db::requests::record_request_event!(tx, *request_id, change, false, now).await?;
            completed_call_offs.push(number);
        }
        completed_call_offs.sort();

        let mut counts = UpsertCounts::default();
        for contract in &plan.contracts {
            match (contract.created, contract.write) {
                (true, _) => counts.created += 1,
                (false, true) => counts.updated += 1,
                (false, false) => counts.unchanged += 1,
            }
        }
        let upserted = Upserted { counts, completed_call_offs };
        let event = audit(&upserted);
        record_arrival!(&mut *tx, dealer_id, SyncKind::Contracts, contracts.len(), now).await?;
        record_audit!(&mut *tx, event, now).await?;
        tx.commit().await?;
        Ok(upserted)
    })
}

/// Deletes the dealer's contract `external_id` with its lines and uploaded PDFs, in one
/// transaction with the caller's audit event; refused while customer requests or invoices
/// name it or one of its lines (the foreign keys refuse, the transaction rolls back).
pub async fn delete<'a>(
    db: &Db,
    dealer_id: DealerId,
    external_id: &str,
    audit: impl FnOnce(Uuid, CustomerId) -> AuditEvent<'a>,
    now: DateTime<Utc>,
) -> Result<(), DeleteError> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let found: Option<(Uuid, CustomerId)> =
            sqlx::query_as("SELECT id, customer_id FROM contracts WHERE dealer_id = $1 AND external_id = $2")
                .bind(dealer_id)
                .bind(external_id)
                .fetch_optional(&mut *tx)
                .await?;
        let (id, customer_id) = found.ok_or(DeleteError::NotFound)?;
        let deleted = sqlx::query("DELETE FROM contracts WHERE id = $1").bind(id).execute(&mut *tx).await;
        match deleted {
            Ok(_) => {}
            Err(err) if err.as_database_error().is_some_and(|e| e.is_foreign_key_violation()) => {
                return Err(DeleteError::InUse);
            }
            Err(err) => return Err(err.into()),
        }
        let event = audit(id, customer_id);
        record_arrival!(&mut *tx, dealer_id, SyncKind::Contracts, 1_usize, now).await?;
        record_audit!(&mut *tx, event, now).await?;
        tx.commit().await?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(contract_id: Uuid) -> LineWrite<'static> {
        LineWrite {
            id: Uuid::now_v7(),
            contract_id,
            external_id: "1",
            values: LineValues {
                line_no: 1,
                kind: "rental".into(),
                item_code: None,
                description: "Mini excavator".into(),
                serial_number: None,
                category: None,
                quantity: 1,
                status: None,
                daily_rate_minor: None,
                weekly_rate_minor: None,
                monthly_rate_minor: None,
                start_date: None,
                expected_return: None,
                returned_on: None,
                amount_minor: 0,
            },
        }
    }

    /// Lines of contracts with `sizes` lines each, in order; the chunk sizes they make.
    fn chunks(sizes: &[usize], rows: usize) -> Vec<usize> {
        let lines: Vec<LineWrite> =
            sizes.iter().flat_map(|&n| std::iter::repeat_n(Uuid::now_v7(), n)).map(line).collect();
        let chunks: Vec<&[LineWrite]> = whole_contracts(&lines, rows).collect();
        assert_eq!(chunks.iter().map(|c| c.len()).sum::<usize>(), lines.len(), "every line once");
        chunks.iter().map(|c| c.len()).collect()
    }

    #[test]
    fn line_chunks_end_between_contracts() {
        assert_eq!(chunks(&[3, 3, 3], 7), [6, 3]);
        assert_eq!(chunks(&[3, 4, 3], 7), [7, 3], "a chunk that ends on a boundary is full");
        assert_eq!(chunks(&[2, 9, 1], 4), [2, 4, 4, 2], "a contract larger than a chunk is split");
        assert_eq!(chunks(&[5], 5), [5]);
        assert_eq!(chunks(&[], 5), Vec::<usize>::new());
    }
}
