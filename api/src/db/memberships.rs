//! The users of one customer account (A12): listing them, changing what they may do, and
//! removing them, with the rule that an account always keeps an owner.

use chrono::{DateTime, Utc};
use shared::accounts::{MembershipRole, Permissions};
use shared::invitations::AccountUser;
use uuid::Uuid;

use super::audit::{AuditEvent, record_audit};
use super::decode::enum_text;
use super::{BeginWrite, Db, db_run};
use crate::ids::{CustomerId, UserId};

#[derive(sqlx::FromRow)]
struct AccountUserRow {
    user_id: Uuid,
    display_name: String,
    email: String,
    role: String,
    can_view: bool,
    can_pay: bool,
    can_call_off: bool,
    can_order: bool,
    last_login_at: Option<DateTime<Utc>>,
}

impl AccountUserRow {
    fn into_user(self) -> Result<AccountUser, sqlx::Error> {
        Ok(AccountUser {
            user_id: self.user_id,
            display_name: self.display_name,
            email: self.email,
            role: enum_text(&self.role, "memberships.role")?,
            permissions: Permissions {
                view: self.can_view,
                pay: self.can_pay,
                call_off: self.can_call_off,
                order: self.can_order,
            },
            last_login_at: self.last_login_at,
        })
    }
}

macro_rules! account_user_select {
    () => {
        "SELECT u.id AS user_id, u.display_name, u.email, m.role, m.can_view, m.can_pay, \
         m.can_call_off, m.can_order, u.last_login_at \
         FROM memberships m JOIN users u ON u.id = m.user_id "
    };
}

/// The account's users, owners first, then by name.
pub async fn users_of(db: &Db, customer_id: CustomerId) -> Result<Vec<AccountUser>, sqlx::Error> {
    let rows: Vec<AccountUserRow> = db_run!(db, pool => {
        sqlx::query_as(concat!(
            account_user_select!(),
            "WHERE m.customer_id = $1 ORDER BY CASE WHEN m.role = 'owner' THEN 0 ELSE 1 END, \
             u.display_name, u.id"
        ))
        .bind(customer_id)
        .fetch_all(pool)
        .await?
    });
    rows.into_iter().map(AccountUserRow::into_user).collect()
}

/// One user of the account, or `None` when they hold no membership there.
pub async fn user_of(
    db: &Db,
    customer_id: CustomerId,
    user_id: UserId,
) -> Result<Option<AccountUser>, sqlx::Error> {
    let row: Option<AccountUserRow> = db_run!(db, pool => {
        sqlx::query_as(concat!(account_user_select!(), "WHERE m.customer_id = $1 AND m.user_id = $2"))
            .bind(customer_id)
            .bind(user_id)
            .fetch_optional(pool)
            .await?
    });
    row.map(AccountUserRow::into_user).transpose()
}

/// Whether a login with this email already holds a membership in the account.
pub async fn email_is_member(db: &Db, customer_id: CustomerId, email: &str) -> Result<bool, sqlx::Error> {
    let count: i64 = db_run!(db, pool => {
        sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.customer_id = $1 AND u.email = $2",
        )
        .bind(customer_id)
        .bind(email)
        .fetch_one(pool)
        .await?
    });
    Ok(count > 0)
}

/// How many owners the account has.
pub async fn owner_count(db: &Db, customer_id: CustomerId) -> Result<i64, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM memberships WHERE customer_id = $1 AND role = 'owner'",
        )
        .bind(customer_id)
        .fetch_one(pool)
        .await
    })
}

/// What became of a change to a membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MembershipChange {
    Done,
    /// The user holds no membership in the account.
    NotFound,
    /// The change would leave the account without an owner; nothing was written.
    LastOwner,
}

