//! The dealer admin's API clients (I2): list, create (secret shown once), rotate, revoke.

use actix_web::{HttpResponse, get, post, web};
use shared::integrations::{ApiClient, ApiClientSecret, NewApiClient};

use super::json::Json;
use super::list_params::path_id;
use crate::auth::{ClientInfo, DealerAdmin};
use crate::error::ApiError;
use crate::services::api_clients;
use crate::state::AppState;

/// The dealer's API clients, newest first, revoked ones included. Never their secrets.
///
/// For a dealer admin; other roles (platform admins included: they belong to no dealer)
/// get 403.
#[utoipa::path(get, path = "/api/v1/admin/api-clients", operation_id = "list_api_clients", tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, body = [ApiClient], description = "The dealer's API clients"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not a dealer admin"),
    ))]
#[get("/admin/api-clients")]
pub async fn list(state: web::Data<AppState>, admin: DealerAdmin) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(api_clients::list(&state, &admin).await?))
}

/// Create an API client for the dealer's back office. The answer holds its `client_secret`,
/// shown this once: it is stored only as a hash. Audited as `api_client.created`.
#[utoipa::path(post, path = "/api/v1/admin/api-clients", operation_id = "create_api_client", tag = "admin",
    request_body = NewApiClient,
    security(("bearer" = [])),
    responses(
        (status = 201, body = ApiClientSecret, description = "Created; keep the secret now"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not a dealer admin"),
        (status = 409, body = shared::error::Problem, content_type = "application/problem+json", description = "The dealer holds the most live clients allowed"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field"),
    ))]
#[post("/admin/api-clients")]
pub async fn create(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    body: Json<NewApiClient>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Created().json(api_clients::create(&state, &admin, &client, &body).await?))
}

/// Give a client a new secret, shown this once. The old secret, and every token issued
/// with it, stop working at once. Audited as `api_client.rotated`.
#[utoipa::path(post, path = "/api/v1/admin/api-clients/{client_id}/rotate", operation_id = "rotate_api_client", tag = "admin",
    params(("client_id" = Uuid, Path, description = "The client's `id` (not its public `client_id`)")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = ApiClientSecret, description = "Rotated; keep the new secret now"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not a dealer admin"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "No such live client at this dealer"),
    ))]
#[post("/admin/api-clients/{client_id}/rotate")]
pub async fn rotate(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(api_clients::rotate(&state, &admin, &client, path_id(&path)?).await?))
}

/// Revoke a client: it gets no more tokens, and those it holds stop working at once.
/// Revoking it again changes nothing. Audited as `api_client.revoked`.
#[utoipa::path(post, path = "/api/v1/admin/api-clients/{client_id}/revoke", operation_id = "revoke_api_client", tag = "admin",
    params(("client_id" = Uuid, Path, description = "The client's `id` (not its public `client_id`)")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = ApiClient, description = "Revoked"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not a dealer admin"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "No such client at this dealer"),
    ))]
#[post("/admin/api-clients/{client_id}/revoke")]
pub async fn revoke(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(api_clients::revoke(&state, &admin, &client, path_id(&path)?).await?))
}
