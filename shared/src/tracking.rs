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
pub struct PositionReport {
    /// The asset's serial number, as on the contract lines.
    pub serial_number: String,
    #[serde(flatten)]
    pub position: Position,
}

/// `POST /integrations/positions`: a batch of positions; older reports than the stored
/// one are ignored, so replays and out-of-order deliveries are harmless.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
