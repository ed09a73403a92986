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
use crate::format::tel_href;
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
    let welcome = dealer.welcome_message.clone().filter(|m| !m.trim().is_empty()).unwrap_or_else(|| {
        format!("Everything on account {} with {}, in one place.", account.account_number, dealer.name)
    });
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
        Some(b) if b.balance.minor > 0 && b.overdue.minor > 0 => {
            format!("{} due, {} overdue", b.balance.display(), b.overdue.display())
        }
        Some(b) if b.balance.minor > 0 => format!("{} due", b.balance.display()),
        Some(_) => "Nothing due — all paid up".to_string(),
        None => "Invoices, balance and PDFs".to_string(),
    });
    let pay_text = Signal::derive(move || match due.get() {
        Some(b) if b.balance.minor > 0 => format!("Pay {} online", b.balance.display()),
        _ => "Pay invoices or on account".to_string(),
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
        Some((0, _)) => format!("Nothing {} now · coming and returned items", terms.on_rent()),
        Some((n, 0)) => format!("{n} item{} {} now · none due back this week", plural(n), terms.on_rent()),
        Some((n, due)) => format!("{n} item{} {} now · {due} due back this week", plural(n), terms.on_rent()),
        None => format!("Items {} now, coming and returned", terms.on_rent()),
    });
    let requests_text = Signal::derive(move || match open_requests.get().flatten() {
        Some(0) => "None open · pickups, service calls and extensions".to_string(),
        Some(n) => format!("{n} open · pickups, service calls and extensions"),
        None => "Pickups, service calls and extensions, and where they stand".to_string(),
    });

    view! {
        <section class="home">
            <div class="welcome">
                <h1 class="page-title">
                    {move || match first_name() {
                        n if n.is_empty() => "Welcome".to_string(),
                        n => format!("Welcome, {n}"),
                    }}
                </h1>
                <p class="page-lead" data-testid="welcome-message">{welcome}</p>
                <p class="account-chip">{format!("{} · Account {}", account.name, account.account_number)}</p>
            </div>
            <nav class="tiles" data-testid="home-tiles" aria-label="What would you like to do?">
                {shows(HomeTile::Rentals).then(|| view! {
                    <Tile
                        testid="tile-rentals"
                        icon=Icon::Truck
                        title=terms.my_items()
                        text=rentals_text
                        href=paths::rentals(account.id)
                        featured=true
                    />
                })}
                {(account.permissions.call_off && shows(HomeTile::CallOff)).then(|| view! {
                    <Tile
                        testid="tile-call-off"
                        icon=Icon::Return
                        title=terms.call_off()
                        text="Ask for a pickup of items you no longer need".to_string()
                        href=paths::rentals_to_choose(account.id)
                    />
                })}
                {shows(HomeTile::Invoices).then(|| view! {
                    <Tile
                        testid="tile-invoices"
                        icon=Icon::Invoice
                        title="Invoices"
                        text=invoices_text
                        href=paths::invoices(account.id)
                    />
                })}
                {(account.permissions.pay && shows(HomeTile::Pay)).then(|| view! {
                    <Tile
                        testid="tile-pay"
                        icon=Icon::Card
                        title="Pay"
                        text=pay_text
                        href=paths::pay(account.id)
                        featured=something_due
                    />
                })}
                {shows(HomeTile::Reservations).then(|| view! {
                    <Tile
                        testid="tile-reservations"
                        icon=Icon::Calendar
                        title="Reservations"
                        text="Equipment booked for a later date".to_string()
                        href=status_href(Some(ContractStatus::Reservation))
                    />
                })}
                {shows(HomeTile::Quotes).then(|| view! {
                    <Tile
                        testid="tile-quotes"
                        icon=Icon::Quote
                        title="Quotes"
                        text="Prices the store has quoted for you".to_string()
                        href=status_href(Some(ContractStatus::Quote))
                    />
                })}
                {shows(HomeTile::Contracts).then(|| view! {
                    <Tile
                        testid="tile-contracts"
                        icon=Icon::List
                        title="All contracts"
                        text="Search, filter and export to CSV".to_string()
                        href=status_href(None)
                    />
                })}
                {shows(HomeTile::Requests).then(|| view! {
                    <Tile
                        testid="tile-requests"
                        icon=Icon::Inbox
                        title="My requests"
                        text=requests_text
                        href=paths::requests(account.id)
                    />
                })}
                {shows(HomeTile::Tracking).then(|| view! {
                    <Tile
                        testid="tile-tracking"
                        icon=Icon::Pin
                        title="Tracking"
                        text=format!("Where your items {} were last seen", terms.on_rent())
                        href=paths::tracking(account.id)
                    />
                })}
                {shows(HomeTile::Feedback).then(|| view! {
                    <Tile
                        testid="tile-feedback"
                        icon=Icon::Message
                        title="Questions & feedback"
                        text="Write to the store and see its answers".to_string()
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
    title: &'static str,
    #[prop(into)] text: Signal<String>,
    href: String,
    #[prop(optional, into)] featured: Signal<bool>,
) -> impl IntoView {
    view! {
        <A href=href attr:class=move || if featured.get() { "tile tile-featured" } else { "tile" } attr:data-testid=testid>
            <span class="tile-icon"><IconSvg icon=icon /></span>
            <span class="tile-text">
                <span class="tile-title">{title}</span>
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
                <span class="tile-title">"Contact the store"</span>
                <span class="tile-desc">{format!("Questions? {name} is here to help.")}</span>
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
                    {nothing.then(|| view! { <span class="tile-desc">"Contact details are not available yet."</span> })}
                </span>
            </span>
        </div>
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}
