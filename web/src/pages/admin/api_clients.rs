//! `/admin/api-clients`: the dealer admin's back-office credentials (I2). Create a client
//! with a name and scopes; its secret is shown once, with copy buttons, and never again.
//! Rotate gives a new secret (the old one stops at once); revoke ends the client.
//! Each destructive action asks for confirmation in place.

use leptos::prelude::*;
use shared::integrations::{ApiClient, ApiClientSecret, CLIENT_NAME_MAX, NewApiClient, Scope};
use uuid::Uuid;

use super::{local_time, set_title};
use crate::api;
use crate::components::icons::{Icon, IconSvg};
use crate::components::status::{ErrorPanel, SkeletonList, Spinner};
use crate::i18n::{Label, tr, tr_with};
use crate::session::use_session;

#[component]
pub fn AdminApiClientsPage() -> impl IntoView {
    set_title(&tr("admin-tab-api-clients"));
    let session = use_session();
    let admin = Memo::new(move |_| session.is_dealer_admin());
    move || {
        if admin.get() {
            view! { <ApiClientsScreen /> }.into_any()
        } else {
            view! {
                <div class="panel panel-empty" data-testid="api-clients-forbidden">
                    <h1 class="panel-title">{tr("admin-api-clients-forbidden")}</h1>
                    <p>{tr("admin-api-clients-forbidden-text")}</p>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn ApiClientsScreen() -> impl IntoView {
    let session = use_session();
    let clients = LocalResource::new(move || async move { api::admin_api_clients(session).await });
    // The secret of the client just created or rotated, until the admin closes it.
    let shown = RwSignal::new(None::<ApiClientSecret>);
    let on_secret = Callback::new(move |secret: ApiClientSecret| {
        shown.set(Some(secret));
        clients.refetch();
    });
    let on_change = Callback::new(move |()| clients.refetch());

    let list = move || {
        Suspend::new(async move {
            match clients.await {
                Err(error) => view! { <ErrorPanel error=error on_retry=move |()| clients.refetch() /> }.into_any(),
                Ok(list) if list.is_empty() => view! {
                    <div class="panel panel-empty" data-testid="api-clients-empty">
                        <IconSvg icon=Icon::Key class="panel-icon" />
                        <div class="panel-body">
                            <h2 class="panel-title">{move || tr("admin-api-clients-empty")}</h2>
                            <p>{move || tr("admin-api-clients-empty-text")}</p>
                        </div>
                    </div>
                }
                .into_any(),
                Ok(list) => view! {
                    <ul class="client-list" data-testid="api-client-list">
                        {list
                            .into_iter()
                            .map(|client| view! { <ClientRow client=client on_secret=on_secret on_change=on_change /> })
                            .collect_view()}
                    </ul>
                }
                .into_any(),
            }
        })
    };

    view! {
        <section class="page admin-page" data-testid="api-clients-page">
            <div class="page-head">
                <div>
                    <h1 class="page-title">{move || tr("admin-tab-api-clients")}</h1>
                    <p class="page-lead">
                        {move || tr("admin-api-clients-lead")}" "{move || tr("admin-api-clients-lead-token")}" "
                        <code class="mono">"POST /api/v1/oauth/token"</code>"."
                    </p>
                </div>
            </div>
            {move || shown.get().map(|secret| view! { <SecretPanel secret=secret on_done=move || shown.set(None) /> })}
            <NewClientForm on_created=on_secret />
            <Suspense fallback=|| view! { <SkeletonList rows=3 /> }>{list}</Suspense>
        </section>
    }
}

/// The form that creates a client: a name and the scopes it may use (all ticked to start).
#[component]
fn NewClientForm(on_created: Callback<ApiClientSecret>) -> impl IntoView {
    let session = use_session();
    let name = RwSignal::new(String::new());
    let scopes = RwSignal::new(Scope::ALL.to_vec());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let name_error = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let body =
            NewApiClient { name: name.get_untracked().trim().to_string(), scopes: scopes.get_untracked() };
        // The server's own checks, so the common slips need no round trip.
        name_error.set(body.name.is_empty().then(|| tr("admin-api-client-name-missing")));
        error.set(body.scopes.is_empty().then(|| tr("admin-api-client-scopes-missing")));
        if body.name.is_empty() || body.scopes.is_empty() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::admin_create_api_client(session, &body).await {
                Ok(secret) => {
                    name.set(String::new());
                    scopes.set(Scope::ALL.to_vec());
                    on_created.run(secret);
                }
                Err(e) => {
                    name_error.set(e.field_message("name"));
                    error.set(Some(e.field_message("scopes").unwrap_or_else(|| e.message())));
                }
            }
            busy.set(false);
        });
    };

    view! {
        <form class="card client-form" data-testid="api-client-form" on:submit=submit novalidate>
            <h2 class="card-title">{move || tr("admin-api-client-new")}</h2>
            <div class="field">
                <label class="field-label" for="api-client-name">{move || tr("admin-name")}</label>
                <input
                    id="api-client-name"
                    class="input"
                    maxlength=CLIENT_NAME_MAX.to_string()
                    placeholder=move || tr("admin-back-office")
                    autocomplete="off"
                    data-testid="api-client-name"
                    aria-invalid=move || name_error.get().is_some().to_string()
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                {move || name_error.get().map(|e| view! { <p class="field-error" data-testid="api-client-name-error">{e}</p> })}
            </div>
            <fieldset class="perm-set scope-set">
                <legend class="field-label">{move || tr("admin-api-client-may")}</legend>
                {Scope::ALL
                    .into_iter()
                    .map(|scope| view! {
                        <label class="perm">
                            <input
                                type="checkbox"
                                data-testid=format!("api-client-scope-{}", scope.as_str().replace(':', "-"))
                                prop:checked=move || scopes.with(|s| s.contains(&scope))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    scopes.update(|s| {
                                        s.retain(|x| *x != scope);
                                        if on {
                                            s.push(scope);
                                            s.sort();
                                        }
                                    });
                                }
                            />
                            <span>{move || scope_text(scope)}<code class="mono scope-word">{scope.as_str()}</code></span>
                        </label>
                    })
                    .collect_view()}
            </fieldset>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert" data-testid="api-client-error">{e}</p> })}
            <button type="submit" class="btn btn-primary" data-testid="api-client-create" disabled=move || busy.get()>
                <Show when=move || busy.get()><Spinner /></Show>
                <IconSvg icon=Icon::Key />
                {move || tr("admin-api-client-create")}
            </button>
        </form>
    }
}

