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
use crate::components::payments::{InvoiceStatusBadge, invoice_kind_label, payable};
use crate::components::selection_bar::{
    SelectAllBox, SelectAllPhone, SelectionBar, is_selected, tap_card, toggle,
};
use crate::format;
use crate::i18n::{Label, count_arg, tr, tr_with};
use crate::paths;
use crate::session::use_session;
use crate::url_query::pay_href;

const VIEWS: [(InvoiceView, Label); 3] = [
    (InvoiceView::Open, || tr("invoices-view-open")),
    (InvoiceView::Paid, || tr("invoices-view-paid")),
    (InvoiceView::All, || tr("invoices-view-all")),
];

const SORTS: [(InvoiceSort, SortDir, Label); 7] = [
    (InvoiceSort::InvoiceDate, SortDir::Desc, || tr("invoices-sort-newest")),
    (InvoiceSort::InvoiceDate, SortDir::Asc, || tr("invoices-sort-oldest")),
    (InvoiceSort::DueDate, SortDir::Asc, || tr("invoices-sort-due-soonest")),
    (InvoiceSort::DueDate, SortDir::Desc, || tr("invoices-sort-due-latest")),
    (InvoiceSort::AmountDue, SortDir::Desc, || tr("invoices-sort-amount-due")),
    (InvoiceSort::Total, SortDir::Desc, || tr("invoices-sort-total")),
    (InvoiceSort::Number, SortDir::Asc, || tr("invoices-sort-number")),
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

    Effect::new(move |_| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&tr("invoices-title"));
        }
    });

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
                    <A href=paths::account_home(account_id) attr:class="back-link"><IconSvg icon=Icon::ChevronLeft />{move || tr("invoices-back-home")}</A>
                    <h1 class="page-title" data-testid="invoices-title">{move || tr("invoices-title")}</h1>
                </div>
                <div class="page-actions">
                    <A href=paths::payments(account_id) attr:class="btn btn-secondary" attr:data-testid="payment-history-link">
                        <IconSvg icon=Icon::List />{move || tr("invoices-payment-history")}
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
            <ViewTabs label=move || tr("invoices-views-label") testid="invoices-views"
                tabs=VIEWS.iter().map(|(view, label)| (*view, format!("invoices-view-{}", view.as_str()), (*label).into())).collect()
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
                        {move || if select_mode.get() { tr("invoices-select-done") } else { tr("invoices-select-to-pay") }}
                    </button>
                })}
            </div>
            {move || (may_pay && select_mode.get()).then(|| view! {
                <p class="select-hint phone-only" data-testid="select-hint">{move || tr("invoices-select-hint")}</p>
            })}
            {list_results(list.rows, 6, empty, rows, list.to_page)}
            {may_pay.then(|| view! { <PayBar account_id=account_id selected=selected on_clear=move |()| select_mode.set(false) /> })}
        </section>
    }
}

