//! `/admin/feedback`: questions, feedback and complaints customers sent the store (H8).
//! New ones first by default; a message opens in place, and "Mark handled" closes it with
//! an optional note. `?open=<id>` opens one on arrival (links from the notifications).

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::feedback::{Feedback, FeedbackKind, FeedbackStatus, HandleFeedbackInput};
use uuid::Uuid;

use super::{local_time, set_title};
use crate::api;
use crate::components::icons::{Icon, IconSvg};
use crate::components::pager::Pager;
use crate::components::status::{ErrorPanel, SkeletonList, Spinner};
use crate::format::tel_href;
use crate::i18n::{tr, tr_with};
use crate::paths;
use crate::session::use_session;

const PER_PAGE: u32 = 25;

/// The status tabs, as their value in the URL.
const TABS: [&str; 3] = ["new", "handled", "all"];

fn tab_label(value: &str) -> String {
    match value {
        "new" => tr("admin-feedback-tab-new"),
        "handled" => tr("admin-feedback-tab-handled"),
        _ => tr("admin-feedback-tab-all"),
    }
}

#[component]
pub fn AdminFeedbackPage() -> impl IntoView {
    set_title(&tr("admin-tab-feedback"));
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    let status = Memo::new(move |_| {
        query.with(|q| {
            q.get("status").filter(|s| TABS.contains(&s.as_str())).unwrap_or_else(|| "new".to_string())
        })
    });
    let page = Memo::new(move |_| {
        query.with(|q| q.get("page").and_then(|p| p.parse::<u32>().ok()).unwrap_or(1).max(1))
    });
    let open = RwSignal::new(query.with_untracked(|q| q.get("open").and_then(|v| Uuid::parse_str(&v).ok())));
    // A notification link to another message while the page is already showing.
    Effect::new(move |_| {
        if let Some(id) = query.with(|q| q.get("open").and_then(|v| Uuid::parse_str(&v).ok())) {
            open.set(Some(id));
        }
    });

    let messages = LocalResource::new(move || {
        let pairs = vec![
            ("status", status.get()),
            ("page", page.get().to_string()),
            ("per_page", PER_PAGE.to_string()),
        ];
        async move { api::admin_feedback(session, &pairs).await }
    });

    let list = move || {
        let navigate = navigate.clone();
        Suspend::new(async move {
            match messages.await {
                Err(error) => view! { <ErrorPanel error=error on_retry=move |()| messages.refetch() /> }.into_any(),
                Ok(p) if p.items.is_empty() => view! {
                    <div class="panel panel-empty" data-testid="feedback-empty">
                        <IconSvg icon=Icon::Mail class="panel-icon" />
                        <div class="panel-body">
                            <h2 class="panel-title">
                                {move || if status.get_untracked() == "new" { tr("admin-feedback-empty-new") } else { tr("admin-feedback-empty") }}
                            </h2>
                            <p>{move || tr("admin-feedback-empty-text")}</p>
                        </div>
                    </div>
                }
                .into_any(),
                Ok(p) => {
                    let page_count = p.page_count();
                    let to_page = Callback::new(move |n: u32| {
                        navigate(&paths::admin_feedback_page(&status.get_untracked(), n), Default::default())
                    });
                    view! {
                        <ul class="feedback-list" data-testid="feedback-list">
                            {p.items.into_iter().map(|f| view! { <FeedbackRow message=f open=open /> }).collect_view()}
                        </ul>
                        <Pager page=p.page per_page=p.per_page total=p.total page_count=page_count on_page=to_page />
                    }
                    .into_any()
                }
            }
        })
    };

    view! {
        <section class="page admin-page" data-testid="feedback-page">
            <div class="page-head">
                <div>
                    <h1 class="page-title">{move || tr("admin-tab-feedback")}</h1>
                    <p class="page-lead">{move || tr("admin-feedback-lead")}</p>
                </div>
            </div>
            <nav class="seg" aria-label=move || tr("admin-feedback-show") data-testid="feedback-filter">
                {TABS
                    .into_iter()
                    .map(|value| view! {
                        // A plain link (the router still handles it): `<A>` would mark every
                        // tab current, as they differ only in the query.
                        <a
                            href=paths::admin_feedback(value)
                            class="seg-option"
                            data-testid=format!("feedback-filter-{value}")
                            aria-current=move || (status.get() == value).then_some("page")
                        >
                            {move || tab_label(value)}
                        </a>
                    })
                    .collect_view()}
            </nav>
            <Suspense fallback=|| view! { <SkeletonList rows=4 /> }>{list}</Suspense>
        </section>
    }
}

fn kind_label(kind: FeedbackKind) -> String {
    match kind {
        FeedbackKind::Question => tr("admin-feedback-kind-question"),
        FeedbackKind::Feedback => tr("admin-feedback-kind-feedback"),
        FeedbackKind::Complaint => tr("admin-feedback-kind-complaint"),
    }
}

fn kind_class(kind: FeedbackKind) -> &'static str {
    match kind {
        FeedbackKind::Question => "badge-fb-question",
        FeedbackKind::Feedback => "badge-fb-feedback",
        FeedbackKind::Complaint => "badge-fb-complaint",
    }
}

