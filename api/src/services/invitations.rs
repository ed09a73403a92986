//! Invitations and the account's users: a dealer admin (A4) or the account's owner (A12)
//! invites someone by email, resends (inviting again) or revokes; the invited person sees
//! what the link is for and accepts — with a new password, or by logging in when that email
//! already has a login (the account is then added to it, even at another dealer); the owner
//! changes what users may do and removes them.

use chrono::{DateTime, Duration, Utc};
use shared::accounts::{MembershipRole, Permissions};
use shared::email::EmailAddress;
use shared::error::FieldError;
use shared::invitations::{
    AcceptInvitationRequest, AccountUser, InvitationPreview, InvitationStatus, InvitationSummary,
    InviteRequest, UpdateAccountUserRequest,
};
use uuid::Uuid;

use crate::auth::tokens::{hash_refresh_token as hash_token, new_refresh_token as new_token};
use crate::auth::{AccountAccess, AdminScope, ClientInfo, DealerAdmin};
use crate::db::audit::AuditEvent;
use crate::db::customers::CustomerRecord;
use crate::db::invitations::{InvitationRow, InvitedVia, NewInvitation};
use crate::db::memberships::MembershipChange;
use crate::db::users::LoginKey;
use crate::email::templates;
use crate::error::ApiError;
use crate::ids::{CustomerId, UserId};
use crate::services::logins;
use crate::services::sessions::{self, IssuedSession};
use crate::state::AppState;

const LAST_OWNER: &str = "An account needs an owner. Make another user an owner first.";

/// Who acts on a customer's invitations, and so which customers they reach, which rules
/// apply and how the audit names the act.
#[derive(Debug, Clone, Copy)]
pub enum Inviter<'a> {
    /// A dealer admin (their dealer's customers) or a platform admin (any customer), A4.
    Admin { admin: &'a DealerAdmin, customer_id: CustomerId },
    /// An owner of the account their access is to, A12.
    Owner(&'a AccountAccess),
}

impl Inviter<'_> {
    fn user_id(&self) -> UserId {
        match self {
            Inviter::Admin { admin, .. } => admin.id(),
            Inviter::Owner(owner) => owner.user.id(),
        }
    }

    fn via(&self) -> InvitedVia {
        match self {
            Inviter::Admin { .. } => InvitedVia::Admin,
            Inviter::Owner(_) => InvitedVia::Owner,
        }
    }

    /// The customer acted on: an admin's only within their scope.
    async fn customer(&self, state: &AppState) -> Result<CustomerRecord, ApiError> {
        match self {
            Inviter::Admin { admin, customer_id } => customer_in_scope(state, admin, *customer_id).await,
            Inviter::Owner(owner) => {
                crate::db::customers::by_id(&state.db, owner.customer_id).await?.ok_or(ApiError::NotFound)
            }
        }
    }
}

/// The customer `customer_id` if it is within `admin`'s scope; otherwise 404, as if it did
/// not exist, so an admin learns nothing about other dealers' customers.
pub async fn customer_in_scope(
    state: &AppState,
    admin: &DealerAdmin,
    customer_id: CustomerId,
) -> Result<CustomerRecord, ApiError> {
    crate::db::customers::by_id(&state.db, customer_id)
        .await?
        .filter(|c| match admin.scope {
            AdminScope::Platform => true,
            AdminScope::Dealer(dealer_id) => c.dealer_id == dealer_id,
        })
        .ok_or(ApiError::NotFound)
}

fn problem(field: &str, message: impl Into<String>) -> FieldError {
    FieldError { field: field.into(), message: message.into() }
}

/// The permissions a user of `role` holds: an owner every one, a member those asked for,
/// else `default`. Every user may at least view the account.
fn permissions_for(
    role: MembershipRole,
    asked: Option<Permissions>,
    default: Permissions,
) -> Result<Permissions, ApiError> {
    let permissions = match role {
        MembershipRole::Owner => Permissions::ALL,
        MembershipRole::Member => asked.unwrap_or(default),
    };
    if !permissions.view {
        return Err(ApiError::field("permissions", "Every user may at least view the account."));
    }
    Ok(permissions)
}

/// Whether anyone may be invited to `customer`: it must be eligible (A5). Admins read every
/// failed rule (field `customer`); owners, who cannot fix them, whom to contact.
fn check_eligible(customer: &CustomerRecord, via: InvitedVia) -> Result<(), ApiError> {
    let reasons = crate::domain::eligibility::check(&customer.facts());
    if reasons.is_empty() {
        return Ok(());
    }
    Err(ApiError::Validation(match via {
        InvitedVia::Admin => reasons.into_iter().map(|r| problem("customer", r.explain())).collect(),
        InvitedVia::Owner => vec![problem(
            "customer",
            format!(
                "This account cannot take new portal users right now. Please contact {}.",
                customer.store_name
            ),
        )],
    }))
}

