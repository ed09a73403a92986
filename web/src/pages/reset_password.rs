//! `/reset-password?token=…`, the page the emailed link opens: choose a new password.
//! The browser checks length and that both entries match; the server decides the rest.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::auth::ResetPasswordRequest;

use crate::api;
use crate::components::auth_card::{AuthCard, title_with_dealer, use_last_dealer};
use crate::components::form::{FormError, SubmitButton, field_error};
use crate::components::icons::{Icon, IconSvg};
use crate::components::password_fields::{NewLoginErrors, NewPasswordFields};
use crate::i18n::tr;
use crate::paths;
use crate::session::{AuthStatus, use_session};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Form,
    Done,
    /// The link is missing, expired or already used.
    Expired,
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let dealer = use_last_dealer();
    title_with_dealer(|| tr("public-new-password-title"), dealer);

    let token =
        use_query_map().read_untracked().get("token").map(|t| t.trim().to_string()).unwrap_or_default();
    let stage = RwSignal::new(if token.is_empty() { Stage::Expired } else { Stage::Form });
    let token = StoredValue::new(token);

    view! {
        <AuthCard dealer=dealer>
            {move || match stage.get() {
                Stage::Form => view! { <ResetForm token=token stage=stage /> }.into_any(),
                Stage::Done => view! { <ResetDone /> }.into_any(),
                Stage::Expired => view! { <ResetExpired /> }.into_any(),
            }}
        </AuthCard>
    }
}

/// The new password, twice; sent with the link's token, it moves `stage` on.
#[component]
fn ResetForm(token: StoredValue<String>, stage: RwSignal<Stage>) -> impl IntoView {
    let session = use_session();
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let errors = RwSignal::new(NewLoginErrors::default());
    let submitting = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let Some(new_password) = NewLoginErrors::checked(errors, password, confirm) else {
            return;
        };
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
                Err(e) => errors.set(NewLoginErrors::from_api(&e)),
            }
            submitting.set(false);
        });
    };

    view! {
        <h1 class="login-title">{move || tr("public-new-password-title")}</h1>
        <p class="login-subtitle">{move || tr("public-new-password-hint")}</p>
        <form class="login-form" data-testid="reset-form" on:submit=on_submit novalidate>
            <NewPasswordFields
                prefix="reset"
                password_id="password"
                password=password
                confirm=confirm
                password_error=field_error(errors, |e| &e.password)
                confirm_error=field_error(errors, |e| &e.confirm)
            />
            <FormError testid="reset-error" error=field_error(errors, |e| &e.form) />
            <SubmitButton
                testid="reset-submit"
                submitting=submitting
                idle=move || tr("reset-submit")
                busy=move || tr("public-saving")
            />
        </form>
        <p class="login-links">
            <A href=paths::LOGIN attr:class="text-link">{move || tr("public-back-to-login")}</A>
        </p>
    }
}

#[component]
fn ResetDone() -> impl IntoView {
    view! {
        <div class="result" data-testid="reset-done" role="status">
            <span class="result-icon result-icon-ok"><IconSvg icon=Icon::Check /></span>
            <h1 class="login-title">{move || tr("public-password-changed")}</h1>
            <p class="login-subtitle">{move || tr("reset-done-text")}</p>
            <A href=paths::LOGIN attr:class="btn btn-primary btn-block" attr:data-testid="reset-login">
                {move || tr("login-submit")}
            </A>
        </div>
    }
}

#[component]
fn ResetExpired() -> impl IntoView {
    view! {
        <div class="result" data-testid="reset-expired" role="alert">
            <span class="result-icon result-icon-warn"><IconSvg icon=Icon::Alert /></span>
            <h1 class="login-title">{move || tr("public-link-expired")}</h1>
            <p class="login-subtitle">{move || tr("reset-expired-text")}</p>
            <A href=paths::FORGOT_PASSWORD attr:class="btn btn-primary btn-block" attr:data-testid="reset-new-link">
                {move || tr("reset-new-link")}
            </A>
            <p class="login-links">
                <A href=paths::LOGIN attr:class="text-link">{move || tr("public-back-to-login")}</A>
            </p>
        </div>
    }
}
