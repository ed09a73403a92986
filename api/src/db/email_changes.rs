//! Changes of a login's email (A10): single-use, expiring tokens (stored hashed) mailed to
//! the new address; spending one switches the login's email.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::audit::{AuditEvent, record_audit};
use super::outbox::{NewEmail, enqueue_email};
use super::{BeginWrite, Db, db_run};
use crate::ids::UserId;

/// A requested change, with the hash of its token (the token itself is only emailed).
#[derive(Debug, Clone)]
pub struct NewEmailChange {
    pub id: Uuid,
    pub user_id: UserId,
    pub old_email: String,
    /// Lower-cased.
    pub new_email: String,
    pub token_hash: String,
    pub expires_at: DateTime<Utc>,
}

/// Writes a change request in one transaction: the user's earlier live requests expire (the
/// newest wins), the new one is stored, the confirmation (to the new address) and the
/// notice (to the old one) are queued, and the request is audited.
pub async fn create(
    db: &Db,
    change: &NewEmailChange,
    emails: &[NewEmail],
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let c = change;
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query(
            "UPDATE email_changes SET expires_at = $2 WHERE user_id = $1 AND used_at IS NULL \
             AND expires_at > $2",
        )
        .bind(c.user_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO email_changes (id, user_id, old_email, new_email, token_hash, created_at, \
             expires_at, used_at) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)",
        )
        .bind(c.id)
        .bind(c.user_id)
        .bind(&c.old_email)
        .bind(&c.new_email)
        .bind(&c.token_hash)
        .bind(now)
        .bind(c.expires_at)
        .execute(&mut *tx)
        .await?;
        for email in emails {
            enqueue_email!(&mut *tx, email, now).await?;
        }
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await
    })
}

/// A change request as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EmailChangeRow {
    pub id: Uuid,
    pub user_id: UserId,
    pub old_email: String,
    pub new_email: String,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

impl EmailChangeRow {
    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        self.used_at.is_none() && self.expires_at > now
    }
}

/// The change request a token names, whatever its state.
pub async fn by_token_hash(db: &Db, token_hash: &str) -> Result<Option<EmailChangeRow>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(
            "SELECT id, user_id, old_email, new_email, expires_at, used_at FROM email_changes \
             WHERE token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(pool)
        .await
    })
}

/// Switches the login's email in one transaction: the token is spent (guarded: only a live
/// one), the email changed, reset links sent to the old address spent, and the change
/// audited. `false` when the token was spent or ran
/// out meanwhile; a unique violation when another login took the address meanwhile.
pub async fn complete(
    db: &Db,
    change: &EmailChangeRow,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let spent = sqlx::query(
            "UPDATE email_changes SET used_at = $2 WHERE id = $1 AND used_at IS NULL AND expires_at > $2",
        )
        .bind(change.id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if spent.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query("UPDATE users SET email = $2, updated_at = $3 WHERE id = $1")
            .bind(change.user_id)
            .bind(&change.new_email)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        // A reset link mailed to the old address must not outlive the address: whoever
        // still reads that mailbox could otherwise take the account back.
        sqlx::query("UPDATE password_reset_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL")
            .bind(change.user_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let event_change = super::memberships::MemberChange {
            changed: vec!["email".to_string()],
            ..super::memberships::MemberChange::new(shared::events::PortalUserVia::EmailChanged)
        };
        let members = super::memberships::Members::OfUser(change.user_id);
        super::memberships::record_member_events!(
            tx,
            members,
            shared::events::Event::CustomerContactChanged,
            &event_change,
            now
        )
        .await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    })
}
