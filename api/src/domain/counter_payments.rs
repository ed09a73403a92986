//! Payments received at the counter, as the back office loads them (I3): what a batch must
//! satisfy on its own, before the database is asked about customers and invoices. Every
//! problem is named by its path in the body (`payments[3].allocations[0].amount_minor`).

use std::collections::HashSet;

use shared::counter_payments::{CounterPaymentUpsert, MAX_COUNTER_ALLOCATIONS, MAX_COUNTER_PAYMENTS};
use shared::error::FieldError;

use crate::domain::records::text;
use crate::error::ApiError;

/// Longest back-office ids and references accepted, in characters.
const MAX_ID: usize = 100;

/// Every problem of a counter-payment batch on its own: ids present and not repeated,
/// amounts above 0, each invoice at most once per payment, and the allocations together
/// no more than the payment.
pub fn validate_counter_payments(payments: &[CounterPaymentUpsert]) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    if payments.len() > MAX_COUNTER_PAYMENTS {
        errors.push(error("payments", &format!("Send at most {MAX_COUNTER_PAYMENTS} per batch.")));
    }
    let mut ids = HashSet::new();
    for (i, payment) in payments.iter().enumerate() {
        let path = format!("payments[{i}]");
        let field = |name: &str| format!("{path}.{name}");
        let external_id = payment.external_id.trim();
        if external_id.is_empty() {
            errors.push(error(&field("external_id"), "Enter the payment's id in the back office."));
        } else if external_id.chars().count() > MAX_ID {
            errors.push(error(&field("external_id"), &format!("Use at most {MAX_ID} characters.")));
        } else if !ids.insert(external_id) {
            errors.push(error(&field("external_id"), "This payment is in the batch twice."));
        }
        required_id(&mut errors, &field("customer_external_id"), &payment.customer_external_id, "customer");
        if text(&payment.reference).is_some_and(|r| r.chars().count() > MAX_ID) {
            errors.push(error(&field("reference"), &format!("Use at most {MAX_ID} characters.")));
        }
        if payment.amount_minor <= 0 {
            errors.push(error(&field("amount_minor"), "The amount must be more than 0."));
        }
        if payment.allocations.len() > MAX_COUNTER_ALLOCATIONS {
            errors.push(error(
                &field("allocations"),
                &format!("Apply a payment to at most {MAX_COUNTER_ALLOCATIONS} invoices."),
            ));
        }
        let mut invoices = HashSet::new();
        let mut allocated: i64 = 0;
        for (j, allocation) in payment.allocations.iter().enumerate() {
            let at = format!("{path}.allocations[{j}]");
            let invoice = allocation.invoice_external_id.trim();
            required_id(&mut errors, &format!("{at}.invoice_external_id"), invoice, "invoice");
            if !invoice.is_empty() && !invoices.insert(invoice) {
                errors.push(error(
                    &format!("{at}.invoice_external_id"),
                    "This invoice is in the payment's allocations twice.",
                ));
            }
            if allocation.amount_minor <= 0 {
                errors.push(error(&format!("{at}.amount_minor"), "The amount must be more than 0."));
            }
            allocated = allocated.saturating_add(allocation.amount_minor.max(0));
        }
        if payment.amount_minor > 0 && allocated > payment.amount_minor {
            errors.push(error(
                &field("allocations"),
                "The allocations add up to more than the payment's amount.",
            ));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
}

fn required_id(errors: &mut Vec<FieldError>, field: &str, value: &str, noun: &str) {
    let value = value.trim();
    if value.is_empty() {
        errors.push(error(field, &format!("Enter the {noun}'s id in the back office.")));
    } else if value.chars().count() > MAX_ID {
        errors.push(error(field, &format!("Use at most {MAX_ID} characters.")));
    }
}

fn error(field: &str, message: &str) -> FieldError {
    FieldError { field: field.into(), message: message.into() }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use shared::counter_payments::CounterAllocationUpsert;
    use shared::payments::Tender;

    use super::*;

    fn payment(external_id: &str, amount_minor: i64, allocations: &[(&str, i64)]) -> CounterPaymentUpsert {
        CounterPaymentUpsert {
            external_id: external_id.into(),
            customer_external_id: "C-1".into(),
            received_on: NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or_default(),
            amount_minor,
            method: Tender::Check,
            reference: Some("1042".into()),
            allocations: allocations
                .iter()
                .map(|(invoice, amount)| CounterAllocationUpsert {
                    invoice_external_id: (*invoice).into(),
                    amount_minor: *amount,
                })
                .collect(),
        }
    }

    fn fields(result: Result<(), ApiError>) -> Vec<String> {
        match result {
            Ok(()) => Vec::new(),
            Err(ApiError::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn each_bad_field_is_named_by_its_path() {
        let good = payment("R-1", 10_000, &[("I-1", 6_000), ("I-2", 4_000)]);
        assert!(fields(validate_counter_payments(std::slice::from_ref(&good))).is_empty());
        let mut blank = payment("R-2", 0, &[("", 0)]);
        blank.customer_external_id = " ".into();
        let over = payment("R-3", 1_000, &[("I-1", 600), ("I-2", 600)]);
        let twice = payment("R-1", 1_000, &[("I-1", 100), ("I-1", 100)]);
        assert_eq!(
            fields(validate_counter_payments(&[good, blank, over, twice])),
            [
                "payments[1].customer_external_id",
                "payments[1].amount_minor",
                "payments[1].allocations[0].invoice_external_id",
                "payments[1].allocations[0].amount_minor",
                "payments[2].allocations",
                "payments[3].external_id",
                "payments[3].allocations[1].invoice_external_id",
            ]
        );
    }

    #[test]
    fn batches_over_the_limit_are_refused() {
        let many: Vec<_> = (0..=MAX_COUNTER_PAYMENTS).map(|i| payment(&format!("R{i}"), 100, &[])).collect();
        assert_eq!(fields(validate_counter_payments(&many)), ["payments"]);
        let spread: Vec<(String, i64)> =
            (0..=MAX_COUNTER_ALLOCATIONS).map(|j| (format!("I{j}"), 1)).collect();
        let spread: Vec<(&str, i64)> = spread.iter().map(|(i, a)| (i.as_str(), *a)).collect();
        assert_eq!(
            fields(validate_counter_payments(&[payment("R", 1_000, &spread)])),
            ["payments[0].allocations"]
        );
    }
}
