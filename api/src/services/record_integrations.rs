//! The back office's customer-visible records (I3): location and customer batches
//! upserted all or nothing by `external_id`, and their explicit deletions. Each write is
//! audited in its own transaction, with the back office's address and user agent.

use chrono::Utc;
use shared::records::{CustomerUpsert, LocationUpsert, UpsertCounts};

use crate::auth::{ClientInfo, Integrator};
use crate::db::audit::AuditEvent;
use crate::db::record_upserts::{self, DeleteError, UpsertError};
use crate::domain::records;
use crate::error::ApiError;
use crate::state::AppState;

/// Upserts a batch of the dealer's locations, or none of them (422 naming each problem).
/// Audited once as `locations.upserted` with the counts.
pub(crate) async fn upsert_locations(
    state: &AppState,
    integrator: &Integrator,
    client: &ClientInfo,
    batch: &[LocationUpsert],
) -> Result<UpsertCounts, ApiError> {
    records::validate_locations(batch)?;
    let audit = |counts: &UpsertCounts| batch_event(integrator, client, "locations.upserted", counts);
    record_upserts::upsert_locations(&state.db, integrator.dealer_id, batch, audit, Utc::now())
        .await
        .map_err(invalid_batch)
}

/// Upserts a batch of the dealer's customers with their contacts and jobs, or none of
/// them (422 naming each problem, e.g. `customers[3].contacts[1].email`). Audited once as
/// `customers.upserted` with the counts.
pub(crate) async fn upsert_customers(
    state: &AppState,
    integrator: &Integrator,
    client: &ClientInfo,
    batch: &[CustomerUpsert],
) -> Result<UpsertCounts, ApiError> {
    records::validate_customers(batch)?;
    let audit = |counts: &UpsertCounts| batch_event(integrator, client, "customers.upserted", counts);
    record_upserts::upsert_customers(&state.db, integrator.dealer_id, batch, audit, Utc::now())
        .await
        .map_err(invalid_batch)
}

/// Deletes the dealer's location `external_id`: 404 when it has none, 409 while
/// contracts, invoices, customers or requests name it. Audited as `location.deleted`.
pub(crate) async fn delete_location(
    state: &AppState,
    integrator: &Integrator,
    client: &ClientInfo,
    external_id: &str,
) -> Result<(), ApiError> {
    let audit = deletion_event(integrator, client, "location.deleted", external_id);
    record_upserts::delete_location(&state.db, integrator.dealer_id, external_id, audit, Utc::now())
        .await
        .map_err(|err| {
            refused_deletion(
                err,
                "This location is still named by contracts, invoices, customers or requests.",
            )
        })
}

/// Deletes the dealer's customer `external_id` with its contacts and jobs: 404 when it
/// has none, 409 while it has contracts, invoices, portal users or other history (close
/// it to the portal with `portal_enabled: false` instead). Audited as `customer.deleted`.
pub(crate) async fn delete_customer(
    state: &AppState,
    integrator: &Integrator,
    client: &ClientInfo,
    external_id: &str,
) -> Result<(), ApiError> {
    let audit = deletion_event(integrator, client, "customer.deleted", external_id);
    record_upserts::delete_customer(&state.db, integrator.dealer_id, external_id, audit, Utc::now())
        .await
        .map_err(|err| {
            refused_deletion(
                err,
                "This customer has contracts, invoices, portal users or other history and cannot be \
                 deleted; send it with `portal_enabled: false` to close it to the portal.",
            )
        })
}

fn batch_event<'a>(
    integrator: &Integrator,
    client: &'a ClientInfo,
    action: &'a str,
    counts: &UpsertCounts,
) -> AuditEvent<'a> {
    AuditEvent { details: Some(serde_json::json!(counts)), ..integrator.audit(client, action) }
}

fn deletion_event<'a>(
    integrator: &Integrator,
    client: &'a ClientInfo,
    action: &'a str,
    external_id: &str,
) -> AuditEvent<'a> {
    AuditEvent {
        details: Some(serde_json::json!({ "external_id": external_id })),
        ..integrator.audit(client, action)
    }
}

fn invalid_batch(err: UpsertError) -> ApiError {
    match err {
        UpsertError::Invalid(errors) => ApiError::Validation(errors),
        UpsertError::Db(err) => ApiError::from(err),
    }
}

fn refused_deletion(err: DeleteError, in_use: &str) -> ApiError {
    match err {
        DeleteError::NotFound => ApiError::NotFound,
        DeleteError::InUse => ApiError::Conflict(in_use.into()),
        DeleteError::Db(err) => ApiError::from(err),
    }
}
