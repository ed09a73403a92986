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
use crate::i18n::tr;
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
    title_with_dealer(|| tr("email-confirm-title"), dealer);
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
                    Outcome::Failed(tr("email-confirm-taken"))
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
                            <span>{move || tr("email-confirm-loading")}</span>
                        </div>
                    }
                        .into_any()
                }
                Some(Outcome::Done) => {
                    view! {
                        <div class="result" data-testid="email-confirm-done" role="status">
                            <span class="result-icon result-icon-ok"><IconSvg icon=Icon::Check /></span>
                            <h1 class="login-title">{move || tr("email-confirm-done")}</h1>
                            <p class="login-subtitle">{move || tr("email-confirm-done-text")}</p>
                            {move || if signed_in() {
                                view! {
                                    <A href=paths::HOME attr:class="btn btn-primary btn-block" attr:data-testid="email-confirm-continue">
                                        {move || tr("public-back-to-account")}
                                    </A>
                                }
                                    .into_any()
                            } else {
                                view! {
                                    <A href=paths::LOGIN attr:class="btn btn-primary btn-block" attr:data-testid="email-confirm-continue">
                                        {move || tr("public-go-to-login")}
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
                            <h1 class="login-title">{move || tr("public-link-expired")}</h1>
                            <p class="login-subtitle">{move || tr("email-confirm-expired-text")}</p>
                            <A href=paths::HOME attr:class="btn btn-primary btn-block">
                                {move || tr("email-confirm-to-portal")}
                            </A>
                        </div>
                    }
                        .into_any()
                }
                Some(Outcome::Failed(message)) => {
                    view! {
                        <div class="notice notice-error notice-top" role="alert" data-testid="email-confirm-error">
                            <IconSvg icon=Icon::Alert class="notice-icon" />
                            <div class="notice-body">
                                <p class="notice-title">{move || tr("email-confirm-failed")}</p>
                                <p>{message}</p>
                            </div>
                        </div>
                        <A href=paths::HOME attr:class="btn btn-secondary btn-block">
                            {move || tr("email-confirm-to-portal")}
                        </A>
                    }
                        .into_any()
                }
            }}
        </AuthCard>
    }
}
