//! `/admin/webhooks`: the dealer admin's webhook endpoints (I5). Each endpoint with its
//! health (enabled or disabled and why, the last attempt's status, failures in a row, what is
//! waiting); a form to add one, whose signing secret is shown once with a copy button; "Send
//! test event"; and per endpoint the delivery log (refreshed every few seconds while open)
//! with a replay button.

use std::time::Duration;

use leptos::prelude::*;
use shared::webhooks::{
    DeliveryStatus, NewWebhookEndpoint, URL_MAX, WebhookDelivery, WebhookEndpoint, WebhookEndpointSecret,
};
use uuid::Uuid;

use super::api_clients::CopyField;
use super::{local_time, set_title};
use crate::api;
use crate::components::icons::{Icon, IconSvg};
use crate::components::status::{ErrorPanel, SkeletonList, Spinner};
use crate::session::use_session;

#[component]
pub fn AdminWebhooksPage() -> impl IntoView {
    set_title("Webhooks");
    let session = use_session();
    let admin = Memo::new(move |_| session.is_dealer_admin());
    move || {
        if admin.get() {
            view! { <WebhooksScreen /> }.into_any()
        } else {
            view! {
                <div class="panel panel-empty" data-testid="webhooks-forbidden">
                    <h1 class="panel-title">"Only dealer admins manage webhooks"</h1>
                    <p>"Ask an administrator of your dealer to set up the back office's webhooks."</p>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn WebhooksScreen() -> impl IntoView {
    let session = use_session();
    let endpoints = LocalResource::new(move || async move { api::admin_webhooks(session).await });
    let shown = RwSignal::new(None::<WebhookEndpointSecret>);
    let on_created = Callback::new(move |secret: WebhookEndpointSecret| {
        shown.set(Some(secret));
        endpoints.refetch();
    });
    let on_change = Callback::new(move |()| endpoints.refetch());

    let list = move || {
        Suspend::new(async move {
            match endpoints.await {
                Err(error) => view! { <ErrorPanel error=error on_retry=move |()| endpoints.refetch() /> }.into_any(),
                Ok(list) if list.is_empty() => view! {
                    <div class="panel panel-empty" data-testid="webhooks-empty">
                        <IconSvg icon=Icon::Bell class="panel-icon" />
                        <div class="panel-body">
                            <h2 class="panel-title">"No webhook endpoints yet"</h2>
                            <p>"Add your back office's URL: it is told about call-offs and other requests as they happen."</p>
                        </div>
                    </div>
                }
                .into_any(),
                Ok(list) => view! {
                    <ul class="client-list" data-testid="webhook-list">
                        {list
                            .into_iter()
                            .map(|endpoint| view! { <EndpointRow endpoint=endpoint on_change=on_change /> })
                            .collect_view()}
                    </ul>
                }
                .into_any(),
            }
        })
    };

    view! {
        <section class="page admin-page" data-testid="webhooks-page">
            <div class="page-head">
                <div>
                    <h1 class="page-title">"Webhooks"</h1>
                    <p class="page-lead">
                        "The portal POSTs each event to your endpoints, signed the Standard Webhooks way "
                        "("<code class="mono">"webhook-id"</code>", "<code class="mono">"webhook-timestamp"</code>", "
                        <code class="mono">"webhook-signature"</code>"), in order, retried for about 3 days."
                    </p>
                </div>
            </div>
            {move || shown.get().map(|secret| view! { <SecretPanel secret=secret on_done=move || shown.set(None) /> })}
            <NewEndpointForm on_created=on_created />
            <Suspense fallback=|| view! { <SkeletonList rows=2 /> }>{list}</Suspense>
        </section>
    }
}

#[component]
fn NewEndpointForm(on_created: Callback<WebhookEndpointSecret>) -> impl IntoView {
    let session = use_session();
    let url = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let url_error = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let body = NewWebhookEndpoint {
            url: url.get_untracked().trim().to_string(),
            description: description.get_untracked().trim().to_string(),
            event_types: Vec::new(),
        };
        url_error.set(body.url.is_empty().then(|| "Give the URL your back office listens on.".to_string()));
        error.set(None);
        if body.url.is_empty() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::admin_create_webhook(session, &body).await {
                Ok(secret) => {
                    url.set(String::new());
                    description.set(String::new());
                    on_created.run(secret);
                }
                Err(e) => {
                    url_error.set(e.field_message("url"));
                    if e.field_message("url").is_none() {
                        error.set(Some(e.field_message("description").unwrap_or_else(|| e.message())));
                    }
                }
            }
            busy.set(false);
        });
    };

    view! {
        <form class="card client-form" data-testid="webhook-form" on:submit=submit novalidate>
            <h2 class="card-title">"Add an endpoint"</h2>
            <div class="field">
                <label class="field-label" for="webhook-url">"URL"</label>
                <input
                    id="webhook-url"
                    class="input"
                    type="url"
                    maxlength=URL_MAX.to_string()
                    placeholder="https://backoffice.example.com/webhooks"
                    autocomplete="off"
                    data-testid="webhook-url"
                    aria-invalid=move || url_error.get().is_some().to_string()
                    prop:value=move || url.get()
                    on:input=move |ev| url.set(event_target_value(&ev))
                />
                {move || url_error.get().map(|e| view! { <p class="field-error" data-testid="webhook-url-error">{e}</p> })}
            </div>
            <div class="field">
                <label class="field-label" for="webhook-description">"Description (optional)"</label>
                <input
                    id="webhook-description"
                    class="input"
                    maxlength="200"
                    placeholder="Back office"
                    autocomplete="off"
                    data-testid="webhook-description"
                    prop:value=move || description.get()
                    on:input=move |ev| description.set(event_target_value(&ev))
                />
            </div>
            <p class="field-hint">"Every event type is sent. The URL must be https on a public address."</p>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert" data-testid="webhook-error">{e}</p> })}
            <button type="submit" class="btn btn-primary" data-testid="webhook-create" disabled=move || busy.get()>
                <Show when=move || busy.get()><Spinner /></Show>
                <IconSvg icon=Icon::Bell />
                "Add endpoint"
            </button>
        </form>
    }
}

/// The signing secret of an endpoint just added: shown this once, with a copy button.
#[component]
fn SecretPanel(secret: WebhookEndpointSecret, on_done: impl Fn() + 'static) -> impl IntoView {
    view! {
        <div class="notice notice-warn secret-panel" role="status" data-testid="webhook-secret-panel">
            <IconSvg icon=Icon::Key class="notice-icon" />
            <div class="notice-body">
                <p class="notice-title">{format!("Signing secret of {}", secret.endpoint.url)}</p>
                <p>"Copy it now into your back office, which verifies every delivery with it: it is not shown again."</p>
                <CopyField label="Signing secret" value=secret.secret.clone() testid="webhook-secret" />
                <button type="button" class="btn btn-secondary" data-testid="webhook-secret-done" on:click=move |_| on_done()>
                    "I have stored it"
                </button>
            </div>
        </div>
    }
}

fn health(endpoint: &WebhookEndpoint) -> String {
    let last = match (endpoint.last_attempt_at, endpoint.last_status_code) {
        (None, _) => "No delivery yet".to_string(),
        (Some(at), Some(code)) => format!("Last delivery {}: HTTP {code}", local_time(at)),
        (Some(at), None) => format!("Last delivery {}: no answer", local_time(at)),
    };
    let mut parts = vec![last];
    if endpoint.consecutive_failures > 0 {
        parts.push(format!("{} failed in a row", endpoint.consecutive_failures));
    }
    if endpoint.pending_deliveries > 0 {
        parts.push(format!("{} waiting", endpoint.pending_deliveries));
    }
    parts.join(" · ")
}

#[component]
fn EndpointRow(endpoint: WebhookEndpoint, on_change: Callback<()>) -> impl IntoView {
    let session = use_session();
    let id: Uuid = endpoint.id;
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let note = RwSignal::new(None::<String>);
    let log_open = RwSignal::new(false);
    let log_version = RwSignal::new(0u32);

    let send_test = move |_| {
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::admin_webhook_test(session, id).await {
                Ok(_) => {
                    note.set(Some("Test event queued: see it in the delivery log.".into()));
                    log_open.set(true);
                    log_version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(e.message())),
            }
            busy.set(false);
        });
    };
    let enable = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::admin_webhook_enable(session, id).await {
                Ok(_) => on_change.run(()),
                Err(e) => error.set(Some(e.message())),
            }
            busy.set(false);
        });
    };

    let enabled = endpoint.enabled;
    let types = if endpoint.event_types.is_empty() {
        "All events".to_string()
    } else {
        endpoint.event_types.join(", ")
    };
    view! {
        <li class="client-row" class:client-row-revoked=!enabled data-testid="webhook-row" data-endpoint-id=id.to_string()>
            <div class="client-head">
                <span class="client-name" data-testid="webhook-row-url">{endpoint.url.clone()}</span>
                {if enabled {
                    view! { <span class="badge badge-active" data-testid="webhook-status">"Enabled"</span> }.into_any()
                } else {
                    view! { <span class="badge badge-revoked" data-testid="webhook-status">"Disabled"</span> }.into_any()
                }}
            </div>
            {(!endpoint.description.is_empty()).then(|| view! { <p class="client-meta">{endpoint.description.clone()}</p> })}
            <p class="client-meta" data-testid="webhook-health">{types}" · "{health(&endpoint)}</p>
            {endpoint.disabled_reason.clone().map(|reason| view! { <p class="form-error" data-testid="webhook-disabled-reason">{reason}</p> })}
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            {move || note.get().map(|n| view! { <p class="client-meta" role="status" data-testid="webhook-note">{n}</p> })}
            <div class="client-actions">
                <button type="button" class="btn btn-secondary" data-testid="webhook-send-test" disabled=move || busy.get() on:click=send_test>
                    <IconSvg icon=Icon::Mail />"Send test event"
                </button>
                <button type="button" class="btn btn-ghost" data-testid="webhook-log-toggle" on:click=move |_| log_open.update(|o| *o = !*o)>
                    <IconSvg icon=Icon::List />
                    {move || if log_open.get() { "Hide delivery log" } else { "Delivery log" }}
                </button>
                <Show when=move || !enabled>
                    <button type="button" class="btn btn-primary" data-testid="webhook-enable" disabled=move || busy.get() on:click=enable>
                        "Enable"
                    </button>
                </Show>
            </div>
            <Show when=move || log_open.get()>
                <DeliveryLog endpoint=id version=log_version />
            </Show>
        </li>
    }
}

