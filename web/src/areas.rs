//! Route-level code splitting: the screens outside the login route live in three lazily
//! loaded areas, each one split function (one split point, one wasm chunk) that builds the
//! screen a route names by a number. The main module keeps the shell, the session and the
//! login page; the first visit to a screen of an area downloads that area's chunk (and any
//! chunk it shares with another area), the screens' style sheet and the words of the app part
//! of the catalogue. `Lazy<Public<N>>` & co. are the routes' views: the router awaits all that
//! before it renders, and preloads it on hover of a link.
//!
//! The split points are `wasm_split` (the helper leptos' `#[lazy]` wraps) with its `fallible`
//! option: a chunk that cannot be downloaded (a first visit without signal) gives a "could not
//! load" screen with a retry instead of a panic, which would stop the whole app.
//!
//! The split itself is done after `cargo build` by `wasm-split-cli` (scripts/build-web.sh);
//! without that step the module still works, every area compiled into one wasm.
// `wasm_split` expands to `unsafe extern` imports and `#[unsafe(no_mangle)]` exports.
#![allow(unsafe_code)]

use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use leptos_router::LazyRoute;

use crate::app::RequireSession;
use crate::components::layout::AccountLayout;
use crate::i18n::tr;
use crate::pages::{
    account_users::AccountUsersPage,
    accounts::AccountPickerPage,
    admin::{
        AdminLayout, RequireDealer, RequireStaff, api_clients::AdminApiClientsPage, audit::AdminAuditPage,
        customer_detail::AdminCustomerDetailPage, customers::AdminCustomersPage, feedback::AdminFeedbackPage,
        home::AdminHomePage, request_detail::AdminRequestDetailPage, requests::AdminRequestsPage,
        settings::AdminSettingsPage, staff::AdminStaffPage, sync::AdminSyncPage, webhooks::AdminWebhooksPage,
    },
    book_again::BookAgainPage,
    call_off::CallOffPage,
    change_password::{ChangePasswordPage, ForcedPasswordChangePage},
    contract_detail::ContractDetailPage,
    contracts::ContractsPage,
    dev_mailbox::DevMailboxPage,
    email_confirm::EmailConfirmPage,
    extension::ExtensionPage,
    feedback::FeedbackPage,
    forgot_password::ForgotPasswordPage,
    home::HomePage,
    invitation::InvitationPage,
    invoice_detail::InvoiceDetailPage,
    invoices::InvoicesPage,
    not_found::NotFoundPage,
    pay::PayPage,
    payments::{PaymentReceiptPage, PaymentsPage},
    profile::ProfilePage,
    register::RegisterPage,
    rentals::RentalsPage,
    requests::{RequestDetailPage, RequestsPage},
    reset_password::ResetPasswordPage,
    service_request::ServiceRequestPage,
    signup::{SignupConfirmPage, SignupPage},
    tracking::TrackingPage,
};

/// A route view of the public/session area: screen `P` (see [`public_area`]).
#[derive(Debug)]
pub struct Public<const P: u8>;
/// A route view of the customer area: screen `P` (see [`customer_area`]).
#[derive(Debug)]
pub struct Customer<const P: u8>;
/// A route view of the store's area: screen `P` (see [`admin_area`]).
#[derive(Debug)]
pub struct Admin<const P: u8>;

/// The `LazyRoute` of an area's route views: the area's chunk, its words and style sheet
/// awaited together; the "could not load" screen when the chunk cannot be had.
macro_rules! area_route {
    ($view:ident, $area:ident, $preload:ident) => {
        impl<const P: u8> LazyRoute for $view<P> {
            fn data() -> Self {
                Self
            }
            async fn view(_this: Self) -> AnyView {
                futures_util::future::join($area(P), area_support()).await.0.unwrap_or_else(unavailable)
            }
            async fn preload() {
                // A failed preload is retried when the screen is opened.
                let _ = futures_util::future::join($preload(), area_support()).await;
            }
        }
    };
}

area_route!(Public, public_area, __preload_public_area);
area_route!(Customer, customer_area, __preload_customer_area);
area_route!(Admin, admin_area, __preload_admin_area);

pub mod public {
    pub const FORGOT_PASSWORD: u8 = 0;
    pub const RESET_PASSWORD: u8 = 1;
    pub const REGISTER: u8 = 2;
    pub const INVITATION: u8 = 3;
    pub const SIGNUP: u8 = 4;
    pub const SIGNUP_CONFIRM: u8 = 5;
    pub const EMAIL_CONFIRM: u8 = 6;
    pub const DEV_MAILBOX: u8 = 7;
    pub const FORCED_PASSWORD_CHANGE: u8 = 8;
    pub const CHANGE_PASSWORD: u8 = 9;
    pub const PROFILE: u8 = 10;
    pub const ACCOUNT_PICKER: u8 = 11;
}

