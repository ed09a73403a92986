//! Sessions: signing in — with a password at login, or at once after a registration, a
//! sign-up or an accepted invitation — counting failed logins towards the lockout,
//! rotating refresh tokens, and logging out. How the refresh token travels (a cookie) is
//! for `routes`; here it is a string.

use chrono::{DateTime, Duration, Utc};
use shared::auth::{LoginRequest, SessionResponse, UserRole};
use shared::error::FieldError;
use uuid::Uuid;

use crate::auth::ClientInfo;
use crate::auth::tokens::{hash_refresh_token, new_refresh_token};
use crate::db::audit::AuditEvent;
use crate::db::sessions::{NewSession, Rotation};
use crate::db::users::{LoginKey, UserRow};
use crate::error::ApiError;
use crate::ids::UserId;
use crate::state::AppState;

/// A session just issued: the answer's body, and the refresh token, which goes to the
/// browser alone (never in a body or a log).
pub struct IssuedSession {
    pub body: SessionResponse,
    pub refresh_token: String,
}

fn validate_login(request: &LoginRequest) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    if request.login.trim().is_empty() {
        errors
            .push(FieldError { field: "login".into(), message: "Enter your email or phone number.".into() });
    }
    if request.password.is_empty() {
        errors.push(FieldError { field: "password".into(), message: "Enter your password.".into() });
    }
    if request.password.len() > 1024 {
        errors.push(FieldError {
            field: "password".into(),
            message: "Passwords are at most 1024 characters.".into(),
        });
    }
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
}

/// Logs in with an email or phone and a password.
///
/// Before any database or password work, the attempt is charged to the failed-login
/// budgets of the client's address and of the login it names (known or not): beyond
/// them, [`ApiError::RateLimited`] (429), even for the right password. The check itself
/// is queued behind a bounded number of others; when that queue is full,
/// [`ApiError::Overloaded`] (503) at once. A right password gives the charge back.
///
/// Unknown logins, wrong passwords, disabled and locked accounts all fail with the same
/// [`ApiError::InvalidCredentials`] after the same work (the hasher verifies against a
/// dummy hash when there is none), so neither answer nor timing tells which logins exist.
/// A wrong password of a known user counts towards the lockout.
pub async fn login(
    state: &AppState,
    request: LoginRequest,
    client: &ClientInfo,
) -> Result<IssuedSession, ApiError> {
    validate_login(&request)?;
    let key = LoginKey::parse(&request.login);
    let attempt =
        state.limits.reserve_login(client.address(), &throttle_key(key.as_ref(), &request.login))?;
    let user = match &key {
        Some(key) => crate::db::users::find_for_login(&state.db, key).await?,
        None => None,
    };
    let usable = user.as_ref().filter(|u| u.is_active && u.locked_at.is_none());
    let hash = usable.and_then(|u| u.password_hash.clone());
    let verified = match state.hasher.verify(hash, request.password).await {
        Ok(verified) => verified,
        Err(err) => {
            // Nothing was checked: not a failed login.
            attempt.refund();
            return Err(err.into());
        }
    };
    let now = Utc::now();

    let Some(user) = usable.filter(|_| verified) else {
        let event = AuditEvent {
            // A staff login's failures belong to its dealer's log; a customer login's show in
            // the log of every dealer the customer uses (see `db::audit::DEALER_LOG`).
            dealer_id: user.as_ref().and_then(|u| u.dealer_id),
            ..client.audit("auth.login_failed", user.as_ref().map(|u| u.id))
        };
        crate::db::audit::record(&state.db, &event, now).await?;
        if let Some(known) = &user {
            count_failed_login(state, known, client, now).await?;
        }
        // A locked account answers exactly like a wrong password: no enumeration.
        return Err(ApiError::InvalidCredentials);
    };

    attempt.refund();
    start_session(state, user, client).await
}

/// Clears the failed-login budgets of `user`'s email and phone (an admin unlocked them or
/// reset their password), so their next login is not refused for earlier failures.
pub fn forget_failed_logins(state: &AppState, user: &UserRow) {
    let email = LoginKey::Email(user.email.trim().to_lowercase());
    state.limits.forget_login(&throttle_key(Some(&email), &user.email));
    if let Some(phone) = &user.phone_normalized {
        state.limits.forget_login(&throttle_key(Some(&LoginKey::Phone(phone.clone())), phone));
    }
}

/// What the failed-login budget of a login is keyed by: the login normalised as it is
/// looked up (so `Demo@Example.com ` and `demo@example.com` share one budget), or, for
/// what is neither an email nor a phone, the text as typed, trimmed and lower-cased.
fn throttle_key(key: Option<&LoginKey>, typed: &str) -> String {
    match key {
        Some(LoginKey::Email(email)) => format!("email:{email}"),
        Some(LoginKey::Phone(phone)) => format!("phone:{phone}"),
        None => format!("other:{}", typed.trim().to_lowercase()),
    }
}

