//! The back office's change feed (I4): what happened in the portal that the dealer's back
//! office must act on, as versioned events with a stable `type`.
//!
//! An event is written in the same transaction as the change it reports, and read through
//! `GET /api/v1/integrations/events` (and, later, webhooks). Its `data` has the shape of the
//! type's schema at the event's `version`; a new field may be added to a version, a field is
//! never removed or changed in meaning without a new version.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::contracts::LocationRef;
use crate::requests::{ActorKind, RequestContact, RequestKind, RequestLine, RequestStatus, ServiceKind};

/// The kind of an event, as its stable `type` string (`request.created`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum EventType {
    /// A customer filed a request (call-off, service, extension, book again). Data: `RequestEventV1`.
    #[serde(rename = "request.created")]
    RequestCreated,
    /// A request moved on: acknowledged, scheduled, completed or cancelled, by the store, the
    /// customer (withdrawn) or the back office (items returned). Data: `RequestEventV1`.
    #[serde(rename = "request.status_changed")]
    RequestStatusChanged,
}

impl EventType {
    /// Every type, in the order they are documented.
    pub const ALL: [EventType; 2] = [EventType::RequestCreated, EventType::RequestStatusChanged];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::RequestCreated => "request.created",
            EventType::RequestStatusChanged => "request.status_changed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// The version of `data` written for this type now.
    pub fn current_version(self) -> i32 {
        1
    }
}

/// The customer an event is about, with the back office's id for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventCustomer {
    pub id: Uuid,
    /// The customer's id in the back office.
    pub external_id: String,
    pub account_number: String,
    pub name: String,
}

/// The contract a whole request is about (an extension or a book-again of one contract).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventContract {
    pub id: Uuid,
    /// The contract's id in the back office.
    pub external_id: String,
    pub number: String,
}

/// `data` of `request.created` and `request.status_changed`, version 1: the request as it
/// stands after the change, with the back office's ids of the customer, store, contract and
/// lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestEventV1 {
    pub request_id: Uuid,
    /// Confirmation number, e.g. `CO-7K3M-9QX2`.
    pub number: String,
    pub kind: RequestKind,
    /// The status after the change (`requested` for a new request).
    pub status: RequestStatus,
    /// The status before the change; absent on `request.created`.
    pub previous_status: Option<RequestStatus>,
    /// Who made the change.
    pub actor: ActorKind,
    /// The note given with the change (a cancellation reason, the store's note).
    pub note: Option<String>,
    pub customer: EventCustomer,
    /// The store working it.
    pub location: Option<LocationRef>,
    /// The contract of the whole request, when it names one.
    pub contract: Option<EventContract>,
    /// The items it covers (call-off, extension), with contract and line external ids.
    pub lines: Vec<RequestLine>,
    /// Call-off: the pickup date asked for.
    pub pickup_date: Option<NaiveDate>,
    pub pickup_window: Option<String>,
    /// Call-off: the day billing stops, as confirmed to the customer.
    pub billing_stop_date: Option<NaiveDate>,
    /// The store's scheduled date, once scheduled.
    pub scheduled_date: Option<NaiveDate>,
    /// Service: the day wanted; extension: the new end date is `requested_end_date`.
    pub requested_date: Option<NaiveDate>,
    pub requested_end_date: Option<NaiveDate>,
    pub service_kind: Option<ServiceKind>,
    pub description: Option<String>,
    pub site_address: Option<String>,
    /// Who to call about it, as on the form.
    pub contact: RequestContact,
    pub notes: Option<String>,
    pub cancel_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// An event's `data`, one schema per type and version (see `type` and `version`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum EventData {
    Request(RequestEventV1),
}

/// A typed event, ready to be recorded: its type and its data belong together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    RequestCreated(RequestEventV1),
    RequestStatusChanged(RequestEventV1),
}

impl Event {
    pub fn event_type(&self) -> EventType {
        match self {
            Event::RequestCreated(_) => EventType::RequestCreated,
            Event::RequestStatusChanged(_) => EventType::RequestStatusChanged,
        }
    }

    /// The version of [`Event::data`].
    pub fn version(&self) -> i32 {
        self.event_type().current_version()
    }

    pub fn data(&self) -> EventData {
        match self {
            Event::RequestCreated(d) | Event::RequestStatusChanged(d) => EventData::Request(d.clone()),
        }
    }
}

/// One event of the feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IntegrationEvent {
    /// Unique per event: a receiver that gets an event twice (at-least-once) drops the second.
    pub id: Uuid,
    #[serde(rename = "type")]
    pub kind: EventType,
    /// The version of `data`'s schema for this type.
    pub version: i32,
    pub occurred_at: DateTime<Utc>,
    /// The customer the event is about, if any.
    pub customer_id: Option<Uuid>,
    /// The event's facts: the schema named by `type` and `version`.
    #[cfg_attr(feature = "openapi", schema(value_type = EventData))]
    pub data: serde_json::Value,
}

/// `GET /integrations/events`: a page of the feed and where to go on from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventPage {
    /// In commit order.
    pub events: Vec<IntegrationEvent>,
    /// Save it once the page is processed and send it as `after` next time; present on
    /// every page, an empty one too.
    pub next_cursor: String,
    /// More events are there already: ask again at once.
    pub has_more: bool,
}

/// Most events a page may hold, and how many one holds unless `limit` says otherwise.
pub const MAX_EVENT_PAGE: u32 = 1000;
pub const DEFAULT_EVENT_PAGE: u32 = 100;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_round_trip_through_their_strings_and_serde() {
        for t in EventType::ALL {
            assert_eq!(EventType::parse(t.as_str()), Some(t));
            assert_eq!(serde_json::to_value(t).unwrap(), serde_json::json!(t.as_str()));
        }
        assert_eq!(EventType::parse("request.deleted"), None);
    }
}
