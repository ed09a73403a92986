//! One customer account's screens: lists and details (contracts, rentals, invoices,
//! payments, requests), filing requests, feedback, tracking, documents, paying, the
//! account's users.

use super::*;

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

/// The account at a glance (B2, B3).
pub async fn overview(
    session: Session,
    account_id: Uuid,
) -> Result<shared::overview::AccountOverview, ApiError> {
    get_json(session, &format!("/accounts/{account_id}/overview")).await
}
