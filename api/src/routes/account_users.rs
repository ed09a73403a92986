//! Authorized users (A12): the owner of a customer account lists its users, invites new
//! ones with chosen permissions, withdraws pending invitations, changes what they may do,
//! and removes them. Every handler takes [`AccountOwner`], so members get 403 and
//! strangers 404.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::Utc;
use shared::invitations::{
    AccountUser, AccountUsersResponse, InvitationStatus, InvitationSummary, InviteRequest,
    UpdateAccountUserRequest,
};

use super::list_params::path_id;
use crate::auth::{AccountOwner, ClientInfo};
use crate::error::ApiError;
use crate::ids::UserId;
use crate::services::invitations::{self, Inviter};
use crate::state::AppState;

/// The account's users and its pending invitations.
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/users", tag = "accounts", operation_id = "list_account_users",
    params(("account_id" = Uuid, Path, description = "The customer account")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = AccountUsersResponse, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Not an owner of the account"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "Not found, or not visible to this login"),
    ))]
#[get("/users")]
pub async fn list(state: web::Data<AppState>, owner: AccountOwner) -> Result<HttpResponse, ApiError> {
    let customer_id = owner.0.customer_id;
    let users = crate::db::memberships::users_of(&state.db, customer_id).await?;
    let now = Utc::now();
    let pending_invitations: Vec<InvitationSummary> =
        crate::db::invitations::for_customer(&state.db, customer_id)
            .await?
            .iter()
            .map(|i| i.summary(now))
            .filter(|i| i.status == InvitationStatus::Pending)
            .collect();
    Ok(HttpResponse::Ok().json(AccountUsersResponse { users, pending_invitations }))
}

/// Invite someone to use the account.
///
/// Any email address will do (the owner answers for whom they invite); one that already
/// uses the account is refused (422 `email`). `role` defaults to `member`, `permissions` to
/// view-only; owners always hold every permission. The account must be eligible for the
/// portal (422 `customer` otherwise). The same invitation mechanism as the admin's: an
/// emailed single-use link, a resend supersedes. Audited as `account.user_invited`.
#[utoipa::path(post, path = "/api/v1/accounts/{account_id}/users", tag = "accounts",
    params(("account_id" = Uuid, Path, description = "The customer account")),
    request_body = InviteRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, body = InvitationSummary, description = "Invitation sent"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Signed in, but not allowed to do this"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "Not found, or not visible to this login"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field"),
    ))]
#[post("/users")]
pub async fn invite(
    state: web::Data<AppState>,
    owner: AccountOwner,
    client: ClientInfo,
    body: super::json::Json<InviteRequest>,
) -> Result<HttpResponse, ApiError> {
    let summary = invitations::send(&state, Inviter::Owner(&owner.0), body.into_inner(), &client).await?;
    Ok(HttpResponse::Created().json(summary))
}

/// Change a user's role or permissions.
///
/// Omitted fields keep their value. Owners hold every permission; a member must keep
/// `view`. Demoting the last owner (yourself included) answers 409. Takes effect on the
/// user's next request. Audited as `account.user_permissions_changed`.
#[utoipa::path(patch, path = "/api/v1/accounts/{account_id}/users/{user_id}", tag = "accounts",
    params(
        ("account_id" = Uuid, Path, description = "The customer account"),
        ("user_id" = Uuid, Path, description = "The user whose membership to change"),
    ),
    request_body = UpdateAccountUserRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, body = AccountUser, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Signed in, but not allowed to do this"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json",
            description = "No such user of this account"),
        (status = 409, body = shared::error::Problem, content_type = "application/problem+json",
            description = "The account would have no owner left"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field"),
    ))]
#[patch("/users/{user_id}")]
pub async fn update(
    state: web::Data<AppState>,
    owner: AccountOwner,
    client: ClientInfo,
    path: web::Path<(String, String)>,
    body: super::json::Json<UpdateAccountUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let user_id = UserId::new(path_id(&path.1)?);
    let updated = invitations::change_member(&state, &owner.0, user_id, body.into_inner(), &client).await?;
    Ok(HttpResponse::Ok().json(updated))
}

/// Remove a user from the account.
///
/// Their login stays (with any other accounts); their access to this account ends with
/// their next request. Removing the last owner (yourself included) answers 409. Audited as
/// `account.user_removed`.
#[utoipa::path(delete, path = "/api/v1/accounts/{account_id}/users/{user_id}", tag = "accounts",
    params(
        ("account_id" = Uuid, Path, description = "The customer account"),
        ("user_id" = Uuid, Path, description = "The user to remove"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Signed in, but not allowed to do this"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json",
            description = "No such user of this account"),
        (status = 409, body = shared::error::Problem, content_type = "application/problem+json",
            description = "The account would have no owner left"),
    ))]
#[delete("/users/{user_id}")]
pub async fn remove(
    state: web::Data<AppState>,
    owner: AccountOwner,
    client: ClientInfo,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    invitations::remove_member(&state, &owner.0, UserId::new(path_id(&path.1)?), &client).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Withdraw a pending invitation to the account.
///
/// The emailed link stops working at once: it previews and accepts like a used one, and the
/// invitation leaves the pending list. Only a pending invitation of this account can be
/// revoked; an accepted, expired or already revoked one, or another account's, answers 404
/// and nothing changes. Audited as `account.invitation_revoked`.
#[utoipa::path(delete, path = "/api/v1/accounts/{account_id}/invitations/{invitation_id}", tag = "accounts",
    params(
        ("account_id" = Uuid, Path, description = "The customer account"),
        ("invitation_id" = Uuid, Path, description = "The pending invitation to revoke"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Not an owner of the account"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json",
            description = "No pending invitation of this account"),
    ))]
#[delete("/invitations/{invitation_id}")]
pub async fn revoke(
    state: web::Data<AppState>,
    owner: AccountOwner,
    client: ClientInfo,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    invitations::revoke(&state, Inviter::Owner(&owner.0), path_id(&path.1)?, &client).await?;
    Ok(HttpResponse::NoContent().finish())
}
