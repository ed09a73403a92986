//! Login, session and the signed-in user.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::accounts::AccountSummary;

/// `POST /api/v1/auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    /// Email address, or primary phone number in any common format.
    pub login: String,
    pub password: String,
}

/// What a login or a refresh answers: a short-lived access token and who the user is.
/// The refresh token travels only in an HttpOnly cookie.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    pub user: UserProfile,
    /// Customer accounts the user may act for, across dealers.
    pub accounts: Vec<AccountSummary>,
}

/// `GET /api/v1/me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeResponse {
    pub user: UserProfile,
    pub accounts: Vec<AccountSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserProfile {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: UserRole,
    /// The dealer a staff or admin user works for; `None` for customer users.
    pub dealer_id: Option<Uuid>,
    /// The user signed in with a temporary password and must choose a new one
    /// (`POST /api/v1/me/password`) before anything else works.
    #[serde(default)]
    pub must_change_password: bool,
    /// The phone that also logs in, as national digits; `None` when there is none.
    #[serde(default)]
    pub phone: Option<String>,
    /// A platform admin's chosen dealer (H1), whose admin view they work in; `None` for
    /// everyone else and for a platform admin who has chosen none.
    #[serde(default)]
    pub acting_dealer: Option<crate::platform::ActingDealer>,
    /// The language the user chose for the portal (A13); `None`: none chosen yet, the
    /// browser's language decides.
    #[serde(default)]
    pub language: Option<crate::i18n::Language>,
}

/// What kind of login this is. Customer users act through their memberships.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UserRole {
    Customer,
    DealerStaff,
    DealerAdmin,
    PlatformAdmin,
}

impl UserRole {
    pub fn as_str(self) -> &'static str {
        match self {
            UserRole::Customer => "customer",
            UserRole::DealerStaff => "dealer_staff",
            UserRole::DealerAdmin => "dealer_admin",
            UserRole::PlatformAdmin => "platform_admin",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "customer" => Some(UserRole::Customer),
            "dealer_staff" => Some(UserRole::DealerStaff),
            "dealer_admin" => Some(UserRole::DealerAdmin),
            "platform_admin" => Some(UserRole::PlatformAdmin),
            _ => None,
        }
    }
}

/// `POST /api/v1/auth/password/forgot`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ForgotPasswordRequest {
    /// Email address or phone number of the login.
    pub login: String,
}

/// `POST /api/v1/auth/password/reset`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetPasswordRequest {
    /// The token from the emailed link.
    pub token: String,
    pub new_password: String,
}

/// `POST /api/v1/me/password`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePasswordRequest {
    /// Required, unless the user signed in with a temporary password and must change it.
    #[serde(default)]
    pub current_password: Option<String>,
    pub new_password: String,
}

/// An accepted request whose outcome is deliberately not revealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AcceptedResponse {
    pub message: String,
}

/// `PATCH /api/v1/me`: the signed-in user's contact details (A10). Absent fields stay as
/// they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateProfileRequest {
    /// The name the portal greets the user by (1–120 characters).
    #[serde(default)]
    pub display_name: Option<String>,
    /// The phone that also logs in, in any common format; an empty string removes it.
    /// Another login may not use the same phone.
    #[serde(default)]
    pub phone: Option<String>,
    /// The portal's language for this user, on every device (A13).
    #[serde(default)]
    pub language: Option<crate::i18n::Language>,
}

/// `POST /api/v1/me/email`: change the login's email (A10), confirmed at the new address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeEmailRequest {
    pub new_email: String,
    pub current_password: String,
}

/// `POST /api/v1/me/email/confirm`: the token from the link sent to the new address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmEmailChangeRequest {
    pub token: String,
}
