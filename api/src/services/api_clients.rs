//! API clients (I2): a dealer admin creates, lists, rotates and revokes the back office's
//! credentials, and the token endpoint trades them for short-lived scoped tokens
//! (OAuth 2.0 client-credentials grant, RFC 6749 section 4.4).
//!
//! Secrets are 256 random bits, shown once and stored as a SHA-256 hash; a client id is
//! public. Revoking a client ends its tokens at once (the [`Integrator`] extractor reads
//! the client on every request); rotating ends the tokens of the old secret the same way.
//!
//! [`Integrator`]: crate::auth::Integrator

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use sha2::{Digest, Sha256};
use shared::error::FieldError;
use shared::integrations::{
    ApiClient, ApiClientSecret, CLIENT_NAME_MAX, NewApiClient, Scope, TokenResponse, parse_scopes,
    scope_string,
};
use uuid::Uuid;

use crate::auth::{ClientInfo, DealerAdmin};
use crate::db::api_clients::{self as db, ApiClientRow};
use crate::db::audit::AuditEvent;
use crate::error::ApiError;
use crate::ids::{ApiClientId, DealerId};
use crate::state::AppState;

/// The most live clients one dealer may hold: enough for every system it runs, few enough
/// that a runaway script cannot fill the table.
pub const MAX_CLIENTS_PER_DEALER: usize = 50;

/// The dealer an admin manages clients for: a platform admin has none (403).
fn dealer_of(admin: &DealerAdmin) -> Result<DealerId, ApiError> {
    admin.dealer_id().ok_or(ApiError::Forbidden)
}

fn client_event<'a>(
    admin: &DealerAdmin,
    client: &'a ClientInfo,
    action: &'a str,
    row: ApiClientId,
) -> AuditEvent<'a> {
    AuditEvent {
        dealer_id: admin.dealer_id(),
        details: Some(serde_json::json!({ "api_client_id": row })),
        ..client.audit(action, Some(admin.id()))
    }
}

fn hash_secret(secret: &str) -> String {
    Sha256::digest(secret.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A new secret: 256 random bits, URL-safe, with a prefix secret scanners can match.
fn new_secret() -> String {
    format!("rps_{}", URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>()))
}

fn new_client_id() -> String {
    format!("rpc_{}", URL_SAFE_NO_PAD.encode(rand::random::<[u8; 12]>()))
}

fn to_dto(row: ApiClientRow) -> Result<ApiClient, ApiError> {
    let scopes = row.decoded_scopes()?;
    Ok(ApiClient {
        id: row.id.get(),
        name: row.name,
        client_id: row.client_id,
        scopes,
        created_by: row.created_by_name,
        created_at: row.created_at,
        last_used_at: row.last_used_at,
        rotated_at: row.rotated_at,
        revoked_at: row.revoked_at,
    })
}

fn validate(new: &NewApiClient) -> Result<(String, Vec<Scope>), ApiError> {
    let mut errors = Vec::new();
    let name = new.name.trim().to_string();
    if name.is_empty() {
        errors.push(FieldError {
            field: "name".into(),
            message: "Name the client, e.g. \"Back office\".".into(),
        });
    } else if name.chars().count() > CLIENT_NAME_MAX || name.chars().any(char::is_control) {
        errors.push(FieldError {
            field: "name".into(),
            message: format!("Use at most {CLIENT_NAME_MAX} characters, without control characters."),
        });
    }
    let mut scopes = new.scopes.clone();
    scopes.sort();
    scopes.dedup();
    if scopes.is_empty() {
        errors.push(FieldError { field: "scopes".into(), message: "Choose at least one scope.".into() });
    }
    if errors.is_empty() { Ok((name, scopes)) } else { Err(ApiError::Validation(errors)) }
}

/// The admin's dealer's clients, newest first, revoked ones included.
pub(crate) async fn list(state: &AppState, admin: &DealerAdmin) -> Result<Vec<ApiClient>, ApiError> {
    let dealer_id = dealer_of(admin)?;
    db::list(&state.db, dealer_id).await?.into_iter().map(to_dto).collect()
}

/// Creates a client; its secret is in the answer and nowhere else. Audited as
/// `api_client.created`. 409 when the dealer already holds [`MAX_CLIENTS_PER_DEALER`] live ones.
pub(crate) async fn create(
    state: &AppState,
    admin: &DealerAdmin,
    client: &ClientInfo,
    new: &NewApiClient,
) -> Result<ApiClientSecret, ApiError> {
    let dealer_id = dealer_of(admin)?;
    let (name, scopes) = validate(new)?;
    let live = db::list(&state.db, dealer_id).await?.iter().filter(|c| c.revoked_at.is_none()).count();
    if live >= MAX_CLIENTS_PER_DEALER {
        return Err(ApiError::Conflict(format!(
            "This dealer already has {MAX_CLIENTS_PER_DEALER} API clients: revoke one first."
        )));
    }
    let id = ApiClientId::new(Uuid::now_v7());
    let secret = new_secret();
    let row = db::NewApiClient {
        id,
        dealer_id,
        name: &name,
        client_id: &new_client_id(),
        secret_hash: &hash_secret(&secret),
        scopes: &scopes,
        created_by: Some(admin.id()),
    };
    db::insert(&state.db, &row, &client_event(admin, client, "api_client.created", id), Utc::now()).await?;
    let created = db::of_dealer(&state.db, dealer_id, id).await?.ok_or(ApiError::NotFound)?;
    Ok(ApiClientSecret { client: to_dto(created)?, client_secret: secret })
}

/// Gives a live client a new secret, shown once; the old secret and every token issued
/// with it stop working at once. 404 for another dealer's, unknown or revoked client.
/// Audited as `api_client.rotated`.
pub(crate) async fn rotate(
    state: &AppState,
    admin: &DealerAdmin,
    client: &ClientInfo,
    id: Uuid,
) -> Result<ApiClientSecret, ApiError> {
    let dealer_id = dealer_of(admin)?;
    let id = ApiClientId::new(id);
    let secret = new_secret();
    let audit = client_event(admin, client, "api_client.rotated", id);
    if !db::rotate(&state.db, dealer_id, id, &hash_secret(&secret), &audit, Utc::now()).await? {
        return Err(ApiError::NotFound);
    }
    let rotated = db::of_dealer(&state.db, dealer_id, id).await?.ok_or(ApiError::NotFound)?;
    Ok(ApiClientSecret { client: to_dto(rotated)?, client_secret: secret })
}

/// Revokes a client: it gets no more tokens, and the ones it holds stop working at once.
/// Revoking a revoked client changes nothing; 404 for another dealer's or unknown one.
/// Audited as `api_client.revoked`.
pub(crate) async fn revoke(
    state: &AppState,
    admin: &DealerAdmin,
    client: &ClientInfo,
    id: Uuid,
) -> Result<ApiClient, ApiError> {
    let dealer_id = dealer_of(admin)?;
    let id = ApiClientId::new(id);
    let audit = client_event(admin, client, "api_client.revoked", id);
    db::revoke(&state.db, dealer_id, id, &audit, Utc::now()).await?;
    let row = db::of_dealer(&state.db, dealer_id, id).await?.ok_or(ApiError::NotFound)?;
    to_dto(row)
}

/// Why a token request failed, as RFC 6749 section 5.2 names it.
#[derive(Debug)]
pub enum TokenError {
    /// Missing or repeated parameter, or more than one way of client authentication.
    InvalidRequest(String),
    /// Unknown client, wrong secret, or a revoked client. One answer for all three.
    InvalidClient,
    UnsupportedGrantType,
    /// A scope the client does not hold, or no scope at all.
    InvalidScope(String),
    /// Something failed on our side.
    Server(ApiError),
}

impl From<sqlx::Error> for TokenError {
    fn from(err: sqlx::Error) -> Self {
        TokenError::Server(err.into())
    }
}

/// A token request, its parameters already read from the form and the `Authorization`
/// header.
pub struct TokenRequest<'a> {
    pub grant_type: &'a str,
    pub client_id: &'a str,
    pub client_secret: &'a str,
    /// The scopes asked for; `None`: every scope the client holds.
    pub scope: Option<&'a str>,
}

