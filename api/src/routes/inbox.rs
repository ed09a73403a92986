//! The store's inbox (H7, H8): a dealer's staff see the customers' requests and feedback,
//! move requests on (the customer is emailed at each step), and read their notifications.
//!
//! Every query is scoped by the dealer in the staff member's token ([`DealerStaff`]):
//! another dealer's records answer 404.

use actix_web::{HttpResponse, get, post, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use shared::error::FieldError;
use shared::feedback::{Feedback, FeedbackStatus, HandleFeedbackInput};
use shared::paging::Page;
use shared::requests::{
    MarkNotificationsRead, NotificationList, RequestDetail, RequestSummary, StaffActionInput,
};
use uuid::Uuid;

use super::list_params::{parse_kind, parse_paging, parse_status, path_id};
use crate::auth::{ClientInfo, DealerStaff};
use crate::db::requests::{RequestFilter, StatusFilter};
use crate::error::ApiError;
use crate::services::{feedback, requests};
use crate::state::AppState;

const PROBLEM: &str = "application/problem+json";

/// Query string of the request inbox.
#[derive(Debug, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InboxParams {
    /// `open` (default: neither completed nor cancelled), `all`, or one status.
    status: Option<String>,
    /// `call_off`, `service`, `extension` or `book_again`.
    kind: Option<String>,
    /// Only requests for this store.
    location_id: Option<String>,
    /// 1-based page number (default 1).
    #[param(value_type = Option<u32>, minimum = 1, default = 1)]
    page: Option<String>,
    /// Page size, 1 to 200 (default 25).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200, default = 25)]
    per_page: Option<String>,
}

/// The dealer's requests. Open ones (the default) oldest first — the longest waiting on
/// top; with `status=all`, completed or cancelled, newest first.
#[utoipa::path(get, path = "/api/v1/admin/requests", tag = "inbox", operation_id = "inbox_list_requests",
    params(InboxParams),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Page<RequestSummary>, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not the dealer's staff"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid input: `errors` names each field"),
    ))]
#[get("/admin/requests")]
pub async fn list(
    state: web::Data<AppState>,
    staff: DealerStaff,
    params: web::Query<InboxParams>,
) -> Result<HttpResponse, ApiError> {
    let mut errors = Vec::new();
    let status = parse_status(params.status.as_deref(), StatusFilter::Open, &mut errors);
    let kind = parse_kind(params.kind.as_deref(), &mut errors);
    let location_id = match params.location_id.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => match v.parse::<Uuid>() {
            Ok(id) => Some(id),
            Err(_) => {
                errors.push(FieldError { field: "location_id".into(), message: "Use a location id.".into() });
                None
            }
        },
    };
    let paging = parse_paging(params.page.as_deref(), params.per_page.as_deref(), &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let oldest_first = match status {
        StatusFilter::Open => true,
        StatusFilter::Only(s) => s.is_open(),
        StatusFilter::All => false,
    };
    let filter = RequestFilter { status, kind, location_id, oldest_first };
    let scope = staff.request_scope();
    let (items, total) =
        crate::db::requests::list(&state.db, scope, &filter, paging.per_page, paging.offset()).await?;
    Ok(HttpResponse::Ok().json(paging.of(items, total)))
}

/// One of the dealer's requests with its items and history.
#[utoipa::path(get, path = "/api/v1/admin/requests/{request_id}", tag = "inbox", operation_id = "inbox_get_request",
    params(("request_id" = Uuid, Path, description = "Request id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = RequestDetail, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Signed in, but not allowed to do this"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not found, or not visible to this login"),
    ))]
#[get("/admin/requests/{request_id}")]
pub async fn detail(
    state: web::Data<AppState>,
    staff: DealerStaff,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path_id(&path)?;
    let loaded = requests::load(&state, staff.request_scope(), id).await?;
    Ok(HttpResponse::Ok().json(loaded.detail))
}

/// Move a request on: `acknowledge` (requested → acknowledged), `schedule` with
/// `scheduled_date` today or later (requested, acknowledged or scheduled → scheduled),
/// `complete` (acknowledged or scheduled → completed; a call-off's items become `returned`
/// today), `cancel` with a `note` (any open status → cancelled; a call-off's items go back
/// `out`). Any other transition answers 409. Each change records an event, emails the
/// request's contact and is audited as `inbox.request_<status>`.
#[utoipa::path(post, path = "/api/v1/admin/requests/{request_id}/actions", tag = "inbox", operation_id = "inbox_act_on_request",
    params(("request_id" = Uuid, Path, description = "Request id")),
    request_body = StaffActionInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = RequestDetail, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Signed in, but not allowed to do this"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not found, or not visible to this login"),
        (status = 409, body = shared::error::Problem, content_type = PROBLEM, description = "Not allowed from the current status"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Missing `scheduled_date` or `note`"),
    ))]
#[post("/admin/requests/{request_id}/actions")]
pub async fn act(
    state: web::Data<AppState>,
    staff: DealerStaff,
    client: ClientInfo,
    path: web::Path<String>,
    body: super::json::Json<StaffActionInput>,
) -> Result<HttpResponse, ApiError> {
    let id = path_id(&path)?;
    let request = requests::act_for_store(&state, &staff, &client, id, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(request))
}

