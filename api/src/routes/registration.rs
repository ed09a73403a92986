//! First registration by phone (A2, seed 000): the account's primary phone, the email and
//! ZIP/postal code on record, and a new password create the customer's owner login.

use actix_web::{HttpRequest, HttpResponse, post, web};
use chrono::Utc;
use shared::auth::UserRole;
use shared::error::FieldError;
use shared::registration::{PhoneRegistrationRequest, normalize_postal_code};
use uuid::Uuid;

use crate::auth::ClientInfo;
use crate::auth::Limit;
use crate::db::customers::CustomerRecord;
use crate::db::users::{LoginKey, NewUser};
use crate::error::ApiError;
use crate::routes::auth::signed_in;
use crate::state::AppState;

fn required(errors: &mut Vec<FieldError>, field: &str, value: &str, message: &str) {
    if value.trim().is_empty() {
        errors.push(FieldError { field: field.into(), message: message.into() });
    }
}

/// "Please contact ..." naming the store of the customer the phone belongs to.
fn contact_the_store(customer: Option<&CustomerRecord>) -> String {
    match customer {
        Some(c) => {
            let ways: Vec<&str> =
                [c.store_phone.as_deref(), c.store_email.as_deref()].into_iter().flatten().collect();
            if ways.is_empty() {
                format!("Please contact {} for help.", c.store_name)
            } else {
                format!("Please contact {} at {} for help.", c.store_name, ways.join(" or "))
            }
        }
        None => "Please contact your rental store for help.".to_string(),
    }
}

/// Register with the account's primary phone.
///
/// The email and ZIP/postal code must match the customer record, and the customer must be
/// eligible for the portal. Every mismatch — and every ineligible customer — gets the same
/// answer, which names the store to contact; which rule failed is for the dealer's staff to
/// see. On success the new login is signed in, as for `POST /auth/login`.
#[utoipa::path(post, path = "/api/v1/auth/register/phone", tag = "auth", request_body = PhoneRegistrationRequest,
    responses(
        (status = 200, body = shared::auth::SessionResponse, description = "Registered and signed in"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json"),
    ))]
#[post("/auth/register/phone")]
pub async fn register_by_phone(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<PhoneRegistrationRequest>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Sensitive, &req)?;
    let body = body.into_inner();
    let mut errors = Vec::new();
    required(&mut errors, "phone", &body.phone, "Enter the phone number on your account.");
    required(&mut errors, "email", &body.email, "Enter the email address on your account.");
    required(&mut errors, "postal_code", &body.postal_code, "Enter the ZIP or postal code on your account.");
    let phone = match LoginKey::parse(&body.phone) {
        Some(LoginKey::Phone(phone)) => Some(phone),
        _ => {
            if !body.phone.trim().is_empty() {
                errors.push(FieldError { field: "phone".into(), message: "Enter a phone number.".into() });
            }
            None
        }
    };
    let email = body.email.trim().to_lowercase();
    let context: Vec<&str> =
        [email.as_str(), body.phone.trim()].into_iter().filter(|c| !c.is_empty()).collect();
    if let Err(problems) =
        crate::auth::policy::check_new_password_field(&body.new_password, &context, "new_password")
    {
        errors.extend(problems);
    }
    let Some(phone) = phone.filter(|_| errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };

    let candidates = crate::db::customers::by_phone(&state.db, &phone).await?;
    let postal = normalize_postal_code(&body.postal_code);
    let matched = candidates.iter().find(|c| {
        c.email.as_deref().is_some_and(|e| e.trim().eq_ignore_ascii_case(&email))
            && c.postal_code.as_deref().is_some_and(|p| normalize_postal_code(p) == postal)
            && crate::domain::eligibility::check(&c.facts()).is_empty()
    });
    let client = ClientInfo::of(&req);
    let now = Utc::now();
    let Some(customer) = matched else {
        let message = format!(
            "These details do not match our records for this phone number. {}",
            contact_the_store(candidates.first())
        );
        let event = crate::db::audit::AuditEvent {
            dealer_id: candidates.first().map(|c| c.dealer_id),
            customer_id: candidates.first().map(|c| c.id),
            ..client.audit("auth.registration_refused", None)
        };
        crate::db::audit::record(&state.db, &event, now).await?;
        return Err(ApiError::Validation(vec![
            FieldError { field: "email".into(), message: message.clone() },
            FieldError { field: "postal_code".into(), message },
        ]));
    };
    if crate::db::customers::login_exists(&state.db, &phone, &email).await? {
        return Err(ApiError::field(
            "phone",
            "This account is already registered. Log in with your phone number or email and your \
             password, or use \"Forgot password\".",
        ));
    }

    let password_hash = state.hasher.hash(body.new_password).await.map_err(ApiError::Internal)?;
    let user = NewUser {
        id: Uuid::now_v7(),
        email,
        phone_normalized: Some(phone),
        display_name: customer.name.clone(),
        password_hash: Some(password_hash),
        role: UserRole::Customer,
        dealer_id: None,
    };
    let event = crate::db::audit::AuditEvent {
        dealer_id: Some(customer.dealer_id),
        customer_id: Some(customer.id),
        ..client.audit("auth.registered_by_phone", Some(user.id))
    };
    if let Err(err) = crate::db::customers::register_owner(&state.db, &user, customer.id, &event, now).await {
        // Two registrations racing for the same login: the loser is told it exists.
        if crate::db::is_unique_violation(&err) {
            return Err(ApiError::field("phone", "This account is already registered. Log in instead."));
        }
        return Err(err.into());
    }
    let row = crate::db::users::by_id(&state.db, user.id)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("registered user vanished")))?;
    Ok(signed_in(&state, crate::services::sessions::start_session(&state, &row, &client).await?))
}
