//! Taking money: the [`Gateway`] trait every payment provider implements, and the gateways
//! we have. Only the sandbox exists yet ([`sandbox::SandboxGateway`]); a real provider
//! adapter (over reqwest) becomes one more [`AnyGateway`] variant and one more value in
//! `dealer_payment_methods.gateway`.
//!
//! Why an enum and not `dyn Gateway`: `async fn` in a trait is not object-safe, and the
//! set of gateways is closed and chosen per dealer method by name — the same trade the
//! database layer makes with `Db`. Enum dispatch needs no boxing and no `async-trait`, and
//! the compiler lists every place a new gateway must be handled.
//!
//! The card or bank number never reaches us: the browser gives it to the gateway, which
//! answers with a one-time token. That token is passed through here as a [`SecretString`]
//! (its `Debug` is redacted), sent to the gateway and dropped — it is never stored or logged.

pub mod sandbox;

use secrecy::SecretString;
use shared::money::Currency;
use shared::payments::PaymentMethod;

use crate::db::Db;
use crate::ids::DealerId;

/// One charge, as we ask a gateway to take it.
#[derive(Debug, Clone)]
pub struct ChargeRequest {
    /// The gateway's idempotency key: our payment id. Asking again with the same key
    /// answers the first charge's outcome and never charges twice.
    pub idempotency_key: String,
    pub dealer_id: DealerId,
    pub method: PaymentMethod,
    pub amount_minor: i64,
    pub currency: Currency,
    /// The browser's one-time token for the card or bank account.
    pub token: SecretString,
}

/// What the gateway made of a charge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChargeOutcome {
    /// Taken (card) or submitted (bank debit: it settles later).
    Approved(Approved),
    /// Refused: nothing was taken.
    Declined(Declined),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approved {
    /// The gateway's id of the charge.
    pub reference: String,
    /// `visa`, `mastercard`, ... or `bank`.
    pub brand: Option<String>,
    pub last4: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declined {
    pub reference: Option<String>,
    /// Stable machine code, e.g. `card_declined`.
    pub code: String,
    /// For the payer, ending in "No money was taken."
    pub message: String,
    pub brand: Option<String>,
    pub last4: Option<String>,
}

/// The gateway could not be asked or did not answer: whether it charged is unknown. The
/// payment stays `processing`; asking again with the same key finds out.
#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
    #[error("payment gateway unavailable")]
    Unavailable(#[source] anyhow::Error),
}

/// A payment provider, seen from our side.
pub trait Gateway {
    /// Charges once per `request.idempotency_key`: a retried key answers the first outcome.
    fn charge(
        &self,
        request: ChargeRequest,
    ) -> impl std::future::Future<Output = Result<ChargeOutcome, GatewayError>> + Send;

    /// What became of the charge under `idempotency_key`, without charging: its outcome, or
    /// `None` when the gateway never received it (nothing was taken). How the reconciler
    /// settles a payment whose request died between our reservation and its outcome.
    fn lookup(
        &self,
        idempotency_key: &str,
    ) -> impl std::future::Future<Output = Result<Option<ChargeOutcome>, GatewayError>> + Send;
}

/// The gateways a dealer's payment method can name.
#[derive(Debug, Clone)]
pub enum AnyGateway {
    Sandbox(sandbox::SandboxGateway),
}

impl AnyGateway {
    /// The gateway a `dealer_payment_methods.gateway` value names; `None` for one this
    /// build does not know.
    pub fn by_name(name: &str, db: &Db) -> Option<Self> {
        match name {
            sandbox::NAME => Some(AnyGateway::Sandbox(sandbox::SandboxGateway::new(db.clone()))),
            _ => None,
        }
    }

    /// Whether it moves test money only.
    pub fn is_sandbox_name(name: &str) -> bool {
        name == sandbox::NAME
    }
}

impl Gateway for AnyGateway {
    async fn charge(&self, request: ChargeRequest) -> Result<ChargeOutcome, GatewayError> {
        match self {
            AnyGateway::Sandbox(gateway) => gateway.charge(request).await,
        }
    }

    async fn lookup(&self, idempotency_key: &str) -> Result<Option<ChargeOutcome>, GatewayError> {
        match self {
            AnyGateway::Sandbox(gateway) => gateway.lookup(idempotency_key).await,
        }
    }
}
