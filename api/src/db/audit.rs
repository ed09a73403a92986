//! The audit trail: who did what, when, from where.

use chrono::{DateTime, Utc};
use shared::audit::{AuditClient, AuditCustomer, AuditEntry, AuditEntryDetail, AuditPerson};
use sqlx::{Database, Encode, QueryBuilder, Type};

use super::{Db, db_run};
use crate::ids::{ApiClientId, CustomerId, DealerId, UserId};

/// One audited event. `action` is a stable dotted name such as `auth.login`.
#[derive(Debug, Clone, Default)]
pub struct AuditEvent<'a> {
    pub actor_user_id: Option<UserId>,
    /// The back office's API client, when it acted rather than a person.
    pub actor_client_id: Option<ApiClientId>,
    pub dealer_id: Option<DealerId>,
    pub customer_id: Option<CustomerId>,
    /// The user the action was done to, when it was done to someone else than the actor.
    pub target_user_id: Option<UserId>,
    pub action: &'a str,
    pub ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    /// Extra facts as a JSON object; never secrets.
    pub details: Option<serde_json::Value>,
}

/// Inserts an [`AuditEvent`] on `$conn` (a pool or `&mut *tx`), so an action and its audit
/// record can share a transaction. Expands to a query future.
macro_rules! record_audit {
    ($conn:expr, $event:expr, $at:expr) => {
        sqlx::query(
            "INSERT INTO audit_events (id, occurred_at, actor_user_id, actor_client_id, dealer_id, \
             customer_id, action, ip, user_agent, details, target_user_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(uuid::Uuid::now_v7())
        .bind($at)
        .bind($event.actor_user_id)
        .bind($event.actor_client_id)
        .bind($event.dealer_id)
        .bind($event.customer_id)
        .bind($event.action)
        .bind($event.ip)
        .bind($event.user_agent)
        .bind($event.details.as_ref().map(serde_json::Value::to_string))
        .bind($event.target_user_id)
        .execute($conn)
    };
}
pub(crate) use record_audit;

pub async fn record(db: &Db, event: &AuditEvent<'_>, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    db_run!(db, pool => record_audit!(pool, event, at).await.map(|_| ()))
}

/// Recent actions of a user, newest first (for tests and, later, the admin audit view).
pub async fn actions_of(db: &Db, user_id: UserId, limit: i64) -> Result<Vec<String>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_scalar(
            "SELECT action FROM audit_events WHERE actor_user_id = $1 \
             ORDER BY occurred_at DESC, id DESC LIMIT $2",
        )
        .bind(user_id)
        .bind(limit)
        .fetch_all(pool)
        .await
    })
}

/// ` (...)`: the events that make up a dealer's log — those recorded for the dealer, and
/// those of its customers' logins recorded for no dealer (sign-ins, password and profile
/// changes: a customer login is not tied to one dealer, so each dealer whose customer it
/// uses sees them).
fn push_dealer_log<DB>(qb: &mut QueryBuilder<DB>, dealer_id: DealerId)
where
    DB: Database,
    for<'q> uuid::Uuid: Encode<'q, DB> + Type<DB>,
{
    qb.push(" (a.dealer_id = ")
        .push_bind(dealer_id.get())
        .push(
            " OR (a.dealer_id IS NULL AND a.actor_user_id IS NOT NULL AND EXISTS (SELECT 1 FROM memberships m \
             JOIN customers mc ON mc.id = m.customer_id WHERE m.user_id = a.actor_user_id AND mc.dealer_id = ",
        )
        .push_bind(dealer_id.get())
        .push(")))");
}

/// The filters of the dealer's log, the date range already turned into instants.
#[derive(Debug, Clone, Default)]
pub struct LogFilter {
    pub actor_user_id: Option<UserId>,
    pub action: Option<String>,
    pub customer_id: Option<CustomerId>,
    pub target_user_id: Option<UserId>,
    /// From this instant on (included).
    pub since: Option<DateTime<Utc>>,
    /// Before this instant (excluded).
    pub before: Option<DateTime<Utc>>,
}

const ENTRY_SELECT: &str = "SELECT a.id, a.occurred_at, a.action, \
     au.id AS actor_id, au.display_name AS actor_name, au.email AS actor_email, \
     ac.id AS client_id, ac.name AS client_name, \
     c.id AS customer_id, c.name AS customer_name, c.account_number AS customer_number, \
     tu.id AS target_id, tu.display_name AS target_name, tu.email AS target_email, \
     a.ip, a.user_agent, a.details \
     FROM audit_events a \
     LEFT JOIN users au ON au.id = a.actor_user_id \
     LEFT JOIN api_clients ac ON ac.id = a.actor_client_id \
     LEFT JOIN customers c ON c.id = a.customer_id \
     LEFT JOIN users tu ON tu.id = a.target_user_id \
     WHERE ";

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: uuid::Uuid,
    occurred_at: DateTime<Utc>,
    action: String,
    actor_id: Option<uuid::Uuid>,
    actor_name: Option<String>,
    actor_email: Option<String>,
    client_id: Option<uuid::Uuid>,
    client_name: Option<String>,
    customer_id: Option<uuid::Uuid>,
    customer_name: Option<String>,
    customer_number: Option<String>,
    target_id: Option<uuid::Uuid>,
    target_name: Option<String>,
    target_email: Option<String>,
    ip: Option<String>,
    user_agent: Option<String>,
    details: Option<String>,
}

