//! Invitations (A4, A12): single-use, expiring tokens (stored hashed) that give an email
//! address a membership in one customer account, and their acceptance.

use chrono::{DateTime, Utc};
use shared::accounts::{MembershipRole, Permissions};
use shared::events::{Event, EventCustomer, PortalUserEventV1, PortalUserVia};
use shared::invitations::{InvitationStatus, InvitationSummary};
use sqlx::{ColumnIndex, Decode, FromRow, Row, Type};
use uuid::Uuid;

use super::audit::{AuditEvent, record_audit};
use super::decode::enum_text;
use super::events::{NewEvent, record_event};
use super::memberships::{MemberChange, Members, record_member_events};
use super::outbox::{NewEmail, enqueue_email};
use super::users::{NewUser, insert_user};
use super::{BeginWrite, Db, db_run};
use crate::ids::{CustomerId, DealerId, UserId};

/// Who asked the person in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitedVia {
    /// A dealer or platform admin (A4).
    Admin,
    /// The account's owner (A12).
    Owner,
}

impl InvitedVia {
    fn as_str(self) -> &'static str {
        match self {
            InvitedVia::Admin => "admin",
            InvitedVia::Owner => "owner",
        }
    }
}

/// An invitation to write, with the hash of its token (the token itself is only emailed).
#[derive(Debug, Clone)]
pub struct NewInvitation {
    pub id: Uuid,
    pub dealer_id: DealerId,
    pub customer_id: CustomerId,
    /// Lower-cased.
    pub email: String,
    pub invitee_name: Option<String>,
    pub role: MembershipRole,
    pub permissions: Permissions,
    pub invited_via: InvitedVia,
    pub invited_by: UserId,
    pub token_hash: String,
    pub expires_at: DateTime<Utc>,
}

/// Writes an invitation in one transaction: earlier live invitations of the same email to
/// the same customer expire (a resend supersedes them), the new one is stored, its email
/// queued and the invitation audited.
pub async fn create(
    db: &Db,
    invitation: &NewInvitation,
    email: &NewEmail,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let i = invitation;
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query(
            "UPDATE invitations SET expires_at = $3 WHERE customer_id = $1 AND email = $2 \
             AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $3",
        )
        .bind(i.customer_id)
        .bind(&i.email)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO invitations (id, dealer_id, customer_id, email, invitee_name, role, \
             can_view, can_pay, can_call_off, can_order, invited_via, invited_by, token_hash, \
             created_at, expires_at, accepted_at, accepted_by, revoked_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, NULL, NULL, NULL)",
        )
        .bind(i.id)
        .bind(i.dealer_id)
        .bind(i.customer_id)
        .bind(&i.email)
        .bind(i.invitee_name.as_deref())
        .bind(i.role.as_str())
        .bind(i.permissions.view)
        .bind(i.permissions.pay)
        .bind(i.permissions.call_off)
        .bind(i.permissions.order)
        .bind(i.invited_via.as_str())
        .bind(i.invited_by)
        .bind(&i.token_hash)
        .bind(now)
        .bind(i.expires_at)
        .execute(&mut *tx)
        .await?;
        let row: InvitedRow = sqlx::query_as(INVITED_SELECT).bind(i.id).fetch_one(&mut *tx).await?;
        record_event!(&mut *tx, &row.into_event()?, now).await?;
        enqueue_email!(&mut *tx, email, now).await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await
    })
}

/// Invitation `$1` as the change feed reports it (with the login of that address, if any).
const INVITED_SELECT: &str = "SELECT i.id, i.email, i.invitee_name, i.role, i.can_view, i.can_pay, \
     i.can_call_off, i.can_order, i.invited_via, c.id AS customer_id, c.dealer_id, \
     c.external_id AS customer_external_id, c.account_number, c.name AS customer_name, \
     u.id AS user_id, u.display_name, u.phone_normalized \
     FROM invitations i JOIN customers c ON c.id = i.customer_id LEFT JOIN users u ON u.email = i.email \
     WHERE i.id = $1";

#[derive(sqlx::FromRow)]
struct InvitedRow {
    id: Uuid,
    email: String,
    invitee_name: Option<String>,
    role: String,
    can_view: bool,
    can_pay: bool,
    can_call_off: bool,
    can_order: bool,
    invited_via: String,
    customer_id: CustomerId,
    dealer_id: DealerId,
    customer_external_id: String,
    account_number: String,
    customer_name: String,
    user_id: Option<Uuid>,
    display_name: Option<String>,
    phone_normalized: Option<String>,
}

