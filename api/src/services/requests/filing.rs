//! Filing the customer's requests to the store: call-off (D2, D3), service (D4), extension
//! and book again (C7).
//!
//! Every kind goes through one pipeline, [`file`], driven by its input type's [`Filing`]
//! impl (in `kinds`), and ends in [`submit`]: one transaction writes the request, its
//! lines, its first event, the line status change of a call-off, the emails to the store
//! and the customer's copy, the staff notification and the audit record. An
//! `Idempotency-Key` makes a retry return the first request instead of filing a second one.

use chrono::{NaiveDate, Utc};
use shared::accounts::Permission;
use shared::contracts::{LineStatus, LocationRef};
use shared::error::FieldError;
use shared::i18n::Language;
use shared::requests::{
    CustomerRef, RequestContact, RequestDetail, RequestKind, RequestLine, RequestStatus, RequestSummary,
    ServiceKind,
};
use uuid::Uuid;

use crate::auth::{AccountAccess, ClientInfo};
use crate::db::idempotency::Keyed;
use crate::db::notifications::NewNotification;
use crate::db::requests::{CreateOutcome, NewRequest, Scope};
use crate::db::users::UserRow;
use crate::domain::requests::{self as rules, LineFacts};
use crate::email::templates;
use crate::error::ApiError;
use crate::services::idempotency::{
    Attempt, Idempotent, refuse_or_replay, replay, replay_of_twin, with_fresh_number,
};
use crate::state::AppState;

/// A filed request as the customer receives it.
pub(crate) struct Filed {
    pub detail: RequestDetail,
    /// A retry under the same `Idempotency-Key`: the first request, nothing new written.
    pub replayed: bool,
}

/// The customer's requests, as the `Idempotency-Key` finds and replays them.
struct CustomerRequests<'a> {
    state: &'a AppState,
    access: &'a AccountAccess,
}

impl Idempotent for CustomerRequests<'_> {
    const NOUN: &'static str = "request";
    type Answer = RequestDetail;

    async fn stored(&self, key: &str) -> Result<Option<(Uuid, Option<String>)>, ApiError> {
        let (user, customer) = (self.access.user.id(), self.access.customer_id);
        Ok(crate::db::idempotency::stored(&self.state.db, Keyed::Requests, user, customer, key).await?)
    }

    async fn answer(&self, id: Uuid) -> Result<RequestDetail, ApiError> {
        Ok(super::load(self.state, Scope::Customer(self.access.customer_id), id).await?.detail)
    }
}

/// A request as a kind's handler validated it, ready for [`submit`].
pub(crate) struct Draft {
    pub(super) kind: RequestKind,
    pub(super) hash: String,
    pub(super) lines: Vec<LineFacts>,
    pub(super) contract_id: Option<Uuid>,
    pub(super) pickup_date: Option<chrono::NaiveDate>,
    pub(super) pickup_window: Option<String>,
    pub(super) billing_stop_date: Option<chrono::NaiveDate>,
    pub(super) requested_date: Option<chrono::NaiveDate>,
    pub(super) requested_end_date: Option<chrono::NaiveDate>,
    pub(super) service_kind: Option<ServiceKind>,
    pub(super) description: Option<String>,
    pub(super) site_address: Option<String>,
    pub(super) contact: RequestContact,
    pub(super) notes: Option<String>,
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
            location: store.map(|s| LocationRef {
                id: s.id,
                external_id: s.external_id.clone(),
                name: s.name.clone(),
            }),
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
                line_external_id: l.external_id.clone(),
                contract_id: l.contract_id,
                contract_external_id: l.contract_external_id.clone(),
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
        created_by: request.created_by.get(),
    }
}

