//! Forgotten passwords (A7): an emailed, single-use, expiring link, and the reset itself;
//! and the branding that letters about a user's login wear.

use std::sync::Arc;

use chrono::{Duration, Utc};
use shared::auth::ResetPasswordRequest;
use shared::branding::Branding;
use shared::i18n::Language;

use crate::auth::ClientInfo;
use crate::auth::tokens::{hash_refresh_token as hash_token, new_refresh_token as new_token};
use crate::db::passwords::ResetTarget;
use crate::db::users::{LoginKey, UserRow};
use crate::email::templates;
use crate::error::ApiError;
use crate::ids::{DealerId, UserId};
use crate::state::AppState;

/// The branding of `dealer`, if any: letters of no dealer wear the portal's own.
pub(crate) async fn dealer_branding(
    state: &AppState,
    dealer: Option<DealerId>,
) -> Result<Option<Branding>, ApiError> {
    Ok(match dealer {
        Some(dealer) => crate::db::branding::by_id(&state.db, dealer).await?,
        None => None,
    })
}

/// The branding a letter to `user_id` about their login wears: their staff dealer's, else
/// that of the dealer of their first account.
pub(crate) async fn letter_branding(state: &AppState, user_id: UserId) -> Result<Option<Branding>, ApiError> {
    let dealer = crate::db::passwords::branding_dealer_of(&state.db, user_id).await?;
    dealer_branding(state, dealer).await
}

/// Takes a request for a reset link for `login`: a blank one is a 422; otherwise the
/// lookup and the email happen on a task of their own, after the caller has answered (with
/// the language the request asked for: the task is outside the request).
///
/// The caller answers the same, at once, whether or not the login exists, so neither the
/// answer nor its timing tells which logins exist.
pub fn request_reset(state: Arc<AppState>, login: &str, client: ClientInfo) -> Result<(), ApiError> {
    if login.trim().is_empty() {
        return Err(ApiError::field("login", "Enter your email or phone number."));
    }
    let key = LoginKey::parse(login);
    let asked = crate::i18n::asked_language();
    tokio::spawn(async move {
        if let Err(error) = send_reset_link(&state, key, asked, client).await {
            tracing::error!(?error, "password reset email not queued");
        }
    });
    Ok(())
}

/// Mails an active user a single-use reset link, valid `auth.password_reset_ttl_minutes`, in
/// their language (else the one `asked` for); audited as `auth.password_reset_requested`.
/// Unknown logins get nothing.
async fn send_reset_link(
    state: &AppState,
    key: Option<LoginKey>,
    asked: Option<Language>,
    client: ClientInfo,
) -> anyhow::Result<()> {
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
    let branding = letter_branding(state, user.id).await?;
    let language = crate::i18n::reader_language(branding.as_ref(), user.chosen_language(), asked);
    let email =
        templates::password_reset(branding.as_ref(), language, &user.email, &user.display_name, &link, ttl);
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

/// Sets a new password with the token from the emailed link.
///
/// The token works once: expired or used answers 422 `token`. In one transaction it and
/// the user's other outstanding tokens are spent, the password changes, the account
/// unlocks, every session ends (whoever knew the old password is out), a notice of the
/// change is queued for the owner of the email, and the reset is audited as
/// `auth.password_reset`.
pub async fn reset(
    state: &AppState,
    request: ResetPasswordRequest,
    client: &ClientInfo,
) -> Result<(), ApiError> {
    let now = Utc::now();
    let expired =
        || ApiError::field("token", "This link has expired or was already used. Ask for a new one.");
    let target: ResetTarget =
        crate::db::passwords::find_live(&state.db, &hash_token(request.token.trim()), now)
            .await?
            .ok_or_else(expired)?;
    crate::auth::policy::check_new_password_field(&request.new_password, &[&target.email], "new_password")
        .map_err(ApiError::Validation)?;
    let new_hash = state.hasher.hash(request.new_password).await?;
    let branding = letter_branding(state, target.user_id).await?;
    let chosen = crate::db::users::chosen_language(&state.db, target.user_id).await?;
    let language = crate::i18n::reader_language(branding.as_ref(), chosen, crate::i18n::asked_language());
    let notice =
        templates::password_changed(branding.as_ref(), language, &target.email, &target.display_name);
    let audit = client.audit("auth.password_reset", Some(target.user_id));
    if !crate::db::passwords::complete_reset(&state.db, &target, &new_hash, &notice, &audit, now).await? {
        return Err(expired());
    }
    state.outbox_wake.notify_one();
    Ok(())
}
