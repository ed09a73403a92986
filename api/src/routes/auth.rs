//! Login, refresh, logout and the signed-in user.

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{Duration, Utc};
use shared::auth::{LoginRequest, MeResponse, SessionResponse, UserProfile, UserRole};
use shared::error::FieldError;
use uuid::Uuid;

use crate::auth::tokens::{hash_refresh_token, new_refresh_token};
use crate::auth::{ClientInfo, Limit, PasswordChangeUser};
use crate::db::audit::AuditEvent;
use crate::db::sessions::{NewSession, Rotation};
use crate::db::users::{LoginKey, UserRow};
use crate::error::ApiError;
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

pub(crate) fn cleared_cookie(state: &AppState) -> Cookie<'static> {
    let mut cookie = refresh_cookie(state, "");
    cookie.make_removal();
    cookie
}

pub(crate) fn profile(user: &UserRow) -> UserProfile {
    UserProfile {
        id: user.id,
        email: user.email.clone(),
        display_name: user.display_name.clone(),
        role: UserRole::parse(&user.role).unwrap_or(UserRole::Customer),
        dealer_id: user.dealer_id,
        must_change_password: user.must_change_password,
        phone: user.phone_normalized.clone(),
    }
}

/// Issues an access token plus a new refresh token and answers with the session.
async fn session_response(
    state: &AppState,
    user: &UserRow,
    family_id: Uuid,
    refresh_token: &str,
) -> Result<HttpResponse, ApiError> {
    let profile = profile(user);
    // The claim follows the user row, so a refresh keeps it until the password is changed.
    let now = Utc::now().timestamp();
    let access_token = if user.must_change_password {
        state.tokens.issue_password_change_only(user.id, profile.role, user.dealer_id, family_id, now)?
    } else {
        state.tokens.issue(user.id, profile.role, user.dealer_id, family_id, now)?
    };
    let accounts = crate::db::accounts::for_user(&state.db, user.id).await?;
    let body = SessionResponse {
        access_token,
        token_type: "Bearer".into(),
        expires_in: state.tokens.access_ttl_secs,
        user: profile,
        accounts,
    };
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .cookie(refresh_cookie(state, refresh_token))
        .json(body))
}

fn validate_login(body: &LoginRequest) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    if body.login.trim().is_empty() {
        errors
            .push(FieldError { field: "login".into(), message: "Enter your email or phone number.".into() });
    }
    if body.password.is_empty() {
        errors.push(FieldError { field: "password".into(), message: "Enter your password.".into() });
    }
    if body.password.len() > 1024 {
        errors.push(FieldError {
            field: "password".into(),
            message: "Passwords are at most 1024 characters.".into(),
        });
    }
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
}

/// Log in with email or phone and password.
///
/// Unknown logins, wrong passwords, disabled and locked accounts all answer the same 401
/// after the same amount of work, so the answer reveals nothing about which logins exist.
/// After `auth.lockout_threshold` consecutive failures the account locks until an admin
/// unlocks it or a password reset completes; a success resets the count. Each client
/// address may try `rate_limit.login_per_minute` times a minute; beyond that, 429.
///
/// A temporary password from an admin reset works for one login. That session has
/// `user.must_change_password` set and its access token opens only `GET /me`,
/// `POST /me/password` and the logouts (elsewhere: 403 `password_change_required`).
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, body = SessionResponse, description = "Signed in; the refresh token is set as an HttpOnly cookie"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Too many attempts from this address",
            headers(("Retry-After" = u64, description = "Seconds until the next attempt is allowed"))),
    ))]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Login, &req)?;
    let body = body.into_inner();
    validate_login(&body)?;
    let client = ClientInfo::of(&req);
    let user = match LoginKey::parse(&body.login) {
        Some(key) => crate::db::users::find_for_login(&state.db, &key).await?,
        None => None,
    };
    let usable = user.as_ref().filter(|u| u.is_active && u.locked_at.is_none());
    let hash = usable.and_then(|u| u.password_hash.clone());
    let verified = state.hasher.verify(hash, body.password).await.map_err(ApiError::Internal)?;
    let now = Utc::now();

    let Some(user) = usable.filter(|_| verified) else {
        let actor = user.as_ref().map(|u| u.id);
        crate::db::audit::record(&state.db, &client.audit("auth.login_failed", actor), now).await?;
        if let Some(known) = &user {
            count_failed_login(&state, known, &client, now).await?;
        }
        // A locked account answers exactly like a wrong password: no enumeration.
        return Err(ApiError::InvalidCredentials);
    };

    start_session(&state, user, &client, "auth.login").await
}

/// Counts a wrong password of a known user towards the lockout, and audits the lock when
/// this failure caused it. Shared by login and the password change.
pub(crate) async fn count_failed_login(
    state: &AppState,
    known: &UserRow,
    client: &ClientInfo,
    now: chrono::DateTime<Utc>,
) -> Result<(), ApiError> {
    let threshold = state.settings.auth.lockout_threshold;
    let failure = crate::db::users::record_login_failure(&state.db, known.id, threshold, now).await?;
    if let Some(failure) = failure.filter(|f| f.locked_now) {
        tracing::warn!(user_id = %known.id, failed_logins = failure.failed_logins, "account locked");
        let event = AuditEvent {
            dealer_id: known.dealer_id,
            details: Some(serde_json::json!({ "failed_logins": failure.failed_logins })),
            ..client.audit("auth.locked", Some(known.id))
        };
        crate::db::audit::record(&state.db, &event, now).await?;
    }
    Ok(())
}

