//! The customer's requests to the store: filing them (`filing`, `kinds`), the customer's
//! withdrawal and the store's status changes. Each change writes the request's event, its
//! email, notification and audit record in one transaction.

pub(crate) mod filing;
mod kinds;

use chrono::{DateTime, Utc};
use shared::accounts::Permission;
use shared::branding::Branding;
use shared::i18n::Language;
use shared::requests::{ActorKind, RequestDetail, RequestKind, RequestStatus, StaffAction, StaffActionInput};
use uuid::Uuid;

pub(crate) use filing::{Filed, file};

use crate::auth::{AccountAccess, ClientInfo, DealerStaff};
use crate::db::notifications::NewNotification;
use crate::db::requests::{LoadedRequest, Scope, StatusChange};
use crate::domain::requests::{self as rules, MAX_TEXT, TransitionError};
use crate::email::templates;
use crate::error::ApiError;
use crate::ids::{CustomerId, UserId};
use crate::state::AppState;

/// The request `id` as `scope` may see it; 404 when it is not there or another account's
/// or dealer's.
pub(crate) async fn load(state: &AppState, scope: Scope, id: Uuid) -> Result<LoadedRequest, ApiError> {
    crate::db::requests::detail(&state.db, scope, id).await?.ok_or(ApiError::NotFound)
}

/// Writes a status change (customer's withdrawal or a staff action) and answers with the
/// request as stored; 409 with `conflict` when someone changed it meanwhile.
async fn apply_change(
    state: &AppState,
    scope: Scope,
    change: &StatusChange<'_>,
    now: DateTime<Utc>,
    conflict: &str,
) -> Result<RequestDetail, ApiError> {
    if !crate::db::requests::change_status(&state.db, change, now).await? {
        return Err(ApiError::Conflict(conflict.into()));
    }
    state.outbox_wake.notify_one();
    Ok(load(state, scope, change.request_id).await?.detail)
}

/// The permission a kind of request needs, to file it and to withdraw it.
fn permission_for(kind: RequestKind) -> Permission {
    match kind {
        RequestKind::CallOff | RequestKind::Extension => Permission::CallOff,
        RequestKind::Service => Permission::View,
        RequestKind::BookAgain => Permission::Order,
    }
}

/// The customer withdraws request `id` with an optional `reason`, before the store
/// acknowledged it (409 once it has); a withdrawn call-off puts its items back `out`. The
/// contact email gets a note, the store's staff a notification. Needs the permission that
/// filing this kind needs (403).
pub(crate) async fn cancel(
    state: &AppState,
    access: AccountAccess,
    client: &ClientInfo,
    id: Uuid,
    reason: Option<&str>,
) -> Result<RequestDetail, ApiError> {
    let reason = rules::clean(reason);
    let scope = Scope::Customer(access.customer_id);
    let loaded = load(state, scope, id).await?;
    let kind = loaded.detail.summary.kind;
    let access = access.require(permission_for(kind))?;
    let mut errors = Vec::new();
    rules::check_text(&mut errors, "reason", reason.as_deref(), MAX_TEXT);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let from = loaded.detail.summary.status;
    if !rules::customer_may_cancel(from) {
        return Err(ApiError::Conflict(format!(
            "This request is already {}: call the store to change it.",
            rules::status_words(kind, from)
        )));
    }
    let now = Utc::now();
    let branding = crate::db::branding::by_id(&state.db, access.dealer_id).await?;
    let mut after = loaded.detail.clone();
    after.summary.status = RequestStatus::Cancelled;
    after.summary.updated_at = now;
    after.cancel_reason = reason.clone();
    let language = contact_language(state, branding.as_ref(), &after, crate::i18n::asked_language()).await?;
    let email = templates::request_status(
        branding.as_ref(),
        language,
        &after.contact.email,
        &after,
        reason.as_deref(),
    );
    // The staff's notification keeps the portal's source words (it is stored, not translated).
    let terms = branding.as_ref().map(|b| b.terminology).unwrap_or_default();
    let noun = templates::request_noun(Language::En, kind, terms);
    let change = StatusChange {
        request_id: id,
        kind,
        from,
        to: RequestStatus::Cancelled,
        note: reason.clone(),
        scheduled_date: None,
        actor_user_id: access.user.id(),
        actor: ActorKind::Customer,
        today: crate::domain::calendar::today_in(access.time_zone, now),
        emails: vec![email],
        notification: Some(NewNotification {
            dealer_id: access.dealer_id,
            location_id: after.summary.location.as_ref().map(|l| l.id),
            kind: "cancelled",
            title: format!("{} cancelled {noun} {}", after.summary.customer.name, after.summary.number),
            request_id: Some(id),
            feedback_id: None,
        }),
        audit: crate::db::audit::AuditEvent {
            dealer_id: Some(access.dealer_id),
            customer_id: Some(access.customer_id),
            details: Some(
                serde_json::json!({ "request_id": id, "number": after.summary.number, "reason": reason }),
            ),
            ..client.audit("request.cancelled", Some(access.user.id()))
        },
    };
    apply_change(state, scope, &change, now, "The store changed this request a moment ago. Reload it.").await
}

