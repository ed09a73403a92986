//! Money as integer minor units plus an ISO 4217 currency code, and its display.

use serde::{Deserialize, Serialize};

/// An amount of money in the currency's minor unit (cents, pence).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Money {
    /// Amount in minor units, e.g. 12550 for 125.50.
    pub minor: i64,
    pub currency: Currency,
}

/// Currencies the dealers we serve bill in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "UPPERCASE")]
pub enum Currency {
    Usd,
    Gbp,
    Aud,
    Cad,
    Eur,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Gbp => "GBP",
            Currency::Aud => "AUD",
            Currency::Cad => "CAD",
            Currency::Eur => "EUR",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code.to_ascii_uppercase().as_str() {
            "USD" => Some(Currency::Usd),
            "GBP" => Some(Currency::Gbp),
            "AUD" => Some(Currency::Aud),
            "CAD" => Some(Currency::Cad),
            "EUR" => Some(Currency::Eur),
            _ => None,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Currency::Usd | Currency::Aud | Currency::Cad => "$",
            Currency::Gbp => "£",
            Currency::Eur => "€",
        }
    }
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// Display form with symbol and thousands separators: `$1,234.50`, `-£12.00`.
    pub fn display(&self) -> String {
        format!("{}{}", if self.minor < 0 { "-" } else { "" }, self.display_unsigned())
    }

    /// Display form as a reader of `language` writes it: English and Spanish (as written in
    /// the Americas) as [`Money::display`]; French (Canada) `1 234,50 $`, `-12,00 £`, with
    /// no-break spaces.
    pub fn display_in(&self, language: crate::i18n::Language) -> String {
        if language != crate::i18n::Language::FrCa {
            return self.display();
        }
        let abs = self.minor.unsigned_abs();
        let sign = if self.minor < 0 { "-" } else { "" };
        format!("{sign}{},{:02}\u{a0}{}", group(abs / 100, '\u{a0}'), abs % 100, self.currency.symbol())
    }

    /// Plain decimal without symbol or separators (`1234.50`), as spreadsheets want it.
    pub fn decimal(&self) -> String {
        let abs = self.minor.unsigned_abs();
        let sign = if self.minor < 0 { "-" } else { "" };
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }

    fn display_unsigned(&self) -> String {
        let abs = self.minor.unsigned_abs();
        format!("{}{}.{:02}", self.currency.symbol(), group(abs / 100, ','), abs % 100)
    }
}

/// `whole` with `separator` between each group of three digits: `1,234,567`.
fn group(whole: u64, separator: char) -> String {
    let digits = whole.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 * separator.len_utf8());
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(ch);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_with_symbol_and_grouping() {
        assert_eq!(Money::new(123_456_789, Currency::Usd).display(), "$1,234,567.89");
        assert_eq!(Money::new(5, Currency::Gbp).display(), "£0.05");
        assert_eq!(Money::new(-120_000, Currency::Gbp).display(), "-£1,200.00");
        assert_eq!(Money::new(99_999, Currency::Usd).display(), "$999.99");
    }

    #[test]
    fn french_puts_the_symbol_after_with_spaces_and_a_comma() {
        use crate::i18n::Language;
        let amount = Money::new(123_456_789, Currency::Cad);
        assert_eq!(amount.display_in(Language::FrCa), "1\u{a0}234\u{a0}567,89\u{a0}$");
        assert_eq!(Money::new(-1_200, Currency::Gbp).display_in(Language::FrCa), "-12,00\u{a0}£");
        assert_eq!(amount.display_in(Language::Es), "$1,234,567.89");
        assert_eq!(amount.display_in(Language::En), amount.display());
    }

    #[test]
    fn decimal_is_plain() {
        assert_eq!(Money::new(123_456, Currency::Usd).decimal(), "1234.56");
        assert_eq!(Money::new(-7, Currency::Usd).decimal(), "-0.07");
    }

    #[test]
    fn currency_codes_round_trip() {
        for c in [Currency::Usd, Currency::Gbp, Currency::Aud, Currency::Cad, Currency::Eur] {
            assert_eq!(Currency::parse(c.code()), Some(c));
        }
        assert_eq!(Currency::parse("xyz"), None);
    }
}
