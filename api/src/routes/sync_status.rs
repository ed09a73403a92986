//! Sync status (H11): `GET /integrations/status` for the back office's own monitoring and
//! `GET /admin/sync-status` for the dealer admin's "Back-office sync" page, the same answer;
//! and [`refused`], which every integration write handler passes its refusals through so the
//! status shows the last one.

use actix_web::{HttpResponse, get, web};
use chrono::Utc;
use shared::sync_status::{SyncKind, SyncStatus};

use crate::auth::{DealerAdmin, Integrator};
use crate::error::ApiError;
use crate::services::sync_status;
use crate::state::AppState;

const PROBLEM: &str = "application/problem+json";

/// Records `err`, the answer to an integration call of `kind`, as the kind's last refusal
/// when the back office caused it (a 4xx for what it sent), then hands it back to be answered.
pub(crate) async fn refused(
    state: &AppState,
    integrator: &Integrator,
    kind: SyncKind,
    err: ApiError,
) -> ApiError {
    sync_status::record_refusal(&state.db, integrator.dealer_id, kind, &err).await;
    err
}

/// A JSON body as the integration writes take it (`Result<Json<T>, _>`, so the client is
/// authenticated first and a refused body can be recorded): the body, or its refusal as an
/// [`ApiError`] (400, 413 or 422 naming the field), recorded for `kind`.
pub(crate) async fn body<T>(
    state: &AppState,
    integrator: &Integrator,
    kind: SyncKind,
    body: Result<super::json::Json<T>, actix_web::Error>,
) -> Result<T, ApiError> {
    match body {
        Ok(body) => Ok(body.into_inner()),
        Err(err) => Err(refused(state, integrator, kind, super::json::into_api_error(err)).await),
    }
}

/// The dealer's sync status, for the back office's own monitoring: for each kind of data it
/// sends (`kinds`, always all of them, in load order), when a call was last accepted and how
/// many records it carried, how many the dealer has now, `stale` when it arrived before but
/// not in the last 24 hours, and the last call refused for what was sent (status, problem
/// code and title, detail or first field errors, when). A refused call leaves the last
/// arrival as it was.
///
/// Any valid token of one of the dealer's API clients may read it, whatever its scopes: it
/// tells nothing of customers, only of the client's own deliveries, and a monitoring job
/// should not need a write scope to watch them.
#[utoipa::path(get, path = "/api/v1/integrations/status", tag = "integrations", operation_id = "integration_status",
    security(("oauth2" = [])),
    responses(
        (status = 200, body = SyncStatus, description = "The dealer's sync status"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "A person's token: this is for API clients"),
    ))]
#[get("/integrations/status")]
pub async fn integration_status(
    state: web::Data<AppState>,
    integrator: Integrator,
) -> Result<HttpResponse, ApiError> {
    let status = sync_status::status(&state.db, integrator.dealer_id, Utc::now()).await?;
    Ok(HttpResponse::Ok().json(status))
}

/// The dealer's back-office sync status, as `GET /integrations/status` answers it: the
/// dealer admin's "Back-office sync" page. Dealer admins only (and a platform admin acting
/// for the dealer); staff 403.
#[utoipa::path(get, path = "/api/v1/admin/sync-status", tag = "admin", operation_id = "admin_sync_status",
    security(("bearer" = [])),
    responses(
        (status = 200, body = SyncStatus, description = "The dealer's sync status"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
    ))]
#[get("/admin/sync-status")]
pub async fn admin_status(state: web::Data<AppState>, admin: DealerAdmin) -> Result<HttpResponse, ApiError> {
    let dealer_id = admin.dealer_id().ok_or(ApiError::Forbidden)?;
    let status = sync_status::status(&state.db, dealer_id, Utc::now()).await?;
    Ok(HttpResponse::Ok().json(status))
}

/// `result`, the outcome of an integration write of `kind`, with its refusal recorded
/// ([`refused`]).
pub(crate) async fn tracked<T>(
    state: &AppState,
    integrator: &Integrator,
    kind: SyncKind,
    result: Result<T, ApiError>,
) -> Result<T, ApiError> {
    match result {
        Ok(value) => Ok(value),
        Err(err) => Err(refused(state, integrator, kind, err).await),
    }
}
