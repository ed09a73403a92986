//! The dealer's settings a dealer admin keeps (H9): its time zone — the dealer's "today",
//! against which pickup, due and overdue dates are reckoned — and when billing stops on a
//! call-off.

use chrono::Utc;
use shared::branding::DealerSettings;

use crate::auth::{ClientInfo, DealerAdmin};
use crate::db::audit::AuditEvent;
use crate::db::dealers;
use crate::error::ApiError;
use crate::ids::DealerId;
use crate::state::AppState;

fn dealer_of(admin: &DealerAdmin) -> Result<DealerId, ApiError> {
    // A platform admin belongs to no dealer: there are no settings of theirs to keep.
    admin.dealer_id().ok_or(ApiError::Forbidden)
}

/// The admin's dealer's settings.
pub(crate) async fn get(state: &AppState, admin: &DealerAdmin) -> Result<DealerSettings, ApiError> {
    Ok(dealers::settings(&state.db, dealer_of(admin)?).await?)
}

/// Replaces the dealer's settings: 422 naming `time_zone` when it is no IANA zone. Audited as
/// `dealer.settings_updated` with the values before and after.
pub(crate) async fn update(
    state: &AppState,
    admin: &DealerAdmin,
    client: &ClientInfo,
    new: &DealerSettings,
) -> Result<DealerSettings, ApiError> {
    let dealer_id = dealer_of(admin)?;
    let zone = new.time_zone.trim();
    if zone.parse::<chrono_tz::Tz>().is_err() {
        return Err(ApiError::field(
            "time_zone",
            "Use a time zone name such as America/Denver or Europe/London.",
        ));
    }
    let settings = DealerSettings { time_zone: zone.to_string(), billing_stops_on: new.billing_stops_on };
    let before = dealers::settings(&state.db, dealer_id).await?;
    let audit = AuditEvent {
        dealer_id: Some(dealer_id),
        details: Some(serde_json::json!({ "before": before, "after": settings })),
        ..client.audit("dealer.settings_updated", Some(admin.id()))
    };
    dealers::update_settings(&state.db, dealer_id, &settings, &audit, Utc::now()).await?;
    Ok(settings)
}
