//! The calls made signed out: login, refresh, registration, sign-up, password reset,
//! invitations, branding, the development mailbox.

use super::*;

pub async fn login(body: &LoginRequest) -> Result<SessionResponse, ApiError> {
    let request = Request::post(&url("/auth/login")).credentials(RequestCredentials::SameOrigin).json(body);
    json_of(send(request).await?).await
}

/// Trades the HttpOnly refresh cookie for a new access token.
/// The web app manifest in a dealer's name and colour (`<link rel="manifest">`).
pub fn manifest_url(slug: &str) -> String {
    url(&format!("/manifest.webmanifest?{}", query_string(&[("dealer", slug.to_string())])))
}

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

/// Whether this server keeps a development mailbox. The answer is read to its end but not
/// decoded (the login page only links to the mailbox, whose code loads with its page); a
/// body left unread would keep the request open.
pub async fn dev_mailbox_on() -> bool {
    match send(Request::get(&url("/dev/mailbox")).build()).await {
        Ok(response) => response.ok() && response.binary().await.is_ok(),
        Err(_) => false,
    }
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
