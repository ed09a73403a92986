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
    #[serde(deserialize_with = "rfc3339_utc")]
    pub expires_at: DateTime<Utc>,
}

/// Reads an RFC 3339 timestamp (what the server writes) with chrono's strict parser. The web
/// app reads this type in its first download, before any screen's code; chrono's default,
/// relaxed parser (which also takes RFC 2822 and a space for the `T`) would add several KB
/// to it.
fn rfc3339_utc<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    let text = String::deserialize(deserializer)?;
    DateTime::parse_from_rfc3339(&text).map(|at| at.with_timezone(&Utc)).map_err(serde::de::Error::custom)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn subject_at(expires_at: &str) -> serde_json::Result<ViewAsSubject> {
        serde_json::from_value(serde_json::json!({
            "view_id": Uuid::nil(),
            "customer_id": Uuid::nil(),
            "customer_name": "Acme",
            "user_id": Uuid::nil(),
            "user_name": "Robin",
            "expires_at": expires_at,
        }))
    }

    #[test]
    fn the_end_of_a_view_reads_back_as_the_server_writes_it() {
        let at = DateTime::parse_from_rfc3339("2026-12-07T04:50:12.345678Z").map(|t| t.with_timezone(&Utc));
        let subject = subject_at("2026-12-07T04:50:12.345678Z").map(|s| s.expires_at);
        assert_eq!(subject.ok(), at.ok());
        let written = serde_json::to_value(subject_at("2026-12-07T04:50:12Z").ok()).ok();
        let again = written.and_then(|v| serde_json::from_value::<ViewAsSubject>(v).ok());
        assert_eq!(again.map(|s| s.expires_at.to_rfc3339()), Some("2026-12-07T04:50:12+00:00".to_string()));
    }

    #[test]
    fn an_offset_is_turned_into_utc_and_other_formats_are_refused() {
        let subject = subject_at("2026-12-07T06:50:12+02:00").map(|s| s.expires_at.to_rfc3339());
        assert_eq!(subject.ok().as_deref(), Some("2026-12-07T04:50:12+00:00"));
        assert!(subject_at("Mon, 07 Dec 2026 04:50:12 +0000").is_err(), "RFC 2822");
        assert!(subject_at("tomorrow").is_err());
    }
}
