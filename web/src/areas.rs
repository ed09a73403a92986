//! Route-level code splitting: the screens outside the login route live in three lazily
//! loaded areas, each one split function (one split point, one wasm chunk) that matches the
//! area's screens with its own `<Routes>` and builds them. The main module keeps the shell,
//! the session, the login page and a router of five routes (web/src/app.rs), so the area's
//! route tables are out of it too; the first visit to a screen of an area downloads that
//! area's chunk (and any chunk it shares with another area), the screens' style sheet and the
//! words of the app part of the catalogue. `Lazy<CustomerArea>` & co. are the top-level
//! routes' views: the router awaits all that before it renders, and preloads it on hover of a
//! link.
//!
//! The split points are `wasm_split` (the helper leptos' `#[lazy]` wraps) with its `fallible`
//! option: a chunk that cannot be downloaded (a first visit without signal) gives a "could not
//! load" screen with a retry instead of a panic, which would stop the whole app.
//!
//! The split itself is done after `cargo build` by `wasm-split-cli` (scripts/build-web.sh);
//! without that step the module still works, every area compiled into one wasm.
// `wasm_split` expands to `unsafe extern` imports and `#[unsafe(no_mangle)]` exports.
#![allow(unsafe_code)]

use futures_util::FutureExt;
use futures_util::future::LocalBoxFuture;
use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use leptos_router::components::{ParentRoute, Route, Routes};
use leptos_router::{LazyRoute, path};
use shared::i18n::{Arg, Language};

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
    summary::AccountSummaryPage,
    tracking::TrackingPage,
};

/// The top-level route of the public pages other than login, and of the signed-in pages
/// outside both areas (any path the others do not claim): their chunk matches the screen.
#[derive(Debug)]
pub struct PublicArea;
/// The top-level route of the customer's side, `/a/*`.
#[derive(Debug)]
pub struct CustomerArea;
/// The top-level route of the store's side, `/admin` and `/admin/*`.
#[derive(Debug)]
pub struct AdminArea;

/// The `LazyRoute` of an area: the area's chunk (its routes and screens), its words and
/// style sheet awaited together; the "could not load" screen when the chunk cannot be had.
macro_rules! area_route {
    ($route:ident, $area:ident, $preload:ident) => {
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }
            async fn view(_this: Self) -> AnyView {
                futures_util::future::join($area(), area_support()).await.0.unwrap_or_else(unavailable)
            }
            async fn preload() {
                // A failed preload is retried when the screen is opened.
                let _ = futures_util::future::join($preload(), area_support()).await;
            }
        }
    };
}

area_route!(PublicArea, public_area, __preload_public_area);
area_route!(CustomerArea, customer_area, __preload_customer_area);
area_route!(AdminArea, admin_area, __preload_admin_area);

// Each area matches its own screens, by their full paths, under the top-level route that
// loaded it (web/src/app.rs): the route tables stay out of the main module. Leaving an area
// for another whose chunk is not loaded yet waits for that chunk, as the first visit does.

/// The public pages other than login, the signed-in pages outside both areas, and "not found".
#[wasm_split(public_area, wasm_split_path = ::leptos::wasm_split, preload(__preload_public_area), fallible)]
fn public_area() -> Result<AnyView, SplitLoaderError> {
    Ok(view! {
        <Routes fallback=|| view! { <NotFoundPage /> }>
            <Route path=path!("/forgot-password") view=ForgotPasswordPage />
            <Route path=path!("/reset-password") view=ResetPasswordPage />
            <Route path=path!("/register") view=RegisterPage />
            <Route path=path!("/invitation") view=InvitationPage />
            <Route path=path!("/signup") view=SignupPage />
            <Route path=path!("/signup/confirm") view=SignupConfirmPage />
            <Route path=path!("/account/email/confirm") view=EmailConfirmPage />
            <Route path=path!("/dev/mailbox") view=DevMailboxPage />
            <Route
                path=path!("/change-password")
                view=|| view! { <RequireSession password_change=true><ForcedPasswordChangePage /></RequireSession> }
            />
            <Route
                path=path!("/account/password")
                view=|| view! { <RequireSession><ChangePasswordPage /></RequireSession> }
            />
            <Route path=path!("/account/profile") view=|| view! { <RequireSession><ProfilePage /></RequireSession> } />
            <Route path=path!("/accounts") view=|| view! { <RequireSession><AccountPickerPage /></RequireSession> } />
        </Routes>
    }
    .into_any())
}

