//! What the contract and invoice PDF routes share: the upload's size limit and answer, the
//! download's headers, and the OpenAPI body type. The upload flow is
//! `services::integrations`.

use actix_web::http::header;
use actix_web::{HttpResponse, web};

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

/// A PDF shown inline under `name`, never cached by shared caches.
pub fn inline_pdf(name: &str, bytes: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((header::CONTENT_DISPOSITION, format!("inline; filename=\"{name}\"")))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(bytes)
}

/// An upload's answer: 201 with the document when stored, 200 with the newest when it was
/// the same file.
pub(crate) fn upload_response(upload: Upload) -> HttpResponse {
    if upload.stored { HttpResponse::Created() } else { HttpResponse::Ok() }.json(upload.document)
}
