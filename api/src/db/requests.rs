//! Customer requests (call-off, service, extension, book again), their lines and status
//! history: created and moved on in one transaction each, together with the line status
//! changes, emails (outbox), staff notification and audit record they cause.

use chrono::{DateTime, NaiveDate, Utc};
use shared::contracts::{LineKind, LocationRef};
use shared::requests::{
    ActorKind, CustomerRef, RequestContact, RequestDetail, RequestEvent, RequestKind, RequestLine,
    RequestStatus, RequestSummary, ServiceKind,
};
use sqlx::{Database, Encode, QueryBuilder, Type};
use uuid::Uuid;

use super::audit::{AuditEvent, record_audit};
use super::decode::{enum_text, enum_text_opt};
use super::notifications::{NewNotification, insert_notification};
use super::outbox::{NewEmail, enqueue_email};
use super::{BeginWrite, Db, db_run};
use crate::domain::requests::LineFacts;
use crate::ids::{CustomerId, DealerId, UserId};

/// Whose requests a query may see: one customer's, or one dealer's (its staff).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Customer(CustomerId),
    Dealer(DealerId),
}

impl Scope {
    fn push<DB>(self, qb: &mut QueryBuilder<DB>)
    where
        DB: Database,
        for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    {
        match self {
            Scope::Customer(id) => qb.push(" r.customer_id = ").push_bind(id.get()),
            Scope::Dealer(id) => qb.push(" r.dealer_id = ").push_bind(id.get()),
        };
    }
}

#[derive(sqlx::FromRow)]
struct LineFactsRow {
    id: Uuid,
    contract_id: Uuid,
    contract_number: String,
    location_id: Uuid,
    description: String,
    item_code: Option<String>,
    serial_number: Option<String>,
    quantity: i32,
    kind: String,
    status: Option<String>,
    start_date: Option<NaiveDate>,
    expected_return: Option<NaiveDate>,
}

impl LineFactsRow {
    fn into_facts(self) -> Result<LineFacts, sqlx::Error> {
        Ok(LineFacts {
            id: self.id,
            contract_id: self.contract_id,
            contract_number: self.contract_number,
            location_id: self.location_id,
            description: self.description,
            item_code: self.item_code,
            serial_number: self.serial_number,
            quantity: self.quantity,
            is_rental: enum_text::<LineKind>(&self.kind, "contract_lines.kind")? == LineKind::Rental,
            status: enum_text_opt(self.status.as_deref(), "contract_lines.status")?,
            start_date: self.start_date,
            expected_return: self.expected_return,
        })
    }
}

const LINE_FACTS: &str = "SELECT cl.id, cl.contract_id, c.number AS contract_number, c.location_id, \
     cl.description, cl.item_code, cl.serial_number, cl.quantity, cl.kind, cl.status, cl.start_date, cl.expected_return \
     FROM contract_lines cl JOIN contracts c ON c.id = cl.contract_id WHERE c.customer_id = ";

/// The lines among `line_ids` that belong to `customer_id`'s contracts, in contract and
/// line order. Foreign and unknown ids are simply missing.
pub async fn lines_of_customer(
    db: &Db,
    customer_id: CustomerId,
    line_ids: &[Uuid],
) -> Result<Vec<LineFacts>, sqlx::Error> {
    if line_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<LineFactsRow> = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(LINE_FACTS);
        qb.push_bind(customer_id).push(" AND cl.id IN (");
        let mut list = qb.separated(", ");
        for id in line_ids {
            list.push_bind(*id);
        }
        qb.push(") ORDER BY c.number, cl.line_no");
        qb.build_query_as().fetch_all(pool).await?
    });
    rows.into_iter().map(LineFactsRow::into_facts).collect()
}

