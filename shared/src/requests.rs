//! Requests a customer sends to the store (call-off D2/D3, service D4, extension and book
//! again C7), their status model, and the store's inbox (H7).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::contracts::LocationRef;

/// What the customer asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// Items are no longer needed: pick them up and stop billing (off-hire).
    CallOff,
    /// Breakdown, damage, maintenance or a general service call.
    Service,
    /// Keep items longer: a later expected return date.
    Extension,
    /// Reserve again what an earlier contract had.
    BookAgain,
}

impl RequestKind {
    pub const ALL: [RequestKind; 4] =
        [RequestKind::CallOff, RequestKind::Service, RequestKind::Extension, RequestKind::BookAgain];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestKind::CallOff => "call_off",
            RequestKind::Service => "service",
            RequestKind::Extension => "extension",
            RequestKind::BookAgain => "book_again",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Prefix of the confirmation number (`CO-7K3M-9QX2`).
    pub fn number_prefix(self) -> &'static str {
        match self {
            RequestKind::CallOff => "CO",
            RequestKind::Service => "SR",
            RequestKind::Extension => "EX",
            RequestKind::BookAgain => "BA",
        }
    }
}

/// Where a request stands. A call-off goes requested → acknowledged → scheduled →
/// completed ("picked up"), or is cancelled: by the customer before the store
/// acknowledged it, or by the store with a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Requested,
    Acknowledged,
    Scheduled,
    Completed,
    Cancelled,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 5] = [
        RequestStatus::Requested,
        RequestStatus::Acknowledged,
        RequestStatus::Scheduled,
        RequestStatus::Completed,
        RequestStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Requested => "requested",
            RequestStatus::Acknowledged => "acknowledged",
            RequestStatus::Scheduled => "scheduled",
            RequestStatus::Completed => "completed",
            RequestStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Still being worked: neither completed nor cancelled.
    pub fn is_open(self) -> bool {
        !matches!(self, RequestStatus::Completed | RequestStatus::Cancelled)
    }
}

/// What kind of service a service request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    Breakdown,
    Damage,
    Maintenance,
    Other,
}

impl ServiceKind {
    pub const ALL: [ServiceKind; 4] =
        [ServiceKind::Breakdown, ServiceKind::Damage, ServiceKind::Maintenance, ServiceKind::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            ServiceKind::Breakdown => "breakdown",
            ServiceKind::Damage => "damage",
            ServiceKind::Maintenance => "maintenance",
            ServiceKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            ServiceKind::Breakdown => "Breakdown",
            ServiceKind::Damage => "Report damage",
            ServiceKind::Maintenance => "Maintenance",
            ServiceKind::Other => "Other",
        }
    }
}

/// Who to call on site about a request; the customer's copy goes to `email`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestContact {
    pub name: String,
    pub phone: Option<String>,
    pub email: String,
}

/// `POST /accounts/{id}/call-offs`: one request for every selected item that is out.
/// Send an `Idempotency-Key` header so a retry cannot file it twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CallOffInput {
    /// Rental lines (`RentalItem.line_id`), all out and of this account.
    pub line_ids: Vec<Uuid>,
    /// Pickup date: today or later, and not before any item's start date.
    pub pickup_date: NaiveDate,
    /// Optional time window, e.g. "7-9am".
    pub pickup_window: Option<String>,
    /// Where the items stand; defaults on the form to the contract's job site.
    pub site_address: String,
    pub contact: RequestContact,
    /// For the driver: where on site the machine stands, gate codes...
    pub notes: Option<String>,
}

/// `POST /accounts/{id}/service-requests`: on some items, or a general service call when
/// `line_ids` is empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceRequestInput {
    #[serde(default)]
    pub line_ids: Vec<Uuid>,
    pub service_kind: ServiceKind,
    pub description: String,
    pub site_address: Option<String>,
    pub contact: RequestContact,
}

/// `POST /accounts/{id}/extensions`: keep items out until a later date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExtensionInput {
    /// Lines that are out or reserved.
    pub line_ids: Vec<Uuid>,
    /// The new expected return date: after today and after each item's current one.
    pub new_return_date: NaiveDate,
    pub contact: RequestContact,
    pub notes: Option<String>,
}

/// `POST /accounts/{id}/book-again`: ask to reserve an earlier contract's items again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookAgainInput {
    pub contract_id: Uuid,
    /// Rental lines of that contract to book again; empty means all of them.
    #[serde(default)]
    pub line_ids: Vec<Uuid>,
    /// Wished delivery date: today or later.
    pub start_date: NaiveDate,
    /// Wished end date, if known: on or after `start_date`.
    pub end_date: Option<NaiveDate>,
    pub site_address: String,
    pub contact: RequestContact,
    pub notes: Option<String>,
}

