//! The back office's location and customer feeds (I3): a validated batch upserted by
//! `(dealer, external_id)` in one write transaction. Each record is compared with what is
//! stored first and written only when it differs, so a batch sent twice writes nothing the
//! second time (no `updated_at` bumped) and counts every record unchanged.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, SubsecRound, Utc};
use shared::error::FieldError;
use shared::phone::normalize_phone;
use shared::records::{ContactUpsert, CustomerUpsert, JobUpsert, LocationUpsert, UpsertCounts};
use shared::sync_status::SyncKind;
use sqlx::QueryBuilder;
use uuid::Uuid;

use super::audit::{AuditEvent, record_audit};
use super::integration_sync::record_arrival;
pub use super::invoice_upserts::UpsertError;
use super::{BeginWrite, Db, db_run};
use crate::domain::records::text;
use crate::ids::DealerId;

/// What an upsert does to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Created,
    Updated,
    Unchanged,
}

impl Change {
    /// Created when nothing is stored, unchanged when the stored values are the wanted ones.
    fn of<V: PartialEq>(stored: Option<&Stored<V>>, wanted: &V) -> Change {
        match stored {
            None => Change::Created,
            Some(stored) if stored.values == *wanted => Change::Unchanged,
            Some(_) => Change::Updated,
        }
    }

    /// A record is updated when it is unchanged itself but one of its children changed.
    fn with_children(self, children_changed: bool) -> Change {
        if self == Change::Unchanged && children_changed { Change::Updated } else { self }
    }

    fn count(self, counts: &mut UpsertCounts) {
        match self {
            Change::Created => counts.created += 1,
            Change::Updated => counts.updated += 1,
            Change::Unchanged => counts.unchanged += 1,
        }
    }
}

/// A stored record: its id and the values an upsert compares.
struct Stored<V> {
    id: Uuid,
    values: V,
}

/// The id to write under: the stored one, or a new one.
fn id_of<V>(stored: Option<&Stored<V>>) -> Uuid {
    stored.map_or_else(Uuid::now_v7, |s| s.id)
}

/// Keys per `IN (...)` list: a batch may name up to 100,000 jobs, far over both engines'
/// bind limits (SQLite 32,766, PostgreSQL 65,535).
///
/// The `IN (...)` lookups are not kept as prepared statements (`persistent(false)`): on
/// PostgreSQL a kept statement gets a generic plan after five runs, and one planned while
/// the table was small (a dealer's first load, before any `ANALYZE`) probes the index by
/// `dealer_id` alone and compares every row of the dealer with each of the list's
/// parameters: 0.4 s per lookup at 50,000 customers, a first load of them went from 1 s
/// (5,000) to 95 s (50,000). Planned per run, the list is a hashed filter at worst.
const CHUNK: usize = 1000;

/// Loads rows of the dealer whose `column` is one of `keys`, as `$row` (`id`,
/// `external_id`, flattened `values`), keyed by external id. One query per [`CHUNK`] keys.
macro_rules! load_stored {
    ($tx:ident, $row:ty, $select:expr, $dealer_id:expr, $column:literal, $keys:expr) => {{
        let keys: Vec<_> = $keys.into_iter().collect();
        let mut stored = HashMap::new();
        for chunk in keys.chunks(CHUNK) {
            let mut qb = QueryBuilder::new($select);
            qb.push(" WHERE dealer_id = ").push_bind($dealer_id).push(concat!(" AND ", $column, " IN ("));
            let mut list = qb.separated(", ");
            for key in chunk {
                list.push_bind(*key);
            }
            list.push_unseparated(")");
            let rows: Vec<$row> = qb.build_query_as().persistent(false).fetch_all(&mut *$tx).await?;
            for row in rows {
                stored.insert(row.external_id, Stored { id: row.id, values: row.values });
            }
        }
        stored
    }};
}

/// Location columns an upsert compares.
#[derive(Debug, PartialEq, sqlx::FromRow)]
struct LocationValues {
    code: String,
    name: String,
    phone: Option<String>,
    email: Option<String>,
    address: Option<String>,
}

