//! `/account/email/confirm?token=…`, the link sent to a new email address (A10): confirms the
//! change as soon as it opens (no login needed) and says how it went.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::auth::ConfirmEmailChangeRequest;
use shared::error::ErrorCode;

use crate::api::{self, ApiError};
use crate::components::auth_card::{AuthCard, title_with_dealer, use_last_dealer};
use crate::components::icons::{Icon, IconSvg};
use crate::components::status::Spinner;
use crate::paths;
use crate::session::{AuthStatus, use_session};

#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Done,
    Expired,
    Failed(String),
}

#[component]
pub fn EmailConfirmPage() -> impl IntoView {
    let dealer = use_last_dealer();
    title_with_dealer("Confirm your email", dealer);
    let session = use_session();
    let token =
        use_query_map().read_untracked().get("token").map(|t| t.trim().to_string()).unwrap_or_default();
    let outcome = LocalResource::new(move || {
        let token = token.clone();
        async move {
            if token.is_empty() {
                return Outcome::Expired;
            }
            match api::confirm_email_change(&ConfirmEmailChangeRequest { token }).await {
                Ok(()) => {
                    // A signed-in browser should show the new email at once.
                    if session.status() == AuthStatus::SignedIn {
                        session.refresh().await;
                    }
                    Outcome::Done
                }
                Err(e) if e.field_message("token").is_some() => Outcome::Expired,
                Err(ApiError::Problem(p)) if p.code == ErrorCode::Conflict || p.status == 409 => {
                    Outcome::Failed(
                        "Another login already uses this email address, so it cannot become yours.".into(),
                    )
                }
                Err(e) => Outcome::Failed(e.message()),
            }
        }
    });
    let signed_in = move || session.status() == AuthStatus::SignedIn;

    view! {
        <AuthCard dealer=dealer>
            {move || match outcome.get() {
                None => {
                    view! {
                        <div class="invitation-loading" data-testid="loading" role="status" aria-live="polite">
                            <Spinner />
                            <span>"Confirming your email…"</span>
                        </div>
                    }
                        .into_any()
                }
                Some(Outcome::Done) => {
                    view! {
                        <div class="result" data-testid="email-confirm-done" role="status">
                            <span class="result-icon result-icon-ok"><IconSvg icon=Icon::Check /></span>
                            <h1 class="login-title">"Your email is confirmed"</h1>
                            <p class="login-subtitle">
                                "From now on, log in with your new email address. The old one no \
                                 longer works."
                            </p>
                            {move || if signed_in() {
                                view! {
                                    <A href=paths::HOME attr:class="btn btn-primary btn-block" attr:data-testid="email-confirm-continue">
                                        "Back to your account"
                                    </A>
                                }
                                    .into_any()
                            } else {
                                view! {
                                    <A href=paths::LOGIN attr:class="btn btn-primary btn-block" attr:data-testid="email-confirm-continue">
                                        "Go to log in"
                                    </A>
                                }
                                    .into_any()
                            }}
                        </div>
                    }
                        .into_any()
                }
                Some(Outcome::Expired) => {
                    view! {
                        <div class="result" data-testid="email-confirm-expired" role="alert">
                            <span class="result-icon result-icon-warn"><IconSvg icon=Icon::Alert /></span>
                            <h1 class="login-title">"This link has expired or was already used"</h1>
                            <p class="login-subtitle">
                                "Email confirmation links work once and only for a limited time. \
                                 Change your email again to get a new one."
                            </p>
                            <A href=paths::HOME attr:class="btn btn-primary btn-block">"Go to the portal"</A>
                        </div>
                    }
                        .into_any()
                }
                Some(Outcome::Failed(message)) => {
                    view! {
                        <div class="notice notice-error notice-top" role="alert" data-testid="email-confirm-error">
                            <IconSvg icon=Icon::Alert class="notice-icon" />
                            <div class="notice-body">
                                <p class="notice-title">"We could not confirm your email"</p>
                                <p>{message}</p>
                            </div>
                        </div>
                        <A href=paths::HOME attr:class="btn btn-secondary btn-block">"Go to the portal"</A>
                    }
                        .into_any()
                }
            }}
        </AuthCard>
    }
}
