//! `/admin/webhooks`: the dealer admin's webhook endpoints (I5). Each endpoint with its
//! health (enabled or disabled and why, the last attempt's status, failures in a row, what is
//! waiting); a form to add one with the event types it gets, whose signing secret is shown
//! once with a copy button; per endpoint "Send test event", edit (URL, description, types),
//! rotate the secret (the old one signs alongside for a while), disable / enable and delete,
//! each destructive action confirmed in place; and the paged delivery log (refreshed every
//! few seconds while open, with the endpoint's health) with a replay button.

use std::time::Duration;

use leptos::prelude::*;
use shared::events::EventType;
use shared::webhooks::{
    DeliveryStatus, NewWebhookEndpoint, URL_MAX, WebhookDelivery, WebhookEndpoint, WebhookEndpointSecret,
    WebhookEndpointUpdate,
};
use uuid::Uuid;

use super::api_clients::CopyField;
use super::{local_time, set_title};
use crate::api;
use crate::components::icons::{Icon, IconSvg};
use crate::components::pager::Pager;
use crate::components::status::{ErrorPanel, SkeletonList, Spinner};
use crate::i18n::{Label, count_arg, tr, tr_with};
use crate::session::use_session;

#[component]
pub fn AdminWebhooksPage() -> impl IntoView {
    set_title(&tr("admin-tab-webhooks"));
    let session = use_session();
    let admin = Memo::new(move |_| session.is_dealer_admin());
    move || {
        if admin.get() {
            view! { <WebhooksScreen /> }.into_any()
        } else {
            view! {
                <div class="panel panel-empty" data-testid="webhooks-forbidden">
                    <h1 class="panel-title">{tr("admin-webhooks-forbidden")}</h1>
                    <p>{tr("admin-webhooks-forbidden-text")}</p>
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
                Err(error) => {
                    view! { <ErrorPanel error=error on_retry=move |()| endpoints.refetch() /> }.into_any()
                }
                Ok(list) if list.is_empty() => view! {
                    <div class="panel panel-empty" data-testid="webhooks-empty">
                        <IconSvg icon=Icon::Bell class="panel-icon" />
                        <div class="panel-body">
                            <h2 class="panel-title">{move || tr("admin-webhooks-empty")}</h2>
                            <p>{move || tr("admin-webhooks-empty-text")}</p>
                        </div>
                    </div>
                }
                .into_any(),
                Ok(list) => view! {
                    <ul class="client-list" data-testid="webhook-list">
                        {list
                            .into_iter()
                            .map(|endpoint| view! { <EndpointRow endpoint=endpoint on_deleted=on_change /> })
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
                    <h1 class="page-title">{move || tr("admin-tab-webhooks")}</h1>
                    <p class="page-lead">
                        {move || tr("admin-webhooks-lead")}
                        " ("<code class="mono">"webhook-id"</code>", "<code class="mono">"webhook-timestamp"</code>", "
                        <code class="mono">"webhook-signature"</code>"), "{move || tr("admin-webhooks-lead-delivery")}
                    </p>
                </div>
            </div>
            {move || shown.get().map(|secret| view! { <SecretPanel secret=secret on_done=move || shown.set(None) /> })}
            <NewEndpointForm on_created=on_created />
            <Suspense fallback=|| view! { <SkeletonList rows=2 /> }>{list}</Suspense>
        </section>
    }
}

/// Which event types an endpoint gets, as chosen in a form: every type, or only some.
#[derive(Clone, Copy)]
struct TypeChoice {
    every: RwSignal<bool>,
    only: RwSignal<Vec<EventType>>,
    error: RwSignal<Option<String>>,
}

impl TypeChoice {
    fn new(types: &[String]) -> Self {
        let only: Vec<EventType> = types.iter().filter_map(|t| EventType::parse(t)).collect();
        TypeChoice {
            every: RwSignal::new(only.is_empty()),
            only: RwSignal::new(only),
            error: RwSignal::new(None),
        }
    }

    /// The types to send as the API takes them (empty: every type), or `None` with the
    /// error shown when "only these" has none ticked.
    fn value(self) -> Option<Vec<String>> {
        if self.every.get_untracked() {
            self.error.set(None);
            return Some(Vec::new());
        }
        let only = self.only.get_untracked();
        if only.is_empty() {
            self.error.set(Some(tr("admin-webhook-types-missing")));
            return None;
        }
        self.error.set(None);
        Some(
            EventType::ALL.into_iter().filter(|t| only.contains(t)).map(|t| t.as_str().to_string()).collect(),
        )
    }

    fn reset(self) {
        self.every.set(true);
        self.only.set(Vec::new());
        self.error.set(None);
    }
}

/// "Every event type" or "Only these", with a box per type. `name` prefixes the ids and
/// test ids (one picker per form on the page).
#[component]
fn EventTypePicker(name: &'static str, choice: TypeChoice) -> impl IntoView {
    let TypeChoice { every, only, error } = choice;
    view! {
        <fieldset class="perm-set scope-set" data-testid=format!("{name}-types")>
            <legend class="field-label">{move || tr("admin-webhook-events")}</legend>
            <label class="perm">
                <input
                    type="radio"
                    name=format!("{name}-types")
                    data-testid=format!("{name}-types-every")
                    prop:checked=move || every.get()
                    on:change=move |_| {
                        every.set(true);
                        error.set(None);
                    }
                />
                <span>{move || tr("admin-webhook-events-every")}</span>
            </label>
            <label class="perm">
                <input
                    type="radio"
                    name=format!("{name}-types")
                    data-testid=format!("{name}-types-only")
                    prop:checked=move || !every.get()
                    on:change=move |_| every.set(false)
                />
                <span>{move || tr("admin-webhook-events-only")}</span>
            </label>
            <Show when=move || !every.get()>
                <div class="type-list">
                    {EventType::ALL
                        .into_iter()
                        .map(|kind| view! {
                            <label class="perm">
                                <input
                                    type="checkbox"
                                    data-testid=format!("{name}-type-{}", kind.as_str().replace(['.', '_'], "-"))
                                    prop:checked=move || only.with(|o| o.contains(&kind))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        only.update(|o| {
                                            o.retain(|x| *x != kind);
                                            if on {
                                                o.push(kind);
                                            }
                                        });
                                        if on {
                                            error.set(None);
                                        }
                                    }
                                />
                                <span>{move || event_text(kind)}<code class="mono scope-word">{kind.as_str()}</code></span>
                            </label>
                        })
                        .collect_view()}
                </div>
            </Show>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert" data-testid=format!("{name}-types-error")>{e}</p> })}
        </fieldset>
    }
}

/// What an event type tells the back office.
fn event_text(kind: EventType) -> String {
    match kind {
        EventType::RequestCreated => tr("admin-event-request-created"),
        EventType::RequestStatusChanged => tr("admin-event-request-status-changed"),
        EventType::PaymentCreated => tr("admin-event-payment-created"),
        EventType::PaymentSucceeded => tr("admin-event-payment-succeeded"),
        EventType::PaymentFailed => tr("admin-event-payment-failed"),
        EventType::PaymentSettled => tr("admin-event-payment-settled"),
        EventType::FeedbackCreated => tr("admin-event-feedback-created"),
        EventType::PortalUserInvited => tr("admin-event-portal-user-invited"),
        EventType::PortalUserActivated => tr("admin-event-portal-user-activated"),
        EventType::PortalUserDeactivated => tr("admin-event-portal-user-deactivated"),
        EventType::CustomerContactChanged => tr("admin-event-customer-contact-changed"),
    }
}

/// The URL and description inputs of the add and edit forms.
#[component]
fn EndpointFields(
    name: &'static str,
    url: RwSignal<String>,
    description: RwSignal<String>,
    url_error: RwSignal<Option<String>>,
) -> impl IntoView {
    let url_id = format!("{name}-url");
    let description_id = format!("{name}-description");
    view! {
        <div class="field">
            <label class="field-label" for=url_id.clone()>{move || tr("admin-webhook-url")}</label>
            <input
                id=url_id.clone()
                class="input"
                type="url"
                maxlength=URL_MAX.to_string()
                placeholder="https://backoffice.example.com/webhooks"
                autocomplete="off"
                data-testid=url_id
                aria-invalid=move || url_error.get().is_some().to_string()
                prop:value=move || url.get()
                on:input=move |ev| url.set(event_target_value(&ev))
            />
            {move || url_error.get().map(|e| view! { <p class="field-error" data-testid=format!("{name}-url-error")>{e}</p> })}
        </div>
        <div class="field">
            <label class="field-label" for=description_id.clone()>{move || tr("admin-webhook-description")}</label>
            <input
                id=description_id.clone()
                class="input"
                maxlength="200"
                placeholder=move || tr("admin-back-office")
                autocomplete="off"
                data-testid=description_id
                prop:value=move || description.get()
                on:input=move |ev| description.set(event_target_value(&ev))
            />
        </div>
    }
}

/// What the add and edit forms hold, and how both check it and show a refusal.
#[derive(Clone, Copy)]
struct Draft {
    url: RwSignal<String>,
    description: RwSignal<String>,
    types: TypeChoice,
    url_error: RwSignal<Option<String>>,
    error: RwSignal<Option<String>>,
}

impl Draft {
    fn new(url: &str, description: &str, types: &[String]) -> Self {
        Draft {
            url: RwSignal::new(url.to_string()),
            description: RwSignal::new(description.to_string()),
            types: TypeChoice::new(types),
            url_error: RwSignal::new(None),
            error: RwSignal::new(None),
        }
    }

    /// The URL, description and event types to send, or `None` with what is missing shown.
    fn read(self) -> Option<(String, String, Vec<String>)> {
        let url = self.url.get_untracked().trim().to_string();
        self.url_error.set(url.is_empty().then(|| tr("admin-webhook-url-missing")));
        self.error.set(None);
        let event_types = self.types.value()?;
        if url.is_empty() {
            return None;
        }
        Some((url, self.description.get_untracked().trim().to_string(), event_types))
    }

    /// A refusal: under the URL when it names the URL, else above the button.
    fn refused(self, e: &api::ApiError) {
        self.url_error.set(e.field_message("url"));
        if e.field_message("url").is_none() {
            let message = e.field_message("event_types").or_else(|| e.field_message("description"));
            self.error.set(Some(message.unwrap_or_else(|| e.message())));
        }
    }

    fn clear(self) {
        self.url.set(String::new());
        self.description.set(String::new());
        self.types.reset();
    }
}

#[component]
fn NewEndpointForm(on_created: Callback<WebhookEndpointSecret>) -> impl IntoView {
    let session = use_session();
    let draft = Draft::new("", "", &[]);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some((url, description, event_types)) = draft.read() else { return };
        let body = NewWebhookEndpoint { url, description, event_types };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::admin_create_webhook(session, &body).await {
                Ok(secret) => {
                    draft.clear();
                    on_created.run(secret);
                }
                Err(e) => draft.refused(&e),
            }
            busy.set(false);
        });
    };
    let Draft { url, description, types, url_error, error } = draft;

    view! {
        <form class="card client-form" data-testid="webhook-form" on:submit=submit novalidate>
            <h2 class="card-title">{move || tr("admin-webhook-new")}</h2>
            <EndpointFields name="webhook" url=url description=description url_error=url_error />
            <EventTypePicker name="webhook" choice=types />
            <p class="field-hint">{move || tr("admin-webhook-url-hint")}</p>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert" data-testid="webhook-error">{e}</p> })}
            <button type="submit" class="btn btn-primary" data-testid="webhook-create" disabled=move || busy.get()>
                <Show when=move || busy.get()><Spinner /></Show>
                <IconSvg icon=Icon::Bell />
                {move || tr("admin-webhook-create")}
            </button>
        </form>
    }
}

