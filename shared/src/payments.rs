//! Paying invoices or on account by card or bank debit (E4-E6, E8), and the sandbox
//! gateway's tokens.
//!
//! Card and bank numbers never reach our server: the browser hands them to the dealer's
//! gateway, which answers with a one-time token; only that token, with the amounts, is
//! posted to `POST /accounts/{id}/payments`. In the sandbox the "gateway" that tokenises in
//! the browser is [`SandboxToken`], and the server-side sandbox gateway reads the outcome
//! back from the token, as real gateways' test tokens do.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::money::{Currency, Money};

pub mod draft;

/// How the customer pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// Credit or debit card.
    Card,
    /// Bank debit (ACH in the US; the same flow serves BACS/BECS).
    Ach,
}

impl PaymentMethod {
    pub const ALL: [PaymentMethod; 2] = [PaymentMethod::Card, PaymentMethod::Ach];

    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Card => "card",
            PaymentMethod::Ach => "ach",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            PaymentMethod::Card => "Card",
            PaymentMethod::Ach => "Bank account (ACH)",
        }
    }
}

/// Where a payment was made: in the portal (by card or bank debit through the dealer's
/// gateway), or at the store's counter (recorded by the dealer's back office through
/// `PUT /integrations/payments`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentChannel {
    Portal,
    Counter,
}

impl PaymentChannel {
    pub const ALL: [PaymentChannel; 2] = [PaymentChannel::Portal, PaymentChannel::Counter];

    pub fn as_str(self) -> &'static str {
        match self {
            PaymentChannel::Portal => "portal",
            PaymentChannel::Counter => "counter",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            PaymentChannel::Portal => "Paid in the portal",
            PaymentChannel::Counter => "Paid at the counter",
        }
    }
}

/// How the money was paid, as the payment history shows it. The portal takes `card` and
/// `ach` ([`PaymentMethod`]); at the counter the store also takes `cash`, `check` and
/// `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Tender {
    Cash,
    Check,
    Card,
    /// Bank debit or transfer.
    Ach,
    Other,
}

impl Tender {
    pub const ALL: [Tender; 5] = [Tender::Cash, Tender::Check, Tender::Card, Tender::Ach, Tender::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Tender::Cash => "cash",
            Tender::Check => "check",
            Tender::Card => "card",
            Tender::Ach => "ach",
            Tender::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Tender::Cash => "Cash",
            Tender::Check => "Check",
            Tender::Card => "Card",
            Tender::Ach => "Bank account (ACH)",
            Tender::Other => "Other",
        }
    }
}

impl From<PaymentMethod> for Tender {
    fn from(method: PaymentMethod) -> Self {
        match method {
            PaymentMethod::Card => Tender::Card,
            PaymentMethod::Ach => Tender::Ach,
        }
    }
}

/// Where a payment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Sent to the gateway, no answer yet.
    Processing,
    /// Card payment taken.
    Succeeded,
    /// Bank debit submitted; it settles in a few working days.
    Pending,
    /// Declined: nothing was taken.
    Failed,
}

impl PaymentStatus {
    pub const ALL: [PaymentStatus; 4] =
        [PaymentStatus::Processing, PaymentStatus::Succeeded, PaymentStatus::Pending, PaymentStatus::Failed];

    pub fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::Processing => "processing",
            PaymentStatus::Succeeded => "succeeded",
            PaymentStatus::Pending => "pending",
            PaymentStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            PaymentStatus::Processing => "Processing",
            PaymentStatus::Succeeded => "Paid",
            PaymentStatus::Pending => "Pending",
            PaymentStatus::Failed => "Declined",
        }
    }
}

/// One payment method the dealer accepts, and what the browser needs to tokenise with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentMethodOption {
    pub method: PaymentMethod,
    /// The gateway that tokenises: `sandbox` (test money) or a provider's name.
    pub gateway: String,
    /// The gateway's publishable key, if it needs one in the browser.
    pub public_key: Option<String>,
}

/// `GET /accounts/{id}/payment-options`: how this account can pay, in which currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentOptions {
    pub currency: Currency,
    /// Enabled methods; empty when the dealer takes no payments online.
    pub methods: Vec<PaymentMethodOption>,
    /// True when every method is a sandbox: no real money moves (shown on the form).
    pub sandbox: bool,
    /// Where the receipt goes unless the payer types another address.
    pub default_receipt_email: String,
}

/// Part of a payment towards one invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AllocationInput {
    pub invoice_id: Uuid,
    /// Full or partial: more than 0 and at most the invoice's `amount_due`.
    pub amount_minor: i64,
}

