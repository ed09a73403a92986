//! Staff and roles (H10): a dealer admin lists, invites, re-roles, scopes to stores,
//! deactivates and reactivates the dealer's staff. Dealer admins only: other roles (and a
//! platform admin, who works no dealer's staff) get 403; another dealer's people 404.

use actix_web::{HttpResponse, get, patch, post, web};
use shared::staff::{InviteStaffRequest, StaffMember, UpdateStaffRequest};

use super::json::Json;
use super::list_params::path_id;
use crate::auth::{ClientInfo, DealerAdmin};
use crate::error::ApiError;
use crate::ids::UserId;
use crate::services::staff;
use crate::state::AppState;

const PROBLEM: &str = "application/problem+json";

/// The dealer's staff and admins, by name: role, stores, status, last login, invited and
/// activated dates.
#[utoipa::path(get, path = "/api/v1/admin/staff", tag = "staff", operation_id = "list_staff",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<StaffMember>, description = "The dealer's staff"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
    ))]
#[get("/admin/staff")]
pub async fn list(state: web::Data<AppState>, admin: DealerAdmin) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(staff::list(&state, &admin).await?))
}

/// Invite someone to the dealer's staff by email, as `dealer_admin` or `dealer_staff`
/// (optionally scoped to some stores). They get a one-time link (valid 72 hours) to choose
/// their password; until then they show as `invited`. Audited as `admin.staff_invited`.
#[utoipa::path(post, path = "/api/v1/admin/staff", tag = "staff", operation_id = "invite_staff",
    request_body = InviteStaffRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, body = StaffMember, description = "Invited; the letter is on its way"),
        (status = 400, body = shared::error::Problem, content_type = PROBLEM, description = "The body is not JSON of this shape"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
        (status = 409, body = shared::error::Problem, content_type = PROBLEM, description = "The email already names a login"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid input: `errors` names each field"),
    ))]
#[post("/admin/staff")]
pub async fn invite(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    body: Json<InviteStaffRequest>,
) -> Result<HttpResponse, ApiError> {
    let member = staff::invite(&state, &admin, body.into_inner(), &client).await?;
    Ok(HttpResponse::Created().json(member))
}

/// One member of the dealer's staff.
#[utoipa::path(get, path = "/api/v1/admin/staff/{user_id}", tag = "staff", operation_id = "get_staff_member",
    params(("user_id" = Uuid, Path, description = "The staff member's user id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = StaffMember, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not a member of this dealer's staff"),
    ))]
#[get("/admin/staff/{user_id}")]
pub async fn detail(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(staff::one(&state, &admin, UserId::new(path_id(&path)?)).await?))
}

/// Change a member's role and/or stores (omitted fields keep their value; `location_ids: []`
/// means every store). Making someone an admin clears their stores. The dealer's last active
/// admin cannot be demoted, not even by themself (409). A changed role takes effect on the
/// member's next request. Audited as `admin.staff_updated`.
#[utoipa::path(patch, path = "/api/v1/admin/staff/{user_id}", tag = "staff", operation_id = "update_staff_member",
    params(("user_id" = Uuid, Path, description = "The staff member's user id")),
    request_body = UpdateStaffRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, body = StaffMember, description = "Changed"),
        (status = 400, body = shared::error::Problem, content_type = PROBLEM, description = "The body is not JSON of this shape"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not a member of this dealer's staff"),
        (status = 409, body = shared::error::Problem, content_type = PROBLEM, description = "This would leave the dealer without an active admin"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid input: `errors` names each field"),
    ))]
#[patch("/admin/staff/{user_id}")]
pub async fn update(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    path: web::Path<String>,
    body: Json<UpdateStaffRequest>,
) -> Result<HttpResponse, ApiError> {
    let user_id = UserId::new(path_id(&path)?);
    Ok(HttpResponse::Ok().json(staff::update(&state, &admin, user_id, body.into_inner(), &client).await?))
}

/// Deactivate a member: they cannot sign in, every session ends at once and a pending
/// invitation link stops working; nothing is deleted. The dealer's last active admin cannot
/// be deactivated (409). Deactivating a deactivated member is harmless. Audited as
/// `admin.staff_deactivated`.
#[utoipa::path(post, path = "/api/v1/admin/staff/{user_id}/deactivate", tag = "staff", operation_id = "deactivate_staff_member",
    params(("user_id" = Uuid, Path, description = "The staff member's user id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = StaffMember, description = "Deactivated"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not a member of this dealer's staff"),
        (status = 409, body = shared::error::Problem, content_type = PROBLEM, description = "This would leave the dealer without an active admin"),
    ))]
#[post("/admin/staff/{user_id}/deactivate")]
pub async fn deactivate(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let user_id = UserId::new(path_id(&path)?);
    Ok(HttpResponse::Ok().json(staff::set_active(&state, &admin, user_id, false, &client).await?))
}

/// Reactivate a deactivated member: they can sign in again with their password (an invited
/// one who never chose a password needs the invitation sent again). Audited as
/// `admin.staff_reactivated`.
#[utoipa::path(post, path = "/api/v1/admin/staff/{user_id}/reactivate", tag = "staff", operation_id = "reactivate_staff_member",
    params(("user_id" = Uuid, Path, description = "The staff member's user id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = StaffMember, description = "Reactivated"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not a member of this dealer's staff"),
    ))]
#[post("/admin/staff/{user_id}/reactivate")]
pub async fn reactivate(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let user_id = UserId::new(path_id(&path)?);
    Ok(HttpResponse::Ok().json(staff::set_active(&state, &admin, user_id, true, &client).await?))
}

/// Send a pending invitation again with a new link; earlier links stop working. 409 when
/// the person has already chosen a password or is deactivated. Audited as
/// `admin.staff_invitation_resent`.
#[utoipa::path(post, path = "/api/v1/admin/staff/{user_id}/resend-invitation", tag = "staff", operation_id = "resend_staff_invitation",
    params(("user_id" = Uuid, Path, description = "The staff member's user id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = StaffMember, description = "Sent again"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not a member of this dealer's staff"),
        (status = 409, body = shared::error::Problem, content_type = PROBLEM, description = "Not a pending invitation"),
    ))]
#[post("/admin/staff/{user_id}/resend-invitation")]
pub async fn resend_invitation(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let user_id = UserId::new(path_id(&path)?);
    Ok(HttpResponse::Ok().json(staff::resend(&state, &admin, user_id, &client).await?))
}
