//! The contracts the back office loads for customers to see (I3): quotes, reservations,
//! open and closed contracts with their lines, upserted by the back office's own ids
//! through `PUT /integrations/contracts`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::contracts::{ContractStatus, LineKind, LineStatus};

/// Most contracts one `PUT /integrations/contracts` may carry.
pub const MAX_CONTRACTS: usize = 1000;
/// Most lines one contract may carry.
pub const MAX_LINES: usize = 1000;

/// One contract as the back office sends it: a quote, a reservation, an open or a closed
/// contract. Upserted by `external_id`; `lines` is the contract's complete list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ContractUpsert {
    /// The contract's id in the back office (at most 100 characters).
    pub external_id: String,
    /// The customer's `external_id` (loaded through `PUT /integrations/customers`).
    pub customer_external_id: String,
    /// The store's `external_id` (loaded through `PUT /integrations/locations`).
    pub location_external_id: String,
    /// The contract number customers see (at most 50 characters, unique at the dealership).
    pub number: String,
    pub status: ContractStatus,
    pub job_number: Option<String>,
    pub po_number: Option<String>,
    /// Where the items are: the job site's address.
    pub job_site: Option<String>,
    pub ordered_by: Option<String>,
    pub notes: Option<String>,
    pub start_date: NaiveDate,
    /// Required once the contract is `closed`; not before `start_date`.
    pub close_date: Option<NaiveDate>,
    /// The contract's total so far, in minor units.
    pub amount_minor: i64,
    /// What is still owed on it, in minor units.
    pub amount_due_minor: i64,
    /// Every line of the contract (an empty list for none). A stored line that is not
    /// listed is removed, unless a customer request names it (422).
    #[cfg_attr(feature = "openapi", schema(max_items = 1000))]
    pub lines: Vec<ContractLineUpsert>,
}

/// One line of a contract: a rented item, a sale or a fee. Found again by `external_id`
/// within its contract, so its portal id (which requests name) never changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ContractLineUpsert {
    /// The line's id in the back office, unique within the contract (at most 100
    /// characters). Lines stored before contracts were loaded through the API are named by
    /// their line number (`"3"`).
    pub external_id: String,
    /// The line's number on the contract (1 or more, unique within the contract); lines
    /// are shown in this order.
    pub line_no: i32,
    pub kind: LineKind,
    pub item_code: Option<String>,
    pub description: String,
    /// Serial or asset number.
    pub serial_number: Option<String>,
    /// The item's category in the back office, e.g. `Aerial lifts`.
    pub category: Option<String>,
    pub quantity: i32,
    /// Required on rental lines, absent on sales and fees. A line an open call-off holds
    /// stays `called_off` until it is sent `returned` (see the integration guide).
    pub status: Option<LineStatus>,
    pub daily_rate_minor: Option<i64>,
    pub weekly_rate_minor: Option<i64>,
    pub monthly_rate_minor: Option<i64>,
    /// On-rent date for rentals, sale date otherwise.
    pub start_date: Option<NaiveDate>,
    pub expected_return: Option<NaiveDate>,
    /// Required when `status` is `returned`, absent otherwise.
    pub returned_on: Option<NaiveDate>,
    /// Line total so far, in minor units.
    pub amount_minor: i64,
}

/// Body of `PUT /integrations/contracts`: all or nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ContractBatch {
    #[cfg_attr(feature = "openapi", schema(max_items = 1000))]
    pub contracts: Vec<ContractUpsert>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_are_refused_and_optional_ones_may_be_left_out() {
        let line: ContractLineUpsert = serde_json::from_str(
            r#"{"external_id":"L1","line_no":1,"kind":"fee","description":"Delivery","quantity":1,"amount_minor":5000}"#,
        )
        .unwrap();
        assert_eq!((line.status, line.category), (None, None));
        let err = serde_json::from_str::<ContractLineUpsert>(
            r#"{"external_id":"L1","line_no":1,"kind":"fee","description":"D","quantity":1,"amount_minor":0,"colour":"red"}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("unknown field `colour`"), "{err}");
    }
}
