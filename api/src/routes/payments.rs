//! Paying invoices or on account (E4-E6, E8): the account's payment options, making a
//! payment (the flow is in `services::payments`), the payment history and receipts; and
//! the back office's feed of payments to post (I4).

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};
use shared::error::FieldError;
use shared::paging::Page;
use shared::payments::{IntegrationPayment, PaymentDetail, PaymentInput, PaymentOptions, PaymentSummary};

use super::headers::idempotency_key;
use super::list_params::{parse_paging, path_id};
use shared::integrations::Scope;
use shared::sync_status::SyncKind;

use crate::auth::ClientInfo;
use crate::auth::{AccountAccess, Integrator};
use crate::domain::payments::MAX_IDEMPOTENCY_KEY;
use crate::error::ApiError;
use crate::payments::AnyGateway;
use crate::services::payments::{Payer, pay};
use crate::state::AppState;
use shared::accounts::Permission;

const PROBLEM: &str = "application/problem+json";
/// Default and largest batch of the integration feed.
const DEFAULT_FEED_LIMIT: u32 = 100;
const MAX_FEED_LIMIT: u32 = 500;

/// How this account can pay: the dealer's enabled methods (empty when it takes no
/// payments online), the currency, whether it is test money only, and where the receipt
/// goes by default (the user's email). Any member who can see the account may ask.
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/payment-options", tag = "payments", operation_id = "get_payment_options",
    params(("account_id" = Uuid, Path, description = "Customer account id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = PaymentOptions, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not found, or not visible to this login"),
    ))]
#[get("/payment-options")]
pub async fn options(state: web::Data<AppState>, access: AccountAccess) -> Result<HttpResponse, ApiError> {
    let methods = crate::db::payments::enabled_methods(&state.db, access.dealer_id)
        .await?
        .into_iter()
        .filter(|m| AnyGateway::by_name(&m.gateway, &state.db).is_some())
        .collect::<Vec<_>>();
    let sandbox = !methods.is_empty() && methods.iter().all(|m| AnyGateway::is_sandbox_name(&m.gateway));
    let email =
        crate::db::users::by_id(&state.db, access.user.id()).await?.map(|u| u.email).unwrap_or_default();
    Ok(HttpResponse::Ok().json(PaymentOptions {
        currency: access.currency,
        methods,
        sandbox,
        default_receipt_email: email,
    }))
}

/// Pay open invoices (in full or in part) and/or an amount on account, or a contract's open
/// invoices (`contract`: all that is due, or an amount paid to the earliest due first), by
/// card or bank debit, with the one-time `token` the gateway gave the browser — never a
/// card or account number (refused with 422 `token`, and never stored or logged).
///
/// `Idempotency-Key` is required (422 `idempotency_key` when missing, blank or over 100
/// characters): a retry with the same key and body is charged at most once and answers as
/// the first request did (201, or 402); the same key with another body is 409.
///
/// 201 with the payment: `succeeded` (card) or `pending` (bank debit, settles in a few
/// days). The receipt is emailed to `receipt_email`, the store's staff are notified. 402
/// `payment_declined` with the gateway's message in `detail` when declined: nothing was
/// taken and the invoices are due again. 422 with nothing written, per field
/// (`allocations[0].amount_minor` ...): no invoice and no amount on account, an amount not
/// above zero, an invoice listed twice, not this account's, not open or a credit memo, more
/// than its amount due (also when another payment got there first), a method the dealer
/// does not take, a bad receipt email; for `contract`: a contract not on this account, one
/// with nothing due, more than its invoices have due, or `contract` sent with `allocations`
/// or `on_account_minor`. 403 without the `pay` permission. 503 when the
/// gateway did not answer: retry with the same key.
///
/// Sandbox dealers take test tokens: their format and outcomes are under `token` in the
/// request body's schema (`PaymentInput`).
#[utoipa::path(post, path = "/api/v1/accounts/{account_id}/payments", tag = "payments", operation_id = "create_payment",
    params(
        ("account_id" = Uuid, Path, description = "Customer account id"),
        ("Idempotency-Key" = String, Header, description = "Client-chosen key (a UUID), one per payment attempt: a retry is charged at most once"),
    ),
    request_body = PaymentInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = PaymentDetail, description = "Paid (card) or submitted (bank debit); also a retry with the same key"),
        (status = 400, body = shared::error::Problem, content_type = PROBLEM, description = "Malformed request: not JSON, wrong types, or a parameter sent twice"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 402, body = shared::error::Problem, content_type = PROBLEM, description = "Declined: `payment_declined`, the reason in `detail`; nothing taken"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "No pay permission"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not found, or not visible to this login"),
        (status = 409, body = shared::error::Problem, content_type = PROBLEM, description = "Same key with another body"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid input: `errors` names each field"),
        (status = 503, body = shared::error::Problem, content_type = PROBLEM, description = "The gateway did not answer; retry with the same key"),
    ))]
#[post("/payments")]
pub async fn create(
    state: web::Data<AppState>,
    access: AccountAccess,
    req: HttpRequest,
    body: super::json::Json<PaymentInput>,
) -> Result<HttpResponse, ApiError> {
    let access = access.require(Permission::Pay)?;
    let key = idempotency_key(&req, MAX_IDEMPOTENCY_KEY)?.ok_or_else(|| {
        ApiError::field("idempotency_key", "Send an Idempotency-Key header (a new UUID for each payment).")
    })?;
    let client = ClientInfo::of(&req);
    let payer = Payer { state: &state, access: &access, client: &client };
    let payment = pay(&payer, key, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(payment))
}

