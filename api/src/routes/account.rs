//! The signed-in user's own login: changing the password (A10), including the forced
//! change after an admin reset, contact details and a confirmed change of email (A10), and
//! logging out everywhere (A11).

use actix_web::{HttpRequest, HttpResponse, patch, post, web};
use shared::auth::{
    AcceptedResponse, ChangeEmailRequest, ChangePasswordRequest, ConfirmEmailChangeRequest, MeResponse,
    UpdateProfileRequest,
};

use crate::auth::{AuthUser, ClientInfo, Limit, PasswordChangeUser};
use crate::error::ApiError;
use crate::routes::auth::signed_out;
use crate::services::{account, sessions};
use crate::state::AppState;

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
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json", description = "Too many attempts from this address"),
    ))]
#[post("/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    user: PasswordChangeUser,
    req: HttpRequest,
    client: ClientInfo,
    body: super::json::Json<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Sensitive, &req)?;
    account::change_password(&state, &user.0, body.into_inner(), &client).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Log out everywhere: end every session of the signed-in user, this one included, and
/// clear this browser's refresh cookie. Other devices are out at their next refresh (their
/// access tokens run out within minutes). Audited as `auth.logout_all`.
#[utoipa::path(post, path = "/api/v1/auth/logout-all", tag = "auth", security(("bearer" = [])),
    responses(
        (status = 204, description = "Every session of the user is logged out"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
    ))]
#[post("/auth/logout-all")]
pub async fn logout_all(
    state: web::Data<AppState>,
    user: PasswordChangeUser,
    client: ClientInfo,
) -> Result<HttpResponse, ApiError> {
    sessions::logout_all(&state, user.id(), &client).await?;
    Ok(signed_out(HttpResponse::NoContent(), &state).finish())
}

/// Change the signed-in user's contact details (A10).
///
/// Absent fields stay as they are. `display_name` must not be blank (at most 120
/// characters). `phone` is the phone that also logs in, accepted with or without spaces,
/// dashes, parentheses or a country prefix and stored as national digits; an empty string
/// removes it. A phone another login already uses is refused (422 `phone`): a phone must
/// name one login. Answers the updated user and accounts, as `GET /me`. Audited as
/// `account.profile_updated` (which fields changed, not their values).
#[utoipa::path(patch, path = "/api/v1/me", tag = "auth", request_body = UpdateProfileRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, body = MeResponse, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json",
            description = "The user must change a temporary password first"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json",
            description = "A blank or too long `display_name`, or a `phone` that is not a phone number or belongs to another login"),
    ))]
#[patch("/me")]
pub async fn update_profile(
    state: web::Data<AppState>,
    user: AuthUser,
    client: ClientInfo,
    body: super::json::Json<UpdateProfileRequest>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(account::update_profile(&state, &user.0, body.into_inner(), &client).await?))
}

const EMAIL_CHANGE_ANSWER: &str = "We have sent a link to the new address. Your login keeps its \
     current email until the link is opened.";

/// Ask to change the login's email (A10).
///
/// `current_password` is required and checked (a wrong one counts as a failed login
/// towards the lockout, 422 `current_password`). `new_email` must be an email address other
/// than the current one that no other login uses (409 otherwise). A single-use link to
/// `{public_url}/account/email/confirm?token=...`, valid `auth.signup_ttl_hours`, goes to
/// the new address, and a notice to the current one; a new request replaces an earlier
/// link. The login's email changes only when the link is used
/// (`POST /me/email/confirm`). Audited as `account.email_change_requested`.
#[utoipa::path(post, path = "/api/v1/me/email", tag = "auth", request_body = ChangeEmailRequest,
    security(("bearer" = [])),
    responses(
        (status = 202, body = AcceptedResponse, description = "Confirmation link sent to the new address"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json",
            description = "The user must change a temporary password first"),
        (status = 409, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Another login uses that email"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Missing or wrong `current_password`, or a `new_email` that is not an email address or is the current one"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json", description = "Too many attempts from this address"),
    ))]
#[post("/me/email")]
pub async fn change_email(
    state: web::Data<AppState>,
    user: AuthUser,
    req: HttpRequest,
    client: ClientInfo,
    body: super::json::Json<ChangeEmailRequest>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Sensitive, &req)?;
    account::request_email_change(&state, &user.0, body.into_inner(), &client).await?;
    Ok(HttpResponse::Accepted().json(AcceptedResponse { message: EMAIL_CHANGE_ANSWER.into() }))
}

/// Confirm a change of email (A10) with the token from the link sent to the new address.
///
/// Needs no access token: the link may be opened on another device, and the token (sent
/// only to the new address, after the password was checked) is the proof. The login's
/// email becomes the new address; the old one no longer logs in. The token works once;
/// unknown, expired or used answers 422 `token`. When another login took the address
/// meanwhile, 409. Audited as `account.email_changed`.
#[utoipa::path(post, path = "/api/v1/me/email/confirm", tag = "auth", request_body = ConfirmEmailChangeRequest,
    responses(
        (status = 204, description = "The login's email changed"),
        (status = 409, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Another login took that email meanwhile"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Unknown, expired or used link (`token`)"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json", description = "Too many attempts from this address"),
    ))]
#[post("/me/email/confirm")]
pub async fn confirm_email_change(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
    body: super::json::Json<ConfirmEmailChangeRequest>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Sensitive, &req)?;
    account::confirm_email_change(&state, body.into_inner(), &client).await?;
    Ok(HttpResponse::NoContent().finish())
}
