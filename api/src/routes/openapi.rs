//! The OpenAPI 3.1 document, generated from the route annotations.

use actix_web::{HttpResponse, get};
use shared::integrations::Scope;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::security::{
    ClientCredentials, Flow, HttpAuthScheme, HttpBuilder, OAuth2, Scopes, SecurityScheme,
};
use utoipa::{Modify, OpenApi};

use crate::error::PROBLEM_JSON;

use super::{
    account, account_users, accounts, admin, admin_customers, api_clients, audit_log, auth, branding,
    contract_integrations, contract_pdf, contracts, counter_payments, dealer_settings, dev, events, feedback,
    health, inbox, invitations, invoice_integrations, invoices, metrics, oauth, overview, password, payments,
    platform, portal_settings, record_integrations, registration, rentals, request_filing, requests, signup,
    staff, sync_status, tracking, view_as, webhooks,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Rental Portal API",
        description = "Customer portal for equipment-rental dealers: accounts, contracts, \
                       rentals, requests and payments. Errors are RFC 9457 problem details \
                       (`application/problem+json`) with a stable `code`.\n\n\
                       **Rate limits.** Every `/api/v1` request is charged to its caller's \
                       budget: an API client's (by its token, 1,200 requests a minute by \
                       default), a signed-in person's (600 a minute) or, without a valid \
                       token, the address's (300 a minute); each with a burst. Every answer \
                       says where the caller stands in the `RateLimit-Policy` and `RateLimit` \
                       fields (draft-ietf-httpapi-ratelimit-headers-11, e.g. \
                       `RateLimit-Policy: \"client\";q=1200;w=60` and \
                       `RateLimit: \"client\";r=299;t=1`: `r` requests may be sent at once \
                       now, and the whole burst is back in `t` seconds). Beyond the budget \
                       the answer is 429 with `Retry-After` (seconds) and problem details \
                       (`code` `rate_limited`). Sign-in, token refresh, the token endpoint, \
                       sign-up and password reset have tighter per-address limits of their own.\n\n\
                       **Viewing as a customer.** A dealer's staff may open a customer user's \
                       portal read-only (`POST /api/v1/admin/customers/{customer_id}/users/{user_id}/view-as`). \
                       With that view's token every operation that is not a read (GET, HEAD, \
                       OPTIONS), and every staff, platform and back-office operation, answers \
                       403 `read_only_view`; only `POST /api/v1/auth/view-as/end` ends it. Once \
                       the view has ended (exited, or after 30 minutes) every operation answers \
                       401 `view_ended`.",
    ),
    paths(
        health::healthz,
        health::readyz,
        metrics::metrics,
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
        admin_customers::list,
        admin_customers::export_csv,
        admin_customers::detail,
        admin_customers::deactivate_customer,
        admin_customers::reactivate_customer,
        admin_customers::deactivate_user,
        admin_customers::reactivate_user,
        view_as::start,
        view_as::end,
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
        branding::manifest,
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
        contract_integrations::upsert,
        contract_integrations::delete_contract,
        contract_pdf::upload,
        tracking::report_positions,
        invoices::list,
        invoices::export_csv,
        invoices::detail,
        invoices::pdf,
        invoices::balance,
        overview::overview,
        invoice_integrations::upsert,
        invoice_integrations::upload_pdf,
        record_integrations::upsert_locations,
        record_integrations::delete_location,
        record_integrations::upsert_customers,
        record_integrations::delete_customer,
        counter_payments::upsert_counter_payments,
        counter_payments::delete_counter_payment,
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
        events::feed,
        payments::mark_posted,
        sync_status::integration_status,
        sync_status::admin_status,
        oauth::token,
        dealer_settings::get,
        dealer_settings::update,
        portal_settings::get_branding,
        portal_settings::update_branding,
        portal_settings::upload_logo,
        portal_settings::remove_logo,
        portal_settings::logo,
        portal_settings::store_emails,
        portal_settings::update_store_email,
        portal_settings::payments,
        portal_settings::update_payments,
        staff::list,
        staff::invite,
        staff::detail,
        staff::update,
        staff::deactivate,
        staff::reactivate,
        staff::resend_invitation,
        audit_log::list,
        audit_log::export_csv,
        audit_log::actions,
        audit_log::detail,
        api_clients::list,
        api_clients::create,
        api_clients::rotate,
        api_clients::revoke,
        webhooks::list,
        webhooks::create,
        webhooks::detail,
        webhooks::update,
        webhooks::remove,
        webhooks::rotate,
        webhooks::enable,
        webhooks::disable,
        webhooks::send_test,
        webhooks::deliveries,
        webhooks::delivery,
        webhooks::replay,
        platform::list_dealers,
        platform::create_dealer,
        platform::create_admin,
        platform::choose_acting_dealer,
        platform::stop_acting_dealer,
    ),
    servers((url = "/", description = "The portal itself: the API is served on the web app's origin")),
    modifiers(&SecuritySchemes, &Conventions),
    tags(
        (name = "auth", description = "Sessions: login, token refresh, logout; the user's own password"),
        (name = "accounts", description = "Customer accounts the user acts for"),
        (name = "contracts", description = "Contracts and their lines"),
        (name = "rentals", description = "Rented items (My Rentals / My Hires) and where they are"),
        (name = "invoices", description = "Invoices, credit memos and the account's balance"),
        (name = "integrations", description = "Back-office feeds: locations, customers with their \
                                               contacts and jobs, contracts with their lines, \
                                               invoices and credit memos, payments received at the \
                                               counter, contract and invoice PDFs, item positions, \
                                               payments to post. Authenticated as an API client \
                                               (OAuth 2.0 client credentials, `oauth2`); each \
                                               operation names the scope it needs. Bodies are \
                                               strict: an unknown field is a 422 naming it"),
        (name = "requests", description = "Requests to the store (call-off, service, extension, book again) and feedback"),
        (name = "payments", description = "Paying invoices or on account by card or bank debit; payment history and receipts"),
        (name = "inbox", description = "The store's inbox: requests, feedback and notifications for dealer staff"),
        (name = "branding", description = "Dealer branding"),
        (name = "admin", description = "Dealer and platform administration"),
        (name = "staff", description = "The dealer's staff and roles: invite, change role and stores, deactivate"),
        (name = "audit", description = "The dealer's audit log: who did what, to whom, when and from where"),
        (name = "webhooks", description = "The dealer's webhook endpoints (Standard Webhooks: \
                                           `webhook-id`, `webhook-timestamp`, `webhook-signature`), \
                                           their delivery log, test events and replays"),
        (name = "platform", description = "The platform operator: dealers and their first administrators"),
        (name = "operations", description = "Health, readiness and metrics"),
    )
)]
pub struct ApiDoc;