/// A signing secret just made (a new endpoint, or a rotation): shown this once, with a copy
/// button; after a rotation, until when the old secret signs too.
#[component]
fn SecretPanel(secret: WebhookEndpointSecret, on_done: impl Fn() + 'static) -> impl IntoView {
    let overlap = secret
        .endpoint
        .previous_secret_expires_at
        .map(|until| move || tr_with("admin-webhook-secret-overlap", &[("time", local_time(until).into())]));
    let url = secret.endpoint.url.clone();
    view! {
        <div class="notice notice-warn secret-panel" role="status" data-testid="webhook-secret-panel">
            <IconSvg icon=Icon::Key class="notice-icon" />
            <div class="notice-body">
                <p class="notice-title">{move || tr_with("admin-webhook-secret-of", &[("url", url.as_str().into())])}</p>
                <p>{move || tr("admin-webhook-copy-now")}</p>
                {overlap.map(|o| view! { <p data-testid="webhook-secret-overlap">{o}</p> })}
                <CopyField label=|| tr("admin-webhook-secret") value=secret.secret.clone() testid="webhook-secret" />
                <button type="button" class="btn btn-secondary" data-testid="webhook-secret-done" on:click=move |_| on_done()>
                    {move || tr("admin-secret-stored")}
                </button>
            </div>
        </div>
    }
}

