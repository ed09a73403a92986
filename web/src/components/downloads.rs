//! The download buttons the list and detail pages share: "Download CSV" of a list, and
//! "Open PDF" / "Download PDF" of one document. Each page hands in only the API call.

use std::future::Future;

use leptos::prelude::*;

use crate::api::{ApiError, BinaryDownload, Download};
use crate::components::icons::{Icon, IconSvg};
use crate::components::status::Spinner;
use crate::download;
use crate::i18n::tr;

/// "Download CSV" of exactly the current view and filters (every page). `fetch` starts the
/// page's CSV request, or gives `None` when there is nothing to ask for yet (no account).
/// Test ids: `csv-download`, `csv-error`.
#[component]
pub fn CsvButton<F, Fut>(fetch: F) -> impl IntoView
where
    F: Fn() -> Option<Fut> + 'static,
    Fut: Future<Output = Result<Download, ApiError>> + 'static,
{
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let download = move |_| {
        if busy.get_untracked() {
            return;
        }
        let Some(request) = fetch() else { return };
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let outcome = match request.await {
                Ok(file) => download::save_text(&file.filename, &file.content_type, &file.body),
                Err(e) => Err(e.message()),
            };
            error.set(outcome.err());
            busy.set(false);
        });
    };
    view! {
        <div class="csv">
            <button class="btn btn-secondary" type="button" data-testid="csv-download" disabled=move || busy.get() on:click=download>
                {move || if busy.get() { view! { <Spinner /> }.into_any() } else { view! { <IconSvg icon=Icon::Download /> }.into_any() }}
                {move || tr("download-csv")}
            </button>
            <Show when=move || error.get().is_some()>
                <p class="form-error" role="alert" data-testid="csv-error">{move || error.get().unwrap_or_default()}</p>
            </Show>
        </div>
    }
}

/// "Open PDF" (the browser's PDF viewer in a new tab) and "Download PDF" of one document, then
/// any `children` (more actions), then the error. `fetch` starts the PDF request, or gives
/// `None` when there is nothing to ask for yet. Test ids: `{testid}`, `{testid}-download`,
/// `{testid}-error` (`invoice-pdf…`, `contract-pdf…`).
#[component]
pub fn PdfButtons<F, Fut>(
    testid: &'static str,
    /// "Open PDF" as the page's main button.
    primary: bool,
    fetch: F,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView
where
    F: Fn() -> Option<Fut> + 'static,
    Fut: Future<Output = Result<BinaryDownload, ApiError>> + 'static,
{
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let fetch = StoredValue::new_local(fetch);
    // `open`: show in the browser's PDF viewer in a new tab; else save the file.
    let fetch_pdf = move |open: bool| {
        if busy.get_untracked() {
            return;
        }
        let Some(request) = fetch.with_value(|fetch| fetch()) else { return };
        // The tab must be opened while the click is being handled, before any await.
        let tab = if open { download::open_blank_tab() } else { None };
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let outcome = match request.await {
                Ok(file) if open => {
                    download::show_bytes(tab, &file.filename, &file.content_type, &file.bytes)
                }
                Ok(file) => download::save_bytes(&file.filename, &file.content_type, &file.bytes),
                Err(e) => {
                    if let Some(tab) = &tab {
                        let _ = tab.close();
                    }
                    Err(e.message())
                }
            };
            error.set(outcome.err());
            busy.set(false);
        });
    };
    view! {
        <button type="button" class=if primary { "btn btn-primary" } else { "btn btn-secondary" } data-testid=testid
            disabled=move || busy.get() on:click=move |_| fetch_pdf(true)>
            {move || if busy.get() { view! { <Spinner /> }.into_any() } else { view! { <IconSvg icon=Icon::Quote /> }.into_any() }}
            {move || tr("download-open-pdf")}
        </button>
        <button type="button" class="btn btn-secondary" data-testid=format!("{testid}-download") disabled=move || busy.get() on:click=move |_| fetch_pdf(false)>
            <IconSvg icon=Icon::Download />{move || tr("download-pdf")}
        </button>
        {children.map(|children| children())}
        <Show when=move || error.get().is_some()>
            <p class="form-error" role="alert" data-testid=format!("{testid}-error")>{move || error.get().unwrap_or_default()}</p>
        </Show>
    }
}
