//! Filing the customer's requests to the store: call-off (D2, D3), service (D4), extension
//! and book again (C7). List, detail and withdrawal are in `requests`.
//!
//! Every kind goes through one pipeline, [`file`], driven by its input type's [`Filing`]
//! impl, and ends in [`submit`]: one transaction writes the request, its lines, its
//! first event, the line status change of a call-off, the emails to the store and the
//! customer's copy, the staff notification and the audit record. An `Idempotency-Key`
//! header makes a retry return the first request instead of filing a second one.

use actix_web::{HttpRequest, HttpResponse, post, web};
use chrono::{NaiveDate, Utc};
use shared::accounts::Permission;
use shared::contracts::{LineStatus, LocationRef};
use shared::error::FieldError;
use shared::requests::{
    BookAgainInput, CallOffInput, CustomerRef, ExtensionInput, RequestContact, RequestDetail, RequestKind,
    RequestLine, RequestStatus, RequestSummary, ServiceKind, ServiceRequestInput,
};
use uuid::Uuid;

use crate::auth::AccountAccess;
use crate::auth::ClientInfo;
use crate::db::notifications::NewNotification;
use crate::db::requests::{CreateOutcome, NewRequest, Scope};
use crate::domain::requests::{
    self as rules, LineFacts, MAX_ADDRESS, MAX_IDEMPOTENCY_KEY, MAX_SHORT, MAX_TEXT,
};
use crate::email::templates;
use crate::error::ApiError;
use crate::state::AppState;

/// How often a fresh confirmation number is drawn when one collides.
const NUMBER_ATTEMPTS: usize = 5;

