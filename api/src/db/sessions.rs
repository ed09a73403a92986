//! Refresh sessions: opaque refresh tokens stored hashed, rotated on every use, grouped in
//! families so that reuse of a rotated token revokes every descendant (after a short grace
//! window in which a concurrent duplicate is answered with the same successor).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::audit::{AuditEvent, record_audit};
use super::{BeginWrite, Db, db_run};
use crate::ids::UserId;

/// Revokes every live session of a user on `$conn` (a pool or `&mut *tx`).
/// Expands to a query future.
macro_rules! revoke_user_sessions {
    ($conn:expr, $user_id:expr, $now:expr) => {
        sqlx::query("UPDATE refresh_sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL")
            .bind($user_id)
            .bind($now)
            .execute($conn)
    };
}
pub(crate) use revoke_user_sessions;

/// Revokes every live session of one family (one login) on `$conn`. Expands to a query future.
macro_rules! revoke_family {
    ($conn:expr, $family_id:expr, $now:expr) => {
        sqlx::query("UPDATE refresh_sessions SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL")
            .bind($family_id)
            .bind($now)
            .execute($conn)
    };
}

/// A refresh token about to be stored.
#[derive(Debug, Clone)]
pub struct NewSession<'a> {
    /// SHA-256 of the token, hex; the token itself is never stored.
    pub token_hash: &'a str,
    pub expires_at: DateTime<Utc>,
    pub ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
}

/// Starts a new session family (a login) for `user_id`.
pub async fn create(
    db: &Db,
    user_id: UserId,
    family_id: Uuid,
    session: &NewSession<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query(
            "INSERT INTO refresh_sessions (id, user_id, family_id, token_hash, created_at, \
             expires_at, rotated_at, revoked_at, ip, user_agent) \
             VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL, $7, $8)",
        )
        .bind(Uuid::now_v7())
        .bind(user_id)
        .bind(family_id)
        .bind(session.token_hash)
        .bind(now)
        .bind(session.expires_at)
        .bind(session.ip)
        .bind(session.user_agent)
        .execute(pool)
        .await
        .map(|_| ())
    })
}

/// What presenting a refresh token led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rotation {
    /// The token was current: it is now spent and `chain[1]` replaces it in the same family.
    Rotated { user_id: UserId, family_id: Uuid },
    /// The token was spent within the grace window: `chain[step]` is the live token its
    /// rotation led to, which the caller is handed as it is.
    Duplicate { user_id: UserId, family_id: Uuid, step: usize },
    /// The token had been rotated before the grace window, so someone replayed it: the
    /// whole family is now revoked.
    ReuseDetected { user_id: UserId },
    /// Unknown, expired or revoked token (or the session its rotation led to is).
    Invalid,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: Uuid,
    user_id: UserId,
    family_id: Uuid,
    expires_at: DateTime<Utc>,
    rotated_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
}

