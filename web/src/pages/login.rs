//! The login screen, dressed in the last-used dealer's branding when we know it.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::auth::LoginRequest;
use shared::i18n::Language;
use shared::phone::normalize_phone;

use crate::api;
use crate::components::auth_card::{AuthCard, title_with_dealer, use_last_dealer};
use crate::components::form::{FormError, LoginInput, SubmitButton};
use crate::drafts::{use_login_draft, use_register_draft};
use crate::early_login;
use crate::format::tel_href;
use crate::i18n::{LanguagePicker, fit_to_dealer, terms_arg, tr, tr_with};
use crate::paths;
use crate::session::{AuthStatus, use_session};

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();

    let dealer = use_last_dealer();
    // Shared with "Forgot password?", which starts from what was typed here.
    let login = use_login_draft();
    let register_phone = use_register_draft();
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submitting = RwSignal::new(false);

    // Signed in (now, or by the start-up refresh): go where the user was heading.
    Effect::new(move |_| {
        if session.status() == AuthStatus::SignedIn {
            // A temporary password must be replaced before going anywhere.
            let next = query
                .read_untracked()
                .get("next")
                .filter(|n| paths::is_local(n) && !session.must_change_password());
            let target = next.unwrap_or_else(|| paths::landing(&session));
            navigate(&target, NavigateOptions { replace: true, ..Default::default() });
        }
    });
    title_with_dealer(|| tr("login-submit"), dealer);
    // The dealer's languages once it is known (all of them until then).
    let offered =
        Signal::derive(move || dealer.get().map_or_else(|| Language::ALL.to_vec(), |d| d.languages));
    Effect::new(move |_| {
        if let Some(dealer) = dealer.get() {
            fit_to_dealer(&dealer.languages);
        }
    });
    // The development mailbox exists only on a server on this machine (the API refuses it on
    // any other address): only there is it worth asking whether it is on.
    let mailbox = LocalResource::new(|| async { crate::paths::on_loopback() && api::dev_mailbox_on().await });

    let navigate = use_navigate();
    let submit = move || {
        if submitting.get_untracked() {
            return;
        }
        let request = LoginRequest {
            login: login.get_untracked().trim().to_string(),
            password: password.get_untracked(),
        };
        if request.login.is_empty() || request.password.is_empty() {
            error.set(Some(tr("login-missing")));
            return;
        }
        // Seed 000: the account's phone as both user name and password starts the first
        // registration instead of a login.
        if is_first_registration(&request) {
            register_phone.set(Some(request.login));
            password.set(String::new());
            error.set(None);
            navigate(paths::REGISTER, Default::default());
            return;
        }
        error.set(None);
        submitting.set(true);
        leptos::task::spawn_local(async move {
            match api::login(&request).await {
                Ok(response) => {
                    login.set(String::new());
                    session.establish(response);
                }
                Err(e) => {
                    error.set(Some(e.message()));
                    password.set(String::new());
                }
            }
            submitting.set(false);
        });
    };
    let on_submit = {
        let submit = submit.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            submit();
        }
    };
    // Carry on from the form the page showed before the app arrived: what was typed, then
    // send it if "Log in" was pressed, or put the cursor back where it was (once shown).
    if let Some(typed) = early_login::take() {
        login.set(typed.login);
        password.set(typed.password);
        Effect::new(move |_| {
            if typed.sent {
                submit();
            } else if let Some(field) = &typed.focused {
                early_login::refocus(field);
            }
        });
    }

    view! {
        <AuthCard dealer=dealer>
                <h1 class="login-title">{move || tr("login-title")}</h1>
                <p class="login-subtitle">
                    {move || {
                        let words = dealer.get().map(|d| d.terminology).unwrap_or_default();
                        tr_with("login-subtitle", &[terms_arg(words)])
                    }}
                </p>
                <form class="login-form" data-testid="login-form" on:submit=on_submit novalidate>
                    <LoginInput testid="login-input" login=login />
                    <label class="field">
                        <span class="field-label">{move || tr("login-password")}</span>
                        <input
                            class="input"
                            type="password"
                            name="password"
                            autocomplete="current-password"
                            data-testid="password-input"
                            bind:value=password
                        />
                    </label>
                    <FormError testid="login-error" error=error />
                    <SubmitButton testid="login-submit" submitting=submitting idle=move || tr("login-submit") busy=move || tr("login-submitting") />
                </form>
                <p class="login-links">
                    <A href=paths::FORGOT_PASSWORD attr:class="text-link" attr:data-testid="forgot-link">
                        {move || tr("login-forgot")}
                    </A>
                </p>
                <p class="login-register">
                    {move || tr("login-first-time")} " "
                    <A
                        href=paths::REGISTER
                        attr:class="text-link"
                        attr:data-testid="register-link"
                        on:click=move |_| register_phone.set(None)
                    >
                        {move || tr("login-register")}
                    </A>
                </p>
                <p class="login-signup">
                    {move || tr("login-no-login")} " "
                    <A href=paths::SIGNUP attr:class="text-link" attr:data-testid="signup-link">
                        {move || tr("login-signup")}
                    </A>
                </p>
                {move || dealer.get().and_then(|d| d.support_phone.clone().map(|phone| {
                    view! {
                        <p class="login-help">
                            {let name = d.name.clone(); move || tr_with("login-help", &[("dealer", name.clone().into())])} " "
                            <a href=tel_href(&phone)>{phone.clone()}</a> "."
                        </p>
                    }
                }))}
                <LanguagePicker offered=offered />
                <Show when=move || mailbox.get().unwrap_or(false)>
                    <p class="login-footer">
                        <A href=paths::DEV_MAILBOX attr:data-testid="dev-mailbox-link">{move || tr("dev-mailbox")}</A>
                    </p>
                </Show>
        </AuthCard>
    }
}

/// The login and the password are the same phone number (however each was formatted).
fn is_first_registration(request: &LoginRequest) -> bool {
    match (normalize_phone(&request.login), normalize_phone(&request.password)) {
        (Some(login), Some(password)) => login == password,
        _ => false,
    }
}
