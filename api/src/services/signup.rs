//! Self sign-up (A3, seed 001): a customer names their account by its account number or by
//! one of its contract numbers, proves a second fact on record (ZIP/postal code or email),
//! and gets an emailed confirmation link; opening it and choosing a password creates the
//! login.
//!
//! The address the link goes to becomes the login, so it must already be on the customer
//! record: the customer's own email or the email of one of its contacts. A sign-up can
//! therefore only ever mail people the store already knows, and whoever confirms has shown
//! control of such an address. The request never reveals whether anything matched.

use std::sync::Arc;

use chrono::{Duration, Utc};
use shared::email::EmailAddress;
use shared::error::FieldError;
use shared::i18n::Language;
use shared::registration::{
    ConfirmSignupRequest, SignupFactKind, SignupPreview, SignupReferenceKind, SignupRequest,
    normalize_postal_code,
};
use uuid::Uuid;

use crate::auth::ClientInfo;
use crate::auth::tokens::{hash_refresh_token as hash_token, new_refresh_token as new_token};
use crate::db::audit::AuditEvent;
use crate::db::customers::CustomerRecord;
use crate::db::signups::{NewSignup, SignupRow};
use crate::db::users::LoginKey;
use crate::email::templates;
use crate::error::ApiError;
use crate::services::logins;
use crate::services::sessions::{self, IssuedSession};
use crate::state::AppState;

fn required(errors: &mut Vec<FieldError>, field: &str, value: &str, message: &str) {
    if value.trim().is_empty() {
        errors.push(FieldError { field: field.into(), message: message.into() });
    }
}

/// Takes a sign-up request: checks its fields (blank or malformed ones are the only 422),
/// then looks for the customer and sends the email after the caller has answered.
///
/// The answer must be the same, and as fast, whatever matched, so the lookup and the email
/// run on their own task (taking along the language the request asked for); they are
/// audited as `auth.signup_requested`, `auth.signup_existing_login` or `auth.signup_refused`.
pub fn request(state: Arc<AppState>, request: SignupRequest, client: ClientInfo) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    required(
        &mut errors,
        "reference",
        &request.reference,
        match request.reference_kind {
            SignupReferenceKind::AccountNumber => "Enter your account number.",
            SignupReferenceKind::ContractNumber => "Enter a contract number.",
        },
    );
    required(
        &mut errors,
        "fact",
        &request.fact,
        match request.fact_kind {
            SignupFactKind::PostalCode => "Enter the ZIP or postal code on your account.",
            SignupFactKind::Email => "Enter the email address on your account.",
        },
    );
    let email = request.email.trim().to_lowercase();
    if !EmailAddress::is_valid(&email) {
        errors.push(FieldError { field: "email".into(), message: "Enter your email address.".into() });
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let asked = crate::i18n::asked_language();
    tokio::spawn(async move {
        if let Err(error) = handle_signup(&state, request, email, asked, client).await {
            tracing::error!(?error, "sign-up email not queued");
        }
    });
    Ok(())
}

/// Whether `request`'s second fact matches the customer record.
fn fact_matches(customer: &CustomerRecord, kind: SignupFactKind, fact: &str) -> bool {
    match kind {
        SignupFactKind::PostalCode => {
            let postal = normalize_postal_code(fact);
            !postal.is_empty()
                && customer.postal_code.as_deref().is_some_and(|p| normalize_postal_code(p) == postal)
        }
        SignupFactKind::Email => {
            customer.email.as_deref().is_some_and(|e| e.trim().eq_ignore_ascii_case(fact.trim()))
        }
    }
}

/// The first customer that the fact matches, that is eligible, and whose record knows
/// `email` — with the name to greet that person by.
async fn matching_customer<'c>(
    state: &AppState,
    candidates: &'c [CustomerRecord],
    request: &SignupRequest,
    email: &str,
) -> anyhow::Result<Option<(&'c CustomerRecord, String)>> {
    for customer in candidates {
        if !fact_matches(customer, request.fact_kind, &request.fact)
            || !crate::domain::eligibility::check(&customer.facts()).is_empty()
        {
            continue;
        }
        if customer.email.as_deref().is_some_and(|e| e.trim().eq_ignore_ascii_case(email)) {
            return Ok(Some((customer, customer.name.clone())));
        }
        let contacts = crate::db::customers::contact_emails(&state.db, customer.id).await?;
        if let Some(contact) = contacts.iter().find(|c| c.email.trim().eq_ignore_ascii_case(email)) {
            return Ok(Some((customer, contact.name.clone())));
        }
    }
    Ok(None)
}

