//! The signed-in user's own login: changing the password (A10), including the forced
//! change after an admin reset, contact details and a confirmed change of email (A10), and
//! logging out everywhere (A11).

use actix_web::{HttpRequest, HttpResponse, patch, post, web};
use chrono::{Duration, Utc};
use shared::auth::{
    AcceptedResponse, ChangeEmailRequest, ChangePasswordRequest, ConfirmEmailChangeRequest, MeResponse,
    UpdateProfileRequest,
};
use shared::error::FieldError;
use uuid::Uuid;

use crate::auth::ClientInfo;
use crate::auth::tokens::{hash_refresh_token as hash_token, new_refresh_token as new_token};
use crate::auth::{AuthUser, Limit, PasswordChangeUser};
use crate::db::email_changes::NewEmailChange;
use crate::db::passwords::{ChangeAuthority, PasswordChange};
use crate::db::users::UserRow;
use crate::email::templates;
use crate::error::ApiError;
use crate::routes::auth::cleared_cookie;
use crate::services::sessions::{self, count_failed_login};
use crate::state::AppState;

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
    client: ClientInfo,
) -> Result<HttpResponse, ApiError> {
    sessions::logout_all(&state, user.id(), &client).await?;
    Ok(HttpResponse::NoContent().cookie(cleared_cookie(&state)).finish())
}

/// The signed-in user's row, if the user is active and the token's session still is.
async fn live_user(
    state: &AppState,
    user: &AuthUser,
    now: chrono::DateTime<Utc>,
) -> Result<UserRow, ApiError> {
    let row = crate::db::users::by_id(&state.db, user.id())
        .await?
        .filter(|u| u.is_active)
        .ok_or(ApiError::TokenInvalid)?;
    if !crate::db::sessions::family_is_live(&state.db, row.id, user.0.sid, now).await? {
        return Err(ApiError::TokenInvalid);
    }
    Ok(row)
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
        (status = 200, body = MeResponse),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json",
            description = "The user must change a temporary password first"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json",
            description = "A blank or too long `display_name`, or a `phone` that is not a phone number or belongs to another login"),
    ))]
#[patch("/me")]
pub async fn update_profile(
    state: web::Data<AppState>,
    user: AuthUser,
    req: HttpRequest,
    body: web::Json<UpdateProfileRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let now = Utc::now();
    let row = live_user(&state, &user, now).await?;
    let mut errors = Vec::new();
    let display_name = body.display_name.as_deref().map(str::trim);
    if display_name.is_some_and(|name| name.is_empty() || name.chars().count() > 120) {
        errors.push(FieldError {
            field: "display_name".into(),
            message: "Enter your name (at most 120 characters).".into(),
        });
    }
    let phone: Option<Option<String>> = match body.phone.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(raw) => match shared::phone::normalize_phone(raw) {
            Some(phone) => Some(Some(phone)),
            None => {
                errors.push(FieldError { field: "phone".into(), message: "Enter a phone number.".into() });
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let mut changed = Vec::new();
    if display_name.is_some_and(|n| n != row.display_name) {
        changed.push("display_name");
    }
    if phone.as_ref().is_some_and(|p| *p != row.phone_normalized) {
        changed.push("phone");
    }
    if !changed.is_empty() {
        let client = ClientInfo::of(&req);
        let audit = crate::db::audit::AuditEvent {
            details: Some(serde_json::json!({ "changed": changed })),
            ..client.audit("account.profile_updated", Some(row.id))
        };
        let updated = crate::db::users::update_contact(
            &state.db,
            row.id,
            display_name.filter(|_| changed.contains(&"display_name")),
            phone.as_ref().filter(|_| changed.contains(&"phone")).map(Option::as_deref),
            &audit,
            now,
        )
        .await?;
        if !updated {
            return Err(ApiError::field("phone", "Another login already uses this phone number."));
        }
    }
    let row = crate::db::users::by_id(&state.db, row.id).await?.ok_or(ApiError::TokenInvalid)?;
    let accounts = crate::db::accounts::for_user(&state.db, row.id).await?;
    Ok(HttpResponse::Ok().json(MeResponse { user: row.profile(), accounts }))
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
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json",
            description = "The user must change a temporary password first"),
        (status = 409, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Another login uses that email"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Missing or wrong `current_password`, or a `new_email` that is not an email address or is the current one"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json"),
    ))]
