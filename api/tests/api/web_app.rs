//! The web app's files as a phone on a weak signal needs them (issue 15, item 2): the
//! brotli or gzip copy the browser accepts with `Vary: Accept-Encoding`, a year's immutable
//! cache for content-hashed names and `no-cache` for `index.html`, client routes answered
//! with `index.html`, missing files 404; the API's JSON compressed too; and the session hint
//! cookie that spares signed-out visitors a refresh certain to fail.

use api::demo::{DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD};
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, SET_COOKIE, VARY};

use crate::helpers::{Engine, TestApp, spawn_app_with};

const CSS: &str = "style-0123456789abcdef.css";
const WASM: &str = "web-fedcba9876543210_bg.wasm";

/// A server over a dist of its own: index.html, a hashed stylesheet with brotli and gzip
/// copies (their bytes mark which one was sent), a hashed wasm with a gzip copy only.
async fn app_with_dist() -> (TestApp, tempfile::TempDir) {
    let dist = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dist.path().join(name), bytes).unwrap();
    write("index.html", b"<!doctype html><title>Rental Portal</title>");
    write("index.html.br", b"index-brotli");
    write(CSS, b"body { margin: 0; }");
    write(&format!("{CSS}.br"), b"css-brotli");
    write(&format!("{CSS}.gz"), b"css-gzip");
    write(WASM, b"\0asm-raw");
    write(&format!("{WASM}.gz"), b"wasm-gzip");
    let dir = dist.path().to_string_lossy().into_owned();
    let app = spawn_app_with(Engine::Sqlite, move |s| s.web.dist_dir = dir).await;
    (app, dist)
}

async fn get(app: &TestApp, path: &str, accept_encoding: &str) -> reqwest::Response {
    app.client.get(app.url(path)).header(ACCEPT_ENCODING, accept_encoding).send().await.unwrap()
}

fn header(response: &reqwest::Response, name: reqwest::header::HeaderName) -> Option<&str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn static_files_come_precompressed_and_cached_by_their_names() {
    let (app, _dist) = app_with_dist().await;

    for (accept, encoding, body) in [
        ("gzip, deflate, br, zstd", Some("br"), "css-brotli"),
        ("gzip, deflate", Some("gzip"), "css-gzip"),
        ("br;q=0, gzip", Some("gzip"), "css-gzip"),
        ("identity", None, "body { margin: 0; }"),
    ] {
        let response = get(&app, &format!("/{CSS}"), accept).await;
        assert_eq!(response.status(), 200, "{accept}");
        assert_eq!(header(&response, CONTENT_ENCODING), encoding, "{accept}");
        assert!(header(&response, CONTENT_TYPE).is_some_and(|t| t.starts_with("text/css")), "{accept}");
        assert_eq!(header(&response, VARY), Some("Accept-Encoding"), "{accept}");
        assert_eq!(header(&response, CACHE_CONTROL), Some("public, max-age=31536000, immutable"));
        assert_eq!(response.text().await.unwrap(), body, "{accept}");
    }
    // Only a gzip copy: brotli asked, gzip sent; the type is the wasm's.
    let response = get(&app, &format!("/{WASM}"), "br, gzip").await;
    assert_eq!(header(&response, CONTENT_ENCODING), Some("gzip"));
    assert_eq!(header(&response, CONTENT_TYPE), Some("application/wasm"));
    assert_eq!(response.text().await.unwrap(), "wasm-gzip");

    // index.html, for itself and for every client route: revalidated every time.
    for path in ["/", "/index.html", "/rentals", "/admin/customers/0193"] {
        let response = get(&app, path, "br").await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(header(&response, CACHE_CONTROL), Some("no-cache"), "{path}");
        assert!(header(&response, CONTENT_TYPE).is_some_and(|t| t.starts_with("text/html")), "{path}");
        assert_eq!(header(&response, CONTENT_ENCODING), Some("br"), "{path}");
        assert_eq!(response.text().await.unwrap(), "index-brotli", "{path}");
    }
    let plain = get(&app, "/rentals", "identity").await;
    assert!(plain.text().await.unwrap().contains("<title>Rental Portal</title>"));

    // A file that is not there (an old build's wasm, a probe for secrets): 404, not the app.
    for path in ["/web-0000000000000000_bg.wasm", "/.env", "/assets/missing.js"] {
        let response = get(&app, path, "br").await;
        assert_eq!(response.status(), 404, "{path}");
    }
    // Only GET and HEAD.
    let head = app.client.head(app.url(&format!("/{CSS}"))).send().await.unwrap();
    assert_eq!(head.status(), 200);
    let post = app.client.post(app.url(&format!("/{CSS}"))).send().await.unwrap();
    assert_eq!(post.status(), 405);
}