pub mod customer {
    pub const LAYOUT: u8 = 0;
    pub const HOME: u8 = 1;
    pub const CONTRACTS: u8 = 2;
    pub const CONTRACT_DETAIL: u8 = 3;
    pub const USERS: u8 = 4;
    pub const RENTALS: u8 = 5;
    pub const CALL_OFF: u8 = 6;
    pub const SERVICE: u8 = 7;
    pub const EXTENSION: u8 = 8;
    pub const BOOK_AGAIN: u8 = 9;
    pub const REQUESTS: u8 = 10;
    pub const REQUEST_DETAIL: u8 = 11;
    pub const FEEDBACK: u8 = 12;
    pub const TRACKING: u8 = 13;
    pub const INVOICES: u8 = 14;
    pub const INVOICE_DETAIL: u8 = 15;
    pub const PAY: u8 = 16;
    pub const PAYMENTS: u8 = 17;
    pub const PAYMENT_RECEIPT: u8 = 18;
}

pub mod admin {
    pub const LAYOUT: u8 = 0;
    pub const HOME: u8 = 1;
    pub const REQUESTS: u8 = 2;
    pub const REQUEST_DETAIL: u8 = 3;
    pub const FEEDBACK: u8 = 4;
    pub const CUSTOMERS: u8 = 5;
    pub const CUSTOMER_DETAIL: u8 = 6;
    pub const API_CLIENTS: u8 = 7;
    pub const WEBHOOKS: u8 = 8;
    pub const STAFF: u8 = 9;
    pub const SYNC: u8 = 10;
    pub const AUDIT: u8 = 11;
    pub const SETTINGS: u8 = 12;
}

/// The public pages other than login, and the signed-in pages outside both areas.
#[wasm_split(public_area, wasm_split_path = ::leptos::wasm_split, preload(__preload_public_area), fallible)]
fn public_area(page: u8) -> Result<AnyView, SplitLoaderError> {
    use public::*;
    Ok(match page {
        FORGOT_PASSWORD => view! { <ForgotPasswordPage /> }.into_any(),
        RESET_PASSWORD => view! { <ResetPasswordPage /> }.into_any(),
        REGISTER => view! { <RegisterPage /> }.into_any(),
        INVITATION => view! { <InvitationPage /> }.into_any(),
        SIGNUP => view! { <SignupPage /> }.into_any(),
        SIGNUP_CONFIRM => view! { <SignupConfirmPage /> }.into_any(),
        EMAIL_CONFIRM => view! { <EmailConfirmPage /> }.into_any(),
        DEV_MAILBOX => view! { <DevMailboxPage /> }.into_any(),
        FORCED_PASSWORD_CHANGE => view! {
            <RequireSession password_change=true>
                <ForcedPasswordChangePage />
            </RequireSession>
        }
        .into_any(),
        CHANGE_PASSWORD => view! { <RequireSession><ChangePasswordPage /></RequireSession> }.into_any(),
        PROFILE => view! { <RequireSession><ProfilePage /></RequireSession> }.into_any(),
        ACCOUNT_PICKER => view! { <RequireSession><AccountPickerPage /></RequireSession> }.into_any(),
        _ => view! { <NotFoundPage /> }.into_any(),
    })
}

/// The customer's side under `/a/:account_id`: its layout and screens.
#[wasm_split(customer_area, wasm_split_path = ::leptos::wasm_split, preload(__preload_customer_area), fallible)]
fn customer_area(page: u8) -> Result<AnyView, SplitLoaderError> {
    use customer::*;
    Ok(match page {
        LAYOUT => view! { <RequireSession><AccountLayout /></RequireSession> }.into_any(),
        HOME => view! { <HomePage /> }.into_any(),
        CONTRACTS => view! { <ContractsPage /> }.into_any(),
        CONTRACT_DETAIL => view! { <ContractDetailPage /> }.into_any(),
        USERS => view! { <AccountUsersPage /> }.into_any(),
        RENTALS => view! { <RentalsPage /> }.into_any(),
        CALL_OFF => view! { <CallOffPage /> }.into_any(),
        SERVICE => view! { <ServiceRequestPage /> }.into_any(),
        EXTENSION => view! { <ExtensionPage /> }.into_any(),
        BOOK_AGAIN => view! { <BookAgainPage /> }.into_any(),
        REQUESTS => view! { <RequestsPage /> }.into_any(),
        REQUEST_DETAIL => view! { <RequestDetailPage /> }.into_any(),
        FEEDBACK => view! { <FeedbackPage /> }.into_any(),
        TRACKING => view! { <TrackingPage /> }.into_any(),
        INVOICES => view! { <InvoicesPage /> }.into_any(),
        INVOICE_DETAIL => view! { <InvoiceDetailPage /> }.into_any(),
        PAY => view! { <PayPage /> }.into_any(),
        PAYMENTS => view! { <PaymentsPage /> }.into_any(),
        PAYMENT_RECEIPT => view! { <PaymentReceiptPage /> }.into_any(),
        _ => view! { <NotFoundPage /> }.into_any(),
    })
}

