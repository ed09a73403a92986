//! `/admin/requests`: the store's inbox of call-off, service, extension and book-again
//! requests (H7). Open requests first, oldest waiting first; filters and page in the URL so
//! a link or the back button restores the view.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use shared::requests::{RequestKind, RequestStatus, RequestSummary};
use uuid::Uuid;

use super::{RequestBadge, age_text, day, kind_text, local_day, set_title};
use crate::api;
use crate::components::icons::{Icon, IconSvg};
use crate::components::pager::Pager;
use crate::components::status::{ErrorPanel, SkeletonList};
use crate::i18n::{Label, count_arg, tr, tr_with};
use crate::paths;
use crate::session::use_session;

const PER_PAGE: u32 = 25;

/// The inbox's filters as they stand in the URL.
#[derive(Debug, Clone, Default, PartialEq)]
struct InboxFilter {
    /// `None`: open (the default); `Some(None)`: all; `Some(Some(s))`: that status.
    status: Option<Option<RequestStatus>>,
    kind: Option<RequestKind>,
    location_id: Option<Uuid>,
    page: u32,
}

impl InboxFilter {
    fn from_query(query: &ParamsMap) -> Self {
        let status = match query.get("status").as_deref() {
            None | Some("") | Some("open") => None,
            Some("all") => Some(None),
            Some(other) => RequestStatus::parse(other).map(Some),
        };
        Self {
            status,
            kind: query.get("kind").as_deref().and_then(RequestKind::parse),
            location_id: query.get("location_id").and_then(|v| Uuid::parse_str(&v).ok()),
            page: query.get("page").and_then(|p| p.parse().ok()).filter(|p| *p > 0).unwrap_or(1),
        }
    }

    fn status_value(&self) -> &'static str {
        match self.status {
            None => "open",
            Some(None) => "all",
            Some(Some(s)) => s.as_str(),
        }
    }

    /// The URL's query: defaults left out.
    fn url_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if self.status.is_some() {
            pairs.push(("status", self.status_value().to_string()));
        }
        if let Some(kind) = self.kind {
            pairs.push(("kind", kind.as_str().to_string()));
        }
        if let Some(id) = self.location_id {
            pairs.push(("location_id", id.to_string()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        pairs
    }

    fn api_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = self.url_pairs();
        pairs.retain(|(k, _)| *k != "status" && *k != "page");
        pairs.push(("status", self.status_value().to_string()));
        pairs.push(("page", self.page.max(1).to_string()));
        pairs.push(("per_page", PER_PAGE.to_string()));
        pairs
    }

    fn href(&self) -> String {
        let query = self
            .url_pairs()
            .into_iter()
            .map(|(k, v)| format!("{k}={}", String::from(js_sys::encode_uri_component(&v))))
            .collect::<Vec<_>>()
            .join("&");
        paths::admin_requests_filtered(&query)
    }

    fn is_default(&self) -> bool {
        self.status.is_none() && self.kind.is_none() && self.location_id.is_none()
    }
}

#[component]
pub fn AdminRequestsPage() -> impl IntoView {
    set_title(&tr("admin-tab-requests"));
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    let filter = Memo::new(move |_| query.with(InboxFilter::from_query));
    let go = StoredValue::new(move |next: InboxFilter| navigate(&next.href(), Default::default()));
    let apply = Callback::new(move |next: InboxFilter| go.with_value(|go| go(next)));

    let requests = LocalResource::new(move || {
        let pairs = filter.get().api_pairs();
        async move { api::admin_requests(session, &pairs).await }
    });
    let locations =
        LocalResource::new(move || async move { api::admin_locations(session).await.unwrap_or_default() });

    let title = move || match filter.with(|f| f.status) {
        None => tr("admin-requests-title-open"),
        Some(None) => tr("admin-requests-title-all"),
        Some(Some(_)) => tr("admin-tab-requests"),
    };
    let lead = move || match filter.with(|f| f.status) {
        None => tr("admin-requests-lead-open"),
        _ => tr("admin-requests-lead-newest"),
    };

    let list = move || {
        Suspend::new(async move {
            let result = requests.await;
            let f = filter.get_untracked();
            match result {
                Err(error) => {
                    view! { <ErrorPanel error=error on_retry=move |()| requests.refetch() /> }.into_any()
                }
                Ok(page) if page.items.is_empty() => {
                    view! { <InboxEmpty filtered=!f.is_default() apply=apply /> }.into_any()
                }
                Ok(page) => {
                    let page_count = page.page_count();
                    let to_page = Callback::new(move |p: u32| {
                        apply.run(InboxFilter { page: p, ..filter.get_untracked() })
                    });
                    view! {
                        <InboxList items=page.items />
                        <Pager page=page.page per_page=page.per_page total=page.total page_count=page_count on_page=to_page />
                    }
                    .into_any()
                }
            }
        })
    };

    view! {
        <section class="page admin-page" data-testid="inbox-page">
            <div class="page-head">
                <div>
                    <h1 class="page-title">{title}</h1>
                    <p class="page-lead">{lead}</p>
                </div>
                <button
                    type="button"
                    class="btn btn-secondary"
                    data-testid="inbox-refresh"
                    aria-label=move || tr("admin-refresh")
                    on:click=move |_| requests.refetch()
                >
                    <IconSvg icon=Icon::Refresh />
                    <span class="btn-text">{move || tr("admin-refresh")}</span>
                </button>
            </div>
            <InboxFilters filter=filter apply=apply locations=locations />
            <Suspense fallback=|| view! { <SkeletonList /> }>{list}</Suspense>
        </section>
    }
}

