//! API clients (I2): a dealer's back-office credentials. The secret is stored only as a
//! SHA-256 hash; rotation bumps `secret_generation`, which every token carries.

use chrono::{DateTime, Utc};
use shared::integrations::{Scope, parse_scopes, scope_string};

use super::audit::{AuditEvent, record_audit};
use super::{BeginWrite, Db, db_run};
use crate::ids::{ApiClientId, DealerId, UserId};

const COLUMNS: &str = "k.id, k.dealer_id, k.name, k.client_id, k.secret_hash, k.secret_generation, k.scopes, \
     k.created_at, k.rotated_at, k.revoked_at, k.last_used_at, u.display_name AS created_by_name";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApiClientRow {
    pub id: ApiClientId,
    pub dealer_id: DealerId,
    pub name: String,
    pub client_id: String,
    pub secret_hash: String,
    pub secret_generation: i64,
    pub scopes: String,
    pub created_at: DateTime<Utc>,
    pub rotated_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub created_by_name: Option<String>,
}

impl ApiClientRow {
    /// The stored scopes; an error when a word names no [`Scope`].
    pub fn decoded_scopes(&self) -> Result<Vec<Scope>, sqlx::Error> {
        parse_scopes(&self.scopes).map_err(|word| {
            sqlx::Error::Decode(format!("api_clients.scopes holds an unknown scope {word:?}").into())
        })
    }
}

/// A client to create; `secret_hash` is the hash of the secret shown once to its creator.
pub struct NewApiClient<'a> {
    pub id: ApiClientId,
    pub dealer_id: DealerId,
    pub name: &'a str,
    pub client_id: &'a str,
    pub secret_hash: &'a str,
    pub scopes: &'a [Scope],
    pub created_by: Option<UserId>,
}

pub async fn insert(
    db: &Db,
    client: &NewApiClient<'_>,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query(
            "INSERT INTO api_clients (id, dealer_id, name, client_id, secret_hash, secret_generation, \
             scopes, created_by, created_at) VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8)",
        )
        .bind(client.id)
        .bind(client.dealer_id)
        .bind(client.name)
        .bind(client.client_id)
        .bind(client.secret_hash)
        .bind(scope_string(client.scopes))
        .bind(client.created_by)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await
    })
}

/// The dealer's clients, newest first, revoked ones included.
pub async fn list(db: &Db, dealer_id: DealerId) -> Result<Vec<ApiClientRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM api_clients k LEFT JOIN users u ON u.id = k.created_by \
         WHERE k.dealer_id = $1 ORDER BY k.created_at DESC, k.id DESC"
    );
    db_run!(db, pool => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(dealer_id).fetch_all(pool).await
    })
}

/// One of the dealer's clients; `None` for another dealer's.
pub async fn of_dealer(
    db: &Db,
    dealer_id: DealerId,
    id: ApiClientId,
) -> Result<Option<ApiClientRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM api_clients k LEFT JOIN users u ON u.id = k.created_by \
         WHERE k.id = $1 AND k.dealer_id = $2"
    );
    db_run!(db, pool => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).bind(dealer_id).fetch_optional(pool).await
    })
}

/// A client by its public `client_id` (the token endpoint).
pub async fn by_client_id(db: &Db, client_id: &str) -> Result<Option<ApiClientRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM api_clients k LEFT JOIN users u ON u.id = k.created_by WHERE k.client_id = $1"
    );
    db_run!(db, pool => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(client_id).fetch_optional(pool).await
    })
}

/// What a request with a client token needs to know, read afresh per request: whether
/// the client still holds that secret generation and is not revoked.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClientStanding {
    pub dealer_id: DealerId,
    pub secret_generation: i64,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

pub async fn standing(db: &Db, id: ApiClientId) -> Result<Option<ClientStanding>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(
            "SELECT dealer_id, secret_generation, revoked_at, last_used_at FROM api_clients WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(pool)
        .await
    })
}

/// Records that the client was used at `now`.
pub async fn touch(db: &Db, id: ApiClientId, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query("UPDATE api_clients SET last_used_at = $2 WHERE id = $1")
            .bind(id)
            .bind(now)
            .execute(pool)
            .await
            .map(|_| ())
    })
}

/// Replaces the secret of a live client of the dealer and bumps its generation; `false`
/// when there is no such live client (another dealer's, unknown, or revoked).
pub async fn rotate(
    db: &Db,
    dealer_id: DealerId,
    id: ApiClientId,
    secret_hash: &str,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let updated = sqlx::query(
            "UPDATE api_clients SET secret_hash = $3, secret_generation = secret_generation + 1, \
             rotated_at = $4 WHERE id = $1 AND dealer_id = $2 AND revoked_at IS NULL",
        )
        .bind(id)
        .bind(dealer_id)
        .bind(secret_hash)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated == 1 {
            record_audit!(&mut *tx, audit, now).await?;
        }
        tx.commit().await?;
        Ok(updated == 1)
    })
}

/// Revokes a live client of the dealer; `false` when there is no such live client.
pub async fn revoke(
    db: &Db,
    dealer_id: DealerId,
    id: ApiClientId,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let updated = sqlx::query(
            "UPDATE api_clients SET revoked_at = $3 WHERE id = $1 AND dealer_id = $2 AND revoked_at IS NULL",
        )
        .bind(id)
        .bind(dealer_id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated == 1 {
            record_audit!(&mut *tx, audit, now).await?;
        }
        tx.commit().await?;
        Ok(updated == 1)
    })
}
