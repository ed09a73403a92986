//! The dealer admin's customers (H2-H6): the list of every customer and location, its filters,
//! a customer's detail with contacts and portal users, and the portal access an admin
//! deactivates and reactivates.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::accounts::{MembershipRole, Permissions};
use crate::error::FieldError;
use crate::invitations::InvitationSummary;
use crate::list::{ListQuery, QueryPairs, QueryReader, SortAndPage, query_choice};
use crate::paging::SortDir;
use crate::registration::IneligibleReason;

/// Where a customer stands with the portal, as the customer list shows and filters it.
/// When several apply, the first in this order wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PortalStatus {
    /// An admin closed the portal to the customer, or to every one of its users.
    Deactivated,
    /// One of its users is locked out by failed logins (an admin may unlock them).
    Locked,
    /// At least one user has a login with the account.
    Active,
    /// Invited, and no invitation accepted yet.
    Invited,
    /// Nobody was ever invited and nobody has a login.
    NeverInvited,
}

impl PortalStatus {
    pub const ALL: [PortalStatus; 5] = [
        PortalStatus::NeverInvited,
        PortalStatus::Invited,
        PortalStatus::Active,
        PortalStatus::Deactivated,
        PortalStatus::Locked,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PortalStatus::Deactivated => "deactivated",
            PortalStatus::Locked => "locked",
            PortalStatus::Active => "active",
            PortalStatus::Invited => "invited",
            PortalStatus::NeverInvited => "never_invited",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The status in words, for a list cell or a CSV.
    pub fn label(self) -> &'static str {
        match self {
            PortalStatus::Deactivated => "Deactivated",
            PortalStatus::Locked => "Locked",
            PortalStatus::Active => "Active",
            PortalStatus::Invited => "Invited",
            PortalStatus::NeverInvited => "Never invited",
        }
    }
}

/// The eligibility filter of the customer list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EligibilityFilter {
    Eligible,
    NotEligible,
}

impl EligibilityFilter {
    pub const ALL: [EligibilityFilter; 2] = [EligibilityFilter::Eligible, EligibilityFilter::NotEligible];

    pub fn as_str(self) -> &'static str {
        match self {
            EligibilityFilter::Eligible => "eligible",
            EligibilityFilter::NotEligible => "not_eligible",
        }
    }
}

/// The sortable columns of the customer list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CustomerSort {
    #[default]
    Name,
    Number,
    LastLogin,
    Status,
}

impl CustomerSort {
    pub const ALL: [CustomerSort; 4] =
        [CustomerSort::Name, CustomerSort::Number, CustomerSort::LastLogin, CustomerSort::Status];

    pub fn as_str(self) -> &'static str {
        match self {
            CustomerSort::Name => "name",
            CustomerSort::Number => "number",
            CustomerSort::LastLogin => "last_login",
            CustomerSort::Status => "status",
        }
    }
}

query_choice!(PortalStatus, EligibilityFilter, CustomerSort);

/// A location filter as typed: a location's id, or its code (`DEN`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum LocationKey {
    Id(Uuid),
    Code(String),
}

impl LocationKey {
    /// An id when `value` is a UUID, otherwise a code.
    pub fn parse(value: &str) -> Self {
        match value.trim().parse::<Uuid>() {
            Ok(id) => LocationKey::Id(id),
            Err(_) => LocationKey::Code(value.trim().to_string()),
        }
    }
}

impl std::fmt::Display for LocationKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LocationKey::Id(id) => write!(f, "{id}"),
            LocationKey::Code(code) => f.write_str(code),
        }
    }
}

