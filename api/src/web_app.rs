//! The web app's files (`web/dist`, built by `scripts/build-web.sh`), served the way a phone
//! on a weak signal needs them:
//!
//! - each file in the smallest form the browser takes: the build writes a brotli (`.br`) and
//!   a gzip (`.gz`) copy beside every compressible file, and the request's
//!   `Accept-Encoding` picks one (brotli first), with `Vary: Accept-Encoding`;
//! - names that carry their content's hash (`web-<16 hex>_bg.wasm`, `style-<16 hex>.css`)
//!   are cached for a year as `immutable`; everything else (`index.html` first) is
//!   `no-cache`, revalidated by its ETag, so a new build is seen at the next load;
//! - every path without a file extension is a client route and gets `index.html`, so a
//!   reload anywhere works; a missing file (`/web-old_bg.wasm` after a deploy) is a 404.

use std::path::{Path, PathBuf};

use actix_files::NamedFile;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentEncoding, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::error::problem_response;

/// Where the built web app is.
#[derive(Debug, Clone)]
pub struct Dist(pub PathBuf);

/// `Cache-Control` of content-hashed files.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of every other file: use it, but ask first.
pub const REVALIDATE: &str = "no-cache";

/// GET and HEAD of any path outside `/api`: a file of the web app or `index.html`.
pub fn service(dist: PathBuf) -> actix_web::Resource {
    web::resource("/{path:.*}")
        .app_data(web::Data::new(Dist(dist)))
        .route(web::get().to(serve))
        .route(web::head().to(serve))
}

async fn serve(req: HttpRequest, dist: web::Data<Dist>) -> HttpResponse {
    let path = req.match_info().query("path");
    let Some(file) = file_of(&dist.0, path) else {
        return not_found("No such file.");
    };
    let file = if file.is_file() {
        file
    } else if has_extension(path) {
        return not_found("No such file.");
    } else {
        dist.0.join("index.html")
    };
    if !file.is_file() {
        return not_found("The web app is not built. Run scripts/build-web.sh.");
    }
    let accept = req.headers().get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("");
    let (variant, encoding) = pick_variant(&file, accept);
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let extension = Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or_default();
    let opened = match NamedFile::open(&variant) {
        Ok(opened) => opened,
        Err(_) => return not_found("No such file."),
    };
    let mut opened = opened.set_content_type(content_type(extension)).disable_content_disposition();
    if let Some(encoding) = encoding {
        opened = opened.set_content_encoding(encoding);
    }
    let mut response = opened.into_response(&req);
    let headers = response.headers_mut();
    headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    let cache = if is_hashed(name) { IMMUTABLE } else { REVALIDATE };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

/// The media type of a file by its extension; the message catalogue's Fluent files
/// (`.ftl`, fetched by the app) are UTF-8 text.
fn content_type(extension: &str) -> actix_web::mime::Mime {
    if extension == "ftl" {
        actix_web::mime::TEXT_PLAIN_UTF_8
    } else {
        actix_files::file_extension_to_mime(extension)
    }
}

fn not_found(detail: &str) -> HttpResponse {
    problem_response(
        StatusCode::NOT_FOUND,
        &shared::error::Problem::new(shared::error::ErrorCode::NotFound).with_detail(detail),
        false,
    )
}

/// The file `path` names inside `dist`; `None` when a segment would leave it or names a
/// hidden file (`..`, `.env`, a backslash).
fn file_of(dist: &Path, path: &str) -> Option<PathBuf> {
    let mut file = dist.to_path_buf();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if segment.starts_with('.') || segment.contains('\\') || segment.contains('\0') {
            return None;
        }
        file.push(segment);
    }
    Some(file)
}

/// Whether the last segment of `path` looks like a file name (`name.ext`).
fn has_extension(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|last| last.contains('.'))
}

