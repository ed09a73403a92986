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
}
