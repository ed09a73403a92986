//! `/reset-password?token=…`, the page the emailed link opens: choose a new password.
//! The browser checks length and that both entries match; the server decides the rest.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::auth::ResetPasswordRequest;

use crate::api;
use crate::components::auth_card::{AuthCard, title_with_dealer, use_last_dealer};
use crate::components::form::SubmitButton;
use crate::components::icons::{Icon, IconSvg};
use crate::paths;
use crate::session::{AuthStatus, use_session};

/// The server's floor too (ASVS 6.2.1); it remains the authority.
const MIN_CHARS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Form,
    Done,
    /// The link is missing, expired or already used.
    Expired,
}

/// One problem at a time, shown where it belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
enum FormError {
    Password(String),
    Confirm(String),
    Form(String),
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let dealer = use_last_dealer();
    title_with_dealer("Choose a new password", dealer);
    let session = use_session();

    let token =
        use_query_map().read_untracked().get("token").map(|t| t.trim().to_string()).unwrap_or_default();
    let stage = RwSignal::new(if token.is_empty() { Stage::Expired } else { Stage::Form });
    let token = StoredValue::new(token);

    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let show = RwSignal::new(false);
    let error = RwSignal::new(None::<FormError>);
    let submitting = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let new_password = password.get_untracked();
        if new_password.chars().count() < MIN_CHARS {
            error.set(Some(FormError::Password(format!("Use at least {MIN_CHARS} characters."))));
            return;
        }
        if new_password != confirm.get_untracked() {
            error.set(Some(FormError::Confirm("The two passwords do not match.".into())));
            return;
        }
        error.set(None);
        submitting.set(true);
        let request = ResetPasswordRequest { token: token.get_value(), new_password };
        leptos::task::spawn_local(async move {
            match api::reset_password(&request).await {
                Ok(()) => {
                    // Every device was logged out; this browser should not pretend otherwise.
                    if session.status() == AuthStatus::SignedIn {
                        session.end();
                    }
                    stage.set(Stage::Done);
                }
                Err(e) if e.field_message("token").is_some() => stage.set(Stage::Expired),
                Err(e) => error.set(Some(match e.field_message("new_password") {
                    Some(message) => FormError::Password(message),
                    None => FormError::Form(e.message()),
                })),
            }
            submitting.set(false);
        });
    };

    let field_error =
        move |which: fn(&FormError) -> Option<&String>| error.with(|e| e.as_ref().and_then(which).cloned());
    let password_error = move || {
        field_error(|e| match e {
            FormError::Password(m) => Some(m),
            _ => None,
        })
    };
    let confirm_error = move || {
        field_error(|e| match e {
            FormError::Confirm(m) => Some(m),
            _ => None,
        })
    };
    let form_error = move || {
        field_error(|e| match e {
            FormError::Form(m) => Some(m),
            _ => None,
        })
    };
    let input_type = move || if show.get() { "text" } else { "password" };

    let form = move || {
        view! {
            <h1 class="login-title">"Choose a new password"</h1>
            <p class="login-subtitle">
                "Use at least 8 characters. A short sentence you will remember works well."
            </p>
            <form class="login-form" data-testid="reset-form" on:submit=on_submit novalidate>
                <div class="field">
                    <label class="field-label" for="reset-password">"New password"</label>
                    <div class="input-with-action">
                        <input
                            id="reset-password"
                            class="input"
                            type=input_type
                            name="new-password"
                            autocomplete="new-password"
                            autocapitalize="none"
                            spellcheck="false"
                            data-testid="reset-password"
                            aria-invalid=move || password_error().is_some().to_string()
                            aria-describedby="reset-password-error"
                            bind:value=password
                        />
                        <button
                            class="input-action"
                            type="button"
                            data-testid="reset-show"
                            aria-pressed=move || show.get().to_string()
                            aria-label=move || if show.get() { "Hide passwords" } else { "Show passwords" }
                            on:click=move |_| show.update(|s| *s = !*s)
                        >
                            {move || {
                                let icon = if show.get() { Icon::EyeOff } else { Icon::Eye };
                                view! { <IconSvg icon=icon /> }
                            }}
                        </button>
                    </div>
                    {move || password_error().map(|m| view! {
                        <p class="field-error" id="reset-password-error" role="alert" data-testid="reset-error">
                            {m}
                        </p>
                    })}
                </div>
                <div class="field">
                    <label class="field-label" for="reset-confirm">"Repeat the new password"</label>
                    <input
                        id="reset-confirm"
                        class="input"
                        type=input_type
                        name="confirm-password"
                        autocomplete="new-password"
                        autocapitalize="none"
                        spellcheck="false"
                        data-testid="reset-confirm"
                        aria-invalid=move || confirm_error().is_some().to_string()
                        aria-describedby="reset-confirm-error"
                        bind:value=confirm
                    />
                    {move || confirm_error().map(|m| view! {
                        <p class="field-error" id="reset-confirm-error" role="alert" data-testid="reset-error">
                            {m}
                        </p>
                    })}
                </div>
                {move || form_error().map(|m| view! {
                    <p class="form-error" role="alert" data-testid="reset-error">{m}</p>
                })}
                <SubmitButton testid="reset-submit" submitting=submitting idle="Set new password" busy="Saving…" />
            </form>
            <p class="login-links">
                <A href=paths::LOGIN attr:class="text-link">"Back to log in"</A>
            </p>
        }
    };

    view! {
        <AuthCard dealer=dealer>
            {move || match stage.get() {
                Stage::Form => form().into_any(),
                Stage::Done => view! { <ResetDone /> }.into_any(),
                Stage::Expired => view! { <ResetExpired /> }.into_any(),
            }}
        </AuthCard>
    }
}

#[component]
fn ResetDone() -> impl IntoView {
    view! {
        <div class="result" data-testid="reset-done" role="status">
            <span class="result-icon result-icon-ok"><IconSvg icon=Icon::Check /></span>
            <h1 class="login-title">"Your password has been changed"</h1>
            <p class="login-subtitle">
                "For your safety we logged you out everywhere. Log in with your new password."
            </p>
            <A href=paths::LOGIN attr:class="btn btn-primary btn-block" attr:data-testid="reset-login">
                "Log in"
            </A>
        </div>
    }
}

#[component]
fn ResetExpired() -> impl IntoView {
    view! {
        <div class="result" data-testid="reset-expired" role="alert">
            <span class="result-icon result-icon-warn"><IconSvg icon=Icon::Alert /></span>
            <h1 class="login-title">"This link has expired or was already used"</h1>
            <p class="login-subtitle">
                "Reset links work once and only for a short time. Ask for a new one and use the "
                "newest email."
            </p>
            <A href=paths::FORGOT_PASSWORD attr:class="btn btn-primary btn-block" attr:data-testid="reset-new-link">
                "Send me a new link"
            </A>
            <p class="login-links">
                <A href=paths::LOGIN attr:class="text-link">"Back to log in"</A>
            </p>
        </div>
    }
}
