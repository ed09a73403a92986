//! Invitations (A4): a dealer admin invites one of a customer's contact emails; the invited
//! person opens the emailed link, sees whose account it is, and accepts — with a new
//! password, or by logging in when that email already has a login (the account is then
//! added to it, even at another dealer). The account owner's invitations (A12) go through
//! [`send_invitation`] too.

use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use chrono::{Duration, Utc};
use shared::accounts::{MembershipRole, Permissions};
use shared::auth::UserRole;
use shared::error::FieldError;
use shared::invitations::{
    AcceptInvitationRequest, InvitationPreview, InvitationStatus, InvitationSummary, InviteRequest,
};
use uuid::Uuid;

use crate::auth::ClientInfo;
use crate::auth::tokens::{hash_refresh_token as hash_token, new_refresh_token as new_token};
use crate::auth::{AdminScope, AuthUser, DealerAdmin, Limit};
use crate::db::customers::CustomerRecord;
use crate::db::invitations::{InvitationRow, InvitedVia, NewInvitation};
use crate::db::users::{LoginKey, NewUser};
use crate::email::templates;
use crate::error::ApiError;
use crate::state::AppState;

/// Who is inviting, and so which rules apply.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Inviter {
    pub user_id: Uuid,
    pub via: InvitedVia,
}

fn problem(field: &str, message: impl Into<String>) -> FieldError {
    FieldError { field: field.into(), message: message.into() }
}

/// Checks and sends one invitation to `customer` (already scoped to the caller), audited as
/// `action`. Shared by the admin (A4) and the account owner (A12):
///
/// - the customer must be eligible (A5); admins read every failed rule (field `customer`),
///   owners a generic message;
/// - an admin may only invite one of the customer's contact emails or the customer's own
///   email (seed 002); an owner may invite any address;
/// - role: an admin's invitation defaults to `owner` while the customer has no owner, else
///   `member`; an owner's to `member`. Owners always hold every permission; members default
///   to view-only, and `view` must stay on;
/// - an email that already uses the account is refused; inviting the same email again
///   expires the earlier invitation (a resend).
pub(crate) async fn send_invitation(
    state: &AppState,
    customer: &CustomerRecord,
    inviter: Inviter,
    request: InviteRequest,
    client: &ClientInfo,
    action: &str,
) -> Result<InvitationSummary, ApiError> {
    let email = request.email.trim().to_lowercase();
    if email.len() > 254 || !email.contains('@') || email.starts_with('@') || email.ends_with('@') {
        return Err(ApiError::field("email", "Enter an email address."));
    }
    let reasons = crate::domain::eligibility::check(&customer.facts());
    if !reasons.is_empty() {
        return Err(ApiError::Validation(match inviter.via {
            InvitedVia::Admin => reasons.into_iter().map(|r| problem("customer", r.explain())).collect(),
            InvitedVia::Owner => vec![problem(
                "customer",
                format!(
                    "This account cannot take new portal users right now. Please contact {}.",
                    customer.store_name
                ),
            )],
        }));
    }
    let contacts = crate::db::customers::contact_emails(&state.db, customer.id).await?;
    let contact = contacts.iter().find(|c| c.email.trim().eq_ignore_ascii_case(&email));
    let own_email = customer.email.as_deref().is_some_and(|e| e.trim().eq_ignore_ascii_case(&email));
    if inviter.via == InvitedVia::Admin && contact.is_none() && !own_email {
        let mut choices: Vec<String> = contacts.iter().map(|c| c.email.trim().to_lowercase()).collect();
        choices.extend(customer.email.as_deref().map(|e| e.trim().to_lowercase()));
        choices.dedup();
        return Err(ApiError::field(
            "email",
            &format!("Choose one of the customer's contact emails: {}.", choices.join(", ")),
        ));
    }
    if crate::db::memberships::email_is_member(&state.db, customer.id, &email).await? {
        return Err(ApiError::field("email", &format!("{email} already uses this account.")));
    }
    let role = match (request.role, inviter.via) {
        (Some(role), _) => role,
        (None, InvitedVia::Admin)
            if crate::db::memberships::owner_count(&state.db, customer.id).await? == 0 =>
        {
            MembershipRole::Owner
        }
        (None, _) => MembershipRole::Member,
    };
    let permissions = match role {
        MembershipRole::Owner => Permissions::ALL,
        MembershipRole::Member => request.permissions.unwrap_or(Permissions::VIEW_ONLY),
    };
    if !permissions.view {
        return Err(ApiError::field("permissions", "Every user may at least view the account."));
    }

    let now = Utc::now();
    let ttl_days = i64::from(state.settings.auth.invitation_ttl_days.max(1));
    let token = new_token();
    let link = format!("{}/invitation?token={token}", state.settings.server.public_url.trim_end_matches('/'));
    let branding = crate::db::branding::by_id(&state.db, customer.dealer_id).await?;
    let invitee_name = contact.map(|c| c.name.clone());
    let message = templates::invitation(
        branding.as_ref(),
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
        invited_via: inviter.via,
        invited_by: inviter.user_id,
        token_hash: hash_token(&token),
        expires_at: now + Duration::days(ttl_days),
    };
    let event = crate::db::audit::AuditEvent {
        dealer_id: Some(customer.dealer_id),
        customer_id: Some(customer.id),
        details: Some(serde_json::json!({
            "invitation_id": invitation.id,
            "email": email,
            "role": role.as_str(),
            "permissions": permissions,
        })),
        ..client.audit(action, Some(inviter.user_id))
    };
    crate::db::invitations::create(&state.db, &invitation, &message, &event, now).await?;
    state.outbox_wake.notify_one();
    Ok(InvitationSummary {
        id: invitation.id,
        customer_id: customer.id,
        email,
        role,
        permissions,
        status: InvitationStatus::Pending,
        sent_at: now,
        expires_at: invitation.expires_at,
        accepted_at: None,
    })
}

