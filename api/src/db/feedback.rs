//! Feedback and questions to the store (G1) and the store's feedback inbox (H8).

use chrono::{DateTime, Utc};
use shared::feedback::{Feedback, FeedbackKind, FeedbackStatus};
use shared::requests::CustomerRef;
use sqlx::{Database, Encode, QueryBuilder, Type};
use uuid::Uuid;

use super::audit::{AuditEvent, record_audit};
use super::decode::enum_text;
use super::events::{NewEvent, record_event};
use super::notifications::{NewNotification, insert_notification};
use super::outbox::{NewEmail, enqueue_email};
use super::{BeginWrite, Db, db_run};
use crate::ids::{CustomerId, DealerId, UserId};

/// A feedback message to write.
#[derive(Debug, Clone)]
pub struct NewFeedback {
    pub id: Uuid,
    pub dealer_id: DealerId,
    pub customer_id: CustomerId,
    pub location_id: Option<Uuid>,
    pub created_by: UserId,
    pub kind: FeedbackKind,
    pub subject: String,
    pub message: String,
    pub contact_email: String,
    pub contact_phone: Option<String>,
}

/// Writes the message with its `feedback.created` change-feed event, its email to the
/// store, the staff notification and the audit record, in one transaction.
pub async fn create(
    db: &Db,
    feedback: &NewFeedback,
    email: Option<&NewEmail>,
    notification: &NewNotification,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query(
            "INSERT INTO feedback (id, dealer_id, customer_id, location_id, created_by, kind, subject, \
             message, contact_email, contact_phone, status, handled_at, handled_by, handled_note, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'new', NULL, NULL, NULL, $11)",
        )
        .bind(feedback.id)
        .bind(feedback.dealer_id)
        .bind(feedback.customer_id)
        .bind(feedback.location_id)
        .bind(feedback.created_by)
        .bind(feedback.kind.as_str())
        .bind(&feedback.subject)
        .bind(&feedback.message)
        .bind(&feedback.contact_email)
        .bind(&feedback.contact_phone)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let row: EventRow = sqlx::query_as(EVENT_SELECT).bind(feedback.id).fetch_one(&mut *tx).await?;
        record_event!(&mut *tx, &row.into_event()?, now).await?;
        if let Some(email) = email {
            enqueue_email!(&mut *tx, email, now).await?;
        }
        insert_notification!(&mut *tx, notification, now).await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await
    })
}

/// Feedback `$1` as the change feed reports it.
const EVENT_SELECT: &str = "SELECT f.id, f.kind, f.subject, f.message, f.contact_email, f.contact_phone, \
     f.created_by, f.created_at, f.dealer_id, f.customer_id, c.external_id AS customer_external_id, \
     c.account_number, c.name AS customer_name, f.location_id, l.external_id AS location_external_id, \
     l.name AS location_name FROM feedback f JOIN customers c ON c.id = f.customer_id \
     LEFT JOIN locations l ON l.id = f.location_id WHERE f.id = $1";

#[derive(sqlx::FromRow)]
struct EventRow {
    id: Uuid,
    kind: String,
    subject: String,
    message: String,
    contact_email: String,
    contact_phone: Option<String>,
    created_by: Uuid,
    created_at: DateTime<Utc>,
    dealer_id: DealerId,
    customer_id: CustomerId,
    customer_external_id: String,
    account_number: String,
    customer_name: String,
    location_id: Option<Uuid>,
    location_external_id: Option<String>,
    location_name: Option<String>,
}

impl EventRow {
    fn into_event(self) -> Result<NewEvent, sqlx::Error> {
        let data = shared::events::FeedbackEventV1 {
            feedback_id: self.id,
            kind: enum_text(&self.kind, "feedback.kind")?,
            subject: self.subject,
            message: self.message,
            customer: shared::events::EventCustomer {
                id: self.customer_id.get(),
                external_id: self.customer_external_id,
                account_number: self.account_number,
                name: self.customer_name,
            },
            location: match (self.location_id, self.location_external_id, self.location_name) {
                (Some(id), Some(external_id), Some(name)) => {
                    Some(shared::contracts::LocationRef { id, external_id, name })
                }
                _ => None,
            },
            contact_email: self.contact_email,
            contact_phone: self.contact_phone,
            user_id: self.created_by,
            created_at: self.created_at,
        };
        Ok(NewEvent::new(
            self.dealer_id,
            Some(self.customer_id),
            shared::events::Event::FeedbackCreated(data),
        ))
    }
}

const SELECT: &str = "SELECT f.id, f.kind, f.status, f.subject, f.message, f.customer_id, \
     cu.account_number, cu.name AS customer_name, f.location_id, l.external_id AS location_external_id, l.name AS location_name, \
     f.contact_email, f.contact_phone, u.display_name AS created_by_name, f.created_at, \
     f.handled_at, f.handled_note \
     FROM feedback f JOIN customers cu ON cu.id = f.customer_id JOIN users u ON u.id = f.created_by \
     LEFT JOIN locations l ON l.id = f.location_id WHERE";

#[derive(sqlx::FromRow)]
struct FeedbackRow {
    id: Uuid,
    kind: String,
    status: String,
    subject: String,
    message: String,
    customer_id: Uuid,
    account_number: String,
    customer_name: String,
    location_id: Option<Uuid>,
    location_external_id: Option<String>,
    location_name: Option<String>,
    contact_email: String,
    contact_phone: Option<String>,
    created_by_name: String,
    created_at: DateTime<Utc>,
    handled_at: Option<DateTime<Utc>>,
    handled_note: Option<String>,
}

