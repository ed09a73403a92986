//! A payment as the payer types it on the pay form (E4, E5, E8), and the form's checks
//! that turn it into a [`PaymentInput`] before anything is sent.
//!
//! Pure (no browser, no clock, no randomness: today's date and the token nonce come in), so
//! the rules are tested natively with the rest of `shared`. The server checks the sent body
//! again (`api::domain::payments::check_shape`) — amounts above zero, at most what is due,
//! something to pay, a receipt address — and answers with its own field names, which
//! [`form_field_of`] maps back onto the form. The messages here are the form's: worded for
//! the field they sit under, before the server is asked.

use uuid::Uuid;

use super::{AllocationInput, PaymentInput, PaymentMethod, SandboxToken};
use crate::money::{Currency, Money};

/// The form-wide line when the problems are all under their fields.
pub const CHECK_FIELDS: &str = "Please check the fields marked below.";

/// One invoice ticked on the form, with the amount typed for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceDraft {
    pub invoice_id: Uuid,
    pub number: String,
    /// What is still due on it, in minor units of the form's currency.
    pub amount_due_minor: i64,
    /// The amount to pay as typed (full amount by default).
    pub amount: String,
}

/// The card fields as typed. The number, expiry and security code only ever reach the
/// tokeniser, never the server.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardDraft {
    pub number: String,
    pub expiry: String,
    pub cvc: String,
    pub name: String,
    pub postcode: String,
}

/// The bank debit fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BankDraft {
    pub holder: String,
    pub routing: String,
    pub account: String,
}

/// Everything the pay form holds when the payer presses Pay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentDraft {
    pub currency: Currency,
    /// The ticked invoices only, in the order shown.
    pub invoices: Vec<InvoiceDraft>,
    /// The payment on account as typed; empty for none.
    pub on_account: String,
    pub method: PaymentMethod,
    pub card: CardDraft,
    pub bank: BankDraft,
    pub receipt_email: String,
    /// "ZIP code" / "Postcode" / "Postal code", as the form labels it ([`postcode_label`]).
    pub postcode_label: &'static str,
    /// The account had no open invoice to offer: only a payment on account is possible.
    pub no_open_invoices: bool,
}

/// Where the gateway token for this attempt comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tokeniser {
    /// The unchanged form sent again (a retry, a double click): the earlier attempt's
    /// token, so the server sees the same payment and charges once.
    Reuse(String),
    /// A new attempt through the sandbox gateway: `today` is `(year, month)` for the expiry
    /// check, `nonce` makes the token unique.
    Sandbox { today: (i32, u32), nonce: String },
    /// The chosen method's gateway has no tokeniser in the portal yet.
    Unavailable,
}

/// Why the form was not sent: messages under fields (the form's field names, see
/// [`invoice_field`]) and the form-wide line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftErrors {
    pub fields: Vec<(String, String)>,
    pub general: String,
}

/// The form's field name for the amount of one invoice.
pub fn invoice_field(invoice_id: Uuid) -> String {
    format!("invoice:{invoice_id}")
}

/// Checks what was typed and, when all is well, the body to post. Every problem is
/// reported at once, in the order the fields stand on the form.
pub fn check_payment(draft: &PaymentDraft, tokeniser: Tokeniser) -> Result<PaymentInput, DraftErrors> {
    let mut found: Vec<(String, String)> = Vec::new();
    let allocations = check_invoice_amounts(draft, &mut found);
    let on_account_minor = check_on_account(&draft.on_account, &mut found);
    let mut general = None;
    if found.is_empty() && allocations.is_empty() && on_account_minor.is_none() {
        general = Some(if draft.no_open_invoices {
            "Enter the amount to pay on account.".to_string()
        } else {
            "Choose at least one invoice to pay, or enter a payment on account.".to_string()
        });
    }
    let receipt_email = draft.receipt_email.trim().to_string();
    if !crate::email::EmailAddress::is_valid(&receipt_email) {
        found.push(("receipt_email".into(), "Enter the email address for the receipt.".into()));
    }
    check_holder(draft, &mut found);
    let token = match tokeniser {
        Tokeniser::Reuse(token) => Some(token),
        Tokeniser::Unavailable => {
            general =
                Some("This payment method is not set up for online payments yet. Contact the store.".into());
            None
        }
        Tokeniser::Sandbox { today, nonce } => match sandbox_token(draft, today, &nonce) {
            Ok(token) => Some(token),
            Err(e) => {
                found.push((e.field().to_string(), e.message().to_string()));
                None
            }
        },
    };
    match token {
        Some(token) if found.is_empty() && general.is_none() => {
            Ok(PaymentInput { allocations, on_account_minor, method: draft.method, token, receipt_email })
        }
        _ => Err(DraftErrors { fields: found, general: general.unwrap_or_else(|| CHECK_FIELDS.to_string()) }),
    }
}