/// Revokes one pending invitation of `customer` (already scoped to the caller), audited as
/// `action` in the same transaction. Shared by the account owner (A12) and the admin (A4).
///
/// Anything but a pending invitation of this very customer — a malformed or unknown id,
/// another customer's, an accepted, expired or already revoked one — answers 404, and
/// nothing is written. Once revoked, the link answers like a used one.
pub(crate) async fn revoke_invitation(
    state: &AppState,
    customer: &CustomerRecord,
    invitation_id: &str,
    actor: Uuid,
    client: &ClientInfo,
    action: &str,
) -> Result<(), ApiError> {
    let invitation_id = invitation_id.parse::<Uuid>().map_err(|_| ApiError::NotFound)?;
    let now = Utc::now();
    let invitation = crate::db::invitations::of_customer(&state.db, customer.id, invitation_id)
        .await?
        .filter(|i| i.status(now) == InvitationStatus::Pending)
        .ok_or(ApiError::NotFound)?;
    let event = crate::db::audit::AuditEvent {
        dealer_id: Some(customer.dealer_id),
        customer_id: Some(customer.id),
        details: Some(serde_json::json!({
            "invitation_id": invitation.id,
            "email": invitation.email,
            "role": invitation.role().as_str(),
        })),
        ..client.audit(action, Some(actor))
    };
    // Guarded again in the write: accepted or revoked meanwhile answers 404 too.
    if crate::db::invitations::revoke(&state.db, customer.id, invitation.id, &event, now).await? {
        Ok(())
    } else {
        Err(ApiError::NotFound)
    }
}

/// The customer named by the path, if it is within the admin's scope; otherwise 404.
async fn customer_in_scope(
    state: &AppState,
    admin: &DealerAdmin,
    path: &str,
) -> Result<CustomerRecord, ApiError> {
    let customer_id = path.parse::<Uuid>().map_err(|_| ApiError::NotFound)?;
    crate::db::customers::by_id(&state.db, customer_id)
        .await?
        .filter(|c| match admin.scope {
            AdminScope::Platform => true,
            AdminScope::Dealer(dealer_id) => c.dealer_id == dealer_id,
        })
        .ok_or(ApiError::NotFound)
}

/// Invite one of a customer's contact emails to the portal (A4).
///
/// `email` must be one of the emails of the customer's contacts, or the customer's own
/// email (422 `email` otherwise, listing the choices). The customer must be eligible for
/// the portal; otherwise 422 with one `customer` error per failed rule. `role` defaults to
/// `owner` while the customer has no owner yet, else `member`; owners hold every
/// permission, members default to view-only. Inviting the same email again expires the
/// earlier link ("resend"). The invitation email carries a single-use link to
/// `{public_url}/invitation?token=...`, valid `auth.invitation_ttl_days`. A dealer admin
/// reaches their dealer's customers only (others answer 404); a platform admin any.
/// Audited as `admin.user_invited`.
#[utoipa::path(post, path = "/api/v1/admin/customers/{customer_id}/invitations", tag = "admin",
    params(("customer_id" = Uuid, Path, description = "The customer to invite someone to")),
    request_body = InviteRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, body = InvitationSummary, description = "Invitation sent"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Not a dealer or platform admin"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json",
            description = "No such customer within the admin's dealer"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Not a contact email (`email`), already a user, or an ineligible customer (`customer`, one error per reason)"),
    ))]