impl LocationValues {
    fn wanted(location: &LocationUpsert) -> Self {
        LocationValues {
            code: location.code.trim().into(),
            name: location.name.trim().into(),
            phone: text(&location.phone).map(Into::into),
            email: text(&location.email).map(Into::into),
            address: text(&location.address).map(Into::into),
        }
    }
}

#[derive(sqlx::FromRow)]
struct LocationRow {
    id: Uuid,
    external_id: String,
    #[sqlx(flatten)]
    values: LocationValues,
}

/// Upserts every location of a validated batch for `dealer_id`, in one transaction with
/// the caller's `audit` event made from the counts.
pub async fn upsert_locations<'a>(
    db: &Db,
    dealer_id: DealerId,
    locations: &[LocationUpsert],
    audit: impl FnOnce(&UpsertCounts) -> AuditEvent<'a>,
    now: DateTime<Utc>,
) -> Result<UpsertCounts, UpsertError> {
    let now = now.trunc_subsecs(6);
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let stored = load_stored!(tx, LocationRow,
            "SELECT id, external_id, code, name, phone, email, address FROM locations",
            dealer_id, "external_id", locations.iter().map(|l| l.external_id.trim()));
        let mut counts = UpsertCounts::default();
        let mut writes = Vec::new();
        for location in locations {
            let external_id = location.external_id.trim();
            let (stored, wanted) = (stored.get(external_id), LocationValues::wanted(location));
            let change = Change::of(stored, &wanted);
            if change != Change::Unchanged {
                writes.push((id_of(stored), external_id, wanted));
            }
            change.count(&mut counts);
        }
        for chunk in writes.chunks(ROWS) {
            let mut qb = QueryBuilder::new(
                "INSERT INTO locations (id, dealer_id, external_id, code, name, phone, email, address, \
                 created_at, updated_at) ",
            );
            qb.push_values(chunk, |mut b, (id, external_id, v)| {
                b.push_bind(*id)
                    .push_bind(dealer_id)
                    .push_bind(*external_id)
                    .push_bind(v.code.as_str())
                    .push_bind(v.name.as_str())
                    .push_bind(v.phone.as_deref())
                    .push_bind(v.email.as_deref())
                    .push_bind(v.address.as_deref())
                    .push_bind(now)
                    .push_bind(now);
            });
            qb.push(
                " ON CONFLICT (dealer_id, external_id) DO UPDATE SET code = excluded.code, \
                 name = excluded.name, phone = excluded.phone, email = excluded.email, \
                 address = excluded.address, updated_at = excluded.updated_at",
            );
            qb.build().execute(&mut *tx).await?;
        }
        let event = audit(&counts);
        record_arrival!(&mut *tx, dealer_id, SyncKind::Locations, locations.len(), now).await?;
        record_audit!(&mut *tx, event, now).await?;
        tx.commit().await?;
        Ok(counts)
    })
}

/// Customer columns an upsert compares.
#[derive(Debug, PartialEq, sqlx::FromRow)]
struct CustomerValues {
    account_number: String,
    name: String,
    kind: String,
    portal_enabled: bool,
    phone: Option<String>,
    phone_normalized: Option<String>,
    mobile_phone: Option<String>,
    email: Option<String>,
    address: Option<String>,
    shipping_address: Option<String>,
    postal_code: Option<String>,
    credit_limit_minor: Option<i64>,
    home_location_id: Option<Uuid>,
}

impl CustomerValues {
    fn wanted(customer: &CustomerUpsert, home_location_id: Option<Uuid>) -> Self {
        let phone = text(&customer.phone);
        CustomerValues {
            account_number: customer.account_number.trim().into(),
            name: customer.name.trim().into(),
            kind: customer.kind.as_str().into(),
            portal_enabled: customer.portal_enabled,
            phone: phone.map(Into::into),
            phone_normalized: phone.and_then(normalize_phone),
            mobile_phone: text(&customer.mobile_phone).map(Into::into),
            email: text(&customer.email).map(Into::into),
            address: text(&customer.billing_address).map(Into::into),
            shipping_address: text(&customer.shipping_address).map(Into::into),
            postal_code: text(&customer.postal_code).map(Into::into),
            credit_limit_minor: customer.credit_limit_minor,
            home_location_id,
        }
    }
}

