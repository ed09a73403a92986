//! The sticky header: dealer logo and name, the account switcher and the account menu
//! ("Your details", "Change password", "Log out", "Log out of all devices"); for store staff
//! also the inbox link and the notifications bell.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::accounts::AccountSummary;
use shared::branding::Branding;

use crate::api;
use crate::components::icons::{Icon, IconSvg};
use crate::components::layout::use_current_account;
use crate::components::notifications::NotificationsBell;
use crate::components::view_as::exit_view;
use crate::format::logo_mark;
use crate::i18n::{terms_arg, tr, tr_with};
use crate::paths;
use crate::session::use_session;
use shared::accounts::MembershipRole;

#[component]
pub fn Header() -> impl IntoView {
    let current = use_current_account();
    let dealer = Memo::new(move |_| current.get().map(|a| a.dealer));
    let home = move || current.id().map_or_else(|| paths::ACCOUNTS.to_string(), paths::account_home);

    view! {
        <header class="app-header">
            <div class="app-header-inner">
                <A href=home attr:class="brand" attr:data-testid="brand-home">
                    {move || dealer.get().map(|d| view! { <DealerMark dealer=d /> })}
                </A>
                <div class="header-actions">
                    <StaffLinks />
                    <AccountSwitcher />
                    <AccountMenu />
                </div>
            </div>
            <AccountNav />
        </header>
    }
}

