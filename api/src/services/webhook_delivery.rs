//! The webhook delivery worker (I5): durable like the email outbox. Deliveries are rows;
//! a worker claims the oldest unfinished delivery of each enabled endpoint (so an endpoint
//! gets its messages in order) with a lease, signs it (Standard Webhooks), sends it, and
//! records the attempt. A failure is retried on the settings' schedule (Standard Webhooks'
//! own, stretched to about 3 days, each delay with jitter); after the last attempt the
//! delivery fails, the endpoint is disabled and its dealer's admins are emailed, in one
//! transaction. A worker that dies mid-delivery leaves its claim to lapse; the next worker
//! (this server after a restart, or another) sends it again: at least once.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};

use shared::events::EventType;
use uuid::Uuid;

use crate::config::WebhookSettings;
use crate::db::audit::AuditEvent;
use crate::db::events::{self, Cursor};
use crate::db::webhooks::{self as db, AttemptRecord, ClaimedDelivery, EndpointRow, NewDelivery, Next};
use crate::ids::DealerId;
use crate::state::AppState;
use crate::webhooks::{sender, signing};

const BATCH: i64 = 20;
/// Events read from the feed per page, and pages per endpoint per pass.
const FEED_PAGE: u32 = 200;
const FEED_PAGES_PER_PASS: usize = 5;

/// Where a new endpoint starts in its dealer's feed: after everything committed so far.
pub async fn starting_cursor(db: &crate::db::Db, _dealer_id: DealerId) -> Result<String, sqlx::Error> {
    Ok(events::head(db).await?.encode())
}

/// The `webhook-id` of an event's message: the event's own id, so a receiver that also reads
/// the feed can tell it already has it.
pub fn event_message_id(event: Uuid) -> String {
    format!("msg_{}", event.simple())
}

/// The feed types an endpoint's filter names; `None` when it names types but none of the
/// feed's (only `webhook.test`, say): then no feed event goes to it.
fn feed_types(endpoint: &EndpointRow) -> Option<Vec<EventType>> {
    let words: Vec<&str> = endpoint.event_types.split_whitespace().collect();
    if words.is_empty() {
        return Some(Vec::new());
    }
    let types: Vec<EventType> = words.iter().filter_map(|w| EventType::parse(w)).collect();
    (!types.is_empty()).then_some(types)
}

/// Turns the new events of every enabled endpoint's dealer (after its saved cursor, of its
/// types) into queued deliveries and moves its cursor, in one transaction per page. Answers
/// how many deliveries were queued.
pub async fn dispatch_once(state: &AppState, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let mut queued = 0;
    for endpoint in db::enabled_endpoints(&state.db).await? {
        let Some(types) = feed_types(&endpoint) else { continue };
        let mut saved = endpoint.event_cursor.clone();
        for _ in 0..FEED_PAGES_PER_PASS {
            let cursor = match saved.as_deref().and_then(Cursor::decode) {
                Some(cursor) => cursor,
                // An endpoint without a position (or with one this feed did not write) starts now.
                None => events::head(&state.db).await?,
            };
            let page = match events::after(&state.db, endpoint.dealer_id, Some(&cursor), FEED_PAGE, &types)
                .await?
            {
                Ok(page) => page,
                Err(expired) => {
                    // Disabled for longer than the feed keeps events: what was pruned is gone.
                    tracing::warn!(endpoint_id = %endpoint.id, "webhook endpoint's feed position expired;                         going on from the oldest event kept");
                    events::FeedPage { events: Vec::new(), next: expired.pruned_to, has_more: true }
                }
            };
            let next = page.next.encode();
            if page.events.is_empty() && saved.as_deref() == Some(next.as_str()) {
                break;
            }
            let mut bodies = Vec::with_capacity(page.events.len());
            for event in &page.events {
                let wire = event.to_wire()?;
                bodies.push((
                    event_message_id(event.id),
                    wire.kind.as_str(),
                    event.id.to_string(),
                    serde_json::to_string(&wire)?,
                ));
            }
            let deliveries: Vec<NewDelivery<'_>> = bodies
                .iter()
                .map(|(message_id, kind, event_id, payload)| NewDelivery {
                    id: Uuid::now_v7(),
                    endpoint_id: endpoint.id,
                    dealer_id: endpoint.dealer_id,
                    message_id,
                    event_type: kind,
                    event_id: Some(event_id),
                    payload,
                    replay_of: None,
                })
                .collect();
            if !db::dispatch(&state.db, endpoint.id, saved.as_deref(), &next, &deliveries, now).await? {
                // Another server moved this endpoint on first; it queued these.
                break;
            }
            queued += deliveries.len();
            saved = Some(next);
            if !page.has_more {
                break;
            }
        }
    }
    Ok(queued)
}

