//! What contract and invoice PDFs share: the upload's size limit and checks, "same file
//! again stores nothing", the download's file name and headers, and the OpenAPI body type.

use std::future::Future;

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use sha2::{Digest, Sha256};
use shared::contracts::ContractDocument;

use crate::error::ApiError;

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

/// `<kind>-<number>.pdf`, keeping only characters that are safe in a header and a file
/// system whatever the back office put in the number.
pub fn file_name(kind: &str, number: &str) -> String {
    let safe: String = number
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect();
    format!("{kind}-{safe}.pdf")
}

/// A PDF shown inline under `name`, never cached by shared caches.
pub fn inline_pdf(name: &str, bytes: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((header::CONTENT_DISPOSITION, format!("inline; filename=\"{name}\"")))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(bytes)
}

/// Stores an uploaded PDF once the document it belongs to is found: the body must start
/// with `%PDF-` (else 422 on `body`); the same file as the newest upload answers 200 with
/// that document and stores nothing, so retries are harmless; otherwise `insert(sha256)`
/// stores it and the answer is 201.
pub async fn store_upload<N, NFut, I, IFut>(
    body: &[u8],
    newest: N,
    insert: I,
) -> Result<HttpResponse, ApiError>
where
    N: FnOnce() -> NFut,
    NFut: Future<Output = Result<Option<ContractDocument>, sqlx::Error>>,
    I: FnOnce(String) -> IFut,
    IFut: Future<Output = Result<ContractDocument, sqlx::Error>>,
{
    if !body.starts_with(b"%PDF-") {
        return Err(ApiError::field("body", "Send a PDF file: the body must start with %PDF-."));
    }
    let sha256 = format!("{:x}", Sha256::digest(body));
    if let Some(newest) = newest().await?
        && newest.sha256 == sha256
    {
        return Ok(HttpResponse::Ok().json(newest));
    }
    let stored = insert(sha256).await?;
    Ok(HttpResponse::Created().json(stored))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_header_safe() {
        assert_eq!(file_name("contract", "S-000123"), "contract-S-000123.pdf");
        assert_eq!(file_name("invoice", "T/12 \"x\""), "invoice-T_12__x_.pdf");
    }
}
