//! Filing the customer's requests to the store: call-off (D2, D3), service (D4), extension
//! and book again (C7). List, detail and withdrawal are in `requests`.
//!
//! Every kind goes through [`submit`]: one transaction writes the request, its lines, its
//! first event, the line status change of a call-off, the emails to the store and the
//! customer's copy, the staff notification and the audit record. An `Idempotency-Key`
//! header makes a retry return the first request instead of filing a second one.

use actix_web::{HttpRequest, HttpResponse, post, web};
use chrono::Utc;
use shared::accounts::Permission;
use shared::contracts::{LineStatus, LocationRef};
use shared::error::FieldError;
use shared::requests::{
    BookAgainInput, CallOffInput, CustomerRef, ExtensionInput, RequestContact, RequestDetail, RequestKind,
    RequestLine, RequestStatus, RequestSummary, ServiceKind, ServiceRequestInput,
};
use uuid::Uuid;

use crate::auth::AccountAccess;
use crate::db::notifications::NewNotification;
use crate::db::requests::{CreateOutcome, NewRequest, Scope};
use crate::domain::requests::{
    self as rules, LineFacts, MAX_ADDRESS, MAX_IDEMPOTENCY_KEY, MAX_SHORT, MAX_TEXT,
};
use crate::email::templates;
use crate::error::ApiError;
use crate::routes::auth::ClientInfo;
use crate::startup::AppState;

/// How often a fresh confirmation number is drawn when one collides.
const NUMBER_ATTEMPTS: usize = 5;

/// The `Idempotency-Key` header, if sent: 1 to 200 visible ASCII characters.
fn idempotency_key(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    let Some(value) = req.headers().get("Idempotency-Key") else { return Ok(None) };
    let key = value.to_str().map(str::trim).unwrap_or_default();
    if key.is_empty() || key.len() > MAX_IDEMPOTENCY_KEY || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(ApiError::field(
            "idempotency_key",
            "Send an Idempotency-Key of 1 to 200 visible characters, e.g. a UUID.",
        ));
    }
    Ok(Some(key.to_string()))
}

/// A request as a kind's handler validated it, ready for [`submit`].
struct Draft {
    kind: RequestKind,
    hash: String,
    lines: Vec<LineFacts>,
    contract_id: Option<Uuid>,
    pickup_date: Option<chrono::NaiveDate>,
    pickup_window: Option<String>,
    billing_stop_date: Option<chrono::NaiveDate>,
    requested_date: Option<chrono::NaiveDate>,
    requested_end_date: Option<chrono::NaiveDate>,
    service_kind: Option<ServiceKind>,
    description: Option<String>,
    site_address: Option<String>,
    contact: RequestContact,
    notes: Option<String>,
}

impl Draft {
    fn new(kind: RequestKind, hash: String, contact: &RequestContact) -> Self {
        Draft {
            kind,
            hash,
            lines: Vec::new(),
            contract_id: None,
            pickup_date: None,
            pickup_window: None,
            billing_stop_date: None,
            requested_date: None,
            requested_end_date: None,
            service_kind: None,
            description: None,
            site_address: None,
            contact: RequestContact {
                name: contact.name.trim().to_string(),
                phone: rules::clean(contact.phone.as_deref()),
                email: contact.email.trim().to_string(),
            },
            notes: None,
        }
    }
}

/// The stored request under `key`, answered as a replay: 200 with it when `hash` matches
/// what was stored, 409 when the key was used for a different body. `None` when the key is
/// unused.
async fn replay(
    state: &AppState,
    access: &AccountAccess,
    key: Option<&str>,
    hash: &str,
) -> Result<Option<HttpResponse>, ApiError> {
    let Some(key) = key else { return Ok(None) };
    let Some((id, stored_hash)) =
        crate::db::requests::by_idempotency_key(&state.db, access.user.id(), access.customer_id, key).await?
    else {
        return Ok(None);
    };
    if stored_hash.as_deref() != Some(hash) {
        return Err(ApiError::Conflict(
            "This Idempotency-Key was already used for a different request. Use a new key for a new request."
                .into(),
        ));
    }
    let stored = crate::db::requests::detail(&state.db, Scope::Customer(access.customer_id), id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Some(HttpResponse::Ok().json(stored.detail)))
}

/// Field errors become a 422 — unless the request was already filed under this key (a
/// retry that lost the race with its twin), which is answered as a replay.
async fn refuse_or_replay(
    state: &AppState,
    access: &AccountAccess,
    key: Option<&str>,
    hash: &str,
    errors: Vec<FieldError>,
) -> Result<HttpResponse, ApiError> {
    match replay(state, access, key, hash).await? {
        Some(response) => Ok(response),
        None => Err(ApiError::Validation(errors)),
    }
}

