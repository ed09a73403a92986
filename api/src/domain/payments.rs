//! The rules of paying invoices or on account (E4-E6, E8): what a valid payment looks
//! like, receipt numbers and the request hash of the idempotency check.
//!
//! Pure, so the rules are tested without a database; `services::payments` loads the facts
//! (the invoices a payment names) and runs the flow.

use shared::email::EmailAddress;
use shared::error::FieldError;
use shared::invoices::{InvoiceKind, InvoiceStatus};
use shared::money::{Currency, Money};
use shared::payments::{
    AllocationInput, ContractPaymentInput, PaymentInput, allocate_in_order, looks_like_account_number,
};
use uuid::Uuid;

use super::requests::{prefixed_number, tagged_hash};

/// Longest `Idempotency-Key` a payment takes.
pub const MAX_IDEMPOTENCY_KEY: usize = 100;
/// Longest gateway token accepted.
pub const MAX_TOKEN: usize = 200;
/// Largest payment (and allocation) in minor units: 10,000,000.00. A sanity cap against
/// typos and overflow, far above any invoice.
pub const MAX_AMOUNT_MINOR: i64 = 1_000_000_000;
/// Most invoices one payment may name.
pub const MAX_ALLOCATIONS: usize = 200;

/// A fresh receipt number such as `PAY-7K3M-9QX2` (same alphabet as request numbers).
pub fn receipt_number() -> String {
    prefixed_number("PAY")
}

/// SHA-256 of the canonical body: a retry under the same key must send the same payment.
pub fn payment_hash(input: &PaymentInput) -> String {
    tagged_hash("payment", input)
}

/// An invoice as the payment rules need it, read for the paying customer only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceFacts {
    pub id: Uuid,
    pub number: String,
    pub kind: InvoiceKind,
    pub status: InvoiceStatus,
    pub balance_minor: i64,
    pub pending_minor: i64,
}

impl InvoiceFacts {
    /// What can still be paid here: balance less portal payments not yet posted.
    pub fn amount_due(&self) -> i64 {
        (self.balance_minor - self.pending_minor).max(0)
    }
}

fn field(name: impl Into<String>, message: impl Into<String>) -> FieldError {
    FieldError { field: name.into(), message: message.into() }
}

/// The 422 message for paying more than is due on `invoice`.
pub fn too_much_message(invoice: &InvoiceFacts, currency: Currency) -> String {
    let due = invoice.amount_due();
    if due == 0 {
        format!("Nothing is left to pay on {}.", invoice.number)
    } else {
        format!("At most {} is due on {}.", Money::new(due, currency).display(), invoice.number)
    }
}

/// Checks on the body alone, before anything is read from the database. The token is
/// checked but never echoed back.
pub fn check_shape(input: &PaymentInput, errors: &mut Vec<FieldError>) {
    if let Some(contract) = &input.contract {
        if !input.allocations.is_empty() || input.on_account_minor.is_some() {
            errors.push(field(
                "contract",
                "Pay a contract on its own, without chosen invoices or an amount on account.",
            ));
        }
        match contract.amount_minor {
            Some(amount) if amount <= 0 => errors.push(field(
                "contract.amount_minor",
                "Enter an amount above zero, or leave it out to pay all that is due.",
            )),
            Some(amount) if amount > MAX_AMOUNT_MINOR => {
                errors.push(field("contract.amount_minor", "This payment is too large: pay it in parts."));
            }
            _ => {}
        }
    } else if input.allocations.is_empty() && input.on_account_minor.is_none() {
        errors
            .push(field("allocations", "Choose at least one invoice, or enter an amount to pay on account."));
    }
    if input.allocations.len() > MAX_ALLOCATIONS {
        errors.push(field("allocations", format!("Pay at most {MAX_ALLOCATIONS} invoices at once.")));
    }
    for (i, allocation) in input.allocations.iter().enumerate() {
        if allocation.amount_minor <= 0 {
            errors.push(field(format!("allocations[{i}].amount_minor"), "Enter an amount above zero."));
        } else if allocation.amount_minor > MAX_AMOUNT_MINOR {
            errors.push(field(format!("allocations[{i}].amount_minor"), "This amount is too large."));
        }
        if input.allocations[..i].iter().any(|a| a.invoice_id == allocation.invoice_id) {
            errors.push(field(format!("allocations[{i}].invoice_id"), "This invoice is listed twice."));
        }
    }
    match input.on_account_minor {
        Some(amount) if amount <= 0 => errors.push(field(
            "on_account_minor",
            "Enter an amount above zero to pay on account, or leave it empty.",
        )),
        Some(amount) if amount > MAX_AMOUNT_MINOR => {
            errors.push(field("on_account_minor", "This amount is too large."));
        }
        _ => {}
    }
    if errors.is_empty() && total(input).is_none_or(|t| t > MAX_AMOUNT_MINOR) {
        let name = if input.allocations.is_empty() { "on_account_minor" } else { "allocations" };
        errors.push(field(name, "This payment is too large: pay it in parts."));
    }
    let token = input.token.trim();
    if token.is_empty() {
        errors.push(field("token", "The card or bank details are missing. Enter them again."));
    } else if looks_like_account_number(&input.token) {
        // A client that sends the number instead of the gateway's token: refuse, never keep.
        errors.push(field("token", "Send the gateway's token, never a card or account number."));
    } else if input.token.len() > MAX_TOKEN {
        errors.push(field("token", "This payment token is not valid."));
    }
    if !EmailAddress::is_valid(&input.receipt_email) {
        errors.push(field("receipt_email", "Enter the email address the receipt should go to."));
    }
}

