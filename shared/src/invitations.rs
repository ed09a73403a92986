//! Invitations (A4) and the users of an account (A12): who may use a customer account, and
//! how a new person is asked in.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::accounts::{MembershipRole, Permissions};
use crate::branding::Branding;

/// `POST /api/v1/admin/customers/{customer_id}/invitations` and
/// `POST /api/v1/accounts/{account_id}/users`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteRequest {
    /// Who to invite. From an admin: one of the customer's contact emails or the customer's
    /// own email. From an account owner: any address.
    pub email: String,
    /// Defaults: `owner` when an admin invites for a customer without an owner yet,
    /// otherwise `member`.
    #[serde(default)]
    pub role: Option<MembershipRole>,
    /// Members default to view-only; owners always hold every permission. `view` must be on.
    #[serde(default)]
    pub permissions: Option<Permissions>,
}

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InvitationStatus {
    /// Sent, not used yet, still valid.
    Pending,
    /// The link was used: the person has a login with this account (their email is confirmed).
    Accepted,
    /// Ran out, or superseded by a newer invitation of the same email ("resend").
    Expired,
    /// Withdrawn by the account owner or an admin before it was used; the link is dead.
    Revoked,
}

/// One invitation as admins and owners see it (never with its token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationSummary {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub email: String,
    pub role: MembershipRole,
    pub permissions: Permissions,
    pub status: InvitationStatus,
    /// When this invitation was sent (the "last time invited" of the newest one).
    pub sent_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
}

/// `GET /api/v1/invitations/{token}`: what the invited person sees before accepting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationPreview {
    pub customer_name: String,
    pub dealer: Branding,
    pub email: String,
    /// The email already has a login: accepting adds the account to it (log in first).
    pub existing_login: bool,
}

/// `POST /api/v1/invitations/accept`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AcceptInvitationRequest {
    /// The token from the emailed link.
    pub token: String,
    /// Required when the email has no login yet; ignored otherwise.
    #[serde(default)]
    pub new_password: Option<String>,
    /// The new login's name; defaults to the contact's name on record, else the email.
    #[serde(default)]
    pub display_name: Option<String>,
}

/// One user of an account, as its owner sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountUser {
    pub user_id: Uuid,
    pub display_name: String,
    pub email: String,
    pub role: MembershipRole,
    pub permissions: Permissions,
    pub last_login_at: Option<DateTime<Utc>>,
}

/// `GET /api/v1/accounts/{account_id}/users`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountUsersResponse {
    pub users: Vec<AccountUser>,
    /// Invitations to this account not accepted yet and still valid.
    pub pending_invitations: Vec<InvitationSummary>,
}

/// `PATCH /api/v1/accounts/{account_id}/users/{user_id}`: what to change (omitted: kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateAccountUserRequest {
    #[serde(default)]
    pub role: Option<MembershipRole>,
    /// Ignored for owners, who hold every permission. `view` must be on.
    #[serde(default)]
    pub permissions: Option<Permissions>,
}