/// The in-memory detail of a request about to be written, for its emails.
fn draft_detail(
    request: &NewRequest,
    draft: &Draft,
    customer: &crate::db::requests::CustomerFacts,
    store: Option<&crate::db::requests::Store>,
    created_by_name: &str,
    now: chrono::DateTime<Utc>,
) -> RequestDetail {
    RequestDetail {
        summary: RequestSummary {
            id: request.id,
            number: request.number.clone(),
            kind: request.kind,
            status: RequestStatus::Requested,
            customer: CustomerRef {
                id: customer.id,
                account_number: customer.account_number.clone(),
                name: customer.name.clone(),
            },
            location: store.map(|s| LocationRef { id: s.id, name: s.name.clone() }),
            service_kind: draft.service_kind,
            line_count: u32::try_from(draft.lines.len()).unwrap_or(u32::MAX),
            first_item: draft.lines.first().map(|l| l.description.clone()),
            pickup_date: draft.pickup_date,
            scheduled_date: None,
            created_at: now,
            updated_at: now,
        },
        lines: draft
            .lines
            .iter()
            .map(|l| RequestLine {
                line_id: l.id,
                contract_id: l.contract_id,
                contract_number: l.contract_number.clone(),
                description: l.description.clone(),
                item_code: l.item_code.clone(),
                serial_number: l.serial_number.clone(),
                quantity: l.quantity,
                start_date: l.start_date,
                expected_return: l.expected_return,
            })
            .collect(),
        events: Vec::new(),
        pickup_window: draft.pickup_window.clone(),
        billing_stop_date: draft.billing_stop_date,
        requested_date: draft.requested_date,
        requested_end_date: draft.requested_end_date,
        contract_id: draft.contract_id,
        description: draft.description.clone(),
        site_address: draft.site_address.clone(),
        contact: draft.contact.clone(),
        notes: draft.notes.clone(),
        cancel_reason: None,
        created_by_name: created_by_name.to_string(),
    }
}

/// Writes a validated request (see the module doc) and answers 201 with it; a twin under
/// the same key answers 200 with the first, a line called off meanwhile 409.
async fn submit(
    state: &AppState,
    access: &AccountAccess,
    req: &HttpRequest,
    key: Option<String>,
    draft: Draft,
) -> Result<HttpResponse, ApiError> {
    let customer = crate::db::requests::customer_facts(&state.db, access.customer_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    // The store that works it: the (first) contract's, else the customer's home store.
    let location_id = draft.lines.first().map(|l| l.location_id).or(customer.home_location_id);
    let store = match location_id {
        Some(id) => crate::db::requests::store(&state.db, access.dealer_id, id).await?,
        None => None,
    };
    let branding = crate::db::branding::by_id(&state.db, access.dealer_id).await?;
    let store_email = store
        .as_ref()
        .and_then(|s| s.email.clone())
        .or_else(|| branding.as_ref().and_then(|b| b.support_email.clone()));
    let user_name = crate::db::users::by_id(&state.db, access.user.id())
        .await?
        .map(|u| u.display_name)
        .unwrap_or_default();
    let client = ClientInfo::of(req);
    let noun =
        templates::request_noun(draft.kind, branding.as_ref().map(|b| b.terminology).unwrap_or_default());

    for _ in 0..NUMBER_ATTEMPTS {
        let now = Utc::now();
        let request = NewRequest {
            id: Uuid::now_v7(),
            dealer_id: access.dealer_id,
            customer_id: access.customer_id,
            location_id: store.as_ref().map(|s| s.id),
            contract_id: draft.contract_id,
            kind: draft.kind,
            number: rules::confirmation_number(draft.kind),
            created_by: access.user.id(),
            idempotency_key: key.clone(),
            request_hash: Some(draft.hash.clone()),
            pickup_date: draft.pickup_date,
            pickup_window: draft.pickup_window.clone(),
            billing_stop_date: draft.billing_stop_date,
            requested_date: draft.requested_date,
            requested_end_date: draft.requested_end_date,
            service_kind: draft.service_kind,
            description: draft.description.clone(),
            site_address: draft.site_address.clone(),
            contact: draft.contact.clone(),
            notes: draft.notes.clone(),
            lines: draft.lines.iter().map(|l| (l.id, l.contract_id)).collect(),
        };
        let as_sent = draft_detail(&request, &draft, &customer, store.as_ref(), &user_name, now);
        let mut emails = Vec::with_capacity(2);
        if let Some(to) = &store_email {
            emails.push(templates::request_to_store(branding.as_ref(), to, &as_sent));
        }
        emails.push(templates::request_copy(branding.as_ref(), &draft.contact.email, &as_sent));
        let notification = NewNotification {
            dealer_id: access.dealer_id,
            location_id: request.location_id,
            kind: draft.kind.as_str(),
            title: format!("New {noun} {} from {}", request.number, customer.name),
            request_id: Some(request.id),
            feedback_id: None,
        };
        let audit = crate::db::audit::AuditEvent {
            dealer_id: Some(access.dealer_id),
            customer_id: Some(access.customer_id),
            details: Some(serde_json::json!({
                "request_id": request.id,
                "number": request.number,
                "kind": draft.kind.as_str(),
                "line_ids": draft.lines.iter().map(|l| l.id).collect::<Vec<_>>(),
            })),
            ..client.audit("request.created", Some(access.user.id()))
        };
        match crate::db::requests::create(&state.db, &request, &emails, &notification, &audit, now).await? {
            CreateOutcome::Created => {
                state.outbox_wake.notify_one();
                let stored =
                    crate::db::requests::detail(&state.db, Scope::Customer(access.customer_id), request.id)
                        .await?
                        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("new request vanished")))?;
                return Ok(HttpResponse::Created().json(stored.detail));
            }
            CreateOutcome::KeyTaken(_) => {
                return replay(state, access, key.as_deref(), &draft.hash)
                    .await?
                    .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("idempotent request vanished")));
            }
            CreateOutcome::LineUnavailable(line_id) => {
                let label =
                    draft.lines.iter().find(|l| l.id == line_id).map(LineFacts::label).unwrap_or_default();
                return Err(ApiError::Conflict(format!(
                    "{label} was called off by another request a moment ago. Reload and check your requests."
                )));
            }
            CreateOutcome::NumberTaken => continue,
        }
    }
    Err(ApiError::Internal(anyhow::anyhow!("no free confirmation number after {NUMBER_ATTEMPTS} attempts")))
}

