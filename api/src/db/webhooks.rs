//! Webhooks (I5): endpoints, the queue of deliveries (in order per endpoint, claimed with a
//! lease, retried), and every attempt. The worker's side is at the end.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::audit::{AuditEvent, record_audit};
use super::outbox::{NewEmail, enqueue_email};
use super::{BeginWrite, Db, db_run};
use crate::ids::{DealerId, UserId, WebhookEndpointId};

const ENDPOINT_COLUMNS: &str = "e.id, e.dealer_id, e.url, e.description, e.event_types, e.secret_sealed, \
     e.previous_secret_sealed, e.previous_secret_expires_at, e.enabled, e.disabled_reason, e.disabled_at, \
     e.event_cursor, e.last_attempt_at, e.last_status_code, e.last_error, e.consecutive_failures, \
     e.last_success_at, e.created_at, e.updated_at, \
     (SELECT CAST(COUNT(*) AS BIGINT) FROM webhook_deliveries q WHERE q.endpoint_id = e.id \
      AND q.status IN ('pending', 'sending')) AS pending_deliveries";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EndpointRow {
    pub id: WebhookEndpointId,
    pub dealer_id: DealerId,
    pub url: String,
    pub description: String,
    /// Space-separated, sorted; empty: every type.
    pub event_types: String,
    pub secret_sealed: String,
    pub previous_secret_sealed: Option<String>,
    pub previous_secret_expires_at: Option<DateTime<Utc>>,
    pub enabled: bool,
    pub disabled_reason: Option<String>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub event_cursor: Option<String>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    pub consecutive_failures: i32,
    pub last_success_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub pending_deliveries: i64,
}

/// An endpoint to create; the secret is sealed already.
pub struct NewEndpoint<'a> {
    pub id: WebhookEndpointId,
    pub dealer_id: DealerId,
    pub url: &'a str,
    pub description: &'a str,
    pub event_types: &'a str,
    pub secret_sealed: &'a str,
    /// Where the endpoint starts in the dealer's event feed (events after its creation).
    pub event_cursor: Option<&'a str>,
    pub created_by: Option<UserId>,
}

pub async fn insert_endpoint(
    db: &Db,
    endpoint: &NewEndpoint<'_>,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query(
            "INSERT INTO webhook_endpoints (id, dealer_id, url, description, event_types, secret_sealed, \
             enabled, event_cursor, consecutive_failures, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7, 0, $8, $9, $9)",
        )
        .bind(endpoint.id)
        .bind(endpoint.dealer_id)
        .bind(endpoint.url)
        .bind(endpoint.description)
        .bind(endpoint.event_types)
        .bind(endpoint.secret_sealed)
        .bind(endpoint.event_cursor)
        .bind(endpoint.created_by)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await
    })
}

/// The dealer's endpoints, oldest first.
pub async fn list_endpoints(db: &Db, dealer_id: DealerId) -> Result<Vec<EndpointRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints e WHERE e.dealer_id = $1 ORDER BY e.created_at, e.id"
    );
    db_run!(db, pool => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(dealer_id).fetch_all(pool).await
    })
}

/// One of the dealer's endpoints; `None` for another dealer's or an unknown one.
pub async fn endpoint_of(
    db: &Db,
    dealer_id: DealerId,
    id: WebhookEndpointId,
) -> Result<Option<EndpointRow>, sqlx::Error> {
    let sql =
        format!("SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints e WHERE e.id = $1 AND e.dealer_id = $2");
    db_run!(db, pool => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).bind(dealer_id).fetch_optional(pool).await
    })
}

/// Every enabled endpoint (the dispatcher).
pub async fn enabled_endpoints(db: &Db) -> Result<Vec<EndpointRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints e WHERE e.enabled = TRUE ORDER BY e.created_at, e.id"
    );
    db_run!(db, pool => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await
    })
}

/// What an endpoint's change sets.
pub struct EndpointChange<'a> {
    pub url: &'a str,
    pub description: &'a str,
    pub event_types: &'a str,
}