/// The rental lines of one of `customer_id`'s contracts, or `None` when the contract is not
/// theirs (book again).
pub async fn rental_lines_of_contract(
    db: &Db,
    customer_id: CustomerId,
    contract_id: Uuid,
) -> Result<Option<Vec<LineFacts>>, sqlx::Error> {
    let (exists, rows): (bool, Vec<LineFactsRow>) = db_run!(db, pool => {
        let exists: Option<Uuid> = sqlx::query_scalar("SELECT id FROM contracts WHERE id = $1 AND customer_id = $2")
            .bind(contract_id)
            .bind(customer_id)
            .fetch_optional(pool)
            .await?;
        let mut qb = QueryBuilder::new(LINE_FACTS);
        qb.push_bind(customer_id)
            .push(" AND cl.contract_id = ")
            .push_bind(contract_id)
            .push(" AND cl.kind = 'rental' ORDER BY cl.line_no");
        (exists.is_some(), qb.build_query_as().fetch_all(pool).await?)
    });
    exists.then(|| rows.into_iter().map(LineFactsRow::into_facts).collect()).transpose()
}

/// The customer facts a request's emails and routing need.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CustomerFacts {
    pub id: Uuid,
    pub account_number: String,
    pub name: String,
    pub home_location_id: Option<Uuid>,
}

pub async fn customer_facts(db: &Db, customer_id: CustomerId) -> Result<Option<CustomerFacts>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as("SELECT id, account_number, name, home_location_id FROM customers WHERE id = $1")
            .bind(customer_id)
            .fetch_optional(pool)
            .await
    })
}

/// A store (location) of a dealer: its name and the email requests go to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Store {
    pub id: Uuid,
    pub name: String,
    pub email: Option<String>,
}

/// The location `location_id` if it belongs to `dealer_id`.
pub async fn store(db: &Db, dealer_id: DealerId, location_id: Uuid) -> Result<Option<Store>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as("SELECT id, name, email FROM locations WHERE id = $1 AND dealer_id = $2")
            .bind(location_id)
            .bind(dealer_id)
            .fetch_optional(pool)
            .await
    })
}

/// A request to write, with its lines (line id, contract id).
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub id: Uuid,
    pub dealer_id: DealerId,
    pub customer_id: CustomerId,
    pub location_id: Option<Uuid>,
    pub contract_id: Option<Uuid>,
    pub kind: RequestKind,
    pub number: String,
    pub created_by: UserId,
    pub idempotency_key: Option<String>,
    pub request_hash: Option<String>,
    pub pickup_date: Option<NaiveDate>,
    pub pickup_window: Option<String>,
    pub billing_stop_date: Option<NaiveDate>,
    pub requested_date: Option<NaiveDate>,
    pub requested_end_date: Option<NaiveDate>,
    pub service_kind: Option<ServiceKind>,
    pub description: Option<String>,
    pub site_address: Option<String>,
    pub contact: RequestContact,
    pub notes: Option<String>,
    pub lines: Vec<(Uuid, Uuid)>,
}

/// What became of [`create`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreateOutcome {
    Created,
    /// The user already filed a request under this idempotency key: this one id.
    KeyTaken(Uuid),
    /// The confirmation number exists at the dealer already: draw another and retry.
    NumberTaken,
    /// A line was not `out` any more when the transaction reached it (a concurrent call-off).
    LineUnavailable(Uuid),
}

/// The request the user filed under `key` on this customer, with its body hash.
pub async fn by_idempotency_key(
    db: &Db,
    created_by: UserId,
    customer_id: CustomerId,
    key: &str,
) -> Result<Option<(Uuid, Option<String>)>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(
            "SELECT id, request_hash FROM customer_requests \
             WHERE created_by = $1 AND customer_id = $2 AND idempotency_key = $3",
        )
        .bind(created_by)
        .bind(customer_id)
        .bind(key)
        .fetch_optional(pool)
        .await
    })
}