/// The name of the contact `email` belongs to, if any. An admin may only invite one of the
/// customer's contact emails or its own email (seed 002), so that the store mails only
/// people it knows; an owner, who answers for whom they invite, any address.
async fn invitee_name(
    state: &AppState,
    customer: &CustomerRecord,
    via: InvitedVia,
    email: &str,
) -> Result<Option<String>, ApiError> {
    let contacts = crate::db::customers::contact_emails(&state.db, customer.id).await?;
    let contact = contacts.iter().find(|c| c.email.trim().eq_ignore_ascii_case(email));
    let own_email = customer.email.as_deref().is_some_and(|e| e.trim().eq_ignore_ascii_case(email));
    if via == InvitedVia::Admin && contact.is_none() && !own_email {
        let mut choices: Vec<String> = contacts.iter().map(|c| c.email.trim().to_lowercase()).collect();
        choices.extend(customer.email.as_deref().map(|e| e.trim().to_lowercase()));
        choices.dedup();
        return Err(ApiError::field(
            "email",
            &format!("Choose one of the customer's contact emails: {}.", choices.join(", ")),
        ));
    }
    Ok(contact.map(|c| c.name.clone()))
}

/// Checks and sends one invitation, audited as `admin.user_invited` or
/// `account.user_invited`:
///
/// - the customer must be eligible, and the email one the inviter may invite (above);
/// - an email that already uses the account is refused; inviting the same email again
///   expires the earlier invitation (a resend);
/// - role: an admin's invitation defaults to `owner` while the customer has no owner, else
///   `member`; an owner's to `member`. Owners always hold every permission; members default
///   to view-only.
///
/// The link, `{public_url}/invitation?token=...`, is valid `auth.invitation_ttl_days`.
pub async fn send(
    state: &AppState,
    inviter: Inviter<'_>,
    request: InviteRequest,
    client: &ClientInfo,
) -> Result<InvitationSummary, ApiError> {
    let customer = inviter.customer(state).await?;
    let via = inviter.via();
    let email = request.email.trim().to_lowercase();
    if !EmailAddress::is_valid(&email) {
        return Err(ApiError::field("email", "Enter an email address."));
    }
    check_eligible(&customer, via)?;
    let invitee_name = invitee_name(state, &customer, via, &email).await?;
    if crate::db::memberships::email_is_member(&state.db, customer.id, &email).await? {
        return Err(ApiError::field("email", &format!("{email} already uses this account.")));
    }
    let role = match (request.role, via) {
        (Some(role), _) => role,
        (None, InvitedVia::Admin)
            if crate::db::memberships::owner_count(&state.db, customer.id).await? == 0 =>
        {
            MembershipRole::Owner
        }
        (None, _) => MembershipRole::Member,
    };
    let permissions = permissions_for(role, request.permissions, Permissions::VIEW_ONLY)?;

    let now = Utc::now();
    let ttl_days = i64::from(state.settings.auth.invitation_ttl_days.max(1));
    let token = new_token();
    let link = format!("{}/invitation?token={token}", state.settings.server.public_url.trim_end_matches('/'));
    let branding = crate::db::branding::by_id(&state.db, customer.dealer_id).await?;
    // An invitee who already has a login may have chosen a language; else the inviter's.
    let chosen = crate::db::users::find_for_login(&state.db, &LoginKey::Email(email.clone()))
        .await?
        .and_then(|user| user.chosen_language());
    let language = crate::i18n::reader_language(branding.as_ref(), chosen, crate::i18n::asked_language());
    let message = templates::invitation(
        branding.as_ref(),
        language,
        &email,
        invitee_name.as_deref(),
        &customer.name,
        &link,
        ttl_days,
    );
    let invitation = NewInvitation {
        id: Uuid::now_v7(),
        dealer_id: customer.dealer_id,
        customer_id: customer.id,
        email: email.clone(),
        invitee_name,
        role,
        permissions,
        invited_via: via,
        invited_by: inviter.user_id(),
        token_hash: hash_token(&token),
        expires_at: now + Duration::days(ttl_days),
    };
    let action = match via {
        InvitedVia::Admin => "admin.user_invited",
        InvitedVia::Owner => "account.user_invited",
    };
    let event = AuditEvent {
        dealer_id: Some(customer.dealer_id),
        customer_id: Some(customer.id),
        details: Some(serde_json::json!({
            "invitation_id": invitation.id,
            "email": email,
            "role": role.as_str(),
            "permissions": permissions,
        })),
        ..client.audit(action, Some(inviter.user_id()))
    };
    crate::db::invitations::create(&state.db, &invitation, &message, &event, now).await?;
    state.outbox_wake.notify_one();
    Ok(InvitationSummary {
        id: invitation.id,
        customer_id: customer.id.get(),
        email,
        role,
        permissions,
        status: InvitationStatus::Pending,
        sent_at: now,
        expires_at: invitation.expires_at,
        accepted_at: None,
    })
}

