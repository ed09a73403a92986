//! Brand colours and WCAG contrast: one rule for the server (which refuses a colour no text
//! is readable on) and the web app (which shows the check live and picks the text colour).
//!
//! A brand colour is painted behind text (buttons, the header stripe, the featured home
//! tile) and used as text on white (links, the dealer's name). The portal puts whichever of
//! white or dark text reads better on it; a colour is accepted when at least one of them
//! reaches WCAG 2.x AA for normal text (4.5:1). When only dark text passes, the colour is
//! too light to be text on white, so the web app writes that text in dark ink instead.

use std::fmt;

/// WCAG 2.x AA contrast for normal-size text.
pub const AA_NORMAL_TEXT: f64 = 4.5;

/// The portal's dark text colour (`--ink` in the web app's style sheet).
pub const DARK_TEXT: &str = "#14213d";
/// White text.
pub const WHITE_TEXT: &str = "#ffffff";
/// The card surface in dark mode (`--card` under `prefers-color-scheme: dark`).
pub const DARK_CARD: &str = "#182030";
/// The lightest dark-mode surface text sits on (`--tint`: a chosen option).
pub const DARK_TINT: &str = "#22314a";

/// An sRGB colour, written `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Rgb {
    /// `#rrggbb` or `#rgb`, any case, surrounding white space ignored.
    pub fn parse(input: &str) -> Option<Self> {
        let hex = input.trim().strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..=i], 16).ok();
        match hex.len() {
            6 => Some(Rgb {
                r: u8::from_str_radix(&hex[0..2], 16).ok()?,
                g: u8::from_str_radix(&hex[2..4], 16).ok()?,
                b: u8::from_str_radix(&hex[4..6], 16).ok()?,
            }),
            3 => Some(Rgb { r: digit(0)? * 17, g: digit(1)? * 17, b: digit(2)? * 17 }),
            _ => None,
        }
    }

    /// WCAG relative luminance, 0 (black) to 1 (white).
    pub fn relative_luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// The WCAG contrast ratio of two colours, 1 to 21.
pub fn contrast_ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.relative_luminance(), b.relative_luminance());
    let (light, dark) = if la >= lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// Which text the portal writes on a brand colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextColour {
    White,
    Dark,
}

impl TextColour {
    /// The CSS colour.
    pub fn css(self) -> &'static str {
        match self {
            TextColour::White => WHITE_TEXT,
            TextColour::Dark => DARK_TEXT,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TextColour::White => "white",
            TextColour::Dark => "dark",
        }
    }
}

/// How white and dark text read on a colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextContrast {
    pub colour: Rgb,
    /// White text on the colour (also: the colour as text on a white page).
    pub white: f64,
    /// Dark text ([`DARK_TEXT`]) on the colour.
    pub dark: f64,
}

impl TextContrast {
    pub fn of(colour: Rgb) -> Self {
        let white = Rgb { r: 255, g: 255, b: 255 };
        let dark = Rgb::parse(DARK_TEXT).unwrap_or(Rgb { r: 0, g: 0, b: 0 });
        TextContrast { colour, white: contrast_ratio(colour, white), dark: contrast_ratio(colour, dark) }
    }

    pub fn white_passes(&self) -> bool {
        self.white >= AA_NORMAL_TEXT
    }

    pub fn dark_passes(&self) -> bool {
        self.dark >= AA_NORMAL_TEXT
    }

    /// The text the portal writes on this colour: the one that passes AA, the stronger when
    /// both do; `None` when neither does (such a colour is refused).
    pub fn text(&self) -> Option<TextColour> {
        match (self.white_passes(), self.dark_passes()) {
            (true, true) if self.dark > self.white => Some(TextColour::Dark),
            (true, _) => Some(TextColour::White),
            (false, true) => Some(TextColour::Dark),
            (false, false) => None,
        }
    }

    /// The colour to use for text on a white page: the colour itself when it reads there,
    /// else dark text.
    pub fn as_text_on_white(&self) -> String {
        if self.white_passes() { self.colour.to_string() } else { DARK_TEXT.to_string() }
    }

    /// The colour to use for text on the dark-mode surfaces: the colour itself when it reads
    /// at AA on each, else the colour mixed with white in 5 % steps until it does, so links
    /// and headings keep the dealer's hue. The surfaces are the dark card ([`DARK_CARD`]),
    /// the lightest dark surface ([`DARK_TINT`]) and the card tinted with up to 16 % of the
    /// colour itself (the current tab, the admin home's counts).
    pub fn as_text_on_dark(&self) -> String {
        let card = Rgb::parse(DARK_CARD).unwrap_or(Rgb { r: 0, g: 0, b: 0 });
        let tint = Rgb::parse(DARK_TINT).unwrap_or(card);
        let towards = |from: Rgb, to: Rgb, t: f64| {
            let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
            Rgb { r: mix(from.r, to.r), g: mix(from.g, to.g), b: mix(from.b, to.b) }
        };
        let tinted = towards(card, self.colour, 0.16);
        let white = Rgb { r: 255, g: 255, b: 255 };
        (0..=20)
            .map(|step| towards(self.colour, white, f64::from(step) / 20.0))
            .find(|c| [card, tint, tinted].iter().all(|s| contrast_ratio(*c, *s) >= AA_NORMAL_TEXT))
            .unwrap_or(white)
            .to_string()
    }
}

/// Why a brand colour is refused.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColourProblem {
    /// Not `#rrggbb` (or `#rgb`).
    Malformed,
    /// Neither white nor dark text reaches AA on it.
    LowContrast(TextContrast),
}

