//! The dealer's staff (H10): listing, inviting, changing role and stores, deactivating and
//! reactivating. Every write takes the dealer's row lock first (a no-op update on
//! `dealers`), so two admins demoting or deactivating each other at once cannot leave the
//! dealer without an active admin, on either engine.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use shared::auth::UserRole;
use shared::contracts::LocationRef;
use shared::staff::{StaffMember, StaffRole, StaffStatus};
use sqlx::{Database, Encode, QueryBuilder, Type};
use uuid::Uuid;

use super::audit::{AuditEvent, record_audit};
use super::outbox::{NewEmail, enqueue_email};
use super::sessions::revoke_user_sessions;
use super::users::{NewUser, insert_user};
use super::{BeginWrite, Db, db_run, is_unique_violation};
use crate::ids::{DealerId, UserId};

#[derive(sqlx::FromRow)]
struct StaffRow {
    id: UserId,
    display_name: String,
    email: String,
    role: String,
    is_active: bool,
    locked_at: Option<DateTime<Utc>>,
    last_login_at: Option<DateTime<Utc>>,
    invited_at: Option<DateTime<Utc>>,
    activated_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

impl StaffRow {
    fn into_member(self, locations: Vec<LocationRef>) -> Result<StaffMember, sqlx::Error> {
        let role: UserRole = super::decode::enum_text(&self.role, "users.role")?;
        let role = StaffRole::from_user_role(role).ok_or_else(|| {
            sqlx::Error::Decode(format!("users.role {} is not a staff role", self.role).into())
        })?;
        Ok(StaffMember {
            id: self.id.get(),
            display_name: self.display_name,
            email: self.email,
            role,
            locations,
            status: status_of(self.is_active, self.locked_at.is_some(), self.activated_at.is_some()),
            last_login_at: self.last_login_at,
            invited_at: self.invited_at,
            activated_at: self.activated_at,
            created_at: self.created_at,
        })
    }
}

/// Where a staff login stands: deactivation outranks a lock, which outranks a pending
/// invitation.
fn status_of(is_active: bool, locked: bool, activated: bool) -> StaffStatus {
    match (is_active, locked, activated) {
        (false, _, _) => StaffStatus::Deactivated,
        (true, true, _) => StaffStatus::Locked,
        (true, false, false) => StaffStatus::Invited,
        (true, false, true) => StaffStatus::Active,
    }
}

const STAFF_COLUMNS: &str = "SELECT id, display_name, email, role, is_active, locked_at, last_login_at, \
     invited_at, activated_at, created_at FROM users \
     WHERE dealer_id = $1 AND role IN ('dealer_staff', 'dealer_admin')";

#[derive(sqlx::FromRow)]
struct StaffLocationRow {
    user_id: UserId,
    id: Uuid,
    external_id: String,
    name: String,
}

/// The stores of the dealer's scoped staff, by user.
async fn locations_by_user(
    db: &Db,
    dealer_id: DealerId,
    user_id: Option<UserId>,
) -> Result<HashMap<UserId, Vec<LocationRef>>, sqlx::Error> {
    let rows: Vec<StaffLocationRow> = db_run!(db, pool => {
        sqlx::query_as(
            "SELECT sl.user_id, l.id, l.external_id, l.name FROM staff_locations sl \
             JOIN locations l ON l.id = sl.location_id \
             WHERE sl.dealer_id = $1 AND ($2 IS NULL OR sl.user_id = $2) ORDER BY l.name, l.id",
        )
        .bind(dealer_id)
        .bind(user_id)
        .fetch_all(pool)
        .await?
    });
    let mut by_user: HashMap<UserId, Vec<LocationRef>> = HashMap::new();
    for row in rows {
        by_user.entry(row.user_id).or_default().push(LocationRef {
            id: row.id,
            external_id: row.external_id,
            name: row.name,
        });
    }
    Ok(by_user)
}

/// ` AND (...)`: the row's store (`location_column`) is one the member of staff
/// `staff_id` works for. Rows of no store show to everyone, and a member without stores
/// (every admin, and staff not scoped) works for every store.
pub(crate) fn push_store_scope<DB>(qb: &mut QueryBuilder<DB>, location_column: &'static str, staff_id: UserId)
where
    DB: Database,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
{
    qb.push(" AND (")
        .push(location_column)
        .push(" IS NULL OR NOT EXISTS (SELECT 1 FROM staff_locations sl WHERE sl.user_id = ")
        .push_bind(staff_id.get())
        .push(") OR EXISTS (SELECT 1 FROM staff_locations sl WHERE sl.user_id = ")
        .push_bind(staff_id.get())
        .push(" AND sl.location_id = ")
        .push(location_column)
        .push("))");
}

/// The dealer's staff and admins, by name.
pub async fn list(db: &Db, dealer_id: DealerId) -> Result<Vec<StaffMember>, sqlx::Error> {
    let sql = format!("{STAFF_COLUMNS} ORDER BY display_name, email, id");
    let rows: Vec<StaffRow> = db_run!(db, pool => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(dealer_id).fetch_all(pool).await?
    });
    let mut locations = locations_by_user(db, dealer_id, None).await?;
    rows.into_iter()
        .map(|row| {
            let mine = locations.remove(&row.id).unwrap_or_default();
            row.into_member(mine)
        })
        .collect()
}

/// One member of the dealer's staff; `None` for anyone else (another dealer's, a customer).
pub async fn one(db: &Db, dealer_id: DealerId, user_id: UserId) -> Result<Option<StaffMember>, sqlx::Error> {
    let sql = format!("{STAFF_COLUMNS} AND id = $2");
    let row: Option<StaffRow> = db_run!(db, pool => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(dealer_id).bind(user_id).fetch_optional(pool).await?
    });
    let Some(row) = row else { return Ok(None) };
    let mut locations = locations_by_user(db, dealer_id, Some(user_id)).await?;
    row.into_member(locations.remove(&user_id).unwrap_or_default()).map(Some)
}