#[post("/admin/customers/{customer_id}/invitations")]
pub async fn admin_invite(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Json<InviteRequest>,
) -> Result<HttpResponse, ApiError> {
    let customer = customer_in_scope(&state, &admin, &path).await?;
    let inviter = Inviter { user_id: admin.id(), via: InvitedVia::Admin };
    let client = ClientInfo::of(&req);
    let summary =
        send_invitation(&state, &customer, inviter, body.into_inner(), &client, "admin.user_invited").await?;
    Ok(HttpResponse::Created().json(summary))
}

/// A customer's invitations, newest first, with their status (H4): when each was sent,
/// whether it was accepted (which also confirms the email) and when. Scoped as for inviting.
#[utoipa::path(get, path = "/api/v1/admin/customers/{customer_id}/invitations", tag = "admin",
    params(("customer_id" = Uuid, Path, description = "The customer")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<InvitationSummary>),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/customers/{customer_id}/invitations")]
pub async fn admin_list(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let customer = customer_in_scope(&state, &admin, &path).await?;
    let now = Utc::now();
    let rows = crate::db::invitations::for_customer(&state.db, customer.id).await?;
    let list: Vec<InvitationSummary> = rows.iter().map(|r| r.summary(now)).collect();
    Ok(HttpResponse::Ok().json(list))
}

/// Withdraw a customer's pending invitation (A4): its link stops working at once, and
/// previews and accepts like a used one. Only a pending invitation of this customer can be
/// revoked; an accepted, expired or already revoked one, or another customer's, answers
/// 404. Scoped as for inviting: a dealer admin reaches their dealer's customers only (others
/// answer 404); a platform admin any. Audited as `admin.invitation_revoked`.
#[utoipa::path(delete, path = "/api/v1/admin/customers/{customer_id}/invitations/{invitation_id}",
    tag = "admin",
    params(
        ("customer_id" = Uuid, Path, description = "The customer"),
        ("invitation_id" = Uuid, Path, description = "The pending invitation to revoke"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Not a dealer or platform admin"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json",
            description = "No such customer within the admin's dealer, or no pending invitation of it"),
    ))]
#[delete("/admin/customers/{customer_id}/invitations/{invitation_id}")]
pub async fn admin_revoke(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let customer = customer_in_scope(&state, &admin, &path.0).await?;
    let client = ClientInfo::of(&req);
    revoke_invitation(&state, &customer, &path.1, admin.id(), &client, "admin.invitation_revoked").await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The invitation a token names, if it can still be accepted.
async fn live_invitation(state: &AppState, token: &str) -> Result<Option<InvitationRow>, ApiError> {
    let now = Utc::now();
    Ok(crate::db::invitations::by_token_hash(&state.db, &hash_token(token.trim()))
        .await?
        .filter(|i| i.status(now) == InvitationStatus::Pending))
}

/// What an invitation link is for: the customer, the dealer's branding, the invited email,
/// and whether that email already has a login (then the person logs in to accept).
///
/// The token is the proof: unknown, expired, revoked and used tokens all answer the same 404.
#[utoipa::path(get, path = "/api/v1/invitations/{token}", tag = "auth",
    params(("token" = String, Path, description = "The token from the emailed link")),
    responses(
        (status = 200, body = InvitationPreview),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Unknown, expired, revoked or already used"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json"),
    ))]
#[get("/invitations/{token}")]
pub async fn preview(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Sensitive, &req)?;
    let invitation = live_invitation(&state, &path).await?.ok_or(ApiError::NotFound)?;
    let dealer =
        crate::db::branding::by_id(&state.db, invitation.dealer_id).await?.ok_or(ApiError::NotFound)?;
    let existing =
        crate::db::users::find_for_login(&state.db, &LoginKey::Email(invitation.email.clone())).await?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(InvitationPreview {
        customer_name: invitation.customer_name,
        dealer,
        email: invitation.email,
        existing_login: existing.is_some(),
    }))
}

