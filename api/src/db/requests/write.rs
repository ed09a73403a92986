//! Filing a request and moving it on: each one transaction with the line status changes,
//! emails, notification and audit record it causes.

use super::*;
use crate::db::idempotency::Keyed;

/// A request to write, with its lines (line id, contract id).
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub id: Uuid,
    pub dealer_id: DealerId,
    pub customer_id: CustomerId,
    pub location_id: Option<Uuid>,
    pub contract_id: Option<Uuid>,
    pub kind: RequestKind,
    pub number: String,
    pub created_by: UserId,
    pub idempotency_key: Option<String>,
    pub request_hash: Option<String>,
    pub pickup_date: Option<NaiveDate>,
    pub pickup_window: Option<String>,
    pub billing_stop_date: Option<NaiveDate>,
    pub requested_date: Option<NaiveDate>,
    pub requested_end_date: Option<NaiveDate>,
    pub service_kind: Option<ServiceKind>,
    pub description: Option<String>,
    pub site_address: Option<String>,
    pub contact: RequestContact,
    pub notes: Option<String>,
    pub lines: Vec<(Uuid, Uuid)>,
}

/// What became of [`create`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreateOutcome {
    Created,
    /// The user already filed a request under this idempotency key: this one id.
    KeyTaken(Uuid),
    /// The confirmation number exists at the dealer already: draw another and retry.
    NumberTaken,
    /// A line was not `out` any more when the transaction reached it (a concurrent call-off).
    LineUnavailable(Uuid),
}

/// Writes a new request in one transaction: the request, its lines, the first event, for a
/// call-off each line `out` → `called_off` (guarded: a line no longer out rolls everything
/// back), the `request.created` change-feed event, the emails, the staff notification and
/// the audit record.
///
/// The `(created_by, customer_id, idempotency_key)` unique constraint is the guard against
/// a double submit: the request row is inserted before any line is touched, so a
/// concurrent twin fails on that constraint (PostgreSQL) or finds the row (SQLite, whose
/// write transactions are serialised) and answers [`CreateOutcome::KeyTaken`].
pub async fn create(
    db: &Db,
    request: &NewRequest,
    emails: &[NewEmail],
    notification: &NewNotification,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<CreateOutcome, sqlx::Error> {
    let key_owner = |db: &Db| {
        let key = request.idempotency_key.clone();
        let db = db.clone();
        async move {
            match key {
                Some(key) => crate::db::idempotency::stored(
                    &db,
                    Keyed::Requests,
                    request.created_by,
                    request.customer_id,
                    &key,
                )
                .await
                .map(|found| found.map(|(id, _)| id)),
                None => Ok(None),
            }
        }
    };
    let outcome = db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        if let Some(key) = &request.idempotency_key {
            let existing: Option<Uuid> = sqlx::query_scalar(
                "SELECT id FROM customer_requests \
                 WHERE created_by = $1 AND customer_id = $2 AND idempotency_key = $3",
            )
            .bind(request.created_by)
            .bind(request.customer_id)
            .bind(key)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(id) = existing {
                return Ok(CreateOutcome::KeyTaken(id));
            }
        }
        let inserted = sqlx::query(
            "INSERT INTO customer_requests (id, dealer_id, customer_id, location_id, contract_id, kind, \
             number, status, created_by, idempotency_key, request_hash, pickup_date, pickup_window, \
             billing_stop_date, scheduled_date, requested_date, requested_end_date, service_kind, \
             description, site_address, contact_name, contact_phone, contact_email, notes, \
             cancel_reason, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'requested', \
             $8, $9, $10, $11, $12, $13, NULL, $14, $15, $16, $17, $18, $19, $20, $21, $22, NULL, $23, $23)",
        )
        .bind(request.id)
        .bind(request.dealer_id)
        .bind(request.customer_id)
        .bind(request.location_id)
        .bind(request.contract_id)
        .bind(request.kind.as_str())
        .bind(&request.number)
        .bind(request.created_by)
        .bind(&request.idempotency_key)
        .bind(&request.request_hash)
        .bind(request.pickup_date)
        .bind(&request.pickup_window)
        .bind(request.billing_stop_date)
        .bind(request.requested_date)
        .bind(request.requested_end_date)
        .bind(request.service_kind.map(ServiceKind::as_str))
        .bind(&request.description)
        .bind(&request.site_address)
        .bind(&request.contact.name)
        .bind(&request.contact.phone)
        .bind(&request.contact.email)
        .bind(&request.notes)
        .bind(now)
        .execute(&mut *tx)
        .await;
        match inserted {
            Ok(_) => {}
            Err(err) if crate::db::is_unique_violation(&err) => {
                drop(tx);
                return match key_owner(db).await? {
                    Some(id) => Ok(CreateOutcome::KeyTaken(id)),
                    None => Ok(CreateOutcome::NumberTaken),
                };
            }
            Err(err) => return Err(err),
        }
        if !request.lines.is_empty() {
            let mut qb = QueryBuilder::new("INSERT INTO request_lines (request_id, line_id, contract_id) ");
            qb.push_values(&request.lines, |mut b, (line_id, contract_id)| {
                b.push_bind(request.id).push_bind(*line_id).push_bind(*contract_id);
            });
            qb.build().execute(&mut *tx).await?;
        }
        sqlx::query(
            "INSERT INTO request_events (id, request_id, status, note, scheduled_date, actor_user_id, \
             actor_kind, occurred_at) VALUES ($1, $2, 'requested', NULL, NULL, $3, 'customer', $4)",
        )
        .bind(Uuid::now_v7())
        .bind(request.id)
        .bind(request.created_by)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if request.kind == RequestKind::CallOff {
            for (line_id, _) in &request.lines {
                let updated = sqlx::query(
                    "UPDATE contract_lines SET status = 'called_off' WHERE id = $1 AND status = 'out'",
                )
                .bind(*line_id)
                .execute(&mut *tx)
                .await?;
                if updated.rows_affected() != 1 {
                    return Ok(CreateOutcome::LineUnavailable(*line_id));
                }
            }
        }
        let change = RequestChange { previous_status: None, actor: ActorKind::Customer, note: None };
        record_request_event!(tx, request.id, change, true, now).await?;
        for email in emails {
            enqueue_email!(&mut *tx, email, now).await?;
        }
        insert_notification!(&mut *tx, notification, now).await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        CreateOutcome::Created
    });
    Ok(outcome)
}

