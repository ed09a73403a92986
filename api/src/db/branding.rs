//! Dealers as seen by the web app: their branding and words.

use shared::branding::Branding;
use shared::i18n::Language;
use shared::settings::HomeTile;
use uuid::Uuid;

use super::decode::enum_text;
use super::{Db, db_run};
use crate::ids::DealerId;

#[derive(sqlx::FromRow)]
pub(crate) struct DealerRow {
    pub dealer_id: Uuid,
    pub slug: String,
    pub dealer_name: String,
    pub currency: String,
    pub locale: String,
    pub time_zone: String,
    pub billing_stops_on: String,
    pub terminology: String,
    pub primary_color: String,
    pub accent_color: String,
    pub logo_url: Option<String>,
    pub support_phone: Option<String>,
    pub support_email: Option<String>,
    pub welcome_message: Option<String>,
    pub hidden_home_tiles: String,
    pub guest_payment_enabled: bool,
    pub languages: String,
}

/// The languages a `dealers.languages` value offers; English when it names none.
pub(crate) fn offered_languages(stored: &str) -> Vec<Language> {
    let list = Language::list_from_text(stored);
    if list.is_empty() { shared::i18n::default_languages() } else { list }
}

/// The tiles a `dealers.hidden_home_tiles` value leaves showing, in home-screen order.
pub(crate) fn shown_tiles(hidden: &str) -> Result<Vec<HomeTile>, sqlx::Error> {
    let hidden = hidden
        .split(',')
        .filter(|word| !word.is_empty())
        .map(|word| enum_text::<HomeTile>(word, "dealers.hidden_home_tiles"))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(HomeTile::ALL.into_iter().filter(|tile| !hidden.contains(tile)).collect())
}

/// The `dealers.hidden_home_tiles` value that shows `shown`.
pub(crate) fn hidden_tiles(shown: &[HomeTile]) -> String {
    HomeTile::ALL
        .into_iter()
        .filter(|tile| !shown.contains(tile))
        .map(HomeTile::as_str)
        .collect::<Vec<_>>()
        .join(",")
}

impl DealerRow {
    pub fn into_branding(self) -> Result<Branding, sqlx::Error> {
        Ok(Branding {
            dealer_id: self.dealer_id,
            slug: self.slug,
            name: self.dealer_name,
            logo_url: self.logo_url,
            primary_color: self.primary_color,
            accent_color: self.accent_color,
            terminology: enum_text(&self.terminology, "dealers.terminology")?,
            locale: self.locale,
            time_zone: self.time_zone,
            billing_stops_on: enum_text(&self.billing_stops_on, "dealers.billing_stops_on")?,
            currency: enum_text(&self.currency, "dealers.currency")?,
            support_phone: self.support_phone,
            support_email: self.support_email,
            welcome_message: self.welcome_message,
            home_tiles: shown_tiles(&self.hidden_home_tiles)?,
            guest_payment: self.guest_payment_enabled,
            languages: offered_languages(&self.languages),
        })
    }
}

pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<Branding>, sqlx::Error> {
    let row: Option<DealerRow> = db_run!(db, pool => {
        sqlx::query_as(
            "SELECT d.id AS dealer_id, d.slug, d.name AS dealer_name, d.currency, d.locale, d.time_zone, d.billing_stops_on, \
             d.terminology, d.primary_color, d.accent_color, d.logo_url, d.support_phone, \
             d.support_email, d.welcome_message, d.hidden_home_tiles, d.guest_payment_enabled, d.languages FROM dealers d WHERE d.slug = $1",
        )
        .bind(slug)
        .fetch_optional(pool)
        .await?
    });
    row.map(DealerRow::into_branding).transpose()
}

pub async fn by_id(db: &Db, dealer_id: DealerId) -> Result<Option<Branding>, sqlx::Error> {
    let row: Option<DealerRow> = db_run!(db, pool => {
        sqlx::query_as(
            "SELECT d.id AS dealer_id, d.slug, d.name AS dealer_name, d.currency, d.locale, d.time_zone, d.billing_stops_on, \
             d.terminology, d.primary_color, d.accent_color, d.logo_url, d.support_phone, \
             d.support_email, d.welcome_message, d.hidden_home_tiles, d.guest_payment_enabled, d.languages FROM dealers d WHERE d.id = $1",
        )
        .bind(dealer_id)
        .fetch_optional(pool)
        .await?
    });
    row.map(DealerRow::into_branding).transpose()
}

/// How a dealer's portal looks: brand colours (`#rrggbb`), logo and welcome message.
pub struct Look<'a> {
    pub primary_color: &'a str,
    pub accent_color: &'a str,
    pub logo_url: Option<&'a str>,
    pub welcome_message: Option<&'a str>,
    /// The languages offered to customers, in order.
    pub languages: &'a [Language],
}

/// Sets the dealer's look; false when there is no such dealer.
pub async fn set_look(db: &Db, dealer_id: DealerId, look: &Look<'_>) -> Result<bool, sqlx::Error> {
    let rows = db_run!(db, pool => {
        sqlx::query(
            "UPDATE dealers SET primary_color = $2, accent_color = $3, logo_url = $4, \
             welcome_message = $5, languages = $7, updated_at = $6 WHERE id = $1",
        )
        .bind(dealer_id)
        .bind(look.primary_color)
        .bind(look.accent_color)
        .bind(look.logo_url)
        .bind(look.welcome_message)
        .bind(chrono::Utc::now())
        .bind(Language::list_to_text(look.languages))
        .execute(pool)
        .await?
        .rows_affected()
    });
    Ok(rows == 1)
}
