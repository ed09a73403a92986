//! The "Page not found" screen for unknown routes.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::tr;
use crate::paths;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <div class="center-screen">
            <div class="panel panel-empty" data-testid="not-found">
                <p class="big-code">"404"</p>
                <h1 class="panel-title">{move || tr("not-found-title")}</h1>
                <p>{move || tr("not-found-text")}</p>
                <A href=paths::HOME attr:class="btn btn-primary">{move || tr("not-found-home")}</A>
            </div>
        </div>
    }
}
