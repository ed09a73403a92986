//! Liveness and readiness probes.

use std::time::Duration;

use actix_web::{HttpResponse, get, web};

use crate::error::ApiError;
use crate::state::AppState;

/// Liveness: the process answers.
#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200, description = "Alive")))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain").body("ok")
}

/// How long readiness waits for the database: an orchestrator's probe (often 1 s) must get
/// its 503 in time while the database is down or the pool exhausted, not after the pool's
/// 10 s acquire timeout.
pub const READY_TIMEOUT: Duration = Duration::from_millis(500);

/// Readiness: the database answers within [`READY_TIMEOUT`].
#[utoipa::path(get, path = "/readyz", tag = "operations", responses(
    (status = 200, description = "Ready"),
    (status = 503, description = "Database unavailable or slower than 500 ms", body = shared::error::Problem, content_type = "application/problem+json"),
))]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    tokio::time::timeout(READY_TIMEOUT, state.db.ping())
        .await
        .map_err(|_| {
            ApiError::Unavailable(anyhow::anyhow!("database did not answer within {READY_TIMEOUT:?}"))
        })?
        .map_err(|e| ApiError::Unavailable(e.into()))?;
    Ok(HttpResponse::Ok().content_type("text/plain").body("ready"))
}
