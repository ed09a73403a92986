//! Contracts and their lines, and the filters of the contract list.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::FieldError;
use crate::money::Money;
use crate::paging::{DEFAULT_PER_PAGE, MAX_PER_PAGE, SortDir};

/// A contract's kind, which is also its status in the customer's eyes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContractStatus {
    Quote,
    Reservation,
    Open,
    Closed,
}

impl ContractStatus {
    pub const ALL: [ContractStatus; 4] =
        [ContractStatus::Quote, ContractStatus::Reservation, ContractStatus::Open, ContractStatus::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            ContractStatus::Quote => "quote",
            ContractStatus::Reservation => "reservation",
            ContractStatus::Open => "open",
            ContractStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            ContractStatus::Quote => "Quote",
            ContractStatus::Reservation => "Reservation",
            ContractStatus::Open => "Open",
            ContractStatus::Closed => "Closed",
        }
    }
}

/// Where a rented item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LineStatus {
    Reserved,
    Out,
    CalledOff,
    Returned,
}

impl LineStatus {
    pub const ALL: [LineStatus; 4] =
        [LineStatus::Reserved, LineStatus::Out, LineStatus::CalledOff, LineStatus::Returned];

    pub fn as_str(self) -> &'static str {
        match self {
            LineStatus::Reserved => "reserved",
            LineStatus::Out => "out",
            LineStatus::CalledOff => "called_off",
            LineStatus::Returned => "returned",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What a contract line is: a rented item, a sold item, or a fee (delivery, damage waiver).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Rental,
    Sale,
    Fee,
}

impl LineKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LineKind::Rental => "rental",
            LineKind::Sale => "sale",
            LineKind::Fee => "fee",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [LineKind::Rental, LineKind::Sale, LineKind::Fee].into_iter().find(|k| k.as_str() == s)
    }
}

/// The sortable columns of the contract list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContractSort {
    Number,
    #[default]
    StartDate,
    CloseDate,
    Amount,
    AmountDue,
    Status,
}

impl ContractSort {
    pub const ALL: [ContractSort; 6] = [
        ContractSort::Number,
        ContractSort::StartDate,
        ContractSort::CloseDate,
        ContractSort::Amount,
        ContractSort::AmountDue,
        ContractSort::Status,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ContractSort::Number => "number",
            ContractSort::StartDate => "start_date",
            ContractSort::CloseDate => "close_date",
            ContractSort::Amount => "amount",
            ContractSort::AmountDue => "amount_due",
            ContractSort::Status => "status",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Filters, sort and page of the contract list. The web app builds it; the server parses
/// the same query string back (see [`ContractFilter::to_query_pairs`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractFilter {
    pub status: Option<ContractStatus>,
    /// Start date on or after.
    pub from: Option<NaiveDate>,
    /// Start date on or before.
    pub to: Option<NaiveDate>,
    pub location_id: Option<Uuid>,
    /// Job number contains (case-insensitive).
    pub job: Option<String>,
    /// PO number contains (case-insensitive).
    pub po: Option<String>,
    /// Free text over contract number, job, PO, job site and line descriptions.
    pub q: Option<String>,
    pub sort: ContractSort,
    pub dir: SortDir,
    pub page: u32,
    pub per_page: u32,
}

impl ContractFilter {
    /// The query-string pairs for this filter; empty filters are left out.
    pub fn to_query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(status) = self.status {
            pairs.push(("status", status.as_str().to_string()));
        }
        if let Some(from) = self.from {
            pairs.push(("from", from.to_string()));
        }
        if let Some(to) = self.to {
            pairs.push(("to", to.to_string()));
        }
        if let Some(location) = self.location_id {
            pairs.push(("location_id", location.to_string()));
        }
        for (key, value) in [("job", &self.job), ("po", &self.po), ("q", &self.q)] {
            if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                pairs.push((key, v.to_string()));
            }
        }
        pairs.push(("sort", self.sort.as_str().to_string()));
        pairs.push(("dir", self.dir.as_str().to_string()));
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if self.per_page > 0 {
            pairs.push(("per_page", self.per_page.to_string()));
        }
        pairs
    }
}

impl ContractFilter {
    /// Reads a filter back from query values (`get("status")` ...), the inverse of
    /// [`ContractFilter::to_query_pairs`]. Each malformed value is left unset and reported
    /// as a field error: the server refuses such a request with 422, the web app simply
    /// ignores a hand-edited URL's bad values.
    pub fn from_query<'a>(get: impl Fn(&str) -> Option<&'a str>) -> (Self, Vec<FieldError>) {
        let mut errors = Vec::new();
        let mut error = |field: &str, message: &str| {
            errors.push(FieldError { field: field.into(), message: message.into() });
        };
        let value = |key: &str| get(key).map(str::trim).filter(|v| !v.is_empty());
        let mut filter = ContractFilter { page: 1, per_page: DEFAULT_PER_PAGE, ..ContractFilter::default() };

        for (field, target) in [("from", &mut filter.from), ("to", &mut filter.to)] {
            if let Some(v) = value(field) {
                *target = NaiveDate::parse_from_str(v, "%Y-%m-%d").ok();
                if target.is_none() {
                    error(field, "Use a date like 2026-03-01.");
                }
            }
        }
        if let (Some(from), Some(to)) = (filter.from, filter.to)
            && from > to
        {
            error("to", "The end date must not be before the start date.");
        }
        if let Some(v) = value("status") {
            filter.status = ContractStatus::parse(v);
            if filter.status.is_none() {
                error("status", "Use quote, reservation, open or closed.");
            }
        }
        if let Some(v) = value("location_id") {
            filter.location_id = v.parse::<Uuid>().ok();
            if filter.location_id.is_none() {
                error("location_id", "Not a location id.");
            }
        }
        for (field, target) in [("job", &mut filter.job), ("po", &mut filter.po), ("q", &mut filter.q)] {
            if let Some(v) = value(field) {
                if v.chars().count() > 100 {
                    error(field, "Use at most 100 characters.");
                }
                *target = Some(v.to_string());
            }
        }
        if let Some(v) = value("sort") {
            match ContractSort::parse(v) {
                Some(sort) => filter.sort = sort,
                None => {
                    error("sort", "Sort by number, start_date, close_date, amount, amount_due or status.")
                }
            }
        }
        match value("dir") {
            None => {}
            Some("asc") => filter.dir = SortDir::Asc,
            Some("desc") => filter.dir = SortDir::Desc,
            Some(_) => error("dir", "Use asc or desc."),
        }
        match value("page").map(str::parse::<u32>) {
            None => {}
            Some(Ok(page)) if page >= 1 => filter.page = page,
            Some(_) => error("page", "Use a page number from 1."),
        }
        match value("per_page").map(str::parse::<u32>) {
            None => {}
            Some(Ok(n)) if (1..=MAX_PER_PAGE).contains(&n) => filter.per_page = n,
            Some(_) => error("per_page", "Use a page size from 1 to 200."),
        }
        (filter, errors)
    }
}

