//! `/admin/customers`: the dealer's customers for its staff and admins (H2, H3). The server
//! searches and pages, so tens of thousands of customers cost one page at a time; search
//! (as you type, debounced), filters, sort and page live in the URL so back, reload and a
//! shared link show the same list. "Download CSV" saves exactly the filtered view. On a phone
//! the rows are cards.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use shared::admin_customers::{
    CustomerFilter, CustomerListRow, CustomerSort, Eligibility, EligibilityFilter, LocationKey, PortalStatus,
};
use shared::paging::{Page, SortDir};

use super::{local_time, set_title};
use crate::api;
use crate::components::filter_bar::{FilterActions, FiltersToggle, LocationSelect, SearchField, text_value};
use crate::components::icons::{Icon, IconSvg};
use crate::components::list_page::{ListControls, SortChoice, SortSelect, list_results, use_store_list};
use crate::components::status::Spinner;
use crate::i18n::{tr, tr_with};
use crate::paths;
use crate::session::use_session;

/// Keeps this list's address (with its query) in [`super::CustomerListUrl`] while it is
/// the page shown, for the customer page's back link.
fn remember_list_url() {
    let Some(super::CustomerListUrl(url)) = use_context::<super::CustomerListUrl>() else { return };
    let location = use_location();
    Effect::new(move |_| {
        if location.pathname.with(|p| p == paths::ADMIN_CUSTOMERS) {
            // `search` comes without its `?`.
            let query = location.search.get();
            url.set(if query.is_empty() {
                paths::ADMIN_CUSTOMERS.to_string()
            } else {
                format!("{}?{query}", paths::ADMIN_CUSTOMERS)
            });
        }
    });
}

/// How long typing must pause before the search runs.
const SEARCH_PAUSE: Duration = Duration::from_millis(350);

const SORTS: [SortChoice<CustomerSort>; 5] = [
    (CustomerSort::Name, SortDir::Asc, || tr("admin-customers-sort-name-az")),
    (CustomerSort::Name, SortDir::Desc, || tr("admin-customers-sort-name-za")),
    (CustomerSort::Number, SortDir::Asc, || tr("admin-customers-sort-number")),
    (CustomerSort::LastLogin, SortDir::Desc, || tr("admin-customers-sort-last-login")),
    (CustomerSort::Status, SortDir::Asc, || tr("admin-customers-portal-status")),
];

#[component]
pub fn AdminCustomersPage() -> impl IntoView {
    set_title(&tr("admin-tab-customers"));
    let session = use_session();
    let list = use_store_list(paths::ADMIN_CUSTOMERS, api::admin_customers);
    remember_list_url();
    let locations =
        LocalResource::new(move || async move { api::admin_locations(session).await.unwrap_or_default() });
    let csv_busy = RwSignal::new(false);
    let csv_error = RwSignal::new(None::<String>);

    let download = move |_| {
        csv_busy.set(true);
        csv_error.set(None);
        let filter = list.filter.get_untracked();
        leptos::task::spawn_local(async move {
            match api::admin_customers_csv(session, &filter).await {
                Ok(file) => {
                    if let Err(e) = crate::download::save_text(&file.filename, &file.content_type, &file.body)
                    {
                        csv_error.set(Some(e));
                    }
                }
                Err(e) => csv_error.set(Some(e.message())),
            }
            csv_busy.set(false);
        });
    };

    let empty = move || {
        let filtered = list.filter.with_untracked(is_filtered);
        view! { <CustomersEmpty filtered=filtered list=list /> }.into_any()
    };
    let render = |page: Page<CustomerListRow>| view! { <CustomerTable rows=page.items /> }.into_any();

    view! {
        <section class="page admin-page customers-page" data-testid="customers-page">
            <div class="page-head">
                <div>
                    <h1 class="page-title">{move || tr("admin-tab-customers")}</h1>
                    <p class="page-lead">{move || tr("admin-customers-lead")}</p>
                </div>
                <button type="button" class="btn btn-secondary" data-testid="customers-csv" disabled=move || csv_busy.get() on:click=download>
                    <Show when=move || csv_busy.get() fallback=|| view! { <IconSvg icon=Icon::Download /> }><Spinner /></Show>
                    {move || tr("admin-download-csv")}
                </button>
            </div>
            {move || csv_error.get().map(|e| view! { <p class="form-error" role="alert" data-testid="customers-csv-error">{e}</p> })}
            <CustomerFilters list=list locations=Signal::derive(move || locations.get().unwrap_or_default()) />
            <div class="list-tools">
                <SortSelect list=list choices=&SORTS />
            </div>
            {list_results(list.rows, 6, empty, render, list.to_page)}
        </section>
    }
}

/// Whether anything narrows the list (the sort does not).
fn is_filtered(f: &CustomerFilter) -> bool {
    f.q.is_some() || f.location.is_some() || f.eligibility.is_some() || f.portal_status.is_some()
}