/// Revokes one pending invitation of the customer, audited as `admin.invitation_revoked`
/// or `account.invitation_revoked` in the same transaction. Once revoked, the link answers
/// like a used one.
///
/// Anything but a pending invitation of this very customer — an unknown id, another
/// customer's, an accepted, expired or already revoked one — is a 404, and nothing is
/// written.
pub async fn revoke(
    state: &AppState,
    inviter: Inviter<'_>,
    invitation_id: Uuid,
    client: &ClientInfo,
) -> Result<(), ApiError> {
    let customer = inviter.customer(state).await?;
    let now = Utc::now();
    let invitation = crate::db::invitations::of_customer(&state.db, customer.id, invitation_id)
        .await?
        .filter(|i| i.status(now) == InvitationStatus::Pending)
        .ok_or(ApiError::NotFound)?;
    let action = match inviter.via() {
        InvitedVia::Admin => "admin.invitation_revoked",
        InvitedVia::Owner => "account.invitation_revoked",
    };
    let event = AuditEvent {
        dealer_id: Some(customer.dealer_id),
        customer_id: Some(customer.id),
        details: Some(serde_json::json!({
            "invitation_id": invitation.id,
            "email": invitation.email,
            "role": invitation.role().as_str(),
        })),
        ..client.audit(action, Some(inviter.user_id()))
    };
    // Guarded again in the write: accepted or revoked meanwhile is a 404 too.
    if crate::db::invitations::revoke(&state.db, customer.id, invitation.id, &event, now).await? {
        Ok(())
    } else {
        Err(ApiError::NotFound)
    }
}

/// The invitation a token names, if it can still be accepted.
async fn live_invitation(state: &AppState, token: &str) -> Result<Option<InvitationRow>, ApiError> {
    let now = Utc::now();
    Ok(crate::db::invitations::by_token_hash(&state.db, &hash_token(token.trim()))
        .await?
        .filter(|i| i.status(now) == InvitationStatus::Pending))
}

/// What an invitation link is for: the customer, the dealer's branding, the invited email,
/// and whether that email already has a login (then the person logs in to accept). The
/// token is the proof: unknown, expired, revoked and used tokens are all the same 404.
pub async fn preview(state: &AppState, token: &str) -> Result<InvitationPreview, ApiError> {
    let invitation = live_invitation(state, token).await?.ok_or(ApiError::NotFound)?;
    let dealer =
        crate::db::branding::by_id(&state.db, invitation.dealer_id).await?.ok_or(ApiError::NotFound)?;
    let existing =
        crate::db::users::find_for_login(&state.db, &LoginKey::Email(invitation.email.clone())).await?;
    Ok(InvitationPreview {
        customer_name: invitation.customer_name,
        dealer,
        email: invitation.email,
        existing_login: existing.is_some(),
    })
}

/// What accepting an invitation led to.
pub enum Acceptance {
    /// A new login was created with the account, and signed in.
    NewLogin(Box<IssuedSession>),
    /// The account was added to the signed-in user's existing login.
    AddedToLogin,
}

fn expired() -> ApiError {
    ApiError::field(
        "token",
        "This invitation has expired or was already used. Ask your rental store for a new one.",
    )
}

/// The email has a login: only that user may accept.
fn log_in_as(email: &str) -> ApiError {
    ApiError::LoginRequired(format!(
        "{email} already has a portal login. Log in as {email} to accept this invitation."
    ))
}

/// Accepts an invitation, audited as `auth.invitation_accepted`. `signed_in` is the user
/// the request's access token names, if any.
///
/// When the invited email has no login yet, the request's password (policy applies) and
/// optional display name create it with the account, and it is signed in. When the email
/// has a login, only that user, signed in, may accept: the account is added to their login.
/// The token works once; expired or used is a 422 `token`, as is a customer that is no
/// longer eligible.
pub async fn accept(
    state: &AppState,
    request: AcceptInvitationRequest,
    signed_in: Option<UserId>,
    client: &ClientInfo,
) -> Result<Acceptance, ApiError> {
    let invitation = live_invitation(state, &request.token).await?.ok_or_else(expired)?;
    if !logins::still_eligible(state, invitation.customer_id).await? {
        return Err(expired());
    }
    let now = Utc::now();
    let existing =
        crate::db::users::find_for_login(&state.db, &LoginKey::Email(invitation.email.clone())).await?;
    let Some(user) = existing else {
        let session = accept_as_new_user(state, &invitation, request, client, now).await?;
        return Ok(Acceptance::NewLogin(Box::new(session)));
    };
    if signed_in != Some(user.id) {
        return Err(log_in_as(&invitation.email));
    }
    let event = AuditEvent {
        dealer_id: Some(invitation.dealer_id),
        customer_id: Some(invitation.customer_id),
        details: Some(serde_json::json!({ "invitation_id": invitation.id, "existing_login": true })),
        ..client.audit("auth.invitation_accepted", Some(user.id))
    };
    if !crate::db::invitations::accept_for_existing(&state.db, &invitation, user.id, &event, now).await? {
        return Err(expired());
    }
    Ok(Acceptance::AddedToLogin)
}

