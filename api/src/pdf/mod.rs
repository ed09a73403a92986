//! PDF documents we generate ourselves (contract PDFs, C5), written with `pdf-writer`.
//!
//! Text uses the standard Helvetica fonts every PDF reader ships, so nothing is embedded
//! and files stay small. Those fonts are addressed in WinAnsiEncoding (Windows-1252): it
//! covers ASCII plus £, €, dashes, curly quotes and Western European letters — every
//! letter and mark Spanish and French are written with (é, ñ, ç, œ, ¿, ¡, «, », ’) and
//! what dealers' data holds; anything else prints as `?`. Right-aligned and shortened text
//! needs glyph widths, kept here from Adobe's published Helvetica metrics.

pub mod contract;
pub mod invoice;
pub mod sheet;

use pdf_writer::{Content, Name, Str};

/// The two faces the documents use, as named in each page's resources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    Regular,
    Bold,
}

impl Font {
    /// The resource name a page maps to the font object.
    pub fn resource(self) -> Name<'static> {
        match self {
            Font::Regular => Name(b"F1"),
            Font::Bold => Name(b"F2"),
        }
    }

    /// The standard-14 font behind it.
    pub fn base_font(self) -> Name<'static> {
        match self {
            Font::Regular => Name(b"Helvetica"),
            Font::Bold => Name(b"Helvetica-Bold"),
        }
    }

    /// Advance width of one WinAnsi byte, in thousandths of the font size.
    fn width(self, byte: u8) -> u16 {
        let (low, high) = match self {
            Font::Regular => (&HELVETICA, &HELVETICA_HIGH),
            Font::Bold => (&HELVETICA_BOLD, &HELVETICA_BOLD_HIGH),
        };
        match byte {
            32..=126 => low[usize::from(byte - 32)],
            0x80..=0xFF => high[usize::from(byte - 0x80)],
            // Nothing prints a control byte (`win_ansi` makes them spaces).
            _ => 0,
        }
    }
}

/// Helvetica widths of the printable ASCII characters (32 ..= 126), from its AFM file.
#[rustfmt::skip]
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/// Helvetica-Bold widths of the printable ASCII characters (32 ..= 126).
#[rustfmt::skip]
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/// Helvetica widths of the WinAnsi bytes 0x80 ..= 0xFF (the five bytes with no character
/// get a digit's width; `win_ansi` never writes them).
#[rustfmt::skip]
const HELVETICA_HIGH: [u16; 128] = [
    556, 556, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 556, 611, 556,
    556, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 556, 500, 667,
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];

/// Helvetica-Bold widths of the WinAnsi bytes 0x80 ..= 0xFF.
#[rustfmt::skip]
const HELVETICA_BOLD_HIGH: [u16; 128] = [
    556, 556, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 556, 611, 556,
    556, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 556, 500, 667,
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
];

/// The characters of the WinAnsi bytes 0x80 ..= 0x9F, `None` for the five it leaves
/// empty; the bytes from 0xA0 up are the Latin-1 characters of the same number.
#[rustfmt::skip]
const WIN_ANSI_80_TO_9F: [Option<char>; 32] = [
    Some('€'), None, Some('‚'), Some('ƒ'), Some('„'), Some('…'), Some('†'), Some('‡'),
    Some('ˆ'), Some('‰'), Some('Š'), Some('‹'), Some('Œ'), None, Some('Ž'), None,
    None, Some('‘'), Some('’'), Some('“'), Some('”'), Some('•'), Some('–'), Some('—'),
    Some('˜'), Some('™'), Some('š'), Some('›'), Some('œ'), None, Some('ž'), Some('Ÿ'),
];

/// `text` in WinAnsiEncoding; control characters become spaces, characters the
/// encoding lacks become `?`.
pub fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            ' '..='~' => c as u8,
            '\u{A0}'..='\u{FF}' => u8::try_from(u32::from(c)).unwrap_or(b'?'),
            c if c.is_control() => b' ',
            c => WIN_ANSI_80_TO_9F
                .iter()
                .position(|&w| w == Some(c))
                .and_then(|i| u8::try_from(0x80 + i).ok())
                .unwrap_or(b'?'),
        })
        .collect()
}

