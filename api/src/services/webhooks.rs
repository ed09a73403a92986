//! Webhooks (I5): a dealer admin registers endpoints (URL checked against SSRF, a `whsec_`
//! secret shown once and stored sealed), rotates secrets (the old one keeps signing for
//! 24 hours), enables and disables them, sends a test event, reads the delivery log and
//! replays a delivery. Every change is audited in its own transaction. The delivery worker
//! is [`crate::services::webhook_delivery`].

use chrono::{DateTime, Utc};
use secrecy::ExposeSecret;
use shared::error::FieldError;
use shared::webhooks::{
    DESCRIPTION_MAX, DeliveryStatus, EVENT_TYPES_MAX, NewWebhookEndpoint, TEST_EVENT_TYPE, URL_MAX,
    WebhookAttempt, WebhookDelivery, WebhookDeliveryDetail, WebhookEndpoint, WebhookEndpointSecret,
    WebhookEndpointUpdate, is_event_type,
};
use uuid::Uuid;

use crate::auth::{ClientInfo, DealerAdmin};
use crate::db::audit::AuditEvent;
use crate::db::webhooks::{self as db, AttemptRow, DeliveryRow, EndpointRow, MaybeAttempt, NewDelivery};
use crate::error::ApiError;
use crate::ids::{DealerId, WebhookEndpointId};
use crate::secret_box::SecretBox;
use crate::state::AppState;
use crate::webhooks::{guard, signing};

/// The most endpoints one dealer may register.
pub const MAX_ENDPOINTS_PER_DEALER: usize = 20;
/// How long a rotated-out secret keeps signing.
pub const ROTATION_OVERLAP_HOURS: i64 = 24;

/// The dealer an admin manages webhooks for: a platform admin has none (403).
fn dealer_of(admin: &DealerAdmin) -> Result<DealerId, ApiError> {
    admin.dealer_id().ok_or(ApiError::Forbidden)
}

/// What the sealed secret of an endpoint is bound to: a value copied onto another
/// endpoint's row does not open there.
pub fn secret_context(dealer_id: DealerId, endpoint: WebhookEndpointId) -> String {
    format!("{dealer_id}/webhook/{endpoint}")
}

fn event<'a>(
    admin: &DealerAdmin,
    client: &'a ClientInfo,
    action: &'a str,
    endpoint: WebhookEndpointId,
    extra: serde_json::Value,
) -> AuditEvent<'a> {
    let mut details = serde_json::json!({ "webhook_endpoint_id": endpoint });
    if let (Some(details), serde_json::Value::Object(extra)) = (details.as_object_mut(), extra) {
        details.extend(extra);
    }
    AuditEvent {
        dealer_id: admin.dealer_id(),
        details: Some(details),
        ..client.audit(action, Some(admin.id()))
    }
}

fn split_types(types: &str) -> Vec<String> {
    types.split_whitespace().map(str::to_string).collect()
}