fn health(endpoint: &WebhookEndpoint) -> String {
    let last = match (endpoint.last_attempt_at, endpoint.last_status_code) {
        (None, _) => tr("admin-webhook-no-delivery"),
        (Some(at), Some(code)) => {
            let args = [("time", local_time(at).into()), ("code", code.to_string().into())];
            tr_with("admin-webhook-last-delivery", &args)
        }
        (Some(at), None) => {
            tr_with("admin-webhook-last-delivery-no-answer", &[("time", local_time(at).into())])
        }
    };
    let mut parts = vec![last];
    if endpoint.consecutive_failures > 0 {
        let failures = count_arg(endpoint.consecutive_failures.into());
        parts.push(tr_with("admin-webhook-failed-in-a-row", &[failures]));
    }
    if endpoint.pending_deliveries > 0 {
        parts.push(tr_with("admin-webhook-waiting", &[count_arg(endpoint.pending_deliveries)]));
    }
    parts.join(" · ")
}

fn types_line(endpoint: &WebhookEndpoint) -> String {
    if endpoint.event_types.is_empty() {
        tr("admin-webhook-all-events")
    } else {
        endpoint.event_types.join(", ")
    }
}

/// What a row shows below its facts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Idle,
    Editing,
    ConfirmRotate,
    ConfirmDelete,
}

