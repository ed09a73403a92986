//! The database: one pool of either engine, migrations, and one module per aggregate.
//!
//! This module tree is the only place with SQL. Every query is written once and compiled
//! against each engine's native driver through [`db_run!`], so SQLite (the zero-set-up
//! default) and PostgreSQL (production) share one code path without `sqlx::Any`'s limits.

pub mod accounts;
pub mod acting_dealers;
pub mod admin_customers;
pub mod api_clients;
pub mod audit;
pub mod branding;
pub mod contract_documents;
pub mod contract_upserts;
pub mod contracts;
pub mod counter_payments;
pub mod customers;
pub mod dealers;
pub mod decode;
pub mod email_changes;
pub mod events;
pub mod feedback;
pub mod idempotency;
pub mod integration_sync;
pub mod invitations;
pub mod invoice_documents;
pub mod invoice_upserts;
pub mod invoices;
pub mod memberships;
pub mod notifications;
pub mod operations;
pub mod outbox;
pub mod passwords;
pub mod payments;
pub mod portal_settings;
pub mod record_upserts;
pub mod rentals;
pub mod requests;
pub mod sandbox_charges;
pub mod seed;
pub mod sessions;
pub mod signups;
pub mod sql;
pub mod staff;
pub mod tracking;
pub mod users;
pub mod view_sessions;
pub mod webhooks;

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};

/// A connection pool to the configured engine.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs one query body against whichever engine `$db` holds.
///
/// The body is expanded once per engine, so each copy is type-checked against that
/// engine's native types and `QueryBuilder` placeholders. Inside, `$pool` is the
/// engine's pool (`&SqlitePool` or `&PgPool`).
macro_rules! db_run {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use db_run;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

impl Db {
    /// Connects to `url`: `postgres://` / `postgresql://` selects PostgreSQL, anything
    /// else is a SQLite path or `sqlite:` URL (the file is created when missing, in WAL mode).
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, sqlx::Error> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(Duration::from_secs(10))
                // No statement of ours is long enough to gain from JIT compilation, but a
                // plan costed on tables not analysed yet (a fresh dealer's first load)
                // crosses `jit_above_cost` and compiles for ~100 ms on every call (seen in
                // the admin list's rebuild, issue 16). A `SET`, not a startup option,
                // which connection poolers such as PgBouncer refuse.
                .after_connect(|conn, _meta| {
                    Box::pin(async move {
                        sqlx::Executor::execute(conn, "SET jit = off").await?;
                        Ok(())
                    })
                })
                .connect_with(options)
                .await?;
            Ok(Db::Postgres(pool))
        } else {
            let url = if url.starts_with("sqlite:") { url.to_string() } else { format!("sqlite://{url}") };
            let options = SqliteConnectOptions::from_str(&url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            let pool = SqlitePoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            Ok(Db::Sqlite(pool))
        }
    }

    /// Applies pending migrations for the engine.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self {
            Db::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await,
        }
    }

    pub fn engine(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// A trivial round trip, for readiness checks.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        db_run!(self, pool => {
            sqlx::query("SELECT 1").execute(pool).await.map(|_| ())
        })
    }

    pub async fn close(&self) {
        db_run!(self, pool => pool.close().await)
    }
}

/// Starting a transaction that will write.
///
/// SQLite's default (deferred) transaction takes the write lock only at its first write; if
/// another connection wrote since this one's first read, the upgrade fails at once with
/// "database is locked" — the busy timeout cannot help. `BEGIN IMMEDIATE` takes the write
/// lock up front and waits for it instead. PostgreSQL needs nothing special.
pub(crate) trait BeginWrite {
    type Database: sqlx::Database;

    fn begin_write(
        &self,
    ) -> impl std::future::Future<Output = Result<sqlx::Transaction<'static, Self::Database>, sqlx::Error>> + Send;
}

impl BeginWrite for SqlitePool {
    type Database = sqlx::Sqlite;

    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
        self.begin_with("BEGIN IMMEDIATE").await
    }
}

impl BeginWrite for PgPool {
    type Database = sqlx::Postgres;

    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error> {
        self.begin().await
    }
}

/// True when `err` is a unique-constraint violation (on either engine).
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// The location a record names, from the columns of an outer join (none when it names none).
pub(crate) fn location_ref(
    id: Option<uuid::Uuid>,
    external_id: Option<String>,
    name: Option<String>,
) -> Option<shared::contracts::LocationRef> {
    match (id, external_id, name) {
        (Some(id), Some(external_id), Some(name)) => {
            Some(shared::contracts::LocationRef { id, external_id, name })
        }
        _ => None,
    }
}