/// Signs `user` in: a new refresh session family, the login recorded and audited as
/// `action`, and the session answer with its cookie. Shared by every way in.
///
/// A user who must change their password signed in with a temporary one: it is spent
/// here, before the session exists, so it opens exactly one session (whose tokens carry
/// the `pcr` claim). Should another login have spent it first, this one is refused as a
/// wrong password would be.
pub(crate) async fn start_session(
    state: &AppState,
    user: &UserRow,
    client: &ClientInfo,
    action: &str,
) -> Result<HttpResponse, ApiError> {
    let now = Utc::now();
    if user.must_change_password {
        let spent = match user.password_hash.as_deref() {
            Some(hash) => crate::db::users::spend_temporary_password(&state.db, user.id, hash, now).await?,
            None => false,
        };
        if !spent {
            return Err(ApiError::InvalidCredentials);
        }
    }
    let family_id = Uuid::now_v7();
    let refresh_token = new_refresh_token();
    let token_hash = hash_refresh_token(&refresh_token);
    let session = NewSession {
        token_hash: &token_hash,
        expires_at: now + Duration::days(i64::from(state.settings.auth.refresh_token_ttl_days)),
        ip: client.ip.as_deref(),
        user_agent: client.user_agent.as_deref(),
    };
    crate::db::sessions::create(&state.db, user.id, family_id, &session, now).await?;
    crate::db::users::record_login_success(&state.db, user.id, now).await?;
    crate::db::audit::record(&state.db, &client.audit(action, Some(user.id)), now).await?;
    session_response(state, user, family_id, &refresh_token).await
}

/// Exchange the refresh cookie for a new access token (and a new refresh cookie).
///
/// Each refresh token works once. Presenting one that was already used revokes every
/// session descended from the same login, since only a thief would hold an old token.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth",
    responses(
        (status = 200, body = SessionResponse),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Too many refreshes from this address",
            headers(("Retry-After" = u64, description = "Seconds until the next attempt is allowed"))),
    ))]
#[post("/auth/refresh")]
pub async fn refresh(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Refresh, &req)?;
    let Some(cookie) = req.cookie(REFRESH_COOKIE).filter(|c| !c.value().is_empty()) else {
        return Err(ApiError::Unauthenticated);
    };
    let client = ClientInfo::of(&req);
    let now = Utc::now();
    let new_token = new_refresh_token();
    let new_hash = hash_refresh_token(&new_token);
    let new_session = NewSession {
        token_hash: &new_hash,
        expires_at: now + Duration::days(i64::from(state.settings.auth.refresh_token_ttl_days)),
        ip: client.ip.as_deref(),
        user_agent: client.user_agent.as_deref(),
    };
    let rotation =
        crate::db::sessions::rotate(&state.db, &hash_refresh_token(cookie.value()), &new_session, now)
            .await?;
    let rejected = |state: &AppState| {
        let err = ApiError::TokenInvalid;
        let mut response = actix_web::ResponseError::error_response(&err);
        // A dead refresh cookie is removed so the browser stops sending it.
        let _ = response.add_cookie(&cleared_cookie(state));
        response
    };
    match rotation {
        Rotation::Rotated { user_id, family_id } => {
            let user = crate::db::users::by_id(&state.db, user_id).await?;
            match user.filter(|u| u.is_active && u.locked_at.is_none()) {
                Some(user) => session_response(&state, &user, family_id, &new_token).await,
                None => Ok(rejected(&state)),
            }
        }
        Rotation::ReuseDetected { user_id } => {
            tracing::warn!(%user_id, "refresh token reuse detected; session family revoked");
            crate::db::audit::record(&state.db, &client.audit("auth.refresh_reuse", Some(user_id)), now)
                .await?;
            Ok(rejected(&state))
        }
        Rotation::Invalid => Ok(rejected(&state)),
    }
}

/// Log out: revoke this browser's session and clear the refresh cookie.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    responses((status = 204, description = "Logged out (also when there was no session)")))]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    if let Some(cookie) = req.cookie(REFRESH_COOKIE).filter(|c| !c.value().is_empty()) {
        let now = Utc::now();
        let user = crate::db::sessions::revoke_family_of(&state.db, &hash_refresh_token(cookie.value()), now)
            .await?;
        if let Some(user_id) = user {
            let client = ClientInfo::of(&req);
            crate::db::audit::record(&state.db, &client.audit("auth.logout", Some(user_id)), now).await?;
        }
    }
    Ok(HttpResponse::NoContent().cookie(cleared_cookie(&state)).finish())
}

/// The signed-in user and the accounts they can act for.
///
/// Also answers for a user who signed in with a temporary password
/// (`user.must_change_password`), so the web app can send them to choose a new one.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", security(("bearer" = [])),
    responses(
        (status = 200, body = MeResponse),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json"),
    ))]
#[get("/me")]
pub async fn me(state: web::Data<AppState>, user: PasswordChangeUser) -> Result<HttpResponse, ApiError> {
    let row = crate::db::users::by_id(&state.db, user.id())
        .await?
        .filter(|u| u.is_active)
        .ok_or(ApiError::TokenInvalid)?;
    let accounts = crate::db::accounts::for_user(&state.db, row.id).await?;
    Ok(HttpResponse::Ok().json(MeResponse { user: profile(&row), accounts }))
}