/// Balance due, the overdue part and how old it is.
#[component]
pub fn BalanceCard(balance: AccountBalance, account_id: Uuid, may_pay: bool) -> impl IntoView {
    let b = balance;
    let (balance, overdue_amount, pending) = (b.balance, b.overdue, b.pending);
    let currency = balance.currency;
    let buckets: [(Label, Money, &str); 5] = [
        (|| tr("invoices-ageing-current"), b.ageing.current, "current"),
        (|| tr("invoices-ageing-1-30"), b.ageing.days_1_30, "1-30"),
        (|| tr("invoices-ageing-31-60"), b.ageing.days_31_60, "31-60"),
        (|| tr("invoices-ageing-61-90"), b.ageing.days_61_90, "61-90"),
        (|| tr("invoices-ageing-over-90"), b.ageing.over_90, "90-plus"),
    ];
    let aged_total: i64 = buckets.iter().map(|(_, m, _)| m.minor.max(0)).sum();
    let overdue = overdue_amount.minor > 0;
    let (open_invoices, overdue_invoices) = (u64::from(b.open_invoices), u64::from(b.overdue_invoices));
    let open_text = move || tr_with("invoices-open-count", &[count_arg(open_invoices)]);
    let overdue_text = move || {
        if overdue {
            tr_with("invoices-past-due-count", &[count_arg(overdue_invoices)])
        } else {
            tr("invoices-nothing-past-due")
        }
    };
    view! {
        <section class="balance-card" data-testid="balance-card" aria-label=move || tr("invoices-balance-label")>
            <div class="balance-figures">
                <div class="balance-main">
                    <span class="money-label">{move || tr("invoices-balance-due")}</span>
                    <span class="balance-amount" data-testid="balance-amount">{move || format::money(&balance)}</span>
                    <span class="balance-sub">{open_text}</span>
                </div>
                <div class="balance-overdue" class:is-overdue=overdue>
                    <span class="money-label">{move || tr("invoices-overdue")}</span>
                    <span class="balance-overdue-amount" data-testid="balance-overdue">{move || format::money(&overdue_amount)}</span>
                    <span class="balance-sub">{overdue_text}</span>
                </div>
                {(pending.minor > 0).then(|| view! {
                    <p class="balance-pending" data-testid="balance-pending">
                        {move || tr_with("invoices-pending-note", &[("amount", format::money(&pending).into())])}
                    </p>
                })}
                {(may_pay && balance.minor > 0).then(|| view! {
                    <A href=pay_href(account_id, &[]) attr:class="btn btn-primary balance-pay" attr:data-testid="balance-pay">
                        <IconSvg icon=Icon::Card />{move || tr("payment-make")}
                    </A>
                })}
            </div>
            <div class="ageing" data-testid="ageing">
                <p class="ageing-title">{move || tr("invoices-ageing")}</p>
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
                            <dd>{move || format::money(&Money::new(money.minor, currency))}</dd>
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
            <SearchField placeholder=move || tr("invoices-search-placeholder") value=q />
            <button type="button" class="btn btn-secondary overdue-toggle" data-testid="filter-overdue"
                aria-pressed=move || overdue.get().to_string()
                on:click=move |_| on_apply.run(InvoiceFilter { overdue: !overdue.get_untracked(), page: 1, ..filter.get_untracked() })>
                <IconSvg icon=Icon::Alert />{move || tr("invoices-overdue")}
            </button>
            <button class="btn btn-primary filters-search" type="submit" data-testid="filter-apply">{move || tr("invoices-search")}</button>
        </form>
    }
}

