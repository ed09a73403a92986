//! View as customer (A14) in the web app: the button that opens a customer user's portal
//! read-only ([`ViewAsButton`]) and the banner shown on every screen while it is open
//! ([`ViewAsBanner`]), with the way back to where the staff member started.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use uuid::Uuid;

use crate::api;
use crate::components::icons::{Icon, IconSvg};
use crate::i18n::{tr, tr_with};
use crate::paths;
use crate::session::{Session, use_session};

/// Stands for the viewed person in a banner message, so the name is set in bold wherever the
/// language puts it.
const WHO: &str = "\u{1}";

/// A banner message `text` (formatted with `WHO` for `$who`) with `who` in bold in its place.
fn with_who(text: String, who: String) -> impl IntoView {
    let (before, after) = match text.split_once(WHO) {
        Some((before, after)) => (before.to_string(), after.to_string()),
        None => (text, String::new()),
    };
    view! { {before} <strong>{who}</strong> {after} }
}

/// "View as NAME": opens `user_id`'s portal at `customer_id` read-only, in this browser tab,
/// and comes back here on "Exit view". For the dealer's staff and admins.
///
/// Usage: `<ViewAsButton customer_id=c user_id=u user_name="Dana Builder".to_string() />`.
/// A refusal (the user was deactivated, another dealer's ids) shows under the button.
#[component]
pub fn ViewAsButton(
    /// The customer account to open.
    customer_id: Uuid,
    /// One of that customer's portal users, whose portal is shown.
    user_id: Uuid,
    /// The user's name, for the button and its title.
    user_name: String,
) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let title_name = user_name.clone();
    let title = move || tr_with("view-as-title", &[("name", title_name.as_str().into())]);
    let start = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let return_to =
            paths::with_query(&location.pathname.get_untracked(), &location.search.get_untracked());
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api::start_view(session, customer_id, user_id).await {
                Ok(view) => {
                    session.enter_view(view, return_to);
                    navigate(&paths::account_home(customer_id), Default::default());
                }
                Err(e) => {
                    error.set(Some(e.message()));
                    busy.set(false);
                }
            }
        });
    };
    view! {
        <div class="view-as">
            <button
                type="button"
                class="btn btn-secondary"
                data-testid="view-as-button"
                title=title
                disabled=move || busy.get()
                aria-busy=move || busy.get().to_string()
                on:click=start
            >
                <IconSvg icon=Icon::Eye />
                {move || tr_with("view-as-button", &[("name", user_name.as_str().into())])}
            </button>
            {move || error.get().map(|m| view! { <p class="form-error" role="alert" data-testid="view-as-error">{m}</p> })}
        </div>
    }
}

/// Ends the view (on the server too, unless it already ended), restores the staff member's
/// own session from their refresh cookie, and answers where to go: where the view started,
/// or the login page when their session is gone.
pub async fn exit_view(session: Session) -> String {
    if !session.view_has_ended() {
        // Ended or not on the server, the view is over here; a failure changes nothing.
        let _ = api::end_view(session).await;
    }
    let return_to = session.leave_view();
    if session.refresh().await {
        return_to
    } else {
        session.end();
        paths::LOGIN.to_string()
    }
}

/// The banner on top of every screen during a view: whose portal this is, that it is
/// read-only, and "Exit view". When the server says the view is over (30 minutes), it says
/// so and offers the way back.
#[component]
pub fn ViewAsBanner() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let busy = RwSignal::new(false);
    let exit = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let to = exit_view(session).await;
            busy.set(false);
            navigate(&to, Default::default());
        });
    };
    move || {
        session.active_view().map(|view| {
            let ended = session.view_has_ended();
            let who = format!("{} ({})", view.subject.user_name, view.subject.customer_name);
            let exit = exit.clone();
            view! {
                <div
                    class="view-as-banner"
                    class:view-as-banner-ended=ended
                    role="status"
                    data-testid="view-as-banner"
                >
                    <div class="view-as-banner-inner">
                        <IconSvg icon=Icon::Eye class="view-as-banner-icon" />
                        <p class="view-as-banner-text">
                            {move || {
                                let text = if ended {
                                    tr_with("view-as-ended", &[("who", WHO.into())])
                                } else {
                                    tr_with("view-as-viewing", &[("who", WHO.into())])
                                };
                                with_who(text, who.clone())
                            }}
                        </p>
                        <button
                            type="button"
                            class="btn view-as-exit"
                            data-testid="view-as-exit"
                            disabled=move || busy.get()
                            aria-busy=move || busy.get().to_string()
                            on:click=exit
                        >
                            {move || if ended { tr("view-as-back") } else { tr("view-as-exit") }}
                        </button>
                    </div>
                </div>
            }
        })
    }
}
