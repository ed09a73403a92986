//! Entry point of the Rental Portal web app: installs the panic hook, sets up the language and
//! mounts the app.

mod api;
mod app;
mod areas;
mod components;
mod download;
mod drafts;
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
        // The first screen speaks the person's language: its words first (fetched unless
        // English, which is compiled in).
        i18n::start().await;
        // The static page shows a loading indicator until the app takes over.
        if let Some(boot) =
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot"))
        {
            boot.remove();
        }
        leptos::mount::mount_to_body(app::App);
    });
}
