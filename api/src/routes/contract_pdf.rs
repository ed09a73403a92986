//! Contract PDFs (C5): the back office uploads the signed or printed contract; the customer
//! downloads the newest upload, or one generated from the contract in the dealer's branding.

use actix_web::{HttpRequest, HttpResponse, get, web};
use shared::contracts::ContractDocument;
use uuid::Uuid;

use super::pdf_files::{PdfFile, inline_pdf, reader_language, upload_response};
use shared::integrations::Scope;
use shared::sync_status::SyncKind;

use crate::auth::{AccountAccess, ClientInfo, Integrator};
use crate::db::contract_documents;
use crate::error::ApiError;
use crate::pdf::contract::{ContractPdf, render};
use crate::pdf::file_name;
use crate::services::back_office::BackOffice;
use crate::services::integrations;
use crate::state::AppState;

/// Stores a PDF of the dealer's contract (the raw bytes are the body, at most 10 MiB); the
/// newest upload is what customers download. Sending again the file that is already the
/// newest answers 200 with that document and stores nothing, so retries are harmless. A
/// contract of another dealer, or an unknown `external_id`, answers 404; a body that is not
/// a PDF (must start with `%PDF-`) 422.
///
/// Takes an API client's token (`POST /api/v1/oauth/token`) holding the scope named under security.
#[utoipa::path(put, path = "/api/v1/integrations/contracts/{external_id}/pdf", tag = "integrations", operation_id = "upload_contract_pdf",
    params(("external_id" = String, Path, description = "The contract's id in the back office")),
    request_body(content = PdfFile, content_type = "application/octet-stream", description = "The PDF file's bytes, at most 10 MiB; the `Content-Type` header is not checked (`application/pdf` is fine too), the bytes must start with `%PDF-`"),
    security(("oauth2" = ["documents:write"])),
    responses(
        (status = 201, body = ContractDocument, description = "Created"),
        (status = 200, body = ContractDocument, description = "The same file was already the newest: nothing stored"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Signed in, but not allowed to do this"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "Not found, or not visible to this login"),
        (status = 413, description = "Larger than 10 MiB"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field"),
    ))]
pub async fn upload(
    state: web::Data<AppState>,
    integrator: Integrator,
    client: ClientInfo,
    path: web::Path<String>,
    body: Result<web::Bytes, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    integrator.require(Scope::DocumentsWrite)?;
    let body = match body {
        Ok(body) => body,
        Err(err) => {
            let err = super::json::into_api_error(err);
            return Err(
                super::sync_status::refused(&state, &integrator, SyncKind::ContractDocuments, err).await
            );
        }
    };
    let upload = super::sync_status::tracked(
        &state,
        &integrator,
        SyncKind::ContractDocuments,
        integrations::upload_contract_pdf(&state.db, &BackOffice::client(&integrator, &client), &path, &body)
            .await,
    )
    .await?;
    Ok(upload_response(upload))
}

/// The contract as a PDF: the newest one the back office uploaded, else one generated now
/// from the contract in the dealer's branding, in the reader's language (their profile's;
/// else `Accept-Language`'s when the dealer offers it; else the dealer's first). Shown
/// inline, never cached by shared caches.
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/contracts/{contract_id}/pdf", tag = "contracts", operation_id = "download_contract_pdf",
    params(
        ("account_id" = Uuid, Path, description = "Customer account id"),
        ("contract_id" = Uuid, Path, description = "Contract id"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The contract PDF: `application/pdf`, or the same bytes as `application/octet-stream` when the `Accept` header asks for that and not for PDF",
            content((PdfFile = "application/pdf"), (PdfFile = "application/octet-stream"))),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "Not found, or not visible to this login"),
    ))]
#[get("/contracts/{contract_id}/pdf")]
pub async fn download(
    state: web::Data<AppState>,
    access: AccountAccess,
    path: web::Path<(String, String)>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let contract_id = path.1.parse::<Uuid>().map_err(|_| ApiError::NotFound)?;
    let contract = crate::db::contracts::detail(&state.db, access.customer_id, access.currency, contract_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let name = file_name("contract", &contract.summary.number);
    let bytes = match contract_documents::newest(&state.db, access.dealer_id, contract_id).await? {
        Some(uploaded) => uploaded,
        None => {
            let dealer =
                crate::db::branding::by_id(&state.db, access.dealer_id).await?.ok_or(ApiError::NotFound)?;
            let parties = contract_documents::parties(&state.db, access.customer_id, contract_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            let generated_on = access.today();
            let language = reader_language(&state, &access, &dealer).await?;
            // Laying out a long contract is CPU work: off the async workers.
            web::block(move || {
                render(&ContractPdf {
                    dealer: &dealer,
                    parties: &parties,
                    contract: &contract,
                    generated_on,
                    language,
                })
            })
            .await
            .map_err(|e| ApiError::Internal(e.into()))?
        }
    };
    Ok(inline_pdf(&req, &name, bytes))
}
