//! The contract list: a sortable table on desktop and cards on phones, same data.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::contracts::{ContractFilter, ContractSort, ContractSummary};
use shared::paging::SortDir;
use uuid::Uuid;

use crate::components::icons::{Icon, IconSvg};
use crate::components::list_page::SortChoice;
use crate::components::status::StatusBadge;
use crate::format;
use crate::i18n::{Label, tr};
use crate::paths;
use crate::url_query;

/// Link to a contract that carries the list's filters, so "Back" restores them.
pub fn detail_href(account_id: Uuid, contract_id: Uuid, filter: &ContractFilter) -> String {
    url_query::href(paths::contract(account_id, contract_id), &url_query::to_query(filter))
}

/// Sort choices offered on phones, where there are no column headers.
pub const SORT_CHOICES: [SortChoice<ContractSort>; 8] = [
    (ContractSort::StartDate, SortDir::Desc, || tr("contract-list-sort-newest-start")),
    (ContractSort::StartDate, SortDir::Asc, || tr("contract-list-sort-oldest-start")),
    (ContractSort::CloseDate, SortDir::Desc, || tr("contract-list-sort-latest-close")),
    (ContractSort::Number, SortDir::Asc, || tr("contract-list-sort-number")),
    (ContractSort::Amount, SortDir::Desc, || tr("contract-list-sort-amount")),
    (ContractSort::AmountDue, SortDir::Desc, || tr("contract-list-sort-amount-due")),
    (ContractSort::Status, SortDir::Asc, || tr("contract-list-sort-status")),
    (ContractSort::Number, SortDir::Desc, || tr("contract-list-sort-number-desc")),
];

#[component]
pub fn ContractsTable(
    items: Vec<ContractSummary>,
    account_id: Uuid,
    filter: ContractFilter,
    locale: String,
    #[prop(into)] on_sort: Callback<ContractSort>,
) -> impl IntoView {
    let header = |label: Label, column: ContractSort, numeric: bool| {
        let active = filter.sort == column;
        let aria = match (active, filter.dir) {
            (false, _) => "none",
            (true, SortDir::Asc) => "ascending",
            (true, SortDir::Desc) => "descending",
        };
        let arrow = match (active, filter.dir) {
            (false, _) => "",
            (true, SortDir::Asc) => "▲",
            (true, SortDir::Desc) => "▼",
        };
        view! {
            <th scope="col" aria-sort=aria class:num=numeric>
                <button
                    type="button"
                    class="th-sort"
                    class:active=active
                    data-testid=format!("sort-{}", column.as_str())
                    on:click=move |_| on_sort.run(column)
                >
                    {label}
                    <span class="sort-arrow" aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };

    let rows = items
        .into_iter()
        .map(|c| {
            let href = detail_href(account_id, c.id, &filter);
            let number = c.number.clone();
            view! {
                <tr data-testid="contract-row" data-contract-number=c.number.clone()>
                    <td>
                        <A href=href attr:class="contract-number" attr:data-testid="contract-link">
                            {number}
                        </A>
                    </td>
                    <td><StatusBadge status=c.status /></td>
                    <td class="nowrap">{format::date(c.start_date, &locale)}</td>
                    <td class="nowrap">{format::opt_date(c.close_date, &locale)}</td>
                    <td>{c.location.name.clone()}</td>
                    <td>{format::opt_text(&c.job_number)}</td>
                    <td>{format::opt_text(&c.po_number)}</td>
                    <td class="num">{format::money(&c.amount)}</td>
                    <td class="num" class:due={c.amount_due.minor > 0}>{format::money(&c.amount_due)}</td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <div class="table-wrap desktop-only">
            <table class="data-table" data-testid="contracts-table">
                <thead>
                    <tr>
                        {header(|| tr("contract-list-contract"), ContractSort::Number, false)}
                        {header(|| tr("contract-list-status"), ContractSort::Status, false)}
                        {header(|| tr("contract-list-start"), ContractSort::StartDate, false)}
                        {header(|| tr("contract-list-closed"), ContractSort::CloseDate, false)}
                        <th scope="col">{move || tr("contract-list-location")}</th>
                        <th scope="col">{move || tr("contract-list-job")}</th>
                        <th scope="col">{move || tr("contract-list-po")}</th>
                        {header(|| tr("contract-list-amount"), ContractSort::Amount, true)}
                        {header(|| tr("contract-list-amount-due"), ContractSort::AmountDue, true)}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
pub fn ContractCards(
    items: Vec<ContractSummary>,
    account_id: Uuid,
    filter: ContractFilter,
    locale: String,
) -> impl IntoView {
    view! {
        <ul class="card-list phone-only">
            {items
                .into_iter()
                .map(|c| {
                    let href = detail_href(account_id, c.id, &filter);
                    let number = c.number.clone();
                    let start = format::date(c.start_date, &locale);
                    let closed = format::opt_date(c.close_date, &locale);
                    let (job, po) = (format::opt_text(&c.job_number), format::opt_text(&c.po_number));
                    let (amount, due) = (format::money(&c.amount), format::money(&c.amount_due));
                    let is_due = c.amount_due.minor > 0;
                    let location = c.location.name.clone();
                    view! {
                        <li class="contract-card" data-testid="contract-card" data-contract-number=c.number.clone()>
                            <A href=href attr:class="card-link" attr:data-testid="contract-link">
                                <div class="card-top">
                                    <span class="contract-number">{number}</span>
                                    <StatusBadge status=c.status />
                                </div>
                                <dl class="card-facts">
                                    <div><dt>{move || tr("contract-list-start")}</dt><dd>{start}</dd></div>
                                    <div><dt>{move || tr("contract-list-closed")}</dt><dd>{closed}</dd></div>
                                    <div><dt>{move || tr("contract-list-location")}</dt><dd>{location}</dd></div>
                                    <div><dt>{move || tr("contract-list-job")}</dt><dd>{job}</dd></div>
                                    <div><dt>{move || tr("contract-list-po")}</dt><dd>{po}</dd></div>
                                </dl>
                                <div class="card-money">
                                    <div><span class="money-label">{move || tr("contract-list-amount")}</span><span class="money">{amount}</span></div>
                                    <div class:due=is_due><span class="money-label">{move || tr("contract-list-amount-due")}</span><span class="money">{due}</span></div>
                                    <IconSvg icon=Icon::ChevronRight class="card-chevron" />
                                </div>
                            </A>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
