//! Administration of portal users by dealer and platform admins: unlocking a user locked
//! out by failed logins, and resetting a password to an emailed temporary one (A8).
//!
//! Scoping: a dealer admin reaches customer users with a membership at one of their
//! dealer's customers and their own dealer's staff (never another dealer's staff, another
//! dealer admin or a platform admin); a platform admin reaches anyone. A user out of scope
//! is [`ApiError::NotFound`], as if it did not exist, so an admin cannot learn about other
//! dealers' users.

use chrono::Utc;

use crate::auth::{AdminScope, ClientInfo, DealerAdmin};
use crate::db::audit::AuditEvent;
use crate::email::templates;
use crate::error::ApiError;
use crate::ids::UserId;
use crate::services::passwords::{dealer_branding, letter_branding};
use crate::state::AppState;

/// The audit event of `admin` acting on `target` from `client`: whose dealer the act
/// belongs to, and whom it touched.
fn admin_event<'a>(
    admin: &DealerAdmin,
    client: &'a ClientInfo,
    action: &'a str,
    target: UserId,
) -> AuditEvent<'a> {
    AuditEvent {
        dealer_id: admin.dealer_id(),
        target_user_id: Some(target),
        details: Some(serde_json::json!({
            "target_user_id": target,
            "dealer_id": admin.dealer_id(),
        })),
        ..client.audit(action, Some(admin.id()))
    }
}

/// Unlocks `user_id` and clears their failed-login count, and the in-memory failed-login
/// budget of their email and phone; audited as `admin.user_unlocked` in the same
/// transaction. Unlocking a user who is not locked is harmless.
pub async fn unlock_user(
    state: &AppState,
    admin: &DealerAdmin,
    user_id: UserId,
    client: &ClientInfo,
) -> Result<(), ApiError> {
    let now = Utc::now();
    let dealer = match admin.scope {
        AdminScope::Platform => None,
        AdminScope::Dealer(dealer_id) => Some(dealer_id),
    };
    let event = admin_event(admin, client, "admin.user_unlocked", user_id);
    if !crate::db::users::unlock_audited(&state.db, dealer, user_id, &event, now).await? {
        return Err(ApiError::NotFound);
    }
    if let Some(user) = crate::db::users::by_id(&state.db, user_id).await? {
        crate::services::sessions::forget_failed_logins(state, &user);
    }
    Ok(())
}

/// Resets `user_id`'s password to a temporary one and mails it to the user, never to the
/// admin. In one transaction: the password is replaced and must be changed at the next
/// login, the lockout is lifted, every session ends, the email is queued and the reset
/// audited as `admin.password_reset`. The letter wears the branding of the admin's dealer
/// (a platform admin's: the user's own). The in-memory failed-login budget of the user's
/// email and phone is cleared too, so the temporary password works at once.
pub async fn reset_password(
    state: &AppState,
    admin: &DealerAdmin,
    user_id: UserId,
    client: &ClientInfo,
) -> Result<(), ApiError> {
    let (user, branding) = match admin.scope {
        AdminScope::Platform => {
            let user = crate::db::users::by_id(&state.db, user_id).await?.ok_or(ApiError::NotFound)?;
            let branding = letter_branding(state, user.id).await?;
            (user, branding)
        }
        AdminScope::Dealer(dealer_id) => {
            let user = crate::db::users::administered_by_dealer(&state.db, dealer_id, user_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            (user, dealer_branding(state, Some(dealer_id)).await?)
        }
    };
    let password = crate::auth::password::temporary_password();
    let login_url = format!("{}/login", state.settings.server.public_url.trim_end_matches('/'));
    // The user's language, else the dealer's: the admin's screen says nothing of the user's.
    let language = crate::i18n::reader_language(branding.as_ref(), user.chosen_language(), None);
    let email = templates::temporary_password(
        branding.as_ref(),
        language,
        &user.email,
        &user.display_name,
        &password,
        &login_url,
    );
    let hash = state.hasher.hash(password).await?;
    let event = admin_event(admin, client, "admin.password_reset", user.id);
    let now = Utc::now();
    if !crate::db::passwords::set_temporary_password(&state.db, user.id, &hash, &email, &event, now).await? {
        return Err(ApiError::NotFound);
    }
    crate::services::sessions::forget_failed_logins(state, &user);
    state.outbox_wake.notify_one();
    Ok(())
}
