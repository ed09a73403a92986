//! Hands a file to the browser as a download (Blob + temporary object URL).

use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::tr;

/// Starts the download; `Err` carries a message for the person.
pub fn save_text(filename: &str, content_type: &str, body: &str) -> Result<(), String> {
    let fail = |_: JsValue| tr("download-refused");
    let window = web_sys::window().ok_or_else(|| tr("download-no-window"))?;
    let document = window.document().ok_or_else(|| tr("download-no-document"))?;
    let parts = js_sys::Array::of1(&JsValue::from_str(body));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(content_type);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let anchor = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| tr("download-no-link"))?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.set_attribute("style", "display:none").map_err(fail)?;
    let body_el = document.body().ok_or_else(|| tr("download-no-body"))?;
    body_el.append_child(&anchor).map_err(fail)?;
    anchor.click();
    anchor.remove();
    // Revoke later: some browsers read the URL after click() returns.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    Ok(())
}

/// A Blob of `bytes` and its temporary object URL, revoked after a minute (long enough for a
/// viewer tab or a download to read it).
fn blob_url(content_type: &str, bytes: &[u8]) -> Result<String, String> {
    let fail = |_: JsValue| tr("download-file-refused");
    let window = web_sys::window().ok_or_else(|| tr("download-no-window"))?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(content_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let revoke_url = url.clone();
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&revoke_url);
    });
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    Ok(url)
}

/// A new empty tab, opened while the click is still being handled (browsers block windows
/// opened later, after an `await`); [`show_bytes`] fills it once the file has arrived.
pub fn open_blank_tab() -> Option<web_sys::Window> {
    web_sys::window().and_then(|w| w.open_with_url_and_target("", "_blank").ok().flatten())
}

/// Shows a file (a PDF) in the browser's own viewer: in `tab` when one could be opened, else
/// in this tab's place as a download named `filename`.
pub fn show_bytes(
    tab: Option<web_sys::Window>,
    filename: &str,
    content_type: &str,
    bytes: &[u8],
) -> Result<(), String> {
    let url = blob_url(content_type, bytes)?;
    if let Some(tab) = tab
        && tab.location().set_href(&url).is_ok()
    {
        return Ok(());
    }
    click_link(&url, Some(filename))
}

/// Saves a binary file under `filename`.
pub fn save_bytes(filename: &str, content_type: &str, bytes: &[u8]) -> Result<(), String> {
    let url = blob_url(content_type, bytes)?;
    click_link(&url, Some(filename))
}

fn click_link(url: &str, download: Option<&str>) -> Result<(), String> {
    let fail = |_: JsValue| tr("download-file-refused");
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| tr("download-no-document"))?;
    let anchor = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| tr("download-no-link"))?;
    anchor.set_href(url);
    if let Some(name) = download {
        anchor.set_download(name);
    }
    anchor.set_attribute("style", "display:none").map_err(fail)?;
    document.body().ok_or_else(|| tr("download-no-body"))?.append_child(&anchor).map_err(fail)?;
    anchor.click();
    anchor.remove();
    Ok(())
}
