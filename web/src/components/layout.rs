//! The signed-in frame around an account's screens: brand colours, header, and which
//! account is current.

use leptos::prelude::*;
use leptos_router::components::{A, Outlet};
use leptos_router::hooks::{use_location, use_params_map};
use shared::accounts::AccountSummary;
use uuid::Uuid;
use wasm_bindgen::JsCast;

use crate::components::header::{Header, PhoneTabBar};
use crate::components::icons::{Icon, IconSvg};
use crate::format::brand_style;
use crate::i18n::{tr, tr_with};
use crate::paths;
use crate::prefs;
use crate::session::use_session;
use crate::when;

/// The account named in the URL, shared with the screens under `/a/:account_id`.
#[derive(Clone, Copy)]
pub struct CurrentAccount(pub Memo<Option<AccountSummary>>);

impl CurrentAccount {
    pub fn get(&self) -> Option<AccountSummary> {
        self.0.get()
    }

    pub fn id(&self) -> Option<Uuid> {
        self.0.with(|a| a.as_ref().map(|a| a.id))
    }

    pub fn locale(&self) -> String {
        self.0.with(|a| a.as_ref().map_or_else(|| "en-US".to_string(), |a| a.dealer.locale.clone()))
    }
}

pub fn use_current_account() -> CurrentAccount {
    use_context::<CurrentAccount>().unwrap_or(CurrentAccount(Memo::new(|_| None)))
}

/// After an in-app navigation to another screen (another path; a list's filters only change
/// the query), moves keyboard and screen-reader focus to the new screen's heading, as a page
/// load would: otherwise focus stays on the link that was followed, now gone. Not on the
/// first screen of a load, where the browser starts at the top anyway.
pub fn focus_heading_on_navigation() {
    let location = use_location();
    Effect::watch(
        move || location.pathname.get(),
        |_, _, _| {
            request_animation_frame(|| {
                let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
                let heading = document.query_selector("main h1").ok().flatten();
                if let Some(heading) = heading.and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
                    if !heading.has_attribute("tabindex") {
                        let _ = heading.set_attribute("tabindex", "-1");
                    }
                    let _ = heading.focus();
                }
            });
        },
        false,
    );
}

#[component]
pub fn AccountLayout() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let account_id =
        Memo::new(move |_| params.read().get("account_id").and_then(|v| Uuid::parse_str(&v).ok()));
    let account = Memo::new(move |_| account_id.get().and_then(|id| session.account(id)));
    provide_context(CurrentAccount(account));
    focus_heading_on_navigation();

    // Remember the choice for the next visit, and dress the login page in this dealer's
    // colours next time.
    Effect::new(move |_| {
        if let Some(account) = account.get().filter(|_| !session.is_viewing()) {
            prefs::remember_account(account.id);
            prefs::remember_dealer(&account.dealer.slug);
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                document.set_title(&format!("{} · {}", account.dealer.name, account.name));
            }
        }
    });

    view! {
        <div class="shell shell-account" style=move || brand_style(account.get().as_ref().map(|a| &a.dealer))>
            <Header />
            <main class="main" id="main">
                <OfflineBanner />
                <Show when=move || account.get().is_some() fallback=UnknownAccount>
                    <Outlet />
                </Show>
            </main>
            <PhoneTabBar />
        </div>
    }
}

/// While a screen shows answers kept from before the signal went: since when, and that
/// nothing can be sent. Gone with the next live answer.
#[component]
fn OfflineBanner() -> impl IntoView {
    let session = use_session();
    let current = use_current_account();
    move || {
        session.offline_as_of().map(|at| {
            let time = when::clock_time(at, &current.locale());
            view! {
                <div class="offline-banner" role="status" data-testid="offline-banner">
                    <IconSvg icon=Icon::Alert />
                    <p>
                        <strong>{move || tr_with("offline-banner-title", &[("time", time.clone().into())])}</strong>
                        " " {move || tr("offline-banner-text")}
                    </p>
                </div>
            }
        })
    }
}

#[component]
fn UnknownAccount() -> impl IntoView {
    view! {
        <div class="panel panel-empty" data-testid="account-not-found">
            <h1 class="panel-title">{move || tr("layout-unknown-account-title")}</h1>
            <p>{move || tr("layout-unknown-account-text")}</p>
            <A href=paths::ACCOUNTS attr:class="btn btn-primary">
                {move || tr("layout-unknown-account-choose")}
            </A>
        </div>
    }
}
