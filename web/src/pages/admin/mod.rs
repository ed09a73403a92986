//! The store's side of the portal (H7, H8) under `/admin/...`: the request inbox, a request
//! with its actions, the feedback inbox, and the dealer's customers (H2-H6). Only dealer staff and dealer admins see it; the
//! API refuses everyone else (403) and answers another dealer's records with 404.

pub mod api_clients;
pub mod audit;
pub mod customer_detail;
pub mod customers;
pub mod feedback;
pub mod home;
mod request_actions;
pub mod request_detail;
pub mod requests;
pub mod settings;
pub mod staff;
pub mod sync;
pub mod webhooks;

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::{A, Outlet};
use leptos_router::hooks::{use_location, use_navigate};
use shared::requests::{RequestKind, RequestStatus, ServiceKind};
use wasm_bindgen::JsValue;

use crate::api;
use crate::components::header::AccountMenu;
use crate::components::icons::{Icon, IconSvg};
use crate::components::notifications::NotificationsBell;
use crate::format::{brand_style, logo_mark};
use crate::i18n::{Label, tr, tr_with};
use crate::pages::not_found::NotFoundPage;
use crate::paths;
use crate::session::use_session;

/// Renders its children only for dealer staff and admins and platform admins; anyone else
/// gets "Page not found", as for a route that does not exist. Sits inside `RequireSession`,
/// so the user is known.
#[component]
pub fn RequireStaff(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let staff = Memo::new(move |_| session.uses_admin());
    move || if staff.get() { children().into_any() } else { view! { <NotFoundPage /> }.into_any() }
}

/// Renders a dealer's screen only while the user works in a dealer (its staff, or a platform
/// admin who chose it; see [`AdminLayout`], which sends anyone else to the dealer picker).
/// The router builds a route's view as soon as it matches, so without this a platform admin
/// who opened, say, `/admin/requests` before choosing a dealer would start its calls (403).
#[component]
pub fn RequireDealer(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let in_dealer = Memo::new(move |_| session.works_for_dealer());
    move || in_dealer.get().then(|| children())
}

