//! My Rentals / My Hires (D1): the items the customer will have, has and had; view, filters,
//! sort and page in the URL; CSV of the current view; and, for users allowed to call off,
//! selecting items for a call-off, an extension or a service request (D2, D4, C7).

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::accounts::{AccountSummary, Location};
use shared::branding::Terminology;
use shared::money::Money;
use shared::paging::{Page, SortDir};
use shared::rentals::{RentalFilter, RentalItem, RentalSort, RentalView};
use uuid::Uuid;

use crate::api;
use crate::components::downloads::CsvButton;
use crate::components::filter_bar::{
    FilterActions, FiltersToggle, LocationSelect, SearchField, TextFilter, text_value,
};
use crate::components::icons::{Icon, IconSvg};
use crate::components::layout::use_current_account;
use crate::components::list_page::{SortSelect, ViewTabs, list_results, use_list};
use crate::components::requests::{OpenRequestLink, can_call_off, can_extend, can_service, remember_items};
use crate::components::selection_bar::{
    SelectAllBox, SelectAllPhone, SelectionBar, is_selected, tap_card, toggle,
};
use crate::components::status::LineStatusBadge;
use crate::format;
use crate::i18n::{Label, count_arg, terms_arg, tr, tr_with};
use crate::paths;
use crate::session::use_session;
use crate::url_query::{lines_query, list_href_with};

/// URL parameter of the phones' "Select" mode (the call-off tile lands in it).
const SELECT_MODE: (&str, &str) = ("select", "1");

/// A label in the dealer's words.
type WordedLabel = fn(Terminology) -> String;

/// The segmented control: (view, test id suffix, label).
const VIEWS: [(Option<RentalView>, &str, WordedLabel); 4] = [
    (Some(RentalView::OnRent), "on_rent", |terms| tr_with("rentals-view-on-rent", &[terms_arg(terms)])),
    (Some(RentalView::Upcoming), "upcoming", |_| tr("rentals-view-upcoming")),
    (Some(RentalView::Returned), "returned", |_| tr("rentals-view-returned")),
    (None, "all", |_| tr("rentals-view-all")),
];

/// Sort choices (one select on every screen size).
const SORTS: [(RentalSort, SortDir, Label); 7] = [
    (RentalSort::StartDate, SortDir::Desc, || tr("rentals-sort-start-newest")),
    (RentalSort::StartDate, SortDir::Asc, || tr("rentals-sort-start-oldest")),
    (RentalSort::ExpectedReturn, SortDir::Asc, || tr("rentals-sort-back-soonest")),
    (RentalSort::ExpectedReturn, SortDir::Desc, || tr("rentals-sort-back-latest")),
    (RentalSort::Contract, SortDir::Asc, || tr("rentals-sort-contract")),
    (RentalSort::Description, SortDir::Asc, || tr("rentals-sort-description-az")),
    (RentalSort::Description, SortDir::Desc, || tr("rentals-sort-description-za")),
];

#[component]
pub fn RentalsPage() -> impl IntoView {
    let current = use_current_account();
    move || current.get().map(|account| view! { <Rentals account=account /> })
}

