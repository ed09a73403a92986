//! Forgotten passwords (A7): an emailed, single-use, expiring link, and the reset itself.

use actix_web::{HttpRequest, HttpResponse, post, web};
use chrono::{Duration, Utc};
use shared::auth::{AcceptedResponse, ForgotPasswordRequest, ResetPasswordRequest};

use crate::auth::ClientInfo;
use crate::auth::Limit;
use crate::auth::tokens::{hash_refresh_token as hash_token, new_refresh_token as new_token};
use crate::db::passwords::ResetTarget;
use crate::db::users::{LoginKey, UserRow};
use crate::email::templates;
use crate::error::ApiError;
use crate::state::AppState;

const FORGOT_ANSWER: &str = "If that login exists, we have sent a link to its email address. \
     It works once and expires soon.";

/// Ask for a password reset link by email.
///
/// Always answers 202 with the same body, at once, whether or not the login exists; the
/// lookup and the email happen after the answer, so timing reveals nothing either.
#[utoipa::path(post, path = "/api/v1/auth/password/forgot", tag = "auth", request_body = ForgotPasswordRequest,
    responses(
        (status = 202, body = AcceptedResponse),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json"),
    ))]
#[post("/auth/password/forgot")]
pub async fn forgot(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<ForgotPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Sensitive, &req)?;
    if body.login.trim().is_empty() {
        return Err(ApiError::field("login", "Enter your email or phone number."));
    }
    let client = ClientInfo::of(&req);
    let key = LoginKey::parse(&body.login);
    let state = state.into_inner();
    tokio::spawn(async move {
        if let Err(error) = send_reset_link(&state, key, client).await {
            tracing::error!(?error, "password reset email not queued");
        }
    });
    Ok(HttpResponse::Accepted().json(AcceptedResponse { message: FORGOT_ANSWER.into() }))
}

async fn send_reset_link(state: &AppState, key: Option<LoginKey>, client: ClientInfo) -> anyhow::Result<()> {
    let Some(key) = key else { return Ok(()) };
    let Some(user) =
        crate::db::users::find_for_login(&state.db, &key).await?.filter(|u: &UserRow| u.is_active)
    else {
        return Ok(());
    };
    let now = Utc::now();
    let ttl = i64::from(state.settings.auth.password_reset_ttl_minutes);
    let token = new_token();
    let link =
        format!("{}/reset-password?token={token}", state.settings.server.public_url.trim_end_matches('/'));
    let branding = match crate::db::passwords::branding_dealer_of(&state.db, user.id).await? {
        Some(dealer) => crate::db::branding::by_id(&state.db, dealer).await?,
        None => None,
    };
    let email = templates::password_reset(branding.as_ref(), &user.email, &user.display_name, &link, ttl);
    crate::db::passwords::create_reset(
        &state.db,
        user.id,
        &hash_token(&token),
        now + Duration::minutes(ttl),
        client.ip.as_deref(),
        &email,
        now,
    )
    .await?;
    state.outbox_wake.notify_one();
    crate::db::audit::record(&state.db, &client.audit("auth.password_reset_requested", Some(user.id)), now)
        .await?;
    Ok(())
}

/// Set a new password with the token from the emailed link.
///
/// The token works once. Success unlocks the account, logs out every device and emails a
/// notice of the change.
#[utoipa::path(post, path = "/api/v1/auth/password/reset", tag = "auth", request_body = ResetPasswordRequest,
    responses(
        (status = 204, description = "Password changed; log in with it"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Expired or used link (`token`), or a password the policy refuses (`new_password`)"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json"),
    ))]
#[post("/auth/password/reset")]
pub async fn reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<ResetPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    // A password the policy refuses on its own (too short, too common) is answered before the
    // rate limit is charged: it reveals nothing about tokens, and a person trying a few
    // passwords must not use up the budget they need to finish the reset.
    crate::auth::policy::check_new_password_field(&body.new_password, &[], "new_password")
        .map_err(ApiError::Validation)?;
    state.limits.check(Limit::Sensitive, &req)?;
    let now = Utc::now();
    let expired =
        || ApiError::field("token", "This link has expired or was already used. Ask for a new one.");
    let target: ResetTarget = crate::db::passwords::find_live(&state.db, &hash_token(body.token.trim()), now)
        .await?
        .ok_or_else(expired)?;
    crate::auth::policy::check_new_password_field(&body.new_password, &[&target.email], "new_password")
        .map_err(ApiError::Validation)?;
    let new_hash = state.hasher.hash(body.new_password).await.map_err(ApiError::Internal)?;
    let branding = match crate::db::passwords::branding_dealer_of(&state.db, target.user_id).await? {
        Some(dealer) => crate::db::branding::by_id(&state.db, dealer).await?,
        None => None,
    };
    let notice = templates::password_changed(branding.as_ref(), &target.email, &target.display_name);
    let client = ClientInfo::of(&req);
    let audit = client.audit("auth.password_reset", Some(target.user_id));
    if !crate::db::passwords::complete_reset(&state.db, &target, &new_hash, &notice, &audit, now).await? {
        return Err(expired());
    }
    state.outbox_wake.notify_one();
    Ok(HttpResponse::NoContent().finish())
}