/// No customers at all (none arrived from the back office yet), or none matching.
#[component]
fn CustomersEmpty(filtered: bool, list: ListControls<CustomerFilter>) -> impl IntoView {
    view! {
        <div class="panel panel-empty" data-testid=if filtered { "customers-no-match" } else { "customers-empty" }>
            <IconSvg icon=Icon::Users class="panel-icon" />
            <div class="panel-body">
                <h2 class="panel-title">
                    {move || if filtered { tr("admin-customers-no-match") } else { tr("admin-customers-empty") }}
                </h2>
                <p>
                    {move || if filtered {
                        tr("admin-customers-no-match-text")
                    } else {
                        tr("admin-customers-empty-text")
                    }}
                </p>
                {filtered.then(|| view! {
                    <button class="btn btn-secondary" type="button" data-testid="customers-clear" on:click=move |_| list.clear.run(())>
                        {move || tr("admin-customers-clear")}
                    </button>
                })}
            </div>
        </div>
    }
}

/// Draft values of the filter form; selects apply at once, the search box after a pause.
#[derive(Clone, Copy)]
struct Draft {
    q: RwSignal<String>,
    location: RwSignal<String>,
    eligibility: RwSignal<String>,
    status: RwSignal<String>,
}

impl Draft {
    fn load(&self, filter: &CustomerFilter) {
        // Only when it differs in substance, so a search that ran does not rewrite the box
        // under the cursor (a trailing space, say).
        if text_value(self.q) != filter.q {
            self.q.set(filter.q.clone().unwrap_or_default());
        }
        self.location.set(filter.location.as_ref().map(ToString::to_string).unwrap_or_default());
        self.eligibility.set(filter.eligibility.map(|e| e.as_str().to_string()).unwrap_or_default());
        self.status.set(filter.portal_status.map(|s| s.as_str().to_string()).unwrap_or_default());
    }

    /// The filter the form describes, keeping the current sort, from page 1.
    fn to_filter(self, current: &CustomerFilter) -> CustomerFilter {
        let eligibility = self.eligibility.get_untracked();
        CustomerFilter {
            q: text_value(self.q),
            location: text_value(self.location).map(|v| LocationKey::parse(&v)),
            eligibility: EligibilityFilter::ALL.into_iter().find(|e| e.as_str() == eligibility),
            portal_status: PortalStatus::parse(&self.status.get_untracked()),
            page: 1,
            ..current.clone()
        }
    }
}

/// The form's panel of secondary filters, named by the toggle's `aria-controls`.
const MORE_ID: &str = "customer-filters-more";

#[component]
fn CustomerFilters(
    list: ListControls<CustomerFilter>,
    locations: Signal<Vec<shared::accounts::Location>>,
) -> impl IntoView {
    let filter = list.filter;
    let draft = Draft {
        q: RwSignal::new(String::new()),
        location: RwSignal::new(String::new()),
        eligibility: RwSignal::new(String::new()),
        status: RwSignal::new(String::new()),
    };
    // Follow the URL (back button, "Clear").
    Effect::new(move |_| filter.with(|f| draft.load(f)));
    let apply = move || {
        let next = draft.to_filter(&filter.get_untracked());
        if next != filter.get_untracked() {
            list.apply.run(next);
        }
    };
    // Search as the person types, once they pause.
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let typed = draft.q.with(|q| Some(q.trim().to_string()).filter(|q| !q.is_empty()));
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        if typed == filter.with_untracked(|f| f.q.clone()) {
            return;
        }
        pending.set_value(set_timeout_with_handle(apply, SEARCH_PAUSE).ok());
    });
    let expanded = RwSignal::new(false);
    let active = Memo::new(move |_| {
        filter.with(|f| {
            [f.location.is_some(), f.eligibility.is_some(), f.portal_status.is_some()]
                .into_iter()
                .filter(|on| *on)
                .count()
        })
    });

    view! {
        <form
            class="filters customer-filters"
            class:filters-open=move || expanded.get()
            role="search"
            data-testid="customer-filters"
            on:submit=move |ev| {
                ev.prevent_default();
                apply();
            }
        >
            <SearchField placeholder=move || tr("admin-customers-search") value=draft.q />
            <FiltersToggle controls=MORE_ID expanded=expanded active=active />
            <div class="filters-more" id=MORE_ID>
                <LocationSelect locations=locations value=draft.location on_change=move |()| apply() />
                <ChoiceSelect
                    label=move || tr("admin-customers-eligibility")
                    testid="filter-eligibility"
                    any=move || tr("admin-customers-eligibility-any")
                    choices=vec![
                        ("eligible", TextProp::from(move || tr("admin-customers-eligible"))),
                        ("not_eligible", TextProp::from(move || tr("admin-customers-not-eligible"))),
                    ]
                    value=draft.eligibility
                    on_change=move |()| apply()
                />
                <ChoiceSelect
                    label=move || tr("admin-customers-portal-status")
                    testid="filter-portal-status"
                    any=move || tr("admin-customers-status-any")
                    choices=PortalStatus::ALL
                        .into_iter()
                        .map(|s| (s.as_str(), TextProp::from(move || portal_status_label(s))))
                        .collect()
                    value=draft.status
                    on_change=move |()| apply()
                />
                <FilterActions on_clear=list.clear />
            </div>
        </form>
    }
}

