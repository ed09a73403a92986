//! The back office's customer-visible records (I3): batches of locations and of customers
//! (with their contacts and jobs) upserted all or nothing by `external_id`, and explicit
//! deletions.

use actix_web::{HttpResponse, delete, web};
use shared::integrations::Scope;
use shared::records::{CustomerBatch, LocationBatch, UpsertCounts};
use shared::sync_status::SyncKind;

use super::json::Json;
use crate::auth::{ClientInfo, Integrator};
use crate::error::ApiError;
use crate::services::back_office::BackOffice;
use crate::services::record_integrations;
use crate::state::AppState;

/// The body limit of a location or customer batch (8 MiB): a full batch of customers
/// with contacts and jobs is far larger than the app-wide default; over it answers 413.
pub fn batch_json_config() -> web::JsonConfig {
    super::json::config(8 * 1024 * 1024)
}

/// Creates or updates the dealer's locations (stores) by `external_id`: code, name, the
/// store's phone and email (shown to customers; where their requests for the store go),
/// address. Every record is compared with what is stored and written only when it differs:
/// the same batch sent twice answers all `unchanged` the second time. One bad location
/// refuses the whole batch (422 naming e.g. `locations[3].email`) and nothing is written.
/// At most 500 locations per batch; unknown fields are refused (422 naming them).
#[utoipa::path(put, path = "/api/v1/integrations/locations", tag = "integrations",
    request_body = LocationBatch,
    security(("oauth2" = ["locations:write"])),
    responses(
        (status = 200, body = UpsertCounts, description = "Stored: how many were created, updated and unchanged"),
        (status = 400, body = shared::error::Problem, content_type = "application/problem+json", description = "Malformed request: not JSON"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not allowed: needs the scope `locations:write`"),
        (status = 413, body = shared::error::Problem, content_type = "application/problem+json", description = "Body larger than 8 MiB"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid batch: `errors` names each field by its path; nothing was written"),
    ))]
pub async fn upsert_locations(
    state: web::Data<AppState>,
    integrator: Integrator,
    client: ClientInfo,
    batch: Result<Json<LocationBatch>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    integrator.require(Scope::LocationsWrite)?;
    let batch = super::sync_status::body(&state, &integrator, SyncKind::Locations, batch).await?;
    let counts = super::sync_status::tracked(
        &state,
        &integrator,
        SyncKind::Locations,
        record_integrations::upsert_locations(
            &state.db,
            &BackOffice::client(&integrator, &client),
            &batch.locations,
        )
        .await,
    )
    .await?;
    Ok(HttpResponse::Ok().json(counts))
}

/// Deletes the dealer's location. Refused with 409 while contracts, invoices, customers
/// (as their home store) or requests name it; 404 for an unknown `external_id` or another
/// dealer's.
#[utoipa::path(delete, path = "/api/v1/integrations/locations/{external_id}", tag = "integrations",
    params(("external_id" = String, Path, description = "The location's id in the back office")),
    security(("oauth2" = ["locations:write"])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not allowed: needs the scope `locations:write`"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "No location with this id at the dealership"),
        (status = 409, body = shared::error::Problem, content_type = "application/problem+json", description = "Still in use: `detail` says by what"),
    ))]
#[delete("/integrations/locations/{external_id}")]
pub async fn delete_location(
    state: web::Data<AppState>,
    integrator: Integrator,
    client: ClientInfo,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    integrator.require(Scope::LocationsWrite)?;
    super::sync_status::tracked(
        &state,
        &integrator,
        SyncKind::Locations,
        record_integrations::delete_location(&state.db, &BackOffice::client(&integrator, &client), &path)
            .await,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Creates or updates the dealer's customers by `external_id`: number, name, kind, the
/// portal-eligibility facts (`portal_enabled`, `phone`, `email`, `postal_code`), addresses,
/// phones, credit limit and home store (`home_location_external_id`, 422 when it names no
/// location of the dealer). `contacts` and `jobs`, when sent, are the customer's complete
/// lists (what the customer had and is not listed is deleted); left out, they stay as they
/// are. Every record is compared with what is stored and written only when it differs: the
/// same batch twice answers all `unchanged`. One bad customer refuses the whole batch (422
/// naming e.g. `customers[3].contacts[1].email`). At most 500 customers per batch, 50
/// contacts and 200 jobs per customer; unknown fields are refused (422 naming them).
#[utoipa::path(put, path = "/api/v1/integrations/customers", tag = "integrations",
    request_body = CustomerBatch,
    security(("oauth2" = ["customers:write"])),
    responses(
        (status = 200, body = UpsertCounts, description = "Stored: how many customers were created, updated (itself, a contact or a job) and unchanged"),
        (status = 400, body = shared::error::Problem, content_type = "application/problem+json", description = "Malformed request: not JSON"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not allowed: needs the scope `customers:write`"),
        (status = 413, body = shared::error::Problem, content_type = "application/problem+json", description = "Body larger than 8 MiB"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid batch: `errors` names each field by its path; nothing was written"),
    ))]
pub async fn upsert_customers(
    state: web::Data<AppState>,
    integrator: Integrator,
    client: ClientInfo,
    batch: Result<Json<CustomerBatch>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    integrator.require(Scope::CustomersWrite)?;
    let batch = super::sync_status::body(&state, &integrator, SyncKind::Customers, batch).await?;
    let counts = super::sync_status::tracked(
        &state,
        &integrator,
        SyncKind::Customers,
        record_integrations::upsert_customers(
            &state.db,
            &BackOffice::client(&integrator, &client),
            &batch.customers,
        )
        .await,
    )
    .await?;
    Ok(HttpResponse::Ok().json(counts))
}

/// Deletes the dealer's customer with its contacts and jobs. Refused with 409 while it has
/// contracts, invoices, portal users, requests, payments or other history: send it with
/// `portal_enabled: false` to close it to the portal instead. 404 for an unknown
/// `external_id` or another dealer's.
#[utoipa::path(delete, path = "/api/v1/integrations/customers/{external_id}", tag = "integrations",
    params(("external_id" = String, Path, description = "The customer's id in the back office")),
    security(("oauth2" = ["customers:write"])),
    responses(
        (status = 204, description = "Deleted, with its contacts and jobs"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not allowed: needs the scope `customers:write`"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "No customer with this id at the dealership"),
        (status = 409, body = shared::error::Problem, content_type = "application/problem+json", description = "The customer has history: `detail` says what to do instead"),
    ))]
#[delete("/integrations/customers/{external_id}")]
pub async fn delete_customer(
    state: web::Data<AppState>,
    integrator: Integrator,
    client: ClientInfo,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    integrator.require(Scope::CustomersWrite)?;
    super::sync_status::tracked(
        &state,
        &integrator,
        SyncKind::Customers,
        record_integrations::delete_customer(&state.db, &BackOffice::client(&integrator, &client), &path)
            .await,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
