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
use crate::components::request_form::Optional;
use crate::components::requests::{
    Fact, RequestStatusBadge, SerialNumber, fact_rows, kind_label, pickup_window_label, service_kind_label,
    status_label,
};
use crate::components::status::{ErrorPanel, SkeletonList};
use crate::format;
use crate::i18n::{Label, count_arg, terms_arg, tr, tr_with};
use crate::paths;
use crate::session::use_session;
use crate::url_query;
use crate::when;

/// The list's tabs: (URL value, label); the empty value is every request.
const TABS: [(&str, Label); 4] = [
    ("", || tr("requests-tab-all")),
    ("open", || tr("requests-tab-open")),
    ("completed", || tr("requests-tab-completed")),
    ("cancelled", || tr("requests-tab-cancelled")),
];

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
        document.set_title(&tr("home-requests"));
    }
    let empty = move || {
        view! {
            <div class="panel panel-empty" data-testid="empty-state">
                <IconSvg icon=Icon::List class="panel-icon" />
                <div class="panel-body">
                    <h2 class="panel-title">{move || tr("requests-empty-title")}</h2>
                    <p>{move || tr_with("requests-empty-text", &[terms_arg(terms)])}</p>
                    <A href=paths::rentals(account_id) attr:class="btn btn-primary">{move || tr_with("nav-my-items", &[terms_arg(terms)])}</A>
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
                    <A href=paths::account_home(account_id) attr:class="back-link"><IconSvg icon=Icon::ChevronLeft />{move || tr("nav-home")}</A>
                    <h1 class="page-title">{move || tr("home-requests")}</h1>
                </div>
                <A href=paths::service(account_id) attr:class="btn btn-secondary" attr:data-testid="new-service-call">{move || tr("service-new-call")}</A>
            </div>
            <ViewTabs label=move || tr("requests-tabs-label") testid="request-tabs"
                tabs=TABS.iter().map(|(value, label)| {
                    (value.to_string(), format!("requests-tab-{}", if value.is_empty() { "all" } else { value }), (*label).into())
                }).collect()
                active=status
                on_pick=move |value: String| go.with_value(|go| go(value, 1)) />
            {list_results(requests, 4, empty, rows, to_page)}
        </section>
    }
}