/// Changes an endpoint's URL, description and types; `false` when the dealer has no such one.
pub async fn update_endpoint(
    db: &Db,
    dealer_id: DealerId,
    id: WebhookEndpointId,
    change: &EndpointChange<'_>,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let updated = sqlx::query(
            "UPDATE webhook_endpoints SET url = $3, description = $4, event_types = $5, updated_at = $6 \
             WHERE id = $1 AND dealer_id = $2",
        )
        .bind(id)
        .bind(dealer_id)
        .bind(change.url)
        .bind(change.description)
        .bind(change.event_types)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated == 1 {
            record_audit!(&mut *tx, audit, now).await?;
        }
        tx.commit().await?;
        Ok(updated == 1)
    })
}

/// Deletes an endpoint with its deliveries and their attempts; `false` when the dealer has
/// no such endpoint.
pub async fn delete_endpoint(
    db: &Db,
    dealer_id: DealerId,
    id: WebhookEndpointId,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query(
            "DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT d.id FROM webhook_deliveries d \
             JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE e.id = $1 AND e.dealer_id = $2)",
        )
        .bind(id)
        .bind(dealer_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "DELETE FROM webhook_deliveries WHERE endpoint_id IN \
             (SELECT id FROM webhook_endpoints WHERE id = $1 AND dealer_id = $2)",
        )
        .bind(id)
        .bind(dealer_id)
        .execute(&mut *tx)
        .await?;
        let deleted = sqlx::query("DELETE FROM webhook_endpoints WHERE id = $1 AND dealer_id = $2")
            .bind(id)
            .bind(dealer_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if deleted == 1 {
            record_audit!(&mut *tx, audit, now).await?;
        }
        tx.commit().await?;
        Ok(deleted == 1)
    })
}

/// Gives an endpoint a new sealed secret; the current one keeps signing until
/// `previous_expires_at`. `false` when the dealer has no such endpoint.
pub async fn rotate_secret(
    db: &Db,
    dealer_id: DealerId,
    id: WebhookEndpointId,
    secret_sealed: &str,
    previous_expires_at: DateTime<Utc>,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let updated = sqlx::query(
            "UPDATE webhook_endpoints SET previous_secret_sealed = secret_sealed, secret_sealed = $3, \
             previous_secret_expires_at = $4, updated_at = $5 WHERE id = $1 AND dealer_id = $2",
        )
        .bind(id)
        .bind(dealer_id)
        .bind(secret_sealed)
        .bind(previous_expires_at)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated == 1 {
            record_audit!(&mut *tx, audit, now).await?;
        }
        tx.commit().await?;
        Ok(updated == 1)
    })
}

/// Enables (clearing the reason and the failure count) or disables an endpoint. Audited
/// only when it changes; `false` when the dealer has no such endpoint.
pub async fn set_enabled(
    db: &Db,
    dealer_id: DealerId,
    id: WebhookEndpointId,
    enabled: bool,
    reason: Option<&str>,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let found: Option<bool> =
            sqlx::query_scalar("SELECT enabled FROM webhook_endpoints WHERE id = $1 AND dealer_id = $2")
                .bind(id)
                .bind(dealer_id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(was) = found else { return Ok(false) };
        if was != enabled {
            sqlx::query(
                "UPDATE webhook_endpoints SET enabled = $2, disabled_reason = $3, disabled_at = $4, \
                 consecutive_failures = CASE WHEN $2 THEN 0 ELSE consecutive_failures END, updated_at = $5 \
                 WHERE id = $1",
            )
            .bind(id)
            .bind(enabled)
            .bind(reason)
            .bind((!enabled).then_some(now))
            .bind(now)
            .execute(&mut *tx)
            .await?;
            record_audit!(&mut *tx, audit, now).await?;
        }
        tx.commit().await?;
        Ok(true)
    })
}

/// A message to queue for one endpoint.
pub struct NewDelivery<'a> {
    pub id: Uuid,
    pub endpoint_id: WebhookEndpointId,
    pub dealer_id: DealerId,
    pub message_id: &'a str,
    pub event_type: &'a str,
    pub event_id: Option<&'a str>,
    pub payload: &'a str,
    pub replay_of: Option<Uuid>,
}

