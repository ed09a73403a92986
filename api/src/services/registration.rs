//! First registration by phone (A2, seed 000): the account's primary phone, the email and
//! ZIP/postal code on record, and a new password create the customer's owner login, which
//! is then signed in.

use chrono::Utc;
use shared::error::FieldError;
use shared::registration::{PhoneRegistrationRequest, normalize_postal_code};

use crate::auth::ClientInfo;
use crate::db::audit::AuditEvent;
use crate::db::customers::CustomerRecord;
use crate::db::users::LoginKey;
use crate::error::ApiError;
use crate::services::logins;
use crate::services::sessions::{self, IssuedSession};
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

/// The normalised phone and the lower-cased email of a well-formed request, or a 422 with
/// every problem at once (the new password is checked against the phone and email too).
fn validate(request: &PhoneRegistrationRequest) -> Result<(String, String), ApiError> {
    let mut errors = Vec::new();
    required(&mut errors, "phone", &request.phone, "Enter the phone number on your account.");
    required(&mut errors, "email", &request.email, "Enter the email address on your account.");
    required(
        &mut errors,
        "postal_code",
        &request.postal_code,
        "Enter the ZIP or postal code on your account.",
    );
    let phone = match LoginKey::parse(&request.phone) {
        Some(LoginKey::Phone(phone)) => Some(phone),
        _ => {
            if !request.phone.trim().is_empty() {
                errors.push(FieldError { field: "phone".into(), message: "Enter a phone number.".into() });
            }
            None
        }
    };
    let email = request.email.trim().to_lowercase();
    let context: Vec<&str> =
        [email.as_str(), request.phone.trim()].into_iter().filter(|c| !c.is_empty()).collect();
    if let Err(problems) =
        crate::auth::policy::check_new_password_field(&request.new_password, &context, "new_password")
    {
        errors.extend(problems);
    }
    match phone.filter(|_| errors.is_empty()) {
        Some(phone) => Ok((phone, email)),
        None => Err(ApiError::Validation(errors)),
    }
}

/// Registers the owner login of the customer whose primary phone, email and ZIP/postal
/// code `request` names, and signs it in.
///
/// Every mismatch — and every ineligible customer — gets the same 422, naming the store to
/// contact: which rule failed is for the dealer's staff, who read it in the audit
/// (`auth.registration_refused`), not for whoever holds the phone number. Audited as
/// `auth.registered_by_phone` in the transaction that creates the login.
pub async fn register_by_phone(
    state: &AppState,
    request: PhoneRegistrationRequest,
    client: &ClientInfo,
) -> Result<IssuedSession, ApiError> {
    let (phone, email) = validate(&request)?;
    let candidates = crate::db::customers::by_phone(&state.db, &phone).await?;
    let postal = normalize_postal_code(&request.postal_code);
    let matched = candidates.iter().find(|c| {
        c.email.as_deref().is_some_and(|e| e.trim().eq_ignore_ascii_case(&email))
            && c.postal_code.as_deref().is_some_and(|p| normalize_postal_code(p) == postal)
            && crate::domain::eligibility::check(&c.facts()).is_empty()
    });
    let now = Utc::now();
    let Some(customer) = matched else {
        let message = format!(
            "These details do not match our records for this phone number. {}",
            contact_the_store(candidates.first())
        );
        let event = AuditEvent {
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

    let user =
        logins::new_customer(state, email, Some(phone), customer.name.clone(), request.new_password).await?;
    let event = AuditEvent {
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
    sessions::start_new_session(state, user.id, client).await
}
