//! The server's words in the reader's language (A13): e-mails and PDFs in the recipient's
//! (their profile's `language`), problem titles in the request's (`Accept-Language`, which the
//! web app sets to the language on screen). The messages are `shared::i18n`'s catalogue,
//! parsed once per thread and language.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use shared::branding::{Branding, Terminology};
use shared::i18n::{Catalogue, FluentArgs, FluentValue, Language};

thread_local! {
    static CATALOGUES: RefCell<HashMap<Language, Rc<Catalogue>>> = RefCell::new(HashMap::new());
}

tokio::task_local! {
    /// The language the request being answered asks for, if its `Accept-Language` names one.
    static REQUEST_LANGUAGE: Option<Language>;
}

/// Every message in `language` (English behind it).
pub fn catalogue(language: Language) -> Rc<Catalogue> {
    CATALOGUES
        .with(|c| c.borrow_mut().entry(language).or_insert_with(|| Rc::new(Catalogue::new(language))).clone())
}

/// The message `id` in `language`.
pub fn text(language: Language, id: &str) -> String {
    catalogue(language).text(id)
}

/// The message `id` in `language` with its variables.
pub fn text_with(language: Language, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        fluent.set(*name, value.clone());
    }
    catalogue(language).text_with(id, &fluent)
}

/// The message `id` in `language` as a dealer writes it: with `args` and the dealer's name and
/// words (`$dealer`, `$terms`), which e-mails and PDFs may always use.
pub fn dealer_text(
    language: Language,
    dealer: &str,
    terms: Terminology,
    id: &str,
    args: &[(&str, FluentValue<'_>)],
) -> String {
    let mut all = vec![("dealer", dealer.into()), ("terms", terms.as_str().into())];
    all.extend_from_slice(args);
    text_with(language, id, &all)
}

/// The language of the request being answered: its `Accept-Language`, else English.
pub fn request_language() -> Language {
    asked_language().unwrap_or_default()
}

/// The language the request being answered asks for, if its `Accept-Language` names one of
/// the portal's; `None` outside a request (a worker, a spawned task), where nobody asked.
pub fn asked_language() -> Option<Language> {
    REQUEST_LANGUAGE.try_with(|language| *language).ok().flatten()
}

/// The language to write to a reader in, for e-mails and PDFs: their own choice (`chosen`,
/// their profile's) when they have a login and made one; else `asked`, the language of the
/// request that caused the letter (the web app sends the one on screen) when the dealer
/// offers it; else the dealer's default, the first it offers. A store's own letters pass
/// neither, and read the dealer's default. Without a dealer (the portal's own letters) every
/// language of the portal is offered.
pub fn reader_language(
    dealer: Option<&Branding>,
    chosen: Option<Language>,
    asked: Option<Language>,
) -> Language {
    let offered = dealer.map_or(&Language::ALL[..], |d| d.languages.as_slice());
    chosen.or(asked.filter(|l| offered.contains(l))).or(offered.first().copied()).unwrap_or_default()
}

/// Middleware: answers each request in its `Accept-Language` (best of the portal's languages).
pub async fn scope_language(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let language = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| Language::accepted(value, &Language::ALL));
    REQUEST_LANGUAGE.scope(language, next.call(req)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_titles_read_in_each_language() {
        assert_eq!(text(Language::En, "problem-not-found"), "Not found");
        assert_eq!(text(Language::Es, "problem-not-found"), "No encontrado");
        assert_eq!(text(Language::FrCa, "problem-not-found"), "Introuvable");
    }

    #[actix_web::test]
    async fn outside_a_request_the_language_is_english() {
        assert_eq!(request_language(), Language::En);
        assert_eq!(asked_language(), None);
        let inside = REQUEST_LANGUAGE.scope(Some(Language::Es), async { request_language() }).await;
        assert_eq!(inside, Language::Es);
        let unnamed = REQUEST_LANGUAGE.scope(None, async { (request_language(), asked_language()) }).await;
        assert_eq!(unnamed, (Language::En, None));
    }

    #[test]
    fn a_reader_gets_their_choice_else_what_they_asked_for_else_the_dealers_default() {
        let dealer: Branding = serde_json::from_value(serde_json::json!({
            "dealer_id": uuid::Uuid::nil(), "slug": "nord", "name": "Nord Location",
            "primary_color": "#0b5cab", "accent_color": "#f28c28", "terminology": "rentals",
            "locale": "fr-CA", "time_zone": "America/Toronto", "currency": "CAD",
            "languages": ["fr-CA", "en"],
        }))
        .unwrap();
        let dealer = Some(&dealer);
        assert_eq!(reader_language(dealer, Some(Language::Es), Some(Language::En)), Language::Es);
        assert_eq!(reader_language(dealer, None, Some(Language::En)), Language::En);
        // Spanish is not offered by this dealer, and a store's letter asks nothing: its first.
        assert_eq!(reader_language(dealer, None, Some(Language::Es)), Language::FrCa);
        assert_eq!(reader_language(dealer, None, None), Language::FrCa);
        // The portal's own letters speak every language.
        assert_eq!(reader_language(None, None, Some(Language::Es)), Language::Es);
        assert_eq!(reader_language(None, None, None), Language::En);
    }
}
