//! `/dev/mailbox`: the emails a local server keeps instead of sending them (development
//! transport), so a person can read them and follow reset links without a mail server.
//! Public like the API behind it, which exists only in that mode (404 otherwise).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::mailbox::MailboxEmail;
use wasm_bindgen::JsValue;

use crate::api;
use crate::components::icons::{Icon, IconSvg};
use crate::components::status::{ErrorPanel, SkeletonList, Spinner};
use crate::i18n::{tr, tr_with};
use crate::paths;

#[component]
pub fn DevMailboxPage() -> impl IntoView {
    Effect::new(move |_| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{} · Rental Portal", tr("dev-mailbox")));
        }
    });
    let emails = LocalResource::new(api::dev_mailbox);
    let refreshing = RwSignal::new(false);
    Effect::new(move |_| {
        if emails.get().is_some() {
            refreshing.set(false);
        }
    });

    let body = move || {
        Suspend::new(async move {
            match emails.await {
                Ok(list) if list.is_empty() => view! { <EmptyMailbox /> }.into_any(),
                Ok(list) => view! { <Mailbox emails=list /> }.into_any(),
                Err(e) if e.is_not_found() => view! { <MailboxOff /> }.into_any(),
                Err(e) => view! { <ErrorPanel error=e on_retry=move |()| emails.refetch() /> }.into_any(),
            }
        })
    };

    view! {
        <div class="mailbox-screen" data-testid="mailbox-page">
            <header class="mailbox-header">
                <div class="mailbox-heading">
                    <p class="eyebrow">{move || tr("mailbox-eyebrow")}</p>
                    <h1 class="page-title">{move || tr("dev-mailbox")}</h1>
                    <p class="page-lead">{move || tr("mailbox-lead")}</p>
                </div>
                <div class="mailbox-actions">
                    <A href=paths::LOGIN attr:class="btn btn-ghost">{move || tr("login-submit")}</A>
                    <button
                        class="btn btn-secondary"
                        type="button"
                        data-testid="mailbox-refresh"
                        disabled=move || refreshing.get()
                        on:click=move |_| {
                            refreshing.set(true);
                            emails.refetch();
                        }
                    >
                        {move || if refreshing.get() {
                            view! { <Spinner /> }.into_any()
                        } else {
                            view! { <IconSvg icon=Icon::Refresh /> }.into_any()
                        }}
                        {move || tr("mailbox-refresh")}
                    </button>
                </div>
            </header>
            <Transition fallback=|| view! { <SkeletonList rows=4 /> }>{body}</Transition>
        </div>
    }
}

