//! The card every signed-out screen shares (log in, forgot and reset password, sign-up,
//! registration), dressed in the last-used dealer's branding when we know it, and its way
//! back to the login page.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::branding::Branding;

use crate::api;
use crate::format::{brand_style, logo_full};
use crate::paths;
use crate::prefs;

/// The branding of the dealer this browser last used, once loaded; `None` when unknown.
pub fn use_last_dealer() -> Memo<Option<Branding>> {
    let branding = LocalResource::new(|| async {
        match prefs::last_dealer_slug() {
            Some(slug) => api::branding(&slug).await.ok(),
            None => None,
        }
    });
    Memo::new(move |_| branding.get().flatten())
}

/// Keeps the tab title at `{what} · {dealer}`; `what` may be a closure reading the current
/// language's words, so the title follows a language switch.
pub fn title_with_dealer(what: impl Into<TextProp>, dealer: Memo<Option<Branding>>) {
    let what = what.into();
    Effect::new(move |_| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            let name = dealer.get().map_or_else(|| "Rental Portal".to_string(), |d| d.name);
            document.set_title(&format!("{} · {name}", what.get()));
        }
    });
}

/// The branded card on its tinted background, the page's `main` landmark; the screen's
/// content goes inside.
#[component]
pub fn AuthCard(dealer: Memo<Option<Branding>>, children: Children) -> impl IntoView {
    view! {
        <div class="login-screen" style=move || brand_style(dealer.get().as_ref())>
            <main class="login-card" id="main">
                <div class="login-brand">
                    {move || match dealer.get() {
                        Some(d) => view! { <DealerBrand dealer=d /> }.into_any(),
                        None => view! { <NeutralBrand /> }.into_any(),
                    }}
                </div>
                {children()}
            </main>
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

/// The way back to the login page under a signed-out form; `text` says it in the screen's
/// words ("Back to log in", "I already have a login").
#[component]
pub fn BackToLogin(#[prop(into)] text: TextProp) -> impl IntoView {
    view! {
        <p class="login-links">
            <A href=paths::LOGIN attr:class="text-link" attr:data-testid="back-to-login">
                {move || text.get()}
            </A>
        </p>
    }
}