fn to_dto(row: EndpointRow) -> WebhookEndpoint {
    WebhookEndpoint {
        id: row.id.get(),
        event_types: split_types(&row.event_types),
        url: row.url,
        description: row.description,
        enabled: row.enabled,
        disabled_reason: row.disabled_reason,
        disabled_at: row.disabled_at,
        previous_secret_expires_at: row
            .previous_secret_expires_at
            .filter(|_| row.previous_secret_sealed.is_some()),
        last_attempt_at: row.last_attempt_at,
        last_status_code: row.last_status_code.and_then(|s| u16::try_from(s).ok()),
        last_error: row.last_error,
        last_success_at: row.last_success_at,
        consecutive_failures: u32::try_from(row.consecutive_failures).unwrap_or(0),
        pending_deliveries: u64::try_from(row.pending_deliveries).unwrap_or(0),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn attempt_dto(a: AttemptRow) -> WebhookAttempt {
    WebhookAttempt {
        attempted_at: a.attempted_at,
        status_code: a.status_code.and_then(|s| u16::try_from(s).ok()),
        latency_ms: u64::try_from(a.latency_ms).unwrap_or(0),
        response_excerpt: a.response_excerpt,
        error: a.error,
        succeeded: a.succeeded,
    }
}

fn last_attempt(last: MaybeAttempt) -> Option<WebhookAttempt> {
    Some(attempt_dto(AttemptRow {
        attempted_at: last.attempted_at?,
        status_code: last.status_code,
        latency_ms: last.latency_ms.unwrap_or(0),
        response_excerpt: last.response_excerpt,
        error: last.error,
        succeeded: last.succeeded.unwrap_or(false),
    }))
}

fn delivery_dto(row: DeliveryRow) -> Result<WebhookDelivery, ApiError> {
    let status = DeliveryStatus::parse(&row.status).ok_or_else(|| {
        ApiError::from(sqlx::Error::Decode(format!("unknown delivery status {:?}", row.status).into()))
    })?;
    Ok(WebhookDelivery {
        id: row.id,
        endpoint_id: row.endpoint_id.get(),
        message_id: row.message_id,
        event_type: row.event_type,
        status,
        attempts: u32::try_from(row.attempts).unwrap_or(0),
        next_attempt_at: matches!(status, DeliveryStatus::Pending).then_some(row.next_attempt_at),
        created_at: row.created_at,
        delivered_at: row.delivered_at,
        failed_at: row.failed_at,
        replay_of: row.replay_of,
        last_attempt: last_attempt(row.last),
    })
}

fn field(field: &str, message: impl Into<String>) -> FieldError {
    FieldError { field: field.into(), message: message.into() }
}

/// The description and event types, trimmed, sorted and deduplicated; field errors added.
fn check_details(description: &str, types: &[String], errors: &mut Vec<FieldError>) -> (String, String) {
    let description = description.trim().to_string();
    if description.chars().count() > DESCRIPTION_MAX || description.chars().any(char::is_control) {
        errors.push(field(
            "description",
            format!("Use at most {DESCRIPTION_MAX} characters, without control characters."),
        ));
    }
    let mut types: Vec<String> = types.iter().map(|t| t.trim().to_string()).collect();
    types.sort();
    types.dedup();
    if types.len() > EVENT_TYPES_MAX {
        errors.push(field("event_types", format!("Choose at most {EVENT_TYPES_MAX} event types.")));
    }
    for (i, word) in types.iter().enumerate() {
        if !is_event_type(word)
            || (word != TEST_EVENT_TYPE && shared::events::EventType::parse(word).is_none())
        {
            let known: Vec<&str> = shared::events::EventType::ALL.iter().map(|t| t.as_str()).collect();
            errors.push(field(
                &format!("event_types[{i}]"),
                format!("Unknown event type: use one of {}, {TEST_EVENT_TYPE}.", known.join(", ")),
            ));
        }
    }
    (description, types.join(" "))
}

/// Checks `url` against the SSRF rules (resolving its host); a field error when refused.
async fn check_url(state: &AppState, url: &str, errors: &mut Vec<FieldError>) -> String {
    let url = url.trim();
    if url.chars().count() > URL_MAX {
        errors.push(field("url", format!("Use at most {URL_MAX} characters.")));
    } else if let Err(refused) = guard::check(url, &state.settings.webhooks).await {
        errors.push(field("url", refused.0));
    }
    url.to_string()
}

async fn reload(
    state: &AppState,
    dealer_id: DealerId,
    id: WebhookEndpointId,
) -> Result<EndpointRow, ApiError> {
    db::endpoint_of(&state.db, dealer_id, id).await?.ok_or(ApiError::NotFound)
}

/// The dealer's endpoints with their health, oldest first.
pub(crate) async fn list(state: &AppState, admin: &DealerAdmin) -> Result<Vec<WebhookEndpoint>, ApiError> {
    let dealer_id = dealer_of(admin)?;
    Ok(db::list_endpoints(&state.db, dealer_id).await?.into_iter().map(to_dto).collect())
}

/// One of the dealer's endpoints; 404 for another dealer's.
pub(crate) async fn get(
    state: &AppState,
    admin: &DealerAdmin,
    id: Uuid,
) -> Result<WebhookEndpoint, ApiError> {
    let dealer_id = dealer_of(admin)?;
    Ok(to_dto(reload(state, dealer_id, WebhookEndpointId::new(id)).await?))
}

/// Registers an endpoint; its secret is in the answer and nowhere else in the clear.
/// Audited as `webhook_endpoint.created`.
pub(crate) async fn create(
    state: &AppState,
    admin: &DealerAdmin,
    client: &ClientInfo,
    new: &NewWebhookEndpoint,
) -> Result<WebhookEndpointSecret, ApiError> {
    let dealer_id = dealer_of(admin)?;
    let mut errors = Vec::new();
    let url = check_url(state, &new.url, &mut errors).await;
    let (description, types) = check_details(&new.description, &new.event_types, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    if db::list_endpoints(&state.db, dealer_id).await?.len() >= MAX_ENDPOINTS_PER_DEALER {
        return Err(ApiError::Conflict(format!(
            "This dealer already has {MAX_ENDPOINTS_PER_DEALER} webhook endpoints: delete one first."
        )));
    }
    let id = WebhookEndpointId::new(Uuid::now_v7());
    let secret = signing::new_secret();
    let sealed = seal(&state.secrets, &secret, dealer_id, id)?;
    let cursor = crate::services::webhook_delivery::starting_cursor(&state.db, dealer_id).await?;
    let row = db::NewEndpoint {
        id,
        dealer_id,
        url: &url,
        description: &description,
        event_types: &types,
        secret_sealed: &sealed,
        event_cursor: Some(&cursor),
        created_by: Some(admin.id()),
    };
    let audit = event(admin, client, "webhook_endpoint.created", id, serde_json::json!({ "url": url }));
    db::insert_endpoint(&state.db, &row, &audit, Utc::now()).await?;
    Ok(WebhookEndpointSecret { endpoint: to_dto(reload(state, dealer_id, id).await?), secret })
}

fn seal(
    secrets: &SecretBox,
    secret: &str,
    dealer_id: DealerId,
    id: WebhookEndpointId,
) -> Result<String, ApiError> {
    secrets.seal(secret, &secret_context(dealer_id, id)).map_err(ApiError::Internal)
}

/// Changes what is sent; the URL is checked again. Audited as `webhook_endpoint.updated`.
pub(crate) async fn update(
    state: &AppState,
    admin: &DealerAdmin,
    client: &ClientInfo,
    id: Uuid,
    change: &WebhookEndpointUpdate,
) -> Result<WebhookEndpoint, ApiError> {
    let dealer_id = dealer_of(admin)?;
    let id = WebhookEndpointId::new(id);
    let current = reload(state, dealer_id, id).await?;
    let mut errors = Vec::new();
    let url = match &change.url {
        Some(url) => check_url(state, url, &mut errors).await,
        None => current.url.clone(),
    };
    let types = change.event_types.clone().unwrap_or_else(|| split_types(&current.event_types));
    let (description, types) =
        check_details(change.description.as_deref().unwrap_or(&current.description), &types, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let audit = event(admin, client, "webhook_endpoint.updated", id, serde_json::json!({ "url": url }));
    let change = db::EndpointChange { url: &url, description: &description, event_types: &types };
    if !db::update_endpoint(&state.db, dealer_id, id, &change, &audit, Utc::now()).await? {
        return Err(ApiError::NotFound);
    }
    Ok(to_dto(reload(state, dealer_id, id).await?))
}

/// Deletes an endpoint, its queue and its log. Audited as `webhook_endpoint.deleted`.
pub(crate) async fn delete(
    state: &AppState,
    admin: &DealerAdmin,
    client: &ClientInfo,
    id: Uuid,
) -> Result<(), ApiError> {
    let dealer_id = dealer_of(admin)?;
    let id = WebhookEndpointId::new(id);
    let current = reload(state, dealer_id, id).await?;
    let audit =
        event(admin, client, "webhook_endpoint.deleted", id, serde_json::json!({ "url": current.url }));
    if db::delete_endpoint(&state.db, dealer_id, id, &audit, Utc::now()).await? {
        Ok(())
    } else {
        Err(ApiError::NotFound)
    }
}

/// A new secret, shown once; the current one keeps signing (a second signature) for
/// [`ROTATION_OVERLAP_HOURS`]. Audited as `webhook_endpoint.secret_rotated`.
pub(crate) async fn rotate(
    state: &AppState,
    admin: &DealerAdmin,
    client: &ClientInfo,
    id: Uuid,
) -> Result<WebhookEndpointSecret, ApiError> {
    let dealer_id = dealer_of(admin)?;
    let id = WebhookEndpointId::new(id);
    reload(state, dealer_id, id).await?;
    let secret = signing::new_secret();
    let sealed = seal(&state.secrets, &secret, dealer_id, id)?;
    let now = Utc::now();
    let until = now + chrono::Duration::hours(ROTATION_OVERLAP_HOURS);
    let audit = event(admin, client, "webhook_endpoint.secret_rotated", id, serde_json::json!({}));
    if !db::rotate_secret(&state.db, dealer_id, id, &sealed, until, &audit, now).await? {
        return Err(ApiError::NotFound);
    }
    Ok(WebhookEndpointSecret { endpoint: to_dto(reload(state, dealer_id, id).await?), secret })
}

/// Enables or disables an endpoint. Enabling resumes its queue where it stopped. Audited as
/// `webhook_endpoint.enabled` / `.disabled` when it changes.
pub(crate) async fn set_enabled(
    state: &AppState,
    admin: &DealerAdmin,
    client: &ClientInfo,
    id: Uuid,
    enabled: bool,
) -> Result<WebhookEndpoint, ApiError> {
    let dealer_id = dealer_of(admin)?;
    let id = WebhookEndpointId::new(id);
    let action = if enabled { "webhook_endpoint.enabled" } else { "webhook_endpoint.disabled" };
    let audit = event(admin, client, action, id, serde_json::json!({}));
    let reason = (!enabled).then_some("Disabled by an administrator.");
    if !db::set_enabled(&state.db, dealer_id, id, enabled, reason, &audit, Utc::now()).await? {
        return Err(ApiError::NotFound);
    }
    state.webhook_wake.notify_one();
    Ok(to_dto(reload(state, dealer_id, id).await?))
}

/// The body of a test event, shaped as the feed's events (`id`, `type`, `version`,
/// `occurred_at`, `customer_id`, `data`).
pub fn test_payload(id: Uuid, endpoint: WebhookEndpointId, now: DateTime<Utc>) -> String {
    serde_json::json!({
        "id": id,
        "type": TEST_EVENT_TYPE,
        "version": 1,
        "occurred_at": now,
        "customer_id": null,
        "data": {
            "endpoint_id": endpoint,
            "message": "A test event from Rental Portal: your endpoint is reachable and verifies signatures.",
        },
    })
    .to_string()
}

async fn delivery(
    state: &AppState,
    dealer_id: DealerId,
    id: WebhookEndpointId,
    delivery: Uuid,
) -> Result<WebhookDelivery, ApiError> {
    delivery_dto(db::delivery_of(&state.db, dealer_id, id, delivery).await?.ok_or(ApiError::NotFound)?)
}

/// Queues a `webhook.test` event for the endpoint, behind what is already queued (whatever
/// its filter). Audited as `webhook_endpoint.test_sent`.
pub(crate) async fn send_test(
    state: &AppState,
    admin: &DealerAdmin,
    client: &ClientInfo,
    id: Uuid,
) -> Result<WebhookDelivery, ApiError> {
    let dealer_id = dealer_of(admin)?;
    let id = WebhookEndpointId::new(id);
    reload(state, dealer_id, id).await?;
    let now = Utc::now();
    let event_id = Uuid::now_v7();
    let message_id = crate::services::webhook_delivery::event_message_id(event_id);
    let payload = test_payload(event_id, id, now);
    let row = NewDelivery {
        id: Uuid::now_v7(),
        endpoint_id: id,
        dealer_id,
        message_id: &message_id,
        event_type: TEST_EVENT_TYPE,
        event_id: None,
        payload: &payload,
        replay_of: None,
    };
    let audit = event(
        admin,
        client,
        "webhook_endpoint.test_sent",
        id,
        serde_json::json!({ "message_id": message_id }),
    );
    db::enqueue(&state.db, &row, &audit, now).await?;
    state.webhook_wake.notify_one();
    delivery(state, dealer_id, id, row.id).await
}

/// A page of the endpoint's delivery log, newest first.
pub(crate) async fn deliveries(
    state: &AppState,
    admin: &DealerAdmin,
    id: Uuid,
    per_page: u32,
    offset: u64,
) -> Result<(Vec<WebhookDelivery>, u64), ApiError> {
    let dealer_id = dealer_of(admin)?;
    let id = WebhookEndpointId::new(id);
    reload(state, dealer_id, id).await?;
    let offset = i64::try_from(offset).map_err(|_| ApiError::BadRequest("page too far".into()))?;
    let (rows, total) = db::deliveries_page(&state.db, dealer_id, id, i64::from(per_page), offset).await?;
    let items = rows.into_iter().map(delivery_dto).collect::<Result<Vec<_>, _>>()?;
    Ok((items, u64::try_from(total).unwrap_or(0)))
}

/// One delivery with its body and every attempt.
pub(crate) async fn delivery_detail(
    state: &AppState,
    admin: &DealerAdmin,
    id: Uuid,
    delivery_id: Uuid,
) -> Result<WebhookDeliveryDetail, ApiError> {
    let dealer_id = dealer_of(admin)?;
    let id = WebhookEndpointId::new(id);
    let row = db::delivery_of(&state.db, dealer_id, id, delivery_id).await?.ok_or(ApiError::NotFound)?;
    let attempts = db::attempts(&state.db, row.id).await?.into_iter().map(attempt_dto).collect();
    let payload = row.payload.clone();
    Ok(WebhookDeliveryDetail { delivery: delivery_dto(row)?, payload, attempts })
}

/// Sends a delivery again: the same message (same `webhook-id` and body, signed afresh)
/// queued at the end of the endpoint's queue. Audited as `webhook_delivery.replayed`.
pub(crate) async fn replay(
    state: &AppState,
    admin: &DealerAdmin,
    client: &ClientInfo,
    id: Uuid,
    delivery_id: Uuid,
) -> Result<WebhookDelivery, ApiError> {
    let dealer_id = dealer_of(admin)?;
    let id = WebhookEndpointId::new(id);
    let original = db::delivery_of(&state.db, dealer_id, id, delivery_id).await?.ok_or(ApiError::NotFound)?;
    let row = NewDelivery {
        id: Uuid::now_v7(),
        endpoint_id: id,
        dealer_id,
        message_id: &original.message_id,
        event_type: &original.event_type,
        event_id: original.event_id.as_deref(),
        payload: &original.payload,
        replay_of: Some(original.id),
    };
    let audit = event(
        admin,
        client,
        "webhook_delivery.replayed",
        id,
        serde_json::json!({ "delivery_id": original.id, "message_id": original.message_id }),
    );
    let now = Utc::now();
    db::enqueue(&state.db, &row, &audit, now).await?;
    state.webhook_wake.notify_one();
    delivery(state, dealer_id, id, row.id).await
}

/// The keys that sign a delivery now: the endpoint's secret, and the previous one while
/// its overlap lasts.
pub fn signing_keys(
    secrets: &SecretBox,
    dealer_id: DealerId,
    endpoint: WebhookEndpointId,
    current: &str,
    previous: Option<(&str, DateTime<Utc>)>,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<Vec<u8>>> {
    let context = secret_context(dealer_id, endpoint);
    let open = |sealed: &str| -> anyhow::Result<Vec<u8>> {
        let secret = secrets.open(sealed, &context)?;
        Ok(signing::secret_key(secret.expose_secret())?)
    };
    let mut keys = vec![open(current)?];
    if let Some((sealed, until)) = previous
        && until > now
    {
        keys.push(open(sealed)?);
    }
    Ok(keys)
}
