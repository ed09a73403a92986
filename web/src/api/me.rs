//! The signed-in user's own login: password, profile and email changes, accepting an
//! invitation while signed in, logging out everywhere.

use super::*;

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

/// `GET /me`: the signed-in user and their accounts (with a view's token: the customer
/// user's, as they see them).
pub async fn me(session: Session) -> Result<shared::auth::MeResponse, ApiError> {
    get_json(session, "/me").await
}