#[derive(sqlx::FromRow)]
struct CustomerRow {
    id: Uuid,
    external_id: String,
    #[sqlx(flatten)]
    values: CustomerValues,
}

/// Contact columns an upsert compares (the customer included: a contact may move).
#[derive(Debug, PartialEq, sqlx::FromRow)]
struct ContactValues {
    customer_id: Uuid,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    is_primary: bool,
}

impl ContactValues {
    fn wanted(customer_id: Uuid, contact: &ContactUpsert) -> Self {
        ContactValues {
            customer_id,
            name: contact.name.trim().into(),
            email: text(&contact.email).map(Into::into),
            phone: text(&contact.phone).map(Into::into),
            is_primary: contact.is_primary,
        }
    }
}

#[derive(sqlx::FromRow)]
struct ContactRow {
    id: Uuid,
    external_id: String,
    #[sqlx(flatten)]
    values: ContactValues,
}

/// Job columns an upsert compares.
#[derive(Debug, PartialEq, sqlx::FromRow)]
struct JobValues {
    customer_id: Uuid,
    number: Option<String>,
    name: String,
    address: Option<String>,
    active: bool,
}

impl JobValues {
    fn wanted(customer_id: Uuid, job: &JobUpsert) -> Self {
        JobValues {
            customer_id,
            number: text(&job.number).map(Into::into),
            name: job.name.trim().into(),
            address: text(&job.address).map(Into::into),
            active: job.active,
        }
    }
}

#[derive(sqlx::FromRow)]
struct JobRow {
    id: Uuid,
    external_id: String,
    #[sqlx(flatten)]
    values: JobValues,
}

/// Which children (contacts or jobs) of one customer to write and to delete.
struct ChildPlan<'a, V> {
    /// `(id, external id, values)` of each child that is new or differs.
    writes: Vec<(Uuid, &'a str, V)>,
    /// Stored children of the customer that the batch no longer names anywhere.
    deletes: Vec<Uuid>,
}

impl<V> ChildPlan<'_, V> {
    fn changed(&self) -> bool {
        !self.writes.is_empty() || !self.deletes.is_empty()
    }
}

/// Compares one customer's wanted children with the stored ones: `named` holds every
/// child external id of the whole batch, so a child moving to another customer of the
/// batch is moved, not deleted.
fn plan_children<'a, V: PartialEq>(
    stored: &HashMap<String, Stored<V>>,
    wanted: Vec<(&'a str, V)>,
    named: &HashSet<&str>,
    belongs: impl Fn(&V) -> bool,
) -> ChildPlan<'a, V> {
    let deletes = stored
        .iter()
        .filter(|(external_id, s)| belongs(&s.values) && !named.contains(external_id.as_str()))
        .map(|(_, s)| s.id)
        .collect();
    let writes = wanted
        .into_iter()
        .filter_map(|(external_id, values)| {
            let stored = stored.get(external_id);
            (Change::of(stored, &values) != Change::Unchanged).then(|| (id_of(stored), external_id, values))
        })
        .collect();
    ChildPlan { writes, deletes }
}

/// The dealer's location ids for the batch's home locations: a field error per name that
/// does not resolve.
macro_rules! resolve_homes {
    ($tx:ident, $dealer_id:ident, $customers:ident, $errors:ident) => {{
        let keys: HashSet<&str> =
            $customers.iter().filter_map(|c| text(&c.home_location_external_id)).collect();
        let mut homes: HashMap<String, Uuid> = HashMap::new();
        if !keys.is_empty() {
            let mut qb = QueryBuilder::new("SELECT external_id, id FROM locations WHERE dealer_id = ");
            qb.push_bind($dealer_id).push(" AND external_id IN (");
            let mut list = qb.separated(", ");
            for key in keys {
                list.push_bind(key);
            }
            list.push_unseparated(")");
            let rows: Vec<(String, Uuid)> =
                qb.build_query_as().persistent(false).fetch_all(&mut *$tx).await?;
            homes.extend(rows);
        }
        for (i, customer) in $customers.iter().enumerate() {
            if text(&customer.home_location_external_id).is_some_and(|key| !homes.contains_key(key)) {
                $errors.push(FieldError {
                    field: format!("customers[{i}].home_location_external_id"),
                    message: "No location with this id at your dealership.".into(),
                });
            }
        }
        homes
    }};
}