/// The delay before attempt number `attempts + 1` (after `attempts` failed ones), with up
/// to ±10 % jitter; `None` when the schedule is used up.
pub fn retry_delay(settings: &WebhookSettings, attempts: usize) -> Option<Duration> {
    let base = *settings.retry_delays_ms.get(attempts)?;
    let jitter = (base / 10).min(u64::MAX / 2);
    let millis = if jitter == 0 { base } else { base - jitter + rand::random::<u64>() % (2 * jitter + 1) };
    Some(Duration::from_millis(millis))
}

/// Attempts every delivery due at `now`; returns how many were attempted.
pub async fn drain_once(state: &AppState, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let settings = &state.settings.webhooks;
    if let Err(error) = dispatch_once(state, now).await {
        tracing::error!(?error, "webhook dispatch pass failed");
    }
    // `due` holds at most one delivery per endpoint (its oldest unfinished one), so the
    // claimed ones go out side by side: a slow or silent endpoint does not hold up the others.
    let ids = db::due(&state.db, now, BATCH).await?;
    let lease = chrono::Duration::milliseconds(i64::try_from(settings.lease_ms).unwrap_or(60_000));
    // Microseconds: what PostgreSQL stores, so the claim reads back equal.
    let lock_until = truncate_micros(now + lease);
    let mut claimed = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(delivery) = db::claim(&state.db, id, now, lock_until).await? {
            claimed.push(delivery);
        }
    }
    let attempts = claimed.iter().map(|delivery| async move {
        if let Err(error) = attempt(state, delivery, lock_until).await {
            tracing::error!(delivery_id = %delivery.id, ?error, "webhook attempt not recorded");
        }
    });
    futures_util::future::join_all(attempts).await;
    Ok(claimed.len())
}

fn truncate_micros(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(at.timestamp_micros()).unwrap_or(at)
}

async fn attempt(
    state: &AppState,
    delivery: &ClaimedDelivery,
    lock_until: DateTime<Utc>,
) -> anyhow::Result<()> {
    let settings = &state.settings.webhooks;
    // The timestamp is the attempt's own, so receivers' freshness checks pass on retries.
    let sent_at = Utc::now();
    let keys = crate::services::webhooks::signing_keys(
        &state.secrets,
        delivery.dealer_id,
        delivery.endpoint_id,
        &delivery.secret_sealed,
        delivery.previous_secret_sealed.as_deref().zip(delivery.previous_secret_expires_at),
        sent_at,
    )?;
    let timestamp = sent_at.timestamp();
    let signature =
        signing::signature_header(&keys, &delivery.message_id, timestamp, delivery.payload.as_bytes());
    let message = sender::Message {
        url: &delivery.url,
        msg_id: &delivery.message_id,
        timestamp,
        signature: &signature,
        body: &delivery.payload,
    };
    let outcome = state.webhook_sender.send(&message).await;
    let record = AttemptRecord {
        attempted_at: truncate_micros(sent_at),
        status_code: outcome.status_code.map(i32::from),
        latency_ms: i64::try_from(outcome.latency_ms).unwrap_or(i64::MAX),
        response_excerpt: outcome.response_excerpt.as_deref(),
        error: outcome.error.as_deref(),
    };
    let now = Utc::now();
    let done = usize::try_from(delivery.attempts).unwrap_or(0) + 1;
    if outcome.succeeded() {
        tracing::info!(delivery_id = %delivery.id, endpoint_id = %delivery.endpoint_id, "webhook delivered");
        db::record_attempt(&state.db, delivery, lock_until, &record, &Next::Delivered, now).await?;
        return Ok(());
    }
    tracing::warn!(
        delivery_id = %delivery.id, endpoint_id = %delivery.endpoint_id, attempts = done,
        status = ?outcome.status_code, error = ?outcome.error, "webhook not delivered"
    );
    match retry_delay(settings, done) {
        Some(delay) => {
            let at = truncate_micros(now + chrono::Duration::from_std(delay).unwrap_or_default());
            db::record_attempt(&state.db, delivery, lock_until, &record, &Next::Retry(at), now).await?;
        }
        None => give_up(state, delivery, lock_until, &record, done, now).await?,
    }
    Ok(())
}

