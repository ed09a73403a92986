//! `GET /metrics` (Prometheus text format) and the middleware that counts and times every
//! request by its route pattern.
//!
//! The endpoint exists only when `APP_METRICS__TOKEN` is set (404 otherwise) and answers
//! only a scraper that sends it as `Authorization: Bearer <token>` (401 otherwise): request
//! counts by route say what the API is used for, and nothing here needs to be public.

use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpRequest, HttpResponse, get, web};
use secrecy::ExposeSecret;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::metrics::{Backlog, CONTENT_TYPE, LoginEndpoint, PoolUsage, UNMATCHED};
use crate::state::AppState;

/// How long a scrape waits for the backlog counts before reporting `db_up 0`.
pub const SCRAPE_DB_TIMEOUT: Duration = Duration::from_secs(2);

/// The server's metrics. Bearer token: `APP_METRICS__TOKEN`.
#[utoipa::path(get, path = "/metrics", tag = "operations",
    security(("metrics_token" = [])),
    responses(
        (status = 200, content_type = "text/plain; version=0.0.4", body = String,
            description = "Prometheus text exposition: request counts and latency histograms by route \
                           pattern and status, database pool, email outbox and payment backlogs, \
                           login failures, build info"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json",
            description = "No or wrong bearer token"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Metrics are off (`APP_METRICS__TOKEN` unset)"),
    ))]
#[get("/metrics")]
pub async fn metrics(state: web::Data<AppState>, _scraper: MetricsScraper) -> Result<HttpResponse, ApiError> {
    let started = Instant::now();
    let (idle, in_use, max) = crate::db::operations::pool_usage(&state.db);
    let backlog = tokio::time::timeout(SCRAPE_DB_TIMEOUT, crate::db::operations::backlog(&state.db))
        .await
        .ok()
        .and_then(Result::ok)
        .map(|(outbox_pending, payments_processing)| Backlog { outbox_pending, payments_processing });
    state.metrics.record_scrape(PoolUsage { idle, in_use, max }, backlog, started.elapsed().as_secs_f64());
    let text = state.metrics.render().map_err(|e| ApiError::Internal(e.into()))?;
    Ok(HttpResponse::Ok().content_type(CONTENT_TYPE).insert_header(("Cache-Control", "no-store")).body(text))
}

/// A caller holding the metrics token. Without a configured token the endpoint does not
/// exist (404); a missing or wrong token is 401.
pub struct MetricsScraper;

impl FromRequest for MetricsScraper {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(scraper(req))
    }
}

fn scraper(req: &HttpRequest) -> Result<MetricsScraper, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("AppState missing")))?;
    let expected = state.settings.metrics.token.as_ref().ok_or(ApiError::NotFound)?;
    let sent = crate::auth::extract::bearer(req)?;
    // Compare digests: equal-length values, so the comparison's time says nothing useful.
    if Sha256::digest(sent.as_bytes()) == Sha256::digest(expected.expose_secret().as_bytes()) {
        Ok(MetricsScraper)
    } else {
        Err(ApiError::TokenInvalid)
    }
}

/// Counts and times every request by method, route pattern and status; counts failed
/// logins (a 401 from the login or token endpoint). Wraps the whole app.
pub async fn track(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody + 'static>, actix_web::Error> {
    let started = Instant::now();
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let method = req.method().as_str().to_owned();
    let route = req.match_pattern().filter(|p| !p.is_empty()).unwrap_or_else(|| UNMATCHED.to_string());
    let result = next.call(req).await;
    if let Some(state) = state {
        let status = match &result {
            Ok(response) => response.status(),
            Err(err) => err.as_response_error().status_code(),
        };
        state.metrics.observe_request(&method, &route, status.as_u16(), started.elapsed().as_secs_f64());
        if status == actix_web::http::StatusCode::UNAUTHORIZED {
            match route.as_str() {
                "/api/v1/auth/login" => state.metrics.login_failed(LoginEndpoint::Person),
                "/api/v1/oauth/token" => state.metrics.login_failed(LoginEndpoint::Client),
                _ => {}
            }
        }
    }
    result
}
