//! The customer's requests once filed: list, detail (with the status history) and
//! withdrawal before the store acknowledged them. Filing is in `request_filing`.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use shared::accounts::Permission;
use shared::paging::Page;
use shared::requests::{
    ActorKind, CancelRequestInput, RequestDetail, RequestKind, RequestStatus, RequestSummary,
};
use uuid::Uuid;

use super::list_params::{parse_kind, parse_paging, parse_status, path_id};
use crate::auth::AccountAccess;
use crate::auth::ClientInfo;
use crate::db::notifications::NewNotification;
use crate::db::requests::{LoadedRequest, RequestFilter, Scope, StatusChange, StatusFilter};
use crate::domain::requests::{self as rules, MAX_TEXT};
use crate::email::templates;
use crate::error::ApiError;
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
    page: Option<String>,
    /// Page size, 1 to 200 (default 25).
    per_page: Option<String>,
}

/// The account's requests, newest first.
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/requests", tag = "requests", operation_id = "list_requests",
    params(("account_id" = Uuid, Path, description = "Customer account id"), RequestListParams),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Page<RequestSummary>),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM),
    ))]
#[get("/accounts/{account_id}/requests")]
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

/// The request `id` as `scope` may see it; 404 when it is not there or another account's
/// or dealer's.
pub(crate) async fn load(state: &AppState, scope: Scope, id: Uuid) -> Result<LoadedRequest, ApiError> {
    crate::db::requests::detail(&state.db, scope, id).await?.ok_or(ApiError::NotFound)
}

/// Writes a status change (customer's withdrawal or a staff action) and answers 200 with
/// the request as stored; 409 with `conflict` when someone changed it meanwhile.
pub(crate) async fn apply_change(
    state: &AppState,
    scope: Scope,
    change: &StatusChange<'_>,
    now: DateTime<Utc>,
    conflict: &str,
) -> Result<HttpResponse, ApiError> {
    if !crate::db::requests::change_status(&state.db, change, now).await? {
        return Err(ApiError::Conflict(conflict.into()));
    }
    state.outbox_wake.notify_one();
    let stored = load(state, scope, change.request_id).await?;
    Ok(HttpResponse::Ok().json(stored.detail))
}

/// One of the account's requests with its items and history (events oldest first).
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/requests/{request_id}", tag = "requests", operation_id = "get_request",
    params(
        ("account_id" = Uuid, Path, description = "Customer account id"),
        ("request_id" = Uuid, Path, description = "Request id"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, body = RequestDetail),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM),
    ))]
#[get("/accounts/{account_id}/requests/{request_id}")]
pub async fn detail(
    state: web::Data<AppState>,
    access: AccountAccess,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let id = path_id(&path.1)?;
    let loaded = load(&state, Scope::Customer(access.customer_id), id).await?;
    Ok(HttpResponse::Ok().json(loaded.detail))
}

/// The permission a kind of request needs, to file it and to withdraw it.
fn permission_for(kind: RequestKind) -> Permission {
    match kind {
        RequestKind::CallOff | RequestKind::Extension => Permission::CallOff,
        RequestKind::Service => Permission::View,
        RequestKind::BookAgain => Permission::Order,
    }
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
        (status = 200, body = RequestDetail),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM),
        (status = 409, body = shared::error::Problem, content_type = PROBLEM, description = "Already acknowledged, completed or cancelled"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM),
    ))]
#[post("/accounts/{account_id}/requests/{request_id}/cancel")]
pub async fn cancel(
    state: web::Data<AppState>,
    access: AccountAccess,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: Option<web::Json<CancelRequestInput>>,
) -> Result<HttpResponse, ApiError> {
    let id = path_id(&path.1)?;
    let reason = body.and_then(|b| rules::clean(b.into_inner().reason.as_deref()));
    let scope = Scope::Customer(access.customer_id);
    let loaded = load(&state, scope, id).await?;
    let kind = loaded.detail.summary.kind;
    let access = access.require(permission_for(kind))?;
    let mut errors = Vec::new();
    rules::check_text(&mut errors, "reason", reason.as_deref(), MAX_TEXT);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let from = loaded.detail.summary.status;
    if !rules::customer_may_cancel(from) {
        return Err(ApiError::Conflict(format!(
            "This request is already {}: call the store to change it.",
            rules::status_words(kind, from)
        )));
    }
    let now = Utc::now();
    let branding = crate::db::branding::by_id(&state.db, access.dealer_id).await?;
    let mut after = loaded.detail.clone();
    after.summary.status = RequestStatus::Cancelled;
    after.summary.updated_at = now;
    after.cancel_reason = reason.clone();
    let email = templates::request_status(branding.as_ref(), &after.contact.email, &after, reason.as_deref());
    let noun = templates::request_noun(kind, branding.as_ref().map(|b| b.terminology).unwrap_or_default());
    let client = ClientInfo::of(&req);
    let change = StatusChange {
        request_id: id,
        kind,
        from,
        to: RequestStatus::Cancelled,
        note: reason.clone(),
        scheduled_date: None,
        actor_user_id: access.user.id(),
        actor: ActorKind::Customer,
        today: now.date_naive(),
        emails: vec![email],
        notification: Some(NewNotification {
            dealer_id: access.dealer_id,
            location_id: after.summary.location.as_ref().map(|l| l.id),
            kind: "cancelled",
            title: format!("{} cancelled {noun} {}", after.summary.customer.name, after.summary.number),
            request_id: Some(id),
            feedback_id: None,
        }),
        audit: crate::db::audit::AuditEvent {
            dealer_id: Some(access.dealer_id),
            customer_id: Some(access.customer_id),
            details: Some(
                serde_json::json!({ "request_id": id, "number": after.summary.number, "reason": reason }),
            ),
            ..client.audit("request.cancelled", Some(access.user.id()))
        },
    };
    apply_change(&state, scope, &change, now, "The store changed this request a moment ago. Reload it.").await
}
