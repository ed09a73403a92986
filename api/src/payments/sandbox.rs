//! The sandbox gateway: test money only. It reads the outcome back from the
//! [`SandboxToken`] the browser made (as real gateways' test tokens do) and keeps its own
//! ledger, `sandbox_charges`, keyed by the idempotency key we send — what a real gateway
//! holds on its side. A retried key finds the first row and answers its outcome again, so
//! it never charges twice.

use chrono::Utc;
use secrecy::ExposeSecret;
use shared::payments::{PaymentMethod, SandboxOutcome, SandboxToken};
use uuid::Uuid;

use super::{Approved, ChargeOutcome, ChargeRequest, Declined, Gateway, GatewayError};
use crate::db::Db;
use crate::db::decode::enum_text;
use crate::db::sandbox_charges::SandboxCharge;

/// Its name in `dealer_payment_methods.gateway` and `payments.gateway`.
pub const NAME: &str = "sandbox";

/// Ledger outcome of a token that is not a sandbox token for the payment's method.
const INVALID_TOKEN: &str = "invalid_token";

#[derive(Debug, Clone)]
pub struct SandboxGateway {
    db: Db,
}

impl SandboxGateway {
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}

/// The ledger row a first charge writes: the outcome the token asks for, or
/// `invalid_token` when it is not a sandbox token of the payment's method.
fn first_charge(request: &ChargeRequest, token: Option<SandboxToken>) -> SandboxCharge {
    let token = token.filter(|t| t.method == request.method);
    SandboxCharge {
        idempotency_key: request.idempotency_key.clone(),
        reference: format!("sbx_ch_{}", Uuid::now_v7().simple()),
        dealer_id: request.dealer_id,
        method: request.method.as_str().to_string(),
        amount_minor: request.amount_minor,
        currency: request.currency.code().to_string(),
        outcome: token.as_ref().map_or(INVALID_TOKEN, |t| t.outcome.as_str()).to_string(),
        brand: token.as_ref().map(|t| t.brand.clone()),
        last4: token.map(|t| t.last4),
        created_at: Utc::now(),
    }
}

/// The gateway's answer for a ledger row (first or retried charge alike). A row whose
/// method or outcome names nothing the ledger writes is an error, not a decline.
fn answer(charge: SandboxCharge) -> Result<ChargeOutcome, sqlx::Error> {
    let method: PaymentMethod = enum_text(&charge.method, "sandbox_charges.method")?;
    let outcome = match charge.outcome.as_str() {
        INVALID_TOKEN => None,
        word => Some(enum_text::<SandboxOutcome>(word, "sandbox_charges.outcome")?),
    };
    let declined = |code: &str, message: &str| {
        ChargeOutcome::Declined(Declined {
            reference: Some(charge.reference.clone()),
            code: code.to_string(),
            message: message.to_string(),
            brand: charge.brand.clone(),
            last4: charge.last4.clone(),
        })
    };
    Ok(match (outcome, method) {
        (Some(SandboxOutcome::Approve), _) => ChargeOutcome::Approved(Approved {
            reference: charge.reference,
            brand: charge.brand,
            last4: charge.last4,
        }),
        (Some(SandboxOutcome::Decline), PaymentMethod::Ach) => {
            declined("account_closed", "The bank refused the debit: account closed. No money was taken.")
        }
        (Some(SandboxOutcome::Decline), PaymentMethod::Card) => {
            declined("card_declined", "Your card was declined. No money was taken.")
        }
        (Some(SandboxOutcome::InsufficientFunds), PaymentMethod::Ach) => declined(
            "insufficient_funds",
            "The bank refused the debit: insufficient funds. No money was taken.",
        ),
        (Some(SandboxOutcome::InsufficientFunds), PaymentMethod::Card) => {
            declined("insufficient_funds", "The card has insufficient funds. No money was taken.")
        }
        (None, _) => declined(
            INVALID_TOKEN,
            "The card or bank details could not be used. Check them and try again. No money was taken.",
        ),
    })
}

impl Gateway for SandboxGateway {
    async fn charge(&self, request: ChargeRequest) -> Result<ChargeOutcome, GatewayError> {
        let token = SandboxToken::parse(request.token.expose_secret());
        let first = first_charge(&request, token);
        let stored = crate::db::sandbox_charges::record_once(&self.db, &first)
            .await
            .map_err(|err| GatewayError::Unavailable(err.into()))?;
        // A key is one charge: a retry must ask for the same one.
        if stored.dealer_id != first.dealer_id
            || stored.method != first.method
            || stored.amount_minor != first.amount_minor
            || stored.currency != first.currency
        {
            return Err(GatewayError::Unavailable(anyhow::anyhow!(
                "sandbox: idempotency key {} reused for another charge",
                request.idempotency_key
            )));
        }
        answer(stored).map_err(|err| GatewayError::Unavailable(err.into()))
    }

