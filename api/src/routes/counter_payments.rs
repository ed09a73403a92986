//! Payments received at the counter (I3): the back office's batches upserted all or nothing
//! by `external_id`, and the deletion of one entered by mistake.

use actix_web::{HttpResponse, delete, web};
use shared::counter_payments::CounterPaymentBatch;
use shared::integrations::Scope;
use shared::records::UpsertCounts;
use shared::sync_status::SyncKind;

use super::json::Json;
use crate::auth::{ClientInfo, Integrator};
use crate::error::ApiError;
use crate::services::back_office::BackOffice;
use crate::services::counter_payments;
use crate::state::AppState;

/// The body limit of a counter-payment batch (8 MiB), like the other record batches; over
/// it answers 413.
pub fn batch_json_config() -> web::JsonConfig {
    super::json::config(8 * 1024 * 1024)
}

/// Creates or updates payments the store received at the counter (cash, check, card, bank
/// transfer), by `external_id`: the customer (`customer_external_id`), the day received,
/// amount, method, reference (e.g. the check number) and the invoices it paid
/// (`allocations`; what they leave of the amount is on account). The customer sees them in
/// the payment history, marked as paid at the counter. They do not change invoice balances:
/// send the invoices' new balances with `PUT /integrations/invoices` in the same sync.
/// Every payment is compared with what is stored and written only when it differs: the
/// same batch twice answers all `unchanged`. One bad payment refuses the whole batch (422
/// naming e.g. `payments[3].allocations[0].invoice_external_id`: an unknown customer or
/// invoice, another customer's invoice, a credit memo, allocations over the amount) and
/// nothing is written. At most 500 payments per batch, 100 allocations per payment;
/// unknown fields are refused (422 naming them).
#[utoipa::path(put, path = "/api/v1/integrations/payments", tag = "integrations",
    request_body = CounterPaymentBatch,
    security(("oauth2" = ["payments:write"])),
    responses(
        (status = 200, body = UpsertCounts, description = "Stored: how many were created, updated and unchanged"),
        (status = 400, body = shared::error::Problem, content_type = "application/problem+json", description = "Malformed request: not JSON"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not allowed: needs the scope `payments:write`"),
        (status = 413, body = shared::error::Problem, content_type = "application/problem+json", description = "Body larger than 8 MiB"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid batch: `errors` names each field by its path; nothing was written"),
    ))]
pub async fn upsert_counter_payments(
    state: web::Data<AppState>,
    integrator: Integrator,
    client: ClientInfo,
    batch: Result<Json<CounterPaymentBatch>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    integrator.require(Scope::PaymentsWrite)?;
    let batch = super::sync_status::body(&state, &integrator, SyncKind::CounterPayments, batch).await?;
    let counts = super::sync_status::tracked(
        &state,
        &integrator,
        SyncKind::CounterPayments,
        counter_payments::upsert_counter_payments(
            &state.db,
            &BackOffice::client(&integrator, &client),
            &batch.payments,
        )
        .await,
    )
    .await?;
    Ok(HttpResponse::Ok().json(counts))
}

/// Deletes a payment received at the counter that was entered by mistake, with its
/// allocations; it leaves the customer's payment history. 404 for an unknown
/// `external_id` or another dealer's.
#[utoipa::path(delete, path = "/api/v1/integrations/payments/{external_id}", tag = "integrations",
    params(("external_id" = String, Path, description = "The counter payment's id in the back office")),
    security(("oauth2" = ["payments:write"])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not allowed: needs the scope `payments:write`"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "No counter payment with this id at the dealership"),
    ))]
#[delete("/integrations/payments/{external_id}")]
pub async fn delete_counter_payment(
    state: web::Data<AppState>,
    integrator: Integrator,
    client: ClientInfo,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    integrator.require(Scope::PaymentsWrite)?;
    super::sync_status::tracked(
        &state,
        &integrator,
        SyncKind::CounterPayments,
        counter_payments::delete_counter_payment(&state.db, &BackOffice::client(&integrator, &client), &path)
            .await,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
