//! Invoice PDFs the back office uploads (E1): stored per invoice, the newest served.

use chrono::{DateTime, SubsecRound, Utc};
use shared::contracts::ContractDocument;
use shared::sync_status::SyncKind;
use uuid::Uuid;

use super::audit::{AuditEvent, record_audit};
use super::integration_sync::record_arrival;
use super::{BeginWrite, Db, db_run};
use crate::ids::{CustomerId, DealerId};

/// An invoice as an integration names it: by its back-office id, within one dealer.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvoiceKey {
    pub id: Uuid,
    pub number: String,
    pub customer_id: CustomerId,
}

/// The dealer's invoice with this back-office id, or `None` (another dealer's invoice
/// answers `None` too, so integrations cannot probe other tenants).
pub async fn invoice_by_external_id(
    db: &Db,
    dealer_id: DealerId,
    external_id: &str,
) -> Result<Option<InvoiceKey>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as("SELECT id, number, customer_id FROM invoices WHERE dealer_id = $1 AND external_id = $2")
            .bind(dealer_id)
            .bind(external_id)
            .fetch_optional(pool)
            .await
    })
}

#[derive(sqlx::FromRow)]
struct DocumentRow {
    id: Uuid,
    sha256: String,
    size_bytes: i64,
    uploaded_at: DateTime<Utc>,
}

impl DocumentRow {
    fn into_document(self) -> ContractDocument {
        ContractDocument {
            id: self.id,
            sha256: self.sha256,
            size_bytes: self.size_bytes,
            uploaded_at: self.uploaded_at,
        }
    }
}

/// What is known of the newest PDF uploaded for an invoice of this dealer (not its bytes).
pub async fn newest_info(
    db: &Db,
    dealer_id: DealerId,
    invoice_id: Uuid,
) -> Result<Option<ContractDocument>, sqlx::Error> {
    let row: Option<DocumentRow> = db_run!(db, pool => {
        sqlx::query_as(
            "SELECT d.id, d.sha256, CAST(LENGTH(d.content) AS BIGINT) AS size_bytes, d.uploaded_at \
             FROM invoice_documents d JOIN invoices i ON i.id = d.invoice_id \
             WHERE i.dealer_id = $1 AND d.invoice_id = $2 ORDER BY d.uploaded_at DESC, d.id DESC LIMIT 1",
        )
        .bind(dealer_id)
        .bind(invoice_id)
        .fetch_optional(pool)
        .await?
    });
    Ok(row.map(DocumentRow::into_document))
}

/// The bytes of the newest PDF uploaded for an invoice of this dealer, if any.
pub async fn newest(db: &Db, dealer_id: DealerId, invoice_id: Uuid) -> Result<Option<Vec<u8>>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_scalar(
            "SELECT d.content FROM invoice_documents d JOIN invoices i ON i.id = d.invoice_id \
             WHERE i.dealer_id = $1 AND d.invoice_id = $2 ORDER BY d.uploaded_at DESC, d.id DESC LIMIT 1",
        )
        .bind(dealer_id)
        .bind(invoice_id)
        .fetch_optional(pool)
        .await
    })
}

/// Stores an uploaded PDF as the invoice's newest, with its audit record, in one
/// transaction. A file stored before (same SHA-256) becomes the newest again.
pub async fn insert<'a>(
    db: &Db,
    dealer_id: DealerId,
    invoice: &InvoiceKey,
    sha256: &str,
    content: &[u8],
    audit: impl FnOnce(Uuid) -> AuditEvent<'a>,
    now: DateTime<Utc>,
) -> Result<ContractDocument, sqlx::Error> {
    // PostgreSQL keeps microseconds: answer the time exactly as it will read back.
    let now = now.trunc_subsecs(6);
    let size_bytes = i64::try_from(content.len()).unwrap_or(i64::MAX);
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let id: Uuid = sqlx::query_scalar(
            "INSERT INTO invoice_documents (id, invoice_id, sha256, content, uploaded_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (invoice_id, sha256) DO UPDATE SET uploaded_at = excluded.uploaded_at \
             RETURNING id",
        )
        .bind(Uuid::now_v7())
        .bind(invoice.id)
        .bind(sha256)
        .bind(content)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let event = audit(id);
        record_arrival!(&mut *tx, dealer_id, SyncKind::InvoiceDocuments, 1_usize, now).await?;
        record_audit!(&mut *tx, event, now).await?;
        tx.commit().await?;
        Ok(ContractDocument { id, sha256: sha256.to_string(), size_bytes, uploaded_at: now })
    })
}
