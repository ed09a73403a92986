//! Invoices and credit memos (E1), the account's balance and ageing (B2), and the invoice
//! upserts the back office pushes (I3).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::contracts::LocationRef;
use crate::list::{ListQuery, QueryPairs, QueryReader, list_filter, query_choice, sort_and_page_fields};
use crate::money::Money;

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

list_filter! {
    /// Filters, sort and page of `GET /accounts/{id}/invoices` (and its `.csv`); the server
    /// parses the same query string the web app writes (see [`ListQuery`]).
    pub struct InvoiceFilter {
        /// `open` (default: open invoices and credit memos), `paid` or `all`.
        #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
        pub view: InvoiceView,
        /// Location id.
        #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
        pub location_id: Option<Uuid>,
        /// The invoices of one contract (its id).
        #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
        pub contract_id: Option<Uuid>,
        /// Free text: invoice number, PO, job number, contract number.
        pub q: Option<String>,
        /// `true`: only invoices past their due date with something still due.
        #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
        pub overdue: bool,
    }

    /// `number`, `invoice_date` (default), `due_date`, `total`, `amount_due`.
    sort: InvoiceSort;
}

query_choice!(InvoiceView, InvoiceSort);

impl ListQuery for InvoiceFilter {
    const PATH: &'static str = "invoices";
    type Item = InvoiceSummary;
    type Sort = InvoiceSort;

    sort_and_page_fields!();

    fn read_filters(&mut self, query: &mut QueryReader<'_, '_>) {
        if let Some(view) = query.choice("view") {
            self.view = view;
        }
        self.location_id = query.location_id();
        self.contract_id = query.id("contract_id", "contract");
        self.q = query.text("q");
        self.overdue = query.flag("overdue");
    }

    /// The view is left out when it is the default, `open`.
    fn write_filters(&self, pairs: &mut QueryPairs) {
        pairs.choice("view", Some(self.view).filter(|v| *v != InvoiceView::default()));
        pairs.opt("location_id", self.location_id);
        pairs.opt("contract_id", self.contract_id);
        pairs.text("q", self.q.as_deref());
        pairs.flag("overdue", self.overdue);
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
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
pub struct InvoiceBatch {
    /// At most 500 invoices (`api::domain::invoices::MAX_BATCH`; more is a 422 on `invoices`).
    #[cfg_attr(feature = "openapi", schema(max_items = 500))]
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
    use crate::paging::DEFAULT_PER_PAGE;
    use crate::paging::SortDir;

    #[test]
    fn filter_round_trips_through_the_query_string() {
        let filter = InvoiceFilter {
            view: InvoiceView::All,
            location_id: Some(Uuid::nil()),
            contract_id: Some(Uuid::from_u128(7)),
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
            "contract_id" => Some("R-1042"),
            "per_page" => Some("500"),
            _ => None,
        });
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["view", "contract_id", "overdue", "per_page"]);
        assert_eq!(filter.view, InvoiceView::Open);
        assert_eq!(filter.per_page, DEFAULT_PER_PAGE);
    }
}