/// The two ways to authenticate: a person's access token (`bearer`, from `/auth/login`) and
/// an API client's token (`oauth2`, the client-credentials grant at `/api/v1/oauth/token`)
/// with the scopes of [`Scope`].
struct SecuritySchemes;

/// Where an API client gets its token (RFC 6749 section 4.4).
pub const TOKEN_URL: &str = "/api/v1/oauth/token";

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("A person's access token from `POST /api/v1/auth/login`"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "client_basic",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Basic)
                    .description(Some(
                        "An API client's `client_id` and `client_secret` (token endpoint only)",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "metrics_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "The operator's metrics token, `APP_METRICS__TOKEN` (`GET /metrics` only)",
                    ))
                    .build(),
            ),
        );
        let scopes = Scopes::from_iter(Scope::ALL.map(|scope| (scope.as_str(), scope.describe())));
        components.add_security_scheme(
            "oauth2",
            SecurityScheme::OAuth2(OAuth2::with_description(
                [Flow::ClientCredentials(ClientCredentials::new(TOKEN_URL, scopes))],
                "An API client of the dealer's back office: its id and secret (HTTP Basic or form \
                 fields) for a short-lived token carrying the client's scopes.",
            )),
        );
    }
}

/// What every operation states, added here rather than on each handler:
///
/// - an operation without `security` is public and says so (`security: []`: no requirement;
///   `[{}]` would say the same, but generated clients such as openapi-python-client read any
///   requirement as "needs credentials" and type the public operations for an authenticated
///   client only);
/// - a write (POST, PUT, PATCH, DELETE) that documents no `Idempotency-Key` header says in
///   its description that it takes none, and what a retry does;
/// - an operation with a request body may answer 413 (problem details naming the limit);
/// - a `Page_X` names its items as the schema `X` instead of a copy (utoipa inlines a
///   generic's argument), so a generated client has one `X` type;
/// - every `/api/v1` operation may answer 429 (`Retry-After`, problem details), and each of
///   its answers carries the `RateLimit-Policy` and `RateLimit` fields (`routes::rate_limits`).
struct Conventions;

