//! Access tokens (HS256 JWT, short-lived, issuer and audience checked) and opaque refresh
//! tokens (random, stored only as a SHA-256 hash).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use shared::auth::UserRole;
use uuid::Uuid;

use crate::config::AuthSettings;
use crate::error::ApiError;
use crate::ids::{ApiClientId, DealerId, UserId, ViewId};

/// What an access token says about its bearer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccessClaims {
    /// User id. The typed ids serialise as bare UUIDs, so the token format is unchanged.
    pub sub: UserId,
    pub role: UserRole,
    /// The dealer a staff user works for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dealer_id: Option<DealerId>,
    /// Refresh-token family this access token was issued under.
    pub sid: Uuid,
    /// "Password change required": the bearer signed in with a temporary password. Such a
    /// token opens only the endpoints that take [`super::PasswordChangeUser`].
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pcr: bool,
    /// Set on a view-as-customer token (A14): the view it belongs to. Such a token names the
    /// customer user as `sub` and the view's dealer as `dealer_id`; it is honoured only while
    /// the view is open (checked per request by `auth::view_as`) and only for reading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<ViewId>,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
}

/// What an API client's access token says (I2). Its audience is the people's audience
/// with `/integrations` appended, so neither kind of token passes for the other.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClientClaims {
    pub sub: ApiClientId,
    pub dealer_id: DealerId,
    /// Granted scopes, space-separated as OAuth 2.0 writes them.
    pub scope: String,
    /// The client's secret generation when the token was issued: a rotation ends the
    /// tokens of the old secret.
    pub generation: i64,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
}

/// Whom a valid bearer token names, a person or an API client (see [`TokenKeys::caller`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    User(UserId),
    Client(ApiClientId),
}

/// The two claims [`TokenKeys::caller`] needs from either kind of token.
#[derive(Deserialize)]
struct Subject {
    sub: Uuid,
    aud: String,
}

#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    client_validation: Validation,
    /// Either audience: a person's or an API client's token.
    any_validation: Validation,
    /// A person's token, expired or not: a view token past its time still names its view,
    /// so the answer can say the view ended rather than that a token expired.
    view_validation: Validation,
    issuer: String,
    audience: String,
    pub access_ttl_secs: u64,
    pub client_token_ttl_secs: u64,
    /// Key of [`TokenKeys::refresh_successor`], derived from the token secret.
    successor_key: [u8; 32],
}

type HmacSha256 = Hmac<Sha256>;

/// HMAC-SHA-256 of `message` under `key`.
fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    // HMAC takes a key of any length; `new_from_slice` cannot fail for it.
    let mut mac = HmacSha256::new_from_slice(key).unwrap_or_else(|_| unreachable!("HMAC takes any key"));
    mac.update(message);
    mac.finalize().into_bytes().into()
}

