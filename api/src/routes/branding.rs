//! Dealer branding: public by slug, so the login page can dress itself before anyone signs
//! in; and the signed-in staff member's own dealer, for the store's screens.

use actix_web::{HttpResponse, get, web};
use shared::branding::Branding;

use crate::auth::DealerStaff;
use crate::error::ApiError;
use crate::state::AppState;

/// A dealer's branding by its slug. Never served stale: `Cache-Control: no-cache`, so a
/// dealer admin's change shows on the customer screens at once.
#[utoipa::path(get, path = "/api/v1/branding/{slug}", tag = "branding",
    params(("slug" = String, Path, description = "Dealer key, e.g. `summit`")),
    responses(
        (status = 200, body = Branding, description = "OK"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "Not found, or not visible to this login"),
    ))]
#[get("/branding/{slug}")]
pub async fn by_slug(state: web::Data<AppState>, slug: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let branding = crate::db::branding::by_slug(&state.db, &slug).await?.ok_or(ApiError::NotFound)?;
    // Revalidated on every use: a dealer admin's change shows on the next page load.
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-cache")).json(branding))
}

/// The branding of the dealer a staff member or dealer admin works for, so the store's
/// screens wear the dealer's name, logo and colours. Customers and platform admins: 403.
#[utoipa::path(get, path = "/api/v1/admin/branding", tag = "inbox",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Branding, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Signed in, but not allowed to do this"),
    ))]
#[get("/admin/branding")]
pub async fn of_staff(state: web::Data<AppState>, staff: DealerStaff) -> Result<HttpResponse, ApiError> {
    let branding = crate::db::branding::by_id(&state.db, staff.dealer_id).await?.ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "private, no-cache")).json(branding))
}