/// The list and, when one is picked (`?id=`), the email itself. On a phone the email
/// replaces the list; on a wide screen they sit side by side.
#[component]
fn Mailbox(emails: Vec<MailboxEmail>) -> impl IntoView {
    let query = use_query_map();
    let selected_id = Memo::new(move |_| query.read().get("id"));
    let emails = StoredValue::new(emails);
    let selected = Memo::new(move |_| {
        let id = selected_id.get()?;
        emails.with_value(|all| all.iter().find(|e| e.id.to_string() == id).cloned())
    });

    view! {
        <div class="mailbox" class:mailbox-reading=move || selected.with(Option::is_some)>
            <ul class="mailbox-list" aria-label=move || tr("mailbox-list")>
                {emails
                    .get_value()
                    .into_iter()
                    .map(|email| {
                        let id = email.id.to_string();
                        let kind = email.kind.clone();
                        let when = local_time(&email);
                        let datetime = email.created_at.to_rfc3339();
                        let is_selected = {
                            let id = id.clone();
                            move || selected_id.get().as_deref() == Some(id.as_str())
                        };
                        view! {
                            <li>
                                <A
                                    href=paths::mailbox_email(&id)
                                    attr:class=move || {
                                        if is_selected() { "mailbox-item selected" } else { "mailbox-item" }
                                    }
                                    attr:data-testid="mailbox-item"
                                    attr:data-kind=kind
                                >
                                    <span class="mailbox-item-top">
                                        <span class="mailbox-to">{email.to.clone()}</span>
                                        <MailStatus status=email.status.clone() />
                                    </span>
                                    <span class="mailbox-subject">{email.subject.clone()}</span>
                                    <time class="mailbox-time" datetime=datetime>{when}</time>
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <section class="mailbox-pane">
                {move || match selected.get() {
                    Some(email) => view! { <EmailView email=email /> }.into_any(),
                    None => {
                        view! {
                            <div class="mailbox-placeholder">
                                <IconSvg icon=Icon::Mail class="panel-icon" />
                                <p>{move || tr("mailbox-pick")}</p>
                            </div>
                        }
                            .into_any()
                    }
                }}
            </section>
        </div>
    }
}

#[component]
fn EmailView(email: MailboxEmail) -> impl IntoView {
    let links = links_in(&email.body_text);
    let has_links = !links.is_empty();
    let subject = email.subject.clone();
    view! {
        <article class="mailbox-view" data-testid="mailbox-view">
            <A href=paths::DEV_MAILBOX attr:class="back-link mailbox-back">
                <IconSvg icon=Icon::ChevronLeft />{move || tr("mailbox-all")}
            </A>
            <h2 class="mailbox-view-subject">{email.subject.clone()}</h2>
            <dl class="mailbox-meta">
                <dt>{move || tr("mailbox-to")}</dt>
                <dd>{email.to.clone()}</dd>
                <dt>{move || tr("mailbox-sent")}</dt>
                <dd>{local_time(&email)}</dd>
                <dt>{move || tr("mailbox-status")}</dt>
                <dd><MailStatus status=email.status.clone() /></dd>
            </dl>
            <Show when=move || has_links>
                <div class="mailbox-links">
                    <p class="field-label">{move || tr("mailbox-links")}</p>
                    <ul>
                        {links
                            .iter()
                            .map(|url| view! {
                                <li><a href=url.clone() data-testid="mailbox-link">{url.clone()}</a></li>
                            })
                            .collect_view()}
                    </ul>
                </div>
            </Show>
            // No scripts, no same origin; links open in a new tab outside the sandbox.
            <iframe
                class="mailbox-frame"
                title=move || tr_with("mailbox-frame-title", &[("subject", subject.as_str().into())])
                sandbox="allow-popups allow-popups-to-escape-sandbox"
                referrerpolicy="no-referrer"
                srcdoc=with_base_target(&email.body_html)
            ></iframe>
            <details class="mailbox-text">
                <summary>{move || tr("mailbox-plain-text")}</summary>
                <pre>{email.body_text.clone()}</pre>
            </details>
        </article>
    }
}

#[component]
fn MailStatus(status: String) -> impl IntoView {
    let class = match status.as_str() {
        "pending" | "sending" | "sent" | "failed" => format!("badge badge-mail-{status}"),
        _ => "badge badge-mail-pending".to_string(),
    };
    let label = status.clone();
    view! { <span class=class data-status=status>{move || status_label(&label)}</span> }
}

/// The delivery status in the screen's words; an unknown one as the server sent it.
fn status_label(status: &str) -> String {
    match status {
        "pending" => tr("mailbox-status-pending"),
        "sending" => tr("mailbox-status-sending"),
        "sent" => tr("mailbox-status-sent"),
        "failed" => tr("mailbox-status-failed"),
        other => other.to_string(),
    }
}

#[component]
fn EmptyMailbox() -> impl IntoView {
    view! {
        <div class="panel panel-empty" data-testid="mailbox-empty">
            <IconSvg icon=Icon::Mail class="panel-icon" />
            <div class="panel-body">
                <h2 class="panel-title">{move || tr("mailbox-empty")}</h2>
                <p>{move || tr("mailbox-empty-text")}</p>
            </div>
        </div>
    }
}

#[component]
fn MailboxOff() -> impl IntoView {
    view! {
        <div class="panel panel-empty" data-testid="mailbox-off">
            <IconSvg icon=Icon::Mail class="panel-icon" />
            <div class="panel-body">
                <h2 class="panel-title">{move || tr("mailbox-off")}</h2>
            </div>
        </div>
    }
}

/// `Nov 23, 2026, 2:21 PM` in the browser's time zone.
fn local_time(email: &MailboxEmail) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(email.created_at.timestamp_millis() as f64));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    String::from(date.to_locale_string("en-US", &options))
}

/// Every distinct http(s) URL in a plain-text body, in order.
fn links_in(text: &str) -> Vec<String> {
    let mut links: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        let Some(start) = word.find("https://").or_else(|| word.find("http://")) else {
            continue;
        };
        let url = word[start..].trim_end_matches(['.', ',', ';', ':', ')', '>', '"', '\'']);
        if url.len() > "https://".len() && !links.iter().any(|l| l == url) {
            links.push(url.to_string());
        }
    }
    links
}

/// Makes links in the email open in a new tab: inside the sandbox they would have nowhere
/// useful to go.
fn with_base_target(html: &str) -> String {
    const BASE: &str = "<base target=\"_blank\">";
    let lower = html.to_ascii_lowercase();
    if let Some(at) = lower.find("<head>") {
        let at = at + "<head>".len();
        format!("{}{BASE}{}", &html[..at], &html[at..])
    } else if let Some(at) = lower.find("<html").and_then(|s| lower[s..].find('>').map(|e| s + e + 1)) {
        format!("{}<head>{BASE}</head>{}", &html[..at], &html[at..])
    } else {
        format!("{BASE}{html}")
    }
}