const PROBLEM: &str = "application/problem+json";

/// Ask for a pickup of items that are out (D2): one request for all selected lines, with
/// a confirmation number and server timestamp (D3). Billing should stop on the pickup date.
///
/// The lines become `called_off` in the same transaction; the store and the contact email
/// get an email, the store's staff a notification. With an `Idempotency-Key` header, a
/// retry with the same body answers 200 with the same request, with another body 409.
/// Needs the `call_off` permission (403). 422 with nothing written for: no lines, unknown or
/// foreign lines, a line not out, a pickup date in the past or before an item's start, an
/// empty site address or contact name, an invalid contact email, texts over their limit.
/// 409 when a line was called off by a concurrent request.
#[utoipa::path(post, path = "/api/v1/accounts/{account_id}/call-offs", tag = "requests", operation_id = "create_call_off",
    params(
        ("account_id" = Uuid, Path, description = "Customer account id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID): a retry returns the first request"),
    ),
    request_body = CallOffInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = RequestDetail, description = "Request filed"),
        (status = 200, body = RequestDetail, description = "Retry with the same key and body: the first request"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "No call-off permission"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM),
        (status = 409, body = shared::error::Problem, content_type = PROBLEM,
            description = "Same key with another body, or a line called off concurrently"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM),
    ))]
#[post("/accounts/{account_id}/call-offs")]
pub async fn call_off(
    state: web::Data<AppState>,
    access: AccountAccess,
    req: HttpRequest,
    body: web::Json<CallOffInput>,
) -> Result<HttpResponse, ApiError> {
    let access = access.require(Permission::CallOff)?;
    let input = body.into_inner();
    let key = idempotency_key(&req)?;
    let hash = rules::request_hash(RequestKind::CallOff, &input);
    if let Some(response) = replay(&state, &access, key.as_deref(), &hash).await? {
        return Ok(response);
    }
    let today = Utc::now().date_naive();
    let mut errors = Vec::new();
    rules::check_line_ids(&mut errors, &input.line_ids, true);
    rules::check_site_address(&mut errors, &input.site_address);
    rules::check_contact(&mut errors, &input.contact);
    rules::check_text(&mut errors, "pickup_window", input.pickup_window.as_deref(), MAX_SHORT);
    rules::check_text(&mut errors, "notes", input.notes.as_deref(), MAX_TEXT);
    if input.pickup_date < today {
        rules::check_pickup_date(&mut errors, input.pickup_date, &[], today);
    }
    if !errors.is_empty() {
        return refuse_or_replay(&state, &access, key.as_deref(), &hash, errors).await;
    }
    let lines =
        crate::db::requests::lines_of_customer(&state.db, access.customer_id, &input.line_ids).await?;
    rules::check_lines_found(&mut errors, &input.line_ids, &lines);
    rules::check_line_status(&mut errors, &lines, &[LineStatus::Out], "called off");
    rules::check_pickup_date(&mut errors, input.pickup_date, &lines, today);
    if !errors.is_empty() {
        return refuse_or_replay(&state, &access, key.as_deref(), &hash, errors).await;
    }
    let mut draft = Draft::new(RequestKind::CallOff, hash, &input.contact);
    draft.lines = lines;
    draft.pickup_date = Some(input.pickup_date);
    draft.billing_stop_date = Some(input.pickup_date);
    draft.pickup_window = rules::clean(input.pickup_window.as_deref());
    draft.site_address = rules::clean(Some(&input.site_address));
    draft.notes = rules::clean(input.notes.as_deref());
    submit(&state, &access, &req, key, draft).await
}