/// Filters, sort and page of the dealer's customer list (`GET /api/v1/admin/customers` and
/// `.csv`). The web app builds it; the server parses the same query string back (see
/// [`ListQuery`]). Unlike the account lists it sorts ascending unless told otherwise (names
/// A to Z). Every value is documented as text: a malformed one gets a 422 naming the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct CustomerFilter {
    /// Free text: part of the name, customer number, an email (the customer's or a
    /// contact's) or a contract number; a phone number in any format matches on its digits.
    pub q: Option<String>,
    /// A location's id or code: only the customer's row at that location.
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
    pub location: Option<LocationKey>,
    /// `eligible` or `not_eligible` for the portal (A5).
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
    pub eligibility: Option<EligibilityFilter>,
    /// `never_invited`, `invited`, `active`, `deactivated` or `locked`.
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
    pub portal_status: Option<PortalStatus>,
    /// `name` (default), `number`, `last_login` (never logged in last) or `status`.
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
    pub sort: CustomerSort,
    /// `asc` (default) or `desc`.
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
    pub dir: SortDir,
    /// 1-based page number (default 1).
    #[cfg_attr(feature = "openapi", param(value_type = Option<u32>, minimum = 1, default = 1))]
    pub page: u32,
    /// Page size, 1 to 200 (default 25).
    #[cfg_attr(feature = "openapi", param(value_type = Option<u32>, minimum = 1, maximum = 200, default = 25))]
    pub per_page: u32,
}

impl Default for CustomerFilter {
    fn default() -> Self {
        CustomerFilter {
            q: None,
            location: None,
            eligibility: None,
            portal_status: None,
            sort: CustomerSort::Name,
            dir: SortDir::Asc,
            page: 1,
            per_page: crate::paging::DEFAULT_PER_PAGE,
        }
    }
}

impl ListQuery for CustomerFilter {
    const PATH: &'static str = "admin/customers";
    type Item = CustomerListRow;
    type Sort = CustomerSort;

    fn sort_and_page(&self) -> SortAndPage<CustomerSort> {
        SortAndPage { sort: self.sort, dir: self.dir, page: self.page, per_page: self.per_page }
    }

    fn set_sort_and_page(&mut self, read: SortAndPage<CustomerSort>) {
        SortAndPage { sort: self.sort, dir: self.dir, page: self.page, per_page: self.per_page } = read;
    }

    fn read_filters(&mut self, query: &mut QueryReader<'_, '_>) {
        self.q = query.text("q");
        self.location = query.text("location").map(|v| LocationKey::parse(&v));
        self.eligibility = query.choice("eligibility");
        self.portal_status = query.choice("portal_status");
    }

    fn write_filters(&self, pairs: &mut QueryPairs) {
        pairs.text("q", self.q.as_deref());
        pairs.opt("location", self.location.as_ref());
        pairs.choice("eligibility", self.eligibility);
        pairs.choice("portal_status", self.portal_status);
    }

    /// As the provided method, but ascending when `dir` is absent.
    fn from_query<'a>(get: impl Fn(&str) -> Option<&'a str>) -> (Self, Vec<FieldError>) {
        let mut query = QueryReader::new(&get);
        let mut filter = Self::default();
        filter.read_filters(&mut query);
        let mut read = query.sort_and_page::<CustomerSort>();
        if query.value("dir").is_none() {
            read.dir = SortDir::Asc;
        }
        filter.set_sort_and_page(read);
        (filter, query.into_errors())
    }
}

/// A store a customer row is at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerLocation {
    pub id: Uuid,
    pub code: String,
    pub name: String,
}

/// Whether a customer may use the portal (A5), with the reasons in words when not (H3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Eligibility {
    pub eligible: bool,
    /// Every rule the customer fails; empty when eligible.
    pub reasons: Vec<IneligibleReason>,
    /// The reasons as an admin reads them, one sentence each; empty when eligible.
    pub explanations: Vec<String>,
}

impl Eligibility {
    pub fn from_reasons(reasons: Vec<IneligibleReason>) -> Self {
        Eligibility {
            eligible: reasons.is_empty(),
            explanations: reasons.iter().map(|r| r.explain().to_string()).collect(),
            reasons,
        }
    }
}

/// One row of the customer list: a customer at one of its locations (seed 002 lists a
/// customer once per location).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerListRow {
    pub customer_id: Uuid,
    /// The customer's id in the dealer's back office.
    pub external_id: String,
    pub account_number: String,
    pub name: String,
    /// The location of this row; none when the customer has no home store or contract yet.
    pub location: Option<CustomerLocation>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub eligibility: Eligibility,
    pub portal_status: PortalStatus,
    /// The latest login of any of the customer's users.
    pub last_login_at: Option<DateTime<Utc>>,
}

/// Where one portal user stands on one customer account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PortalUserStatus {
    /// Closed to this user (or to the whole customer) by an admin; back after reactivation.
    Deactivated,
    /// Locked out by failed logins; an admin may unlock.
    Locked,
    /// Has a login that works with this account.
    Active,
}

