//! The records the back office loads for customers to see (I3): its locations, and its
//! customers with their contacts and jobs, upserted by the back office's own ids through
//! `PUT /integrations/locations` and `PUT /integrations/customers`.

use serde::{Deserialize, Serialize};

/// Most locations one `PUT /integrations/locations` may carry.
pub const MAX_LOCATIONS: usize = 500;
/// Most customers one `PUT /integrations/customers` may carry.
pub const MAX_CUSTOMERS: usize = 500;
/// Most contacts one customer may carry in a batch.
pub const MAX_CONTACTS: usize = 50;
/// Most jobs one customer may carry in a batch.
pub const MAX_JOBS: usize = 200;

/// How a customer pays the dealer (`customers.kind`): only account customers, who are
/// invoiced, use the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CustomerKind {
    Account,
    Cash,
}

impl CustomerKind {
    pub const ALL: [CustomerKind; 2] = [CustomerKind::Account, CustomerKind::Cash];

    pub fn as_str(self) -> &'static str {
        match self {
            CustomerKind::Account => "account",
            CustomerKind::Cash => "cash",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// One location (branch, store) as the back office sends it. Upserted by `external_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LocationUpsert {
    /// The location's id in the back office (at most 100 characters).
    pub external_id: String,
    /// Short code, e.g. `DEN` (at most 20 characters).
    pub code: String,
    pub name: String,
    /// The store's phone, shown to customers.
    pub phone: Option<String>,
    /// The store's email: shown to customers, and where their requests and feedback for
    /// this store are sent (the dealer's support email when absent).
    pub email: Option<String>,
    /// Postal address, lines separated by `\n`.
    pub address: Option<String>,
}

/// Body of `PUT /integrations/locations`: all or nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LocationBatch {
    #[cfg_attr(feature = "openapi", schema(max_items = 500))]
    pub locations: Vec<LocationUpsert>,
}

/// One customer as the back office sends it. Upserted by `external_id`. The fields the
/// portal's eligibility rules read are `kind`, `portal_enabled`, `phone`, `email` and
/// `postal_code`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomerUpsert {
    /// The customer's id in the back office (at most 100 characters).
    pub external_id: String,
    /// The account number customers know, unique at the dealer (at most 50 characters).
    pub account_number: String,
    pub name: String,
    pub kind: CustomerKind,
    /// `false` closes the account to the portal (its users lose access; nothing is deleted).
    pub portal_enabled: bool,
    /// The main phone: registration by phone matches it.
    pub phone: Option<String>,
    pub mobile_phone: Option<String>,
    pub email: Option<String>,
    /// Lines separated by `\n`; printed on contracts and invoices.
    pub billing_address: Option<String>,
    /// Lines separated by `\n`.
    pub shipping_address: Option<String>,
    /// ZIP or postcode of the billing address.
    pub postal_code: Option<String>,
    /// In the dealer's currency's minor units; absent: no limit set.
    pub credit_limit_minor: Option<i64>,
    /// The store the customer deals with: its location's `external_id`.
    pub home_location_external_id: Option<String>,
    /// Absent: the customer's contacts stay as they are. Present: the complete list, so a
    /// contact the customer had that is not in it is deleted.
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub contacts: Option<Vec<ContactUpsert>>,
    /// Absent: the customer's jobs stay as they are. Present: the complete list, so a job
    /// the customer had that is not in it is deleted (send `active: false` to keep it).
    #[cfg_attr(feature = "openapi", schema(max_items = 200))]
    pub jobs: Option<Vec<JobUpsert>>,
}

/// A person at the customer. Keyed by `external_id`, unique at the dealer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ContactUpsert {
    pub external_id: String,
    pub name: String,
    /// May sign up for the portal with this email (A3).
    pub email: Option<String>,
    pub phone: Option<String>,
    /// At most one per customer.
    #[serde(default)]
    pub is_primary: bool,
}

/// A job (site) of the customer. Keyed by `external_id`, unique at the dealer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct JobUpsert {
    pub external_id: String,
    /// The customer's job number, as printed on contracts and invoices.
    pub number: Option<String>,
    pub name: String,
    /// The site's address, lines separated by `\n`.
    pub address: Option<String>,
    /// Default `true`; `false` keeps the job on record but out of the customer's pickers.
    #[serde(default = "active_by_default")]
    pub active: bool,
}

fn active_by_default() -> bool {
    true
}

/// Body of `PUT /integrations/customers`: all or nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomerBatch {
    #[cfg_attr(feature = "openapi", schema(max_items = 500))]
    pub customers: Vec<CustomerUpsert>,
}

/// What a batch did, per record it names at the top level: a customer counts as updated
/// when it or any of its contacts or jobs changed. Sending the same batch again answers
/// every record `unchanged` and writes nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpsertCounts {
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_are_refused_and_optional_ones_may_be_left_out() {
        let job: JobUpsert =
            serde_json::from_str(r#"{"external_id":"J1","number":null,"name":"Site"}"#).unwrap();
        assert!(job.active);
        let err = serde_json::from_str::<ContactUpsert>(r#"{"external_id":"C1","name":"A","emial":"x"}"#)
            .unwrap_err();
        assert!(err.to_string().contains("unknown field `emial`"), "{err}");
        for kind in CustomerKind::ALL {
            assert_eq!(CustomerKind::parse(kind.as_str()), Some(kind));
        }
    }
}
