//! The back office's side of the API (I2): the scopes an API client may hold.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What an API client's token lets it do, one word each as OAuth 2.0 scopes are written
/// (`customers:write`). A token carries the scopes it was granted; each `/integrations/*`
/// route names the one it needs, and answers 403 `insufficient_scope` without it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Scope {
    /// Upsert and delete locations (branches).
    #[serde(rename = "locations:write")]
    LocationsWrite,
    /// Upsert and delete customers, their contacts and jobs.
    #[serde(rename = "customers:write")]
    CustomersWrite,
    /// Upsert and delete contracts (quotes, reservations, open and closed) and their lines.
    #[serde(rename = "contracts:write")]
    ContractsWrite,
    /// Upsert and void invoices and credit memos.
    #[serde(rename = "invoices:write")]
    InvoicesWrite,
    /// Upload contract and invoice PDFs.
    #[serde(rename = "documents:write")]
    DocumentsWrite,
    /// Report where items are (GPS positions).
    #[serde(rename = "positions:write")]
    PositionsWrite,
    /// Read portal payments waiting to be posted.
    #[serde(rename = "payments:read")]
    PaymentsRead,
    /// Mark portal payments posted and load payments received at the counter.
    #[serde(rename = "payments:write")]
    PaymentsWrite,
    /// Read customers' requests (call-offs, service, extensions).
    #[serde(rename = "requests:read")]
    RequestsRead,
    /// Read the change feed (`GET /integrations/events`).
    #[serde(rename = "events:read")]
    EventsRead,
}

impl Scope {
    /// Every scope, in the order they are listed to people.
    pub const ALL: [Scope; 10] = [
        Scope::LocationsWrite,
        Scope::CustomersWrite,
        Scope::ContractsWrite,
        Scope::InvoicesWrite,
        Scope::DocumentsWrite,
        Scope::PositionsWrite,
        Scope::PaymentsRead,
        Scope::PaymentsWrite,
        Scope::RequestsRead,
        Scope::EventsRead,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::LocationsWrite => "locations:write",
            Scope::CustomersWrite => "customers:write",
            Scope::ContractsWrite => "contracts:write",
            Scope::InvoicesWrite => "invoices:write",
            Scope::DocumentsWrite => "documents:write",
            Scope::PositionsWrite => "positions:write",
            Scope::PaymentsRead => "payments:read",
            Scope::PaymentsWrite => "payments:write",
            Scope::RequestsRead => "requests:read",
            Scope::EventsRead => "events:read",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|scope| scope.as_str() == text)
    }

    /// What the scope allows, in words for the admin screen.
    pub fn describe(self) -> &'static str {
        match self {
            Scope::LocationsWrite => "Load locations",
            Scope::CustomersWrite => "Load customers, contacts and jobs",
            Scope::ContractsWrite => "Load contracts and their lines",
            Scope::InvoicesWrite => "Load invoices and credit memos",
            Scope::DocumentsWrite => "Upload contract and invoice PDFs",
            Scope::PositionsWrite => "Report item positions",
            Scope::PaymentsRead => "Read portal payments",
            Scope::PaymentsWrite => "Post payments and load counter payments",
            Scope::RequestsRead => "Read customer requests",
            Scope::EventsRead => "Read the change feed",
        }
    }
}

/// A space-separated scope string (`"customers:write invoices:write"`) as a sorted set
/// without repeats; `Err` names the first word that is no scope.
pub fn parse_scopes(text: &str) -> Result<Vec<Scope>, String> {
    let mut scopes = Vec::new();
    for word in text.split_ascii_whitespace() {
        let scope = Scope::parse(word).ok_or_else(|| word.to_string())?;
        scopes.push(scope);
    }
    scopes.sort();
    scopes.dedup();
    Ok(scopes)
}

/// The scopes as one space-separated string, the way OAuth 2.0 writes them.
pub fn scope_string(scopes: &[Scope]) -> String {
    scopes.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")
}

/// The most characters an API client's name may have.
pub const CLIENT_NAME_MAX: usize = 100;

/// One of the dealer's API clients, as the admin view lists it. The secret is never here:
/// it is shown once, in [`ApiClientSecret`], when created or rotated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiClient {
    pub id: uuid::Uuid,
    pub name: String,
    /// The public half of the credentials, sent as `client_id`.
    pub client_id: String,
    pub scopes: Vec<Scope>,
    /// Who created it (display name), if that person still exists.
    pub created_by: Option<String>,
    pub created_at: DateTime<Utc>,
    /// When it last got a token or made a request (to the minute).
    pub last_used_at: Option<DateTime<Utc>>,
    pub rotated_at: Option<DateTime<Utc>>,
    /// Set once revoked: its tokens stop working at once and it can get no more.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A client to create: what it is for, and what it may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewApiClient {
    /// What it is, for people: "Back office nightly sync". 1 to 100 characters.
    pub name: String,
    /// At least one scope.
    pub scopes: Vec<Scope>,
}

/// A client with its secret, answered once when it is created or its secret rotated.
/// The secret is not stored, only its hash: it cannot be shown again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiClientSecret {
    pub client: ApiClient,
    pub client_secret: String,
}

/// A successful token answer (RFC 6749 section 5.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds the token is valid for.
    pub expires_in: u64,
    /// The scopes granted, space-separated.
    pub scope: String,
}

/// A token error (RFC 6749 section 5.2): `invalid_request`, `invalid_client`,
/// `unauthorized_client`, `unsupported_grant_type` or `invalid_scope`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OAuthError {
    pub error: String,
    pub error_description: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scope_reads_back_from_its_word() {
        for scope in Scope::ALL {
            assert_eq!(Scope::parse(scope.as_str()), Some(scope));
            let json = serde_json::to_string(&scope).unwrap();
            assert_eq!(json, format!("\"{}\"", scope.as_str()));
        }
    }

    #[test]
    fn scope_strings_parse_to_a_sorted_set() {
        let scopes = parse_scopes(" invoices:write  customers:write invoices:write ").unwrap();
        assert_eq!(scopes, vec![Scope::CustomersWrite, Scope::InvoicesWrite]);
        assert_eq!(scope_string(&scopes), "customers:write invoices:write");
        assert_eq!(parse_scopes("customers:write admin"), Err("admin".to_string()));
        assert_eq!(parse_scopes(""), Ok(vec![]));
    }
}