/// Counts a wrong password of a known user towards the lockout, and audits the lock when
/// this failure caused it. Shared by login and the checks of the current password (password
/// and email changes), so guessing is bounded the same way everywhere.
pub async fn count_failed_login(
    state: &AppState,
    known: &UserRow,
    client: &ClientInfo,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let threshold = state.settings.auth.lockout_threshold;
    let failure = crate::db::users::record_login_failure(&state.db, known.id, threshold, now).await?;
    if let Some(failure) = failure.filter(|f| f.locked_now) {
        tracing::warn!(user_id = %known.id, failed_logins = failure.failed_logins, "account locked");
        let event = AuditEvent {
            dealer_id: known.dealer_id,
            details: Some(serde_json::json!({ "failed_logins": failure.failed_logins })),
            ..client.audit("auth.locked", Some(known.id))
        };
        crate::db::audit::record(&state.db, &event, now).await?;
    }
    Ok(())
}

/// Signs `user` in: a new refresh session family, the login recorded and audited as
/// `auth.login`, and the session. Shared by every way in.
///
/// A user who must change their password signed in with a temporary one: it is spent
/// here, before the session exists, so it opens exactly one session (whose tokens carry
/// the `pcr` claim). Should another login have spent it first, this one is refused as a
/// wrong password would be.
pub async fn start_session(
    state: &AppState,
    user: &UserRow,
    client: &ClientInfo,
) -> Result<IssuedSession, ApiError> {
    let now = Utc::now();
    refuse_deactivated(state, user).await?;
    if user.must_change_password {
        let spent = match user.password_hash.as_deref() {
            Some(hash) => crate::db::users::spend_temporary_password(&state.db, user.id, hash, now).await?,
            None => false,
        };
        if !spent {
            return Err(ApiError::InvalidCredentials);
        }
    }
    let family_id = Uuid::now_v7();
    let refresh_token = new_refresh_token();
    let token_hash = hash_refresh_token(&refresh_token);
    let session = new_session(state, &token_hash, client, now);
    crate::db::sessions::create(&state.db, user.id, family_id, &session, now).await?;
    crate::db::users::record_login_success(&state.db, user.id, now).await?;
    let event = AuditEvent { dealer_id: user.dealer_id, ..client.audit("auth.login", Some(user.id)) };
    crate::db::audit::record(&state.db, &event, now).await?;
    issue(state, user, family_id, refresh_token).await
}

/// 403 `access_deactivated` for a customer's login whose every account an admin has closed
/// (H5). Asked only once the password (or a link) has proved who this is, so the answer
/// tells nothing to someone guessing.
async fn refuse_deactivated(state: &AppState, user: &UserRow) -> Result<(), ApiError> {
    if user.decoded_role()? == UserRole::Customer
        && crate::db::admin_customers::access_deactivated(&state.db, user.id).await?
    {
        return Err(ApiError::AccessDeactivated);
    }
    Ok(())
}

/// Signs in a login this request has just created (registration, sign-up, invitation).
pub async fn start_new_session(
    state: &AppState,
    user_id: UserId,
    client: &ClientInfo,
) -> Result<IssuedSession, ApiError> {
    let row = crate::db::users::by_id(&state.db, user_id)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("the new login vanished")))?;
    start_session(state, &row, client).await
}

/// How many successors of a presented refresh token a concurrent duplicate may follow to
/// the live one (a tab that refreshed again while the other's request was in flight).
const SUCCESSOR_CHAIN: usize = 4;