/// The endpoint's newest deliveries, refreshed every 3 seconds while shown.
#[component]
fn DeliveryLog(endpoint: Uuid, version: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let deliveries = LocalResource::new(move || {
        version.track();
        async move { api::admin_webhook_deliveries(session, endpoint).await }
    });
    if let Ok(handle) = set_interval_with_handle(move || deliveries.refetch(), Duration::from_secs(3)) {
        on_cleanup(move || handle.clear());
    }
    let on_replayed = Callback::new(move |()| deliveries.refetch());
    let body = move || {
        Suspend::new(async move {
            match deliveries.await {
                Err(error) => {
                    view! { <ErrorPanel error=error on_retry=move |()| deliveries.refetch() /> }.into_any()
                }
                Ok(page) if page.items.is_empty() => {
                    view! { <p class="client-meta" data-testid="webhook-log-empty">"Nothing sent yet."</p> }
                        .into_any()
                }
                Ok(page) => {
                    let shown = page.items.len();
                    let more =
                        (page.total > shown as u64).then(|| format!("Newest {shown} of {}.", page.total));
                    view! {
                    <ul class="delivery-log" data-testid="webhook-log">
                        {page
                            .items
                            .into_iter()
                            .map(|d| view! { <DeliveryRow endpoint=endpoint delivery=d on_replayed=on_replayed /> })
                            .collect_view()}
                    </ul>
                    {more.map(|m| view! { <p class="client-meta">{m}</p> })}
                    }
                    .into_any()
                }
            }
        })
    };
    view! {
        <div class="delivery-log-wrap" data-testid="webhook-log-panel">
            <h3 class="card-title">"Delivery log"</h3>
            <Transition fallback=|| view! { <SkeletonList rows=2 /> }>{body}</Transition>
        </div>
    }
}