impl TokenKeys {
    pub fn new(settings: &AuthSettings) -> anyhow::Result<Self> {
        let secret = match &settings.jwt_secret {
            Some(secret) if secret.expose_secret().len() >= 32 => secret.clone(),
            Some(_) => anyhow::bail!("auth.jwt_secret must be at least 32 bytes"),
            None => {
                tracing::warn!(
                    "APP_AUTH__JWT_SECRET is not set: using a random key, sessions end on restart"
                );
                SecretString::from(format!("{:x}{:x}", rand::random::<u128>(), rand::random::<u128>()))
            }
        };
        let bytes = secret.expose_secret().as_bytes();
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[&settings.issuer]);
        validation.set_audience(&[&settings.audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        let mut client_validation = validation.clone();
        client_validation.set_audience(&[client_audience(&settings.audience)]);
        let mut any_validation = validation.clone();
        any_validation.set_audience(&[settings.audience.clone(), client_audience(&settings.audience)]);
        let mut view_validation = validation.clone();
        view_validation.validate_exp = false;
        Ok(Self {
            encoding: EncodingKey::from_secret(bytes),
            decoding: DecodingKey::from_secret(bytes),
            validation,
            client_validation,
            any_validation,
            view_validation,
            issuer: settings.issuer.clone(),
            audience: settings.audience.clone(),
            access_ttl_secs: settings.access_token_ttl_secs,
            client_token_ttl_secs: settings.client_token_ttl_secs,
            // Domain-separated from the JWT signatures made with the same secret.
            successor_key: hmac_sha256(bytes, b"rental-portal/refresh-successor/v1"),
        })
    }

    /// The refresh token that replaces `token` when it is rotated: HMAC-SHA-256 of it under
    /// a server key, URL-safe. Deterministic, so a second caller presenting `token` within
    /// the grace window can be handed the same successor without the successor ever being
    /// stored (only its SHA-256 is, as for every refresh token); unpredictable without the
    /// key, and, like any refresh token, 256 bits.
    pub fn refresh_successor(&self, token: &str) -> String {
        URL_SAFE_NO_PAD.encode(hmac_sha256(&self.successor_key, token.as_bytes()))
    }

    /// Signs an access token for the user, valid for the configured lifetime from `now`.
    pub fn issue(
        &self,
        user_id: UserId,
        role: UserRole,
        dealer_id: Option<DealerId>,
        session_family: Uuid,
        now: i64,
    ) -> Result<String, ApiError> {
        self.sign(user_id, role, dealer_id, session_family, false, now)
    }

    /// [`TokenKeys::issue`] for a user who must change their password: the token carries
    /// the `pcr` claim and opens only what [`super::PasswordChangeUser`] guards.
    pub fn issue_password_change_only(
        &self,
        user_id: UserId,
        role: UserRole,
        dealer_id: Option<DealerId>,
        session_family: Uuid,
        now: i64,
    ) -> Result<String, ApiError> {
        self.sign(user_id, role, dealer_id, session_family, true, now)
    }

    fn sign(
        &self,
        user_id: UserId,
        role: UserRole,
        dealer_id: Option<DealerId>,
        session_family: Uuid,
        password_change_required: bool,
        now: i64,
    ) -> Result<String, ApiError> {
        let claims = AccessClaims {
            sub: user_id,
            role,
            dealer_id,
            sid: session_family,
            pcr: password_change_required,
            view: None,
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            iat: now,
            exp: now + i64::try_from(self.access_ttl_secs).unwrap_or(900),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| ApiError::Internal(e.into()))
    }

    /// Signs a view-as-customer token (A14): `customer_user` as its subject, `dealer_id` the
    /// view's dealer, valid until `expires_at` (the view's end, a Unix time) — which may be
    /// longer than an ordinary access token, since every request checks the view itself.
    pub fn issue_view(
        &self,
        customer_user: UserId,
        dealer_id: DealerId,
        view: ViewId,
        now: i64,
        expires_at: i64,
    ) -> Result<String, ApiError> {
        let claims = AccessClaims {
            sub: customer_user,
            role: UserRole::Customer,
            dealer_id: Some(dealer_id),
            sid: view.get(),
            pcr: false,
            view: Some(view),
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            iat: now,
            exp: expires_at,
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| ApiError::Internal(e.into()))
    }

    /// The view a bearer token belongs to, if it is a genuine view token (signature, issuer
    /// and audience checked; expiry deliberately not, see `view_validation`). `None` for any
    /// other token, valid or not: those are for the extractors to judge.
    pub fn view_of(&self, token: &str) -> Option<ViewId> {
        jsonwebtoken::decode::<AccessClaims>(token, &self.decoding, &self.view_validation).ok()?.claims.view
    }

    /// Signs an API client's access token carrying `scope`, valid for the configured
    /// client-token lifetime from `now`.
    pub fn issue_client(
        &self,
        client: ApiClientId,
        dealer_id: DealerId,
        scope: String,
        generation: i64,
        now: i64,
    ) -> Result<String, ApiError> {
        let claims = ClientClaims {
            sub: client,
            dealer_id,
            scope,
            generation,
            iss: self.issuer.clone(),
            aud: client_audience(&self.audience),
            iat: now,
            exp: now + i64::try_from(self.client_token_ttl_secs).unwrap_or(900),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| ApiError::Internal(e.into()))
    }

    /// Verifies an API client's token as [`TokenKeys::verify`] does a person's.
    pub fn verify_client(&self, token: &str) -> Result<ClientClaims, ApiError> {
        jsonwebtoken::decode::<ClientClaims>(token, &self.decoding, &self.client_validation)
            .map(|data| data.claims)
            .map_err(|e| match e.kind() {
                ErrorKind::ExpiredSignature => ApiError::TokenExpired,
                _ => ApiError::TokenInvalid,
            })
    }

    /// Whom `token` names, for the API-wide rate limits: checked as [`TokenKeys::verify`]
    /// and [`TokenKeys::verify_client`] check (one signature check, either audience), and
    /// `None` for anything those would refuse. It says nothing about what the bearer may
    /// do: a revoked client or a deactivated user still gets its own budget here and its
    /// 401/403 from the extractors.
    pub fn caller(&self, token: &str) -> Option<Caller> {
        let subject =
            jsonwebtoken::decode::<Subject>(token, &self.decoding, &self.any_validation).ok()?.claims;
        Some(if subject.aud == self.audience {
            Caller::User(UserId::new(subject.sub))
        } else {
            Caller::Client(ApiClientId::new(subject.sub))
        })
    }

    /// Verifies signature, algorithm, expiry, issuer and audience.
    pub fn verify(&self, token: &str) -> Result<AccessClaims, ApiError> {
        jsonwebtoken::decode::<AccessClaims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|e| match e.kind() {
                ErrorKind::ExpiredSignature => ApiError::TokenExpired,
                _ => ApiError::TokenInvalid,
            })
    }
}

