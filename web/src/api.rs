//! Typed client of the Rental Portal HTTP API over the `shared` DTOs; the only module that
//! knows URLs.

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

use crate::session::Session;

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
                (Some(detail), _) if !detail.is_empty() => format!("{} — {}", p.title, detail),
                (_, Some(field)) => format!("{}: {}", p.title, field.message),
                _ => p.title.clone(),
            },
            ApiError::RateLimited { retry_after_secs: Some(secs) } => {
                let minutes = secs.div_ceil(60).max(1);
                let unit = if minutes == 1 { "minute" } else { "minutes" };
                format!("Too many requests, try again in {minutes} {unit}.")
            }
            ApiError::RateLimited { retry_after_secs: None } => {
                "Too many requests, please wait a few minutes and try again.".into()
            }
            ApiError::Network => "We could not reach the server. Check your connection and try again.".into(),
            ApiError::Unexpected(_) => "The server sent an answer we did not understand.".into(),
            ApiError::SignedOut => "Your session has ended. Please log in again.".into(),
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
                .unwrap_or_else(|| "The payment was declined. No money was taken.".to_string()),
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
                409 => ErrorCode::Conflict,
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

async fn send(request: Result<Request, gloo_net::Error>) -> Result<Response, ApiError> {
    let request = request.map_err(|e| ApiError::Unexpected(e.to_string()))?;
    request.send().await.map_err(|_| ApiError::Network)
}

// ---- Unauthenticated calls -------------------------------------------------------------

pub async fn login(body: &LoginRequest) -> Result<SessionResponse, ApiError> {
    let request = Request::post(&url("/auth/login")).credentials(RequestCredentials::SameOrigin).json(body);
    json_of(send(request).await?).await
}

/// Trades the HttpOnly refresh cookie for a new access token.
pub async fn refresh() -> Result<SessionResponse, ApiError> {
    let request = Request::post(&url("/auth/refresh")).credentials(RequestCredentials::SameOrigin).build();
    json_of(send(request).await?).await
}

pub async fn logout() -> Result<(), ApiError> {
    let request = Request::post(&url("/auth/logout")).credentials(RequestCredentials::SameOrigin).build();
    let response = send(request).await?;
    if response.ok() { Ok(()) } else { Err(problem_of(&response).await) }
}

/// First registration by the account's primary phone (seed 000): registered and signed in,
/// with a refresh cookie, exactly like [`login`].
pub async fn register_by_phone(body: &PhoneRegistrationRequest) -> Result<SessionResponse, ApiError> {
    let request =
        Request::post(&url("/auth/register/phone")).credentials(RequestCredentials::SameOrigin).json(body);
    json_of(send(request).await?).await
}

/// Asks for a reset link by email. The answer is the same whether or not the login exists.
pub async fn forgot_password(body: &ForgotPasswordRequest) -> Result<AcceptedResponse, ApiError> {
    json_of(send(Request::post(&url("/auth/password/forgot")).json(body)).await?).await
}

/// Sets a new password with the token from the emailed link (204 on success).
pub async fn reset_password(body: &ResetPasswordRequest) -> Result<(), ApiError> {
    let response = send(Request::post(&url("/auth/password/reset")).json(body)).await?;
    if response.ok() { Ok(()) } else { Err(problem_of(&response).await) }
}

/// The development mailbox; a 404 means the server sends real email.
pub async fn dev_mailbox() -> Result<Vec<MailboxEmail>, ApiError> {
    json_of(send(Request::get(&url("/dev/mailbox")).build()).await?).await
}

/// What an invitation link is for. Unknown, expired and used tokens all answer 404.
pub async fn invitation(token: &str) -> Result<InvitationPreview, ApiError> {
    let path = format!("/invitations/{}", String::from(js_sys::encode_uri_component(token)));
    json_of(send(Request::get(&url(&path)).build()).await?).await
}

/// Accepts an invitation for an email without a login: creates it and signs in (refresh
/// cookie included), exactly like [`login`].
pub async fn accept_invitation(body: &AcceptInvitationRequest) -> Result<SessionResponse, ApiError> {
    let request =
        Request::post(&url("/invitations/accept")).credentials(RequestCredentials::SameOrigin).json(body);
    json_of(send(request).await?).await
}

