//! Dealers as the platform operator creates and lists them (J4), and their first admins.

use chrono::{DateTime, Utc};
use shared::platform::DealerSummary;

use super::audit::{AuditEvent, record_audit};
use super::decode::enum_text;
use super::outbox::{NewEmail, enqueue_email};
use super::users::{NewUser, insert_user};
use super::{BeginWrite, Db, db_run, is_unique_violation};
use crate::domain::dealers::ValidDealer;
use crate::ids::{DealerId, UserId};

/// Brand colours a new dealer starts with, until its admin sets its own.
const DEFAULT_PRIMARY: &str = "#1d4ed8";
const DEFAULT_ACCENT: &str = "#f59e0b";

/// What creating a dealer came to.
pub enum Created {
    Dealer(DealerId),
    /// Another dealer has this slug already.
    SlugTaken,
}

pub async fn insert(
    db: &Db,
    id: DealerId,
    dealer: &ValidDealer,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<Created, sqlx::Error> {
    // `?` inside leaves the block, so a unique violation reaches the match below.
    let result: Result<(), sqlx::Error> = async {
        db_run!(db, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO dealers (id, slug, name, country, currency, locale, terminology, time_zone, \
                 primary_color, accent_color, logo_url, support_phone, support_email, welcome_message, \
                 created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, $11, $12, NULL, $13, $13)",
            )
            .bind(id)
            .bind(&dealer.slug)
            .bind(&dealer.name)
            .bind(&dealer.country)
            .bind(dealer.currency.code())
            .bind(&dealer.locale)
            .bind(dealer.terminology.as_str())
            .bind(dealer.time_zone.name())
            .bind(DEFAULT_PRIMARY)
            .bind(DEFAULT_ACCENT)
            .bind(dealer.support_phone.as_deref())
            .bind(dealer.support_email.as_deref())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            record_audit!(&mut *tx, audit, now).await?;
            tx.commit().await
        })
    }
    .await;
    match result {
        Ok(()) => Ok(Created::Dealer(id)),
        Err(err) if is_unique_violation(&err) => Ok(Created::SlugTaken),
        Err(err) => Err(err),
    }
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: DealerId,
    slug: String,
    name: String,
    country: String,
    currency: String,
    time_zone: String,
    locale: String,
    terminology: String,
    created_at: DateTime<Utc>,
}

impl SummaryRow {
    fn into_summary(self) -> Result<DealerSummary, sqlx::Error> {
        Ok(DealerSummary {
            id: self.id.get(),
            slug: self.slug,
            name: self.name,
            country: self.country,
            currency: enum_text(&self.currency, "dealers.currency")?,
            time_zone: self.time_zone,
            locale: self.locale,
            terminology: enum_text(&self.terminology, "dealers.terminology")?,
            created_at: self.created_at,
        })
    }
}

const SUMMARY: &str =
    "SELECT id, slug, name, country, currency, time_zone, locale, terminology, created_at FROM dealers";

/// Every dealer, by name.
pub async fn list(db: &Db) -> Result<Vec<DealerSummary>, sqlx::Error> {
    let sql = format!("{SUMMARY} ORDER BY name, slug");
    let rows: Vec<SummaryRow> =
        db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await)?;
    rows.into_iter().map(SummaryRow::into_summary).collect()
}

/// The dealer with this slug.
pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<DealerSummary>, sqlx::Error> {
    let sql = format!("{SUMMARY} WHERE slug = $1");
    let row: Option<SummaryRow> =
        db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(slug).fetch_optional(pool).await)?;
    row.map(SummaryRow::into_summary).transpose()
}

/// A new administrator with no password yet, and the one-time link (a password-reset
/// token) that lets them choose one, mailed in the same transaction; `false` when the
/// email already names a login.
pub async fn insert_admin(
    db: &Db,
    user: &NewUser,
    token_hash: &str,
    expires_at: DateTime<Utc>,
    email: &NewEmail,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let user_id: UserId = user.id;
    let result: Result<(), sqlx::Error> = async {
        db_run!(db, pool => {
            let mut tx = pool.begin_write().await?;
            insert_user!(&mut *tx, user, now).await?;
            sqlx::query(
                "INSERT INTO password_reset_tokens (id, user_id, token_hash, created_at, expires_at, \
                 used_at, ip) VALUES ($1, $2, $3, $4, $5, NULL, NULL)",
            )
            .bind(uuid::Uuid::now_v7())
            .bind(user_id)
            .bind(token_hash)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
            enqueue_email!(&mut *tx, email, now).await?;
            record_audit!(&mut *tx, audit, now).await?;
            tx.commit().await
        })
    }
    .await;
    match result {
        Ok(()) => Ok(true),
        Err(err) if is_unique_violation(&err) => Ok(false),
        Err(err) => Err(err),
    }
}

/// The dealer's time zone.
pub async fn time_zone(db: &Db, dealer_id: DealerId) -> Result<chrono_tz::Tz, sqlx::Error> {
    let zone: String = db_run!(db, pool => {
        sqlx::query_scalar("SELECT time_zone FROM dealers WHERE id = $1").bind(dealer_id).fetch_one(pool).await?
    });
    super::decode::time_zone(&zone, "dealers.time_zone")
}

/// Today at the dealer, at `now` (see `domain::calendar`).
pub async fn today(
    db: &Db,
    dealer_id: DealerId,
    now: DateTime<Utc>,
) -> Result<chrono::NaiveDate, sqlx::Error> {
    Ok(crate::domain::calendar::today_in(time_zone(db, dealer_id).await?, now))
}

/// The dealer's settings (H9).
pub async fn settings(db: &Db, dealer_id: DealerId) -> Result<shared::branding::DealerSettings, sqlx::Error> {
    let (time_zone, billing_stops_on): (String, String) = db_run!(db, pool => {
        sqlx::query_as("SELECT time_zone, billing_stops_on FROM dealers WHERE id = $1")
            .bind(dealer_id)
            .fetch_one(pool)
            .await?
    });
    Ok(shared::branding::DealerSettings {
        time_zone,
        billing_stops_on: enum_text(&billing_stops_on, "dealers.billing_stops_on")?,
    })
}

/// Stores the dealer's settings (`time_zone` already checked) with their audit record, in
/// one transaction.
pub async fn update_settings(
    db: &Db,
    dealer_id: DealerId,
    settings: &shared::branding::DealerSettings,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query("UPDATE dealers SET time_zone = $2, billing_stops_on = $3, updated_at = $4 WHERE id = $1")
            .bind(dealer_id)
            .bind(&settings.time_zone)
            .bind(settings.billing_stops_on.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await
    })
}