/// The character a WinAnsi byte prints (`?` for one with none): `win_ansi` undone.
pub fn from_win_ansi(byte: u8) -> char {
    match byte {
        0x80..=0x9F => WIN_ANSI_80_TO_9F[usize::from(byte - 0x80)].unwrap_or('?'),
        _ => char::from(byte),
    }
}

/// Width of `text` set in `font` at `size` points.
pub fn text_width(font: Font, size: f32, text: &str) -> f32 {
    let units: u32 = win_ansi(text).into_iter().map(|b| u32::from(font.width(b))).sum();
    units as f32 * size / 1000.0
}

/// `text` shortened with an ellipsis so it fits in `max_width`.
pub fn fit(font: Font, size: f32, text: &str, max_width: f32) -> String {
    if text_width(font, size, text) <= max_width {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
        if text_width(font, size, &candidate) <= max_width {
            return candidate;
        }
    }
    String::new()
}

/// An sRGB colour with components from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    pub const BLACK: Rgb = Rgb(0.0, 0.0, 0.0);
    pub const WHITE: Rgb = Rgb(1.0, 1.0, 1.0);

    /// Parses a CSS `#rrggbb` colour.
    pub fn parse_hex(hex: &str) -> Option<Rgb> {
        let hex = hex.trim().strip_prefix('#')?;
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok().map(|v| f32::from(v) / 255.0);
        Some(Rgb(channel(0)?, channel(2)?, channel(4)?))
    }

    /// Relative luminance (WCAG), to pick readable text on this colour.
    pub fn luminance(self) -> f32 {
        let linear = |c: f32| if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    /// White or black, whichever reads better on this colour.
    pub fn text_on(self) -> Rgb {
        if self.luminance() > 0.45 { Rgb::BLACK } else { Rgb::WHITE }
    }

    /// This colour mixed with white: `amount` 0 keeps it, 1 gives white.
    pub fn tint(self, amount: f32) -> Rgb {
        let mix = |c: f32| c + (1.0 - c) * amount;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }
}

/// Drawing helpers over a page's content stream, in points from the bottom-left corner.
pub struct Canvas {
    content: Content,
}

impl Default for Canvas {
    fn default() -> Self {
        Self::new()
    }
}

impl Canvas {
    pub fn new() -> Self {
        Self { content: Content::new() }
    }

    /// Text with its baseline starting at (`x`, `y`).
    pub fn text(&mut self, font: Font, size: f32, x: f32, y: f32, color: Rgb, text: &str) {
        if text.is_empty() {
            return;
        }
        self.content.set_fill_rgb(color.0, color.1, color.2);
        self.content.begin_text();
        self.content.set_font(font.resource(), size);
        self.content.next_line(x, y);
        self.content.show(Str(&win_ansi(text)));
        self.content.end_text();
    }

    /// Text ending at `right`.
    pub fn text_right(&mut self, font: Font, size: f32, right: f32, y: f32, color: Rgb, text: &str) {
        self.text(font, size, right - text_width(font, size, text), y, color, text);
    }

    /// Text centred on `center`.
    pub fn text_center(&mut self, font: Font, size: f32, center: f32, y: f32, color: Rgb, text: &str) {
        self.text(font, size, center - text_width(font, size, text) / 2.0, y, color, text);
    }

    /// A filled rectangle with its lower-left corner at (`x`, `y`).
    pub fn fill_rect(&mut self, x: f32, y: f32, width: f32, height: f32, color: Rgb) {
        self.content.set_fill_rgb(color.0, color.1, color.2);
        self.content.rect(x, y, width, height);
        self.content.fill_nonzero();
    }

    /// A straight line.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, color: Rgb) {
        self.content.set_stroke_rgb(color.0, color.1, color.2);
        self.content.set_line_width(width);
        self.content.move_to(from.0, from.1);
        self.content.line_to(to.0, to.1);
        self.content.stroke();
    }

    /// The finished content stream.
    pub fn finish(self) -> Vec<u8> {
        self.content.finish().to_vec()
    }
}

/// Reading generated PDFs back, for the documents' tests.
#[cfg(test)]
pub(crate) mod testing {
    /// The page count the page tree declares.
    pub fn page_count(pdf: &[u8]) -> usize {
        let text = String::from_utf8_lossy(pdf);
        let at = text.find("/Count ").expect("page tree") + "/Count ".len();
        text[at..].chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap()
    }