/// The ids among `location_ids` that are not the dealer's locations.
pub async fn foreign_locations(
    db: &Db,
    dealer_id: DealerId,
    location_ids: &[Uuid],
) -> Result<Vec<Uuid>, sqlx::Error> {
    let own: Vec<Uuid> = db_run!(db, pool => {
        sqlx::query_scalar("SELECT id FROM locations WHERE dealer_id = $1").bind(dealer_id).fetch_all(pool).await?
    });
    Ok(location_ids.iter().filter(|id| !own.contains(id)).copied().collect())
}

/// Replaces the user's stores on `$conn`: delete then insert each. Expands to a block
/// evaluating to `Result<(), sqlx::Error>`.
macro_rules! set_locations {
    ($tx:expr, $dealer_id:expr, $user_id:expr, $locations:expr, $now:expr) => {
        async {
            sqlx::query("DELETE FROM staff_locations WHERE user_id = $1")
                .bind($user_id)
                .execute(&mut *$tx)
                .await?;
            for location_id in $locations {
                sqlx::query(
                    "INSERT INTO staff_locations (user_id, location_id, dealer_id, created_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind($user_id)
                .bind(location_id)
                .bind($dealer_id)
                .bind($now)
                .execute(&mut *$tx)
                .await?;
            }
            Ok::<(), sqlx::Error>(())
        }
    };
}

/// Takes the dealer's row lock for the rest of the transaction (PostgreSQL; SQLite's
/// `BEGIN IMMEDIATE` already serialises writers).
macro_rules! lock_dealer {
    ($tx:expr, $dealer_id:expr) => {
        sqlx::query("UPDATE dealers SET updated_at = updated_at WHERE id = $1")
            .bind($dealer_id)
            .execute(&mut *$tx)
    };
}

/// Inserts a one-time setup link (a password-reset token) for `$user_id` on `$tx`.
macro_rules! insert_setup_token {
    ($tx:expr, $user_id:expr, $token_hash:expr, $expires_at:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO password_reset_tokens (id, user_id, token_hash, created_at, expires_at, used_at, ip) \
             VALUES ($1, $2, $3, $4, $5, NULL, NULL)",
        )
        .bind(Uuid::now_v7())
        .bind($user_id)
        .bind($token_hash)
        .bind($now)
        .bind($expires_at)
        .execute(&mut *$tx)
    };
}

/// A one-time link to choose a password, and the letter that carries it.
pub struct SetupLink<'a> {
    pub token_hash: &'a str,
    pub expires_at: DateTime<Utc>,
    pub email: &'a NewEmail,
}

/// A new member of staff to invite, with their setup link.
pub struct StaffInvitation<'a> {
    pub user: &'a NewUser,
    pub location_ids: &'a [Uuid],
    pub link: SetupLink<'a>,
}

