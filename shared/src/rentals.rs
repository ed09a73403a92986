//! My Rentals / My Hires (D1): the rented items of an account, and the list's filters.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::contracts::{ContractStatus, LineStatus, LocationRef};
use crate::error::FieldError;
use crate::money::Money;
use crate::paging::{DEFAULT_PER_PAGE, MAX_PER_PAGE, SortDir};
use crate::requests::RequestRef;

/// Which items the list shows: the customer will have them, has them, or had them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RentalView {
    /// Reserved: not yet delivered.
    Upcoming,
    /// Out on site, including items with a call-off requested but not yet picked up.
    OnRent,
    /// Returned.
    Returned,
}

impl RentalView {
    pub const ALL: [RentalView; 3] = [RentalView::Upcoming, RentalView::OnRent, RentalView::Returned];

    pub fn as_str(self) -> &'static str {
        match self {
            RentalView::Upcoming => "upcoming",
            RentalView::OnRent => "on_rent",
            RentalView::Returned => "returned",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The line statuses this view covers.
    pub fn statuses(self) -> &'static [LineStatus] {
        match self {
            RentalView::Upcoming => &[LineStatus::Reserved],
            RentalView::OnRent => &[LineStatus::Out, LineStatus::CalledOff],
            RentalView::Returned => &[LineStatus::Returned],
        }
    }
}

/// The sortable columns of the rentals list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RentalSort {
    #[default]
    StartDate,
    ExpectedReturn,
    Contract,
    Description,
}

impl RentalSort {
    pub const ALL: [RentalSort; 4] =
        [RentalSort::StartDate, RentalSort::ExpectedReturn, RentalSort::Contract, RentalSort::Description];

    pub fn as_str(self) -> &'static str {
        match self {
            RentalSort::StartDate => "start_date",
            RentalSort::ExpectedReturn => "expected_return",
            RentalSort::Contract => "contract",
            RentalSort::Description => "description",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Filters, sort and page of the rentals list; the server parses the same query string
/// the web app writes (see [`RentalFilter::to_query_pairs`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RentalFilter {
    /// `None`: every rented item, whatever its status.
    pub view: Option<RentalView>,
    pub location_id: Option<Uuid>,
    /// Job number contains (case-insensitive).
    pub job: Option<String>,
    /// Contract number contains (case-insensitive).
    pub contract: Option<String>,
    /// Free text over description, item code, serial number, contract number and job site.
    pub q: Option<String>,
    pub sort: RentalSort,
    pub dir: SortDir,
    pub page: u32,
    pub per_page: u32,
}

impl RentalFilter {
    /// The query-string pairs for this filter; empty filters are left out.
    pub fn to_query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(view) = self.view {
            pairs.push(("view", view.as_str().to_string()));
        }
        if let Some(location) = self.location_id {
            pairs.push(("location_id", location.to_string()));
        }
        for (key, value) in [("job", &self.job), ("contract", &self.contract), ("q", &self.q)] {
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

    /// Reads a filter back from query values, the inverse of
    /// [`RentalFilter::to_query_pairs`]; each malformed value is left unset and reported.
    pub fn from_query<'a>(get: impl Fn(&str) -> Option<&'a str>) -> (Self, Vec<FieldError>) {
        let mut errors = Vec::new();
        let mut error = |field: &str, message: &str| {
            errors.push(FieldError { field: field.into(), message: message.into() });
        };
        let value = |key: &str| get(key).map(str::trim).filter(|v| !v.is_empty());
        let mut filter = RentalFilter { page: 1, per_page: DEFAULT_PER_PAGE, ..RentalFilter::default() };
        if let Some(v) = value("view") {
            filter.view = RentalView::parse(v);
            if filter.view.is_none() {
                error("view", "Use upcoming, on_rent or returned.");
            }
        }
        if let Some(v) = value("location_id") {
            filter.location_id = v.parse::<Uuid>().ok();
            if filter.location_id.is_none() {
                error("location_id", "Not a location id.");
            }
        }
        for (field, target) in
            [("job", &mut filter.job), ("contract", &mut filter.contract), ("q", &mut filter.q)]
        {
            if let Some(v) = value(field) {
                if v.chars().count() > 100 {
                    error(field, "Use at most 100 characters.");
                }
                *target = Some(v.to_string());
            }
        }
        if let Some(v) = value("sort") {
            match RentalSort::parse(v) {
                Some(sort) => filter.sort = sort,
                None => error("sort", "Sort by start_date, expected_return, contract or description."),
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

/// One rented item (a rental line of a contract) as the customer sees it (D1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RentalItem {
    /// The contract line; what call-off, service and extension requests name.
    pub line_id: Uuid,
    pub contract_id: Uuid,
    pub contract_number: String,
    pub contract_status: ContractStatus,
    pub description: String,
    pub item_code: Option<String>,
    /// Serial or asset number.
    pub serial_number: Option<String>,
    pub quantity: i32,
    pub status: LineStatus,
    /// On-rent date.
    pub start_date: Option<NaiveDate>,
    pub expected_return: Option<NaiveDate>,
    pub returned_on: Option<NaiveDate>,
    pub daily_rate: Option<Money>,
    pub weekly_rate: Option<Money>,
    pub monthly_rate: Option<Money>,
    /// The store the contract belongs to.
    pub location: LocationRef,
    pub job_number: Option<String>,
    pub po_number: Option<String>,
    /// Where the item is: the contract's job site.
    pub job_site: Option<String>,
    /// The newest request on this item that is still open (not completed or cancelled).
    pub open_request: Option<RequestRef>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> (RentalFilter, Vec<FieldError>) {
        RentalFilter::from_query(|key| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v))
    }

    #[test]
    fn from_query_inverts_to_query_pairs() {
        let filter = RentalFilter {
            view: Some(RentalView::OnRent),
            location_id: Some(Uuid::nil()),
            job: Some("J-1".into()),
            contract: Some("C-10".into()),
            q: Some("pump".into()),
            sort: RentalSort::ExpectedReturn,
            dir: SortDir::Asc,
            page: 2,
            per_page: 50,
        };
        let pairs = filter.to_query_pairs();
        let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(parse(&borrowed), (filter, vec![]));
    }

    #[test]
    fn from_query_reports_each_bad_value() {
        let (filter, errors) = parse(&[("view", "lost"), ("sort", "price"), ("page", "0")]);
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["view", "sort", "page"]);
        assert_eq!((filter.view, filter.page), (None, 1));
    }

    #[test]
    fn views_cover_every_status_once() {
        let mut all: Vec<_> = RentalView::ALL.iter().flat_map(|v| v.statuses().iter().copied()).collect();
        all.sort_by_key(|s| s.as_str());
        all.dedup();
        assert_eq!(all.len(), LineStatus::ALL.len());
    }
}
