//! Changing the password of the signed-in user (A10):
//! - `/change-password`, forced: the store reset the password and the user signed in with the
//!   temporary one; only a new password is asked, and nothing else is reachable until done.
//! - `/account/password`, from the account menu: current password, new password.
//!
//! After the change the server has ended every other session; this one is refreshed, which
//! also drops the forced-change restriction from the access token.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::auth::ChangePasswordRequest;

use crate::api;
use crate::components::auth_card::{AuthCard, title_with_dealer, use_last_dealer};
use crate::components::form::{FormError, SubmitButton, field_error, report_errors};
use crate::components::icons::{Icon, IconSvg};
use crate::components::password_fields::{NewPasswordFields, new_password_errors};
use crate::i18n::tr;
use crate::paths;
use crate::session::use_session;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Errors {
    current: Option<String>,
    password: Option<String>,
    confirm: Option<String>,
    form: Option<String>,
}

/// `/change-password`: the forced change after signing in with a temporary password.
#[component]
pub fn ForcedPasswordChangePage() -> impl IntoView {
    let dealer = use_last_dealer();
    title_with_dealer(|| tr("public-new-password-title"), dealer);
    let session = use_session();
    let navigate = use_navigate();
    let done = RwSignal::new(false);

    // Nothing to do here unless the store reset the password (or once it is done).
    Effect::new(move |_| {
        if !session.must_change_password() || done.get() {
            navigate(&paths::landing(&session), NavigateOptions { replace: true, ..Default::default() });
        }
    });

    view! {
        <AuthCard dealer=dealer>
            <div class="notice notice-warn notice-top" role="status" data-testid="change-forced">
                <IconSvg icon=Icon::Alert class="notice-icon" />
                <p class="notice-body">{move || tr("change-password-forced")}</p>
            </div>
            <h1 class="login-title">{move || tr("public-new-password-title")}</h1>
            <p class="login-subtitle">{move || tr("public-new-password-hint")}</p>
            <ChangePasswordForm forced=true on_done=move |()| done.set(true) />
            <p class="login-links">
                <LogOutLink />
            </p>
        </AuthCard>
    }
}

/// `/account/password`: change the password from the account menu.
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let dealer = use_last_dealer();
    title_with_dealer(|| tr("change-password-title"), dealer);
    let session = use_session();
    let done = RwSignal::new(false);
    let back = move || paths::landing(&session);

    view! {
        <AuthCard dealer=dealer>
            {move || if done.get() {
                view! {
                    <div class="result" data-testid="change-done" role="status">
                        <span class="result-icon result-icon-ok"><IconSvg icon=Icon::Check /></span>
                        <h1 class="login-title">{move || tr("public-password-changed")}</h1>
                        <p class="login-subtitle">{move || tr("change-password-done-text")}</p>
                        <A href=back attr:class="btn btn-primary btn-block" attr:data-testid="change-back">
                            {move || tr("public-back-to-account")}
                        </A>
                    </div>
                }
                    .into_any()
            } else {
                view! {
                    <h1 class="login-title">{move || tr("change-password-title")}</h1>
                    <p class="login-subtitle">{move || tr("change-password-lead")}</p>
                    <ChangePasswordForm forced=false on_done=move |()| done.set(true) />
                    <p class="login-links">
                        <A href=back attr:class="text-link" attr:data-testid="change-cancel">
                            {move || tr("public-back-to-account")}
                        </A>
                    </p>
                }
                    .into_any()
            }}
        </AuthCard>
    }
}

#[component]
fn ChangePasswordForm(forced: bool, #[prop(into)] on_done: Callback<()>) -> impl IntoView {
    let session = use_session();
    let current = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let errors = RwSignal::new(Errors::default());
    let submitting = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let mut found = Errors::default();
        let current_password = (!forced).then(|| current.get_untracked());
        if current_password.as_deref() == Some("") {
            found.current = Some(tr("change-password-current-missing"));
        }
        let new_password = password.get_untracked();
        (found.password, found.confirm) = new_password_errors(&new_password, &confirm.get_untracked());
        if report_errors(errors, found) {
            return;
        }
        submitting.set(true);
        let request = ChangePasswordRequest { current_password, new_password };
        leptos::task::spawn_local(async move {
            match api::change_password(session, &request).await {
                Ok(()) => {
                    // A token without the forced-change restriction; if the session cannot be
                    // refreshed the guards send the browser to the login page.
                    if !session.refresh().await {
                        session.end();
                    }
                    on_done.run(());
                }
                Err(e) => {
                    let found = Errors {
                        current: e.field_message("current_password"),
                        password: e.field_message("new_password"),
                        ..Default::default()
                    };
                    errors.set(if found == Errors::default() {
                        Errors { form: Some(e.message()), ..found }
                    } else {
                        found
                    });
                    if errors.with_untracked(|e| e.current.is_some()) {
                        current.set(String::new());
                    }
                }
            }
            submitting.set(false);
        });
    };

    let current_error = field_error(errors, |e| &e.current);
    let form_error = field_error(errors, |e| &e.form);

    view! {
        <form class="login-form" data-testid="change-password-form" on:submit=on_submit novalidate>
            {(!forced).then(|| view! {
                <div class="field">
                    <label class="field-label" for="change-current">{move || tr("change-password-current")}</label>
                    <input
                        id="change-current"
                        class="input"
                        type="password"
                        name="current-password"
                        autocomplete="current-password"
                        data-testid="change-current"
                        aria-invalid=move || current_error.with(Option::is_some).to_string()
                        aria-describedby="change-current-error"
                        bind:value=current
                    />
                    {move || current_error.get().map(|m| view! {
                        <p class="field-error" id="change-current-error" role="alert" data-testid="change-error">
                            {m}
                        </p>
                    })}
                </div>
            })}
            <NewPasswordFields
                prefix="change"
                password_id="new"
                password=password
                confirm=confirm
                password_error=field_error(errors, |e| &e.password)
                confirm_error=field_error(errors, |e| &e.confirm)
            />
            <FormError testid="change-error" error=form_error />
            <SubmitButton
                testid="change-submit"
                submitting=submitting
                idle=move || if forced { tr("change-password-save") } else { tr("menu-change-password") }
                busy=move || tr("public-saving")
            />
        </form>
    }
}

/// The way out of the forced change for someone who cannot do it now.
#[component]
fn LogOutLink() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let log_out = move |_| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            session.sign_out().await;
            navigate(paths::LOGIN, Default::default());
        });
    };
    view! {
        <button type="button" class="text-link link-button" data-testid="change-logout" on:click=log_out>
            {move || tr("menu-log-out")}
        </button>
    }
}
