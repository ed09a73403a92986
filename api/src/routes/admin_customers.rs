//! The dealer's customers for its admins and staff (H2-H5): the filtered list, its CSV, a
//! customer's detail, and closing or reopening portal access of a customer or of one of its
//! users. The rules are in [`crate::services::admin_customers`].

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use shared::admin_customers::{CustomerDetail, CustomerFilter, CustomerListRow};
use shared::list::ListQuery;
use shared::paging::Page;

use super::csv_export::{CsvWriter, safe_opt, safe_text, stream_csv, wants_csv, write_row};
use super::list_params::{ListFilter, Paging, path_id};
use crate::auth::{ClientInfo, DealerAdmin, DealerStaff};
use crate::db::admin_customers::CustomerQuery;
use crate::error::ApiError;
use crate::ids::{CustomerId, UserId};
use crate::services::admin_customers;
use crate::state::AppState;

const PROBLEM: &str = "application/problem+json";

/// The dealer's customers, one row per customer and location (a customer with contracts at
/// two stores shows twice, as the back office lists it), filtered, sorted and paged. Each
/// row says whether the customer may use the portal and, if not, why in words (H3), and
/// where it stands with the portal. With `Accept: text/csv`, the same list (all pages) as
/// CSV. For the dealer's admins and staff; platform admins pick a dealer first (403 here).
#[utoipa::path(get, path = "/api/v1/admin/customers", tag = "admin", operation_id = "admin_list_customers",
    params(CustomerFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of the list; with `Accept: text/csv`, every page as CSV",
            content((Page<CustomerListRow> = "application/json"), (String = "text/csv"))),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not the dealer's admin or staff"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid input: `errors` names each field"),
    ))]
#[get("/admin/customers")]
pub async fn list(
    state: web::Data<AppState>,
    staff: DealerStaff,
    ListFilter(filter): ListFilter<CustomerFilter>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let query = admin_customers::resolve(&state, staff.dealer_id, &filter).await?;
    if wants_csv(&req) {
        return Ok(csv_response(state, staff, query));
    }
    let paging = Paging::from(filter.sort_and_page());
    let (items, total) =
        admin_customers::list(&state, &staff, &query, paging.per_page, paging.offset()).await?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(paging.of(items, total)))
}

/// The dealer's customers matching the filters as CSV (all pages, streamed; page and page
/// size are ignored), one line per row of the list.
#[utoipa::path(get, path = "/api/v1/admin/customers.csv", tag = "admin", operation_id = "admin_export_customers_csv",
    params(CustomerFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, body = String, content_type = "text/csv", description = "Customers as CSV, one line per customer and location"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not the dealer's admin or staff"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid input: `errors` names each field"),
    ))]
#[get("/admin/customers.csv")]
pub async fn export_csv(
    state: web::Data<AppState>,
    staff: DealerStaff,
    ListFilter(filter): ListFilter<CustomerFilter>,
) -> Result<HttpResponse, ApiError> {
    let query = admin_customers::resolve(&state, staff.dealer_id, &filter).await?;
    Ok(csv_response(state, staff, query))
}

const CSV_HEADER: [&str; 10] = [
    "Customer number",
    "Name",
    "Location code",
    "Location",
    "Email",
    "Phone",
    "Portal status",
    "Eligible",
    "Why not eligible",
    "Last login (UTC)",
];

fn csv_row(row: &CustomerListRow, out: &mut CsvWriter) -> Result<(), csv::Error> {
    write_row(
        out,
        &[
            safe_text(&row.account_number),
            safe_text(&row.name),
            safe_opt(row.location.as_ref().map(|l| l.code.as_str())),
            safe_opt(row.location.as_ref().map(|l| l.name.as_str())),
            safe_opt(row.email.as_deref()),
            safe_opt(row.phone.as_deref()),
            row.portal_status.label().into(),
            if row.eligibility.eligible { "yes" } else { "no" }.into(),
            row.eligibility.explanations.join(" ").into(),
            row.last_login_at.map(|at| at.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default().into(),
        ],
    )
}

/// Streams every row matching `query` as CSV.
fn csv_response(state: web::Data<AppState>, staff: DealerStaff, query: CustomerQuery) -> HttpResponse {
    let filename = format!("customers-{}.csv", chrono::Utc::now().format("%Y-%m-%d"));
    let dealer_id = staff.dealer_id;
    let rows = crate::db::admin_customers::stream(&state.db, dealer_id, &query);
    stream_csv(filename, &CSV_HEADER, rows, csv_row)
}

/// One of the dealer's customers (H4-H6): its record and eligibility, its locations, the
/// contacts an admin may invite (with when each was last invited and whether they
/// accepted), its portal users (login id, status, permissions, last login, when they were
/// invited and joined, when they last confirmed their email) and its invitations. Another
/// dealer's customer answers 404.
#[utoipa::path(get, path = "/api/v1/admin/customers/{customer_id}", tag = "admin", operation_id = "admin_get_customer",
    params(("customer_id" = Uuid, Path, description = "The customer")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = CustomerDetail, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not the dealer's admin or staff"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "No such customer at the dealer"),
    ))]
