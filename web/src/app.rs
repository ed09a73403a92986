//! The router, the session guards and the landing redirect. Links and redirects take
//! their URLs from `paths`; the route patterns below must be literals for `path!`.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::{Lazy, NavigateOptions, path};

use crate::areas::{Admin, Customer, Public, admin, customer, public};
use crate::components::status::FullPageLoading;
use crate::components::view_as::ViewAsBanner;
use crate::drafts::provide_drafts;
use crate::pages::{login::LoginPage, not_found::NotFoundPage};
use crate::paths;
use crate::session::{AuthStatus, provide_session, use_session};

#[component]
pub fn App() -> impl IntoView {
    crate::i18n::provide_language();
    let session = provide_session();
    session.restore();
    provide_drafts();
    crate::prefs::dress_manifest();
    // Signal again on site: the session gets its token back and the lists ask the server.
    let _ = window_event_listener(leptos::ev::online, move |_| session.reconnect());

    view! {
        <Router>
            <ViewAsBanner />
            <Routes fallback=|| view! { <NotFoundPage /> }>
                <Route path=path!("/") view=Landing />
                <Route path=path!("/login") view=LoginPage />
                <Route path=path!("/forgot-password") view={Lazy::<Public<{ public::FORGOT_PASSWORD }>>::new()} />
                <Route path=path!("/reset-password") view={Lazy::<Public<{ public::RESET_PASSWORD }>>::new()} />
                <Route path=path!("/register") view={Lazy::<Public<{ public::REGISTER }>>::new()} />
                <Route path=path!("/invitation") view={Lazy::<Public<{ public::INVITATION }>>::new()} />
                <Route path=path!("/signup") view={Lazy::<Public<{ public::SIGNUP }>>::new()} />
                <Route path=path!("/signup/confirm") view={Lazy::<Public<{ public::SIGNUP_CONFIRM }>>::new()} />
                <Route path=path!("/account/email/confirm") view={Lazy::<Public<{ public::EMAIL_CONFIRM }>>::new()} />
                <Route path=path!("/dev/mailbox") view={Lazy::<Public<{ public::DEV_MAILBOX }>>::new()} />
                <Route path=path!("/change-password") view={Lazy::<Public<{ public::FORCED_PASSWORD_CHANGE }>>::new()} />
                <Route path=path!("/account/password") view={Lazy::<Public<{ public::CHANGE_PASSWORD }>>::new()} />
                <Route path=path!("/account/profile") view={Lazy::<Public<{ public::PROFILE }>>::new()} />
                // The store's side (H1, H7-H12): dealer staff and admins, and platform admins.
                <ParentRoute path=path!("/admin") view={Lazy::<Admin<{ admin::LAYOUT }>>::new()}>
                    <Route path=path!("") view={Lazy::<Admin<{ admin::HOME }>>::new()} />
                    <Route path=path!("requests") view={Lazy::<Admin<{ admin::REQUESTS }>>::new()} />
                    <Route path=path!("requests/:request_id") view={Lazy::<Admin<{ admin::REQUEST_DETAIL }>>::new()} />
                    <Route path=path!("feedback") view={Lazy::<Admin<{ admin::FEEDBACK }>>::new()} />
                    <Route path=path!("customers") view={Lazy::<Admin<{ admin::CUSTOMERS }>>::new()} />
                    <Route path=path!("customers/:customer_id") view={Lazy::<Admin<{ admin::CUSTOMER_DETAIL }>>::new()} />
                    <Route path=path!("api-clients") view={Lazy::<Admin<{ admin::API_CLIENTS }>>::new()} />
                    <Route path=path!("webhooks") view={Lazy::<Admin<{ admin::WEBHOOKS }>>::new()} />
                    <Route path=path!("staff") view={Lazy::<Admin<{ admin::STAFF }>>::new()} />
                    <Route path=path!("sync") view={Lazy::<Admin<{ admin::SYNC }>>::new()} />
                    <Route path=path!("audit") view={Lazy::<Admin<{ admin::AUDIT }>>::new()} />
                    <Route path=path!("settings") view={Lazy::<Admin<{ admin::SETTINGS }>>::new()} />
                </ParentRoute>
                <Route path=path!("/accounts") view={Lazy::<Public<{ public::ACCOUNT_PICKER }>>::new()} />
                <ParentRoute path=path!("/a/:account_id") view={Lazy::<Customer<{ customer::LAYOUT }>>::new()}>
                    <Route path=path!("") view={Lazy::<Customer<{ customer::HOME }>>::new()} />
                    <Route path=path!("contracts") view={Lazy::<Customer<{ customer::CONTRACTS }>>::new()} />
                    <Route path=path!("contracts/:contract_id") view={Lazy::<Customer<{ customer::CONTRACT_DETAIL }>>::new()} />
                    <Route path=path!("users") view={Lazy::<Customer<{ customer::USERS }>>::new()} />
                    // Customer requests, rentals, tracking and feedback (issue 5).
                    <Route path=path!("rentals") view={Lazy::<Customer<{ customer::RENTALS }>>::new()} />
                    <Route path=path!("call-off") view={Lazy::<Customer<{ customer::CALL_OFF }>>::new()} />
                    <Route path=path!("service") view={Lazy::<Customer<{ customer::SERVICE }>>::new()} />
                    <Route path=path!("extension") view={Lazy::<Customer<{ customer::EXTENSION }>>::new()} />
                    <Route path=path!("contracts/:contract_id/book-again") view={Lazy::<Customer<{ customer::BOOK_AGAIN }>>::new()} />
                    <Route path=path!("requests") view={Lazy::<Customer<{ customer::REQUESTS }>>::new()} />
                    <Route path=path!("requests/:request_id") view={Lazy::<Customer<{ customer::REQUEST_DETAIL }>>::new()} />
                    <Route path=path!("feedback") view={Lazy::<Customer<{ customer::FEEDBACK }>>::new()} />
                    <Route path=path!("tracking") view={Lazy::<Customer<{ customer::TRACKING }>>::new()} />
                    // Invoices and payments (E1, E4-E6, B2).
                    <Route path=path!("invoices") view={Lazy::<Customer<{ customer::INVOICES }>>::new()} />
                    <Route path=path!("invoices/:invoice_id") view={Lazy::<Customer<{ customer::INVOICE_DETAIL }>>::new()} />
                    <Route path=path!("pay") view={Lazy::<Customer<{ customer::PAY }>>::new()} />
                    <Route path=path!("payments") view={Lazy::<Customer<{ customer::PAYMENTS }>>::new()} />
                    <Route path=path!("payments/:payment_id") view={Lazy::<Customer<{ customer::PAYMENT_RECEIPT }>>::new()} />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

fn replace() -> NavigateOptions {
    NavigateOptions { replace: true, ..Default::default() }
}

/// `/`: waits for the session check, then sends the user on.
#[component]
fn Landing() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| match session.status() {
        AuthStatus::Checking => {}
        AuthStatus::SignedOut => navigate(paths::LOGIN, replace()),
        AuthStatus::SignedIn => navigate(&paths::landing(&session), replace()),
    });
    view! { <FullPageLoading /> }
}

/// Renders its children only for a signed-in user; otherwise goes to the login page and
/// keeps the intended URL to return to. A user who must change their password sees nothing
/// but the forced change (`password_change` marks that one page).
#[component]
pub(crate) fn RequireSession(children: ChildrenFn, #[prop(optional)] password_change: bool) -> impl IntoView {
    let session = use_session();
    let status = Memo::new(move |_| session.status());
    let blocked = Memo::new(move |_| !password_change && session.must_change_password());
    let location = use_location();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if status.get() == AuthStatus::SignedOut {
            let next = if session.logged_out_by_user() {
                None
            } else {
                let search = location.search.get_untracked();
                let path = location.pathname.get_untracked();
                Some(paths::with_query(&path, &search))
            };
            navigate(&paths::login(next.as_deref()), replace());
        } else if status.get() == AuthStatus::SignedIn && blocked.get() {
            navigate(paths::CHANGE_PASSWORD, replace());
        }
    });
    move || match status.get() {
        AuthStatus::SignedIn if !blocked.get() => children().into_any(),
        _ => view! { <FullPageLoading /> }.into_any(),
    }
}
