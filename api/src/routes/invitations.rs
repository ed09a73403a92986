//! Invitations (A4): a dealer admin invites one of a customer's contact emails; the invited
//! person opens the emailed link, sees whose account it is, and accepts — with a new
//! password, or by logging in when that email already has a login (the account is then
//! added to it, even at another dealer). The rules, shared with the account owner's
//! invitations (A12), are in [`crate::services::invitations`].

use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use chrono::Utc;
use shared::invitations::{AcceptInvitationRequest, InvitationPreview, InvitationSummary, InviteRequest};

use super::list_params::path_id;
use crate::auth::{AuthUser, ClientInfo, DealerAdmin, Limit};
use crate::error::ApiError;
use crate::ids::CustomerId;
use crate::routes::auth::{no_store, signed_in_instead};
use crate::services::invitations::{self, Acceptance, Inviter};
use crate::state::AppState;

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
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
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
    client: ClientInfo,
    path: web::Path<String>,
    body: super::json::Json<InviteRequest>,
) -> Result<HttpResponse, ApiError> {
    let inviter = Inviter::Admin { admin: &admin, customer_id: CustomerId::new(path_id(&path)?) };
    let summary = invitations::send(&state, inviter, body.into_inner(), &client).await?;
    Ok(HttpResponse::Created().json(summary))
}

/// A customer's invitations, newest first, with their status (H4): when each was sent,
/// whether it was accepted (which also confirms the email) and when. Scoped as for inviting.
#[utoipa::path(get, path = "/api/v1/admin/customers/{customer_id}/invitations", tag = "admin",
    params(("customer_id" = Uuid, Path, description = "The customer")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<InvitationSummary>, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Signed in, but not allowed to do this"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "Not found, or not visible to this login"),
    ))]
#[get("/admin/customers/{customer_id}/invitations")]
pub async fn admin_list(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let customer = invitations::customer_in_scope(&state, &admin, CustomerId::new(path_id(&path)?)).await?;
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
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Not a dealer or platform admin"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json",
            description = "No such customer within the admin's dealer, or no pending invitation of it"),
    ))]
#[delete("/admin/customers/{customer_id}/invitations/{invitation_id}")]
pub async fn admin_revoke(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let inviter = Inviter::Admin { admin: &admin, customer_id: CustomerId::new(path_id(&path.0)?) };
    invitations::revoke(&state, inviter, path_id(&path.1)?, &client).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// What an invitation link is for: the customer, the dealer's branding, the invited email,
/// and whether that email already has a login (then the person logs in to accept).
///
/// The token is the proof: unknown, expired, revoked and used tokens all answer the same 404.
#[utoipa::path(get, path = "/api/v1/invitations/{token}", tag = "auth", operation_id = "preview_invitation",
    params(("token" = String, Path, description = "The token from the emailed link")),
    responses(
        (status = 200, body = InvitationPreview, description = "OK"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Unknown, expired, revoked or already used"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json", description = "Too many attempts from this address"),
    ))]
#[get("/invitations/{token}")]
pub async fn preview(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Sensitive, &req)?;
    Ok(no_store().json(invitations::preview(&state, &path).await?))
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
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json", description = "Too many attempts from this address"),
    ))]
#[post("/invitations/accept")]
pub async fn accept(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
    user: Option<AuthUser>,
    body: super::json::Json<AcceptInvitationRequest>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Sensitive, &req)?;
    let user = user.as_ref().map(AuthUser::id);
    match invitations::accept(&state, body.into_inner(), user, &client).await? {
        Acceptance::NewLogin(session) => signed_in_instead(&state, &req, &client, *session).await,
        Acceptance::AddedToLogin => Ok(HttpResponse::NoContent().finish()),
    }
}