/// Creates the invited email's login with the account, and signs it in.
async fn accept_as_new_user(
    state: &AppState,
    invitation: &InvitationRow,
    request: AcceptInvitationRequest,
    client: &ClientInfo,
    now: DateTime<Utc>,
) -> Result<IssuedSession, ApiError> {
    let display_name = request
        .display_name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| n.chars().take(120).collect())
        .or_else(|| invitation.invitee_name.clone())
        .unwrap_or_else(|| invitation.email.clone());
    let password = request.new_password.unwrap_or_default();
    if password.is_empty() {
        return Err(ApiError::field("new_password", "Choose a password for your new login."));
    }
    crate::auth::policy::check_new_password_field(
        &password,
        &[&invitation.email, &display_name],
        "new_password",
    )
    .map_err(ApiError::Validation)?;
    let user = logins::new_customer(state, invitation.email.clone(), None, display_name, password).await?;
    let event = AuditEvent {
        dealer_id: Some(invitation.dealer_id),
        customer_id: Some(invitation.customer_id),
        details: Some(serde_json::json!({ "invitation_id": invitation.id, "existing_login": false })),
        ..client.audit("auth.invitation_accepted", Some(user.id))
    };
    match crate::db::invitations::accept_as_new_user(&state.db, invitation, &user, &event, now).await {
        Ok(true) => {}
        Ok(false) => return Err(expired()),
        // The email got a login meanwhile (another invitation, a registration).
        Err(err) if crate::db::is_unique_violation(&err) => return Err(log_in_as(&invitation.email)),
        Err(err) => return Err(err.into()),
    }
    sessions::start_new_session(state, user.id, client).await
}

/// Changes the role or permissions of a user of the owner's account; omitted fields keep
/// their value. Audited as `account.user_permissions_changed`. Demoting the last owner
/// (the owner themself included) is a 409: an account needs an owner. Takes effect on the
/// user's next request, which reads the membership afresh.
pub async fn change_member(
    state: &AppState,
    owner: &AccountAccess,
    user_id: UserId,
    request: UpdateAccountUserRequest,
    client: &ClientInfo,
) -> Result<AccountUser, ApiError> {
    let customer_id = owner.customer_id;
    let current =
        crate::db::memberships::user_of(&state.db, customer_id, user_id).await?.ok_or(ApiError::NotFound)?;
    let role = request.role.unwrap_or(current.role);
    let permissions = permissions_for(role, request.permissions, current.permissions)?;
    let event = AuditEvent {
        dealer_id: Some(owner.dealer_id),
        customer_id: Some(customer_id),
        target_user_id: Some(user_id),
        details: Some(serde_json::json!({
            "target_user_id": user_id,
            "role": role.as_str(),
            "permissions": permissions,
        })),
        ..client.audit("account.user_permissions_changed", Some(owner.user.id()))
    };
    let now = Utc::now();
    match crate::db::memberships::update(&state.db, customer_id, user_id, role, permissions, &event, now)
        .await?
    {
        MembershipChange::Done => {}
        MembershipChange::NotFound => return Err(ApiError::NotFound),
        MembershipChange::LastOwner => return Err(ApiError::Conflict(LAST_OWNER.into())),
    }
    crate::db::memberships::user_of(&state.db, customer_id, user_id).await?.ok_or(ApiError::NotFound)
}

/// Removes a user from the owner's account, audited as `account.user_removed`. Their login
/// stays (with any other accounts). Removing the last owner is a 409, as for demoting.
pub async fn remove_member(
    state: &AppState,
    owner: &AccountAccess,
    user_id: UserId,
    client: &ClientInfo,
) -> Result<(), ApiError> {
    let customer_id = owner.customer_id;
    let event = AuditEvent {
        dealer_id: Some(owner.dealer_id),
        customer_id: Some(customer_id),
        target_user_id: Some(user_id),
        details: Some(serde_json::json!({ "target_user_id": user_id })),
        ..client.audit("account.user_removed", Some(owner.user.id()))
    };
    match crate::db::memberships::remove(&state.db, customer_id, user_id, &event, Utc::now()).await? {
        MembershipChange::Done => Ok(()),
        MembershipChange::NotFound => Err(ApiError::NotFound),
        MembershipChange::LastOwner => Err(ApiError::Conflict(LAST_OWNER.into())),
    }
}