    /// Every string the content streams show, decoded back from WinAnsi.
    pub fn shown_text(pdf: &[u8]) -> Vec<String> {
        let decode_byte = super::from_win_ansi;
        String::from_utf8_lossy(pdf)
            .lines()
            .filter_map(|line| line.strip_suffix(" Tj"))
            .map(|op| {
                if let Some(hex) = op.strip_prefix('<').and_then(|h| h.strip_suffix('>')) {
                    (0..hex.len() / 2)
                        .map(|i| decode_byte(u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap()))
                        .collect()
                } else {
                    let literal = op.strip_prefix('(').and_then(|l| l.strip_suffix(')')).unwrap();
                    literal.replace("\\(", "(").replace("\\)", ")").replace("\\\\", "\\")
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_font_metrics() {
        // Digits share one width, so amounts line up; bold letters are wider.
        assert!((text_width(Font::Regular, 10.0, "1234567890") - 55.6).abs() < 0.01);
        assert!(text_width(Font::Bold, 10.0, "Amount") > text_width(Font::Regular, 10.0, "Amount"));
        assert!((text_width(Font::Regular, 10.0, "£") - 5.56).abs() < 0.01);
    }

    #[test]
    fn text_is_encoded_in_win_ansi() {
        assert_eq!(win_ansi("£1 — €2 é\n"), vec![0xA3, b'1', b' ', 0x97, b' ', 0x80, b'2', b' ', 0xE9, b' ']);
        assert_eq!(win_ansi("日"), vec![b'?']);
        // Every letter and mark of Spanish and French, and back.
        let western = "éèàçñáíóúüÉÀÇÑ¿¡«»’œŒ€";
        let encoded = win_ansi(western);
        assert!(!encoded.contains(&b'?'), "{encoded:?}");
        assert_eq!(encoded.iter().map(|&b| from_win_ansi(b)).collect::<String>(), western);
        assert_eq!(win_ansi("\u{81}"), vec![b' '], "a C1 control is a space, not an empty slot");
    }

    #[test]
    fn accented_letters_are_as_wide_as_the_font_draws_them() {
        // Not a digit's width: í is narrow, Ç as wide as C; in bold ñ as wide as n.
        assert!((text_width(Font::Regular, 10.0, "í") - 2.78).abs() < 0.01);
        assert_eq!(text_width(Font::Regular, 10.0, "Ç"), text_width(Font::Regular, 10.0, "C"));
        assert_eq!(text_width(Font::Bold, 10.0, "ñ"), text_width(Font::Bold, 10.0, "n"));
        assert_eq!(text_width(Font::Regular, 10.0, "’"), text_width(Font::Regular, 10.0, "‘"));
    }

    #[test]
    fn fit_shortens_with_an_ellipsis() {
        let long = "Articulating boom lift 60 ft with jib and platform rotator";
        let short = fit(Font::Regular, 9.0, long, 100.0);
        assert!(short.ends_with('…') && text_width(Font::Regular, 9.0, &short) <= 100.0, "{short}");
        assert_eq!(fit(Font::Regular, 9.0, "Pump", 100.0), "Pump");
    }

    #[test]
    fn colours_parse_and_pick_readable_text() {
        let blue = Rgb::parse_hex("#0b5cab").unwrap();
        assert_eq!(blue.text_on(), Rgb::WHITE);
        assert_eq!(Rgb::parse_hex("#f2c94c").unwrap().text_on(), Rgb::BLACK);
        assert_eq!(Rgb::parse_hex("0b5cab"), None);
        assert_eq!(Rgb::parse_hex("#zzzzzz"), None);
    }
}

/// `<kind>-<number>.pdf`, keeping only characters that are safe in a header and a file
/// system whatever the back office put in the number.
pub fn file_name(kind: &str, number: &str) -> String {
    let safe: String = number
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect();
    format!("{kind}-{safe}.pdf")
}

#[cfg(test)]
mod file_name_tests {
    use super::*;

    #[test]
    fn file_names_are_header_safe() {
        assert_eq!(file_name("contract", "S-000123"), "contract-S-000123.pdf");
        assert_eq!(file_name("invoice", "T/12 \"x\""), "invoice-T_12__x_.pdf");
    }
}
