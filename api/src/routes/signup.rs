//! Self sign-up (A3, seed 001): a customer names their account by its account number or by
//! one of its contract numbers, proves a second fact on record (ZIP/postal code or email),
//! and gets an emailed confirmation link; opening it and choosing a password creates the
//! login.
//!
//! The address the link goes to becomes the login, so it must already be on the customer
//! record: the customer's own email or the email of one of its contacts. A sign-up can
//! therefore only ever mail people the store already knows, and whoever confirms has shown
//! control of such an address. The request never reveals whether anything matched.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{Duration, Utc};
use shared::auth::{AcceptedResponse, UserRole};
use shared::error::FieldError;
use shared::registration::{
    ConfirmSignupRequest, SignupFactKind, SignupPreview, SignupReferenceKind, SignupRequest,
    normalize_postal_code,
};
use uuid::Uuid;

use crate::auth::ClientInfo;
use crate::auth::Limit;
use crate::auth::tokens::{hash_refresh_token as hash_token, new_refresh_token as new_token};
use crate::db::customers::CustomerRecord;
use crate::db::signups::{NewSignup, SignupRow};
use crate::db::users::{LoginKey, NewUser};
use crate::email::templates;
use crate::error::ApiError;
use crate::routes::auth::signed_in;
use crate::state::AppState;

const SIGNUP_ANSWER: &str = "If these details match an account, we have sent a link to that email \
     address. Open it to confirm and choose your password; it works once and expires soon.";

fn required(errors: &mut Vec<FieldError>, field: &str, value: &str, message: &str) {
    if value.trim().is_empty() {
        errors.push(FieldError { field: field.into(), message: message.into() });
    }
}

fn looks_like_email(email: &str) -> bool {
    email.len() <= 254 && email.contains('@') && !email.starts_with('@') && !email.ends_with('@')
}

/// Ask for a sign-up confirmation link (A3).
///
/// `reference` is the account number (`reference_kind: account_number`) or the number of
/// one of the customer's contracts or quotes (`contract_number`), at any dealer. `fact` must
/// match the record: its ZIP/postal code (`fact_kind: postal_code`; spaces and case do not
/// matter) or its email (`email`; case does not matter). The customer must be eligible for
/// the portal (A5). `email` receives the link and becomes the login: it must be the
/// customer's email on record or one of its contacts' emails.
///
/// Always answers 202 with the same body, at once, whatever matched; the lookup and the
/// email happen after the answer, so neither body nor timing reveals anything. On a match
/// the link `{public_url}/signup/confirm?token=...` goes to `email`, valid
/// `auth.signup_ttl_hours` (a new request replaces an earlier link); when `email` already
/// has a login, it gets a "you already have a login" message instead. Audited as
/// `auth.signup_requested`, `auth.signup_existing_login` or `auth.signup_refused`. Only
/// blank or malformed fields answer 422.
#[utoipa::path(post, path = "/api/v1/auth/signup", tag = "auth", request_body = SignupRequest,
    responses(
        (status = 202, body = AcceptedResponse, description = "The same answer whether or not anything matched"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json",
            description = "A blank `reference` or `fact`, or an `email` that is not an email address"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json"),
    ))]
