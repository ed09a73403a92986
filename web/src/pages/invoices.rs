//! `/a/:account_id/invoices` (E1, B2): what the account owes at a glance — balance, overdue
//! and ageing — then its invoices and credit memos with view, search, overdue and sort in the
//! URL; CSV of the current view; and, for users allowed to pay, ticking invoices for the pay
//! form with a sticky "Pay N invoices — $X" bar.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::accounts::AccountSummary;
use shared::invoices::{
    AccountBalance, InvoiceFilter, InvoiceKind, InvoiceSort, InvoiceSummary, InvoiceView,
};
use shared::money::Money;
use shared::paging::{Page, SortDir};
use uuid::Uuid;

use crate::api;
use crate::components::downloads::CsvButton;
use crate::components::filter_bar::{SearchField, text_value};
use crate::components::icons::{Icon, IconSvg};
use crate::components::layout::use_current_account;
use crate::components::list_page::{SortSelect, ViewTabs, list_results, use_list};
use crate::components::payments::{InvoiceStatusBadge, payable};
use crate::components::selection_bar::{
    SelectAllBox, SelectAllPhone, SelectionBar, is_selected, tap_card, toggle,
};
use crate::format;
use crate::paths;
use crate::session::use_session;
use crate::url_query::pay_href;

const VIEWS: [(InvoiceView, &str); 3] =
    [(InvoiceView::Open, "Open"), (InvoiceView::Paid, "Paid"), (InvoiceView::All, "All")];

const SORTS: [(InvoiceSort, SortDir, &str); 7] = [
    (InvoiceSort::InvoiceDate, SortDir::Desc, "Newest first"),
    (InvoiceSort::InvoiceDate, SortDir::Asc, "Oldest first"),
    (InvoiceSort::DueDate, SortDir::Asc, "Due date, soonest"),
    (InvoiceSort::DueDate, SortDir::Desc, "Due date, latest"),
    (InvoiceSort::AmountDue, SortDir::Desc, "Amount due, highest"),
    (InvoiceSort::Total, SortDir::Desc, "Total, highest"),
    (InvoiceSort::Number, SortDir::Asc, "Invoice number"),
];

#[component]
pub fn InvoicesPage() -> impl IntoView {
    let current = use_current_account();
    move || current.get().map(|account| view! { <Invoices account=account /> })
}

