//! Self sign-up (A3): single-use, expiring confirmation tokens (stored hashed) that turn a
//! proven customer email into a login for that customer's account.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::audit::{AuditEvent, record_audit};
use super::outbox::{NewEmail, enqueue_email};
use super::users::{NewUser, insert_user};
use super::{BeginWrite, Db, db_run};
use crate::ids::{CustomerId, DealerId};

/// A sign-up to write, with the hash of its token (the token itself is only emailed).
#[derive(Debug, Clone)]
pub struct NewSignup {
    pub id: Uuid,
    pub dealer_id: DealerId,
    pub customer_id: CustomerId,
    /// Lower-cased.
    pub email: String,
    pub display_name: String,
    pub token_hash: String,
    pub requested_ip: Option<String>,
    pub expires_at: DateTime<Utc>,
}

/// Writes a sign-up in one transaction: earlier live links of the same email to the same
/// customer expire (a new request supersedes them), the new one is stored, its email queued
/// and the request audited.
pub async fn create(
    db: &Db,
    signup: &NewSignup,
    email: &NewEmail,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let s = signup;
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query(
            "UPDATE signups SET expires_at = $3 WHERE customer_id = $1 AND email = $2 \
             AND used_at IS NULL AND expires_at > $3",
        )
        .bind(s.customer_id)
        .bind(&s.email)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO signups (id, dealer_id, customer_id, email, display_name, token_hash, \
             requested_ip, created_at, expires_at, used_at, used_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, NULL)",
        )
        .bind(s.id)
        .bind(s.dealer_id)
        .bind(s.customer_id)
        .bind(&s.email)
        .bind(&s.display_name)
        .bind(&s.token_hash)
        .bind(s.requested_ip.as_deref())
        .bind(now)
        .bind(s.expires_at)
        .execute(&mut *tx)
        .await?;
        enqueue_email!(&mut *tx, email, now).await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await
    })
}

/// Queues an email and its audit event in one transaction (the "you already have a login"
/// answer to a sign-up).
pub async fn notify(
    db: &Db,
    email: &NewEmail,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        enqueue_email!(&mut *tx, email, now).await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await
    })
}

/// A sign-up as stored, with the customer it is for.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SignupRow {
    pub id: Uuid,
    pub dealer_id: DealerId,
    pub customer_id: CustomerId,
    pub customer_name: String,
    pub email: String,
    pub display_name: String,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

impl SignupRow {
    /// Whether the link can still be used.
    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        self.used_at.is_none() && self.expires_at > now
    }
}

/// The sign-up a token names, whatever its state; callers decide whether it is live.
pub async fn by_token_hash(db: &Db, token_hash: &str) -> Result<Option<SignupRow>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(
            "SELECT s.id, s.dealer_id, s.customer_id, c.name AS customer_name, s.email, \
             s.display_name, s.expires_at, s.used_at FROM signups s \
             JOIN customers c ON c.id = s.customer_id WHERE s.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(pool)
        .await
    })
}

/// Completes a sign-up in one transaction: the login is created, the token spent (guarded:
/// only a live one), the membership added — as the account's owner with every permission
/// while the customer has no owner, else as a view-only member — and the sign-up audited.
/// `false` when the token was spent or ran out meanwhile; a unique violation when the email
/// got a login meanwhile.
pub async fn complete(
    db: &Db,
    signup: &SignupRow,
    user: &NewUser,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        insert_user!(&mut *tx, user, now).await?;
        let spent = sqlx::query(
            "UPDATE signups SET used_at = $3, used_by = $2 WHERE id = $1 \
             AND used_at IS NULL AND expires_at > $3",
        )
        .bind(signup.id)
        .bind(user.id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if spent.rows_affected() != 1 {
            return Ok(false);
        }
        let owners: i64 = sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM memberships WHERE customer_id = $1 AND role = 'owner'",
        )
        .bind(signup.customer_id)
        .fetch_one(&mut *tx)
        .await?;
        let owner = owners == 0;
        sqlx::query(
            "INSERT INTO memberships (id, user_id, customer_id, role, can_view, can_pay, \
             can_call_off, can_order, created_at) VALUES ($1, $2, $3, $4, TRUE, $5, $5, $5, $6)",
        )
        .bind(Uuid::now_v7())
        .bind(user.id)
        .bind(signup.customer_id)
        .bind(if owner { "owner" } else { "member" })
        .bind(owner)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let change = super::memberships::MemberChange::new(shared::events::PortalUserVia::Signup);
        let members = super::memberships::Members::One { customer_id: signup.customer_id, user_id: user.id };
        super::memberships::record_member_events!(tx, members, shared::events::Event::PortalUserActivated, &change, now)
            .await?;
        let mut audit = audit.clone();
        let mut details = audit.details.take().unwrap_or_else(|| serde_json::json!({}));
        details["role"] = serde_json::Value::from(if owner { "owner" } else { "member" });
        audit.details = Some(details);
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    })
}
