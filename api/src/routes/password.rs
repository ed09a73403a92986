//! Forgotten passwords (A7): an emailed, single-use, expiring link, and the reset itself.

use actix_web::{HttpRequest, HttpResponse, post, web};
use shared::auth::{AcceptedResponse, ForgotPasswordRequest, ResetPasswordRequest};

use crate::auth::{ClientInfo, Limit};
use crate::error::ApiError;
use crate::services::passwords;
use crate::state::AppState;

const FORGOT_ANSWER: &str = "If that login exists, we have sent a link to its email address. \
     It works once and expires soon.";

/// Ask for a password reset link by email.
///
/// Always answers 202 with the same body, at once, whether or not the login exists; the
/// lookup and the email happen after the answer, so timing reveals nothing either.
#[utoipa::path(post, path = "/api/v1/auth/password/forgot", tag = "auth", request_body = ForgotPasswordRequest,
    responses(
        (status = 202, body = AcceptedResponse, description = "Accepted"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json", description = "Too many attempts from this address"),
    ))]
#[post("/auth/password/forgot")]
pub async fn forgot(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
    body: super::json::Json<ForgotPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Sensitive, &req)?;
    passwords::request_reset(state.into_inner(), &body.login, client)?;
    Ok(HttpResponse::Accepted().json(AcceptedResponse { message: FORGOT_ANSWER.into() }))
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
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json", description = "Too many attempts from this address"),
    ))]
#[post("/auth/password/reset")]
pub async fn reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
    body: super::json::Json<ResetPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    // A password the policy refuses on its own (too short, too common) is answered before the
    // rate limit is charged: it reveals nothing about tokens, and a person trying a few
    // passwords must not use up the budget they need to finish the reset.
    crate::auth::policy::check_new_password_field(&body.new_password, &[], "new_password")
        .map_err(ApiError::Validation)?;
    state.limits.check(Limit::Sensitive, &req)?;
    passwords::reset(&state, body, &client).await?;
    Ok(HttpResponse::NoContent().finish())
}