/// A request named inside another record (a rented item's open request).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestRef {
    pub id: Uuid,
    pub number: String,
    pub kind: RequestKind,
    pub status: RequestStatus,
}

/// The customer account a request belongs to (shown in the store's inbox).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerRef {
    pub id: Uuid,
    pub account_number: String,
    pub name: String,
}

/// A row of a request list (the customer's requests, the store's inbox).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestSummary {
    pub id: Uuid,
    /// Confirmation number, e.g. `CO-7K3M-9QX2`.
    pub number: String,
    pub kind: RequestKind,
    pub status: RequestStatus,
    pub customer: CustomerRef,
    /// The store working it.
    pub location: Option<LocationRef>,
    pub service_kind: Option<ServiceKind>,
    /// Number of items it covers (0 for a general service call).
    pub line_count: u32,
    /// The first item's description, for a one-line summary.
    pub first_item: Option<String>,
    /// Call-off: the pickup date asked for.
    pub pickup_date: Option<NaiveDate>,
    /// Set when the store schedules it.
    pub scheduled_date: Option<NaiveDate>,
    /// Server time the request was received: the evidence of when it was made.
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An item a request covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestLine {
    pub line_id: Uuid,
    /// The line's id in the back office (unique within its contract).
    pub line_external_id: String,
    pub contract_id: Uuid,
    /// The contract's id in the back office.
    pub contract_external_id: String,
    pub contract_number: String,
    pub description: String,
    pub item_code: Option<String>,
    pub serial_number: Option<String>,
    pub quantity: i32,
    pub start_date: Option<NaiveDate>,
    pub expected_return: Option<NaiveDate>,
}

/// Who made a status change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    Customer,
    Store,
    /// The dealer's back office, through the integration API (e.g. items returned at the
    /// counter completed a call-off).
    BackOffice,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Customer => "customer",
            ActorKind::Store => "store",
            ActorKind::BackOffice => "back_office",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [ActorKind::Customer, ActorKind::Store, ActorKind::BackOffice].into_iter().find(|k| k.as_str() == s)
    }
}

/// One step in a request's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestEvent {
    pub status: RequestStatus,
    pub note: Option<String>,
    pub scheduled_date: Option<NaiveDate>,
    pub actor: ActorKind,
    /// The person's display name.
    pub actor_name: Option<String>,
    pub occurred_at: DateTime<Utc>,
}

/// A request with its items and history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestDetail {
    #[serde(flatten)]
    pub summary: RequestSummary,
    pub lines: Vec<RequestLine>,
    pub events: Vec<RequestEvent>,
    pub pickup_window: Option<String>,
    /// Call-off: the date from which billing should stop.
    pub billing_stop_date: Option<NaiveDate>,
    /// Extension: the new return date asked for. Book again: the wished start date.
    pub requested_date: Option<NaiveDate>,
    /// Book again: the wished end date.
    pub requested_end_date: Option<NaiveDate>,
    /// Book again: the contract copied.
    pub contract_id: Option<Uuid>,
    pub description: Option<String>,
    pub site_address: Option<String>,
    pub contact: RequestContact,
    pub notes: Option<String>,
    pub cancel_reason: Option<String>,
    /// Who filed it.
    pub created_by_name: String,
    /// The login that filed it (staff use it to view the portal as that person, A14).
    pub created_by: Uuid,
}

/// `POST /accounts/{id}/requests/{request_id}/cancel`: the customer withdraws a request
/// the store has not acknowledged yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CancelRequestInput {
    pub reason: Option<String>,
}

/// What the store does to a request in its inbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffAction {
    Acknowledge,
    /// Needs `scheduled_date`.
    Schedule,
    /// Picked up (call-off), done (service), granted (extension), booked (book again).
    Complete,
    /// Needs a `note` with the reason.
    Cancel,
}

/// `POST /admin/requests/{id}/actions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffActionInput {
    pub action: StaffAction,
    pub note: Option<String>,
    pub scheduled_date: Option<NaiveDate>,
}

/// An in-app notification for the dealer's staff (a new request, new feedback).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffNotification {
    pub id: Uuid,
    /// `call_off`, `service`, `extension`, `book_again`, `feedback`, `cancelled`.
    pub kind: String,
    pub title: String,
    pub request_id: Option<Uuid>,
    pub feedback_id: Option<Uuid>,
    pub location: Option<LocationRef>,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// The newest notifications and how many are unread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationList {
    pub items: Vec<StaffNotification>,
    pub unread: u64,
}

/// `POST /admin/notifications/read`: which notifications the staff member has seen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkNotificationsRead {
    /// Notifications to mark read; empty or missing marks all of them.
    #[serde(default)]
    pub ids: Vec<Uuid>,
}