/// Creates the invited login (no password yet) with its stores and a one-time setup link,
/// queues the letter and records `audit`, in one transaction. `false`, with nothing
/// written, when the email already names a login.
pub async fn invite(
    db: &Db,
    invitation: &StaffInvitation<'_>,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let user = invitation.user;
    let result: Result<(), sqlx::Error> = async {
        db_run!(db, pool => {
            let mut tx = pool.begin_write().await?;
            insert_user!(&mut *tx, user, now).await?;
            sqlx::query("UPDATE users SET invited_at = $2 WHERE id = $1")
                .bind(user.id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            set_locations!(tx, user.dealer_id, user.id, invitation.location_ids.iter().copied(), now).await?;
            let link = &invitation.link;
            insert_setup_token!(tx, user.id, link.token_hash, link.expires_at, now).await?;
            enqueue_email!(&mut *tx, link.email, now).await?;
            record_audit!(&mut *tx, audit, now).await?;
            tx.commit().await
        })
    }
    .await;
    match result {
        Ok(()) => Ok(true),
        Err(err) if is_unique_violation(&err) => Ok(false),
        Err(err) => Err(err),
    }
}

/// Sends a pending invitation again: earlier setup links stop working, a new one is
/// queued, `invited_at` moves on and `audit` is recorded, in one transaction. `false`, with
/// nothing written, unless the user is the dealer's active staff who has not accepted yet.
pub async fn resend_invitation(
    db: &Db,
    dealer_id: DealerId,
    user_id: UserId,
    link: &SetupLink<'_>,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let pending = sqlx::query(
            "UPDATE users SET invited_at = $3, updated_at = $3 WHERE id = $1 AND dealer_id = $2 \
             AND role IN ('dealer_staff', 'dealer_admin') AND is_active = TRUE AND activated_at IS NULL",
        )
        .bind(user_id)
        .bind(dealer_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if pending.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query("UPDATE password_reset_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL")
            .bind(user_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        insert_setup_token!(tx, user_id, link.token_hash, link.expires_at, now).await?;
        enqueue_email!(&mut *tx, link.email, now).await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// What a change to a member of staff came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffChange {
    Done,
    /// Not the dealer's staff (or no such user): nothing written.
    NotFound,
    /// The change would leave the dealer without an active admin: nothing written.
    LastAdmin,
}

#[derive(sqlx::FromRow)]
struct Standing {
    role: String,
    is_active: bool,
}

/// The target's role and activity, and whether another active admin of the dealer exists:
/// read inside the caller's transaction, after the dealer's lock.
macro_rules! standing {
    ($tx:expr, $dealer_id:expr, $user_id:expr) => {
        async {
            let standing: Option<Standing> = sqlx::query_as(
                "SELECT role, is_active FROM users WHERE id = $1 AND dealer_id = $2 \
                 AND role IN ('dealer_staff', 'dealer_admin')",
            )
            .bind($user_id)
            .bind($dealer_id)
            .fetch_optional(&mut *$tx)
            .await?;
            let other_admins: i64 = sqlx::query_scalar(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM users WHERE dealer_id = $1 AND id <> $2 \
                 AND role = 'dealer_admin' AND is_active = TRUE",
            )
            .bind($dealer_id)
            .bind($user_id)
            .fetch_one(&mut *$tx)
            .await?;
            Ok::<_, sqlx::Error>(standing.map(|s| (s, other_admins > 0)))
        }
    };
}

/// Changes a member's role and/or stores, with `audit`, in one transaction. A new role
/// other than admin for the dealer's last active admin is [`StaffChange::LastAdmin`].
/// Making someone an admin clears their stores (admins see every store).
pub async fn update(
    db: &Db,
    dealer_id: DealerId,
    user_id: UserId,
    role: Option<StaffRole>,
    location_ids: Option<&[Uuid]>,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<StaffChange, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        lock_dealer!(tx, dealer_id).await?;
        let Some((standing, other_admins)) = standing!(tx, dealer_id, user_id).await? else {
            return Ok(StaffChange::NotFound);
        };
        let was_admin = standing.role == UserRole::DealerAdmin.as_str();
        if was_admin && standing.is_active && role == Some(StaffRole::DealerStaff) && !other_admins {
            return Ok(StaffChange::LastAdmin);
        }
        if let Some(role) = role {
            sqlx::query("UPDATE users SET role = $2, updated_at = $3 WHERE id = $1")
                .bind(user_id)
                .bind(role.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        let is_admin = role.map_or(was_admin, |r| r == StaffRole::DealerAdmin);
        if is_admin {
            set_locations!(tx, dealer_id, user_id, std::iter::empty::<Uuid>(), now).await?;
        } else if let Some(location_ids) = location_ids {
            set_locations!(tx, dealer_id, user_id, location_ids.iter().copied(), now).await?;
        }
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(StaffChange::Done)
    })
}

/// Deactivates (`active == false`) or reactivates a member, with `audit`, in one
/// transaction. Deactivating ends every session and every pending setup link at once, and
/// is [`StaffChange::LastAdmin`] for the dealer's last active admin. Nothing is deleted.
/// Setting the state the member is already in is harmless ([`StaffChange::Done`], audited).
pub async fn set_active(
    db: &Db,
    dealer_id: DealerId,
    user_id: UserId,
    active: bool,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<StaffChange, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        lock_dealer!(tx, dealer_id).await?;
        let Some((standing, other_admins)) = standing!(tx, dealer_id, user_id).await? else {
            return Ok(StaffChange::NotFound);
        };
        let is_admin = standing.role == UserRole::DealerAdmin.as_str();
        if !active && is_admin && standing.is_active && !other_admins {
            return Ok(StaffChange::LastAdmin);
        }
        sqlx::query("UPDATE users SET is_active = $2, updated_at = $3 WHERE id = $1")
            .bind(user_id)
            .bind(active)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        if !active {
            revoke_user_sessions!(&mut *tx, user_id, now).await?;
            sqlx::query("UPDATE password_reset_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL")
                .bind(user_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(StaffChange::Done)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deactivation_outranks_a_lock_which_outranks_an_invitation() {
        assert_eq!(status_of(false, true, false), StaffStatus::Deactivated);
        assert_eq!(status_of(true, true, false), StaffStatus::Locked);
        assert_eq!(status_of(true, false, false), StaffStatus::Invited);
        assert_eq!(status_of(true, false, true), StaffStatus::Active);
    }
}
