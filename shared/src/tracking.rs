//! Tracking (D5): the last known position of each item on rent.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A reported position.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Position {
    /// WGS 84 degrees, -90 to 90.
    pub latitude: f64,
    /// WGS 84 degrees, -180 to 180.
    pub longitude: f64,
    /// When the device reported it.
    pub recorded_at: DateTime<Utc>,
    /// Where it came from: `telematics`, `driver`, `back_office`...
    pub source: String,
}

/// An item on rent with its last known position, if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackedItem {
    pub line_id: Uuid,
    pub contract_id: Uuid,
    pub contract_number: String,
    pub description: String,
    pub serial_number: Option<String>,
    pub job_site: Option<String>,
    pub position: Option<Position>,
}

/// One asset's position as the back office or a telematics feed sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(from = "PositionReportFields")]
pub struct PositionReport {
    /// The asset's serial number, as on the contract lines.
    pub serial_number: String,
    #[serde(flatten)]
    pub position: Position,
}

/// [`PositionReport`] as it is read: the same fields, flat, and no others. Serde cannot deny
/// unknown fields through `flatten`, and a misspelt field must not be dropped silently.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PositionReportFields {
    serial_number: String,
    latitude: f64,
    longitude: f64,
    recorded_at: DateTime<Utc>,
    source: String,
}

impl From<PositionReportFields> for PositionReport {
    fn from(f: PositionReportFields) -> Self {
        PositionReport {
            serial_number: f.serial_number,
            position: Position {
                latitude: f.latitude,
                longitude: f.longitude,
                recorded_at: f.recorded_at,
                source: f.source,
            },
        }
    }
}

/// `POST /integrations/positions`: a batch of positions; older reports than the stored
/// one are ignored, so replays and out-of-order deliveries are harmless.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PositionBatch {
    pub positions: Vec<PositionReport>,
}

/// What a position batch changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PositionBatchResult {
    /// Reports stored as the newest position.
    pub stored: u32,
    /// Reports older than what was stored already.
    pub ignored: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_reads_flat_and_refuses_unknown_fields() {
        let json = r#"{"serial_number":"S1","latitude":1.5,"longitude":2.5,
            "recorded_at":"2026-03-01T10:00:00Z","source":"telematics"}"#;
        let report: PositionReport = serde_json::from_str(json).unwrap();
        assert_eq!(report.position.latitude, 1.5);
        let back = serde_json::to_value(&report).unwrap();
        assert_eq!(back["serial_number"], "S1");
        assert_eq!(back["source"], "telematics");
        let misspelt = json.replace("\"latitude\"", "\"lattitude\"");
        let err = serde_json::from_str::<PositionReport>(&misspelt).unwrap_err().to_string();
        assert!(err.contains("unknown field `lattitude`"), "{err}");
    }
}
