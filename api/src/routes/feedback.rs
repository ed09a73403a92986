//! Feedback and questions from a customer to the store (G1): kept for the dealer's inbox
//! (H8), emailed to the store, announced to its staff.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::Utc;
use shared::contracts::LocationRef;
use shared::error::FieldError;
use shared::feedback::{Feedback, FeedbackInput, FeedbackStatus};
use shared::requests::CustomerRef;
use uuid::Uuid;

use crate::auth::AccountAccess;
use crate::auth::ClientInfo;
use crate::db::feedback::NewFeedback;
use crate::db::notifications::NewNotification;
use crate::domain::requests::{self as rules, MAX_SHORT};
use crate::email::templates;
use crate::error::ApiError;
use crate::state::AppState;

const PROBLEM: &str = "application/problem+json";
/// Longest feedback message.
const MAX_MESSAGE: usize = 5000;
/// Messages the customer's list shows.
const LIST_LIMIT: i64 = 100;

/// Send feedback or a question to the store. `location_id` picks the store (one of the
/// dealer's, 422 otherwise); default the account's home store. The store gets an email
/// (the location's address, else the dealer's support address) and its staff a
/// notification. Audited as `feedback.sent`. Needs view only.
#[utoipa::path(post, path = "/api/v1/accounts/{account_id}/feedback", tag = "requests", operation_id = "send_feedback",
    params(("account_id" = Uuid, Path, description = "Customer account id")),
    request_body = FeedbackInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = Feedback),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM),
    ))]
#[post("/accounts/{account_id}/feedback")]
pub async fn create(
    state: web::Data<AppState>,
    access: AccountAccess,
    req: HttpRequest,
    body: web::Json<FeedbackInput>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
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
    if !rules::plausible_email(&input.contact_email) {
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
        location: store.as_ref().map(|s| LocationRef { id: s.id, name: s.name.clone() }),
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
    let email = store_email.map(|to| templates::feedback_to_store(branding.as_ref(), &to, &as_shown));
    let notification = NewNotification {
        dealer_id: access.dealer_id,
        location_id: new.location_id,
        kind: "feedback",
        title: format!("{} from {}: {}", new.kind.label(), as_shown.customer.name, new.subject),
        request_id: None,
        feedback_id: Some(new.id),
    };
    let client = ClientInfo::of(&req);
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
    Ok(HttpResponse::Created().json(stored))
}

/// The account's feedback messages, newest first (the latest 100), with the store's
/// handling.
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/feedback", tag = "requests", operation_id = "list_feedback",
    params(("account_id" = Uuid, Path, description = "Customer account id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<Feedback>),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM),
    ))]
#[get("/accounts/{account_id}/feedback")]
pub async fn list(state: web::Data<AppState>, access: AccountAccess) -> Result<HttpResponse, ApiError> {
    let items = crate::db::feedback::for_customer(&state.db, access.customer_id, LIST_LIMIT).await?;
    Ok(HttpResponse::Ok().json(items))
}