/// The store's side under `/admin`: its layout and screens.
#[wasm_split(admin_area, wasm_split_path = ::leptos::wasm_split, preload(__preload_admin_area), fallible)]
fn admin_area(page: u8) -> Result<AnyView, SplitLoaderError> {
    use admin::*;
    Ok(match page {
        LAYOUT => {
            view! { <RequireSession><RequireStaff><AdminLayout /></RequireStaff></RequireSession> }.into_any()
        }
        HOME => view! { <AdminHomePage /> }.into_any(),
        REQUESTS => view! { <RequireDealer><AdminRequestsPage /></RequireDealer> }.into_any(),
        REQUEST_DETAIL => view! { <RequireDealer><AdminRequestDetailPage /></RequireDealer> }.into_any(),
        FEEDBACK => view! { <RequireDealer><AdminFeedbackPage /></RequireDealer> }.into_any(),
        CUSTOMERS => view! { <RequireDealer><AdminCustomersPage /></RequireDealer> }.into_any(),
        CUSTOMER_DETAIL => view! { <RequireDealer><AdminCustomerDetailPage /></RequireDealer> }.into_any(),
        API_CLIENTS => view! { <RequireDealer><AdminApiClientsPage /></RequireDealer> }.into_any(),
        WEBHOOKS => view! { <RequireDealer><AdminWebhooksPage /></RequireDealer> }.into_any(),
        STAFF => view! { <RequireDealer><AdminStaffPage /></RequireDealer> }.into_any(),
        SYNC => view! { <RequireDealer><AdminSyncPage /></RequireDealer> }.into_any(),
        AUDIT => view! { <RequireDealer><AdminAuditPage /></RequireDealer> }.into_any(),
        SETTINGS => view! { <RequireDealer><AdminSettingsPage /></RequireDealer> }.into_any(),
        _ => view! { <NotFoundPage /> }.into_any(),
    })
}

/// Instead of a screen whose code could not be downloaded (no signal on a first visit): say
/// so and offer to try again. The failure is not remembered, so the next try downloads anew.
fn unavailable(_: SplitLoaderError) -> AnyView {
    let retry = |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    view! {
        <main class="center-screen">
            <div class="panel panel-empty" role="alert" data-testid="area-unavailable">
                <h1 class="panel-title">{move || tr("area-unavailable-title")}</h1>
                <p>{move || tr("area-unavailable-text")}</p>
                <button type="button" class="btn btn-primary" on:click=retry>
                    {move || tr("area-unavailable-retry")}
                </button>
            </div>
        </main>
    }
    .into_any()
}

/// What every screen of the areas needs besides its code: the words of the app part of the
/// catalogue in the current language, and the app's style sheet.
async fn area_support() {
    futures_util::future::join(crate::i18n::load_app(), load_app_style()).await;
}

/// Waits until the style sheet of the screens after sign-in has loaded (adding it to the
/// page on the first call), so no screen shows unstyled. If it fails to load, the screens
/// still open, styled by the shell's sheet.
async fn load_app_style() {
    thread_local! {
        /// Settles when the sheet has loaded or failed; every caller awaits the same one.
        static APP_STYLE: std::cell::RefCell<Option<js_sys::Promise>> = const { std::cell::RefCell::new(None) };
    }
    let settled = APP_STYLE.with(|style| style.borrow_mut().get_or_insert_with(add_app_style).clone());
    let _ = wasm_bindgen_futures::JsFuture::from(settled).await;
}

/// Adds `<link rel="stylesheet">` for the sheet `<meta name="app-style">` names (a
/// content-hashed file); the promise settles with its `load` or `error` event.
fn add_app_style() -> js_sys::Promise {
    let document = web_sys::window().and_then(|w| w.document());
    let href = document
        .as_ref()
        .and_then(|d| d.query_selector("meta[name=app-style]").ok().flatten())
        .and_then(|meta| meta.get_attribute("content"))
        .filter(|href| href.starts_with('/'));
    let head = document.as_ref().and_then(|d| d.query_selector("head").ok().flatten());
    let link = document.as_ref().and_then(|d| d.create_element("link").ok());
    let (Some(href), Some(head), Some(link)) = (href, head, link) else {
        return js_sys::Promise::resolve(&wasm_bindgen::JsValue::UNDEFINED);
    };
    let settled = js_sys::Promise::new(&mut |resolve, _reject| {
        let _ = link.add_event_listener_with_callback("load", &resolve);
        let _ = link.add_event_listener_with_callback("error", &resolve);
    });
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", &href);
    let _ = head.append_child(&link);
    settled
}

/// After a sign-in, while the browser is idle: the code of the area the person works in
/// (the account picker and the customer's screens, or the store's), so their first screen
/// opens without waiting for it. Once per page load; the router would fetch it on first use
/// otherwise.
pub fn prefetch_after_sign_in(staff: bool) {
    thread_local! {
        static STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if STARTED.with(|started| started.replace(true)) {
        return;
    }
    request_idle_callback(move || {
        leptos::task::spawn_local(async move {
            area_support().await;
            if staff {
                let _ = __preload_admin_area().await;
            } else {
                let _ = __preload_public_area().await;
                let _ = __preload_customer_area().await;
            }
        });
    });
}