/// Inserts a [`NewDelivery`], due at `$now`, on `$conn` (a pool or `&mut *tx`).
macro_rules! enqueue_delivery {
    ($conn:expr, $delivery:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO webhook_deliveries (id, endpoint_id, dealer_id, message_id, event_type, event_id, \
             payload, status, attempts, next_attempt_at, replay_of, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $8, $9, $8)",
        )
        .bind($delivery.id)
        .bind($delivery.endpoint_id)
        .bind($delivery.dealer_id)
        .bind($delivery.message_id)
        .bind($delivery.event_type)
        .bind($delivery.event_id)
        .bind($delivery.payload)
        .bind($now)
        .bind($delivery.replay_of)
        .execute($conn)
    };
}
#[allow(unused_imports)]
pub(crate) use enqueue_delivery;

/// Queues one delivery with its audit event (a test event, a replay).
pub async fn enqueue(
    db: &Db,
    delivery: &NewDelivery<'_>,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        enqueue_delivery!(&mut *tx, delivery, now).await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await
    })
}

/// Queues the deliveries the dispatcher made of new events and moves the endpoint's cursor,
/// in one transaction, only if the cursor is still `from` (another dispatcher did not get
/// there first). `false` when it was not.
pub async fn dispatch(
    db: &Db,
    endpoint_id: WebhookEndpointId,
    from: Option<&str>,
    to: &str,
    deliveries: &[NewDelivery<'_>],
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let moved = sqlx::query(
            "UPDATE webhook_endpoints SET event_cursor = $2 WHERE id = $1 AND \
             (event_cursor = $3 OR (event_cursor IS NULL AND $3 IS NULL))",
        )
        .bind(endpoint_id)
        .bind(to)
        .bind(from)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if moved != 1 {
            return Ok(false);
        }
        for delivery in deliveries {
            enqueue_delivery!(&mut *tx, delivery, now).await?;
        }
        tx.commit().await?;
        Ok(true)
    })
}

const DELIVERY_COLUMNS: &str = "d.id, d.endpoint_id, d.message_id, d.event_type, d.event_id, d.payload, d.status, \
     d.attempts, d.next_attempt_at, d.created_at, d.delivered_at, d.failed_at, d.replay_of, \
     a.attempted_at, a.status_code, a.latency_ms, a.response_excerpt, a.error, a.succeeded";

/// The last attempt of the delivery `d`.
const LAST_ATTEMPT: &str = " LEFT JOIN webhook_attempts a ON a.id = (SELECT a2.id FROM webhook_attempts a2 \
     WHERE a2.delivery_id = d.id ORDER BY a2.attempted_at DESC, a2.id DESC LIMIT 1)";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeliveryRow {
    pub id: Uuid,
    pub endpoint_id: WebhookEndpointId,
    pub message_id: String,
    pub event_type: String,
    pub event_id: Option<String>,
    pub payload: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub failed_at: Option<DateTime<Utc>>,
    pub replay_of: Option<Uuid>,
    #[sqlx(flatten)]
    pub last: MaybeAttempt,
}

/// The last attempt's columns, all NULL when there was none.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MaybeAttempt {
    pub attempted_at: Option<DateTime<Utc>>,
    pub status_code: Option<i32>,
    pub latency_ms: Option<i64>,
    pub response_excerpt: Option<String>,
    pub error: Option<String>,
    pub succeeded: Option<bool>,
}

/// A page of an endpoint's deliveries, newest first, and how many there are. The endpoint
/// must be the dealer's (checked by the caller); `dealer_id` scopes the query all the same.
pub async fn deliveries_page(
    db: &Db,
    dealer_id: DealerId,
    endpoint_id: WebhookEndpointId,
    limit: i64,
    offset: i64,
) -> Result<(Vec<DeliveryRow>, i64), sqlx::Error> {
    let sql = format!(
        "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries d{LAST_ATTEMPT} \
         WHERE d.endpoint_id = $1 AND d.dealer_id = $2 ORDER BY d.id DESC LIMIT $3 OFFSET $4"
    );
    db_run!(db, pool => {
        let rows = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(endpoint_id)
            .bind(dealer_id)
            .bind(limit)
            .bind(offset)
            .fetch_all(pool)
            .await?;
        let total: i64 = sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM webhook_deliveries WHERE endpoint_id = $1 AND dealer_id = $2",
        )
        .bind(endpoint_id)
        .bind(dealer_id)
        .fetch_one(pool)
        .await?;
        Ok((rows, total))
    })
}