impl fmt::Display for ColourProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ColourProblem::Malformed => write!(f, "Use a colour written #rrggbb, such as #1d4ed8."),
            ColourProblem::LowContrast(c) => write!(
                f,
                "Text would be hard to read on {}: white text reaches {:.1}:1 and dark text {:.1}:1, \
                 and WCAG AA needs {AA_NORMAL_TEXT}:1. Choose a darker shade (for white text) or a \
                 lighter one (for dark text).",
                c.colour, c.white, c.dark
            ),
        }
    }
}

/// A brand colour the portal accepts: well formed and readable with white or dark text.
/// Answers the colour written `#rrggbb` in lower case, with its contrasts.
pub fn check_brand_colour(input: &str) -> Result<TextContrast, ColourProblem> {
    let colour = Rgb::parse(input).ok_or(ColourProblem::Malformed)?;
    let contrast = TextContrast::of(colour);
    if contrast.text().is_some() { Ok(contrast) } else { Err(ColourProblem::LowContrast(contrast)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rgb(s: &str) -> Rgb {
        Rgb::parse(s).unwrap()
    }

    #[test]
    fn brand_colours_as_text_on_the_dark_card_reach_aa_and_keep_their_hue() {
        let card = rgb(DARK_CARD);
        // Navy is far too dark: lightened, still blue; it reads on the card, the tint and
        // the card tinted with navy.
        let navy = rgb(&TextContrast::of(rgb("#1f3a5f")).as_text_on_dark());
        assert!(contrast_ratio(navy, card) >= AA_NORMAL_TEXT, "{navy}");
        assert!(contrast_ratio(navy, rgb(DARK_TINT)) >= AA_NORMAL_TEXT, "{navy}");
        assert!(contrast_ratio(navy, rgb("#1a2940")) >= AA_NORMAL_TEXT, "{navy} on the tinted card");
        assert!(navy.b > navy.r && navy.b > navy.g, "still blue: {navy}");
        // A light colour already reads: kept as it is.
        assert_eq!(TextContrast::of(rgb("#f5a623")).as_text_on_dark(), "#f5a623");
        for colour in ["#000000", "#b42318", "#0b5cad", "#14532d", "#7c3aed"] {
            let text = rgb(&TextContrast::of(rgb(colour)).as_text_on_dark());
            assert!(contrast_ratio(text, card) >= AA_NORMAL_TEXT, "{colour} -> {text}");
        }
    }

    #[test]
    fn parses_long_and_short_hex_and_refuses_the_rest() {
        assert_eq!(rgb("#1D4ED8"), Rgb { r: 0x1d, g: 0x4e, b: 0xd8 });
        assert_eq!(rgb(" #fc0 "), Rgb { r: 0xff, g: 0xcc, b: 0x00 });
        assert_eq!(rgb("#fc0").to_string(), "#ffcc00");
        for bad in ["", "#", "1d4ed8", "#1d4ed", "#1d4ed8ff", "#ggg", "red", "#12 456", "#é12"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn ratios_match_the_wcag_reference_values() {
        let white = rgb("#ffffff");
        assert!((contrast_ratio(rgb("#000000"), white) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(white, white) - 1.0).abs() < 1e-9);
        // WebAIM's checker: #767676 on white is 4.54:1, the lightest grey that passes.
        assert!((contrast_ratio(rgb("#767676"), white) - 4.54).abs() < 0.01);
        assert!(contrast_ratio(rgb("#777777"), white) < AA_NORMAL_TEXT);
    }

    #[test]
    fn dark_colours_take_white_text_and_light_ones_dark_text() {
        let navy = TextContrast::of(rgb("#1d4ed8"));
        assert_eq!(navy.text(), Some(TextColour::White));
        assert_eq!(navy.as_text_on_white(), "#1d4ed8");
        let amber = TextContrast::of(rgb("#f59e0b"));
        assert_eq!(amber.text(), Some(TextColour::Dark));
        assert!(!amber.white_passes());
        assert_eq!(amber.as_text_on_white(), DARK_TEXT, "amber links would be unreadable on white");
    }

    #[test]
    fn mid_tones_no_text_reads_on_are_refused_with_both_ratios() {
        // Luminance about 0.2: white text about 4.2:1, dark text about 4.2:1.
        let Err(ColourProblem::LowContrast(c)) = check_brand_colour("#808080") else {
            panic!("mid grey should be refused")
        };
        assert!(c.white < AA_NORMAL_TEXT && c.dark < AA_NORMAL_TEXT);
        let message = ColourProblem::LowContrast(c).to_string();
        assert!(message.contains("#808080") && message.contains("4.5:1"), "{message}");
        assert_eq!(check_brand_colour("blue"), Err(ColourProblem::Malformed));
        assert_eq!(check_brand_colour("#1D4ED8").map(|c| c.colour.to_string()), Ok("#1d4ed8".to_string()));
    }

    #[test]
    fn every_accepted_colour_has_a_text_colour_that_passes() {
        // The web app relies on it: the featured tile and buttons stay readable.
        for r in (0..=255u16).step_by(17) {
            for g in (0..=255u16).step_by(17) {
                for b in (0..=255u16).step_by(17) {
                    let colour = Rgb { r: r as u8, g: g as u8, b: b as u8 };
                    if let Ok(c) = check_brand_colour(&colour.to_string()) {
                        let text = c.text().unwrap();
                        let ratio = if text == TextColour::White { c.white } else { c.dark };
                        assert!(ratio >= AA_NORMAL_TEXT, "{colour}");
                    }
                }
            }
        }
    }
}
