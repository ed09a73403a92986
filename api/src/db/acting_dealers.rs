//! The dealer each platform admin acts for (H1): choosing one and stopping, each audited in
//! the same transaction. Reading it is part of loading the user (`users::user_select!`).

use chrono::{DateTime, Utc};
use shared::platform::ActingDealer;

use super::audit::{AuditEvent, record_audit};
use super::{BeginWrite, Db, db_run};
use crate::ids::{DealerId, UserId};

#[derive(sqlx::FromRow)]
struct DealerRow {
    id: DealerId,
    slug: String,
    name: String,
}

/// The dealer `dealer_id` as an acting dealer shows it; `None` when there is none.
pub async fn dealer(db: &Db, dealer_id: DealerId) -> Result<Option<ActingDealer>, sqlx::Error> {
    let row: Option<DealerRow> = db_run!(db, pool => {
        sqlx::query_as("SELECT id, slug, name FROM dealers WHERE id = $1")
            .bind(dealer_id)
            .fetch_optional(pool)
            .await
    })?;
    Ok(row.map(|r| ActingDealer { id: r.id.get(), slug: r.slug, name: r.name }))
}

/// Makes `dealer_id` the dealer `user_id` acts for, in place of any other. `started` is
/// recorded; when another dealer was chosen before, `stopped_at(that dealer)` is recorded
/// too, so each dealer's log shows when the platform admin came and went. Choosing the
/// dealer already chosen changes nothing and records nothing. Answers the previous dealer.
pub async fn choose<'a>(
    db: &Db,
    user_id: UserId,
    dealer_id: DealerId,
    started: &AuditEvent<'a>,
    stopped_at: impl Fn(DealerId) -> AuditEvent<'a>,
    now: DateTime<Utc>,
) -> Result<Option<DealerId>, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let previous: Option<DealerId> =
            sqlx::query_scalar("SELECT dealer_id FROM platform_acting_dealers WHERE user_id = $1")
                .bind(user_id)
                .fetch_optional(&mut *tx)
                .await?;
        if previous == Some(dealer_id) {
            return tx.commit().await.map(|()| previous);
        }
        sqlx::query(
            "INSERT INTO platform_acting_dealers (user_id, dealer_id, started_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id) DO UPDATE SET dealer_id = excluded.dealer_id, started_at = excluded.started_at",
        )
        .bind(user_id)
        .bind(dealer_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if let Some(previous) = previous {
            let stopped = stopped_at(previous);
            record_audit!(&mut *tx, stopped, now).await?;
        }
        record_audit!(&mut *tx, started, now).await?;
        tx.commit().await.map(|()| previous)
    })
}

/// Ends acting for a dealer; `stopped_at(the dealer it ends)` is recorded, if any. Answers
/// that dealer (`None` when none was chosen: nothing is recorded then).
pub async fn stop<'a>(
    db: &Db,
    user_id: UserId,
    stopped_at: impl Fn(DealerId) -> AuditEvent<'a>,
    now: DateTime<Utc>,
) -> Result<Option<DealerId>, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let previous: Option<DealerId> =
            sqlx::query_scalar("DELETE FROM platform_acting_dealers WHERE user_id = $1 RETURNING dealer_id")
                .bind(user_id)
                .fetch_optional(&mut *tx)
                .await?;
        if let Some(previous) = previous {
            let stopped = stopped_at(previous);
            record_audit!(&mut *tx, stopped, now).await?;
        }
        tx.commit().await.map(|()| previous)
    })
}
