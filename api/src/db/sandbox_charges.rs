//! The sandbox gateway's ledger (`sandbox_charges`): what a real gateway would hold on its
//! side, one row per idempotency key.

use chrono::{DateTime, Utc};

use super::{Db, db_run};
use crate::ids::DealerId;

/// One sandbox charge. Never the token: brand and last four digits only.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SandboxCharge {
    pub idempotency_key: String,
    pub reference: String,
    pub dealer_id: DealerId,
    pub method: String,
    pub amount_minor: i64,
    pub currency: String,
    /// `approve`, `decline`, `insufficient_funds` or `invalid_token`.
    pub outcome: String,
    pub brand: Option<String>,
    pub last4: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Records `charge` unless its key is known, and answers the row stored under the key: the
/// first charge's, for a retry. Concurrent first charges under one key write one row.
pub async fn record_once(db: &Db, charge: &SandboxCharge) -> Result<SandboxCharge, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query(
            "INSERT INTO sandbox_charges (idempotency_key, reference, dealer_id, method, amount_minor, \
             currency, outcome, brand, last4, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             ON CONFLICT (idempotency_key) DO NOTHING",
        )
        .bind(&charge.idempotency_key)
        .bind(&charge.reference)
        .bind(charge.dealer_id)
        .bind(&charge.method)
        .bind(charge.amount_minor)
        .bind(&charge.currency)
        .bind(&charge.outcome)
        .bind(&charge.brand)
        .bind(&charge.last4)
        .bind(charge.created_at)
        .execute(pool)
        .await?;
    });
    find(db, &charge.idempotency_key).await?.ok_or(sqlx::Error::RowNotFound)
}

/// The charge recorded under `idempotency_key`, if any (a lookup: never writes).
pub async fn find(db: &Db, idempotency_key: &str) -> Result<Option<SandboxCharge>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(
            "SELECT idempotency_key, reference, dealer_id, method, amount_minor, currency, outcome, \
             brand, last4, created_at FROM sandbox_charges WHERE idempotency_key = $1",
        )
        .bind(idempotency_key)
        .fetch_optional(pool)
        .await
    })
}