/// Field errors for account numbers another customer of the dealer already has.
macro_rules! check_account_numbers {
    ($tx:ident, $dealer_id:ident, $customers:ident, $errors:ident) => {{
        let mut qb =
            QueryBuilder::new("SELECT account_number, external_id FROM customers WHERE dealer_id = ");
        qb.push_bind($dealer_id).push(" AND account_number IN (");
        let mut list = qb.separated(", ");
        for customer in $customers {
            list.push_bind(customer.account_number.trim());
        }
        list.push_unseparated(")");
        let holders: HashMap<String, String> = qb
            .build_query_as::<(String, String)>()
            .persistent(false)
            .fetch_all(&mut *$tx)
            .await?
            .into_iter()
            .collect();
        for (i, customer) in $customers.iter().enumerate() {
            if holders.get(customer.account_number.trim()).is_some_and(|h| h != customer.external_id.trim()) {
                $errors.push(FieldError {
                    field: format!("customers[{i}].account_number"),
                    message: "Another customer already has this account number.".into(),
                });
            }
        }
    }};
}

/// Rows per multi-row `INSERT`: at 18 columns, 400 rows bind 7,200 values, well under both
/// engines' limits.
const ROWS: usize = 400;

/// Inserts the planned customer rows, or updates them by external id, [`ROWS`] per
/// statement.
macro_rules! write_customers {
    ($tx:ident, $dealer_id:ident, $writes:expr, $now:ident) => {
        for chunk in $writes.chunks(ROWS) {
            let mut qb = QueryBuilder::new(
                "INSERT INTO customers (id, dealer_id, external_id, account_number, name, kind, \
                 portal_enabled, phone, phone_normalized, mobile_phone, email, address, shipping_address, \
                 postal_code, credit_limit_minor, home_location_id, created_at, updated_at) ",
            );
            qb.push_values(chunk, |mut b, (id, external_id, v)| {
                b.push_bind(*id)
                    .push_bind($dealer_id)
                    .push_bind(*external_id)
                    .push_bind(v.account_number.as_str())
                    .push_bind(v.name.as_str())
                    .push_bind(v.kind.as_str())
                    .push_bind(v.portal_enabled)
                    .push_bind(v.phone.as_deref())
                    .push_bind(v.phone_normalized.as_deref())
                    .push_bind(v.mobile_phone.as_deref())
                    .push_bind(v.email.as_deref())
                    .push_bind(v.address.as_deref())
                    .push_bind(v.shipping_address.as_deref())
                    .push_bind(v.postal_code.as_deref())
                    .push_bind(v.credit_limit_minor)
                    .push_bind(v.home_location_id)
                    .push_bind($now)
                    .push_bind($now);
            });
            qb.push(
                " ON CONFLICT (dealer_id, external_id) DO UPDATE SET account_number = excluded.account_number, \
                 name = excluded.name, kind = excluded.kind, portal_enabled = excluded.portal_enabled, \
                 phone = excluded.phone, phone_normalized = excluded.phone_normalized, \
                 mobile_phone = excluded.mobile_phone, email = excluded.email, address = excluded.address, \
                 shipping_address = excluded.shipping_address, postal_code = excluded.postal_code, \
                 credit_limit_minor = excluded.credit_limit_minor, \
                 home_location_id = excluded.home_location_id, updated_at = excluded.updated_at",
            );
            qb.build().execute(&mut *$tx).await?;
        }
    };
}

