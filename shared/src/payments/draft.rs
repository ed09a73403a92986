//! A payment as the payer types it on the pay form (E4, E5, E8), and the form's checks
//! that turn it into a [`PaymentInput`] before anything is sent.
//!
//! Pure (no browser, no clock, no randomness: today's date and the token nonce come in), so
//! the rules are tested natively with the rest of `shared`. The server checks the sent body
//! again (`api::domain::payments::check_shape`) — amounts above zero, at most what is due,
//! something to pay, a receipt address — and answers with its own field names, which
//! [`form_field_of`] maps back onto the form. The problems found here are the form's, for
//! the field they sit under, before the server is asked: `shared` says what is wrong
//! ([`FieldProblem`], [`DraftProblem`]) and the web app words it in the reader's language.

use uuid::Uuid;

use super::{
    AllocationInput, ContractPaymentInput, PaymentInput, PaymentMethod, SandboxToken, TokeniseError,
};
use crate::i18n::Language;
use crate::money::{Currency, Money};

/// One invoice ticked on the form, with the amount typed for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceDraft {
    pub invoice_id: Uuid,
    pub number: String,
    /// What is still due on it, in minor units of the form's currency.
    pub amount_due_minor: i64,
    /// The amount to pay as typed (full amount by default, written by [`amount_text`]).
    pub amount: String,
}

/// A contract being paid (C6): its open invoices, all that is due or an amount typed, which
/// the server spreads over them the earliest due first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractDraft {
    pub contract_id: Uuid,
    pub number: String,
    /// What its open invoices have due, as the form shows it.
    pub amount_due_minor: i64,
    /// `None`: all that is due; otherwise the amount as typed.
    pub amount: Option<String>,
}

/// The form's field name for the amount of a contract payment.
pub const CONTRACT_AMOUNT_FIELD: &str = "contract_amount";

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
    /// The language the amounts are typed in: [`parse_amount`] reads them with its decimal
    /// mark.
    pub language: Language,
    /// The ticked invoices only, in the order shown.
    pub invoices: Vec<InvoiceDraft>,
    /// The payment on account as typed; empty for none.
    pub on_account: String,
    /// A contract being paid instead of ticked invoices and an amount on account.
    pub contract: Option<ContractDraft>,
    pub method: PaymentMethod,
    pub card: CardDraft,
    pub bank: BankDraft,
    pub receipt_email: String,
    /// The word the form uses for the billing postcode, after the dealer's locale.
    pub postcode_kind: PostcodeKind,
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

/// Why the form was not sent: problems under fields (the form's field names, see
/// [`invoice_field`]) and the form-wide line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftErrors {
    pub fields: Vec<(String, FieldProblem)>,
    pub general: DraftProblem,
}

/// What is wrong with one field of the pay form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldProblem {
    /// An invoice's amount is empty, zero, or not an amount as the form's language writes
    /// one ([`parse_amount`]: refused too when its meaning is in doubt).
    InvoiceAmount,
    /// An invoice's amount is more than is still due on it.
    MoreThanDue {
        due: Money,
        number: String,
    },
    /// The payment on account is neither empty nor an amount above zero (as for
    /// [`FieldProblem::InvoiceAmount`]).
    OnAccountAmount,
    /// The receipt address is not an email address.
    ReceiptEmail,
    CardName,
    /// No billing postcode, called as the form calls it.
    CardPostcode(PostcodeKind),
    BankHolder,
    /// The tokeniser refused a card or bank number ([`TokeniseError::field`] is the field).
    Tokenise(TokeniseError),
}

/// What the form-wide line says when the form was not sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftProblem {
    /// The problems are all under their fields.
    CheckFields,
    /// No invoice ticked and no payment on account.
    NothingToPay,
    /// No open invoice was offered and no payment on account was typed.
    NoOnAccountAmount,
    /// The chosen method's gateway has no tokeniser in the portal yet.
    MethodUnavailable,
}