/// Writes a new request in one transaction: the request, its lines, the first event, for a
/// call-off each line `out` → `called_off` (guarded: a line no longer out rolls everything
/// back), the emails, the staff notification and the audit record.
///
/// The `(created_by, customer_id, idempotency_key)` unique constraint is the guard against
/// a double submit: the request row is inserted before any line is touched, so a
/// concurrent twin fails on that constraint (PostgreSQL) or finds the row (SQLite, whose
/// write transactions are serialised) and answers [`CreateOutcome::KeyTaken`].
pub async fn create(
    db: &Db,
    request: &NewRequest,
    emails: &[NewEmail],
    notification: &NewNotification,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<CreateOutcome, sqlx::Error> {
    let key_owner = |db: &Db| {
        let key = request.idempotency_key.clone();
        let db = db.clone();
        async move {
            match key {
                Some(key) => by_idempotency_key(&db, request.created_by, request.customer_id, &key)
                    .await
                    .map(|found| found.map(|(id, _)| id)),
                None => Ok(None),
            }
        }
    };
    let outcome = db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        if let Some(key) = &request.idempotency_key {
            let existing: Option<Uuid> = sqlx::query_scalar(
                "SELECT id FROM customer_requests \
                 WHERE created_by = $1 AND customer_id = $2 AND idempotency_key = $3",
            )
            .bind(request.created_by)
            .bind(request.customer_id)
            .bind(key)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(id) = existing {
                return Ok(CreateOutcome::KeyTaken(id));
            }
        }
        let inserted = sqlx::query(
            "INSERT INTO customer_requests (id, dealer_id, customer_id, location_id, contract_id, kind, \
             number, status, created_by, idempotency_key, request_hash, pickup_date, pickup_window, \
             billing_stop_date, scheduled_date, requested_date, requested_end_date, service_kind, \
             description, site_address, contact_name, contact_phone, contact_email, notes, \
             cancel_reason, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'requested', \
             $8, $9, $10, $11, $12, $13, NULL, $14, $15, $16, $17, $18, $19, $20, $21, $22, NULL, $23, $23)",
        )
        .bind(request.id)
        .bind(request.dealer_id)
        .bind(request.customer_id)
        .bind(request.location_id)
        .bind(request.contract_id)
        .bind(request.kind.as_str())
        .bind(&request.number)
        .bind(request.created_by)
        .bind(&request.idempotency_key)
        .bind(&request.request_hash)
        .bind(request.pickup_date)
        .bind(&request.pickup_window)
        .bind(request.billing_stop_date)
        .bind(request.requested_date)
        .bind(request.requested_end_date)
        .bind(request.service_kind.map(ServiceKind::as_str))
        .bind(&request.description)
        .bind(&request.site_address)
        .bind(&request.contact.name)
        .bind(&request.contact.phone)
        .bind(&request.contact.email)
        .bind(&request.notes)
        .bind(now)
        .execute(&mut *tx)
        .await;
        match inserted {
            Ok(_) => {}
            Err(err) if super::is_unique_violation(&err) => {
                drop(tx);
                return match key_owner(db).await? {
                    Some(id) => Ok(CreateOutcome::KeyTaken(id)),
                    None => Ok(CreateOutcome::NumberTaken),
                };
            }
            Err(err) => return Err(err),
        }
        if !request.lines.is_empty() {
            let mut qb = QueryBuilder::new("INSERT INTO request_lines (request_id, line_id, contract_id) ");
            qb.push_values(&request.lines, |mut b, (line_id, contract_id)| {
                b.push_bind(request.id).push_bind(*line_id).push_bind(*contract_id);
            });
            qb.build().execute(&mut *tx).await?;
        }
        sqlx::query(
            "INSERT INTO request_events (id, request_id, status, note, scheduled_date, actor_user_id, \
             actor_kind, occurred_at) VALUES ($1, $2, 'requested', NULL, NULL, $3, 'customer', $4)",
        )
        .bind(Uuid::now_v7())
        .bind(request.id)
        .bind(request.created_by)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if request.kind == RequestKind::CallOff {
            for (line_id, _) in &request.lines {
                let updated = sqlx::query(
                    "UPDATE contract_lines SET status = 'called_off' WHERE id = $1 AND status = 'out'",
                )
                .bind(*line_id)
                .execute(&mut *tx)
                .await?;
                if updated.rows_affected() != 1 {
                    return Ok(CreateOutcome::LineUnavailable(*line_id));
                }
            }
        }
        for email in emails {
            enqueue_email!(&mut *tx, email, now).await?;
        }
        insert_notification!(&mut *tx, notification, now).await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        CreateOutcome::Created
    });
    Ok(outcome)
}

