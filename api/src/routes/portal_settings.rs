//! The dealer admin's settings for the customer portal (H9): branding, logo, store emails
//! and payments under `/admin/settings/...`, and the public logo files. Dealer admins only:
//! dealer staff get 403.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, put, web};
use shared::settings::{
    BrandingSettings, LogoInfo, MAX_LOGO_BYTES, PaymentSettings, PaymentSettingsInput, StoreEmail,
    StoreEmailInput,
};
use uuid::Uuid;

use super::json::Json;
use super::pdf_files::download_media_type;
use crate::auth::{ClientInfo, DealerAdmin};
use crate::error::ApiError;
use crate::services::portal_settings as settings;
use crate::state::AppState;

/// What a logo answer may do when opened on its own: nothing but draw. An SVG's scripts
/// (refused at upload anyway) could not run, nor could it load anything.
pub const LOGO_CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

/// The upload's bytes, read until they pass the logo limit: then 413 naming the limit (the
/// body extractor's own 413 cannot say it).
async fn logo_body(mut payload: web::Payload) -> Result<Vec<u8>, ApiError> {
    use futures_util::StreamExt as _;
    let too_large = ApiError::PayloadTooLarge { limit: Some(MAX_LOGO_BYTES) };
    let mut body = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|err| ApiError::BadRequest(format!("The upload broke off: {err}")))?;
        if body.len() + chunk.len() > MAX_LOGO_BYTES {
            return Err(too_large);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// An image file as a request or response body, for the OpenAPI document.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct ImageFile(#[allow(dead_code)] Vec<u8>);

/// The dealer's branding settings: colours, welcome message, terminology and home tiles.
#[utoipa::path(get, path = "/api/v1/admin/settings/branding", operation_id = "get_branding_settings", tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, body = BrandingSettings, description = "The dealer's branding settings"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not a dealer admin"),
    ))]
#[get("/admin/settings/branding")]
pub async fn get_branding(state: web::Data<AppState>, admin: DealerAdmin) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(settings::branding(&state, &admin).await?))
}

/// Replace the dealer's branding settings. The customer screens show them from the next
/// request on (`GET /branding/{slug}` is never served from a cache). Each colour must be
/// `#rrggbb` with white or dark text readable on it (WCAG AA, 4.5:1): otherwise 422 naming
/// the colour, with both contrast ratios in the message. Audited as `dealer.branding_updated`
/// with the values before and after.
#[utoipa::path(put, path = "/api/v1/admin/settings/branding", operation_id = "update_branding_settings", tag = "admin",
    request_body = BrandingSettings,
    security(("bearer" = [])),
    responses(
        (status = 200, body = BrandingSettings, description = "Stored (colours lower case, message trimmed, tiles in home order)"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not a dealer admin"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field; nothing was changed"),
    ))]
#[put("/admin/settings/branding")]
pub async fn update_branding(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    body: Json<BrandingSettings>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(settings::update_branding(&state, &admin, &client, &body).await?))
}

/// Upload the dealer's logo: the file itself as the body. PNG, JPEG or SVG, recognised by
/// its content (the declared `Content-Type` is not trusted), at most 512 KB. SVGs with
/// scripts, event handlers, embedded HTML or references to other sites are refused. The
/// logo gets a new URL (`logo_url`), which the branding shows at once. Audited as
/// `dealer.logo_uploaded`.
#[utoipa::path(put, path = "/api/v1/admin/settings/logo", operation_id = "upload_logo", tag = "admin",
    request_body(content = ImageFile, content_type = "application/octet-stream",
        description = "The image file's bytes; the `Content-Type` header is not checked (`image/png`, `image/jpeg` or `image/svg+xml` are fine too)"),
    security(("bearer" = [])),
    responses(
        (status = 200, body = LogoInfo, description = "Stored and shown"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not a dealer admin"),
        (status = 413, description = "Larger than 512 KB"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Not a PNG, JPEG or SVG, or an SVG we do not serve: `errors` names `logo`"),
    ))]
#[put("/admin/settings/logo")]
pub async fn upload_logo(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let body = logo_body(payload).await?;
    Ok(HttpResponse::Ok().json(settings::upload_logo(&state, &admin, &client, &body).await?))
}

