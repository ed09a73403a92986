//! Views of the portal as a customer (A14): one row per view, opened by a dealer's staff
//! member, ended by exiting, by running out of time, or when that staff member may no
//! longer view. Each end is audited in the transaction that records it, once.

use chrono::{DateTime, Utc};

use super::audit::{AuditEvent, record_audit};
use super::{BeginWrite, Db, db_run};
use crate::ids::{CustomerId, DealerId, UserId, ViewId};

/// Why a view ended; stored as `view_sessions.end_reason` and named in the audit action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndReason {
    /// The staff member exited the view.
    Exited,
    /// Its time ran out.
    Expired,
    /// The staff member lost the right to view (deactivated, moved to another dealer or
    /// role) while it was open.
    Revoked,
}

impl EndReason {
    pub fn as_str(self) -> &'static str {
        match self {
            EndReason::Exited => "exited",
            EndReason::Expired => "expired",
            EndReason::Revoked => "revoked",
        }
    }

    /// The audit action recording an end for this reason.
    pub fn audit_action(self) -> &'static str {
        match self {
            EndReason::Exited => "view_as.exited",
            EndReason::Expired => "view_as.expired",
            EndReason::Revoked => "view_as.revoked",
        }
    }
}

/// Whom a staff member of `dealer_id` may view: names for the banner.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ViewTarget {
    pub customer_name: String,
    pub user_name: String,
}

/// The customer user `user_id` of `customer_id`, if the customer is `dealer_id`'s and the
/// user holds a membership there; `None` otherwise (answered as 404, so another dealer's
/// customers and users look like no one's).
pub async fn target(
    db: &Db,
    dealer_id: DealerId,
    customer_id: CustomerId,
    user_id: UserId,
) -> Result<Option<ViewTarget>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(
            "SELECT c.name AS customer_name, u.display_name AS user_name \
             FROM memberships m JOIN customers c ON c.id = m.customer_id JOIN users u ON u.id = m.user_id \
             WHERE m.customer_id = $1 AND m.user_id = $2 AND c.dealer_id = $3 AND u.role = 'customer'",
        )
        .bind(customer_id)
        .bind(user_id)
        .bind(dealer_id)
        .fetch_optional(pool)
        .await
    })
}

/// A view to open.
#[derive(Debug, Clone, Copy)]
pub struct NewView {
    pub id: ViewId,
    pub dealer_id: DealerId,
    pub actor_user_id: UserId,
    pub customer_id: CustomerId,
    pub user_id: UserId,
    pub expires_at: DateTime<Utc>,
}

/// Opens `view`, audited by `audit` in the same transaction.
pub async fn start(
    db: &Db,
    view: &NewView,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query(
            "INSERT INTO view_sessions (id, dealer_id, actor_user_id, customer_id, user_id, started_at, \
             expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(view.id)
        .bind(view.dealer_id)
        .bind(view.actor_user_id)
        .bind(view.customer_id)
        .bind(view.user_id)
        .bind(now)
        .bind(view.expires_at)
        .execute(&mut *tx)
        .await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await
    })
}

/// A view as every request with its token sees it: whether it is open, and whether the
/// staff member who opened it may still view this dealer's customers.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ViewStanding {
    pub id: ViewId,
    pub dealer_id: DealerId,
    pub actor_user_id: UserId,
    pub customer_id: CustomerId,
    pub user_id: UserId,
    pub expires_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub actor_is_active: bool,
    pub actor_role: String,
    pub actor_dealer_id: Option<DealerId>,
}

impl ViewStanding {
    /// The staff member still works for the view's dealer, as staff or admin, and is active.
    pub fn actor_may_view(&self) -> bool {
        self.actor_is_active
            && self.actor_dealer_id == Some(self.dealer_id)
            && matches!(self.actor_role.as_str(), "dealer_staff" | "dealer_admin")
    }
}

const STANDING_SELECT: &str = "SELECT v.id, v.dealer_id, v.actor_user_id, v.customer_id, v.user_id, \
     v.expires_at, v.ended_at, a.is_active AS actor_is_active, a.role AS actor_role, \
     a.dealer_id AS actor_dealer_id FROM view_sessions v JOIN users a ON a.id = v.actor_user_id";

/// The view `id`, one lookup by primary key; `None` for an unknown id.
pub async fn standing(db: &Db, id: ViewId) -> Result<Option<ViewStanding>, sqlx::Error> {
    let sql = format!("{STANDING_SELECT} WHERE v.id = $1");
    db_run!(db, pool => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await
    })
}

/// Views still open whose time ran out by `now`, oldest first, at most `limit`.
pub async fn overdue(db: &Db, now: DateTime<Utc>, limit: i64) -> Result<Vec<ViewStanding>, sqlx::Error> {
    let sql = format!(
        "{STANDING_SELECT} WHERE v.ended_at IS NULL AND v.expires_at <= $1 ORDER BY v.expires_at, v.id LIMIT $2"
    );
    db_run!(db, pool => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(now).bind(limit).fetch_all(pool).await
    })
}

/// Ends the view `id` at `at` for `reason`, and records `audit` (at `at` too) in the same
/// transaction — only if the view was still open, so each view's end is audited once
/// however many requests or sweeps notice it together. `true` when this call ended it.
pub async fn end(
    db: &Db,
    id: ViewId,
    reason: EndReason,
    audit: &AuditEvent<'_>,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let ended = sqlx::query(
            "UPDATE view_sessions SET ended_at = $2, end_reason = $3 WHERE id = $1 AND ended_at IS NULL",
        )
        .bind(id)
        .bind(at)
        .bind(reason.as_str())
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if ended {
            record_audit!(&mut *tx, audit, at).await?;
        }
        tx.commit().await?;
        Ok(ended)
    })
}
