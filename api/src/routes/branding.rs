//! Dealer branding: public by slug, so the login page can dress itself before anyone signs
//! in; and the signed-in staff member's own dealer, for the store's screens.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use shared::branding::{Branding, WebAppManifest};

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

/// Which dealer's manifest: `?dealer=<slug>`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ManifestQuery {
    /// Dealer key, e.g. `summit`; without it (or for a key that names no dealer) the portal's
    /// own name and colour.
    pub dealer: Option<String>,
}

/// The web app manifest: what a phone shows when the portal is added to its home screen,
/// in the dealer's name and colour once the app knows the dealer (the login page it last
/// dressed, or the account open). Public, like the branding it is made from.
#[utoipa::path(get, path = "/api/v1/manifest.webmanifest", tag = "branding",
    params(ManifestQuery),
    responses(
        (status = 200, body = WebAppManifest, content_type = "application/manifest+json", description = "OK"),
    ))]
#[get("/manifest.webmanifest")]
pub async fn manifest(
    state: web::Data<AppState>,
    query: web::Query<ManifestQuery>,
) -> Result<HttpResponse, ApiError> {
    let dealer = match query.dealer.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(slug) => crate::db::branding::by_slug(&state.db, slug).await?,
        None => None,
    };
    let body = serde_json::to_string(&WebAppManifest::new(dealer.as_ref()))
        .map_err(|e| ApiError::Internal(e.into()))?;
    Ok(HttpResponse::Ok()
        .content_type("application/manifest+json")
        .insert_header(("Cache-Control", "no-cache"))
        .body(body))
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
