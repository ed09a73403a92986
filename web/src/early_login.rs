//! The login form `index.html` shows while the app is still on its way: on `/login` (and `/`)
//! with no session kept, web/boot.js fills in its words and reveals it, so a person on a weak
//! signal types while the wasm downloads instead of watching a spinner. When the app starts,
//! [`hand_over`] takes what was typed, whether "Log in" was already pressed and which field
//! had the cursor, and removes the form; the login page ([`take`]) carries on from there in
//! the same place.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlInputElement};

/// What the early form held when the app took over.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Typed {
    pub login: String,
    pub password: String,
    /// "Log in" was pressed (web/boot.js holds the submission for the app): send it at once.
    pub sent: bool,
    /// The `name` of the field that had the cursor.
    pub focused: Option<String>,
}

thread_local! {
    static TYPED: RefCell<Option<Typed>> = const { RefCell::new(None) };
}

const FORM: &str = "early-login";

/// Waits until the early form, if shown, has been on screen for a frame, so the browser has
/// presented it before the app replaces it: on a fast link the app can be ready before the
/// form's first frame is out, and a page swapped mid-frame is one the browser does not count
/// as painted (its largest paint would then be the app's, later). No wait when it was not
/// shown; at most two frames when it was.
pub async fn shown_for_a_frame(document: &Document) {
    let shown = document.get_element_by_id(FORM).is_some_and(|screen| !screen.has_attribute("hidden"));
    let Some(window) = web_sys::window().filter(|_| shown) else {
        return;
    };
    for _ in 0..2 {
        let frame = js_sys::Promise::new(&mut |resolve, _reject| {
            let _ = window.request_animation_frame(&resolve);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
    }
}

/// Keeps what the early form holds (if it was shown) for the login page, then removes it
/// and the loading indicator: the app mounts next, in the same task, so nothing flickers.
pub fn hand_over(document: &Document) {
    if let Some(screen) = document.get_element_by_id(FORM) {
        if !screen.has_attribute("hidden") {
            let value = |name: &str| {
                document
                    .query_selector(&format!("#{FORM} input[name={name}]"))
                    .ok()
                    .flatten()
                    .and_then(|input| input.dyn_into::<HtmlInputElement>().ok())
                    .map(|input| input.value())
                    .unwrap_or_default()
            };
            let focused = document
                .active_element()
                .filter(|element| element.closest(&format!("#{FORM}")).ok().flatten().is_some())
                .and_then(|element| element.get_attribute("name"));
            let typed = Typed {
                login: value("login"),
                password: value("password"),
                sent: screen.has_attribute("data-sent"),
                focused,
            };
            TYPED.with(|slot| *slot.borrow_mut() = Some(typed));
        }
        screen.remove();
    }
    if let Some(boot) = document.get_element_by_id("boot") {
        boot.remove();
    }
}

/// What the early form held, once: the login page takes it when it first shows.
pub fn take() -> Option<Typed> {
    TYPED.with(|slot| slot.borrow_mut().take())
}

/// Puts the cursor back into the login page's field `name`, at the end of what it holds.
pub fn refocus(name: &str) {
    let input = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&format!(".login-form input[name={name}]")).ok().flatten())
        .and_then(|element| element.dyn_into::<HtmlInputElement>().ok());
    if let Some(input) = input {
        let _ = input.focus();
        let end = u32::try_from(input.value().encode_utf16().count()).unwrap_or(u32::MAX);
        // Password fields do not support a selection range: the cursor stays where focus puts it.
        let _ = input.set_selection_range(end, end);
    }
}