/// Inserts the planned contacts, or updates them (a move to another customer included) by
/// external id, [`ROWS`] per statement.
macro_rules! write_contacts {
    ($tx:ident, $dealer_id:ident, $writes:expr, $now:ident) => {
        for chunk in $writes.chunks(ROWS) {
            let mut qb = QueryBuilder::new(
                "INSERT INTO contacts (id, dealer_id, customer_id, external_id, name, email, phone, \
                 is_primary, created_at, updated_at) ",
            );
            qb.push_values(chunk, |mut b, (id, external_id, v)| {
                b.push_bind(*id)
                    .push_bind($dealer_id)
                    .push_bind(v.customer_id)
                    .push_bind(*external_id)
                    .push_bind(v.name.as_str())
                    .push_bind(v.email.as_deref())
                    .push_bind(v.phone.as_deref())
                    .push_bind(v.is_primary)
                    .push_bind($now)
                    .push_bind($now);
            });
            qb.push(
                " ON CONFLICT (dealer_id, external_id) DO UPDATE SET customer_id = excluded.customer_id, \
                 name = excluded.name, email = excluded.email, phone = excluded.phone, \
                 is_primary = excluded.is_primary, updated_at = excluded.updated_at",
            );
            qb.build().execute(&mut *$tx).await?;
        }
    };
}

/// Inserts the planned jobs, or updates them by external id, [`ROWS`] per statement.
macro_rules! write_jobs {
    ($tx:ident, $dealer_id:ident, $writes:expr, $now:ident) => {
        for chunk in $writes.chunks(ROWS) {
            let mut qb = QueryBuilder::new(
                "INSERT INTO jobs (id, dealer_id, customer_id, external_id, number, name, address, \
                 active, created_at, updated_at) ",
            );
            qb.push_values(chunk, |mut b, (id, external_id, v)| {
                b.push_bind(*id)
                    .push_bind($dealer_id)
                    .push_bind(v.customer_id)
                    .push_bind(*external_id)
                    .push_bind(v.number.as_deref())
                    .push_bind(v.name.as_str())
                    .push_bind(v.address.as_deref())
                    .push_bind(v.active)
                    .push_bind($now)
                    .push_bind($now);
            });
            qb.push(
                " ON CONFLICT (dealer_id, external_id) DO UPDATE SET customer_id = excluded.customer_id, \
                 number = excluded.number, name = excluded.name, address = excluded.address, \
                 active = excluded.active, updated_at = excluded.updated_at",
            );
            qb.build().execute(&mut *$tx).await?;
        }
    };
}

/// Deletes the rows of `$table` whose id is in `$ids`, [`CHUNK`] per statement.
macro_rules! delete_ids {
    ($tx:ident, $table:literal, $ids:expr) => {
        for chunk in $ids.chunks(CHUNK) {
            let mut qb = QueryBuilder::new(concat!("DELETE FROM ", $table, " WHERE id IN ("));
            let mut list = qb.separated(", ");
            for id in chunk {
                list.push_bind(*id);
            }
            list.push_unseparated(")");
            qb.build().execute(&mut *$tx).await?;
        }
    };
}

/// Every contact and job external id a batch names.
fn child_ids(customers: &[CustomerUpsert]) -> (HashSet<&str>, HashSet<&str>) {
    let contacts = customers.iter().flat_map(|c| c.contacts.iter().flatten()).map(|k| k.external_id.trim());
    let jobs = customers.iter().flat_map(|c| c.jobs.iter().flatten()).map(|j| j.external_id.trim());
    (contacts.collect(), jobs.collect())
}

