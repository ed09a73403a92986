//! Display helpers: dates and money as the reader's language writes them (in the dealer's
//! style), and safe brand colours.

use chrono::NaiveDate;
use shared::branding::Branding;
use shared::contrast::{Rgb, TextColour, TextContrast};
use shared::money::Money;

/// In English `Mar 5, 2026` for en-US (and en-CA) dealers, `5 Mar 2026` for every other;
/// `5 mar 2026` in Spanish, `5 mars 2026` in French (`shared::i18n::format_date`). Tracks
/// the language.
pub fn date(value: NaiveDate, locale: &str) -> String {
    shared::i18n::format_date(crate::i18n::language(), locale, value)
}

/// An amount as the language on screen writes it (`Money::display_in`). Tracks the language.
pub fn money(amount: &Money) -> String {
    amount.display_in(crate::i18n::language())
}

/// Optional date, with an en dash when absent.
pub fn opt_date(value: Option<NaiveDate>, locale: &str) -> String {
    value.map_or_else(|| "—".to_string(), |d| date(d, locale))
}

pub fn opt_text(value: &Option<String>) -> String {
    value.as_deref().filter(|v| !v.trim().is_empty()).unwrap_or("—").to_string()
}

/// Only `#rgb` / `#rrggbb` reach a style attribute; anything else falls back.
pub fn safe_color(value: &str, fallback: &'static str) -> String {
    let hex = value.strip_prefix('#').unwrap_or("");
    if matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        value.to_string()
    } else {
        fallback.to_string()
    }
}

pub const NEUTRAL_PRIMARY: &str = "#1f3a5f";
pub const NEUTRAL_ACCENT: &str = "#2f80ed";

/// The CSS custom properties that dress a subtree in a dealer's colours: the colours, the
/// text written on each (white or dark, whichever reads: `shared::contrast`), the primary
/// as text on white where it reads there (dark text otherwise), and the primary as text on
/// the dark-mode card (lightened until it reads: the style sheet switches to it).
pub fn brand_style(branding: Option<&Branding>) -> String {
    let (primary, accent) = branding.map_or_else(
        || (NEUTRAL_PRIMARY.to_string(), NEUTRAL_ACCENT.to_string()),
        |b| (safe_color(&b.primary_color, NEUTRAL_PRIMARY), safe_color(&b.accent_color, NEUTRAL_ACCENT)),
    );
    colour_style(&primary, &accent)
}

/// [`brand_style`] for two colours (the settings form's live preview uses it as they type).
pub fn colour_style(primary: &str, accent: &str) -> String {
    let text_on = |colour: &str| {
        Rgb::parse(colour).map(TextContrast::of).and_then(|c| c.text()).unwrap_or(TextColour::White).css()
    };
    let contrast = Rgb::parse(primary).map(TextContrast::of);
    let primary_text = contrast.map_or_else(|| primary.to_string(), |c| c.as_text_on_white());
    let primary_text_dark = contrast.map_or_else(|| primary.to_string(), |c| c.as_text_on_dark());
    format!(
        "--brand-primary:{primary};--brand-accent:{accent};--brand-on-primary:{};--brand-on-accent:{};\
         --brand-primary-text:{primary_text};--brand-primary-text-dark:{primary_text_dark};",
        text_on(primary),
        text_on(accent)
    )
}

/// Digits and a leading plus, for `tel:` links.
pub fn tel_href(phone: &str) -> String {
    let digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    format!("tel:{digits}")
}

/// A dealer logo URL we are willing to load (served by us, relative).
pub fn logo_full(url: Option<&str>) -> Option<String> {
    url.filter(|u| u.starts_with('/') && !u.starts_with("//")).map(str::to_string)
}

/// The glyph alone: SVG logos carry a `#mark` view; other images are used as they are.
///
/// The query makes the mark a resource of its own: Chromium keeps one decoded image per URL
/// without its fragment, so after the header had shown `logo.svg#mark`, the login page's
/// full `logo.svg` took the mark's square shape and shrank to a sliver.
pub fn logo_mark(url: Option<&str>) -> Option<String> {
    logo_full(url).map(|u| if u.ends_with(".svg") { format!("{u}?view=mark#mark") } else { u })
}