/// The last attempt failed: fail the delivery, disable the endpoint, email the admins.
async fn give_up(
    state: &AppState,
    delivery: &ClaimedDelivery,
    lock_until: DateTime<Utc>,
    record: &AttemptRecord<'_>,
    attempts: usize,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let reason = format!(
        "{attempts} attempts over the retry schedule failed (last: {}).",
        record.error.unwrap_or("no answer")
    );
    let branding = crate::db::branding::by_id(&state.db, delivery.dealer_id).await?;
    // A letter of the dealer's own: in its default language.
    let language = crate::i18n::reader_language(branding.as_ref(), None, None);
    let link = format!("{}/admin/webhooks", state.settings.server.public_url.trim_end_matches('/'));
    let emails: Vec<_> = db::admins(&state.db, delivery.dealer_id)
        .await?
        .iter()
        .map(|(email, name)| {
            crate::email::templates::webhook_disabled(
                branding.as_ref(),
                language,
                email,
                name,
                &delivery.url,
                &reason,
                &link,
            )
        })
        .collect();
    let audit = AuditEvent {
        dealer_id: Some(delivery.dealer_id),
        action: "webhook_endpoint.disabled",
        details: Some(serde_json::json!({
            "webhook_endpoint_id": delivery.endpoint_id,
            "delivery_id": delivery.id,
            "reason": reason,
            "via": "webhook_worker",
        })),
        ..AuditEvent::default()
    };
    let next = Next::GiveUp { reason: &reason, emails: &emails, audit: &audit };
    db::record_attempt(&state.db, delivery, lock_until, record, &next, now).await?;
    state.outbox_wake.notify_one();
    Ok(())
}

/// Runs the worker until the process ends: a pass on every wake-up and poll interval.
pub fn spawn(state: Arc<AppState>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let interval = Duration::from_millis(state.settings.webhooks.poll_interval_ms.max(10));
        loop {
            match drain_once(&state, Utc::now()).await {
                // Something went out: an endpoint's next delivery may be due at once (each
                // waits for the one before it), so go on without waiting for the interval.
                // A failed attempt is retried later, so this does not spin on a dead endpoint.
                Ok(n) if n > 0 => continue,
                Ok(_) => {}
                Err(error) => tracing::error!(?error, "webhook worker pass failed"),
            }
            tokio::select! {
                () = state.webhook_wake.notified() => {}
                () = tokio::time::sleep(interval) => {}
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_schedule_spans_about_three_days_with_jitter() {
        let settings = WebhookSettings::default();
        assert_eq!(retry_delay(&settings, 0), Some(Duration::ZERO), "the first attempt at once");
        let total: u64 = settings.retry_delays_ms.iter().sum();
        assert!((60 * 3_600_000..=72 * 3_600_000).contains(&total), "{} h", total / 3_600_000);
        for _ in 0..100 {
            let five = retry_delay(&settings, 1).unwrap().as_millis();
            assert!((4_500..=5_500).contains(&five), "{five}");
        }
        assert_eq!(retry_delay(&settings, settings.retry_delays_ms.len()), None, "then it gives up");
    }
}
