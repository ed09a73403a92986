//! The positions feed (D5): what a batch of asset positions must satisfy, and which report
//! of each asset counts. Every problem is named by its path (`positions[3].latitude`).

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use shared::error::FieldError;
use shared::tracking::PositionReport;

use crate::error::ApiError;

/// Most reports one batch may carry; a feed with more sends several batches.
pub const MAX_BATCH: usize = 1_000;
/// Longest serial number and source accepted (characters).
const MAX_SERIAL: usize = 100;
const MAX_SOURCE: usize = 50;
/// How far ahead of our clock a report may be dated. A report from the future would win
/// against every later true report, so a device with a wrong clock is refused instead.
const CLOCK_SKEW: Duration = Duration::minutes(10);

/// Every problem of the batch, each naming its report (`positions[3].latitude`).
pub fn validate(positions: &[PositionReport], now: DateTime<Utc>) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    if positions.len() > MAX_BATCH {
        errors.push(FieldError {
            field: "positions".into(),
            message: format!("Send at most {MAX_BATCH} positions per batch."),
        });
    }
    for (i, report) in positions.iter().enumerate() {
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
pub fn newest_per_serial(reports: &[PositionReport]) -> Vec<&PositionReport> {
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
        let batch = [report("ok", 51.5, -0.1, 1), report(" ", 90.5, -180.1, 1), future];
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
        assert!(validate(&[report("A", f64::NAN, 0.0, 1)], now).is_err());
        assert!(validate(&[report("A", -90.0, 180.0, 1)], now).is_ok());
    }

    #[test]
    fn only_the_newest_report_of_a_serial_is_kept() {
        let reports = vec![report("A", 1.0, 1.0, 5), report("B", 2.0, 2.0, 5), report(" A ", 3.0, 3.0, 1)];
        let newest = newest_per_serial(&reports);
        let kept: Vec<_> = newest.iter().map(|r| r.position.latitude).collect();
        assert_eq!(kept, [3.0, 2.0]);
    }
}