/// The customer's side under `/a/:account_id`: its layout and screens.
#[wasm_split(customer_area, wasm_split_path = ::leptos::wasm_split, preload(__preload_customer_area), fallible)]
fn customer_area() -> Result<AnyView, SplitLoaderError> {
    Ok(view! {
        <Routes fallback=|| view! { <NotFoundPage /> }>
            <ParentRoute path=path!("/a/:account_id") view=|| view! { <RequireSession><AccountLayout /></RequireSession> }>
                <Route path=path!("") view=HomePage />
                <Route path=path!("summary") view=AccountSummaryPage />
                <Route path=path!("contracts") view=ContractsPage />
                <Route path=path!("contracts/:contract_id") view=ContractDetailPage />
                <Route path=path!("users") view=AccountUsersPage />
                // Customer requests, rentals, tracking and feedback (issue 5).
                <Route path=path!("rentals") view=RentalsPage />
                <Route path=path!("call-off") view=CallOffPage />
                <Route path=path!("service") view=ServiceRequestPage />
                <Route path=path!("extension") view=ExtensionPage />
                <Route path=path!("contracts/:contract_id/book-again") view=BookAgainPage />
                <Route path=path!("requests") view=RequestsPage />
                <Route path=path!("requests/:request_id") view=RequestDetailPage />
                <Route path=path!("feedback") view=FeedbackPage />
                <Route path=path!("tracking") view=TrackingPage />
                // Invoices and payments (E1, E4-E6, B2).
                <Route path=path!("invoices") view=InvoicesPage />
                <Route path=path!("invoices/:invoice_id") view=InvoiceDetailPage />
                <Route path=path!("pay") view=PayPage />
                <Route path=path!("payments") view=PaymentsPage />
                <Route path=path!("payments/:payment_id") view=PaymentReceiptPage />
            </ParentRoute>
        </Routes>
    }
    .into_any())
}

/// The store's side under `/admin` (H1, H7-H12: dealer staff and admins, and platform
/// admins): its layout and screens.
#[wasm_split(admin_area, wasm_split_path = ::leptos::wasm_split, preload(__preload_admin_area), fallible)]
fn admin_area() -> Result<AnyView, SplitLoaderError> {
    Ok(view! {
        <Routes fallback=|| view! { <NotFoundPage /> }>
            <ParentRoute
                path=path!("/admin")
                view=|| view! { <RequireSession><RequireStaff><AdminLayout /></RequireStaff></RequireSession> }
            >
                <Route path=path!("") view=AdminHomePage />
                <Route path=path!("requests") view=|| view! { <RequireDealer><AdminRequestsPage /></RequireDealer> } />
                <Route path=path!("requests/:request_id") view=|| view! { <RequireDealer><AdminRequestDetailPage /></RequireDealer> } />
                <Route path=path!("feedback") view=|| view! { <RequireDealer><AdminFeedbackPage /></RequireDealer> } />
                <Route path=path!("customers") view=|| view! { <RequireDealer><AdminCustomersPage /></RequireDealer> } />
                <Route path=path!("customers/:customer_id") view=|| view! { <RequireDealer><AdminCustomerDetailPage /></RequireDealer> } />
                <Route path=path!("api-clients") view=|| view! { <RequireDealer><AdminApiClientsPage /></RequireDealer> } />
                <Route path=path!("webhooks") view=|| view! { <RequireDealer><AdminWebhooksPage /></RequireDealer> } />
                <Route path=path!("staff") view=|| view! { <RequireDealer><AdminStaffPage /></RequireDealer> } />
                <Route path=path!("sync") view=|| view! { <RequireDealer><AdminSyncPage /></RequireDealer> } />
                <Route path=path!("audit") view=|| view! { <RequireDealer><AdminAuditPage /></RequireDealer> } />
                <Route path=path!("settings") view=|| view! { <RequireDealer><AdminSettingsPage /></RequireDealer> } />
            </ParentRoute>
        </Routes>
    }
    .into_any())
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

/// The words of the screens after sign-in in `language`: this split point's chunk holds the
/// Fluent runtime (`crate::i18n::app`), which the login route does without.
#[wasm_split(app_words, wasm_split_path = ::leptos::wasm_split, fallible)]
fn app_words(language: Language) -> Result<LocalBoxFuture<'static, ()>, SplitLoaderError> {
    Ok(Box::pin(crate::i18n::app::load(language)))
}

/// Loads the words of the screens after sign-in in `language` (`app_words`), with the reader
/// ready first: each split point has a loader of its own, and `app_word_now` can only call a
/// settled one. Both are the same chunk, fetched once.
pub(crate) async fn load_app_words(language: Language) {
    let (words, reader) = futures_util::future::join(app_words(language), __preload_app_word()).await;
    if let (Ok(load), Ok(())) = (words, reader) {
        load.await;
    }
}

/// The app part's message `id` (`crate::i18n::app::read`), read in the `app_words` chunk.
#[wasm_split(app_words, wasm_split_path = ::leptos::wasm_split, preload(__preload_app_word), fallible)]
fn app_word(
    language: Language,
    id: &str,
    args: &[(&str, Arg<'_>)],
) -> Result<Option<String>, SplitLoaderError> {
    Ok(crate::i18n::app::read(language, id, args))
}

/// The app part's message `id`, once `load_app_words` has run: then the call is made at once
/// (the split point's loader is a settled cell), without waiting for anything. `None` while
/// the chunk is not here.
pub(crate) fn app_word_now(language: Language, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
    app_word(language, id, args).now_or_never().and_then(Result::ok).flatten()
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

/// After a sign-in, while the browser is idle: the code of the areas the person works in
/// (the account picker and the customer's screens, or the store's and the profile), so their first screen
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
            // The area they land in first, then the other they use (the account picker and
            // the profile are in the public area).
            if staff {
                let _ = __preload_admin_area().await;
                let _ = __preload_public_area().await;
            } else {
                let _ = __preload_public_area().await;
                let _ = __preload_customer_area().await;
            }
        });
    });
}
