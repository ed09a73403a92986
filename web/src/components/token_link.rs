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
use crate::i18n::tr;
use crate::paths;
use crate::prefs;
use crate::session::Session;

/// What the link is for: `None` when the link carries no token at all.
pub type Loaded<T> = Option<Result<T, ApiError>>;

/// The link's token, what it is for, and the dealer to dress the card in.
struct TokenLink<T: 'static> {
    token: StoredValue<String>,
    preview: LocalResource<Loaded<T>>,
    dealer: Memo<Option<Branding>>,
}

/// Loads what the link's token is for with `fetch`; the tab title is `{title} · {dealer}`, the
/// dealer that of the preview (`dealer_of`) or else the last-used one.
fn use_token_link<T, Fut>(
    title: TextProp,
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

/// The words (each a text, or a function reading it from the catalogue) and test ids of one
/// kind of link page.
pub struct TokenLinkTexts {
    /// The tab title, before the dealer's name.
    pub title: TextProp,
    /// Test id prefix: `{testid}-page`, and `{testid}-error` and `{testid}-retry` when what
    /// the link is for could not be loaded.
    pub testid: &'static str,
    /// Shown while the preview loads.
    pub loading: TextProp,
    pub error_title: TextProp,
}

/// What the page behind a link gets besides what the link is for: the token to send back,
/// and the switch to the expired panel for when the server finds the link spent meanwhile.
#[derive(Clone, Copy)]
pub struct LinkInHand {
    pub token: StoredValue<String>,
    pub expired: RwSignal<bool>,
}

/// The card of a link page: loads what the link is for with `fetch` (dressed in the
/// dealer of `dealer_of`), then shows `body` for it; `expired_view` for an unknown, expired
/// or used link (or once `expired` is set), otherwise loading or an error with a retry.
pub fn token_link_page<T, Fut>(
    texts: TokenLinkTexts,
    fetch: impl Fn(String) -> Fut + Copy + 'static,
    dealer_of: fn(T) -> Branding,
    expired_view: fn() -> AnyView,
    body: fn(T, LinkInHand) -> AnyView,
) -> impl IntoView
where
    T: Clone + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let TokenLinkTexts { title, testid, loading, error_title } = texts;
    let link = use_token_link(title, fetch, dealer_of);
    let preview = link.preview;
    let in_hand = LinkInHand { token: link.token, expired: RwSignal::new(false) };
    let expired = in_hand.expired;
    view! {
        <AuthCard dealer=link.dealer>
            <div class="invitation" data-testid=format!("{testid}-page")>
                {move || {
                    let loaded: Option<Loaded<T>> = preview.get();
                    match (expired.get(), loaded) {
                        (true, _) | (_, Some(None)) => expired_view(),
                        (_, None) => view! { <LinkLoading text=loading.clone() /> }.into_any(),
                        (_, Some(Some(Err(e)))) if e.is_not_found() => expired_view(),
                        (_, Some(Some(Err(e)))) => {
                            let error_title = error_title.clone();
                            view! {
                                <div class="notice notice-error" role="alert" data-testid=format!("{testid}-error")>
                                    <IconSvg icon=Icon::Alert class="notice-icon" />
                                    <div class="notice-body">
                                        <p class="notice-title">{move || error_title.get()}</p>
                                        <p>{e.message()}</p>
                                    </div>
                                </div>
                                <button
                                    type="button"
                                    class="btn btn-secondary btn-block notice-again"
                                    data-testid=format!("{testid}-retry")
                                    on:click=move |_| preview.refetch()
                                >
                                    {move || tr("common-try-again")}
                                </button>
                            }
                                .into_any()
                        }
                        (_, Some(Some(Ok(loaded)))) => body(loaded, in_hand),
                    }
                }}
            </div>
        </AuthCard>
    }
}

/// While something behind the link loads.
#[component]
pub fn LinkLoading(#[prop(into)] text: TextProp) -> impl IntoView {
    view! {
        <div class="invitation-loading" data-testid="loading" role="status" aria-live="polite">
            <Spinner />
            <span>{move || text.get()}</span>
        </div>
    }
}

/// An unknown, expired or used link; `children` are the ways on.
#[component]
pub fn LinkExpired(
    testid: &'static str,
    #[prop(into)] title: TextProp,
    #[prop(into)] text: TextProp,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="result" data-testid=testid role="alert">
            <span class="result-icon result-icon-warn"><IconSvg icon=Icon::Alert /></span>
            <h1 class="login-title">{move || title.get()}</h1>
            <p class="login-subtitle">{move || text.get()}</p>
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
