//! What the contract and invoice PDF routes share: the upload's size limit and answer, the
//! download's headers, and the OpenAPI body type. The upload flow is
//! `services::integrations`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::services::integrations::Upload;

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

/// A PDF shown inline under `name`, never cached by shared caches. Its media type is
/// `application/pdf`, or `application/octet-stream` when the request's `Accept` names that
/// and not PDF (generic HTTP clients and generated ones ask for "bytes"; the spec documents
/// both).
pub fn inline_pdf(req: &HttpRequest, name: &str, bytes: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(pdf_media_type(req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok())))
        .insert_header((header::CONTENT_DISPOSITION, format!("inline; filename=\"{name}\"")))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(bytes)
}

/// The media type a PDF download answers with for this `Accept` header.
fn pdf_media_type(accept: Option<&str>) -> &'static str {
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
    if named("application/octet-stream") && !named("application/pdf") {
        "application/octet-stream"
    } else {
        "application/pdf"
    }
}

/// An upload's answer: 201 with the document when stored, 200 with the newest when it was
/// the same file.
pub(crate) fn upload_response(upload: Upload) -> HttpResponse {
    if upload.stored { HttpResponse::Created() } else { HttpResponse::Ok() }.json(upload.document)
}

#[cfg(test)]
mod tests {
    use super::pdf_media_type;

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
}
