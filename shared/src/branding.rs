//! A dealer's look and words: colours, logo, name, store contact, rental vs hire.

use serde::{Deserialize, Serialize};

use crate::money::Currency;

/// When a called-off item stops being billed: the day the customer calls it off, or the
/// pickup date they ask for (the default). A dealer setting, shown on the confirmation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BillingStop {
    CallOffDate,
    #[default]
    PickupDate,
}

impl BillingStop {
    pub fn as_str(self) -> &'static str {
        match self {
            BillingStop::CallOffDate => "call_off_date",
            BillingStop::PickupDate => "pickup_date",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "call_off_date" => Some(BillingStop::CallOffDate),
            "pickup_date" => Some(BillingStop::PickupDate),
            _ => None,
        }
    }
}

/// The settings a dealer admin keeps (H9): the dealer's time zone (its "today") and when
/// billing stops on a call-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DealerSettings {
    /// IANA time zone, e.g. `America/Denver`.
    pub time_zone: String,
    pub billing_stops_on: BillingStop,
}

/// Whether the dealer says "rental" (US, Canada) or "hire" (UK, Australia).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Terminology {
    #[default]
    Rentals,
    Hires,
}

impl Terminology {
    pub fn as_str(self) -> &'static str {
        match self {
            Terminology::Rentals => "rentals",
            Terminology::Hires => "hires",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "rentals" => Some(Terminology::Rentals),
            "hires" => Some(Terminology::Hires),
            _ => None,
        }
    }

    /// "My Rentals" / "My Hires".
    pub fn my_items(self) -> &'static str {
        match self {
            Terminology::Rentals => "My Rentals",
            Terminology::Hires => "My Hires",
        }
    }

    /// "rentals" / "hires", lower case, for running text.
    pub fn plural_noun(self) -> &'static str {
        self.as_str()
    }

    /// "on rent" / "on hire".
    pub fn on_rent(self) -> &'static str {
        match self {
            Terminology::Rentals => "on rent",
            Terminology::Hires => "on hire",
        }
    }

    /// "Call off" / "Off-hire".
    pub fn call_off(self) -> &'static str {
        match self {
            Terminology::Rentals => "Call off",
            Terminology::Hires => "Off-hire",
        }
    }
}

/// Everything the web app needs to dress itself as a dealer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Branding {
    pub dealer_id: uuid::Uuid,
    /// URL-safe dealer key, e.g. `summit`.
    pub slug: String,
    pub name: String,
    /// Relative URL of the dealer's logo (SVG, PNG or JPEG), served by us; an uploaded
    /// logo's URL changes with each upload.
    pub logo_url: Option<String>,
    /// CSS colour for headers and tiles, `#rrggbb`.
    pub primary_color: String,
    /// CSS colour for buttons and highlights, `#rrggbb`.
    pub accent_color: String,
    pub terminology: Terminology,
    /// BCP 47 locale, e.g. `en-US`, `en-GB`.
    pub locale: String,
    /// IANA time zone, e.g. `America/Denver`: "today", due and pickup dates, and the times
    /// shown, are the dealer's.
    pub time_zone: String,
    /// When a called-off item stops being billed.
    #[serde(default)]
    pub billing_stops_on: BillingStop,
    pub currency: Currency,
    pub support_phone: Option<String>,
    pub support_email: Option<String>,
    pub welcome_message: Option<String>,
    /// The home tiles customers see, in home-screen order.
    #[serde(default = "crate::settings::all_home_tiles")]
    pub home_tiles: Vec<crate::settings::HomeTile>,
    /// Whether invoices may be paid without logging in (E7).
    #[serde(default)]
    pub guest_payment: bool,
    /// The languages offered to the dealer's customers, in the order offered (A13).
    #[serde(default = "crate::i18n::default_languages")]
    pub languages: Vec<crate::i18n::Language>,
}

/// A web app manifest (W3C Web Application Manifest): what a phone shows when the portal is
/// installed to its home screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebAppManifest {
    /// The same app for every dealer: one installation per portal address.
    pub id: String,
    pub name: String,
    /// Under the icon on a home screen.
    pub short_name: String,
    pub description: String,
    pub start_url: String,
    pub scope: String,
    /// `standalone`: no browser bar.
    pub display: String,
    pub background_color: String,
    pub theme_color: String,
    pub icons: Vec<ManifestIcon>,
}

/// One icon of a [`WebAppManifest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManifestIcon {
    pub src: String,
    /// e.g. `192x192`.
    pub sizes: String,
    /// MIME type, e.g. `image/png`.
    #[serde(rename = "type")]
    pub mime_type: String,
    /// `any` or `maskable` (drawn inside the safe zone, for shaped launchers).
    pub purpose: String,
}

/// The page background of the web app (`--bg` in `web/style.css`), shown while it starts.
pub const APP_BACKGROUND: &str = "#f4f6fa";

impl WebAppManifest {
    /// The portal's own manifest, in a dealer's name and colour when one is given.
    pub fn new(dealer: Option<&Branding>) -> Self {
        let icon = |purpose: &str, size: u32| ManifestIcon {
            src: format!("/icons/{}-{size}.png", if purpose == "maskable" { "maskable" } else { "icon" }),
            sizes: format!("{size}x{size}"),
            mime_type: "image/png".to_string(),
            purpose: purpose.to_string(),
        };
        let (name, short_name, theme_color) = match dealer {
            Some(d) => (d.name.clone(), short_name(&d.name), d.primary_color.clone()),
            None => ("Rental Portal".to_string(), "Rentals".to_string(), "#1f3a5f".to_string()),
        };
        WebAppManifest {
            id: "/".to_string(),
            description: format!("{name}: what you have on rent, requests, invoices and payments."),
            name,
            short_name,
            start_url: "/".to_string(),
            scope: "/".to_string(),
            display: "standalone".to_string(),
            background_color: APP_BACKGROUND.to_string(),
            theme_color,
            icons: vec![icon("any", 192), icon("any", 512), icon("maskable", 192), icon("maskable", 512)],
        }
    }
}

/// A home-screen label of at most 12 characters: the name when it fits, else its first
/// word ("Summit Equipment Rentals" → "Summit").
fn short_name(name: &str) -> String {
    let name = name.trim();
    if name.chars().count() <= 12 {
        return name.to_string();
    }
    let first = name.split_whitespace().next().unwrap_or(name);
    first.chars().take(12).collect()
}

#[cfg(test)]
mod manifest_tests {
    use super::*;

    #[test]
    fn short_names_fit_a_home_screen() {
        assert_eq!(short_name("Summit Equipment Rentals"), "Summit");
        assert_eq!(short_name("Thames Plant Hire"), "Thames");
        assert_eq!(short_name("ACME Hire"), "ACME Hire");
        assert_eq!(short_name("Supercalifragilistic Hire"), "Supercalifra");
    }

    #[test]
    fn the_portal_manifest_is_installable_without_a_dealer() {
        let manifest = WebAppManifest::new(None);
        assert_eq!(manifest.name, "Rental Portal");
        assert_eq!(manifest.display, "standalone");
        let sizes: Vec<_> = manifest.icons.iter().map(|i| (i.sizes.as_str(), i.purpose.as_str())).collect();
        assert!(sizes.contains(&("192x192", "any")) && sizes.contains(&("512x512", "any")), "{sizes:?}");
        let json = serde_json::to_value(&manifest).unwrap();
        assert_eq!(json["icons"][0]["type"], "image/png");
    }
}
