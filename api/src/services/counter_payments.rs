//! Payments received at the counter (I3): the back office's batches, upserted all or
//! nothing by `external_id`, and the deletion of one entered by mistake. Each write is
//! audited in its own transaction, naming its writer.
//!
//! A counter payment records what the store received, for the customer's history; it does
//! not change invoice balances (the back office sends those with its invoices).

use chrono::Utc;
use shared::counter_payments::CounterPaymentUpsert;
use shared::records::UpsertCounts;

use super::back_office::BackOffice;
use crate::db::Db;
use crate::db::counter_payments::{self, DeleteError, UpsertError};
use crate::domain::counter_payments::validate_counter_payments;
use crate::error::ApiError;

/// Upserts a batch of the dealer's counter payments, or none of them (422 naming each
/// problem, e.g. `payments[3].allocations[0].invoice_external_id`). Audited once as
/// `counter_payments.upserted` with the counts.
pub(crate) async fn upsert_counter_payments(
    db: &Db,
    writer: &BackOffice<'_>,
    batch: &[CounterPaymentUpsert],
) -> Result<UpsertCounts, ApiError> {
    validate_counter_payments(batch)?;
    let audit = |counts: &UpsertCounts| writer.audit("counter_payments.upserted", serde_json::json!(counts));
    counter_payments::upsert_counter_payments(db, writer.dealer_id, batch, audit, Utc::now()).await.map_err(
        |err| match err {
            UpsertError::Invalid(errors) => ApiError::Validation(errors),
            UpsertError::Db(err) => ApiError::from(err),
        },
    )
}

/// Deletes the dealer's counter payment `external_id` (entered by mistake): 404 when it has
/// none. Audited as `counter_payment.deleted`.
pub(crate) async fn delete_counter_payment(
    db: &Db,
    writer: &BackOffice<'_>,
    external_id: &str,
) -> Result<(), ApiError> {
    let audit = writer.audit("counter_payment.deleted", serde_json::json!({ "external_id": external_id }));
    counter_payments::delete_counter_payment(db, writer.dealer_id, external_id, audit, Utc::now())
        .await
        .map_err(|err| match err {
            DeleteError::NotFound => ApiError::NotFound,
            DeleteError::InUse => ApiError::Conflict("This payment is still referred to.".into()),
            DeleteError::Db(err) => ApiError::from(err),
        })
}