/// What a row's buttons do.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Action {
    Test,
    Enable,
    Disable,
    Rotate,
    Delete,
}

#[component]
fn EndpointRow(endpoint: WebhookEndpoint, on_deleted: Callback<()>) -> impl IntoView {
    let session = use_session();
    let id: Uuid = endpoint.id;
    let current = RwSignal::new(endpoint);
    let mode = RwSignal::new(Mode::Idle);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let note = RwSignal::new(None::<String>);
    let secret = RwSignal::new(None::<WebhookEndpointSecret>);
    let log_open = RwSignal::new(false);
    let log_version = RwSignal::new(0u32);

    let act = move |action: Action| {
        busy.set(true);
        error.set(None);
        note.set(None);
        leptos::task::spawn_local(async move {
            let outcome = match action {
                Action::Test => api::admin_webhook_test(session, id).await.map(|_| {
                    note.set(Some(tr("admin-webhook-test-queued")));
                    log_open.set(true);
                    log_version.update(|v| *v += 1);
                }),
                Action::Enable => api::admin_webhook_enable(session, id).await.map(|e| current.set(e)),
                Action::Disable => api::admin_webhook_disable(session, id).await.map(|e| {
                    note.set(Some(tr("admin-webhook-disabled-note")));
                    current.set(e);
                }),
                Action::Rotate => api::admin_rotate_webhook_secret(session, id).await.map(|s| {
                    current.set(s.endpoint.clone());
                    secret.set(Some(s));
                }),
                Action::Delete => api::admin_delete_webhook(session, id).await.map(|()| on_deleted.run(())),
            };
            if let Err(e) = outcome {
                error.set(Some(e.message()));
            }
            busy.set(false);
            mode.set(Mode::Idle);
        });
    };
    // While the log is open its refresh brings the endpoint's health up to date too.
    let refresh = Callback::new(move |()| {
        leptos::task::spawn_local(async move {
            if let Ok(fresh) = api::admin_webhook(session, id).await {
                current.set(fresh);
            }
        });
    });

    let enabled = move || current.with(|e| e.enabled);
    view! {
        <li class="client-row" class:client-row-revoked=move || !enabled() data-testid="webhook-row" data-endpoint-id=id.to_string()>
            <div class="client-head">
                <span class="client-name" data-testid="webhook-row-url">{move || current.with(|e| e.url.clone())}</span>
                {move || if enabled() {
                    view! { <span class="badge badge-active" data-testid="webhook-status">{tr("admin-enabled")}</span> }.into_any()
                } else {
                    view! { <span class="badge badge-revoked" data-testid="webhook-status">{tr("admin-disabled")}</span> }.into_any()
                }}
            </div>
            {move || current.with(|e| (!e.description.is_empty()).then(|| view! { <p class="client-meta" data-testid="webhook-row-description">{e.description.clone()}</p> }))}
            <p class="client-meta" data-testid="webhook-types">{move || current.with(types_line)}</p>
            <p class="client-meta" data-testid="webhook-health">{move || current.with(health)}</p>
            {move || current.with(|e| e.disabled_reason.clone()).map(|reason| view! { <p class="form-error" data-testid="webhook-disabled-reason">{reason}</p> })}
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            {move || note.get().map(|n| view! { <p class="client-meta" role="status" data-testid="webhook-note">{n}</p> })}
            {move || secret.get().map(|s| view! { <SecretPanel secret=s on_done=move || secret.set(None) /> })}
            {move || match mode.get() {
                Mode::Idle => view! {
                    <div class="client-actions">
                        <button type="button" class="btn btn-secondary" data-testid="webhook-send-test" disabled=move || busy.get() on:click=move |_| act(Action::Test)>
                            <IconSvg icon=Icon::Mail />{tr("admin-webhook-send-test")}
                        </button>
                        <button type="button" class="btn btn-ghost" data-testid="webhook-log-toggle" aria-expanded=move || log_open.get().to_string() on:click=move |_| log_open.update(|o| *o = !*o)>
                            <IconSvg icon=Icon::List />
                            {move || if log_open.get() { tr("admin-webhook-hide-log") } else { tr("admin-webhook-log") }}
                        </button>
                        <button type="button" class="btn btn-ghost" data-testid="webhook-edit" on:click=move |_| mode.set(Mode::Editing)>
                            {tr("admin-webhook-edit")}
                        </button>
                        <button type="button" class="btn btn-ghost" data-testid="webhook-rotate" on:click=move |_| mode.set(Mode::ConfirmRotate)>
                            <IconSvg icon=Icon::Refresh />{tr("admin-rotate-secret")}
                        </button>
                        {move || if enabled() {
                            view! {
                                <button type="button" class="btn btn-ghost" data-testid="webhook-disable" disabled=move || busy.get() on:click=move |_| act(Action::Disable)>
                                    {tr("admin-webhook-disable")}
                                </button>
                            }.into_any()
                        } else {
                            view! {
                                <button type="button" class="btn btn-primary" data-testid="webhook-enable" disabled=move || busy.get() on:click=move |_| act(Action::Enable)>
                                    {tr("admin-webhook-enable")}
                                </button>
                            }.into_any()
                        }}
                        <button type="button" class="btn btn-ghost btn-danger-text" data-testid="webhook-delete" on:click=move |_| mode.set(Mode::ConfirmDelete)>
                            {tr("admin-webhook-delete")}
                        </button>
                    </div>
                }
                .into_any(),
                Mode::Editing => view! {
                    <EditEndpointForm endpoint=current.get_untracked() on_saved=move |e: WebhookEndpoint| { current.set(e); mode.set(Mode::Idle); } on_cancel=move || mode.set(Mode::Idle) />
                }
                .into_any(),
                confirm => {
                    let (question, yes, action) = if confirm == Mode::ConfirmRotate {
                        (tr("admin-webhook-rotate-question"), tr("admin-rotate-secret"), Action::Rotate)
                    } else {
                        let url = current.with_untracked(|e| e.url.clone());
                        let question = tr_with("admin-webhook-delete-question", &[("url", url.into())]);
                        (question, tr("admin-webhook-delete-yes"), Action::Delete)
                    };
                    view! {
                        <div class="confirm-inline" role="group" data-testid="webhook-confirm">
                            <p>{question}</p>
                            <div class="client-actions">
                                <button type="button" class="btn btn-danger" data-testid="webhook-confirm-yes" disabled=move || busy.get() on:click=move |_| act(action)>
                                    <Show when=move || busy.get()><Spinner /></Show>
                                    {yes}
                                </button>
                                <button type="button" class="btn btn-ghost" data-testid="webhook-confirm-no" on:click=move |_| mode.set(Mode::Idle)>
                                    {tr("admin-cancel")}
                                </button>
                            </div>
                        </div>
                    }
                    .into_any()
                }
            }}
            <Show when=move || log_open.get()>
                <DeliveryLog endpoint=id version=log_version on_tick=refresh />
            </Show>
        </li>
    }
}