#[tokio::test]
async fn api_json_is_compressed_when_the_client_takes_it() {
    let (app, _dist) = app_with_dist().await;
    let path = "/api/v1/branding/summit";
    let plain = get(&app, path, "identity").await;
    assert_eq!(plain.status(), 200);
    assert_eq!(header(&plain, CONTENT_ENCODING), None);
    let size = plain.bytes().await.unwrap().len();
    for (accept, encoding) in [("br", "br"), ("gzip", "gzip")] {
        let response = get(&app, path, accept).await;
        assert_eq!(header(&response, CONTENT_ENCODING), Some(encoding));
        let sent = response.bytes().await.unwrap().len();
        assert!(sent < size, "{encoding}: {sent} bytes of {size}");
    }
}

/// The web app manifest (issue 15, item 3): the portal's own without a dealer (or for a key
/// that names none), the dealer's name and colour with one; icons that exist in the build.
#[tokio::test]
async fn the_manifest_wears_the_dealer_it_is_asked_for() {
    let (app, _dist) = app_with_dist().await;
    let read = |query: &'static str| {
        let app = &app;
        async move {
            let response = get(app, &format!("/api/v1/manifest.webmanifest{query}"), "identity").await;
            assert_eq!(response.status(), 200, "{query}");
            assert_eq!(header(&response, CONTENT_TYPE), Some("application/manifest+json"));
            response.json::<serde_json::Value>().await.unwrap()
        }
    };
    let portal = read("").await;
    assert_eq!(portal["name"], "Rental Portal");
    assert_eq!(portal["display"], "standalone");
    assert_eq!(read("?dealer=nobody").await, portal, "an unknown dealer reads as none");

    let summit = read("?dealer=summit").await;
    let branding = app.client.get(app.url("/api/v1/branding/summit")).send().await.unwrap();
    let branding: serde_json::Value = branding.json().await.unwrap();
    assert_eq!(summit["name"], branding["name"]);
    assert_eq!(summit["short_name"], "Summit");
    assert_eq!(summit["theme_color"], branding["primary_color"]);
    let icons: Vec<&str> =
        summit["icons"].as_array().unwrap().iter().map(|i| i["src"].as_str().unwrap()).collect();
    let public = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../web/public");
    for icon in icons {
        assert!(public.join(icon.trim_start_matches('/')).is_file(), "{icon} is in web/public");
    }
}

fn set_cookies(response: &reqwest::Response) -> Vec<String> {
    response.headers().get_all(SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_string()).collect()
}

fn cookie<'a>(cookies: &'a [String], name: &str) -> Option<&'a String> {
    cookies.iter().find(|c| c.starts_with(&format!("{name}=")))
}

#[tokio::test]
async fn the_session_hint_comes_and_goes_with_the_refresh_cookie() {
    let (app, _dist) = app_with_dist().await;
    let login = app.post_login(DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD).await;
    assert_eq!(login.status(), 200);
    let cookies = set_cookies(&login);
    let hint = cookie(&cookies, "rp_session").expect("the hint is set at login");
    assert!(hint.starts_with("rp_session=1;"), "{hint}");
    assert!(hint.contains("Path=/;") || hint.ends_with("Path=/"), "the whole app reads it: {hint}");
    assert!(!hint.contains("HttpOnly"), "the app must read it: {hint}");
    let refresh = cookie(&cookies, "rp_refresh").expect("refresh cookie");
    assert!(refresh.contains("HttpOnly"), "{refresh}");
    let max_age = |c: &str| c.split(';').find_map(|p| p.trim().strip_prefix("Max-Age=")).map(str::to_string);
    assert_eq!(max_age(hint), max_age(refresh), "as long-lived as the session");
    let token = refresh["rp_refresh=".len()..].split(';').next().unwrap().to_string();

    // A refresh renews both.
    let renewed = app
        .client
        .post(app.url("/api/v1/auth/refresh"))
        .header("Cookie", format!("rp_refresh={token}; rp_session=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(renewed.status(), 200);
    let cookies = set_cookies(&renewed);
    assert!(cookie(&cookies, "rp_session").is_some_and(|c| c.starts_with("rp_session=1;")));
    let token =
        cookie(&cookies, "rp_refresh").unwrap()["rp_refresh=".len()..].split(';').next().unwrap().to_string();

    // A stale hint without its refresh cookie is removed by the refused refresh.
    let stale = app
        .client
        .post(app.url("/api/v1/auth/refresh"))
        .header("Cookie", "rp_session=1")
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 401);
    let cookies = set_cookies(&stale);
    assert!(cookie(&cookies, "rp_session").is_some_and(|c| c.contains("Max-Age=0")), "{cookies:?}");

    // Logging out removes both.
    let out = app
        .client
        .post(app.url("/api/v1/auth/logout"))
        .header("Cookie", format!("rp_refresh={token}; rp_session=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    let cookies = set_cookies(&out);
    for name in ["rp_session", "rp_refresh"] {
        assert!(cookie(&cookies, name).is_some_and(|c| c.contains("Max-Age=0")), "{name}: {cookies:?}");
    }
}
