//! The platform operator's side (J4): dealers are created, each with its first admin.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::branding::Terminology;
use crate::money::Currency;

/// A dealer to create. Branding beyond the name can be set later in the admin view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewDealer {
    /// The dealer's key in URLs: 2 to 40 lower-case letters, digits and hyphens (`summit`).
    pub slug: String,
    /// The name customers see: "Summit Equipment Rentals".
    pub name: String,
    /// ISO 3166-1 alpha-2 country code: `US`, `GB`, `AU`.
    pub country: String,
    pub currency: Currency,
    /// IANA time zone: `America/Denver`. The dealer's "today" for due dates and call-offs.
    pub time_zone: String,
    /// BCP 47 language tag for dates and numbers: `en-US`, `en-GB`.
    pub locale: String,
    /// "rentals" or "hires"; omitted: `hires` in GB, IE, AU and NZ, else `rentals`.
    #[serde(default)]
    pub terminology: Option<Terminology>,
    #[serde(default)]
    pub support_email: Option<String>,
    #[serde(default)]
    pub support_phone: Option<String>,
}

/// A dealer as the platform operator lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DealerSummary {
    pub id: uuid::Uuid,
    pub slug: String,
    pub name: String,
    pub country: String,
    pub currency: Currency,
    pub time_zone: String,
    pub locale: String,
    pub terminology: Terminology,
    pub created_at: DateTime<Utc>,
}

/// An administrator to create: a dealer admin, or (by the CLI only) a platform operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewAdmin {
    pub email: String,
    pub display_name: String,
}

/// An administrator created: they set their password through the emailed one-time link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminCreated {
    pub user_id: uuid::Uuid,
    pub email: String,
    /// Until when the emailed setup link works.
    pub setup_link_expires_at: DateTime<Utc>,
}

/// The dealer a platform admin works inside (H1): while one is chosen, the dealer-admin
/// routes answer as for an admin of this dealer, and only for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActingDealer {
    pub id: uuid::Uuid,
    pub slug: String,
    pub name: String,
}

/// `PUT /api/v1/platform/acting-dealer`: the dealer to act for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChooseActingDealer {
    pub dealer_id: uuid::Uuid,
}