/// The word the form uses for the card's billing postcode: "ZIP code" in the US, "Postal
/// code" in Canada, "Postcode" elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostcodeKind {
    Zip,
    Postal,
    Postcode,
}

impl PostcodeKind {
    /// After the dealer's locale (`en-US`, `en-CA`, …).
    pub fn for_locale(locale: &str) -> Self {
        match locale.to_ascii_lowercase().as_str() {
            "en-us" => PostcodeKind::Zip,
            "en-ca" => PostcodeKind::Postal,
            _ => PostcodeKind::Postcode,
        }
    }

    /// `zip`, `postal` or `postcode`: the messages' selector.
    pub fn as_str(self) -> &'static str {
        match self {
            PostcodeKind::Zip => "zip",
            PostcodeKind::Postal => "postal",
            PostcodeKind::Postcode => "postcode",
        }
    }
}

/// The form's field name for the amount of one invoice.
pub fn invoice_field(invoice_id: Uuid) -> String {
    format!("invoice:{invoice_id}")
}

/// Checks what was typed and, when all is well, the body to post. Every problem is
/// reported at once, in the order the fields stand on the form.
pub fn check_payment(draft: &PaymentDraft, tokeniser: Tokeniser) -> Result<PaymentInput, DraftErrors> {
    let mut found: Vec<(String, FieldProblem)> = Vec::new();
    let allocations = check_invoice_amounts(draft, &mut found);
    let on_account_minor = check_on_account(&draft.on_account, draft.language, &mut found);
    let contract = draft.contract.as_ref().and_then(|c| check_contract(c, draft, &mut found));
    let mut general = None;
    if found.is_empty() && allocations.is_empty() && on_account_minor.is_none() && contract.is_none() {
        general = Some(if draft.no_open_invoices {
            DraftProblem::NoOnAccountAmount
        } else {
            DraftProblem::NothingToPay
        });
    }
    let receipt_email = draft.receipt_email.trim().to_string();
    if !crate::email::EmailAddress::is_valid(&receipt_email) {
        found.push(("receipt_email".into(), FieldProblem::ReceiptEmail));
    }
    check_holder(draft, &mut found);
    let token = match tokeniser {
        Tokeniser::Reuse(token) => Some(token),
        Tokeniser::Unavailable => {
            general = Some(DraftProblem::MethodUnavailable);
            None
        }
        Tokeniser::Sandbox { today, nonce } => match sandbox_token(draft, today, &nonce) {
            Ok(token) => Some(token),
            Err(e) => {
                found.push((e.field().to_string(), FieldProblem::Tokenise(e)));
                None
            }
        },
    };
    match token {
        Some(token) if found.is_empty() && general.is_none() => Ok(PaymentInput {
            allocations,
            on_account_minor,
            contract,
            method: draft.method,
            token,
            receipt_email,
        }),
        _ => Err(DraftErrors { fields: found, general: general.unwrap_or(DraftProblem::CheckFields) }),
    }
}

/// Each ticked invoice's amount: above zero and at most what is due.
fn check_invoice_amounts(
    draft: &PaymentDraft,
    found: &mut Vec<(String, FieldProblem)>,
) -> Vec<AllocationInput> {
    let mut allocations = Vec::new();
    for invoice in &draft.invoices {
        let field = invoice_field(invoice.invoice_id);
        match parse_amount(&invoice.amount, draft.language) {
            None | Some(0) => found.push((field, FieldProblem::InvoiceAmount)),
            Some(amount) if amount > invoice.amount_due_minor => found.push((
                field,
                FieldProblem::MoreThanDue {
                    due: Money::new(invoice.amount_due_minor, draft.currency),
                    number: invoice.number.clone(),
                },
            )),
            Some(amount) => {
                allocations.push(AllocationInput { invoice_id: invoice.invoice_id, amount_minor: amount })
            }
        }
    }
    allocations
}

