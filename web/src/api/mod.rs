//! Typed client of the Rental Portal HTTP API over the `shared` DTOs; the only module that
//! knows URLs. This module holds the transport (errors, authenticated requests with one
//! refresh on 401, downloads); the endpoints are grouped by who calls them: `public`
//! (signed out), `me` (the signed-in user's own login), `customer` (one account's screens),
//! `store` (dealer staff) and `platform` (the platform operator). Callers name them as `api::…`.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use shared::accounts::Location;
use shared::auth::{
    AcceptedResponse, ChangePasswordRequest, ConfirmEmailChangeRequest, ForgotPasswordRequest, LoginRequest,
    ResetPasswordRequest, SessionResponse,
};
use shared::branding::Branding;
use shared::contracts::ContractDetail;
use shared::error::{ErrorCode, Problem};
use shared::invitations::{
    AcceptInvitationRequest, AccountUser, AccountUsersResponse, InvitationPreview, InvitationSummary,
    InviteRequest, UpdateAccountUserRequest,
};
use shared::list::{ListQuery, SortAndPage};
use shared::mailbox::MailboxEmail;
use shared::paging::Page;
use shared::registration::{ConfirmSignupRequest, PhoneRegistrationRequest, SignupPreview, SignupRequest};
use uuid::Uuid;
use web_sys::RequestCredentials;

use crate::i18n::{count_arg, tr, tr_with};
use crate::offline;
use crate::session::Session;

mod customer;
mod customers;
mod me;
mod platform;
mod public;
mod settings;
mod staff;
mod store;

pub use customer::*;
pub use customers::*;
pub use me::*;
pub use platform::*;
pub use public::*;
pub use settings::*;
pub use staff::*;
pub use store::*;

const BASE: &str = "/api/v1";

/// Why a call failed, in terms the screens can act on.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server answered with a problem document.
    Problem(Problem),
    /// Too many requests (429); `retry_after_secs` from the `Retry-After` header when readable.
    RateLimited { retry_after_secs: Option<u64> },
    /// The server could not be reached.
    Network,
    /// The server answered something we could not read.
    Unexpected(String),
    /// The session is gone (refresh failed); the app is on its way to the login page.
    SignedOut,
}

impl ApiError {
    /// A message safe and useful to show to the person using the portal.
    pub fn message(&self) -> String {
        match self {
            ApiError::Problem(p) => match (&p.detail, p.errors.first()) {
                (Some(detail), _) if !detail.is_empty() => tr_with(
                    "error-problem-detail",
                    &[("title", p.title.as_str().into()), ("detail", detail.as_str().into())],
                ),
                (_, Some(field)) => tr_with(
                    "error-problem-field",
                    &[("title", p.title.as_str().into()), ("message", field.message.as_str().into())],
                ),
                _ => p.title.clone(),
            },
            ApiError::RateLimited { retry_after_secs: Some(secs) } => {
                tr_with("error-rate-limited-for", &[count_arg(secs.div_ceil(60).max(1))])
            }
            ApiError::RateLimited { retry_after_secs: None } => tr("error-rate-limited"),
            ApiError::Network if offline::browser_offline() => tr("error-offline"),
            ApiError::Network => tr("error-network"),
            ApiError::Unexpected(_) => tr("error-unexpected"),
            ApiError::SignedOut => tr("error-signed-out"),
        }
    }

    /// The user signed in with a temporary password and must choose a new one first.
    pub fn is_password_change_required(&self) -> bool {
        matches!(self, ApiError::Problem(p) if p.code == ErrorCode::PasswordChangeRequired)
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, ApiError::Problem(p) if p.code == ErrorCode::NotFound || p.status == 404)
    }

    /// The gateway declined the card or bank account (402): nothing was taken.
    pub fn is_payment_declined(&self) -> bool {
        matches!(self, ApiError::Problem(p) if p.code == ErrorCode::PaymentDeclined || p.status == 402)
    }

    /// What to tell the payer about a declined payment: the gateway's words when the server
    /// passed them on, else a plain sentence.
    pub fn decline_message(&self) -> String {
        match self {
            ApiError::Problem(p) => p
                .detail
                .clone()
                .filter(|d| !d.trim().is_empty())
                .unwrap_or_else(|| tr("error-payment-declined")),
            other => other.message(),
        }
    }

    /// The message of a 422 about `field`, for showing under that field.
    pub fn field_message(&self, field: &str) -> Option<String> {
        match self {
            ApiError::Problem(p) => p.errors.iter().find(|e| e.field == field).map(|e| e.message.clone()),
            _ => None,
        }
    }
}

/// A file the server sent for download.
pub struct Download {
    pub filename: String,
    pub content_type: String,
    pub body: String,
}

fn url(path: &str) -> String {
    format!("{BASE}{path}")
}

