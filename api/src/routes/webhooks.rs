//! The dealer admin's webhook endpoints (I5): list, register (secret shown once), change,
//! delete, rotate the secret, enable and disable, send a test event, the delivery log and
//! replay. Dealer admins only (staff 403); another dealer's endpoints and deliveries 404.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use serde::Deserialize;
use shared::paging::Page;
use shared::webhooks::{
    NewWebhookEndpoint, WebhookDelivery, WebhookDeliveryDetail, WebhookEndpoint, WebhookEndpointSecret,
    WebhookEndpointUpdate,
};
use utoipa::IntoParams;

use super::json::Json;
use super::list_params::{parse_paging, path_id};
use crate::auth::{ClientInfo, DealerAdmin};
use crate::error::ApiError;
use crate::services::webhooks;
use crate::state::AppState;

const PROBLEM: &str = "application/problem+json";

/// Paging of the delivery log.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeliveryParams {
    /// 1-based page number (default 1).
    #[param(value_type = Option<u32>, minimum = 1, default = 1)]
    page: Option<String>,
    /// Page size, 1 to 200 (default 25).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200, default = 25)]
    per_page: Option<String>,
}

/// The dealer's webhook endpoints with their health, oldest first. Never their secrets.
#[utoipa::path(get, path = "/api/v1/admin/webhooks", operation_id = "list_webhook_endpoints", tag = "webhooks",
    security(("bearer" = [])),
    responses(
        (status = 200, body = [WebhookEndpoint], description = "The dealer's endpoints"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
    ))]
#[get("/admin/webhooks")]
pub async fn list(state: web::Data<AppState>, admin: DealerAdmin) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(webhooks::list(&state, &admin).await?))
}

/// Register an endpoint. The URL must be https on a host whose addresses are all public
/// (no loopback, private, link-local, unique-local, CGNAT or metadata addresses); it is
/// checked again before every delivery. The answer holds the `whsec_` signing secret,
/// shown this once. Audited as `webhook_endpoint.created`.
#[utoipa::path(post, path = "/api/v1/admin/webhooks", operation_id = "create_webhook_endpoint", tag = "webhooks",
    request_body = NewWebhookEndpoint,
    security(("bearer" = [])),
    responses(
        (status = 201, body = WebhookEndpointSecret, description = "Registered; keep the secret now"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
        (status = 409, body = shared::error::Problem, content_type = PROBLEM, description = "The dealer holds the most endpoints allowed"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid input (a refused URL names `url`): `errors` names each field"),
    ))]
#[post("/admin/webhooks")]
pub async fn create(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    body: Json<NewWebhookEndpoint>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Created().json(webhooks::create(&state, &admin, &client, &body).await?))
}

/// One endpoint with its health.
#[utoipa::path(get, path = "/api/v1/admin/webhooks/{endpoint_id}", operation_id = "get_webhook_endpoint", tag = "webhooks",
    params(("endpoint_id" = Uuid, Path, description = "The endpoint's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = WebhookEndpoint, description = "The endpoint"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "No such endpoint at this dealer"),
    ))]
#[get("/admin/webhooks/{endpoint_id}")]
pub async fn detail(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(webhooks::get(&state, &admin, path_id(&path)?).await?))
}

/// Change an endpoint's URL (checked as at registration), description or event types; what
/// is absent stays. Audited as `webhook_endpoint.updated`.
#[utoipa::path(patch, path = "/api/v1/admin/webhooks/{endpoint_id}", operation_id = "update_webhook_endpoint", tag = "webhooks",
    params(("endpoint_id" = Uuid, Path, description = "The endpoint's id")),
    request_body = WebhookEndpointUpdate,
    security(("bearer" = [])),
    responses(
        (status = 200, body = WebhookEndpoint, description = "Changed"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "No such endpoint at this dealer"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid input: `errors` names each field"),
    ))]
#[patch("/admin/webhooks/{endpoint_id}")]
pub async fn update(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    path: web::Path<String>,
    body: Json<WebhookEndpointUpdate>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(webhooks::update(&state, &admin, &client, path_id(&path)?, &body).await?))
}

/// Delete an endpoint with its queue and delivery log. Audited as `webhook_endpoint.deleted`.
#[utoipa::path(delete, path = "/api/v1/admin/webhooks/{endpoint_id}", operation_id = "delete_webhook_endpoint", tag = "webhooks",
    params(("endpoint_id" = Uuid, Path, description = "The endpoint's id")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "No such endpoint at this dealer"),
    ))]
#[delete("/admin/webhooks/{endpoint_id}")]
pub async fn remove(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    webhooks::delete(&state, &admin, &client, path_id(&path)?).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Give the endpoint a new secret, shown this once. For 24 hours deliveries carry two
/// signatures (`webhook-signature: v1,<new> v1,<old>`), so the receiver can switch over
/// without losing one. Audited as `webhook_endpoint.secret_rotated`.
#[utoipa::path(post, path = "/api/v1/admin/webhooks/{endpoint_id}/rotate-secret", operation_id = "rotate_webhook_secret", tag = "webhooks",
    params(("endpoint_id" = Uuid, Path, description = "The endpoint's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = WebhookEndpointSecret, description = "Rotated; keep the new secret now"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "No such endpoint at this dealer"),
    ))]
