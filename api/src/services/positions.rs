//! The positions feed (D5): asset positions from the back office or telematics, the newest
//! report of each asset kept.

use chrono::Utc;
use shared::tracking::{PositionBatchResult, PositionReport};

use super::back_office::BackOffice;
use crate::db::Db;
use crate::domain::positions::{newest_per_serial, validate};
use crate::error::ApiError;

/// Stores each asset's newest report of the batch unless a newer one is stored already;
/// 422 naming each bad report, nothing stored. Not audited: a telematics feed reports
/// every few minutes, and a position is no one's decision.
pub(crate) async fn report_positions(
    db: &Db,
    writer: &BackOffice<'_>,
    reports: &[PositionReport],
) -> Result<PositionBatchResult, ApiError> {
    let now = Utc::now();
    validate(reports, now)?;
    let newest = newest_per_serial(reports);
    let stored = crate::db::tracking::upsert_positions(db, writer.dealer_id, &newest, now).await?;
    let total = u32::try_from(reports.len()).unwrap_or(u32::MAX);
    Ok(PositionBatchResult { stored, ignored: total.saturating_sub(stored) })
}
