//! View as customer (A14): a dealer's staff member opens the portal exactly as one customer
//! user sees it, read-only, for a limited time.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::accounts::AccountSummary;
use crate::auth::UserProfile;

/// Whose portal a view shows, and until when. Everything the banner needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ViewAsSubject {
    /// The view session (what the audit log names).
    pub view_id: Uuid,
    pub customer_id: Uuid,
    /// The customer's name, as the dealer knows it.
    pub customer_name: String,
    /// The customer user whose portal is shown.
    pub user_id: Uuid,
    pub user_name: String,
    /// When the view ends by itself; after it every call answers 401 `view_ended`.
    pub expires_at: DateTime<Utc>,
}

/// `POST /api/v1/admin/customers/{customer_id}/users/{user_id}/view-as`: a read-only session
/// as the customer user. Shaped like a login's answer, so the web app uses it as one: the
/// access token opens the customer's screens (`GET /me`, the accounts) as that user sees
/// them; every write answers 403 `read_only_view`. There is no refresh token: the access
/// token lives as long as the view and is checked against the view on every request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ViewAsSession {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the view (and its token) ends.
    pub expires_in: u64,
    pub view: ViewAsSubject,
    /// The customer user, as `GET /me` shows them.
    pub user: UserProfile,
    /// The accounts the customer user may act for, as `GET /me` lists them.
    pub accounts: Vec<AccountSummary>,
}