/// Changes an endpoint's URL, description and event types in place.
#[component]
fn EditEndpointForm(
    endpoint: WebhookEndpoint,
    #[prop(into)] on_saved: Callback<WebhookEndpoint>,
    on_cancel: impl Fn() + 'static,
) -> impl IntoView {
    let session = use_session();
    let id = endpoint.id;
    let draft = Draft::new(&endpoint.url, &endpoint.description, &endpoint.event_types);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some((url, description, event_types)) = draft.read() else { return };
        let body = WebhookEndpointUpdate {
            url: Some(url),
            description: Some(description),
            event_types: Some(event_types),
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::admin_update_webhook(session, id, &body).await {
                Ok(saved) => on_saved.run(saved),
                Err(e) => draft.refused(&e),
            }
            busy.set(false);
        });
    };
    let Draft { url, description, types, url_error, error } = draft;

    view! {
        <form class="webhook-edit" data-testid="webhook-edit-form" on:submit=submit novalidate>
            <EndpointFields name="webhook-edit" url=url description=description url_error=url_error />
            <EventTypePicker name="webhook-edit" choice=types />
            {move || error.get().map(|e| view! { <p class="form-error" role="alert" data-testid="webhook-edit-error">{e}</p> })}
            <div class="client-actions">
                <button type="submit" class="btn btn-primary" data-testid="webhook-edit-save" disabled=move || busy.get()>
                    <Show when=move || busy.get()><Spinner /></Show>
                    {move || tr("admin-save")}
                </button>
                <button type="button" class="btn btn-ghost" data-testid="webhook-edit-cancel" on:click=move |_| on_cancel()>
                    {move || tr("admin-cancel")}
                </button>
            </div>
        </form>
    }
}

