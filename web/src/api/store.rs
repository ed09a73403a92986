//! The store's side (dealer staff): the request inbox, feedback, notifications, branding
//! and locations.

use super::*;

/// `GET /admin/requests`: the dealer's requests, open ones oldest waiting first.
pub async fn admin_requests(
    session: Session,
    query: &[(&'static str, String)],
) -> Result<Page<shared::requests::RequestSummary>, ApiError> {
    get_json(session, &format!("/admin/requests?{}", query_string(query))).await
}

pub async fn admin_request(
    session: Session,
    request_id: Uuid,
) -> Result<shared::requests::RequestDetail, ApiError> {
    get_json(session, &format!("/admin/requests/{request_id}")).await
}

/// Acknowledge, schedule, complete or cancel a request; answers the updated request.
/// 409 when the request's status does not allow it (any more), 422 for a missing date or reason.
pub async fn admin_request_action(
    session: Session,
    request_id: Uuid,
    body: &shared::requests::StaffActionInput,
) -> Result<shared::requests::RequestDetail, ApiError> {
    json_of(post_authed(session, &format!("/admin/requests/{request_id}/actions"), Some(body)).await?).await
}

/// The locations of the staff member's dealer, for the inbox filter.
/// `GET /admin/branding`: the staff member's own dealer, for the store's screens.
pub async fn admin_branding(session: Session) -> Result<shared::branding::Branding, ApiError> {
    get_json(session, "/admin/branding").await
}

pub async fn admin_locations(session: Session) -> Result<Vec<Location>, ApiError> {
    get_json(session, "/admin/locations").await
}

/// `GET /admin/feedback?status=new|handled|all`.
pub async fn admin_feedback(
    session: Session,
    query: &[(&'static str, String)],
) -> Result<Page<shared::feedback::Feedback>, ApiError> {
    get_json(session, &format!("/admin/feedback?{}", query_string(query))).await
}

pub async fn admin_feedback_handled(
    session: Session,
    feedback_id: Uuid,
    body: &shared::feedback::HandleFeedbackInput,
) -> Result<shared::feedback::Feedback, ApiError> {
    json_of(post_authed(session, &format!("/admin/feedback/{feedback_id}/handled"), Some(body)).await?).await
}

/// The newest staff notifications and the unread count.
pub async fn admin_notifications(session: Session) -> Result<shared::requests::NotificationList, ApiError> {
    get_json(session, "/admin/notifications").await
}

/// Marks these notifications read (204); an empty list marks all.
pub async fn admin_notifications_read(session: Session, ids: &[Uuid]) -> Result<(), ApiError> {
    let body = serde_json::json!({ "ids": ids });
    no_content(post_authed(session, "/admin/notifications/read", Some(&body)).await?).await
}

/// `GET /admin/sync-status`: what the back office last sent, per kind, and the webhook
/// endpoints' health (dealer admins only).
pub async fn admin_sync_status(session: Session) -> Result<shared::sync_status::SyncStatus, ApiError> {
    get_json(session, "/admin/sync-status").await
}

/// `GET /admin/api-clients`: the dealer's back-office credentials (dealer admins only).
pub async fn admin_api_clients(session: Session) -> Result<Vec<shared::integrations::ApiClient>, ApiError> {
    get_json(session, "/admin/api-clients").await
}

/// Creates an API client; the answer holds its secret, shown this once.
pub async fn admin_create_api_client(
    session: Session,
    body: &shared::integrations::NewApiClient,
) -> Result<shared::integrations::ApiClientSecret, ApiError> {
    json_of(post_authed(session, "/admin/api-clients", Some(body)).await?).await
}

/// A new secret for the client, shown this once; the old one stops working at once.
pub async fn admin_rotate_api_client(
    session: Session,
    id: Uuid,
) -> Result<shared::integrations::ApiClientSecret, ApiError> {
    json_of(post_authed::<()>(session, &format!("/admin/api-clients/{id}/rotate"), None).await?).await
}

/// Revokes the client: its tokens stop working at once.
pub async fn admin_revoke_api_client(
    session: Session,
    id: Uuid,
) -> Result<shared::integrations::ApiClient, ApiError> {
    json_of(post_authed::<()>(session, &format!("/admin/api-clients/{id}/revoke"), None).await?).await
}

/// `POST /admin/customers/{customer_id}/users/{user_id}/view-as`: a read-only view of that
/// customer user's portal (A14), for [`Session::enter_view`].
pub async fn start_view(
    session: Session,
    customer_id: Uuid,
    user_id: Uuid,
) -> Result<shared::view_as::ViewAsSession, ApiError> {
    json_of(
        post_authed::<()>(session, &format!("/admin/customers/{customer_id}/users/{user_id}/view-as"), None)
            .await?,
    )
    .await
}

/// `POST /auth/view-as/end` with the view's token: the view ends on the server too.
pub async fn end_view(session: Session) -> Result<(), ApiError> {
    no_content(post_authed::<()>(session, "/auth/view-as/end", None).await?).await
}

/// `GET /admin/webhooks`: the dealer's webhook endpoints with their health (dealer admins only).
pub async fn admin_webhooks(session: Session) -> Result<Vec<shared::webhooks::WebhookEndpoint>, ApiError> {
    get_json(session, "/admin/webhooks").await
}

/// Registers a webhook endpoint; the answer holds its signing secret, shown this once.
pub async fn admin_create_webhook(
    session: Session,
    body: &shared::webhooks::NewWebhookEndpoint,
) -> Result<shared::webhooks::WebhookEndpointSecret, ApiError> {
    json_of(post_authed(session, "/admin/webhooks", Some(body)).await?).await
}

/// Queues a `webhook.test` event for the endpoint.
pub async fn admin_webhook_test(
    session: Session,
    id: Uuid,
) -> Result<shared::webhooks::WebhookDelivery, ApiError> {
    json_of(post_authed::<()>(session, &format!("/admin/webhooks/{id}/test"), None).await?).await
}

/// Enables the endpoint again: its queue resumes.
pub async fn admin_webhook_enable(
    session: Session,
    id: Uuid,
) -> Result<shared::webhooks::WebhookEndpoint, ApiError> {
    json_of(post_authed::<()>(session, &format!("/admin/webhooks/{id}/enable"), None).await?).await
}

/// Stops deliveries to the endpoint until it is enabled again; its queue waits.
pub async fn admin_webhook_disable(
    session: Session,
    id: Uuid,
) -> Result<shared::webhooks::WebhookEndpoint, ApiError> {
    json_of(post_authed::<()>(session, &format!("/admin/webhooks/{id}/disable"), None).await?).await
}

/// One endpoint with its health as of now.
pub async fn admin_webhook(
    session: Session,
    id: Uuid,
) -> Result<shared::webhooks::WebhookEndpoint, ApiError> {
    get_json(session, &format!("/admin/webhooks/{id}")).await
}

/// Changes an endpoint's URL, description or event types (what is `None` stays).
pub async fn admin_update_webhook(
    session: Session,
    id: Uuid,
    body: &shared::webhooks::WebhookEndpointUpdate,
) -> Result<shared::webhooks::WebhookEndpoint, ApiError> {
    json_of(patch_authed(session, &format!("/admin/webhooks/{id}"), body).await?).await
}

/// A new signing secret, shown this once; the old one still signs alongside for a while.
pub async fn admin_rotate_webhook_secret(
    session: Session,
    id: Uuid,
) -> Result<shared::webhooks::WebhookEndpointSecret, ApiError> {
    json_of(post_authed::<()>(session, &format!("/admin/webhooks/{id}/rotate-secret"), None).await?).await
}

/// Deletes the endpoint with its queue and delivery log.
pub async fn admin_delete_webhook(session: Session, id: Uuid) -> Result<(), ApiError> {
    no_content(delete_authed(session, &format!("/admin/webhooks/{id}")).await?).await
}

/// Deliveries per page of an endpoint's log.
pub const DELIVERIES_PER_PAGE: u32 = 10;

/// A page (1-based) of the endpoint's delivery log, newest first.
pub async fn admin_webhook_deliveries(
    session: Session,
    id: Uuid,
    page: u32,
) -> Result<Page<shared::webhooks::WebhookDelivery>, ApiError> {
    get_json(session, &format!("/admin/webhooks/{id}/deliveries?page={page}&per_page={DELIVERIES_PER_PAGE}"))
        .await
}

/// Sends a delivery again (same `webhook-id`), at the end of the endpoint's queue.
pub async fn admin_webhook_replay(
    session: Session,
    id: Uuid,
    delivery: Uuid,
) -> Result<shared::webhooks::WebhookDelivery, ApiError> {
    json_of(
        post_authed::<()>(session, &format!("/admin/webhooks/{id}/deliveries/{delivery}/replay"), None)
            .await?,
    )
    .await
}