/// A contract payment: all that is due, or an amount above zero and at most that.
fn check_contract(
    contract: &ContractDraft,
    draft: &PaymentDraft,
    found: &mut Vec<(String, FieldProblem)>,
) -> Option<ContractPaymentInput> {
    let amount_minor = match contract.amount.as_deref().map(|a| parse_amount(a, draft.language)) {
        None => None,
        Some(None | Some(0)) => {
            found.push((CONTRACT_AMOUNT_FIELD.into(), FieldProblem::InvoiceAmount));
            return None;
        }
        Some(Some(amount)) if amount > contract.amount_due_minor => {
            let due = Money::new(contract.amount_due_minor, draft.currency);
            found.push((
                CONTRACT_AMOUNT_FIELD.into(),
                FieldProblem::MoreThanDue { due, number: contract.number.clone() },
            ));
            return None;
        }
        Some(amount) => amount,
    };
    Some(ContractPaymentInput { contract_id: contract.contract_id, amount_minor })
}

/// The optional payment on account: empty, or an amount above zero.
fn check_on_account(text: &str, language: Language, found: &mut Vec<(String, FieldProblem)>) -> Option<i64> {
    if text.trim().is_empty() {
        return None;
    }
    match parse_amount(text, language) {
        Some(amount) if amount > 0 => Some(amount),
        _ => {
            found.push(("on_account".into(), FieldProblem::OnAccountAmount));
            None
        }
    }
}

/// The name on the card (and its billing postcode) or on the bank account: the gateway
/// needs them, the tokeniser does not check them.
fn check_holder(draft: &PaymentDraft, found: &mut Vec<(String, FieldProblem)>) {
    match draft.method {
        PaymentMethod::Card => {
            if draft.card.name.trim().is_empty() {
                found.push(("card_name".into(), FieldProblem::CardName));
            }
            if draft.card.postcode.trim().is_empty() {
                found.push(("card_zip".into(), FieldProblem::CardPostcode(draft.postcode_kind)));
            }
        }
        PaymentMethod::Ach => {
            if draft.bank.holder.trim().is_empty() {
                found.push(("bank_name".into(), FieldProblem::BankHolder));
            }
        }
    }
}

