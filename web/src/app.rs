//! The router, the session guards and the landing redirect. Links and redirects take
//! their URLs from `paths`; the route patterns below must be literals for `path!`.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::{Lazy, NavigateOptions, path};

use crate::areas::{AdminArea, CustomerArea, PublicArea};
use crate::components::status::FullPageLoading;
use crate::components::view_as::ViewAsBanner;
use crate::drafts::provide_drafts;
use crate::pages::login::LoginPage;
use crate::paths;
use crate::session::{AuthStatus, provide_session, use_session};

#[component]
pub fn App() -> impl IntoView {
    crate::i18n::provide_language();
    let session = provide_session();
    session.restore();
    provide_drafts();
    crate::prefs::dress_manifest();
    // Signal again on site: the session gets its token back and the lists ask the server.
    let _ = window_event_listener(leptos::ev::online, move |_| session.reconnect());

    view! {
        <Router>
            <ViewAsBanner />
            // The first screen's routes, and one route per area: each area matches its own
            // screens in its chunk (web/src/areas.rs). First match wins: the public area takes
            // every other path, "not found" included.
            <Routes fallback=|| ()>
                <Route path=path!("/") view=Landing />
                <Route path=path!("/login") view=LoginPage />
                <Route path=path!("/admin/*any") view={Lazy::<AdminArea>::new()} />
                <Route path=path!("/a/*any") view={Lazy::<CustomerArea>::new()} />
                <Route path=path!("/*any") view={Lazy::<PublicArea>::new()} />
            </Routes>
        </Router>
    }
}

fn replace() -> NavigateOptions {
    NavigateOptions { replace: true, ..Default::default() }
}

/// `/`: waits for the session check, then sends the user on.
#[component]
fn Landing() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| match session.status() {
        AuthStatus::Checking => {}
        AuthStatus::SignedOut => navigate(paths::LOGIN, replace()),
        AuthStatus::SignedIn => navigate(&paths::landing(&session), replace()),
    });
    view! { <FullPageLoading /> }
}

/// Renders its children only for a signed-in user; otherwise goes to the login page and
/// keeps the intended URL to return to. A user who must change their password sees nothing
/// but the forced change (`password_change` marks that one page).
#[component]
pub(crate) fn RequireSession(children: ChildrenFn, #[prop(optional)] password_change: bool) -> impl IntoView {
    let session = use_session();
    let status = Memo::new(move |_| session.status());
    let blocked = Memo::new(move |_| !password_change && session.must_change_password());
    let location = use_location();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if status.get() == AuthStatus::SignedOut {
            let next = if session.logged_out_by_user() {
                None
            } else {
                let search = location.search.get_untracked();
                let path = location.pathname.get_untracked();
                Some(paths::with_query(&path, &search))
            };
            navigate(&paths::login(next.as_deref()), replace());
        } else if status.get() == AuthStatus::SignedIn && blocked.get() {
            navigate(paths::CHANGE_PASSWORD, replace());
        }
    });
    move || match status.get() {
        AuthStatus::SignedIn if !blocked.get() => children().into_any(),
        _ => view! { <FullPageLoading /> }.into_any(),
    }
}
