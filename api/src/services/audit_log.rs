//! The dealer's audit log as its admins read it (H12): the filters (who, action, customer,
//! user acted on, the dealer's calendar days), one event in full, the actions that occur.
//! Dealer admins read their own dealer's log only; a platform admin has no dealer here (403).

use shared::audit::{AuditEntryDetail, AuditFilter};
use uuid::Uuid;

use crate::auth::DealerAdmin;
use crate::db::audit::LogFilter;
use crate::db::sql::RowStream;
use crate::domain::calendar::{start_of_day, today_in};
use crate::error::ApiError;
use crate::ids::{CustomerId, DealerId, UserId};
use crate::state::AppState;

fn dealer_of(admin: &DealerAdmin) -> Result<DealerId, ApiError> {
    admin.dealer_id().ok_or(ApiError::Forbidden)
}

/// `filter` for the query: `from` and `to` are whole days on the dealer's calendar, `to`
/// included.
pub fn log_filter(zone: chrono_tz::Tz, filter: &AuditFilter) -> LogFilter {
    LogFilter {
        actor_user_id: filter.actor_user_id.map(UserId::new),
        action: filter.action.clone(),
        customer_id: filter.customer_id.map(CustomerId::new),
        target_user_id: filter.target_user_id.map(UserId::new),
        since: filter.from.map(|day| start_of_day(zone, day)),
        before: filter.to.and_then(|day| day.succ_opt()).map(|day| start_of_day(zone, day)),
    }
}

/// The admin's dealer and the query for `filter` in the dealer's time zone.
pub async fn scoped(
    state: &AppState,
    admin: &DealerAdmin,
    filter: &AuditFilter,
) -> Result<(DealerId, LogFilter), ApiError> {
    let dealer_id = dealer_of(admin)?;
    let zone = crate::db::dealers::time_zone(&state.db, dealer_id).await?;
    Ok((dealer_id, log_filter(zone, filter)))
}

/// One page (`limit` events from `offset`) of the dealer's log matching `query`, newest
/// first, and the total; the list and its CSV read it.
pub async fn page(
    state: &AppState,
    dealer_id: DealerId,
    query: &LogFilter,
    limit: u32,
    offset: u64,
) -> Result<(Vec<AuditEntryDetail>, u64), ApiError> {
    Ok(crate::db::audit::dealer_log(&state.db, dealer_id, query, limit, offset).await?)
}

/// The admin's dealer's whole log matching `filter`, newest first, as one streamed query
/// (the CSV), with the dealer's date for the file's name.
pub async fn export(
    state: &AppState,
    admin: &DealerAdmin,
    filter: &AuditFilter,
) -> Result<(chrono::NaiveDate, RowStream<AuditEntryDetail>), ApiError> {
    let dealer_id = dealer_of(admin)?;
    let zone = crate::db::dealers::time_zone(&state.db, dealer_id).await?;
    let today = today_in(zone, chrono::Utc::now());
    Ok((today, crate::db::audit::dealer_log_stream(&state.db, dealer_id, &log_filter(zone, filter))))
}

/// One event of the admin's dealer's log, in full; 404 for another dealer's.
pub async fn event(state: &AppState, admin: &DealerAdmin, id: Uuid) -> Result<AuditEntryDetail, ApiError> {
    crate::db::audit::dealer_event(&state.db, dealer_of(admin)?, id).await?.ok_or(ApiError::NotFound)
}

/// The actions that occur in the admin's dealer's log.
pub async fn actions(state: &AppState, admin: &DealerAdmin) -> Result<Vec<String>, ApiError> {
    Ok(crate::db::audit::dealer_actions(&state.db, dealer_of(admin)?).await?)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn the_date_range_is_whole_days_at_the_dealer() {
        let filter = AuditFilter {
            from: NaiveDate::from_ymd_opt(2026, 3, 2),
            to: NaiveDate::from_ymd_opt(2026, 3, 2),
            ..AuditFilter::default()
        };
        let query = log_filter(chrono_tz::America::Denver, &filter);
        assert_eq!(query.since.map(|t| t.to_rfc3339()).as_deref(), Some("2026-03-02T07:00:00+00:00"));
        assert_eq!(query.before.map(|t| t.to_rfc3339()).as_deref(), Some("2026-03-03T07:00:00+00:00"));
        assert_eq!(log_filter(chrono_tz::UTC, &AuditFilter::default()).since, None);
    }
}