/// A status change of one request, with everything it causes.
#[derive(Debug, Clone)]
pub struct StatusChange<'a> {
    pub request_id: Uuid,
    pub kind: RequestKind,
    /// The status the change was decided from: if another change got there first, nothing
    /// is written.
    pub from: RequestStatus,
    pub to: RequestStatus,
    pub note: Option<String>,
    pub scheduled_date: Option<NaiveDate>,
    pub actor_user_id: UserId,
    pub actor: ActorKind,
    /// The day a picked-up item counts as returned.
    pub today: NaiveDate,
    pub emails: Vec<NewEmail>,
    pub notification: Option<NewNotification>,
    pub audit: AuditEvent<'a>,
}

/// Applies a [`StatusChange`] in one transaction: the request's status, an event, the
/// call-off's lines (cancelled → back `out`; completed → `returned` today), emails,
/// notification and audit. `false` when the request was no longer in `from` (nothing written).
pub async fn change_status(
    db: &Db,
    change: &StatusChange<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let cancel_reason = (change.to == RequestStatus::Cancelled).then(|| change.note.clone()).flatten();
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let updated = sqlx::query(
            "UPDATE customer_requests SET status = $2, updated_at = $3, \
             scheduled_date = COALESCE($4, scheduled_date), cancel_reason = COALESCE($5, cancel_reason) \
             WHERE id = $1 AND status = $6",
        )
        .bind(change.request_id)
        .bind(change.to.as_str())
        .bind(now)
        .bind(change.scheduled_date)
        .bind(&cancel_reason)
        .bind(change.from.as_str())
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO request_events (id, request_id, status, note, scheduled_date, actor_user_id, \
             actor_kind, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(Uuid::now_v7())
        .bind(change.request_id)
        .bind(change.to.as_str())
        .bind(&change.note)
        .bind(change.scheduled_date)
        .bind(change.actor_user_id)
        .bind(change.actor.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if change.kind == RequestKind::CallOff {
            match change.to {
                RequestStatus::Cancelled => {
                    sqlx::query(
                        "UPDATE contract_lines SET status = 'out' WHERE status = 'called_off' AND id IN \
                         (SELECT line_id FROM request_lines WHERE request_id = $1)",
                    )
                    .bind(change.request_id)
                    .execute(&mut *tx)
                    .await?;
                }
                RequestStatus::Completed => {
                    sqlx::query(
                        "UPDATE contract_lines SET status = 'returned', returned_on = $2 \
                         WHERE status = 'called_off' AND id IN \
                         (SELECT line_id FROM request_lines WHERE request_id = $1)",
                    )
                    .bind(change.request_id)
                    .bind(change.today)
                    .execute(&mut *tx)
                    .await?;
                }
                _ => {}
            }
        }
        for email in &change.emails {
            enqueue_email!(&mut *tx, email, now).await?;
        }
        if let Some(notification) = &change.notification {
            insert_notification!(&mut *tx, notification, now).await?;
        }
        record_audit!(&mut *tx, &change.audit, now).await?;
        tx.commit().await?;
        Ok(true)
    })
}

const SUMMARY_SELECT: &str = "SELECT r.id, r.number, r.kind, r.status, r.customer_id, \
     cu.account_number, cu.name AS customer_name, r.location_id, l.name AS location_name, \
     r.service_kind, r.pickup_date, r.scheduled_date, r.created_at, r.updated_at, \
     (SELECT CAST(COUNT(*) AS BIGINT) FROM request_lines rl WHERE rl.request_id = r.id) AS line_count, \
     (SELECT cl.description FROM request_lines rl JOIN contract_lines cl ON cl.id = rl.line_id \
      JOIN contracts k ON k.id = rl.contract_id WHERE rl.request_id = r.id \
      ORDER BY k.number, cl.line_no LIMIT 1) AS first_item";

const FROM: &str = " FROM customer_requests r JOIN customers cu ON cu.id = r.customer_id \
     LEFT JOIN locations l ON l.id = r.location_id WHERE";

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: Uuid,
    number: String,
    kind: String,
    status: String,
    customer_id: Uuid,
    account_number: String,
    customer_name: String,
    location_id: Option<Uuid>,
    location_name: Option<String>,
    service_kind: Option<String>,
    pickup_date: Option<NaiveDate>,
    scheduled_date: Option<NaiveDate>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    line_count: i64,
    first_item: Option<String>,
}