/// One delivery of the dealer's endpoint; `None` otherwise.
pub async fn delivery_of(
    db: &Db,
    dealer_id: DealerId,
    endpoint_id: WebhookEndpointId,
    id: Uuid,
) -> Result<Option<DeliveryRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries d{LAST_ATTEMPT} \
         WHERE d.id = $1 AND d.endpoint_id = $2 AND d.dealer_id = $3"
    );
    db_run!(db, pool => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .bind(endpoint_id)
            .bind(dealer_id)
            .fetch_optional(pool)
            .await
    })
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AttemptRow {
    pub attempted_at: DateTime<Utc>,
    pub status_code: Option<i32>,
    pub latency_ms: i64,
    pub response_excerpt: Option<String>,
    pub error: Option<String>,
    pub succeeded: bool,
}

/// A delivery's attempts, oldest first.
pub async fn attempts(db: &Db, delivery_id: Uuid) -> Result<Vec<AttemptRow>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(
            "SELECT attempted_at, status_code, latency_ms, response_excerpt, error, succeeded \
             FROM webhook_attempts WHERE delivery_id = $1 ORDER BY attempted_at, id",
        )
        .bind(delivery_id)
        .fetch_all(pool)
        .await
    })
}

/// Active admins of a dealer: (email, display name), to tell about a disabled endpoint.
pub async fn admins(db: &Db, dealer_id: DealerId) -> Result<Vec<(String, String)>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(
            "SELECT email, display_name FROM users WHERE dealer_id = $1 AND role = 'dealer_admin' \
             AND is_active = TRUE ORDER BY email",
        )
        .bind(dealer_id)
        .fetch_all(pool)
        .await
    })
}

// --- The worker's side ---

/// Deliveries due for an attempt: for each enabled endpoint only the oldest unfinished one
/// (in order per endpoint), when it is pending and due, or claimed by a worker whose lease
/// ran out.
pub async fn due(db: &Db, now: DateTime<Utc>, limit: i64) -> Result<Vec<Uuid>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_scalar(
            // From the endpoints (few) to each one's head (one probe of the partial queue
            // index): the work does not grow with the deliveries queued behind the heads.
            "SELECT d.id FROM webhook_endpoints e JOIN webhook_deliveries d \
             ON d.id = (SELECT h.id FROM webhook_deliveries h WHERE h.endpoint_id = e.id \
                        AND h.status IN ('pending', 'sending') ORDER BY h.id LIMIT 1) \
             WHERE e.enabled = TRUE \
             AND ((d.status = 'pending' AND d.next_attempt_at <= $1) \
                  OR (d.status = 'sending' AND d.locked_until < $1)) \
             ORDER BY d.next_attempt_at, d.id LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(pool)
        .await
    })
}

/// A delivery a worker holds, with what it needs to send it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClaimedDelivery {
    pub id: Uuid,
    pub endpoint_id: WebhookEndpointId,
    pub dealer_id: DealerId,
    pub message_id: String,
    pub event_type: String,
    pub payload: String,
    pub attempts: i32,
    pub url: String,
    pub secret_sealed: String,
    pub previous_secret_sealed: Option<String>,
    pub previous_secret_expires_at: Option<DateTime<Utc>>,
}

/// Claims a due delivery until `lock_until`; `None` when another worker got it first.
pub async fn claim(
    db: &Db,
    id: Uuid,
    now: DateTime<Utc>,
    lock_until: DateTime<Utc>,
) -> Result<Option<ClaimedDelivery>, sqlx::Error> {
    db_run!(db, pool => {
        let claimed = sqlx::query(
            "UPDATE webhook_deliveries SET status = 'sending', locked_until = $3 WHERE id = $1 AND \
             ((status = 'pending' AND next_attempt_at <= $2) OR (status = 'sending' AND locked_until < $2))",
        )
        .bind(id)
        .bind(now)
        .bind(lock_until)
        .execute(pool)
        .await?;
        if claimed.rows_affected() != 1 {
            return Ok(None);
        }
        sqlx::query_as(
            "SELECT d.id, d.endpoint_id, d.dealer_id, d.message_id, d.event_type, d.payload, d.attempts, \
             e.url, e.secret_sealed, e.previous_secret_sealed, e.previous_secret_expires_at \
             FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id = $1",
        )
        .bind(id)
        .fetch_optional(pool)
        .await
    })
}

