//! Tracking (D5): the last known position of each asset, by dealer and serial number, and
//! the customer's items on site joined to them.

use chrono::{DateTime, Utc};
use shared::sync_status::SyncKind;
use shared::tracking::{Position, PositionReport, TrackedItem};
use uuid::Uuid;

use super::integration_sync::record_arrival;
use super::{BeginWrite, Db, db_run};
use crate::ids::{CustomerId, DealerId};

#[derive(sqlx::FromRow)]
struct TrackedRow {
    line_id: Uuid,
    contract_id: Uuid,
    contract_number: String,
    description: String,
    serial_number: Option<String>,
    job_site: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    recorded_at: Option<DateTime<Utc>>,
    source: Option<String>,
}

impl TrackedRow {
    fn into_item(self) -> TrackedItem {
        let position = match (self.latitude, self.longitude, self.recorded_at, self.source) {
            (Some(latitude), Some(longitude), Some(recorded_at), Some(source)) => {
                Some(Position { latitude, longitude, recorded_at, source })
            }
            _ => None,
        };
        TrackedItem {
            line_id: self.line_id,
            contract_id: self.contract_id,
            contract_number: self.contract_number,
            description: self.description,
            serial_number: self.serial_number,
            job_site: self.job_site,
            position,
        }
    }
}

/// The customer's rental items out on site (status `out` or `called_off`: a called-off item
/// stays on site until picked up), each with its asset's last position at the same dealer,
/// if one was reported. Positions are keyed by (dealer, serial), so the join cannot
/// duplicate a line. Ordered by contract number, then line.
pub async fn items_on_site(
    db: &Db,
    dealer_id: DealerId,
    customer_id: CustomerId,
) -> Result<Vec<TrackedItem>, sqlx::Error> {
    let rows: Vec<TrackedRow> = db_run!(db, pool => {
        sqlx::query_as(
            "SELECT cl.id AS line_id, cl.contract_id, c.number AS contract_number, cl.description, \
             cl.serial_number, c.job_site, p.latitude, p.longitude, p.recorded_at, p.source \
             FROM contract_lines cl \
             JOIN contracts c ON c.id = cl.contract_id \
             LEFT JOIN asset_positions p ON p.dealer_id = c.dealer_id AND p.serial_number = cl.serial_number \
             WHERE c.customer_id = $1 AND c.dealer_id = $2 AND cl.kind = 'rental' \
             AND cl.status IN ('out', 'called_off') \
             ORDER BY c.number, cl.line_no, cl.id",
        )
        .bind(customer_id)
        .bind(dealer_id)
        .fetch_all(pool)
        .await?
    });
    Ok(rows.into_iter().map(TrackedRow::into_item).collect())
}

/// Stores each report as its asset's position unless a report at least as new is stored
/// already, all in one transaction. Returns how many reports became the stored position;
/// the caller counts the rest as ignored. `reports` must be validated and hold at most one
/// report per serial number (the caller keeps the newest), so each one is a single upsert.
pub async fn upsert_positions(
    db: &Db,
    dealer_id: DealerId,
    reports: &[&PositionReport],
    now: DateTime<Utc>,
) -> Result<u32, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let mut stored = 0_u32;
        for report in reports {
            // The WHERE on the conflict branch keeps the newest: an older or replayed report
            // changes no row, which is how it is told apart.
            let result = sqlx::query(
                "INSERT INTO asset_positions (dealer_id, serial_number, latitude, longitude, \
                 recorded_at, source, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (dealer_id, serial_number) DO UPDATE SET \
                 latitude = excluded.latitude, longitude = excluded.longitude, \
                 recorded_at = excluded.recorded_at, source = excluded.source, \
                 updated_at = excluded.updated_at \
                 WHERE asset_positions.recorded_at < excluded.recorded_at",
            )
            .bind(dealer_id)
            .bind(report.serial_number.trim())
            .bind(report.position.latitude)
            .bind(report.position.longitude)
            .bind(report.position.recorded_at)
            .bind(report.position.source.trim())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if result.rows_affected() > 0 {
                stored += 1;
            }
        }
        record_arrival!(&mut *tx, dealer_id, SyncKind::Positions, reports.len(), now).await?;
        tx.commit().await?;
        Ok(stored)
    })
}
