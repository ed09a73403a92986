//! The store's side of the portal (H7, H8) under `/admin/...`: the request inbox, a request
//! with its actions, the feedback inbox, and the dealer's customers (H2-H6). Only dealer staff and dealer admins see it; the
//! API refuses everyone else (403) and answers another dealer's records with 404.

pub mod api_clients;
pub mod audit;
pub mod customer_detail;
pub mod customers;
pub mod feedback;
mod request_actions;
pub mod request_detail;
pub mod requests;
pub mod settings;
pub mod staff;

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use leptos_router::components::{A, Outlet};
use leptos_router::hooks::use_location;
use shared::requests::{RequestKind, RequestStatus, ServiceKind};
use wasm_bindgen::JsValue;

use crate::api;
use crate::components::header::AccountMenu;
use crate::components::icons::{Icon, IconSvg};
use crate::components::notifications::NotificationsBell;
use crate::format::{brand_style, logo_mark};
use crate::pages::not_found::NotFoundPage;
use crate::paths;
use crate::session::use_session;

/// Renders its children only for dealer staff and admins; anyone else gets "Page not found",
/// as for a route that does not exist. Sits inside `RequireSession`, so the user is known.
#[component]
pub fn RequireStaff(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let staff = Memo::new(move |_| session.is_staff());
    move || if staff.get() { children().into_any() } else { view! { <NotFoundPage /> }.into_any() }
}

/// The frame of the store's screens: header with the bell and the user menu, and the tabs
/// "Requests" and "Feedback", in the colours, logo and name of the staff member's dealer
/// (neutral until they have loaded, or if they cannot be).
#[component]
pub fn AdminLayout() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let on = move |prefix: &'static str| location.pathname.with(|p| p.starts_with(prefix));
    let branding = LocalResource::new(move || async move { api::admin_branding(session).await.ok() });
    let dealer = move || branding.get().flatten();
    provide_context(StoreZone(Signal::derive(move || dealer().map(|d| d.time_zone))));

    view! {
        <div class="shell admin-shell" style=move || brand_style(dealer().as_ref())>
            <header class="app-header">
                <div class="app-header-inner">
                    <A href=paths::ADMIN_REQUESTS attr:class="brand" attr:data-testid="brand-home">
                        {move || match dealer().and_then(|d| logo_mark(d.logo_url.as_deref())) {
                            Some(src) => view! { <img class="brand-logo" src=src alt="" width="40" height="40" /> }.into_any(),
                            None => view! { <span class="admin-mark" aria-hidden="true"><IconSvg icon=Icon::Store /></span> }.into_any(),
                        }}
                        <span class="admin-brand-text">
                            <span class="brand-name">
                                {move || dealer().map_or_else(|| "Rental Portal".to_string(), |d| d.name)}
                            </span>
                            <span class="admin-brand-sub">"Store"</span>
                        </span>
                    </A>
                    <div class="header-actions">
                        <NotificationsBell />
                        <AccountMenu />
                    </div>
                </div>
                <nav class="admin-tabs" aria-label="Store">
                    <A
                        href=paths::ADMIN_REQUESTS
                        attr:class="admin-tab"
                        attr:data-testid="nav-inbox"
                        attr:aria-current=move || on(paths::ADMIN_REQUESTS).then_some("page")
                    >
                        <IconSvg icon=Icon::Inbox />
                        "Requests"
                    </A>
                    <A
                        href=paths::ADMIN_FEEDBACK
                        attr:class="admin-tab"
                        attr:data-testid="nav-feedback"
                        attr:aria-current=move || on(paths::ADMIN_FEEDBACK).then_some("page")
                    >
                        <IconSvg icon=Icon::Mail />
                        "Feedback"
                    </A>
                    <A
                        href=paths::ADMIN_CUSTOMERS
                        attr:class="admin-tab"
                        attr:data-testid="nav-customers"
                        attr:aria-current=move || on(paths::ADMIN_CUSTOMERS).then_some("page")
                    >
                        <IconSvg icon=Icon::Users />
                        "Customers"
                    </A>
                    <Show when=move || session.is_dealer_admin()>
                        <A
                            href=paths::ADMIN_API_CLIENTS
                            attr:class="admin-tab"
                            attr:data-testid="nav-api-clients"
                            attr:aria-current=move || on(paths::ADMIN_API_CLIENTS).then_some("page")
                        >
                            <IconSvg icon=Icon::Key />
                            "API clients"
                        </A>
                    </Show>
                    <Show when=move || session.is_dealer_admin()>
                        <A
                            href=paths::ADMIN_STAFF
                            attr:class="admin-tab"
                            attr:data-testid="nav-staff"
                            attr:aria-current=move || on(paths::ADMIN_STAFF).then_some("page")
                        >
                            <IconSvg icon=Icon::User />
                            "Staff"
                        </A>
                    </Show>
                    <Show when=move || session.is_dealer_admin()>
                        <A
                            href=paths::ADMIN_AUDIT
                            attr:class="admin-tab"
                            attr:data-testid="nav-audit"
                            attr:aria-current=move || on(paths::ADMIN_AUDIT).then_some("page")
                        >
                            <IconSvg icon=Icon::List />
                            "Audit"
                        </A>
                    </Show>
                    <Show when=move || session.is_dealer_admin()>
                        <A
                            href=paths::ADMIN_SETTINGS
                            attr:class="admin-tab"
                            attr:data-testid="nav-settings"
                            attr:aria-current=move || on(paths::ADMIN_SETTINGS).then_some("page")
                        >
                            <IconSvg icon=Icon::Store />
                            "Settings"
                        </A>
                    </Show>
                </nav>
            </header>
            <main class="main" id="main">
                <Outlet />
            </main>
        </div>
    }
}