/// Take the logo off the customer screens (the dealer's name shows instead). Audited as
/// `dealer.logo_removed`.
#[utoipa::path(delete, path = "/api/v1/admin/settings/logo", operation_id = "remove_logo", tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not a dealer admin"),
    ))]
#[delete("/admin/settings/logo")]
pub async fn remove_logo(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
) -> Result<HttpResponse, ApiError> {
    settings::remove_logo(&state, &admin, &client).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// An uploaded dealer logo. Public (the login page shows it); each upload has its own URL,
/// so it is cached for good. Its media type is the image's own, or
/// `application/octet-stream` when the request's `Accept` names that and not the image's type. Served with `nosniff` and a Content-Security-Policy that runs
/// nothing, so an SVG opened on its own cannot act as a page of ours.
#[utoipa::path(get, path = "/api/v1/logos/{logo_id}", operation_id = "get_logo", tag = "branding",
    params(("logo_id" = Uuid, Path, description = "The logo's id, from a branding's `logo_url`")),
    responses(
        (status = 200, description = "The image", content((ImageFile = "image/png"), (ImageFile = "image/jpeg"), (ImageFile = "image/svg+xml"), (ImageFile = "application/octet-stream"))),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "No such logo (replaced or removed)"),
    ))]
#[get("/logos/{logo_id}")]
pub async fn logo(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path.parse::<Uuid>().map_err(|_| ApiError::NotFound)?;
    let (content_type, bytes) =
        crate::db::portal_settings::logo(&state.db, id).await?.ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type(download_media_type(&req, &content_type))
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .insert_header((header::VARY, "Accept"))
        .insert_header((header::CONTENT_SECURITY_POLICY, LOGO_CONTENT_SECURITY_POLICY))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CONTENT_DISPOSITION, "inline; filename=\"logo\""))
        .body(bytes))
}

/// The dealer's stores and where each one's call-off, service and feedback emails go.
#[utoipa::path(get, path = "/api/v1/admin/settings/store-emails", operation_id = "list_store_emails", tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<StoreEmail>, description = "Every store of the dealer, by name"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not a dealer admin"),
    ))]
#[get("/admin/settings/store-emails")]
pub async fn store_emails(state: web::Data<AppState>, admin: DealerAdmin) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(settings::store_emails(&state, &admin).await?))
}

/// Set where a store's requests are emailed (empty: back to the store's own email). The
/// back-office sync never overwrites it. Audited as `dealer.store_email_updated`.
#[utoipa::path(put, path = "/api/v1/admin/settings/store-emails/{location_id}", operation_id = "update_store_email", tag = "admin",
    params(("location_id" = Uuid, Path, description = "The store (location) id")),
    request_body = StoreEmailInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = StoreEmail, description = "Stored"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not a dealer admin"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "No such store at this dealer"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field; nothing was changed"),
    ))]
#[put("/admin/settings/store-emails/{location_id}")]
pub async fn update_store_email(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    path: web::Path<String>,
    body: Json<StoreEmailInput>,
) -> Result<HttpResponse, ApiError> {
    let location_id = path.parse::<Uuid>().map_err(|_| ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(settings::set_store_email(&state, &admin, &client, location_id, &body).await?))
}

/// The dealer's payment methods and guest payment. Gateway secret keys are never returned:
/// only their last four characters and when they were set.
#[utoipa::path(get, path = "/api/v1/admin/settings/payments", operation_id = "get_payment_settings", tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, body = PaymentSettings, description = "Card and ACH, secrets masked"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not a dealer admin"),
    ))]
#[get("/admin/settings/payments")]
pub async fn payments(state: web::Data<AppState>, admin: DealerAdmin) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(settings::payments(&state, &admin).await?))
}

/// Switch card and ACH payments and guest payment on or off, and set gateway keys. A
/// `secret_key` is write only: stored encrypted (AES-256-GCM), never returned or logged;
/// leaving it out keeps the stored one. Audited as `dealer.payments_updated` (which methods
/// got a new secret, never the secret).
#[utoipa::path(put, path = "/api/v1/admin/settings/payments", operation_id = "update_payment_settings", tag = "admin",
    request_body = PaymentSettingsInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = PaymentSettings, description = "Stored; secrets masked"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not a dealer admin"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field; nothing was changed"),
    ))]
#[put("/admin/settings/payments")]
pub async fn update_payments(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    body: Json<PaymentSettingsInput>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(settings::update_payments(&state, &admin, &client, &body).await?))
}
