//! The account picker: every account the user may act for, grouped by dealer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::header::{AccountMenu, group_by_dealer};
use crate::components::icons::{Icon, IconSvg};
use crate::format::{NEUTRAL_PRIMARY, logo_mark, safe_color};
use crate::i18n::{tr, tr_with};
use crate::paths;
use crate::prefs;
use crate::session::use_session;

#[component]
pub fn AccountPickerPage() -> impl IntoView {
    let session = use_session();
    let name = move || session.user().map(|u| u.display_name).unwrap_or_default();
    Effect::new(move |_| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{} · Rental Portal", tr("account-picker-title")));
        }
    });

    view! {
        <div class="shell">
            <header class="app-header">
                <div class="app-header-inner">
                    <span class="brand"><span class="brand-name">"Rental Portal"</span></span>
                    <div class="header-actions"><AccountMenu /></div>
                </div>
            </header>
            <main class="main narrow" data-testid="account-picker">
                <h1 class="page-title">{move || tr("account-picker-title")}</h1>
                <p class="page-lead">{move || tr_with("account-picker-welcome", &[("name", name().into())])}</p>
                {move || {
                    let groups = group_by_dealer(session.accounts());
                    if groups.is_empty() && session.is_staff() {
                        return view! {
                            <div class="panel panel-empty" data-testid="staff-no-accounts">
                                <h2 class="panel-title">{tr("account-picker-staff-title")}</h2>
                                <p>{tr("account-picker-staff-text")}</p>
                                <A href=paths::ADMIN_REQUESTS attr:class="btn btn-primary">{tr("account-picker-open-inbox")}</A>
                            </div>
                        }.into_any();
                    }
                    if groups.is_empty() {
                        return view! {
                            <div class="panel panel-empty">
                                <h2 class="panel-title">{tr("account-picker-none-title")}</h2>
                                <p>{tr("account-picker-none-text")}</p>
                            </div>
                        }.into_any();
                    }
                    groups.into_iter().map(|(dealer, accounts)| {
                        let color = safe_color(&dealer.primary_color, NEUTRAL_PRIMARY);
                        let logo = logo_mark(dealer.logo_url.as_deref());
                        view! {
                            <section class="account-group">
                                <h2 class="account-dealer" style=format!("color:{color}")>
                                    {logo.map(|src| view! { <img class="account-logo" src=src alt="" /> })}
                                    {dealer.name.clone()}
                                </h2>
                                <ul class="account-list">
                                    {accounts.into_iter().map(|account| {
                                        let id = account.id;
                                        let number = account.account_number.clone();
                                        view! {
                                            <li>
                                                <A
                                                    href=paths::account_home(id)
                                                    attr:class="account-option"
                                                    attr:style=format!("--brand-primary:{color}")
                                                    attr:data-testid="account-option"
                                                    attr:data-account-number=number
                                                    on:click=move |_| prefs::remember_account(id)
                                                >
                                                    <span class="account-text">
                                                        <span class="account-name">{account.name.clone()}</span>
                                                        <span class="account-number">{tr_with("account-picker-number", &[("number", account.account_number.as_str().into())])}</span>
                                                    </span>
                                                    <IconSvg icon=Icon::ChevronRight />
                                                </A>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </section>
                        }
                    }).collect_view().into_any()
                }}
            </main>
        </div>
    }
}
