//! The back office's sync status (H11): what each kind of its data last brought, and the last
//! call refused for what it sent. Arrivals are recorded by the writes themselves, in their
//! transactions (`db::integration_sync::record_arrival!`); refusals here, on their own.

use chrono::{DateTime, Utc};
use shared::sync_status::{
    DeliveryResult, SyncError, SyncKind, SyncKindStatus, SyncStatus, WebhookHealth, is_stale, shown_url,
};

use crate::db::Db;
use crate::db::integration_sync::{self, Refusal};
use crate::error::ApiError;
use crate::ids::DealerId;

/// Field errors named in a refusal's `detail`, at most.
const FIELDS_SHOWN: usize = 5;

/// Whether an answer of `status` is a refusal of what the back office sent: a malformed body
/// (400), an unknown record (404), a conflict (409), a body too large (413), an invalid
/// batch (422). Authentication, scope, rate limits and server errors are not the batch's
/// fault and are not recorded.
pub fn is_refusal(status: u16) -> bool {
    matches!(status, 400 | 404 | 409 | 413 | 422)
}

/// Records `err` as the last refusal of `kind` at the dealer, if it is one
/// ([`is_refusal`]). Never fails the request: a failure to record is logged and dropped.
pub(crate) async fn record_refusal(db: &Db, dealer_id: DealerId, kind: SyncKind, err: &ApiError) {
    let problem = err.problem();
    if !is_refusal(problem.status) {
        return;
    }
    let detail = refusal_detail(problem.detail.as_deref(), &problem.errors);
    let refusal = Refusal {
        status: problem.status,
        code: problem.code.as_str(),
        title: &problem.title,
        detail: detail.as_deref(),
    };
    if let Err(err) = integration_sync::record_refusal(db, dealer_id, kind, &refusal, Utc::now()).await {
        tracing::warn!(error = %err, kind = kind.as_str(), "could not record a refused integration call");
    }
}

/// A refusal's detail in one line: its `detail`, else its first field errors
/// (`customers[3].email: Enter an email address…; … (2 more)`).
fn refusal_detail(detail: Option<&str>, errors: &[shared::error::FieldError]) -> Option<String> {
    if let Some(detail) = detail {
        return Some(detail.to_string());
    }
    if errors.is_empty() {
        return None;
    }
    let mut line = errors
        .iter()
        .take(FIELDS_SHOWN)
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("; ");
    if errors.len() > FIELDS_SHOWN {
        line.push_str(&format!(" ({} more)", errors.len() - FIELDS_SHOWN));
    }
    Some(line)
}

/// The dealer's sync status at `now`: every kind in [`SyncKind::ALL`] order (a kind never
/// sent with no arrival and no error), and each webhook endpoint's health as the delivery
/// worker keeps it on the endpoint (`db::webhooks`).
pub(crate) async fn status(db: &Db, dealer_id: DealerId, now: DateTime<Utc>) -> Result<SyncStatus, ApiError> {
    let (rows, counts) = integration_sync::status(db, dealer_id).await?;
    let time_zone = crate::db::dealers::time_zone(db, dealer_id).await?;
    let kinds = SyncKind::ALL
        .into_iter()
        .map(|kind| {
            let row = rows.iter().find(|row| SyncKind::parse(&row.kind) == Some(kind));
            let last_arrived_at = row.and_then(|r| r.last_arrived_at);
            let last_error = row.and_then(|r| {
                Some(SyncError {
                    at: r.last_error_at?,
                    status: u16::try_from(r.last_error_status?).unwrap_or(0),
                    code: r.last_error_code.clone()?,
                    title: r.last_error_title.clone()?,
                    detail: r.last_error_detail.clone(),
                })
            });
            SyncKindStatus {
                kind,
                last_arrived_at,
                last_records: row.and_then(|r| r.last_records),
                records_now: counts.of(kind),
                stale: is_stale(last_arrived_at, now),
                last_error,
            }
        })
        .collect();
    let webhooks = crate::db::webhooks::list_endpoints(db, dealer_id)
        .await?
        .into_iter()
        .map(|e| WebhookHealth {
            id: e.id.get(),
            url: shown_url(&e.url),
            description: e.description,
            enabled: e.enabled,
            disabled_reason: e.disabled_reason,
            disabled_at: e.disabled_at,
            last_result: e.last_attempt_at.map(|_| {
                if e.consecutive_failures == 0 { DeliveryResult::Succeeded } else { DeliveryResult::Failed }
            }),
            last_attempt_at: e.last_attempt_at,
            last_status_code: e.last_status_code,
            last_error: e.last_error,
            last_success_at: e.last_success_at,
            consecutive_failures: e.consecutive_failures,
            pending_deliveries: e.pending_deliveries,
        })
        .collect();
    Ok(SyncStatus { checked_at: now, time_zone: time_zone.name().to_string(), kinds, webhooks })
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::error::FieldError;

    fn field(n: usize) -> FieldError {
        FieldError { field: format!("customers[{n}].email"), message: "Enter an email address.".into() }
    }

    #[test]
    fn only_what_the_back_office_sent_counts_as_a_refusal() {
        for status in [400, 404, 409, 413, 422] {
            assert!(is_refusal(status), "{status}");
        }
        for status in [200, 401, 403, 405, 429, 500, 503] {
            assert!(!is_refusal(status), "{status}");
        }
    }

    #[test]
    fn a_refusal_names_its_detail_or_its_first_five_fields() {
        assert_eq!(refusal_detail(Some("Still in use."), &[field(0)]).as_deref(), Some("Still in use."));
        assert_eq!(refusal_detail(None, &[]), None);
        assert_eq!(
            refusal_detail(None, &[field(0), field(3)]).as_deref(),
            Some("customers[0].email: Enter an email address.; customers[3].email: Enter an email address.")
        );
        let many: Vec<FieldError> = (0..7).map(field).collect();
        let line = refusal_detail(None, &many).unwrap();
        assert!(line.starts_with("customers[0].email"), "{line}");
        assert!(line.contains("customers[4].email") && !line.contains("customers[5]"), "{line}");
        assert!(line.ends_with(" (2 more)"), "{line}");
    }
}
