//! My Rentals / My Hires (D1): the account's rented items, filtered, and the same list as CSV.

use std::borrow::Cow;

use actix_web::{HttpRequest, HttpResponse, get, web};
use shared::branding::Terminology;
use shared::list::ListQuery;
use shared::paging::Page;
use shared::rentals::{RentalFilter, RentalItem};

use super::csv_export::{CsvWriter, date_cell, safe_opt, safe_text, stream_csv, wants_csv, write_row};
use super::list_params::{ListFilter, Paging};
use crate::auth::AccountAccess;
use crate::error::ApiError;
use crate::state::AppState;

/// The account's rented items (rental lines of its contracts), filtered, sorted and paged,
/// each with the newest request on it that is still open. With `Accept: text/csv`, the
/// same list (all pages) as CSV.
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/rentals", tag = "rentals", operation_id = "list_rentals",
    params(("account_id" = uuid::Uuid, Path, description = "Customer account id"), RentalFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of the list; with `Accept: text/csv`, every page as CSV",
            content((Page<RentalItem> = "application/json"), (String = "text/csv"))),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "Not found, or not visible to this login"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field"),
    ))]
#[get("/rentals")]
pub async fn list(
    state: web::Data<AppState>,
    access: AccountAccess,
    ListFilter(filter): ListFilter<RentalFilter>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    if wants_csv(&req) {
        return csv_response(state, access, filter).await;
    }
    let paging = Paging::from(filter.sort_and_page());
    let (items, total) = crate::db::rentals::list(
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

/// The account's rented items matching the filters as CSV (all pages, streamed). The file
/// is named after the dealer's word: `hires-YYYY-MM-DD.csv` or `rentals-YYYY-MM-DD.csv`.
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/rentals.csv", tag = "rentals", operation_id = "export_rentals_csv",
    params(("account_id" = uuid::Uuid, Path, description = "Customer account id"), RentalFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, body = String, content_type = "text/csv", description = "Rented items as CSV, one row per item"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "Not found, or not visible to this login"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field"),
    ))]
#[get("/rentals.csv")]
pub async fn export_csv(
    state: web::Data<AppState>,
    access: AccountAccess,
    ListFilter(filter): ListFilter<RentalFilter>,
) -> Result<HttpResponse, ApiError> {
    csv_response(state, access, filter).await
}

const CSV_HEADER: [&str; 20] = [
    "Contract",
    "Description",
    "Item code",
    "Serial number",
    "Quantity",
    "Status",
    "Start date",
    "Expected return",
    "Returned",
    "Location",
    "Job",
    "PO",
    "Job site",
    "Daily rate",
    "Weekly rate",
    "Monthly rate",
    "Currency",
    "Open request",
    "Request status",
    "Contract status",
];

fn csv_row(item: &RentalItem, out: &mut CsvWriter) -> Result<(), csv::Error> {
    let rate = |m: Option<shared::money::Money>| Cow::Owned(m.map(|m| m.decimal()).unwrap_or_default());
    let currency = [item.daily_rate, item.weekly_rate, item.monthly_rate]
        .into_iter()
        .flatten()
        .next()
        .map(|m| m.currency.code())
        .unwrap_or_default();
    write_row(
        out,
        &[
            safe_text(&item.contract_number),
            safe_text(&item.description),
            safe_opt(item.item_code.as_deref()),
            safe_opt(item.serial_number.as_deref()),
            item.quantity.to_string().into(),
            item.status.as_str().into(),
            date_cell(item.start_date),
            date_cell(item.expected_return),
            date_cell(item.returned_on),
            safe_text(&item.location.name),
            safe_opt(item.job_number.as_deref()),
            safe_opt(item.po_number.as_deref()),
            safe_opt(item.job_site.as_deref()),
            rate(item.daily_rate),
            rate(item.weekly_rate),
            rate(item.monthly_rate),
            currency.into(),
            safe_opt(item.open_request.as_ref().map(|r| r.number.as_str())),
            item.open_request.as_ref().map(|r| r.status.as_str()).unwrap_or_default().into(),
            item.contract_status.as_str().into(),
        ],
    )
}

/// Streams every item matching `filter` (ignoring its page) as CSV.
async fn csv_response(
    state: web::Data<AppState>,
    access: AccountAccess,
    filter: RentalFilter,
) -> Result<HttpResponse, ApiError> {
    let terminology = crate::db::branding::by_id(&state.db, access.dealer_id)
        .await?
        .map(|b| b.terminology)
        .unwrap_or_default();
    let stem = match terminology {
        Terminology::Hires => "hires",
        Terminology::Rentals => "rentals",
    };
    let filename = format!("{stem}-{}.csv", access.today());
    let rows = crate::db::rentals::stream(&state.db, access.customer_id, access.currency, &filter);
    Ok(stream_csv(filename, &CSV_HEADER, rows, csv_row))
}