/// Encodes query pairs with the browser's own form encoding.
fn query_string(pairs: &[(&'static str, String)]) -> String {
    let Ok(params) = web_sys::UrlSearchParams::new() else {
        return String::new();
    };
    for (key, value) in pairs {
        params.append(key, value);
    }
    String::from(params.to_string())
}

/// Reads a failed response into an [`ApiError`], falling back to a synthetic problem.
async fn problem_of(response: &Response) -> ApiError {
    if response.status() == 429 {
        // `Retry-After` is seconds here; the HTTP-date form is treated as unreadable.
        let retry_after_secs =
            response.headers().get("retry-after").and_then(|v| v.trim().parse::<u64>().ok());
        return ApiError::RateLimited { retry_after_secs };
    }
    match response.json::<Problem>().await {
        Ok(problem) => ApiError::Problem(problem),
        Err(_) => {
            let status = response.status();
            let code = match status {
                401 => ErrorCode::Unauthenticated,
                402 => ErrorCode::PaymentDeclined,
                403 => ErrorCode::Forbidden,
                404 => ErrorCode::NotFound,
                405 => ErrorCode::MethodNotAllowed,
                409 => ErrorCode::Conflict,
                413 => ErrorCode::PayloadTooLarge,
                422 => ErrorCode::ValidationFailed,
                429 => ErrorCode::RateLimited,
                503 => ErrorCode::ServiceUnavailable,
                _ => ErrorCode::Internal,
            };
            let mut problem = Problem::new(code);
            problem.status = status;
            ApiError::Problem(problem)
        }
    }
}

async fn json_of<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if !response.ok() {
        return Err(problem_of(&response).await);
    }
    response.json::<T>().await.map_err(|e| ApiError::Unexpected(e.to_string()))
}

/// Sends `request` in the language on screen: the server writes its problem titles (and
/// anything else it words) in it, not in the browser's own language.
async fn send(request: Result<Request, gloo_net::Error>) -> Result<Response, ApiError> {
    let request = request.map_err(|e| ApiError::Unexpected(e.to_string()))?;
    request.headers().set("Accept-Language", crate::i18n::current().tag());
    request.send().await.map_err(|_| ApiError::Network)
}

/// Sends a bearer-authenticated GET.
async fn get_authed(session: Session, path: &str, accept: &str) -> Result<Response, ApiError> {
    let target = url(path);
    send_authed(session, |token| with_bearer(Request::get(&target), token).header("Accept", accept).build())
        .await
}

/// Sends a bearer-authenticated POST with an optional JSON body.
async fn post_authed<B: serde::Serialize>(
    session: Session,
    path: &str,
    body: Option<&B>,
) -> Result<Response, ApiError> {
    let target = url(path);
    send_authed(session, |token| {
        let builder = with_bearer(Request::post(&target), token).credentials(RequestCredentials::SameOrigin);
        match body {
            Some(body) => builder.json(body),
            None => builder.build(),
        }
    })
    .await
}

/// Sends a bearer-authenticated PATCH with a JSON body.
async fn patch_authed<B: serde::Serialize>(
    session: Session,
    path: &str,
    body: &B,
) -> Result<Response, ApiError> {
    let target = url(path);
    send_authed(session, |token| with_bearer(Request::patch(&target), token).json(body)).await
}

/// Sends a bearer-authenticated PUT with a JSON body.
async fn put_authed<B: serde::Serialize>(
    session: Session,
    path: &str,
    body: &B,
) -> Result<Response, ApiError> {
    let target = url(path);
    send_authed(session, |token| with_bearer(Request::put(&target), token).json(body)).await
}

/// Sends a bearer-authenticated DELETE.
async fn delete_authed(session: Session, path: &str) -> Result<Response, ApiError> {
    let target = url(path);
    send_authed(session, |token| with_bearer(Request::delete(&target), token).build()).await
}

/// Sends what `build` makes with the current access token. A 401 triggers one refresh and one
/// retry; when the refresh fails too the session is ended and [`ApiError::SignedOut`] returned.
/// A 403 `password_change_required` tells the session, whose guards then show the forced
/// password change.
async fn send_authed(
    session: Session,
    build: impl Fn(&str) -> Result<Request, gloo_net::Error>,
) -> Result<Response, ApiError> {
    let mut refreshed = false;
    loop {
        // Signed in from what this browser kept, without signal: a token first, if the
        // server can be reached by now.
        if session.is_offline_session() {
            session.resume().await?;
            refreshed = true;
        }
        let Some(token) = session.access_token() else {
            return Err(ApiError::SignedOut);
        };
        let response = send(build(&token)).await?;
        if response.status() == 403 {
            let error = problem_of(&response).await;
            if error.is_password_change_required() {
                session.require_password_change();
            }
            return Err(error);
        }
        if response.status() != 401 {
            return Ok(response);
        }
        // A view as a customer has no refresh: its 401 means the view is over, and the
        // refresh cookie is the staff member's own, for after "Exit view".
        if session.is_viewing() {
            session.mark_view_ended();
            return Err(problem_of(&response).await);
        }
        // Another call may have refreshed while ours was in flight: just retry with it.
        if session.access_token().is_some_and(|current| current != token) {
            continue;
        }
        if refreshed || !session.refresh().await {
            session.end();
            return Err(ApiError::SignedOut);
        }
        refreshed = true;
    }
}

async fn no_content(response: Response) -> Result<(), ApiError> {
    if response.ok() { Ok(()) } else { Err(problem_of(&response).await) }
}

fn with_bearer(builder: RequestBuilder, token: &str) -> RequestBuilder {
    builder.header("Authorization", &format!("Bearer {token}"))
}

/// GETs `path` as JSON. The answers of an account's read-only lists are kept for the
/// signed-in user (never while viewing as a customer) and shown, marked, when the server
/// cannot be reached (see [`crate::offline`]).
async fn get_json<T: DeserializeOwned>(session: Session, path: &str) -> Result<T, ApiError> {
    let keeper = session.user_id().filter(|_| !session.is_viewing() && offline::keeps(path));
    let Some(user) = keeper else {
        return json_of(get_authed(session, path, "application/json").await?).await;
    };
    let unreadable = |e: serde_json::Error| ApiError::Unexpected(e.to_string());
    match get_authed(session, path, "application/json").await {
        Ok(response) if response.ok() => {
            let body = response.text().await.map_err(|e| ApiError::Unexpected(e.to_string()))?;
            let value = serde_json::from_str(&body).map_err(unreadable)?;
            offline::keep(user, path, &body);
            session.answered_live();
            Ok(value)
        }
        Ok(response) => Err(problem_of(&response).await),
        Err(ApiError::Network) => match offline::kept(user, path) {
            Some((at, body)) => {
                let value = serde_json::from_str(&body).map_err(unreadable)?;
                session.showing_kept(at);
                Ok(value)
            }
            None => Err(ApiError::Network),
        },
        Err(other) => Err(other),
    }
}

/// `attachment; filename="contracts-2026-03-05.csv"` → `contracts-2026-03-05.csv`.
fn filename_from_disposition(value: &str) -> Option<String> {
    value
        .split(';')
        .map(str::trim)
        .find_map(|part| part.strip_prefix("filename="))
        .map(|name| name.trim_matches('"').to_string())
        .filter(|name| !name.is_empty() && !name.contains(['/', '\\']))
}

// ---- Store staff (inbox, feedback, notifications) and the user's own profile ------------
// Used by the `/admin/...` screens (H7, H8) and `/account/profile` (A10).

// ---- Customer screens of issue 5: rentals, requests, feedback, tracking, contract PDF ----
// (D1-D5, C5, C7, G1; the admin inbox lives in its own section.)

/// A file the server sent as bytes (a PDF).
pub struct BinaryDownload {
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Sends a bearer POST with a JSON body and an `Idempotency-Key`: the server answers a retry
/// with the same key and body with the request it filed the first time, never a second one.
async fn post_idempotent<B: serde::Serialize, T: DeserializeOwned>(
    session: Session,
    path: &str,
    key: Uuid,
    body: &B,
) -> Result<T, ApiError> {
    let target = url(path);
    let key = key.to_string();
    let response = send_authed(session, |token| {
        with_bearer(Request::post(&target), token).header("Idempotency-Key", &key).json(body)
    })
    .await?;
    json_of(response).await
}

/// A text download (CSV): the server's file name when it gives one, else `fallback`.
async fn text_download(
    session: Session,
    path: &str,
    accept: &str,
    fallback: &str,
) -> Result<Download, ApiError> {
    let response = get_authed(session, path, accept).await?;
    if !response.ok() {
        return Err(problem_of(&response).await);
    }
    let headers = response.headers();
    let filename = headers
        .get("content-disposition")
        .and_then(|v| filename_from_disposition(&v))
        .unwrap_or_else(|| fallback.to_string());
    let content_type = headers.get("content-type").unwrap_or_else(|| accept.to_string());
    let body = response.text().await.map_err(|e| ApiError::Unexpected(e.to_string()))?;
    Ok(Download { filename, content_type, body })
}

/// A PDF: the server's file name when it gives one, else `fallback`.
async fn pdf_download(session: Session, path: &str, fallback: &str) -> Result<BinaryDownload, ApiError> {
    let response = get_authed(session, path, "application/pdf").await?;
    if !response.ok() {
        return Err(problem_of(&response).await);
    }
    let headers = response.headers();
    let filename = headers
        .get("content-disposition")
        .and_then(|v| filename_from_disposition(&v))
        .unwrap_or_else(|| fallback.to_string());
    let content_type = headers.get("content-type").unwrap_or_else(|| "application/pdf".to_string());
    let bytes = response.binary().await.map_err(|e| ApiError::Unexpected(e.to_string()))?;
    Ok(BinaryDownload { filename, content_type, bytes })
}
