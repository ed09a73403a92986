//! Contracts and their lines, and the filters of the contract list.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::list::{ListQuery, QueryPairs, QueryReader, list_filter, query_choice, sort_and_page_fields};
use crate::money::Money;

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

list_filter! {
    /// Filters, sort and page of the contract list. The web app builds it; the server parses
    /// the same query string back (see [`ListQuery`]). Every value is documented as text: a
    /// malformed one gets a 422 naming the field, not a generic 400.
    pub struct ContractFilter {
        /// `quote`, `reservation`, `open` or `closed`.
        #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
        pub status: Option<ContractStatus>,
        /// Start date on or after (YYYY-MM-DD).
        #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
        pub from: Option<NaiveDate>,
        /// Start date on or before (YYYY-MM-DD).
        #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
        pub to: Option<NaiveDate>,
        /// Location id.
        #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
        pub location_id: Option<Uuid>,
        /// Job number contains.
        pub job: Option<String>,
        /// PO number contains.
        pub po: Option<String>,
        /// Free text: contract number, job, PO, job site, item description, serial, item code.
        pub q: Option<String>,
    }

    /// `number`, `start_date` (default), `close_date`, `amount`, `amount_due`, `status`.
    sort: ContractSort;
}

query_choice!(ContractStatus, ContractSort);

impl ListQuery for ContractFilter {
    const PATH: &'static str = "contracts";
    type Item = ContractSummary;
    type Sort = ContractSort;

    sort_and_page_fields!();

    fn read_filters(&mut self, query: &mut QueryReader<'_, '_>) {
        self.from = query.date("from");
        self.to = query.date("to");
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from > to
        {
            query.error("to", "The end date must not be before the start date.");
        }
        self.status = query.choice("status");
        self.location_id = query.location_id();
        self.job = query.text("job");
        self.po = query.text("po");
        self.q = query.text("q");
    }

    fn write_filters(&self, pairs: &mut QueryPairs) {
        pairs.choice("status", self.status);
        pairs.opt("from", self.from);
        pairs.opt("to", self.to);
        pairs.opt("location_id", self.location_id);
        pairs.text("job", self.job.as_deref());
        pairs.text("po", self.po.as_deref());
        pairs.text("q", self.q.as_deref());
    }
}

/// A row of the contract list (C2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContractSummary {
    pub id: Uuid,
    /// The contract's id in the back office.
    pub external_id: String,
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
    /// The location's id in the dealer's back office.
    pub external_id: String,
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
    /// The line's id in the back office (unique within the contract).
    pub external_id: String,
    pub line_no: i32,
    pub kind: LineKind,
    pub item_code: Option<String>,
    pub description: String,
    pub serial_number: Option<String>,
    /// The item's category in the back office.
    pub category: Option<String>,
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
    use crate::error::FieldError;
    use crate::paging::DEFAULT_PER_PAGE;
    use crate::paging::SortDir;

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