/// Paying a contract (C6): its open invoices, the earliest due first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContractPaymentInput {
    /// A contract of the account.
    pub contract_id: Uuid,
    /// How much: more than 0 and at most what the contract's open invoices have due, paid
    /// to them the earliest due date first (undated last, then by invoice date and number),
    /// each in full before the next. Absent: all of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_minor: Option<i64>,
}

/// `POST /accounts/{id}/payments` with a required `Idempotency-Key` header: a retry or a
/// double click with the same key never charges twice. It pays chosen invoices
/// (`allocations`) and/or an amount on account, or a contract's open invoices (`contract`,
/// alone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentInput {
    /// Invoices to pay, each once.
    #[serde(default)]
    pub allocations: Vec<AllocationInput>,
    /// A payment on account, not tied to an invoice.
    #[serde(default)]
    pub on_account_minor: Option<i64>,
    /// A contract to pay: the server chooses the allocations ([`ContractPaymentInput`]);
    /// the receipt lists them. Neither `allocations` nor `on_account_minor` goes with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<ContractPaymentInput>,
    pub method: PaymentMethod,
    /// The one-time token the gateway gave the browser for the card or bank account; never
    /// a card or account number (a run of 12 or more digits is refused with 422 `token`).
    ///
    /// Sandbox (`GET …/payment-options` answers `sandbox: true`): the token is
    /// `sandbox:<method>:<brand>:<last4>:<outcome>:<nonce>`, where `method` is this
    /// payment's `method` (`card` or `ach`); `brand` is `visa`, `mastercard`, `amex`,
    /// `discover` or `card` for a card and `bank` for `ach` (letters and digits, at most
    /// 20); `last4` is 4 digits; `outcome` is `approve`, `decline` or `insufficient_funds`;
    /// `nonce` is 1 to 64 letters or digits, new for each payment. Example:
    /// `sandbox:card:visa:4242:approve:kqzvbnmwtrlpxsdh` is charged,
    /// `sandbox:card:visa:0002:decline:kqzvbnmwtrlpxsdh` answers 402 `payment_declined`; a
    /// token of any other shape, or of another method, is declined too (`invalid_token`).
    /// The web app makes these from test numbers: card 4242 4242 4242 4242 (approved),
    /// 4000 0000 0000 0002 (declined), 4000 0000 0000 9995 (insufficient funds); a bank
    /// account ending in 0002 is refused.
    pub token: String,
    /// Where the receipt is emailed.
    pub receipt_email: String,
}

/// Spreads `amount_minor` over invoices in the order given, each `(id, amount due)` paid up
/// to its amount due before the next gets anything: the allocations of a contract payment
/// ([`ContractPaymentInput`]). `None` when the amount is not above zero or more than all of
/// them have due.
pub fn allocate_in_order(amount_minor: i64, due: &[(Uuid, i64)]) -> Option<Vec<AllocationInput>> {
    let all_due = due.iter().try_fold(0_i64, |sum, (_, d)| sum.checked_add((*d).max(0)))?;
    if amount_minor <= 0 || amount_minor > all_due {
        return None;
    }
    let mut left = amount_minor;
    let mut allocations = Vec::new();
    for (invoice_id, due) in due {
        if left == 0 {
            break;
        }
        let part = left.min(*due);
        if part > 0 {
            allocations.push(AllocationInput { invoice_id: *invoice_id, amount_minor: part });
            left -= part;
        }
    }
    Some(allocations)
}

/// Where part of a payment went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentAllocation {
    /// `None`: on account.
    pub invoice_id: Option<Uuid>,
    pub invoice_number: Option<String>,
    pub amount: Money,
}

/// A row of the payment history (E6): payments made in the portal and payments received
/// at the store's counter (`channel`), newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentSummary {
    pub id: Uuid,
    /// Receipt number, e.g. `PAY-7K3M-9QX2`; for a counter payment, the back office's id
    /// (its `external_id`).
    pub number: String,
    /// `portal`, or `counter` for a payment the back office recorded.
    pub channel: PaymentChannel,
    /// `card` or `ach` in the portal; at the counter also `cash`, `check`, `other`.
    pub method: Tender,
    /// A counter payment is always `succeeded`: the money was received.
    pub status: PaymentStatus,
    pub amount: Money,
    /// Card brand (`visa`) or `bank`, as the gateway reported it (portal payments).
    pub instrument_brand: Option<String>,
    pub instrument_last4: Option<String>,
    /// Who paid: the portal user, or for a counter payment the customer account's name.
    pub paid_by: String,
    /// When the payment was made in the portal; for a counter payment, when the back
    /// office recorded it (`received_on` is the day it was paid).
    pub created_at: DateTime<Utc>,
    /// The back office's id of a counter payment; `null` for portal payments.
    pub external_id: Option<String>,
    /// A counter payment's reference, e.g. the check number.
    pub reference: Option<String>,
    /// The day a counter payment was received.
    pub received_on: Option<NaiveDate>,
}

