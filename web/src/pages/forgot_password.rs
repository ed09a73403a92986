//! "Forgot password?": asks for a reset link by email. The answer never says whether the
//! login exists; the server sends the same neutral message either way.

use leptos::prelude::*;
use shared::auth::ForgotPasswordRequest;

use crate::api;
use crate::components::auth_card::{AuthCard, BackToLogin, title_with_dealer, use_last_dealer};
use crate::components::form::{FormError, LoginInput, SubmitButton};
use crate::components::icons::{Icon, IconSvg};
use crate::drafts::use_login_draft;
use crate::i18n::tr;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let dealer = use_last_dealer();
    title_with_dealer(|| tr("forgot-title"), dealer);

    let login = use_login_draft();
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let submitting = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let request = ForgotPasswordRequest { login: login.get_untracked().trim().to_string() };
        if request.login.is_empty() {
            error.set(Some(tr("forgot-missing")));
            return;
        }
        error.set(None);
        submitting.set(true);
        leptos::task::spawn_local(async move {
            match api::forgot_password(&request).await {
                Ok(accepted) => done.set(Some(accepted.message)),
                Err(e) => error.set(Some(e.field_message("login").unwrap_or_else(|| e.message()))),
            }
            submitting.set(false);
        });
    };

    view! {
        <AuthCard dealer=dealer>
            <h1 class="login-title">{move || tr("forgot-title")}</h1>
            {move || match done.get() {
                Some(message) => {
                    view! { <ForgotDone message=message on_again=move |()| done.set(None) /> }.into_any()
                }
                None => {
                    view! {
                        <p class="login-subtitle">{move || tr("forgot-lead")}</p>
                        <form
                            class="login-form"
                            data-testid="forgot-form"
                            on:submit=on_submit
                            novalidate
                        >
                            <LoginInput
                                testid="forgot-input"
                                login=login
                                invalid=Signal::derive(move || error.get().is_some())
                            />
                            <FormError testid="forgot-error" error=error />
                            <SubmitButton
                                testid="forgot-submit"
                                submitting=submitting
                                idle=move || tr("forgot-submit")
                                busy=move || tr("public-sending")
                            />
                        </form>
                    }
                        .into_any()
                }
            }}
            <BackToLogin text=move || tr("public-back-to-login") />
        </AuthCard>
    }
}

/// What the server said, word for word: it is the same for every login.
#[component]
fn ForgotDone(message: String, #[prop(into)] on_again: Callback<()>) -> impl IntoView {
    view! {
        <div class="notice notice-info" role="status" data-testid="forgot-done">
            <IconSvg icon=Icon::Mail class="notice-icon" />
            <div class="notice-body">
                <p class="notice-title">{move || tr("public-check-email")}</p>
                <p>{message}</p>
                <p class="notice-hint">{move || tr("forgot-spam-hint")}</p>
            </div>
        </div>
        <button
            class="btn btn-secondary btn-block notice-again"
            type="button"
            data-testid="forgot-again"
            on:click=move |_| on_again.run(())
        >
            {move || tr("forgot-again")}
        </button>
    }
}
