//! Public dealer branding, so the login page can dress itself before anyone signs in.

use actix_web::{HttpResponse, get, web};
use shared::branding::Branding;

use crate::error::ApiError;
use crate::startup::AppState;

/// A dealer's branding by its slug.
#[utoipa::path(get, path = "/api/v1/branding/{slug}", tag = "branding",
    params(("slug" = String, Path, description = "Dealer key, e.g. `summit`")),
    responses(
        (status = 200, body = Branding),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json"),
    ))]
#[get("/branding/{slug}")]
pub async fn by_slug(state: web::Data<AppState>, slug: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let branding = crate::db::branding::by_slug(&state.db, &slug).await?.ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "public, max-age=300")).json(branding))
}
