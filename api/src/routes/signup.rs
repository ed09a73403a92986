//! Self sign-up (A3, seed 001): asking for the emailed link, what the link is for, and
//! confirming it with a password. Whom a sign-up may mail, and why, is in
//! [`crate::services::signup`].

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use shared::auth::AcceptedResponse;
use shared::registration::{ConfirmSignupRequest, SignupPreview, SignupRequest};

use crate::auth::{ClientInfo, Limit};
use crate::error::ApiError;
use crate::routes::auth::{no_store, signed_in_instead};
use crate::services::signup;
use crate::state::AppState;

const SIGNUP_ANSWER: &str = "If these details match an account, we have sent a link to that email \
     address. Open it to confirm and choose your password; it works once and expires soon.";

/// Ask for a sign-up confirmation link (A3).
///
/// `reference` is the account number (`reference_kind: account_number`) or the number of
/// one of the customer's contracts or quotes (`contract_number`), at any dealer. `fact` must
/// match the record: its ZIP/postal code (`fact_kind: postal_code`; spaces and case do not
/// matter) or its email (`email`; case does not matter). The customer must be eligible for
/// the portal (A5). `email` receives the link and becomes the login: it must be the
/// customer's email on record or one of its contacts' emails.
///
/// Always answers 202 with the same body, at once, whatever matched; the lookup and the
/// email happen after the answer, so neither body nor timing reveals anything. On a match
/// the link `{public_url}/signup/confirm?token=...` goes to `email`, valid
/// `auth.signup_ttl_hours` (a new request replaces an earlier link); when `email` already
/// has a login, it gets a "you already have a login" message instead. Audited as
/// `auth.signup_requested`, `auth.signup_existing_login` or `auth.signup_refused`. Only
/// blank or malformed fields answer 422.
#[utoipa::path(post, path = "/api/v1/auth/signup", tag = "auth", request_body = SignupRequest,
    responses(
        (status = 202, body = AcceptedResponse, description = "The same answer whether or not anything matched"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json",
            description = "A blank `reference` or `fact`, or an `email` that is not an email address"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json", description = "Too many attempts from this address"),
    ))]
#[post("/auth/signup")]
pub async fn sign_up(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
    body: super::json::Json<SignupRequest>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Sensitive, &req)?;
    signup::request(state.into_inner(), body.into_inner(), client)?;
    Ok(HttpResponse::Accepted().json(AcceptedResponse { message: SIGNUP_ANSWER.into() }))
}

/// What a sign-up confirmation link is for: the customer, the dealer's branding and the
/// email that becomes the login.
///
/// The token is the proof: unknown, expired and used tokens all answer the same 404.
#[utoipa::path(get, path = "/api/v1/auth/signup/{token}", tag = "auth", operation_id = "preview_signup",
    params(("token" = String, Path, description = "The token from the emailed link")),
    responses(
        (status = 200, body = SignupPreview, description = "OK"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Unknown, expired or already used"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json", description = "Too many attempts from this address"),
    ))]
#[get("/auth/signup/{token}")]
pub async fn preview(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Sensitive, &req)?;
    Ok(no_store().json(signup::preview(&state, &path).await?))
}

/// Confirm a sign-up: choose the password and create the login.
///
/// `new_password` must meet the password policy (422 `new_password`, the link stays
/// usable). The login is created with the emailed address, as the account's owner (every
/// permission) while the customer has no owner yet, otherwise as a view-only member whom
/// the owner can give more rights. The answer signs the new user in as `POST /auth/login`
/// does. The token works once; expired or used answers 422 `token`, as does a customer
/// that is no longer eligible. When the email got a login meanwhile, 401 says to log in.
/// Audited as `auth.signed_up`.
#[utoipa::path(post, path = "/api/v1/auth/signup/confirm", tag = "auth", request_body = ConfirmSignupRequest,
    responses(
        (status = 200, body = shared::auth::SessionResponse, description = "Login created and signed in"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json",
            description = "The email got a login meanwhile: log in instead"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Expired or used link (`token`), or a password the policy refuses (`new_password`)"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json", description = "Too many attempts from this address"),
    ))]
#[post("/auth/signup/confirm")]
pub async fn confirm(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
    body: super::json::Json<ConfirmSignupRequest>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Sensitive, &req)?;
    let session = signup::confirm(&state, body.into_inner(), &client).await?;
    signed_in_instead(&state, &req, &client, session).await
}
