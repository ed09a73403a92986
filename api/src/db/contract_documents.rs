//! Contract PDFs (C5): the files the back office uploads, and what a generated one prints
//! about the customer and the store.

use chrono::{DateTime, SubsecRound, Utc};
use shared::contracts::ContractDocument;
use shared::sync_status::SyncKind;
use uuid::Uuid;

use super::audit::{AuditEvent, record_audit};
use super::integration_sync::record_arrival;
use super::{BeginWrite, Db, db_run};
use crate::ids::{CustomerId, DealerId, UserId};
use crate::pdf::sheet::Parties;

/// A contract as an integration names it: by its back-office id, within one dealer.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ContractKey {
    pub id: Uuid,
    pub number: String,
    pub customer_id: CustomerId,
}

/// The dealer's contract with this back-office id, or `None` (another dealer's contract
/// answers `None` too, so integrations cannot probe other tenants).
pub async fn contract_by_external_id(
    db: &Db,
    dealer_id: DealerId,
    external_id: &str,
) -> Result<Option<ContractKey>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(
            "SELECT id, number, customer_id FROM contracts WHERE dealer_id = $1 AND external_id = $2",
        )
        .bind(dealer_id)
        .bind(external_id)
        .fetch_optional(pool)
        .await
    })
}

/// A PDF to store for a contract.
pub struct NewDocument<'a> {
    pub dealer_id: DealerId,
    pub contract: &'a ContractKey,
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub content: &'a [u8],
    /// The person who uploaded it; `None` for the back office's API client.
    pub uploaded_by: Option<UserId>,
}

/// Stores an uploaded PDF and the caller's `audit` record for it (given the new document's
/// id) in one transaction.
pub async fn insert<'a>(
    db: &Db,
    doc: &NewDocument<'_>,
    audit: impl FnOnce(Uuid) -> AuditEvent<'a>,
    now: DateTime<Utc>,
) -> Result<ContractDocument, sqlx::Error> {
    // PostgreSQL keeps microseconds: answer the time exactly as it will read back.
    let now = now.trunc_subsecs(6);
    let id = Uuid::now_v7();
    let size_bytes = i64::try_from(doc.content.len()).unwrap_or(i64::MAX);
    let event = audit(id);
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query(
            "INSERT INTO contract_documents (id, dealer_id, contract_id, file_name, sha256, size_bytes, \
             content, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(doc.dealer_id)
        .bind(doc.contract.id)
        .bind(doc.file_name)
        .bind(doc.sha256)
        .bind(size_bytes)
        .bind(doc.content)
        .bind(doc.uploaded_by)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        record_arrival!(&mut *tx, doc.dealer_id, SyncKind::ContractDocuments, 1_usize, now).await?;
        record_audit!(&mut *tx, event, now).await?;
        tx.commit().await?;
    });
    Ok(ContractDocument { id, sha256: doc.sha256.to_string(), size_bytes, uploaded_at: now })
}

#[derive(sqlx::FromRow)]
struct DocumentRow {
    id: Uuid,
    sha256: String,
    size_bytes: i64,
    uploaded_at: DateTime<Utc>,
}

/// What is known of the newest PDF uploaded for a contract of this dealer (not its bytes).
pub async fn newest_info(
    db: &Db,
    dealer_id: DealerId,
    contract_id: Uuid,
) -> Result<Option<ContractDocument>, sqlx::Error> {
    let row: Option<DocumentRow> = db_run!(db, pool => {
        sqlx::query_as(
            "SELECT id, sha256, size_bytes, uploaded_at FROM contract_documents \
             WHERE dealer_id = $1 AND contract_id = $2 ORDER BY uploaded_at DESC, id DESC LIMIT 1",
        )
        .bind(dealer_id)
        .bind(contract_id)
        .fetch_optional(pool)
        .await?
    });
    Ok(row.map(|r| ContractDocument {
        id: r.id,
        sha256: r.sha256,
        size_bytes: r.size_bytes,
        uploaded_at: r.uploaded_at,
    }))
}

/// The bytes of the newest PDF uploaded for a contract of this dealer, if any.
pub async fn newest(db: &Db, dealer_id: DealerId, contract_id: Uuid) -> Result<Option<Vec<u8>>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_scalar(
            "SELECT content FROM contract_documents WHERE dealer_id = $1 AND contract_id = $2 \
             ORDER BY uploaded_at DESC, id DESC LIMIT 1",
        )
        .bind(dealer_id)
        .bind(contract_id)
        .fetch_optional(pool)
        .await
    })
}

/// The parties of one of this customer's contracts, or `None` when it is not theirs.
pub async fn parties(
    db: &Db,
    customer_id: CustomerId,
    contract_id: Uuid,
) -> Result<Option<Parties>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(
            "SELECT cu.name AS customer_name, cu.account_number, cu.address AS customer_address, \
             l.name AS store_name, \
             l.address AS store_address, l.phone AS store_phone, l.email AS store_email \
             FROM contracts c JOIN customers cu ON cu.id = c.customer_id \
             JOIN locations l ON l.id = c.location_id \
             WHERE c.id = $1 AND c.customer_id = $2",
        )
        .bind(contract_id)
        .bind(customer_id)
        .fetch_optional(pool)
        .await
    })
}
