//! What every handler and service can reach: the database, token keys, the password
//! hasher, rate limits, settings, the outbox wake-up, the metrics and
//! the webhook sender.

use std::sync::Arc;

use tokio::sync::Notify;

use crate::auth::{PasswordHasher, RateLimits, TokenKeys};
use crate::config::Settings;
use crate::db::Db;
use crate::metrics::Metrics;
use crate::secret_box::SecretBox;
use crate::webhooks::sender::Sender;

/// What every handler can reach.
pub struct AppState {
    pub db: Db,
    pub tokens: TokenKeys,
    pub hasher: PasswordHasher,
    /// Request budgets: every caller of `/api/v1`, and the public auth endpoints.
    pub limits: RateLimits,
    pub settings: Settings,
    /// Wakes the email worker after a handler queued mail, so it goes out at once.
    pub outbox_wake: Arc<Notify>,
    /// What `GET /metrics` reports (this server's own registry).
    pub metrics: Metrics,
    /// Seals dealers' payment gateway secrets and webhook secrets at rest.
    pub secrets: SecretBox,
    /// Wakes the webhook delivery worker after a test event or a replay was queued.
    pub webhook_wake: Arc<Notify>,
    /// Sends webhook deliveries over one pooled HTTP client.
    pub webhook_sender: Sender,
}

impl AppState {
    /// The state of a server, or of an admin command that acts as one, over `db`.
    pub fn new(settings: Settings, db: Db, outbox_wake: Arc<Notify>) -> anyhow::Result<Self> {
        Ok(Self {
            db,
            tokens: TokenKeys::new(&settings.auth)?,
            secrets: SecretBox::new(settings.secrets.key.as_ref())?,
            hasher: PasswordHasher::bounded(settings.auth.max_concurrent_hashes, settings.auth.hash_queue)?,
            limits: RateLimits::new(&settings.rate_limit, &settings.server),
            webhook_sender: Sender::new(&settings.webhooks)?,
            settings,
            outbox_wake,
            metrics: Metrics::new()?,
            webhook_wake: Arc::new(Notify::new()),
        })
    }
}
