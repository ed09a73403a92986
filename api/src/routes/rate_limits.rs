//! The API-wide rate limits (I6): a middleware on the `/api/v1` scope that charges every
//! request to its caller's budget and says so in the `RateLimit-Policy` and `RateLimit`
//! fields of every answer, following draft-ietf-httpapi-ratelimit-headers-11 (structured
//! fields: `RateLimit-Policy: "user";q=600;w=60`, `RateLimit: "user";r=119;t=12`).
//! Beyond the budget it answers 429 with `Retry-After` and problem+json itself, before
//! routing, so the refused request costs no handler and no database.
//!
//! The caller is the bearer token's subject, checked once (one HMAC, no database): a person
//! (`sub` = user id) or an API client (`sub` = client id), each with its own budget from
//! whatever address; no token, or one that does not verify, falls back to the client's
//! address (`rate_limit::client_ip`). So one client exhausting its budget leaves every other
//! client, person and address untouched, and a flood of anonymous requests from an office's
//! address does not limit the people signed in behind it. Whether the token still opens
//! anything (a revoked client, a deactivated user) is the extractors' business.
//!
//! `/healthz`, `/readyz`, the OpenAPI document, Swagger UI and the web app's files are
//! outside the scope and not limited.

use std::time::Instant;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, ResponseError, web};

use crate::auth::rate_limit::{Charge, client_ip};
use crate::auth::{Caller, RateKey};
use crate::state::AppState;

/// `RateLimit-Policy`: the caller's quota policy.
pub const RATELIMIT_POLICY: HeaderName = HeaderName::from_static("ratelimit-policy");
/// `RateLimit`: what is left of it now.
pub const RATELIMIT: HeaderName = HeaderName::from_static("ratelimit");

/// Charges the request to its caller's budget; answers 429 when that is used up, and adds
/// the two fields to whatever the route answers.
pub async fn api_budget(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody + 'static>>, actix_web::Error> {
    let charge = req
        .app_data::<web::Data<AppState>>()
        .and_then(|state| state.limits.charge(caller(state, req.request()), Instant::now()));
    let Some(charge) = charge else {
        return next.call(req).await.map(ServiceResponse::map_into_left_body);
    };
    if let Some(refusal) = charge.refusal() {
        let mut response = refusal.error_response();
        write_fields(&charge, response.headers_mut());
        return Ok(req.into_response(response).map_into_right_body());
    }
    let mut response = next.call(req).await?;
    write_fields(&charge, response.headers_mut());
    Ok(response.map_into_left_body())
}

/// Whose budget a request is charged to.
fn caller(state: &AppState, req: &HttpRequest) -> RateKey {
    let token = crate::auth::extract::bearer(req).ok();
    match token.and_then(|token| state.tokens.caller(token)) {
        Some(Caller::User(user)) => RateKey::User(user),
        Some(Caller::Client(client)) => RateKey::Client(client),
        None => RateKey::ip(client_ip(req, state.limits.trust_forwarded_for())),
    }
}

fn write_fields(charge: &Charge, headers: &mut HeaderMap) {
    for (name, value) in [(RATELIMIT_POLICY, charge.policy_field()), (RATELIMIT, charge.limit_field())] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
}