#[component]
fn Invoices(account: AccountSummary) -> impl IntoView {
    let session = use_session();
    let account_id = account.id;
    let locale = account.dealer.locale.clone();
    // The dealer's today: what "12 days overdue" counts from, as the server's overdue flag does.
    let today = crate::when::today_in(&account.dealer.time_zone);
    let may_pay = account.permissions.pay;
    let list = use_list::<InvoiceFilter>(account_id, &[]);
    let filter = list.filter;
    let selected = RwSignal::new(Vec::<InvoiceSummary>::new());
    // Phones: the tick boxes show in "Select" mode, as on the rentals page.
    let select_mode = RwSignal::new(false);
    let balance = LocalResource::new(move || async move { api::balance(session, account_id).await });

    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title("Invoices");
    }

    let empty =
        move || view! { <EmptyInvoices filter=filter.get_untracked() on_clear=list.clear /> }.into_any();
    let rows = move |page: Page<InvoiceSummary>| {
        let items = StoredValue::new(page.items.clone());
        view! {
            <InvoicesTable items=page.items.clone() account_id=account_id locale=locale.clone() today=today
                selectable=may_pay selected=selected page_items=items />
            <InvoiceCards items=page.items account_id=account_id locale=locale.clone() today=today
                selectable=Signal::derive(move || may_pay && select_mode.get()) selected=selected page_items=items />
        }
        .into_any()
    };

    let balance_view = move || {
        Suspend::new(async move {
            match balance.await {
                Ok(b) => view! { <BalanceCard balance=b account_id=account_id may_pay=may_pay /> }.into_any(),
                // The list below still works; the card just stays away.
                Err(_) => ().into_any(),
            }
        })
    };

    view! {
        <section class="page invoices-page" class:invoices-selecting=move || !selected.with(Vec::is_empty) data-testid="invoices-page">
            <div class="page-head">
                <div>
                    <A href=paths::account_home(account_id) attr:class="back-link"><IconSvg icon=Icon::ChevronLeft />"Home"</A>
                    <h1 class="page-title" data-testid="invoices-title">"Invoices"</h1>
                </div>
                <div class="page-actions">
                    <A href=paths::payments(account_id) attr:class="btn btn-secondary" attr:data-testid="payment-history-link">
                        <IconSvg icon=Icon::List />"Payment history"
                    </A>
                    <CsvButton fetch=move || {
                        let f = filter.get_untracked();
                        Some(async move { api::list_csv(session, account_id, &f).await })
                    } />
                </div>
            </div>
            <Suspense fallback=|| view! { <div class="balance-card balance-card-loading" aria-hidden="true"><span class="skeleton w-40"></span></div> }>
                {balance_view}
            </Suspense>
            <ViewTabs label="Which invoices" testid="invoices-views"
                tabs=VIEWS.iter().map(|(view, label)| (*view, format!("invoices-view-{}", view.as_str()), *label)).collect()
                active=Signal::derive(move || filter.with(|f| f.view))
                on_pick=move |view| list.apply.run(InvoiceFilter { view, page: 1, ..filter.get_untracked() }) />
            <InvoiceFilters filter=filter on_apply=list.apply />
            <div class="list-tools rentals-tools">
                <SortSelect list=list choices=&SORTS />
                {may_pay.then(|| view! {
                    <button type="button" class="btn btn-secondary phone-only-flex select-toggle" data-testid="select-mode"
                        aria-pressed=move || select_mode.get().to_string()
                        on:click=move |_| {
                            let on = !select_mode.get_untracked();
                            if !on { selected.set(Vec::new()); }
                            select_mode.set(on);
                        }>
                        {move || if select_mode.get() { "Done" } else { "Select to pay" }}
                    </button>
                })}
            </div>
            {move || (may_pay && select_mode.get()).then(|| view! {
                <p class="select-hint phone-only" data-testid="select-hint">"Tap the invoices you want to pay."</p>
            })}
            {list_results(list.rows, 6, empty, rows, list.to_page)}
            {may_pay.then(|| view! { <PayBar account_id=account_id selected=selected on_clear=move |()| select_mode.set(false) /> })}
        </section>
    }
}

/// Balance due, the overdue part and how old it is.
#[component]
fn BalanceCard(balance: AccountBalance, account_id: Uuid, may_pay: bool) -> impl IntoView {
    let b = balance;
    let currency = b.balance.currency;
    let buckets = [
        ("Current", b.ageing.current, "current"),
        ("1–30 days", b.ageing.days_1_30, "1-30"),
        ("31–60 days", b.ageing.days_31_60, "31-60"),
        ("61–90 days", b.ageing.days_61_90, "61-90"),
        ("Over 90 days", b.ageing.over_90, "90-plus"),
    ];
    let aged_total: i64 = buckets.iter().map(|(_, m, _)| m.minor.max(0)).sum();
    let overdue = b.overdue.minor > 0;
    let invoices_word = |n: u32| if n == 1 { "invoice" } else { "invoices" };
    let open_text = format!("{} open {}", b.open_invoices, invoices_word(b.open_invoices));
    let overdue_text = if overdue {
        format!("{} {} past due", b.overdue_invoices, invoices_word(b.overdue_invoices))
    } else {
        "Nothing past due".to_string()
    };
    view! {
        <section class="balance-card" data-testid="balance-card" aria-label="Account balance">
            <div class="balance-figures">
                <div class="balance-main">
                    <span class="money-label">"Balance due"</span>
                    <span class="balance-amount" data-testid="balance-amount">{b.balance.display()}</span>
                    <span class="balance-sub">{open_text}</span>
                </div>
                <div class="balance-overdue" class:is-overdue=overdue>
                    <span class="money-label">"Overdue"</span>
                    <span class="balance-overdue-amount" data-testid="balance-overdue">{b.overdue.display()}</span>
                    <span class="balance-sub">{overdue_text}</span>
                </div>
                {(b.pending.minor > 0).then(|| view! {
                    <p class="balance-pending" data-testid="balance-pending">
                        {format!("{} in payments being processed is not counted in the balance.", b.pending.display())}
                    </p>
                })}
                {(may_pay && b.balance.minor > 0).then(|| view! {
                    <A href=pay_href(account_id, &[]) attr:class="btn btn-primary balance-pay" attr:data-testid="balance-pay">
                        <IconSvg icon=Icon::Card />"Make a payment"
                    </A>
                })}
            </div>
            <div class="ageing" data-testid="ageing">
                <p class="ageing-title">"Ageing"</p>
                {(aged_total > 0).then(|| view! {
                    <div class="ageing-bar" aria-hidden="true">
                        {buckets.iter().filter(|(_, m, _)| m.minor > 0).map(|(_, m, key)| {
                            // Shares of the bar in per mille, so the widths stay integers.
                            let share = m.minor.saturating_mul(1000) / aged_total;
                            view! { <span class=format!("ageing-seg ageing-{key}") style=format!("flex-grow:{share}")></span> }
                        }).collect_view()}
                    </div>
                })}
                <dl class="ageing-buckets">
                    {buckets.into_iter().map(|(label, money, key)| view! {
                        <div class="ageing-bucket" data-testid=format!("ageing-{key}")>
                            <dt><span class=format!("ageing-dot ageing-{key}") aria-hidden="true"></span>{label}</dt>
                            <dd>{Money::new(money.minor, currency).display()}</dd>
                        </div>
                    }).collect_view()}
                </dl>
            </div>
        </section>
    }
}