/// The `Idempotency-Key` header, if sent: 1 to `max` visible ASCII characters (422
/// `idempotency_key` otherwise). Payments use it too, with a shorter `max`.
pub(crate) fn idempotency_key(req: &HttpRequest, max: usize) -> Result<Option<String>, ApiError> {
    let Some(value) = req.headers().get("Idempotency-Key") else { return Ok(None) };
    let key = value.to_str().map(str::trim).unwrap_or_default();
    if key.is_empty() || key.len() > max || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(ApiError::field(
            "idempotency_key",
            &format!("Send an Idempotency-Key of 1 to {max} visible characters, e.g. a UUID."),
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
    let stored = super::requests::load(state, Scope::Customer(access.customer_id), id).await?;
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

/// What sets one kind of request apart from the others; everything else — permission,
/// `Idempotency-Key`, request hash, replay, the two rounds of 422 checks and [`submit`] —
/// is the same pipeline, in [`file`].
trait Filing: serde::Serialize {
    /// The kind filed, also hashed with the body so one key cannot replay across kinds.
    const KIND: RequestKind;
    /// The permission needed beyond seeing the account, if any.
    const PERMISSION: Option<Permission>;

    /// Who the store should contact, as sent.
    fn contact(&self) -> &RequestContact;

    /// Checks on the body alone, before anything is read from the database.
    fn check_shape(&self, errors: &mut Vec<FieldError>, today: NaiveDate);

    /// The lines the request is about, with their checks added to `errors`.
    async fn lines(
        &self,
        state: &AppState,
        access: &AccountAccess,
        errors: &mut Vec<FieldError>,
        today: NaiveDate,
    ) -> Result<Vec<LineFacts>, ApiError>;

    /// Copies the kind's own fields onto the draft (kind, hash, contact and lines are set).
    fn fill(self, draft: &mut Draft);
}

/// The customer's lines `line_ids`, checked to exist and to be in one of `statuses` (what
/// can be `verb`, for the message).
async fn customer_lines(
    state: &AppState,
    access: &AccountAccess,
    line_ids: &[Uuid],
    errors: &mut Vec<FieldError>,
    statuses: &[LineStatus],
    verb: &str,
) -> Result<Vec<LineFacts>, ApiError> {
    let lines = crate::db::requests::lines_of_customer(&state.db, access.customer_id, line_ids).await?;
    rules::check_lines_found(errors, line_ids, &lines);
    rules::check_line_status(errors, &lines, statuses, verb);
    Ok(lines)
}

/// The pipeline every filing route runs (see [`Filing`]): a replay answers before any
/// check, and a 422 is still a replay when the twin under the same key got in first.
async fn file<F: Filing>(
    state: &AppState,
    access: AccountAccess,
    req: &HttpRequest,
    input: F,
) -> Result<HttpResponse, ApiError> {
    let access = match F::PERMISSION {
        Some(permission) => access.require(permission)?,
        None => access,
    };
    let key = idempotency_key(req, MAX_IDEMPOTENCY_KEY)?;
    let hash = rules::request_hash(F::KIND, &input);
    if let Some(response) = replay(state, &access, key.as_deref(), &hash).await? {
        return Ok(response);
    }
    let today = Utc::now().date_naive();
    let mut errors = Vec::new();
    input.check_shape(&mut errors, today);
    if !errors.is_empty() {
        return refuse_or_replay(state, &access, key.as_deref(), &hash, errors).await;
    }
    let lines = input.lines(state, &access, &mut errors, today).await?;
    if !errors.is_empty() {
        return refuse_or_replay(state, &access, key.as_deref(), &hash, errors).await;
    }
    let mut draft = Draft::new(F::KIND, hash, input.contact());
    draft.lines = lines;
    input.fill(&mut draft);
    submit(state, &access, req, key, draft).await
}

/// Call-off (D2): lines out, pickup date today or later and not before an item's start;
/// billing should stop on the pickup date.
impl Filing for CallOffInput {
    const KIND: RequestKind = RequestKind::CallOff;
    const PERMISSION: Option<Permission> = Some(Permission::CallOff);

    fn contact(&self) -> &RequestContact {
        &self.contact
    }

    fn check_shape(&self, errors: &mut Vec<FieldError>, today: NaiveDate) {
        rules::check_line_ids(errors, &self.line_ids, true);
        rules::check_site_address(errors, &self.site_address);
        rules::check_contact(errors, &self.contact);
        rules::check_text(errors, "pickup_window", self.pickup_window.as_deref(), MAX_SHORT);
        rules::check_text(errors, "notes", self.notes.as_deref(), MAX_TEXT);
        if self.pickup_date < today {
            rules::check_pickup_date(errors, self.pickup_date, &[], today);
        }
    }

    async fn lines(
        &self,
        state: &AppState,
        access: &AccountAccess,
        errors: &mut Vec<FieldError>,
        today: NaiveDate,
    ) -> Result<Vec<LineFacts>, ApiError> {
        let lines =
            customer_lines(state, access, &self.line_ids, errors, &[LineStatus::Out], "called off").await?;
        rules::check_pickup_date(errors, self.pickup_date, &lines, today);
        Ok(lines)
    }

    fn fill(self, draft: &mut Draft) {
        draft.pickup_date = Some(self.pickup_date);
        draft.billing_stop_date = Some(self.pickup_date);
        draft.pickup_window = rules::clean(self.pickup_window.as_deref());
        draft.site_address = rules::clean(Some(&self.site_address));
        draft.notes = rules::clean(self.notes.as_deref());
    }
}

/// Service (D4): a description; lines optional, out or called off.
impl Filing for ServiceRequestInput {
    const KIND: RequestKind = RequestKind::Service;
    const PERMISSION: Option<Permission> = None;

    fn contact(&self) -> &RequestContact {
        &self.contact
    }

    fn check_shape(&self, errors: &mut Vec<FieldError>, _today: NaiveDate) {
        rules::check_line_ids(errors, &self.line_ids, false);
        if self.description.trim().is_empty() {
            errors.push(FieldError {
                field: "description".into(),
                message: "Describe what is wrong or needed.".into(),
            });
        }
        rules::check_text(errors, "description", Some(&self.description), MAX_TEXT);
        rules::check_text(errors, "site_address", self.site_address.as_deref(), MAX_ADDRESS);
        rules::check_contact(errors, &self.contact);
    }

    async fn lines(
        &self,
        state: &AppState,
        access: &AccountAccess,
        errors: &mut Vec<FieldError>,
        _today: NaiveDate,
    ) -> Result<Vec<LineFacts>, ApiError> {
        let statuses = [LineStatus::Out, LineStatus::CalledOff];
        customer_lines(state, access, &self.line_ids, errors, &statuses, "serviced").await
    }

    fn fill(self, draft: &mut Draft) {
        draft.service_kind = Some(self.service_kind);
        draft.description = rules::clean(Some(&self.description));
        draft.site_address = rules::clean(self.site_address.as_deref());
    }
}

/// Extension (C7): lines out or reserved, a new return date after today and each item's.
impl Filing for ExtensionInput {
    const KIND: RequestKind = RequestKind::Extension;
    const PERMISSION: Option<Permission> = Some(Permission::CallOff);

    fn contact(&self) -> &RequestContact {
        &self.contact
    }

    fn check_shape(&self, errors: &mut Vec<FieldError>, _today: NaiveDate) {
        rules::check_line_ids(errors, &self.line_ids, true);
        rules::check_contact(errors, &self.contact);
        rules::check_text(errors, "notes", self.notes.as_deref(), MAX_TEXT);
    }

    async fn lines(
        &self,
        state: &AppState,
        access: &AccountAccess,
        errors: &mut Vec<FieldError>,
        today: NaiveDate,
    ) -> Result<Vec<LineFacts>, ApiError> {
        let statuses = [LineStatus::Out, LineStatus::Reserved];
        let lines = customer_lines(state, access, &self.line_ids, errors, &statuses, "extended").await?;
        rules::check_new_return_date(errors, self.new_return_date, &lines, today);
        Ok(lines)
    }

    fn fill(self, draft: &mut Draft) {
        draft.requested_date = Some(self.new_return_date);
        draft.notes = rules::clean(self.notes.as_deref());
    }
}

/// Book again (C7): the lines come from one of the account's contracts, not from what is
/// out, so they are looked up by contract (all its rental lines when none are picked).
impl Filing for BookAgainInput {
    const KIND: RequestKind = RequestKind::BookAgain;
    const PERMISSION: Option<Permission> = Some(Permission::Order);

    fn contact(&self) -> &RequestContact {
        &self.contact
    }

    fn check_shape(&self, errors: &mut Vec<FieldError>, today: NaiveDate) {
        rules::check_line_ids(errors, &self.line_ids, false);
        rules::check_booking_dates(errors, self.start_date, self.end_date, today);
        rules::check_site_address(errors, &self.site_address);
        rules::check_contact(errors, &self.contact);
        rules::check_text(errors, "notes", self.notes.as_deref(), MAX_TEXT);
    }

    async fn lines(
        &self,
        state: &AppState,
        access: &AccountAccess,
        errors: &mut Vec<FieldError>,
        _today: NaiveDate,
    ) -> Result<Vec<LineFacts>, ApiError> {
        let Some(contract_lines) =
            crate::db::requests::rental_lines_of_contract(&state.db, access.customer_id, self.contract_id)
                .await?
        else {
            errors.push(FieldError {
                field: "contract_id".into(),
                message: "This contract is not on this account.".into(),
            });
            return Ok(Vec::new());
        };
        let lines: Vec<LineFacts> = if self.line_ids.is_empty() {
            contract_lines
        } else {
            rules::check_lines_found(errors, &self.line_ids, &contract_lines);
            contract_lines.into_iter().filter(|l| self.line_ids.contains(&l.id)).collect()
        };
        if lines.is_empty() && errors.is_empty() {
            errors.push(FieldError {
                field: "line_ids".into(),
                message: "This contract has no rented items to book again.".into(),
            });
        }
        Ok(lines)
    }

    fn fill(self, draft: &mut Draft) {
        draft.contract_id = Some(self.contract_id);
        draft.requested_date = Some(self.start_date);
        draft.requested_end_date = self.end_date;
        draft.site_address = rules::clean(Some(&self.site_address));
        draft.notes = rules::clean(self.notes.as_deref());
    }
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
    file(&state, access, &req, body.into_inner()).await
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
    file(&state, access, &req, body.into_inner()).await
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
    file(&state, access, &req, body.into_inner()).await
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
    file(&state, access, &req, body.into_inner()).await
}
