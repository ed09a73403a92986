//! Administration of portal users by dealer and platform admins: unlocking locked accounts
//! and resetting passwords to an emailed temporary one.

use actix_web::{HttpResponse, post, web};

use super::list_params::path_id;
use crate::auth::{ClientInfo, DealerAdmin};
use crate::error::ApiError;
use crate::ids::UserId;
use crate::services::admin;
use crate::state::AppState;

/// Unlock a user locked out by failed logins, and clear their failed-login count.
///
/// A dealer admin may unlock customer users who hold a membership in one of their dealer's
/// customer accounts, and their own dealer's staff; any other user id (another dealer's
/// staff or customers, a dealer or platform admin) answers 404, as if it did not exist. A
/// platform admin may unlock anyone. Unlocking a user who is not locked is harmless (204).
/// Other roles get 403. The unlock also clears the failed-login limit of the user's email
/// and phone, and is audited as `admin.user_unlocked`.
#[utoipa::path(post, path = "/api/v1/admin/users/{user_id}/unlock", tag = "admin",
    params(("user_id" = Uuid, Path, description = "The portal user to unlock")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Unlocked; the user can log in again"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json",
            description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Not a dealer or platform admin"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json",
            description = "No such user within the admin's dealer"),
    ))]
#[post("/admin/users/{user_id}/unlock")]
pub async fn unlock_user(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    admin::unlock_user(&state, &admin, UserId::new(path_id(&path)?), &client).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Reset a user's password to a temporary one, sent to the user by email (A8).
///
/// The temporary password works for one login, after which the user must choose a new
/// password before anything else works. The reset also lifts a lockout and logs the user
/// out everywhere. The password is never shown to the admin. Scoping is as for unlocking:
/// a dealer admin reaches customer users with a membership at one of their dealer's
/// customers and their own dealer's staff (any other id answers 404), a platform admin
/// reaches anyone; other roles get 403. Audited as `admin.password_reset`.
#[utoipa::path(post, path = "/api/v1/admin/users/{user_id}/reset-password", tag = "admin",
    params(("user_id" = Uuid, Path, description = "The portal user whose password to reset")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Reset; the temporary password is on its way to the user's email"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json",
            description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Not a dealer or platform admin"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json",
            description = "No such user within the admin's dealer"),
        (status = 503, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Password hashing is saturated; nothing was changed",
            headers(("Retry-After" = u64, description = "Seconds to wait before trying again"))),
    ))]
#[post("/admin/users/{user_id}/reset-password")]
pub async fn reset_password(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    admin::reset_password(&state, &admin, UserId::new(path_id(&path)?), &client).await?;
    Ok(HttpResponse::NoContent().finish())
}
