//! Administration of portal users by dealer and platform admins: unlocking locked accounts.

use actix_web::{HttpRequest, HttpResponse, post, web};
use chrono::Utc;
use uuid::Uuid;

use super::auth::ClientInfo;
use crate::auth::{AdminScope, DealerAdmin};
use crate::db::audit::AuditEvent;
use crate::error::ApiError;
use crate::startup::AppState;

/// Unlock a user locked out by failed logins, and clear their failed-login count.
///
/// A dealer admin may unlock users who hold a membership in one of their dealer's customer
/// accounts; any other user id answers 404, as if it did not exist. A platform admin may
/// unlock anyone. Unlocking a user who is not locked is harmless (204). Other roles get
/// 403. The unlock is audited as `admin.user_unlocked`.
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
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let user_id = path.parse::<Uuid>().map_err(|_| ApiError::NotFound)?;
    let now = Utc::now();
    let unlocked = match admin.scope {
        AdminScope::Platform => crate::db::users::unlock(&state.db, user_id, now).await?,
        AdminScope::Dealer(dealer_id) => {
            crate::db::users::unlock_customer_of_dealer(&state.db, dealer_id, user_id, now).await?
        }
    };
    if !unlocked {
        return Err(ApiError::NotFound);
    }
    let client = ClientInfo::of(&req);
    let event = AuditEvent {
        dealer_id: admin.dealer_id(),
        details: Some(serde_json::json!({
            "target_user_id": user_id,
            "dealer_id": admin.dealer_id(),
        })),
        ..client.audit("admin.user_unlocked", Some(admin.id()))
    };
    crate::db::audit::record(&state.db, &event, now).await?;
    Ok(HttpResponse::NoContent().finish())
}
