//! Login, refresh, logout and the signed-in user.

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder, get, post, web};
use shared::auth::{LoginRequest, MeResponse, SessionResponse};

use crate::auth::{ClientInfo, Limit, PasswordChangeUser};
use crate::error::ApiError;
use crate::services::sessions::{self, IssuedSession};
use crate::state::AppState;

/// The refresh cookie: scoped to the auth routes, invisible to scripts.
pub const REFRESH_COOKIE: &str = "rp_refresh";
const REFRESH_COOKIE_PATH: &str = "/api/v1/auth";

fn refresh_cookie(state: &AppState, token: &str) -> Cookie<'static> {
    Cookie::build(REFRESH_COOKIE, token.to_string())
        .path(REFRESH_COOKIE_PATH)
        .http_only(true)
        .secure(state.settings.auth.cookie_secure)
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::days(i64::from(state.settings.auth.refresh_token_ttl_days)))
        .finish()
}

/// The session hint: readable by the web app, holding nothing secret ("1"), set and cleared
/// with the refresh cookie and living as long. The app asks for a refresh at start-up only
/// when it is there, so a signed-out visitor's first load makes no request certain to fail.
pub const SESSION_HINT_COOKIE: &str = "rp_session";

fn session_hint_cookie(state: &AppState) -> Cookie<'static> {
    Cookie::build(SESSION_HINT_COOKIE, "1")
        .path("/")
        .secure(state.settings.auth.cookie_secure)
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::days(i64::from(state.settings.auth.refresh_token_ttl_days)))
        .finish()
}

/// Removals of the refresh cookie and of the session hint.
pub(crate) fn cleared_cookies(state: &AppState) -> [Cookie<'static>; 2] {
    [refresh_cookie(state, ""), session_hint_cookie(state)].map(|mut cookie| {
        cookie.make_removal();
        cookie
    })
}

/// A response with the refresh cookie and the session hint removed.
pub(crate) fn signed_out(mut builder: HttpResponseBuilder, state: &AppState) -> HttpResponseBuilder {
    for cookie in cleared_cookies(state) {
        builder.cookie(cookie);
    }
    builder
}

/// The answer to every way of signing in: the session, never stored by a cache, with the
/// refresh token as its cookie and the session hint beside it.
fn signed_in(state: &AppState, session: IssuedSession) -> HttpResponse {
    no_store()
        .cookie(refresh_cookie(state, &session.refresh_token))
        .cookie(session_hint_cookie(state))
        .json(session.body)
}

/// A `200` that no cache may keep: it carries tokens, or what a secret link is for.
pub(crate) fn no_store() -> HttpResponseBuilder {
    let mut builder = HttpResponse::Ok();
    builder.insert_header(("Cache-Control", "no-store"));
    builder
}

/// Log in with email or phone and password.
///
/// Unknown logins, wrong passwords, disabled and locked accounts all answer the same 401
/// after the same amount of work, so the answer reveals nothing about which logins exist.
/// After `auth.lockout_threshold` consecutive failures the account locks until an admin
/// unlocks it or a password reset completes; a success resets the count. Each client
/// address may try `rate_limit.login_per_minute` times a minute; beyond that, 429. Failed
/// logins are limited too, before the password is checked: per login named (known or
/// not) and per address (`rate_limit.login_failures_per_…`); beyond them, 429 even for the
/// right password. Password checks wait in a bounded queue; when it is full the answer is
/// an immediate 503 with `Retry-After`.
///
/// A temporary password from an admin reset works for one login. That session has
/// `user.must_change_password` set and its access token opens only `GET /me`,
/// `POST /me/password` and the logouts (elsewhere: 403 `password_change_required`).
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, body = SessionResponse, description = "Signed in; the refresh token is set as an HttpOnly cookie"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Too many attempts from this address, or too many failed logins from it or naming this login",
            headers(("Retry-After" = u64, description = "Seconds until the next attempt is allowed"))),
        (status = 503, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Too many logins being checked at once; nothing was checked",
            headers(("Retry-After" = u64, description = "Seconds to wait before trying again"))),
    ))]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
    body: super::json::Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Login, &req)?;
    let session = sessions::login(&state, body.into_inner(), &client).await?;
    signed_in_instead(&state, &req, &client, session).await
}

