//! First registration by phone (A2, seed 000): the account's primary phone, the email and
//! ZIP/postal code on record, and a new password create the customer's owner login.

use actix_web::{HttpRequest, HttpResponse, post, web};
use shared::registration::PhoneRegistrationRequest;

use crate::auth::{ClientInfo, Limit};
use crate::error::ApiError;
use crate::routes::auth::signed_in_instead;
use crate::services::registration;
use crate::state::AppState;

/// Register with the account's primary phone.
///
/// The email and ZIP/postal code must match the customer record, and the customer must be
/// eligible for the portal. Every mismatch — and every ineligible customer — gets the same
/// answer, which names the store to contact; which rule failed is for the dealer's staff to
/// see. On success the new login is signed in, as for `POST /auth/login`.
#[utoipa::path(post, path = "/api/v1/auth/register/phone", tag = "auth", request_body = PhoneRegistrationRequest,
    responses(
        (status = 200, body = shared::auth::SessionResponse, description = "Registered and signed in"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field"),
        (status = 429, body = shared::error::Problem, content_type = "application/problem+json", description = "Too many attempts from this address"),
    ))]
#[post("/auth/register/phone")]
pub async fn register_by_phone(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
    body: super::json::Json<PhoneRegistrationRequest>,
) -> Result<HttpResponse, ApiError> {
    state.limits.check(Limit::Sensitive, &req)?;
    let session = registration::register_by_phone(&state, body.into_inner(), &client).await?;
    signed_in_instead(&state, &req, &client, session).await
}
