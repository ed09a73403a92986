//! The login screen, dressed in the last-used dealer's branding when we know it.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::auth::LoginRequest;
use shared::branding::Branding;

use crate::api;
use crate::app::{is_local_path, landing_path};
use crate::components::status::Spinner;
use crate::format::{brand_style, logo_full, tel_href};
use crate::prefs;
use crate::session::{AuthStatus, use_session};

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();

    let branding = LocalResource::new(|| async {
        match prefs::last_dealer_slug() {
            Some(slug) => api::branding(&slug).await.ok(),
            None => None,
        }
    });
    let dealer = Memo::new(move |_| branding.get().flatten());

    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submitting = RwSignal::new(false);

    // Signed in (now, or by the start-up refresh): go where the user was heading.
    Effect::new(move |_| {
        if session.status() == AuthStatus::SignedIn {
            let next = query.read_untracked().get("next").filter(|n| is_local_path(n));
            let target = next.unwrap_or_else(|| landing_path(&session));
            navigate(&target, NavigateOptions { replace: true, ..Default::default() });
        }
    });
    Effect::new(move |_| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            let name = dealer.get().map_or_else(|| "Rental Portal".to_string(), |d| d.name);
            document.set_title(&format!("Log in · {name}"));
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let request = LoginRequest {
            login: login.get_untracked().trim().to_string(),
            password: password.get_untracked(),
        };
        if request.login.is_empty() || request.password.is_empty() {
            error.set(Some("Enter your email or phone number and your password.".into()));
            return;
        }
        error.set(None);
        submitting.set(true);
        leptos::task::spawn_local(async move {
            match api::login(&request).await {
                Ok(response) => session.establish(response),
                Err(e) => {
                    error.set(Some(e.message()));
                    password.set(String::new());
                }
            }
            submitting.set(false);
        });
    };

    view! {
        <div class="login-screen" style=move || brand_style(dealer.get().as_ref())>
            <div class="login-card">
                <div class="login-brand">
                    {move || match dealer.get() {
                        Some(d) => view! { <DealerBrand dealer=d /> }.into_any(),
                        None => view! { <NeutralBrand /> }.into_any(),
                    }}
                </div>
                <h1 class="login-title">"Log in to your account"</h1>
                <p class="login-subtitle">
                    {move || {
                        let words = dealer.get().map(|d| d.terminology).unwrap_or_default();
                        format!("See your contracts, {} and quotes in one place.", words.plural_noun())
                    }}
                </p>
                <form class="login-form" data-testid="login-form" on:submit=on_submit novalidate>
                    <label class="field">
                        <span class="field-label">"Email or phone number"</span>
                        <input
                            class="input"
                            type="text"
                            name="login"
                            autocomplete="username"
                            inputmode="email"
                            autocapitalize="none"
                            spellcheck="false"
                            data-testid="login-input"
                            bind:value=login
                        />
                    </label>
                    <label class="field">
                        <span class="field-label">"Password"</span>
                        <input
                            class="input"
                            type="password"
                            name="password"
                            autocomplete="current-password"
                            data-testid="password-input"
                            bind:value=password
                        />
                    </label>
                    <Show when=move || error.get().is_some()>
                        <p class="form-error" role="alert" data-testid="login-error">
                            {move || error.get().unwrap_or_default()}
                        </p>
                    </Show>
                    <button
                        class="btn btn-primary btn-block"
                        type="submit"
                        data-testid="login-submit"
                        disabled=move || submitting.get()
                        aria-busy=move || submitting.get().to_string()
                    >
                        <Show when=move || submitting.get()>
                            <Spinner />
                        </Show>
                        {move || if submitting.get() { "Logging in…" } else { "Log in" }}
                    </button>
                </form>
                {move || dealer.get().and_then(|d| d.support_phone.clone().map(|phone| {
                    view! {
                        <p class="login-help">
                            "Trouble logging in? Call " {d.name.clone()} " at "
                            <a href=tel_href(&phone)>{phone.clone()}</a> "."
                        </p>
                    }
                }))}
            </div>
        </div>
    }
}

#[component]
fn DealerBrand(dealer: Branding) -> impl IntoView {
    // The full logo is a wordmark; print the name only when there is no logo.
    let logo = logo_full(dealer.logo_url.as_deref());
    let name_class = if logo.is_some() { "sr-only" } else { "login-dealer" };
    view! {
        {logo.map(|src| view! { <img class="login-wordmark" src=src alt="" /> })}
        <span class=name_class data-testid="login-dealer">{dealer.name}</span>
    }
}

/// Shown when we do not know the dealer yet.
#[component]
pub fn NeutralBrand() -> impl IntoView {
    view! {
        <svg class="login-logo" viewBox="0 0 48 48" aria-hidden="true">
            <rect width="48" height="48" rx="12" fill="var(--brand-primary)" />
            <path d="M12 32V18l12-6 12 6v14" fill="none" stroke="#fff" stroke-width="3" stroke-linejoin="round" />
            <path d="M19 32v-8h10v8" fill="none" stroke="var(--brand-accent)" stroke-width="3" />
        </svg>
        <span class="login-dealer">"Rental Portal"</span>
    }
}