#[component]
fn Rentals(account: AccountSummary) -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    let account_id = account.id;
    let terms = account.dealer.terminology;
    let locale = account.dealer.locale.clone();
    let may_select = account.permissions.call_off;
    let list = use_list::<RentalFilter>(account_id, &[SELECT_MODE]);
    let filter = list.filter;
    let select_mode = Memo::new(move |_| query.with(|q| q.get_str(SELECT_MODE.0) == Some(SELECT_MODE.1)));
    let selected = RwSignal::new(Vec::<RentalItem>::new());

    let go = StoredValue::new(move |next: RentalFilter, select: bool| {
        let extra: &[(&str, &str)] = if select { &[SELECT_MODE] } else { &[] };
        navigate(&list_href_with(account_id, &next, extra), Default::default());
    });
    let set_select = Callback::new(move |on: bool| {
        if !on {
            selected.set(Vec::new());
        }
        go.with_value(|go| go(filter.get_untracked(), on));
    });
    let locations =
        LocalResource::new(
            move || async move { api::locations(session, account_id).await.unwrap_or_default() },
        );
    let locations = Signal::derive(move || locations.get().unwrap_or_default());

    let my_items = move || tr_with("nav-my-items", &[terms_arg(terms)]);
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&my_items());
    }

    let empty = move || {
        view! { <EmptyRentals filter=filter.get_untracked() terms=terms on_clear=list.clear /> }.into_any()
    };
    let rows = move |page: Page<RentalItem>| {
        let items = StoredValue::new(page.items.clone());
        view! {
            <RentalsTable items=page.items.clone() account_id=account_id locale=locale.clone() terms=terms
                selectable=may_select selected=selected page_items=items />
            <RentalCards items=page.items account_id=account_id locale=locale.clone() terms=terms
                selectable=Signal::derive(move || may_select && select_mode.get()) selected=selected page_items=items />
        }
        .into_any()
    };

    view! {
        <section class="page rentals-page" class:rentals-selecting=move || !selected.with(Vec::is_empty) data-testid="rentals-page">
            <div class="page-head">
                <div>
                    <A href=paths::account_home(account_id) attr:class="back-link"><IconSvg icon=Icon::ChevronLeft />{move || tr("nav-home")}</A>
                    <h1 class="page-title" data-testid="rentals-title">{my_items}</h1>
                </div>
                <div class="page-actions">
                    <A href=paths::service(account_id) attr:class="btn btn-secondary" attr:data-testid="new-service-call">
                        <IconSvg icon=Icon::Wrench />{move || tr("service-new-call")}
                    </A>
                    <CsvButton fetch=move || {
                        let f = filter.get_untracked();
                        Some(async move { api::list_csv(session, account_id, &f).await })
                    } />
                </div>
            </div>
            <ViewTabs label=move || tr("rentals-views-label") testid="rentals-views"
                tabs=VIEWS.iter().map(|&(view, key, label)| {
                    (view, format!("rentals-view-{key}"), TextProp::from(move || label(terms)))
                }).collect()
                active=Signal::derive(move || filter.with(|f| f.view))
                on_pick=move |view| list.apply.run(RentalFilter { view, page: 1, ..filter.get_untracked() }) />
            <RentalFilters filter=filter locations=locations on_apply=list.apply on_clear=list.clear />
            <div class="list-tools rentals-tools">
                <SortSelect list=list choices=&SORTS />
                {may_select.then(|| view! {
                    <button type="button" class="btn btn-secondary phone-only-flex select-toggle" data-testid="select-mode"
                        aria-pressed=move || select_mode.get().to_string()
                        on:click=move |_| set_select.run(!select_mode.get_untracked())>
                        {move || if select_mode.get() { tr("rentals-select-done") } else { tr("rentals-select") }}
                    </button>
                })}
            </div>
            {move || (may_select && select_mode.get()).then(|| view! {
                <p class="select-hint phone-only" data-testid="select-hint">
                    {move || tr_with("rentals-select-hint", &[terms_arg(terms)])}
                </p>
            })}
            {list_results(list.rows, 6, empty, rows, list.to_page)}
            {may_select.then(|| view! { <RentalActionsBar account_id=account_id terms=terms selected=selected on_done=set_select /> })}
        </section>
    }
}

