//! The OpenAPI 3.1 document, generated from the route annotations.

use actix_web::{HttpResponse, get};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{
    account, account_users, accounts, admin, auth, branding, contract_pdf, contracts, dev, feedback, health,
    inbox, invitations, invoice_integrations, invoices, password, payments, record_integrations,
    registration, rentals, request_filing, requests, signup, tracking,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Rental Portal API",
        description = "Customer portal for equipment-rental dealers: accounts, contracts, \
                       rentals, requests and payments. Errors are RFC 9457 problem details \
                       (`application/problem+json`) with a stable `code`.",
    ),
    paths(
        health::healthz,
        health::readyz,
        auth::login,
        auth::refresh,
        auth::logout,
        auth::me,
        account::change_password,
        account::logout_all,
        account::update_profile,
        account::change_email,
        account::confirm_email_change,
        password::forgot,
        password::reset,
        registration::register_by_phone,
        signup::sign_up,
        signup::preview,
        signup::confirm,
        dev::mailbox,
        admin::unlock_user,
        admin::reset_password,
        invitations::admin_invite,
        invitations::admin_list,
        invitations::admin_revoke,
        invitations::preview,
        invitations::accept,
        account_users::list,
        account_users::invite,
        account_users::update,
        account_users::remove,
        account_users::revoke,
        branding::by_slug,
        branding::of_staff,
        accounts::locations,
        accounts::jobs,
        contracts::list,
        contracts::export_csv,
        contracts::detail,
        contract_pdf::download,
        rentals::list,
        rentals::export_csv,
        tracking::tracking,
        contract_pdf::upload,
        tracking::report_positions,
        invoices::list,
        invoices::export_csv,
        invoices::detail,
        invoices::pdf,
        invoices::balance,
        invoice_integrations::upsert,
        invoice_integrations::upload_pdf,
        record_integrations::upsert_locations,
        record_integrations::delete_location,
        record_integrations::upsert_customers,
        record_integrations::delete_customer,
        request_filing::call_off,
        request_filing::service_request,
        request_filing::extension,
        request_filing::book_again,
        requests::list,
        requests::detail,
        requests::cancel,
        feedback::create,
        feedback::list,
        inbox::list,
        inbox::detail,
        inbox::act,
        inbox::feedback_list,
        inbox::feedback_handled,
        inbox::notifications,
        inbox::notifications_read,
        inbox::locations,
        payments::options,
        payments::create,
        payments::list,
        payments::detail,
        payments::integration_feed,
        payments::mark_posted,
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Sessions: login, token refresh, logout; the user's own password"),
        (name = "accounts", description = "Customer accounts the user acts for"),
        (name = "contracts", description = "Contracts and their lines"),
        (name = "rentals", description = "Rented items (My Rentals / My Hires) and where they are"),
        (name = "invoices", description = "Invoices, credit memos and the account's balance"),
        (name = "integrations", description = "Back-office feeds: locations, customers with \
                                               their contacts and jobs, contract PDFs, item \
                                               positions, invoices and their PDFs, payments to post. \
                                               For now authenticated with a dealer admin's token"),
        (name = "requests", description = "Requests to the store (call-off, service, extension, book again) and feedback"),
        (name = "payments", description = "Paying invoices or on account by card or bank debit; payment history and receipts"),
        (name = "inbox", description = "The store's inbox: requests, feedback and notifications for dealer staff"),
        (name = "branding", description = "Dealer branding"),
        (name = "admin", description = "Dealer and platform administration"),
        (name = "operations", description = "Health and readiness"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build(),
            ),
        );
    }
}

/// The document as pretty JSON, exactly as committed in `openapi/openapi.json`.
pub fn document_json() -> Result<String, serde_json::Error> {
    ApiDoc::openapi().to_pretty_json().map(|mut json| {
        json.push('\n');
        json
    })
}

#[get("/api/openapi.json")]
pub async fn openapi_json() -> HttpResponse {
    match document_json() {
        Ok(json) => HttpResponse::Ok().content_type("application/json").body(json),
        Err(err) => actix_web::ResponseError::error_response(&crate::error::ApiError::Internal(err.into())),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// What a generated client needs of the document: every operation has its own
    /// `operationId` (a repeated one silently drops a route from the client) and every
    /// response a description (required by the OpenAPI schema).
    #[test]
    fn operations_are_unique_and_every_response_is_described() {
        let document: serde_json::Value =
            serde_json::from_str(&document_json().expect("document")).expect("json");
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut problems = Vec::new();
        for (path, item) in document["paths"].as_object().expect("paths") {
            for (method, operation) in item.as_object().expect("path item") {
                let at = format!("{} {path}", method.to_uppercase());
                match operation["operationId"].as_str() {
                    None => problems.push(format!("{at}: no operationId")),
                    Some(id) => {
                        if let Some(first) = seen.insert(id.to_string(), at.clone()) {
                            problems.push(format!("{at}: operationId `{id}` also names {first}"));
                        }
                    }
                }
                for (status, response) in operation["responses"].as_object().expect("responses") {
                    if response["description"].as_str().is_none_or(str::is_empty) {
                        problems.push(format!("{at}: response {status} has no description"));
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
