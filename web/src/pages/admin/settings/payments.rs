//! The Payments section: card and ACH on or off with the gateway's keys, and guest payment.
//! A secret key is typed once and sent; the screen only ever shows its last four characters
//! and when it was set. Switching a method off (customers can no longer pay that way) is
//! confirmed in place first.

use leptos::prelude::*;
use shared::payments::PaymentMethod;
use shared::settings::{PaymentMethodInput, PaymentMethodSettings, PaymentSettings, PaymentSettingsInput};

use super::super::local_time;
use super::SavedNote;
use crate::api;
use crate::components::icons::{Icon, IconSvg};
use crate::components::status::{ErrorPanel, SkeletonList, Spinner};
use crate::i18n::{tr, tr_with};
use crate::session::use_session;

#[component]
pub fn PaymentsSection() -> impl IntoView {
    let session = use_session();
    let loaded = LocalResource::new(move || async move { api::admin_payment_settings(session).await });
    let body = move || {
        Suspend::new(async move {
            match loaded.await {
                Ok(settings) => view! { <PaymentsForm settings=settings /> }.into_any(),
                Err(error) => {
                    view! { <ErrorPanel error=error on_retry=move |()| loaded.refetch() /> }.into_any()
                }
            }
        })
    };
    view! {
        <section class="card settings-card" id="settings-payments" data-testid="settings-payments">
            <h2 class="card-title">{move || tr("admin-settings-payments")}</h2>
            <p class="card-lead">{move || tr("admin-settings-payments-lead")}</p>
            <Suspense fallback=|| view! { <SkeletonList rows=2 /> }>{body}</Suspense>
        </section>
    }
}

fn method_label(method: PaymentMethod) -> String {
    match method {
        PaymentMethod::Card => tr("admin-settings-method-card"),
        PaymentMethod::Ach => tr("admin-settings-method-ach"),
    }
}

/// What the form holds for one method.
#[derive(Clone, Copy)]
struct MethodDraft {
    method: PaymentMethod,
    enabled: RwSignal<bool>,
    public_key: RwSignal<String>,
    secret_key: RwSignal<String>,
    stored: RwSignal<PaymentMethodSettings>,
}

impl MethodDraft {
    fn new(settings: PaymentMethodSettings) -> Self {
        MethodDraft {
            method: settings.method,
            enabled: RwSignal::new(settings.enabled),
            public_key: RwSignal::new(settings.public_key.clone().unwrap_or_default()),
            secret_key: RwSignal::new(String::new()),
            stored: RwSignal::new(settings),
        }
    }

    fn input(&self) -> PaymentMethodInput {
        let public_key = self.public_key.get_untracked().trim().to_string();
        let secret_key = self.secret_key.get_untracked().trim().to_string();
        PaymentMethodInput {
            method: self.method,
            enabled: self.enabled.get_untracked(),
            public_key: Some(public_key).filter(|k| !k.is_empty()),
            secret_key: Some(secret_key).filter(|k| !k.is_empty()),
        }
    }

    fn refresh(&self, settings: PaymentMethodSettings) {
        self.enabled.set(settings.enabled);
        self.public_key.set(settings.public_key.clone().unwrap_or_default());
        self.secret_key.set(String::new());
        self.stored.set(settings);
    }
}

