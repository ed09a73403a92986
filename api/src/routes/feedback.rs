//! Feedback and questions from a customer to the store (G1); the flow is
//! `services::feedback`.

use actix_web::{HttpResponse, get, post, web};
use shared::feedback::{Feedback, FeedbackInput};

use crate::auth::{AccountAccess, ClientInfo};
use crate::error::ApiError;
use crate::services::feedback;
use crate::state::AppState;

const PROBLEM: &str = "application/problem+json";
/// Messages the customer's list shows.
const LIST_LIMIT: i64 = 100;

/// Send feedback or a question to the store. `location_id` picks the store (one of the
/// dealer's, 422 otherwise); default the account's home store. The store gets an email
/// (the location's address, else the dealer's support address) and its staff a
/// notification. Audited as `feedback.sent`. Needs view only.
#[utoipa::path(post, path = "/api/v1/accounts/{account_id}/feedback", tag = "requests", operation_id = "send_feedback",
    params(("account_id" = Uuid, Path, description = "Customer account id")),
    request_body = FeedbackInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = Feedback, description = "Created"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not found, or not visible to this login"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid input: `errors` names each field"),
    ))]
#[post("/feedback")]
pub async fn create(
    state: web::Data<AppState>,
    access: AccountAccess,
    client: ClientInfo,
    body: super::json::Json<FeedbackInput>,
) -> Result<HttpResponse, ApiError> {
    let feedback = feedback::send(&state, &access, &client, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(feedback))
}

/// The account's feedback messages, newest first (the latest 100), with the store's
/// handling.
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/feedback", tag = "requests", operation_id = "list_feedback",
    params(("account_id" = Uuid, Path, description = "Customer account id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<Feedback>, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not found, or not visible to this login"),
    ))]
#[get("/feedback")]
pub async fn list(state: web::Data<AppState>, access: AccountAccess) -> Result<HttpResponse, ApiError> {
    let items = crate::db::feedback::for_customer(&state.db, access.customer_id, LIST_LIMIT).await?;
    Ok(HttpResponse::Ok().json(items))
}