impl InvitedRow {
    fn into_event(self) -> Result<NewEvent, sqlx::Error> {
        let via = match self.invited_via.as_str() {
            "owner" => PortalUserVia::OwnerInvitation,
            _ => PortalUserVia::AdminInvitation,
        };
        let data = PortalUserEventV1 {
            customer: EventCustomer {
                id: self.customer_id.get(),
                external_id: self.customer_external_id,
                account_number: self.account_number,
                name: self.customer_name,
            },
            user_id: self.user_id,
            email: self.email,
            display_name: self.display_name.or(self.invitee_name),
            phone: self.phone_normalized,
            role: Some(enum_text(&self.role, "invitations.role")?),
            permissions: Some(Permissions {
                view: self.can_view,
                pay: self.can_pay,
                call_off: self.can_call_off,
                order: self.can_order,
            }),
            active: false,
            invitation_id: Some(self.id),
            via,
            changed: Vec::new(),
        };
        Ok(NewEvent::new(self.dealer_id, Some(self.customer_id), Event::PortalUserInvited(data)))
    }
}

/// An invitation as stored, with the customer it is for.
#[derive(Debug, Clone)]
pub struct InvitationRow {
    pub id: Uuid,
    pub dealer_id: DealerId,
    pub customer_id: CustomerId,
    pub customer_name: String,
    pub email: String,
    pub invitee_name: Option<String>,
    pub role: MembershipRole,
    pub can_view: bool,
    pub can_pay: bool,
    pub can_call_off: bool,
    pub can_order: bool,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Read by hand rather than derived, so the role is decoded on the way in: a word that
/// names no role fails the query instead of reaching [`InvitationRow::role`].
impl<'r, R: Row> FromRow<'r, R> for InvitationRow
where
    &'r str: ColumnIndex<R>,
    Uuid: Decode<'r, R::Database> + Type<R::Database>,
    String: Decode<'r, R::Database> + Type<R::Database>,
    bool: Decode<'r, R::Database> + Type<R::Database>,
    DateTime<Utc>: Decode<'r, R::Database> + Type<R::Database>,
{
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        Ok(InvitationRow {
            id: row.try_get("id")?,
            dealer_id: DealerId::new(row.try_get("dealer_id")?),
            customer_id: CustomerId::new(row.try_get("customer_id")?),
            customer_name: row.try_get("customer_name")?,
            email: row.try_get("email")?,
            invitee_name: row.try_get("invitee_name")?,
            role: enum_text(&row.try_get::<String, _>("role")?, "invitations.role")?,
            can_view: row.try_get("can_view")?,
            can_pay: row.try_get("can_pay")?,
            can_call_off: row.try_get("can_call_off")?,
            can_order: row.try_get("can_order")?,
            created_at: row.try_get("created_at")?,
            expires_at: row.try_get("expires_at")?,
            accepted_at: row.try_get("accepted_at")?,
            revoked_at: row.try_get("revoked_at")?,
        })
    }
}

impl InvitationRow {
    pub fn role(&self) -> MembershipRole {
        self.role
    }

    pub fn permissions(&self) -> Permissions {
        Permissions {
            view: self.can_view,
            pay: self.can_pay,
            call_off: self.can_call_off,
            order: self.can_order,
        }
    }

    pub fn status(&self, now: DateTime<Utc>) -> InvitationStatus {
        if self.accepted_at.is_some() {
            InvitationStatus::Accepted
        } else if self.revoked_at.is_some() {
            InvitationStatus::Revoked
        } else if self.expires_at <= now {
            InvitationStatus::Expired
        } else {
            InvitationStatus::Pending
        }
    }

    pub fn summary(&self, now: DateTime<Utc>) -> InvitationSummary {
        InvitationSummary {
            id: self.id,
            customer_id: self.customer_id.get(),
            email: self.email.clone(),
            role: self.role(),
            permissions: self.permissions(),
            status: self.status(now),
            sent_at: self.created_at,
            expires_at: self.expires_at,
            accepted_at: self.accepted_at,
        }
    }
}

macro_rules! invitation_select {
    () => {
        "SELECT i.id, i.dealer_id, i.customer_id, c.name AS customer_name, i.email, i.invitee_name, \
         i.role, i.can_view, i.can_pay, i.can_call_off, i.can_order, i.created_at, i.expires_at, \
         i.accepted_at, i.revoked_at FROM invitations i JOIN customers c ON c.id = i.customer_id "
    };
}

/// Every invitation of a customer, newest first.
pub async fn for_customer(db: &Db, customer_id: CustomerId) -> Result<Vec<InvitationRow>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(concat!(invitation_select!(), "WHERE i.customer_id = $1 ORDER BY i.created_at DESC, i.id DESC"))
            .bind(customer_id)
            .fetch_all(pool)
            .await
    })
}

