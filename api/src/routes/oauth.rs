//! `POST /oauth/token`: the OAuth 2.0 client-credentials grant (RFC 6749 section 4.4) that
//! turns an API client's id and secret into a short-lived, dealer-scoped access token.
//!
//! Errors answer as RFC 6749 section 5.2 says (`{"error", "error_description"}`, 400, or
//! 401 with `WWW-Authenticate: Basic` for `invalid_client`), not as problem+json: OAuth
//! client libraries read that shape.

use actix_web::http::header::{self, HeaderMap};
use actix_web::{HttpRequest, HttpResponse, post, web};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use shared::integrations::{OAuthError, TokenResponse};

use crate::auth::Limit;
use crate::error::ApiError;
use crate::services::api_clients::{self, TokenError, TokenRequest};
use crate::state::AppState;

/// The token request's form, for the OpenAPI document.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct TokenForm {
    /// Always `client_credentials`.
    grant_type: String,
    /// Space-separated scopes to ask for; omitted: every scope the client holds.
    scope: Option<String>,
    /// The client's id, when not sent by HTTP Basic authentication.
    client_id: Option<String>,
    /// The client's secret, when not sent by HTTP Basic authentication.
    client_secret: Option<String>,
}

/// Get an access token for an API client (OAuth 2.0 client credentials).
///
/// Send the client's credentials either by HTTP Basic authentication (`client_id` and
/// `client_secret`, each form-encoded, as the user name and password) or as `client_id`
/// and `client_secret` in the form — not both. The token is valid for `expires_in`
/// seconds (15 minutes) and carries the scopes granted; ask for a new one when it runs out
/// (there is no refresh token). Errors follow RFC 6749 section 5.2: `invalid_request`,
/// `invalid_client` (401: unknown client, wrong secret or revoked — one answer for all),
/// `unsupported_grant_type`, `invalid_scope`.
#[utoipa::path(post, path = "/api/v1/oauth/token", operation_id = "oauth_token", tag = "integrations",
    request_body(content = TokenForm, content_type = "application/x-www-form-urlencoded"),
    security(("client_basic" = []), ()),
    responses(
        (status = 200, body = TokenResponse, description = "The access token"),
        (status = 400, body = OAuthError, description = "`invalid_request`, `unsupported_grant_type` or `invalid_scope`"),
        (status = 401, body = OAuthError, description = "`invalid_client`: unknown client, wrong secret, or revoked"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json", description = "Too many requests from this address; see `Retry-After`"),
    ))]
#[post("/oauth/token")]
pub async fn token(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Login, &req)?;
    let form = match read_request(req.headers(), &body) {
        Ok(form) => form,
        Err(err) => return Ok(error_response(err)),
    };
    let request = TokenRequest {
        grant_type: &form.grant_type,
        client_id: &form.client_id,
        client_secret: &form.client_secret,
        scope: form.scope.as_deref(),
    };
    Ok(match api_clients::grant(&state, &request).await {
        Ok(token) => no_store(HttpResponse::Ok()).json(token),
        Err(TokenError::Server(err)) => return Err(err),
        Err(err) => error_response(err),
    })
}

/// The parameters of a token request, from the form and the `Authorization` header.
#[derive(Debug, PartialEq, Eq)]
struct Credentials {
    grant_type: String,
    client_id: String,
    client_secret: String,
    scope: Option<String>,
}

fn read_request(headers: &HeaderMap, body: &[u8]) -> Result<Credentials, TokenError> {
    let invalid = |why: &str| TokenError::InvalidRequest(why.to_string());
    let form_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/x-www-form-urlencoded"));
    if !form_type {
        return Err(invalid("Send the request as application/x-www-form-urlencoded."));
    }
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_bytes(body).map_err(|_| invalid("The form could not be read."))?;
    let param = |name: &str| -> Result<Option<String>, TokenError> {
        let mut values = pairs.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone());
        let first = values.next();
        if values.next().is_some() {
            return Err(TokenError::InvalidRequest(format!("`{name}` is sent more than once.")));
        }
        Ok(first.filter(|v| !v.is_empty()))
    };
    let grant_type = param("grant_type")?.ok_or_else(|| invalid("`grant_type` is missing."))?;
    let scope = param("scope")?;
    let body_credentials = (param("client_id")?, param("client_secret")?);
    let basic = basic_credentials(headers)?;
    let (client_id, client_secret) = match (basic, body_credentials) {
        (Some(_), (Some(_), _) | (_, Some(_))) => {
            return Err(invalid("Authenticate the client one way only: HTTP Basic or the form."));
        }
        (Some(pair), _) => pair,
        (None, (Some(id), Some(secret))) => (id, secret),
        (None, _) => return Err(TokenError::InvalidClient),
    };
    // No client's id holds a NUL (and PostgreSQL could not even be asked about one).
    if client_id.contains('\0') {
        return Err(TokenError::InvalidClient);
    }
    Ok(Credentials { grant_type, client_id, client_secret, scope })
}

