//! The customer's contracts: filtered list, CSV of the same list, and detail with lines.

use actix_web::{HttpRequest, HttpResponse, get, web};
use shared::contracts::{ContractDetail, ContractFilter, ContractSummary};
use shared::list::ListQuery;
use shared::paging::Page;
use uuid::Uuid;

use super::csv_export::{CsvWriter, date_cell, safe_opt, safe_text, stream_csv, wants_csv, write_row};
use super::list_params::{ListFilter, Paging};
use crate::auth::AccountAccess;
use crate::error::ApiError;
use crate::state::AppState;

/// The account's contracts, filtered, sorted and paged. With `Accept: text/csv`, the same
/// list (all pages) as CSV.
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/contracts", tag = "contracts", operation_id = "list_contracts",
    params(("account_id" = Uuid, Path, description = "Customer account id"), ContractFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of the list; with `Accept: text/csv`, every page as CSV",
            content((Page<ContractSummary> = "application/json"), (String = "text/csv"))),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "Not found, or not visible to this login"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field"),
    ))]
#[get("/contracts")]
pub async fn list(
    state: web::Data<AppState>,
    access: AccountAccess,
    ListFilter(filter): ListFilter<ContractFilter>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    if wants_csv(&req) {
        return Ok(csv_response(state, access, filter));
    }
    let paging = Paging::from(filter.sort_and_page());
    let (items, total) = crate::db::contracts::list(
        &state.db,
        access.customer_id,
        access.currency,
        &filter,
        paging.per_page,
        paging.offset(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(paging.of(items, total)))
}

/// The account's contracts matching the filters as CSV (all pages, streamed).
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/contracts.csv", tag = "contracts", operation_id = "export_contracts_csv",
    params(("account_id" = Uuid, Path, description = "Customer account id"), ContractFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, body = String, content_type = "text/csv", description = "Contracts as CSV, one row per contract"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "Not found, or not visible to this login"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field"),
    ))]
#[get("/contracts.csv")]
pub async fn export_csv(
    state: web::Data<AppState>,
    access: AccountAccess,
    ListFilter(filter): ListFilter<ContractFilter>,
) -> Result<HttpResponse, ApiError> {
    Ok(csv_response(state, access, filter))
}

const CSV_HEADER: [&str; 11] = [
    "Contract",
    "Status",
    "Start date",
    "Close date",
    "Location",
    "Job",
    "PO",
    "Job site",
    "Amount",
    "Amount due",
    "Currency",
];

fn csv_row(c: &ContractSummary, out: &mut CsvWriter) -> Result<(), csv::Error> {
    write_row(
        out,
        &[
            safe_text(&c.number),
            c.status.as_str().into(),
            c.start_date.to_string().into(),
            date_cell(c.close_date),
            safe_text(&c.location.name),
            safe_opt(c.job_number.as_deref()),
            safe_opt(c.po_number.as_deref()),
            safe_opt(c.job_site.as_deref()),
            c.amount.decimal().into(),
            c.amount_due.decimal().into(),
            c.amount.currency.code().into(),
        ],
    )
}

/// Streams every contract matching `filter` (ignoring its page) as CSV, named for the
/// dealer's date.
fn csv_response(state: web::Data<AppState>, access: AccountAccess, filter: ContractFilter) -> HttpResponse {
    let filename = format!("contracts-{}.csv", access.today());
    let rows = crate::db::contracts::stream(&state.db, access.customer_id, access.currency, &filter);
    stream_csv(filename, &CSV_HEADER, rows, csv_row)
}

/// One contract of the account, with its lines.
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/contracts/{contract_id}", tag = "contracts", operation_id = "get_contract",
    params(
        ("account_id" = Uuid, Path, description = "Customer account id"),
        ("contract_id" = Uuid, Path, description = "Contract id"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, body = ContractDetail, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "Not found, or not visible to this login"),
    ))]
#[get("/contracts/{contract_id}")]
pub async fn detail(
    state: web::Data<AppState>,
    access: AccountAccess,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let contract_id = path.1.parse::<Uuid>().map_err(|_| ApiError::NotFound)?;
    let contract = crate::db::contracts::detail(&state.db, access.customer_id, access.currency, contract_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(contract))
}
