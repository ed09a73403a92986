//! `/a/:account_id/requests` and `/a/:account_id/requests/:request_id` (D3): the account's
//! requests with their status, and one request's timeline — requested, acknowledged,
//! scheduled, picked up or cancelled — with a way to withdraw it until the store acts.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use shared::accounts::AccountSummary;
use shared::branding::Terminology;
use shared::paging::Page;
use shared::requests::{
    ActorKind, CancelRequestInput, RequestDetail, RequestKind, RequestStatus, RequestSummary,
};
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::icons::{Icon, IconSvg};
use crate::components::layout::use_current_account;
use crate::components::list_page::{ViewTabs, list_results};
use crate::components::requests::{RequestStatusBadge, kind_label, status_label};
use crate::components::status::{ErrorPanel, SkeletonList};
use crate::format;
use crate::paths;
use crate::session::use_session;
use crate::url_query;
use crate::when;

/// The list's tabs: (URL value, label); the empty value is every request.
const TABS: [(&str, &str); 4] =
    [("", "All"), ("open", "Open"), ("completed", "Completed"), ("cancelled", "Cancelled")];

#[component]
pub fn RequestsPage() -> impl IntoView {
    let current = use_current_account();
    move || current.get().map(|account| view! { <Requests account=account /> })
}

#[component]
fn Requests(account: AccountSummary) -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    let account_id = account.id;
    let terms = account.dealer.terminology;
    let locale = account.dealer.locale.clone();
    let status = Memo::new(move |_| {
        query.with(|q| q.get("status").filter(|s| TABS.iter().any(|(v, _)| v == s)).unwrap_or_default())
    });
    let page = Memo::new(move |_| query.with(url_query::page));
    let go = StoredValue::new(move |status: String, page: u32| {
        let mut pairs = Vec::new();
        if !status.is_empty() {
            pairs.push(format!("status={status}"));
        }
        if page > 1 {
            pairs.push(format!("page={page}"));
        }
        navigate(&url_query::href(paths::requests(account_id), &pairs.join("&")), Default::default());
    });
    let to_page = Callback::new(move |p: u32| go.with_value(|go| go(status.get_untracked(), p)));
    let requests = LocalResource::new(move || {
        let (status, page) = (status.get(), page.get());
        async move {
            let status = (!status.is_empty()).then_some(status);
            api::account_requests(session, account_id, status.as_deref(), page).await
        }
    });
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title("My requests");
    }
    let empty = move || {
        view! {
            <div class="panel panel-empty" data-testid="empty-state">
                <IconSvg icon=Icon::List class="panel-icon" />
                <div class="panel-body">
                    <h2 class="panel-title">"No requests here"</h2>
                    <p>{format!("Requests you send from {} show here with their status.", terms.my_items())}</p>
                    <A href=paths::rentals(account_id) attr:class="btn btn-primary">{terms.my_items()}</A>
                </div>
            </div>
        }
        .into_any()
    };
    let rows = move |p: Page<RequestSummary>| {
        view! {
            <ul class="card-list myreq-list" data-testid="request-list">
                {p.items.into_iter().map(|r| view! { <RequestRow request=r account_id=account_id locale=locale.clone() terms=terms /> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="page requests-page" data-testid="requests-page">
            <div class="page-head">
                <div>
                    <A href=paths::account_home(account_id) attr:class="back-link"><IconSvg icon=Icon::ChevronLeft />"Home"</A>
                    <h1 class="page-title">"My requests"</h1>
                </div>
                <A href=paths::service(account_id) attr:class="btn btn-secondary" attr:data-testid="new-service-call">"New service call"</A>
            </div>
            <ViewTabs label="Which requests" testid="request-tabs"
                tabs=TABS.iter().map(|(value, label)| {
                    (value.to_string(), format!("requests-tab-{}", if value.is_empty() { "all" } else { value }), *label)
                }).collect()
                active=status
                on_pick=move |value: String| go.with_value(|go| go(value, 1)) />
            {list_results(requests, 4, empty, rows, to_page)}
        </section>
    }
}

fn items_summary(first: Option<&str>, count: u32) -> String {
    match (first, count) {
        (_, 0) | (None, _) => "General service call".to_string(),
        (Some(first), 1) => first.to_string(),
        (Some(first), n) => format!("{first} + {} more", n - 1),
    }
}

#[component]
fn RequestRow(
    request: RequestSummary,
    account_id: Uuid,
    locale: String,
    terms: Terminology,
) -> impl IntoView {
    let r = request;
    let when_text = match (r.kind, r.scheduled_date, r.pickup_date) {
        (_, Some(d), _) => Some(format!("Scheduled {}", format::date(d, &locale))),
        (RequestKind::CallOff, None, Some(d)) => Some(format!("Pickup {}", format::date(d, &locale))),
        _ => None,
    };
    let kind_text = match r.service_kind {
        Some(k) => format!("{} · {}", kind_label(r.kind, terms), k.label()),
        None => kind_label(r.kind, terms).to_string(),
    };
    let number = r.number.clone();
    view! {
        <li class="my-request-card" data-testid="request-row" data-request-id=r.id.to_string() data-request-number=r.number.clone()
            data-kind=r.kind.as_str()>
            <A href=paths::request(account_id, r.id) attr:class="card-link myreq-link">
                <div class="card-top">
                    <span class="myreq-number" data-testid="request-number">{number}</span>
                    <RequestStatusBadge kind=r.kind status=r.status />
                </div>
                <p class="myreq-kind">{kind_text}</p>
                <p class="myreq-items">{items_summary(r.first_item.as_deref(), r.line_count)}</p>
                <p class="myreq-meta">
                    <span data-testid="request-created">{format!("Sent {}", when::timestamp(r.created_at, &locale))}</span>
                    {when_text.map(|t| view! { <span>{t}</span> })}
                </p>
                <IconSvg icon=Icon::ChevronRight class="card-chevron myreq-chevron" />
            </A>
        </li>
    }
}

// ---- Detail --------------------------------------------------------------------------

#[component]
pub fn RequestDetailPage() -> impl IntoView {
    let current = use_current_account();
    move || current.get().map(|account| view! { <RequestDetailScreen account=account /> })
}

#[component]
fn RequestDetailScreen(account: AccountSummary) -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let account_id = account.id;
    let request_id =
        Memo::new(move |_| params.read().get("request_id").and_then(|v| Uuid::parse_str(&v).ok()));
    let request = LocalResource::new(move || {
        let id = request_id.get();
        async move {
            match id {
                Some(id) => api::account_request(session, account_id, id).await,
                None => {
                    Err(ApiError::Problem(shared::error::Problem::new(shared::error::ErrorCode::NotFound)))
                }
            }
        }
    });
    // After a cancel the answer replaces what was loaded.
    let updated = RwSignal::new(None::<RequestDetail>);
    let terms = account.dealer.terminology;
    let locale = account.dealer.locale.clone();
    let body = move || {
        let locale = locale.clone();
        Suspend::new(async move {
            match request.await {
                Err(e) if e.is_not_found() => view! {
                    <div class="panel panel-empty" data-testid="request-not-found">
                        <div class="panel-body">
                            <h1 class="panel-title">"Request not found"</h1>
                            <p>"This request does not exist or is not on this account."</p>
                            <A href=paths::requests(account_id) attr:class="btn btn-primary">"My requests"</A>
                        </div>
                    </div>
                }
                .into_any(),
                Err(e) => view! { <ErrorPanel error=e on_retry=move |()| request.refetch() /> }.into_any(),
                Ok(loaded) => {
                    let locale = locale.clone();
                    view! {
                        {move || {
                            let detail = updated.get().filter(|u| u.summary.id == loaded.summary.id).unwrap_or_else(|| loaded.clone());
                            view! { <Detail detail=detail account_id=account_id locale=locale.clone() terms=terms updated=updated on_reload=move || request.refetch() /> }
                        }}
                    }
                    .into_any()
                }
            }
        })
    };
    view! {
        <section class="page myreq-detail-page" data-testid="request-detail-page">
            <A href=paths::requests(account_id) attr:class="back-link" attr:data-testid="back-to-requests">
                <IconSvg icon=Icon::ChevronLeft />"My requests"
            </A>
            <Suspense fallback=|| view! { <SkeletonList rows=4 /> }>{body}</Suspense>
        </section>
    }
}

#[component]
fn Detail(
    detail: RequestDetail,
    account_id: Uuid,
    locale: String,
    terms: Terminology,
    updated: RwSignal<Option<RequestDetail>>,
    on_reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let s = detail.summary.clone();
    let kind = s.kind;
    let cancelling = RwSignal::new(false);
    let mut facts: Vec<(&'static str, String, &'static str)> = vec![
        ("Sent", when::timestamp(s.created_at, &locale), "request-created"),
        ("By", detail.created_by_name.clone(), "request-by"),
    ];
    if let Some(l) = &s.location {
        facts.push(("Store", l.name.clone(), "request-store"));
    }
    if let Some(k) = s.service_kind {
        facts.push(("Service", k.label().to_string(), "request-service-kind"));
    }
    if let Some(d) = s.pickup_date {
        facts.push(("Pickup date", format::date(d, &locale), "request-pickup-date"));
    }
    if let Some(w) = detail.pickup_window.clone().filter(|w| !w.trim().is_empty()) {
        facts.push(("Time window", w, "request-window"));
    }
    if let Some(d) = s.scheduled_date {
        facts.push(("Scheduled for", format::date(d, &locale), "request-scheduled-date"));
    }
    if let Some(d) = detail.billing_stop_date {
        facts.push(("Billing stops from", format::date(d, &locale), "request-billing-stop"));
    }
    if let Some(d) = detail.requested_date {
        let label = if kind == RequestKind::BookAgain { "Start date" } else { "New return date" };
        facts.push((label, format::date(d, &locale), "request-requested-date"));
    }
    if let Some(d) = detail.requested_end_date {
        facts.push(("End date", format::date(d, &locale), "request-end-date"));
    }
    if let Some(a) = detail.site_address.clone().filter(|a| !a.trim().is_empty()) {
        facts.push(("Site", a, "request-site"));
    }
    let c = &detail.contact;
    let contact = [Some(c.name.clone()), c.phone.clone(), Some(c.email.clone())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    facts.push(("Contact", contact, "request-contact"));
    let texts: Vec<(&'static str, String)> = [
        ("Description", detail.description.clone()),
        ("Notes", detail.notes.clone()),
        ("Cancel reason", detail.cancel_reason.clone()),
    ]
    .into_iter()
    .filter_map(|(label, text)| text.filter(|t| !t.trim().is_empty()).map(|t| (label, t)))
    .collect();
    let lines = detail.lines.clone();
    view! {
        <article class="myreq-detail" data-testid="request-detail" data-request-id=s.id.to_string() data-status=s.status.as_str()>
            <header class="detail-head">
                <div>
                    <p class="eyebrow">{kind_label(kind, terms)}</p>
                    <h1 class="page-title detail-number" data-testid="request-number">{s.number.clone()}</h1>
                </div>
                <RequestStatusBadge kind=kind status=s.status />
            </header>
            <Timeline detail=detail.clone() locale=locale.clone() />
            <dl class="facts">
                {facts.into_iter().map(|(label, value, testid)| view! { <div class="fact"><dt>{label}</dt><dd data-testid=testid>{value}</dd></div> }).collect_view()}
            </dl>
            {texts.into_iter().map(|(label, text)| view! { <div class="my-request-text"><p class="eyebrow">{label}</p><p class="notes">{text}</p></div> }).collect_view()}
            {(!lines.is_empty()).then(|| view! {
                <section>
                    <h2 class="section-title">{format!("Items ({})", lines.len())}</h2>
                    <ul class="chosen-items" data-testid="request-items">
                        {lines.into_iter().map(|l| view! {
                            <li class="chosen-item" data-testid="request-item" data-line-id=l.line_id.to_string()>
                                <span class="chosen-desc">{format!("{} × {}", l.quantity, l.description)}</span>
                                <span class="chosen-meta">
                                    {l.serial_number.clone().map(|sn| view! { <span class="mono">{format!("S/N {sn}")}</span> })}
                                    <A href=paths::contract(account_id, l.contract_id)>{format!("Contract {}", l.contract_number)}</A>
                                    <span>{format!("Expected back {}", format::opt_date(l.expected_return, &locale))}</span>
                                </span>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {(s.status == RequestStatus::Requested).then(|| view! {
                <div class="myreq-actions">
                    <button type="button" class="btn btn-secondary btn-danger-outline" data-testid="request-cancel" on:click=move |_| cancelling.set(true)>
                        "Cancel request"
                    </button>
                    <p class="field-hint">"You can cancel until the store acknowledges it."</p>
                </div>
            })}
            <CancelDialog account_id=account_id request_id=s.id number=s.number.clone() open=cancelling updated=updated on_reload=on_reload />
        </article>
    }
}

/// The steps a request goes through, each with its time once reached; a cancelled request
/// ends at "Cancelled".
#[component]
fn Timeline(detail: RequestDetail, locale: String) -> impl IntoView {
    let kind = detail.summary.kind;
    let current = detail.summary.status;
    let steps = [
        RequestStatus::Requested,
        RequestStatus::Acknowledged,
        RequestStatus::Scheduled,
        RequestStatus::Completed,
    ];
    let mut rows: Vec<(RequestStatus, Option<shared::requests::RequestEvent>)> = Vec::new();
    for step in steps {
        let event = detail.events.iter().rev().find(|e| e.status == step).cloned();
        // Steps skipped on the way (scheduled without acknowledging) show as passed.
        if current == RequestStatus::Cancelled && event.is_none() {
            continue;
        }
        rows.push((step, event));
    }
    if current == RequestStatus::Cancelled {
        rows.push((
            RequestStatus::Cancelled,
            detail.events.iter().rev().find(|e| e.status == RequestStatus::Cancelled).cloned(),
        ));
    }
    // A step is passed once it has an event, or a later step was reached (the store may
    // schedule without acknowledging first).
    let rank = |status: RequestStatus| steps.iter().position(|s| *s == status);
    let reached = move |step: RequestStatus, has_event: bool| {
        has_event || matches!((rank(step), rank(current)), (Some(a), Some(b)) if a <= b)
    };
    view! {
        <ol class="req-progress" data-testid="request-timeline">
            {rows.into_iter().map(|(step, event)| {
                let done = reached(step, event.is_some());
                let is_current = step == current;
                let when_text = event.as_ref().map(|e| when::timestamp(e.occurred_at, &locale));
                let who = event.as_ref().map(|e| match (e.actor, e.actor_name.clone()) {
                    (ActorKind::Customer, Some(n)) => n,
                    (ActorKind::Store, Some(n)) => format!("{n} (store)"),
                    (ActorKind::Customer, None) => "You".to_string(),
                    (ActorKind::Store, None) => "The store".to_string(),
                    (ActorKind::BackOffice, _) => "The store (at the counter)".to_string(),
                });
                let note = event.as_ref().and_then(|e| e.note.clone()).filter(|n| !n.trim().is_empty());
                let scheduled = event.as_ref().and_then(|e| e.scheduled_date).map(|d| format!("For {}", format::date(d, &locale)));
                view! {
                    <li class="req-step" class:step-done=done class:step-current=is_current
                        class:step-cancelled=step == RequestStatus::Cancelled
                        data-testid="timeline-step" data-status=step.as_str() data-done=done.to_string()>
                        <span class="req-dot" aria-hidden="true">{done.then(|| view! { <IconSvg icon=Icon::Check /> })}</span>
                        <div class="req-step-body">
                            <p class="req-step-title">{status_label(kind, step)}</p>
                            {when_text.map(|t| view! { <p class="req-step-time" data-testid="timeline-time">{t}</p> })}
                            {scheduled.map(|t| view! { <p class="req-step-note">{t}</p> })}
                            {who.map(|t| view! { <p class="req-step-who">{t}</p> })}
                            {note.map(|t| view! { <p class="req-step-note" data-testid="timeline-note">{t}</p> })}
                        </div>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[component]
fn CancelDialog(
    account_id: Uuid,
    request_id: Uuid,
    number: String,
    open: RwSignal<bool>,
    updated: RwSignal<Option<RequestDetail>>,
    on_reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let session = use_session();
    let reason = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let close = move || {
        open.set(false);
        error.set(None);
    };
    let confirm = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let text = reason.get_untracked().trim().to_string();
        let body = CancelRequestInput { reason: (!text.is_empty()).then_some(text) };
        leptos::task::spawn_local(async move {
            match api::cancel_account_request(session, account_id, request_id, &body).await {
                Ok(detail) => {
                    updated.set(Some(detail));
                    open.set(false);
                }
                Err(ApiError::Problem(p)) if p.status == 409 => {
                    error.set(Some("The store has already acknowledged this request, so it can no longer be cancelled here. Please call the store.".into()));
                    on_reload();
                }
                Err(e) => error.set(Some(e.message())),
            }
            busy.set(false);
        });
    };
    move || {
        open.get().then(|| {
            let number = number.clone();
            view! {
                <div class="dialog-backdrop" on:click=move |_| close()></div>
                <div class="dialog" role="alertdialog" aria-modal="true" data-testid="cancel-dialog">
                    <h2 class="dialog-title">{format!("Cancel request {number}?")}</h2>
                    <p class="dialog-text">"The store will be told. Items of a call-off stay on your account as they were."</p>
                    <label class="field">
                        <span class="field-label">"Reason " <span class="field-optional">"(optional)"</span></span>
                        <textarea class="input textarea" rows="2" data-testid="cancel-reason"
                            prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    </label>
                    {move || error.get().map(|m| view! { <p class="form-error" role="alert" data-testid="cancel-error">{m}</p> })}
                    <div class="dialog-actions">
                        <button type="button" class="btn btn-secondary" data-testid="cancel-keep" on:click=move |_| close()>"Keep request"</button>
                        <button type="button" class="btn btn-danger" data-testid="cancel-confirm" disabled=move || busy.get() on:click=confirm>
                            "Cancel request"
                        </button>
                    </div>
                </div>
            }
        })
    }
}