/// The payment's amount: every allocation and the on-account part. `None` on overflow.
pub fn total(input: &PaymentInput) -> Option<i64> {
    input
        .allocations
        .iter()
        .map(|a| a.amount_minor)
        .chain(input.on_account_minor)
        .try_fold(0_i64, i64::checked_add)
}

/// The allocations of a contract payment: `due`, the contract's open invoices in the order
/// they are paid (the oldest due first; `None` when the contract is not the customer's),
/// each paid in full before the next gets anything.
pub fn contract_allocations(
    contract: &ContractPaymentInput,
    due: Option<&[InvoiceFacts]>,
    currency: Currency,
) -> Result<Vec<AllocationInput>, FieldError> {
    let Some(due) = due else {
        return Err(field("contract.contract_id", "This contract is not on this account."));
    };
    let owed: Vec<(Uuid, i64)> = due.iter().map(|i| (i.id, i.amount_due())).collect();
    let all_due: i64 = owed.iter().map(|(_, d)| d).sum();
    if all_due == 0 {
        return Err(field("contract", "Nothing is due on this contract's invoices."));
    }
    let amount = contract.amount_minor.unwrap_or(all_due);
    allocate_in_order(amount, &owed).ok_or_else(|| {
        let all_due = Money::new(all_due, currency).display();
        field("contract.amount_minor", format!("At most {all_due} is due on this contract's invoices."))
    })
}

/// Each allocation against the invoices found for this customer (`found`; foreign and
/// unknown ones are missing): open invoices only, at most their amount due.
pub fn check_allocations(
    input: &PaymentInput,
    found: &[InvoiceFacts],
    currency: Currency,
    errors: &mut Vec<FieldError>,
) {
    for (i, allocation) in input.allocations.iter().enumerate() {
        let Some(invoice) = found.iter().find(|f| f.id == allocation.invoice_id) else {
            errors
                .push(field(format!("allocations[{i}].invoice_id"), "This invoice is not on this account."));
            continue;
        };
        if invoice.kind != InvoiceKind::Invoice {
            errors.push(field(
                format!("allocations[{i}].invoice_id"),
                format!("{} is a credit memo: it cannot be paid.", invoice.number),
            ));
        } else if invoice.status != InvoiceStatus::Open {
            errors.push(field(
                format!("allocations[{i}].invoice_id"),
                format!("{} is not open for payment.", invoice.number),
            ));
        } else if allocation.amount_minor > invoice.amount_due() {
            errors.push(field(format!("allocations[{i}].amount_minor"), too_much_message(invoice, currency)));
        }
    }
}

#[cfg(test)]
mod tests {
    use shared::payments::PaymentMethod;

    use super::*;

