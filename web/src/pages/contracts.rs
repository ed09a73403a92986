//! The contract list (C1-C3): filters and page in the URL, table or cards, CSV export.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::accounts::AccountSummary;
use shared::contracts::{ContractFilter, ContractSort, ContractStatus};
use shared::paging::SortDir;

use crate::api;
use crate::components::contracts_table::{ContractCards, ContractsTable, SORT_CHOICES};
use crate::components::downloads::CsvButton;
use crate::components::filter_bar::FilterBar;
use crate::components::icons::{Icon, IconSvg};
use crate::components::layout::use_current_account;
use crate::components::list_page::{SortSelect, list_results, use_list};
use crate::i18n::{terms_arg, tr, tr_with};
use crate::paths;
use crate::session::use_session;

#[component]
pub fn ContractsPage() -> impl IntoView {
    let current = use_current_account();
    move || current.get().map(|account| view! { <Contracts account=account /> })
}

/// A column header's first click: names and statuses read A to Z, dates and amounts newest
/// or largest first; a second click turns the order round.
fn sort_dir(current: &ContractFilter, column: ContractSort) -> SortDir {
    if current.sort == column {
        current.dir.reversed()
    } else if matches!(column, ContractSort::Number | ContractSort::Status) {
        SortDir::Asc
    } else {
        SortDir::Desc
    }
}

#[component]
fn Contracts(account: AccountSummary) -> impl IntoView {
    let session = use_session();
    let account_id = account.id;
    let terms = account.dealer.terminology;
    let locale = account.dealer.locale.clone();
    let list = use_list::<ContractFilter>(account_id, &[]);
    let filter = list.filter;
    let sort_by = Callback::new(move |column: ContractSort| {
        list.sort(column, filter.with_untracked(|f| sort_dir(f, column)));
    });
    let locations =
        LocalResource::new(
            move || async move { api::locations(session, account_id).await.unwrap_or_default() },
        );
    let locations = Signal::derive(move || locations.get().unwrap_or_default());

    let title = move || match filter.with(|f| f.status) {
        None => tr("contracts-title-all"),
        Some(ContractStatus::Open) => tr_with("contracts-title-open", &[terms_arg(terms)]),
        Some(ContractStatus::Reservation) => tr("contracts-title-reservations"),
        Some(ContractStatus::Quote) => tr("contracts-title-quotes"),
        Some(ContractStatus::Closed) => tr("contracts-title-closed"),
    };

    let empty = move || {
        view! {
            <div class="panel panel-empty" data-testid="empty-state">
                <IconSvg icon=Icon::Search class="panel-icon" />
                <div class="panel-body">
                    <h2 class="panel-title">{move || tr("contracts-empty-title")}</h2>
                    <p>{move || tr("contracts-empty-text")}</p>
                    <button class="btn btn-primary" type="button" data-testid="empty-clear" on:click=move |_| list.clear.run(())>
                        {move || tr("contracts-empty-clear")}
                    </button>
                </div>
            </div>
        }
        .into_any()
    };
    let rows = move |page: shared::paging::Page<_>| {
        let f = filter.get_untracked();
        view! {
            <ContractsTable items=page.items.clone() account_id=account_id filter=f.clone() locale=locale.clone() on_sort=sort_by />
            <ContractCards items=page.items account_id=account_id filter=f locale=locale.clone() />
        }
        .into_any()
    };

    view! {
        <section class="page" data-testid="contracts-page">
            <div class="page-head">
                <div>
                    <A href=paths::account_home(account_id) attr:class="back-link">
                        <IconSvg icon=Icon::ChevronLeft />{move || tr("nav-home")}
                    </A>
                    <h1 class="page-title">{title}</h1>
                </div>
                <CsvButton fetch=move || {
                    let f = filter.get_untracked();
                    Some(async move { api::list_csv(session, account_id, &f).await })
                } />
            </div>
            <FilterBar filter=filter locations=locations on_apply=list.apply on_clear=list.clear />
            <div class="list-tools phone-only">
                <SortSelect list=list choices=&SORT_CHOICES />
            </div>
            {list_results(list.rows, 6, empty, rows, list.to_page)}
        </section>
    }
}