fn sandbox_token(draft: &PaymentDraft, today: (i32, u32), nonce: &str) -> Result<String, TokeniseError> {
    let token = match draft.method {
        PaymentMethod::Card => {
            let card = &draft.card;
            let expiry = parse_expiry(&card.expiry).ok_or(TokeniseError::Expiry)?;
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
        "contract" | "contract.amount_minor" => Some(CONTRACT_AMOUNT_FIELD.to_string()),
        "receipt_email" => Some("receipt_email".to_string()),
        _ => None,
    }
}

// ---- Typed text --------------------------------------------------------------------------

/// An amount as a reader of `language` types it, in minor units; `None` when it is not a
/// plain amount with at most two decimals, or when its meaning is in doubt: an amount is
/// refused rather than guessed at. A currency symbol (`$`, `£`, `€`) may stand anywhere and
/// is ignored.
///
/// - Decimal point ([`Language::decimal_mark`] `.`: English, Spanish): `80`, `$80`, `.05`,
///   `1234.5`. The whole part may be grouped in threes by commas (`1,234.50`, `1,234,567`,
///   `12,345`) or by spaces (plain, U+00A0 or U+202F: `1 234.50`). Any other comma is
///   refused, not ignored: `50,00`, `50,5`, `,05`, `1234,5` are a decimal comma typed on a
///   keypad that offers no point (read as 5000.00 they would pay a hundred times too much),
///   `1,2,3` and `1,23.50` a slip. Refused too: groups not of three (`12 50`), commas and
///   spaces mixed, anything after the decimal point but digits.
/// - Decimal comma (`,`: French): `50,00`, `50,5`, `,05`, `1234,5`, `50,00 $`. The whole part
///   may be grouped in threes by spaces (plain, no-break U+00A0 or narrow no-break U+202F:
///   `1 234,50`) or, before a decimal comma, by points (`1.234,50`). A point with no comma
///   is read as a decimal point only when nothing else can be meant — one point, then one or
///   two digits (`50.00`, `1 234.5`: what a phone's decimal keypad set to a point-writing
///   region types). Refused: a point then three digits (`1.234`: thousands or three
///   decimals?), English grouping (`1,234.50`, `1,234`), groups not of three (`12 50`: a
///   space for the comma?), points and spaces mixed, two commas, two points with no comma.
pub fn parse_amount(text: &str, language: Language) -> Option<i64> {
    if language.decimal_mark() == "," { parse_decimal_comma(text) } else { parse_decimal_point(text) }
}

/// An amount written into an amount field as [`parse_amount`] reads it back in `language`:
/// plain, without symbol or grouping, two decimals after the language's mark (`1234.50`,
/// `1234,50`).
pub fn amount_text(minor: i64, language: Language) -> String {
    let abs = minor.unsigned_abs();
    let sign = if minor < 0 { "-" } else { "" };
    format!("{sign}{}{}{:02}", abs / 100, language.decimal_mark(), abs % 100)
}

/// `1,234.5`: commas or spaces group the whole part in threes; see [`parse_amount`].
fn parse_decimal_point(text: &str) -> Option<i64> {
    let cleaned: String = text.chars().filter(|c| !matches!(c, '$' | '£' | '€')).collect();
    let (grouped, fraction) = match cleaned.trim().split_once('.') {
        Some((w, f)) => (w, f),
        None => (cleaned.trim(), ""),
    };
    let by_commas = grouped.contains(',');
    if by_commas && grouped.chars().any(char::is_whitespace) {
        return None;
    }
    let whole =
        if by_commas { ungroup(grouped, |c| c == ',')? } else { ungroup(grouped, char::is_whitespace)? };
    if !all_digits(&whole) || !all_digits(fraction) || (whole.is_empty() && fraction.is_empty()) {
        return None;
    }
    minor_units(&whole, fraction)
}

/// `1 234,50`: the comma is the decimal mark; see [`parse_amount`].
fn parse_decimal_comma(text: &str) -> Option<i64> {
    let cleaned: String = text.chars().filter(|c| !matches!(c, '$' | '£' | '€')).collect();
    let cleaned = cleaned.trim();
    let commas = cleaned.matches(',').count();
    let points = cleaned.matches('.').count();
    let (grouped, fraction) = match (commas, points) {
        (0, 0) => (cleaned, ""),
        // Points before the comma group thousands; a point after it is refused below.
        (1, _) => cleaned.split_once(',')?,
        // A lone point is a decimal point only before one or two digits: before three it
        // could as well group thousands (`1.234`).
        (0, 1) => match cleaned.split_once('.')? {
            (whole, fraction) if (1..=2).contains(&fraction.len()) => (whole, fraction),
            _ => return None,
        },
        _ => return None,
    };
    let by_points = grouped.contains('.');
    if by_points && grouped.chars().any(char::is_whitespace) {
        return None;
    }
    let whole = ungroup(grouped, |c: char| c == '.' || c.is_whitespace())?;
    if !all_digits(&whole) || !all_digits(fraction) || (whole.is_empty() && fraction.is_empty()) {
        return None;
    }
    minor_units(&whole, fraction)
}

/// The whole part without its thousands separators (those `separator` accepts): one to three
/// characters, then groups of exactly three. `None` when it is grouped otherwise; a part with
/// no separator is returned as it stands.
fn ungroup(grouped: &str, separator: impl Fn(char) -> bool) -> Option<String> {
    let groups: Vec<&str> = grouped.split(separator).collect();
    if let [first, rest @ ..] = groups.as_slice()
        && !rest.is_empty()
        && (!(1..=3).contains(&first.len()) || rest.iter().any(|g| g.len() != 3))
    {
        return None;
    }
    Some(groups.concat())
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// Whole and fraction digits (at most two of them) → minor units.
fn minor_units(whole: &str, fraction: &str) -> Option<i64> {
    if fraction.len() > 2 {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Catalogue, FluentArgs};

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
            language: Language::En,
            invoices: vec![invoice(1, 12_000, "120.00")],
            on_account: String::new(),
            contract: None,
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
            postcode_kind: PostcodeKind::Zip,
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
    fn a_contract_is_paid_in_full_or_by_an_amount_up_to_its_due() {
        let contract = |amount: Option<&str>| ContractDraft {
            contract_id: id(7),
            number: "R-1042".into(),
            amount_due_minor: 30_000,
            amount: amount.map(str::to_string),
        };
        let draft =
            |amount| PaymentDraft { invoices: Vec::new(), contract: Some(contract(amount)), ..card_draft() };
        let sent =
            |amount| check_payment(&draft(amount), sandbox()).map(|body| (body.allocations, body.contract));
        let paid =
            |amount_minor| Ok((Vec::new(), Some(ContractPaymentInput { contract_id: id(7), amount_minor })));
        assert_eq!(sent(None), paid(None), "all that is due: the server spreads it");
        assert_eq!(sent(Some("$120.50")), paid(Some(12_050)));
        assert_eq!(sent(Some("300")), paid(Some(30_000)));
        for (typed, problem) in [
            ("0", FieldProblem::InvoiceAmount),
            ("", FieldProblem::InvoiceAmount),
            (
                "300.01",
                FieldProblem::MoreThanDue { due: Money::new(30_000, Currency::Usd), number: "R-1042".into() },
            ),
        ] {
            let errors = check_payment(&draft(Some(typed)), sandbox()).unwrap_err();
            assert_eq!(errors.fields, [(CONTRACT_AMOUNT_FIELD.to_string(), problem)], "{typed:?}");
        }
        assert_eq!(form_field_of("contract.amount_minor", &[]), Some(CONTRACT_AMOUNT_FIELD.to_string()));
        assert_eq!(form_field_of("contract", &[]), Some(CONTRACT_AMOUNT_FIELD.to_string()));
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
                (invoice_field(id(1)), FieldProblem::InvoiceAmount),
                (
                    invoice_field(id(2)),
                    FieldProblem::MoreThanDue {
                        due: Money::new(5_000, Currency::Usd),
                        number: "INV-2".into()
                    }
                ),
                (invoice_field(id(3)), FieldProblem::InvoiceAmount),
                ("on_account".to_string(), FieldProblem::OnAccountAmount),
            ]
        );
        assert_eq!(errors.general, DraftProblem::CheckFields);
    }

    #[test]
    fn nothing_to_pay_is_said_on_the_form_wide_line() {
        let mut draft = card_draft();
        draft.invoices.clear();
        let errors = check_payment(&draft, sandbox()).unwrap_err();
        assert!(errors.fields.is_empty());
        assert_eq!(errors.general, DraftProblem::NothingToPay);
        draft.no_open_invoices = true;
        assert_eq!(check_payment(&draft, sandbox()).unwrap_err().general, DraftProblem::NoOnAccountAmount);
    }

    #[test]
    fn the_receipt_address_and_holder_names_are_required() {
        let mut draft = card_draft();
        draft.receipt_email = "ap@".into();
        draft.card.name = " ".into();
        draft.card.postcode = String::new();
        let errors = check_payment(&draft, sandbox()).unwrap_err();
        assert_eq!(fields(&errors), ["receipt_email", "card_name", "card_zip"]);
        assert_eq!(
            errors.fields.iter().map(|(_, p)| p.clone()).collect::<Vec<_>>(),
            [
                FieldProblem::ReceiptEmail,
                FieldProblem::CardName,
                FieldProblem::CardPostcode(PostcodeKind::Zip)
            ]
        );
        draft.postcode_kind = PostcodeKind::Postal;
        assert_eq!(
            check_payment(&draft, sandbox()).unwrap_err().fields[2].1,
            FieldProblem::CardPostcode(PostcodeKind::Postal)
        );

        draft.method = PaymentMethod::Ach;
        draft.bank =
            BankDraft { holder: String::new(), routing: "110000000".into(), account: "000123456789".into() };
        let errors = check_payment(&draft, sandbox()).unwrap_err();
        assert_eq!(fields(&errors), ["receipt_email", "bank_name"]);
        assert_eq!(errors.fields[1].1, FieldProblem::BankHolder);
    }

    #[test]
    fn card_and_bank_numbers_are_checked_by_the_tokeniser() {
        let mut draft = card_draft();
        draft.card.expiry = "13".into();
        assert_eq!(fields(&check_payment(&draft, sandbox()).unwrap_err()), ["expiry"]);
        draft.card.expiry = "10/26".into();
        let errors = check_payment(&draft, sandbox()).unwrap_err();
        assert_eq!(errors.fields, [("expiry".to_string(), FieldProblem::Tokenise(TokeniseError::Expiry))]);
        draft.card.expiry = "12/30".into();
        draft.card.number = "4242 4242 4242 4241".into();
        assert_eq!(fields(&check_payment(&draft, sandbox()).unwrap_err()), ["card_number"]);

        draft.method = PaymentMethod::Ach;
        draft.bank =
            BankDraft { holder: "Builder Co".into(), routing: "110000001".into(), account: "1".into() };
        let errors = check_payment(&draft, sandbox()).unwrap_err();
        assert_eq!(
            errors.fields,
            [("routing_number".to_string(), FieldProblem::Tokenise(TokeniseError::RoutingNumber))]
        );
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
        assert_eq!(errors.general, DraftProblem::MethodUnavailable);
    }

    #[test]
    fn the_web_apps_words_for_a_problem_keep_the_english_and_write_money_in_the_language() {
        let due = Money::new(5_000, Currency::Cad);
        let more_than_due = |language: Language| {
            let mut args = FluentArgs::new();
            args.set("amount", due.display_in(language));
            args.set("number", "INV-2");
            Catalogue::new(language).text_with("pay-problem-more-than-due", &args)
        };
        assert_eq!(more_than_due(Language::En), "At most $50.00 is due on INV-2.");
        assert_eq!(more_than_due(Language::FrCa), "Le montant dû sur INV-2 est d'au plus 50,00\u{a0}$.");
        let mut args = FluentArgs::new();
        args.set("postcode", PostcodeKind::Zip.as_str());
        assert_eq!(
            Catalogue::new(Language::En).text_with("pay-problem-card-postcode", &args),
            "Enter the card's billing zip code."
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
    fn amounts_as_typed_with_a_decimal_point_are_read_with_commas_grouping_thousands() {
        for language in [Language::En, Language::Es] {
            let read = |text: &str| parse_amount(text, language);
            assert_eq!(read("1,234.5"), Some(123_450));
            assert_eq!(read("1,234.50"), Some(123_450));
            assert_eq!(read("1,234,567"), Some(123_456_700));
            assert_eq!(read("12,345"), Some(1_234_500));
            assert_eq!(read("123,456.78"), Some(12_345_678));
            assert_eq!(read("$1,234.50"), Some(123_450));
            assert_eq!(read("$80"), Some(8_000));
            assert_eq!(read(" $ 80 "), Some(8_000));
            assert_eq!(read("80"), Some(8_000));
            assert_eq!(read(".05"), Some(5));
            assert_eq!(read("50.00"), Some(5_000));
            assert_eq!(read("1234.5"), Some(123_450));
            assert_eq!(read("1 234.50"), Some(123_450));
            assert_eq!(read("1\u{a0}234.50"), Some(123_450));
            assert_eq!(read("1\u{202f}234,567.8"), None);
            assert_eq!(read("1\u{202f}234 567.8"), Some(123_456_780));
            assert_eq!(read("0"), Some(0));
        }
    }

    #[test]
    fn amounts_with_a_decimal_point_whose_comma_is_not_a_thousands_separator_are_refused() {
        for language in [Language::En, Language::Es] {
            let read = |text: &str| parse_amount(text, language);
            // The 100x case: the old parser ignored the comma and read `50,00` as 5000.00.
            assert_eq!(read("50,00"), None, "{language:?}");
            for doubtful in [
                // A decimal comma (a keypad that offers no point) or a slip.
                "50,5",
                "1,2,3",
                "1,23.50",
                "1234,5",
                ",05",
                "50,00 $",
                "1,234,5",
                "1,2345",
                "1,,234",
                "1,234.5,0",
                "1.234,50",
                ",",
                // Groups not of three, separators mixed.
                "12 50",
                "1234 567",
                "1  234",
                "1,234 567",
                "1 234,567",
                // More than two decimals, negatives, not an amount.
                "12.345",
                "1,234.567",
                "-3",
                "-1,234",
                "",
                "   ",
                ".",
                "1.2.3",
                "abc",
            ] {
                assert_eq!(read(doubtful), None, "{language:?} {doubtful:?}");
            }
        }
    }

    #[test]
    fn an_english_payment_on_account_typed_with_a_decimal_comma_is_refused() {
        let mut draft = card_draft();
        draft.invoices = vec![invoice(1, 12_000, &amount_text(12_000, Language::En))];
        draft.on_account = "50,00".into();
        let errors = check_payment(&draft, sandbox()).unwrap_err();
        assert_eq!(errors.fields, [("on_account".to_string(), FieldProblem::OnAccountAmount)]);
        assert_eq!(errors.general, DraftProblem::CheckFields);

        draft.invoices = vec![invoice(1, 12_000, "120,00")];
        draft.on_account = "1,234.50".into();
        let errors = check_payment(&draft, sandbox()).unwrap_err();
        assert_eq!(errors.fields, [(invoice_field(id(1)), FieldProblem::InvoiceAmount)]);

        draft.invoices = vec![invoice(1, 12_000, "120")];
        let body = check_payment(&draft, sandbox()).unwrap();
        assert_eq!(body.on_account_minor, Some(123_450));
    }

    #[test]
    fn amounts_as_typed_in_french_read_the_comma_as_the_decimal_mark() {
        let read = |text: &str| parse_amount(text, Language::FrCa);
        // The 100x case: the old parser read `50,00` as 5000.00.
        assert_eq!(read("50,00"), Some(5_000));
        assert_eq!(read("50,5"), Some(5_050));
        assert_eq!(read("50"), Some(5_000));
        assert_eq!(read(",05"), Some(5));
        assert_eq!(read("50,"), Some(5_000));
        assert_eq!(read("1234,5"), Some(123_450));
        assert_eq!(read("1 234,50"), Some(123_450));
        assert_eq!(read("1\u{a0}234,50"), Some(123_450));
        assert_eq!(read("1\u{202f}234,50"), Some(123_450));
        assert_eq!(read("1 234 567,89"), Some(123_456_789));
        assert_eq!(read("1 234"), Some(123_400));
        assert_eq!(read("50,00 $"), Some(5_000));
        assert_eq!(read("1\u{a0}234,50\u{a0}$"), Some(123_450));
        assert_eq!(read(" $ 80 "), Some(8_000));
        assert_eq!(read("0,00"), Some(0));
        // Points group thousands only before a decimal comma, in threes.
        assert_eq!(read("1.234,50"), Some(123_450));
        assert_eq!(read("1.234.567,8"), Some(123_456_780));
        // A lone point before one or two digits can only be a decimal point (a phone's
        // decimal keypad may offer no comma).
        assert_eq!(read("50.00"), Some(5_000));
        assert_eq!(read("50.5"), Some(5_050));
        assert_eq!(read(".05"), Some(5));
        assert_eq!(read("1 234.50"), Some(123_450));
        assert_eq!(read("1\u{a0}234.5 $"), Some(123_450));
    }

    #[test]
    fn amounts_in_french_whose_meaning_is_in_doubt_are_refused() {
        let read = |text: &str| parse_amount(text, Language::FrCa);
        for doubtful in [
            // A point before three digits with no decimal comma: thousands or decimals?
            "1.234",
            "50.000",
            "1.234.567",
            "1.23.45",
            "50.",
            ".",
            "50.0.0",
            // A point after the comma, or grouping after a decimal point.
            "1,23.4",
            "1.234.50",
            // English grouping: the comma cannot be the decimal mark before a point.
            "1,234.50",
            "1,234",
            "1,234,567",
            "12,345",
            // Groups not of three: a space for the comma (`12 50`), or a slip.
            "12 50",
            "1 23,50",
            "1 2345,00",
            "1234 567",
            "1.23,50",
            "1  234,50",
            "50 ,00",
            "50, 00",
            // Points and spaces mixed, two commas, more than two decimals, not an amount.
            "1.234 567,00",
            "1 234.567,00",
            "50,0,0",
            "50,001",
            ".234,50",
            ",",
            "",
            "   ",
            "-3",
            "abc",
        ] {
            assert_eq!(read(doubtful), None, "{doubtful:?}");
        }
    }

    #[test]
    fn amounts_written_into_the_fields_read_back_in_their_language() {
        for language in Language::ALL {
            for minor in [0, 5, 50, 5_000, 12_000, 123_450, 123_456_789] {
                assert_eq!(
                    parse_amount(&amount_text(minor, language), language),
                    Some(minor),
                    "{language:?}"
                );
            }
        }
        assert_eq!(amount_text(123_450, Language::En), "1234.50");
        assert_eq!(amount_text(123_450, Language::Es), "1234.50");
        assert_eq!(amount_text(123_450, Language::FrCa), "1234,50");
        assert_eq!(amount_text(5, Language::FrCa), "0,05");
    }

    #[test]
    fn a_french_payment_on_account_pays_what_was_typed() {
        let mut draft = card_draft();
        draft.language = Language::FrCa;
        draft.invoices = vec![invoice(1, 12_000, &amount_text(12_000, Language::FrCa))];
        draft.on_account = "50,00".into();
        let body = check_payment(&draft, sandbox()).unwrap();
        assert_eq!(body.allocations, [AllocationInput { invoice_id: id(1), amount_minor: 12_000 }]);
        assert_eq!(body.on_account_minor, Some(5_000));

        draft.on_account = "1\u{202f}234,5".into();
        assert_eq!(check_payment(&draft, sandbox()).unwrap().on_account_minor, Some(123_450));

        draft.invoices = vec![invoice(1, 12_000, "1.200")];
        draft.on_account = "1,234.50".into();
        let errors = check_payment(&draft, sandbox()).unwrap_err();
        assert_eq!(
            errors.fields,
            [
                (invoice_field(id(1)), FieldProblem::InvoiceAmount),
                ("on_account".to_string(), FieldProblem::OnAccountAmount),
            ]
        );
    }

    #[test]
    fn the_example_amounts_in_the_messages_are_written_as_the_fields_read_them() {
        for language in Language::ALL {
            let catalogue = Catalogue::new(language);
            let amount = catalogue.text("pay-problem-amount");
            assert!(amount.contains(&amount_text(12_000, language)), "{language:?}: {amount}");
            let on_account = catalogue.text("pay-problem-on-account");
            assert!(on_account.contains(&amount_text(25_000, language)), "{language:?}: {on_account}");
        }
        assert_eq!(
            Catalogue::new(Language::En).text("pay-problem-amount"),
            "Enter the amount to pay, e.g. 120.00."
        );
        assert_eq!(
            Catalogue::new(Language::En).text("pay-problem-on-account"),
            "Enter an amount, e.g. 250.00, or leave it empty."
        );
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
        assert_eq!(PostcodeKind::for_locale("en-US"), PostcodeKind::Zip);
        assert_eq!(PostcodeKind::for_locale("en-CA"), PostcodeKind::Postal);
        assert_eq!(PostcodeKind::for_locale("en-GB"), PostcodeKind::Postcode);
        assert_eq!(PostcodeKind::for_locale("en-CA").as_str(), "postal");
    }
}
