//! The routes that file the customer's requests to the store: call-off (D2, D3), service
//! (D4), extension and book again (C7). The pipeline they share is
//! `services::requests::filing`; list, detail and withdrawal are in `requests`.

use actix_web::{HttpRequest, HttpResponse, post, web};
use shared::requests::{BookAgainInput, CallOffInput, ExtensionInput, RequestDetail, ServiceRequestInput};

use super::headers::idempotency_key;
use crate::auth::{AccountAccess, ClientInfo};
use crate::domain::requests::MAX_IDEMPOTENCY_KEY;
use crate::error::ApiError;
use crate::services::requests::{self, Filed};
use crate::state::AppState;

/// 201 with a new request; 200 with the first one for a retry under the same key.
fn answer(filed: Filed) -> HttpResponse {
    if filed.replayed { HttpResponse::Ok() } else { HttpResponse::Created() }.json(filed.detail)
}

const PROBLEM: &str = "application/problem+json";

/// Ask for a pickup of items that are out (D2): one request for all selected lines, with
/// a confirmation number and server timestamp (D3). Billing should stop on the pickup date.
///
/// The lines become `called_off` in the same transaction; the store and the contact email
/// get an email, the store's staff a notification. With an `Idempotency-Key` header, a
/// retry with the same body answers 200 with the same request, with another body 409.
/// Needs the `call_off` permission (403). 422 with nothing written for: no lines, unknown or
/// foreign lines, a line not out, a pickup date in the past or before an item's start, an
/// empty site address or contact name, an invalid contact email, texts over their limit.
/// 409 when a line was called off by a concurrent request.
#[utoipa::path(post, path = "/api/v1/accounts/{account_id}/call-offs", tag = "requests", operation_id = "create_call_off",
    params(
        ("account_id" = Uuid, Path, description = "Customer account id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID): a retry returns the first request"),
    ),
    request_body = CallOffInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = RequestDetail, description = "Request filed"),
        (status = 200, body = RequestDetail, description = "Retry with the same key and body: the first request"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "No call-off permission"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not found, or not visible to this login"),
        (status = 409, body = shared::error::Problem, content_type = PROBLEM,
            description = "Same key with another body, or a line called off concurrently"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid input: `errors` names each field"),
    ))]
#[post("/call-offs")]
pub async fn call_off(
    state: web::Data<AppState>,
    access: AccountAccess,
    client: ClientInfo,
    req: HttpRequest,
    body: super::json::Json<CallOffInput>,
) -> Result<HttpResponse, ApiError> {
    let key = idempotency_key(&req, MAX_IDEMPOTENCY_KEY)?;
    Ok(answer(requests::file(&state, access, &client, key, body.into_inner()).await?))
}

/// Ask for service on items (breakdown, damage, maintenance) or, with no lines, a general
/// service call (D4). Lines must be out or called off. Needs view only. Emails, key and
/// 422 rules as for call-offs.
#[utoipa::path(post, path = "/api/v1/accounts/{account_id}/service-requests", tag = "requests", operation_id = "create_service_request",
    params(
        ("account_id" = Uuid, Path, description = "Customer account id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID): a retry returns the first request"),
    ),
    request_body = ServiceRequestInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = RequestDetail, description = "Created"),
        (status = 200, body = RequestDetail, description = "Retry with the same key and body"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not found, or not visible to this login"),
        (status = 409, body = shared::error::Problem, content_type = PROBLEM, description = "Conflicts with the current state; reload and retry"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid input: `errors` names each field"),
    ))]
#[post("/service-requests")]
pub async fn service_request(
    state: web::Data<AppState>,
    access: AccountAccess,
    client: ClientInfo,
    req: HttpRequest,
    body: super::json::Json<ServiceRequestInput>,
) -> Result<HttpResponse, ApiError> {
    let key = idempotency_key(&req, MAX_IDEMPOTENCY_KEY)?;
    Ok(answer(requests::file(&state, access, &client, key, body.into_inner()).await?))
}

/// Ask to keep items longer (C7): lines out or reserved, a new return date after today and
/// after each item's current one. Needs `call_off`. Emails, key and 422 rules as for call-offs.
#[utoipa::path(post, path = "/api/v1/accounts/{account_id}/extensions", tag = "requests", operation_id = "create_extension",
    params(
        ("account_id" = Uuid, Path, description = "Customer account id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID): a retry returns the first request"),
    ),
    request_body = ExtensionInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = RequestDetail, description = "Created"),
        (status = 200, body = RequestDetail, description = "Retry with the same key and body"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Signed in, but not allowed to do this"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not found, or not visible to this login"),
        (status = 409, body = shared::error::Problem, content_type = PROBLEM, description = "Conflicts with the current state; reload and retry"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid input: `errors` names each field"),
    ))]
#[post("/extensions")]
pub async fn extension(
    state: web::Data<AppState>,
    access: AccountAccess,
    client: ClientInfo,
    req: HttpRequest,
    body: super::json::Json<ExtensionInput>,
) -> Result<HttpResponse, ApiError> {
    let key = idempotency_key(&req, MAX_IDEMPOTENCY_KEY)?;
    Ok(answer(requests::file(&state, access, &client, key, body.into_inner()).await?))
}

/// Ask to reserve an earlier contract's items again (C7): the contract must be this
/// account's (422 `contract_id` otherwise), `line_ids` its rental lines (empty = all),
/// start today or later, end on or after the start. Needs `order`. Emails and key as for
/// call-offs.
#[utoipa::path(post, path = "/api/v1/accounts/{account_id}/book-again", tag = "requests", operation_id = "create_book_again",
    params(
        ("account_id" = Uuid, Path, description = "Customer account id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID): a retry returns the first request"),
    ),
    request_body = BookAgainInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = RequestDetail, description = "Created"),
        (status = 200, body = RequestDetail, description = "Retry with the same key and body"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Signed in, but not allowed to do this"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not found, or not visible to this login"),
        (status = 409, body = shared::error::Problem, content_type = PROBLEM, description = "Conflicts with the current state; reload and retry"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid input: `errors` names each field"),
    ))]
#[post("/book-again")]
pub async fn book_again(
    state: web::Data<AppState>,
    access: AccountAccess,
    client: ClientInfo,
    req: HttpRequest,
    body: super::json::Json<BookAgainInput>,
) -> Result<HttpResponse, ApiError> {
    let key = idempotency_key(&req, MAX_IDEMPOTENCY_KEY)?;
    Ok(answer(requests::file(&state, access, &client, key, body.into_inner()).await?))
}
