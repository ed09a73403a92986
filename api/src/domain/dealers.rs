//! What makes a dealer (J4) well-formed before it is created: a URL-safe slug, a country
//! code, a time zone the tz database knows, a language tag, and the words it uses.

use shared::branding::Terminology;
use shared::email::EmailAddress;
use shared::error::FieldError;
use shared::platform::NewDealer;

/// A [`NewDealer`] checked and tidied: trimmed, the country upper-cased, the terminology
/// chosen when none was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidDealer {
    pub slug: String,
    pub name: String,
    pub country: String,
    pub currency: shared::money::Currency,
    pub time_zone: chrono_tz::Tz,
    pub locale: String,
    pub terminology: Terminology,
    pub support_email: Option<String>,
    pub support_phone: Option<String>,
}

/// The countries whose customers say "hire" rather than "rent".
const HIRE_COUNTRIES: [&str; 4] = ["GB", "IE", "AU", "NZ"];

/// The words a dealer in `country` uses unless told otherwise.
pub fn default_terminology(country: &str) -> Terminology {
    if HIRE_COUNTRIES.contains(&country) { Terminology::Hires } else { Terminology::Rentals }
}

fn slug_ok(slug: &str) -> bool {
    (2..=40).contains(&slug.len())
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
}

/// `en`, `en-US`, `fr-CA`: a language, optionally a region.
fn locale_ok(locale: &str) -> bool {
    let mut parts = locale.split('-');
    let language = parts.next().unwrap_or_default();
    let region = parts.next();
    parts.next().is_none()
        && (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_lowercase())
        && region.is_none_or(|r| r.len() == 2 && r.bytes().all(|b| b.is_ascii_uppercase()))
}

/// Checks a new dealer; every problem is one field error.
pub fn validate(new: &NewDealer) -> Result<ValidDealer, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fail =
        |field: &str, message: &str| errors.push(FieldError { field: field.into(), message: message.into() });
    let slug = new.slug.trim().to_string();
    if !slug_ok(&slug) {
        fail("slug", "Use 2 to 40 lower-case letters, digits and hyphens, e.g. \"summit\".");
    }
    let name = new.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 120 || name.chars().any(char::is_control) {
        fail("name", "Enter the dealer's name (at most 120 characters).");
    }
    let country = new.country.trim().to_ascii_uppercase();
    if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
        fail("country", "Use a two-letter country code, e.g. US or GB.");
    }
    let time_zone = new.time_zone.trim().parse::<chrono_tz::Tz>();
    if time_zone.is_err() {
        fail("time_zone", "Use a time zone name such as America/Denver or Europe/London.");
    }
    let locale = new.locale.trim().to_string();
    if !locale_ok(&locale) {
        fail("locale", "Use a language tag such as en-US or en-GB.");
    }
    let support_email = new.support_email.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if support_email.is_some_and(|e| !EmailAddress::is_valid(e)) {
        fail("support_email", "Enter an email address like name@example.com.");
    }
    let support_phone = new.support_phone.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if support_phone.is_some_and(|p| p.chars().count() > 40 || p.chars().any(char::is_control)) {
        fail("support_phone", "Use at most 40 characters.");
    }
    match time_zone {
        Ok(time_zone) if errors.is_empty() => Ok(ValidDealer {
            terminology: new.terminology.unwrap_or_else(|| default_terminology(&country)),
            slug,
            name,
            country,
            currency: new.currency,
            time_zone,
            locale,
            support_email: support_email.map(str::to_string),
            support_phone: support_phone.map(str::to_string),
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use shared::money::Currency;

    use super::*;

    fn dealer() -> NewDealer {
        NewDealer {
            slug: "acme-hire".into(),
            name: " Acme Hire ".into(),
            country: "au".into(),
            currency: Currency::Aud,
            time_zone: "Australia/Sydney".into(),
            locale: "en-AU".into(),
            terminology: None,
            support_email: Some("".into()),
            support_phone: None,
        }
    }

    #[test]
    fn a_good_dealer_is_tidied_and_gets_its_countrys_words() {
        let valid = validate(&dealer()).unwrap();
        assert_eq!((valid.name.as_str(), valid.country.as_str()), ("Acme Hire", "AU"));
        assert_eq!(valid.terminology, Terminology::Hires);
        assert_eq!(valid.time_zone, chrono_tz::Australia::Sydney);
        assert_eq!(valid.support_email, None);
        assert_eq!(default_terminology("US"), Terminology::Rentals);
    }

    #[test]
    fn each_bad_field_is_named() {
        let bad = NewDealer {
            slug: "Acme Hire".into(),
            name: "".into(),
            country: "USA".into(),
            time_zone: "Mars/Olympus".into(),
            locale: "english".into(),
            support_email: Some("nope".into()),
            ..dealer()
        };
        let fields: Vec<String> = validate(&bad).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["slug", "name", "country", "time_zone", "locale", "support_email"]);
        for slug in ["a", "-ab", "ab-", "a_b"] {
            assert!(!slug_ok(slug), "{slug}");
        }
        assert!(locale_ok("fr") && locale_ok("fr-CA") && !locale_ok("fr-ca") && !locale_ok("en-US-x"));
    }
}