impl Modify for Conventions {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        refer_to_page_items(&mut components.schemas);
        components.headers.extend(rate_limit_headers());
        for (path, item) in openapi.paths.paths.iter_mut() {
            let rate_limited = path.starts_with("/api/v1/");
            for (method, operation) in operations_mut(item) {
                if operation.security.is_none() {
                    operation.security = Some(Vec::new());
                }
                if operation.request_body.is_some() {
                    document_payload_too_large(operation);
                }
                let write = matches!(method, "post" | "put" | "patch" | "delete");
                if write && !takes_idempotency_key(operation) {
                    let line = format!("**Idempotency-Key**: not taken. {}", retry_note(operation));
                    operation.description = Some(match operation.description.take() {
                        Some(text) if !text.is_empty() => format!("{text}\n\n{line}"),
                        _ => line,
                    });
                }
                // Last, so the answers documented above carry the fields too.
                if rate_limited {
                    document_rate_limits(operation);
                }
            }
        }
    }
}

fn operations_mut(item: &mut PathItem) -> impl Iterator<Item = (&'static str, &mut Operation)> {
    [
        ("get", &mut item.get),
        ("put", &mut item.put),
        ("post", &mut item.post),
        ("delete", &mut item.delete),
        ("options", &mut item.options),
        ("head", &mut item.head),
        ("patch", &mut item.patch),
        ("trace", &mut item.trace),
    ]
    .into_iter()
    .filter_map(|(method, operation)| operation.as_mut().map(|operation| (method, operation)))
}

fn refer_to_page_items(
    schemas: &mut std::collections::BTreeMap<String, utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>>,
) {
    use utoipa::openapi::schema::{ArrayItems, Schema};
    use utoipa::openapi::{Ref, RefOr};
    let names: Vec<String> = schemas.keys().cloned().collect();
    for name in names {
        let Some(item) = name.strip_prefix("Page_").filter(|item| schemas.contains_key(*item)) else {
            continue;
        };
        let item = Ref::from_schema_name(item);
        if let Some(RefOr::T(Schema::Object(page))) = schemas.get_mut(&name)
            && let Some(RefOr::T(Schema::Array(items))) = page.properties.get_mut("items")
        {
            items.items = ArrayItems::RefOrSchema(Box::new(RefOr::Ref(item)));
        }
    }
}

/// The 413 of a body over the route's limit, as problem details; a description the handler
/// gave (its limit) is kept.
fn document_payload_too_large(operation: &mut Operation) {
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
    let description = match operation.responses.responses.get("413") {
        Some(RefOr::T(response)) => response.description.clone(),
        _ => "The body is larger than this route accepts; `detail` says the limit".to_string(),
    };
    let content = ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build();
    let response = ResponseBuilder::new().description(description).content(PROBLEM_JSON, content).build();
    operation.responses.responses.insert("413".to_string(), RefOr::T(response));
}

const RATELIMIT_POLICY: &str = "RateLimit-Policy";
const RATELIMIT: &str = "RateLimit";
const RETRY_AFTER: &str = "Retry-After";

/// The response headers of the rate limits, as components every answer refers to.
fn rate_limit_headers() -> [(String, utoipa::openapi::RefOr<utoipa::openapi::Header>); 3] {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    use utoipa::openapi::{HeaderBuilder, RefOr};
    let header = |schema: ObjectBuilder, description: &str, example: serde_json::Value| {
        RefOr::T(
            HeaderBuilder::new()
                .schema(Some(schema))
                .description(Some(description))
                .example(Some(example))
                .build(),
        )
    };
    let text = || ObjectBuilder::new().schema_type(Type::String);
    [
        (
            RATELIMIT_POLICY.to_string(),
            header(
                text(),
                "The caller's quota policy (draft-ietf-httpapi-ratelimit-headers-11): `client` \
                 (an API client), `user` (a signed-in person) or `anonymous` (an address); `q` \
                 requests per `w` seconds at the sustained rate.",
                serde_json::json!("\"client\";q=1200;w=60"),
            ),
        ),
        (
            RATELIMIT.to_string(),
            header(
                text(),
                "What is left of the caller's quota: `r` requests may be sent at once now, and the \
                 whole burst is back in `t` seconds (on a 429, `r=0` and `t` equals `Retry-After`).",
                serde_json::json!("\"client\";r=299;t=1"),
            ),
        ),
        (
            RETRY_AFTER.to_string(),
            header(
                ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(1)),
                "Seconds to wait before the next request will be let through.",
                serde_json::json!(12),
            ),
        ),
    ]
}

