//! View as customer (A14): a dealer's staff member opens one customer user's portal,
//! read-only, and exits it. The read-only rule itself is `auth::view_as`, for every route.

use actix_web::{HttpResponse, post, web};
use shared::view_as::ViewAsSession;

use super::auth::no_store;
use super::list_params::path_id;
use crate::auth::{AuthUser, ClientInfo, DealerStaff};
use crate::error::ApiError;
use crate::ids::{CustomerId, UserId};
use crate::services::view_as;
use crate::state::AppState;

/// View the portal as one customer user (A14), read-only.
///
/// For the dealer's staff and admins. Answers an access token that opens the customer screens
/// exactly as that user sees them (`GET /me`, their accounts at this dealer, with their
/// permissions). Every write with it — any method but GET, HEAD and OPTIONS, except
/// `POST /auth/view-as/end` — answers 403 `read_only_view`, as do the staff, platform and
/// back-office routes. The view ends by itself after `auth.view_as_secs` (30 minutes) or
/// when the staff member is deactivated; afterwards every call answers 401 `view_ended`.
/// There is no refresh token; the staff member's own session is untouched. Audited as
/// `view_as.started` (its end as `view_as.exited`, `view_as.expired` or `view_as.revoked`).
#[utoipa::path(post, path = "/api/v1/admin/customers/{customer_id}/users/{user_id}/view-as", tag = "admin",
    params(
        ("customer_id" = Uuid, Path, description = "The dealer's customer"),
        ("user_id" = Uuid, Path, description = "One of that customer's portal users"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, body = ViewAsSession, description = "The view is open; use its access token as the customer user's"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json",
            description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Not the dealer's staff or admin (`forbidden`), or already viewing as a customer (`read_only_view`)"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json",
            description = "No such customer at the staff member's dealer, or the user is not one of its portal users"),
        (status = 409, body = shared::error::Problem, content_type = "application/problem+json",
            description = "The user's portal access is deactivated or the customer's portal is off: nothing to view"),
    ))]
#[post("/admin/customers/{customer_id}/users/{user_id}/view-as")]
pub async fn start(
    state: web::Data<AppState>,
    staff: DealerStaff,
    client: ClientInfo,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (customer_id, user_id) = path.into_inner();
    let customer_id = CustomerId::new(path_id(&customer_id)?);
    let user_id = UserId::new(path_id(&user_id)?);
    let session = view_as::start(&state, &staff, customer_id, user_id, &client).await?;
    Ok(no_store().json(session))
}

/// End the view as a customer that the bearer token belongs to ("Exit view").
///
/// Takes the view's own token. Afterwards that token answers 401 `view_ended` everywhere.
/// Audited as `view_as.exited`.
#[utoipa::path(post, path = "/api/v1/auth/view-as/end", tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "The view has ended"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json",
            description = "No valid access token, or the view had already ended (`view_ended`)"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json",
            description = "The token is not a view as a customer"),
    ))]
#[post("/auth/view-as/end")]
pub async fn end(
    state: web::Data<AppState>,
    user: AuthUser,
    client: ClientInfo,
) -> Result<HttpResponse, ApiError> {
    let view = user.0.view.ok_or(ApiError::Forbidden)?;
    view_as::exit(&state, view, &client).await?;
    Ok(HttpResponse::NoContent().finish())
}
