//! The back office's invoice feed (I3): batches of invoices upserted all or nothing, and
//! the invoice PDFs it uploads.

use actix_web::{HttpResponse, web};
use shared::contracts::ContractDocument;
use shared::invoices::{InvoiceBatch, UpsertResult};

use super::pdf_files::{PdfFile, upload_response};
use shared::integrations::Scope;
use shared::sync_status::SyncKind;

use crate::auth::{ClientInfo, Integrator};
use crate::error::ApiError;
use crate::services::back_office::BackOffice;
use crate::services::integrations;
use crate::state::AppState;

/// The JSON body limit of the invoice feed: a full batch with lines is far larger than the
/// app-wide default for JSON bodies.
pub fn invoices_json_config() -> web::JsonConfig {
    super::json::config(8 * 1024 * 1024)
}

/// Creates or updates the dealer's invoices and credit memos by `external_id`; each one's
/// lines are replaced by the ones sent. Portal payments not yet posted stay held against
/// the invoice (`pending`), whatever balance is sent; the holds of payments already
/// confirmed as posted end with this balance, which is newer than them. One bad invoice refuses the whole
/// batch (422 naming e.g. `invoices[3].customer_external_id`) and nothing is written;
/// sending the same batch again updates every invoice and creates none.
///
/// Takes an API client's token (`POST /api/v1/oauth/token`) holding the scope named under security.
#[utoipa::path(put, path = "/api/v1/integrations/invoices", tag = "integrations", operation_id = "upsert_invoices",
    request_body = InvoiceBatch,
    security(("oauth2" = ["invoices:write"])),
    responses(
        (status = 200, body = UpsertResult, description = "OK"),
        (status = 400, body = shared::error::Problem, content_type = "application/problem+json", description = "Malformed request: not JSON, wrong types, or a parameter sent twice"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Signed in, but not allowed to do this"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field"),
    ))]
pub async fn upsert(
    state: web::Data<AppState>,
    integrator: Integrator,
    client: ClientInfo,
    batch: Result<super::json::Json<InvoiceBatch>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    integrator.require(Scope::InvoicesWrite)?;
    let batch = super::sync_status::body(&state, &integrator, SyncKind::Invoices, batch).await?;
    let result = super::sync_status::tracked(
        &state,
        &integrator,
        SyncKind::Invoices,
        integrations::upsert_invoices(&state.db, &BackOffice::client(&integrator, &client), &batch.invoices)
            .await,
    )
    .await?;
    Ok(HttpResponse::Ok().json(result))
}

/// Stores a PDF of the dealer's invoice (the raw bytes are the body, at most 10 MiB); the
/// newest upload is what customers download. Sending again the file that is already the
/// newest answers 200 with that document and stores nothing. An invoice of another dealer,
/// or an unknown `external_id`, answers 404; a body that is not a PDF (must start with
/// `%PDF-`) 422.
///
/// Takes an API client's token (`POST /api/v1/oauth/token`) holding the scope named under security.
#[utoipa::path(put, path = "/api/v1/integrations/invoices/{external_id}/pdf", tag = "integrations", operation_id = "upload_invoice_pdf",
    params(("external_id" = String, Path, description = "The invoice's id in the back office")),
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
pub async fn upload_pdf(
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
                super::sync_status::refused(&state, &integrator, SyncKind::InvoiceDocuments, err).await
            );
        }
    };
    let upload = super::sync_status::tracked(
        &state,
        &integrator,
        SyncKind::InvoiceDocuments,
        integrations::upload_invoice_pdf(&state.db, &BackOffice::client(&integrator, &client), &path, &body)
            .await,
    )
    .await?;
    Ok(upload_response(upload))
}
