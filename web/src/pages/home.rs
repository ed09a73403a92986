//! An account's home: welcome message and big tiles to everything the customer can do, the
//! main ones with live figures (items on rent, what is due, open requests).

use chrono::Days;
use futures_util::future::join;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::accounts::AccountSummary;
use shared::contracts::{ContractFilter, ContractStatus};
use shared::rentals::{RentalFilter, RentalView};
use shared::settings::HomeTile;

use crate::api;
use crate::components::icons::{Icon, IconSvg};
use crate::components::layout::use_current_account;
use crate::format::{self, tel_href};
use crate::i18n::{count_arg, terms_arg, tr, tr_with};
use crate::paths;
use crate::session::use_session;
use crate::url_query::list_href;
use crate::when::today_in;

#[component]
pub fn HomePage() -> impl IntoView {
    let current = use_current_account();
    move || current.get().map(|account| view! { <Home account=account /> })
}

#[component]
fn Home(account: AccountSummary) -> impl IntoView {
    let session = use_session();
    let first_name = move || {
        session
            .user()
            .map(|u| u.display_name.split_whitespace().next().unwrap_or_default().to_string())
            .unwrap_or_default()
    };
    let dealer = account.dealer.clone();
    let own_welcome = dealer.welcome_message.clone().filter(|m| !m.trim().is_empty());
    let (number, dealer_name) = (account.account_number.clone(), dealer.name.clone());
    let welcome = move || {
        own_welcome.clone().unwrap_or_else(|| {
            tr_with(
                "home-default-welcome",
                &[("number", number.clone().into()), ("dealer", dealer_name.clone().into())],
            )
        })
    };
    let status_href = |status: Option<ContractStatus>| {
        list_href(account.id, &ContractFilter { status, ..Default::default() })
    };
    let terms = dealer.terminology;
    // The tiles the dealer shows (Settings → Home tiles); the rest are left out.
    let shown_tiles = dealer.home_tiles.clone();
    let shows = move |tile: HomeTile| shown_tiles.contains(&tile);

    // What is due, for the Invoices and Pay tiles; while it loads (or if it cannot be read)
    // the tiles say what they are for.
    let account_id = account.id;
    let balance = LocalResource::new(move || async move { api::balance(session, account_id).await.ok() });
    let due = Memo::new(move |_| balance.get().flatten());
    let invoices_text = Signal::derive(move || match due.get() {
        Some(b) if b.balance.minor > 0 && b.overdue.minor > 0 => tr_with(
            "home-invoices-due-overdue",
            &[("due", format::money(&b.balance).into()), ("overdue", format::money(&b.overdue).into())],
        ),
        Some(b) if b.balance.minor > 0 => {
            tr_with("home-invoices-due", &[("due", format::money(&b.balance).into())])
        }
        Some(_) => tr("home-invoices-paid"),
        None => tr("home-invoices-default"),
    });
    let pay_text = Signal::derive(move || match due.get() {
        Some(b) if b.balance.minor > 0 => {
            tr_with("home-pay-due", &[("due", format::money(&b.balance).into())])
        }
        _ => tr("home-pay-default"),
    });
    let something_due = Signal::derive(move || due.get().is_some_and(|b| b.balance.minor > 0));

    // Live figures for the site: items out now and how many of them are due back within
    // the week (overdue ones included; "today" is the dealer's), requests still open (each
    // the total of a one-row page of its list). Until they answer, the tiles say what they
    // are for.
    let week_end = today_in(&dealer.time_zone) + Days::new(6);
    let on_rent = LocalResource::new(move || async move {
        let all = RentalFilter { view: Some(RentalView::OnRent), page: 1, per_page: 1, ..Default::default() };
        let due = RentalFilter { due_by: Some(week_end), ..all.clone() };
        let (all, due) =
            join(api::list(session, account_id, &all), api::list(session, account_id, &due)).await;
        Some((all.ok()?.total, due.ok()?.total))
    });
    let open_requests = LocalResource::new(move || async move {
        api::account_requests(session, account_id, Some("open"), 1).await.ok().map(|page| page.total)
    });
    let rentals_text = Signal::derive(move || match on_rent.get().flatten() {
        Some((0, _)) => tr_with("home-nothing-out", &[terms_arg(terms)]),
        Some((n, due)) => {
            let out = tr_with("home-items-out", &[count_arg(n), terms_arg(terms)]);
            let due =
                if due == 0 { tr("home-due-none") } else { tr_with("home-due-this-week", &[count_arg(due)]) };
            format!("{out} · {due}")
        }
        None => tr_with("home-rentals-default", &[terms_arg(terms)]),
    });
    let requests_text = Signal::derive(move || match open_requests.get().flatten() {
        Some(0) => tr("home-requests-none"),
        Some(n) => tr_with("home-requests-open", &[count_arg(n)]),
        None => tr("home-requests-default"),
    });
    let text = |id: &'static str| Signal::derive(move || tr(id));
    let with_terms = |id: &'static str| Signal::derive(move || tr_with(id, &[terms_arg(terms)]));

    view! {
        <section class="home">
            <div class="welcome">
                <h1 class="page-title">
                    {move || match first_name() {
                        n if n.is_empty() => tr("home-welcome"),
                        n => tr_with("home-welcome-name", &[("name", n.into())]),
                    }}
                </h1>
                <p class="page-lead" data-testid="welcome-message">{welcome}</p>
                <p class="account-chip">{
                    let (name, number) = (account.name.clone(), account.account_number.clone());
                    move || tr_with("home-account-chip", &[("name", name.clone().into()), ("number", number.clone().into())])
                }</p>
                <A href=paths::summary(account.id) attr:class="text-link home-summary-link" attr:data-testid="home-summary-link">
                    {move || tr("summary-link")}<IconSvg icon=Icon::ChevronRight />
                </A>
            </div>
            <nav class="tiles" data-testid="home-tiles" aria-label=move || tr("home-tiles-label")>
                {shows(HomeTile::Rentals).then(|| view! {
                    <Tile
                        testid="tile-rentals"
                        icon=Icon::Truck
                        title=with_terms("nav-my-items")
                        text=rentals_text
                        href=paths::rentals(account.id)
                        featured=true
                    />
                })}
                {(account.permissions.call_off && shows(HomeTile::CallOff)).then(|| view! {
                    <Tile
                        testid="tile-call-off"
                        icon=Icon::Return
                        title=with_terms("call-off")
                        text=text("home-call-off-text")
                        href=paths::rentals_to_choose(account.id)
                    />
                })}
                {shows(HomeTile::Invoices).then(|| view! {
                    <Tile
                        testid="tile-invoices"
                        icon=Icon::Invoice
                        title=text("home-invoices")
                        text=invoices_text
                        href=paths::invoices(account.id)
                    />
                })}
                {(account.permissions.pay && shows(HomeTile::Pay)).then(|| view! {
                    <Tile
                        testid="tile-pay"
                        icon=Icon::Card
                        title=text("home-pay")
                        text=pay_text
                        href=paths::pay(account.id)
                        featured=something_due
                    />
                })}
                {shows(HomeTile::Reservations).then(|| view! {
                    <Tile
                        testid="tile-reservations"
                        icon=Icon::Calendar
                        title=text("home-reservations")
                        text=text("home-reservations-text")
                        href=status_href(Some(ContractStatus::Reservation))
                    />
                })}
                {shows(HomeTile::Quotes).then(|| view! {
                    <Tile
                        testid="tile-quotes"
                        icon=Icon::Quote
                        title=text("home-quotes")
                        text=text("home-quotes-text")
                        href=status_href(Some(ContractStatus::Quote))
                    />
                })}
                {shows(HomeTile::Contracts).then(|| view! {
                    <Tile
                        testid="tile-contracts"
                        icon=Icon::List
                        title=text("home-contracts")
                        text=text("home-contracts-text")
                        href=status_href(None)
                    />
                })}
                {shows(HomeTile::Requests).then(|| view! {
                    <Tile
                        testid="tile-requests"
                        icon=Icon::Inbox
                        title=text("home-requests")
                        text=requests_text
                        href=paths::requests(account.id)
                    />
                })}
                {shows(HomeTile::Tracking).then(|| view! {
                    <Tile
                        testid="tile-tracking"
                        icon=Icon::Pin
                        title=text("home-tracking")
                        text=with_terms("home-tracking-text")
                        href=paths::tracking(account.id)
                    />
                })}
                {shows(HomeTile::Feedback).then(|| view! {
                    <Tile
                        testid="tile-feedback"
                        icon=Icon::Message
                        title=text("home-feedback")
                        text=text("home-feedback-text")
                        href=paths::feedback(account.id)
                    />
                })}
                {shows(HomeTile::Contact).then(|| view! {
                    <ContactTile phone=dealer.support_phone.clone() email=dealer.support_email.clone() name=dealer.name.clone() />
                })}
            </nav>
        </section>
    }
}