#[component]
fn PaymentsForm(settings: PaymentSettings) -> impl IntoView {
    let session = use_session();
    let drafts: Vec<MethodDraft> = settings.methods.iter().cloned().map(MethodDraft::new).collect();
    let guest = RwSignal::new(settings.guest_payment);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let field_errors = RwSignal::new(Vec::<shared::error::FieldError>::new());
    // Methods being switched off, waiting for the admin's yes.
    let confirming = RwSignal::new(Vec::<PaymentMethod>::new());

    let send = {
        let drafts = drafts.clone();
        move || {
            let body = PaymentSettingsInput {
                methods: drafts.iter().map(MethodDraft::input).collect(),
                guest_payment: guest.get_untracked(),
            };
            let drafts = drafts.clone();
            busy.set(true);
            error.set(None);
            field_errors.set(Vec::new());
            leptos::task::spawn_local(async move {
                match api::admin_update_payment_settings(session, &body).await {
                    Ok(stored) => {
                        for settings in stored.methods {
                            if let Some(draft) = drafts.iter().find(|d| d.method == settings.method) {
                                draft.refresh(settings);
                            }
                        }
                        guest.set(stored.guest_payment);
                        done.set(true);
                    }
                    Err(e) => {
                        let fields = match &e {
                            api::ApiError::Problem(p) => p.errors.clone(),
                            _ => Vec::new(),
                        };
                        if fields.is_empty() {
                            error.set(Some(e.message()));
                        }
                        field_errors.set(fields);
                    }
                }
                confirming.set(Vec::new());
                busy.set(false);
            });
        }
    };
    let send_confirmed = send.clone();
    let submit = {
        let drafts = drafts.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            done.set(false);
            let going_off: Vec<PaymentMethod> = drafts
                .iter()
                .filter(|d| d.stored.with_untracked(|s| s.enabled) && !d.enabled.get_untracked())
                .map(|d| d.method)
                .collect();
            if going_off.is_empty() {
                send();
            } else {
                confirming.set(going_off);
            }
        }
    };
    let secret_error = move |i: usize| {
        Signal::derive(move || {
            field_errors.with(|errors| {
                errors
                    .iter()
                    .find(|e| e.field.starts_with(&format!("methods[{i}].")))
                    .map(|e| e.message.clone())
            })
        })
    };

    view! {
        <form class="payments-form" on:submit=submit novalidate>
            {drafts.iter().enumerate().map(|(i, draft)| view! {
                <MethodCard draft=*draft error=secret_error(i) on_edit=move || done.set(false) />
            }).collect_view()}
            <label class="switch-row">
                <input type="checkbox" class="switch" data-testid="settings-guest-payment"
                    prop:checked=move || guest.get()
                    on:change=move |ev| { guest.set(event_target_checked(&ev)); done.set(false); } />
                <span>
                    <span class="switch-title">{move || tr("admin-settings-guest-payment")}</span>
                    <span class="field-hint">{move || tr("admin-settings-guest-payment-hint")}</span>
                </span>
            </label>
            {move || error.get().map(|m| view! { <p class="form-error" role="alert" data-testid="settings-payments-error">{m}</p> })}
            {move || {
                let off = confirming.get();
                (!off.is_empty()).then(|| {
                    let names = off
                        .iter()
                        .map(|m| method_label(*m))
                        .reduce(|a, b| tr_with("admin-settings-methods-and", &[("first", a.into()), ("next", b.into())]))
                        .unwrap_or_default();
                    let send = send_confirmed.clone();
                    view! {
                        <div class="confirm-inline" role="group" data-testid="settings-payments-confirm">
                            <p>{tr_with("admin-settings-switch-off-question", &[("methods", names.into())])}</p>
                            <div class="client-actions">
                                <button type="button" class="btn btn-danger" data-testid="settings-payments-confirm-yes"
                                    disabled=move || busy.get() on:click=move |_| send()>{tr("admin-settings-switch-off")}</button>
                                <button type="button" class="btn btn-ghost" data-testid="settings-payments-confirm-no"
                                    on:click=move |_| confirming.set(Vec::new())>{tr("admin-cancel")}</button>
                            </div>
                        </div>
                    }
                })
            }}
            <div class="settings-actions">
                <button type="submit" class="btn btn-primary" data-testid="settings-payments-save" disabled=move || busy.get()>
                    <Show when=move || busy.get()><Spinner /></Show>
                    {move || tr("admin-settings-save-payments")}
                </button>
                <SavedNote shown=done testid="settings-payments-saved" />
            </div>
        </form>
    }
}

#[component]
fn MethodCard(
    draft: MethodDraft,
    error: Signal<Option<String>>,
    on_edit: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let key = draft.method.as_str();
    let icon = match draft.method {
        PaymentMethod::Card => Icon::Card,
        PaymentMethod::Ach => Icon::Bank,
    };
    let masked = move || {
        draft.stored.with(|s| match &s.secret_key {
            Some(secret) => {
                let args =
                    [("last4", secret.last4.as_str().into()), ("time", local_time(secret.updated_at).into())];
                tr_with("admin-settings-secret-masked", &args)
            }
            None => tr("admin-settings-no-secret"),
        })
    };
    let has_secret = move || draft.stored.with(|s| s.secret_key.is_some());
    view! {
        <fieldset class="method-card" data-testid=format!("settings-method-{key}") aria-label=move || method_label(draft.method)>
            <label class="switch-row">
                <input type="checkbox" class="switch" data-testid=format!("settings-method-{key}-enabled")
                    prop:checked=move || draft.enabled.get()
                    on:change=move |ev| { draft.enabled.set(event_target_checked(&ev)); on_edit(); } />
                <span class="method-title"><IconSvg icon=icon />{move || method_label(draft.method)}</span>
                <span class="method-gateway">
                    {move || draft.stored.with(|s| tr_with("admin-settings-gateway", &[("gateway", s.gateway.as_str().into())]))}
                </span>
            </label>
            <div class="method-fields">
                <div class="field">
                    <label class="field-label" for=format!("settings-{key}-public")>
                        {move || tr("admin-settings-public-key")}<span class="field-optional">" "{move || tr("admin-optional")}</span>
                    </label>
                    <input id=format!("settings-{key}-public") class="input mono" autocomplete="off" spellcheck="false"
                        data-testid=format!("settings-method-{key}-public")
                        prop:value=move || draft.public_key.get()
                        on:input=move |ev| { draft.public_key.set(event_target_value(&ev)); on_edit(); } />
                </div>
                <div class="field">
                    <label class="field-label" for=format!("settings-{key}-secret")>
                        {move || if has_secret() { tr("admin-settings-replace-secret") } else { tr("admin-settings-secret-key") }}
                    </label>
                    <input id=format!("settings-{key}-secret") class="input mono" type="password" autocomplete="new-password" spellcheck="false"
                        placeholder=move || if has_secret() { tr("admin-settings-secret-keep") } else { tr("admin-settings-secret-from-gateway") }
                        data-testid=format!("settings-method-{key}-secret")
                        aria-invalid=move || error.get().is_some().to_string()
                        prop:value=move || draft.secret_key.get()
                        on:input=move |ev| { draft.secret_key.set(event_target_value(&ev)); on_edit(); } />
                    <p class="field-hint masked-secret" data-testid=format!("settings-method-{key}-masked")>
                        <IconSvg icon=Icon::Lock />{masked}
                    </p>
                    {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </div>
            </div>
        </fieldset>
    }
}