/// Each ticked invoice's amount: above zero and at most what is due.
fn check_invoice_amounts(draft: &PaymentDraft, found: &mut Vec<(String, String)>) -> Vec<AllocationInput> {
    let mut allocations = Vec::new();
    for invoice in &draft.invoices {
        let field = invoice_field(invoice.invoice_id);
        match parse_amount(&invoice.amount) {
            None | Some(0) => found.push((field, "Enter the amount to pay, e.g. 120.00.".into())),
            Some(amount) if amount > invoice.amount_due_minor => found.push((
                field,
                format!(
                    "At most {} is due on {}.",
                    Money::new(invoice.amount_due_minor, draft.currency).display(),
                    invoice.number
                ),
            )),
            Some(amount) => {
                allocations.push(AllocationInput { invoice_id: invoice.invoice_id, amount_minor: amount })
            }
        }
    }
    allocations
}

/// The optional payment on account: empty, or an amount above zero.
fn check_on_account(text: &str, found: &mut Vec<(String, String)>) -> Option<i64> {
    if text.trim().is_empty() {
        return None;
    }
    match parse_amount(text) {
        Some(amount) if amount > 0 => Some(amount),
        _ => {
            found.push(("on_account".into(), "Enter an amount, e.g. 250.00, or leave it empty.".into()));
            None
        }
    }
}

/// The name on the card (and its billing postcode) or on the bank account: the gateway
/// needs them, the tokeniser does not check them.
fn check_holder(draft: &PaymentDraft, found: &mut Vec<(String, String)>) {
    match draft.method {
        PaymentMethod::Card => {
            if draft.card.name.trim().is_empty() {
                found.push(("card_name".into(), "Enter the name on the card.".into()));
            }
            if draft.card.postcode.trim().is_empty() {
                found.push((
                    "card_zip".into(),
                    format!("Enter the card's billing {}.", draft.postcode_label.to_lowercase()),
                ));
            }
        }
        PaymentMethod::Ach => {
            if draft.bank.holder.trim().is_empty() {
                found.push(("bank_name".into(), "Enter the name on the bank account.".into()));
            }
        }
    }
}

fn sandbox_token(
    draft: &PaymentDraft,
    today: (i32, u32),
    nonce: &str,
) -> Result<String, super::TokeniseError> {
    let token = match draft.method {
        PaymentMethod::Card => {
            let card = &draft.card;
            let expiry = parse_expiry(&card.expiry).ok_or(super::TokeniseError::Expiry)?;
            SandboxToken::for_card(&card.number, expiry, card.cvc.trim(), today, nonce)?
        }
        PaymentMethod::Ach => {
            SandboxToken::for_bank_account(&draft.bank.routing, &draft.bank.account, nonce)?
        }
    };
    Ok(token.encode())
}

/// The form's field for a field the server named in a refusal, if the form shows it there;
/// `sent` maps `allocations[i]` back to its invoice.
pub fn form_field_of(server_field: &str, sent: &[Uuid]) -> Option<String> {
    if let Some(rest) = server_field.strip_prefix("allocations[") {
        return rest
            .split_once(']')
            .and_then(|(i, _)| i.parse::<usize>().ok())
            .and_then(|i| sent.get(i))
            .map(|id| invoice_field(*id));
    }
    match server_field {
        "on_account_minor" | "on_account" => Some("on_account".to_string()),
        "receipt_email" => Some("receipt_email".to_string()),
        _ => None,
    }
}

// ---- Typed text --------------------------------------------------------------------------

