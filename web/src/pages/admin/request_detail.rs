//! `/admin/requests/:request_id`: one request with everything the store needs to act on it
//! (customer, items with serials and contracts, site, contact, notes, history) and the
//! actions its status allows: acknowledge, schedule, complete ("Mark picked up" for a
//! call-off), cancel with a reason. Each answers the updated request, so the timeline shows
//! the step at once; the customer is emailed by the server.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::requests::{ActorKind, RequestDetail, RequestEvent, RequestKind, RequestLine, RequestStatus};
use uuid::Uuid;

use super::request_actions::Actions;
use super::{
    RequestBadge, age_text, completed_word, day, kind_text, local_time, opt_day, set_title, status_label,
};
use crate::api::{self, ApiError};
use crate::components::icons::{Icon, IconSvg};
use crate::components::status::{ErrorPanel, SkeletonList};
use crate::components::view_as::ViewAsButton;
use crate::format::tel_href;
use crate::i18n::{Label, count_arg, tr, tr_with};
use crate::paths;
use crate::session::use_session;

/// What the detail shows: loading, failed, or the request.
#[derive(Clone)]
enum Loaded {
    Loading,
    Failed(ApiError),
    Ready(Box<RequestDetail>),
}

#[component]
pub fn AdminRequestDetailPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let request_id =
        Memo::new(move |_| params.read().get("request_id").and_then(|v| Uuid::parse_str(&v).ok()));
    let state = RwSignal::new(Loaded::Loading);
    // The last action's confirmation, kept across the re-render the updated request causes.
    let flash = RwSignal::new(None::<String>);
    // An action the request's status no longer allowed (409): said above the reloaded request.
    let conflict = RwSignal::new(None::<String>);

    let load = move || {
        let Some(id) = request_id.get_untracked() else {
            state.set(Loaded::Failed(ApiError::Problem(not_found())));
            return;
        };
        leptos::task::spawn_local(async move {
            state.set(match api::admin_request(session, id).await {
                Ok(detail) => Loaded::Ready(Box::new(detail)),
                Err(e) => Loaded::Failed(e),
            });
        });
    };
    Effect::new(move |_| {
        request_id.track();
        state.set(Loaded::Loading);
        flash.set(None);
        conflict.set(None);
        load();
    });

    view! {
        <section class="page admin-page" data-testid="request-page">
            <A href=paths::ADMIN_REQUESTS attr:class="back-link" attr:data-testid="request-back">
                <IconSvg icon=Icon::ChevronLeft />{move || tr("admin-tab-requests")}
            </A>
            {move || match state.get() {
                Loaded::Loading => view! { <SkeletonList rows=4 /> }.into_any(),
                Loaded::Failed(e) if e.is_not_found() => view! {
                    <div class="panel panel-empty" data-testid="request-not-found">
                        <h1 class="panel-title">{tr("admin-request-not-found")}</h1>
                        <p>{tr("admin-request-not-found-text")}</p>
                        <A href=paths::ADMIN_REQUESTS attr:class="btn btn-primary">{tr("admin-request-back")}</A>
                    </div>
                }
                .into_any(),
                Loaded::Failed(e) => view! { <ErrorPanel error=e on_retry=move |()| load() /> }.into_any(),
                Loaded::Ready(detail) => {
                    set_title(&detail.summary.number);
                    view! {
                        <RequestView
                            detail=*detail
                            flash=flash
                            conflict=conflict
                            on_update=move |d: RequestDetail| state.set(Loaded::Ready(Box::new(d)))
                            on_reload=move |()| load()
                        />
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

fn not_found() -> shared::error::Problem {
    let mut problem = shared::error::Problem::new(shared::error::ErrorCode::NotFound);
    problem.status = 404;
    problem
}

#[component]
fn RequestView(
    detail: RequestDetail,
    flash: RwSignal<Option<String>>,
    conflict: RwSignal<Option<String>>,
    #[prop(into)] on_update: Callback<RequestDetail>,
    #[prop(into)] on_reload: Callback<()>,
) -> impl IntoView {
    let s = &detail.summary;
    let (status, created_at, updated_at) = (s.status, s.created_at, s.updated_at);
    let received = move || {
        let age = age_text(status, created_at, updated_at);
        tr_with("admin-request-received", &[("time", local_time(created_at).into()), ("age", age.into())])
    };
    let (kind, service_kind) = (s.kind, s.service_kind);
    view! {
        <div class="request-head">
            <div class="request-title">
                <p class="eyebrow">{move || kind_text(kind, service_kind)}</p>
                <h1 class="page-title" data-testid="request-number">{s.number.clone()}</h1>
                <p class="request-received">{received}</p>
            </div>
            <RequestBadge status=s.status kind=s.kind testid="request-status" />
        </div>
        {move || flash.get().map(|m| view! {
            <div class="notice notice-info notice-tight" role="status" data-testid="action-done">
                <IconSvg icon=Icon::Check class="notice-icon" />
                <p class="notice-body">{m}</p>
            </div>
        })}
        {move || conflict.get().map(|m| view! {
            <div class="notice notice-warn notice-tight" role="alert" data-testid="action-conflict">
                <IconSvg icon=Icon::Alert class="notice-icon" />
                <div class="notice-body">
                    <p>{m}</p>
                    <p class="notice-hint">{tr("admin-request-conflict-hint")}</p>
                </div>
            </div>
        })}
        // Phones: the next step first, then the facts, then the history. Wider screens: facts
        // on the left, next step and history on the right.
        <div class="request-grid">
            {s.status.is_open().then(|| view! {
                <Actions detail=detail.clone() flash=flash conflict=conflict on_update=on_update on_reload=on_reload />
            })}
            <div class="request-main">
                <Facts detail=detail.clone() />
                <Items lines=detail.lines.clone() />
            </div>
            <Timeline kind=s.kind events=detail.events.clone() />
        </div>
    }
}

#[component]
fn Facts(detail: RequestDetail) -> impl IntoView {
    let s = &detail.summary;
    let mut facts: Vec<(Label, AnyView)> = Vec::new();
    let account_number = s.customer.account_number.clone();
    facts.push((
        || tr("admin-request-customer"),
        view! {
            <span>{s.customer.name.clone()}</span>
            <span class="sub">{move || tr_with("admin-account-number", &[("number", account_number.as_str().into())])}</span>
        }
        .into_any(),
    ));
    if let Some(location) = &s.location {
        facts.push((|| tr("admin-request-store"), view! { {location.name.clone()} }.into_any()));
    }
    match s.kind {
        RequestKind::CallOff => {
            let window = detail.pickup_window.clone().filter(|w| !w.trim().is_empty());
            facts.push((
                || tr("admin-request-pickup"),
                view! { {opt_day(s.pickup_date)} {window.map(|w| view! { <span class="sub">{w}</span> })} }
                    .into_any(),
            ));
            facts.push((
                || tr("admin-request-billing-stops"),
                view! { {opt_day(detail.billing_stop_date)} }.into_any(),
            ));
        }
        RequestKind::Extension => {
            facts.push((
                || tr("admin-request-new-return-date"),
                view! { {opt_day(detail.requested_date)} }.into_any(),
            ));
        }
        RequestKind::BookAgain => {
            facts.push((
                || tr("admin-request-wished-start"),
                view! { {opt_day(detail.requested_date)} }.into_any(),
            ));
            facts.push((
                || tr("admin-request-wished-end"),
                view! { {opt_day(detail.requested_end_date)} }.into_any(),
            ));
        }
        RequestKind::Service => {}
    }
    if let Some(date) = s.scheduled_date {
        facts.push((
            || tr("admin-request-scheduled"),
            view! { <span data-testid="request-scheduled">{day(date)}</span> }.into_any(),
        ));
    }
    if let Some(site) = detail.site_address.clone().filter(|a| !a.trim().is_empty()) {
        facts.push((
            || tr("admin-request-site-address"),
            view! { <span class="pre-line">{site}</span> }.into_any(),
        ));
    }
    let contact = detail.contact.clone();
    facts.push((
        || tr("admin-request-contact"),
        view! {
            <span>{contact.name.clone()}</span>
            <span class="contact-inline">
                {contact.phone.clone().filter(|p| !p.trim().is_empty()).map(|p| (tel_href(&p), p)).map(|(href, p)| view! {
                    <a class="contact-link" href=href data-testid="request-contact-phone">
                        <IconSvg icon=Icon::Phone />{p}
                    </a>
                })}
                <a class="contact-link" href=format!("mailto:{}", contact.email) data-testid="request-contact-email">
                    <IconSvg icon=Icon::Mail />{contact.email.clone()}
                </a>
            </span>
        }
        .into_any(),
    ));
    facts.push((
        || tr("admin-request-filed-by"),
        view! {
            <span>{detail.created_by_name.clone()}</span>
            <ViewAsButton
                customer_id=s.customer.id
                user_id=detail.created_by
                user_name=detail.created_by_name.clone()
            />
        }
        .into_any(),
    ));

    view! {
        <dl class="facts request-facts" data-testid="request-facts">
            {facts
                .into_iter()
                .map(|(label, value)| view! { <div class="fact"><dt>{label}</dt><dd>{value}</dd></div> })
                .collect_view()}
        </dl>
        {detail.description.clone().filter(|d| !d.trim().is_empty()).map(|d| view! {
            <div class="request-text">
                <h2 class="request-subtitle">{move || tr("admin-request-description")}</h2>
                <p class="pre-line" data-testid="request-description">{d}</p>
            </div>
        })}
        {detail.notes.clone().filter(|n| !n.trim().is_empty()).map(|n| view! {
            <div class="notes">
                <p class="eyebrow">{move || tr("admin-request-notes")}</p>
                <p class="pre-line" data-testid="request-notes">{n}</p>
            </div>
        })}
        {detail.cancel_reason.clone().filter(|n| !n.trim().is_empty()).map(|n| view! {
            <div class="notice notice-error request-cancelled">
                <IconSvg icon=Icon::Alert class="notice-icon" />
                <div class="notice-body">
                    <p class="notice-title">{move || tr("admin-status-cancelled")}</p>
                    <p class="pre-line" data-testid="request-cancel-reason">{n}</p>
                </div>
            </div>
        })}
    }
}

#[component]
fn Items(lines: Vec<RequestLine>) -> impl IntoView {
    if lines.is_empty() {
        return view! {
            <h2 class="section-title">{move || tr("admin-requests-col-items")}</h2>
            <p class="request-none">{move || tr("admin-request-no-items")}</p>
        }
        .into_any();
    }
    let count = lines.len();
    view! {
        <h2 class="section-title">{move || tr_with("admin-request-items-count", &[count_arg(count as u64)])}</h2>
        <ul class="request-lines" data-testid="request-lines">
            {lines
                .into_iter()
                .map(|l| {
                    let dates = match (l.start_date, l.expected_return) {
                        (None, None) => None,
                        (start, end) => Some(format!("{} → {}", opt_day(start), opt_day(end))),
                    };
                    view! {
                        <li class="request-line" data-testid="request-line">
                            <div class="request-line-top">
                                <span class="line-title">
                                    {(l.quantity != 1).then(|| format!("{} × ", l.quantity))}
                                    {l.description.clone()}
                                </span>
                                <span class="request-line-contract">
                                    {move || tr_with("admin-request-line-contract", &[("number", l.contract_number.as_str().into())])}
                                </span>
                            </div>
                            <div class="request-line-meta">
                                {l.item_code.clone().map(|c| view! { <span>{move || tr("admin-request-line-item")}" "<span class="mono">{c}</span></span> })}
                                {l.serial_number.clone().map(|s| view! {
                                    <span>{move || tr("admin-request-line-serial")}" "<span class="mono" data-testid="request-line-serial">{s}</span></span>
                                })}
                                {dates.map(|d| view! { <span>{d}</span> })}
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn Timeline(kind: RequestKind, events: Vec<RequestEvent>) -> impl IntoView {
    view! {
        <div class="card request-card">
            <h2 class="request-subtitle">{move || tr("admin-request-history")}</h2>
            <ol class="timeline" data-testid="request-timeline">
                {events
                    .into_iter()
                    .map(|e| {
                        let (status, scheduled_date) = (e.status, e.scheduled_date);
                        let label = move || match status {
                            RequestStatus::Requested => tr("admin-request-event-requested"),
                            RequestStatus::Completed => completed_word(kind),
                            RequestStatus::Scheduled => match scheduled_date {
                                Some(d) => tr_with("admin-request-event-scheduled-for", &[("date", day(d).into())]),
                                None => tr("admin-status-scheduled"),
                            },
                            other => status_label(other),
                        };
                        let (actor, actor_name, at) = (e.actor, e.actor_name.clone(), e.occurred_at);
                        let meta = move || {
                            let who = match (actor, actor_name.as_deref()) {
                                (ActorKind::Customer, Some(n)) => tr_with("admin-request-by-customer", &[("name", n.into())]),
                                (ActorKind::Customer, None) => tr("admin-request-customer"),
                                (ActorKind::Store, Some(n)) => tr_with("admin-request-by-store", &[("name", n.into())]),
                                (ActorKind::Store, None) => tr("admin-request-store"),
                                (ActorKind::BackOffice, _) => tr("admin-request-back-office"),
                            };
                            format!("{} · {who}", local_time(at))
                        };
                        view! {
                            <li class=format!("timeline-step timeline-{}", e.status.as_str()) data-testid="timeline-step" data-status=e.status.as_str()>
                                <span class="timeline-dot" aria-hidden="true"></span>
                                <div class="timeline-body">
                                    <p class="timeline-label">{label}</p>
                                    <p class="timeline-meta">{meta}</p>
                                    {e.note.clone().filter(|n| !n.trim().is_empty()).map(|n| view! {
                                        <p class="timeline-note pre-line">{n}</p>
                                    })}
                                </div>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </div>
    }
}
