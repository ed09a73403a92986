//! The words of the screens after sign-in (the catalogue's app part) through Fluent. Only the
//! `app_words` split points (`crate::areas`: `app_words` loads, `app_word` reads) reach this
//! module, so the Fluent runtime (its
//! parser, resolver, plural rules and number formatting) arrives with the first area instead
//! of weighing on the login route.

use std::cell::RefCell;
use std::collections::HashMap;

use shared::i18n::{Arg, FluentArgs, Language, Messages};

thread_local! {
    /// Each language's app part, once its file has arrived.
    static MESSAGES: RefCell<HashMap<Language, Messages>> = RefCell::new(HashMap::new());
}

/// Fetches the app part in `language` unless it is here, then has the screens read it. When
/// its file cannot be had, English's is fetched instead, which [`read`] falls back to.
pub async fn load(language: Language) {
    let here = have(language).await || (language != Language::En && have(Language::En).await);
    if here {
        super::app_words_arrived();
    }
}

/// Whether the app part in `language` is here, after fetching it if need be.
async fn have(language: Language) -> bool {
    if MESSAGES.with(|m| m.borrow().contains_key(&language)) {
        return true;
    }
    let Some(text) = fetch(language).await else { return false };
    // Another call may have brought it meanwhile: add it once.
    MESSAGES.with(|m| {
        m.borrow_mut().entry(language).or_insert_with(|| {
            let mut messages = Messages::new(language);
            messages.add(text);
            messages
        });
    });
    true
}

/// The app part's file in `language` for this build (`<meta name="catalogues">` names it).
async fn fetch(language: Language) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let meta = document.query_selector("meta[name=catalogues]").ok().flatten()?;
    let version = meta.get_attribute("content").filter(|v| !v.is_empty() && !v.starts_with("{{"))?;
    let url = format!("/locales/app.{}-{version}.ftl", language.tag());
    match gloo_net::http::Request::get(&url).send().await {
        Ok(response) if response.ok() => response.text().await.ok(),
        _ => None,
    }
}

/// The app part's message `id` in `language`, else in English when that is here.
pub(crate) fn read(language: Language, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        fluent.set(*name, value.to_fluent());
    }
    MESSAGES.with(|m| {
        let all = m.borrow();
        let own = all.get(&language).and_then(|messages| messages.format(id, Some(&fluent)));
        own.or_else(|| all.get(&Language::En).and_then(|english| english.format(id, Some(&fluent))))
    })
}
