//! Contract PDFs (C5): the back office uploads the signed or printed contract; the customer
//! downloads the newest upload, or one generated from the contract in the dealer's branding.

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use sha2::{Digest, Sha256};
use shared::contracts::ContractDocument;
use uuid::Uuid;

use crate::auth::{AccountAccess, Integrator};
use crate::db::contract_documents::{self, NewDocument};
use crate::error::ApiError;
use crate::pdf::contract::{ContractPdf, render};
use crate::startup::AppState;

/// Largest PDF an integration may upload.
pub const MAX_PDF_BYTES: usize = 10 * 1024 * 1024;

/// The body limit of the upload route; the app-wide default is far smaller.
pub fn upload_payload_config() -> web::PayloadConfig {
    web::PayloadConfig::new(MAX_PDF_BYTES)
}

/// A PDF file as the request or response body, for the OpenAPI document (bytes, not JSON).
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct PdfFile(#[allow(dead_code)] Vec<u8>);

/// `contract-<number>.pdf`, keeping only characters that are safe in a header and a file
/// system whatever the back office put in the number.
fn file_name(number: &str) -> String {
    let safe: String = number
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect();
    format!("contract-{safe}.pdf")
}

/// Stores a PDF of the dealer's contract (the raw bytes are the body, at most 10 MiB); the
/// newest upload is what customers download. Sending again the file that is already the
/// newest answers 200 with that document and stores nothing, so retries are harmless. A
/// contract of another dealer, or an unknown `external_id`, answers 404; a body that is not
/// a PDF (must start with `%PDF-`) 422.
///
/// Interim authentication: a dealer admin's token (API client credentials come with I2).
#[utoipa::path(put, path = "/api/v1/integrations/contracts/{external_id}/pdf", tag = "integrations",
    params(("external_id" = String, Path, description = "The contract's id in the back office")),
    request_body(content = PdfFile, content_type = "application/pdf", description = "The PDF file, at most 10 MiB"),
    security(("bearer" = [])),
    responses(
        (status = 201, body = ContractDocument),
        (status = 200, body = ContractDocument, description = "The same file was already the newest: nothing stored"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 10 MiB"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn upload(
    state: web::Data<AppState>,
    integrator: Integrator,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let contract = contract_documents::contract_by_external_id(&state.db, integrator.dealer_id, &path)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !body.starts_with(b"%PDF-") {
        return Err(ApiError::field("body", "Send a PDF file: the body must start with %PDF-."));
    }
    let sha256 = format!("{:x}", Sha256::digest(&body));
    // A retried upload of the same file stores nothing new: the newest document is it.
    if let Some(newest) =
        contract_documents::newest_info(&state.db, integrator.dealer_id, contract.id).await?
        && newest.sha256 == sha256
    {
        return Ok(HttpResponse::Ok().json(newest));
    }
    let name = file_name(&contract.number);
    let doc = NewDocument {
        dealer_id: integrator.dealer_id,
        contract: &contract,
        file_name: &name,
        sha256: &sha256,
        content: &body,
        uploaded_by: integrator.user.id(),
    };
    let stored = contract_documents::insert(&state.db, &doc, chrono::Utc::now()).await?;
    Ok(HttpResponse::Created().json(stored))
}

/// The contract as a PDF: the newest one the back office uploaded, else one generated now
/// from the contract in the dealer's branding. Shown inline, never cached by shared caches.
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/contracts/{contract_id}/pdf", tag = "contracts",
    params(
        ("account_id" = Uuid, Path, description = "Customer account id"),
        ("contract_id" = Uuid, Path, description = "Contract id"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, body = PdfFile, content_type = "application/pdf", description = "The contract PDF"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json"),
    ))]
#[get("/accounts/{account_id}/contracts/{contract_id}/pdf")]
pub async fn download(
    state: web::Data<AppState>,
    access: AccountAccess,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let contract_id = path.1.parse::<Uuid>().map_err(|_| ApiError::NotFound)?;
    let contract = crate::db::contracts::detail(&state.db, access.customer_id, access.currency, contract_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let name = file_name(&contract.summary.number);
    let bytes = match contract_documents::newest(&state.db, access.dealer_id, contract_id).await? {
        Some(uploaded) => uploaded,
        None => {
            let dealer =
                crate::db::branding::by_id(&state.db, access.dealer_id).await?.ok_or(ApiError::NotFound)?;
            let parties = contract_documents::parties(&state.db, access.customer_id, contract_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            // Laying out a long contract is CPU work: off the async workers.
            web::block(move || {
                render(&ContractPdf {
                    dealer: &dealer,
                    parties: &parties,
                    contract: &contract,
                    generated_on: chrono::Utc::now().date_naive(),
                })
            })
            .await
            .map_err(|e| ApiError::Internal(e.into()))?
        }
    };
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((header::CONTENT_DISPOSITION, format!("inline; filename=\"{name}\"")))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_header_safe() {
        assert_eq!(file_name("S-000123"), "contract-S-000123.pdf");
        assert_eq!(file_name("T/12 \"x\""), "contract-T_12__x_.pdf");
    }
}
