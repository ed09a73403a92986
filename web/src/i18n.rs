//! The language of the screens (A13): chosen by the user (the picker on the login page,
//! remembered in this browser), else the browser's languages (`navigator.languages`, what it
//! sends as `Accept-Language`), else English. `tr` and `tr_with` read the message catalogue
//! (`shared::i18n`) and track the language, so a view re-renders when it changes; `<html lang>`
//! follows it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;
use shared::branding::Terminology;
use shared::i18n::{Catalogue, FluentArgs, FluentValue, Language};

/// The language in use in this browser (also for the signed-out pages).
const LANGUAGE_KEY: &str = "rental_portal.language";
/// Set when the person picked the language here and it is not yet in their profile.
const PICKED_KEY: &str = "rental_portal.language_picked";

thread_local! {
    static CURRENT: RefCell<Option<RwSignal<Language>>> = const { RefCell::new(None) };
    static CATALOGUES: RefCell<HashMap<Language, Rc<Catalogue>>> = RefCell::new(HashMap::new());
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

/// Sets up the language for the app (once, at start-up).
pub fn provide_language() {
    let language = RwSignal::new(initial());
    CURRENT.with(|c| *c.borrow_mut() = Some(language));
    Effect::new(move |_| set_html_lang(language.get()));
}

fn signal() -> Option<RwSignal<Language>> {
    CURRENT.with(|c| *c.borrow())
}

/// The current language (tracked).
pub fn language() -> Language {
    signal().map(|s| s.get()).unwrap_or_default()
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
    if let Some(signal) = signal()
        && signal.get_untracked() != language
    {
        signal.set(language);
    }
}

/// The language the person picked here since the last sign-in, if any (and forgets that it
/// still has to be saved).
pub fn take_picked() -> Option<Language> {
    let storage = storage()?;
    let picked = storage.get_item(PICKED_KEY).ok().flatten().is_some();
    let _ = storage.remove_item(PICKED_KEY);
    picked.then(|| signal().map(|s| s.get_untracked()).unwrap_or_default())
}

/// Whether the person picked the language here themselves.
fn picked() -> bool {
    storage().and_then(|s| s.get_item(PICKED_KEY).ok().flatten()).is_some()
}

/// On a page of a known dealer: a language it does not offer gives way to the best it does,
/// unless the person picked it here.
pub fn fit_to_dealer(offered: &[Language]) {
    let current = signal().map(|s| s.get_untracked()).unwrap_or_default();
    if offered.is_empty() || offered.contains(&current) || picked() {
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

fn catalogue(language: Language) -> Rc<Catalogue> {
    CATALOGUES
        .with(|c| c.borrow_mut().entry(language).or_insert_with(|| Rc::new(Catalogue::new(language))).clone())
}

/// The message `id` in the current language.
pub fn tr(id: &str) -> String {
    catalogue(language()).text(id)
}

/// The message `id` with its variables, e.g. `tr_with("home-pay-due", &[("due", due.into())])`.
pub fn tr_with(id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        fluent.set(*name, value.clone());
    }
    catalogue(language()).text_with(id, &fluent)
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