#[post("/auth/signup")]
pub async fn sign_up(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<SignupRequest>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Sensitive, &req)?;
    let body = body.into_inner();
    let mut errors = Vec::new();
    required(
        &mut errors,
        "reference",
        &body.reference,
        match body.reference_kind {
            SignupReferenceKind::AccountNumber => "Enter your account number.",
            SignupReferenceKind::ContractNumber => "Enter a contract number.",
        },
    );
    required(
        &mut errors,
        "fact",
        &body.fact,
        match body.fact_kind {
            SignupFactKind::PostalCode => "Enter the ZIP or postal code on your account.",
            SignupFactKind::Email => "Enter the email address on your account.",
        },
    );
    let email = body.email.trim().to_lowercase();
    if !looks_like_email(&email) {
        errors.push(FieldError { field: "email".into(), message: "Enter your email address.".into() });
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let client = ClientInfo::of(&req);
    let state = state.into_inner();
    tokio::spawn(async move {
        if let Err(error) = handle_signup(&state, body, email, client).await {
            tracing::error!(?error, "sign-up email not queued");
        }
    });
    Ok(HttpResponse::Accepted().json(AcceptedResponse { message: SIGNUP_ANSWER.into() }))
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

/// The work behind `POST /auth/signup`, after the answer went out.
async fn handle_signup(
    state: &AppState,
    request: SignupRequest,
    email: String,
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
    // The first customer that the fact matches, that is eligible, and whose record knows
    // the email — with the name to greet that person by.
    let mut matched: Option<(&CustomerRecord, String)> = None;
    for customer in &candidates {
        if !fact_matches(customer, request.fact_kind, &request.fact)
            || !crate::domain::eligibility::check(&customer.facts()).is_empty()
        {
            continue;
        }
        if customer.email.as_deref().is_some_and(|e| e.trim().eq_ignore_ascii_case(&email)) {
            matched = Some((customer, customer.name.clone()));
            break;
        }
        let contacts = crate::db::customers::contact_emails(&state.db, customer.id).await?;
        if let Some(contact) = contacts.iter().find(|c| c.email.trim().eq_ignore_ascii_case(&email)) {
            matched = Some((customer, contact.name.clone()));
            break;
        }
    }
    let Some((customer, display_name)) = matched else {
        // For the dealer's staff: which customer the attempt named, never the email.
        let event = crate::db::audit::AuditEvent {
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
        let message = templates::signup_existing_login(
            branding.as_ref(),
            &email,
            &user.display_name,
            &format!("{public_url}/login"),
            &format!("{public_url}/forgot-password"),
        );
        let event = crate::db::audit::AuditEvent {
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
    let event = crate::db::audit::AuditEvent {
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
/// email that becomes the login.
///
/// The token is the proof: unknown, expired and used tokens all answer the same 404.
#[utoipa::path(get, path = "/api/v1/auth/signup/{token}", tag = "auth",
    params(("token" = String, Path, description = "The token from the emailed link")),
    responses(
        (status = 200, body = SignupPreview),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Unknown, expired or already used"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json"),
    ))]
#[get("/auth/signup/{token}")]
pub async fn preview(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Sensitive, &req)?;
    let signup = live_signup(&state, &path).await?.ok_or(ApiError::NotFound)?;
    let dealer = crate::db::branding::by_id(&state.db, signup.dealer_id).await?.ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(SignupPreview {
        customer_name: signup.customer_name,
        dealer,
        email: signup.email,
    }))
}

/// Confirm a sign-up: choose the password and create the login.
///
/// `new_password` must meet the password policy (422 `new_password`, the link stays
/// usable). The login is created with the emailed address, as the account's owner (every
/// permission) while the customer has no owner yet, otherwise as a view-only member whom
/// the owner can give more rights. The answer signs the new user in as `POST /auth/login`
/// does. The token works once; expired or used answers 422 `token`, as does a customer
/// that is no longer eligible. When the email got a login meanwhile, 401 says to log in.
/// Audited as `auth.signed_up`.
#[utoipa::path(post, path = "/api/v1/auth/signup/confirm", tag = "auth", request_body = ConfirmSignupRequest,
    responses(
        (status = 200, body = shared::auth::SessionResponse, description = "Login created and signed in"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json",
            description = "The email got a login meanwhile: log in instead"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json",
            description = "Expired or used link (`token`), or a password the policy refuses (`new_password`)"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json"),
    ))]
#[post("/auth/signup/confirm")]
pub async fn confirm(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<ConfirmSignupRequest>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Sensitive, &req)?;
    let body = body.into_inner();
    let expired =
        || ApiError::field("token", "This link has expired or was already used. Please sign up again.");
    let signup = live_signup(&state, &body.token).await?.ok_or_else(expired)?;
    // The customer may have changed since the link went out.
    let eligible = crate::db::customers::by_id(&state.db, signup.customer_id)
        .await?
        .is_some_and(|c| crate::domain::eligibility::check(&c.facts()).is_empty());
    if !eligible {
        return Err(expired());
    }
    crate::auth::policy::check_new_password_field(
        &body.new_password,
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
    let password_hash = state.hasher.hash(body.new_password).await.map_err(ApiError::Internal)?;
    let user = NewUser {
        id: Uuid::now_v7(),
        email: signup.email.clone(),
        phone_normalized: None,
        display_name: signup.display_name.clone(),
        password_hash: Some(password_hash),
        role: UserRole::Customer,
        dealer_id: None,
    };
    let client = ClientInfo::of(&req);
    let now = Utc::now();
    let event = crate::db::audit::AuditEvent {
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
    let row = crate::db::users::by_id(&state.db, user.id)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("signed-up user vanished")))?;
    Ok(signed_in(&state, crate::services::sessions::start_session(&state, &row, &client).await?))
}