#[get("/admin/customers/{customer_id}")]
pub async fn detail(
    state: web::Data<AppState>,
    staff: DealerStaff,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let customer_id = CustomerId::new(path_id(&path)?);
    let detail = admin_customers::detail(&state, &staff, customer_id).await?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(detail))
}

/// Close the portal to the whole customer (H5). Every session of its users ends at once:
/// refresh tokens are revoked and access tokens no longer open the account. Nothing is
/// deleted and the back office's record is untouched; a user whose every account is closed
/// can no longer sign in (403 `access_deactivated`, said only after a correct password).
/// Deactivating again changes nothing. Dealer admins only (staff 403); another dealer's
/// customer answers 404. Audited as `admin.customer_deactivated`.
#[utoipa::path(post, path = "/api/v1/admin/customers/{customer_id}/deactivate", tag = "admin", operation_id = "admin_deactivate_customer",
    params(("customer_id" = Uuid, Path, description = "The customer")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Closed to the portal"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer or platform admin"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "No such customer within the admin's dealer"),
    ))]
#[post("/admin/customers/{customer_id}/deactivate")]
pub async fn deactivate_customer(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let customer_id = CustomerId::new(path_id(&path)?);
    admin_customers::set_customer_access(&state, &admin, customer_id, true, &client).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Reopen the portal to a customer closed by [`deactivate_customer`]: its users sign in
/// again as before. Reactivating an open customer changes nothing. Dealer admins only
/// (staff 403); another dealer's customer answers 404. Audited as
/// `admin.customer_reactivated`.
#[utoipa::path(post, path = "/api/v1/admin/customers/{customer_id}/reactivate", tag = "admin", operation_id = "admin_reactivate_customer",
    params(("customer_id" = Uuid, Path, description = "The customer")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Open to the portal again"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer or platform admin"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "No such customer within the admin's dealer"),
    ))]
#[post("/admin/customers/{customer_id}/reactivate")]
pub async fn reactivate_customer(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let customer_id = CustomerId::new(path_id(&path)?);
    admin_customers::set_customer_access(&state, &admin, customer_id, false, &client).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Close the customer account to one of its users (H5): their sessions end at once, and
/// the account no longer opens for them; their other accounts (if any) stay open. With no
/// account left open they cannot sign in (403 `access_deactivated` after a correct
/// password). Nothing is deleted. Dealer admins only (staff 403); another dealer's customer,
/// or a user without access to this customer, answers 404. Audited as
/// `admin.customer_user_deactivated`.
#[utoipa::path(post, path = "/api/v1/admin/customers/{customer_id}/users/{user_id}/deactivate", tag = "admin", operation_id = "admin_deactivate_customer_user",
    params(
        ("customer_id" = Uuid, Path, description = "The customer"),
        ("user_id" = Uuid, Path, description = "One of the customer's portal users"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Closed to this user"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer or platform admin"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "No such customer within the admin's dealer, or no such user of it"),
    ))]
#[post("/admin/customers/{customer_id}/users/{user_id}/deactivate")]
pub async fn deactivate_user(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (customer_id, user_id) = (CustomerId::new(path_id(&path.0)?), UserId::new(path_id(&path.1)?));
    admin_customers::set_member_access(&state, &admin, customer_id, user_id, true, &client).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Reopen the customer account to a user closed by [`deactivate_user`]. Dealer admins only
/// (staff 403); another dealer's customer, or a user without access to this customer,
/// answers 404. Audited as `admin.customer_user_reactivated`.
#[utoipa::path(post, path = "/api/v1/admin/customers/{customer_id}/users/{user_id}/reactivate", tag = "admin", operation_id = "admin_reactivate_customer_user",
    params(
        ("customer_id" = Uuid, Path, description = "The customer"),
        ("user_id" = Uuid, Path, description = "One of the customer's portal users"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Open to this user again"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer or platform admin"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "No such customer within the admin's dealer, or no such user of it"),
    ))]
#[post("/admin/customers/{customer_id}/users/{user_id}/reactivate")]
pub async fn reactivate_user(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    client: ClientInfo,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (customer_id, user_id) = (CustomerId::new(path_id(&path.0)?), UserId::new(path_id(&path.1)?));
    admin_customers::set_member_access(&state, &admin, customer_id, user_id, false, &client).await?;
    Ok(HttpResponse::NoContent().finish())
}