#[component]
fn EmptyInvoices(filter: InvoiceFilter, #[prop(into)] on_clear: Callback<()>) -> impl IntoView {
    let filtered = filter.q.is_some() || filter.overdue || filter.location_id.is_some();
    let (title, text): (Label, Option<Label>) = match (filtered, filter.view) {
        (true, _) => (|| tr("invoices-empty-filtered"), None),
        (false, InvoiceView::Open) => (|| tr("invoices-empty-open"), Some(|| tr("invoices-empty-open-text"))),
        (false, InvoiceView::Paid) => (|| tr("invoices-empty-paid"), None),
        (false, InvoiceView::All) => (|| tr("invoices-empty-all"), None),
    };
    view! {
        <div class="panel panel-empty" data-testid="empty-state">
            <IconSvg icon=if filtered { Icon::Search } else { Icon::Check } class="panel-icon" />
            <div class="panel-body">
                <h2 class="panel-title">{title}</h2>
                {text.map(|text| view! { <p>{text}</p> })}
                {filtered.then(|| view! {
                    <button class="btn btn-primary" type="button" data-testid="empty-clear" on:click=move |_| on_clear.run(())>{move || tr("invoices-clear-filters")}</button>
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
        parts.push(tr_with("invoices-ref-contract", &[("number", c.into())]));
    }
    if let Some(po) = i.po_number.as_ref().filter(|v| !v.trim().is_empty()) {
        parts.push(tr_with("invoices-ref-po", &[("number", po.into())]));
    }
    if let Some(job) = i.job_number.as_ref().filter(|v| !v.trim().is_empty()) {
        parts.push(tr_with("invoices-ref-job", &[("number", job.into())]));
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
        _ if i.kind == InvoiceKind::CreditMemo => tr("invoices-credit-to-use"),
        None => tr("invoice-no-due-date"),
        Some(d) if i.overdue => match (today - d).num_days() {
            ..=0 => tr_with("invoice-due-on", &[("date", format::date(d, locale).into())]),
            days => tr_with("invoices-days-overdue", &[count_arg(days.unsigned_abs())]),
        },
        Some(d) => tr_with("invoice-due-on", &[("date", format::date(d, locale).into())]),
    }
}

#[component]
fn SelectBox(invoice: InvoiceSummary, selected: RwSignal<Vec<InvoiceSummary>>) -> impl IntoView {
    let id = invoice.id;
    let number = invoice.number.clone();
    let label = move || tr_with("invoice-pay-aria", &[("number", number.as_str().into())]);
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
    let locale = StoredValue::new(locale);
    let rows = items
        .into_iter()
        .map(|i| {
            let id = i.id;
            let pickable = payable(&i);
            let credit = i.kind == InvoiceKind::CreditMemo;
            let number = i.number.clone();
            let stored = StoredValue::new(i.clone());
            let (date, total, open, pending) = (i.invoice_date, i.total, open_amount(&i), i.pending);
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
                        {credit.then(|| view! { <span class="sub">{move || invoice_kind_label(InvoiceKind::CreditMemo)}</span> })}
                    </td>
                    <td class="nowrap">{move || locale.with_value(|l| format::date(date, l))}</td>
                    <td class="nowrap" class:due=i.overdue data-testid="invoice-due">
                        {move || stored.with_value(|i| locale.with_value(|l| due_text(i, l, today)))}
                    </td>
                    <td class="ref-cell">
                        <span>{move || stored.with_value(reference_text)}</span>
                        {i.location.as_ref().map(|l| view! { <span class="sub">{l.name.clone()}</span> })}
                    </td>
                    <td class="num">{move || format::money(&total)}</td>
                    <td class="num amount-due-cell" data-testid="invoice-amount-due">
                        <span class:due=i.overdue>{move || format::money(&open)}</span>
                        {(pending.minor > 0).then(|| view! {
                            <span class="sub">{move || tr_with("invoices-processing-amount", &[("amount", format::money(&pending).into())])}</span>
                        })}
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
                                    <SelectAllBox label=move || tr("invoices-select-all") selected=selected page_items=page_items pickable=payable />
                                })}
                            </th>
                        })}
                        <th scope="col">{move || tr("invoices-col-invoice")}</th>
                        <th scope="col">{move || tr("invoices-col-date")}</th>
                        <th scope="col">{move || tr("invoices-col-due")}</th>
                        <th scope="col">{move || tr("invoices-col-references")}</th>
                        <th scope="col" class="num">{move || tr("invoices-col-total")}</th>
                        <th scope="col" class="num">{move || tr("invoice-amount-due")}</th>
                        <th scope="col">{move || tr("invoices-col-status")}</th>
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
    let locale = StoredValue::new(locale);
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
                let (date, total, open, pending) = (i.invoice_date, i.total, open_amount(&i), i.pending);
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
                                <span class="money-label">{move || if credit { tr("invoice-credit") } else { tr("invoice-amount-due") }}</span>
                                <span class="money-big" class:due=i.overdue data-testid="invoice-amount-due">{move || format::money(&open)}</span>
                            </div>
                            <div class="invoice-card-due" class:due=i.overdue data-testid="invoice-due">
                                {move || stored.with_value(|i| locale.with_value(|l| due_text(i, l, today)))}
                            </div>
                        </div>
                        <dl class="card-facts">
                            <div><dt>{move || tr("invoices-col-date")}</dt><dd>{move || locale.with_value(|l| format::date(date, l))}</dd></div>
                            <div><dt>{move || tr("invoices-col-total")}</dt><dd class="money">{move || format::money(&total)}</dd></div>
                            <div class="fact-wide">
                                <dt>{move || tr("invoices-col-references")}</dt>
                                <dd>{move || stored.with_value(reference_text)}</dd>
                            </div>
                            {(pending.minor > 0).then(|| view! {
                                <div class="fact-wide">
                                    <dt>{move || tr("invoice-processing")}</dt>
                                    <dd>{move || tr_with("invoices-paid-not-posted", &[("amount", format::money(&pending).into())])}</dd>
                                </div>
                            })}
                        </dl>
                        <A href=href attr:class="card-more">{move || tr("invoices-view-invoice")}<IconSvg icon=Icon::ChevronRight /></A>
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
        let amount = total.get().map(|m| format::money(&m)).unwrap_or_default();
        tr_with("invoices-pay-bar", &[count_arg(count.get() as u64), ("amount", amount.into())])
    };
    let href =
        move || selected.with(|all| pay_href(account_id, &all.iter().map(|i| i.id).collect::<Vec<_>>()));
    view! {
        <SelectionBar selected=selected testid="pay-bar" label=move || tr("invoices-pay-bar-label") class="pay-bar" on_clear=on_clear>
            <A href=href attr:class="btn btn-primary selection-main" attr:data-testid="pay-bar-button">
                <IconSvg icon=Icon::Card />{label}
            </A>
        </SelectionBar>
    }
}