#[component]
fn Tile(
    testid: &'static str,
    icon: Icon,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] text: Signal<String>,
    href: String,
    #[prop(optional, into)] featured: Signal<bool>,
) -> impl IntoView {
    view! {
        <A href=href attr:class=move || if featured.get() { "tile tile-featured" } else { "tile" } attr:data-testid=testid>
            <span class="tile-icon"><IconSvg icon=icon /></span>
            <span class="tile-text">
                <span class="tile-title">{move || title.get()}</span>
                <span class="tile-desc">{move || text.get()}</span>
            </span>
            <IconSvg icon=Icon::ChevronRight class="tile-chevron" />
        </A>
    }
}

/// "Contact the store": call or email from the tile itself.
#[component]
fn ContactTile(phone: Option<String>, email: Option<String>, name: String) -> impl IntoView {
    let nothing = phone.is_none() && email.is_none();
    view! {
        <div class="tile tile-contact" data-testid="tile-contact">
            <span class="tile-icon"><IconSvg icon=Icon::Store /></span>
            <span class="tile-text">
                <span class="tile-title">{move || tr("home-contact")}</span>
                <span class="tile-desc">{move || tr_with("home-contact-text", &[("dealer", name.clone().into())])}</span>
                <span class="contact-links">
                    {phone.map(|p| view! {
                        <a class="contact-link" href=tel_href(&p) data-testid="contact-phone">
                            <IconSvg icon=Icon::Phone />{p.clone()}
                        </a>
                    })}
                    {email.map(|e| view! {
                        <a class="contact-link" href=format!("mailto:{e}") data-testid="contact-email">
                            <IconSvg icon=Icon::Mail />{e.clone()}
                        </a>
                    })}
                    {nothing.then(|| view! { <span class="tile-desc">{move || tr("home-contact-none")}</span> })}
                </span>
            </span>
        </div>
    }
}