/// Ask for service on items (breakdown, damage, maintenance) or, with no lines, a general
/// service call (D4). Lines must be out or called off. Needs view only. Emails, key and
/// 422 rules as for call-offs.
#[utoipa::path(post, path = "/api/v1/accounts/{account_id}/service-requests", tag = "requests", operation_id = "create_service_request",
    params(
        ("account_id" = Uuid, Path, description = "Customer account id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID): a retry returns the first request"),
    ),
    request_body = ServiceRequestInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = RequestDetail),
        (status = 200, body = RequestDetail, description = "Retry with the same key and body"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM),
        (status = 409, body = shared::error::Problem, content_type = PROBLEM),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM),
    ))]
#[post("/accounts/{account_id}/service-requests")]
pub async fn service_request(
    state: web::Data<AppState>,
    access: AccountAccess,
    req: HttpRequest,
    body: web::Json<ServiceRequestInput>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    let key = idempotency_key(&req)?;
    let hash = rules::request_hash(RequestKind::Service, &input);
    if let Some(response) = replay(&state, &access, key.as_deref(), &hash).await? {
        return Ok(response);
    }
    let mut errors = Vec::new();
    rules::check_line_ids(&mut errors, &input.line_ids, false);
    if input.description.trim().is_empty() {
        errors.push(FieldError {
            field: "description".into(),
            message: "Describe what is wrong or needed.".into(),
        });
    }
    rules::check_text(&mut errors, "description", Some(&input.description), MAX_TEXT);
    rules::check_text(&mut errors, "site_address", input.site_address.as_deref(), MAX_ADDRESS);
    rules::check_contact(&mut errors, &input.contact);
    if !errors.is_empty() {
        return refuse_or_replay(&state, &access, key.as_deref(), &hash, errors).await;
    }
    let lines =
        crate::db::requests::lines_of_customer(&state.db, access.customer_id, &input.line_ids).await?;
    rules::check_lines_found(&mut errors, &input.line_ids, &lines);
    rules::check_line_status(&mut errors, &lines, &[LineStatus::Out, LineStatus::CalledOff], "serviced");
    if !errors.is_empty() {
        return refuse_or_replay(&state, &access, key.as_deref(), &hash, errors).await;
    }
    let mut draft = Draft::new(RequestKind::Service, hash, &input.contact);
    draft.lines = lines;
    draft.service_kind = Some(input.service_kind);
    draft.description = rules::clean(Some(&input.description));
    draft.site_address = rules::clean(input.site_address.as_deref());
    submit(&state, &access, &req, key, draft).await
}

/// Ask to keep items longer (C7): lines out or reserved, a new return date after today and
/// after each item's current one. Needs `call_off`. Emails, key and 422 rules as for call-offs.
#[utoipa::path(post, path = "/api/v1/accounts/{account_id}/extensions", tag = "requests", operation_id = "create_extension",
    params(
        ("account_id" = Uuid, Path, description = "Customer account id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID): a retry returns the first request"),
    ),
    request_body = ExtensionInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = RequestDetail),
        (status = 200, body = RequestDetail, description = "Retry with the same key and body"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM),
        (status = 409, body = shared::error::Problem, content_type = PROBLEM),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM),
    ))]
