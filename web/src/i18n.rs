//! The language of the screens (A13): chosen by the user (the picker on the login page,
//! remembered in this browser), else the browser's languages (`navigator.languages`, what it
//! sends as `Accept-Language`), else English. `tr` and `tr_with` read the message catalogue
//! (`shared::i18n`) and track the language, so a view re-renders when it changes; `<html lang>`
//! follows it.
//!
//! The words come from the catalogue's files (`shared::i18n::File`): the English shell is
//! compiled in; every other language's shell is fetched before the app starts in it, and the
//! app part of the current language (every screen after sign-in) with the lazily loaded areas
//! (`crate::areas`). The build (scripts/build-web.sh) writes each part and language as one
//! content-hashed file, `/locales/<part>.<tag>-<hash>.ftl`, and names the hash in
//! `<meta name="catalogues">`.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use shared::branding::Terminology;
use shared::i18n::{ENGLISH_SHELL, FluentArgs, FluentValue, Language, Messages, Part};

/// The language in use in this browser (also for the signed-out pages).
const LANGUAGE_KEY: &str = "rental_portal.language";
/// Set when the person picked the language here and it is not yet in their profile.
const PICKED_KEY: &str = "rental_portal.language_picked";

thread_local! {
    static CURRENT: RefCell<Option<RwSignal<Language>>> = const { RefCell::new(None) };
    /// Bumped when a catalogue file arrives, so the words on screen are read again.
    static ARRIVED: RefCell<Option<RwSignal<u32>>> = const { RefCell::new(None) };
    /// Each language's messages from the files that have arrived.
    static MESSAGES: RefCell<HashMap<Language, Messages>> = RefCell::new(HashMap::from([(Language::En, {
        let mut english = Messages::new(Language::En);
        english.add(ENGLISH_SHELL);
        english
    })]));
    /// The (language, part) files that have arrived (the English shell is compiled in).
    static LOADED: RefCell<HashSet<(Language, Part)>> = RefCell::new(HashSet::from([(Language::En, Part::Shell)]));
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

/// Sets up the language for the app (once, at start-up, before it mounts): the language to
/// start in and its shell's words (fetched unless English; English stands in if they cannot
/// be had).
pub async fn start() {
    let language = initial();
    CURRENT.with(|c| *c.borrow_mut() = Some(RwSignal::new(language)));
    ARRIVED.with(|a| *a.borrow_mut() = Some(RwSignal::new(0)));
    load(language, Part::Shell).await;
}

/// Keeps `<html lang>` on the language in use (inside the app's reactive owner).
pub fn provide_language() {
    Effect::new(move |_| set_html_lang(language()));
}

/// The hash of this build's catalogue files, from `<meta name="catalogues">`.
fn catalogue_version() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let meta = document.query_selector("meta[name=catalogues]").ok().flatten()?;
    meta.get_attribute("content").filter(|v| !v.is_empty() && !v.starts_with("{{"))
}

fn loaded(language: Language, part: Part) -> bool {
    LOADED.with(|l| l.borrow().contains(&(language, part)))
}

/// Fetches the file of `part` in `language` unless it is here; true when it is.
async fn load(language: Language, part: Part) -> bool {
    if loaded(language, part) {
        return true;
    }
    let Some(version) = catalogue_version() else { return false };
    let url = format!("/locales/{}.{}-{version}.ftl", part.name(), language.tag());
    let text = match gloo_net::http::Request::get(&url).send().await {
        Ok(response) if response.ok() => response.text().await.ok(),
        _ => None,
    };
    let Some(text) = text else { return false };
    // Another call may have brought it meanwhile: add it once.
    if !loaded(language, part) {
        MESSAGES.with(|m| {
            let mut all = m.borrow_mut();
            all.entry(language).or_insert_with(|| Messages::new(language)).add(text);
        });
        LOADED.with(|l| l.borrow_mut().insert((language, part)));
        if let Some(arrived) = ARRIVED.with(|a| *a.borrow()) {
            arrived.update(|n| *n += 1);
        }
    }
    true
}

/// The words of the screens after sign-in, in the current language: awaited with the lazily
/// loaded areas.
pub async fn load_app() {
    let language = current();
    load(language, Part::App).await;
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
    // The screens switch once the new language has every part the old one had, so nothing
    // shows half in one language; if a part cannot be had, English stands in for it.
    leptos::task::spawn_local(async move {
        for part in [Part::Shell, Part::App] {
            if loaded(current, part) {
                load(language, part).await;
            }
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

/// The message `id` in `language`, else in English, else the id itself (the catalogue test
/// keeps ids from showing).
fn format(id: &str, args: Option<&FluentArgs>) -> String {
    let language = language();
    // Read again when a file arrives.
    if let Some(arrived) = ARRIVED.with(|a| *a.borrow()) {
        arrived.track();
    }
    MESSAGES
        .with(|m| {
            let all = m.borrow();
            let own = if language == Language::En {
                None
            } else {
                all.get(&language).and_then(|messages| messages.format(id, args))
            };
            own.or_else(|| all.get(&Language::En).and_then(|english| english.format(id, args)))
        })
        .unwrap_or_else(|| id.to_string())
}

/// A text read from the catalogue when it is shown (a closure calling `tr` that captures
/// nothing), for tables of labels written down before any language is known.
pub type Label = fn() -> String;

/// The message `id` in the current language.
pub fn tr(id: &str) -> String {
    format(id, None)
}

/// The message `id` with its variables, e.g. `tr_with("login-help", &[("dealer", name.into())])`.
pub fn tr_with(id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        fluent.set(*name, value.clone());
    }
    format(id, Some(&fluent))
}

/// The dealer's words as a message variable: `("terms", "rentals" | "hires")`.
pub fn terms_arg(terms: Terminology) -> (&'static str, FluentValue<'static>) {
    ("terms", FluentValue::from(terms.as_str()))
}

/// A count as a message variable, for plural rules.
pub fn count_arg(count: u64) -> (&'static str, FluentValue<'static>) {
    ("count", FluentValue::from(count))
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