/// `Authorization: Basic` credentials, each half form-decoded as RFC 6749 section 2.3.1
/// asks; `None` without such a header.
fn basic_credentials(headers: &HeaderMap) -> Result<Option<(String, String)>, TokenError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else { return Ok(None) };
    let value = value.to_str().map_err(|_| TokenError::InvalidClient)?;
    let Some((scheme, encoded)) = value.split_once(' ') else { return Err(TokenError::InvalidClient) };
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(TokenError::InvalidRequest("Use HTTP Basic authentication for the client.".into()));
    }
    let decoded = STANDARD.decode(encoded.trim()).map_err(|_| TokenError::InvalidClient)?;
    let decoded = String::from_utf8(decoded).map_err(|_| TokenError::InvalidClient)?;
    let (id, secret) = decoded.split_once(':').ok_or(TokenError::InvalidClient)?;
    let form_decode = |part: &str| -> Result<String, TokenError> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(&format!("v={part}")).map_err(|_| TokenError::InvalidClient)?;
        Ok(pairs.into_iter().next().map(|(_, v)| v).unwrap_or_default())
    };
    Ok(Some((form_decode(id)?, form_decode(secret)?)))
}

/// RFC 6749 section 5.1: token answers must not be cached.
fn no_store(mut response: actix_web::HttpResponseBuilder) -> actix_web::HttpResponseBuilder {
    response.insert_header((header::CACHE_CONTROL, "no-store")).insert_header((header::PRAGMA, "no-cache"));
    response
}

fn error_response(err: TokenError) -> HttpResponse {
    let (code, description) = match err {
        TokenError::InvalidRequest(why) => ("invalid_request", why),
        TokenError::InvalidClient => ("invalid_client", "Client authentication failed.".to_string()),
        TokenError::UnsupportedGrantType => {
            ("unsupported_grant_type", "Only `client_credentials` is supported.".to_string())
        }
        TokenError::InvalidScope(why) => ("invalid_scope", why),
        TokenError::Server(err) => return actix_web::ResponseError::error_response(&err),
    };
    let body = OAuthError { error: code.into(), error_description: description };
    if code == "invalid_client" {
        no_store(HttpResponse::Unauthorized())
            .insert_header((header::WWW_AUTHENTICATE, "Basic realm=\"rental-portal\""))
            .json(body)
    } else {
        no_store(HttpResponse::BadRequest()).json(body)
    }
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::{HeaderName, HeaderValue};

    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(HeaderName::from_static(name), HeaderValue::from_str(value).unwrap());
        }
        map
    }

    const FORM: (&str, &str) = ("content-type", "application/x-www-form-urlencoded");

    #[test]
    fn credentials_come_from_the_form_or_basic_auth() {
        let form = read_request(
            &headers(&[FORM]),
            b"grant_type=client_credentials&client_id=rpc_a&client_secret=s%2B1&scope=a+b",
        )
        .unwrap();
        assert_eq!((form.client_id.as_str(), form.client_secret.as_str()), ("rpc_a", "s+1"));
        assert_eq!(form.scope.as_deref(), Some("a b"));

        // RFC 6749 2.3.1: each half is form-encoded before Basic encoding.
        let basic = format!("Basic {}", STANDARD.encode("rpc_a:s%2B1"));
        let form =
            read_request(&headers(&[FORM, ("authorization", &basic)]), b"grant_type=client_credentials")
                .unwrap();
        assert_eq!((form.client_id.as_str(), form.client_secret.as_str()), ("rpc_a", "s+1"));
    }

    #[test]
    fn malformed_requests_are_invalid_request() {
        let basic = format!("Basic {}", STANDARD.encode("rpc_a:s"));
        let cases: [(HeaderMap, &[u8]); 4] = [
            (headers(&[]), b"grant_type=client_credentials&client_id=a&client_secret=b"),
            (headers(&[FORM]), b"client_id=a&client_secret=b"),
            (headers(&[FORM]), b"grant_type=client_credentials&grant_type=x&client_id=a&client_secret=b"),
            (headers(&[FORM, ("authorization", &basic)]), b"grant_type=client_credentials&client_id=a"),
        ];
        for (headers, body) in cases {
            assert!(matches!(read_request(&headers, body), Err(TokenError::InvalidRequest(_))));
        }
        assert!(matches!(
            read_request(&headers(&[FORM]), b"grant_type=client_credentials"),
            Err(TokenError::InvalidClient)
        ));
    }
}