/// Sets the tab title of a store screen.
pub fn set_title(what: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{what} · Store · Rental Portal"));
    }
}

pub fn kind_label(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::CallOff => "Call-off",
        RequestKind::Service => "Service",
        RequestKind::Extension => "Extension",
        RequestKind::BookAgain => "Book again",
    }
}

/// "Service · Breakdown" for service requests, the kind alone otherwise.
pub fn kind_text(kind: RequestKind, service: Option<ServiceKind>) -> String {
    match service {
        Some(s) if kind == RequestKind::Service => format!("Service · {}", s.label()),
        _ => kind_label(kind).to_string(),
    }
}

pub fn status_label(status: RequestStatus) -> &'static str {
    match status {
        RequestStatus::Requested => "New",
        RequestStatus::Acknowledged => "Acknowledged",
        RequestStatus::Scheduled => "Scheduled",
        RequestStatus::Completed => "Completed",
        RequestStatus::Cancelled => "Cancelled",
    }
}

/// What "complete" means for this kind, as a past participle ("Picked up").
pub fn completed_word(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::CallOff => "Picked up",
        RequestKind::Service => "Done",
        RequestKind::Extension => "Granted",
        RequestKind::BookAgain => "Booked",
    }
}

/// A request's status; a completed one in the words of its kind ("Picked up").
#[component]
pub fn RequestBadge(
    status: RequestStatus,
    kind: RequestKind,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let label = if status == RequestStatus::Completed { completed_word(kind) } else { status_label(status) };
    view! {
        <span class=format!("badge badge-inbox-{}", status.as_str()) data-status=status.as_str() data-testid=testid>
            {label}
        </span>
    }
}

/// The browser's language, for dates: staff have no customer account and so no dealer locale.
pub fn browser_locale() -> String {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"navigator".into()).ok())
        .and_then(|n| js_sys::Reflect::get(&n, &"language".into()).ok())
        .and_then(|l| l.as_string())
        .unwrap_or_else(|| "en-US".to_string())
}

/// A date in the browser's language style (see [`crate::format::date`]).
pub fn day(value: NaiveDate) -> String {
    crate::format::date(value, &browser_locale())
}

pub fn opt_day(value: Option<NaiveDate>) -> String {
    value.map_or_else(|| "—".to_string(), day)
}

/// `Nov 23, 2026, 2:21 PM` in the browser's time zone and language.
pub fn local_time(at: DateTime<Utc>) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    String::from(date.to_locale_string(&browser_locale(), &options))
}

/// The calendar day of a moment, in the browser's time zone.
pub fn local_day(at: DateTime<Utc>) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    NaiveDate::from_ymd_opt(date.get_full_year() as i32, date.get_month() + 1, date.get_date())
        .map_or_else(|| day(at.date_naive()), day)
}

/// The store's dealer's time zone, once its branding has loaded (provided by [`AdminLayout`]).
#[derive(Debug, Clone, Copy)]
pub struct StoreZone(pub Signal<Option<String>>);

/// Today at the store's dealer: the earliest date a request can be scheduled for, as the
/// server checks it. Call it where the component's context is at hand.
pub fn use_store_today() -> impl Fn() -> NaiveDate + Copy {
    let zone = use_context::<StoreZone>().map(|z| z.0);
    move || match zone.and_then(|z| z.get()) {
        Some(zone) => crate::when::today_in(&zone),
        None => crate::when::browser_today(),
    }
}

/// "waiting 2 h" for an open request; "3 days ago" once it is closed.
pub fn age_text(status: RequestStatus, created_at: DateTime<Utc>, updated_at: DateTime<Utc>) -> String {
    if status.is_open() {
        format!("waiting {}", crate::when::elapsed(created_at))
    } else {
        format!("closed {} ago", crate::when::elapsed(updated_at))
    }
}
