//! The email outbox: messages are rows written in the same transaction as the change that
//! causes them; the delivery worker claims due rows, sends, and records every attempt.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{BeginWrite, Db, db_run};
use crate::ids::DealerId;

/// An email to queue. Rendered already: the outbox stores exactly what will be sent.
#[derive(Debug, Clone)]
pub struct NewEmail {
    pub dealer_id: Option<DealerId>,
    /// Stable name of the template, e.g. `password_reset`.
    pub kind: &'static str,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
}

/// Inserts a [`NewEmail`] on `$conn` (a pool or `&mut *tx`), so callers can queue mail
/// inside their own transaction. Expands to a query future.
macro_rules! enqueue_email {
    ($conn:expr, $email:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO email_outbox (id, dealer_id, kind, to_address, subject, body_text, \
             body_html, status, attempts, next_attempt_at, locked_until, last_error, created_at, \
             sent_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $8, NULL, NULL, $8, NULL)",
        )
        .bind(uuid::Uuid::now_v7())
        .bind($email.dealer_id)
        .bind($email.kind)
        .bind(&$email.to_address)
        .bind(&$email.subject)
        .bind(&$email.body_text)
        .bind(&$email.body_html)
        .bind($now)
        .execute($conn)
    };
}
pub(crate) use enqueue_email;

/// Queues one email on its own (when there is no other write to share a transaction with).
pub async fn enqueue(db: &Db, email: &NewEmail, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    db_run!(db, pool => enqueue_email!(pool, email, now).await.map(|_| ()))
}

/// A queued email as the worker and the dev mailbox see it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxEmail {
    pub id: Uuid,
    pub kind: String,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "SELECT id, kind, to_address, subject, body_text, body_html, status, attempts, \
     last_error, created_at, sent_at FROM email_outbox";

/// Ids of emails due for an attempt: pending and due, or claimed by a worker that died.
pub async fn due(db: &Db, now: DateTime<Utc>, limit: i64) -> Result<Vec<Uuid>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_scalar(
            "SELECT id FROM email_outbox WHERE (status = 'pending' AND next_attempt_at <= $1) \
             OR (status = 'sending' AND locked_until < $1) ORDER BY next_attempt_at, id LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(pool)
        .await
    })
}

/// Claims one due email until `lock_until`. `None` when another worker got it first.
pub async fn claim(
    db: &Db,
    id: Uuid,
    now: DateTime<Utc>,
    lock_until: DateTime<Utc>,
) -> Result<Option<OutboxEmail>, sqlx::Error> {
    db_run!(db, pool => {
        let claimed = sqlx::query(
            "UPDATE email_outbox SET status = 'sending', locked_until = $3 WHERE id = $1 AND \
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
        let mut qb = sqlx::QueryBuilder::new(COLUMNS);
        qb.push(" WHERE id = ").push_bind(id);
        qb.build_query_as().fetch_optional(pool).await
    })
}

/// What became of one delivery attempt.
#[derive(Debug, Clone)]
pub enum AttemptOutcome {
    Sent,
    /// Failed; try again at `retry_at`, or give up when `None`.
    Failed {
        error: String,
        retry_at: Option<DateTime<Utc>>,
    },
}

/// Records an attempt and moves the email on, in one transaction.
pub async fn record_attempt(
    db: &Db,
    id: Uuid,
    outcome: &AttemptOutcome,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let (succeeded, error) = match outcome {
        AttemptOutcome::Sent => (true, None),
        AttemptOutcome::Failed { error, .. } => (false, Some(error.as_str())),
    };
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        match outcome {
            AttemptOutcome::Sent => {
                sqlx::query(
                    "UPDATE email_outbox SET status = 'sent', attempts = attempts + 1, \
                     locked_until = NULL, sent_at = $2, last_error = NULL WHERE id = $1",
                )
                .bind(id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            AttemptOutcome::Failed { error, retry_at } => {
                sqlx::query(
                    "UPDATE email_outbox SET status = $2, attempts = attempts + 1, \
                     locked_until = NULL, next_attempt_at = $3, last_error = $4 WHERE id = $1",
                )
                .bind(id)
                .bind(if retry_at.is_some() { "pending" } else { "failed" })
                .bind(retry_at.unwrap_or(now))
                .bind(error)
                .execute(&mut *tx)
                .await?;
            }
        }
        sqlx::query(
            "INSERT INTO email_attempts (id, email_id, attempted_at, succeeded, error) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(Uuid::now_v7())
        .bind(id)
        .bind(now)
        .bind(succeeded)
        .bind(error)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    })
}

/// The newest emails, for the development mailbox.
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<OutboxEmail>, sqlx::Error> {
    db_run!(db, pool => {
        let mut qb = sqlx::QueryBuilder::new(COLUMNS);
        qb.push(" ORDER BY created_at DESC, id DESC LIMIT ").push_bind(limit);
        qb.build_query_as().fetch_all(pool).await
    })
}

/// How many attempts were recorded for an email (tests and diagnostics).
pub async fn attempt_count(db: &Db, id: Uuid) -> Result<i64, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM email_attempts WHERE email_id = $1")
            .bind(id)
            .fetch_one(pool)
            .await
    })
}