/// Self sign-up (A3): asks for a confirmation link. The answer is the same whether or not
/// anything matched; only blank or malformed fields are refused (422).
pub async fn sign_up(body: &SignupRequest) -> Result<AcceptedResponse, ApiError> {
    json_of(send(Request::post(&url("/auth/signup")).json(body)).await?).await
}

/// What a sign-up confirmation link is for. Unknown, expired and used tokens all answer 404.
pub async fn signup_preview(token: &str) -> Result<SignupPreview, ApiError> {
    let path = format!("/auth/signup/{}", String::from(js_sys::encode_uri_component(token)));
    json_of(send(Request::get(&url(&path)).build()).await?).await
}

/// Confirms a sign-up with a new password: the login is created and signed in (refresh
/// cookie included), exactly like [`login`].
pub async fn confirm_signup(body: &ConfirmSignupRequest) -> Result<SessionResponse, ApiError> {
    let request =
        Request::post(&url("/auth/signup/confirm")).credentials(RequestCredentials::SameOrigin).json(body);
    json_of(send(request).await?).await
}

/// Confirms a change of email with the token from the link (204); needs no login.
pub async fn confirm_email_change(body: &ConfirmEmailChangeRequest) -> Result<(), ApiError> {
    let response = send(Request::post(&url("/me/email/confirm")).json(body)).await?;
    if response.ok() { Ok(()) } else { Err(problem_of(&response).await) }
}

pub async fn branding(slug: &str) -> Result<Branding, ApiError> {
    let path = format!("/branding/{}", String::from(js_sys::encode_uri_component(slug)));
    json_of(send(Request::get(&url(&path)).build()).await?).await
}

// ---- Authenticated calls ---------------------------------------------------------------

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

/// Changes the signed-in user's password (204). Other sessions end; refresh this one after,
/// to drop a forced-change restriction from the access token.
pub async fn change_password(session: Session, body: &ChangePasswordRequest) -> Result<(), ApiError> {
    no_content(post_authed(session, "/me/password", Some(body)).await?).await
}

/// Accepts an invitation for the signed-in user's own email: the account is added to the
/// login (204; refresh the session after to see it). A 401 here usually means "log in as the
/// invited email", not an expired session: after one refresh and retry it is handed back
/// as it is, and the session is left alone.
pub async fn accept_invitation_signed_in(
    session: Session,
    body: &AcceptInvitationRequest,
) -> Result<(), ApiError> {
    let mut refreshed = false;
    loop {
        let Some(token) = session.access_token() else {
            return Err(ApiError::SignedOut);
        };
        let request = with_bearer(Request::post(&url("/invitations/accept")), &token).json(body);
        let response = send(request).await?;
        if response.status() == 401 && !refreshed && session.refresh().await {
            refreshed = true;
            continue;
        }
        return no_content(response).await;
    }
}

/// Logs out every session of the user, this one included, and clears the refresh cookie.
pub async fn logout_all(session: Session) -> Result<(), ApiError> {
    no_content(post_authed::<()>(session, "/auth/logout-all", None).await?).await
}

fn with_bearer(builder: RequestBuilder, token: &str) -> RequestBuilder {
    builder.header("Authorization", &format!("Bearer {token}"))
}

async fn get_json<T: DeserializeOwned>(session: Session, path: &str) -> Result<T, ApiError> {
    json_of(get_authed(session, path, "application/json").await?).await
}

/// The users of an account and its pending invitations (owners only; 403 otherwise).
pub async fn account_users(session: Session, account_id: Uuid) -> Result<AccountUsersResponse, ApiError> {
    get_json(session, &format!("/accounts/{account_id}/users")).await
}

/// The owner invites someone to the account by email (201).
pub async fn invite_account_user(
    session: Session,
    account_id: Uuid,
    body: &InviteRequest,
) -> Result<InvitationSummary, ApiError> {
    json_of(post_authed(session, &format!("/accounts/{account_id}/users"), Some(body)).await?).await
}