    fn input(allocations: &[(Uuid, i64)], on_account: Option<i64>) -> PaymentInput {
        PaymentInput {
            allocations: allocations
                .iter()
                .map(|(invoice_id, amount_minor)| AllocationInput {
                    invoice_id: *invoice_id,
                    amount_minor: *amount_minor,
                })
                .collect(),
            on_account_minor: on_account,
            contract: None,
            method: PaymentMethod::Card,
            token: "sandbox:card:visa:4242:approve:abcdefgh".into(),
            receipt_email: "pay@builder.example".into(),
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    fn shape(input: &PaymentInput) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_shape(input, &mut errors);
        errors
    }

    fn invoice(id: Uuid, balance: i64, pending: i64) -> InvoiceFacts {
        InvoiceFacts {
            id,
            number: "INV-1001".into(),
            kind: InvoiceKind::Invoice,
            status: InvoiceStatus::Open,
            balance_minor: balance,
            pending_minor: pending,
        }
    }

    #[test]
    fn a_payment_names_something_to_pay_with_positive_amounts() {
        assert_eq!(fields(&shape(&input(&[], None))), ["allocations"]);
        assert!(shape(&input(&[], Some(500))).is_empty());
        let a = Uuid::now_v7();
        assert_eq!(
            fields(&shape(&input(&[(a, 0), (Uuid::now_v7(), -5)], Some(0)))),
            ["allocations[0].amount_minor", "allocations[1].amount_minor", "on_account_minor"]
        );
        assert_eq!(fields(&shape(&input(&[(a, 100), (a, 200)], None))), ["allocations[1].invoice_id"]);
        assert_eq!(fields(&shape(&input(&[(a, MAX_AMOUNT_MINOR)], Some(1)))), ["allocations"]);
        assert_eq!(fields(&shape(&input(&[], Some(MAX_AMOUNT_MINOR + 1)))), ["on_account_minor"]);
        assert_eq!(total(&input(&[(a, 100)], Some(50))), Some(150));
        assert_eq!(total(&input(&[(a, i64::MAX)], Some(1))), None);
    }

    #[test]
    fn tokens_that_look_like_numbers_and_bad_receipt_emails_are_refused() {
        for token in ["", "  ", "4242424242424242", "tok 4242-4242-4242-4242", &"x".repeat(MAX_TOKEN + 1)] {
            let mut bad = input(&[], Some(100));
            bad.token = token.to_string();
            let errors = shape(&bad);
            assert_eq!(fields(&errors), ["token"], "{token}");
            assert!(!errors[0].message.contains("4242"), "the token is never echoed");
        }
        let mut bad = input(&[], Some(100));
        bad.receipt_email = "not an email".into();
        assert_eq!(fields(&shape(&bad)), ["receipt_email"]);
    }

    #[test]
    fn allocations_must_be_open_invoices_of_the_account_and_at_most_due() {
        let (a, b, c) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let mut memo = invoice(c, -500, 0);
        memo.kind = InvoiceKind::CreditMemo;
        let found = [invoice(a, 10_000, 2_500), memo];
        let check = |allocations: &[(Uuid, i64)]| {
            let mut errors = Vec::new();
            check_allocations(&input(allocations, None), &found, Currency::Usd, &mut errors);
            errors
        };
        assert!(check(&[(a, 7_500)]).is_empty(), "the full amount due");
        let errors = check(&[(a, 7_501), (b, 100), (c, 100)]);
        assert_eq!(
            fields(&errors),
            ["allocations[0].amount_minor", "allocations[1].invoice_id", "allocations[2].invoice_id"]
        );
        assert_eq!(errors[0].message, "At most $75.00 is due on INV-1001.");
        assert!(errors[2].message.contains("credit memo"));

        let mut paid = invoice(a, 0, 0);
        paid.status = InvoiceStatus::Paid;
        let mut errors = Vec::new();
        check_allocations(&input(&[(a, 1)], None), &[paid], Currency::Usd, &mut errors);
        assert_eq!(errors[0].message, "INV-1001 is not open for payment.");
        assert_eq!(
            too_much_message(&invoice(a, 100, 100), Currency::Gbp),
            "Nothing is left to pay on INV-1001."
        );
        assert_eq!(invoice(a, 100, 300).amount_due(), 0, "never below zero");
    }

    #[test]
    fn receipt_numbers_and_hashes() {
        let number = receipt_number();
        assert!(number.starts_with("PAY-") && number.len() == 13, "{number}");
        let a = input(&[(Uuid::nil(), 100)], None);
        let mut b = a.clone();
        assert_eq!(payment_hash(&a), payment_hash(&b));
        b.receipt_email = "other@builder.example".into();
        assert_ne!(payment_hash(&a), payment_hash(&b));
    }

    #[test]
    fn a_contract_is_paid_alone_and_up_to_what_its_invoices_have_due() {
        let contract = |amount_minor| ContractPaymentInput { contract_id: Uuid::from_u128(9), amount_minor };
        let with = |c: ContractPaymentInput, allocations: &[(Uuid, i64)], on_account| PaymentInput {
            contract: Some(c),
            ..input(allocations, on_account)
        };
        assert!(shape(&with(contract(None), &[], None)).is_empty(), "all of it");
        assert!(shape(&with(contract(Some(500)), &[], None)).is_empty(), "part of it");
        assert_eq!(fields(&shape(&with(contract(Some(0)), &[], None))), ["contract.amount_minor"]);
        assert_eq!(fields(&shape(&with(contract(None), &[(Uuid::from_u128(1), 5)], None))), ["contract"]);
        assert_eq!(fields(&shape(&with(contract(None), &[], Some(5)))), ["contract"]);

        let (old, paid, new) = (
            invoice(Uuid::from_u128(1), 300, 100),
            invoice(Uuid::from_u128(2), 50, 50),
            invoice(Uuid::from_u128(3), 400, 0),
        );
        let due = [old.clone(), paid, new.clone()];
        let pay = |amount| {
            contract_allocations(&contract(amount), Some(&due[..]), Currency::Usd)
                .map(|all| all.into_iter().map(|a| (a.invoice_id, a.amount_minor)).collect::<Vec<_>>())
                .map_err(|e| e.field)
        };
        assert_eq!(
            pay(None),
            Ok(vec![(old.id, 200), (new.id, 400)]),
            "all that is due, held amounts left out"
        );
        assert_eq!(pay(Some(250)), Ok(vec![(old.id, 200), (new.id, 50)]), "the oldest first");
        assert_eq!(pay(Some(601)), Err("contract.amount_minor".into()), "more than is due");
        let nothing = contract_allocations(&contract(None), Some(&[][..]), Currency::Usd).unwrap_err();
        assert_eq!(nothing.field, "contract");
        let foreign = contract_allocations(&contract(None), None, Currency::Usd).unwrap_err();
        assert_eq!(foreign.field, "contract.contract_id");
    }
}
