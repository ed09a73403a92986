//! The language of the screens (A13): chosen by the user (the picker on the login page,
//! remembered in this browser), else the browser's languages (`navigator.languages`, what it
//! sends as `Accept-Language`), else English. `tr` and `tr_with` read the message catalogue
//! (`shared::i18n`) and track the language, so a view re-renders when it changes; `<html lang>`
//! follows it.
//!
//! The shell's words (the login page, the frame of every screen) are compiled into the main
//! module in every language (`shared::i18n::shell_format`: tables, no Fluent runtime). The
//! words of the screens after sign-in come with the lazily loaded areas: the `app_words`
//! split point (`crate::areas`) brings the Fluent runtime (`app`) and fetches the app part of
//! the catalogue in the current language. The build (scripts/build-web.sh) writes it as one
//! content-hashed file per language, `/locales/app.<tag>-<hash>.ftl`, and names the hash in
//! `<meta name="catalogues">`.

pub mod app;

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use shared::branding::Terminology;
use shared::i18n::{Arg, Language, shell_format};

/// The language in use in this browser (also for the signed-out pages).
const LANGUAGE_KEY: &str = "rental_portal.language";
/// Set when the person picked the language here and it is not yet in their profile.
const PICKED_KEY: &str = "rental_portal.language_picked";

thread_local! {
    static CURRENT: RefCell<Option<RwSignal<Language>>> = const { RefCell::new(None) };
    /// Bumped when a catalogue file arrives, so the words on screen are read again.
    static ARRIVED: RefCell<Option<RwSignal<u32>>> = const { RefCell::new(None) };
    /// Whether the `app_words` chunk (the app part's words) is here.
    static APP_WORDS: Cell<bool> = const { Cell::new(false) };
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The browser's languages, best first.
fn browser_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return Vec::new() };
    let list: Vec<String> = navigator.languages().iter().filter_map(|v| v.as_string()).collect();
    if list.is_empty() { navigator.language().into_iter().collect() } else { list }
}

/// The language to start with: the one chosen in this browser, else the browser's.
fn initial() -> Language {
    let chosen =
        storage().and_then(|s| s.get_item(LANGUAGE_KEY).ok().flatten()).and_then(|t| Language::parse(&t));
    chosen.unwrap_or_else(|| {
        let wanted = browser_languages();
        Language::negotiate(wanted.iter().map(String::as_str), &Language::ALL)
    })
}

/// Sets up the language for the app (once, at start-up, before it mounts). The shell's words
/// are compiled in: nothing to fetch before the first screen.
pub fn start() {
    let language = initial();
    CURRENT.with(|c| *c.borrow_mut() = Some(RwSignal::new(language)));
    ARRIVED.with(|a| *a.borrow_mut() = Some(RwSignal::new(0)));
}

/// Keeps `<html lang>` on the language in use (inside the app's reactive owner).
pub fn provide_language() {
    Effect::new(move |_| set_html_lang(language()));
}

/// The app part's words (with the Fluent runtime, in their own chunk) in the current
/// language: awaited with the lazily loaded areas. A chunk that cannot be had leaves the
/// screens to the shell's words and the ids.
pub async fn load_app() {
    crate::areas::load_app_words(current()).await;
}

/// Called by `app` when a file of the app part has arrived: the screens read their words
/// through it from now on, and read them again.
fn app_words_arrived() {
    APP_WORDS.with(|words| words.set(true));
    if let Some(arrived) = ARRIVED.with(|a| *a.borrow()) {
        arrived.update(|n| *n += 1);
    }
}

fn signal() -> Option<RwSignal<Language>> {
    CURRENT.with(|c| *c.borrow())
}

/// The current language (tracked).
pub fn language() -> Language {
    signal().map(|s| s.get()).unwrap_or_default()
}

/// The current language, untracked (for what is not a view: a request's headers).
pub fn current() -> Language {
    signal().map(|s| s.get_untracked()).unwrap_or_default()
}

/// The person picked `language`: the screens switch, this browser remembers it, and the
/// next sign-in saves it to their profile.
pub fn choose_language(language: Language) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(PICKED_KEY, "1");
    }
    adopt_language(language);
}

