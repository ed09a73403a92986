//! The customer's invoices and credit memos (E1): filtered list, CSV of the same list,
//! detail with lines and portal payments, the PDF, and the account's balance with its
//! ageing (B2).

use actix_web::{HttpRequest, HttpResponse, get, web};
use shared::invoices::{AccountBalance, InvoiceDetail, InvoiceFilter, InvoiceSummary};
use shared::list::ListQuery;
use shared::paging::Page;

use super::csv_export::{CsvWriter, date_cell, safe_opt, safe_text, stream_csv, wants_csv, write_row};
use super::list_params::{ListFilter, Paging, path_id};
use super::pdf_files::{PdfFile, inline_pdf, reader_language};
use crate::auth::AccountAccess;
use crate::db::{invoice_documents, invoices};
use crate::error::ApiError;
use crate::pdf::file_name;
use crate::pdf::invoice::{InvoicePdf, render};
use crate::state::AppState;

/// The account's invoices and credit memos, filtered, sorted and paged. With
/// `Accept: text/csv`, the same list (all pages) as CSV.
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/invoices", tag = "invoices", operation_id = "list_invoices",
    params(("account_id" = Uuid, Path, description = "Customer account id"), InvoiceFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of the list; with `Accept: text/csv`, every page as CSV",
            content((Page<InvoiceSummary> = "application/json"), (String = "text/csv"))),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "Not found, or not visible to this login"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field"),
    ))]
#[get("/invoices")]
pub async fn list(
    state: web::Data<AppState>,
    access: AccountAccess,
    ListFilter(filter): ListFilter<InvoiceFilter>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    if wants_csv(&req) {
        return Ok(csv_response(state, access, filter));
    }
    let today = access.today();
    let paging = Paging::from(filter.sort_and_page());
    let (dealer, customer) = (access.dealer_id, access.customer_id);
    let (items, total) = invoices::list(
        &state.db,
        dealer,
        customer,
        access.currency,
        &filter,
        today,
        paging.per_page,
        paging.offset(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(paging.of(items, total)))
}

/// The account's invoices matching the filters as CSV (all pages, streamed).
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/invoices.csv", tag = "invoices", operation_id = "export_invoices_csv",
    params(("account_id" = Uuid, Path, description = "Customer account id"), InvoiceFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, body = String, content_type = "text/csv", description = "Invoices as CSV, one row per invoice"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "Not found, or not visible to this login"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field"),
    ))]
#[get("/invoices.csv")]
pub async fn export_csv(
    state: web::Data<AppState>,
    access: AccountAccess,
    ListFilter(filter): ListFilter<InvoiceFilter>,
) -> Result<HttpResponse, ApiError> {
    Ok(csv_response(state, access, filter))
}

const CSV_HEADER: [&str; 15] = [
    "Invoice",
    "Kind",
    "Status",
    "Invoice date",
    "Due date",
    "Location",
    "Contract",
    "PO",
    "Job",
    "Total",
    "Balance",
    "Pending",
    "Amount due",
    "Overdue",
    "Currency",
];

fn csv_row(i: &InvoiceSummary, out: &mut CsvWriter) -> Result<(), csv::Error> {
    write_row(
        out,
        &[
            safe_text(&i.number),
            i.kind.as_str().into(),
            i.status.as_str().into(),
            i.invoice_date.to_string().into(),
            date_cell(i.due_date),
            safe_opt(i.location.as_ref().map(|l| l.name.as_str())),
            safe_opt(i.contract_number.as_deref()),
            safe_opt(i.po_number.as_deref()),
            safe_opt(i.job_number.as_deref()),
            i.total.decimal().into(),
            i.balance.decimal().into(),
            i.pending.decimal().into(),
            i.amount_due.decimal().into(),
            if i.overdue { "yes" } else { "no" }.into(),
            i.total.currency.code().into(),
        ],
    )
}