/// Every answer of an `/api/v1` operation carries the rate-limit fields, and the operation
/// may answer 429 (problem details with `Retry-After`). A 429 the handler documents (the
/// tighter limits of the auth endpoints) keeps its description.
fn document_rate_limits(operation: &mut Operation) {
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
    let budget = "The caller's request budget is used up; wait `Retry-After` seconds";
    let description = match operation.responses.responses.get("429") {
        Some(RefOr::T(response)) => format!("{}, or {}", response.description, lowercase_first(budget)),
        _ => budget.to_string(),
    };
    let content = ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build();
    let mut response = ResponseBuilder::new().description(description).content(PROBLEM_JSON, content).build();
    response.headers.insert(RETRY_AFTER.to_string(), header_ref(RETRY_AFTER));
    operation.responses.responses.insert("429".to_string(), RefOr::T(response));
    for response in operation.responses.responses.values_mut() {
        if let RefOr::T(response) = response {
            for name in [RATELIMIT_POLICY, RATELIMIT] {
                response.headers.insert(name.to_string(), header_ref(name));
            }
        }
    }
}

fn header_ref(name: &str) -> utoipa::openapi::RefOr<utoipa::openapi::Header> {
    utoipa::openapi::RefOr::Ref(utoipa::openapi::Ref::new(format!("#/components/headers/{name}")))
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

fn takes_idempotency_key(operation: &Operation) -> bool {
    operation.parameters.iter().flatten().any(|parameter| match parameter {
        utoipa::openapi::RefOr::T(parameter) => parameter.name.eq_ignore_ascii_case("Idempotency-Key"),
        utoipa::openapi::RefOr::Ref(_) => false,
    })
}

/// What retrying a write without a key does: the back office's writes are idempotent by
/// design (keyed by its own ids); any other write simply happens again.
fn retry_note(operation: &Operation) -> &'static str {
    let id = operation.operation_id.as_deref().unwrap_or_default();
    if id.starts_with("upsert") {
        "Upserts by `external_id`: sending the same batch again creates nothing new."
    } else if id.starts_with("upload") && id.ends_with("_pdf") {
        "Sending the newest file again stores nothing and answers 200."
    } else if id.starts_with("delete") && id != "delete" {
        "Deleting again answers 404 and changes nothing."
    } else if id == "report_positions" {
        "Reports no newer than the stored position are ignored, so a retry is harmless."
    } else if id == "mark_payment_posted" {
        "Confirming again answers 204 and changes nothing."
    } else {
        "Sending it again performs it again."
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

    fn document() -> serde_json::Value {
        serde_json::from_str(&document_json().expect("document")).expect("json")
    }

    /// Every `/api/v1` operation documents its 429 and the rate-limit fields on each answer,
    /// as the middleware sends them; the operational endpoints are not limited.
    #[test]
    fn api_operations_document_rate_limits() {
        let document = document();
        let headers = &document["components"]["headers"];
        for name in [RATELIMIT_POLICY, RATELIMIT, RETRY_AFTER] {
            assert!(headers[name]["description"].is_string(), "components.headers.{name}");
        }
        let mut problems = Vec::new();
        for (path, method, operation) in operations(&document) {
            let at = format!("{} {path}", method.to_uppercase());
            let responses = operation["responses"].as_object().expect("responses");
            if !path.starts_with("/api/v1/") {
                if responses.contains_key("429") {
                    problems.push(format!("{at}: not limited, yet documents a 429"));
                }
                continue;
            }
            let retry_after = responses.get("429").and_then(|r| r["headers"][RETRY_AFTER]["$ref"].as_str());
            if retry_after != Some("#/components/headers/Retry-After") {
                problems.push(format!("{at}: no 429 with Retry-After"));
            }
            if responses
                .get("429")
                .map(|r| &r["content"][PROBLEM_JSON])
                .is_none_or(serde_json::Value::is_null)
            {
                problems.push(format!("{at}: 429 is not problem details"));
            }
            for (status, response) in responses {
                for name in [RATELIMIT_POLICY, RATELIMIT] {
                    if response["headers"][name]["$ref"].as_str().is_none() {
                        problems.push(format!("{at}: {status} lacks {name}"));
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        let login = &document["paths"]["/api/v1/auth/login"]["post"]["responses"]["429"]["description"];
        assert!(login.as_str().expect("login 429").starts_with("Too many attempts"), "kept: {login}");
    }

    fn operations(document: &serde_json::Value) -> Vec<(String, String, serde_json::Value)> {
        let mut out = Vec::new();
        for (path, item) in document["paths"].as_object().expect("paths") {
            for (method, operation) in item.as_object().expect("path item") {
                out.push((path.clone(), method.clone(), operation.clone()));
            }
        }
        out
    }

    /// `page`, `per_page` and `limit` are integers with their bounds wherever they appear,
    /// so a generated client takes numbers and knows the limits (the change feed's `limit`
    /// goes to 1000, the other lists' to 500).
    #[test]
    fn numeric_query_parameters_are_bounded_integers() {
        let document = document();
        let mut seen = 0;
        for (path, method, operation) in operations(&document) {
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                let name = parameter["name"].as_str().unwrap_or_default();
                let (minimum, maximum) = match name {
                    "page" => (1, None),
                    "per_page" => (1, Some(u64::from(shared::paging::MAX_PER_PAGE))),
                    "limit" if path == "/api/v1/integrations/events" => {
                        (1, Some(u64::from(shared::events::MAX_EVENT_PAGE)))
                    }
                    "limit" => (1, Some(500)),
                    _ => continue,
                };
                seen += 1;
                let schema = &parameter["schema"];
                let at = format!("{method} {path} {name}");
                assert_eq!(schema["type"], "integer", "{at}");
                assert_eq!(schema["minimum"].as_u64(), Some(minimum), "{at}");
                assert_eq!(schema["maximum"].as_u64(), maximum, "{at}");
            }
        }
        assert!(seen > 10, "{seen}");
    }

    /// Every `/integrations/*` operation is an API client's, with the one scope it needs,
    /// and the scheme lists every scope with its description.
    #[test]
    fn integrations_use_the_client_credentials_scheme_with_a_scope() {
        let document = document();
        let flow = &document["components"]["securitySchemes"]["oauth2"]["flows"]["clientCredentials"];
        assert_eq!(flow["tokenUrl"], TOKEN_URL);
        for scope in Scope::ALL {
            assert_eq!(flow["scopes"][scope.as_str()], scope.describe());
        }
        let mut integrations = 0;
        for (path, method, operation) in operations(&document) {
            let security = operation["security"].as_array().expect("every operation states its security");
            if !path.starts_with("/api/v1/integrations/") {
                assert!(security.iter().all(|s| s.get("oauth2").is_none()), "{method} {path}");
                continue;
            }
            integrations += 1;
            assert_eq!(security.len(), 1, "{method} {path}: {security:?}");
            let scopes = security[0]["oauth2"].as_array().expect("oauth2");
            if path == "/api/v1/integrations/status" {
                // Sync status is for the back office's own monitoring: any client token of
                // the dealer reads it, whatever its scopes; it tells nothing about customers.
                assert!(scopes.is_empty(), "{method} {path}: {scopes:?}");
                continue;
            }
            assert_eq!(scopes.len(), 1, "{method} {path}");
            assert!(Scope::parse(scopes[0].as_str().unwrap_or_default()).is_some(), "{method} {path}");
        }
        assert!(integrations >= 6, "{integrations}");
    }

    /// Each write says whether it takes an `Idempotency-Key`: a header parameter, or a line
    /// in its description; the back office's writes say why a retry is safe.
    #[test]
    fn every_write_says_whether_it_takes_an_idempotency_key() {
        let document = document();
        for (path, method, operation) in operations(&document) {
            if !matches!(method.as_str(), "post" | "put" | "patch" | "delete") {
                continue;
            }
            let header = operation["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|p| p["name"] == "Idempotency-Key" && p["in"] == "header");
            let description = operation["description"].as_str().unwrap_or_default();
            let line = description.contains("**Idempotency-Key**: not taken.");
            assert!(header != line, "{method} {path}: header {header}, line {line}");
            if path.starts_with("/api/v1/integrations/") && !header {
                assert!(!description.ends_with("Sending it again performs it again."), "{method} {path}");
            }
        }
    }
}
