//! What the contract and invoice PDF routes share: the upload's size limit and answer, the
//! download's headers and language, and the OpenAPI body type; and the media-type
//! negotiation every file download (PDFs, logos) uses. The upload flow is
//! `services::integrations`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use shared::branding::Branding;
use shared::i18n::Language;

use crate::auth::AccountAccess;
use crate::error::ApiError;
use crate::services::integrations::Upload;
use crate::state::AppState;

/// Largest PDF an integration may upload.
pub const MAX_PDF_BYTES: usize = 10 * 1024 * 1024;

/// The body limit of the upload routes; the app-wide default is far smaller.
pub fn upload_payload_config() -> web::PayloadConfig {
    web::PayloadConfig::new(MAX_PDF_BYTES)
}

/// A PDF file as the request or response body, for the OpenAPI document (bytes, not JSON).
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct PdfFile(#[allow(dead_code)] Vec<u8>);

/// The language a generated PDF is written in for the signed-in reader: the one they chose,
/// else the one their request asks for (the language on screen), as
/// `crate::i18n::reader_language` settles it.
pub async fn reader_language(
    state: &AppState,
    access: &AccountAccess,
    dealer: &Branding,
) -> Result<Language, ApiError> {
    let chosen = crate::db::users::chosen_language(&state.db, access.user.id()).await?;
    Ok(crate::i18n::reader_language(Some(dealer), chosen, crate::i18n::asked_language()))
}

/// A PDF shown inline under `name`, never cached by shared caches. Its media type is
/// `application/pdf`, or `application/octet-stream` when the request's `Accept` names that
/// and not PDF (generic HTTP clients and generated ones ask for "bytes"; the spec documents
/// both).
pub fn inline_pdf(req: &HttpRequest, name: &str, bytes: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(download_media_type(req, "application/pdf"))
        .insert_header((header::CONTENT_DISPOSITION, format!("inline; filename=\"{name}\"")))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(bytes)
}

/// The media type a file download answers with: its own (`native`), or
/// `application/octet-stream` when the request's `Accept` names that and not the file's own
/// type. Generic HTTP clients and generated ones ask for "bytes"; the spec documents both.
pub(crate) fn download_media_type<'a>(req: &HttpRequest, native: &'a str) -> &'a str {
    negotiated_media_type(req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()), native)
}

fn negotiated_media_type<'a>(accept: Option<&str>, native: &'a str) -> &'a str {
    let named = |wanted: &str| {
        accept.is_some_and(|accept| {
            accept.split(',').any(|part| {
                let mut params = part.split(';');
                let range = params.next().unwrap_or_default().trim();
                // A range with `q=0` refuses that type (RFC 9110, section 12.5.1).
                let refused = params
                    .any(|p| p.trim().strip_prefix("q=").is_some_and(|q| q.trim().parse::<f32>() == Ok(0.0)));
                range.eq_ignore_ascii_case(wanted) && !refused
            })
        })
    };
    if named("application/octet-stream") && !named(native) { "application/octet-stream" } else { native }
}

/// An upload's answer: 201 with the document when stored, 200 with the newest when it was
/// the same file.
pub(crate) fn upload_response(upload: Upload) -> HttpResponse {
    if upload.stored { HttpResponse::Created() } else { HttpResponse::Ok() }.json(upload.document)
}

#[cfg(test)]
mod tests {
    use super::negotiated_media_type;

    fn pdf_media_type(accept: Option<&str>) -> &str {
        negotiated_media_type(accept, "application/pdf")
    }

    #[test]
    fn a_pdf_is_octet_stream_only_when_asked_for_that_and_not_for_pdf() {
        assert_eq!(pdf_media_type(None), "application/pdf");
        assert_eq!(pdf_media_type(Some("*/*")), "application/pdf");
        assert_eq!(pdf_media_type(Some("application/pdf")), "application/pdf");
        assert_eq!(pdf_media_type(Some("application/octet-stream")), "application/octet-stream");
        assert_eq!(
            pdf_media_type(Some("Application/Octet-Stream;q=0.9, */*;q=0.1")),
            "application/octet-stream"
        );
        assert_eq!(pdf_media_type(Some("application/pdf, application/octet-stream")), "application/pdf");
        assert_eq!(pdf_media_type(Some("application/octet-stream;q=0")), "application/pdf");
    }

    #[test]
    fn an_image_is_octet_stream_only_when_asked_for_that_and_not_for_its_own_type() {
        assert_eq!(negotiated_media_type(Some("image/png,image/*;q=0.8"), "image/png"), "image/png");
        assert_eq!(
            negotiated_media_type(Some("application/octet-stream"), "image/svg+xml"),
            "application/octet-stream"
        );
        assert_eq!(
            negotiated_media_type(Some("image/svg+xml, application/octet-stream"), "image/svg+xml"),
            "image/svg+xml"
        );
    }
}