#[post("/me/email")]
pub async fn change_email(
    state: web::Data<AppState>,
    user: AuthUser,
    req: HttpRequest,
    body: web::Json<ChangeEmailRequest>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Sensitive, &req)?;
    let body = body.into_inner();
    let now = Utc::now();
    let row = live_user(&state, &user, now).await?;
    let new_email = body.new_email.trim().to_lowercase();
    let mut errors = Vec::new();
    if new_email.len() > 254
        || !new_email.contains('@')
        || new_email.starts_with('@')
        || new_email.ends_with('@')
    {
        errors.push(FieldError { field: "new_email".into(), message: "Enter an email address.".into() });
    } else if new_email == row.email {
        errors.push(FieldError {
            field: "new_email".into(),
            message: "This is already your login's email address.".into(),
        });
    }
    if body.current_password.is_empty() {
        errors.push(FieldError {
            field: "current_password".into(),
            message: "Enter your current password.".into(),
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let client = ClientInfo::of(&req);
    // As for a password change: a locked account's password is not even checked.
    let hash = row.password_hash.as_deref().filter(|_| row.locked_at.is_none());
    let verified = state
        .hasher
        .verify(hash.map(str::to_string), body.current_password)
        .await
        .map_err(ApiError::Internal)?;
    if !(verified && hash.is_some()) {
        let failed = client.audit("account.email_change_failed", Some(row.id));
        crate::db::audit::record(&state.db, &failed, now).await?;
        if row.locked_at.is_none() {
            count_failed_login(&state, &row, &client, now).await?;
        }
        return Err(ApiError::field("current_password", WRONG_CURRENT));
    }
    let taken =
        crate::db::users::find_for_login(&state.db, &crate::db::users::LoginKey::Email(new_email.clone()))
            .await?
            .is_some();
    if taken {
        return Err(ApiError::Conflict("Another login already uses this email address.".into()));
    }

    let ttl_hours = i64::from(state.settings.auth.signup_ttl_hours.max(1));
    let token = new_token();
    let link = format!(
        "{}/account/email/confirm?token={token}",
        state.settings.server.public_url.trim_end_matches('/')
    );
    let branding = match crate::db::passwords::branding_dealer_of(&state.db, row.id).await? {
        Some(dealer) => crate::db::branding::by_id(&state.db, dealer).await?,
        None => None,
    };
    let emails = [
        templates::email_change_confirmation(
            branding.as_ref(),
            &new_email,
            &row.display_name,
            &link,
            ttl_hours,
        ),
        templates::email_change_notice(branding.as_ref(), &row.email, &row.display_name, &new_email),
    ];
    let change = NewEmailChange {
        id: Uuid::now_v7(),
        user_id: row.id,
        old_email: row.email.clone(),
        new_email,
        token_hash: hash_token(&token),
        expires_at: now + Duration::hours(ttl_hours),
    };
    let audit = crate::db::audit::AuditEvent {
        details: Some(serde_json::json!({ "email_change_id": change.id, "new_email": change.new_email })),
        ..client.audit("account.email_change_requested", Some(row.id))
    };
    crate::db::email_changes::create(&state.db, &change, &emails, &audit, now).await?;
    state.outbox_wake.notify_one();
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
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json"),
    ))]
#[post("/me/email/confirm")]
pub async fn confirm_email_change(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<ConfirmEmailChangeRequest>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Sensitive, &req)?;
    let now = Utc::now();
    let expired =
        || ApiError::field("token", "This link has expired or was already used. Ask for a new one.");
    let change = crate::db::email_changes::by_token_hash(&state.db, &hash_token(body.token.trim()))
        .await?
        .filter(|c| c.is_live(now))
        .ok_or_else(expired)?;
    let active = crate::db::users::by_id(&state.db, change.user_id).await?.is_some_and(|u| u.is_active);
    if !active {
        return Err(expired());
    }
    let client = ClientInfo::of(&req);
    let audit = crate::db::audit::AuditEvent {
        details: Some(serde_json::json!({
            "email_change_id": change.id,
            "old_email": change.old_email,
            "new_email": change.new_email,
        })),
        ..client.audit("account.email_changed", Some(change.user_id))
    };
    match crate::db::email_changes::complete(&state.db, &change, &audit, now).await {
        Ok(true) => Ok(HttpResponse::NoContent().finish()),
        Ok(false) => Err(expired()),
        Err(err) if crate::db::is_unique_violation(&err) => {
            Err(ApiError::Conflict("Another login already uses this email address.".into()))
        }
        Err(err) => Err(err.into()),
    }
}
