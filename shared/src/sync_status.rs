//! Sync status (H11): for each kind of data the back office sends, when it last arrived, how
//! many records that call carried and the dealer now has, and the last call refused for
//! something it sent. What `GET /integrations/status` answers the back office's monitoring,
//! and `GET /admin/sync-status` the dealer admin's "Back-office sync" page.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// A kind of data the back office sends, one per integration write route family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SyncKind {
    /// `PUT`/`DELETE /integrations/locations`.
    Locations,
    /// `PUT`/`DELETE /integrations/customers` (with contacts and jobs).
    Customers,
    /// `PUT`/`DELETE /integrations/contracts` (with lines).
    Contracts,
    /// `PUT /integrations/invoices` (invoices and credit memos).
    Invoices,
    /// `PUT /integrations/contracts/{external_id}/pdf`.
    ContractDocuments,
    /// `PUT /integrations/invoices/{external_id}/pdf`.
    InvoiceDocuments,
    /// `POST /integrations/positions`.
    Positions,
    /// `PUT`/`DELETE /integrations/payments` (payments received at the counter).
    CounterPayments,
    /// `POST /integrations/payments/{id}/posted` (portal payments confirmed as posted).
    PostedPayments,
}

impl SyncKind {
    /// Every kind, in the order they are shown (the order a back office loads them).
    pub const ALL: [SyncKind; 9] = [
        SyncKind::Locations,
        SyncKind::Customers,
        SyncKind::Contracts,
        SyncKind::Invoices,
        SyncKind::ContractDocuments,
        SyncKind::InvoiceDocuments,
        SyncKind::Positions,
        SyncKind::CounterPayments,
        SyncKind::PostedPayments,
    ];

    /// The word stored and sent (`contract_documents`).
    pub fn as_str(self) -> &'static str {
        match self {
            SyncKind::Locations => "locations",
            SyncKind::Customers => "customers",
            SyncKind::Contracts => "contracts",
            SyncKind::Invoices => "invoices",
            SyncKind::ContractDocuments => "contract_documents",
            SyncKind::InvoiceDocuments => "invoice_documents",
            SyncKind::Positions => "positions",
            SyncKind::CounterPayments => "counter_payments",
            SyncKind::PostedPayments => "posted_payments",
        }
    }

    /// The kind stored as `word`; `None` for a word this build does not know.
    pub fn parse(word: &str) -> Option<SyncKind> {
        SyncKind::ALL.into_iter().find(|kind| kind.as_str() == word)
    }

    /// How people call it ("Contract PDFs").
    pub fn label(self) -> &'static str {
        match self {
            SyncKind::Locations => "Stores",
            SyncKind::Customers => "Customers",
            SyncKind::Contracts => "Contracts",
            SyncKind::Invoices => "Invoices",
            SyncKind::ContractDocuments => "Contract PDFs",
            SyncKind::InvoiceDocuments => "Invoice PDFs",
            SyncKind::Positions => "Item positions",
            SyncKind::CounterPayments => "Counter payments",
            SyncKind::PostedPayments => "Payments posted",
        }
    }
}

/// After this long without an arrival, a kind that arrived before is flagged `stale`.
pub const STALE_AFTER_HOURS: i64 = 24;

/// The last call of a kind refused for what the back office sent (a 4xx: 400, 404, 409,
/// 413, 422). Nothing of that call was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncError {
    pub at: DateTime<Utc>,
    /// The HTTP status answered.
    pub status: u16,
    /// The problem's stable `code` (`validation_failed`).
    pub code: String,
    /// The problem's `title`.
    pub title: String,
    /// The problem's `detail`, or its field errors in a line
    /// (`customers[3].email: Enter an email address…`; at most the first five).
    pub detail: Option<String>,
}

