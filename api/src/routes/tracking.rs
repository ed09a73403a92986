//! Tracking (D5): where the account's items on site are, and the integration feed of
//! asset positions from the back office or telematics.

use std::collections::HashMap;

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Duration, Utc};
use shared::error::FieldError;
use shared::tracking::{PositionBatch, PositionBatchResult, PositionReport, TrackedItem};

use shared::integrations::Scope;

use crate::auth::{AccountAccess, Integrator};
use crate::error::ApiError;
use crate::state::AppState;

/// Most reports one batch may carry; a feed with more sends several batches.
pub const MAX_BATCH: usize = 1_000;
/// Longest serial number and source accepted (characters).
const MAX_SERIAL: usize = 100;
const MAX_SOURCE: usize = 50;
/// How far ahead of our clock a report may be dated. A report from the future would win
/// against every later true report, so a device with a wrong clock is refused instead.
const CLOCK_SKEW: Duration = Duration::minutes(10);

/// The JSON body limit of the positions feed: a full batch is larger than the app-wide
/// default for JSON bodies.
pub fn positions_json_config() -> web::JsonConfig {
    super::json::config(512 * 1024)
}

/// The account's items on site (out, or called off and not yet picked up), each with its
/// last known position if the dealer has one; items without one are listed anyway so the
/// web app can show them by job site.
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/tracking", tag = "rentals",
    params(("account_id" = uuid::Uuid, Path, description = "Customer account id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<TrackedItem>, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "Not found, or not visible to this login"),
    ))]
#[get("/accounts/{account_id}/tracking")]
pub async fn tracking(state: web::Data<AppState>, access: AccountAccess) -> Result<HttpResponse, ApiError> {
    let items = crate::db::tracking::items_on_site(&state.db, access.dealer_id, access.customer_id).await?;
    Ok(HttpResponse::Ok().json(items))
}

/// Positions of the dealer's assets, keyed by serial number. The newest report per asset
/// wins: a report older than (or as old as) the stored one is counted as ignored, so
/// replays and out-of-order deliveries are harmless. Serial numbers not on any contract are
/// stored anyway (the asset may go on rent later). One bad report refuses the whole batch
/// (422 naming e.g. `positions[3].latitude`) and nothing is written.
///
/// Takes an API client's token (`POST /api/v1/oauth/token`) holding the scope named under security.
#[utoipa::path(post, path = "/api/v1/integrations/positions", tag = "integrations",
    request_body = PositionBatch,
    security(("oauth2" = ["positions:write"])),
    responses(
        (status = 200, body = PositionBatchResult, description = "OK"),
        (status = 400, body = shared::error::Problem, content_type = "application/problem+json", description = "Malformed request: not JSON, wrong types, or a parameter sent twice"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Signed in, but not allowed to do this"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field"),
    ))]
pub async fn report_positions(
    state: web::Data<AppState>,
    integrator: Integrator,
    batch: super::json::Json<PositionBatch>,
) -> Result<HttpResponse, ApiError> {
    integrator.require(Scope::PositionsWrite)?;
    let now = Utc::now();
    validate(&batch, now)?;
    let newest = newest_per_serial(&batch.positions);
    let stored = crate::db::tracking::upsert_positions(&state.db, integrator.dealer_id, &newest, now).await?;
    let total = u32::try_from(batch.positions.len()).unwrap_or(u32::MAX);
    Ok(HttpResponse::Ok().json(PositionBatchResult { stored, ignored: total.saturating_sub(stored) }))
}

/// Every problem of the batch, each naming its report (`positions[3].latitude`).
fn validate(batch: &PositionBatch, now: DateTime<Utc>) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    if batch.positions.len() > MAX_BATCH {
        errors.push(FieldError {
            field: "positions".into(),
            message: format!("Send at most {MAX_BATCH} positions per batch."),
        });
    }
    for (i, report) in batch.positions.iter().enumerate() {
        let mut error = |field: &str, message: &str| {
            errors.push(FieldError { field: format!("positions[{i}].{field}"), message: message.into() });
        };
        let serial = report.serial_number.trim();
        if serial.is_empty() {
            error("serial_number", "Enter the asset's serial number.");
        } else if serial.chars().count() > MAX_SERIAL {
            error("serial_number", "Use at most 100 characters.");
        }
        let source = report.position.source.trim();
        if source.is_empty() {
            error("source", "Say where the position comes from, e.g. telematics.");
        } else if source.chars().count() > MAX_SOURCE {
            error("source", "Use at most 50 characters.");
        }
        let (lat, lon) = (report.position.latitude, report.position.longitude);
        if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
            error("latitude", "Use degrees from -90 to 90.");
        }
        if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
            error("longitude", "Use degrees from -180 to 180.");
        }
        if report.position.recorded_at > now + CLOCK_SKEW {
            error("recorded_at", "The time is in the future; check the device's clock.");
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
}

/// The newest report of each serial number in the batch (the later one on a tie), in the
/// order the serials first appear; the others lose to it whatever is stored.
fn newest_per_serial(reports: &[PositionReport]) -> Vec<&PositionReport> {
    let mut newest: Vec<&PositionReport> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for report in reports {
        let serial = report.serial_number.trim();
        match index.get(serial) {
            Some(&i) => {
                if report.position.recorded_at >= newest[i].position.recorded_at {
                    newest[i] = report;
                }
            }
            None => {
                index.insert(serial, newest.len());
                newest.push(report);
            }
        }
    }
    newest
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::tracking::Position;

    fn report(serial: &str, lat: f64, lon: f64, minutes_ago: i64) -> PositionReport {
        PositionReport {
            serial_number: serial.into(),
            position: Position {
                latitude: lat,
                longitude: lon,
                recorded_at: Utc::now() - Duration::minutes(minutes_ago),
                source: "telematics".into(),
            },
        }
    }

    #[test]
    fn each_bad_field_is_named_with_its_index() {
        let now = Utc::now();
        let mut future = report("A", 0.0, 0.0, 0);
        future.position.recorded_at = now + Duration::hours(2);
        future.position.source = " ".into();
        let batch = PositionBatch {
            positions: vec![report("ok", 51.5, -0.1, 1), report(" ", 90.5, -180.1, 1), future],
        };
        let Err(ApiError::Validation(errors)) = validate(&batch, now) else { panic!("expected 422") };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "positions[1].serial_number",
                "positions[1].latitude",
                "positions[1].longitude",
                "positions[2].source",
                "positions[2].recorded_at"
            ]
        );
        let nan = PositionBatch { positions: vec![report("A", f64::NAN, 0.0, 1)] };
        assert!(validate(&nan, now).is_err());
        assert!(validate(&PositionBatch { positions: vec![report("A", -90.0, 180.0, 1)] }, now).is_ok());
    }

    #[test]
    fn only_the_newest_report_of_a_serial_is_kept() {
        let reports = vec![report("A", 1.0, 1.0, 5), report("B", 2.0, 2.0, 5), report(" A ", 3.0, 3.0, 1)];
        let newest = newest_per_serial(&reports);
        let kept: Vec<_> = newest.iter().map(|r| r.position.latitude).collect();
        assert_eq!(kept, [3.0, 2.0]);
    }
}
