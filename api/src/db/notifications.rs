//! In-app notifications for a dealer's staff (H7): one row per new request, customer
//! cancellation or feedback, written in the transaction that causes it; read state per user.

use chrono::{DateTime, Utc};
use shared::requests::{NotificationList, StaffNotification};
use sqlx::QueryBuilder;
use uuid::Uuid;

use super::{BeginWrite, Db, db_run};
use crate::ids::{DealerId, UserId};

/// A notification to write. `kind` is `call_off`, `service`, `extension`, `book_again`,
/// `feedback` or `cancelled`.
#[derive(Debug, Clone)]
pub struct NewNotification {
    pub dealer_id: DealerId,
    pub location_id: Option<Uuid>,
    pub kind: &'static str,
    pub title: String,
    pub request_id: Option<Uuid>,
    pub feedback_id: Option<Uuid>,
}

/// Inserts a [`NewNotification`] on `$conn` (a pool or `&mut *tx`), so it shares the
/// transaction of the request or feedback it announces. Expands to a query future.
macro_rules! insert_notification {
    ($conn:expr, $notification:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO staff_notifications (id, dealer_id, location_id, kind, title, request_id, \
             feedback_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(uuid::Uuid::now_v7())
        .bind($notification.dealer_id)
        .bind($notification.location_id)
        .bind($notification.kind)
        .bind(&$notification.title)
        .bind($notification.request_id)
        .bind($notification.feedback_id)
        .bind($now)
        .execute($conn)
    };
}
pub(crate) use insert_notification;

#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: Uuid,
    kind: String,
    title: String,
    request_id: Option<Uuid>,
    feedback_id: Option<Uuid>,
    location_id: Option<Uuid>,
    location_external_id: Option<String>,
    location_name: Option<String>,
    created_at: DateTime<Utc>,
    is_read: bool,
}

/// The dealer's newest `limit` notifications with `user_id`'s read state, and how many
/// of all the dealer's notifications that user has not read.
pub async fn list(
    db: &Db,
    dealer_id: DealerId,
    user_id: UserId,
    limit: i64,
) -> Result<NotificationList, sqlx::Error> {
    let (rows, unread): (Vec<NotificationRow>, i64) = db_run!(db, pool => {
        let rows = sqlx::query_as(
            "SELECT n.id, n.kind, n.title, n.request_id, n.feedback_id, n.location_id, \
             l.external_id AS location_external_id, l.name AS location_name, n.created_at, \
             CASE WHEN r.notification_id IS NULL THEN FALSE ELSE TRUE END AS is_read \
             FROM staff_notifications n \
             LEFT JOIN locations l ON l.id = n.location_id \
             LEFT JOIN staff_notification_reads r ON r.notification_id = n.id AND r.user_id = $2 \
             WHERE n.dealer_id = $1 AND (n.location_id IS NULL OR NOT EXISTS (SELECT 1 FROM staff_locations sl WHERE sl.user_id = $2) \
             OR EXISTS (SELECT 1 FROM staff_locations sl WHERE sl.user_id = $2 AND sl.location_id = n.location_id)) \
             ORDER BY n.created_at DESC, n.id DESC LIMIT $3",
        )
        .bind(dealer_id)
        .bind(user_id)
        .bind(limit)
        .fetch_all(pool)
        .await?;
        let unread = sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM staff_notifications n WHERE n.dealer_id = $1 \
             AND NOT EXISTS (SELECT 1 FROM staff_notification_reads r \
             WHERE r.notification_id = n.id AND r.user_id = $2) AND (n.location_id IS NULL OR NOT EXISTS (SELECT 1 FROM staff_locations sl WHERE sl.user_id = $2) \
             OR EXISTS (SELECT 1 FROM staff_locations sl WHERE sl.user_id = $2 AND sl.location_id = n.location_id))",
        )
        .bind(dealer_id)
        .bind(user_id)
        .fetch_one(pool)
        .await?;
        (rows, unread)
    });
    Ok(NotificationList {
        items: rows
            .into_iter()
            .map(|r| StaffNotification {
                id: r.id,
                kind: r.kind,
                title: r.title,
                request_id: r.request_id,
                feedback_id: r.feedback_id,
                location: crate::db::location_ref(r.location_id, r.location_external_id, r.location_name),
                created_at: r.created_at,
                read: r.is_read,
            })
            .collect(),
        unread: u64::try_from(unread).unwrap_or(0),
    })
}

/// Marks the dealer's notifications `ids` (all of them when empty) read for `user_id`.
/// Ids of another dealer are ignored: the dealer scope is in the query.
pub async fn mark_read(
    db: &Db,
    dealer_id: DealerId,
    user_id: UserId,
    ids: &[Uuid],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let mut qb = QueryBuilder::new(
            "INSERT INTO staff_notification_reads (notification_id, user_id, read_at) \
             SELECT n.id, ",
        );
        qb.push_bind(user_id).push(", ").push_bind(now);
        qb.push(" FROM staff_notifications n WHERE n.dealer_id = ").push_bind(dealer_id);
        if !ids.is_empty() {
            qb.push(" AND n.id IN (");
            let mut list = qb.separated(", ");
            for id in ids {
                list.push_bind(*id);
            }
            qb.push(")");
        }
        qb.push(
            " AND NOT EXISTS (SELECT 1 FROM staff_notification_reads r WHERE r.notification_id = n.id \
             AND r.user_id = ",
        )
        .push_bind(user_id)
        .push(") ON CONFLICT (notification_id, user_id) DO NOTHING");
        qb.build().execute(&mut *tx).await?;
        tx.commit().await
    })
}
