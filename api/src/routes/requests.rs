//! The customer's requests once filed: list, detail (with the status history) and
//! withdrawal before the store acknowledged them (`services::requests::cancel`). Filing is
//! in `request_filing`.

use actix_web::{HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};
use shared::paging::Page;
use shared::requests::{CancelRequestInput, RequestDetail, RequestSummary};

use super::list_params::{parse_kind, parse_paging, parse_status, path_id};
use crate::auth::{AccountAccess, ClientInfo};
use crate::db::requests::{RequestFilter, Scope, StatusFilter};
use crate::error::ApiError;
use crate::services::requests;
use crate::state::AppState;

const PROBLEM: &str = "application/problem+json";

/// Query string of the customer's request list.
#[derive(Debug, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RequestListParams {
    /// `open` (neither completed nor cancelled), `requested`, `acknowledged`, `scheduled`,
    /// `completed`, `cancelled`; default all.
    status: Option<String>,
    /// `call_off`, `service`, `extension` or `book_again`.
    kind: Option<String>,
    /// 1-based page number (default 1).
    #[param(value_type = Option<u32>, minimum = 1, default = 1)]
    page: Option<String>,
    /// Page size, 1 to 200 (default 25).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200, default = 25)]
    per_page: Option<String>,
}

/// The account's requests, newest first.
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/requests", tag = "requests", operation_id = "list_requests",
    params(("account_id" = Uuid, Path, description = "Customer account id"), RequestListParams),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Page<RequestSummary>, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not found, or not visible to this login"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid input: `errors` names each field"),
    ))]
#[get("/requests")]
pub async fn list(
    state: web::Data<AppState>,
    access: AccountAccess,
    params: web::Query<RequestListParams>,
) -> Result<HttpResponse, ApiError> {
    let mut errors = Vec::new();
    let status = parse_status(params.status.as_deref(), StatusFilter::All, &mut errors);
    let kind = parse_kind(params.kind.as_deref(), &mut errors);
    let paging = parse_paging(params.page.as_deref(), params.per_page.as_deref(), &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let filter = RequestFilter { status, kind, location_id: None, oldest_first: false };
    let scope = Scope::Customer(access.customer_id);
    let (items, total) =
        crate::db::requests::list(&state.db, scope, &filter, paging.per_page, paging.offset()).await?;
    Ok(HttpResponse::Ok().json(paging.of(items, total)))
}

/// One of the account's requests with its items and history (events oldest first).
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/requests/{request_id}", tag = "requests", operation_id = "get_request",
    params(
        ("account_id" = Uuid, Path, description = "Customer account id"),
        ("request_id" = Uuid, Path, description = "Request id"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, body = RequestDetail, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not found, or not visible to this login"),
    ))]
#[get("/requests/{request_id}")]
pub async fn detail(
    state: web::Data<AppState>,
    access: AccountAccess,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let id = path_id(&path.1)?;
    let loaded = requests::load(&state, Scope::Customer(access.customer_id), id).await?;
    Ok(HttpResponse::Ok().json(loaded.detail))
}

/// Withdraw a request the store has not acknowledged yet (409 once it has). A cancelled
/// call-off puts its items back `out`. The contact email gets a note, the store's staff a
/// notification. Needs the permission that filing this kind needs.
#[utoipa::path(post, path = "/api/v1/accounts/{account_id}/requests/{request_id}/cancel", tag = "requests", operation_id = "cancel_request",
    params(
        ("account_id" = Uuid, Path, description = "Customer account id"),
        ("request_id" = Uuid, Path, description = "Request id"),
    ),
    request_body = CancelRequestInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = RequestDetail, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Signed in, but not allowed to do this"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not found, or not visible to this login"),
        (status = 409, body = shared::error::Problem, content_type = PROBLEM, description = "Already acknowledged, completed or cancelled"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid input: `errors` names each field"),
    ))]
#[post("/requests/{request_id}/cancel")]
pub async fn cancel(
    state: web::Data<AppState>,
    access: AccountAccess,
    client: ClientInfo,
    path: web::Path<(String, String)>,
    body: Option<super::json::Json<CancelRequestInput>>,
) -> Result<HttpResponse, ApiError> {
    let id = path_id(&path.1)?;
    let reason = body.and_then(|b| b.into_inner().reason);
    let request = requests::cancel(&state, access, &client, id, reason.as_deref()).await?;
    Ok(HttpResponse::Ok().json(request))
}