/// The work behind a sign-up request, after the answer went out; its letter is in the
/// language `asked` for, unless the address already has a login that chose one.
async fn handle_signup(
    state: &AppState,
    request: SignupRequest,
    email: String,
    asked: Option<Language>,
    client: ClientInfo,
) -> anyhow::Result<()> {
    let candidates = match request.reference_kind {
        SignupReferenceKind::AccountNumber => {
            crate::db::customers::by_account_number(&state.db, &request.reference).await?
        }
        SignupReferenceKind::ContractNumber => {
            crate::db::customers::by_contract_number(&state.db, &request.reference).await?
        }
    };
    let now = Utc::now();
    let Some((customer, display_name)) = matching_customer(state, &candidates, &request, &email).await?
    else {
        // For the dealer's staff: which customer the attempt named, never the email.
        let event = AuditEvent {
            dealer_id: candidates.first().map(|c| c.dealer_id),
            customer_id: candidates.first().map(|c| c.id),
            details: Some(serde_json::json!({
                "reference_kind": request.reference_kind,
                "fact_kind": request.fact_kind,
                "reference_found": !candidates.is_empty(),
            })),
            ..client.audit("auth.signup_refused", None)
        };
        crate::db::audit::record(&state.db, &event, now).await?;
        return Ok(());
    };

    let public_url = state.settings.server.public_url.trim_end_matches('/');
    let branding = crate::db::branding::by_id(&state.db, customer.dealer_id).await?;
    let existing = crate::db::users::find_for_login(&state.db, &LoginKey::Email(email.clone())).await?;
    if let Some(user) = existing {
        // No second login for one address: remind its owner how to get in instead.
        let language = crate::i18n::reader_language(branding.as_ref(), user.chosen_language(), asked);
        let message = templates::signup_existing_login(
            branding.as_ref(),
            language,
            &email,
            &user.display_name,
            &format!("{public_url}/login"),
            &format!("{public_url}/forgot-password"),
        );
        let event = AuditEvent {
            dealer_id: Some(customer.dealer_id),
            customer_id: Some(customer.id),
            ..client.audit("auth.signup_existing_login", Some(user.id))
        };
        crate::db::signups::notify(&state.db, &message, &event, now).await?;
        state.outbox_wake.notify_one();
        return Ok(());
    }

    let ttl_hours = i64::from(state.settings.auth.signup_ttl_hours.max(1));
    let token = new_token();
    let link = format!("{public_url}/signup/confirm?token={token}");
    let message = templates::signup_confirmation(
        branding.as_ref(),
        crate::i18n::reader_language(branding.as_ref(), None, asked),
        &email,
        &display_name,
        &customer.name,
        &link,
        ttl_hours,
    );
    let signup = NewSignup {
        id: Uuid::now_v7(),
        dealer_id: customer.dealer_id,
        customer_id: customer.id,
        email,
        display_name,
        token_hash: hash_token(&token),
        requested_ip: client.ip.clone(),
        expires_at: now + Duration::hours(ttl_hours),
    };
    let event = AuditEvent {
        dealer_id: Some(customer.dealer_id),
        customer_id: Some(customer.id),
        details: Some(serde_json::json!({
            "signup_id": signup.id,
            "email": signup.email,
            "reference_kind": request.reference_kind,
            "fact_kind": request.fact_kind,
        })),
        ..client.audit("auth.signup_requested", None)
    };
    crate::db::signups::create(&state.db, &signup, &message, &event, now).await?;
    state.outbox_wake.notify_one();
    Ok(())
}

/// The sign-up a token names, if it can still be confirmed.
async fn live_signup(state: &AppState, token: &str) -> Result<Option<SignupRow>, ApiError> {
    let now = Utc::now();
    Ok(crate::db::signups::by_token_hash(&state.db, &hash_token(token.trim()))
        .await?
        .filter(|s| s.is_live(now)))
}

/// What a sign-up confirmation link is for: the customer, the dealer's branding and the
/// email that becomes the login. The token is the proof: unknown, expired and used tokens
/// are all the same 404.
pub async fn preview(state: &AppState, token: &str) -> Result<SignupPreview, ApiError> {
    let signup = live_signup(state, token).await?.ok_or(ApiError::NotFound)?;
    let dealer = crate::db::branding::by_id(&state.db, signup.dealer_id).await?.ok_or(ApiError::NotFound)?;
    Ok(SignupPreview { customer_name: signup.customer_name, dealer, email: signup.email })
}

/// Confirms a sign-up: creates the login with the emailed address and the chosen password,
/// and signs it in.
///
/// The login becomes the account's owner while the customer has no owner yet, otherwise a
/// view-only member whom the owner can give more rights (decided in the transaction that
/// creates the login). A password the policy refuses leaves the link usable. Audited as
/// `auth.signed_up`.
pub async fn confirm(
    state: &AppState,
    request: ConfirmSignupRequest,
    client: &ClientInfo,
) -> Result<IssuedSession, ApiError> {
    let expired =
        || ApiError::field("token", "This link has expired or was already used. Please sign up again.");
    let signup = live_signup(state, &request.token).await?.ok_or_else(expired)?;
    if !logins::still_eligible(state, signup.customer_id).await? {
        return Err(expired());
    }
    crate::auth::policy::check_new_password_field(
        &request.new_password,
        &[&signup.email, &signup.display_name],
        "new_password",
    )
    .map_err(ApiError::Validation)?;
    let already = || {
        ApiError::LoginRequired(format!(
            "{email} already has a portal login. Log in with it, or use \"Forgot password\".",
            email = signup.email
        ))
    };
    if crate::db::users::find_for_login(&state.db, &LoginKey::Email(signup.email.clone())).await?.is_some() {
        return Err(already());
    }
    let user = logins::new_customer(
        state,
        signup.email.clone(),
        None,
        signup.display_name.clone(),
        request.new_password,
    )
    .await?;
    let now = Utc::now();
    let event = AuditEvent {
        dealer_id: Some(signup.dealer_id),
        customer_id: Some(signup.customer_id),
        details: Some(serde_json::json!({ "signup_id": signup.id })),
        ..client.audit("auth.signed_up", Some(user.id))
    };
    match crate::db::signups::complete(&state.db, &signup, &user, &event, now).await {
        Ok(true) => {}
        Ok(false) => return Err(expired()),
        Err(err) if crate::db::is_unique_violation(&err) => return Err(already()),
        Err(err) => return Err(err.into()),
    }
    sessions::start_new_session(state, user.id, client).await
}
