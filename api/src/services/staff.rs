//! Staff and roles (H10): a dealer admin invites people to the dealer's staff by email (a
//! one-time link to choose a password, the machinery of the admin setup link), changes their
//! role and stores, deactivates and reactivates them, and sends a pending invitation again.
//!
//! Only a dealer admin acts, on their own dealer's staff: a platform admin has no dealer
//! here (403), and anyone else's id answers 404. The dealer's last active admin cannot be
//! demoted or deactivated (409). Every change is audited in its own transaction.

use chrono::{Duration, Utc};
use shared::email::EmailAddress;
use shared::error::FieldError;
use shared::staff::{InviteStaffRequest, StaffMember, StaffRole, StaffStatus, UpdateStaffRequest};
use uuid::Uuid;

use crate::auth::tokens::{hash_refresh_token as hash_token, new_refresh_token as new_token};
use crate::auth::{ClientInfo, DealerAdmin};
use crate::db::audit::AuditEvent;
use crate::db::staff::{SetupLink, StaffChange, StaffInvitation};
use crate::db::users::NewUser;
use crate::email::templates;
use crate::error::ApiError;
use crate::ids::{DealerId, UserId};
use crate::state::AppState;

/// How long a staff invitation's link works.
pub const INVITATION_HOURS: i64 = 72;

const LAST_ADMIN: &str =
    "The dealer needs an active admin. Make someone else an admin first, then change this login.";

/// The admin's dealer: a platform admin works no dealer's staff (403).
fn dealer_of(admin: &DealerAdmin) -> Result<DealerId, ApiError> {
    admin.dealer_id().ok_or(ApiError::Forbidden)
}

/// The event of `admin` acting on the member of staff `target`.
fn staff_event<'a>(
    admin: &DealerAdmin,
    dealer_id: DealerId,
    client: &'a ClientInfo,
    action: &'a str,
    target: UserId,
    details: serde_json::Value,
) -> AuditEvent<'a> {
    AuditEvent {
        dealer_id: Some(dealer_id),
        target_user_id: Some(target),
        details: Some(details),
        ..client.audit(action, Some(admin.id()))
    }
}

/// The dealer's staff and admins, by name.
pub async fn list(state: &AppState, admin: &DealerAdmin) -> Result<Vec<StaffMember>, ApiError> {
    Ok(crate::db::staff::list(&state.db, dealer_of(admin)?).await?)
}

/// One member of the admin's dealer's staff; 404 for anyone else.
pub async fn one(state: &AppState, admin: &DealerAdmin, user_id: UserId) -> Result<StaffMember, ApiError> {
    crate::db::staff::one(&state.db, dealer_of(admin)?, user_id).await?.ok_or(ApiError::NotFound)
}

/// `location_ids` checked for `role`: without duplicates, each one of the dealer's stores,
/// and none for an admin (who sees every store).
async fn checked_locations(
    state: &AppState,
    dealer_id: DealerId,
    role: StaffRole,
    location_ids: &[Uuid],
    errors: &mut Vec<FieldError>,
) -> Result<Vec<Uuid>, ApiError> {
    let mut ids = location_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if role == StaffRole::DealerAdmin && !ids.is_empty() {
        errors.push(FieldError {
            field: "location_ids".into(),
            message: "Admins work for every store: leave the stores empty.".into(),
        });
        return Ok(Vec::new());
    }
    if !crate::db::staff::foreign_locations(&state.db, dealer_id, &ids).await?.is_empty() {
        errors.push(FieldError {
            field: "location_ids".into(),
            message: "Choose stores of this dealer.".into(),
        });
    }
    Ok(ids)
}

/// The invitee's email and name, trimmed; each bad one a field error.
fn checked_person(request: &InviteStaffRequest, errors: &mut Vec<FieldError>) -> (String, String) {
    let email = match EmailAddress::parse(&request.email) {
        Ok(email) => email.as_str().to_lowercase(),
        Err(_) => {
            errors.push(FieldError {
                field: "email".into(),
                message: "Enter an email address like name@example.com.".into(),
            });
            String::new()
        }
    };
    let name = request.display_name.trim().to_string();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        errors.push(FieldError {
            field: "display_name".into(),
            message: "Enter a name of at most 100 characters.".into(),
        });
    }
    (email, name)
}

/// The setup link and the letter inviting `to` (`display_name`) as `role`.
async fn invitation_letter(
    state: &AppState,
    admin: &DealerAdmin,
    dealer_id: DealerId,
    to: &str,
    display_name: &str,
    role: StaffRole,
) -> Result<(String, crate::db::outbox::NewEmail), ApiError> {
    let token = new_token();
    let link =
        format!("{}/reset-password?token={token}", state.settings.server.public_url.trim_end_matches('/'));
    let branding = crate::db::branding::by_id(&state.db, dealer_id).await?;
    let inviter = crate::db::users::by_id(&state.db, admin.id()).await?.map(|u| u.display_name);
    let language = crate::i18n::reader_language(branding.as_ref(), None, crate::i18n::asked_language());
    let letter = templates::staff_invitation(
        branding.as_ref(),
        language,
        to,
        display_name,
        inviter.as_deref(),
        role,
        &link,
        INVITATION_HOURS,
    );
    Ok((hash_token(&token), letter))
}