/// Writes a validated request (see the module doc); a twin under the same key answers
/// with the first (`replayed`), a line called off meanwhile is a 409.
async fn submit(
    state: &AppState,
    access: &AccountAccess,
    client: &ClientInfo,
    key: Option<String>,
    draft: Draft,
) -> Result<Filed, ApiError> {
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
    let filer = crate::db::users::by_id(&state.db, access.user.id()).await?;
    let user_name = filer.as_ref().map(|u| u.display_name.clone()).unwrap_or_default();
    // The customer's copy in the filer's language; the store's letter in the dealer's.
    let copy_language = crate::i18n::reader_language(
        branding.as_ref(),
        filer.as_ref().and_then(UserRow::chosen_language),
        crate::i18n::asked_language(),
    );
    let store_language = crate::i18n::reader_language(branding.as_ref(), None, None);
    // The staff's notification keeps the portal's source words (it is stored, not translated).
    let terms = branding.as_ref().map(|b| b.terminology).unwrap_or_default();
    let noun = templates::request_noun(Language::En, draft.kind, terms);

    let flow = CustomerRequests { state, access };
    with_fresh_number("confirmation number", || async {
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
            emails.push(templates::request_to_store(branding.as_ref(), store_language, to, &as_sent));
        }
        emails.push(templates::request_copy(
            branding.as_ref(),
            copy_language,
            &draft.contact.email,
            &as_sent,
        ));
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
                Ok(Attempt::Done(Filed { detail: stored.detail, replayed: false }))
            }
            CreateOutcome::KeyTaken(_) => {
                let detail = replay_of_twin(&flow, key.as_deref(), &draft.hash).await?;
                Ok(Attempt::Done(Filed { detail, replayed: true }))
            }
            CreateOutcome::LineUnavailable(line_id) => {
                let label =
                    draft.lines.iter().find(|l| l.id == line_id).map(LineFacts::label).unwrap_or_default();
                Err(ApiError::Conflict(format!(
                    "{label} was called off by another request a moment ago. Reload and check your requests."
                )))
            }
            CreateOutcome::NumberTaken => Ok(Attempt::NumberTaken),
        }
    })
    .await
}

/// What sets one kind of request apart from the others; everything else — permission,
/// `Idempotency-Key`, request hash, replay, the two rounds of 422 checks and [`submit`] —
/// is the same pipeline, in [`file`].
pub(crate) trait Filing: serde::Serialize {
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
pub(super) async fn customer_lines(
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
pub(crate) async fn file<F: Filing>(
    state: &AppState,
    access: AccountAccess,
    client: &ClientInfo,
    key: Option<String>,
    input: F,
) -> Result<Filed, ApiError> {
    let access = match F::PERMISSION {
        Some(permission) => access.require(permission)?,
        None => access,
    };
    let hash = rules::request_hash(F::KIND, &input);
    let flow = CustomerRequests { state, access: &access };
    if let Some(detail) = replay(&flow, key.as_deref(), &hash).await? {
        return Ok(Filed { detail, replayed: true });
    }
    let today = access.today();
    let mut errors = Vec::new();
    input.check_shape(&mut errors, today);
    if !errors.is_empty() {
        let detail = refuse_or_replay(&flow, key.as_deref(), &hash, errors).await?;
        return Ok(Filed { detail, replayed: true });
    }
    let lines = input.lines(state, &access, &mut errors, today).await?;
    if !errors.is_empty() {
        let detail = refuse_or_replay(&flow, key.as_deref(), &hash, errors).await?;
        return Ok(Filed { detail, replayed: true });
    }
    let mut draft = Draft::new(F::KIND, hash, input.contact());
    draft.lines = lines;
    input.fill(&mut draft);
    // Billing stops on the pickup date the kind asked for, unless the dealer stops it on
    // the day of the call-off (its setting; the request keeps the date it was filed with).
    if draft.billing_stop_date.is_some()
        && crate::db::dealers::settings(&state.db, access.dealer_id).await?.billing_stops_on
            == shared::branding::BillingStop::CallOffDate
    {
        draft.billing_stop_date = Some(today);
    }
    submit(state, &access, client, key, draft).await
}