/// Changes a user's role or permissions on the account.
pub async fn update_account_user(
    session: Session,
    account_id: Uuid,
    user_id: Uuid,
    body: &UpdateAccountUserRequest,
) -> Result<AccountUser, ApiError> {
    let path = format!("/accounts/{account_id}/users/{user_id}");
    json_of(patch_authed(session, &path, body).await?).await
}

/// Removes a user from the account (204).
pub async fn remove_account_user(session: Session, account_id: Uuid, user_id: Uuid) -> Result<(), ApiError> {
    no_content(delete_authed(session, &format!("/accounts/{account_id}/users/{user_id}")).await?).await
}

/// Withdraws a pending invitation to the account (204); its emailed link stops working. A
/// 404 means it was accepted, ran out or was revoked meanwhile.
pub async fn revoke_account_invitation(
    session: Session,
    account_id: Uuid,
    invitation_id: Uuid,
) -> Result<(), ApiError> {
    let path = format!("/accounts/{account_id}/invitations/{invitation_id}");
    no_content(delete_authed(session, &path).await?).await
}

pub async fn locations(session: Session, account_id: Uuid) -> Result<Vec<Location>, ApiError> {
    get_json(session, &format!("/accounts/{account_id}/locations")).await
}

/// One page of an account list (contracts, rentals, invoices, …): `filter` as the query.
pub async fn list<F>(session: Session, account_id: Uuid, filter: &F) -> Result<Page<F::Item>, ApiError>
where
    F: ListQuery,
    F::Item: DeserializeOwned,
{
    let query = query_string(&filter.to_query_pairs());
    get_json(session, &format!("/accounts/{account_id}/{}?{query}", F::PATH)).await
}

/// The CSV of exactly the filtered list: same filters and sort, every page.
pub async fn list_csv<F: ListQuery>(
    session: Session,
    account_id: Uuid,
    filter: &F,
) -> Result<Download, ApiError> {
    let mut all_pages = filter.clone();
    all_pages.set_sort_and_page(SortAndPage { page: 0, per_page: 0, ..filter.sort_and_page() });
    let query = query_string(&all_pages.to_query_pairs());
    let path = format!("/accounts/{account_id}/{}.csv?{query}", F::PATH);
    text_download(session, &path, "text/csv", &format!("{}.csv", F::PATH)).await
}