/// The answer to a new sign-in in this browser: its session, after ending the one the
/// browser held before (see [`end_earlier_session`]).
pub(crate) async fn signed_in_instead(
    state: &AppState,
    req: &HttpRequest,
    client: &ClientInfo,
    session: IssuedSession,
) -> Result<HttpResponse, ApiError> {
    end_earlier_session(state, req, client).await?;
    Ok(signed_in(state, session))
}

/// Ends the session whose refresh cookie `req` carries, if any. At a new sign-in too: a
/// browser holds one session at a time, and a logout made without signal (the web app forgets
/// the user at once) never reached the server, so the next sign-in in that browser ends it.
pub(crate) async fn end_earlier_session(
    state: &AppState,
    req: &HttpRequest,
    client: &ClientInfo,
) -> Result<(), ApiError> {
    if let Some(cookie) = req.cookie(REFRESH_COOKIE).filter(|c| !c.value().is_empty()) {
        sessions::logout(state, cookie.value(), client).await?;
    }
    Ok(())
}

/// Exchange the refresh cookie for a new access token (and a new refresh cookie).
///
/// Each refresh token works once. A second request with the same token within a few
/// seconds of its rotation (`auth.refresh_reuse_grace_secs`, default 10: two tabs reloading
/// together) gets the same new cookie as the first, so both stay in one session. Presenting
/// a used token later revokes every session descended from the same login, since only a
/// thief would hold an old token.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth",
    responses(
        (status = 200, body = SessionResponse, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Too many refreshes from this address",
            headers(("Retry-After" = u64, description = "Seconds until the next attempt is allowed"))),
    ))]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Refresh, &req)?;
    let session = match req.cookie(REFRESH_COOKIE).filter(|c| !c.value().is_empty()) {
        Some(cookie) => sessions::refresh(&state, cookie.value(), &client).await?,
        None => None,
    };
    match session {
        Some(session) => Ok(signed_in(&state, session)),
        None => {
            let error = if req.cookie(REFRESH_COOKIE).is_some() {
                ApiError::TokenInvalid
            } else {
                ApiError::Unauthenticated
            };
            let mut response = actix_web::ResponseError::error_response(&error);
            // A dead refresh cookie (and a stale hint) is removed so the browser stops
            // sending it and the app stops trying.
            for cookie in cleared_cookies(&state) {
                let _ = response.add_cookie(&cookie);
            }
            Ok(response)
        }
    }
}

/// Log out: revoke this browser's session and clear the refresh cookie.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    responses((status = 204, description = "Logged out (also when there was no session)")))]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
) -> Result<HttpResponse, ApiError> {
    end_earlier_session(&state, &req, &client).await?;
    Ok(signed_out(HttpResponse::NoContent(), &state).finish())
}

/// The signed-in user and the accounts they can act for.
///
/// Also answers for a user who signed in with a temporary password
/// (`user.must_change_password`), so the web app can send them to choose a new one.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", security(("bearer" = [])),
    responses(
        (status = 200, body = MeResponse, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
    ))]
#[get("/me")]
pub async fn me(state: web::Data<AppState>, user: PasswordChangeUser) -> Result<HttpResponse, ApiError> {
    let row = crate::db::users::by_id(&state.db, user.id())
        .await?
        .filter(|u| u.is_active)
        .ok_or(ApiError::TokenInvalid)?;
    let mut profile = row.profile()?;
    // A view as a customer (A14) shows the user's accounts at the view's dealer only, and
    // their portal rather than a password change it could not make.
    let accounts = match crate::services::view_as::view_dealer(&user.0) {
        Some(dealer_id) => {
            profile.must_change_password = false;
            crate::services::view_as::accounts_at(&state, row.id, dealer_id).await?
        }
        None => crate::db::accounts::for_user(&state.db, row.id).await?,
    };
    Ok(HttpResponse::Ok().json(MeResponse { user: profile, accounts }))
}