/// A row of the contract list (C2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContractSummary {
    pub id: Uuid,
    pub number: String,
    pub status: ContractStatus,
    pub location: LocationRef,
    pub job_number: Option<String>,
    pub po_number: Option<String>,
    pub job_site: Option<String>,
    pub start_date: NaiveDate,
    pub close_date: Option<NaiveDate>,
    pub amount: Money,
    pub amount_due: Money,
}

/// A location named inside another record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocationRef {
    pub id: Uuid,
    pub name: String,
}

/// A contract with its lines (C4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContractDetail {
    #[serde(flatten)]
    pub summary: ContractSummary,
    pub ordered_by: Option<String>,
    pub notes: Option<String>,
    pub lines: Vec<ContractLine>,
    /// When the back office last sent this contract.
    pub updated_at: DateTime<Utc>,
}

/// One line of a contract: a rented item, a sale or a fee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContractLine {
    pub id: Uuid,
    pub line_no: i32,
    pub kind: LineKind,
    pub item_code: Option<String>,
    pub description: String,
    pub serial_number: Option<String>,
    pub quantity: i32,
    /// Rental status; `None` for sales and fees.
    pub status: Option<LineStatus>,
    pub daily_rate: Option<Money>,
    pub weekly_rate: Option<Money>,
    pub monthly_rate: Option<Money>,
    /// On-rent date for rentals, sale date otherwise.
    pub start_date: Option<NaiveDate>,
    pub expected_return: Option<NaiveDate>,
    pub returned_on: Option<NaiveDate>,
    /// Line total so far.
    pub amount: Money,
}

/// A contract PDF the back office uploaded (C5): what `PUT /integrations/contracts/{external_id}/pdf`
/// answers, so the sender can check what was stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContractDocument {
    pub id: Uuid,
    /// SHA-256 of the stored bytes, lower-case hex.
    pub sha256: String,
    pub size_bytes: i64,
    pub uploaded_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_pairs_skip_empty_filters() {
        let filter = ContractFilter {
            status: Some(ContractStatus::Open),
            job: Some("  ".into()),
            q: Some(" pump ".into()),
            page: 2,
            per_page: 25,
            ..Default::default()
        };
        assert_eq!(
            filter.to_query_pairs(),
            vec![
                ("status", "open".to_string()),
                ("q", "pump".to_string()),
                ("sort", "start_date".to_string()),
                ("dir", "desc".to_string()),
                ("page", "2".to_string()),
                ("per_page", "25".to_string()),
            ]
        );
    }

    fn parse(pairs: &[(&str, &str)]) -> (ContractFilter, Vec<FieldError>) {
        ContractFilter::from_query(|key| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v))
    }

    #[test]
    fn from_query_inverts_to_query_pairs() {
        let filter = ContractFilter {
            status: Some(ContractStatus::Closed),
            from: NaiveDate::from_ymd_opt(2026, 1, 2),
            to: NaiveDate::from_ymd_opt(2026, 3, 4),
            location_id: Some(Uuid::nil()),
            job: Some("J-1".into()),
            po: Some("PO 7".into()),
            q: Some("pump".into()),
            sort: ContractSort::AmountDue,
            dir: SortDir::Asc,
            page: 3,
            per_page: 50,
        };
        let pairs = filter.to_query_pairs();
        let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(parse(&borrowed), (filter, vec![]));
    }

    #[test]
    fn from_query_reports_each_bad_value_and_defaults_the_rest() {
        let (filter, errors) =
            parse(&[("status", "lost"), ("from", "yesterday"), ("per_page", "5000"), ("job", " ")]);
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["from", "status", "per_page"]);
        assert_eq!(
            (filter.status, filter.job, filter.page, filter.per_page),
            (None, None, 1, DEFAULT_PER_PAGE)
        );
    }

    #[test]
    fn enums_parse_their_own_names() {
        for s in ContractStatus::ALL {
            assert_eq!(ContractStatus::parse(s.as_str()), Some(s));
        }
        for s in LineStatus::ALL {
            assert_eq!(LineStatus::parse(s.as_str()), Some(s));
        }
        for s in ContractSort::ALL {
            assert_eq!(ContractSort::parse(s.as_str()), Some(s));
        }
    }
}
