//! What a dealer admin sets on the Settings screen (H9) beyond the time zone: the look and
//! words of the customer portal, the home tiles, where each store's request emails go, and
//! how customers pay. Gateway secrets go in and never come out: the answers carry the last
//! four characters and when the secret was set.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::branding::Terminology;
use crate::payments::PaymentMethod;

/// Longest welcome message, in characters.
pub const MAX_WELCOME_CHARS: usize = 300;
/// Largest logo, in bytes.
pub const MAX_LOGO_BYTES: usize = 512 * 1024;
/// Shortest and longest gateway secret key, in characters.
pub const SECRET_KEY_CHARS: std::ops::RangeInclusive<usize> = 8..=500;
/// Longest gateway publishable key, in characters.
pub const MAX_PUBLIC_KEY_CHARS: usize = 200;

/// A tile of the customer's home screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HomeTile {
    Rentals,
    CallOff,
    Invoices,
    Pay,
    Reservations,
    Quotes,
    Contracts,
    Requests,
    Tracking,
    Feedback,
    Contact,
}

impl HomeTile {
    /// In the order the home screen shows them.
    pub const ALL: [HomeTile; 11] = [
        HomeTile::Rentals,
        HomeTile::CallOff,
        HomeTile::Invoices,
        HomeTile::Pay,
        HomeTile::Reservations,
        HomeTile::Quotes,
        HomeTile::Contracts,
        HomeTile::Requests,
        HomeTile::Tracking,
        HomeTile::Feedback,
        HomeTile::Contact,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HomeTile::Rentals => "rentals",
            HomeTile::CallOff => "call_off",
            HomeTile::Invoices => "invoices",
            HomeTile::Pay => "pay",
            HomeTile::Reservations => "reservations",
            HomeTile::Quotes => "quotes",
            HomeTile::Contracts => "contracts",
            HomeTile::Requests => "requests",
            HomeTile::Tracking => "tracking",
            HomeTile::Feedback => "feedback",
            HomeTile::Contact => "contact",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The tile's title, in the dealer's words.
    pub fn label(self, words: Terminology) -> &'static str {
        match self {
            HomeTile::Rentals => words.my_items(),
            HomeTile::CallOff => words.call_off(),
            HomeTile::Invoices => "Invoices",
            HomeTile::Pay => "Pay",
            HomeTile::Reservations => "Reservations",
            HomeTile::Quotes => "Quotes",
            HomeTile::Contracts => "All contracts",
            HomeTile::Requests => "My requests",
            HomeTile::Tracking => "Tracking",
            HomeTile::Feedback => "Questions & feedback",
            HomeTile::Contact => "Contact the store",
        }
    }

    /// The tiles in `shown`, in home-screen order, each once.
    pub fn ordered(shown: &[HomeTile]) -> Vec<HomeTile> {
        Self::ALL.into_iter().filter(|t| shown.contains(t)).collect()
    }
}

/// Every tile: what a dealer shows until its admin hides some.
pub fn all_home_tiles() -> Vec<HomeTile> {
    HomeTile::ALL.to_vec()
}

/// `GET`/`PUT /admin/settings/branding`: the look and words of the customer portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BrandingSettings {
    /// Headers, buttons and the featured tile, `#rrggbb`. Refused (422) when neither white
    /// nor dark text reaches WCAG AA (4.5:1) on it.
    pub primary_color: String,
    /// Highlights and icons on the featured tile, `#rrggbb`; the same contrast rule.
    pub accent_color: String,
    /// Shown on the customer's home; at most 300 characters. Empty or absent: none.
    #[serde(default)]
    pub welcome_message: Option<String>,
    /// "My Rentals" / "My Hires", "Call off" / "Off-hire".
    pub terminology: Terminology,
    /// The home tiles customers see, at least one.
    pub home_tiles: Vec<HomeTile>,
    /// The languages customers are offered, at least one, in the order offered (A13).
    /// Absent: English only.
    #[serde(default = "crate::i18n::default_languages")]
    pub languages: Vec<crate::i18n::Language>,
}

/// The dealer's logo as stored: where it is served and what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LogoInfo {
    /// Relative URL, new for each upload (so no cache keeps an old logo).
    pub logo_url: String,
    /// `image/png`, `image/jpeg` or `image/svg+xml`, as read from the file itself.
    pub content_type: String,
    pub size_bytes: i64,
}

/// A store of the dealer and where its requests are emailed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoreEmail {
    pub location_id: Uuid,
    pub code: String,
    pub name: String,
    /// The store's email from the back office (read only here).
    pub store_email: Option<String>,
    /// Where call-off and service requests for this store go when set; otherwise to
    /// `store_email`, else the dealer's support email.
    pub request_email: Option<String>,
}

/// `PUT /admin/settings/store-emails/{location_id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StoreEmailInput {
    /// Empty or absent: requests go to the store's own email again.
    #[serde(default)]
    pub request_email: Option<String>,
}

/// A stored gateway secret, as far as it is ever shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MaskedSecret {
    /// The secret's last four characters.
    pub last4: String,
    pub updated_at: DateTime<Utc>,
}

/// One payment method of the dealer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentMethodSettings {
    pub method: PaymentMethod,
    pub enabled: bool,
    /// The gateway that takes the money (`sandbox` until a provider is connected).
    pub gateway: String,
    /// Publishable key the browser uses, if the gateway has one (not a secret).
    pub public_key: Option<String>,
    /// The gateway secret key, masked; `null` when none is stored. Never returned in full.
    pub secret_key: Option<MaskedSecret>,
}

/// `GET /admin/settings/payments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentSettings {
    /// Card and ACH, in that order.
    pub methods: Vec<PaymentMethodSettings>,
    /// Whether invoices may be paid without logging in (E7).
    pub guest_payment: bool,
}

/// One method in `PUT /admin/settings/payments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PaymentMethodInput {
    pub method: PaymentMethod,
    pub enabled: bool,
    #[serde(default)]
    pub public_key: Option<String>,
    /// Write only: a new gateway secret key replaces the stored one; absent or empty keeps
    /// it. Stored encrypted; no answer ever contains it.
    #[serde(default)]
    pub secret_key: Option<String>,
}

/// `PUT /admin/settings/payments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PaymentSettingsInput {
    /// Each method at most once; a method left out keeps its settings.
    pub methods: Vec<PaymentMethodInput>,
    pub guest_payment: bool,
}

/// The last four characters of a secret, as [`MaskedSecret::last4`] shows them.
pub fn last4(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    chars[chars.len().saturating_sub(4)..].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiles_round_trip_and_keep_home_order() {
        for tile in HomeTile::ALL {
            assert_eq!(HomeTile::parse(tile.as_str()), Some(tile));
            let json = serde_json::to_string(&tile).unwrap();
            assert_eq!(json, format!("\"{}\"", tile.as_str()));
        }
        assert_eq!(HomeTile::parse("bogus"), None);
        let ordered = HomeTile::ordered(&[HomeTile::Contact, HomeTile::Rentals, HomeTile::Contact]);
        assert_eq!(ordered, [HomeTile::Rentals, HomeTile::Contact]);
        assert_eq!(HomeTile::Rentals.label(Terminology::Hires), "My Hires");
    }

    #[test]
    fn last4_counts_characters() {
        assert_eq!(last4("sk_test_abcd1234"), "1234");
        assert_eq!(last4("ab"), "ab");
        assert_eq!(last4("ключ1234é"), "234é");
    }
}
