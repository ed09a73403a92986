//! The dealer admin's settings (H9): time zone and when billing stops on a call-off.

use actix_web::{HttpResponse, get, put, web};
use shared::branding::DealerSettings;

use super::json::Json;
use crate::auth::{ClientInfo, DealerAdmin};
use crate::error::ApiError;
use crate::services::dealer_settings;
use crate::state::AppState;

/// The dealer's settings. For a dealer admin; other roles get 403.
#[utoipa::path(get, path = "/api/v1/admin/settings", operation_id = "get_dealer_settings", tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, body = DealerSettings, description = "The dealer's settings"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not a dealer admin"),
    ))]
#[get("/admin/settings")]
pub async fn get(state: web::Data<AppState>, admin: DealerAdmin) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(dealer_settings::get(&state, &admin).await?))
}

/// Replace the dealer's settings. The time zone sets the dealer's "today" for every pickup,
/// due and overdue date from the next request on; `billing_stops_on` applies to call-offs
/// filed from now on (each call-off keeps the billing-stop date it was confirmed with).
/// Audited as `dealer.settings_updated`.
#[utoipa::path(put, path = "/api/v1/admin/settings", operation_id = "update_dealer_settings", tag = "admin",
    request_body = DealerSettings,
    security(("bearer" = [])),
    responses(
        (status = 200, body = DealerSettings, description = "Stored"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not a dealer admin"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field"),
    ))]
#[put("/admin/settings")]
pub async fn update(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    body: Json<DealerSettings>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(dealer_settings::update(&state, &admin, &client, &body).await?))
}