/// The client-credentials grant: a token for the client's dealer carrying the scopes asked
/// for (all the client's when none are). The secret is compared by hash, whose bytes an
/// attacker cannot steer, so the comparison leaks nothing useful by its timing.
pub(crate) async fn grant(state: &AppState, request: &TokenRequest<'_>) -> Result<TokenResponse, TokenError> {
    if request.grant_type != "client_credentials" {
        return Err(TokenError::UnsupportedGrantType);
    }
    let row = db::by_client_id(&state.db, request.client_id).await?;
    let Some(row) =
        row.filter(|r| r.revoked_at.is_none() && r.secret_hash == hash_secret(request.client_secret))
    else {
        return Err(TokenError::InvalidClient);
    };
    let held = row.decoded_scopes().map_err(TokenError::from)?;
    let granted = match request.scope {
        None => held,
        Some(asked) => {
            let asked = parse_scopes(asked)
                .map_err(|word| TokenError::InvalidScope(format!("Unknown scope `{word}`.")))?;
            if let Some(missing) = asked.iter().find(|s| !held.contains(s)) {
                return Err(TokenError::InvalidScope(format!(
                    "This client does not hold `{}`.",
                    missing.as_str()
                )));
            }
            asked
        }
    };
    if granted.is_empty() {
        return Err(TokenError::InvalidScope("Ask for at least one scope.".into()));
    }
    let scope = scope_string(&granted);
    let now = Utc::now();
    let token = state
        .tokens
        .issue_client(row.id, row.dealer_id, scope.clone(), row.secret_generation, now.timestamp())
        .map_err(TokenError::Server)?;
    db::touch(&state.db, row.id, now).await?;
    Ok(TokenResponse {
        access_token: token,
        token_type: "Bearer".into(),
        expires_in: state.tokens.client_token_ttl_secs,
        scope,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_long_random_and_hashed() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert!(a.starts_with("rps_") && a.len() >= 40);
        assert_eq!(hash_secret(&a).len(), 64);
        assert_ne!(hash_secret(&a), hash_secret(&b));
        assert!(new_client_id().starts_with("rpc_"));
    }

    #[test]
    fn a_client_needs_a_name_and_a_scope() {
        let bad = NewApiClient { name: "  ".into(), scopes: vec![] };
        let Err(ApiError::Validation(errors)) = validate(&bad) else { panic!("refused") };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "scopes"]);
        let good = NewApiClient {
            name: " Back office ".into(),
            scopes: vec![Scope::InvoicesWrite, Scope::CustomersWrite, Scope::InvoicesWrite],
        };
        let (name, scopes) = validate(&good).unwrap();
        assert_eq!(name, "Back office");
        assert_eq!(scopes, vec![Scope::CustomersWrite, Scope::InvoicesWrite]);
    }
}
