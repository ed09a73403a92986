//! The "Page not found" screen for unknown routes.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::paths;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <div class="center-screen">
            <div class="panel panel-empty" data-testid="not-found">
                <p class="big-code">"404"</p>
                <h1 class="panel-title">"Page not found"</h1>
                <p>"The page you asked for does not exist or has moved."</p>
                <A href=paths::HOME attr:class="btn btn-primary">"Go to home"</A>
            </div>
        </div>
    }
}