/// Streams every invoice matching `filter` (ignoring its page) as CSV.
fn csv_response(state: web::Data<AppState>, access: AccountAccess, filter: InvoiceFilter) -> HttpResponse {
    let today = access.today();
    let filename = format!("invoices-{today}.csv");
    let (dealer, customer) = (access.dealer_id, access.customer_id);
    let rows = invoices::stream(&state.db, dealer, customer, access.currency, &filter, today);
    stream_csv(filename, &CSV_HEADER, rows, csv_row)
}

/// One invoice or credit memo of the account, with its lines and the portal payments
/// towards it (newest first; declined ones left out).
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/invoices/{invoice_id}", tag = "invoices", operation_id = "get_invoice",
    params(
        ("account_id" = Uuid, Path, description = "Customer account id"),
        ("invoice_id" = Uuid, Path, description = "Invoice id"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, body = InvoiceDetail, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "Not found, or not visible to this login"),
    ))]
#[get("/invoices/{invoice_id}")]
pub async fn detail(
    state: web::Data<AppState>,
    access: AccountAccess,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let invoice_id = path_id(&path.1)?;
    let invoice = invoices::detail(
        &state.db,
        access.dealer_id,
        access.customer_id,
        access.currency,
        invoice_id,
        access.today(),
    )
    .await?
    .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(invoice))
}

/// The invoice as a PDF: the newest one the back office uploaded, else one generated now in
/// the dealer's branding, in the reader's language (their profile's; else `Accept-Language`'s
/// when the dealer offers it; else the dealer's first). Shown inline as
/// `invoice-<number>.pdf`, never cached by shared caches.
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/invoices/{invoice_id}/pdf", tag = "invoices", operation_id = "download_invoice_pdf",
    params(
        ("account_id" = Uuid, Path, description = "Customer account id"),
        ("invoice_id" = Uuid, Path, description = "Invoice id"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The invoice PDF: `application/pdf`, or the same bytes as `application/octet-stream` when the `Accept` header asks for that and not for PDF",
            content((PdfFile = "application/pdf"), (PdfFile = "application/octet-stream"))),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "Not found, or not visible to this login"),
    ))]
#[get("/invoices/{invoice_id}/pdf")]
pub async fn pdf(
    state: web::Data<AppState>,
    access: AccountAccess,
    path: web::Path<(String, String)>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let invoice_id = path_id(&path.1)?;
    let today = access.today();
    let (dealer_id, customer_id) = (access.dealer_id, access.customer_id);
    let invoice = invoices::detail(&state.db, dealer_id, customer_id, access.currency, invoice_id, today)
        .await?
        .ok_or(ApiError::NotFound)?;
    let name = file_name("invoice", &invoice.summary.number);
    let bytes = match invoice_documents::newest(&state.db, dealer_id, invoice_id).await? {
        Some(uploaded) => uploaded,
        None => {
            let dealer = crate::db::branding::by_id(&state.db, dealer_id).await?.ok_or(ApiError::NotFound)?;
            let parties = invoices::parties(&state.db, dealer_id, customer_id, invoice_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            let language = reader_language(&state, &access, &dealer).await?;
            // Laying out a long invoice is CPU work: off the async workers.
            web::block(move || {
                render(&InvoicePdf {
                    dealer: &dealer,
                    parties: &parties,
                    invoice: &invoice,
                    generated_on: today,
                    language,
                })
            })
            .await
            .map_err(|e| ApiError::Internal(e.into()))?
        }
    };
    Ok(inline_pdf(&req, &name, bytes))
}

/// What the account owes at a glance (B2): open invoices' amount due less open credit
/// memos, the part past due, portal payments not yet posted, and the ageing by days past
/// the due date (no due date counts as current).
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/balance", tag = "invoices",
    params(("account_id" = Uuid, Path, description = "Customer account id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = AccountBalance, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "Not found, or not visible to this login"),
    ))]
#[get("/balance")]
pub async fn balance(state: web::Data<AppState>, access: AccountAccess) -> Result<HttpResponse, ApiError> {
    let balance =
        invoices::balance(&state.db, access.dealer_id, access.customer_id, access.currency, access.today())
            .await?;
    Ok(HttpResponse::Ok().json(balance))
}
