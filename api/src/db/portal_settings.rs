//! The dealer settings behind the customer portal (H9): look and words, the uploaded logo,
//! where each store's request emails go, and the payment methods with their sealed gateway
//! secrets. Every write carries its audit record in the same transaction.

use chrono::{DateTime, Utc};
use shared::payments::PaymentMethod;
use shared::settings::{BrandingSettings, MaskedSecret, PaymentMethodSettings, PaymentSettings, StoreEmail};
use uuid::Uuid;

use super::audit::{AuditEvent, record_audit};
use super::branding::{hidden_tiles, offered_languages, shown_tiles};
use super::decode::enum_text;
use super::{BeginWrite, Db, db_run};
use crate::ids::DealerId;

/// The gateway a method gets when the dealer first switches it on (the only one built).
const DEFAULT_GATEWAY: &str = "sandbox";

#[derive(sqlx::FromRow)]
struct BrandingRow {
    primary_color: String,
    accent_color: String,
    welcome_message: Option<String>,
    terminology: String,
    hidden_home_tiles: String,
    languages: String,
}

/// The dealer's look and words.
pub async fn branding(db: &Db, dealer_id: DealerId) -> Result<BrandingSettings, sqlx::Error> {
    let row: BrandingRow = db_run!(db, pool => {
        sqlx::query_as(
            "SELECT primary_color, accent_color, welcome_message, terminology, hidden_home_tiles, \
             languages FROM dealers WHERE id = $1",
        )
        .bind(dealer_id)
        .fetch_one(pool)
        .await?
    });
    Ok(BrandingSettings {
        primary_color: row.primary_color,
        accent_color: row.accent_color,
        welcome_message: row.welcome_message,
        terminology: enum_text(&row.terminology, "dealers.terminology")?,
        home_tiles: shown_tiles(&row.hidden_home_tiles)?,
        languages: offered_languages(&row.languages),
    })
}

/// Stores the dealer's look and words (already checked) with the audit record.
pub async fn update_branding(
    db: &Db,
    dealer_id: DealerId,
    settings: &BrandingSettings,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query(
            "UPDATE dealers SET primary_color = $2, accent_color = $3, welcome_message = $4, \
             terminology = $5, hidden_home_tiles = $6, languages = $8, updated_at = $7 WHERE id = $1",
        )
        .bind(dealer_id)
        .bind(&settings.primary_color)
        .bind(&settings.accent_color)
        .bind(settings.welcome_message.as_deref())
        .bind(settings.terminology.as_str())
        .bind(hidden_tiles(&settings.home_tiles))
        .bind(now)
        .bind(shared::i18n::Language::list_to_text(&settings.languages))
        .execute(&mut *tx)
        .await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await
    })
}

/// A logo to store: its id (and so its URL), media type and bytes.
pub struct NewLogo<'a> {
    pub id: Uuid,
    pub content_type: &'a str,
    pub content: &'a [u8],
    pub url: &'a str,
}

/// Replaces the dealer's logo and points its branding at the new URL, with the audit
/// record, in one transaction.
pub async fn replace_logo(
    db: &Db,
    dealer_id: DealerId,
    logo: &NewLogo<'_>,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let size = i64::try_from(logo.content.len()).unwrap_or(i64::MAX);
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query("DELETE FROM dealer_logos WHERE dealer_id = $1").bind(dealer_id).execute(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO dealer_logos (id, dealer_id, content_type, size_bytes, content, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(logo.id)
        .bind(dealer_id)
        .bind(logo.content_type)
        .bind(size)
        .bind(logo.content)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE dealers SET logo_url = $2, updated_at = $3 WHERE id = $1")
            .bind(dealer_id)
            .bind(logo.url)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await
    })
}

/// Removes the dealer's logo (uploaded or not) with the audit record.
pub async fn remove_logo(
    db: &Db,
    dealer_id: DealerId,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query("DELETE FROM dealer_logos WHERE dealer_id = $1").bind(dealer_id).execute(&mut *tx).await?;
        sqlx::query("UPDATE dealers SET logo_url = NULL, updated_at = $2 WHERE id = $1")
            .bind(dealer_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await
    })
}

/// The dealer's logo URL now.
pub async fn logo_url(db: &Db, dealer_id: DealerId) -> Result<Option<String>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_scalar("SELECT logo_url FROM dealers WHERE id = $1").bind(dealer_id).fetch_one(pool).await
    })
}

/// An uploaded logo by its id: media type and bytes.
pub async fn logo(db: &Db, id: Uuid) -> Result<Option<(String, Vec<u8>)>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as("SELECT content_type, content FROM dealer_logos WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await
    })
}

#[derive(sqlx::FromRow)]
struct StoreEmailRow {
    id: Uuid,
    code: String,
    name: String,
    email: Option<String>,
    request_email: Option<String>,
}

impl From<StoreEmailRow> for StoreEmail {
    fn from(row: StoreEmailRow) -> Self {
        StoreEmail {
            location_id: row.id,
            code: row.code,
            name: row.name,
            store_email: row.email,
            request_email: row.request_email,
        }
    }
}

/// The dealer's stores with their emails, by name.
pub async fn store_emails(db: &Db, dealer_id: DealerId) -> Result<Vec<StoreEmail>, sqlx::Error> {
    let rows: Vec<StoreEmailRow> = db_run!(db, pool => {
        sqlx::query_as(
            "SELECT id, code, name, email, request_email FROM locations WHERE dealer_id = $1 \
             ORDER BY name, code, id",
        )
        .bind(dealer_id)
        .fetch_all(pool)
        .await?
    });
    Ok(rows.into_iter().map(StoreEmail::from).collect())
}

