//! The audit trail: who did what, when, from where.

use chrono::{DateTime, Utc};

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
             customer_id, action, ip, user_agent, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
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