/// `GET /accounts/{id}/payments/{payment_id}`, also the answer of a successful payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentDetail {
    #[serde(flatten)]
    pub summary: PaymentSummary,
    pub allocations: Vec<PaymentAllocation>,
    /// Where the portal emailed the receipt; `null` for a counter payment (the store gave
    /// the receipt).
    pub receipt_email: Option<String>,
    /// The gateway's reference for the charge.
    pub gateway_reference: Option<String>,
    /// Why it was declined, in words for the payer.
    pub failure_message: Option<String>,
    /// Set once the dealer's back office has posted it; a counter payment is posted from
    /// the start (when the back office recorded it).
    pub posted_at: Option<DateTime<Utc>>,
}

/// A payment as the back office pulls it (`GET /integrations/payments`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IntegrationPayment {
    pub id: Uuid,
    pub number: String,
    pub customer_external_id: String,
    pub method: PaymentMethod,
    pub status: PaymentStatus,
    pub amount_minor: i64,
    pub currency: Currency,
    pub gateway: String,
    pub gateway_reference: Option<String>,
    /// Invoice external ids with amounts; `invoice_external_id` is `None` on account.
    pub allocations: Vec<IntegrationAllocation>,
    pub created_at: DateTime<Utc>,
    pub posted_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IntegrationAllocation {
    pub invoice_external_id: Option<String>,
    pub amount_minor: i64,
}

/// What the sandbox gateway does with a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SandboxOutcome {
    Approve,
    Decline,
    InsufficientFunds,
}

impl SandboxOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            SandboxOutcome::Approve => "approve",
            SandboxOutcome::Decline => "decline",
            SandboxOutcome::InsufficientFunds => "insufficient_funds",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [SandboxOutcome::Approve, SandboxOutcome::Decline, SandboxOutcome::InsufficientFunds]
            .into_iter()
            .find(|o| o.as_str() == s)
    }
}

/// A sandbox gateway token: `sandbox:<method>:<brand>:<last4>:<outcome>:<nonce>`. Made in
/// the browser from test card or bank numbers ([`SandboxToken::for_card`],
/// [`SandboxToken::for_bank_account`]); read by the server's sandbox gateway. It carries no
/// more of the number than the last four digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxToken {
    pub method: PaymentMethod,
    pub brand: String,
    pub last4: String,
    pub outcome: SandboxOutcome,
    pub nonce: String,
}

/// Why the browser-side tokeniser refused what was typed (the web app words it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokeniseError {
    CardNumber,
    Expiry,
    Cvc,
    RoutingNumber,
    AccountNumber,
}

impl TokeniseError {
    pub fn field(self) -> &'static str {
        match self {
            TokeniseError::CardNumber => "card_number",
            TokeniseError::Expiry => "expiry",
            TokeniseError::Cvc => "cvc",
            TokeniseError::RoutingNumber => "routing_number",
            TokeniseError::AccountNumber => "account_number",
        }
    }
}

/// Test numbers with a set outcome, as payment providers document theirs.
pub const SANDBOX_DECLINED_CARD: &str = "4000000000000002";
pub const SANDBOX_INSUFFICIENT_FUNDS_CARD: &str = "4000000000009995";
/// A bank account number ending in this is refused as closed.
pub const SANDBOX_DECLINED_ACCOUNT_SUFFIX: &str = "0002";