/// Query string of the payment history.
#[derive(Debug, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PaymentListParams {
    /// 1-based page number (default 1).
    #[param(value_type = Option<u32>, minimum = 1, default = 1)]
    page: Option<String>,
    /// Page size, 1 to 200 (default 25).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200, default = 25)]
    per_page: Option<String>,
}

/// The account's payments made in the portal, newest first, declined ones included (E6).
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/payments", tag = "payments", operation_id = "list_payments",
    params(("account_id" = Uuid, Path, description = "Customer account id"), PaymentListParams),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Page<PaymentSummary>, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not found, or not visible to this login"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid input: `errors` names each field"),
    ))]
#[get("/payments")]
pub async fn list(
    state: web::Data<AppState>,
    access: AccountAccess,
    params: web::Query<PaymentListParams>,
) -> Result<HttpResponse, ApiError> {
    let mut errors = Vec::new();
    let paging = parse_paging(params.page.as_deref(), params.per_page.as_deref(), &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let (items, total) =
        crate::db::payments::list(&state.db, access.customer_id, paging.per_page, paging.offset()).await?;
    Ok(HttpResponse::Ok().json(paging.of(items, total)))
}

/// One of the account's payments: the receipt, with where the money went.
#[utoipa::path(get, path = "/api/v1/accounts/{account_id}/payments/{payment_id}", tag = "payments", operation_id = "get_payment",
    params(
        ("account_id" = Uuid, Path, description = "Customer account id"),
        ("payment_id" = Uuid, Path, description = "Payment id"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, body = PaymentDetail, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not found, or not visible to this login"),
    ))]
#[get("/payments/{payment_id}")]
pub async fn detail(
    state: web::Data<AppState>,
    access: AccountAccess,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let id = path_id(&path.1)?;
    let payment =
        crate::db::payments::detail(&state.db, access.customer_id, id).await?.ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(payment))
}

/// Query string of the integration feed.
#[derive(Debug, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IntegrationPaymentParams {
    /// `false` (default): payments not yet posted; `true`: posted ones.
    #[param(value_type = Option<bool>, default = false)]
    posted: Option<String>,
    /// Most payments returned, 1 to 500 (default 100).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 500, default = 100)]
    limit: Option<String>,
}

/// The dealer's portal payments for the back office to post, oldest first: succeeded
/// (card) and pending (bank debit) only — never processing or declined ones. Pull, post
/// each, then confirm it with `POST /integrations/payments/{id}/posted`.
///
/// Takes an API client's token (`POST /api/v1/oauth/token`) holding the scope named under security.
#[utoipa::path(get, path = "/api/v1/integrations/payments", tag = "integrations", operation_id = "list_integration_payments",
    params(IntegrationPaymentParams),
    security(("oauth2" = ["payments:read"])),
    responses(
        (status = 200, body = Vec<IntegrationPayment>, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Signed in, but not allowed to do this"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid input: `errors` names each field"),
    ))]
#[get("/integrations/payments")]
pub async fn integration_feed(
    state: web::Data<AppState>,
    integrator: Integrator,
    params: web::Query<IntegrationPaymentParams>,
) -> Result<HttpResponse, ApiError> {
    integrator.require(Scope::PaymentsRead)?;
    let mut errors = Vec::new();
    let posted = match params.posted.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => {
            errors.push(FieldError { field: "posted".into(), message: "Use true or false.".into() });
            false
        }
    };
    let limit = match params.limit.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => DEFAULT_FEED_LIMIT,
        Some(v) => match v.parse::<u32>() {
            Ok(n) if (1..=MAX_FEED_LIMIT).contains(&n) => n,
            _ => {
                errors.push(FieldError {
                    field: "limit".into(),
                    message: format!("Use a limit from 1 to {MAX_FEED_LIMIT}."),
                });
                DEFAULT_FEED_LIMIT
            }
        },
    };
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let payments =
        crate::db::payments::for_integration(&state.db, integrator.dealer_id, posted, limit).await?;
    Ok(HttpResponse::Ok().json(payments))
}

/// The back office has posted this payment: it leaves the unposted feed. What it held on
/// an invoice is released when the invoice's balance was sent (`PUT /integrations/invoices`)
/// after the payment was made, since that balance carries it; on an invoice whose last
/// balance is older, the amount stays held until the invoice is sent again, so the old
/// balance never becomes payable twice. Send the new balances first, then confirm: the hold
/// ends at once. Once only: a second call is 204 and changes nothing. 404 for another
/// dealer's or an unknown payment, 409 for one that is processing or declined.
#[utoipa::path(post, path = "/api/v1/integrations/payments/{payment_id}/posted", tag = "integrations", operation_id = "mark_payment_posted",
    params(("payment_id" = Uuid, Path, description = "Payment id")),
    security(("oauth2" = ["payments:write"])),
    responses(
        (status = 204, description = "Posted (now or before)"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Signed in, but not allowed to do this"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "Not found, or not visible to this login"),
        (status = 409, body = shared::error::Problem, content_type = PROBLEM, description = "Processing or declined: nothing to post"),
    ))]
#[post("/integrations/payments/{payment_id}/posted")]
pub async fn mark_posted(
    state: web::Data<AppState>,
    integrator: Integrator,
    client: ClientInfo,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    integrator.require(Scope::PaymentsWrite)?;
    let posted = match path_id(&path) {
        Ok(id) => crate::services::payments::mark_posted(&state, &integrator, &client, id).await,
        Err(err) => Err(err),
    };
    super::sync_status::tracked(&state, &integrator, SyncKind::PostedPayments, posted).await?;
    Ok(HttpResponse::NoContent().finish())
}