/// One of an account's sections: test id suffix, where, label (in the current language and
/// the dealer's words), icon.
type Section = (&'static str, String, String, Icon);

/// The account's sections in navigation order.
fn account_sections(account: &AccountSummary) -> [Section; 8] {
    let id = account.id;
    let terms = [terms_arg(account.dealer.terminology)];
    [
        ("home", paths::account_home(id), tr("nav-home"), Icon::Store),
        ("rentals", paths::rentals(id), tr_with("nav-my-items", &terms), Icon::Truck),
        ("contracts", paths::contracts(id), tr("nav-contracts"), Icon::List),
        ("invoices", paths::invoices(id), tr("nav-invoices"), Icon::Invoice),
        ("payments", paths::payments(id), tr("nav-payments"), Icon::Card),
        ("requests", paths::requests(id), tr("nav-requests"), Icon::Inbox),
        ("tracking", paths::tracking(id), tr("nav-tracking"), Icon::Pin),
        ("feedback", paths::feedback(id), tr("nav-contact"), Icon::Message),
    ]
}

/// The account's sections as tabs under the header, on screens wide enough for them (a
/// phone has [`PhoneTabBar`] instead). Words follow the dealer.
#[component]
fn AccountNav() -> impl IntoView {
    let current = use_current_account();
    move || {
        current.get().map(|account| {
            let links = account_sections(&account)
                .into_iter()
                .map(|(section, href, label, icon)| {
                    // `A` marks itself `aria-current="page"` on its own path and below it;
                    // "Home" only on the account's home itself.
                    view! {
                        <A href=href exact=section == "home" attr:class="admin-tab"
                            attr:data-testid=format!("account-nav-{section}")>
                            <IconSvg icon=icon />
                            {label}
                        </A>
                    }
                })
                .collect_view();
            view! { <nav class="admin-tabs account-tabs" aria-label=tr("nav-account")>{links}</nav> }
        })
    }
}

/// On a phone, the sections a site manager uses most, one tap away at the bottom of the
/// screen (thumb reach); the rest stay on the home tiles. Short labels, so five fit 320 px.
#[component]
pub fn PhoneTabBar() -> impl IntoView {
    let current = use_current_account();
    move || {
        current.get().map(|account| {
            let terms = account.dealer.terminology;
            let links = account_sections(&account)
                .into_iter()
                .filter_map(|(section, href, label, icon)| {
                    let label = match section {
                        "home" | "contracts" | "invoices" | "requests" => label,
                        "rentals" => tr_with("nav-items-short", &[terms_arg(terms)]),
                        _ => return None,
                    };
                    Some(view! {
                        <A href=href exact=section == "home" attr:class="phone-tab"
                            attr:data-testid=format!("phone-tab-{section}")>
                            <IconSvg icon=icon />
                            <span class="phone-tab-label">{label}</span>
                        </A>
                    })
                })
                .collect_view();
            view! { <nav class="phone-tabs" aria-label=tr("nav-sections") data-testid="phone-tabs">{links}</nav> }
        })
    }
}

/// For dealer staff and admins: the way to the store's inbox and the notifications bell.
#[component]
fn StaffLinks() -> impl IntoView {
    let session = use_session();
    let staff = Memo::new(move |_| session.is_staff());
    view! {
        <Show when=move || staff.get()>
            <A href=paths::ADMIN_REQUESTS attr:class="staff-inbox-link" attr:data-testid="nav-inbox">
                <IconSvg icon=Icon::Inbox />
                <span class="staff-inbox-text">{move || tr("header-inbox")}</span>
            </A>
            <NotificationsBell />
        </Show>
    }
}

/// Logo and name in the dealer's primary colour.
#[component]
pub fn DealerMark(dealer: Branding) -> impl IntoView {
    let logo = logo_mark(dealer.logo_url.as_deref());
    view! {
        {logo.map(|src| view! { <img class="brand-logo" src=src alt="" width="40" height="40" /> })}
        <span class="brand-name">{dealer.name}</span>
    }
}

#[component]
fn AccountSwitcher() -> impl IntoView {
    let session = use_session();
    let current = use_current_account();
    let open = RwSignal::new(false);
    let close = move || open.set(false);

    let grouped = move || group_by_dealer(session.accounts());

    view! {
        <div class="switcher" data-testid="account-switcher">
            <button
                type="button"
                class="switcher-button"
                aria-haspopup="true"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <span class="switcher-text">
                    <span class="switcher-name">
                        {move || current.get().map(|a| a.name).unwrap_or_default()}
                    </span>
                    <span class="switcher-number">
                        <span class="switcher-number-label">{move || tr("nav-account")} " "</span>
                        {move || current.get().map(|a| a.account_number)}
                    </span>
                </span>
                <IconSvg icon=Icon::ChevronDown />
            </button>
            <Show when=move || open.get()>
                <div class="switcher-backdrop" on:click=move |_| close()></div>
                <div class="switcher-menu" role="menu">
                    <p class="switcher-heading">{move || tr("header-switch-account")}</p>
                    {grouped()
                        .into_iter()
                        .map(|(dealer, accounts)| {
                            view! {
                                <div class="switcher-group">
                                    <p class="switcher-dealer">{dealer.name}</p>
                                    {accounts
                                        .into_iter()
                                        .map(|account| {
                                            let id = account.id;
                                            let number = account.account_number.clone();
                                            let selected = move || current.id() == Some(id);
                                            view! {
                                                <A
                                                    href=paths::account_home(id)
                                                    attr:class="switcher-option"
                                                    attr:role="menuitem"
                                                    attr:data-testid="account-switcher-option"
                                                    attr:data-account-number=number
                                                    attr:aria-current=move || {
                                                        selected().then_some("true")
                                                    }
                                                    on:click=move |_| close()
                                                >
                                                    <span class="switcher-option-text">
                                                        <span class="switcher-name">
                                                            {account.name.clone()}
                                                        </span>
                                                        <span class="switcher-number">
                                                            {move || {
                                                                let number = account.account_number.as_str();
                                                                tr_with("header-account-number", &[("number", number.into())])
                                                            }}
                                                        </span>
                                                    </span>
                                                    <Show when=selected>
                                                        <IconSvg icon=Icon::Check class="switcher-check" />
                                                    </Show>
                                                </A>
                                            }
                                        })
                                        .collect_view()}
                                </div>
                            }
                        })
                        .collect_view()}
                    <A href=paths::ACCOUNTS attr:class="switcher-all" attr:role="menuitem" on:click=move |_| close()>
                        {move || tr("header-all-accounts")}
                    </A>
                </div>
            </Show>
        </div>
    }
}

/// The signed-in user's menu: who is logged in, "Change password", "Log out" and "Log out of
/// all devices" (after a confirmation). An icon on phones; the user's name beside it on wider
/// screens.
#[component]
pub fn AccountMenu() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let open = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let user = Memo::new(move |_| session.user());
    let current = use_current_account();
    let viewing = Memo::new(move |_| session.active_view().is_some());
    let navigate_exit = navigate.clone();
    let exit = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        open.set(false);
        let navigate = navigate_exit.clone();
        leptos::task::spawn_local(async move {
            let to = exit_view(session).await;
            busy.set(false);
            navigate(&to, Default::default());
        });
    };
    let name = move || user.with(|u| u.as_ref().map(|u| u.display_name.clone()).unwrap_or_default());
    let email = move || user.with(|u| u.as_ref().map(|u| u.email.clone()).unwrap_or_default());

    let navigate_out = navigate.clone();
    let log_out = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let navigate = navigate_out.clone();
        leptos::task::spawn_local(async move {
            // Without signal: at once here, and the server hears of it when it can.
            session.sign_out().await;
            navigate(paths::LOGIN, Default::default());
        });
    };
    let log_out_all = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api::logout_all(session).await {
                Ok(()) | Err(api::ApiError::SignedOut) => {
                    session.log_out();
                    navigate(paths::LOGIN, Default::default());
                }
                Err(e) => {
                    // Still signed in everywhere: say so rather than pretend.
                    error.set(Some(e.message()));
                    busy.set(false);
                }
            }
        });
    };
    let close = move || {
        open.set(false);
        confirming.set(false);
        error.set(None);
    };

    view! {
        <div class="account-menu" data-testid="account-menu-wrap">
            <button
                type="button"
                class="account-menu-button"
                data-testid="account-menu"
                aria-haspopup="true"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <IconSvg icon=Icon::User />
                // The name is shown on wide screens only; its accessible name holds what is
                // seen (WCAG 2.5.3) and says what the button is for.
                <span class="sr-only">{move || tr("menu-your-login")} " "</span>
                <span class="account-menu-name">{name}</span>
                <IconSvg icon=Icon::ChevronDown class="account-menu-chevron" />
            </button>
            <Show when=move || open.get()>
                <div class="switcher-backdrop" on:click=move |_| close()></div>
                <div class="switcher-menu account-menu-list" role="menu">
                    <div class="account-menu-who">
                        <p class="account-menu-who-name">{name}</p>
                        <p class="account-menu-who-email">{email}</p>
                    </div>
                    {move || {
                        current
                            .get()
                            .filter(|a| a.role == MembershipRole::Owner)
                            .map(|a| view! {
                                <A
                                    href=paths::account_users(a.id)
                                    attr:class="menu-item"
                                    attr:role="menuitem"
                                    attr:data-testid="users-link"
                                    on:click=move |_| close()
                                >
                                    <IconSvg icon=Icon::User />
                                    {move || tr("menu-users")}
                                </A>
                            })
                    }}
                    {
                        let exit = exit.clone();
                        move || {
                            viewing.get().then(|| {
                                let exit = exit.clone();
                                view! {
                                    <button
                                        type="button"
                                        class="menu-item"
                                        role="menuitem"
                                        data-testid="view-as-menu-exit"
                                        disabled=move || busy.get()
                                        on:click=exit
                                    >
                                        <IconSvg icon=Icon::LogOut />
                                        {move || tr("menu-exit-view")}
                                    </button>
                                }
                            })
                        }
                    }
                    // A view cannot change the customer's login: their own actions are hidden.
                    <A
                        attr:hidden=move || viewing.get()
                        href=paths::PROFILE
                        attr:class="menu-item"
                        attr:role="menuitem"
                        attr:data-testid="profile-link"
                        on:click=move |_| close()
                    >
                        <IconSvg icon=Icon::Mail />
                        {move || tr("menu-your-details")}
                    </A>
                    <A
                        attr:hidden=move || viewing.get()
                        href=paths::PASSWORD
                        attr:class="menu-item"
                        attr:role="menuitem"
                        attr:data-testid="change-password-link"
                        on:click=move |_| close()
                    >
                        <IconSvg icon=Icon::Key />
                        {move || tr("menu-change-password")}
                    </A>
                    <button
                        type="button"
                        class="menu-item"
                        role="menuitem"
                        data-testid="logout-button"
                        hidden=move || viewing.get()
                        disabled=move || busy.get()
                        on:click=log_out.clone()
                    >
                        <IconSvg icon=Icon::LogOut />
                        {move || tr("menu-log-out")}
                    </button>
                    <button
                        type="button"
                        class="menu-item menu-item-danger"
                        role="menuitem"
                        data-testid="logout-all-button"
                        hidden=move || viewing.get()
                        on:click=move |_| {
                            open.set(false);
                            confirming.set(true);
                        }
                    >
                        <IconSvg icon=Icon::Devices />
                        {move || tr("menu-log-out-all")}
                    </button>
                </div>
            </Show>
            <Show when=move || confirming.get()>
                <LogOutEverywhereDialog busy=busy error=error on_cancel=close on_confirm=log_out_all.clone() />
            </Show>
        </div>
    }
}