/// Takes the account's row lock on `$tx` before a change that could remove an owner. On
/// PostgreSQL two owners demoting each other at once would otherwise each count the other
/// as still there (READ COMMITTED) and both commit, leaving no owner; with the lock the
/// second waits and then counts what the first committed. SQLite write transactions are
/// already serialised (BEGIN IMMEDIATE).
macro_rules! lock_account {
    ($tx:expr, $customer_id:expr) => {
        sqlx::query("UPDATE customers SET updated_at = updated_at WHERE id = $1")
            .bind($customer_id)
            .execute($tx)
    };
}

/// Counts the owners left on `$tx` after a change, inside the same transaction.
macro_rules! owners_left {
    ($tx:expr, $customer_id:expr) => {
        sqlx::query_scalar::<_, i64>(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM memberships WHERE customer_id = $1 AND role = 'owner'",
        )
        .bind($customer_id)
        .fetch_one($tx)
    };
}

/// Sets a member's role and permissions and audits it, in one transaction; refused when
/// the account would have no owner left.
pub async fn update(
    db: &Db,
    customer_id: CustomerId,
    user_id: UserId,
    role: MembershipRole,
    permissions: Permissions,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<MembershipChange, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        lock_account!(&mut *tx, customer_id).await?;
        let updated = sqlx::query(
            "UPDATE memberships SET role = $3, can_view = $4, can_pay = $5, can_call_off = $6, \
             can_order = $7 WHERE customer_id = $1 AND user_id = $2",
        )
        .bind(customer_id)
        .bind(user_id)
        .bind(role.as_str())
        .bind(permissions.view)
        .bind(permissions.pay)
        .bind(permissions.call_off)
        .bind(permissions.order)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() != 1 {
            return Ok(MembershipChange::NotFound);
        }
        if owners_left!(&mut *tx, customer_id).await? < 1 {
            return Ok(MembershipChange::LastOwner);
        }
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(MembershipChange::Done)
    })
}

/// Removes a membership (the login stays) with its `portal_user.deactivated` change-feed
/// event and audits it, in one transaction; refused when the account would have no owner
/// left.
pub async fn remove(
    db: &Db,
    customer_id: CustomerId,
    user_id: UserId,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<MembershipChange, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        lock_account!(&mut *tx, customer_id).await?;
        let change = MemberChange {
            removed: true,
            ..MemberChange::new(shared::events::PortalUserVia::RemovedByOwner)
        };
        let members = Members::One { customer_id, user_id };
        record_member_events!(tx, members, shared::events::Event::PortalUserDeactivated, &change, now).await?;
        let removed = sqlx::query("DELETE FROM memberships WHERE customer_id = $1 AND user_id = $2")
            .bind(customer_id)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        if removed.rows_affected() != 1 {
            return Ok(MembershipChange::NotFound);
        }
        if owners_left!(&mut *tx, customer_id).await? < 1 {
            return Ok(MembershipChange::LastOwner);
        }
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(MembershipChange::Done)
    })
}

/// Which memberships a portal-user change-feed event is about.
#[derive(Debug, Clone, Copy)]
pub enum Members {
    /// One user at one customer.
    One { customer_id: CustomerId, user_id: UserId },
    /// Every customer the user belongs to (contact details: one event per customer).
    OfUser(UserId),
    /// The customer's users whose own access is open (a whole customer closed or reopened).
    OfCustomer(CustomerId),
}

/// What a portal-user event says beyond the membership as stored.
#[derive(Debug, Clone)]
pub struct MemberChange {
    pub via: shared::events::PortalUserVia,
    pub invitation_id: Option<Uuid>,
    /// Contact fields changed (`customer.contact_changed`).
    pub changed: Vec<String>,
    /// The membership is being deleted: no role, permissions or access any more.
    pub removed: bool,
}

impl MemberChange {
    pub fn new(via: shared::events::PortalUserVia) -> Self {
        MemberChange { via, invitation_id: None, changed: Vec::new(), removed: false }
    }
}

