//! Customer accounts a portal user can act for, with the user's role and permissions there.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::branding::Branding;

/// One customer account (at one dealer) that the signed-in user holds a membership in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountSummary {
    /// The customer id; the `{account_id}` of `/api/v1/accounts/{account_id}/...`.
    pub id: Uuid,
    /// The customer's id in the dealer's back office.
    pub external_id: String,
    pub account_number: String,
    pub name: String,
    pub role: MembershipRole,
    pub permissions: Permissions,
    /// The dealer this account belongs to, dressed for display.
    pub dealer: Branding,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MembershipRole {
    /// Manages the account's other users.
    Owner,
    Member,
}

impl MembershipRole {
    pub fn as_str(self) -> &'static str {
        match self {
            MembershipRole::Owner => "owner",
            MembershipRole::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "owner" => Some(MembershipRole::Owner),
            "member" => Some(MembershipRole::Member),
            _ => None,
        }
    }
}

/// What a membership allows on its account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Permissions {
    pub view: bool,
    pub pay: bool,
    pub call_off: bool,
    pub order: bool,
}

impl Permissions {
    pub const ALL: Permissions = Permissions { view: true, pay: true, call_off: true, order: true };
    pub const VIEW_ONLY: Permissions = Permissions { view: true, pay: false, call_off: false, order: false };

    /// Whether these permissions include `permission`.
    pub fn allows(self, permission: Permission) -> bool {
        match permission {
            Permission::View => self.view,
            Permission::Pay => self.pay,
            Permission::CallOff => self.call_off,
            Permission::Order => self.order,
        }
    }
}

/// One thing a membership may allow on its account (see [`Permissions`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    View,
    Pay,
    CallOff,
    Order,
}

/// A dealer's branch, for filters and display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Location {
    pub id: Uuid,
    /// The location's id in the dealer's back office.
    pub external_id: String,
    pub code: String,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// A job (site) of the customer account, as the back office keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Job {
    pub id: Uuid,
    /// The job's id in the dealer's back office.
    pub external_id: String,
    /// The customer's job number, as printed on contracts and invoices.
    pub number: Option<String>,
    pub name: String,
    pub address: Option<String>,
    /// `false`: kept on record, finished or on hold.
    pub active: bool,
}