/// "Log out of all devices?": the confirmation before ending every session of the login.
#[component]
fn LogOutEverywhereDialog<C, F>(
    busy: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    on_cancel: C,
    on_confirm: F,
) -> impl IntoView
where
    C: Fn() + Copy + 'static,
    F: Fn(leptos::ev::MouseEvent) + 'static,
{
    view! {
        <div class="dialog-backdrop" on:click=move |_| on_cancel()></div>
        <div
            class="dialog"
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="logout-all-title"
            aria-describedby="logout-all-text"
            data-testid="logout-all-dialog"
        >
            <h2 class="dialog-title" id="logout-all-title">{move || tr("logout-all-title")}</h2>
            <p class="dialog-text" id="logout-all-text">{move || tr("logout-all-text")}</p>
            {move || error.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <div class="dialog-actions">
                <button
                    type="button"
                    class="btn btn-secondary"
                    data-testid="logout-all-cancel"
                    on:click=move |_| on_cancel()
                >
                    {move || tr("logout-all-cancel")}
                </button>
                <button
                    type="button"
                    class="btn btn-danger"
                    data-testid="logout-all-confirm"
                    disabled=move || busy.get()
                    aria-busy=move || busy.get().to_string()
                    on:click=on_confirm
                >
                    {move || tr("logout-all-confirm")}
                </button>
            </div>
        </div>
    }
}

/// Accounts grouped by dealer, dealers in first-seen order.
pub fn group_by_dealer(accounts: Vec<AccountSummary>) -> Vec<(Branding, Vec<AccountSummary>)> {
    let mut groups: Vec<(Branding, Vec<AccountSummary>)> = Vec::new();
    for account in accounts {
        match groups.iter_mut().find(|(d, _)| d.dealer_id == account.dealer.dealer_id) {
            Some((_, list)) => list.push(account),
            None => groups.push((account.dealer.clone(), vec![account])),
        }
    }
    groups
}
