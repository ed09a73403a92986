//! Every in-app URL the web app links or navigates to, built in one place.
//!
//! The router's patterns in `app.rs` must be literals (`path!`), so they stay there; every
//! link, redirect and `navigate` goes through here instead of writing `"/a/…"` by hand, so
//! that a moved screen is one edit and a typo'd path cannot hide in a page. Query strings
//! that belong to a list's filters are made by the list's own `*_query` module and only
//! appended here.

use uuid::Uuid;

use crate::prefs;
use crate::session::Session;

// ---- Signed-out and account-independent screens -----------------------------------------

/// The landing redirect: wherever [`landing`] sends a signed-in user, else the login.
pub const HOME: &str = "/";
pub const LOGIN: &str = "/login";
pub const FORGOT_PASSWORD: &str = "/forgot-password";
pub const REGISTER: &str = "/register";
pub const SIGNUP: &str = "/signup";
/// The development mailbox (only served when the server runs with it).
pub const DEV_MAILBOX: &str = "/dev/mailbox";
/// The account picker.
pub const ACCOUNTS: &str = "/accounts";
/// "Your details".
pub const PROFILE: &str = "/account/profile";
/// The voluntary password change from the account menu.
pub const PASSWORD: &str = "/account/password";
/// The forced password change after a sign-in with a temporary password.
pub const CHANGE_PASSWORD: &str = "/change-password";

/// Whether the app was loaded from this machine (`localhost`, `127.x`, `[::1]`): the only
/// place a server may keep emails in its development mailbox.
pub fn on_loopback() -> bool {
    let host = web_sys::window().and_then(|w| w.location().hostname().ok()).unwrap_or_default();
    host == "localhost" || host.starts_with("127.") || host == "[::1]" || host == "::1"
}

/// `/login`, remembering where to come back to.
pub fn login(next: Option<&str>) -> String {
    match next.filter(|n| is_local(n) && !n.starts_with(LOGIN)) {
        Some(next) => format!("{LOGIN}?next={}", encode(next)),
        None => LOGIN.to_string(),
    }
}

/// Only same-site paths may be used as a return target.
pub fn is_local(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\')
}

/// The invitation screen for `token`, e.g. to come back to after logging in.
pub fn invitation(token: &str) -> String {
    format!("/invitation?token={}", encode(token))
}

/// One email opened in the development mailbox.
pub fn mailbox_email(id: &str) -> String {
    format!("{DEV_MAILBOX}?id={id}")
}

/// Where a signed-in user starts: the forced password change when the store reset the
/// password; store staff and platform admins on the admin home; else the remembered or only account, else
/// the picker.
pub fn landing(session: &Session) -> String {
    if session.must_change_password() {
        return CHANGE_PASSWORD.to_string();
    }
    if session.uses_admin() {
        return ADMIN_HOME.to_string();
    }
    let accounts = session.accounts();
    let remembered = prefs::remembered_account().filter(|id| accounts.iter().any(|a| a.id == *id));
    match (remembered, accounts.as_slice()) {
        (Some(id), _) => account_home(id),
        (None, [only]) => account_home(only.id),
        _ => ACCOUNTS.to_string(),
    }
}

