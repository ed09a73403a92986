//! The back office's sync status (H11, migration 0023): one `integration_sync` row per dealer
//! and kind of data, upserted once per integration call. An accepted call records its arrival
//! with [`record_arrival!`] inside the write's own transaction (so the status never claims a
//! write that rolled back); a refused one records its problem with [`record_refusal`] on its
//! own, since its write rolled back.

use chrono::{DateTime, Utc};
use shared::sync_status::SyncKind;

use super::{Db, db_run};
use crate::ids::DealerId;

/// Records, on `$conn` (a pool or `&mut *tx`), that a call of kind `$kind` for dealer
/// `$dealer_id` carrying `$records` records was accepted at `$at`. One statement; the last
/// error is kept (the page shows it with its time).
macro_rules! record_arrival {
    ($conn:expr, $dealer_id:expr, $kind:expr, $records:expr, $at:expr) => {
        sqlx::query(
            "INSERT INTO integration_sync (dealer_id, kind, last_arrived_at, last_records) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (dealer_id, kind) DO UPDATE SET \
             last_arrived_at = excluded.last_arrived_at, last_records = excluded.last_records",
        )
        .bind($dealer_id)
        .bind(shared::sync_status::SyncKind::as_str($kind))
        .bind($at)
        .bind(i64::try_from($records).unwrap_or(i64::MAX))
        .execute($conn)
    };
}
pub(crate) use record_arrival;

/// Records an accepted call that wrote nothing, so had no transaction of its own (the same
/// PDF sent again).
pub async fn arrival(
    db: &Db,
    dealer_id: DealerId,
    kind: SyncKind,
    records: usize,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => record_arrival!(pool, dealer_id, kind, records, at).await.map(|_| ()))
}

/// A refused call as recorded.
#[derive(Debug, Clone)]
pub struct Refusal<'a> {
    pub status: u16,
    pub code: &'a str,
    pub title: &'a str,
    pub detail: Option<&'a str>,
}

/// Records that a call of `kind` was refused at `at`; the last arrival is left as it was.
pub async fn record_refusal(
    db: &Db,
    dealer_id: DealerId,
    kind: SyncKind,
    refusal: &Refusal<'_>,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query(
            "INSERT INTO integration_sync (dealer_id, kind, last_error_at, last_error_status, \
             last_error_code, last_error_title, last_error_detail) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (dealer_id, kind) DO UPDATE SET last_error_at = excluded.last_error_at, \
             last_error_status = excluded.last_error_status, last_error_code = excluded.last_error_code, \
             last_error_title = excluded.last_error_title, last_error_detail = excluded.last_error_detail",
        )
        .bind(dealer_id)
        .bind(kind.as_str())
        .bind(at)
        .bind(i32::from(refusal.status))
        .bind(refusal.code)
        .bind(refusal.title)
        .bind(refusal.detail)
        .execute(pool)
        .await
        .map(|_| ())
    })
}

/// One stored row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SyncRow {
    pub kind: String,
    pub last_arrived_at: Option<DateTime<Utc>>,
    pub last_records: Option<i64>,
    pub last_error_at: Option<DateTime<Utc>>,
    pub last_error_status: Option<i32>,
    pub last_error_code: Option<String>,
    pub last_error_title: Option<String>,
    pub last_error_detail: Option<String>,
}

/// How many records of each kind the dealer has now, in [`SyncKind::ALL`] order.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Counts {
    pub locations: i64,
    pub customers: i64,
    pub contracts: i64,
    pub invoices: i64,
    pub contract_documents: i64,
    pub invoice_documents: i64,
    pub positions: i64,
    pub counter_payments: i64,
    pub posted_payments: i64,
}

impl Counts {
    pub fn of(&self, kind: SyncKind) -> i64 {
        match kind {
            SyncKind::Locations => self.locations,
            SyncKind::Customers => self.customers,
            SyncKind::Contracts => self.contracts,
            SyncKind::Invoices => self.invoices,
            SyncKind::ContractDocuments => self.contract_documents,
            SyncKind::InvoiceDocuments => self.invoice_documents,
            SyncKind::Positions => self.positions,
            SyncKind::CounterPayments => self.counter_payments,
            SyncKind::PostedPayments => self.posted_payments,
        }
    }
}

/// The dealer's stored rows (any order) and its counts now: one query each, every count
/// read through an index that starts with `dealer_id` (invoice PDFs through their invoices).
pub async fn status(db: &Db, dealer_id: DealerId) -> Result<(Vec<SyncRow>, Counts), sqlx::Error> {
    db_run!(db, pool => {
        let rows: Vec<SyncRow> = sqlx::query_as(
            "SELECT kind, last_arrived_at, last_records, last_error_at, last_error_status, \
             last_error_code, last_error_title, last_error_detail FROM integration_sync WHERE dealer_id = $1",
        )
        .bind(dealer_id)
        .fetch_all(pool)
        .await?;
        let counts: Counts = sqlx::query_as(
            "SELECT \
             (SELECT COUNT(*) FROM locations WHERE dealer_id = $1) AS locations, \
             (SELECT COUNT(*) FROM customers WHERE dealer_id = $1) AS customers, \
             (SELECT COUNT(*) FROM contracts WHERE dealer_id = $1) AS contracts, \
             (SELECT COUNT(*) FROM invoices WHERE dealer_id = $1) AS invoices, \
             (SELECT COUNT(*) FROM contract_documents WHERE dealer_id = $1) AS contract_documents, \
             (SELECT COUNT(*) FROM invoice_documents d JOIN invoices i ON i.id = d.invoice_id \
              WHERE i.dealer_id = $1) AS invoice_documents, \
             (SELECT COUNT(*) FROM asset_positions WHERE dealer_id = $1) AS positions, \
             (SELECT COUNT(*) FROM counter_payments WHERE dealer_id = $1) AS counter_payments, \
             (SELECT COUNT(*) FROM payments WHERE dealer_id = $1 AND posted_at IS NOT NULL) AS posted_payments",
        )
        .bind(dealer_id)
        .fetch_one(pool)
        .await?;
        Ok((rows, counts))
    })
}