/// The frame of the store's screens: header with the bell and the user menu, and the tabs of
/// the screens the user's role opens, in the colours, logo and name of the dealer (neutral
/// until they have loaded, or if they cannot be). A platform admin sees which dealer they
/// work in, with the way to switch or stop; until they choose one, only the admin home (the
/// dealer picker) shows: no tabs, and every other `/admin/...` address leads there.
#[component]
pub fn AdminLayout() -> impl IntoView {
    crate::components::layout::focus_heading_on_navigation();
    let session = use_session();
    let location = use_location();
    let on = move |prefix: &'static str| location.pathname.with(|p| p.starts_with(prefix));
    let home = move || location.pathname.with(|p| p.trim_end_matches('/') == paths::ADMIN_HOME);
    let in_dealer = Memo::new(move |_| session.works_for_dealer());
    // Keyed by the acting dealer, so a platform admin's switch reloads the look.
    let acting_id = Memo::new(move |_| session.acting_dealer().map(|d| d.id));
    let branding = LocalResource::new(move || {
        let wanted = in_dealer.get();
        let _ = acting_id.get();
        async move { if wanted { api::admin_branding(session).await.ok() } else { None } }
    });
    let dealer = Signal::derive(move || if in_dealer.get() { branding.get().flatten() } else { None });
    provide_context(StoreZone(Signal::derive(move || dealer.get().map(|d| d.time_zone))));
    provide_context(StoreBranding(dealer));
    provide_context(CustomerListUrl(RwSignal::new(paths::ADMIN_CUSTOMERS.to_string())));

    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.is_platform_admin() && !in_dealer.get() && !home() {
            navigate(paths::ADMIN_HOME, NavigateOptions { replace: true, ..Default::default() });
        }
    });

    let tab = move |href: &'static str, testid: &'static str, icon: Icon, label: Label| {
        view! {
            // `exact` for Home: `<A>` marks itself current by prefix, and every admin
            // address starts with the admin home's.
            <A
                href=href
                exact=href == paths::ADMIN_HOME
                attr:class="admin-tab"
                attr:data-testid=testid
                attr:aria-current=move || {
                    let current = if href == paths::ADMIN_HOME { home() } else { on(href) };
                    current.then_some("page")
                }
            >
                <IconSvg icon=icon />
                {label}
            </A>
        }
    };

    view! {
        <div class="shell admin-shell" style=move || brand_style(dealer.get().as_ref())>
            <header class="app-header">
                <div class="app-header-inner">
                    <A href=paths::ADMIN_HOME attr:class="brand" attr:data-testid="brand-home">
                        {move || match dealer.get().and_then(|d| logo_mark(d.logo_url.as_deref())) {
                            Some(src) => view! { <img class="brand-logo" src=src alt="" width="40" height="40" /> }.into_any(),
                            None => view! { <span class="admin-mark" aria-hidden="true"><IconSvg icon=Icon::Store /></span> }.into_any(),
                        }}
                        <span class="admin-brand-text">
                            <span class="brand-name">
                                {move || dealer.get().map_or_else(|| tr("admin-portal-name"), |d| d.name)}
                            </span>
                            <span class="admin-brand-sub">
                                {move || if session.is_platform_admin() { tr("admin-brand-platform") } else { tr("admin-brand-store") }}
                            </span>
                        </span>
                    </A>
                    <div class="header-actions">
                        <Show when=move || in_dealer.get()>
                            <NotificationsBell />
                        </Show>
                        <AccountMenu />
                    </div>
                </div>
                <Show when=move || session.is_platform_admin()>
                    <ActingBar />
                </Show>
                <Show when=move || in_dealer.get()>
                    <nav class="admin-tabs store-tabs" aria-label=move || tr("admin-tabs-label") data-testid="admin-tabs">
                        {tab(paths::ADMIN_HOME, "nav-home", Icon::Store, || tr("admin-tab-home"))}
                        {tab(paths::ADMIN_REQUESTS, "nav-inbox", Icon::Inbox, || tr("admin-tab-requests"))}
                        {tab(paths::ADMIN_FEEDBACK, "nav-feedback", Icon::Mail, || tr("admin-tab-feedback"))}
                        {tab(paths::ADMIN_CUSTOMERS, "nav-customers", Icon::Users, || tr("admin-tab-customers"))}
                        <Show when=move || session.is_dealer_admin()>
                            {tab(paths::ADMIN_STAFF, "nav-staff", Icon::User, || tr("admin-tab-staff"))}
                            {tab(paths::ADMIN_SETTINGS, "nav-settings", Icon::Store, || tr("admin-tab-settings"))}
                            {tab(paths::ADMIN_AUDIT, "nav-audit", Icon::List, || tr("admin-tab-audit"))}
                            {tab(paths::ADMIN_API_CLIENTS, "nav-api-clients", Icon::Key, || tr("admin-tab-api-clients"))}
                            {tab(paths::ADMIN_WEBHOOKS, "nav-webhooks", Icon::Bell, || tr("admin-tab-webhooks"))}
                            {tab(paths::ADMIN_SYNC, "nav-sync", Icon::Refresh, || tr("admin-tab-sync"))}
                        </Show>
                    </nav>
                </Show>
            </header>
            <main class="main" id="main">
                <Outlet />
            </main>
        </div>
    }
}

/// The look of the dealer whose screens these are (provided by [`AdminLayout`]); `None`
/// until it has loaded, and for a platform admin who has not chosen a dealer.
#[derive(Debug, Clone, Copy)]
pub struct StoreBranding(pub Signal<Option<shared::branding::Branding>>);

/// The customer list as the admin last saw it (search, filters, sort and page in its
/// query), kept by [`AdminLayout`] so a customer's "back" link returns to that list rather
/// than to an unfiltered first page.
#[derive(Debug, Clone, Copy)]
pub struct CustomerListUrl(pub RwSignal<String>);

