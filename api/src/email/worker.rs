//! The delivery worker: claims due outbox rows, hands them to the [`Mailer`], records each
//! attempt, and retries failures with exponential back-off. Nothing queued is lost: a row
//! stays until it is sent or has used up its attempts, across restarts.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use tokio::sync::Notify;

use super::Mailer;
use crate::config::EmailSettings;
use crate::db::Db;
use crate::db::outbox::{self, AttemptOutcome};

/// How long a claimed email stays reserved for one worker.
const CLAIM_SECS: i64 = 120;
const BATCH: i64 = 20;

/// Delay before attempt number `attempts + 1`: base × 2^attempts, capped.
pub fn backoff(settings: &EmailSettings, attempts: i32) -> Duration {
    let factor = 2_u64.saturating_pow(u32::try_from(attempts.max(0)).unwrap_or(0).min(30));
    let millis = settings.retry_base_ms.saturating_mul(factor);
    Duration::from_millis(millis).min(Duration::from_secs(settings.retry_max_secs))
}

/// Sends everything due now. Returns how many emails were attempted.
pub async fn drain_once(db: &Db, mailer: &Mailer, settings: &EmailSettings) -> anyhow::Result<usize> {
    let now = Utc::now();
    let ids = outbox::due(db, now, BATCH).await?;
    let mut attempted = 0;
    for id in ids {
        let now = Utc::now();
        let Some(email) = outbox::claim(db, id, now, now + chrono::Duration::seconds(CLAIM_SECS)).await?
        else {
            continue;
        };
        attempted += 1;
        let outcome = match mailer.deliver(&email).await {
            Ok(()) => {
                tracing::info!(email_id = %email.id, kind = %email.kind, "email sent");
                AttemptOutcome::Sent
            }
            Err(error) => {
                let attempts = email.attempts + 1;
                let retry_at = (attempts < settings.max_attempts).then(|| {
                    Utc::now()
                        + chrono::Duration::from_std(backoff(settings, email.attempts)).unwrap_or_default()
                });
                tracing::warn!(email_id = %email.id, attempts, %error, retrying = retry_at.is_some(), "email not sent");
                AttemptOutcome::Failed { error, retry_at }
            }
        };
        outbox::record_attempt(db, email.id, &outcome, Utc::now()).await?;
    }
    Ok(attempted)
}

/// Runs the worker until the process ends: drains on every wake-up and every poll interval.
pub fn spawn(
    db: Db,
    mailer: Mailer,
    settings: EmailSettings,
    wake: Arc<Notify>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let interval = Duration::from_millis(settings.poll_interval_ms.max(10));
        loop {
            match drain_once(&db, &mailer, &settings).await {
                // A full batch may mean more is due: go again at once.
                Ok(n) if n as i64 >= BATCH => continue,
                Ok(_) => {}
                Err(error) => tracing::error!(?error, "email worker pass failed"),
            }
            tokio::select! {
                () = wake.notified() => {}
                () = tokio::time::sleep(interval) => {}
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_caps() {
        let settings = EmailSettings {
            transport: Some(crate::config::EmailTransport::Smtp),
            from: String::new(),
            poll_interval_ms: 10,
            retry_base_ms: 1_000,
            retry_max_secs: 60,
            max_attempts: 5,
        };
        assert_eq!(backoff(&settings, 0), Duration::from_secs(1));
        assert_eq!(backoff(&settings, 3), Duration::from_secs(8));
        assert_eq!(backoff(&settings, 10), Duration::from_secs(60));
        assert_eq!(backoff(&settings, i32::MAX), Duration::from_secs(60));
    }
}
