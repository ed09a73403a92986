//! The signed-in user's own login (A10): changing the password (including the forced change
//! after an admin reset), the contact details, and the email through a confirmed link.

use chrono::{DateTime, Duration, Utc};
use shared::auth::{
    ChangeEmailRequest, ChangePasswordRequest, ConfirmEmailChangeRequest, MeResponse, UpdateProfileRequest,
};
use shared::email::EmailAddress;
use shared::error::FieldError;
use uuid::Uuid;

use crate::auth::tokens::{hash_refresh_token as hash_token, new_refresh_token as new_token};
use crate::auth::{AccessClaims, ClientInfo};
use crate::db::audit::AuditEvent;
use crate::db::email_changes::NewEmailChange;
use crate::db::passwords::{ChangeAuthority, PasswordChange};
use crate::db::users::{LoginKey, UserRow};
use crate::email::templates;
use crate::error::ApiError;
use crate::i18n::{asked_language, reader_language};
use crate::services::passwords::letter_branding;
use crate::services::sessions::count_failed_login;
use crate::state::AppState;

const WRONG_CURRENT: &str = "This is not your current password.";
const ENTER_CURRENT: &str = "Enter your current password.";
const EMAIL_TAKEN: &str = "Another login already uses this email address.";

/// The signed-in user's row, if the user is active and the token's session still is: an
/// access token outlives its session, and one whose session was logged out (or ended by a
/// reset) may change nothing.
async fn live_user(state: &AppState, user: &AccessClaims, now: DateTime<Utc>) -> Result<UserRow, ApiError> {
    let row = crate::db::users::by_id(&state.db, user.sub)
        .await?
        .filter(|u| u.is_active)
        .ok_or(ApiError::TokenInvalid)?;
    if !crate::db::sessions::family_is_live(&state.db, row.id, user.sid, now).await? {
        return Err(ApiError::TokenInvalid);
    }
    Ok(row)
}

/// Checks `password` as `row`'s current one and answers its hash. A locked account's
/// password is not even checked: the lockout bounds guessing here as it does at login. A
/// wrong one is audited as `failed_action` and counts as a failed login.
async fn verify_current<'r>(
    state: &AppState,
    row: &'r UserRow,
    password: String,
    client: &ClientInfo,
    failed_action: &str,
    now: DateTime<Utc>,
) -> Result<&'r str, ApiError> {
    let hash = row.password_hash.as_deref().filter(|_| row.locked_at.is_none());
    let verified = state.hasher.verify(hash.map(str::to_string), password).await?;
    if let Some(hash) = hash.filter(|_| verified) {
        return Ok(hash);
    }
    crate::db::audit::record(&state.db, &client.audit(failed_action, Some(row.id)), now).await?;
    if row.locked_at.is_none() {
        count_failed_login(state, row, client, now).await?;
    }
    Err(ApiError::field("current_password", WRONG_CURRENT))
}

/// Changes the signed-in user's password.
///
/// The current password is required and checked, except in the forced change after an
/// admin reset: the temporary password was spent at login, so it cannot be asked for. In
/// one transaction every other session of the user ends (this one stays, and its next
/// refresh drops the password-change restriction), a notice goes to the user's email, and
/// the change is audited as `account.password_changed`.
pub async fn change_password(
    state: &AppState,
    user: &AccessClaims,
    request: ChangePasswordRequest,
    client: &ClientInfo,
) -> Result<(), ApiError> {
    let now = Utc::now();
    // Nor may a logged-out session choose which session survives.
    let row = live_user(state, user, now).await?;
    let forced = row.must_change_password && user.pcr;
    let current = request.current_password.filter(|p| !p.is_empty());
    let mut errors = Vec::new();
    if !forced && current.is_none() {
        errors.push(FieldError { field: "current_password".into(), message: ENTER_CURRENT.into() });
    }
    if let Err(problems) = crate::auth::policy::check_new_password_field(
        &request.new_password,
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
        Some(current) => ChangeAuthority::CurrentPassword(
            verify_current(state, &row, current, client, "account.password_change_failed", now).await?,
        ),
        None => return Err(ApiError::field("current_password", ENTER_CURRENT)),
    };

    let new_hash = state.hasher.hash(request.new_password).await?;
    let branding = letter_branding(state, row.id).await?;
    let language = reader_language(branding.as_ref(), row.chosen_language(), asked_language());
    let notice = templates::password_changed(branding.as_ref(), language, &row.email, &row.display_name);
    let audit = AuditEvent {
        details: Some(serde_json::json!({ "forced": forced })),
        ..client.audit("account.password_changed", Some(row.id))
    };
    let change = PasswordChange { user_id: row.id, authority, new_hash: &new_hash, keep_family: user.sid };
    if !crate::db::passwords::change_password(&state.db, &change, &notice, &audit, now).await? {
        // Changed or reset by someone else since we looked: what we verified is stale.
        return Err(ApiError::field("current_password", WRONG_CURRENT));
    }
    state.outbox_wake.notify_one();
    Ok(())
}

