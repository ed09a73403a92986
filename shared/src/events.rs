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

use crate::accounts::{MembershipRole, Permissions};
use crate::contracts::LocationRef;
use crate::feedback::FeedbackKind;
use crate::money::Currency;
use crate::payments::{PaymentMethod, PaymentStatus};
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
    /// A customer started a portal payment (`processing`, its amount held on the invoices).
    /// Data: `PaymentEventV1`.
    #[serde(rename = "payment.created")]
    PaymentCreated,
    /// The gateway took it: a card payment `succeeded`, or a bank debit submitted
    /// (`pending`, settles in a few working days). Post it. Data: `PaymentEventV1`.
    #[serde(rename = "payment.succeeded")]
    PaymentSucceeded,
    /// Declined or never completed: nothing was taken, the holds are released.
    /// Data: `PaymentEventV1`.
    #[serde(rename = "payment.failed")]
    PaymentFailed,
    /// The back office confirmed it posted (`POST /integrations/payments/{id}/posted`).
    /// Data: `PaymentEventV1`.
    #[serde(rename = "payment.settled")]
    PaymentSettled,
    /// A customer sent feedback to the store. Data: `FeedbackEventV1`.
    #[serde(rename = "feedback.created")]
    FeedbackCreated,
    /// Someone was invited to a customer's portal account. Data: `PortalUserEventV1`.
    #[serde(rename = "portal_user.invited")]
    PortalUserInvited,
    /// A login got access to a customer's account (invitation accepted, registered by
    /// phone, signed up) or had it given back by an admin. Data: `PortalUserEventV1`.
    #[serde(rename = "portal_user.activated")]
    PortalUserActivated,
    /// A login lost access to a customer's account: an admin closed it to the user or
    /// closed the whole customer, or the owner removed the user. Data: `PortalUserEventV1`.
    #[serde(rename = "portal_user.deactivated")]
    PortalUserDeactivated,
    /// A portal user of the customer changed their contact details (name, phone, email);
    /// one event per customer the login belongs to. Data: `PortalUserEventV1`, `changed`
    /// naming the fields.
    #[serde(rename = "customer.contact_changed")]
    CustomerContactChanged,
}

impl EventType {
    /// Every type, in the order they are documented.
    pub const ALL: [EventType; 11] = [
        EventType::RequestCreated,
        EventType::RequestStatusChanged,
        EventType::PaymentCreated,
        EventType::PaymentSucceeded,
        EventType::PaymentFailed,
        EventType::PaymentSettled,
        EventType::FeedbackCreated,
        EventType::PortalUserInvited,
        EventType::PortalUserActivated,
        EventType::PortalUserDeactivated,
        EventType::CustomerContactChanged,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::RequestCreated => "request.created",
            EventType::RequestStatusChanged => "request.status_changed",
            EventType::PaymentCreated => "payment.created",
            EventType::PaymentSucceeded => "payment.succeeded",
            EventType::PaymentFailed => "payment.failed",
            EventType::PaymentSettled => "payment.settled",
            EventType::FeedbackCreated => "feedback.created",
            EventType::PortalUserInvited => "portal_user.invited",
            EventType::PortalUserActivated => "portal_user.activated",
            EventType::PortalUserDeactivated => "portal_user.deactivated",
            EventType::CustomerContactChanged => "customer.contact_changed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// What the event tells, in a few words for an admin choosing what an endpoint gets.
    pub fn describe(self) -> &'static str {
        match self {
            EventType::RequestCreated => {
                "A customer filed a call-off, service, extension or book-again request"
            }
            EventType::RequestStatusChanged => {
                "A request was acknowledged, scheduled, completed or cancelled"
            }
            EventType::PaymentCreated => "A customer started a payment",
            EventType::PaymentSucceeded => "A payment went through: post it",
            EventType::PaymentFailed => "A payment was declined or abandoned",
            EventType::PaymentSettled => "The back office confirmed it posted a payment",
            EventType::FeedbackCreated => "A customer sent feedback",
            EventType::PortalUserInvited => "Someone was invited to a customer's portal",
            EventType::PortalUserActivated => "A login got access to a customer's portal",
            EventType::PortalUserDeactivated => "A login lost access to a customer's portal",
            EventType::CustomerContactChanged => "A portal user changed their name, phone or email",
        }
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
    /// Extension: the new return date asked for. Book again: the wished start date.
    pub requested_date: Option<NaiveDate>,
    /// Book again: the wished end date.
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

/// Where a portal payment's money goes: an invoice (with the back office's id), or on
/// account (no invoice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentEventAllocation {
    pub invoice_id: Option<Uuid>,
    /// The invoice's id in the back office; absent on account.
    pub invoice_external_id: Option<String>,
    pub invoice_number: Option<String>,
    pub amount_minor: i64,
}

/// `data` of the `payment.*` events, version 1: the payment as it stands after the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentEventV1 {
    pub payment_id: Uuid,
    /// Receipt number.
    pub number: String,
    pub status: PaymentStatus,
    pub method: PaymentMethod,
    pub amount_minor: i64,
    pub currency: Currency,
    pub gateway: String,
    pub gateway_reference: Option<String>,
    pub instrument_brand: Option<String>,
    pub instrument_last4: Option<String>,
    /// Why it failed (`payment.failed`).
    pub failure_code: Option<String>,
    pub failure_message: Option<String>,
    pub customer: EventCustomer,
    pub allocations: Vec<PaymentEventAllocation>,
    pub created_at: DateTime<Utc>,
    /// When the back office confirmed it posted (`payment.settled`).
    pub posted_at: Option<DateTime<Utc>>,
}