#[post("/admin/webhooks/{endpoint_id}/rotate-secret")]
pub async fn rotate(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(webhooks::rotate(&state, &admin, &client, path_id(&path)?).await?))
}

/// Enable an endpoint: its queue resumes where it stopped. Audited as
/// `webhook_endpoint.enabled` when it was disabled.
#[utoipa::path(post, path = "/api/v1/admin/webhooks/{endpoint_id}/enable", operation_id = "enable_webhook_endpoint", tag = "webhooks",
    params(("endpoint_id" = Uuid, Path, description = "The endpoint's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = WebhookEndpoint, description = "Enabled"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "No such endpoint at this dealer"),
    ))]
#[post("/admin/webhooks/{endpoint_id}/enable")]
pub async fn enable(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(webhooks::set_enabled(&state, &admin, &client, path_id(&path)?, true).await?))
}

/// Disable an endpoint: nothing is sent to it, events keep queueing. Audited as
/// `webhook_endpoint.disabled` when it was enabled.
#[utoipa::path(post, path = "/api/v1/admin/webhooks/{endpoint_id}/disable", operation_id = "disable_webhook_endpoint", tag = "webhooks",
    params(("endpoint_id" = Uuid, Path, description = "The endpoint's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = WebhookEndpoint, description = "Disabled"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "No such endpoint at this dealer"),
    ))]
#[post("/admin/webhooks/{endpoint_id}/disable")]
pub async fn disable(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(webhooks::set_enabled(&state, &admin, &client, path_id(&path)?, false).await?))
}

/// Queue a `webhook.test` event for the endpoint, delivered like any other (signed, in
/// order, retried). Audited as `webhook_endpoint.test_sent`.
#[utoipa::path(post, path = "/api/v1/admin/webhooks/{endpoint_id}/test", operation_id = "send_webhook_test", tag = "webhooks",
    params(("endpoint_id" = Uuid, Path, description = "The endpoint's id")),
    security(("bearer" = [])),
    responses(
        (status = 202, body = WebhookDelivery, description = "Queued"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "No such endpoint at this dealer"),
    ))]
#[post("/admin/webhooks/{endpoint_id}/test")]
pub async fn send_test(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Accepted().json(webhooks::send_test(&state, &admin, &client, path_id(&path)?).await?))
}

/// The endpoint's delivery log, newest first: each message with its status and last attempt
/// (time, HTTP status, latency, up to 1 KB of the answer, error).
#[utoipa::path(get, path = "/api/v1/admin/webhooks/{endpoint_id}/deliveries", operation_id = "list_webhook_deliveries", tag = "webhooks",
    params(("endpoint_id" = Uuid, Path, description = "The endpoint's id"), DeliveryParams),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Page<WebhookDelivery>, description = "One page of the log"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "No such endpoint at this dealer"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid paging: `errors` names each field"),
    ))]
#[get("/admin/webhooks/{endpoint_id}/deliveries")]
pub async fn deliveries(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    path: web::Path<String>,
    params: web::Query<DeliveryParams>,
) -> Result<HttpResponse, ApiError> {
    let id = path_id(&path)?;
    let mut errors = Vec::new();
    let paging = parse_paging(params.page.as_deref(), params.per_page.as_deref(), &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let (items, total) = webhooks::deliveries(&state, &admin, id, paging.per_page, paging.offset()).await?;
    Ok(HttpResponse::Ok().json(paging.of(items, total)))
}

/// One delivery with the body sent and every attempt, oldest first.
#[utoipa::path(get, path = "/api/v1/admin/webhooks/{endpoint_id}/deliveries/{delivery_id}", operation_id = "get_webhook_delivery", tag = "webhooks",
    params(("endpoint_id" = Uuid, Path, description = "The endpoint's id"), ("delivery_id" = Uuid, Path, description = "The delivery's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = WebhookDeliveryDetail, description = "The delivery"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "No such delivery of this dealer's endpoint"),
    ))]
#[get("/admin/webhooks/{endpoint_id}/deliveries/{delivery_id}")]
pub async fn delivery(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, delivery_id) = (path_id(&path.0)?, path_id(&path.1)?);
    Ok(HttpResponse::Ok().json(webhooks::delivery_detail(&state, &admin, id, delivery_id).await?))
}

/// Send a delivery again: the same message (same `webhook-id` and body, signed afresh),
/// queued behind what the endpoint has waiting. Audited as `webhook_delivery.replayed`.
#[utoipa::path(post, path = "/api/v1/admin/webhooks/{endpoint_id}/deliveries/{delivery_id}/replay", operation_id = "replay_webhook_delivery", tag = "webhooks",
    params(("endpoint_id" = Uuid, Path, description = "The endpoint's id"), ("delivery_id" = Uuid, Path, description = "The delivery's id")),
    security(("bearer" = [])),
    responses(
        (status = 202, body = WebhookDelivery, description = "Queued again"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "No such delivery of this dealer's endpoint"),
    ))]
#[post("/admin/webhooks/{endpoint_id}/deliveries/{delivery_id}/replay")]
pub async fn replay(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, delivery_id) = (path_id(&path.0)?, path_id(&path.1)?);
    Ok(HttpResponse::Accepted().json(webhooks::replay(&state, &admin, &client, id, delivery_id).await?))
}
