//! The change feed's upkeep: events older than the retention are pruned in the background.

use chrono::{Duration, Utc};

use crate::config::EventSettings;
use crate::db::Db;

/// Prunes what is older than `settings.retention_days` once now and then every
/// `prune_interval_secs`; each dealer's watermark moves with it, so an older cursor answers
/// 410. Answers how many events the pass deleted.
pub async fn prune_once(db: &Db, settings: &EventSettings) -> Result<u64, sqlx::Error> {
    let now = Utc::now();
    crate::db::events::prune(db, now - Duration::days(i64::from(settings.retention_days)), now).await
}

pub fn spawn_pruner(db: Db, settings: EventSettings) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let every = std::time::Duration::from_secs(settings.prune_interval_secs.max(1));
        loop {
            match prune_once(&db, &settings).await {
                Ok(0) => {}
                Ok(deleted) => tracing::info!(deleted, "change-feed events past their retention pruned"),
                Err(error) => tracing::error!(?error, "change-feed prune failed"),
            }
            tokio::time::sleep(every).await;
        }
    })
}
