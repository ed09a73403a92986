//! The account at a glance (B2, B3): contact block, credit, balance and the newest
//! invoices, payments and requests, in one answer for the landing screen.

use actix_web::{HttpResponse, get, web};
use shared::invoices::{InvoiceFilter, InvoiceSort, InvoiceView};
use shared::money::Money;
use shared::overview::{AccountOverview, RECENT, available_credit};
use shared::paging::SortDir;

use crate::auth::AccountAccess;
use crate::db::requests::{RequestFilter, Scope, StatusFilter};
use crate::db::{accounts, invoices, payments, requests};
use crate::error::ApiError;
use crate::state::AppState;

/// The account at a glance (B2, B3): its contact block, credit limit and available credit
/// (the limit less the balance), the balance with its ageing (as `GET …/balance`), and the
/// newest three invoices or credit memos, payments (portal and counter; the first is the
/// last payment) and requests, each as its list shows it.
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/overview", tag = "accounts", operation_id = "get_account_overview",
    params(("account_id" = Uuid, Path, description = "Customer account id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = AccountOverview, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "Not found, or not visible to this login"),
    ))]
#[get("/overview")]
pub async fn overview(state: web::Data<AppState>, access: AccountAccess) -> Result<HttpResponse, ApiError> {
    let (db, dealer, customer, currency, today) =
        (&state.db, access.dealer_id, access.customer_id, access.currency, access.today());
    let newest_invoices = InvoiceFilter {
        view: InvoiceView::All,
        sort: InvoiceSort::InvoiceDate,
        dir: SortDir::Desc,
        page: 1,
        per_page: RECENT,
        ..InvoiceFilter::default()
    };
    let newest_requests =
        RequestFilter { status: StatusFilter::All, kind: None, location_id: None, oldest_first: false };
    let (contact, balance, recent_invoices, recent_payments, recent_requests) =
        futures_util::future::try_join5(
            accounts::contact(db, customer),
            invoices::balance(db, dealer, customer, currency, today),
            invoices::list(db, dealer, customer, currency, &newest_invoices, today, RECENT, 0),
            payments::list(db, customer, RECENT, 0),
            requests::list(db, Scope::Customer(customer), &newest_requests, RECENT, 0),
        )
        .await?;
    let (contact, limit) = contact.ok_or(ApiError::NotFound)?;
    let credit_limit = limit.map(|minor| Money::new(minor, currency));
    Ok(HttpResponse::Ok().json(AccountOverview {
        contact,
        available_credit: credit_limit.map(|limit| available_credit(limit, balance.balance)),
        credit_limit,
        balance,
        recent_invoices: recent_invoices.0,
        recent_payments: recent_payments.0,
        recent_requests: recent_requests.0,
    }))
}