#[component]
fn FeedbackRow(message: Feedback, open: RwSignal<Option<Uuid>>) -> impl IntoView {
    let id = message.id;
    let current = RwSignal::new(message);
    let is_open = move || open.get() == Some(id);
    let body_id = format!("feedback-body-{id}");

    view! {
        <li
            class="feedback-row"
            class:feedback-row-open=is_open
            data-testid="feedback-row"
            data-feedback-id=id.to_string()
            data-status=move || current.with(|m| m.status.as_str())
        >
            <button
                type="button"
                class="feedback-head"
                aria-expanded=move || is_open().to_string()
                aria-controls=body_id.clone()
                data-testid="feedback-open"
                on:click=move |_| open.update(|o| *o = if *o == Some(id) { None } else { Some(id) })
            >
                <span class="feedback-top">
                    <span class=move || format!("badge {}", current.with(|m| kind_class(m.kind)))>
                        {move || current.with(|m| kind_label(m.kind))}
                    </span>
                    <Show when=move || current.with(|m| m.status == FeedbackStatus::Handled)>
                        <span class="badge badge-fb-handled" data-testid="feedback-handled-badge">{move || tr("admin-feedback-handled")}</span>
                    </Show>
                    <span class="feedback-time">{move || current.with(|m| local_time(m.created_at))}</span>
                </span>
                <span class="feedback-subject">{move || current.with(|m| m.subject.clone())}</span>
                <span class="feedback-from">
                    {move || current.with(|m| {
                        let store = m.location.as_ref().map(|l| format!(" · {}", l.name)).unwrap_or_default();
                        let args = [
                            ("author", m.created_by_name.as_str().into()),
                            ("customer", m.customer.name.as_str().into()),
                            ("number", m.customer.account_number.as_str().into()),
                        ];
                        format!("{}{store}", tr_with("admin-feedback-from", &args))
                    })}
                </span>
                <IconSvg icon=Icon::ChevronDown class="feedback-chevron" />
            </button>
            <Show when=is_open>
                <div class="feedback-body" id=body_id.clone()>
                    <FeedbackBody current=current />
                </div>
            </Show>
        </li>
    }
}

#[component]
fn FeedbackBody(current: RwSignal<Feedback>) -> impl IntoView {
    let session = use_session();
    let m = current.get_untracked();
    let note = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let id = m.id;

    let handle = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let text = note.get_untracked().trim().to_string();
        let body = HandleFeedbackInput { note: Some(text).filter(|t| !t.is_empty()) };
        leptos::task::spawn_local(async move {
            match api::admin_feedback_handled(session, id, &body).await {
                Ok(updated) => current.set(updated),
                Err(e) => error.set(Some(e.field_message("note").unwrap_or_else(|| e.message()))),
            }
            busy.set(false);
        });
    };

    let subject = m.subject.clone();
    view! {
        <p class="feedback-message pre-line" data-testid="feedback-message">{m.message.clone()}</p>
        <div class="contact-inline">
            <a
                class="contact-link"
                href=format!("mailto:{}?subject={}", m.contact_email, String::from(js_sys::encode_uri_component(&format!("Re: {subject}"))))
                data-testid="feedback-email"
            >
                <IconSvg icon=Icon::Mail />{m.contact_email.clone()}
            </a>
            {m.contact_phone.clone().filter(|p| !p.trim().is_empty()).map(|p| (tel_href(&p), p)).map(|(href, p)| view! {
                <a class="contact-link" href=href data-testid="feedback-phone">
                    <IconSvg icon=Icon::Phone />{p}
                </a>
            })}
        </div>
        {move || {
            let m = current.get();
            if m.status == FeedbackStatus::Handled {
                view! {
                    <div class="notice notice-info notice-tight" data-testid="feedback-handled">
                        <IconSvg icon=Icon::Check class="notice-icon" />
                        <div class="notice-body">
                            <p class="notice-title">
                                {tr_with("admin-feedback-handled-at", &[("time", m.handled_at.map(local_time).unwrap_or_default().into())])}
                            </p>
                            {m.handled_note.clone().filter(|n| !n.trim().is_empty()).map(|n| view! { <p class="pre-line">{n}</p> })}
                        </div>
                    </div>
                }
                .into_any()
            } else {
                view! {
                    <div class="feedback-handle">
                        <div class="field">
                            <label class="field-label" for=format!("feedback-note-{id}")>{move || tr("admin-feedback-note")}</label>
                            <textarea
                                id=format!("feedback-note-{id}")
                                class="input textarea"
                                rows="2"
                                maxlength="2000"
                                data-testid="feedback-note"
                                prop:value=move || note.get()
                                on:input=move |ev| note.set(event_target_value(&ev))
                            ></textarea>
                        </div>
                        {move || error.get().map(|e| view! { <p class="form-error" role="alert" data-testid="feedback-error">{e}</p> })}
                        <button
                            type="button"
                            class="btn btn-primary"
                            data-testid="feedback-mark-handled"
                            disabled=move || busy.get()
                            aria-busy=move || busy.get().to_string()
                            on:click=handle
                        >
                            <Show when=move || busy.get()><Spinner /></Show>
                            <IconSvg icon=Icon::Check />
                            {move || tr("admin-feedback-mark-handled")}
                        </button>
                    </div>
                }
                .into_any()
            }
        }}
    }
}
