//! The languages the portal speaks (A13) and its message catalogue: Project Fluent files in
//! `shared/locales/<tag>/`, one per part of the portal ([`File`]). English is the source; a
//! message missing from another catalogue falls back to English (and
//! `shared/tests/catalogues.rs` fails the build when one is missing). The server compiles every
//! file in; the web app compiles in the shell of every language as tables (`shell`, made by
//! `build.rs`) and fetches the app part with its screens. The dealer's words reach the messages as the
//! `$terms` variable (`rentals` / `hires`), so each language says "hire" its own way.

use fluent_bundle::{FluentBundle, FluentResource};
use serde::{Deserialize, Serialize};

pub use fluent_bundle::{FluentArgs, FluentValue};
pub use shell::{Arg, format as shell_format};

mod shell;

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

    /// The mark between the whole and the fraction of a number: `.` in English and in Spanish
    /// as written in the Americas, `,` in French.
    pub fn decimal_mark(self) -> &'static str {
        if self == Language::FrCa { "," } else { "." }
    }

    /// The locale to write dates and times in for a dealer whose own locale is `dealer`
    /// (`en-US`): English keeps the dealer's, Spanish takes the dealer's region (`es-US`),
    /// French is Canada's (`fr-CA`).
    pub fn locale_in(self, dealer: &str) -> String {
        match self {
            Language::En => dealer.to_string(),
            Language::Es => match dealer.split_once('-') {
                Some((_, region)) if !region.is_empty() => format!("es-{region}"),
                _ => "es".to_string(),
            },
            Language::FrCa => "fr-CA".to_string(),
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
        Language::negotiate(accepted_tags(header), offered)
    }

    /// The best of `offered` that an `Accept-Language` header names, if it names one: unlike
    /// [`Language::from_accept_language`], a header naming none of them is told apart from
    /// one asking for the first.
    pub fn accepted(header: &str, offered: &[Language]) -> Option<Language> {
        accepted_tags(header).filter_map(Language::parse).find(|l| offered.contains(l))
    }
}

/// The language tags of an `Accept-Language` header, best first (`q` weights honoured).
fn accepted_tags(header: &str) -> impl Iterator<Item = &str> {
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
    ranges.into_iter().map(|(_, tag)| tag)
}

/// A date as a reader of `language` writes it, in the dealer's region (`locale`, e.g.
/// `en-US`): English in the dealer's style (`Mar 5, 2026` in the US and Canada, `5 Mar 2026`
/// elsewhere), Spanish `5 mar 2026`, French (Canada) `5 mars 2026` (CLDR's medium dates).
pub fn format_date(language: Language, locale: &str, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const ES: [&str; 12] =
        ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"];
    const FR: [&str; 12] =
        ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juill.", "août", "sept.", "oct.", "nov.", "déc."];
    let month = date.month0() as usize;
    match language {
        Language::En if locale.eq_ignore_ascii_case("en-US") || locale.eq_ignore_ascii_case("en-CA") => {
            date.format("%b %-d, %Y").to_string()
        }
        Language::En => date.format("%-d %b %Y").to_string(),
        Language::Es => format!("{} {} {}", date.day(), ES[month], date.year()),
        Language::FrCa => format!("{} {} {}", date.day(), FR[month], date.year()),
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

/// The catalogue's files: each holds the messages of one part of the portal, in every
/// language (`shared/locales/<tag>/<name>.ftl`), with ids unique across a language's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum File {
    Shell,
    Home,
    Common,
    Contracts,
    Rentals,
    Requests,
    Money,
    Public,
    Admin,
    Email,
    Documents,
    Problems,
}

macro_rules! catalogue_files {
    ($($file:ident => $name:literal),* $(,)?) => {
        impl File {
            pub const ALL: &'static [File] = &[$(File::$file),*];

            /// The file's name without `.ftl`.
            pub fn name(self) -> &'static str {
                match self { $(File::$file => $name),* }
            }

            /// The file's Fluent text in `language`.
            pub fn source(self, language: Language) -> &'static str {
                match (self, language) {
                    $(
                        (File::$file, Language::En) => include_str!(concat!("../locales/en/", $name, ".ftl")),
                        (File::$file, Language::Es) => include_str!(concat!("../locales/es/", $name, ".ftl")),
                        (File::$file, Language::FrCa) => include_str!(concat!("../locales/fr-CA/", $name, ".ftl")),
                    )*
                }
            }
        }
    };
}