/// Search, location, job and contract; secondary filters fold away on phones.
#[component]
fn RentalFilters(
    filter: Memo<RentalFilter>,
    #[prop(into)] locations: Signal<Vec<Location>>,
    #[prop(into)] on_apply: Callback<RentalFilter>,
    #[prop(into)] on_clear: Callback<()>,
) -> impl IntoView {
    let q = RwSignal::new(String::new());
    let location = RwSignal::new(String::new());
    let job = RwSignal::new(String::new());
    let contract = RwSignal::new(String::new());
    let due_by = RwSignal::new(String::new());
    Effect::new(move |_| {
        filter.with(|f| {
            q.set(f.q.clone().unwrap_or_default());
            location.set(f.location_id.map(|l| l.to_string()).unwrap_or_default());
            job.set(f.job.clone().unwrap_or_default());
            contract.set(f.contract.clone().unwrap_or_default());
            due_by.set(f.due_by.map(|d| d.to_string()).unwrap_or_default());
        })
    });
    let apply = move || {
        on_apply.run(RentalFilter {
            q: text_value(q),
            location_id: Uuid::parse_str(&location.get_untracked()).ok(),
            job: text_value(job),
            contract: text_value(contract),
            due_by: NaiveDate::parse_from_str(&due_by.get_untracked(), "%Y-%m-%d").ok(),
            page: 1,
            ..filter.get_untracked()
        });
    };
    let expanded = RwSignal::new(false);
    let active = Memo::new(move |_| {
        filter.with(|f| {
            [f.location_id.is_some(), f.job.is_some(), f.contract.is_some(), f.due_by.is_some()]
                .into_iter()
                .filter(|on| *on)
                .count()
        })
    });
    view! {
        <form class="filters filters-rentals" class:filters-open=move || expanded.get() role="search"
            data-testid="rentals-filters" on:submit=move |ev| { ev.prevent_default(); apply(); }>
            <SearchField placeholder=move || tr("rentals-search-placeholder") value=q />
            <FiltersToggle controls="rental-filters-more" expanded=expanded active=active />
            <div class="filters-more" id="rental-filters-more">
                <LocationSelect locations=locations value=location on_change=move |()| apply() />
                <TextFilter label=move || tr("rentals-job") testid="filter-job" name="job" value=job />
                <TextFilter label=move || tr("rentals-contract") testid="filter-contract" name="contract" value=contract />
                <label class="field">
                    <span class="field-label">{move || tr("rentals-filter-due-by")}</span>
                    <input class="input" type="date" data-testid="filter-due-by" name="due_by" bind:value=due_by />
                </label>
                <FilterActions on_clear=on_clear />
            </div>
        </form>
    }
}

#[component]
fn EmptyRentals(
    filter: RentalFilter,
    terms: Terminology,
    #[prop(into)] on_clear: Callback<()>,
) -> impl IntoView {
    let filtered = filter.q.is_some()
        || filter.location_id.is_some()
        || filter.job.is_some()
        || filter.contract.is_some()
        || filter.due_by.is_some();
    let view = filter.view;
    let title = move || match (filtered, view) {
        (true, _) => tr("rentals-empty-filtered"),
        (false, Some(RentalView::OnRent)) => tr_with("rentals-empty-on-rent", &[terms_arg(terms)]),
        (false, Some(RentalView::Upcoming)) => tr("rentals-empty-upcoming"),
        (false, Some(RentalView::Returned)) => tr("rentals-empty-returned"),
        (false, None) => tr_with("rentals-empty-all", &[terms_arg(terms)]),
    };
    view! {
        <div class="panel panel-empty" data-testid="empty-state">
            <IconSvg icon=Icon::Truck class="panel-icon" />
            <div class="panel-body">
                <h2 class="panel-title">{title}</h2>
                {filtered.then(|| view! {
                    <button class="btn btn-primary" type="button" data-testid="empty-clear" on:click=move |_| on_clear.run(())>{move || tr("rentals-clear-filters")}</button>
                })}
            </div>
        </div>
    }
}

/// Items a user may tick: anything a call-off, extension or service request may name.
fn selectable_item(item: &RentalItem) -> bool {
    can_call_off(item) || can_extend(item) || can_service(item)
}