/// Changes the signed-in user's display name and/or login phone, and answers the user and
/// their accounts as they are now.
///
/// Absent fields stay; an empty phone removes it. A phone another login uses is refused: a
/// phone must name one login. Audited as `account.profile_updated` with which fields
/// changed, not their values — and only when something did.
pub async fn update_profile(
    state: &AppState,
    user: &AccessClaims,
    request: UpdateProfileRequest,
    client: &ClientInfo,
) -> Result<MeResponse, ApiError> {
    let now = Utc::now();
    let row = live_user(state, user, now).await?;
    let mut errors = Vec::new();
    let display_name = request.display_name.as_deref().map(str::trim);
    if display_name.is_some_and(|name| name.is_empty() || name.chars().count() > 120) {
        errors.push(FieldError {
            field: "display_name".into(),
            message: "Enter your name (at most 120 characters).".into(),
        });
    }
    let phone: Option<Option<String>> = match request.phone.as_deref().map(str::trim) {
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
    if request.language.is_some_and(|l| row.language.as_deref() != Some(l.tag())) {
        changed.push("language");
    }
    if !changed.is_empty() {
        let audit = AuditEvent {
            details: Some(serde_json::json!({ "changed": changed })),
            ..client.audit("account.profile_updated", Some(row.id))
        };
        let updated = crate::db::users::update_contact(
            &state.db,
            row.id,
            display_name.filter(|_| changed.contains(&"display_name")),
            phone.as_ref().filter(|_| changed.contains(&"phone")).map(Option::as_deref),
            request.language.filter(|_| changed.contains(&"language")),
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
    Ok(MeResponse { user: row.profile()?, accounts })
}

/// Asks to change the login's email: checks the current password (a wrong one counts
/// towards the lockout) and that no other login uses the new address, then sends a
/// single-use link, valid `auth.signup_ttl_hours`, to the new address and a notice to the
/// current one, so a stolen session cannot quietly move the login away. A new request
/// replaces an earlier link. Audited as `account.email_change_requested`.
pub async fn request_email_change(
    state: &AppState,
    user: &AccessClaims,
    request: ChangeEmailRequest,
    client: &ClientInfo,
) -> Result<(), ApiError> {
    let now = Utc::now();
    let row = live_user(state, user, now).await?;
    let new_email = request.new_email.trim().to_lowercase();
    let mut errors = Vec::new();
    if !EmailAddress::is_valid(&new_email) {
        errors.push(FieldError { field: "new_email".into(), message: "Enter an email address.".into() });
    } else if new_email == row.email {
        errors.push(FieldError {
            field: "new_email".into(),
            message: "This is already your login's email address.".into(),
        });
    }
    if request.current_password.is_empty() {
        errors.push(FieldError { field: "current_password".into(), message: ENTER_CURRENT.into() });
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    verify_current(state, &row, request.current_password, client, "account.email_change_failed", now).await?;
    if crate::db::users::find_for_login(&state.db, &LoginKey::Email(new_email.clone())).await?.is_some() {
        return Err(ApiError::Conflict(EMAIL_TAKEN.into()));
    }

    let ttl_hours = i64::from(state.settings.auth.signup_ttl_hours.max(1));
    let token = new_token();
    let link = format!(
        "{}/account/email/confirm?token={token}",
        state.settings.server.public_url.trim_end_matches('/')
    );
    let branding = letter_branding(state, row.id).await?;
    let language = reader_language(branding.as_ref(), row.chosen_language(), asked_language());
    let emails = [
        templates::email_change_confirmation(
            branding.as_ref(),
            language,
            &new_email,
            &row.display_name,
            &link,
            ttl_hours,
        ),
        templates::email_change_notice(
            branding.as_ref(),
            language,
            &row.email,
            &row.display_name,
            &new_email,
        ),
    ];
    let change = NewEmailChange {
        id: Uuid::now_v7(),
        user_id: row.id,
        old_email: row.email.clone(),
        new_email,
        token_hash: hash_token(&token),
        expires_at: now + Duration::hours(ttl_hours),
    };
    let audit = AuditEvent {
        details: Some(serde_json::json!({ "email_change_id": change.id, "new_email": change.new_email })),
        ..client.audit("account.email_change_requested", Some(row.id))
    };
    crate::db::email_changes::create(&state.db, &change, &emails, &audit, now).await?;
    state.outbox_wake.notify_one();
    Ok(())
}

/// Confirms a change of email with the token from the link sent to the new address. No
/// access token is needed: the link may be opened on another device, and the token (sent
/// only to the new address, after the password was checked) is the proof. The old address
/// no longer logs in. Audited as `account.email_changed`.
pub async fn confirm_email_change(
    state: &AppState,
    request: ConfirmEmailChangeRequest,
    client: &ClientInfo,
) -> Result<(), ApiError> {
    let now = Utc::now();
    let expired =
        || ApiError::field("token", "This link has expired or was already used. Ask for a new one.");
    let change = crate::db::email_changes::by_token_hash(&state.db, &hash_token(request.token.trim()))
        .await?
        .filter(|c| c.is_live(now))
        .ok_or_else(expired)?;
    let active = crate::db::users::by_id(&state.db, change.user_id).await?.is_some_and(|u| u.is_active);
    if !active {
        return Err(expired());
    }
    let audit = AuditEvent {
        details: Some(serde_json::json!({
            "email_change_id": change.id,
            "old_email": change.old_email,
            "new_email": change.new_email,
        })),
        ..client.audit("account.email_changed", Some(change.user_id))
    };
    match crate::db::email_changes::complete(&state.db, &change, &audit, now).await {
        Ok(true) => Ok(()),
        Ok(false) => Err(expired()),
        Err(err) if crate::db::is_unique_violation(&err) => Err(ApiError::Conflict(EMAIL_TAKEN.into())),
        Err(err) => Err(err.into()),
    }
}
