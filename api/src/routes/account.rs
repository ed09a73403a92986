//! The signed-in user's own login: changing the password (A10), including the forced
//! change after an admin reset, and logging out everywhere (A11).

use actix_web::{HttpRequest, HttpResponse, post, web};
use chrono::Utc;
use shared::auth::ChangePasswordRequest;
use shared::error::FieldError;

use crate::auth::{Limit, PasswordChangeUser};
use crate::db::passwords::{ChangeAuthority, PasswordChange};
use crate::email::templates;
use crate::error::ApiError;
use crate::routes::auth::{ClientInfo, cleared_cookie, count_failed_login};
use crate::startup::AppState;

const WRONG_CURRENT: &str = "This is not your current password.";

/// Change the signed-in user's password.
///
/// `current_password` is required and checked; a wrong one counts as a failed login
/// towards the lockout. A user who signed in with a temporary password (admin reset) needs
/// none. The new password must meet the password policy. Every other session of the user
/// ends; this one stays, so `POST /auth/refresh` then gives an access token without the
/// password-change restriction. A notice goes to the user's email. Audited as
/// `account.password_changed`.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "auth", request_body = ChangePasswordRequest,
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Changed; other sessions are logged out. Refresh to continue"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json",
            description = "No valid access token, or this session was logged out"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Missing or wrong `current_password`, or a `new_password` the policy refuses"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json"),
    ))]
#[post("/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    user: PasswordChangeUser,
    req: HttpRequest,
    body: web::Json<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Sensitive, &req)?;
    let body = body.into_inner();
    let now = Utc::now();
    let row = crate::db::users::by_id(&state.db, user.id())
        .await?
        .filter(|u| u.is_active)
        .ok_or(ApiError::TokenInvalid)?;
    // An access token outlives its session: one whose session was logged out (or ended by
    // a reset) may not change the password, nor choose which session survives.
    if !crate::db::sessions::family_is_live(&state.db, row.id, user.session_family(), now).await? {
        return Err(ApiError::TokenInvalid);
    }
    let client = ClientInfo::of(&req);
    // The temporary password was spent at login, so the forced change cannot ask for it.
    let forced = row.must_change_password && user.must_change_password();
    let current = body.current_password.filter(|p| !p.is_empty());
    let mut errors = Vec::new();
    if !forced && current.is_none() {
        errors.push(FieldError {
            field: "current_password".into(),
            message: "Enter your current password.".into(),
        });
    }
    if let Err(problems) = crate::auth::policy::check_new_password_field(
        &body.new_password,
        &[&row.email, &row.display_name],
        "new_password",
    ) {
        errors.extend(problems);
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }

    let authority = match current {
        _ if forced => ChangeAuthority::ForcedChange,
        Some(current) => {
            // A locked account's password is not even checked: the lockout bounds guessing
            // here as it does at login.
            let hash = row.password_hash.as_deref().filter(|_| row.locked_at.is_none());
            let verified =
                state.hasher.verify(hash.map(str::to_string), current).await.map_err(ApiError::Internal)?;
            match hash.filter(|_| verified) {
                Some(hash) => ChangeAuthority::CurrentPassword(hash),
                None => {
                    let failed = client.audit("account.password_change_failed", Some(row.id));
                    crate::db::audit::record(&state.db, &failed, now).await?;
                    if row.locked_at.is_none() {
                        count_failed_login(&state, &row, &client, now).await?;
                    }
                    return Err(ApiError::field("current_password", WRONG_CURRENT));
                }
            }
        }
        None => return Err(ApiError::field("current_password", "Enter your current password.")),
    };

    let new_hash = state.hasher.hash(body.new_password).await.map_err(ApiError::Internal)?;
    let branding = match crate::db::passwords::branding_dealer_of(&state.db, row.id).await? {
        Some(dealer) => crate::db::branding::by_id(&state.db, dealer).await?,
        None => None,
    };
    let notice = templates::password_changed(branding.as_ref(), &row.email, &row.display_name);
    let audit = crate::db::audit::AuditEvent {
        details: Some(serde_json::json!({ "forced": forced })),
        ..client.audit("account.password_changed", Some(row.id))
    };
    let change = PasswordChange {
        user_id: row.id,
        authority,
        new_hash: &new_hash,
        keep_family: user.session_family(),
    };
    if !crate::db::passwords::change_password(&state.db, &change, &notice, &audit, now).await? {
        // Changed or reset by someone else since we looked: what we verified is stale.
        return Err(ApiError::field("current_password", WRONG_CURRENT));
    }
    state.outbox_wake.notify_one();
    Ok(HttpResponse::NoContent().finish())
}

/// Log out everywhere: end every session of the signed-in user, this one included, and
/// clear this browser's refresh cookie. Other devices are out at their next refresh (their
/// access tokens run out within minutes). Audited as `auth.logout_all`.
#[utoipa::path(post, path = "/api/v1/auth/logout-all", tag = "auth", security(("bearer" = [])),
    responses(
        (status = 204, description = "Every session of the user is logged out"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json"),
    ))]
#[post("/auth/logout-all")]
pub async fn logout_all(
    state: web::Data<AppState>,
    user: PasswordChangeUser,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let client = ClientInfo::of(&req);
    let now = Utc::now();
    let revoked = crate::db::sessions::revoke_all_of_user(
        &state.db,
        user.id(),
        &client.audit("auth.logout_all", Some(user.id())),
        now,
    )
    .await?;
    tracing::info!(user_id = %user.id(), revoked, "logged out everywhere");
    Ok(HttpResponse::NoContent().cookie(cleared_cookie(&state)).finish())
}