/// The copy of `file` to send for this `Accept-Encoding`: brotli, then gzip, when the
/// browser takes it and the build wrote it; else the file itself.
fn pick_variant(file: &Path, accept_encoding: &str) -> (PathBuf, Option<ContentEncoding>) {
    for (coding, suffix, encoding) in
        [("br", "br", ContentEncoding::Brotli), ("gzip", "gz", ContentEncoding::Gzip)]
    {
        if accepts(accept_encoding, coding) {
            let mut name = file.as_os_str().to_owned();
            name.push(".");
            name.push(suffix);
            let variant = PathBuf::from(name);
            if variant.is_file() {
                return (variant, Some(encoding));
            }
        }
    }
    (file.to_path_buf(), None)
}

/// Whether an `Accept-Encoding` value takes `coding` (named, or `*`) with a non-zero q.
fn accepts(accept_encoding: &str, coding: &str) -> bool {
    let mut named = None;
    let mut any = None;
    for item in accept_encoding.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or_default().trim();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok()))
            .next()
            .unwrap_or(1.0);
        if name.eq_ignore_ascii_case(coding) {
            named = Some(q > 0.0);
        } else if name == "*" {
            any = Some(q > 0.0);
        }
    }
    named.or(any).unwrap_or(false)
}

/// Whether a file name carries a content hash the build put there: `<stem>-<16 hex>` with
/// an optional `_bg` (wasm-bindgen's module), then the extension.
pub fn is_hashed(name: &str) -> bool {
    let Some((stem, _extension)) = name.rsplit_once('.') else { return false };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_build_hashed_names_are_immutable() {
        for hashed in
            ["web-337c93ca87e35982_bg.wasm", "web-251b381003b0ae95.js", "style-41aafbbd905e04bc.css"]
        {
            assert!(is_hashed(hashed), "{hashed}");
        }
        for plain in
            ["index.html", "favicon.svg", "web.js", "brand-logo.svg", "web-12345.js", "a-zzzzzzzzzzzzzzzz.js"]
        {
            assert!(!is_hashed(plain), "{plain}");
        }
    }

    #[test]
    fn accept_encoding_is_read_with_its_q_values() {
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(accepts("gzip, deflate, br", "gzip"));
        assert!(!accepts("gzip, deflate", "br"));
        assert!(!accepts("br;q=0, gzip", "br"));
        assert!(accepts("BR;q=0.5", "br"));
        assert!(accepts("*", "gzip"));
        assert!(!accepts("*;q=0", "gzip"));
        assert!(!accepts("gzip;q=0, *", "gzip"), "named beats the wildcard");
        assert!(!accepts("", "gzip"));
    }

    #[test]
    fn paths_stay_inside_dist() {
        let dist = Path::new("/srv/dist");
        assert_eq!(file_of(dist, "assets/a.js"), Some(PathBuf::from("/srv/dist/assets/a.js")));
        assert_eq!(file_of(dist, ""), Some(PathBuf::from("/srv/dist")));
        for bad in ["../etc/passwd", "a/../../b", ".env", "a\\..\\b"] {
            assert_eq!(file_of(dist, bad), None, "{bad}");
        }
        assert!(has_extension("web-1_bg.wasm") && has_extension("a/b.css"));
        assert!(!has_extension("rentals") && !has_extension("admin/customers/01"));
    }

    #[test]
    fn the_smallest_accepted_copy_is_chosen() {
        let dir = std::env::temp_dir().join(format!("web-app-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("style-0123456789abcdef.css");
        std::fs::write(&file, "body{}").unwrap();
        assert_eq!(pick_variant(&file, "br, gzip"), (file.clone(), None), "no copies yet");
        std::fs::write(dir.join("style-0123456789abcdef.css.gz"), "gz").unwrap();
        assert_eq!(pick_variant(&file, "br, gzip").1, Some(ContentEncoding::Gzip));
        std::fs::write(dir.join("style-0123456789abcdef.css.br"), "br").unwrap();
        let (variant, encoding) = pick_variant(&file, "gzip, br");
        assert_eq!(
            (variant.extension().unwrap().to_str(), encoding),
            (Some("br"), Some(ContentEncoding::Brotli))
        );
        assert_eq!(pick_variant(&file, "gzip").1, Some(ContentEncoding::Gzip));
        assert_eq!(pick_variant(&file, "identity").1, None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
