//! The back office's invoice feed (I3): batches of invoices upserted all or nothing, and
//! the invoice PDFs it uploads.

use std::collections::HashSet;

use actix_web::{HttpResponse, web};
use shared::contracts::ContractDocument;
use shared::error::FieldError;
use shared::invoices::{InvoiceBatch, InvoiceKind, InvoiceUpsert, UpsertResult};

use super::pdf_files::{PdfFile, store_upload};
use crate::auth::Integrator;
use crate::db::invoice_documents;
use crate::db::invoice_upserts::{UpsertError, upsert_batch};
use crate::error::ApiError;
use crate::state::AppState;

/// Most invoices one batch may carry; a feed with more sends several batches.
pub const MAX_BATCH: usize = 500;
/// Longest ids, numbers and references accepted (characters).
const MAX_ID: usize = 100;
const MAX_NUMBER: usize = 50;
const MAX_TEXT: usize = 500;

/// The JSON body limit of the invoice feed: a full batch with lines is far larger than the
/// app-wide default for JSON bodies.
pub fn invoices_json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(8 * 1024 * 1024)
        .error_handler(|err, _| ApiError::BadRequest(err.to_string()).into())
}

/// Creates or updates the dealer's invoices and credit memos by `external_id`; each one's
/// lines are replaced by the ones sent. Portal payments not yet posted stay held against
/// the invoice (`pending`), whatever balance is sent. One bad invoice refuses the whole
/// batch (422 naming e.g. `invoices[3].customer_external_id`) and nothing is written;
/// sending the same batch again updates every invoice and creates none.
///
/// Interim authentication: a dealer admin's token (API client credentials come with I2).
#[utoipa::path(put, path = "/api/v1/integrations/invoices", tag = "integrations",
    request_body = InvoiceBatch,
    security(("bearer" = [])),
    responses(
        (status = 200, body = UpsertResult),
        (status = 400, body = shared::error::Problem, content_type = "application/problem+json"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn upsert(
    state: web::Data<AppState>,
    integrator: Integrator,
    batch: web::Json<InvoiceBatch>,
) -> Result<HttpResponse, ApiError> {
    validate(&batch.invoices)?;
    let result = upsert_batch(
        &state.db,
        integrator.dealer_id,
        integrator.user.id(),
        &batch.invoices,
        chrono::Utc::now(),
    )
    .await
    .map_err(|err| match err {
        UpsertError::Invalid(errors) => ApiError::Validation(errors),
        UpsertError::Db(err) => ApiError::from(err),
    })?;
    Ok(HttpResponse::Ok().json(result))
}

/// Every problem the batch shows on its own, each naming its invoice
/// (`invoices[3].due_date`); what needs the database (unknown customers, stores, contracts,
/// numbers taken) is checked by the upsert.
fn validate(invoices: &[InvoiceUpsert]) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    if invoices.len() > MAX_BATCH {
        errors.push(FieldError {
            field: "invoices".into(),
            message: format!("Send at most {MAX_BATCH} invoices per batch."),
        });
    }
    let mut external_ids = HashSet::new();
    let mut numbers = HashSet::new();
    for (i, invoice) in invoices.iter().enumerate() {
        let mut error = |field: &str, message: &str| {
            errors.push(FieldError { field: format!("invoices[{i}].{field}"), message: message.into() });
        };
        let external_id = invoice.external_id.trim();
        if external_id.is_empty() {
            error("external_id", "Enter the invoice's id in the back office.");
        } else if external_id.chars().count() > MAX_ID {
            error("external_id", "Use at most 100 characters.");
        } else if !external_ids.insert(external_id) {
            error("external_id", "This invoice is in the batch twice.");
        }
        if invoice.customer_external_id.trim().is_empty() {
            error("customer_external_id", "Enter the customer's id in the back office.");
        }
        let number = invoice.number.trim();
        if number.is_empty() {
            error("number", "Enter the invoice number.");
        } else if number.chars().count() > MAX_NUMBER {
            error("number", "Use at most 50 characters.");
        } else if !numbers.insert(number) {
            error("number", "Two invoices in the batch have this number.");
        }
        for (field, value) in [("po_number", &invoice.po_number), ("job_number", &invoice.job_number)] {
            if value.as_deref().is_some_and(|v| v.trim().chars().count() > MAX_ID) {
                error(field, "Use at most 100 characters.");
            }
        }
        if invoice.due_date.is_some_and(|due| due < invoice.invoice_date) {
            error("due_date", "The due date is before the invoice date.");
        }
        // An invoice asks for money, a credit memo gives it back: the signs say which.
        let (sign_ok, sign_message): (fn(i64) -> bool, &str) = match invoice.kind {
            InvoiceKind::Invoice => (|v: i64| v >= 0, "An invoice cannot be negative; send a credit memo."),
            InvoiceKind::CreditMemo => (|v: i64| v <= 0, "A credit memo's amounts are zero or negative."),
        };
        for (field, value) in [
            ("subtotal_minor", invoice.subtotal_minor),
            ("total_minor", invoice.total_minor),
            ("balance_minor", invoice.balance_minor),
        ] {
            if !sign_ok(value) {
                error(field, sign_message);
            }
        }
        if invoice.subtotal_minor.checked_add(invoice.tax_minor) != Some(invoice.total_minor) {
            error("total_minor", "The total must be the subtotal plus tax.");
        }
        for (j, line) in invoice.lines.iter().enumerate() {
            let mut line_error = |field: &str, message: &str| {
                errors.push(FieldError {
                    field: format!("invoices[{i}].lines[{j}].{field}"),
                    message: message.into(),
                });
            };
            let description = line.description.trim();
            if description.is_empty() {
                line_error("description", "Describe the line.");
            } else if description.chars().count() > MAX_TEXT {
                line_error("description", "Use at most 500 characters.");
            }
            if line.quantity < 0 {
                line_error("quantity", "The quantity cannot be negative.");
            }
            if line.item_code.as_deref().is_some_and(|v| v.trim().chars().count() > MAX_ID) {
                line_error("item_code", "Use at most 100 characters.");
            }
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
}

/// Stores a PDF of the dealer's invoice (the raw bytes are the body, at most 10 MiB); the
/// newest upload is what customers download. Sending again the file that is already the
/// newest answers 200 with that document and stores nothing. An invoice of another dealer,
/// or an unknown `external_id`, answers 404; a body that is not a PDF (must start with
/// `%PDF-`) 422.
///
/// Interim authentication: a dealer admin's token (API client credentials come with I2).
#[utoipa::path(put, path = "/api/v1/integrations/invoices/{external_id}/pdf", tag = "integrations",
    params(("external_id" = String, Path, description = "The invoice's id in the back office")),
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
pub async fn upload_pdf(
    state: web::Data<AppState>,
    integrator: Integrator,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let invoice = invoice_documents::invoice_by_external_id(&state.db, integrator.dealer_id, &path)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (db, invoice, body) = (&state.db, &invoice, &body);
    let dealer_id = integrator.dealer_id;
    store_upload(
        body,
        || invoice_documents::newest_info(db, dealer_id, invoice.id),
        |sha256| async move {
            invoice_documents::insert(
                db,
                dealer_id,
                invoice,
                &sha256,
                body,
                integrator.user.id(),
                chrono::Utc::now(),
            )
            .await
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use shared::invoices::{InvoiceLineUpsert, InvoiceStatus};

    use super::*;

    fn invoice(external_id: &str, number: &str) -> InvoiceUpsert {
        let day = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        InvoiceUpsert {
            external_id: external_id.into(),
            customer_external_id: "CUST-1".into(),
            number: number.into(),
            kind: InvoiceKind::Invoice,
            status: InvoiceStatus::Open,
            location_external_id: None,
            contract_external_id: None,
            invoice_date: day,
            due_date: Some(day),
            po_number: None,
            job_number: None,
            subtotal_minor: 1_000,
            tax_minor: 80,
            total_minor: 1_080,
            balance_minor: 1_080,
            lines: vec![InvoiceLineUpsert {
                item_code: None,
                description: "Delivery".into(),
                quantity: 1,
                unit_price_minor: 1_000,
                amount_minor: 1_000,
            }],
        }
    }

    fn fields(invoices: &[InvoiceUpsert]) -> Vec<String> {
        match validate(invoices) {
            Ok(()) => Vec::new(),
            Err(ApiError::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn each_bad_field_is_named_with_its_index() {
        let mut early = invoice("B", "INV-2");
        early.due_date = NaiveDate::from_ymd_opt(2026, 10, 1);
        early.lines[0].quantity = -1;
        early.lines[0].description = " ".into();
        let mut credit = invoice("C", "INV-3");
        credit.kind = InvoiceKind::CreditMemo;
        let mut duplicate = invoice("A", " ");
        duplicate.customer_external_id = String::new();
        assert_eq!(
            fields(&[invoice("A", "INV-1"), early, credit, duplicate]),
            [
                "invoices[1].due_date",
                "invoices[1].lines[0].description",
                "invoices[1].lines[0].quantity",
                "invoices[2].subtotal_minor",
                "invoices[2].total_minor",
                "invoices[2].balance_minor",
                "invoices[3].external_id",
                "invoices[3].customer_external_id",
                "invoices[3].number",
            ]
        );
        assert!(fields(&[invoice("A", "INV-1"), invoice("B", "INV-2")]).is_empty());
    }

    #[test]
    fn a_batch_over_the_limit_is_refused() {
        let batch: Vec<_> = (0..=MAX_BATCH).map(|i| invoice(&format!("E{i}"), &format!("N{i}"))).collect();
        assert_eq!(fields(&batch), ["invoices"]);
    }
}
