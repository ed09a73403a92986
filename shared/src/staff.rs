//! The dealer's staff as a dealer admin manages them (H10): who works in the back office,
//! with which role, for which stores, and whether their login is invited, active or
//! deactivated.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::auth::UserRole;
use crate::contracts::LocationRef;

/// The role a dealer admin may give a member of their staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// Manages the dealer: customers, staff, settings, the audit log, and the inbox.
    DealerAdmin,
    /// Works the inbox (requests, feedback), for the stores they are scoped to.
    DealerStaff,
}

impl StaffRole {
    pub const ALL: [StaffRole; 2] = [StaffRole::DealerAdmin, StaffRole::DealerStaff];

    pub fn as_str(self) -> &'static str {
        self.user_role().as_str()
    }

    pub fn user_role(self) -> UserRole {
        match self {
            StaffRole::DealerAdmin => UserRole::DealerAdmin,
            StaffRole::DealerStaff => UserRole::DealerStaff,
        }
    }

    pub fn from_user_role(role: UserRole) -> Option<Self> {
        match role {
            UserRole::DealerAdmin => Some(StaffRole::DealerAdmin),
            UserRole::DealerStaff => Some(StaffRole::DealerStaff),
            UserRole::Customer | UserRole::PlatformAdmin => None,
        }
    }

    /// The role in words, for people.
    pub fn label(self) -> &'static str {
        match self {
            StaffRole::DealerAdmin => "Admin",
            StaffRole::DealerStaff => "Staff",
        }
    }
}

/// Where a staff login stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffStatus {
    /// Invited; has not chosen a password yet.
    Invited,
    /// Can sign in.
    Active,
    /// Locked out by failed logins; an admin can unlock.
    Locked,
    /// Deactivated by an admin: cannot sign in; nothing was deleted.
    Deactivated,
}

impl StaffStatus {
    pub fn label(self) -> &'static str {
        match self {
            StaffStatus::Invited => "Invited",
            StaffStatus::Active => "Active",
            StaffStatus::Locked => "Locked",
            StaffStatus::Deactivated => "Deactivated",
        }
    }
}

/// One member of the dealer's staff (`GET /api/v1/admin/staff`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMember {
    pub id: Uuid,
    pub display_name: String,
    pub email: String,
    pub role: StaffRole,
    /// The stores whose inbox a `dealer_staff` member works; empty means every store.
    /// Always empty for admins, who see every store.
    pub locations: Vec<LocationRef>,
    pub status: StaffStatus,
    pub last_login_at: Option<DateTime<Utc>>,
    /// When the latest invitation was sent (none for logins made otherwise).
    pub invited_at: Option<DateTime<Utc>>,
    /// When the login first had a password of its own.
    pub activated_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// `POST /api/v1/admin/staff`: invite someone to the dealer's staff by email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteStaffRequest {
    pub email: String,
    pub display_name: String,
    pub role: StaffRole,
    /// Stores a `dealer_staff` member works for (empty or omitted: every store). Not
    /// allowed for admins.
    #[serde(default)]
    pub location_ids: Vec<Uuid>,
}

/// `PATCH /api/v1/admin/staff/{user_id}`: omitted fields keep their value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateStaffRequest {
    pub role: Option<StaffRole>,
    /// The member's stores; `[]` means every store. Promoting to admin clears them.
    pub location_ids: Option<Vec<Uuid>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_roles_are_the_user_roles_of_the_back_office() {
        for role in StaffRole::ALL {
            assert_eq!(StaffRole::from_user_role(role.user_role()), Some(role));
            assert_eq!(UserRole::parse(role.as_str()), Some(role.user_role()));
        }
        assert_eq!(StaffRole::from_user_role(UserRole::Customer), None);
        assert_eq!(StaffRole::from_user_role(UserRole::PlatformAdmin), None);
    }

    #[test]
    fn roles_travel_in_snake_case() {
        let body = serde_json::json!({ "email": "a@b.example", "display_name": "A", "role": "dealer_staff" });
        let request: InviteStaffRequest = serde_json::from_value(body).expect("invite");
        assert_eq!(request.role, StaffRole::DealerStaff);
        assert!(request.location_ids.is_empty());
    }
}
