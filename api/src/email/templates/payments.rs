//! The payment receipt (E4, E8) and how it names the card or bank account paid with.

use shared::branding::Branding;
use shared::i18n::Language;
use shared::payments::{PaymentDetail, PaymentStatus, Tender};

use super::{Sender, timestamp};
use crate::db::outbox::NewEmail;

/// How a payment was made, as much as the receipt may show, in the receipt's words:
/// `Visa ****4242`, `Bank account ****6789`.
fn payment_instrument(sender: &Sender, payment: &PaymentDetail) -> String {
    let s = &payment.summary;
    let name = match (s.method, s.instrument_brand.as_deref()) {
        (Tender::Ach, _) | (_, Some("bank")) => sender.text("email-bank-account", &[]),
        (Tender::Card, Some(brand)) if !brand.is_empty() => {
            let mut chars = brand.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
        }
        (method, _) => sender.text("email-tender", &[("tender", method.as_str().into())]),
    };
    match &s.instrument_last4 {
        Some(last4) => format!("{name} ****{last4}"),
        None => name,
    }
}

/// The receipt of a payment taken (card) or submitted (bank debit), to the address the
/// payer chose (E4, E8): receipt number, what it paid and how — never more of the card or
/// account number than its last four digits.
pub fn payment_receipt(
    branding: Option<&Branding>,
    language: Language,
    to: &str,
    payment: &PaymentDetail,
    account_name: &str,
    account_number: &str,
) -> NewEmail {
    let sender = Sender::of(branding, language);
    let s = &payment.summary;
    let amount = s.amount.display_in(language);
    let pending = s.status == PaymentStatus::Pending;
    let t = |id| {
        sender.text(
            id,
            &[
                ("amount", amount.as_str().into()),
                ("date", timestamp(s.created_at).into()),
                ("number", s.number.as_str().into()),
            ],
        )
    };
    let paid_towards: Vec<String> = payment
        .allocations
        .iter()
        .map(|a| {
            let amount = ("amount", a.amount.display_in(language).into());
            match &a.invoice_number {
                Some(number) => {
                    sender.text("email-receipt-invoice-line", &[amount, ("number", number.as_str().into())])
                }
                None => sender.text("email-receipt-on-account-line", &[amount]),
            }
        })
        .collect();
    let mut details = vec![
        (t("email-detail-receipt-number"), s.number.clone()),
        (t("email-detail-date"), timestamp(s.created_at)),
        (t("email-detail-account"), format!("{account_name} ({account_number})")),
        (t("email-detail-paid-by"), s.paid_by.clone()),
        (t("email-detail-method"), payment_instrument(&sender, payment)),
        (t("email-detail-amount"), amount.clone()),
        // A trailing newline makes even one line render as a list.
        (t("email-detail-paid-towards"), format!("{}\n", paid_towards.join("\n"))),
    ];
    if let Some(reference) = &payment.gateway_reference {
        details.push((t("email-detail-reference"), reference.clone()));
    }
    let (subject, first) = if pending {
        (t("email-receipt-pending-subject"), t("email-receipt-pending"))
    } else {
        (t("email-receipt-subject"), t("email-receipt-received"))
    };
    sender
        .letter("payment_receipt", subject)
        .greet(&s.paid_by)
        .say(first)
        .say(t("email-receipt-keep"))
        .details(details)
        .footer(t("email-receipt-footer"))
        .to(to)
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use shared::payments::PaymentMethod;

    use super::*;

    fn sample_payment(
        status: PaymentStatus,
        method: PaymentMethod,
        brand: &str,
        last4: &str,
    ) -> PaymentDetail {
        use shared::money::{Currency, Money};
        use shared::payments::{PaymentAllocation, PaymentSummary};
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T15:04:05Z").unwrap().with_timezone(&Utc);
        PaymentDetail {
            summary: PaymentSummary {
                id: uuid::Uuid::nil(),
                number: "PAY-7K3M-9QX2".into(),
                channel: shared::payments::PaymentChannel::Portal,
                method: method.into(),
                status,
                amount: Money::new(15_000, Currency::Usd),
                instrument_brand: Some(brand.into()),
                instrument_last4: Some(last4.into()),
                paid_by: "Dana <Demo>".into(),
                created_at: at,
                external_id: None,
                reference: None,
                received_on: None,
            },
            allocations: vec![
                PaymentAllocation {
                    invoice_id: Some(uuid::Uuid::nil()),
                    invoice_number: Some("INV-1001".into()),
                    amount: Money::new(10_000, Currency::Usd),
                },
                PaymentAllocation {
                    invoice_id: None,
                    invoice_number: None,
                    amount: Money::new(5_000, Currency::Usd),
                },
            ],
            receipt_email: Some("ap@builder.example".into()),
            gateway_reference: Some("sbx_ch_1".into()),
            failure_message: None,
            posted_at: None,
        }
    }

    #[test]
    fn payment_receipts_list_what_was_paid_and_the_last_four_digits_only() {
        let card = sample_payment(PaymentStatus::Succeeded, PaymentMethod::Card, "visa", "4242");
        let email =
            payment_receipt(None, Language::En, "ap@builder.example", &card, "Acme Builders", "S10000");
        assert_eq!(email.kind, "payment_receipt");
        assert_eq!(email.subject, "Receipt PAY-7K3M-9QX2: your payment of $150.00");
        for needle in [
            "Receipt number: PAY-7K3M-9QX2",
            "Visa ****4242",
            "Invoice INV-1001: $100.00",
            "On account: $50.00",
            "Acme Builders (S10000)",
            "2026-11-23 15:04:05 UTC",
        ] {
            assert!(email.body_text.contains(needle), "{needle} in {}", email.body_text);
        }
        assert!(email.body_html.contains("Dana &lt;Demo&gt;"));
        let bank = sample_payment(PaymentStatus::Pending, PaymentMethod::Ach, "bank", "6789");
        let email =
            payment_receipt(None, Language::En, "ap@builder.example", &bank, "Acme Builders", "S10000");
        assert!(email.subject.starts_with("Your bank payment PAY-7K3M-9QX2"));
        assert!(email.body_text.contains("3-5 working days"));
        assert!(email.body_text.contains("Bank account ****6789"));
    }

    #[test]
    fn a_spanish_receipt_names_what_was_paid_in_spanish() {
        let bank = sample_payment(PaymentStatus::Pending, PaymentMethod::Ach, "bank", "6789");
        let email =
            payment_receipt(None, Language::Es, "ap@builder.example", &bank, "Acme Builders", "S10000");
        assert_eq!(email.subject, "Su pago bancario PAY-7K3M-9QX2 de $150.00 fue enviado");
        assert!(email.body_text.starts_with("Hola, Dana <Demo>:"), "{}", email.body_text);
        for needle in [
            "Cuenta bancaria ****6789",
            "Factura INV-1001: $100.00",
            "A cuenta: $50.00",
            "de 3 a 5 días hábiles",
        ] {
            assert!(email.body_text.contains(needle), "{needle} in {}", email.body_text);
        }
        assert!(email.body_html.contains("Dana &lt;Demo&gt;"));
    }
}