catalogue_files! {
    Shell => "shell",
    Home => "app-home",
    Common => "app-common",
    Contracts => "app-contracts",
    Rentals => "app-rentals",
    Requests => "app-requests",
    Money => "app-money",
    Public => "app-public",
    Admin => "app-admin",
    Email => "server-email",
    Documents => "server-documents",
    Problems => "server-problems",
}

/// Messages of one language, from the files added so far.
pub struct Messages {
    bundle: FluentBundle<FluentResource>,
}

impl Messages {
    pub fn new(language: Language) -> Self {
        let id = language.tag().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new(vec![id]);
        // Plain text on screens and in emails: no Unicode isolation marks around variables.
        bundle.set_use_isolating(false);
        Messages { bundle }
    }

    /// Adds a file's Fluent text. A file with an error still gives every message that
    /// parsed, and an id already present keeps its first text (the catalogue test keeps the
    /// files clean of both).
    pub fn add(&mut self, source: impl Into<String>) {
        let resource = FluentResource::try_new(source.into()).unwrap_or_else(|(partial, _)| partial);
        let _ = self.bundle.add_resource(resource);
    }

    /// The message `id` with `args` filled in, if it is here.
    pub fn format(&self, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        Some(self.bundle.format_pattern(pattern, args, &mut errors).into_owned())
    }
}

/// One language's messages from every file, with English behind it for anything missing
/// (the server's, and the tests').
pub struct Catalogue {
    language: Language,
    messages: Messages,
    fallback: Option<Messages>,
}

fn every_file(language: Language) -> Messages {
    let mut messages = Messages::new(language);
    for file in File::ALL {
        messages.add(file.source(language));
    }
    messages
}

impl Catalogue {
    pub fn new(language: Language) -> Self {
        let fallback = (language != Language::En).then(|| every_file(Language::En));
        Catalogue { language, messages: every_file(language), fallback }
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
        std::iter::once(&self.messages)
            .chain(self.fallback.as_ref())
            .find_map(|messages| messages.format(id, args))
            // Never blank: the id shows what is missing (the catalogue test prevents it).
            .unwrap_or_else(|| id.to_string())
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
        assert_eq!(Language::accepted("de, fr;q=0.5", &all), Some(Language::FrCa));
        assert_eq!(Language::accepted("de, en;q=0", &all), None, "names none: not the first offered");
    }

    #[test]
    fn times_are_written_in_the_language_and_the_dealers_region() {
        assert_eq!(Language::En.locale_in("en-GB"), "en-GB");
        assert_eq!(Language::Es.locale_in("en-US"), "es-US");
        assert_eq!(Language::Es.locale_in("en"), "es");
        assert_eq!(Language::FrCa.locale_in("en-AU"), "fr-CA");
        assert_eq!(Language::FrCa.decimal_mark(), ",");
        assert_eq!(Language::Es.decimal_mark(), ".");
    }

    #[test]
    fn dates_read_in_the_language_and_the_dealers_style() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 5).expect("a date");
        assert_eq!(format_date(Language::En, "en-US", date), "Mar 5, 2026");
        assert_eq!(format_date(Language::En, "en-GB", date), "5 Mar 2026");
        assert_eq!(format_date(Language::Es, "en-US", date), "5 mar 2026");
        assert_eq!(format_date(Language::FrCa, "en-CA", date), "5 mars 2026");
        let december = chrono::NaiveDate::from_ymd_opt(2026, 12, 24).expect("a date");
        assert_eq!(format_date(Language::FrCa, "en-US", december), "24 déc. 2026");
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
