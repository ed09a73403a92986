//! Feedback and questions from a customer to the store (G1): kept for the dealer's inbox
//! (H8), emailed to the store, announced to its staff; and the store marking them handled.

use chrono::Utc;
use shared::contracts::LocationRef;
use shared::email::EmailAddress;
use shared::error::FieldError;
use shared::feedback::{Feedback, FeedbackInput, FeedbackStatus};
use shared::requests::CustomerRef;
use uuid::Uuid;

use crate::auth::{AccountAccess, ClientInfo, DealerStaff};
use crate::db::feedback::NewFeedback;
use crate::db::notifications::NewNotification;
use crate::db::requests::Store;
use crate::domain::requests::{self as rules, MAX_SHORT, MAX_TEXT};
use crate::email::templates;
use crate::error::ApiError;
use crate::state::AppState;

/// Longest feedback message.
const MAX_MESSAGE: usize = 5000;

/// Sends `input` to the store (see the route for the rules): 422 with nothing written for
/// a bad field; one transaction writes the feedback, the store's email, the staff
/// notification and the audit record `feedback.sent`.
pub(crate) async fn send(
    state: &AppState,
    access: &AccountAccess,
    client: &ClientInfo,
    input: FeedbackInput,
) -> Result<Feedback, ApiError> {
    let (subject, message, customer, store) = checked(state, access, &input).await?;

    let now = Utc::now();
    let branding = crate::db::branding::by_id(&state.db, access.dealer_id).await?;
    let user_name = crate::db::users::by_id(&state.db, access.user.id())
        .await?
        .map(|u| u.display_name)
        .unwrap_or_default();
    let new = NewFeedback {
        id: Uuid::now_v7(),
        dealer_id: access.dealer_id,
        customer_id: access.customer_id,
        location_id: store.as_ref().map(|s| s.id),
        created_by: access.user.id(),
        kind: input.kind,
        subject,
        message,
        contact_email: input.contact_email.trim().to_string(),
        contact_phone: rules::clean(input.contact_phone.as_deref()),
    };
    let as_shown = Feedback {
        id: new.id,
        kind: new.kind,
        status: FeedbackStatus::New,
        subject: new.subject.clone(),
        message: new.message.clone(),
        customer: CustomerRef {
            id: customer.id,
            account_number: customer.account_number,
            name: customer.name,
        },
        location: store.as_ref().map(|s| LocationRef {
            id: s.id,
            external_id: s.external_id.clone(),
            name: s.name.clone(),
        }),
        contact_email: new.contact_email.clone(),
        contact_phone: new.contact_phone.clone(),
        created_by_name: user_name,
        created_at: now,
        handled_at: None,
        handled_note: None,
    };
    let store_email = store
        .as_ref()
        .and_then(|s| s.email.clone())
        .or_else(|| branding.as_ref().and_then(|b| b.support_email.clone()));
    // To the store: in the dealer's default language, whatever the customer's.
    let language = crate::i18n::reader_language(branding.as_ref(), None, None);
    let email =
        store_email.map(|to| templates::feedback_to_store(branding.as_ref(), language, &to, &as_shown));
    let notification = NewNotification {
        dealer_id: access.dealer_id,
        location_id: new.location_id,
        kind: "feedback",
        title: format!("{} from {}: {}", new.kind.label(), as_shown.customer.name, new.subject),
        request_id: None,
        feedback_id: Some(new.id),
    };
    let audit = crate::db::audit::AuditEvent {
        dealer_id: Some(access.dealer_id),
        customer_id: Some(access.customer_id),
        details: Some(serde_json::json!({ "feedback_id": new.id, "kind": new.kind.as_str() })),
        ..client.audit("feedback.sent", Some(access.user.id()))
    };
    crate::db::feedback::create(&state.db, &new, email.as_ref(), &notification, &audit, now).await?;
    state.outbox_wake.notify_one();
    let stored = crate::db::feedback::by_id_for_dealer(&state.db, access.dealer_id, new.id)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("new feedback vanished")))?;
    Ok(stored)
}

/// The trimmed subject and message, the customer and the store `input` names, or a 422
/// naming every bad field.
async fn checked(
    state: &AppState,
    access: &AccountAccess,
    input: &FeedbackInput,
) -> Result<(String, String, crate::db::requests::CustomerFacts, Option<Store>), ApiError> {
    let mut errors = Vec::new();
    let subject = input.subject.trim().to_string();
    let message = input.message.trim().to_string();
    if subject.is_empty() {
        errors.push(FieldError { field: "subject".into(), message: "Enter a subject.".into() });
    }
    if subject.chars().count() > MAX_SHORT {
        errors.push(FieldError {
            field: "subject".into(),
            message: format!("Use at most {MAX_SHORT} characters."),
        });
    }
    if message.is_empty() {
        errors.push(FieldError { field: "message".into(), message: "Enter your message.".into() });
    }
    if message.chars().count() > MAX_MESSAGE {
        errors.push(FieldError {
            field: "message".into(),
            message: format!("Use at most {MAX_MESSAGE} characters."),
        });
    }
    if !EmailAddress::is_valid(&input.contact_email) {
        errors.push(FieldError {
            field: "contact_email".into(),
            message: "Enter an email address like name@example.com.".into(),
        });
    }
    rules::check_text(&mut errors, "contact_phone", input.contact_phone.as_deref(), MAX_SHORT);
    let customer = crate::db::requests::customer_facts(&state.db, access.customer_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let store = match input.location_id.or(customer.home_location_id) {
        Some(id) => {
            let store = crate::db::requests::store(&state.db, access.dealer_id, id).await?;
            if store.is_none() && input.location_id.is_some() {
                errors.push(FieldError {
                    field: "location_id".into(),
                    message: "Choose one of the stores.".into(),
                });
            }
            store
        }
        None => None,
    };
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }

    Ok((subject, message, customer, store))
}

/// The store marks feedback `id` handled with an optional `note` (audited as
/// `inbox.feedback_handled`); handling it again keeps the first handling. 404 for another
/// dealer's or an unknown one.
pub(crate) async fn mark_handled(
    state: &AppState,
    staff: &DealerStaff,
    client: &ClientInfo,
    id: Uuid,
    note: Option<&str>,
) -> Result<Feedback, ApiError> {
    let note = rules::clean(note);
    if note.as_deref().is_some_and(|n| n.chars().count() > MAX_TEXT) {
        return Err(ApiError::field("note", &format!("Use at most {MAX_TEXT} characters.")));
    }
    let audit = crate::db::audit::AuditEvent {
        dealer_id: Some(staff.dealer_id),
        details: Some(serde_json::json!({ "feedback_id": id, "note": note })),
        ..client.audit("inbox.feedback_handled", Some(staff.id()))
    };
    let now = Utc::now();
    if !crate::db::feedback::mark_handled(
        &state.db,
        staff.dealer_id,
        id,
        staff.id(),
        note.as_deref(),
        &audit,
        now,
    )
    .await?
    {
        return Err(ApiError::NotFound);
    }
    crate::db::feedback::by_id_for_dealer(&state.db, staff.dealer_id, id).await?.ok_or(ApiError::NotFound)
}
