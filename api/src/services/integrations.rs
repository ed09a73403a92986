//! The back office's writes through the integration API: invoice batches upserted all or
//! nothing (I3) and the contract and invoice PDFs it uploads (C5, E1). Each is audited in
//! the same transaction as the write, naming its writer.

use std::future::Future;

use chrono::Utc;
use sha2::{Digest, Sha256};
use shared::contracts::ContractDocument;
use shared::invoices::{InvoiceUpsert, UpsertResult};
use shared::sync_status::SyncKind;
use uuid::Uuid;

use super::back_office::BackOffice;
use crate::db::Db;
use crate::db::audit::AuditEvent;
use crate::db::contract_documents::{self, NewDocument};
use crate::db::integration_sync;
use crate::db::invoice_documents;
use crate::db::invoice_upserts::{UpsertError, upsert_batch};
use crate::domain::invoices;
use crate::error::ApiError;

/// Upserts a batch of the dealer's invoices by `external_id`, or none of them: 422 naming
/// each problem of the batch on its own or against the database. Audited once as
/// `invoices.upserted` with the counts.
pub(crate) async fn upsert_invoices(
    db: &Db,
    writer: &BackOffice<'_>,
    batch: &[InvoiceUpsert],
) -> Result<UpsertResult, ApiError> {
    invoices::validate(batch)?;
    let audit = |result: &UpsertResult| {
        writer.audit(
            "invoices.upserted",
            serde_json::json!({ "invoices": batch.len(), "created": result.created, "updated": result.updated }),
        )
    };
    upsert_batch(db, writer.dealer_id, batch, audit, Utc::now()).await.map_err(|err| match err {
        UpsertError::Invalid(errors) => ApiError::Validation(errors),
        UpsertError::Db(err) => ApiError::from(err),
    })
}

/// An upload as stored: the document, and whether this upload stored it (`false`: the same
/// file was already the newest, nothing written).
pub(crate) struct Upload {
    pub document: ContractDocument,
    pub stored: bool,
}

/// Stores a PDF of the dealer's contract `external_id` (404 for another dealer's or an
/// unknown one); see [`store_upload`]. Audited as `contract.pdf_uploaded`.
pub(crate) async fn upload_contract_pdf(
    db: &Db,
    writer: &BackOffice<'_>,
    external_id: &str,
    body: &[u8],
) -> Result<Upload, ApiError> {
    let contract = contract_documents::contract_by_external_id(db, writer.dealer_id, external_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let name = crate::pdf::file_name("contract", &contract.number);
    let contract = &contract;
    let upload = store_upload(
        body,
        || contract_documents::newest_info(db, writer.dealer_id, contract.id),
        |sha256| async move {
            let doc = NewDocument {
                dealer_id: writer.dealer_id,
                contract,
                file_name: &name,
                sha256: &sha256,
                content: body,
                uploaded_by: None,
            };
            let audit = |document_id: Uuid| AuditEvent {
                customer_id: Some(contract.customer_id),
                ..writer.audit(
                    "contract.pdf_uploaded",
                    serde_json::json!({
                        "contract_id": contract.id,
                        "document_id": document_id,
                        "sha256": sha256,
                        "size_bytes": size_of(body),
                    }),
                )
            };
            contract_documents::insert(db, &doc, audit, Utc::now()).await
        },
    )
    .await?;
    arrived_unstored(db, writer, SyncKind::ContractDocuments, &upload).await?;
    Ok(upload)
}

/// Stores a PDF of the dealer's invoice `external_id` (404 for another dealer's or an
/// unknown one); see [`store_upload`]. Audited as `invoice.pdf_uploaded`.
pub(crate) async fn upload_invoice_pdf(
    db: &Db,
    writer: &BackOffice<'_>,
    external_id: &str,
    body: &[u8],
) -> Result<Upload, ApiError> {
    let dealer_id = writer.dealer_id;
    let invoice = invoice_documents::invoice_by_external_id(db, dealer_id, external_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let invoice = &invoice;
    let upload = store_upload(
        body,
        || invoice_documents::newest_info(db, dealer_id, invoice.id),
        |sha256| async move {
            let audit = |document_id: Uuid| AuditEvent {
                customer_id: Some(invoice.customer_id),
                ..writer.audit(
                    "invoice.pdf_uploaded",
                    serde_json::json!({
                        "invoice_id": invoice.id,
                        "document_id": document_id,
                        "sha256": sha256,
                        "size_bytes": size_of(body),
                    }),
                )
            };
            invoice_documents::insert(db, dealer_id, invoice, &sha256, body, audit, Utc::now()).await
        },
    )
    .await?;
    arrived_unstored(db, writer, SyncKind::InvoiceDocuments, &upload).await?;
    Ok(upload)
}

/// An upload that stored nothing (the same file again) had no transaction to record its
/// arrival in the sync status: record it on its own.
async fn arrived_unstored(
    db: &Db,
    writer: &BackOffice<'_>,
    kind: SyncKind,
    upload: &Upload,
) -> Result<(), sqlx::Error> {
    if upload.stored {
        return Ok(());
    }
    integration_sync::arrival(db, writer.dealer_id, kind, 1, Utc::now()).await
}

fn size_of(content: &[u8]) -> i64 {
    i64::try_from(content.len()).unwrap_or(i64::MAX)
}

/// What contract and invoice uploads share: the body must start with `%PDF-` (else 422 on
/// `body`); the same file as the newest upload answers with that document and stores
/// nothing, so retries are harmless; otherwise `insert(sha256)` stores it.
async fn store_upload<N, NFut, I, IFut>(body: &[u8], newest: N, insert: I) -> Result<Upload, ApiError>
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
        return Ok(Upload { document: newest, stored: false });
    }
    let document = insert(sha256).await?;
    Ok(Upload { document, stored: true })
}