/// A contact on the customer record with an email: someone an admin may invite (H4), with
/// how far their invitation got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerContact {
    pub name: String,
    pub email: String,
    /// The newest invitation to this email for this customer was sent then.
    pub last_invited_at: Option<DateTime<Utc>>,
    /// An invitation to this email was accepted then.
    pub activated_at: Option<DateTime<Utc>>,
    /// The email already logs in to this customer account.
    pub is_user: bool,
}

/// A portal user of the customer (H4-H6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerPortalUser {
    pub user_id: Uuid,
    pub display_name: String,
    /// The login id: the email they sign in with.
    pub login: String,
    /// The phone that also signs them in, if any.
    pub phone: Option<String>,
    pub role: MembershipRole,
    pub permissions: Permissions,
    pub status: PortalUserStatus,
    pub last_login_at: Option<DateTime<Utc>>,
    /// The newest invitation to their email for this customer was sent then.
    pub last_invited_at: Option<DateTime<Utc>>,
    /// They joined this customer account (accepted an invitation, signed up or registered).
    pub activated_at: DateTime<Utc>,
    /// The latest proof that they read this email: an invitation or sign-up link used, or a
    /// confirmed change of email. None when they never proved it (registered by phone).
    pub email_confirmed_at: Option<DateTime<Utc>>,
    pub locked_at: Option<DateTime<Utc>>,
    /// When an admin closed this account to them; none while they have access.
    pub deactivated_at: Option<DateTime<Utc>>,
}

/// `GET /api/v1/admin/customers/{customer_id}`: everything an admin sees of a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerDetail {
    pub id: Uuid,
    pub external_id: String,
    pub account_number: String,
    pub name: String,
    /// `account` or `cash`.
    pub kind: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub mobile_phone: Option<String>,
    pub postal_code: Option<String>,
    pub address: Option<String>,
    /// The back office lets this customer use the portal (only the back office changes it).
    pub portal_enabled: bool,
    /// When an admin closed the portal to the whole customer; none while it is open.
    pub portal_deactivated_at: Option<DateTime<Utc>>,
    pub portal_status: PortalStatus,
    pub eligibility: Eligibility,
    /// Its home store and every store of its contracts.
    pub locations: Vec<CustomerLocation>,
    pub home_location_id: Option<Uuid>,
    pub contracts: i64,
    /// The people on the customer record with an email, primary contact first.
    pub contacts: Vec<CustomerContact>,
    pub users: Vec<CustomerPortalUser>,
    /// Every invitation for this customer, newest first.
    pub invitations: Vec<InvitationSummary>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> (CustomerFilter, Vec<FieldError>) {
        CustomerFilter::from_query(|key| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v))
    }

    #[test]
    fn names_sort_ascending_unless_told_otherwise() {
        let (filter, errors) = parse(&[]);
        assert!(errors.is_empty());
        assert_eq!((filter.sort, filter.dir, filter.page), (CustomerSort::Name, SortDir::Asc, 1));
        let (filter, _) = parse(&[("sort", "last_login"), ("dir", "desc")]);
        assert_eq!((filter.sort, filter.dir), (CustomerSort::LastLogin, SortDir::Desc));
    }

    #[test]
    fn the_query_string_round_trips() {
        let filter = CustomerFilter {
            q: Some("acme".into()),
            location: Some(LocationKey::Code("DEN".into())),
            eligibility: Some(EligibilityFilter::NotEligible),
            portal_status: Some(PortalStatus::NeverInvited),
            sort: CustomerSort::Number,
            dir: SortDir::Desc,
            page: 3,
            per_page: 50,
        };
        let pairs = filter.to_query_pairs();
        let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(parse(&borrowed), (filter, vec![]));
        let id = Uuid::nil();
        let (filter, _) = parse(&[("location", &id.to_string())]);
        assert_eq!(filter.location, Some(LocationKey::Id(id)));
    }

    #[test]
    fn bad_values_name_their_field() {
        let (_, errors) = parse(&[("portal_status", "gone"), ("eligibility", "maybe"), ("sort", "age")]);
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["eligibility", "portal_status", "sort"]);
    }
}