fn items_summary(first: Option<&str>, count: u32) -> String {
    match (first, count) {
        (_, 0) | (None, _) => tr("requests-general-service"),
        (Some(first), 1) => first.to_string(),
        (Some(first), n) => {
            tr_with("requests-items-more", &[("first", first.into()), count_arg(u64::from(n - 1))])
        }
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
        (_, Some(d), _) => Some((true, format::date(d, &locale))),
        (RequestKind::CallOff, None, Some(d)) => Some((false, format::date(d, &locale))),
        _ => None,
    };
    let (kind, service) = (r.kind, r.service_kind);
    let kind_text = move || match service {
        Some(k) => format!("{} · {}", kind_label(kind, terms), service_kind_label(k)),
        None => kind_label(kind, terms),
    };
    let (first, count) = (r.first_item.clone(), r.line_count);
    let sent = when::timestamp(r.created_at, &locale);
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
                <p class="myreq-items">{move || items_summary(first.as_deref(), count)}</p>
                <p class="myreq-meta">
                    <span data-testid="request-created">{move || tr_with("requests-sent-at", &[("time", sent.clone().into())])}</span>
                    {when_text.map(|(scheduled, date)| view! {
                        <span>{move || {
                            let date = ("date", date.clone().into());
                            if scheduled { tr_with("requests-scheduled-on", &[date]) } else { tr_with("requests-pickup-on", &[date]) }
                        }}</span>
                    })}
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
                            <h1 class="panel-title">{move || tr("requests-not-found-title")}</h1>
                            <p>{move || tr("requests-not-found-text")}</p>
                            <A href=paths::requests(account_id) attr:class="btn btn-primary">{move || tr("home-requests")}</A>
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
                <IconSvg icon=Icon::ChevronLeft />{move || tr("home-requests")}
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
    let mut facts: Vec<Fact> = vec![
        (|| tr("requests-sent"), when::timestamp(s.created_at, &locale).into(), "request-created"),
        (|| tr("requests-by"), detail.created_by_name.clone().into(), "request-by"),
    ];
    if let Some(l) = &s.location {
        facts.push((|| tr("requests-store"), l.name.clone().into(), "request-store"));
    }
    if let Some(k) = s.service_kind {
        facts.push((
            || tr("request-service"),
            (move || service_kind_label(k)).into(),
            "request-service-kind",
        ));
    }
    if let Some(d) = s.pickup_date {
        facts.push((|| tr("request-pickup-date"), format::date(d, &locale).into(), "request-pickup-date"));
    }
    if let Some(w) = detail.pickup_window.clone().filter(|w| !w.trim().is_empty()) {
        facts.push((
            || tr("request-time-window"),
            (move || pickup_window_label(&w)).into(),
            "request-window",
        ));
    }
    if let Some(d) = s.scheduled_date {
        facts.push((
            || tr("requests-scheduled-for"),
            format::date(d, &locale).into(),
            "request-scheduled-date",
        ));
    }
    if let Some(d) = detail.billing_stop_date {
        facts.push((
            || tr("requests-billing-stops"),
            format::date(d, &locale).into(),
            "request-billing-stop",
        ));
    }
    if let Some(d) = detail.requested_date {
        let label: Label = if kind == RequestKind::BookAgain {
            || tr("request-start-date")
        } else {
            || tr("request-new-return-date")
        };
        facts.push((label, format::date(d, &locale).into(), "request-requested-date"));
    }
    if let Some(d) = detail.requested_end_date {
        facts.push((|| tr("request-end-date"), format::date(d, &locale).into(), "request-end-date"));
    }
    if let Some(a) = detail.site_address.clone().filter(|a| !a.trim().is_empty()) {
        facts.push((|| tr("request-site"), a.into(), "request-site"));
    }
    let c = &detail.contact;
    let contact = [Some(c.name.clone()), c.phone.clone(), Some(c.email.clone())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    facts.push((|| tr("request-contact"), contact.into(), "request-contact"));
    let texts: [(Label, Option<String>); 3] = [
        (|| tr("request-description"), detail.description.clone()),
        (|| tr("request-notes"), detail.notes.clone()),
        (|| tr("requests-cancel-reason"), detail.cancel_reason.clone()),
    ];
    let texts: Vec<_> = texts
        .into_iter()
        .filter_map(|(label, text)| text.filter(|t| !t.trim().is_empty()).map(|t| (label, t)))
        .collect();
    let lines = detail.lines.clone();
    view! {
        <article class="myreq-detail" data-testid="request-detail" data-request-id=s.id.to_string() data-status=s.status.as_str()>
            <header class="detail-head">
                <div>
                    <p class="eyebrow">{move || kind_label(kind, terms)}</p>
                    <h1 class="page-title detail-number" data-testid="request-number">{s.number.clone()}</h1>
                </div>
                <RequestStatusBadge kind=kind status=s.status />
            </header>
            <Timeline detail=detail.clone() locale=locale.clone() />
            <dl class="facts">{fact_rows(facts)}</dl>
            {texts.into_iter().map(|(label, text)| view! { <div class="my-request-text"><p class="eyebrow">{label}</p><p class="notes">{text}</p></div> }).collect_view()}
            {(!lines.is_empty()).then(|| {
                let count = lines.len();
                view! {
                    <section>
                        <h2 class="section-title">{move || tr_with("request-items-count", &[count_arg(count as u64)])}</h2>
                        <ul class="chosen-items" data-testid="request-items">
                            {lines.into_iter().map(|l| {
                                let contract = l.contract_number.clone();
                                let expected = format::opt_date(l.expected_return, &locale);
                                view! {
                                    <li class="chosen-item" data-testid="request-item" data-line-id=l.line_id.to_string()>
                                        <span class="chosen-desc">{format!("{} × {}", l.quantity, l.description)}</span>
                                        <span class="chosen-meta">
                                            {l.serial_number.clone().map(|sn| view! { <SerialNumber serial=sn /> })}
                                            <A href=paths::contract(account_id, l.contract_id)>
                                                {move || tr_with("request-contract", &[("number", contract.clone().into())])}
                                            </A>
                                            <span>{move || tr_with("requests-expected-back", &[("date", expected.clone().into())])}</span>
                                        </span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                }
            })}
            {(s.status == RequestStatus::Requested).then(|| view! {
                <div class="myreq-actions">
                    <button type="button" class="btn btn-secondary btn-danger-outline" data-testid="request-cancel" on:click=move |_| cancelling.set(true)>
                        {move || tr("requests-cancel")}
                    </button>
                    <p class="field-hint">{move || tr("requests-cancel-hint")}</p>
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
                let who = event.as_ref().map(|e| (e.actor, e.actor_name.clone()));
                let note = event.as_ref().and_then(|e| e.note.clone()).filter(|n| !n.trim().is_empty());
                let scheduled = event.as_ref().and_then(|e| e.scheduled_date).map(|d| format::date(d, &locale));
                view! {
                    <li class="req-step" class:step-done=done class:step-current=is_current
                        class:step-cancelled=step == RequestStatus::Cancelled
                        data-testid="timeline-step" data-status=step.as_str() data-done=done.to_string()>
                        <span class="req-dot" aria-hidden="true">{done.then(|| view! { <IconSvg icon=Icon::Check /> })}</span>
                        <div class="req-step-body">
                            <p class="req-step-title">{move || status_label(kind, step)}</p>
                            {when_text.map(|t| view! { <p class="req-step-time" data-testid="timeline-time">{t}</p> })}
                            {scheduled.map(|d| view! {
                                <p class="req-step-note">{move || tr_with("requests-for-date", &[("date", d.clone().into())])}</p>
                            })}
                            {who.map(|(actor, name)| view! { <p class="req-step-who">{move || actor_text(actor, name.as_deref())}</p> })}
                            {note.map(|t| view! { <p class="req-step-note" data-testid="timeline-note">{t}</p> })}
                        </div>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// Who moved a request on: the person's name, else who they are.
fn actor_text(actor: ActorKind, name: Option<&str>) -> String {
    match (actor, name) {
        (ActorKind::Customer, Some(n)) => n.to_string(),
        (ActorKind::Store, Some(n)) => tr_with("requests-by-store-person", &[("name", n.into())]),
        (ActorKind::Customer, None) => tr("requests-by-you"),
        (ActorKind::Store, None) => tr("requests-by-the-store"),
        (ActorKind::BackOffice, _) => tr("requests-by-the-counter"),
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
                    error.set(Some(tr("requests-cancel-too-late")));
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
                    <h2 class="dialog-title">{move || tr_with("requests-cancel-title", &[("number", number.clone().into())])}</h2>
                    <p class="dialog-text">{move || tr("requests-cancel-text")}</p>
                    <label class="field">
                        <span class="field-label">{move || tr("requests-cancel-reason-label")} " " <Optional /></span>
                        <textarea class="input textarea" rows="2" data-testid="cancel-reason"
                            prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    </label>
                    {move || error.get().map(|m| view! { <p class="form-error" role="alert" data-testid="cancel-error">{m}</p> })}
                    <div class="dialog-actions">
                        <button type="button" class="btn btn-secondary" data-testid="cancel-keep" on:click=move |_| close()>{move || tr("requests-keep")}</button>
                        <button type="button" class="btn btn-danger" data-testid="cancel-confirm" disabled=move || busy.get() on:click=confirm>
                            {move || tr("requests-cancel")}
                        </button>
                    </div>
                </div>
            }
        })
    }
}
