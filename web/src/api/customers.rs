//! The store's customers (H2-H6): the list and its CSV, one customer's detail, and what an
//! admin does to its portal access, invitations and users.

use shared::admin_customers::{CustomerDetail, CustomerFilter, CustomerListRow};

use super::*;

/// `GET /admin/customers`: one page of the dealer's customers matching `filter`.
pub async fn admin_customers(
    session: Session,
    filter: CustomerFilter,
) -> Result<Page<CustomerListRow>, ApiError> {
    get_json(session, &format!("/admin/customers?{}", query_string(&filter.to_query_pairs()))).await
}

/// The filtered list as CSV (every page, the same filters and sort).
pub async fn admin_customers_csv(session: Session, filter: &CustomerFilter) -> Result<Download, ApiError> {
    let path = format!("/admin/customers.csv?{}", query_string(&filter.to_query_pairs()));
    text_download(session, &path, "text/csv", "customers.csv").await
}

pub async fn admin_customer(session: Session, customer_id: Uuid) -> Result<CustomerDetail, ApiError> {
    get_json(session, &format!("/admin/customers/{customer_id}")).await
}

/// Closes (`open == false`) or reopens the portal to the whole customer (204; admins only).
pub async fn admin_customer_access(session: Session, customer_id: Uuid, open: bool) -> Result<(), ApiError> {
    let action = if open { "reactivate" } else { "deactivate" };
    no_content(post_authed::<()>(session, &format!("/admin/customers/{customer_id}/{action}"), None).await?)
        .await
}

/// Closes or reopens the customer account to one of its users (204; admins only).
pub async fn admin_customer_user_access(
    session: Session,
    customer_id: Uuid,
    user_id: Uuid,
    open: bool,
) -> Result<(), ApiError> {
    let action = if open { "reactivate" } else { "deactivate" };
    let path = format!("/admin/customers/{customer_id}/users/{user_id}/{action}");
    no_content(post_authed::<()>(session, &path, None).await?).await
}

/// Invites one of the customer's contact emails (201); inviting the same email again sends a
/// new link and expires the old one ("resend").
pub async fn admin_invite_customer_contact(
    session: Session,
    customer_id: Uuid,
    email: &str,
) -> Result<InvitationSummary, ApiError> {
    let body = InviteRequest { email: email.to_string(), role: None, permissions: None };
    json_of(post_authed(session, &format!("/admin/customers/{customer_id}/invitations"), Some(&body)).await?)
        .await
}

/// Withdraws a pending invitation (204); a 404 means it was accepted, ran out or was revoked.
pub async fn admin_revoke_customer_invitation(
    session: Session,
    customer_id: Uuid,
    invitation_id: Uuid,
) -> Result<(), ApiError> {
    let path = format!("/admin/customers/{customer_id}/invitations/{invitation_id}");
    no_content(delete_authed(session, &path).await?).await
}

/// Lifts a lockout after failed logins (204).
pub async fn admin_unlock_user(session: Session, user_id: Uuid) -> Result<(), ApiError> {
    no_content(post_authed::<()>(session, &format!("/admin/users/{user_id}/unlock"), None).await?).await
}

/// Resets the user's password to a temporary one that the server emails to them (204); the
/// admin never sees it.
pub async fn admin_reset_user_password(session: Session, user_id: Uuid) -> Result<(), ApiError> {
    no_content(post_authed::<()>(session, &format!("/admin/users/{user_id}/reset-password"), None).await?)
        .await
}