fn status_badge(status: DeliveryStatus) -> (&'static str, &'static str) {
    match status {
        DeliveryStatus::Pending => ("badge badge-pending", "Waiting"),
        DeliveryStatus::Sending => ("badge badge-pending", "Sending"),
        DeliveryStatus::Delivered => ("badge badge-active", "Delivered"),
        DeliveryStatus::Failed => ("badge badge-revoked", "Failed"),
    }
}

#[component]
fn DeliveryRow(endpoint: Uuid, delivery: WebhookDelivery, on_replayed: Callback<()>) -> impl IntoView {
    let session = use_session();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let id = delivery.id;
    let replay = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::admin_webhook_replay(session, endpoint, id).await {
                Ok(_) => on_replayed.run(()),
                Err(e) => error.set(Some(e.message())),
            }
            busy.set(false);
        });
    };
    let (class, label) = status_badge(delivery.status);
    let attempt = delivery.last_attempt.as_ref().map(|a| {
        let status = a.status_code.map_or_else(|| "no answer".to_string(), |c| format!("HTTP {c}"));
        let mut text = format!("{} · {status} · {} ms", local_time(a.attempted_at), a.latency_ms);
        if let Some(error) = &a.error {
            text.push_str(&format!(" · {error}"));
        }
        text
    });
    let excerpt = delivery.last_attempt.as_ref().and_then(|a| a.response_excerpt.clone());
    view! {
        <li class="delivery-row" data-testid="webhook-delivery" data-event-type=delivery.event_type.clone() data-status=delivery.status.as_str()>
            <div class="client-head">
                <code class="mono" data-testid="webhook-delivery-type">{delivery.event_type.clone()}</code>
                <span class=class data-testid="webhook-delivery-status">{label}</span>
            </div>
            <p class="client-meta">
                {format!("Queued {} · {} attempt{}", local_time(delivery.created_at), delivery.attempts, if delivery.attempts == 1 { "" } else { "s" })}
            </p>
            {attempt.map(|t| view! { <p class="client-meta" data-testid="webhook-delivery-attempt">{t}</p> })}
            {excerpt.map(|e| view! { <pre class="delivery-excerpt mono">{e}</pre> })}
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <button type="button" class="btn btn-ghost btn-small" data-testid="webhook-replay" disabled=move || busy.get() on:click=replay>
                <IconSvg icon=Icon::Refresh />"Replay"
            </button>
        </li>
    }
}
