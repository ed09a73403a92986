//! Invoices and credit memos (E1), the account's balance and ageing (B2), and the invoice
//! upserts the back office pushes (I3).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::contracts::LocationRef;
use crate::error::FieldError;
use crate::money::Money;
use crate::paging::{DEFAULT_PER_PAGE, MAX_PER_PAGE, SortDir};

/// An invoice, or a credit memo (which carries a negative total).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InvoiceKind {
    Invoice,
    CreditMemo,
}

impl InvoiceKind {
    pub const ALL: [InvoiceKind; 2] = [InvoiceKind::Invoice, InvoiceKind::CreditMemo];

    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceKind::Invoice => "invoice",
            InvoiceKind::CreditMemo => "credit_memo",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            InvoiceKind::Invoice => "Invoice",
            InvoiceKind::CreditMemo => "Credit memo",
        }
    }
}

/// Where an invoice stands in the back office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    Open,
    Paid,
    Void,
}

impl InvoiceStatus {
    pub const ALL: [InvoiceStatus; 3] = [InvoiceStatus::Open, InvoiceStatus::Paid, InvoiceStatus::Void];

    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceStatus::Open => "open",
            InvoiceStatus::Paid => "paid",
            InvoiceStatus::Void => "void",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Which invoices the list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InvoiceView {
    /// Open invoices and credit memos: what is still owed (the default).
    #[default]
    Open,
    /// Paid ones.
    Paid,
    /// Everything, void included.
    All,
}

impl InvoiceView {
    pub const ALL: [InvoiceView; 3] = [InvoiceView::Open, InvoiceView::Paid, InvoiceView::All];

    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceView::Open => "open",
            InvoiceView::Paid => "paid",
            InvoiceView::All => "all",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The sortable columns of the invoice list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InvoiceSort {
    Number,
    #[default]
    InvoiceDate,
    DueDate,
    Total,
    AmountDue,
}

impl InvoiceSort {
    pub const ALL: [InvoiceSort; 5] = [
        InvoiceSort::Number,
        InvoiceSort::InvoiceDate,
        InvoiceSort::DueDate,
        InvoiceSort::Total,
        InvoiceSort::AmountDue,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceSort::Number => "number",
            InvoiceSort::InvoiceDate => "invoice_date",
            InvoiceSort::DueDate => "due_date",
            InvoiceSort::Total => "total",
            InvoiceSort::AmountDue => "amount_due",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Filters, sort and page of `GET /accounts/{id}/invoices` (and its `.csv`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceFilter {
    pub view: InvoiceView,
    pub location_id: Option<Uuid>,
    /// Free text over invoice number, PO, job number and contract number.
    pub q: Option<String>,
    /// Only invoices past their due date with something still due.
    pub overdue: bool,
    pub sort: InvoiceSort,
    pub dir: SortDir,
    pub page: u32,
    pub per_page: u32,
}

impl InvoiceFilter {
    /// The query-string pairs for this filter; defaults and empty filters are left out.
    pub fn to_query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if self.view != InvoiceView::Open {
            pairs.push(("view", self.view.as_str().to_string()));
        }
        if let Some(location) = self.location_id {
            pairs.push(("location_id", location.to_string()));
        }
        if let Some(q) = self.q.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            pairs.push(("q", q.to_string()));
        }
        if self.overdue {
            pairs.push(("overdue", "true".to_string()));
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

    /// Reads a filter back from query values, the inverse of [`InvoiceFilter::to_query_pairs`];
    /// each malformed value is left at its default and reported as a field error.
    pub fn from_query<'a>(get: impl Fn(&str) -> Option<&'a str>) -> (Self, Vec<FieldError>) {
        let mut errors = Vec::new();
        let mut error = |field: &str, message: &str| {
            errors.push(FieldError { field: field.into(), message: message.into() });
        };
        let value = |key: &str| get(key).map(str::trim).filter(|v| !v.is_empty());
        let mut filter = InvoiceFilter { page: 1, per_page: DEFAULT_PER_PAGE, ..InvoiceFilter::default() };

        if let Some(v) = value("view") {
            match InvoiceView::parse(v) {
                Some(view) => filter.view = view,
                None => error("view", "Use open, paid or all."),
            }
        }
        if let Some(v) = value("location_id") {
            filter.location_id = v.parse::<Uuid>().ok();
            if filter.location_id.is_none() {
                error("location_id", "Not a location id.");
            }
        }
        if let Some(v) = value("q") {
            if v.chars().count() > 100 {
                error("q", "Use at most 100 characters.");
            }
            filter.q = Some(v.to_string());
        }
        match value("overdue") {
            None | Some("false") => {}
            Some("true") => filter.overdue = true,
            Some(_) => error("overdue", "Use true or false."),
        }
        if let Some(v) = value("sort") {
            match InvoiceSort::parse(v) {
                Some(sort) => filter.sort = sort,
                None => error("sort", "Sort by number, invoice_date, due_date, total or amount_due."),
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

/// A row of the invoice list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceSummary {
    pub id: Uuid,
    pub number: String,
    pub kind: InvoiceKind,
    pub status: InvoiceStatus,
    pub invoice_date: NaiveDate,
    pub due_date: Option<NaiveDate>,
    pub location: Option<LocationRef>,
    /// The contract it bills, if any.
    pub contract_id: Option<Uuid>,
    pub contract_number: Option<String>,
    pub po_number: Option<String>,
    pub job_number: Option<String>,
    pub total: Money,
    /// What the back office says is still owed.
    pub balance: Money,
    /// Portal payments made but not yet posted by the back office.
    pub pending: Money,
    /// What can still be paid here: `balance - pending`, never below zero.
    pub amount_due: Money,
    /// Past its due date with something still due (relative to today at the dealer).
    pub overdue: bool,
}

/// One line of an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceLine {
    pub line_no: i32,
    pub item_code: Option<String>,
    pub description: String,
    pub quantity: i32,
    pub unit_price: Money,
    pub amount: Money,
}

/// A payment made through the portal, named on the invoice it paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoicePaymentRef {
    pub payment_id: Uuid,
    pub number: String,
    pub amount: Money,
    pub status: crate::payments::PaymentStatus,
    pub created_at: DateTime<Utc>,
}

/// `GET /accounts/{id}/invoices/{invoice_id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceDetail {
    #[serde(flatten)]
    pub summary: InvoiceSummary,
    pub subtotal: Money,
    pub tax: Money,
    pub lines: Vec<InvoiceLine>,
    /// Portal payments towards this invoice, newest first (failed ones left out).
    pub payments: Vec<InvoicePaymentRef>,
    /// When the back office last sent it.
    pub updated_at: DateTime<Utc>,
}

/// The account's balance at a glance (B2): what is owed and how old it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountBalance {
    /// Sum of `amount_due` over open invoices less open credit memos.
    pub balance: Money,
    /// The part of `balance` past its due date.
    pub overdue: Money,
    /// Portal payments not yet posted by the back office.
    pub pending: Money,
    pub open_invoices: u32,
    pub overdue_invoices: u32,
    /// Ageing by days past due: current (not yet due), 1-30, 31-60, 61-90, over 90.
    pub ageing: Ageing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ageing {
    pub current: Money,
    pub days_1_30: Money,
    pub days_31_60: Money,
    pub days_61_90: Money,
    pub over_90: Money,
}

/// One invoice as the back office pushes it (`PUT /integrations/invoices`). Upserted by
/// `external_id`; lines are replaced as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceUpsert {
    pub external_id: String,
    /// The customer's `external_id` in the back office.
    pub customer_external_id: String,
    pub number: String,
    pub kind: InvoiceKind,
    pub status: InvoiceStatus,
    pub location_external_id: Option<String>,
    pub contract_external_id: Option<String>,
    pub invoice_date: NaiveDate,
    pub due_date: Option<NaiveDate>,
    pub po_number: Option<String>,
    pub job_number: Option<String>,
    pub subtotal_minor: i64,
    pub tax_minor: i64,
    pub total_minor: i64,
    /// Still owed after every payment the back office has posted.
    pub balance_minor: i64,
    #[serde(default)]
    pub lines: Vec<InvoiceLineUpsert>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceLineUpsert {
    pub item_code: Option<String>,
    pub description: String,
    pub quantity: i32,
    pub unit_price_minor: i64,
    pub amount_minor: i64,
}

/// Body of `PUT /integrations/invoices`: all or nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceBatch {
    pub invoices: Vec<InvoiceUpsert>,
}

/// What an upsert batch did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpsertResult {
    pub created: u32,
    pub updated: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_round_trips_through_the_query_string() {
        let filter = InvoiceFilter {
            view: InvoiceView::All,
            location_id: Some(Uuid::nil()),
            q: Some("PO-7".into()),
            overdue: true,
            sort: InvoiceSort::DueDate,
            dir: SortDir::Asc,
            page: 3,
            per_page: 50,
        };
        let pairs = filter.to_query_pairs();
        let (back, errors) =
            InvoiceFilter::from_query(|k| pairs.iter().find(|(key, _)| *key == k).map(|(_, v)| v.as_str()));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(back, filter);
    }

    #[test]
    fn bad_values_are_reported_per_field() {
        let (filter, errors) = InvoiceFilter::from_query(|k| match k {
            "view" => Some("unpaid"),
            "overdue" => Some("yes"),
            "per_page" => Some("500"),
            _ => None,
        });
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["view", "overdue", "per_page"]);
        assert_eq!(filter.view, InvoiceView::Open);
        assert_eq!(filter.per_page, DEFAULT_PER_PAGE);
    }
}