    async fn lookup(&self, idempotency_key: &str) -> Result<Option<ChargeOutcome>, GatewayError> {
        let stored = crate::db::sandbox_charges::find(&self.db, idempotency_key)
            .await
            .map_err(|err| GatewayError::Unavailable(err.into()))?;
        stored.map(answer).transpose().map_err(|err| GatewayError::Unavailable(err.into()))
    }
}

#[cfg(test)]
mod tests {
    use secrecy::SecretString;
    use shared::money::Currency;

    use super::*;

    fn request(method: PaymentMethod, token: &str) -> ChargeRequest {
        ChargeRequest {
            idempotency_key: "k".into(),
            dealer_id: crate::ids::DealerId::new(Uuid::nil()),
            method,
            amount_minor: 1234,
            currency: Currency::Usd,
            token: SecretString::from(token.to_string()),
        }
    }

    fn outcome_of(method: PaymentMethod, token: &str) -> ChargeOutcome {
        let request = request(method, token);
        answer(first_charge(&request, SandboxToken::parse(token))).expect("a ledger row first_charge wrote")
    }

    fn card(number: &str) -> String {
        SandboxToken::for_card(number, (12, 2030), "123", (2026, 1), "abcdefgh").unwrap().encode()
    }

    #[test]
    fn test_cards_and_accounts_give_their_outcomes() {
        match outcome_of(PaymentMethod::Card, &card("4242424242424242")) {
            ChargeOutcome::Approved(a) => {
                assert!(a.reference.starts_with("sbx_ch_"), "{}", a.reference);
                assert_eq!((a.brand.as_deref(), a.last4.as_deref()), (Some("visa"), Some("4242")));
            }
            other => panic!("{other:?}"),
        }
        let declined = |method, token: &str| match outcome_of(method, token) {
            ChargeOutcome::Declined(d) => (d.code, d.message),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            declined(PaymentMethod::Card, &card(shared::payments::SANDBOX_DECLINED_CARD)),
            ("card_declined".into(), "Your card was declined. No money was taken.".into())
        );
        assert_eq!(
            declined(PaymentMethod::Card, &card(shared::payments::SANDBOX_INSUFFICIENT_FUNDS_CARD)),
            ("insufficient_funds".into(), "The card has insufficient funds. No money was taken.".into())
        );
        let closed = SandboxToken::for_bank_account("110000000", "000123450002", "abc").unwrap().encode();
        assert_eq!(declined(PaymentMethod::Ach, &closed).0, "account_closed");
        let open = SandboxToken::for_bank_account("110000000", "000123456789", "abc").unwrap().encode();
        assert!(matches!(outcome_of(PaymentMethod::Ach, &open), ChargeOutcome::Approved(_)));
    }

    #[test]
    fn a_token_of_another_method_or_shape_is_declined_as_invalid() {
        let bank = SandboxToken::for_bank_account("110000000", "000123456789", "abc").unwrap().encode();
        for (method, token) in [(PaymentMethod::Card, bank.as_str()), (PaymentMethod::Card, "tok_visa")] {
            match outcome_of(method, token) {
                ChargeOutcome::Declined(d) => {
                    assert_eq!(d.code, INVALID_TOKEN);
                    assert!(d.message.ends_with("No money was taken."));
                    assert_eq!(d.last4, None);
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn a_ledger_row_with_an_unknown_method_or_outcome_is_an_error_not_a_decline() {
        let token = card("4242424242424242");
        let row = first_charge(&request(PaymentMethod::Card, &token), SandboxToken::parse(&token));
        let unknown_method = SandboxCharge { method: "cheque".into(), ..row.clone() };
        assert!(matches!(answer(unknown_method), Err(sqlx::Error::Decode(_))));
        let unknown_outcome = SandboxCharge { outcome: "maybe".into(), ..row.clone() };
        assert!(matches!(answer(unknown_outcome), Err(sqlx::Error::Decode(_))));
        let invalid_token = SandboxCharge { outcome: INVALID_TOKEN.into(), ..row };
        assert!(matches!(answer(invalid_token), Ok(ChargeOutcome::Declined(d)) if d.code == INVALID_TOKEN));
    }

    #[test]
    fn the_ledger_row_keeps_no_more_than_brand_and_last4() {
        let token = card("4242424242424242");
        let row = first_charge(&request(PaymentMethod::Card, &token), SandboxToken::parse(&token));
        assert_eq!(row.last4.as_deref(), Some("4242"));
        assert!(!format!("{row:?}").contains("4242424242424242"));
        assert!(!format!("{row:?}").contains("abcdefgh"), "the nonce is not kept");
        assert!(!format!("{:?}", request(PaymentMethod::Card, &token)).contains(&token), "token redacted");
    }
}