/// The endpoint's deliveries, newest first, a page at a time; refreshed every 3 seconds
/// while shown, each refresh also telling `on_tick` (the row refreshes the health line).
/// A new version (a test event was queued) goes back to the first page.
#[component]
fn DeliveryLog(endpoint: Uuid, version: RwSignal<u32>, on_tick: Callback<()>) -> impl IntoView {
    let session = use_session();
    let page = RwSignal::new(1u32);
    Effect::watch(move || version.get(), move |_, _, _| page.set(1), false);
    let deliveries = LocalResource::new(move || {
        version.track();
        let page = page.get();
        async move { api::admin_webhook_deliveries(session, endpoint, page).await }
    });
    let tick = move || {
        deliveries.refetch();
        on_tick.run(());
    };
    if let Ok(handle) = set_interval_with_handle(tick, Duration::from_secs(3)) {
        on_cleanup(move || handle.clear());
    }
    let on_replayed = Callback::new(move |()| deliveries.refetch());
    let body = move || {
        Suspend::new(async move {
            match deliveries.await {
                Err(error) => {
                    view! { <ErrorPanel error=error on_retry=move |()| deliveries.refetch() /> }.into_any()
                }
                Ok(found) if found.items.is_empty() && found.page <= 1 => {
                    view! { <p class="client-meta" data-testid="webhook-log-empty">{move || tr("admin-webhook-log-empty")}</p> }
                        .into_any()
                }
                Ok(found) => {
                    let (number, per_page, total, page_count) =
                        (found.page, found.per_page, found.total, found.page_count());
                    view! {
                    <ul class="delivery-log" data-testid="webhook-log">
                        {found
                            .items
                            .into_iter()
                            .map(|d| view! { <DeliveryRow endpoint=endpoint delivery=d on_replayed=on_replayed /> })
                            .collect_view()}
                    </ul>
                    {(page_count > 1).then(|| view! {
                        <Pager page=number per_page=per_page total=total page_count=page_count on_page=move |p| page.set(p) />
                    })}
                    }
                    .into_any()
                }
            }
        })
    };
    view! {
        <div class="delivery-log-wrap" data-testid="webhook-log-panel">
            <h3 class="card-title">{move || tr("admin-webhook-log")}</h3>
            <Transition fallback=|| view! { <SkeletonList rows=2 /> }>{body}</Transition>
        </div>
    }
}

