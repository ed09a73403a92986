//! The back office's change feed (I4): events written in the transaction of their change
//! ([`record_event!`]), read in commit order from a cursor ([`after`]), pruned after their
//! retention ([`prune`]).
//!
//! **Commit order.** An event's position is `(txid, seq)`. On PostgreSQL `txid` is the id of
//! the transaction that wrote it and the feed returns only events of transactions older than
//! every transaction still running (`pg_snapshot_xmin(pg_current_snapshot())`, the
//! *horizon*): those are all finished, so nothing can still appear below the horizon, and a
//! cursor taken there never passes an event that commits later — a late commit has a txid at
//! or above the horizon, hence above the cursor, whatever its `seq`. On SQLite one writer at
//! a time means `seq` order is commit order; `txid` is 0 and the horizon is the highest
//! committed `seq`, read before the page.

use chrono::{DateTime, Utc};
use shared::events::{Event, EventType, IntegrationEvent};
use sqlx::QueryBuilder;
use uuid::Uuid;

use super::{BeginWrite, Db, db_run};
use crate::ids::{CustomerId, DealerId};

/// An event to record, for one dealer and maybe one customer.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub dealer_id: DealerId,
    pub customer_id: Option<CustomerId>,
    pub event: Event,
}

impl NewEvent {
    pub fn new(dealer_id: DealerId, customer_id: Option<CustomerId>, event: Event) -> Self {
        NewEvent { dealer_id, customer_id, event }
    }

    /// `data` as stored: the JSON of the event's payload.
    pub fn payload(&self) -> Result<String, sqlx::Error> {
        serde_json::to_string(&self.event.data()).map_err(|err| sqlx::Error::Encode(Box::new(err)))
    }
}

/// Inserts a [`NewEvent`] (by reference) on `$conn` — `&mut *tx`, so the event commits or
/// rolls back with its change. Expands to a future of the insert's result.
macro_rules! record_event {
    ($conn:expr, $event:expr, $at:expr) => {
        async {
            let event: &$crate::db::events::NewEvent = $event;
            let payload = event.payload()?;
            sqlx::query(
                "INSERT INTO integration_events (id, dealer_id, type, version, occurred_at, customer_id, payload) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(uuid::Uuid::now_v7())
            .bind(event.dealer_id)
            .bind(event.event.event_type().as_str())
            .bind(event.event.version())
            .bind($at)
            .bind(event.customer_id)
            .bind(payload)
            .execute($conn)
            .await
        }
    };
}
pub(crate) use record_event;

/// A position in the feed: the event at it and every one before it have been read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cursor {
    pub txid: i64,
    pub seq: i64,
}

const CURSOR_PREFIX: &str = "v1.";

impl Cursor {
    /// The opaque text a client keeps: URL-safe base64 of `v1.<txid>.<seq>`.
    pub fn encode(&self) -> String {
        use base64::Engine as _;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(format!("{CURSOR_PREFIX}{}.{}", self.txid, self.seq))
    }

    /// `None` for anything [`Cursor::encode`] did not write.
    pub fn decode(text: &str) -> Option<Cursor> {
        use base64::Engine as _;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text.trim()).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let (txid, seq) = text.strip_prefix(CURSOR_PREFIX)?.split_once('.')?;
        let (txid, seq) = (txid.parse::<i64>().ok()?, seq.parse::<i64>().ok()?);
        (txid >= 0 && seq >= 0).then_some(Cursor { txid, seq })
    }
}

/// An event as stored, with its position.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredEvent {
    pub seq: i64,
    pub txid: i64,
    pub id: Uuid,
    pub dealer_id: DealerId,
    #[sqlx(rename = "type")]
    pub kind: String,
    pub version: i32,
    pub occurred_at: DateTime<Utc>,
    pub customer_id: Option<CustomerId>,
    pub payload: String,
}

impl StoredEvent {
    pub fn position(&self) -> Cursor {
        Cursor { txid: self.txid, seq: self.seq }
    }

    /// The event as the feed (and a webhook) carries it.
    pub fn to_wire(&self) -> Result<IntegrationEvent, sqlx::Error> {
        let decode = |err: Box<dyn std::error::Error + Send + Sync>| sqlx::Error::Decode(err);
        let kind =
            EventType::parse(&self.kind).ok_or_else(|| decode(format!("event type {}", self.kind).into()))?;
        let data = serde_json::from_str(&self.payload).map_err(|err| decode(Box::new(err)))?;
        Ok(IntegrationEvent {
            id: self.id,
            kind,
            version: self.version,
            occurred_at: self.occurred_at,
            customer_id: self.customer_id.map(CustomerId::get),
            data,
        })
    }
}