impl SummaryRow {
    fn into_summary(self) -> Result<RequestSummary, sqlx::Error> {
        Ok(RequestSummary {
            id: self.id,
            number: self.number,
            kind: enum_text(&self.kind, "customer_requests.kind")?,
            status: enum_text(&self.status, "customer_requests.status")?,
            customer: CustomerRef {
                id: self.customer_id,
                account_number: self.account_number,
                name: self.customer_name,
            },
            location: self.location_id.zip(self.location_name).map(|(id, name)| LocationRef { id, name }),
            service_kind: enum_text_opt(self.service_kind.as_deref(), "customer_requests.service_kind")?,
            line_count: u32::try_from(self.line_count).unwrap_or(0),
            first_item: self.first_item,
            pickup_date: self.pickup_date,
            scheduled_date: self.scheduled_date,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// Which requests a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    All,
    /// Neither completed nor cancelled.
    Open,
    Only(RequestStatus),
}

/// Filters of a request list within a [`Scope`].
#[derive(Debug, Clone, Copy)]
pub struct RequestFilter {
    pub status: StatusFilter,
    pub kind: Option<RequestKind>,
    pub location_id: Option<Uuid>,
    /// Oldest first (the store's queue of open requests) instead of newest first.
    pub oldest_first: bool,
}

fn push_filters<DB>(qb: &mut QueryBuilder<DB>, scope: Scope, filter: &RequestFilter)
where
    DB: Database,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
{
    scope.push(qb);
    match filter.status {
        StatusFilter::All => {}
        StatusFilter::Open => {
            qb.push(" AND r.status NOT IN ('completed', 'cancelled')");
        }
        StatusFilter::Only(status) => {
            qb.push(" AND r.status = ").push_bind(status.as_str().to_string());
        }
    }
    if let Some(kind) = filter.kind {
        qb.push(" AND r.kind = ").push_bind(kind.as_str().to_string());
    }
    if let Some(location_id) = filter.location_id {
        qb.push(" AND r.location_id = ").push_bind(location_id);
    }
}

/// One page of requests in `scope` matching `filter`, and the total.
pub async fn list(
    db: &Db,
    scope: Scope,
    filter: &RequestFilter,
    limit: u32,
    offset: u64,
) -> Result<(Vec<RequestSummary>, u64), sqlx::Error> {
    let order = if filter.oldest_first {
        " ORDER BY r.created_at ASC, r.id ASC"
    } else {
        " ORDER BY r.created_at DESC, r.id DESC"
    };
    let (rows, total): (Vec<SummaryRow>, i64) = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(SUMMARY_SELECT);
        qb.push(FROM);
        push_filters(&mut qb, scope, filter);
        qb.push(order);
        super::sql::push_page(&mut qb, limit, offset);
        let rows = qb.build_query_as().fetch_all(pool).await?;
        let mut qb = QueryBuilder::new("SELECT CAST(COUNT(*) AS BIGINT)");
        qb.push(FROM);
        push_filters(&mut qb, scope, filter);
        let total = qb.build_query_scalar().fetch_one(pool).await?;
        (rows, total)
    });
    let summaries = rows.into_iter().map(SummaryRow::into_summary).collect::<Result<_, _>>()?;
    Ok((summaries, u64::try_from(total).unwrap_or(0)))
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    dealer_id: DealerId,
    contract_id: Option<Uuid>,
    pickup_window: Option<String>,
    billing_stop_date: Option<NaiveDate>,
    requested_date: Option<NaiveDate>,
    requested_end_date: Option<NaiveDate>,
    description: Option<String>,
    site_address: Option<String>,
    contact_name: String,
    contact_phone: Option<String>,
    contact_email: String,
    notes: Option<String>,
    cancel_reason: Option<String>,
    created_by_name: String,
}

#[derive(sqlx::FromRow)]
struct LineRow {
    line_id: Uuid,
    contract_id: Uuid,
    contract_number: String,
    description: String,
    item_code: Option<String>,
    serial_number: Option<String>,
    quantity: i32,
    start_date: Option<NaiveDate>,
    expected_return: Option<NaiveDate>,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    status: String,
    note: Option<String>,
    scheduled_date: Option<NaiveDate>,
    actor_kind: String,
    actor_name: Option<String>,
    occurred_at: DateTime<Utc>,
}

impl EventRow {
    fn into_event(self) -> Result<RequestEvent, sqlx::Error> {
        Ok(RequestEvent {
            status: enum_text(&self.status, "request_events.status")?,
            note: self.note,
            scheduled_date: self.scheduled_date,
            actor: enum_text(&self.actor_kind, "request_events.actor_kind")?,
            actor_name: self.actor_name,
            occurred_at: self.occurred_at,
        })
    }
}

/// A request with its lines and events, as loaded: the DTO and the dealer it belongs to.
#[derive(Debug, Clone)]
pub struct LoadedRequest {
    pub dealer_id: DealerId,
    pub detail: RequestDetail,
}

/// One request within `scope`, or `None` (foreign and unknown ids alike).
pub async fn detail(db: &Db, scope: Scope, request_id: Uuid) -> Result<Option<LoadedRequest>, sqlx::Error> {
    let found: Option<(DetailRow, Vec<LineRow>, Vec<EventRow>)> = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(SUMMARY_SELECT);
        qb.push(
            ", r.dealer_id, r.contract_id, r.pickup_window, r.billing_stop_date, r.requested_date, \
             r.requested_end_date, r.description, r.site_address, r.contact_name, r.contact_phone, \
             r.contact_email, r.notes, r.cancel_reason, u.display_name AS created_by_name",
        );
        qb.push(
            " FROM customer_requests r JOIN customers cu ON cu.id = r.customer_id \
             JOIN users u ON u.id = r.created_by LEFT JOIN locations l ON l.id = r.location_id WHERE",
        );
        scope.push(&mut qb);
        qb.push(" AND r.id = ").push_bind(request_id);
        let row: Option<DetailRow> = qb.build_query_as().fetch_optional(pool).await?;
        match row {
            None => None,
            Some(row) => {
                let lines = sqlx::query_as(
                    "SELECT rl.line_id, rl.contract_id, k.number AS contract_number, cl.description, \
                     cl.item_code, cl.serial_number, cl.quantity, cl.start_date, cl.expected_return \
                     FROM request_lines rl JOIN contract_lines cl ON cl.id = rl.line_id \
                     JOIN contracts k ON k.id = rl.contract_id WHERE rl.request_id = $1 \
                     ORDER BY k.number, cl.line_no",
                )
                .bind(request_id)
                .fetch_all(pool)
                .await?;
                let events = sqlx::query_as(
                    "SELECT e.status, e.note, e.scheduled_date, e.actor_kind, u.display_name AS actor_name, \
                     e.occurred_at FROM request_events e LEFT JOIN users u ON u.id = e.actor_user_id \
                     WHERE e.request_id = $1 ORDER BY e.occurred_at, e.id",
                )
                .bind(request_id)
                .fetch_all(pool)
                .await?;
                Some((row, lines, events))
            }
        }
    });
    found.map(|(row, lines, events)| loaded(row, lines, events)).transpose()
}

