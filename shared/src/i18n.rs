//! The languages the portal speaks (A13) and its message catalogue: Project Fluent files,
//! one per language, in `shared/locales/`, compiled in. English is the source; a message
//! missing from another catalogue falls back to English (and `shared/tests/catalogues.rs`
//! fails the build when one is missing). The dealer's words reach the messages as the
//! `$terms` variable (`rentals` / `hires`), so each language says "hire" its own way.

use fluent_bundle::{FluentBundle, FluentResource};
use serde::{Deserialize, Serialize};

pub use fluent_bundle::{FluentArgs, FluentValue};

/// A language of the portal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Language {
    /// English (US and UK words follow the dealer's terminology).
    #[default]
    #[serde(rename = "en")]
    En,
    /// Spanish.
    #[serde(rename = "es")]
    Es,
    /// French (Canada).
    #[serde(rename = "fr-CA")]
    FrCa,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::En, Language::Es, Language::FrCa];

    /// The BCP 47 tag: `en`, `es`, `fr-CA` (also `<html lang>`).
    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
            Language::FrCa => "fr-CA",
        }
    }

    /// The language's name in itself, for a language picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Es => "Español",
            Language::FrCa => "Français (Canada)",
        }
    }

    /// The portal's language for a BCP 47 tag: by its primary subtag, so `es-MX` is
    /// Spanish and any French is French (Canada).
    pub fn parse(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Language::En),
            "es" => Some(Language::Es),
            "fr" => Some(Language::FrCa),
            _ => None,
        }
    }

    /// The first of `wanted` (the browser's languages, or an `Accept-Language` header's,
    /// best first) that is `offered`; else the first offered; else English.
    pub fn negotiate<'a>(wanted: impl IntoIterator<Item = &'a str>, offered: &[Language]) -> Language {
        wanted
            .into_iter()
            .filter_map(Language::parse)
            .find(|l| offered.contains(l))
            .or_else(|| offered.first().copied())
            .unwrap_or_default()
    }

    /// The languages of an `Accept-Language` header, best first (`q` weights honoured).
    pub fn from_accept_language(header: &str, offered: &[Language]) -> Language {
        let mut ranges: Vec<(f32, &str)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let tag = pieces.next()?.trim();
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                (!tag.is_empty() && q > 0.0).then_some((q, tag))
            })
            .collect();
        ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
        Language::negotiate(ranges.into_iter().map(|(_, tag)| tag), offered)
    }

    /// The catalogue's Fluent source.
    pub fn source(self) -> &'static str {
        match self {
            Language::En => include_str!("../locales/en.ftl"),
            Language::Es => include_str!("../locales/es.ftl"),
            Language::FrCa => include_str!("../locales/fr-CA.ftl"),
        }
    }
}

/// What a dealer offers until its admin chooses: English.
pub fn default_languages() -> Vec<Language> {
    vec![Language::En]
}

impl Language {
    /// The languages of a stored list (`en,es`), known ones only, each once, in order.
    pub fn list_from_text(text: &str) -> Vec<Language> {
        let mut list = Vec::new();
        for language in text.split(',').filter_map(Language::parse) {
            if !list.contains(&language) {
                list.push(language);
            }
        }
        list
    }

    /// The stored form of a list: `en,es,fr-CA`.
    pub fn list_to_text(list: &[Language]) -> String {
        list.iter().map(|l| l.tag()).collect::<Vec<_>>().join(",")
    }
}

/// One language's messages, with English behind it for anything missing.
pub struct Catalogue {
    language: Language,
    bundle: FluentBundle<FluentResource>,
    fallback: Option<FluentBundle<FluentResource>>,
}

fn bundle_of(language: Language) -> FluentBundle<FluentResource> {
    let id = language.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new(vec![id]);
    // Plain text on screens and in emails: no Unicode isolation marks around variables.
    bundle.set_use_isolating(false);
    // A file with an error still yields every message that parsed (the catalogue test
    // keeps the files clean).
    let resource =
        FluentResource::try_new(language.source().to_string()).unwrap_or_else(|(partial, _)| partial);
    // Message ids are unique within a file (the catalogue test checks), so this cannot fail.
    let _ = bundle.add_resource(resource);
    bundle
}

impl Catalogue {
    pub fn new(language: Language) -> Self {
        let fallback = (language != Language::En).then(|| bundle_of(Language::En));
        Catalogue { language, bundle: bundle_of(language), fallback }
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// The message `id` with no variables.
    pub fn text(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message `id` with `args` filled in.
    pub fn text_with(&self, id: &str, args: &FluentArgs) -> String {
        self.format(id, Some(args))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        for bundle in std::iter::once(&self.bundle).chain(self.fallback.as_ref()) {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle.format_pattern(pattern, args, &mut errors).into_owned();
            }
        }
        // Never blank: the id shows what is missing (the catalogue test prevents it).
        id.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_lists_keep_known_languages_once_in_order() {
        assert_eq!(Language::list_from_text("es,en,xx,es"), [Language::Es, Language::En]);
        assert_eq!(Language::list_to_text(&Language::ALL), "en,es,fr-CA");
        assert_eq!(Language::list_from_text(&Language::list_to_text(&Language::ALL)), Language::ALL);
    }

    #[test]
    fn tags_parse_by_their_primary_language() {
        assert_eq!(Language::parse("es-MX"), Some(Language::Es));
        assert_eq!(Language::parse("fr-FR"), Some(Language::FrCa));
        assert_eq!(Language::parse("en_GB"), Some(Language::En));
        assert_eq!(Language::parse("de"), None);
        for language in Language::ALL {
            assert_eq!(Language::parse(language.tag()), Some(language));
        }
    }

    #[test]
    fn negotiation_takes_the_best_offered_language() {
        let all = Language::ALL;
        assert_eq!(Language::from_accept_language("de-DE,fr-CA;q=0.8,en;q=0.5", &all), Language::FrCa);
        assert_eq!(Language::from_accept_language("en;q=0.2, es-419", &all), Language::Es);
        // Spanish is not offered by this dealer: its first language.
        assert_eq!(Language::from_accept_language("es", &[Language::En, Language::FrCa]), Language::En);
        assert_eq!(Language::from_accept_language("", &[]), Language::En);
        assert_eq!(Language::negotiate(["pt-BR", "fr"], &all), Language::FrCa);
    }

    #[test]
    fn messages_fill_in_plurals_and_the_dealers_words() {
        let en = Catalogue::new(Language::En);
        let es = Catalogue::new(Language::Es);
        let mut args = FluentArgs::new();
        args.set("terms", "hires");
        assert_eq!(en.text_with("nav-my-items", &args), "My Hires");
        args.set("terms", "rentals");
        assert_eq!(en.text_with("nav-my-items", &args), "My Rentals");
        assert_eq!(es.text_with("nav-my-items", &args), "Mis alquileres");
        let mut count = FluentArgs::new();
        count.set("count", 1);
        count.set("terms", "rentals");
        assert_eq!(en.text_with("home-items-out", &count), "1 item on rent now");
        count.set("count", 3);
        assert_eq!(en.text_with("home-items-out", &count), "3 items on rent now");
        assert_eq!(es.text_with("home-items-out", &count), "3 artículos alquilados ahora");
        // A missing id shows itself rather than nothing.
        assert_eq!(en.text("no-such-message"), "no-such-message");
    }
}
