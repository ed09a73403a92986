//! Dealer logos: what an upload is, read from its bytes (never from the declared
//! `Content-Type` or a file name), and which SVGs we refuse.
//!
//! PNG and JPEG are recognised by their signatures. SVG is text: after an optional BOM,
//! white space, XML declaration, comments and doctype, the first element must be `<svg`.
//! An SVG can carry script; the logo route serves it with a `Content-Security-Policy` that
//! runs none (and `nosniff`), and, so that no copy of it elsewhere is dangerous either, an
//! SVG with script, event handlers, `javascript:` links, embedded HTML or references to
//! other sites is refused outright.

use shared::settings::MAX_LOGO_BYTES;

/// The image kinds a logo may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoKind {
    Png,
    Jpeg,
    Svg,
}

impl LogoKind {
    pub fn content_type(self) -> &'static str {
        match self {
            LogoKind::Png => "image/png",
            LogoKind::Jpeg => "image/jpeg",
            LogoKind::Svg => "image/svg+xml",
        }
    }

    pub fn parse_content_type(s: &str) -> Option<Self> {
        [LogoKind::Png, LogoKind::Jpeg, LogoKind::Svg].into_iter().find(|k| k.content_type() == s)
    }
}

/// Why an upload is not a logo we take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LogoProblem {
    #[error("The file is empty.")]
    Empty,
    #[error("The logo is larger than 512 KB.")]
    TooLarge,
    #[error("This is not a PNG, JPEG or SVG image.")]
    UnknownKind,
    #[error("This SVG contains {0}; upload one without it (a plain drawing).")]
    UnsafeSvg(&'static str),
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const JPEG_SIGNATURE: &[u8] = &[0xff, 0xd8, 0xff];

/// What `bytes` is, if it is a logo we take.
pub fn sniff(bytes: &[u8]) -> Result<LogoKind, LogoProblem> {
    if bytes.is_empty() {
        return Err(LogoProblem::Empty);
    }
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(LogoProblem::TooLarge);
    }
    if bytes.starts_with(PNG_SIGNATURE) {
        return Ok(LogoKind::Png);
    }
    if bytes.starts_with(JPEG_SIGNATURE) {
        return Ok(LogoKind::Jpeg);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| LogoProblem::UnknownKind)?;
    if !starts_with_svg_element(text) {
        return Err(LogoProblem::UnknownKind);
    }
    check_svg(text)?;
    Ok(LogoKind::Svg)
}

/// Whether the first element of an XML text is `<svg`.
fn starts_with_svg_element(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<?") {
            let Some(end) = after.find("?>") else { return false };
            rest = &after[end + 2..];
        } else if let Some(after) = rest.strip_prefix("<!--") {
            let Some(end) = after.find("-->") else { return false };
            rest = &after[end + 3..];
        } else if let Some(after) = rest.strip_prefix("<!DOCTYPE").or_else(|| rest.strip_prefix("<!doctype"))
        {
            // An internal subset (`[...]`) can declare entities: refused as unknown.
            let Some(end) = after.find('>') else { return false };
            if after[..end].contains('[') {
                return false;
            }
            rest = &after[end + 1..];
        } else {
            let Some(after) = rest.strip_prefix("<svg") else { return false };
            return after.starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/');
        }
    }
}

/// Refuses SVG features that run code or reach elsewhere.
fn check_svg(text: &str) -> Result<(), LogoProblem> {
    let lower = text.to_ascii_lowercase();
    let forbidden: [(&str, &'static str); 7] = [
        ("<script", "a script"),
        ("<foreignobject", "embedded HTML (foreignObject)"),
        ("javascript:", "a javascript: link"),
        ("<iframe", "an embedded page"),
        ("<!entity", "an entity declaration"),
        ("http://", "a reference to another site"),
        ("https://", "a reference to another site"),
    ];
    for (needle, what) in forbidden {
        // The SVG namespace itself is a URL in an attribute, not a fetch.
        if needle.starts_with("http") {
            let outside_namespaces =
                lower.match_indices(needle).any(|(at, _)| !is_namespace_url(&lower[at..]));
            if outside_namespaces {
                return Err(LogoProblem::UnsafeSvg(what));
            }
        } else if lower.contains(needle) {
            return Err(LogoProblem::UnsafeSvg(what));
        }
    }
    if has_event_handler(&lower) {
        return Err(LogoProblem::UnsafeSvg("an event handler (on… attribute)"));
    }
    Ok(())
}

/// The XML namespaces an SVG names (identifiers, never fetched).
fn is_namespace_url(at: &str) -> bool {
    ["http://www.w3.org/", "https://www.w3.org/", "http://purl.org/dc/", "http://creativecommons.org/ns#"]
        .iter()
        .any(|ns| at.starts_with(ns))
}

/// An attribute named `on…=` inside a tag (`onload`, `onclick`, ...).
fn has_event_handler(lower: &str) -> bool {
    let bytes = lower.as_bytes();
    let mut in_tag = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            _ if in_tag && b.is_ascii_whitespace() => {
                let rest = &lower[i + 1..];
                if let Some(name) = rest.strip_prefix("on") {
                    let letters = name.bytes().take_while(u8::is_ascii_alphabetic).count();
                    let after = name[letters..].trim_start();
                    if letters > 0 && after.starts_with('=') {
                        return true;
                    }
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<!-- logo -->
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#123456"/></svg>"##;

    #[test]
    fn kinds_are_read_from_the_bytes() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Ok(LogoKind::Png));
        assert_eq!(sniff(&[0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), Ok(LogoKind::Jpeg));
        assert_eq!(sniff(SVG.as_bytes()), Ok(LogoKind::Svg));
        assert_eq!(sniff("\u{feff}<svg viewBox='0 0 1 1'/>".as_bytes()), Ok(LogoKind::Svg));
        assert_eq!(sniff(b"GIF89a......"), Err(LogoProblem::UnknownKind));
        assert_eq!(sniff(b"<html><svg></svg></html>"), Err(LogoProblem::UnknownKind));
        assert_eq!(sniff(b"<svgfoo/>"), Err(LogoProblem::UnknownKind));
        assert_eq!(sniff(b"%PDF-1.7"), Err(LogoProblem::UnknownKind));
        assert_eq!(sniff(&[0xff, 0xfe, 0x00]), Err(LogoProblem::UnknownKind));
        assert_eq!(sniff(b""), Err(LogoProblem::Empty));
        let big = [PNG_SIGNATURE, &vec![0u8; MAX_LOGO_BYTES]].concat();
        assert_eq!(sniff(&big), Err(LogoProblem::TooLarge));
    }

    #[test]
    fn svgs_that_run_code_or_reach_out_are_refused() {
        let cases = [
            r#"<svg><script>alert(1)</script></svg>"#,
            r#"<svg onload="alert(1)"></svg>"#,
            r#"<svg><rect ONCLICK = "x()"/></svg>"#,
            r#"<svg><a href="javascript:alert(1)"><rect/></a></svg>"#,
            r#"<svg><foreignObject><div/></foreignObject></svg>"#,
            r#"<svg><image href="https://tracker.example/p.png"/></svg>"#,
            r#"<!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>"#,
        ];
        for svg in cases {
            assert!(sniff(svg.as_bytes()).is_err(), "{svg}");
        }
        // Words that merely contain "on" are fine, as is the SVG namespace.
        let fine = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><text font-family="Montserrat" opacity=".5">Summit one</text></svg>"#;
        assert_eq!(sniff(fine.as_bytes()), Ok(LogoKind::Svg));
    }
}
