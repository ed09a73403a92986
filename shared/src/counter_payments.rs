//! Payments received at the store's counter (I3): cash, checks, cards taken in the store,
//! bank transfers, which the dealer's back office records and loads through
//! `PUT /integrations/payments` so the customer's payment history shows them next to the
//! portal's own payments.
//!
//! A counter payment is the record of what was received; it does not change invoice
//! balances by itself. The back office sends the invoices' new balances in the same sync
//! (`PUT /integrations/invoices`), so nothing is counted twice.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::payments::Tender;

/// Most payments one `PUT /integrations/payments` may carry.
pub const MAX_COUNTER_PAYMENTS: usize = 500;
/// Most invoices one counter payment may be applied to.
pub const MAX_COUNTER_ALLOCATIONS: usize = 100;

/// One payment received at the counter, as the back office sends it. Upserted by
/// `external_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CounterPaymentUpsert {
    /// The payment's id in the back office (at most 100 characters); shown to the customer
    /// as the payment's number.
    pub external_id: String,
    /// The customer's `external_id` in the back office.
    pub customer_external_id: String,
    /// The day the store received it.
    pub received_on: NaiveDate,
    /// In the dealer's currency's minor units; more than 0.
    pub amount_minor: i64,
    /// `cash`, `check`, `card`, `ach` (bank transfer) or `other`.
    pub method: Tender,
    /// E.g. the check number (at most 100 characters).
    pub reference: Option<String>,
    /// The invoices it pays, each at most once; what the allocations leave of `amount_minor`
    /// is on account. Absent or empty: all on account.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 100))]
    pub allocations: Vec<CounterAllocationUpsert>,
}

/// Part of a counter payment towards one invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CounterAllocationUpsert {
    /// The invoice's `external_id`: an invoice (not a credit memo) of the same customer.
    pub invoice_external_id: String,
    /// More than 0; all allocations together at most the payment's `amount_minor`.
    pub amount_minor: i64,
}

/// Body of `PUT /integrations/payments`: all or nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CounterPaymentBatch {
    #[cfg_attr(feature = "openapi", schema(max_items = 500))]
    pub payments: Vec<CounterPaymentUpsert>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_and_allocations_may_be_left_out_and_unknown_fields_are_refused() {
        let payment: CounterPaymentUpsert = serde_json::from_str(
            r#"{"external_id":"R1","customer_external_id":"C1","received_on":"2026-05-01",
                "amount_minor":5000,"method":"check"}"#,
        )
        .unwrap();
        assert_eq!((payment.method, payment.reference, payment.allocations.len()), (Tender::Check, None, 0));
        let err = serde_json::from_str::<CounterAllocationUpsert>(
            r#"{"invoice_external_id":"I1","amount_minor":1,"amount":1}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("unknown field `amount`"), "{err}");
        for tender in Tender::ALL {
            assert_eq!(Tender::parse(tender.as_str()), Some(tender));
        }
    }
}