impl SandboxToken {
    /// Tokenises a card as the sandbox gateway's browser library would. `expiry` is
    /// `(month, year)` with a 4-digit year; `today` is `(year, month)`.
    pub fn for_card(
        number: &str,
        expiry: (u32, i32),
        cvc: &str,
        today: (i32, u32),
        nonce: &str,
    ) -> Result<Self, TokeniseError> {
        let digits: String = number.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
        if !(12..=19).contains(&digits.len())
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || !luhn_valid(&digits)
        {
            return Err(TokeniseError::CardNumber);
        }
        let (month, year) = expiry;
        if !(1..=12).contains(&month) || (year, month) < today || year > today.0 + 20 {
            return Err(TokeniseError::Expiry);
        }
        if !(3..=4).contains(&cvc.len()) || !cvc.bytes().all(|b| b.is_ascii_digit()) {
            return Err(TokeniseError::Cvc);
        }
        let outcome = match digits.as_str() {
            SANDBOX_DECLINED_CARD => SandboxOutcome::Decline,
            SANDBOX_INSUFFICIENT_FUNDS_CARD => SandboxOutcome::InsufficientFunds,
            _ => SandboxOutcome::Approve,
        };
        Ok(SandboxToken {
            method: PaymentMethod::Card,
            brand: card_brand(&digits).to_string(),
            last4: digits[digits.len() - 4..].to_string(),
            outcome,
            nonce: nonce.to_string(),
        })
    }

    /// Tokenises a US bank account (routing number with its checksum, account number).
    pub fn for_bank_account(routing: &str, account: &str, nonce: &str) -> Result<Self, TokeniseError> {
        let routing = routing.trim();
        if routing.len() != 9 || !routing.bytes().all(|b| b.is_ascii_digit()) || !aba_valid(routing) {
            return Err(TokeniseError::RoutingNumber);
        }
        let account: String = account.chars().filter(|c| !c.is_whitespace()).collect();
        if !(4..=17).contains(&account.len()) || !account.bytes().all(|b| b.is_ascii_digit()) {
            return Err(TokeniseError::AccountNumber);
        }
        let outcome = if account.ends_with(SANDBOX_DECLINED_ACCOUNT_SUFFIX) {
            SandboxOutcome::Decline
        } else {
            SandboxOutcome::Approve
        };
        Ok(SandboxToken {
            method: PaymentMethod::Ach,
            brand: "bank".to_string(),
            last4: account[account.len() - 4..].to_string(),
            outcome,
            nonce: nonce.to_string(),
        })
    }

    /// A nonce of letters only, so that a token can never look like an account number.
    pub fn nonce_from(random: [u8; 16]) -> String {
        random.iter().map(|b| char::from(b'a' + b % 26)).collect()
    }

    pub fn encode(&self) -> String {
        format!(
            "sandbox:{}:{}:{}:{}:{}",
            self.method.as_str(),
            self.brand,
            self.last4,
            self.outcome.as_str(),
            self.nonce
        )
    }

    /// Reads a token back; `None` unless it is exactly the shape [`SandboxToken::encode`] makes.
    pub fn parse(token: &str) -> Option<Self> {
        let mut parts = token.split(':');
        if parts.next()? != "sandbox" {
            return None;
        }
        let method = PaymentMethod::parse(parts.next()?)?;
        let brand = parts.next()?;
        let last4 = parts.next()?;
        let outcome = SandboxOutcome::parse(parts.next()?)?;
        let nonce = parts.next()?;
        let plain = |s: &str, max: usize| {
            !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_alphanumeric())
        };
        if parts.next().is_some()
            || !plain(brand, 20)
            || last4.len() != 4
            || !last4.bytes().all(|b| b.is_ascii_digit())
            || !plain(nonce, 64)
        {
            return None;
        }
        Some(SandboxToken {
            method,
            brand: brand.to_string(),
            last4: last4.to_string(),
            outcome,
            nonce: nonce.to_string(),
        })
    }
}

/// Whether `s` holds a run of 12 or more digits (spaces and dashes between them allowed):
/// what a card or bank account number looks like. The server refuses such tokens so that a
/// misconfigured client cannot make us store a card number.
pub fn looks_like_account_number(s: &str) -> bool {
    let mut run = 0;
    for c in s.chars() {
        if c.is_ascii_digit() {
            run += 1;
            if run >= 12 {
                return true;
            }
        } else if c != ' ' && c != '-' {
            run = 0;
        }
    }
    false
}