/// Exchanges a refresh token for a new one and a new access token, in the same session
/// family. `None` when the token is unknown, expired or already used, or its user may no
/// longer sign in: the caller should make the browser forget it.
///
/// Each refresh token works once. Its successor is derived from it with a server key
/// ([`crate::auth::TokenKeys::refresh_successor`]), so a second request presenting it
/// within `auth.refresh_reuse_grace_secs` of its rotation — two tabs reloading together —
/// is answered with that same successor (followed to the live end of the chain) instead of
/// a new token: both end in one session with one working cookie. Presented again after the
/// window, it revokes every session descended from the same login, since only a thief would
/// hold an old token; that is audited as `auth.refresh_reuse`.
pub async fn refresh(
    state: &AppState,
    presented: &str,
    client: &ClientInfo,
) -> Result<Option<IssuedSession>, ApiError> {
    let now = Utc::now();
    let mut tokens = vec![presented.to_string()];
    for _ in 0..SUCCESSOR_CHAIN {
        let next = tokens.last().map(|t| state.tokens.refresh_successor(t)).unwrap_or_default();
        tokens.push(next);
    }
    let hashes: Vec<String> = tokens.iter().map(|t| hash_refresh_token(t)).collect();
    let session = new_session(state, &hashes[1], client, now);
    let grace = Duration::seconds(i64::try_from(state.settings.auth.refresh_reuse_grace_secs).unwrap_or(60));
    let rotation = crate::db::sessions::rotate(&state.db, &hashes, &session, grace, now).await?;
    match rotation {
        Rotation::Rotated { user_id, family_id } => {
            signed_in_again(state, user_id, family_id, &tokens[1]).await
        }
        Rotation::Duplicate { user_id, family_id, step } => {
            tracing::debug!(%user_id, step, "concurrent refresh answered with the live successor");
            match tokens.get(step) {
                Some(token) => signed_in_again(state, user_id, family_id, token).await,
                None => Ok(None),
            }
        }
        Rotation::ReuseDetected { user_id } => {
            tracing::warn!(%user_id, "refresh token reuse detected; session family revoked");
            crate::db::audit::record(&state.db, &client.audit("auth.refresh_reuse", Some(user_id)), now)
                .await?;
            Ok(None)
        }
        Rotation::Invalid => Ok(None),
    }
}

/// The session of a refresh: `refresh_token` and a new access token, if the user may still
/// sign in.
async fn signed_in_again(
    state: &AppState,
    user_id: UserId,
    family_id: Uuid,
    refresh_token: &str,
) -> Result<Option<IssuedSession>, ApiError> {
    let user = crate::db::users::by_id(&state.db, user_id).await?;
    match user.filter(|u| u.is_active && u.locked_at.is_none()) {
        Some(user) => match refuse_deactivated(state, &user).await {
            Ok(()) => Ok(Some(issue(state, &user, family_id, refresh_token.to_string()).await?)),
            Err(ApiError::AccessDeactivated) => Ok(None),
            Err(err) => Err(err),
        },
        None => Ok(None),
    }
}

/// Logs out the session family a refresh token belongs to, audited as `auth.logout`. An
/// unknown or dead token changes nothing: logging out always succeeds.
pub async fn logout(state: &AppState, presented: &str, client: &ClientInfo) -> Result<(), ApiError> {
    let now = Utc::now();
    let user = crate::db::sessions::revoke_family_of(&state.db, &hash_refresh_token(presented), now).await?;
    if let Some(user_id) = user {
        crate::db::audit::record(&state.db, &client.audit("auth.logout", Some(user_id)), now).await?;
    }
    Ok(())
}

/// Ends every session of `user_id`, audited as `auth.logout_all` in the same transaction.
/// Access tokens are not revoked: they run out within minutes, and refreshing them fails.
pub async fn logout_all(state: &AppState, user_id: UserId, client: &ClientInfo) -> Result<(), ApiError> {
    let now = Utc::now();
    let revoked = crate::db::sessions::revoke_all_of_user(
        &state.db,
        user_id,
        &client.audit("auth.logout_all", Some(user_id)),
        now,
    )
    .await?;
    tracing::info!(%user_id, revoked, "logged out everywhere");
    Ok(())
}

/// A refresh session to store under `token_hash`, expiring after the configured lifetime.
fn new_session<'a>(
    state: &AppState,
    token_hash: &'a str,
    client: &'a ClientInfo,
    now: DateTime<Utc>,
) -> NewSession<'a> {
    NewSession {
        token_hash,
        expires_at: now + Duration::days(i64::from(state.settings.auth.refresh_token_ttl_days)),
        ip: client.ip.as_deref(),
        user_agent: client.user_agent.as_deref(),
    }
}

/// Issues an access token for `user` in session family `family_id`, with the accounts the
/// user can act for.
async fn issue(
    state: &AppState,
    user: &UserRow,
    family_id: Uuid,
    refresh_token: String,
) -> Result<IssuedSession, ApiError> {
    let profile = user.profile()?;
    // The claim follows the user row, so a refresh keeps it until the password is changed.
    let now = Utc::now().timestamp();
    let access_token = if user.must_change_password {
        state.tokens.issue_password_change_only(user.id, profile.role, user.dealer_id, family_id, now)?
    } else {
        state.tokens.issue(user.id, profile.role, user.dealer_id, family_id, now)?
    };
    let accounts = crate::db::accounts::for_user(&state.db, user.id).await?;
    let body = SessionResponse {
        access_token,
        token_type: "Bearer".into(),
        expires_in: state.tokens.access_ttl_secs,
        user: profile,
        accounts,
    };
    Ok(IssuedSession { body, refresh_token })
}