/// "$45.00 / day", stacked.
#[component]
fn Rates(item: RentalItem) -> impl IntoView {
    let all: [(Option<Money>, Label); 3] = [
        (item.daily_rate, || tr("rentals-per-day")),
        (item.weekly_rate, || tr("rentals-per-week")),
        (item.monthly_rate, || tr("rentals-per-month")),
    ];
    let rates: Vec<_> = all.into_iter().filter_map(|(m, per)| m.map(|m| (m, per))).collect();
    if rates.is_empty() {
        return view! { <span class="rate-none">"—"</span> }.into_any();
    }
    view! {
        <span class="rate-stack rental-rates" data-testid="rental-rates">
            {rates.into_iter().map(|(m, per)| view! { <span class="rate">{format::money(&m)}<span class="rate-per">" " {per}</span></span> }).collect_view()}
        </span>
    }
    .into_any()
}

/// The item's status, and its open request when there is one.
#[component]
fn ItemStatus(item: RentalItem, account_id: Uuid, terms: Terminology) -> impl IntoView {
    view! {
        <span class="item-status" data-testid="rental-status" data-status=item.status.as_str()>
            <LineStatusBadge status=Some(item.status) kind=shared::contracts::LineKind::Rental />
            {item.open_request.map(|r| view! { <OpenRequestLink account_id=account_id request=r terms=terms /> })}
        </span>
    }
}

fn contract_href(account_id: Uuid, item: &RentalItem) -> String {
    paths::contract(account_id, item.contract_id)
}