fn status_badge(status: DeliveryStatus) -> (&'static str, Label) {
    match status {
        DeliveryStatus::Pending => ("badge badge-pending", || tr("admin-delivery-waiting")),
        DeliveryStatus::Sending => ("badge badge-pending", || tr("admin-delivery-sending")),
        DeliveryStatus::Delivered => ("badge badge-active", || tr("admin-delivery-delivered")),
        DeliveryStatus::Failed => ("badge badge-revoked", || tr("admin-delivery-failed")),
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
    let attempt = delivery.last_attempt.clone().map(|a| {
        move || {
            let status =
                a.status_code.map_or_else(|| tr("admin-delivery-no-answer"), |c| format!("HTTP {c}"));
            let mut text = format!("{} · {status} · {} ms", local_time(a.attempted_at), a.latency_ms);
            if let Some(error) = &a.error {
                text.push_str(&format!(" · {error}"));
            }
            text
        }
    });
    let (created_at, attempts) = (delivery.created_at, delivery.attempts);
    let queued = move || {
        let args = [("time", local_time(created_at).into()), count_arg(attempts.into())];
        tr_with("admin-delivery-queued", &args)
    };
    let excerpt = delivery.last_attempt.as_ref().and_then(|a| a.response_excerpt.clone());
    view! {
        <li class="delivery-row" data-testid="webhook-delivery" data-event-type=delivery.event_type.clone() data-status=delivery.status.as_str()>
            <div class="client-head">
                <code class="mono" data-testid="webhook-delivery-type">{delivery.event_type.clone()}</code>
                <span class=class data-testid="webhook-delivery-status">{label}</span>
            </div>
            <p class="client-meta">
                {queued}
            </p>
            {attempt.map(|t| view! { <p class="client-meta" data-testid="webhook-delivery-attempt">{t}</p> })}
            {excerpt.map(|e| view! { <pre class="delivery-excerpt mono">{e}</pre> })}
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <button type="button" class="btn btn-ghost btn-small" data-testid="webhook-replay" disabled=move || busy.get() on:click=replay>
                <IconSvg icon=Icon::Refresh />{move || tr("admin-delivery-replay")}
            </button>
        </li>
    }
}
