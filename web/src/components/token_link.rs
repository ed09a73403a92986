//! The pages an emailed link opens (`?token=…`): load what the link is for, dress the card in
//! that dealer's branding, and show the page, the expired/used panel or a retry.

use std::future::Future;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::branding::Branding;
use uuid::Uuid;

use crate::api::ApiError;
use crate::components::auth_card::{AuthCard, title_with_dealer, use_last_dealer};
use crate::components::icons::{Icon, IconSvg};
use crate::components::status::Spinner;
use crate::paths;
use crate::prefs;
use crate::session::Session;

/// What the link is for: `None` when the link carries no token at all.
pub type Loaded<T> = Option<Result<T, ApiError>>;

/// The link's token, what it is for, and the dealer to dress the card in.
pub struct TokenLink<T: 'static> {
    pub token: StoredValue<String>,
    pub preview: LocalResource<Loaded<T>>,
    pub dealer: Memo<Option<Branding>>,
}

/// Loads what the link's token is for with `fetch`; the tab title is `{title} · {dealer}`, the
/// dealer that of the preview (`dealer_of`) or else the last-used one.
pub fn use_token_link<T, Fut>(
    title: &'static str,
    fetch: impl Fn(String) -> Fut + Copy + 'static,
    dealer_of: fn(T) -> Branding,
) -> TokenLink<T>
where
    T: Clone + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let token =
        use_query_map().read_untracked().get("token").map(|t| t.trim().to_string()).unwrap_or_default();
    let token = StoredValue::new(token);
    let preview = LocalResource::new(move || {
        let token = token.get_value();
        async move {
            if token.is_empty() {
                return None;
            }
            Some(fetch(token).await)
        }
    });
    let last_dealer = use_last_dealer();
    let linked = Memo::new(move |_| -> Option<Branding> {
        preview.get().flatten().and_then(Result::ok).map(dealer_of)
    });
    let dealer = Memo::new(move |_| linked.get().or_else(|| last_dealer.get()));
    title_with_dealer(title, dealer);
    // The screens the link leads to (log in, for one) should wear the same colours.
    Effect::new(move |_| {
        if let Some(d) = linked.get() {
            prefs::remember_dealer(&d.slug);
        }
    });
    TokenLink { token, preview, dealer }
}

/// The words and test ids of one kind of link page.
pub struct TokenLinkTexts {
    /// The test id of the page.
    pub page_testid: &'static str,
    /// Shown while the preview loads.
    pub loading: &'static str,
    /// The test id of the panel when the preview could not be loaded.
    pub error_testid: &'static str,
    pub error_title: &'static str,
    pub retry_testid: &'static str,
}

/// The card of a link page: `body` once the preview is loaded, `expired_view` for an unknown,
/// expired or used link (or once `expired` is set), otherwise loading or an error with a retry.
pub fn token_link_page<T>(
    link: TokenLink<T>,
    expired: RwSignal<bool>,
    texts: TokenLinkTexts,
    expired_view: fn() -> AnyView,
    body: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
{
    let preview = link.preview;
    let TokenLinkTexts { page_testid, loading, error_testid, error_title, retry_testid } = texts;
    view! {
        <AuthCard dealer=link.dealer>
            <div class="invitation" data-testid=page_testid>
                {move || {
                    let loaded: Option<Loaded<T>> = preview.get();
                    match (expired.get(), loaded) {
                        (true, _) | (_, Some(None)) => expired_view(),
                        (_, None) => view! { <LinkLoading text=loading /> }.into_any(),
                        (_, Some(Some(Err(e)))) if e.is_not_found() => expired_view(),
                        (_, Some(Some(Err(e)))) => {
                            view! {
                                <div class="notice notice-error" role="alert" data-testid=error_testid>
                                    <IconSvg icon=Icon::Alert class="notice-icon" />
                                    <div class="notice-body">
                                        <p class="notice-title">{error_title}</p>
                                        <p>{e.message()}</p>
                                    </div>
                                </div>
                                <button
                                    type="button"
                                    class="btn btn-secondary btn-block notice-again"
                                    data-testid=retry_testid
                                    on:click=move |_| preview.refetch()
                                >
                                    "Try again"
                                </button>
                            }
                                .into_any()
                        }
                        (_, Some(Some(Ok(loaded)))) => body(loaded),
                    }
                }}
            </div>
        </AuthCard>
    }
}

/// While something behind the link loads.
#[component]
pub fn LinkLoading(text: &'static str) -> impl IntoView {
    view! {
        <div class="invitation-loading" data-testid="loading" role="status" aria-live="polite">
            <Spinner />
            <span>{text}</span>
        </div>
    }
}

/// An unknown, expired or used link; `children` are the ways on.
#[component]
pub fn LinkExpired(
    testid: &'static str,
    title: &'static str,
    text: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="result" data-testid=testid role="alert">
            <span class="result-icon result-icon-warn"><IconSvg icon=Icon::Alert /></span>
            <h1 class="login-title">{title}</h1>
            <p class="login-subtitle">{text}</p>
            {children()}
        </div>
    }
}

/// The account a link was for (`customer_name` at `dealer`), among the signed-in user's
/// accounts.
pub fn linked_account(session: &Session, dealer: &Branding, customer_name: &str) -> Option<Uuid> {
    session
        .accounts()
        .into_iter()
        .find(|a| a.dealer.dealer_id == dealer.dealer_id && a.name == customer_name)
        .map(|a| a.id)
}

/// Where a login set up from a link opens: the linked account's home (remembered for next
/// time), or else the usual landing page.
pub fn linked_home(session: &Session, account: Option<Uuid>) -> String {
    match account {
        Some(id) => {
            prefs::remember_account(id);
            paths::account_home(id)
        }
        None => paths::landing(session),
    }
}