/// `data` of `feedback.created`, version 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackEventV1 {
    pub feedback_id: Uuid,
    pub kind: FeedbackKind,
    pub subject: String,
    pub message: String,
    pub customer: EventCustomer,
    /// The store it is for.
    pub location: Option<LocationRef>,
    /// Who to answer, as on the form.
    pub contact_email: String,
    pub contact_phone: Option<String>,
    /// The portal user who sent it.
    pub user_id: Uuid,
    pub created_at: DateTime<Utc>,
}

/// How a portal user's access or details changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PortalUserVia {
    /// Invited by a dealer admin.
    AdminInvitation,
    /// Invited by the account's owner.
    OwnerInvitation,
    /// Accepted an invitation.
    InvitationAccepted,
    /// Registered with the phone number the back office has for the customer.
    PhoneRegistration,
    /// Signed up with the customer's account number and confirmed by email.
    Signup,
    /// An admin closed or reopened the account to this user.
    Admin,
    /// An admin closed or reopened the whole customer to the portal.
    CustomerAccess,
    /// The account's owner removed the user.
    RemovedByOwner,
    /// The user edited their name or phone.
    ProfileUpdated,
    /// The user confirmed a new email address.
    EmailChanged,
}

/// `data` of the `portal_user.*` and `customer.contact_changed` events, version 1: a login
/// (or an invited address) at one customer, as it stands after the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortalUserEventV1 {
    pub customer: EventCustomer,
    /// The login; absent for an invitation to an address that has no login yet.
    pub user_id: Option<Uuid>,
    pub email: String,
    pub display_name: Option<String>,
    pub phone: Option<String>,
    /// The user's role at the customer; absent while only invited or once removed.
    pub role: Option<MembershipRole>,
    pub permissions: Option<Permissions>,
    /// Whether the user can open the account now.
    pub active: bool,
    /// The invitation, for `portal_user.invited` and an accepted one.
    pub invitation_id: Option<Uuid>,
    pub via: PortalUserVia,
    /// `customer.contact_changed`: the fields that changed (`display_name`, `phone`, `email`).
    pub changed: Vec<String>,
}

/// An event's `data`, one schema per type and version (see `type` and `version`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum EventData {
    Request(RequestEventV1),
    Payment(PaymentEventV1),
    Feedback(FeedbackEventV1),
    PortalUser(PortalUserEventV1),
}

/// A typed event, ready to be recorded: its type and its data belong together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    RequestCreated(RequestEventV1),
    RequestStatusChanged(RequestEventV1),
    PaymentCreated(PaymentEventV1),
    PaymentSucceeded(PaymentEventV1),
    PaymentFailed(PaymentEventV1),
    PaymentSettled(PaymentEventV1),
    FeedbackCreated(FeedbackEventV1),
    PortalUserInvited(PortalUserEventV1),
    PortalUserActivated(PortalUserEventV1),
    PortalUserDeactivated(PortalUserEventV1),
    CustomerContactChanged(PortalUserEventV1),
}

impl Event {
    pub fn event_type(&self) -> EventType {
        match self {
            Event::RequestCreated(_) => EventType::RequestCreated,
            Event::RequestStatusChanged(_) => EventType::RequestStatusChanged,
            Event::PaymentCreated(_) => EventType::PaymentCreated,
            Event::PaymentSucceeded(_) => EventType::PaymentSucceeded,
            Event::PaymentFailed(_) => EventType::PaymentFailed,
            Event::PaymentSettled(_) => EventType::PaymentSettled,
            Event::FeedbackCreated(_) => EventType::FeedbackCreated,
            Event::PortalUserInvited(_) => EventType::PortalUserInvited,
            Event::PortalUserActivated(_) => EventType::PortalUserActivated,
            Event::PortalUserDeactivated(_) => EventType::PortalUserDeactivated,
            Event::CustomerContactChanged(_) => EventType::CustomerContactChanged,
        }
    }

    /// The version of [`Event::data`].
    pub fn version(&self) -> i32 {
        self.event_type().current_version()
    }

    pub fn data(&self) -> EventData {
        match self {
            Event::RequestCreated(d) | Event::RequestStatusChanged(d) => EventData::Request(d.clone()),
            Event::PaymentCreated(d)
            | Event::PaymentSucceeded(d)
            | Event::PaymentFailed(d)
            | Event::PaymentSettled(d) => EventData::Payment(d.clone()),
            Event::FeedbackCreated(d) => EventData::Feedback(d.clone()),
            Event::PortalUserInvited(d)
            | Event::PortalUserActivated(d)
            | Event::PortalUserDeactivated(d)
            | Event::CustomerContactChanged(d) => EventData::PortalUser(d.clone()),
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
