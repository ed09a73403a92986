//! My Rentals / My Hires (D1): the rented items of an account, and the list's filters.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::contracts::{ContractStatus, LineStatus, LocationRef};
use crate::list::{ListQuery, QueryPairs, QueryReader, list_filter, query_choice, sort_and_page_fields};
use crate::money::Money;
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

list_filter! {
    /// Filters, sort and page of the rentals list; the server parses the same query string
    /// the web app writes (see [`ListQuery`]).
    pub struct RentalFilter {
        /// `upcoming` (reserved), `on_rent` (out or called off) or `returned`; none: all.
        #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
        pub view: Option<RentalView>,
        /// Location id.
        #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
        pub location_id: Option<Uuid>,
        /// Job number contains.
        pub job: Option<String>,
        /// Contract number contains.
        pub contract: Option<String>,
        /// Free text: description, item code, serial number, contract number, job site.
        pub q: Option<String>,
        /// Expected back on or before (YYYY-MM-DD), overdue items included: with
        /// `view=on_rent`, what is due back by then ("due back this week").
        #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
        pub due_by: Option<NaiveDate>,
    }

    /// `start_date` (default), `expected_return`, `contract` or `description`.
    sort: RentalSort;
}

query_choice!(RentalView, RentalSort);

impl ListQuery for RentalFilter {
    const PATH: &'static str = "rentals";
    type Item = RentalItem;
    type Sort = RentalSort;

    sort_and_page_fields!();

    fn read_filters(&mut self, query: &mut QueryReader<'_, '_>) {
        self.view = query.choice("view");
        self.location_id = query.location_id();
        self.job = query.text("job");
        self.contract = query.text("contract");
        self.q = query.text("q");
        self.due_by = query.date("due_by");
    }

    fn write_filters(&self, pairs: &mut QueryPairs) {
        pairs.choice("view", self.view);
        pairs.opt("location_id", self.location_id);
        pairs.text("job", self.job.as_deref());
        pairs.text("contract", self.contract.as_deref());
        pairs.text("q", self.q.as_deref());
        pairs.opt("due_by", self.due_by);
    }
}

/// One rented item (a rental line of a contract) as the customer sees it (D1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RentalItem {
    /// The contract line; what call-off, service and extension requests name.
    pub line_id: Uuid,
    /// The line's id in the back office (unique within its contract).
    pub line_external_id: String,
    pub contract_id: Uuid,
    /// The contract's id in the back office.
    pub contract_external_id: String,
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
    use crate::error::FieldError;
    use crate::paging::SortDir;

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
            due_by: NaiveDate::from_ymd_opt(2026, 3, 6),
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
        let (filter, errors) =
            parse(&[("view", "lost"), ("sort", "price"), ("page", "0"), ("due_by", "Friday")]);
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["view", "due_by", "sort", "page"]);
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