fn luhn_valid(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn aba_valid(routing: &str) -> bool {
    let d: Vec<u32> = routing.bytes().map(|b| u32::from(b - b'0')).collect();
    let sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
    sum.is_multiple_of(10)
}

fn card_brand(digits: &str) -> &'static str {
    let prefix2: u32 = digits[..2].parse().unwrap_or(0);
    let prefix4: u32 = digits[..4].parse().unwrap_or(0);
    match digits.as_bytes()[0] {
        b'4' => "visa",
        b'5' if (51..=55).contains(&prefix2) => "mastercard",
        b'2' if (2221..=2720).contains(&prefix4) => "mastercard",
        b'3' if prefix2 == 34 || prefix2 == 37 => "amex",
        b'6' if prefix4 == 6011 || prefix2 == 65 => "discover",
        _ => "card",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: (i32, u32) = (2026, 11);

    #[test]
    fn test_cards_tokenise_with_their_outcome() {
        let ok = SandboxToken::for_card("4242 4242 4242 4242", (12, 2030), "123", TODAY, "n1").unwrap();
        assert_eq!(
            (ok.brand.as_str(), ok.last4.as_str(), ok.outcome),
            ("visa", "4242", SandboxOutcome::Approve)
        );
        let declined = SandboxToken::for_card(SANDBOX_DECLINED_CARD, (1, 2027), "123", TODAY, "n2").unwrap();
        assert_eq!(declined.outcome, SandboxOutcome::Decline);
        let mc = SandboxToken::for_card("5555555555554444", (11, 2026), "1234", TODAY, "n3").unwrap();
        assert_eq!(mc.brand, "mastercard");
    }

    #[test]
    fn bad_card_details_are_refused_before_anything_is_sent() {
        assert_eq!(
            SandboxToken::for_card("4242424242424241", (12, 2030), "123", TODAY, "n"),
            Err(TokeniseError::CardNumber)
        );
        assert_eq!(
            SandboxToken::for_card("4242424242424242", (10, 2026), "123", TODAY, "n"),
            Err(TokeniseError::Expiry)
        );
        assert_eq!(
            SandboxToken::for_card("4242424242424242", (13, 2030), "123", TODAY, "n"),
            Err(TokeniseError::Expiry)
        );
        assert_eq!(
            SandboxToken::for_card("4242424242424242", (12, 2030), "12", TODAY, "n"),
            Err(TokeniseError::Cvc)
        );
    }

    #[test]
    fn bank_accounts_need_a_valid_routing_number() {
        let ok = SandboxToken::for_bank_account("110000000", "000123456789", "n").unwrap();
        assert_eq!((ok.brand.as_str(), ok.last4.as_str()), ("bank", "6789"));
        assert_eq!(
            SandboxToken::for_bank_account("110000001", "000123456789", "n"),
            Err(TokeniseError::RoutingNumber)
        );
        assert_eq!(SandboxToken::for_bank_account("110000000", "12", "n"), Err(TokeniseError::AccountNumber));
        let closed = SandboxToken::for_bank_account("110000000", "000111110002", "n").unwrap();
        assert_eq!(closed.outcome, SandboxOutcome::Decline);
    }

    #[test]
    fn tokens_round_trip_and_carry_no_full_number() {
        let token = SandboxToken::for_card("4242424242424242", (12, 2030), "123", TODAY, "abc123").unwrap();
        let encoded = token.encode();
        assert!(!looks_like_account_number(&encoded), "{encoded}");
        assert_eq!(SandboxToken::parse(&encoded), Some(token));
        assert_eq!(SandboxToken::parse("sandbox:card:visa:4242:approve:abc:extra"), None);
        assert_eq!(SandboxToken::parse("sandbox:card:visa:42424:approve:abc"), None);
        assert_eq!(SandboxToken::parse("tok_4242424242424242"), None);
    }

    #[test]
    fn account_numbers_are_spotted_with_separators() {
        assert!(looks_like_account_number("4242 4242 4242 4242"));
        assert!(looks_like_account_number("x4242-4242-4242y"));
        assert!(!looks_like_account_number("sandbox:card:visa:4242:approve:0123456789a"));
    }

    #[test]
    fn a_contract_payment_pays_the_oldest_due_first() {
        let (a, b, c) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let due = [(a, 100), (b, 0), (c, 250)];
        let pairs = |amount| {
            allocate_in_order(amount, &due)
                .map(|all| all.into_iter().map(|x| (x.invoice_id, x.amount_minor)).collect::<Vec<_>>())
        };
        assert_eq!(pairs(350), Some(vec![(a, 100), (c, 250)]), "all of it; nothing to the paid one");
        assert_eq!(pairs(60), Some(vec![(a, 60)]), "part of the oldest");
        assert_eq!(pairs(100), Some(vec![(a, 100)]), "exactly the oldest");
        assert_eq!(pairs(101), Some(vec![(a, 100), (c, 1)]), "into the next");
        for refused in [0, -5, 351, i64::MAX] {
            assert_eq!(pairs(refused), None, "{refused}");
        }
        assert_eq!(allocate_in_order(1, &[]), None, "nothing due");
        assert_eq!(allocate_in_order(1, &[(a, i64::MAX), (b, 1)]), None, "an overflowing sum");
    }
}
