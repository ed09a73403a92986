//! Hands a file to the browser as a download (Blob + temporary object URL).

use wasm_bindgen::{JsCast, JsValue};

/// Starts the download; `Err` carries a message for the person.
pub fn save_text(filename: &str, content_type: &str, body: &str) -> Result<(), String> {
    let fail = |_: JsValue| "Your browser refused the download.".to_string();
    let window = web_sys::window().ok_or("No browser window.")?;
    let document = window.document().ok_or("No document.")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(body));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(content_type);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let anchor = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "Could not create a link.".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.set_attribute("style", "display:none").map_err(fail)?;
    let body_el = document.body().ok_or("No page body.")?;
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
