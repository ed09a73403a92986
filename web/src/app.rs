//! The router, the session guards and the landing redirect. Links and redirects take
//! their URLs from `paths`; the route patterns below must be literals for `path!`.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::{NavigateOptions, path};

use crate::components::layout::AccountLayout;
use crate::components::status::FullPageLoading;
use crate::components::view_as::ViewAsBanner;
use crate::drafts::provide_drafts;
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
    login::LoginPage,
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
                    view=|| {
                        view! {
                            <RequireSession password_change=true>
                                <ForcedPasswordChangePage />
                            </RequireSession>
                        }
                    }
                />
                <Route
                    path=path!("/account/password")
                    view=|| view! { <RequireSession><ChangePasswordPage /></RequireSession> }
                />
                <Route
                    path=path!("/account/profile")
                    view=|| view! { <RequireSession><ProfilePage /></RequireSession> }
                />
                // The store's side (H1, H7-H12): dealer staff and admins, and platform admins.
                <ParentRoute
                    path=path!("/admin")
                    view=|| view! { <RequireSession><RequireStaff><AdminLayout /></RequireStaff></RequireSession> }
                >
                    <Route path=path!("") view=AdminHomePage />
                    <Route path=path!("requests") view=|| view! { <RequireDealer><AdminRequestsPage /></RequireDealer> } />
                    <Route
                        path=path!("requests/:request_id")
                        view=|| view! { <RequireDealer><AdminRequestDetailPage /></RequireDealer> }
                    />
                    <Route path=path!("feedback") view=|| view! { <RequireDealer><AdminFeedbackPage /></RequireDealer> } />
                    <Route path=path!("customers") view=|| view! { <RequireDealer><AdminCustomersPage /></RequireDealer> } />
                    <Route
                        path=path!("customers/:customer_id")
                        view=|| view! { <RequireDealer><AdminCustomerDetailPage /></RequireDealer> }
                    />
                    <Route
                        path=path!("api-clients")
                        view=|| view! { <RequireDealer><AdminApiClientsPage /></RequireDealer> }
                    />
                    <Route path=path!("webhooks") view=|| view! { <RequireDealer><AdminWebhooksPage /></RequireDealer> } />
                    <Route path=path!("staff") view=|| view! { <RequireDealer><AdminStaffPage /></RequireDealer> } />
                    <Route path=path!("sync") view=|| view! { <RequireDealer><AdminSyncPage /></RequireDealer> } />
                    <Route path=path!("audit") view=|| view! { <RequireDealer><AdminAuditPage /></RequireDealer> } />
                    <Route path=path!("settings") view=|| view! { <RequireDealer><AdminSettingsPage /></RequireDealer> } />
                </ParentRoute>
                <Route
                    path=path!("/accounts")
                    view=|| view! { <RequireSession><AccountPickerPage /></RequireSession> }
                />
                <ParentRoute
                    path=path!("/a/:account_id")
                    view=|| view! { <RequireSession><AccountLayout /></RequireSession> }
                >
                    <Route path=path!("") view=HomePage />
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
fn RequireSession(children: ChildrenFn, #[prop(optional)] password_change: bool) -> impl IntoView {
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
