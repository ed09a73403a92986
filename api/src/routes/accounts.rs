//! Reference data of one customer account.

use actix_web::{HttpResponse, get, web};
use shared::accounts::{Job, Location};

use crate::auth::AccountAccess;
use crate::error::ApiError;
use crate::state::AppState;

/// The dealer locations this account has contracts at, and its home store (for filters
/// and contact details).
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/locations", tag = "accounts",
    params(("account_id" = uuid::Uuid, Path, description = "Customer account id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<Location>, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "Not found, or not visible to this login"),
    ))]
#[get("/locations")]
pub async fn locations(state: web::Data<AppState>, access: AccountAccess) -> Result<HttpResponse, ApiError> {
    let locations = crate::db::accounts::locations(&state.db, access.dealer_id, access.customer_id).await?;
    Ok(HttpResponse::Ok().json(locations))
}

/// The account's jobs (sites) as the dealer's back office keeps them, active ones first.
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/jobs", tag = "accounts",
    params(("account_id" = uuid::Uuid, Path, description = "Customer account id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<Job>, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "Not found, or not visible to this login"),
    ))]
#[get("/jobs")]
pub async fn jobs(state: web::Data<AppState>, access: AccountAccess) -> Result<HttpResponse, ApiError> {
    let jobs = crate::db::accounts::jobs(&state.db, access.customer_id).await?;
    Ok(HttpResponse::Ok().json(jobs))
}
