//! The platform operator's work (J4): creating dealers and their first administrators —
//! from the `rental-portal` CLI or the platform API, through the same functions — and
//! choosing the dealer whose admin view they work in (H1).
//!
//! An administrator is created without a password: a one-time setup link (a password
//! reset token, valid [`SETUP_LINK_HOURS`]) is mailed to them, and returned to the caller
//! so the CLI can print it when mail goes to the development mailbox. The API never
//! answers the link.

use chrono::{DateTime, Duration, Utc};
use shared::auth::UserRole;
use shared::email::EmailAddress;
use shared::error::FieldError;
use shared::platform::{ActingDealer, AdminCreated, DealerSummary, NewAdmin, NewDealer};
use uuid::Uuid;

use crate::auth::ClientInfo;
use crate::auth::tokens::{hash_refresh_token as hash_token, new_refresh_token as new_token};
use crate::db::Db;
use crate::db::audit::AuditEvent;
use crate::db::dealers::{self, Created};
use crate::db::users::NewUser;
use crate::domain::dealers::validate;
use crate::email::templates;
use crate::error::ApiError;
use crate::ids::{DealerId, UserId};
use crate::state::AppState;

/// How long an administrator's setup link works.
pub const SETUP_LINK_HOURS: i64 = 72;

/// Who acts: a platform operator signed in to the API, the CLI on the server, or the demo
/// seed (which creates its dealers as the CLI would).
#[derive(Debug, Clone, Copy)]
pub enum Operator {
    User(UserId),
    Cli,
    DemoSeed,
}

impl Operator {
    fn audit<'a>(self, client: &'a ClientInfo, action: &'a str) -> AuditEvent<'a> {
        match self {
            Operator::User(id) => client.audit(action, Some(id)),
            Operator::Cli | Operator::DemoSeed => AuditEvent {
                details: Some(serde_json::json!({
                    "via": if matches!(self, Operator::Cli) { "cli" } else { "demo_seed" }
                })),
                ..client.audit(action, None)
            },
        }
    }
}

/// Creates a dealer; 422 naming each bad field, 409 when the slug is taken. Audited as
/// `platform.dealer_created`.
pub async fn create_dealer(
    db: &Db,
    operator: Operator,
    client: &ClientInfo,
    new: &NewDealer,
) -> Result<DealerSummary, ApiError> {
    let dealer = validate(new).map_err(ApiError::Validation)?;
    let id = DealerId::new(Uuid::now_v7());
    let audit = AuditEvent { dealer_id: Some(id), ..operator.audit(client, "platform.dealer_created") };
    match dealers::insert(db, id, &dealer, &audit, Utc::now()).await? {
        Created::Dealer(_) => {}
        Created::SlugTaken => {
            return Err(ApiError::Conflict(format!(
                "A dealer with the slug `{}` exists already.",
                dealer.slug
            )));
        }
    }
    dealers::by_slug(db, &dealer.slug).await?.ok_or(ApiError::NotFound)
}

/// Every dealer, by name.
pub async fn list_dealers(state: &AppState) -> Result<Vec<DealerSummary>, ApiError> {
    Ok(dealers::list(&state.db).await?)
}

/// Makes `dealer_id` the dealer `operator` acts for (H1): from now on the dealer-admin
/// routes answer them as an admin of that dealer, and only of it. 404 when there is no such
/// dealer. Audited as `platform.acting_dealer_started` for the dealer (and, when another
/// was chosen before, `platform.acting_dealer_stopped` for that one).
pub async fn choose_acting_dealer(
    state: &AppState,
    operator: UserId,
    client: &ClientInfo,
    dealer_id: DealerId,
) -> Result<ActingDealer, ApiError> {
    let dealer = crate::db::acting_dealers::dealer(&state.db, dealer_id).await?.ok_or(ApiError::NotFound)?;
    let started = AuditEvent {
        dealer_id: Some(dealer_id),
        details: Some(serde_json::json!({ "dealer_id": dealer.id, "dealer_name": dealer.name })),
        ..client.audit("platform.acting_dealer_started", Some(operator))
    };
    let stopped_at = |previous: DealerId| AuditEvent {
        dealer_id: Some(previous),
        details: Some(serde_json::json!({ "next_dealer_id": dealer.id })),
        ..client.audit("platform.acting_dealer_stopped", Some(operator))
    };
    crate::db::acting_dealers::choose(&state.db, operator, dealer_id, &started, stopped_at, Utc::now())
        .await?;
    Ok(dealer)
}

