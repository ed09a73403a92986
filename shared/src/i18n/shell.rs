//! The shell's messages (`locales/<tag>/shell.ftl`: the login page and the frame around every
//! screen), compiled into tables by `shared/build.rs` and read without the Fluent runtime:
//! the web app's main module carries them in every language, and its first screen needs no
//! catalogue fetched and no Fluent code (issue 15: the login route's size). The messages read
//! exactly as Fluent reads them (the tests below compare every one, in every language); the
//! rest of the catalogue goes through Fluent (`Messages`, `Catalogue`).

use std::borrow::Cow;
use std::fmt::Write as _;

use super::Language;

/// A value for a message's variable: a text (the dealer's name, its word for rentals) or a
/// whole number (a count, which plural rules select on).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg<'a> {
    Text(Cow<'a, str>),
    Number(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(text))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(text))
    }
}

impl From<String> for Arg<'_> {
    fn from(text: String) -> Self {
        Arg::Text(Cow::Owned(text))
    }
}

impl<'a> From<Cow<'a, str>> for Arg<'a> {
    fn from(text: Cow<'a, str>) -> Self {
        Arg::Text(text)
    }
}

macro_rules! number_args {
    ($($number:ty),*) => {$(
        impl From<$number> for Arg<'_> {
            fn from(number: $number) -> Self {
                // Counts of things: far inside i64; the largest stands in for anything above.
                Arg::Number(i64::try_from(number).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

impl Arg<'_> {
    /// The value as Fluent takes it (for the messages outside the shell), borrowing the text.
    pub fn to_fluent(&self) -> fluent_bundle::FluentValue<'_> {
        match self {
            Arg::Text(text) => fluent_bundle::FluentValue::from(text.as_ref()),
            Arg::Number(number) => fluent_bundle::FluentValue::from(*number),
        }
    }
}

/// One element of a compiled pattern.
#[derive(Debug)]
pub(super) enum Piece {
    Text(&'static str),
    Var(&'static str),
    /// `{ $on -> [key] ... *[default] ... }`, keyed by words: plural categories or values.
    Select {
        on: &'static str,
        variants: &'static [(&'static str, Pattern)],
        default: usize,
    },
}

type Pattern = &'static [Piece];

// `EN`, `ES`, `FR_CA`: each language's (id, pattern), sorted by id.
include!(concat!(env!("OUT_DIR"), "/shell.rs"));

fn table(language: Language) -> &'static [(&'static str, Pattern)] {
    match language {
        Language::En => EN,
        Language::Es => ES,
        Language::FrCa => FR_CA,
    }
}

/// The shell's message `id` in `language` with `args` filled in; `None` when `id` is not a
/// shell message. A variable missing from `args` shows as `{$name}`, as Fluent shows it.
pub fn format(language: Language, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
    let table = table(language);
    let index = table.binary_search_by(|(key, _)| (*key).cmp(id)).ok()?;
    let mut text = String::new();
    write(&mut text, table[index].1, language, args);
    Some(text)
}

fn write(text: &mut String, pattern: Pattern, language: Language, args: &[(&str, Arg<'_>)]) {
    let arg = |name: &str| args.iter().find(|(n, _)| *n == name).map(|(_, value)| value);
    for piece in pattern {
        match piece {
            Piece::Text(part) => text.push_str(part),
            Piece::Var(name) => match arg(name) {
                Some(Arg::Text(value)) => text.push_str(value),
                Some(Arg::Number(number)) => {
                    let _ = write!(text, "{number}");
                }
                None => {
                    let _ = write!(text, "{{${name}}}");
                }
            },
            Piece::Select { on, variants, default } => {
                let chosen =
                    arg(on).and_then(|value| variants.iter().find(|(key, _)| matches(key, value, language)));
                let (_, pattern) = chosen.unwrap_or(&variants[*default]);
                write(text, pattern, language, args);
            }
        }
    }
}

/// Fluent's rule for a word: it matches the same text, or a number's plural category.
fn matches(key: &str, value: &Arg<'_>, language: Language) -> bool {
    match value {
        Arg::Text(text) => key == text,
        Arg::Number(number) => key == plural_category(language, *number),
    }
}

/// The CLDR cardinal category of a whole number, as the plural rules Fluent uses
/// (intl_pluralrules 7, CLDR 37) give it for these languages: English and Spanish say "one"
/// for 1, French for 0 and 1; every other whole number is "other".
fn plural_category(language: Language, number: i64) -> &'static str {
    let n = number.unsigned_abs();
    let one = match language {
        Language::En | Language::Es => n == 1,
        Language::FrCa => n <= 1,
    };
    if one { "one" } else { "other" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{File, Messages};

    /// Every variable and selector of the shell, with values that take each branch.
    fn samples() -> Vec<Vec<(&'static str, Arg<'static>)>> {
        let mut samples = vec![Vec::new()];
        for terms in ["rentals", "hires", "other"] {
            for count in [0_i64, 1, 2, 5, 21, 1_000_000] {
                samples.push(vec![
                    ("terms", terms.into()),
                    ("count", count.into()),
                    ("dealer", "Summit Equipment".into()),
                    ("number", "S10001".into()),
                    ("time", "14:05".into()),
                    ("title", "Not found".into()),
                    ("detail", "No such contract".into()),
                    ("message", "is required".into()),
                    ("min", 12.into()),
                    ("name", "Pat Lee".into()),
                    ("who", "Pat Lee (S10001)".into()),
                ]);
            }
        }
        samples
    }

    #[test]
    fn every_shell_message_reads_as_fluent_reads_it() {
        for language in Language::ALL {
            let mut fluent = Messages::new(language);
            fluent.add(File::Shell.source(language));
            assert!(!table(language).is_empty());
            for (id, _) in table(language) {
                for args in samples() {
                    let mut fluent_args = fluent_bundle::FluentArgs::new();
                    for (name, value) in &args {
                        fluent_args.set(*name, value.to_fluent());
                    }
                    let expected = fluent.format(id, Some(&fluent_args)).expect("the message is in the file");
                    assert_eq!(
                        format(language, id, &args).as_deref(),
                        Some(expected.as_str()),
                        "{language:?} {id} {args:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn plurals_follow_the_language() {
        let rate_limited =
            |language, count: u64| format(language, "error-rate-limited-for", &[("count", count.into())]);
        assert_eq!(
            rate_limited(Language::En, 1).as_deref(),
            Some("Too many requests, try again in 1 minute.")
        );
        assert_eq!(
            rate_limited(Language::En, 0).as_deref(),
            Some("Too many requests, try again in 0 minutes.")
        );
        // French says "one" for zero as well.
        let zero_fr = rate_limited(Language::FrCa, 0).expect("a shell message");
        let one_fr = rate_limited(Language::FrCa, 1).expect("a shell message");
        assert_eq!(zero_fr.replace('0', "1"), one_fr);
    }

    #[test]
    fn other_ids_and_missing_variables() {
        assert_eq!(format(Language::En, "home-items-out", &[]), None, "not a shell message");
        assert_eq!(
            format(Language::En, "login-help", &[]).as_deref(),
            Some("Trouble logging in? Call {$dealer} at")
        );
        assert_eq!(
            format(Language::En, "nav-my-items", &[("terms", "hires".into())]).as_deref(),
            Some("My Hires")
        );
        assert_eq!(
            format(Language::En, "nav-my-items", &[]).as_deref(),
            Some("My Rentals"),
            "the default variant"
        );
    }
}