/// The feed is pruned up to this position for the dealer: a cursor before it may have missed
/// events that are gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expired {
    pub pruned_to: Cursor,
}

/// What [`after`] found.
#[derive(Debug, Clone)]
pub struct FeedPage {
    pub events: Vec<StoredEvent>,
    /// Where the next read goes on from: the last event's position; for an empty page the
    /// cursor given, or (none given) a position every later event is after.
    pub next: Cursor,
    pub has_more: bool,
}

/// Where the finished part of the feed ends: events at `txid < txid` and `seq <= seq`.
struct Horizon {
    txid: i64,
    seq: i64,
}

/// The horizon (see the module doc). The one query of the feed that differs by engine.
async fn horizon(db: &Db) -> Result<Horizon, sqlx::Error> {
    match db {
        Db::Sqlite(pool) => {
            let seq: i64 =
                sqlx::query_scalar("SELECT CAST(COALESCE(MAX(seq), 0) AS BIGINT) FROM integration_events")
                    .fetch_one(pool)
                    .await?;
            Ok(Horizon { txid: 1, seq })
        }
        Db::Postgres(pool) => {
            let txid: i64 =
                sqlx::query_scalar("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
                    .fetch_one(pool)
                    .await?;
            Ok(Horizon { txid, seq: i64::MAX })
        }
    }
}

/// The dealer's events after `cursor` (from the oldest kept without one), in commit order,
/// at most `limit`, only of `types` when some are given. `Err(Expired)` inside `Ok` when
/// events after the cursor were pruned.
pub async fn after(
    db: &Db,
    dealer_id: DealerId,
    cursor: Option<&Cursor>,
    limit: u32,
    types: &[EventType],
) -> Result<Result<FeedPage, Expired>, sqlx::Error> {
    let pruned_to = watermark(db, dealer_id).await?;
    if let (Some(pruned_to), Some(cursor)) = (pruned_to, cursor)
        && *cursor < pruned_to
    {
        return Ok(Err(Expired { pruned_to }));
    }
    let horizon = horizon(db).await?;
    let from = cursor.copied().unwrap_or(Cursor { txid: 0, seq: 0 });
    let on_sqlite = matches!(db, Db::Sqlite(_));
    let events: Vec<StoredEvent> = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(
            "SELECT seq, txid, id, dealer_id, type, version, occurred_at, customer_id, payload \
             FROM integration_events WHERE dealer_id = ",
        );
        qb.push_bind(dealer_id);
        if on_sqlite {
            // txid is always 0 here: an equality and a range on seq bound the
            // (dealer_id, txid, seq) index at both ends. SQLite's planner does not take a
            // row-value bound together with the horizon's terms as one index range; it
            // walked the dealer's events from the first (p99 128 ms at 1 M events).
            qb.push(" AND txid = 0 AND seq > ")
                .push_bind(from.seq)
                .push(" AND seq <= ")
                .push_bind(horizon.seq);
        } else {
            // A row value, not `txid > a OR (txid = a AND seq > b)`: PostgreSQL bounds the
            // (dealer_id, txid, seq) index with it, so a page starts at the cursor.
            qb.push(" AND txid < ")
                .push_bind(horizon.txid)
                .push(" AND (txid, seq) > (")
                .push_bind(from.txid)
                .push(", ")
                .push_bind(from.seq)
                .push(")");
        }
        if !types.is_empty() {
            qb.push(" AND type IN (");
            let mut list = qb.separated(", ");
            for t in types {
                list.push_bind(t.as_str());
            }
            qb.push(")");
        }
        qb.push(" ORDER BY txid, seq LIMIT ").push_bind(i64::from(limit) + 1);
        qb.build_query_as().fetch_all(pool).await?
    });
    let mut events = events;
    let has_more = events.len() > limit as usize;
    events.truncate(limit as usize);
    let next = match (events.last(), cursor) {
        (Some(last), _) => last.position(),
        (None, Some(cursor)) => *cursor,
        // Nothing (of these types) below the horizon: start the client at the horizon.
        (None, None) => Cursor { txid: (horizon.txid - 1).max(0), seq: horizon.seq },
    };
    Ok(Ok(FeedPage { events, next, has_more }))
}