pub async fn contract(
    session: Session,
    account_id: Uuid,
    contract_id: Uuid,
) -> Result<ContractDetail, ApiError> {
    get_json(session, &format!("/accounts/{account_id}/contracts/{contract_id}")).await
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

/// `GET /admin/requests`: the dealer's requests, open ones oldest waiting first.
pub async fn admin_requests(
    session: Session,
    query: &[(&'static str, String)],
) -> Result<Page<shared::requests::RequestSummary>, ApiError> {
    get_json(session, &format!("/admin/requests?{}", query_string(query))).await
}

pub async fn admin_request(
    session: Session,
    request_id: Uuid,
) -> Result<shared::requests::RequestDetail, ApiError> {
    get_json(session, &format!("/admin/requests/{request_id}")).await
}

/// Acknowledge, schedule, complete or cancel a request; answers the updated request.
/// 409 when the request's status does not allow it (any more), 422 for a missing date or reason.
pub async fn admin_request_action(
    session: Session,
    request_id: Uuid,
    body: &shared::requests::StaffActionInput,
) -> Result<shared::requests::RequestDetail, ApiError> {
    json_of(post_authed(session, &format!("/admin/requests/{request_id}/actions"), Some(body)).await?).await
}

/// The locations of the staff member's dealer, for the inbox filter.
/// `GET /admin/branding`: the staff member's own dealer, for the store's screens.
pub async fn admin_branding(session: Session) -> Result<shared::branding::Branding, ApiError> {
    get_json(session, "/admin/branding").await
}

pub async fn admin_locations(session: Session) -> Result<Vec<Location>, ApiError> {
    get_json(session, "/admin/locations").await
}

/// `GET /admin/feedback?status=new|handled|all`.
pub async fn admin_feedback(
    session: Session,
    query: &[(&'static str, String)],
) -> Result<Page<shared::feedback::Feedback>, ApiError> {
    get_json(session, &format!("/admin/feedback?{}", query_string(query))).await
}

pub async fn admin_feedback_handled(
    session: Session,
    feedback_id: Uuid,
    body: &shared::feedback::HandleFeedbackInput,
) -> Result<shared::feedback::Feedback, ApiError> {
    json_of(post_authed(session, &format!("/admin/feedback/{feedback_id}/handled"), Some(body)).await?).await
}

/// The newest staff notifications and the unread count.
pub async fn admin_notifications(session: Session) -> Result<shared::requests::NotificationList, ApiError> {
    get_json(session, "/admin/notifications").await
}

/// Marks these notifications read (204); an empty list marks all.
pub async fn admin_notifications_read(session: Session, ids: &[Uuid]) -> Result<(), ApiError> {
    let body = serde_json::json!({ "ids": ids });
    no_content(post_authed(session, "/admin/notifications/read", Some(&body)).await?).await
}

/// `PATCH /me`: the signed-in user's name and phone; answers the fresh user and accounts.
pub async fn update_profile(
    session: Session,
    body: &shared::auth::UpdateProfileRequest,
) -> Result<shared::auth::MeResponse, ApiError> {
    json_of(patch_authed(session, "/me", body).await?).await
}

/// `POST /me/email` (202): sends a confirmation link to the new address; the login keeps its
/// email until the link is opened. 409 when another login uses that address.
pub async fn change_email(
    session: Session,
    body: &shared::auth::ChangeEmailRequest,
) -> Result<AcceptedResponse, ApiError> {
    json_of(post_authed(session, "/me/email", Some(body)).await?).await
}

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

/// A customer request ready to file (D2-D4, C7): its kind picks the endpoint, the body is
/// what that endpoint takes. All four go through [`file_request`], as the server runs them
/// through one filing pipeline.
pub enum Filing {
    CallOff(shared::requests::CallOffInput),
    /// On items, or a general service call.
    Service(shared::requests::ServiceRequestInput),
    /// Keep items longer.
    Extension(shared::requests::ExtensionInput),
    /// Reserve an earlier contract's items again.
    BookAgain(shared::requests::BookAgainInput),
}

/// Files a request (201, or 200 with the same request for a retry with the same `key`).
pub async fn file_request(
    session: Session,
    account_id: Uuid,
    key: Uuid,
    filing: &Filing,
) -> Result<shared::requests::RequestDetail, ApiError> {
    let path = |endpoint: &str| format!("/accounts/{account_id}/{endpoint}");
    match filing {
        Filing::CallOff(body) => post_idempotent(session, &path("call-offs"), key, body).await,
        Filing::Service(body) => post_idempotent(session, &path("service-requests"), key, body).await,
        Filing::Extension(body) => post_idempotent(session, &path("extensions"), key, body).await,
        Filing::BookAgain(body) => post_idempotent(session, &path("book-again"), key, body).await,
    }
}

/// The account's requests, newest first; `status` is `open`, a status name, or `None` for all.
pub async fn account_requests(
    session: Session,
    account_id: Uuid,
    status: Option<&str>,
    page: u32,
) -> Result<Page<shared::requests::RequestSummary>, ApiError> {
    let mut pairs = vec![("page", page.max(1).to_string())];
    if let Some(status) = status {
        pairs.push(("status", status.to_string()));
    }
    let query = query_string(&pairs);
    get_json(session, &format!("/accounts/{account_id}/requests?{query}")).await
}

/// One of the account's requests with its items and history.
pub async fn account_request(
    session: Session,
    account_id: Uuid,
    request_id: Uuid,
) -> Result<shared::requests::RequestDetail, ApiError> {
    get_json(session, &format!("/accounts/{account_id}/requests/{request_id}")).await
}

/// Withdraws a request the store has not acknowledged yet (409 once it has).
pub async fn cancel_account_request(
    session: Session,
    account_id: Uuid,
    request_id: Uuid,
    body: &shared::requests::CancelRequestInput,
) -> Result<shared::requests::RequestDetail, ApiError> {
    let path = format!("/accounts/{account_id}/requests/{request_id}/cancel");
    json_of(post_authed(session, &path, Some(body)).await?).await
}

/// Sends a question, feedback or complaint to the store (201).
pub async fn send_feedback(
    session: Session,
    account_id: Uuid,
    body: &shared::feedback::FeedbackInput,
) -> Result<shared::feedback::Feedback, ApiError> {
    json_of(post_authed(session, &format!("/accounts/{account_id}/feedback"), Some(body)).await?).await
}

/// This account's earlier messages to the store, newest first.
pub async fn account_feedback(
    session: Session,
    account_id: Uuid,
) -> Result<Vec<shared::feedback::Feedback>, ApiError> {
    get_json(session, &format!("/accounts/{account_id}/feedback")).await
}

/// The account's items out or called off, with their last reported position.
pub async fn tracking(
    session: Session,
    account_id: Uuid,
) -> Result<Vec<shared::tracking::TrackedItem>, ApiError> {
    get_json(session, &format!("/accounts/{account_id}/tracking")).await
}

/// The contract's PDF (the newest uploaded, else one generated by the server).
pub async fn contract_pdf(
    session: Session,
    account_id: Uuid,
    contract_id: Uuid,
) -> Result<BinaryDownload, ApiError> {
    pdf_download(session, &format!("/accounts/{account_id}/contracts/{contract_id}/pdf"), "contract.pdf")
        .await
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

// ---- Invoices and payments (E1, E4-E6, B2) ----------------------------------------------

/// One invoice with its lines and the portal payments towards it.
pub async fn invoice(
    session: Session,
    account_id: Uuid,
    invoice_id: Uuid,
) -> Result<shared::invoices::InvoiceDetail, ApiError> {
    get_json(session, &format!("/accounts/{account_id}/invoices/{invoice_id}")).await
}

/// The invoice's PDF (the newest uploaded, else one generated by the server).
pub async fn invoice_pdf(
    session: Session,
    account_id: Uuid,
    invoice_id: Uuid,
) -> Result<BinaryDownload, ApiError> {
    pdf_download(session, &format!("/accounts/{account_id}/invoices/{invoice_id}/pdf"), "invoice.pdf").await
}

/// What the account owes, how much of it is overdue, and its ageing.
pub async fn balance(
    session: Session,
    account_id: Uuid,
) -> Result<shared::invoices::AccountBalance, ApiError> {
    get_json(session, &format!("/accounts/{account_id}/balance")).await
}

/// How this account can pay: currency, the dealer's methods, sandbox or not.
pub async fn payment_options(
    session: Session,
    account_id: Uuid,
) -> Result<shared::payments::PaymentOptions, ApiError> {
    get_json(session, &format!("/accounts/{account_id}/payment-options")).await
}

/// Pays invoices and/or on account with a gateway token (201). The `key` makes a retry or a
/// double click charge once: the server answers it with the first attempt's outcome. A
/// declined payment is `Err` with [`ApiError::is_payment_declined`]; 422 names its fields.
pub async fn pay(
    session: Session,
    account_id: Uuid,
    key: Uuid,
    body: &shared::payments::PaymentInput,
) -> Result<shared::payments::PaymentDetail, ApiError> {
    post_idempotent(session, &format!("/accounts/{account_id}/payments"), key, body).await
}

/// The account's payments, newest first (declined ones included).
pub async fn payments(
    session: Session,
    account_id: Uuid,
    page: u32,
) -> Result<Page<shared::payments::PaymentSummary>, ApiError> {
    let query = query_string(&[("page", page.max(1).to_string())]);
    get_json(session, &format!("/accounts/{account_id}/payments?{query}")).await
}

/// One payment: the receipt.
pub async fn payment(
    session: Session,
    account_id: Uuid,
    payment_id: Uuid,
) -> Result<shared::payments::PaymentDetail, ApiError> {
    get_json(session, &format!("/accounts/{account_id}/payments/{payment_id}")).await
}