impl FeedbackRow {
    fn into_feedback(self) -> Result<Feedback, sqlx::Error> {
        Ok(Feedback {
            id: self.id,
            kind: enum_text(&self.kind, "feedback.kind")?,
            status: enum_text(&self.status, "feedback.status")?,
            subject: self.subject,
            message: self.message,
            customer: CustomerRef {
                id: self.customer_id,
                account_number: self.account_number,
                name: self.customer_name,
            },
            location: crate::db::location_ref(
                self.location_id,
                self.location_external_id,
                self.location_name,
            ),
            contact_email: self.contact_email,
            contact_phone: self.contact_phone,
            created_by_name: self.created_by_name,
            created_at: self.created_at,
            handled_at: self.handled_at,
            handled_note: self.handled_note,
        })
    }
}

/// The account's messages, newest first.
pub async fn for_customer(
    db: &Db,
    customer_id: CustomerId,
    limit: i64,
) -> Result<Vec<Feedback>, sqlx::Error> {
    let rows: Vec<FeedbackRow> = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(SELECT);
        qb.push(" f.customer_id = ").push_bind(customer_id);
        qb.push(" ORDER BY f.created_at DESC, f.id DESC LIMIT ").push_bind(limit);
        qb.build_query_as().fetch_all(pool).await?
    });
    rows.into_iter().map(FeedbackRow::into_feedback).collect()
}

fn push_dealer_filter<DB>(
    qb: &mut QueryBuilder<DB>,
    dealer_id: DealerId,
    staff_id: UserId,
    status: Option<FeedbackStatus>,
) where
    DB: Database,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
{
    qb.push(" f.dealer_id = ").push_bind(dealer_id.get());
    super::staff::push_store_scope(qb, "f.location_id", staff_id);
    if let Some(status) = status {
        qb.push(" AND f.status = ").push_bind(status.as_str().to_string());
    }
}

/// One page of the dealer's feedback inbox as the member of staff `staff_id` sees it (their
/// stores', see [`super::staff::push_store_scope`]; `status` `None` = all): new messages
/// oldest first (the queue), handled and all newest first.
pub async fn for_dealer(
    db: &Db,
    dealer_id: DealerId,
    staff_id: UserId,
    status: Option<FeedbackStatus>,
    limit: u32,
    offset: u64,
) -> Result<(Vec<Feedback>, u64), sqlx::Error> {
    let order = if status == Some(FeedbackStatus::New) {
        " ORDER BY f.created_at ASC, f.id ASC"
    } else {
        " ORDER BY f.created_at DESC, f.id DESC"
    };
    let (rows, total): (Vec<FeedbackRow>, i64) = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(SELECT);
        push_dealer_filter(&mut qb, dealer_id, staff_id, status);
        qb.push(order);
        super::sql::push_page(&mut qb, limit, offset);
        let rows = qb.build_query_as().fetch_all(pool).await?;
        let mut qb = QueryBuilder::new("SELECT CAST(COUNT(*) AS BIGINT) FROM feedback f WHERE");
        push_dealer_filter(&mut qb, dealer_id, staff_id, status);
        (rows, qb.build_query_scalar().fetch_one(pool).await?)
    });
    let feedback = rows.into_iter().map(FeedbackRow::into_feedback).collect::<Result<_, _>>()?;
    Ok((feedback, u64::try_from(total).unwrap_or(0)))
}

/// One message of the dealer's, or `None`.
pub async fn by_id_for_dealer(
    db: &Db,
    dealer_id: DealerId,
    id: Uuid,
) -> Result<Option<Feedback>, sqlx::Error> {
    let row: Option<FeedbackRow> = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(SELECT);
        qb.push(" f.dealer_id = ").push_bind(dealer_id).push(" AND f.id = ").push_bind(id);
        qb.build_query_as().fetch_optional(pool).await?
    });
    row.map(FeedbackRow::into_feedback).transpose()
}

/// Marks one of the dealer's messages handled, with the audit record. `false` when it is not
/// the dealer's. Handling a handled message again keeps the first handling.
pub async fn mark_handled(
    db: &Db,
    dealer_id: DealerId,
    id: Uuid,
    user_id: UserId,
    note: Option<&str>,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        // Only a message of the handler's stores (see `staff::push_store_scope`).
        let exists: Option<Uuid> = sqlx::query_scalar(
            "SELECT f.id FROM feedback f WHERE f.id = $1 AND f.dealer_id = $2 AND (f.location_id IS NULL \
             OR NOT EXISTS (SELECT 1 FROM staff_locations sl WHERE sl.user_id = $3) \
             OR EXISTS (SELECT 1 FROM staff_locations sl WHERE sl.user_id = $3 AND sl.location_id = f.location_id))",
        )
        .bind(id)
        .bind(dealer_id)
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?;
        if exists.is_none() {
            return Ok(false);
        }
        sqlx::query(
            "UPDATE feedback SET status = 'handled', handled_at = $3, handled_by = $4, handled_note = $5 \
             WHERE id = $1 AND dealer_id = $2 AND status = 'new'",
        )
        .bind(id)
        .bind(dealer_id)
        .bind(now)
        .bind(user_id)
        .bind(note)
        .execute(&mut *tx)
        .await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    })
}
