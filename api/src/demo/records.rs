//! The demo data set's records, as the seed writes them (one struct per table).

use chrono::{DateTime, NaiveDate, Utc};
use shared::accounts::{MembershipRole, Permissions};
use shared::auth::UserRole;
use uuid::Uuid;

use super::{InvoiceLineSeed, InvoiceSeed, PaymentMethodSeed};

pub struct DealerSeed {
    pub id: Uuid,
    pub slug: &'static str,
    pub name: &'static str,
    pub country: &'static str,
    pub currency: &'static str,
    pub locale: &'static str,
    pub terminology: &'static str,
    /// IANA zone: the dealer's "today".
    pub time_zone: &'static str,
    pub primary_color: &'static str,
    pub accent_color: &'static str,
    pub logo_url: &'static str,
    pub support_phone: &'static str,
    pub support_email: &'static str,
    pub welcome_message: &'static str,
    /// The languages offered to customers, `en,es`.
    pub languages: &'static str,
}

pub struct LocationSeed {
    pub id: Uuid,
    pub dealer_id: Uuid,
    pub external_id: String,
    pub code: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
}

pub struct CustomerSeed {
    pub id: Uuid,
    pub dealer_id: Uuid,
    pub external_id: String,
    pub account_number: String,
    pub name: String,
    pub kind: &'static str,
    pub phone: String,
    pub phone_normalized: Option<String>,
    pub email: String,
    pub postal_code: String,
    pub address: String,
    pub portal_enabled: bool,
    pub home_location_id: Uuid,
}

pub struct ContactSeed {
    pub id: Uuid,
    pub dealer_id: Uuid,
    pub customer_id: Uuid,
    pub external_id: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub is_primary: bool,
}

pub struct ContractSeed {
    pub id: Uuid,
    pub dealer_id: Uuid,
    pub customer_id: Uuid,
    pub location_id: Uuid,
    pub external_id: String,
    pub number: String,
    pub status: &'static str,
    pub job_number: Option<String>,
    pub po_number: Option<String>,
    pub job_site: Option<String>,
    pub ordered_by: Option<String>,
    pub notes: Option<String>,
    pub start_date: NaiveDate,
    pub close_date: Option<NaiveDate>,
    pub amount_minor: i64,
    pub amount_due_minor: i64,
}

pub struct LineSeed {
    pub id: Uuid,
    pub contract_id: Uuid,
    pub line_no: i32,
    pub kind: &'static str,
    pub item_code: Option<String>,
    pub description: String,
    pub serial_number: Option<String>,
    pub quantity: i32,
    pub status: Option<&'static str>,
    pub daily_rate_minor: Option<i64>,
    pub weekly_rate_minor: Option<i64>,
    pub monthly_rate_minor: Option<i64>,
    pub start_date: Option<NaiveDate>,
    pub expected_return: Option<NaiveDate>,
    pub returned_on: Option<NaiveDate>,
    pub amount_minor: i64,
}

impl LineSeed {
    /// A sale or fee line: no rental status, rates or return dates.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn charge(
        id: Uuid,
        contract_id: Uuid,
        line_no: i32,
        kind: &'static str,
        item_code: Option<&str>,
        description: &str,
        quantity: i32,
        date: NaiveDate,
        amount_minor: i64,
    ) -> Self {
        Self {
            id,
            contract_id,
            line_no,
            kind,
            item_code: item_code.map(str::to_string),
            description: description.to_string(),
            serial_number: None,
            quantity,
            status: None,
            daily_rate_minor: None,
            weekly_rate_minor: None,
            monthly_rate_minor: None,
            start_date: Some(date),
            expected_return: None,
            returned_on: None,
            amount_minor,
        }
    }
}

/// The last known position of an asset out on site (D5).
pub struct PositionSeed {
    pub dealer_id: Uuid,
    pub serial_number: String,
    pub latitude: f64,
    pub longitude: f64,
    pub recorded_at: DateTime<Utc>,
    pub source: &'static str,
}

pub struct UserSeed {
    pub id: Uuid,
    pub email: &'static str,
    pub phone: Option<&'static str>,
    pub display_name: &'static str,
    pub password: &'static str,
    pub role: UserRole,
    pub dealer_id: Option<Uuid>,
    /// (customer, role, permissions)
    pub memberships: Vec<(Uuid, MembershipRole, Permissions)>,
}

/// Everything the demo writes, in insertion order.
pub struct DemoData {
    pub created_at: DateTime<Utc>,
    pub dealers: Vec<DealerSeed>,
    pub locations: Vec<LocationSeed>,
    pub customers: Vec<CustomerSeed>,
    pub contacts: Vec<ContactSeed>,
    pub contracts: Vec<ContractSeed>,
    pub lines: Vec<LineSeed>,
    pub positions: Vec<PositionSeed>,
    pub invoices: Vec<InvoiceSeed>,
    pub invoice_lines: Vec<InvoiceLineSeed>,
    pub payment_methods: Vec<PaymentMethodSeed>,
    pub users: Vec<UserSeed>,
}
