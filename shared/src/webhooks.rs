//! Webhooks (I5): a dealer's endpoints, what an admin sends to register or change one, and
//! the delivery log. Deliveries follow the Standard Webhooks specification
//! (<https://www.standardwebhooks.com/>): `webhook-id`, `webhook-timestamp` and
//! `webhook-signature: v1,<base64 HMAC-SHA256>` headers, `whsec_` secrets.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Longest endpoint URL accepted.
pub const URL_MAX: usize = 2000;
/// Longest description accepted.
pub const DESCRIPTION_MAX: usize = 200;
/// Most event types one endpoint may filter on.
pub const EVENT_TYPES_MAX: usize = 50;
/// Longest event type name.
pub const EVENT_TYPE_MAX: usize = 64;
/// The event type of the "send test event" button.
pub const TEST_EVENT_TYPE: &str = "webhook.test";

/// Whether `word` has the shape of an event type: lower-case words of letters, digits and
/// `_`, joined by dots (`request.created`, `webhook.test`).
pub fn is_event_type(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= EVENT_TYPE_MAX
        && word.split('.').all(|part| {
            part.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
}

/// One of the dealer's webhook endpoints, with its health. Never its secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookEndpoint {
    pub id: Uuid,
    pub url: String,
    pub description: String,
    /// The event types sent to it; empty: every type.
    pub event_types: Vec<String>,
    /// Disabled endpoints get nothing; their queue waits until they are enabled again.
    pub enabled: bool,
    /// Why it was disabled (e.g. every retry of a delivery failed).
    pub disabled_reason: Option<String>,
    pub disabled_at: Option<DateTime<Utc>>,
    /// Until when the secret before the last rotation still signs too.
    pub previous_secret_expires_at: Option<DateTime<Utc>>,
    /// Health: the last attempt, its HTTP status (none: no answer), its error.
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub last_status_code: Option<u16>,
    pub last_error: Option<String>,
    pub last_success_at: Option<DateTime<Utc>>,
    /// Attempts that failed in a row since the last success.
    pub consecutive_failures: u32,
    /// Deliveries waiting to be sent (or retried).
    pub pending_deliveries: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewWebhookEndpoint {
    /// Where deliveries are POSTed: https (http only where the server allows it), a host
    /// that resolves to public addresses only.
    pub url: String,
    #[serde(default)]
    pub description: String,
    /// The event types to send; empty or absent: every type.
    #[serde(default)]
    pub event_types: Vec<String>,
}

/// A change to an endpoint; what is absent stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookEndpointUpdate {
    pub url: Option<String>,
    pub description: Option<String>,
    pub event_types: Option<Vec<String>>,
}

/// An endpoint with its signing secret, answered once: at creation and at each rotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookEndpointSecret {
    pub endpoint: WebhookEndpoint,
    /// `whsec_` and the base64 of 32 random bytes: verify `webhook-signature` with it.
    /// Shown this once; it is stored sealed.
    pub secret: String,
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Waiting for its first attempt or its next retry.
    Pending,
    /// An attempt is under way.
    Sending,
    /// The endpoint answered 2xx.
    Delivered,
    /// Every retry failed; the endpoint was disabled. A replay sends it again.
    Failed,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Sending => "sending",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Pending, Self::Sending, Self::Delivered, Self::Failed].into_iter().find(|s| s.as_str() == text)
    }
}

/// One message to one endpoint, as the delivery log lists it, with its last attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookDelivery {
    pub id: Uuid,
    pub endpoint_id: Uuid,
    /// The `webhook-id` header: the same on every attempt and replay of this message.
    pub message_id: String,
    pub event_type: String,
    pub status: DeliveryStatus,
    pub attempts: u32,
    /// When the next attempt is due (pending deliveries).
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub failed_at: Option<DateTime<Utc>>,
    /// The delivery this one replays.
    pub replay_of: Option<Uuid>,
    pub last_attempt: Option<WebhookAttempt>,
}

/// One attempt of a delivery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookAttempt {
    pub attempted_at: DateTime<Utc>,
    /// The endpoint's HTTP status; none when no answer came.
    pub status_code: Option<u16>,
    /// From sending the request to the end of the answer (or the failure).
    pub latency_ms: u64,
    /// The start of the answer's body, at most 1 KB.
    pub response_excerpt: Option<String>,
    /// What went wrong: a refused address, a timeout, a connection error, a non-2xx status.
    pub error: Option<String>,
    pub succeeded: bool,
}

/// A delivery with every attempt, oldest first, and the body that was sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookDeliveryDetail {
    pub delivery: WebhookDelivery,
    /// The JSON body, exactly as signed and sent.
    pub payload: String,
    pub attempts: Vec<WebhookAttempt>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_types_are_dotted_lower_case_words() {
        for good in ["webhook.test", "request.created", "payment.succeeded", "a1_b.c"] {
            assert!(is_event_type(good), "{good}");
        }
        for bad in ["", "Request.created", "request..created", ".x", "x.", "1x", "a b", "x-y"] {
            assert!(!is_event_type(bad), "{bad}");
        }
        assert!(!is_event_type(&"a".repeat(EVENT_TYPE_MAX + 1)));
    }

    #[test]
    fn statuses_round_trip() {
        for s in [
            DeliveryStatus::Pending,
            DeliveryStatus::Sending,
            DeliveryStatus::Delivered,
            DeliveryStatus::Failed,
        ] {
            assert_eq!(DeliveryStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(DeliveryStatus::parse("x"), None);
    }
}
