//! The back office's invoice batches (I3): what a batch must satisfy on its own, before
//! the database is asked about customers, stores, contracts and numbers.

use std::collections::HashSet;

use shared::error::FieldError;
use shared::invoices::{InvoiceKind, InvoiceUpsert};

use crate::error::ApiError;

/// Most invoices one batch may carry; a feed with more sends several batches.
pub const MAX_BATCH: usize = 500;
/// Longest ids, numbers and references accepted (characters).
const MAX_ID: usize = 100;
const MAX_NUMBER: usize = 50;
const MAX_TEXT: usize = 500;

/// Every problem the batch shows on its own, each naming its invoice
/// (`invoices[3].due_date`); what needs the database (unknown customers, stores, contracts,
/// numbers taken) is checked by the upsert.
pub fn validate(invoices: &[InvoiceUpsert]) -> Result<(), ApiError> {
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