/// The DTO of a request as [`detail`] read it.
fn loaded(row: DetailRow, lines: Vec<LineRow>, events: Vec<EventRow>) -> Result<LoadedRequest, sqlx::Error> {
    Ok(LoadedRequest {
        dealer_id: row.dealer_id,
        detail: RequestDetail {
            summary: row.summary.into_summary()?,
            lines: lines
                .into_iter()
                .map(|l| RequestLine {
                    line_id: l.line_id,
                    contract_id: l.contract_id,
                    contract_number: l.contract_number,
                    description: l.description,
                    item_code: l.item_code,
                    serial_number: l.serial_number,
                    quantity: l.quantity,
                    start_date: l.start_date,
                    expected_return: l.expected_return,
                })
                .collect(),
            events: events.into_iter().map(EventRow::into_event).collect::<Result<_, _>>()?,
            pickup_window: row.pickup_window,
            billing_stop_date: row.billing_stop_date,
            requested_date: row.requested_date,
            requested_end_date: row.requested_end_date,
            contract_id: row.contract_id,
            description: row.description,
            site_address: row.site_address,
            contact: RequestContact {
                name: row.contact_name,
                phone: row.contact_phone,
                email: row.contact_email,
            },
            notes: row.notes,
            cancel_reason: row.cancel_reason,
            created_by_name: row.created_by_name,
        },
    })
}
