//! The back office's side: payments to post, and marking one posted (which releases what
//! it held on the invoices whose newer balance has arrived; the others keep holding until
//! theirs does).

use shared::sync_status::SyncKind;

use super::*;
use crate::db::integration_sync::record_arrival;

/// An allocation in the feed: payment id, invoice external id (`None`: on account), amount.
type FeedAllocationRow = (Uuid, Option<String>, i64);

#[derive(sqlx::FromRow)]
struct IntegrationRow {
    id: Uuid,
    number: String,
    customer_external_id: String,
    method: String,
    status: String,
    amount_minor: i64,
    currency: String,
    gateway: String,
    gateway_reference: Option<String>,
    created_at: DateTime<Utc>,
    posted_at: Option<DateTime<Utc>>,
}

/// The dealer's succeeded and pending payments, unposted (or, with `posted`, posted
/// ones), oldest first: what the back office pulls to post.
pub async fn for_integration(
    db: &Db,
    dealer_id: DealerId,
    posted: bool,
    limit: u32,
) -> Result<Vec<IntegrationPayment>, sqlx::Error> {
    let (rows, allocations): (Vec<IntegrationRow>, Vec<FeedAllocationRow>) = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(
            "SELECT p.id, p.number, c.external_id AS customer_external_id, p.method, p.status, \
             p.amount_minor, p.currency, p.gateway, p.gateway_reference, p.created_at, p.posted_at \
             FROM payments p JOIN customers c ON c.id = p.customer_id WHERE p.dealer_id = ",
        );
        qb.push_bind(dealer_id).push(" AND p.status IN ('succeeded', 'pending') AND p.posted_at IS ");
        qb.push(if posted { "NOT NULL" } else { "NULL" });
        qb.push(" ORDER BY p.created_at, p.id LIMIT ").push_bind(i64::from(limit));
        let rows: Vec<IntegrationRow> = qb.build_query_as().fetch_all(pool).await?;
        let allocations = if rows.is_empty() {
            Vec::new()
        } else {
            let mut qb = QueryBuilder::new(
                "SELECT a.payment_id, i.external_id, a.amount_minor FROM payment_allocations a \
                 LEFT JOIN invoices i ON i.id = a.invoice_id WHERE a.payment_id IN (",
            );
            let mut list = qb.separated(", ");
            for row in &rows {
                list.push_bind(row.id);
            }
            qb.push(") ORDER BY a.payment_id, a.line_no");
            qb.build_query_as().fetch_all(pool).await?
        };
        (rows, allocations)
    });
    rows.into_iter()
        .map(|r| {
            Ok(IntegrationPayment {
                allocations: allocations
                    .iter()
                    .filter(|(payment_id, _, _)| *payment_id == r.id)
                    .map(|(_, invoice_external_id, amount_minor)| IntegrationAllocation {
                        invoice_external_id: invoice_external_id.clone(),
                        amount_minor: *amount_minor,
                    })
                    .collect(),
                id: r.id,
                number: r.number,
                customer_external_id: r.customer_external_id,
                method: enum_text(&r.method, "payments.method")?,
                status: enum_text(&r.status, "payments.status")?,
                amount_minor: r.amount_minor,
                currency: enum_text(&r.currency, "payments.currency")?,
                gateway: r.gateway,
                gateway_reference: r.gateway_reference,
                created_at: r.created_at,
                posted_at: r.posted_at,
            })
        })
        .collect()
}

/// What became of [`mark_posted`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostOutcome {
    /// Marked posted now; its holds on invoices with a balance newer than the payment are
    /// released, the others stay until such a balance arrives.
    Posted,
    /// Posted before: nothing changed.
    AlreadyPosted,
    /// Processing or failed: not something the back office can post.
    NotPostable,
    /// Not a payment of this dealer.
    NotFound,
}

/// Marks the dealer's payment `id` posted once and, in the same transaction, releases what
/// it holds on each invoice whose balance arrived from the back office after the payment
/// was made (that balance already carries it), and records the `payment.settled` change-feed
/// event. On an invoice whose last balance is older,
/// the hold stays: that balance does not know the payment, and releasing it would make the
/// amount payable twice. The next balance sent for the invoice releases it
/// ([`super::release_posted_holds`], called by the invoice upsert).
pub async fn mark_posted(
    db: &Db,
    dealer_id: DealerId,
    id: Uuid,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<PostOutcome, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let updated = sqlx::query(
            "UPDATE payments SET posted_at = $3, updated_at = $3 WHERE id = $1 AND dealer_id = $2 \
             AND posted_at IS NULL AND status IN ('succeeded', 'pending')",
        )
        .bind(id)
        .bind(dealer_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() == 1 {
            release_holds!(tx, id, now, newer_balance_only: true).await?;
            record_payment_event!(tx, id, shared::events::Event::PaymentSettled, now).await?;
            record_audit!(&mut *tx, audit, now).await?;
            record_arrival!(&mut *tx, dealer_id, SyncKind::PostedPayments, 1_usize, now).await?;
            tx.commit().await?;
            return Ok(PostOutcome::Posted);
        }
        let found: Option<(String, Option<DateTime<Utc>>)> =
            sqlx::query_as("SELECT status, posted_at FROM payments WHERE id = $1 AND dealer_id = $2")
                .bind(id)
                .bind(dealer_id)
                .fetch_optional(&mut *tx)
                .await?;
        Ok(match found {
            None => PostOutcome::NotFound,
            Some((_, Some(_))) => {
                // Confirmed again: nothing changes, but the confirmation did arrive.
                record_arrival!(&mut *tx, dealer_id, SyncKind::PostedPayments, 1_usize, now).await?;
                tx.commit().await?;
                PostOutcome::AlreadyPosted
            }
            Some(_) => PostOutcome::NotPostable,
        })
    })
}
