//! The platform operator's API (J4): dealers and their first administrators — the same
//! work as `rental-portal create-dealer` and `create-admin` — and the dealer whose admin
//! view the operator works in (H1).

use actix_web::{HttpResponse, delete, get, post, put, web};
use shared::platform::{ActingDealer, AdminCreated, ChooseActingDealer, DealerSummary, NewAdmin, NewDealer};

use super::json::Json;
use crate::auth::{ClientInfo, PlatformOperator};
use crate::error::ApiError;
use crate::ids::DealerId;
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

/// Work inside one dealer's admin view: until stopped, the dealer-admin and staff routes
/// (`/api/v1/admin/...`) answer this platform operator as an admin of that dealer, scoped
/// to it alone. Replaces any dealer chosen before. `GET /me` shows it as
/// `user.acting_dealer`. Audited as `platform.acting_dealer_started`.
#[utoipa::path(put, path = "/api/v1/platform/acting-dealer", tag = "platform", operation_id = "choose_acting_dealer",
    request_body = ChooseActingDealer,
    security(("bearer" = [])),
    responses(
        (status = 200, body = ActingDealer, description = "Acting for this dealer"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not a platform operator"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json", description = "No such dealer"),
        (status = 422, body = shared::error::Problem, content_type = "application/problem+json", description = "Invalid input"),
    ))]
#[put("/platform/acting-dealer")]
pub async fn choose_acting_dealer(
    state: web::Data<AppState>,
    operator: PlatformOperator,
    client: ClientInfo,
    body: Json<ChooseActingDealer>,
) -> Result<HttpResponse, ApiError> {
    let dealer =
        platform::choose_acting_dealer(&state, operator.user.id(), &client, DealerId::new(body.dealer_id))
            .await?;
    Ok(HttpResponse::Ok().json(dealer))
}

/// Stop working inside a dealer's admin view: the dealer-admin routes answer 403 again.
/// Harmless when no dealer is chosen. Audited as `platform.acting_dealer_stopped`.
#[utoipa::path(delete, path = "/api/v1/platform/acting-dealer", tag = "platform", operation_id = "stop_acting_dealer",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "No dealer chosen any more"),
        (status = 401, body = shared::error::Problem, content_type = "application/problem+json", description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = "application/problem+json", description = "Not a platform operator"),
    ))]
#[delete("/platform/acting-dealer")]
pub async fn stop_acting_dealer(
    state: web::Data<AppState>,
    operator: PlatformOperator,
    client: ClientInfo,
) -> Result<HttpResponse, ApiError> {
    platform::stop_acting(&state, operator.user.id(), &client).await?;
    Ok(HttpResponse::NoContent().finish())
}