fn client_audience(audience: &str) -> String {
    format!("{audience}/integrations")
}

/// A new refresh token: 256 random bits, URL-safe.
pub fn new_refresh_token() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

/// What we store instead of the refresh token.
pub fn hash_refresh_token(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(secret: &str, audience: &str) -> TokenKeys {
        let mut settings = crate::config::Settings::default_settings().unwrap().auth;
        settings.jwt_secret = Some(SecretString::from(secret.to_string()));
        settings.audience = audience.to_string();
        TokenKeys::new(&settings).unwrap()
    }

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn round_trips_and_rejects_foreign_tokens() {
        let keys = keys(SECRET, "web");
        let now = chrono::Utc::now().timestamp();
        let user = UserId::new(Uuid::now_v7());
        let token = keys.issue(user, UserRole::Customer, None, Uuid::now_v7(), now).unwrap();
        let claims = keys.verify(&token).unwrap();
        assert_eq!(claims.sub, user);
        assert!(!claims.pcr);

        let other_key = super::tests::keys("ffffffffffffffffffffffffffffffff", "web");
        assert!(matches!(other_key.verify(&token), Err(ApiError::TokenInvalid)));
        let other_audience = super::tests::keys(SECRET, "integrations");
        assert!(matches!(other_audience.verify(&token), Err(ApiError::TokenInvalid)));
    }

    #[test]
    fn caller_names_a_person_or_a_client_from_one_check() {
        let keys = keys(SECRET, "web");
        let now = chrono::Utc::now().timestamp();
        let user = UserId::new(Uuid::now_v7());
        let person = keys.issue(user, UserRole::Customer, None, Uuid::now_v7(), now).unwrap();
        assert_eq!(keys.caller(&person), Some(Caller::User(user)));
        let client = ApiClientId::new(Uuid::now_v7());
        let dealer = DealerId::new(Uuid::now_v7());
        let integration = keys.issue_client(client, dealer, "customers:write".into(), 1, now).unwrap();
        assert_eq!(keys.caller(&integration), Some(Caller::Client(client)));
        assert_eq!(super::tests::keys("ffffffffffffffffffffffffffffffff", "web").caller(&person), None);
        assert_eq!(super::tests::keys(SECRET, "other").caller(&integration), None);
        let expired = keys.issue(user, UserRole::Customer, None, Uuid::now_v7(), now - 3600).unwrap();
        assert_eq!(keys.caller(&expired), None);
        assert_eq!(keys.caller("not.a.token"), None);
    }

    #[test]
    fn expired_tokens_say_so() {
        let keys = keys(SECRET, "web");
        let long_ago = chrono::Utc::now().timestamp() - 3600;
        let token = keys
            .issue(UserId::new(Uuid::now_v7()), UserRole::Customer, None, Uuid::now_v7(), long_ago)
            .unwrap();
        assert!(matches!(keys.verify(&token), Err(ApiError::TokenExpired)));
    }

    #[test]
    fn the_password_change_claim_round_trips_and_defaults_to_off() {
        let keys = keys(SECRET, "web");
        let now = chrono::Utc::now().timestamp();
        let token = keys
            .issue_password_change_only(
                UserId::new(Uuid::now_v7()),
                UserRole::Customer,
                None,
                Uuid::now_v7(),
                now,
            )
            .unwrap();
        assert!(keys.verify(&token).unwrap().pcr);
        // Tokens issued before the claim existed carry none: they are unrestricted.
        let old: AccessClaims = serde_json::from_value(serde_json::json!({
            "sub": Uuid::now_v7(), "role": "customer", "sid": Uuid::now_v7(),
            "iss": "rental-portal", "aud": "web", "iat": 0, "exp": 1,
        }))
        .unwrap();
        assert!(!old.pcr);
    }

    #[test]
    fn view_tokens_name_their_view_even_when_expired() {
        let keys = keys(SECRET, "web");
        let now = chrono::Utc::now().timestamp();
        let user = UserId::new(Uuid::now_v7());
        let dealer = DealerId::new(Uuid::now_v7());
        let view = ViewId::new(Uuid::now_v7());
        let token = keys.issue_view(user, dealer, view, now, now + 1800).unwrap();
        let claims = keys.verify(&token).unwrap();
        assert_eq!(
            (claims.sub, claims.role, claims.dealer_id, claims.view),
            (user, UserRole::Customer, Some(dealer), Some(view))
        );
        assert_eq!(keys.view_of(&token), Some(view));
        let ended = keys.issue_view(user, dealer, view, now - 7200, now - 3600).unwrap();
        assert!(matches!(keys.verify(&ended), Err(ApiError::TokenExpired)));
        assert_eq!(keys.view_of(&ended), Some(view), "an expired view token still names its view");
        // Ordinary tokens, and view tokens signed by someone else, name no view.
        let person = keys.issue(user, UserRole::Customer, None, Uuid::now_v7(), now).unwrap();
        assert_eq!(keys.view_of(&person), None);
        let forged = super::tests::keys("ffffffffffffffffffffffffffffffff", "web")
            .issue_view(user, dealer, view, now, now + 1800)
            .unwrap();
        assert_eq!(keys.view_of(&forged), None);
    }

    #[test]
    fn unsigned_tokens_are_refused() {
        let keys = keys(SECRET, "web");
        // {"alg":"none"} with valid-looking claims.
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
        let claims = URL_SAFE_NO_PAD.encode(
            format!(
                r#"{{"sub":"{}","role":"customer","sid":"{}","iss":"rental-portal","aud":"web","iat":0,"exp":{}}}"#,
                Uuid::now_v7(),
                Uuid::now_v7(),
                chrono::Utc::now().timestamp() + 600
            )
            .as_bytes(),
        );
        assert!(matches!(keys.verify(&format!("{header}.{claims}.")), Err(ApiError::TokenInvalid)));
    }

    #[test]
    fn refresh_successors_are_keyed_and_deterministic() {
        let keys = keys(SECRET, "web");
        let token = new_refresh_token();
        let successor = keys.refresh_successor(&token);
        assert_eq!(successor, keys.refresh_successor(&token), "the same token, the same successor");
        assert_eq!(successor.len(), 43, "256 bits, URL-safe");
        assert_ne!(successor, keys.refresh_successor(&new_refresh_token()));
        assert_ne!(successor, token);
        let other_key = super::tests::keys("ffffffffffffffffffffffffffffffff", "web");
        assert_ne!(successor, other_key.refresh_successor(&token), "nobody can derive it without the key");
    }

    #[test]
    fn refresh_tokens_are_random_and_hashed() {
        let a = new_refresh_token();
        assert_ne!(a, new_refresh_token());
        assert_eq!(hash_refresh_token(&a).len(), 64);
        assert_ne!(hash_refresh_token(&a), a);
    }
}