fn person(id: Option<uuid::Uuid>, name: Option<String>, email: Option<String>) -> Option<AuditPerson> {
    match (id, name, email) {
        (Some(id), Some(display_name), Some(email)) => Some(AuditPerson { id, display_name, email }),
        _ => None,
    }
}

impl EntryRow {
    fn into_detail(self) -> AuditEntryDetail {
        let entry = AuditEntry {
            id: self.id,
            occurred_at: self.occurred_at,
            action: self.action,
            actor: person(self.actor_id, self.actor_name, self.actor_email),
            actor_client: match (self.client_id, self.client_name) {
                (Some(id), Some(name)) => Some(AuditClient { id, name }),
                _ => None,
            },
            customer: match (self.customer_id, self.customer_name, self.customer_number) {
                (Some(id), Some(name), Some(account_number)) => {
                    Some(AuditCustomer { id, name, account_number })
                }
                _ => None,
            },
            target_user: person(self.target_id, self.target_name, self.target_email),
        };
        // Details are written by the server as JSON; anything else is shown as text.
        let details =
            self.details.map(|text| serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)));
        AuditEntryDetail { entry, ip: self.ip, user_agent: self.user_agent, details }
    }
}

fn push_log_filter<DB>(qb: &mut QueryBuilder<DB>, filter: &LogFilter)
where
    DB: Database,
    for<'q> uuid::Uuid: Encode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> DateTime<Utc>: Encode<'q, DB> + Type<DB>,
{
    if let Some(actor) = filter.actor_user_id {
        qb.push(" AND a.actor_user_id = ").push_bind(actor.get());
    }
    if let Some(action) = &filter.action {
        qb.push(" AND a.action = ").push_bind(action.clone());
    }
    if let Some(customer) = filter.customer_id {
        qb.push(" AND a.customer_id = ").push_bind(customer.get());
    }
    if let Some(target) = filter.target_user_id {
        qb.push(" AND a.target_user_id = ").push_bind(target.get());
    }
    if let Some(since) = filter.since {
        qb.push(" AND a.occurred_at >= ").push_bind(since);
    }
    if let Some(before) = filter.before {
        qb.push(" AND a.occurred_at < ").push_bind(before);
    }
}

/// The dealer's log entries matching `filter`, newest first: what the page and the CSV
/// read, so the file holds exactly the rows of the pages.
fn push_log_entries<DB>(qb: &mut QueryBuilder<DB>, dealer_id: DealerId, filter: &LogFilter)
where
    DB: Database,
    for<'q> uuid::Uuid: Encode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> DateTime<Utc>: Encode<'q, DB> + Type<DB>,
{
    qb.push(ENTRY_SELECT);
    push_dealer_log(qb, dealer_id);
    push_log_filter(qb, filter);
    qb.push(" ORDER BY a.occurred_at DESC, a.id DESC");
}

/// One page of the dealer's log matching `filter`, newest first, and the total.
pub async fn dealer_log(
    db: &Db,
    dealer_id: DealerId,
    filter: &LogFilter,
    limit: u32,
    offset: u64,
) -> Result<(Vec<AuditEntryDetail>, u64), sqlx::Error> {
    let (rows, total): (Vec<EntryRow>, i64) = db_run!(db, pool => {
        let mut qb = QueryBuilder::default();
        push_log_entries(&mut qb, dealer_id, filter);
        super::sql::push_page(&mut qb, limit, offset);
        let rows = qb.build_query_as().fetch_all(pool).await?;
        let mut qb = QueryBuilder::new("SELECT CAST(COUNT(*) AS BIGINT) FROM audit_events a WHERE ");
        push_dealer_log(&mut qb, dealer_id);
        push_log_filter(&mut qb, filter);
        (rows, qb.build_query_scalar().fetch_one(pool).await?)
    });
    Ok((rows.into_iter().map(EntryRow::into_detail).collect(), u64::try_from(total).unwrap_or(0)))
}

/// Every event of the dealer's log matching `filter`, newest first, as one streamed query
/// (the CSV export).
pub fn dealer_log_stream(
    db: &Db,
    dealer_id: DealerId,
    filter: &LogFilter,
) -> super::sql::RowStream<AuditEntryDetail> {
    let rows: super::sql::RowStream<EntryRow> = db_run!(db, pool => {
        let mut qb = QueryBuilder::default();
        push_log_entries(&mut qb, dealer_id, filter);
        super::sql::stream_rows(pool.clone(), qb, true)
    });
    Box::pin(futures_util::StreamExt::map(rows, |row| row.map(EntryRow::into_detail)))
}

/// One event of the dealer's log, or `None` (another dealer's, or no such event).
pub async fn dealer_event(
    db: &Db,
    dealer_id: DealerId,
    id: uuid::Uuid,
) -> Result<Option<AuditEntryDetail>, sqlx::Error> {
    let row: Option<EntryRow> = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(ENTRY_SELECT);
        push_dealer_log(&mut qb, dealer_id);
        qb.push(" AND a.id = ").push_bind(id);
        qb.build_query_as().fetch_optional(pool).await?
    });
    Ok(row.map(EntryRow::into_detail))
}

/// The actions that occur in the dealer's log, alphabetically (the log's action filter).
pub async fn dealer_actions(db: &Db, dealer_id: DealerId) -> Result<Vec<String>, sqlx::Error> {
    db_run!(db, pool => {
        let mut qb = QueryBuilder::new("SELECT DISTINCT a.action FROM audit_events a WHERE ");
        push_dealer_log(&mut qb, dealer_id);
        qb.push(" ORDER BY a.action");
        qb.build_query_scalar().fetch_all(pool).await
    })
}