/// An amount as a person types it (`1,234.5`, `$80`, `£12.00`) in minor units; `None` when
/// it is not a plain amount with at most two decimals.
pub fn parse_amount(text: &str) -> Option<i64> {
    let cleaned: String =
        text.chars().filter(|c| !c.is_whitespace() && !matches!(c, ',' | '$' | '£' | '€')).collect();
    if cleaned.is_empty() {
        return None;
    }
    let (whole, fraction) = match cleaned.split_once('.') {
        Some((w, f)) => (w, f),
        None => (cleaned.as_str(), ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || fraction.len() > 2 || (whole.is_empty() && fraction.is_empty())
    {
        return None;
    }
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let cents: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    whole.checked_mul(100)?.checked_add(cents)
}

/// `MM/YY`, `MM / YYYY` or `MMYY` → (month, 4-digit year).
pub fn parse_expiry(text: &str) -> Option<(u32, i32)> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let (month, year) = match text.split_once('/') {
        Some((m, y)) => (m.trim().to_string(), y.trim().to_string()),
        None if digits.len() == 4 || digits.len() == 6 => (digits[..2].to_string(), digits[2..].to_string()),
        None => return None,
    };
    let month: u32 = month.parse().ok()?;
    let year_n: i32 = year.parse().ok()?;
    let year = match year.len() {
        2 => 2000 + year_n,
        4 => year_n,
        _ => return None,
    };
    Some((month, year))
}

/// Inserts the slash of `MM/YY` as the digits are typed.
pub fn format_expiry(text: &str) -> String {
    if text.contains('/') {
        return text.to_string();
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).take(4).collect();
    if digits.len() > 2 { format!("{}/{}", &digits[..2], &digits[2..]) } else { digits }
}

/// "ZIP code" in the US, "Postcode" elsewhere, "Postal code" in Canada.
pub fn postcode_label(locale: &str) -> &'static str {
    match locale.to_ascii_lowercase().as_str() {
        "en-us" => "ZIP code",
        "en-ca" => "Postal code",
        _ => "Postcode",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: (i32, u32) = (2026, 11);

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn invoice(n: u128, due: i64, amount: &str) -> InvoiceDraft {
        InvoiceDraft {
            invoice_id: id(n),
            number: format!("INV-{n}"),
            amount_due_minor: due,
            amount: amount.to_string(),
        }
    }

    fn card_draft() -> PaymentDraft {
        PaymentDraft {
            currency: Currency::Usd,
            invoices: vec![invoice(1, 12_000, "120.00")],
            on_account: String::new(),
            method: PaymentMethod::Card,
            card: CardDraft {
                number: "4242 4242 4242 4242".into(),
                expiry: "12/30".into(),
                cvc: "123".into(),
                name: "Dana Site".into(),
                postcode: "90210".into(),
            },
            bank: BankDraft::default(),
            receipt_email: " ap@builder.example ".into(),
            postcode_label: "ZIP code",
            no_open_invoices: false,
        }
    }

    fn sandbox() -> Tokeniser {
        Tokeniser::Sandbox { today: TODAY, nonce: "abc".into() }
    }

    fn fields(errors: &DraftErrors) -> Vec<&str> {
        errors.fields.iter().map(|(f, _)| f.as_str()).collect()
    }

    #[test]
    fn a_complete_card_payment_becomes_the_body_to_post() {
        let mut draft = card_draft();
        draft.on_account = "$50".into();
        let body = check_payment(&draft, sandbox()).unwrap();
        assert_eq!(body.allocations, [AllocationInput { invoice_id: id(1), amount_minor: 12_000 }]);
        assert_eq!(body.on_account_minor, Some(5_000));
        assert_eq!(body.method, PaymentMethod::Card);
        assert_eq!(body.receipt_email, "ap@builder.example");
        assert_eq!(body.token, "sandbox:card:visa:4242:approve:abc");
    }

    #[test]
    fn a_resend_reuses_the_earlier_token() {
        let body = check_payment(&card_draft(), Tokeniser::Reuse("sandbox:earlier".into())).unwrap();
        assert_eq!(body.token, "sandbox:earlier");
    }

    #[test]
    fn amounts_must_be_above_zero_and_at_most_what_is_due() {
        let mut draft = card_draft();
        draft.invoices = vec![invoice(1, 12_000, "0"), invoice(2, 5_000, "50.01"), invoice(3, 5_000, "abc")];
        draft.on_account = "-3".into();
        let errors = check_payment(&draft, sandbox()).unwrap_err();
        assert_eq!(
            errors.fields,
            [
                (invoice_field(id(1)), "Enter the amount to pay, e.g. 120.00.".to_string()),
                (invoice_field(id(2)), "At most $50.00 is due on INV-2.".to_string()),
                (invoice_field(id(3)), "Enter the amount to pay, e.g. 120.00.".to_string()),
                ("on_account".to_string(), "Enter an amount, e.g. 250.00, or leave it empty.".to_string()),
            ]
        );
        assert_eq!(errors.general, CHECK_FIELDS);
    }

    #[test]
    fn nothing_to_pay_is_said_on_the_form_wide_line() {
        let mut draft = card_draft();
        draft.invoices.clear();
        let errors = check_payment(&draft, sandbox()).unwrap_err();
        assert!(errors.fields.is_empty());
        assert_eq!(errors.general, "Choose at least one invoice to pay, or enter a payment on account.");
        draft.no_open_invoices = true;
        assert_eq!(
            check_payment(&draft, sandbox()).unwrap_err().general,
            "Enter the amount to pay on account."
        );
    }

    #[test]
    fn the_receipt_address_and_holder_names_are_required() {
        let mut draft = card_draft();
        draft.receipt_email = "ap@".into();
        draft.card.name = " ".into();
        draft.card.postcode = String::new();
        let errors = check_payment(&draft, sandbox()).unwrap_err();
        assert_eq!(fields(&errors), ["receipt_email", "card_name", "card_zip"]);
        assert_eq!(errors.fields[2].1, "Enter the card's billing zip code.");

        draft.method = PaymentMethod::Ach;
        draft.bank =
            BankDraft { holder: String::new(), routing: "110000000".into(), account: "000123456789".into() };
        assert_eq!(fields(&check_payment(&draft, sandbox()).unwrap_err()), ["receipt_email", "bank_name"]);
    }

    #[test]
    fn card_and_bank_numbers_are_checked_by_the_tokeniser() {
        let mut draft = card_draft();
        draft.card.expiry = "13".into();
        assert_eq!(fields(&check_payment(&draft, sandbox()).unwrap_err()), ["expiry"]);
        draft.card.expiry = "10/26".into();
        assert_eq!(fields(&check_payment(&draft, sandbox()).unwrap_err()), ["expiry"]);
        draft.card.expiry = "12/30".into();
        draft.card.number = "4242 4242 4242 4241".into();
        assert_eq!(fields(&check_payment(&draft, sandbox()).unwrap_err()), ["card_number"]);

        draft.method = PaymentMethod::Ach;
        draft.bank =
            BankDraft { holder: "Builder Co".into(), routing: "110000001".into(), account: "1".into() };
        assert_eq!(fields(&check_payment(&draft, sandbox()).unwrap_err()), ["routing_number"]);
        draft.bank.routing = "110000000".into();
        draft.bank.account = "000123456789".into();
        let body = check_payment(&draft, sandbox()).unwrap();
        assert_eq!(body.token, "sandbox:ach:bank:6789:approve:abc");
    }

    #[test]
    fn a_method_without_a_tokeniser_is_refused_on_the_form_wide_line() {
        let mut draft = card_draft();
        draft.card.name = String::new();
        let errors = check_payment(&draft, Tokeniser::Unavailable).unwrap_err();
        assert_eq!(fields(&errors), ["card_name"]);
        assert_eq!(
            errors.general,
            "This payment method is not set up for online payments yet. Contact the store."
        );
    }

    #[test]
    fn server_fields_map_back_onto_the_form() {
        let sent = [id(7), id(8)];
        assert_eq!(form_field_of("allocations[1].amount_minor", &sent), Some(invoice_field(id(8))));
        assert_eq!(form_field_of("allocations[2].amount_minor", &sent), None);
        assert_eq!(form_field_of("on_account_minor", &sent).as_deref(), Some("on_account"));
        assert_eq!(form_field_of("receipt_email", &sent).as_deref(), Some("receipt_email"));
        assert_eq!(form_field_of("token", &sent), None);
    }

    #[test]
    fn amounts_as_typed() {
        assert_eq!(parse_amount("1,234.5"), Some(123_450));
        assert_eq!(parse_amount("$80"), Some(8_000));
        assert_eq!(parse_amount(".05"), Some(5));
        assert_eq!(parse_amount("12.345"), None);
        assert_eq!(parse_amount("-3"), None);
        assert_eq!(parse_amount(""), None);
    }

    #[test]
    fn expiry_as_typed() {
        assert_eq!(parse_expiry("12/30"), Some((12, 2030)));
        assert_eq!(parse_expiry("1 / 2031"), Some((1, 2031)));
        assert_eq!(parse_expiry("0430"), Some((4, 2030)));
        assert_eq!(parse_expiry("12"), None);
        assert_eq!(format_expiry("1230"), "12/30");
        assert_eq!(format_expiry("12"), "12");
    }

    #[test]
    fn postcode_words_follow_the_locale() {
        assert_eq!(postcode_label("en-US"), "ZIP code");
        assert_eq!(postcode_label("en-CA"), "Postal code");
        assert_eq!(postcode_label("en-GB"), "Postcode");
    }
}