/// The language of letters to a request's contact: the language its filer chose, else
/// `asked` (the customer's own request, when they cause the letter).
async fn contact_language(
    state: &AppState,
    branding: Option<&Branding>,
    request: &RequestDetail,
    asked: Option<Language>,
) -> Result<Language, ApiError> {
    let chosen = crate::db::users::chosen_language(&state.db, UserId::new(request.created_by)).await?;
    Ok(crate::i18n::reader_language(branding, chosen, asked))
}

fn action_name(action: StaffAction) -> &'static str {
    match action {
        StaffAction::Acknowledge => "acknowledged",
        StaffAction::Schedule => "scheduled",
        StaffAction::Complete => "completed",
        StaffAction::Cancel => "cancelled",
    }
}

/// The store moves request `id` on as `input` says (see `domain::requests::staff_transition`
/// for what is allowed when): 409 for a transition not allowed from the current status,
/// 422 for a missing date or note. The contact is emailed; audited as
/// `inbox.request_<status>`.
pub(crate) async fn act_for_store(
    state: &AppState,
    staff: &DealerStaff,
    client: &ClientInfo,
    id: Uuid,
    input: StaffActionInput,
) -> Result<RequestDetail, ApiError> {
    let scope = staff.request_scope();
    let loaded = load(state, scope, id).await?;
    let now = Utc::now();
    let today = crate::db::dealers::today(&state.db, staff.dealer_id, now).await?;
    let note = rules::clean(input.note.as_deref());
    if note.as_deref().is_some_and(|n| n.chars().count() > MAX_TEXT) {
        return Err(ApiError::field("note", &format!("Use at most {MAX_TEXT} characters.")));
    }
    let summary = &loaded.detail.summary;
    let from = summary.status;
    let to = match rules::staff_transition(from, input.action, note.as_deref(), input.scheduled_date, today) {
        Ok(to) => to,
        Err(TransitionError::Invalid(error)) => return Err(ApiError::Validation(vec![error])),
        Err(TransitionError::NotAllowed { .. }) => {
            return Err(ApiError::Conflict(format!(
                "This request is {}: it cannot be {} now.",
                rules::status_words(summary.kind, from),
                action_name(input.action)
            )));
        }
    };
    let scheduled_date = (input.action == StaffAction::Schedule).then_some(input.scheduled_date).flatten();
    let branding = crate::db::branding::by_id(&state.db, staff.dealer_id).await?;
    let mut after = loaded.detail.clone();
    after.summary.status = to;
    after.summary.updated_at = now;
    if scheduled_date.is_some() {
        after.summary.scheduled_date = scheduled_date;
    }
    if to == RequestStatus::Cancelled {
        after.cancel_reason = note.clone();
    }
    // The store's screen says nothing of the customer's language: theirs, else the dealer's.
    let language = contact_language(state, branding.as_ref(), &after, None).await?;
    let email =
        templates::request_status(branding.as_ref(), language, &after.contact.email, &after, note.as_deref());
    let action = format!("inbox.request_{}", to.as_str());
    let change = StatusChange {
        request_id: id,
        kind: summary.kind,
        from,
        to,
        note: note.clone(),
        scheduled_date,
        actor_user_id: staff.id(),
        actor: ActorKind::Store,
        today,
        emails: vec![email],
        notification: None,
        audit: crate::db::audit::AuditEvent {
            dealer_id: Some(staff.dealer_id),
            customer_id: Some(CustomerId::new(summary.customer.id)),
            details: Some(serde_json::json!({
                "request_id": id,
                "number": summary.number,
                "from": from.as_str(),
                "to": to.as_str(),
                "scheduled_date": scheduled_date,
                "note": note,
            })),
            ..client.audit(&action, Some(staff.id()))
        },
    };
    apply_change(state, scope, &change, now, "This request changed a moment ago. Reload it.").await
}