/// Switches the screens to `language` (the profile's, or the best a dealer offers) and
/// remembers it in this browser, without counting as the person's own pick.
pub fn adopt_language(language: Language) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(LANGUAGE_KEY, language.tag());
    }
    let Some(signal) = signal() else { return };
    let current = signal.get_untracked();
    if current == language {
        return;
    }
    // The screens switch once the new language has the words the old one had (the app part,
    // when it is here), so nothing shows half in one language; if they cannot be had,
    // English stands in for them.
    leptos::task::spawn_local(async move {
        if APP_WORDS.with(Cell::get) {
            crate::areas::load_app_words(language).await;
        }
        signal.set(language);
    });
}

/// The language the person picked here since the last sign-in, if any (and forgets that it
/// still has to be saved).
pub fn take_picked() -> Option<Language> {
    let storage = storage()?;
    let picked = storage.get_item(PICKED_KEY).ok().flatten().is_some();
    let _ = storage.remove_item(PICKED_KEY);
    picked.then(current)
}

/// Whether the person picked the language here themselves.
fn picked() -> bool {
    storage().and_then(|s| s.get_item(PICKED_KEY).ok().flatten()).is_some()
}

/// On a page of a known dealer: a language it does not offer gives way to the best it does,
/// unless the person picked it here.
pub fn fit_to_dealer(offered: &[Language]) {
    let in_use = current();
    if offered.is_empty() || offered.contains(&in_use) || picked() {
        return;
    }
    let wanted = browser_languages();
    adopt_language(Language::negotiate(wanted.iter().map(String::as_str), offered));
}

fn set_html_lang(language: Language) {
    if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = html.set_attribute("lang", language.tag());
    }
}

/// The message `id` in the current language: the shell's, else the app part's (in English
/// when the language lacks it), else the id itself (the catalogue test keeps ids from showing).
fn format(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let language = language();
    // Read again when a file arrives.
    if let Some(arrived) = ARRIVED.with(|a| *a.borrow()) {
        arrived.track();
    }
    shell_format(language, id, args)
        .or_else(|| {
            APP_WORDS.with(Cell::get).then(|| crate::areas::app_word_now(language, id, args)).flatten()
        })
        .unwrap_or_else(|| id.to_string())
}

/// A text read from the catalogue when it is shown (a closure calling `tr` that captures
/// nothing), for tables of labels written down before any language is known.
pub type Label = fn() -> String;

/// The message `id` in the current language.
pub fn tr(id: &str) -> String {
    format(id, &[])
}

/// The message `id` with its variables, e.g. `tr_with("login-help", &[("dealer", name.into())])`.
pub fn tr_with(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    format(id, args)
}

/// The dealer's words as a message variable: `("terms", "rentals" | "hires")`.
pub fn terms_arg(terms: Terminology) -> (&'static str, Arg<'static>) {
    ("terms", Arg::from(terms.as_str()))
}

/// A count as a message variable, for plural rules.
pub fn count_arg(count: u64) -> (&'static str, Arg<'static>) {
    ("count", Arg::from(count))
}

/// "Language": the languages `offered` (the dealer's, or all while the dealer is unknown),
/// each in its own name; choosing one switches the screens at once and is remembered.
/// Nothing to choose from a dealer that offers one language: no picker.
#[component]
pub fn LanguagePicker(#[prop(into)] offered: Signal<Vec<Language>>) -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(chosen) = Language::parse(&event_target_value(&ev)) {
            choose_language(chosen);
        }
    };
    let options = move || {
        offered
            .get()
            .into_iter()
            .map(|option| {
                view! {
                    <option value=option.tag() lang=option.tag() selected=move || language() == option>
                        {option.native_name()}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <Show when=move || offered.with(|o| o.len() > 1)>
            <p class="language-picker">
                <label for="language-select">{move || tr("language-label")}</label>
                <select id="language-select" class="input" data-testid="language-select" on:change=on_change>
                    {options}
                </select>
            </p>
        </Show>
    }
}