/// One kind of data: its last arrival and last refusal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncKindStatus {
    pub kind: SyncKind,
    /// When a call of this kind was last accepted (even one that changed nothing); `null`:
    /// never.
    pub last_arrived_at: Option<DateTime<Utc>>,
    /// How many records that call carried (a deletion or an upload: 1).
    pub last_records: Option<i64>,
    /// How many records of this kind the dealer has now (contracts, not their lines;
    /// stored PDF versions; posted portal payments).
    pub records_now: i64,
    /// True when it arrived before but not in the last 24 hours (`STALE_AFTER_HOURS`).
    pub stale: bool,
    pub last_error: Option<SyncError>,
}

/// How the last delivery attempt to a webhook endpoint went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryResult {
    Succeeded,
    Failed,
}

/// One of the dealer's webhook endpoints and its health.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookHealth {
    pub id: uuid::Uuid,
    /// Scheme, host and path of the endpoint's URL (a query or user info is left out: it may
    /// carry a credential).
    pub url: String,
    pub description: String,
    pub enabled: bool,
    /// Why it was disabled (by an admin, or after persistent failure).
    pub disabled_reason: Option<String>,
    pub disabled_at: Option<DateTime<Utc>>,
    /// The last delivery attempt: when, how it went, the status code answered (none when no
    /// answer came) and the error.
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub last_result: Option<DeliveryResult>,
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    pub last_success_at: Option<DateTime<Utc>>,
    /// Failed attempts in a row since the last success.
    pub consecutive_failures: i32,
    /// Deliveries queued and not yet delivered.
    pub pending_deliveries: i64,
}

/// The dealer's sync status, every kind in [`SyncKind::ALL`] order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncStatus {
    /// When this answer was made (the reference for `stale`).
    pub checked_at: DateTime<Utc>,
    /// The dealer's IANA time zone, for showing the times.
    pub time_zone: String,
    pub kinds: Vec<SyncKindStatus>,
    /// The dealer's webhook endpoints, oldest first.
    pub webhooks: Vec<WebhookHealth>,
}

/// `url` without its query, fragment and user info: what may be shown of an endpoint.
pub fn shown_url(url: &str) -> String {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    let url = &url[..end];
    match url.find("://") {
        Some(scheme_end) => {
            let rest = &url[scheme_end + 3..];
            let authority_end = rest.find('/').unwrap_or(rest.len());
            match rest[..authority_end].rfind('@') {
                Some(at) => format!("{}{}", &url[..scheme_end + 3], &rest[at + 1..]),
                None => url.to_string(),
            }
        }
        None => url.to_string(),
    }
}

/// Whether a kind last arrived at `last_arrived_at` is stale at `now`: it arrived before,
/// but not within [`STALE_AFTER_HOURS`]. A kind that never arrived is not stale: the dealer
/// may not send it at all.
pub fn is_stale(last_arrived_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    last_arrived_at.is_some_and(|at| now - at > Duration::hours(STALE_AFTER_HOURS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_word() {
        for kind in SyncKind::ALL {
            assert_eq!(SyncKind::parse(kind.as_str()), Some(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
        assert_eq!(SyncKind::parse("webhooks"), None);
    }

    #[test]
    fn a_shown_url_keeps_no_credential() {
        assert_eq!(shown_url("https://erp.example/hooks/rp"), "https://erp.example/hooks/rp");
        assert_eq!(shown_url("https://erp.example/hooks?token=s3cret#x"), "https://erp.example/hooks");
        assert_eq!(shown_url("https://user:pw@erp.example:8443/h"), "https://erp.example:8443/h");
        assert_eq!(shown_url("https://erp.example/a@b"), "https://erp.example/a@b");
    }

    #[test]
    fn stale_after_a_day_without_an_arrival_never_before_the_first() {
        let now = Utc::now();
        assert!(!is_stale(None, now));
        assert!(!is_stale(Some(now - Duration::hours(24)), now));
        assert!(is_stale(Some(now - Duration::hours(24) - Duration::seconds(1)), now));
        assert!(!is_stale(Some(now - Duration::minutes(3)), now));
    }
}