/// Upserts every customer of a validated batch for `dealer_id`, with its contacts and
/// jobs when the batch lists them, or none of them: an unknown home location or an
/// account number another customer has refuses the whole batch with a field error per
/// problem (`customers[3].home_location_external_id`). The caller's `audit` event, made
/// from the counts, is written in the same transaction.
pub async fn upsert_customers<'a>(
    db: &Db,
    dealer_id: DealerId,
    customers: &[CustomerUpsert],
    audit: impl FnOnce(&UpsertCounts) -> AuditEvent<'a>,
    now: DateTime<Utc>,
) -> Result<UpsertCounts, UpsertError> {
    let now = now.trunc_subsecs(6);
    let (contact_ids, job_ids) = child_ids(customers);
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let mut errors = Vec::new();
        let homes = resolve_homes!(tx, dealer_id, customers, errors);
        if !customers.is_empty() {
            check_account_numbers!(tx, dealer_id, customers, errors);
        }
        if !errors.is_empty() {
            tx.rollback().await?;
            return Err(UpsertError::Invalid(errors));
        }
        let stored = load_stored!(tx, CustomerRow,
            "SELECT id, external_id, account_number, name, kind, portal_enabled, phone, \
             phone_normalized, mobile_phone, email, address, shipping_address, postal_code, \
             credit_limit_minor, home_location_id FROM customers",
            dealer_id, "external_id", customers.iter().map(|c| c.external_id.trim()));
        let customer_ids: Vec<Uuid> = stored.values().map(|s| s.id).collect();
        let mut contacts = load_stored!(tx, ContactRow,
            "SELECT id, external_id, customer_id, name, email, phone, is_primary FROM contacts",
            dealer_id, "external_id", contact_ids.iter().copied());
        contacts.extend(load_stored!(tx, ContactRow,
            "SELECT id, external_id, customer_id, name, email, phone, is_primary FROM contacts",
            dealer_id, "customer_id", customer_ids.iter().copied()));
        let mut jobs = load_stored!(tx, JobRow,
            "SELECT id, external_id, customer_id, number, name, address, active FROM jobs",
            dealer_id, "external_id", job_ids.iter().copied());
        jobs.extend(load_stored!(tx, JobRow,
            "SELECT id, external_id, customer_id, number, name, address, active FROM jobs",
            dealer_id, "customer_id", customer_ids.iter().copied()));

        // Plan every write first, then write set-based: customers before their children
        // (the foreign key), a few statements per batch instead of one per row.
        let mut counts = UpsertCounts::default();
        let mut customer_writes = Vec::new();
        let (mut contact_writes, mut contact_deletes) = (Vec::new(), Vec::new());
        let (mut job_writes, mut job_deletes) = (Vec::new(), Vec::new());
        for customer in customers {
            let external_id = customer.external_id.trim();
            let home = text(&customer.home_location_external_id).and_then(|key| homes.get(key).copied());
            let (stored, wanted) = (stored.get(external_id), CustomerValues::wanted(customer, home));
            let (change, id) = (Change::of(stored, &wanted), id_of(stored));
            if change != Change::Unchanged {
                customer_writes.push((id, external_id, wanted));
            }
            let mut children_changed = false;
            if let Some(list) = &customer.contacts {
                let wanted = list.iter().map(|k| (k.external_id.trim(), ContactValues::wanted(id, k))).collect();
                let plan = plan_children(&contacts, wanted, &contact_ids, |v| v.customer_id == id);
                children_changed |= plan.changed();
                contact_writes.extend(plan.writes);
                contact_deletes.extend(plan.deletes);
            }
            if let Some(list) = &customer.jobs {
                let wanted = list.iter().map(|j| (j.external_id.trim(), JobValues::wanted(id, j))).collect();
                let plan = plan_children(&jobs, wanted, &job_ids, |v| v.customer_id == id);
                children_changed |= plan.changed();
                job_writes.extend(plan.writes);
                job_deletes.extend(plan.deletes);
            }
            change.with_children(children_changed).count(&mut counts);
        }
        write_customers!(tx, dealer_id, customer_writes, now);
        write_contacts!(tx, dealer_id, contact_writes, now);
        delete_ids!(tx, "contacts", contact_deletes);
        write_jobs!(tx, dealer_id, job_writes, now);
        delete_ids!(tx, "jobs", job_deletes);
        let event = audit(&counts);
        record_arrival!(&mut *tx, dealer_id, SyncKind::Customers, customers.len(), now).await?;
        record_audit!(&mut *tx, event, now).await?;
        tx.commit().await?;
        Ok(counts)
    })
}