/// What a scope lets the back office do.
fn scope_text(scope: Scope) -> String {
    match scope {
        Scope::LocationsWrite => tr("admin-scope-locations-write"),
        Scope::CustomersWrite => tr("admin-scope-customers-write"),
        Scope::ContractsWrite => tr("admin-scope-contracts-write"),
        Scope::InvoicesWrite => tr("admin-scope-invoices-write"),
        Scope::DocumentsWrite => tr("admin-scope-documents-write"),
        Scope::PositionsWrite => tr("admin-scope-positions-write"),
        Scope::PaymentsRead => tr("admin-scope-payments-read"),
        Scope::PaymentsWrite => tr("admin-scope-payments-write"),
        Scope::RequestsRead => tr("admin-scope-requests-read"),
        Scope::EventsRead => tr("admin-scope-events-read"),
    }
}

/// The credentials of a client just created or rotated: shown this once, with copy buttons.
#[component]
fn SecretPanel(secret: ApiClientSecret, on_done: impl Fn() + 'static) -> impl IntoView {
    let name = secret.client.name.clone();
    view! {
        <div class="notice notice-warn secret-panel" role="status" data-testid="api-client-secret-panel">
            <IconSvg icon=Icon::Key class="notice-icon" />
            <div class="notice-body">
                <p class="notice-title">{move || tr_with("admin-api-client-credentials", &[("name", name.as_str().into())])}</p>
                <p>{move || tr("admin-api-client-copy-now")}</p>
                <CopyField label=|| tr("admin-api-client-id") value=secret.client.client_id.clone() testid="api-client-id" />
                <CopyField label=|| tr("admin-api-client-secret") value=secret.client_secret.clone() testid="api-client-secret" />
                <button type="button" class="btn btn-secondary" data-testid="api-client-secret-done" on:click=move |_| on_done()>
                    {move || tr("admin-secret-stored")}
                </button>
            </div>
        </div>
    }
}

/// A read-only value with a button that puts it on the clipboard.
#[component]
pub(super) fn CopyField(label: Label, value: String, testid: &'static str) -> impl IntoView {
    let copied = RwSignal::new(false);
    let id = format!("{testid}-value");
    let to_copy = value.clone();
    let copy = move |_| {
        let text = to_copy.clone();
        leptos::task::spawn_local(async move {
            copied.set(copy_to_clipboard(&text).await);
        });
    };
    view! {
        <div class="copy-field">
            <label class="field-label" for=id.clone()>{label}</label>
            <div class="copy-row">
                <input id=id class="input mono" readonly prop:value=value data-testid=testid />
                <button type="button" class="btn btn-secondary" data-testid=format!("{testid}-copy") on:click=copy>
                    {move || if copied.get() { tr("admin-copied") } else { tr("admin-copy") }}
                </button>
            </div>
        </div>
    }
}

