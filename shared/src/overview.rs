//! The account at a glance (B2, B3): `GET /accounts/{id}/overview`, what a customer lands on
//! — who the account is, its credit, what it owes, and the newest of its invoices, payments
//! and requests, each linking to its full list.

use serde::{Deserialize, Serialize};

use crate::invoices::{AccountBalance, InvoiceSummary};
use crate::money::Money;
use crate::payments::PaymentSummary;
use crate::requests::RequestSummary;

/// How many of each kind of document the overview shows.
pub const RECENT: u32 = 3;

/// `GET /accounts/{id}/overview`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountOverview {
    pub contact: AccountContact,
    /// The back office's credit limit; `null` when it sets none.
    pub credit_limit: Option<Money>,
    /// The credit limit less the balance (below zero when over the limit); `null` without a
    /// limit.
    pub available_credit: Option<Money>,
    pub balance: AccountBalance,
    /// The newest invoices and credit memos, any status (at most [`RECENT`]).
    pub recent_invoices: Vec<InvoiceSummary>,
    /// The newest payments, in the portal or at the counter; the first is the last payment.
    pub recent_payments: Vec<PaymentSummary>,
    /// The newest requests, any status.
    pub recent_requests: Vec<RequestSummary>,
}

/// The account's contact block, as the back office keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountContact {
    pub name: String,
    pub account_number: String,
    /// The billing address, one line per line.
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// What is left of `limit` once `balance` is owed (below zero when over it).
pub fn available_credit(limit: Money, balance: Money) -> Money {
    Money::new(limit.minor.saturating_sub(balance.minor), limit.currency)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    #[test]
    fn available_credit_is_the_limit_less_the_balance() {
        let usd = |minor| Money::new(minor, Currency::Usd);
        assert_eq!(available_credit(usd(500_000), usd(120_050)), usd(379_950));
        assert_eq!(available_credit(usd(100_000), usd(150_000)), usd(-50_000), "over the limit");
        assert_eq!(available_credit(usd(100_000), usd(-2_000)), usd(102_000), "a credit on the account");
    }
}