fn encode(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

// ---- The store's side (dealer staff and admins) ------------------------------------------

pub const ADMIN_REQUESTS: &str = "/admin/requests";
pub const ADMIN_FEEDBACK: &str = "/admin/feedback";
/// The dealer admin's back-office credentials.
pub const ADMIN_API_CLIENTS: &str = "/admin/api-clients";
pub const ADMIN_WEBHOOKS: &str = "/admin/webhooks";
/// The dealer admin's back-office sync status (H11).
pub const ADMIN_SYNC: &str = "/admin/sync";
/// The dealer admin's staff and roles (H10).
pub const ADMIN_STAFF: &str = "/admin/staff";
/// The dealer admin's audit log (H12).
pub const ADMIN_AUDIT: &str = "/admin/audit";
/// The dealer admin's settings for the customer portal (H9).
pub const ADMIN_SETTINGS: &str = "/admin/settings";
/// The dealer's customers (H2-H6): the searchable list; filters come after `?`.
pub const ADMIN_CUSTOMERS: &str = "/admin/customers";
/// Where dealer staff, dealer admins and platform admins start: the admin home, with a
/// tile for each screen (and, for a platform admin, the dealer picker).
pub const ADMIN_HOME: &str = "/admin";

/// The inbox with its filter `query` (without `?`; empty for the unfiltered inbox).
pub fn admin_requests_filtered(query: &str) -> String {
    with_query(ADMIN_REQUESTS, query)
}

pub fn admin_request(request_id: Uuid) -> String {
    format!("{ADMIN_REQUESTS}/{request_id}")
}

/// One customer as the dealer's staff see it: record, contacts, portal users.
pub fn admin_customer(customer_id: Uuid) -> String {
    format!("{ADMIN_CUSTOMERS}/{customer_id}")
}

/// The feedback inbox showing `status` (`open`, `handled`, `all`).
pub fn admin_feedback(status: &str) -> String {
    format!("{ADMIN_FEEDBACK}?status={status}")
}

/// Page `page` of the feedback inbox showing `status`.
pub fn admin_feedback_page(status: &str, page: u32) -> String {
    format!("{}&page={page}", admin_feedback(status))
}

/// One feedback message opened in the inbox (among all of them, so it is always listed).
pub fn admin_feedback_message(feedback_id: Uuid) -> String {
    format!("{}&open={feedback_id}", admin_feedback("all"))
}

// ---- One customer account (`/a/:account_id/…`) -------------------------------------------

/// The account's home: its tiles.
pub fn account_home(account_id: Uuid) -> String {
    format!("/a/{account_id}")
}

/// A section of the account, e.g. a list named by its filter's `ListQuery::PATH`.
pub fn in_account(account_id: Uuid, section: &str) -> String {
    format!("/a/{account_id}/{section}")
}

pub fn account_users(account_id: Uuid) -> String {
    in_account(account_id, "users")
}

pub fn contracts(account_id: Uuid) -> String {
    in_account(account_id, "contracts")
}

pub fn contract(account_id: Uuid, contract_id: Uuid) -> String {
    format!("{}/{contract_id}", contracts(account_id))
}

/// Ask to reserve an earlier contract's items again.
pub fn book_again(account_id: Uuid, contract_id: Uuid) -> String {
    format!("{}/book-again", contract(account_id, contract_id))
}

/// The rented items ("My rentals" / "My hires").
pub fn rentals(account_id: Uuid) -> String {
    in_account(account_id, "rentals")
}

/// The rented items with the checkboxes out, to choose items for a request.
pub fn rentals_to_choose(account_id: Uuid) -> String {
    format!("{}?select=1", rentals(account_id))
}

/// The pickup request for the rental lines in `lines` (a `rental_query::lines_query`).
pub fn call_off(account_id: Uuid, lines: &str) -> String {
    format!("{}?lines={lines}", in_account(account_id, "call-off"))
}

/// A general service call, not about particular items.
pub fn service(account_id: Uuid) -> String {
    in_account(account_id, "service")
}

/// A service request on the rental lines in `lines`.
pub fn service_for(account_id: Uuid, lines: &str) -> String {
    format!("{}?lines={lines}", service(account_id))
}

/// An extension of the rental lines in `lines`.
pub fn extension(account_id: Uuid, lines: &str) -> String {
    format!("{}?lines={lines}", in_account(account_id, "extension"))
}

pub fn requests(account_id: Uuid) -> String {
    in_account(account_id, "requests")
}

pub fn request(account_id: Uuid, request_id: Uuid) -> String {
    format!("{}/{request_id}", requests(account_id))
}

pub fn tracking(account_id: Uuid) -> String {
    in_account(account_id, "tracking")
}

/// "Contact the store".
pub fn feedback(account_id: Uuid) -> String {
    in_account(account_id, "feedback")
}

/// The account at a glance (B2, B3).
pub fn summary(account_id: Uuid) -> String {
    in_account(account_id, "summary")
}

pub fn invoices(account_id: Uuid) -> String {
    in_account(account_id, "invoices")
}

pub fn invoice(account_id: Uuid, invoice_id: Uuid) -> String {
    format!("{}/{invoice_id}", invoices(account_id))
}

/// The pay form with every open invoice offered to tick.
pub fn pay(account_id: Uuid) -> String {
    in_account(account_id, "pay")
}

/// The pay form for a contract's open invoices (C6).
pub fn pay_contract(account_id: Uuid, contract_id: Uuid) -> String {
    format!("{}?contract={contract_id}", pay(account_id))
}

/// The payment history.
pub fn payments(account_id: Uuid) -> String {
    in_account(account_id, "payments")
}

/// A payment's receipt.
pub fn payment(account_id: Uuid, payment_id: Uuid) -> String {
    format!("{}/{payment_id}", payments(account_id))
}

/// `path` with `query` (without `?`) appended, or `path` alone for an empty query.
pub fn with_query(path: &str, query: &str) -> String {
    if query.is_empty() { path.to_string() } else { format!("{path}?{query}") }
}
