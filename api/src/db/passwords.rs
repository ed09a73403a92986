//! Password reset tokens (A7): single-use, expiring, stored hashed, and the reset itself;
//! temporary passwords set by an admin (A8); a signed-in user's own change (A10).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::audit::{AuditEvent, record_audit};
use super::outbox::{NewEmail, enqueue_email};
use super::sessions::revoke_user_sessions;
use super::{BeginWrite, Db, db_run};
use crate::ids::{DealerId, UserId};

/// Stores a reset token and queues the email carrying it, atomically.
pub async fn create_reset(
    db: &Db,
    user_id: UserId,
    token_hash: &str,
    expires_at: DateTime<Utc>,
    ip: Option<&str>,
    email: &NewEmail,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query(
            "INSERT INTO password_reset_tokens (id, user_id, token_hash, created_at, expires_at, \
             used_at, ip) VALUES ($1, $2, $3, $4, $5, NULL, $6)",
        )
        .bind(Uuid::now_v7())
        .bind(user_id)
        .bind(token_hash)
        .bind(now)
        .bind(expires_at)
        .bind(ip)
        .execute(&mut *tx)
        .await?;
        enqueue_email!(&mut *tx, email, now).await?;
        tx.commit().await
    })
}

/// The user a live (unused, unexpired) reset token belongs to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ResetTarget {
    pub token_id: Uuid,
    pub user_id: UserId,
    pub email: String,
    pub display_name: String,
}

pub async fn find_live(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<ResetTarget>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(
            "SELECT t.id AS token_id, u.id AS user_id, u.email, u.display_name \
             FROM password_reset_tokens t JOIN users u ON u.id = t.user_id \
             WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > $2 AND u.is_active = TRUE",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(pool)
        .await
    })
}

/// Completes a reset in one transaction: spends the token (and any other outstanding ones
/// of the user), sets the new password, unlocks the account, ends every session, queues
/// the "password changed" notice and audits. `false` when the token was spent meanwhile.
pub async fn complete_reset(
    db: &Db,
    target: &ResetTarget,
    new_hash: &str,
    notice: &NewEmail,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let spent = sqlx::query(
            "UPDATE password_reset_tokens SET used_at = $2 \
             WHERE id = $1 AND used_at IS NULL AND expires_at > $2",
        )
        .bind(target.token_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if spent.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query("UPDATE password_reset_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL")
            .bind(target.user_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE users SET password_hash = $2, failed_logins = 0, locked_at = NULL, \
             must_change_password = FALSE, activated_at = COALESCE(activated_at, $3), updated_at = $3 \
             WHERE id = $1",
        )
        .bind(target.user_id)
        .bind(new_hash)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        revoke_user_sessions!(&mut *tx, target.user_id, now)
            .await?;
        enqueue_email!(&mut *tx, notice, now).await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// An admin reset (A8) in one transaction: the temporary password's hash replaces the
/// password, the user must change it at their next login, the lockout is lifted, every
/// session ends, the email carrying the password is queued and the reset audited.
/// `false` when there is no such user.
pub async fn set_temporary_password(
    db: &Db,
    user_id: UserId,
    temporary_hash: &str,
    email: &NewEmail,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let updated = sqlx::query(
            "UPDATE users SET password_hash = $2, must_change_password = TRUE, locked_at = NULL, \
             failed_logins = 0, updated_at = $3 WHERE id = $1",
        )
        .bind(user_id)
        .bind(temporary_hash)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() != 1 {
            return Ok(false);
        }
        revoke_user_sessions!(&mut *tx, user_id, now)
            .await?;
        enqueue_email!(&mut *tx, email, now).await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// What a password change (A10) checked before it was allowed, and so what must still
/// hold when it is written.
#[derive(Debug, Clone, Copy)]
pub enum ChangeAuthority<'a> {
    /// The current password, verified against this hash.
    CurrentPassword(&'a str),
    /// The user signed in with a temporary password and must change it.
    ForcedChange,
}

/// A signed-in user's password change, as [`change_password`] writes it.
#[derive(Debug, Clone, Copy)]
pub struct PasswordChange<'a> {
    pub user_id: UserId,
    pub authority: ChangeAuthority<'a>,
    pub new_hash: &'a str,
    /// The session family of the request: it stays signed in, every other one ends.
    pub keep_family: Uuid,
}

/// Changes a signed-in user's password in one transaction: the new hash, no forced change
/// any more, every session family but `keep_family` revoked, the "password changed" notice
/// queued, and the change audited. The update is guarded by `authority`, so a concurrent
/// change or admin reset makes this one fail (`false`) rather than silently win.
pub async fn change_password(
    db: &Db,
    change: &PasswordChange<'_>,
    notice: &NewEmail,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let PasswordChange { user_id, authority, new_hash, keep_family } = *change;
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let updated = match authority {
            ChangeAuthority::CurrentPassword(verified_hash) => {
                sqlx::query(
                    "UPDATE users SET password_hash = $2, must_change_password = FALSE, \
                     updated_at = $3 WHERE id = $1 AND password_hash = $4",
                )
                .bind(user_id)
                .bind(new_hash)
                .bind(now)
                .bind(verified_hash)
                .execute(&mut *tx)
                .await?
            }
            ChangeAuthority::ForcedChange => {
                sqlx::query(
                    "UPDATE users SET password_hash = $2, must_change_password = FALSE, \
                     updated_at = $3 WHERE id = $1 AND must_change_password = TRUE",
                )
                .bind(user_id)
                .bind(new_hash)
                .bind(now)
                .execute(&mut *tx)
                .await?
            }
        };
        if updated.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query(
            "UPDATE refresh_sessions SET revoked_at = $3 \
             WHERE user_id = $1 AND family_id <> $2 AND revoked_at IS NULL",
        )
        .bind(user_id)
        .bind(keep_family)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        enqueue_email!(&mut *tx, notice, now).await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// The dealer whose branding a user's emails wear: their staff dealer, else the dealer of
/// their first account.
pub async fn branding_dealer_of(db: &Db, user_id: UserId) -> Result<Option<DealerId>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_scalar(
            "SELECT COALESCE(u.dealer_id, (SELECT c.dealer_id FROM memberships m \
             JOIN customers c ON c.id = m.customer_id WHERE m.user_id = u.id \
             ORDER BY m.created_at, m.id LIMIT 1)) FROM users u WHERE u.id = $1",
        )
        .bind(user_id)
        .fetch_optional(pool)
        .await
        .map(Option::flatten)
    })
}