/// Query string of the feedback inbox.
#[derive(Debug, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedbackInboxParams {
    /// `new` (default, oldest first), `handled` or `all` (newest first).
    status: Option<String>,
    /// 1-based page number (default 1).
    #[param(value_type = Option<u32>, minimum = 1, default = 1)]
    page: Option<String>,
    /// Page size, 1 to 200 (default 25).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200, default = 25)]
    per_page: Option<String>,
}

/// The dealer's feedback and questions (H8).
#[utoipa::path(get, path = "/api/v1/admin/feedback", tag = "inbox", operation_id = "inbox_list_feedback",
    params(FeedbackInboxParams),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Page<Feedback>, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Signed in, but not allowed to do this"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid input: `errors` names each field"),
    ))]
#[get("/admin/feedback")]
pub async fn feedback_list(
    state: web::Data<AppState>,
    staff: DealerStaff,
    params: web::Query<FeedbackInboxParams>,
) -> Result<HttpResponse, ApiError> {
    let mut errors = Vec::new();
    let status = match params.status.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => Some(FeedbackStatus::New),
        Some("all") => None,
        Some(other) => match FeedbackStatus::parse(other) {
            Some(s) => Some(s),
            None => {
                errors
                    .push(FieldError { field: "status".into(), message: "Use new, handled or all.".into() });
                None
            }
        },
    };
    let paging = parse_paging(params.page.as_deref(), params.per_page.as_deref(), &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let (items, total) = crate::db::feedback::for_dealer(
        &state.db,
        staff.dealer_id,
        staff.id(),
        status,
        paging.per_page,
        paging.offset(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(paging.of(items, total)))
}

/// Mark a feedback message handled, with an optional note. Audited as
/// `inbox.feedback_handled`; handling it again keeps the first handling.
#[utoipa::path(post, path = "/api/v1/admin/feedback/{feedback_id}/handled", tag = "inbox", operation_id = "inbox_mark_feedback_handled",
    params(("feedback_id" = Uuid, Path, description = "Feedback id")),
    request_body = HandleFeedbackInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = Feedback, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Signed in, but not allowed to do this"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not found, or not visible to this login"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid input: `errors` names each field"),
    ))]
#[post("/admin/feedback/{feedback_id}/handled")]
pub async fn feedback_handled(
    state: web::Data<AppState>,
    staff: DealerStaff,
    client: ClientInfo,
    path: web::Path<String>,
    body: Option<super::json::Json<HandleFeedbackInput>>,
) -> Result<HttpResponse, ApiError> {
    let id = path_id(&path)?;
    let note = body.and_then(|b| b.into_inner().note);
    let handled = feedback::mark_handled(&state, &staff, &client, id, note.as_deref()).await?;
    Ok(HttpResponse::Ok().json(handled))
}

/// Newest notifications shown, and how many are unread.
const NOTIFICATIONS_SHOWN: i64 = 30;

/// The staff member's notifications: the dealer's newest 30 with this user's read state,
/// and the number unread.
#[utoipa::path(get, path = "/api/v1/admin/notifications", tag = "inbox", operation_id = "inbox_notifications",
    security(("bearer" = [])),
    responses(
        (status = 200, body = NotificationList, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Signed in, but not allowed to do this"),
    ))]
#[get("/admin/notifications")]
pub async fn notifications(state: web::Data<AppState>, staff: DealerStaff) -> Result<HttpResponse, ApiError> {
    let shown =
        crate::db::notifications::list(&state.db, staff.dealer_id, staff.id(), NOTIFICATIONS_SHOWN).await?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(shown))
}

/// Mark notifications read for this staff member (all of them without ids).
#[utoipa::path(post, path = "/api/v1/admin/notifications/read", tag = "inbox", operation_id = "inbox_mark_notifications_read",
    request_body = MarkNotificationsRead,
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Marked read"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Signed in, but not allowed to do this"),
    ))]
#[post("/admin/notifications/read")]
pub async fn notifications_read(
    state: web::Data<AppState>,
    staff: DealerStaff,
    body: Option<super::json::Json<MarkNotificationsRead>>,
) -> Result<HttpResponse, ApiError> {
    let ids = body.map(|b| b.into_inner().ids).unwrap_or_default();
    if ids.len() > 500 {
        return Err(ApiError::field("ids", "Mark at most 500 notifications at a time."));
    }
    crate::db::notifications::mark_read(&state.db, staff.dealer_id, staff.id(), &ids, Utc::now()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The dealer's locations (inbox filter).
#[utoipa::path(get, path = "/api/v1/admin/locations", tag = "inbox", operation_id = "inbox_locations",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<shared::accounts::Location>, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Signed in, but not allowed to do this"),
    ))]
#[get("/admin/locations")]
pub async fn locations(state: web::Data<AppState>, staff: DealerStaff) -> Result<HttpResponse, ApiError> {
    let locations = crate::db::accounts::dealer_locations(&state.db, staff.dealer_id).await?;
    Ok(HttpResponse::Ok().json(locations))
}