/// Why a record was not deleted.
#[derive(Debug, thiserror::Error)]
pub enum DeleteError {
    /// The dealer has no record with this external id.
    #[error("not found")]
    NotFound,
    /// Other records (contracts, invoices, portal users, history) still point at it.
    #[error("in use")]
    InUse,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// What a refused `DELETE` statement means: a foreign key still pointing at the row is
/// [`DeleteError::InUse`].
fn in_use(err: sqlx::Error) -> DeleteError {
    match err.as_database_error() {
        Some(db) if db.is_foreign_key_violation() => DeleteError::InUse,
        _ => DeleteError::Db(err),
    }
}

/// Deletes the dealer's location `external_id`, in one transaction with the caller's
/// audit event; refused while anything (a contract, invoice, customer's home, request)
/// names it.
pub async fn delete_location<'a>(
    db: &Db,
    dealer_id: DealerId,
    external_id: &str,
    audit: AuditEvent<'a>,
    now: DateTime<Utc>,
) -> Result<(), DeleteError> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let id: Option<Uuid> =
            sqlx::query_scalar("SELECT id FROM locations WHERE dealer_id = $1 AND external_id = $2")
                .bind(dealer_id)
                .bind(external_id)
                .fetch_optional(&mut *tx)
                .await?;
        let id = id.ok_or(DeleteError::NotFound)?;
        sqlx::query("DELETE FROM locations WHERE id = $1").bind(id).execute(&mut *tx).await.map_err(in_use)?;
        record_arrival!(&mut *tx, dealer_id, SyncKind::Locations, 1_usize, now).await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(())
    })
}

/// Deletes the dealer's customer `external_id` with its contacts and jobs, in one
/// transaction with the caller's audit event; refused while anything else (contracts,
/// invoices, portal users, requests, payments, its audit trail) names it.
pub async fn delete_customer<'a>(
    db: &Db,
    dealer_id: DealerId,
    external_id: &str,
    audit: AuditEvent<'a>,
    now: DateTime<Utc>,
) -> Result<(), DeleteError> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let id: Option<Uuid> =
            sqlx::query_scalar("SELECT id FROM customers WHERE dealer_id = $1 AND external_id = $2")
                .bind(dealer_id)
                .bind(external_id)
                .fetch_optional(&mut *tx)
                .await?;
        let id = id.ok_or(DeleteError::NotFound)?;
        sqlx::query("DELETE FROM contacts WHERE customer_id = $1").bind(id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM jobs WHERE customer_id = $1").bind(id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM customers WHERE id = $1").bind(id).execute(&mut *tx).await.map_err(in_use)?;
        record_arrival!(&mut *tx, dealer_id, SyncKind::Customers, 1_usize, now).await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(id: u128, customer: u128, name: &str) -> Stored<(Uuid, String)> {
        Stored { id: Uuid::from_u128(id), values: (Uuid::from_u128(customer), name.into()) }
    }

    #[test]
    fn children_are_written_when_new_or_changed_and_deleted_when_named_nowhere() {
        let stored: HashMap<String, _> = [
            ("same".to_string(), stored(1, 10, "Same")),
            ("renamed".to_string(), stored(2, 10, "Old")),
            ("gone".to_string(), stored(3, 10, "Gone")),
            ("moved-away".to_string(), stored(4, 10, "Moves")),
            ("other".to_string(), stored(5, 11, "Other's")),
        ]
        .into_iter()
        .collect();
        let customer = Uuid::from_u128(10);
        let wanted = vec![
            ("same", (customer, "Same".to_string())),
            ("renamed", (customer, "New".to_string())),
            ("new", (customer, "New one".to_string())),
        ];
        let named: HashSet<&str> = ["same", "renamed", "new", "moved-away"].into_iter().collect();
        let plan = plan_children(&stored, wanted, &named, |v| v.0 == customer);
        let written: Vec<&str> = plan.writes.iter().map(|(_, external_id, _)| *external_id).collect();
        assert_eq!(written, ["renamed", "new"]);
        assert_eq!(plan.writes[0].0, Uuid::from_u128(2), "an update keeps the stored id");
        assert_eq!(plan.deletes, [Uuid::from_u128(3)]);
        assert!(plan.changed());
    }

    #[test]
    fn a_record_counts_once() {
        let mut counts = UpsertCounts::default();
        Change::Unchanged.with_children(true).count(&mut counts);
        Change::Unchanged.with_children(false).count(&mut counts);
        Change::Created.with_children(true).count(&mut counts);
        assert_eq!(counts, UpsertCounts { created: 1, updated: 1, unchanged: 1 });
    }
}
