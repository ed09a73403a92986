//! The back office's customer-visible records (I3): location and customer batches
//! upserted all or nothing by `external_id`, and their explicit deletions. Each write is
//! audited in its own transaction, naming its writer (an API client with its address and
//! user agent, or the demo seed).

use chrono::Utc;
use shared::records::{CustomerUpsert, LocationUpsert, UpsertCounts};

use super::back_office::BackOffice;
use crate::db::Db;
use crate::db::record_upserts::{self, DeleteError, UpsertError};
use crate::domain::records;
use crate::error::ApiError;

/// Upserts a batch of the dealer's locations, or none of them (422 naming each problem).
/// Audited once as `locations.upserted` with the counts.
pub(crate) async fn upsert_locations(
    db: &Db,
    writer: &BackOffice<'_>,
    batch: &[LocationUpsert],
) -> Result<UpsertCounts, ApiError> {
    records::validate_locations(batch)?;
    let audit = |counts: &UpsertCounts| writer.audit("locations.upserted", serde_json::json!(counts));
    record_upserts::upsert_locations(db, writer.dealer_id, batch, audit, Utc::now())
        .await
        .map_err(invalid_batch)
}

/// Upserts a batch of the dealer's customers with their contacts and jobs, or none of
/// them (422 naming each problem, e.g. `customers[3].contacts[1].email`). Audited once as
/// `customers.upserted` with the counts.
pub(crate) async fn upsert_customers(
    db: &Db,
    writer: &BackOffice<'_>,
    batch: &[CustomerUpsert],
) -> Result<UpsertCounts, ApiError> {
    records::validate_customers(batch)?;
    let audit = |counts: &UpsertCounts| writer.audit("customers.upserted", serde_json::json!(counts));
    record_upserts::upsert_customers(db, writer.dealer_id, batch, audit, Utc::now())
        .await
        .map_err(invalid_batch)
}

/// Deletes the dealer's location `external_id`: 404 when it has none, 409 while
/// contracts, invoices, customers or requests name it. Audited as `location.deleted`.
pub(crate) async fn delete_location(
    db: &Db,
    writer: &BackOffice<'_>,
    external_id: &str,
) -> Result<(), ApiError> {
    let audit = writer.audit("location.deleted", serde_json::json!({ "external_id": external_id }));
    record_upserts::delete_location(db, writer.dealer_id, external_id, audit, Utc::now()).await.map_err(
        |err| {
            refused_deletion(
                err,
                "This location is still named by contracts, invoices, customers or requests.",
            )
        },
    )
}

/// Deletes the dealer's customer `external_id` with its contacts and jobs: 404 when it
/// has none, 409 while it has contracts, invoices, portal users or other history (close
/// it to the portal with `portal_enabled: false` instead). Audited as `customer.deleted`.
pub(crate) async fn delete_customer(
    db: &Db,
    writer: &BackOffice<'_>,
    external_id: &str,
) -> Result<(), ApiError> {
    let audit = writer.audit("customer.deleted", serde_json::json!({ "external_id": external_id }));
    record_upserts::delete_customer(db, writer.dealer_id, external_id, audit, Utc::now()).await.map_err(
        |err| {
            refused_deletion(
                err,
                "This customer has contracts, invoices, portal users or other history and cannot be \
                 deleted; send it with `portal_enabled: false` to close it to the portal.",
            )
        },
    )
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
