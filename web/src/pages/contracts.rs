//! The contract list (C1-C3): filters and page in the URL, table or cards, CSV export.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::contracts::{ContractFilter, ContractSort, ContractStatus};
use shared::paging::SortDir;

use crate::api;
use crate::components::contracts_table::{ContractCards, ContractsTable, SORT_CHOICES};
use crate::components::downloads::CsvButton;
use crate::components::filter_bar::FilterBar;
use crate::components::icons::{Icon, IconSvg};
use crate::components::layout::use_current_account;
use crate::components::pager::Pager;
use crate::components::status::{ErrorPanel, SkeletonList};
use crate::contract_query::{self, list_href};
use crate::paths;
use crate::session::use_session;

#[component]
pub fn ContractsPage() -> impl IntoView {
    let session = use_session();
    let current = use_current_account();
    let query = use_query_map();
    let navigate = use_navigate();
    let filter = Memo::new(move |_| query.with(contract_query::from_query));

    let go = move |next: ContractFilter| {
        if let Some(id) = current.id() {
            navigate(&list_href(id, &next), Default::default());
        }
    };
    let go = StoredValue::new(go);
    let apply = Callback::new(move |next: ContractFilter| go.with_value(|go| go(next)));
    let clear = Callback::new(move |()| {
        let f = filter.get_untracked();
        apply.run(ContractFilter { sort: f.sort, dir: f.dir, ..Default::default() })
    });
    let sort_by = Callback::new(move |column: ContractSort| {
        let f = filter.get_untracked();
        let dir = if f.sort == column {
            match f.dir {
                SortDir::Asc => SortDir::Desc,
                SortDir::Desc => SortDir::Asc,
            }
        } else if matches!(column, ContractSort::Number | ContractSort::Status) {
            SortDir::Asc
        } else {
            SortDir::Desc
        };
        apply.run(ContractFilter { sort: column, dir, page: 1, ..f })
    });
    let to_page =
        Callback::new(move |page: u32| apply.run(ContractFilter { page, ..filter.get_untracked() }));

    let contracts = LocalResource::new(move || {
        let f = filter.get();
        let id = current.id();
        async move {
            match id {
                Some(id) => api::contracts(session, id, &f).await,
                None => Err(api::ApiError::SignedOut),
            }
        }
    });
    let locations = LocalResource::new(move || {
        let id = current.id();
        async move {
            match id {
                Some(id) => api::locations(session, id).await.unwrap_or_default(),
                None => Vec::new(),
            }
        }
    });
    let locations = Signal::derive(move || locations.get().unwrap_or_default());

    let title = move || {
        let terms = current.get().map(|a| a.dealer.terminology).unwrap_or_default();
        match filter.with(|f| f.status) {
            None => "All contracts",
            Some(ContractStatus::Open) => terms.my_items(),
            Some(ContractStatus::Reservation) => "Reservations",
            Some(ContractStatus::Quote) => "Quotes",
            Some(ContractStatus::Closed) => "Closed contracts",
        }
    };

    let list = move || {
        Suspend::new(async move {
            let result = contracts.await;
            let f = filter.get_untracked();
            let (Some(account_id), locale) = (current.id(), current.locale()) else {
                return ().into_any();
            };
            match result {
                Err(error) => view! { <ErrorPanel error=error on_retry=move |()| contracts.refetch() /> }.into_any(),
                Ok(page) if page.items.is_empty() => view! {
                    <div class="panel panel-empty" data-testid="empty-state">
                        <IconSvg icon=Icon::Search class="panel-icon" />
                        <div class="panel-body">
                            <h2 class="panel-title">"No contracts match these filters"</h2>
                            <p>"Try a wider date range or fewer filters."</p>
                            <button class="btn btn-primary" type="button" data-testid="empty-clear" on:click=move |_| clear.run(())>
                                "Clear filters"
                            </button>
                        </div>
                    </div>
                }.into_any(),
                Ok(page) => {
                    let page_count = page.page_count();
                    view! {
                        <ContractsTable items=page.items.clone() account_id=account_id filter=f.clone() locale=locale.clone() on_sort=sort_by />
                        <ContractCards items=page.items account_id=account_id filter=f locale=locale />
                        <Pager page=page.page per_page=page.per_page total=page.total page_count=page_count on_page=to_page />
                    }.into_any()
                }
            }
        })
    };

    view! {
        <section class="page" data-testid="contracts-page">
            <div class="page-head">
                <div>
                    <A href=move || current.id().map(paths::account_home).unwrap_or_default() attr:class="back-link">
                        <IconSvg icon=Icon::ChevronLeft />"Home"
                    </A>
                    <h1 class="page-title">{title}</h1>
                </div>
                <CsvButton fetch=move || {
                    let account_id = current.id()?;
                    let f = filter.get_untracked();
                    Some(async move { api::contracts_csv(session, account_id, &f).await })
                } />
            </div>
            <FilterBar filter=filter locations=locations on_apply=apply on_clear=clear />
            <div class="list-tools phone-only">
                <label class="field field-inline">
                    <span class="field-label"><IconSvg icon=Icon::Sort />"Sort"</span>
                    <select
                        class="input"
                        data-testid="sort-select"
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            if let Some((sort, dir, _)) = SORT_CHOICES.iter().find(|(s, d, _)| sort_value(*s, *d) == value) {
                                apply.run(ContractFilter { sort: *sort, dir: *dir, page: 1, ..filter.get_untracked() });
                            }
                        }
                    >
                        {SORT_CHOICES.iter().map(|(sort, dir, label)| {
                            let value = sort_value(*sort, *dir);
                            let (sort, dir) = (*sort, *dir);
                            view! {
                                <option value=value selected=move || filter.with(|f| f.sort == sort && f.dir == dir)>{*label}</option>
                            }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <Suspense fallback=|| view! { <SkeletonList /> }>{list}</Suspense>
        </section>
    }
}

fn sort_value(sort: ContractSort, dir: SortDir) -> String {
    format!("{}:{}", sort.as_str(), dir.as_str())
}
