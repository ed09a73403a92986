//! Entry point of the Rental Portal web app: installs the panic hook, sets up the language and
//! mounts the app.

mod api;
mod app;
mod areas;
mod components;
mod download;
mod drafts;
mod early_login;
mod format;
mod i18n;
mod offline;
mod pages;
mod paths;
mod prefs;
mod session;
mod url_query;
mod when;

fn main() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        // The first screen speaks the person's language (its words are compiled in).
        i18n::start();
        // The static page shows a loading indicator, or the early login form, until the app
        // takes over (with what was typed into the form).
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            early_login::shown_for_a_frame(&document).await;
            early_login::hand_over(&document);
        }
        leptos::mount::mount_to_body(app::App);
    });
}