/// One store of the dealer; `None` for another dealer's or an unknown location.
pub async fn store_email(
    db: &Db,
    dealer_id: DealerId,
    location_id: Uuid,
) -> Result<Option<StoreEmail>, sqlx::Error> {
    let row: Option<StoreEmailRow> = db_run!(db, pool => {
        sqlx::query_as(
            "SELECT id, code, name, email, request_email FROM locations WHERE id = $1 AND dealer_id = $2",
        )
        .bind(location_id)
        .bind(dealer_id)
        .fetch_optional(pool)
        .await?
    });
    Ok(row.map(StoreEmail::from))
}

/// Sets where a store's requests go (`None`: its own email), with the audit record.
pub async fn set_request_email(
    db: &Db,
    dealer_id: DealerId,
    location_id: Uuid,
    request_email: Option<&str>,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query("UPDATE locations SET request_email = $3, updated_at = $4 WHERE id = $1 AND dealer_id = $2")
            .bind(location_id)
            .bind(dealer_id)
            .bind(request_email)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await
    })
}

#[derive(sqlx::FromRow)]
struct MethodRow {
    method: String,
    enabled: bool,
    gateway: String,
    public_key: Option<String>,
    secret_key_last4: Option<String>,
    secret_key_updated_at: Option<DateTime<Utc>>,
}

/// The dealer's payment methods (card, then ACH; one not set up yet reads as off) and
/// guest payment. Secrets show as their last four characters only: the sealed value is
/// never read here.
pub async fn payments(db: &Db, dealer_id: DealerId) -> Result<PaymentSettings, sqlx::Error> {
    let (rows, guest_payment): (Vec<MethodRow>, bool) = db_run!(db, pool => {
        let rows = sqlx::query_as(
            "SELECT method, enabled, gateway, public_key, secret_key_last4, secret_key_updated_at \
             FROM dealer_payment_methods WHERE dealer_id = $1",
        )
        .bind(dealer_id)
        .fetch_all(pool)
        .await?;
        let guest = sqlx::query_scalar("SELECT guest_payment_enabled FROM dealers WHERE id = $1")
            .bind(dealer_id)
            .fetch_one(pool)
            .await?;
        (rows, guest)
    });
    let mut methods = Vec::new();
    for method in PaymentMethod::ALL {
        let row = rows.iter().find(|r| r.method == method.as_str());
        methods.push(match row {
            Some(row) => PaymentMethodSettings {
                method: enum_text(&row.method, "dealer_payment_methods.method")?,
                enabled: row.enabled,
                gateway: row.gateway.clone(),
                public_key: row.public_key.clone(),
                secret_key: match (&row.secret_key_last4, row.secret_key_updated_at) {
                    (Some(last4), Some(updated_at)) => {
                        Some(MaskedSecret { last4: last4.clone(), updated_at })
                    }
                    _ => None,
                },
            },
            None => PaymentMethodSettings {
                method,
                enabled: false,
                gateway: DEFAULT_GATEWAY.to_string(),
                public_key: None,
                secret_key: None,
            },
        });
    }
    Ok(PaymentSettings { methods, guest_payment })
}

/// A new secret key: sealed, with the last four characters to show.
pub struct SealedSecret {
    pub sealed: String,
    pub last4: String,
}

/// One method to store; `secret: None` keeps the stored secret.
pub struct MethodWrite {
    pub method: PaymentMethod,
    pub enabled: bool,
    pub public_key: Option<String>,
    pub secret: Option<SealedSecret>,
}

/// Stores payment methods and guest payment with the audit record, in one transaction.
pub async fn update_payments(
    db: &Db,
    dealer_id: DealerId,
    methods: &[MethodWrite],
    guest_payment: bool,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        for write in methods {
            let (sealed, last4, secret_at) = match &write.secret {
                Some(secret) => (Some(secret.sealed.as_str()), Some(secret.last4.as_str()), Some(now)),
                None => (None, None, None),
            };
            sqlx::query(
                "INSERT INTO dealer_payment_methods (dealer_id, method, gateway, enabled, public_key, \
                 credentials_ref, updated_at, secret_key_sealed, secret_key_last4, secret_key_updated_at) \
                 VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8, $9) \
                 ON CONFLICT (dealer_id, method) DO UPDATE SET enabled = excluded.enabled, \
                 public_key = excluded.public_key, updated_at = excluded.updated_at, \
                 secret_key_sealed = COALESCE(excluded.secret_key_sealed, dealer_payment_methods.secret_key_sealed), \
                 secret_key_last4 = COALESCE(excluded.secret_key_last4, dealer_payment_methods.secret_key_last4), \
                 secret_key_updated_at = COALESCE(excluded.secret_key_updated_at, dealer_payment_methods.secret_key_updated_at)",
            )
            .bind(dealer_id)
            .bind(write.method.as_str())
            .bind(DEFAULT_GATEWAY)
            .bind(write.enabled)
            .bind(write.public_key.as_deref())
            .bind(now)
            .bind(sealed)
            .bind(last4)
            .bind(secret_at)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("UPDATE dealers SET guest_payment_enabled = $2, updated_at = $3 WHERE id = $1")
            .bind(dealer_id)
            .bind(guest_payment)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await
    })
}

/// The sealed secret key of a dealer's method, for the gateway adapter that signs with it.
pub async fn sealed_secret_key(
    db: &Db,
    dealer_id: DealerId,
    method: PaymentMethod,
) -> Result<Option<String>, sqlx::Error> {
    let sealed: Option<Option<String>> = db_run!(db, pool => {
        sqlx::query_scalar(
            "SELECT secret_key_sealed FROM dealer_payment_methods WHERE dealer_id = $1 AND method = $2",
        )
        .bind(dealer_id)
        .bind(method.as_str())
        .fetch_optional(pool)
        .await?
    });
    Ok(sealed.flatten())
}