/// Accept an invitation.
///
/// When the invited email has no login yet, `new_password` (password policy applies) and
/// optionally `display_name` create it with the account, and the answer signs the new user
/// in as `POST /auth/login` does (200). When the email already has a login, the request
/// must carry that user's access token (otherwise 401 saying whom to log in as); the
/// account is added to the login — even at another dealer — and the answer is 204 (fetch
/// `/me` again). The token works once; expired or used answers 422 `token`. Audited as
/// `auth.invitation_accepted`.
#[utoipa::path(post, path = "/api/v1/invitations/accept", tag = "auth", request_body = AcceptInvitationRequest,
    responses(
        (status = 200, body = shared::auth::SessionResponse, description = "New login created and signed in"),
        (status = 204, description = "The account was added to the signed-in user's login"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json",
            description = "The email has a login: log in as that user first"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Expired or used invitation (`token`), or a password the policy refuses (`new_password`)"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json"),
    ))]
#[post("/invitations/accept")]
pub async fn accept(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: Option<AuthUser>,
    body: web::Json<AcceptInvitationRequest>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Sensitive, &req)?;
    let body = body.into_inner();
    let expired = || {
        ApiError::field(
            "token",
            "This invitation has expired or was already used. Ask your rental store for a new one.",
        )
    };
    let invitation = live_invitation(&state, &body.token).await?.ok_or_else(expired)?;
    // The customer may have changed since the invitation went out.
    let eligible = crate::db::customers::by_id(&state.db, invitation.customer_id)
        .await?
        .is_some_and(|c| crate::domain::eligibility::check(&c.facts()).is_empty());
    if !eligible {
        return Err(expired());
    }
    let client = ClientInfo::of(&req);
    let now = Utc::now();
    let existing =
        crate::db::users::find_for_login(&state.db, &LoginKey::Email(invitation.email.clone())).await?;

    if let Some(user) = existing {
        if signed_in.as_ref().map(AuthUser::id) != Some(user.id) {
            return Err(ApiError::LoginRequired(format!(
                "{email} already has a portal login. Log in as {email} to accept this invitation.",
                email = invitation.email
            )));
        }
        let event = crate::db::audit::AuditEvent {
            dealer_id: Some(invitation.dealer_id),
            customer_id: Some(invitation.customer_id),
            details: Some(serde_json::json!({ "invitation_id": invitation.id, "existing_login": true })),
            ..client.audit("auth.invitation_accepted", Some(user.id))
        };
        if !crate::db::invitations::accept_for_existing(&state.db, &invitation, user.id, &event, now).await? {
            return Err(expired());
        }
        return Ok(HttpResponse::NoContent().finish());
    }

    let display_name = body
        .display_name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| n.chars().take(120).collect())
        .or_else(|| invitation.invitee_name.clone())
        .unwrap_or_else(|| invitation.email.clone());
    let password = body.new_password.unwrap_or_default();
    if password.is_empty() {
        return Err(ApiError::field("new_password", "Choose a password for your new login."));
    }
    crate::auth::policy::check_new_password_field(
        &password,
        &[&invitation.email, &display_name],
        "new_password",
    )
    .map_err(ApiError::Validation)?;
    let password_hash = state.hasher.hash(password).await.map_err(ApiError::Internal)?;
    let user = NewUser {
        id: Uuid::now_v7(),
        email: invitation.email.clone(),
        phone_normalized: None,
        display_name,
        password_hash: Some(password_hash),
        role: UserRole::Customer,
        dealer_id: None,
    };
    let event = crate::db::audit::AuditEvent {
        dealer_id: Some(invitation.dealer_id),
        customer_id: Some(invitation.customer_id),
        details: Some(serde_json::json!({ "invitation_id": invitation.id, "existing_login": false })),
        ..client.audit("auth.invitation_accepted", Some(user.id))
    };
    match crate::db::invitations::accept_as_new_user(&state.db, &invitation, &user, &event, now).await {
        Ok(true) => {}
        Ok(false) => return Err(expired()),
        // The email got a login meanwhile (another invitation, a registration).
        Err(err) if crate::db::is_unique_violation(&err) => {
            return Err(ApiError::LoginRequired(format!(
                "{email} already has a portal login. Log in as {email} to accept this invitation.",
                email = invitation.email
            )));
        }
        Err(err) => return Err(err.into()),
    }
    let row = crate::db::users::by_id(&state.db, user.id)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("invited user vanished")))?;
    Ok(crate::routes::auth::signed_in(
        &state,
        crate::services::sessions::start_session(&state, &row, &client).await?,
    ))
}