/// Search and the overdue toggle.
#[component]
fn InvoiceFilters(
    filter: Memo<InvoiceFilter>,
    #[prop(into)] on_apply: Callback<InvoiceFilter>,
) -> impl IntoView {
    let q = RwSignal::new(String::new());
    Effect::new(move |_| filter.with(|f| q.set(f.q.clone().unwrap_or_default())));
    let apply = move || on_apply.run(InvoiceFilter { q: text_value(q), page: 1, ..filter.get_untracked() });
    let overdue = Memo::new(move |_| filter.with(|f| f.overdue));
    view! {
        <form class="filters filters-invoices" role="search" data-testid="invoices-filters"
            on:submit=move |ev| { ev.prevent_default(); apply(); }>
            <SearchField placeholder="Invoice, PO, job, contract…" value=q />
            <button type="button" class="btn btn-secondary overdue-toggle" data-testid="filter-overdue"
                aria-pressed=move || overdue.get().to_string()
                on:click=move |_| on_apply.run(InvoiceFilter { overdue: !overdue.get_untracked(), page: 1, ..filter.get_untracked() })>
                <IconSvg icon=Icon::Alert />"Overdue"
            </button>
            <button class="btn btn-primary filters-search" type="submit" data-testid="filter-apply">"Search"</button>
        </form>
    }
}

#[component]
fn EmptyInvoices(filter: InvoiceFilter, #[prop(into)] on_clear: Callback<()>) -> impl IntoView {
    let filtered = filter.q.is_some() || filter.overdue || filter.location_id.is_some();
    let (title, text) = match (filtered, filter.view) {
        (true, _) => ("No invoices match these filters", ""),
        (false, InvoiceView::Open) => ("You're all paid up", "There are no open invoices on this account."),
        (false, InvoiceView::Paid) => ("No paid invoices yet", ""),
        (false, InvoiceView::All) => ("No invoices on this account yet", ""),
    };
    view! {
        <div class="panel panel-empty" data-testid="empty-state">
            <IconSvg icon=if filtered { Icon::Search } else { Icon::Check } class="panel-icon" />
            <div class="panel-body">
                <h2 class="panel-title">{title}</h2>
                {(!text.is_empty()).then(|| view! { <p>{text}</p> })}
                {filtered.then(|| view! {
                    <button class="btn btn-primary" type="button" data-testid="empty-clear" on:click=move |_| on_clear.run(())>"Clear filters"</button>
                })}
            </div>
        </div>
    }
}

pub fn invoice_href(account_id: Uuid, invoice_id: Uuid) -> String {
    paths::invoice(account_id, invoice_id)
}

/// "Contract C-1001 · PO 7781 · Job 12": what the invoice bills, as far as known.
fn reference_text(i: &InvoiceSummary) -> String {
    let mut parts = Vec::new();
    if let Some(c) = &i.contract_number {
        parts.push(format!("Contract {c}"));
    }
    if let Some(po) = i.po_number.as_ref().filter(|v| !v.trim().is_empty()) {
        parts.push(format!("PO {po}"));
    }
    if let Some(job) = i.job_number.as_ref().filter(|v| !v.trim().is_empty()) {
        parts.push(format!("Job {job}"));
    }
    if parts.is_empty() { "—".to_string() } else { parts.join(" · ") }
}