#[post("/accounts/{account_id}/extensions")]
pub async fn extension(
    state: web::Data<AppState>,
    access: AccountAccess,
    req: HttpRequest,
    body: web::Json<ExtensionInput>,
) -> Result<HttpResponse, ApiError> {
    let access = access.require(Permission::CallOff)?;
    let input = body.into_inner();
    let key = idempotency_key(&req)?;
    let hash = rules::request_hash(RequestKind::Extension, &input);
    if let Some(response) = replay(&state, &access, key.as_deref(), &hash).await? {
        return Ok(response);
    }
    let today = Utc::now().date_naive();
    let mut errors = Vec::new();
    rules::check_line_ids(&mut errors, &input.line_ids, true);
    rules::check_contact(&mut errors, &input.contact);
    rules::check_text(&mut errors, "notes", input.notes.as_deref(), MAX_TEXT);
    if !errors.is_empty() {
        return refuse_or_replay(&state, &access, key.as_deref(), &hash, errors).await;
    }
    let lines =
        crate::db::requests::lines_of_customer(&state.db, access.customer_id, &input.line_ids).await?;
    rules::check_lines_found(&mut errors, &input.line_ids, &lines);
    rules::check_line_status(&mut errors, &lines, &[LineStatus::Out, LineStatus::Reserved], "extended");
    rules::check_new_return_date(&mut errors, input.new_return_date, &lines, today);
    if !errors.is_empty() {
        return refuse_or_replay(&state, &access, key.as_deref(), &hash, errors).await;
    }
    let mut draft = Draft::new(RequestKind::Extension, hash, &input.contact);
    draft.lines = lines;
    draft.requested_date = Some(input.new_return_date);
    draft.notes = rules::clean(input.notes.as_deref());
    submit(&state, &access, &req, key, draft).await
}

/// Ask to reserve an earlier contract's items again (C7): the contract must be this
/// account's (422 `contract_id` otherwise), `line_ids` its rental lines (empty = all),
/// start today or later, end on or after the start. Needs `order`. Emails and key as for
/// call-offs.
#[utoipa::path(post, path = "/api/v1/accounts/{account_id}/book-again", tag = "requests", operation_id = "create_book_again",
    params(
        ("account_id" = Uuid, Path, description = "Customer account id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID): a retry returns the first request"),
    ),
    request_body = BookAgainInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = RequestDetail),
        (status = 200, body = RequestDetail, description = "Retry with the same key and body"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM),
        (status = 409, body = shared::error::Problem, content_type = PROBLEM),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM),
    ))]
#[post("/accounts/{account_id}/book-again")]
pub async fn book_again(
    state: web::Data<AppState>,
    access: AccountAccess,
    req: HttpRequest,
    body: web::Json<BookAgainInput>,
) -> Result<HttpResponse, ApiError> {
    let access = access.require(Permission::Order)?;
    let input = body.into_inner();
    let key = idempotency_key(&req)?;
    let hash = rules::request_hash(RequestKind::BookAgain, &input);
    if let Some(response) = replay(&state, &access, key.as_deref(), &hash).await? {
        return Ok(response);
    }
    let today = Utc::now().date_naive();
    let mut errors = Vec::new();
    rules::check_line_ids(&mut errors, &input.line_ids, false);
    rules::check_booking_dates(&mut errors, input.start_date, input.end_date, today);
    rules::check_site_address(&mut errors, &input.site_address);
    rules::check_contact(&mut errors, &input.contact);
    rules::check_text(&mut errors, "notes", input.notes.as_deref(), MAX_TEXT);
    if !errors.is_empty() {
        return refuse_or_replay(&state, &access, key.as_deref(), &hash, errors).await;
    }
    let Some(contract_lines) =
        crate::db::requests::rental_lines_of_contract(&state.db, access.customer_id, input.contract_id)
            .await?
    else {
        errors.push(FieldError {
            field: "contract_id".into(),
            message: "This contract is not on this account.".into(),
        });
        return refuse_or_replay(&state, &access, key.as_deref(), &hash, errors).await;
    };
    let lines: Vec<LineFacts> = if input.line_ids.is_empty() {
        contract_lines
    } else {
        rules::check_lines_found(&mut errors, &input.line_ids, &contract_lines);
        contract_lines.into_iter().filter(|l| input.line_ids.contains(&l.id)).collect()
    };
    if lines.is_empty() && errors.is_empty() {
        errors.push(FieldError {
            field: "line_ids".into(),
            message: "This contract has no rented items to book again.".into(),
        });
    }
    if !errors.is_empty() {
        return refuse_or_replay(&state, &access, key.as_deref(), &hash, errors).await;
    }
    let mut draft = Draft::new(RequestKind::BookAgain, hash, &input.contact);
    draft.lines = lines;
    draft.contract_id = Some(input.contract_id);
    draft.requested_date = Some(input.start_date);
    draft.requested_end_date = input.end_date;
    draft.site_address = rules::clean(Some(&input.site_address));
    draft.notes = rules::clean(input.notes.as_deref());
    submit(&state, &access, &req, key, draft).await
}
