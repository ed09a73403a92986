//! Tracking (D5): where the account's items on site are, and the integration feed of
//! asset positions from the back office or telematics.

use actix_web::{HttpResponse, get, web};
use shared::integrations::Scope;
use shared::sync_status::SyncKind;
use shared::tracking::{PositionBatch, PositionBatchResult, TrackedItem};

use crate::auth::{AccountAccess, ClientInfo, Integrator};
use crate::error::ApiError;
use crate::services::back_office::BackOffice;
use crate::services::positions;
use crate::state::AppState;

/// The JSON body limit of the positions feed: a full batch is larger than the app-wide
/// default for JSON bodies.
pub fn positions_json_config() -> web::JsonConfig {
    super::json::config(512 * 1024)
}

/// The account's items on site (out, or called off and not yet picked up), each with its
/// last known position if the dealer has one; items without one are listed anyway so the
/// web app can show them by job site.
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/tracking", tag = "rentals",
    params(("account_id" = uuid::Uuid, Path, description = "Customer account id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<TrackedItem>, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "Not found, or not visible to this login"),
    ))]
#[get("/tracking")]
pub async fn tracking(state: web::Data<AppState>, access: AccountAccess) -> Result<HttpResponse, ApiError> {
    let items = crate::db::tracking::items_on_site(&state.db, access.dealer_id, access.customer_id).await?;
    Ok(HttpResponse::Ok().json(items))
}

/// Positions of the dealer's assets, keyed by serial number. The newest report per asset
/// wins: a report older than (or as old as) the stored one is counted as ignored, so
/// replays and out-of-order deliveries are harmless. Serial numbers not on any contract are
/// stored anyway (the asset may go on rent later). One bad report refuses the whole batch
/// (422 naming e.g. `positions[3].latitude`) and nothing is written.
///
/// Takes an API client's token (`POST /api/v1/oauth/token`) holding the scope named under security.
#[utoipa::path(post, path = "/api/v1/integrations/positions", tag = "integrations",
    request_body = PositionBatch,
    security(("oauth2" = ["positions:write"])),
    responses(
        (status = 200, body = PositionBatchResult, description = "OK"),
        (status = 400, body = shared::error::Problem, content_type = "application/problem+json", description = "Malformed request: not JSON, wrong types, or a parameter sent twice"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Signed in, but not allowed to do this"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field"),
    ))]
pub async fn report_positions(
    state: web::Data<AppState>,
    integrator: Integrator,
    client: ClientInfo,
    batch: Result<super::json::Json<PositionBatch>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    integrator.require(Scope::PositionsWrite)?;
    let batch = super::sync_status::body(&state, &integrator, SyncKind::Positions, batch).await?;
    let result = super::sync_status::tracked(
        &state,
        &integrator,
        SyncKind::Positions,
        positions::report_positions(&state.db, &BackOffice::client(&integrator, &client), &batch.positions)
            .await,
    )
    .await?;
    Ok(HttpResponse::Ok().json(result))
}
