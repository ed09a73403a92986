//! The back office's contracts (I3): batches of quotes, reservations, open and closed
//! contracts with their lines upserted all or nothing by `external_id`, reconciled with
//! the customers' open call-offs, and explicit deletions. Each write is audited in its own
//! transaction, with the back office's address and user agent.

use chrono::Utc;
use shared::contract_upserts::ContractUpsert;
use shared::records::UpsertCounts;

use super::back_office::BackOffice;
use crate::db::Db;
use crate::db::audit::AuditEvent;
use crate::db::contract_upserts::{self, DeleteError, UpsertError, Upserted};
use crate::domain::contract_upserts as rules;
use crate::error::ApiError;

/// Upserts a batch of the dealer's contracts with their lines, or none of them (422 naming
/// each problem, e.g. `contracts[3].lines[2].status`). Audited once as
/// `contracts.upserted` with the counts and the call-offs the batch completed.
pub(crate) async fn upsert_contracts(
    db: &Db,
    writer: &BackOffice<'_>,
    batch: &[ContractUpsert],
) -> Result<UpsertCounts, ApiError> {
    rules::validate(batch)?;
    let audit = |done: &Upserted| {
        writer.audit(
            "contracts.upserted",
            serde_json::json!({
                "contracts": batch.len(),
                "lines": batch.iter().map(|c| c.lines.len()).sum::<usize>(),
                "created": done.counts.created,
                "updated": done.counts.updated,
                "unchanged": done.counts.unchanged,
                "call_offs_completed": done.completed_call_offs,
            }),
        )
    };
    let done = contract_upserts::upsert_batch(db, writer.dealer_id, batch, audit, Utc::now()).await.map_err(
        |err| match err {
            UpsertError::Invalid(errors) => ApiError::Validation(errors),
            UpsertError::Db(err) => ApiError::from(err),
        },
    )?;
    Ok(done.counts)
}

/// Deletes the dealer's contract `external_id` with its lines and uploaded PDFs: 404 when
/// it has none, 409 while customer requests or invoices name it (close it with status
/// `closed` instead). Audited as `contract.deleted`.
pub(crate) async fn delete_contract(
    db: &Db,
    writer: &BackOffice<'_>,
    external_id: &str,
) -> Result<(), ApiError> {
    let audit = |contract_id, customer_id| AuditEvent {
        customer_id: Some(customer_id),
        ..writer.audit(
            "contract.deleted",
            serde_json::json!({ "external_id": external_id, "contract_id": contract_id }),
        )
    };
    contract_upserts::delete(db, writer.dealer_id, external_id, audit, Utc::now()).await.map_err(|err| {
        match err {
            DeleteError::NotFound => ApiError::NotFound,
            DeleteError::InUse => ApiError::Conflict(
                "Customer requests or invoices name this contract, so it stays: send it with status \
                 `closed` instead."
                    .into(),
            ),
            DeleteError::Db(err) => ApiError::from(err),
        }
    })
}