/// Invites someone to the dealer's staff: a login without a password, its stores, and a
/// one-time link to choose a password mailed to them (valid [`INVITATION_HOURS`]), audited as
/// `admin.staff_invited` — one transaction. 422 for bad input (every field named), 409 when
/// the email already names a login.
pub async fn invite(
    state: &AppState,
    admin: &DealerAdmin,
    request: InviteStaffRequest,
    client: &ClientInfo,
) -> Result<StaffMember, ApiError> {
    let dealer_id = dealer_of(admin)?;
    let mut errors = Vec::new();
    let (email, display_name) = checked_person(&request, &mut errors);
    let location_ids =
        checked_locations(state, dealer_id, request.role, &request.location_ids, &mut errors).await?;
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let user = NewUser {
        id: UserId::new(Uuid::now_v7()),
        email: email.clone(),
        phone_normalized: None,
        display_name,
        password_hash: None,
        role: request.role.user_role(),
        dealer_id: Some(dealer_id),
    };
    let (token_hash, letter) =
        invitation_letter(state, admin, dealer_id, &email, &user.display_name, request.role).await?;
    let now = Utc::now();
    let event = staff_event(
        admin,
        dealer_id,
        client,
        "admin.staff_invited",
        user.id,
        serde_json::json!({ "email": email, "role": request.role.as_str(), "location_ids": location_ids }),
    );
    let invitation = StaffInvitation {
        user: &user,
        location_ids: &location_ids,
        link: SetupLink {
            token_hash: &token_hash,
            expires_at: now + Duration::hours(INVITATION_HOURS),
            email: &letter,
        },
    };
    if !crate::db::staff::invite(&state.db, &invitation, &event, now).await? {
        return Err(ApiError::Conflict("This email already names a login.".into()));
    }
    state.outbox_wake.notify_one();
    one(state, admin, user.id).await
}

/// Sends a pending invitation again with a new link (the earlier ones stop working),
/// audited as `admin.staff_invitation_resent`. 409 when the person has already chosen a
/// password or is deactivated.
pub async fn resend(
    state: &AppState,
    admin: &DealerAdmin,
    user_id: UserId,
    client: &ClientInfo,
) -> Result<StaffMember, ApiError> {
    let dealer_id = dealer_of(admin)?;
    let member = one(state, admin, user_id).await?;
    match member.status {
        StaffStatus::Invited => {}
        StaffStatus::Deactivated => {
            return Err(ApiError::Conflict("This login is deactivated. Reactivate it first.".into()));
        }
        StaffStatus::Active | StaffStatus::Locked => {
            return Err(ApiError::Conflict("This person has already chosen a password.".into()));
        }
    }
    let (token_hash, letter) =
        invitation_letter(state, admin, dealer_id, &member.email, &member.display_name, member.role).await?;
    let now = Utc::now();
    let event = staff_event(
        admin,
        dealer_id,
        client,
        "admin.staff_invitation_resent",
        user_id,
        serde_json::json!({ "email": member.email }),
    );
    let link = SetupLink {
        token_hash: &token_hash,
        expires_at: now + Duration::hours(INVITATION_HOURS),
        email: &letter,
    };
    let sent = crate::db::staff::resend_invitation(&state.db, dealer_id, user_id, &link, &event, now).await?;
    if !sent {
        return Err(ApiError::Conflict("This invitation changed a moment ago. Reload the list.".into()));
    }
    state.outbox_wake.notify_one();
    one(state, admin, user_id).await
}

/// Changes a member's role and/or stores (omitted: unchanged), audited as
/// `admin.staff_updated`. Making someone an admin clears their stores. 409 for demoting the
/// dealer's last active admin (themself included).
pub async fn update(
    state: &AppState,
    admin: &DealerAdmin,
    user_id: UserId,
    request: UpdateStaffRequest,
    client: &ClientInfo,
) -> Result<StaffMember, ApiError> {
    let dealer_id = dealer_of(admin)?;
    let current = one(state, admin, user_id).await?;
    let role = request.role.unwrap_or(current.role);
    let mut errors = Vec::new();
    let location_ids = match &request.location_ids {
        Some(ids) => Some(checked_locations(state, dealer_id, role, ids, &mut errors).await?),
        None => None,
    };
    if request.role.is_none() && request.location_ids.is_none() {
        errors.push(FieldError { field: "role".into(), message: "Give a new role or stores.".into() });
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let before: Vec<Uuid> = current.locations.iter().map(|l| l.id).collect();
    let event = staff_event(
        admin,
        dealer_id,
        client,
        "admin.staff_updated",
        user_id,
        serde_json::json!({
            "role": role.as_str(),
            "previous_role": current.role.as_str(),
            "location_ids": location_ids.as_ref().unwrap_or(&before),
            "previous_location_ids": before,
        }),
    );
    let change = crate::db::staff::update(
        &state.db,
        dealer_id,
        user_id,
        request.role,
        location_ids.as_deref(),
        &event,
        Utc::now(),
    )
    .await?;
    settle(change)?;
    one(state, admin, user_id).await
}

/// Deactivates (`active == false`: every session ends at once, pending links stop working,
/// nothing is deleted) or reactivates a member, audited as `admin.staff_deactivated` or
/// `admin.staff_reactivated`. 409 for deactivating the dealer's last active admin.
pub async fn set_active(
    state: &AppState,
    admin: &DealerAdmin,
    user_id: UserId,
    active: bool,
    client: &ClientInfo,
) -> Result<StaffMember, ApiError> {
    let dealer_id = dealer_of(admin)?;
    let action = if active { "admin.staff_reactivated" } else { "admin.staff_deactivated" };
    let event = staff_event(admin, dealer_id, client, action, user_id, serde_json::json!({}));
    let change =
        crate::db::staff::set_active(&state.db, dealer_id, user_id, active, &event, Utc::now()).await?;
    settle(change)?;
    one(state, admin, user_id).await
}

fn settle(change: StaffChange) -> Result<(), ApiError> {
    match change {
        StaffChange::Done => Ok(()),
        StaffChange::NotFound => Err(ApiError::NotFound),
        StaffChange::LastAdmin => Err(ApiError::Conflict(LAST_ADMIN.into())),
    }
}