/// The empty inbox: nothing waiting, or nothing matching the filters (with a way back).
#[component]
fn InboxEmpty(filtered: bool, apply: Callback<InboxFilter>) -> impl IntoView {
    view! {
        <div class="panel panel-empty" data-testid="inbox-empty">
            <IconSvg icon=Icon::Inbox class="panel-icon" />
            <div class="panel-body">
                <h2 class="panel-title">
                    {move || if filtered { tr("admin-requests-no-match") } else { tr("admin-requests-empty") }}
                </h2>
                <p>
                    {move || if filtered {
                        tr("admin-requests-no-match-text")
                    } else {
                        tr("admin-requests-empty-text")
                    }}
                </p>
                {filtered.then(|| view! {
                    <button class="btn btn-secondary" type="button" on:click=move |_| apply.run(InboxFilter::default())>
                        {move || tr("admin-requests-show-open")}
                    </button>
                })}
            </div>
        </div>
    }
}

/// The inbox's filters: status, kind and location; each change applies at once.
#[component]
fn InboxFilters(
    filter: Memo<InboxFilter>,
    apply: Callback<InboxFilter>,
    locations: LocalResource<Vec<shared::accounts::Location>>,
) -> impl IntoView {
    view! {
    <form class="admin-filters" role="search" on:submit=|ev| ev.prevent_default()>
        <label class="field">
            <span class="field-label">{move || tr("admin-requests-filter-status")}</span>
            <select
                class="input"
                name="status"
                data-testid="inbox-filter-status"
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let status = match value.as_str() {
                        "open" => None,
                        "all" => Some(None),
                        other => RequestStatus::parse(other).map(Some),
                    };
                    apply.run(InboxFilter { status, page: 1, ..filter.get_untracked() });
                }
            >
                <option value="open" selected=move || filter.with(|f| f.status.is_none())>{move || tr("admin-requests-filter-open")}</option>
                {RequestStatus::ALL
                    .into_iter()
                    .map(|s| view! {
                        <option value=s.as_str() selected=move || filter.with(|f| f.status == Some(Some(s)))>
                            {move || super::status_label(s)}
                        </option>
                    })
                    .collect_view()}
                <option value="all" selected=move || filter.with(|f| f.status == Some(None))>{move || tr("admin-requests-filter-all")}</option>
            </select>
        </label>
        <label class="field">
            <span class="field-label">{move || tr("admin-requests-filter-kind")}</span>
            <select
                class="input"
                name="kind"
                data-testid="inbox-filter-kind"
                on:change=move |ev| {
                    let kind = RequestKind::parse(&event_target_value(&ev));
                    apply.run(InboxFilter { kind, page: 1, ..filter.get_untracked() });
                }
            >
                <option value="" selected=move || filter.with(|f| f.kind.is_none())>{move || tr("admin-requests-filter-all-kinds")}</option>
                {RequestKind::ALL
                    .into_iter()
                    .map(|k| view! {
                        <option value=k.as_str() selected=move || filter.with(|f| f.kind == Some(k))>
                            {move || super::kind_label(k)}
                        </option>
                    })
                    .collect_view()}
            </select>
        </label>
        <label class="field">
            <span class="field-label">{move || tr("admin-requests-filter-location")}</span>
            <select
                class="input"
                name="location_id"
                data-testid="inbox-filter-location"
                on:change=move |ev| {
                    let location_id = Uuid::parse_str(&event_target_value(&ev)).ok();
                    apply.run(InboxFilter { location_id, page: 1, ..filter.get_untracked() });
                }
            >
                <option value="" selected=move || filter.with(|f| f.location_id.is_none())>{move || tr("admin-requests-filter-all-locations")}</option>
                {move || {
                    locations
                        .get()
                        .unwrap_or_default()
                        .into_iter()
                        .map(|l| {
                            let id = l.id;
                            view! {
                                <option value=id.to_string() selected=move || filter.with(|f| f.location_id == Some(id))>
                                    {l.name}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    </form>
    }
}

/// One responsive list: cards on phones, a table-like grid on wider screens.
#[component]
fn InboxList(items: Vec<RequestSummary>) -> impl IntoView {
    view! {
        <div class="inbox" data-testid="inbox-list">
            <div class="inbox-head desktop-grid" aria-hidden="true">
                <span>{move || tr("admin-requests-col-request")}</span>
                <span>{move || tr("admin-requests-col-customer")}</span>
                <span>{move || tr("admin-requests-col-items")}</span>
                <span>{move || tr("admin-requests-col-date")}</span>
                <span>{move || tr("admin-requests-col-status")}</span>
            </div>
            <ul class="inbox-rows">
                {items.into_iter().map(|r| view! { <InboxRow request=r /> }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn InboxRow(request: RequestSummary) -> impl IntoView {
    let href = paths::admin_request(request.id);
    let summary = request.clone();
    let items = move || items_summary(&summary);
    let (date_label, date): (Label, String) = match (request.scheduled_date, request.pickup_date) {
        (Some(d), _) => (|| tr("admin-requests-date-scheduled"), day(d)),
        (None, Some(d)) => (|| tr("admin-requests-date-pickup"), day(d)),
        (None, None) => (|| tr("admin-requests-date-received"), local_day(request.created_at)),
    };
    let (status, created_at, updated_at) = (request.status, request.created_at, request.updated_at);
    let age = move || age_text(status, created_at, updated_at);
    let open = request.status.is_open();
    let location = request.location.as_ref().map(|l| l.name.clone());
    let (number, kind) = (request.number.clone(), request.kind);
    let number_attr = number.clone();
    let service_kind = request.service_kind;
    let kind_line = move || kind_text(kind, service_kind);
    let customer = request.customer.name.clone();
    let account_number = request.customer.account_number.clone();
    let account = move || tr_with("admin-account-number", &[("number", account_number.as_str().into())]);
    view! {
        <li
            class="inbox-row"
            class:inbox-row-new=status == RequestStatus::Requested
            data-testid="inbox-row"
            data-request-number=number_attr
            data-status=status.as_str()
        >
            <A href=href attr:class="inbox-link">
                <span class="inbox-cell inbox-id">
                    <span class="inbox-number">{number}</span>
                    <span class="inbox-kind">{kind_line}</span>
                </span>
                <span class="inbox-cell inbox-customer">
                    <span class="inbox-strong">{customer}</span>
                    <span class="inbox-sub">
                        {account}
                        {location.map(|l| format!(" · {l}"))}
                    </span>
                </span>
                <span class="inbox-cell inbox-items">{items}</span>
                <span class="inbox-cell inbox-date">
                    <span class="inbox-sub">{date_label}</span>
                    <span class="inbox-strong">{date}</span>
                </span>
                <span class="inbox-cell inbox-state">
                    <RequestBadge status=status kind=kind />
                    <span class="inbox-age" class:inbox-age-open=open data-testid="inbox-age">{age}</span>
                </span>
                <IconSvg icon=Icon::ChevronRight class="inbox-chevron" />
            </A>
        </li>
    }
}

/// "Mini excavator + 2 more", "General service call".
fn items_summary(r: &RequestSummary) -> String {
    match (&r.first_item, r.line_count) {
        (_, 0) => tr("admin-requests-general-call"),
        (Some(first), 1) => first.clone(),
        (Some(first), n) => {
            let args = [("first", first.as_str().into()), count_arg(u64::from(n) - 1)];
            tr_with("admin-requests-first-and-more", &args)
        }
        (None, n) => tr_with("admin-requests-items", &[count_arg(u64::from(n))]),
    }
}