/// For a platform admin: which dealer they work in, "Switch dealer" (back to the picker on
/// the admin home) and "Stop acting" (no dealer: the dealer's screens close).
#[component]
fn ActingBar() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let acting = Memo::new(move |_| session.acting_dealer());
    let stop = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let result = match api::stop_acting_dealer(session).await {
                Ok(()) => session.reload_user().await,
                Err(e) => Err(e),
            };
            busy.set(false);
            match result {
                Ok(()) => navigate(paths::ADMIN_HOME, Default::default()),
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    view! {
        <div class="acting-bar" data-testid="acting-bar">
            <div class="acting-bar-inner">
                <span class="acting-bar-text">
                    {move || match acting.get() {
                        Some(d) => view! {
                            {tr("admin-acting-working-in")}" "<strong data-testid="acting-dealer-name">{d.name}</strong>
                        }.into_any(),
                        None => view! { {tr("admin-acting-none")} }.into_any(),
                    }}
                </span>
                <Show when=move || acting.get().is_some()>
                    <span class="acting-bar-actions">
                        <A href=paths::ADMIN_HOME attr:class="btn btn-small btn-secondary" attr:data-testid="acting-switch">
                            {move || tr("admin-acting-switch")}
                        </A>
                        <button
                            type="button"
                            class="btn btn-small btn-ghost"
                            data-testid="acting-stop"
                            disabled=move || busy.get()
                            on:click=stop.clone()
                        >
                            {move || tr("admin-acting-stop")}
                        </button>
                    </span>
                </Show>
                {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            </div>
        </div>
    }
}

/// Sets the tab title of a store screen.
pub fn set_title(what: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&tr_with("admin-document-title", &[("page", what.into())]));
    }
}

pub fn kind_label(kind: RequestKind) -> String {
    match kind {
        RequestKind::CallOff => tr("admin-kind-call-off"),
        RequestKind::Service => tr("admin-kind-service"),
        RequestKind::Extension => tr("admin-kind-extension"),
        RequestKind::BookAgain => tr("admin-kind-book-again"),
    }
}

fn service_kind_label(kind: ServiceKind) -> String {
    match kind {
        ServiceKind::Breakdown => tr("admin-service-breakdown"),
        ServiceKind::Damage => tr("admin-service-damage"),
        ServiceKind::Maintenance => tr("admin-service-maintenance"),
        ServiceKind::Other => tr("admin-service-other"),
    }
}

/// "Service · Breakdown" for service requests, the kind alone otherwise.
pub fn kind_text(kind: RequestKind, service: Option<ServiceKind>) -> String {
    match service {
        Some(s) if kind == RequestKind::Service => {
            tr_with("admin-kind-service-of", &[("service", service_kind_label(s).into())])
        }
        _ => kind_label(kind),
    }
}

pub fn status_label(status: RequestStatus) -> String {
    match status {
        RequestStatus::Requested => tr("admin-status-new"),
        RequestStatus::Acknowledged => tr("admin-status-acknowledged"),
        RequestStatus::Scheduled => tr("admin-status-scheduled"),
        RequestStatus::Completed => tr("admin-status-completed"),
        RequestStatus::Cancelled => tr("admin-status-cancelled"),
    }
}

/// What "complete" means for this kind, as a past participle ("Picked up").
pub fn completed_word(kind: RequestKind) -> String {
    match kind {
        RequestKind::CallOff => tr("admin-completed-picked-up"),
        RequestKind::Service => tr("admin-completed-done"),
        RequestKind::Extension => tr("admin-completed-granted"),
        RequestKind::BookAgain => tr("admin-completed-booked"),
    }
}

/// A request's status; a completed one in the words of its kind ("Picked up").
#[component]
pub fn RequestBadge(
    status: RequestStatus,
    kind: RequestKind,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let label =
        move || if status == RequestStatus::Completed { completed_word(kind) } else { status_label(status) };
    view! {
        <span class=format!("badge badge-inbox-{}", status.as_str()) data-status=status.as_str() data-testid=testid>
            {label}
        </span>
    }
}

/// The locale of dates for staff, who have no customer account and so no dealer locale: the
/// browser's own in English (`en-GB` writes `5 Mar 2026`), else the language on screen in the
/// browser's region (tracked).
pub fn browser_locale() -> String {
    let browser = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"navigator".into()).ok())
        .and_then(|n| js_sys::Reflect::get(&n, &"language".into()).ok())
        .and_then(|l| l.as_string())
        .unwrap_or_else(|| "en-US".to_string());
    crate::i18n::language().locale_in(&browser)
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
        tr_with("admin-age-waiting", &[("time", crate::when::elapsed(created_at).into())])
    } else {
        tr_with("admin-age-closed", &[("time", crate::when::elapsed(updated_at).into())])
    }
}