pub(crate) const MEMBER_EVENT_SELECT: &str = "SELECT c.id AS customer_id, c.dealer_id, \
     c.external_id AS customer_external_id, c.account_number, c.name AS customer_name, \
     c.portal_deactivated_at, u.id AS user_id, u.email, u.display_name, u.phone_normalized, u.is_active, \
     m.role, m.can_view, m.can_pay, m.can_call_off, m.can_order, m.deactivated_at \
     FROM memberships m JOIN customers c ON c.id = m.customer_id JOIN users u ON u.id = m.user_id WHERE ";

#[derive(sqlx::FromRow)]
pub(crate) struct MemberEventRow {
    customer_id: CustomerId,
    dealer_id: crate::ids::DealerId,
    customer_external_id: String,
    account_number: String,
    customer_name: String,
    portal_deactivated_at: Option<DateTime<Utc>>,
    user_id: Uuid,
    email: String,
    display_name: String,
    phone_normalized: Option<String>,
    is_active: bool,
    role: String,
    can_view: bool,
    can_pay: bool,
    can_call_off: bool,
    can_order: bool,
    deactivated_at: Option<DateTime<Utc>>,
}

impl MemberEventRow {
    pub(crate) fn into_event(
        self,
        kind: fn(shared::events::PortalUserEventV1) -> shared::events::Event,
        change: &MemberChange,
    ) -> Result<super::events::NewEvent, sqlx::Error> {
        let kept = !change.removed;
        let role: MembershipRole = enum_text(&self.role, "memberships.role")?;
        let data = shared::events::PortalUserEventV1 {
            customer: shared::events::EventCustomer {
                id: self.customer_id.get(),
                external_id: self.customer_external_id,
                account_number: self.account_number,
                name: self.customer_name,
            },
            user_id: Some(self.user_id),
            email: self.email,
            display_name: Some(self.display_name),
            phone: self.phone_normalized,
            role: kept.then_some(role),
            permissions: kept.then_some(Permissions {
                view: self.can_view,
                pay: self.can_pay,
                call_off: self.can_call_off,
                order: self.can_order,
            }),
            active: kept
                && self.is_active
                && self.deactivated_at.is_none()
                && self.portal_deactivated_at.is_none(),
            invitation_id: change.invitation_id,
            via: change.via,
            changed: change.changed.clone(),
        };
        Ok(super::events::NewEvent::new(self.dealer_id, Some(self.customer_id), kind(data)))
    }
}

/// Records, on transaction `$tx`, one change-feed event per membership of `$members`
/// ([`Members`]) as the transaction sees it; `$kind` is the `Event` variant, `$change` a
/// [`MemberChange`]. Answers how many it recorded.
macro_rules! record_member_events {
    ($tx:ident, $members:expr, $kind:expr, $change:expr, $at:expr) => {
        async {
            let mut qb = sqlx::QueryBuilder::new($crate::db::memberships::MEMBER_EVENT_SELECT);
            match $members {
                $crate::db::memberships::Members::One { customer_id, user_id } => qb
                    .push("m.customer_id = ")
                    .push_bind(customer_id)
                    .push(" AND m.user_id = ")
                    .push_bind(user_id),
                $crate::db::memberships::Members::OfUser(user_id) => {
                    qb.push("m.user_id = ").push_bind(user_id)
                }
                $crate::db::memberships::Members::OfCustomer(customer_id) => qb
                    .push("m.customer_id = ")
                    .push_bind(customer_id)
                    .push(" AND m.deactivated_at IS NULL AND u.is_active = TRUE"),
            };
            qb.push(" ORDER BY c.id, u.id");
            let rows: Vec<$crate::db::memberships::MemberEventRow> =
                qb.build_query_as().fetch_all(&mut *$tx).await?;
            let change: &$crate::db::memberships::MemberChange = $change;
            let count = rows.len();
            for row in rows {
                let event = row.into_event($kind, change)?;
                $crate::db::events::record_event!(&mut *$tx, &event, $at).await?;
            }
            Ok::<usize, sqlx::Error>(count)
        }
    };
}
pub(crate) use record_member_events;