/// One invitation of a customer, whatever its state; `None` when the id belongs to
/// another customer (tenant isolation: callers answer 404 alike).
pub async fn of_customer(
    db: &Db,
    customer_id: CustomerId,
    invitation_id: Uuid,
) -> Result<Option<InvitationRow>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(concat!(invitation_select!(), "WHERE i.customer_id = $1 AND i.id = $2"))
            .bind(customer_id)
            .bind(invitation_id)
            .fetch_optional(pool)
            .await
    })
}

/// Revokes a pending invitation of a customer in one transaction with its audit record.
///
/// The update is guarded (only this customer's invitation, not accepted, not revoked, not
/// expired), so a link accepted or revoked meanwhile is not touched and nothing is audited;
/// `false` then. A revoked invitation is no longer live, so its link previews and accepts
/// like a used one.
pub async fn revoke(
    db: &Db,
    customer_id: CustomerId,
    invitation_id: Uuid,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let revoked = sqlx::query(
            "UPDATE invitations SET revoked_at = $3 WHERE id = $1 AND customer_id = $2 \
             AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $3",
        )
        .bind(invitation_id)
        .bind(customer_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if revoked.rows_affected() != 1 {
            return Ok(false);
        }
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// The invitation a token names, whatever its state; callers decide whether it is live.
pub async fn by_token_hash(db: &Db, token_hash: &str) -> Result<Option<InvitationRow>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(concat!(invitation_select!(), "WHERE i.token_hash = $1"))
            .bind(token_hash)
            .fetch_optional(pool)
            .await
    })
}

/// Spends the invitation on `$tx` (guarded: only a live one); evaluates to whether it did.
macro_rules! spend_invitation {
    ($tx:expr, $id:expr, $user_id:expr, $now:expr) => {
        sqlx::query(
            "UPDATE invitations SET accepted_at = $3, accepted_by = $2 WHERE id = $1 \
             AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $3",
        )
        .bind($id)
        .bind($user_id)
        .bind($now)
        .execute($tx)
        .await
        .map(|done| done.rows_affected() == 1)
    };
}

/// Adds the invitation's membership on `$tx`; an existing membership of the user in that
/// account stays as it is.
macro_rules! add_membership {
    ($tx:expr, $invitation:expr, $user_id:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO memberships (id, user_id, customer_id, role, can_view, can_pay, \
             can_call_off, can_order, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (user_id, customer_id) DO NOTHING",
        )
        .bind(Uuid::now_v7())
        .bind($user_id)
        .bind($invitation.customer_id)
        .bind($invitation.role().as_str())
        .bind($invitation.can_view)
        .bind($invitation.can_pay)
        .bind($invitation.can_call_off)
        .bind($invitation.can_order)
        .bind($now)
        .execute($tx)
    };
}

/// The `portal_user.activated` event of an accepted invitation, on `$tx`.
macro_rules! record_accepted {
    ($tx:ident, $invitation:expr, $user_id:expr, $at:expr) => {
        async {
            let change = MemberChange {
                invitation_id: Some($invitation.id),
                ..MemberChange::new(shared::events::PortalUserVia::InvitationAccepted)
            };
            let members = Members::One { customer_id: $invitation.customer_id, user_id: $user_id };
            record_member_events!($tx, members, shared::events::Event::PortalUserActivated, &change, $at)
                .await
        }
    };
}

/// Accepts for an existing login in one transaction: the token is spent, the membership
/// added and the acceptance audited. `false` when the token was spent or ran out meanwhile.
pub async fn accept_for_existing(
    db: &Db,
    invitation: &InvitationRow,
    user_id: UserId,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        if !spend_invitation!(&mut *tx, invitation.id, user_id, now)? {
            return Ok(false);
        }
        add_membership!(&mut *tx, invitation, user_id, now).await?;
        record_accepted!(tx, invitation, user_id, now).await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// Accepts by creating the login, in one transaction: the user, the spent token, the
/// membership and the audit. `false` when the token was spent or ran out meanwhile; a
/// unique violation when the email got a login meanwhile.
pub async fn accept_as_new_user(
    db: &Db,
    invitation: &InvitationRow,
    user: &NewUser,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        insert_user!(&mut *tx, user, now).await?;
        if !spend_invitation!(&mut *tx, invitation.id, user.id, now)? {
            return Ok(false);
        }
        add_membership!(&mut *tx, invitation, user.id, now).await?;
        record_accepted!(tx, invitation, user.id, now).await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    })
}