/// What the amount column shows: what is due, or for a credit memo the credit left.
fn open_amount(i: &InvoiceSummary) -> Money {
    if i.kind == InvoiceKind::CreditMemo { i.balance } else { i.amount_due }
}

/// "Due 5 Mar 2026" or "12 days overdue"; a credit memo has nothing due.
fn due_text(i: &InvoiceSummary, locale: &str, today: chrono::NaiveDate) -> String {
    match i.due_date {
        _ if i.kind == InvoiceKind::CreditMemo => "Credit to use".to_string(),
        None => "No due date".to_string(),
        Some(d) if i.overdue => {
            let days = (today - d).num_days();
            match days {
                ..=0 => format!("Due {}", format::date(d, locale)),
                1 => "1 day overdue".to_string(),
                n => format!("{n} days overdue"),
            }
        }
        Some(d) => format!("Due {}", format::date(d, locale)),
    }
}

#[component]
fn SelectBox(invoice: InvoiceSummary, selected: RwSignal<Vec<InvoiceSummary>>) -> impl IntoView {
    let id = invoice.id;
    let label = format!("Pay invoice {}", invoice.number);
    view! {
        <input type="checkbox" class="select-box" data-testid="invoice-select" data-invoice-id=id.to_string()
            data-invoice-number=invoice.number.clone() aria-label=label
            prop:checked=move || is_selected(selected, id)
            on:change=move |ev| toggle(selected, &invoice, event_target_checked(&ev)) />
    }
}

