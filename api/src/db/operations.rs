//! What operations watch (`GET /metrics`): backlogs that should stay near zero.

use super::{Db, db_run};

/// Emails waiting in the outbox (`pending`: due, or waiting for a retry) and payments
/// whose gateway outcome is not yet recorded (`processing`).
pub async fn backlog(db: &Db) -> Result<(i64, i64), sqlx::Error> {
    db_run!(db, pool => {
        let outbox: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM email_outbox WHERE status = 'pending'")
                .fetch_one(pool)
                .await?;
        let payments: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM payments WHERE status = 'processing'")
                .fetch_one(pool)
                .await?;
        Ok((outbox, payments))
    })
}

/// The pool right now: connections idle, in use, and the most it may open.
pub fn pool_usage(db: &Db) -> (u64, u64, u64) {
    db_run!(db, pool => {
        let size = u64::from(pool.size());
        let idle = u64::try_from(pool.num_idle()).unwrap_or(u64::MAX).min(size);
        (idle, size - idle, u64::from(pool.options().get_max_connections()))
    })
}