/// Presents the refresh token hashed as `chain[0]`, atomically. `chain[i + 1]` is the hash
/// of the successor of the token hashed as `chain[i]` (successors are derived, see
/// `TokenKeys::refresh_successor`), and `new.token_hash` must be `chain[1]`.
///
/// - A current token is spent and `new` stored in its family: [`Rotation::Rotated`].
/// - A token spent less than `grace` ago is a concurrent duplicate (two tabs refreshing
///   at once): its successor is followed down the chain to the live token, which is
///   answered without another rotation, so both callers share one session and one token.
///   A successor that was revoked or expired meanwhile makes it [`Rotation::Invalid`].
/// - A token spent longer ago is a replay: the family is revoked.
pub async fn rotate(
    db: &Db,
    chain: &[String],
    new: &NewSession<'_>,
    grace: chrono::Duration,
    now: DateTime<Utc>,
) -> Result<Rotation, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let mut step = 0;
        // One retry after losing the race for the guarded update (PostgreSQL: the winner
        // committed meanwhile; re-reading now sees its rotation and successor).
        let mut lost_race = false;
        while step + 1 < chain.len() {
            let row: Option<SessionRow> = sqlx::query_as(
                "SELECT id, user_id, family_id, expires_at, rotated_at, revoked_at \
                 FROM refresh_sessions WHERE token_hash = $1",
            )
            .bind(&chain[step])
            .fetch_optional(&mut *tx)
            .await?;
            let Some(row) = row else {
                return Ok(Rotation::Invalid);
            };
            if let Some(rotated_at) = row.rotated_at {
                if now - rotated_at < grace {
                    if row.revoked_at.is_some() {
                        // Logged out (or revoked) since: no grace resurrects it.
                        return Ok(Rotation::Invalid);
                    }
                    step += 1;
                    continue;
                }
                revoke_family!(&mut *tx, row.family_id, now)
                .await?;
                tx.commit().await?;
                return Ok(Rotation::ReuseDetected { user_id: row.user_id });
            }
            if row.revoked_at.is_some() || row.expires_at <= now {
                // Logged out, revoked or expired: dead, but not evidence of theft.
                return Ok(Rotation::Invalid);
            }
            if step > 0 {
                // The live end of a chain a duplicate followed: answered as it is.
                return Ok(Rotation::Duplicate { user_id: row.user_id, family_id: row.family_id, step });
            }
            // Guarded update: of two concurrent rotations of one token, only one wins.
            let spent = sqlx::query(
                "UPDATE refresh_sessions SET rotated_at = $2 WHERE id = $1 AND rotated_at IS NULL",
            )
            .bind(row.id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if spent.rows_affected() != 1 {
                if lost_race {
                    return Ok(Rotation::Invalid);
                }
                lost_race = true;
                continue;
            }
            sqlx::query(
                "INSERT INTO refresh_sessions (id, user_id, family_id, token_hash, created_at, \
                 expires_at, rotated_at, revoked_at, ip, user_agent) \
                 VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL, $7, $8)",
            )
            .bind(Uuid::now_v7())
            .bind(row.user_id)
            .bind(row.family_id)
            .bind(new.token_hash)
            .bind(now)
            .bind(new.expires_at)
            .bind(new.ip)
            .bind(new.user_agent)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            return Ok(Rotation::Rotated { user_id: row.user_id, family_id: row.family_id });
        }
        // A chain longer than the caller derived: refuse rather than guess.
        Ok(Rotation::Invalid)
    })
}

/// Revokes the family of the token hashed as `token_hash` (logout). Returns its user.
pub async fn revoke_family_of(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<UserId>, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let row: Option<(UserId, Uuid)> =
            sqlx::query_as("SELECT user_id, family_id FROM refresh_sessions WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(&mut *tx)
                .await?;
        if let Some((_, family_id)) = row {
            revoke_family!(&mut *tx, family_id, now)
            .await?;
        }
        tx.commit().await?;
        Ok(row.map(|(user_id, _)| user_id))
    })
}

/// Whether the family `family_id` of `user_id` still has a usable refresh token: neither
/// revoked (logout, password change, admin reset) nor expired. Endpoints that act on "this
/// session" check it, since an access token outlives the revocation of its family.
pub async fn family_is_live(
    db: &Db,
    user_id: UserId,
    family_id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM refresh_sessions WHERE user_id = $1 AND family_id = $2 \
             AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > $3)",
        )
        .bind(user_id)
        .bind(family_id)
        .bind(now)
        .fetch_one(pool)
        .await
    })
}

/// Revokes every session of `user_id` (log out everywhere) and audits it, atomically.
/// Returns how many refresh tokens died.
pub async fn revoke_all_of_user(
    db: &Db,
    user_id: UserId,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let revoked =
            revoke_user_sessions!(&mut *tx, user_id, now)
                .await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(revoked.rows_affected())
    })
}