#[component]
fn InvoicesTable(
    items: Vec<InvoiceSummary>,
    account_id: Uuid,
    locale: String,
    today: chrono::NaiveDate,
    selectable: bool,
    selected: RwSignal<Vec<InvoiceSummary>>,
    page_items: StoredValue<Vec<InvoiceSummary>>,
) -> impl IntoView {
    let any_payable = page_items.with_value(|items| items.iter().any(payable));
    let rows = items
        .into_iter()
        .map(|i| {
            let id = i.id;
            let pickable = payable(&i);
            let credit = i.kind == InvoiceKind::CreditMemo;
            let number = i.number.clone();
            view! {
                <tr data-testid="invoice-row" data-invoice-id=id.to_string() data-invoice-number=i.number.clone()
                    class:row-selected=move || is_selected(selected, id) class:row-overdue=i.overdue>
                    {selectable.then(|| view! {
                        <td class="select-cell">
                            {pickable.then(|| view! { <SelectBox invoice=i.clone() selected=selected /> })}
                        </td>
                    })}
                    <td>
                        <A href=invoice_href(account_id, id) attr:class="contract-number" attr:data-testid="invoice-number">{number}</A>
                        {credit.then(|| view! { <span class="sub">"Credit memo"</span> })}
                    </td>
                    <td class="nowrap">{format::date(i.invoice_date, &locale)}</td>
                    <td class="nowrap" class:due=i.overdue data-testid="invoice-due">{due_text(&i, &locale, today)}</td>
                    <td class="ref-cell">
                        <span>{reference_text(&i)}</span>
                        {i.location.as_ref().map(|l| view! { <span class="sub">{l.name.clone()}</span> })}
                    </td>
                    <td class="num">{i.total.display()}</td>
                    <td class="num amount-due-cell" data-testid="invoice-amount-due">
                        <span class:due=i.overdue>{open_amount(&i).display()}</span>
                        {(i.pending.minor > 0).then(|| view! { <span class="sub">{format!("{} processing", i.pending.display())}</span> })}
                    </td>
                    <td><InvoiceStatusBadge invoice=i.clone() /></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap desktop-only">
            <table class="data-table invoices-table" data-testid="invoices-table">
                <thead>
                    <tr>
                        {selectable.then(|| view! {
                            <th scope="col" class="select-cell">
                                {any_payable.then(|| view! {
                                    <SelectAllBox label="Select all payable invoices on this page" selected=selected page_items=page_items pickable=payable />
                                })}
                            </th>
                        })}
                        <th scope="col">"Invoice"</th>
                        <th scope="col">"Date"</th>
                        <th scope="col">"Due"</th>
                        <th scope="col">"Contract / PO / job"</th>
                        <th scope="col" class="num">"Total"</th>
                        <th scope="col" class="num">"Amount due"</th>
                        <th scope="col">"Status"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn InvoiceCards(
    items: Vec<InvoiceSummary>,
    account_id: Uuid,
    locale: String,
    today: chrono::NaiveDate,
    #[prop(into)] selectable: Signal<bool>,
    selected: RwSignal<Vec<InvoiceSummary>>,
    page_items: StoredValue<Vec<InvoiceSummary>>,
) -> impl IntoView {
    view! {
        <Show when=move || selectable.get() && page_items.with_value(|items| items.iter().any(payable))>
            <SelectAllPhone selected=selected page_items=page_items pickable=payable />
        </Show>
        <ul class="card-list phone-only invoice-cards">
            {items.into_iter().map(|i| {
                let id = i.id;
                let pickable = payable(&i);
                let stored = StoredValue::new(i.clone());
                let credit = i.kind == InvoiceKind::CreditMemo;
                let href = invoice_href(account_id, id);
                let number = i.number.clone();
                view! {
                    <li class="line-card invoice-card" data-testid="invoice-row" data-invoice-id=id.to_string() data-invoice-number=i.number.clone()
                        class:card-selected=move || is_selected(selected, id)
                        class:card-selectable=move || selectable.get() && pickable
                        class:card-overdue=i.overdue
                        on:click=move |ev| {
                            if selectable.get_untracked() && pickable {
                                stored.with_value(|i| tap_card(&ev, selected, i));
                            }
                        }>
                        <div class="card-top">
                            <span class="invoice-card-id">
                                <Show when=move || selectable.get() && pickable>
                                    <SelectBox invoice=stored.get_value() selected=selected />
                                </Show>
                                <A href=href.clone() attr:class="contract-number" attr:data-testid="invoice-number">{number}</A>
                            </span>
                            <InvoiceStatusBadge invoice=i.clone() />
                        </div>
                        <div class="invoice-card-money">
                            <div>
                                <span class="money-label">{if credit { "Credit" } else { "Amount due" }}</span>
                                <span class="money-big" class:due=i.overdue data-testid="invoice-amount-due">{open_amount(&i).display()}</span>
                            </div>
                            <div class="invoice-card-due" class:due=i.overdue data-testid="invoice-due">{due_text(&i, &locale, today)}</div>
                        </div>
                        <dl class="card-facts">
                            <div><dt>"Date"</dt><dd>{format::date(i.invoice_date, &locale)}</dd></div>
                            <div><dt>"Total"</dt><dd class="money">{i.total.display()}</dd></div>
                            <div class="fact-wide"><dt>"Contract / PO / job"</dt><dd>{reference_text(&i)}</dd></div>
                            {(i.pending.minor > 0).then(|| view! {
                                <div class="fact-wide"><dt>"Processing"</dt><dd>{format!("{} paid here, not yet posted", i.pending.display())}</dd></div>
                            })}
                        </dl>
                        <A href=href attr:class="card-more">"View invoice"<IconSvg icon=Icon::ChevronRight /></A>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// "Pay 3 invoices — $1,240.00": sticky at the bottom of the screen while any are ticked.
#[component]
fn PayBar(
    account_id: Uuid,
    selected: RwSignal<Vec<InvoiceSummary>>,
    #[prop(into)] on_clear: Callback<()>,
) -> impl IntoView {
    let count = Memo::new(move |_| selected.with(Vec::len));
    let total = Memo::new(move |_| {
        selected.with(|all| {
            all.first().map(|first| {
                Money::new(all.iter().map(|i| i.amount_due.minor).sum(), first.amount_due.currency)
            })
        })
    });
    let label = move || {
        let n = count.get();
        let amount = total.get().map(|m| m.display()).unwrap_or_default();
        format!("Pay {n} {} — {amount}", if n == 1 { "invoice" } else { "invoices" })
    };
    let href =
        move || selected.with(|all| pay_href(account_id, &all.iter().map(|i| i.id).collect::<Vec<_>>()));
    view! {
        <SelectionBar selected=selected testid="pay-bar" label="Invoices to pay" class="pay-bar" on_clear=on_clear>
            <A href=href attr:class="btn btn-primary selection-main" attr:data-testid="pay-bar-button">
                <IconSvg icon=Icon::Card />{label}
            </A>
        </SelectionBar>
    }
}