/// Stops acting for a dealer: the dealer-admin routes refuse `operator` again (403).
/// Audited as `platform.acting_dealer_stopped` for the dealer it ends; stopping when no
/// dealer was chosen is harmless and records nothing.
pub async fn stop_acting(state: &AppState, operator: UserId, client: &ClientInfo) -> Result<(), ApiError> {
    let stopped_at = |dealer: DealerId| AuditEvent {
        dealer_id: Some(dealer),
        ..client.audit("platform.acting_dealer_stopped", Some(operator))
    };
    crate::db::acting_dealers::stop(&state.db, operator, stopped_at, Utc::now()).await?;
    Ok(())
}

/// Whom an administrator administers.
#[derive(Debug, Clone, Copy)]
pub enum AdminOf<'a> {
    /// The dealer with this slug (404 when there is none).
    Dealer(&'a str),
    /// The whole platform (the CLI only).
    Platform,
}

/// An administrator created, with the setup link that was mailed to them.
pub struct NewAdministrator {
    pub created: AdminCreated,
    pub setup_link: String,
}

/// Creates an administrator and mails them a one-time setup link, in one transaction.
/// 422 for a bad email or name, 409 when the email already names a login. Audited as
/// `platform.admin_created`.
pub async fn create_admin(
    state: &AppState,
    operator: Operator,
    client: &ClientInfo,
    of: AdminOf<'_>,
    new: &NewAdmin,
) -> Result<NewAdministrator, ApiError> {
    let (email, display_name) = validate_admin(new)?;
    let (role, dealer) = match of {
        AdminOf::Dealer(slug) => {
            let dealer = dealers::by_slug(&state.db, slug).await?.ok_or(ApiError::NotFound)?;
            (UserRole::DealerAdmin, Some(DealerId::new(dealer.id)))
        }
        AdminOf::Platform => (UserRole::PlatformAdmin, None),
    };
    let user = NewUser {
        id: UserId::new(Uuid::now_v7()),
        email: email.clone(),
        phone_normalized: None,
        display_name,
        password_hash: None,
        role,
        dealer_id: dealer,
    };
    let now = Utc::now();
    let expires_at: DateTime<Utc> = now + Duration::hours(SETUP_LINK_HOURS);
    let token = new_token();
    let setup_link =
        format!("{}/reset-password?token={token}", state.settings.server.public_url.trim_end_matches('/'));
    let branding = super::passwords::dealer_branding(state, dealer).await?;
    let language = crate::i18n::reader_language(branding.as_ref(), None, crate::i18n::asked_language());
    let letter = templates::admin_setup(
        branding.as_ref(),
        language,
        &email,
        &user.display_name,
        &setup_link,
        SETUP_LINK_HOURS,
    );
    let audit = AuditEvent {
        dealer_id: dealer,
        target_user_id: Some(user.id),
        details: Some(serde_json::json!({ "admin_user_id": user.id, "role": role.as_str() })),
        ..operator.audit(client, "platform.admin_created")
    };
    if !dealers::insert_admin(&state.db, &user, &hash_token(&token), expires_at, &letter, &audit, now).await?
    {
        return Err(ApiError::Conflict("This email already names a login.".into()));
    }
    state.outbox_wake.notify_one();
    Ok(NewAdministrator {
        created: AdminCreated { user_id: user.id.get(), email, setup_link_expires_at: expires_at },
        setup_link,
    })
}

fn validate_admin(new: &NewAdmin) -> Result<(String, String), ApiError> {
    let mut errors = Vec::new();
    let email = EmailAddress::parse(&new.email).map(|e| e.as_str().to_lowercase());
    if email.is_err() {
        errors.push(FieldError {
            field: "email".into(),
            message: "Enter an email address like name@example.com.".into(),
        });
    }
    let name = new.display_name.trim().to_string();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        errors.push(FieldError {
            field: "display_name".into(),
            message: "Enter a name of at most 100 characters.".into(),
        });
    }
    match email {
        Ok(email) if errors.is_empty() => Ok((email, name)),
        _ => Err(ApiError::Validation(errors)),
    }
}