#[component]
fn RentalsTable(
    items: Vec<RentalItem>,
    account_id: Uuid,
    locale: String,
    terms: Terminology,
    selectable: bool,
    selected: RwSignal<Vec<RentalItem>>,
    page_items: StoredValue<Vec<RentalItem>>,
) -> impl IntoView {
    let any_pickable = page_items.with_value(|items| items.iter().any(selectable_item));
    let rows = items
        .into_iter()
        .map(|item| {
            let line_id = item.line_id;
            let pickable = selectable_item(&item);
            let stored = item.clone();
            let serial = item.serial_number.clone().or(item.item_code.clone());
            let contract_number = item.contract_number.clone();
            let description = item.description.clone();
            let returned = item.returned_on.map(|d| format::date(d, &locale));
            let (site, job) = (item.location.name.clone(), item.job_number.clone());
            view! {
                <tr data-testid="rental-item" data-line-id=line_id.to_string() data-status=item.status.as_str()
                    class:row-selected=move || is_selected(selected, line_id)>
                    {selectable.then(|| view! {
                        <td class="select-cell">
                            {pickable.then(|| view! {
                                <input type="checkbox" class="select-box" data-testid="select-item" data-line-id=line_id.to_string()
                                    aria-label=move || tr_with("rentals-select-item", &[("item", description.clone().into())])
                                    prop:checked=move || is_selected(selected, line_id)
                                    on:change=move |ev| toggle(selected, &stored, event_target_checked(&ev)) />
                            })}
                        </td>
                    })}
                    <td class="desc">
                        <span class="rental-desc" data-testid="rental-description">{item.description.clone()}</span>
                        {serial.map(|s| view! {
                            <span class="sub mono" data-testid="rental-serial">{move || tr_with("request-serial", &[("serial", s.clone().into())])}</span>
                        })}
                    </td>
                    <td>
                        <A href=contract_href(account_id, &item) attr:class="contract-number" attr:data-testid="rental-contract">
                            {contract_number}
                        </A>
                    </td>
                    <td><ItemStatus item=item.clone() account_id=account_id terms=terms /></td>
                    <td class="nowrap" data-testid="rental-start">{format::opt_date(item.start_date, &locale)}</td>
                    <td class="nowrap" data-testid="rental-expected">{
                        let expected = format::opt_date(item.expected_return, &locale);
                        move || match &returned {
                            Some(date) => tr_with("rentals-returned-on", &[("date", date.clone().into())]),
                            None => expected.clone(),
                        }
                    }</td>
                    <td class="num"><Rates item=item.clone() /></td>
                    <td class="site-cell">
                        <span>{item.job_site.clone().unwrap_or_else(|| "—".to_string())}</span>
                        <span class="sub">
                            {move || match &job {
                                Some(job) => tr_with("rentals-site-job", &[("site", site.clone().into()), ("job", job.clone().into())]),
                                None => site.clone(),
                            }}
                        </span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap desktop-only">
            <table class="data-table rentals-table" data-testid="rentals-table">
                <thead>
                    <tr>
                        {selectable.then(|| view! {
                            <th scope="col" class="select-cell">
                                {any_pickable.then(|| view! {
                                    <SelectAllBox label=move || tr("rentals-select-all") selected=selected page_items=page_items pickable=selectable_item />
                                })}
                            </th>
                        })}
                        <th scope="col">{move || tr("rentals-item")}</th>
                        <th scope="col">{move || tr("rentals-contract")}</th>
                        <th scope="col">{move || tr("rentals-status")}</th>
                        <th scope="col">{move || tr("rentals-start")}</th>
                        <th scope="col">{move || tr("rentals-expected-back")}</th>
                        <th scope="col" class="num">{move || tr("rentals-rates")}</th>
                        <th scope="col">{move || tr("rentals-site-store")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn RentalCards(
    items: Vec<RentalItem>,
    account_id: Uuid,
    locale: String,
    terms: Terminology,
    #[prop(into)] selectable: Signal<bool>,
    selected: RwSignal<Vec<RentalItem>>,
    page_items: StoredValue<Vec<RentalItem>>,
) -> impl IntoView {
    view! {
        <Show when=move || selectable.get()>
            <SelectAllPhone selected=selected page_items=page_items pickable=selectable_item />
        </Show>
        <ul class="card-list phone-only rental-cards">
            {items.into_iter().map(|item| {
                let line_id = item.line_id;
                let pickable = selectable_item(&item);
                let stored = StoredValue::new(item.clone());
                let serial = item.serial_number.clone().or(item.item_code.clone());
                let back: (Label, String) = if item.returned_on.is_some() {
                    (|| tr("rentals-returned"), format::opt_date(item.returned_on, &locale))
                } else {
                    (|| tr("rentals-expected-back"), format::opt_date(item.expected_return, &locale))
                };
                let has_rates = item.daily_rate.is_some() || item.weekly_rate.is_some() || item.monthly_rate.is_some();
                let rate = |m: Option<Money>| m.map_or_else(|| "—".to_string(), |m| format::money(&m));
                let (day, week, month) = (rate(item.daily_rate), rate(item.weekly_rate), rate(item.monthly_rate));
                let contract_number = item.contract_number.clone();
                view! {
                    <li class="line-card rental-card" data-testid="rental-item" data-line-id=line_id.to_string() data-status=item.status.as_str()
                        class:card-selected=move || is_selected(selected, line_id)
                        class:card-selectable=move || selectable.get() && pickable
                        on:click=move |ev| {
                            if selectable.get_untracked() && pickable {
                                stored.with_value(|i| tap_card(&ev, selected, i));
                            }
                        }>
                        <div class="card-top">
                            <Show when=move || selectable.get() && pickable>
                                <input type="checkbox" class="select-box" data-testid="select-item" data-line-id=line_id.to_string()
                                    aria-label=move || stored.with_value(|i| tr_with("rentals-select-item", &[("item", i.description.clone().into())]))
                                    prop:checked=move || is_selected(selected, line_id)
                                    on:change=move |ev| stored.with_value(|i| toggle(selected, i, event_target_checked(&ev))) />
                            </Show>
                            <span class="line-title rental-desc" data-testid="rental-description">{item.description.clone()}</span>
                        </div>
                        <ItemStatus item=item.clone() account_id=account_id terms=terms />
                        <dl class="card-facts">
                            <div><dt>{move || tr("rentals-serial-asset")}</dt><dd class="mono" data-testid="rental-serial">{serial.unwrap_or_else(|| "—".to_string())}</dd></div>
                            <div><dt>{move || tr("rentals-contract")}</dt><dd>
                                <A href=contract_href(account_id, &item) attr:class="contract-number" attr:data-testid="rental-contract">{contract_number}</A>
                            </dd></div>
                            <div><dt>{move || tr("rentals-start")}</dt><dd data-testid="rental-start">{format::opt_date(item.start_date, &locale)}</dd></div>
                            <div><dt>{back.0}</dt><dd data-testid="rental-expected">{back.1}</dd></div>
                            <div><dt>{move || tr("rentals-location")}</dt><dd>{item.location.name.clone()}</dd></div>
                            <div><dt>{move || tr("rentals-job")}</dt><dd>{format::opt_text(&item.job_number)}</dd></div>
                            {item.job_site.clone().map(|s| view! { <div class="fact-wide"><dt>{move || tr("rentals-job-site")}</dt><dd>{s}</dd></div> })}
                        </dl>
                        {has_rates.then(|| view! {
                            <p class="rates" data-testid="rental-rates">
                                <span>{move || tr_with("rentals-rate-day", &[("rate", day.clone().into())])}</span>
                                <span>{move || tr_with("rentals-rate-week", &[("rate", week.clone().into())])}</span>
                                <span>{move || tr_with("rentals-rate-month", &[("rate", month.clone().into())])}</span>
                            </p>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// What to do with the ticked items: sticky at the bottom of the screen while any are ticked.
#[component]
fn RentalActionsBar(
    account_id: Uuid,
    terms: Terminology,
    selected: RwSignal<Vec<RentalItem>>,
    #[prop(into)] on_done: Callback<bool>,
) -> impl IntoView {
    let navigate = use_navigate();
    let ids = move |pick: fn(&RentalItem) -> bool| {
        selected.with_untracked(|all| {
            let items: Vec<RentalItem> = all.iter().filter(|i| pick(i)).cloned().collect();
            remember_items(&items);
            lines_query(&items.iter().map(|i| i.line_id).collect::<Vec<_>>())
        })
    };
    let n_call_off = Memo::new(move |_| selected.with(|all| all.iter().filter(|i| can_call_off(i)).count()));
    let n_extend = Memo::new(move |_| selected.with(|all| all.iter().filter(|i| can_extend(i)).count()));
    let n_service = Memo::new(move |_| selected.with(|all| all.iter().filter(|i| can_service(i)).count()));
    let go = StoredValue::new(move |path: fn(Uuid, &str) -> String, pick: fn(&RentalItem) -> bool| {
        let lines = ids(pick);
        navigate(&path(account_id, &lines), Default::default());
    });
    view! {
        <SelectionBar selected=selected testid="calloff-bar" label=move || tr("rentals-selected-items") on_clear=move |()| on_done.run(false)>
            <button type="button" class="btn btn-primary selection-main" data-testid="calloff-button"
                disabled=move || n_call_off.get() == 0
                on:click=move |_| go.with_value(|go| go(paths::call_off, can_call_off))>
                {move || tr_with("rentals-call-off-items", &[terms_arg(terms), count_arg(n_call_off.get() as u64)])}
            </button>
            <button type="button" class="btn btn-secondary" data-testid="extension-button"
                disabled=move || n_extend.get() == 0
                on:click=move |_| go.with_value(|go| go(paths::extension, can_extend))>{move || tr("rentals-extend")}</button>
            <button type="button" class="btn btn-secondary" data-testid="service-button"
                disabled=move || n_service.get() == 0
                on:click=move |_| go.with_value(|go| go(paths::service_for, can_service))>{move || tr("rentals-service")}</button>
        </SelectionBar>
    }
}
