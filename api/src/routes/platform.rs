//! The platform operator's API (J4): dealers and their first administrators. The same
//! work as `rental-portal create-dealer` and `create-admin`.

use actix_web::{HttpResponse, get, post, web};
use shared::platform::{AdminCreated, DealerSummary, NewAdmin, NewDealer};

use super::json::Json;
use crate::auth::{ClientInfo, PlatformOperator};
use crate::error::ApiError;
use crate::services::platform::{self, AdminOf, Operator};
use crate::state::AppState;

/// Every dealer on the platform, by name. Platform operators only.
#[utoipa::path(get, path = "/api/v1/platform/dealers", tag = "platform", operation_id = "list_dealers",
    security(("bearer" = [])),
    responses(
        (status = 200, body = [DealerSummary], description = "The dealers"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not a platform operator"),
    ))]
#[get("/platform/dealers")]
pub async fn list_dealers(
    state: web::Data<AppState>,
    _operator: PlatformOperator,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(platform::list_dealers(&state).await?))
}

/// Create a dealer: its slug, name, country, currency, time zone, locale and words
/// (`rentals` or `hires`, by country when omitted). It starts with no data: its back
/// office loads it through an API client. Audited as `platform.dealer_created`.
#[utoipa::path(post, path = "/api/v1/platform/dealers", tag = "platform", operation_id = "create_dealer",
    request_body = NewDealer,
    security(("bearer" = [])),
    responses(
        (status = 201, body = DealerSummary, description = "Created"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not a platform operator"),
        (status = 409, body = shared::error::Problem, content_type = "application/problem+json", description = "The slug is taken"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field"),
    ))]
#[post("/platform/dealers")]
pub async fn create_dealer(
    state: web::Data<AppState>,
    operator: PlatformOperator,
    client: ClientInfo,
    body: Json<NewDealer>,
) -> Result<HttpResponse, ApiError> {
    let dealer =
        platform::create_dealer(&state.db, Operator::User(operator.user.id()), &client, &body).await?;
    Ok(HttpResponse::Created().json(dealer))
}

/// Create an administrator of a dealer. They get an email with a one-time link (valid 72
/// hours) to choose their password; the link is never in this answer. Audited as
/// `platform.admin_created`.
#[utoipa::path(post, path = "/api/v1/platform/dealers/{slug}/admins", tag = "platform", operation_id = "create_dealer_admin",
    params(("slug" = String, Path, description = "The dealer's slug")),
    request_body = NewAdmin,
    security(("bearer" = [])),
    responses(
        (status = 201, body = AdminCreated, description = "Created; the setup link is on its way"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not a platform operator"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "No dealer with this slug"),
        (status = 409, body = shared::error::Problem, content_type = "application/problem+json", description = "The email already names a login"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input: `errors` names each field"),
    ))]
#[post("/platform/dealers/{slug}/admins")]
pub async fn create_admin(
    state: web::Data<AppState>,
    operator: PlatformOperator,
    client: ClientInfo,
    path: web::Path<String>,
    body: Json<NewAdmin>,
) -> Result<HttpResponse, ApiError> {
    let of = AdminOf::Dealer(&path);
    let admin =
        platform::create_admin(&state, Operator::User(operator.user.id()), &client, of, &body).await?;
    Ok(HttpResponse::Created().json(admin.created))
}
