//! The back office's contracts (I3): batches of quotes, reservations, open and closed
//! contracts with their lines upserted all or nothing by `external_id`, and explicit
//! deletions.

use actix_web::{HttpResponse, delete, web};
use shared::contract_upserts::ContractBatch;
use shared::integrations::Scope;
use shared::records::UpsertCounts;
use shared::sync_status::SyncKind;

use super::json::Json;
use crate::auth::{ClientInfo, Integrator};
use crate::error::ApiError;
use crate::services::back_office::BackOffice;
use crate::services::contract_integrations;
use crate::state::AppState;

/// The body limit of a contract batch (16 MiB): 1,000 contracts with a few lines each
/// fit, far more than the app-wide default; over it answers 413.
pub fn batch_json_config() -> web::JsonConfig {
    super::json::config(16 * 1024 * 1024)
}

/// Creates or updates the dealer's contracts (quotes, reservations, open and closed) by
/// `external_id`, each with its complete list of lines. The customer and the store are
/// named by their back-office ids (`customer_external_id`, `location_external_id`; 422
/// when the dealer has no such record). Lines are found again by their `external_id`
/// within the contract and updated in place (their portal ids, which requests name, never
/// change); a stored line the contract no longer lists is removed, unless a customer
/// request names it (422). Every contract is compared with what is stored and written only
/// when it or a line differs: the same batch twice answers all `unchanged`.
///
/// Line statuses meet the customers' call-offs: a line an open call-off holds stays
/// `called_off` while the back office still sends it `out`; once every line of the call-off
/// is sent `returned`, the call-off is completed by the back office (its event notes the
/// return date). One bad contract refuses the whole batch (422 naming e.g.
/// `contracts[3].lines[2].status`) and nothing is written. At most 1,000 contracts per
/// batch and 1,000 lines per contract; unknown fields are refused (422 naming them). Takes
/// no `Idempotency-Key`: sending the batch again is safe and changes nothing.
#[utoipa::path(put, path = "/api/v1/integrations/contracts", tag = "integrations", operation_id = "upsert_contracts",
    request_body = ContractBatch,
    security(("oauth2" = ["contracts:write"])),
    responses(
        (status = 200, body = UpsertCounts, description = "Stored: how many contracts were created, updated (itself or a line) and unchanged"),
        (status = 400, body = shared::error::Problem, content_type = "application/problem+json", description = "Malformed request: not JSON"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not allowed: needs the scope `contracts:write`"),
        (status = 413, body = shared::error::Problem, content_type = "application/problem+json", description = "Body larger than 16 MiB"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid batch: `errors` names each field by its path; nothing was written"),
    ))]
pub async fn upsert(
    state: web::Data<AppState>,
    integrator: Integrator,
    client: ClientInfo,
    batch: Result<Json<ContractBatch>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    integrator.require(Scope::ContractsWrite)?;
    let batch = super::sync_status::body(&state, &integrator, SyncKind::Contracts, batch).await?;
    let counts = super::sync_status::tracked(
        &state,
        &integrator,
        SyncKind::Contracts,
        contract_integrations::upsert_contracts(
            &state.db,
            &BackOffice::client(&integrator, &client),
            &batch.contracts,
        )
        .await,
    )
    .await?;
    Ok(HttpResponse::Ok().json(counts))
}

/// Deletes the dealer's contract with its lines and uploaded PDFs. Refused with 409 while
/// customer requests or invoices name it or one of its lines: send it with status `closed`
/// instead. 404 for an unknown `external_id` or another dealer's.
#[utoipa::path(delete, path = "/api/v1/integrations/contracts/{external_id}", tag = "integrations", operation_id = "delete_contract",
    params(("external_id" = String, Path, description = "The contract's id in the back office")),
    security(("oauth2" = ["contracts:write"])),
    responses(
        (status = 204, description = "Deleted, with its lines and PDFs"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not allowed: needs the scope `contracts:write`"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "No contract with this id at the dealership"),
        (status = 409, body = shared::error::Problem, content_type = "application/problem+json", description = "Requests or invoices name it: `detail` says what to do instead"),
    ))]
#[delete("/integrations/contracts/{external_id}")]
pub async fn delete_contract(
    state: web::Data<AppState>,
    integrator: Integrator,
    client: ClientInfo,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    integrator.require(Scope::ContractsWrite)?;
    super::sync_status::tracked(
        &state,
        &integrator,
        SyncKind::Contracts,
        contract_integrations::delete_contract(&state.db, &BackOffice::client(&integrator, &client), &path)
            .await,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