/// One attempt's result, as stored.
pub struct AttemptRecord<'a> {
    pub attempted_at: DateTime<Utc>,
    pub status_code: Option<i32>,
    pub latency_ms: i64,
    pub response_excerpt: Option<&'a str>,
    pub error: Option<&'a str>,
}

/// What follows an attempt.
pub enum Next<'a> {
    Delivered,
    /// Try again at this instant.
    Retry(DateTime<Utc>),
    /// The last attempt failed: the delivery fails, the endpoint is disabled with `reason`,
    /// `emails` go to its dealer's admins and `audit` records it, all in one transaction.
    GiveUp {
        reason: &'a str,
        emails: &'a [NewEmail],
        audit: &'a AuditEvent<'a>,
    },
}

/// Records an attempt and moves the delivery (and on giving up, the endpoint) on, in one
/// transaction. Only while the worker still holds the claim (`lock_until` unchanged); `false`
/// when another worker took the delivery over after the lease ran out.
pub async fn record_attempt(
    db: &Db,
    delivery: &ClaimedDelivery,
    lock_until: DateTime<Utc>,
    attempt: &AttemptRecord<'_>,
    next: &Next<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let succeeded = matches!(next, Next::Delivered);
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let (status, next_at, delivered_at, failed_at) = match next {
            Next::Delivered => ("delivered", now, Some(now), None),
            Next::Retry(at) => ("pending", *at, None, None),
            Next::GiveUp { .. } => ("failed", now, None, Some(now)),
        };
        let moved = sqlx::query(
            "UPDATE webhook_deliveries SET status = $2, attempts = attempts + 1, locked_until = NULL, \
             next_attempt_at = $3, delivered_at = $4, failed_at = $5 \
             WHERE id = $1 AND status = 'sending' AND locked_until = $6",
        )
        .bind(delivery.id)
        .bind(status)
        .bind(next_at)
        .bind(delivered_at)
        .bind(failed_at)
        .bind(lock_until)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if moved != 1 {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO webhook_attempts (id, delivery_id, attempted_at, status_code, latency_ms, \
             response_excerpt, error, succeeded) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(Uuid::now_v7())
        .bind(delivery.id)
        .bind(attempt.attempted_at)
        .bind(attempt.status_code)
        .bind(attempt.latency_ms)
        .bind(attempt.response_excerpt)
        .bind(attempt.error)
        .bind(succeeded)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE webhook_endpoints SET last_attempt_at = $2, last_status_code = $3, last_error = $4, \
             consecutive_failures = CASE WHEN $5 THEN 0 ELSE consecutive_failures + 1 END, \
             last_success_at = CASE WHEN $5 THEN $2 ELSE last_success_at END WHERE id = $1",
        )
        .bind(delivery.endpoint_id)
        .bind(attempt.attempted_at)
        .bind(attempt.status_code)
        .bind(attempt.error)
        .bind(succeeded)
        .execute(&mut *tx)
        .await?;
        if let Next::GiveUp { reason, emails, audit } = next {
            let disabled = sqlx::query(
                "UPDATE webhook_endpoints SET enabled = FALSE, disabled_reason = $2, disabled_at = $3, \
                 updated_at = $3 WHERE id = $1 AND enabled = TRUE",
            )
            .bind(delivery.endpoint_id)
            .bind(*reason)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if disabled == 1 {
                for email in emails.iter() {
                    enqueue_email!(&mut *tx, email, now).await?;
                }
                record_audit!(&mut *tx, audit, now).await?;
            }
        }
        tx.commit().await?;
        Ok(true)
    })
}