/// A position after every event written so far: where a new reader (a webhook endpoint
/// registered now) starts, so it gets what happens from now on, not the history.
///
/// Not the horizon: on PostgreSQL the horizon stays behind any transaction still open on the
/// whole server (any database), so a reader started there would also get events that
/// committed before it was registered. This is past every transaction id handed out so far
/// (`pg_snapshot_xmax`): what committed before is skipped, as is what a transaction open
/// at this moment writes; every transaction begun later is read.
pub async fn head(db: &Db) -> Result<Cursor, sqlx::Error> {
    match db {
        Db::Sqlite(_) => {
            let horizon = horizon(db).await?;
            Ok(Cursor { txid: 0, seq: horizon.seq })
        }
        Db::Postgres(pool) => {
            let xmax: i64 =
                sqlx::query_scalar("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint")
                    .fetch_one(pool)
                    .await?;
            Ok(Cursor { txid: (xmax - 1).max(0), seq: i64::MAX })
        }
    }
}

async fn watermark(db: &Db, dealer_id: DealerId) -> Result<Option<Cursor>, sqlx::Error> {
    let row: Option<(i64, i64)> = db_run!(db, pool => {
        sqlx::query_as("SELECT txid, seq FROM integration_event_watermarks WHERE dealer_id = $1")
            .bind(dealer_id)
            .fetch_optional(pool)
            .await?
    });
    Ok(row.map(|(txid, seq)| Cursor { txid, seq }))
}

/// Deletes, per dealer, the events older than `before` together with every event before
/// them in feed order (so what is gone is always a prefix of the feed), and moves the
/// dealer's watermark there. Only finished events (below the horizon) are considered.
/// Answers how many events were deleted.
pub async fn prune(db: &Db, before: DateTime<Utc>, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let horizon = horizon(db).await?;
    let dealers: Vec<DealerId> = db_run!(db, pool => {
        sqlx::query_scalar("SELECT DISTINCT dealer_id FROM integration_events WHERE occurred_at < $1")
            .bind(before)
            .fetch_all(pool)
            .await?
    });
    let mut ends = Vec::with_capacity(dealers.len());
    for dealer_id in dealers {
        let end: Option<(i64, i64)> = db_run!(db, pool => {
            sqlx::query_as(
                "SELECT txid, seq FROM integration_events WHERE dealer_id = $1 AND occurred_at < $2 \
                 AND txid < $3 AND seq <= $4 ORDER BY txid DESC, seq DESC LIMIT 1",
            )
            .bind(dealer_id)
            .bind(before)
            .bind(horizon.txid)
            .bind(horizon.seq)
            .fetch_optional(pool)
            .await?
        });
        ends.extend(end.map(|(txid, seq)| (dealer_id, txid, seq)));
    }
    let mut deleted = 0;
    for (dealer_id, txid, seq) in ends {
        deleted += db_run!(db, pool => {
            let mut tx = pool.begin_write().await?;
            let gone = sqlx::query(
                "DELETE FROM integration_events WHERE dealer_id = $1 AND (txid < $2 OR (txid = $2 AND seq <= $3))",
            )
            .bind(dealer_id)
            .bind(txid)
            .bind(seq)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            sqlx::query(
                "INSERT INTO integration_event_watermarks (dealer_id, txid, seq, pruned_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (dealer_id) DO UPDATE SET txid = excluded.txid, seq = excluded.seq, \
                 pruned_at = excluded.pruned_at \
                 WHERE integration_event_watermarks.txid < excluded.txid \
                 OR (integration_event_watermarks.txid = excluded.txid AND integration_event_watermarks.seq < excluded.seq)",
            )
            .bind(dealer_id)
            .bind(txid)
            .bind(seq)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            gone
        });
    }
    Ok(deleted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_anything_else() {
        let cursor = Cursor { txid: 7_000_123, seq: 42 };
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        assert_eq!(Cursor::decode(&Cursor { txid: 0, seq: 0 }.encode()), Some(Cursor { txid: 0, seq: 0 }));
        for bad in [
            "",
            "abc",
            "djEuMS4y!",
            "v1.1.2",
            &base64_of("v2.1.2"),
            &base64_of("v1.1"),
            &base64_of("v1.-1.2"),
        ] {
            assert_eq!(Cursor::decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn cursors_order_by_transaction_then_sequence() {
        let early_tx_late_seq = Cursor { txid: 10, seq: 900 };
        let late_tx_early_seq = Cursor { txid: 11, seq: 5 };
        assert!(early_tx_late_seq < late_tx_early_seq);
    }

    fn base64_of(text: &str) -> String {
        use base64::Engine as _;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
    }
}
