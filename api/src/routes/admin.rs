//! Administration of portal users by dealer and platform admins: unlocking locked accounts
//! and resetting passwords to an emailed temporary one.

use actix_web::{HttpRequest, HttpResponse, post, web};
use chrono::Utc;
use uuid::Uuid;

use crate::auth::ClientInfo;
use crate::auth::{AdminScope, DealerAdmin};
use crate::db::audit::AuditEvent;
use crate::email::templates;
use crate::error::ApiError;
use crate::state::AppState;

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

/// Reset a user's password to a temporary one, sent to the user by email (A8).
///
/// The temporary password works for one login, after which the user must choose a new
/// password before anything else works. The reset also lifts a lockout and logs the user
/// out everywhere. The password is never shown to the admin. Scoping is as for unlocking:
/// a dealer admin reaches users with a membership at one of their dealer's customers (any
/// other id answers 404), a platform admin reaches anyone; other roles get 403. Audited as
/// `admin.password_reset`.
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
    ))]
#[post("/admin/users/{user_id}/reset-password")]
pub async fn reset_password(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let user_id = path.parse::<Uuid>().map_err(|_| ApiError::NotFound)?;
    let (user, branding_dealer) = match admin.scope {
        AdminScope::Platform => {
            let user = crate::db::users::by_id(&state.db, user_id).await?.ok_or(ApiError::NotFound)?;
            let dealer = crate::db::passwords::branding_dealer_of(&state.db, user.id).await?;
            (user, dealer)
        }
        AdminScope::Dealer(dealer_id) => {
            let user = crate::db::users::customer_of_dealer(&state.db, dealer_id, user_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            (user, Some(dealer_id))
        }
    };
    let branding = match branding_dealer {
        Some(dealer) => crate::db::branding::by_id(&state.db, dealer).await?,
        None => None,
    };
    let password = crate::auth::password::temporary_password();
    let login_url = format!("{}/login", state.settings.server.public_url.trim_end_matches('/'));
    let email = templates::temporary_password(
        branding.as_ref(),
        &user.email,
        &user.display_name,
        &password,
        &login_url,
    );
    let hash = state.hasher.hash(password).await.map_err(ApiError::Internal)?;
    let client = ClientInfo::of(&req);
    let event = AuditEvent {
        dealer_id: admin.dealer_id(),
        details: Some(serde_json::json!({
            "target_user_id": user.id,
            "dealer_id": admin.dealer_id(),
        })),
        ..client.audit("admin.password_reset", Some(admin.id()))
    };
    let now = Utc::now();
    if !crate::db::passwords::set_temporary_password(&state.db, user.id, &hash, &email, &event, now).await? {
        return Err(ApiError::NotFound);
    }
    state.outbox_wake.notify_one();
    Ok(HttpResponse::NoContent().finish())
}