/// Writes `text` to the clipboard (`navigator.clipboard.writeText`); `false` when the
/// browser refused (no secure context, no permission).
async fn copy_to_clipboard(text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else { return false };
    let call = || -> Option<js_sys::Promise> {
        let navigator = js_sys::Reflect::get(&window, &"navigator".into()).ok()?;
        let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok()?;
        let write: js_sys::Function =
            js_sys::Reflect::get(&clipboard, &"writeText".into()).ok()?.dyn_into().ok()?;
        write.call1(&clipboard, &text.into()).ok()?.dyn_into().ok()
    };
    match call() {
        Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
        None => false,
    }
}

/// Which destructive action a row is asking to confirm.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Confirm {
    Rotate,
    Revoke,
}

#[component]
fn ClientRow(
    client: ApiClient,
    on_secret: Callback<ApiClientSecret>,
    on_change: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let id: Uuid = client.id;
    let confirm = RwSignal::new(None::<Confirm>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let revoked = client.revoked_at.is_some();

    let act = move |what: Confirm| {
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let outcome = match what {
                Confirm::Rotate => api::admin_rotate_api_client(session, id).await.map(|s| on_secret.run(s)),
                Confirm::Revoke => api::admin_revoke_api_client(session, id).await.map(|_| on_change.run(())),
            };
            if let Err(e) = outcome {
                error.set(Some(e.message()));
            }
            busy.set(false);
            confirm.set(None);
        });
    };

    let (last_used_at, created_at, revoked_at) = (client.last_used_at, client.created_at, client.revoked_at);
    let created_by = client.created_by.clone();
    let meta = move || {
        let made = match &created_by {
            Some(by) => {
                let args = [("time", local_time(created_at).into()), ("name", by.as_str().into())];
                tr_with("admin-api-client-created-by", &args)
            }
            None => tr_with("admin-api-client-created", &[("time", local_time(created_at).into())]),
        };
        let used = last_used_at.map_or_else(
            || tr("admin-api-client-never-used"),
            |at| tr_with("admin-api-client-last-used", &[("time", local_time(at).into())]),
        );
        let revoked =
            revoked_at.map(|at| tr_with("admin-api-client-revoked-at", &[("time", local_time(at).into())]));
        [Some(made), Some(used), revoked].into_iter().flatten().collect::<Vec<_>>().join(" · ")
    };
    view! {
        <li class="client-row" class:client-row-revoked=revoked data-testid="api-client-row" data-client-id=id.to_string()>
            <div class="client-head">
                <span class="client-name" data-testid="api-client-row-name">{client.name.clone()}</span>
                {if revoked {
                    view! { <span class="badge badge-revoked" data-testid="api-client-status">{move || tr("admin-revoked")}</span> }.into_any()
                } else {
                    view! { <span class="badge badge-active" data-testid="api-client-status">{move || tr("admin-active")}</span> }.into_any()
                }}
            </div>
            <code class="mono client-id" data-testid="api-client-row-id">{client.client_id.clone()}</code>
            <ul class="scope-chips" aria-label=move || tr("admin-api-client-scopes")>
                {client.scopes.iter().map(|&s| view! { <li class="scope-chip" title=move || scope_text(s)>{s.as_str()}</li> }).collect_view()}
            </ul>
            <p class="client-meta">{meta}</p>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <Show when=move || !revoked>
                {move || match confirm.get() {
                    None => view! {
                        <div class="client-actions">
                            <button type="button" class="btn btn-secondary" data-testid="api-client-rotate" on:click=move |_| confirm.set(Some(Confirm::Rotate))>
                                <IconSvg icon=Icon::Refresh />{tr("admin-rotate-secret")}
                            </button>
                            <button type="button" class="btn btn-ghost btn-danger-text" data-testid="api-client-revoke" on:click=move |_| confirm.set(Some(Confirm::Revoke))>
                                {tr("admin-api-client-revoke")}
                            </button>
                        </div>
                    }
                    .into_any(),
                    Some(what) => {
                        let (question, yes) = match what {
                            Confirm::Rotate => (tr("admin-api-client-rotate-question"), tr("admin-rotate-secret")),
                            Confirm::Revoke => (tr("admin-api-client-revoke-question"), tr("admin-api-client-revoke-yes")),
                        };
                        view! {
                            <div class="confirm-inline" role="group" data-testid="api-client-confirm">
                                <p>{question}</p>
                                <div class="client-actions">
                                    <button type="button" class="btn btn-danger" data-testid="api-client-confirm-yes" disabled=move || busy.get() on:click=move |_| act(what)>
                                        <Show when=move || busy.get()><Spinner /></Show>
                                        {yes}
                                    </button>
                                    <button type="button" class="btn btn-ghost" data-testid="api-client-confirm-no" on:click=move |_| confirm.set(None)>
                                        {tr("admin-cancel")}
                                    </button>
                                </div>
                            </div>
                        }
                        .into_any()
                    }
                }}
            </Show>
        </li>
    }
}