/// A drop-down filter of fixed choices `(value, label)`; a choice applies at once.
#[component]
fn ChoiceSelect(
    #[prop(into)] label: TextProp,
    testid: &'static str,
    #[prop(into)] any: TextProp,
    choices: Vec<(&'static str, TextProp)>,
    value: RwSignal<String>,
    #[prop(into)] on_change: Callback<()>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field-label">{move || label.get()}</span>
            <select
                class="input"
                data-testid=testid
                on:change=move |ev| {
                    value.set(event_target_value(&ev));
                    on_change.run(());
                }
            >
                <option value="" selected=move || value.get().is_empty()>{move || any.get()}</option>
                {choices
                    .into_iter()
                    .map(|(v, text)| view! { <option value=v selected=move || value.get() == v>{move || text.get()}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

pub fn portal_status_label(status: PortalStatus) -> String {
    match status {
        PortalStatus::Deactivated => tr("admin-portal-deactivated"),
        PortalStatus::Locked => tr("admin-portal-locked"),
        PortalStatus::Active => tr("admin-portal-active"),
        PortalStatus::Invited => tr("admin-portal-invited"),
        PortalStatus::NeverInvited => tr("admin-portal-never-invited"),
    }
}

/// The badge of a customer's portal status.
#[component]
pub fn PortalBadge(status: PortalStatus, #[prop(optional)] testid: Option<&'static str>) -> impl IntoView {
    view! {
        <span class=format!("badge badge-portal badge-portal-{}", status.as_str()) data-status=status.as_str() data-testid=testid>
            {move || portal_status_label(status)}
        </span>
    }
}

/// "Eligible", or "Not eligible" with every reason in words (H3).
#[component]
pub fn EligibilityText(eligibility: Eligibility) -> impl IntoView {
    if eligibility.eligible {
        view! { <span class="eligible-yes" data-testid="customer-eligibility">{move || tr("admin-customers-eligible")}</span> }.into_any()
    } else {
        view! {
            <div class="eligible-no" data-testid="customer-eligibility">
                <span class="eligible-no-title">{move || tr("admin-customers-not-eligible")}</span>
                <ul class="eligible-reasons">
                    {eligibility.explanations.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
                </ul>
            </div>
        }
        .into_any()
    }
}

/// The rows: a table on wider screens, cards on a phone (CSS).
#[component]
fn CustomerTable(rows: Vec<CustomerListRow>) -> impl IntoView {
    view! {
        <div class="table-wrap customers-wrap">
            <table class="data-table customers-table" data-testid="customers-table">
                <thead>
                    <tr>
                        <th scope="col">{move || tr("admin-customers-col-customer")}</th>
                        <th scope="col">{move || tr("admin-customers-col-location")}</th>
                        <th scope="col">{move || tr("admin-customers-eligibility")}</th>
                        <th scope="col">{move || tr("admin-customers-col-portal")}</th>
                        <th scope="col">{move || tr("admin-customers-col-last-login")}</th>
                    </tr>
                </thead>
                <tbody>{rows.into_iter().map(|row| view! { <CustomerRow row=row /> }).collect_view()}</tbody>
            </table>
        </div>
    }
}

#[component]
fn CustomerRow(row: CustomerListRow) -> impl IntoView {
    let href = paths::admin_customer(row.customer_id);
    let account_number = row.account_number.clone();
    let number = move || tr_with("admin-customers-number", &[("number", account_number.as_str().into())]);
    let location = row.location.as_ref().map_or_else(
        || view! { <span class="muted">{move || tr("admin-customers-no-store")}</span> }.into_any(),
        |l| view! { <span>{l.name.clone()}<span class="sub">{l.code.clone()}</span></span> }.into_any(),
    );
    let last_login_at = row.last_login_at;
    let last_login = move || last_login_at.map_or_else(|| tr("admin-never"), local_time);
    view! {
        <tr class="customer-row" data-testid="customer-row" data-number=row.account_number.clone() data-status=row.portal_status.as_str()>
            <td data-label=move || tr("admin-customers-col-customer") class="customer-cell">
                <A href=href attr:class="customer-link" attr:data-testid="customer-open">
                    <span class="customer-name">{row.name.clone()}</span>
                    <span class="sub">{number}</span>
                </A>
            </td>
            <td data-label=move || tr("admin-customers-col-location")>{location}</td>
            <td data-label=move || tr("admin-customers-eligibility")><EligibilityText eligibility=row.eligibility.clone() /></td>
            <td data-label=move || tr("admin-customers-col-portal")><PortalBadge status=row.portal_status testid="customer-status" /></td>
            <td data-label=move || tr("admin-customers-col-last-login") data-testid="customer-last-login">{last_login}</td>
        </tr>
    }
}