/// A status change of one request, with everything it causes.
#[derive(Debug, Clone)]
pub struct StatusChange<'a> {
    pub request_id: Uuid,
    pub kind: RequestKind,
    /// The status the change was decided from: if another change got there first, nothing
    /// is written.
    pub from: RequestStatus,
    pub to: RequestStatus,
    pub note: Option<String>,
    pub scheduled_date: Option<NaiveDate>,
    pub actor_user_id: UserId,
    pub actor: ActorKind,
    /// The day a picked-up item counts as returned.
    pub today: NaiveDate,
    pub emails: Vec<NewEmail>,
    pub notification: Option<NewNotification>,
    pub audit: AuditEvent<'a>,
}

/// Applies a [`StatusChange`] in one transaction: the request's status, an event, the
/// call-off's lines (cancelled → back `out`; completed → `returned` today), the
/// `request.status_changed` change-feed event, emails, notification and audit. `false` when the request was no longer in `from` (nothing written).
pub async fn change_status(
    db: &Db,
    change: &StatusChange<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let cancel_reason = (change.to == RequestStatus::Cancelled).then(|| change.note.clone()).flatten();
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let updated = sqlx::query(
            "UPDATE customer_requests SET status = $2, updated_at = $3, \
             scheduled_date = COALESCE($4, scheduled_date), cancel_reason = COALESCE($5, cancel_reason) \
             WHERE id = $1 AND status = $6",
        )
        .bind(change.request_id)
        .bind(change.to.as_str())
        .bind(now)
        .bind(change.scheduled_date)
        .bind(&cancel_reason)
        .bind(change.from.as_str())
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO request_events (id, request_id, status, note, scheduled_date, actor_user_id, \
             actor_kind, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(Uuid::now_v7())
        .bind(change.request_id)
        .bind(change.to.as_str())
        .bind(&change.note)
        .bind(change.scheduled_date)
        .bind(change.actor_user_id)
        .bind(change.actor.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if change.kind == RequestKind::CallOff {
            match change.to {
                RequestStatus::Cancelled => {
                    sqlx::query(
                        "UPDATE contract_lines SET status = 'out' WHERE status = 'called_off' AND id IN \
                         (SELECT line_id FROM request_lines WHERE request_id = $1)",
                    )
                    .bind(change.request_id)
                    .execute(&mut *tx)
                    .await?;
                }
                RequestStatus::Completed => {
                    sqlx::query(
                        "UPDATE contract_lines SET status = 'returned', returned_on = $2 \
                         WHERE status = 'called_off' AND id IN \
                         (SELECT line_id FROM request_lines WHERE request_id = $1)",
                    )
                    .bind(change.request_id)
                    .bind(change.today)
                    .execute(&mut *tx)
                    .await?;
                }
                _ => {}
            }
        }
        let event_change =
            RequestChange { previous_status: Some(change.from), actor: change.actor, note: change.note.clone() };
        record_request_event!(tx, change.request_id, event_change, false, now).await?;
        for email in &change.emails {
            enqueue_email!(&mut *tx, email, now).await?;
        }
        if let Some(notification) = &change.notification {
            insert_notification!(&mut *tx, notification, now).await?;
        }
        record_audit!(&mut *tx, &change.audit, now).await?;
        tx.commit().await?;
        Ok(true)
    })
}
