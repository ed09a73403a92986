//! The catalogue check (A13): every Fluent file parses cleanly, no id is in a language twice
//! (across its files), and every file holds exactly the messages (and attributes) of its
//! English source; every message the web app asks for (`tr("…")` / `tr_with("…", …)` in
//! `web/src`) exists, and what the main module shows before anything is fetched (the login
//! page and the frame) is in the shell file. A missing or stray key fails the build here rather
//! than showing an id on a customer's screen.

// A test: a missing file or a bad catalogue should stop it loudly.
#![allow(clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast::Entry;
use shared::i18n::{File, FluentArgs, Language};

/// `id` and `id.attribute` for every message of one file.
fn keys(file: File, language: Language) -> BTreeSet<String> {
    let name = format!("{}/{}.ftl", language.tag(), file.name());
    let resource = fluent_syntax::parser::parse(file.source(language))
        .unwrap_or_else(|(_, errors)| panic!("{name} does not parse: {errors:?}"));
    let mut keys = BTreeSet::new();
    for entry in resource.body {
        if let Entry::Message(message) = entry {
            let id = message.id.name.to_string();
            assert!(message.value.is_some(), "{name}: {id} has no text");
            for attribute in &message.attributes {
                assert!(keys.insert(format!("{id}.{}", attribute.id.name)), "{name}: {id} twice");
            }
            assert!(keys.insert(id.clone()), "{name}: {id} twice");
        }
    }
    keys
}

/// Every key of a language, each file's once.
fn all_keys(language: Language) -> BTreeSet<String> {
    let mut all = BTreeSet::new();
    for &file in File::ALL {
        for key in keys(file, language) {
            assert!(!all.contains(&key), "{}: {key} is in two files", language.tag());
            all.insert(key);
        }
    }
    all
}

#[test]
fn every_catalogue_has_exactly_the_english_messages() {
    for language in Language::ALL {
        all_keys(language);
    }
    for &file in File::ALL {
        let english = keys(file, Language::En);
        for language in Language::ALL {
            let theirs = keys(file, language);
            let missing: Vec<_> = english.difference(&theirs).collect();
            let stray: Vec<_> = theirs.difference(&english).collect();
            let name = format!("{}/{}.ftl", language.tag(), file.name());
            assert!(missing.is_empty(), "{name} lacks {missing:?}");
            assert!(stray.is_empty(), "{name} has ids English does not: {stray:?}");
        }
    }
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read web/src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The ids in `tr("…")` and `tr_with("…"` calls of one file.
fn asked_for(text: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for call in ["tr(\"", "tr_with(\""] {
        let mut rest = text;
        while let Some(at) = rest.find(call) {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + call.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // another function whose name ends in `tr`
            }
            if let Some(end) = rest.find('"') {
                ids.push(rest[..end].to_string());
            }
        }
    }
    ids
}

/// The files of the web app's main module: what they show is on screen before any
/// catalogue is fetched, so their messages must be in the shell file.
const MAIN_MODULE: &[&str] = &[
    "app.rs",
    "areas.rs",
    "i18n.rs",
    "offline.rs",
    "session.rs",
    "api/mod.rs",
    "pages/login.rs",
    "pages/not_found.rs",
    "components/header.rs",
    "components/notifications.rs",
    "components/view_as.rs",
    "components/form.rs",
    "components/auth_card.rs",
    "components/password_fields.rs",
];

#[test]
fn every_message_the_web_app_asks_for_exists() {
    let english = all_keys(Language::En);
    let shell = keys(File::Shell, Language::En);
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web/src");
    let mut files = Vec::new();
    rust_files(&web, &mut files);
    let mut asked = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        let relative = file.strip_prefix(&web).expect("under web/src").to_string_lossy().replace('\\', "/");
        let in_main = MAIN_MODULE.contains(&relative.as_str());
        for id in asked_for(&text) {
            asked += 1;
            assert!(english.contains(&id), "{relative} asks for {id:?}, which no English file has");
            assert!(
                !in_main || shell.contains(&id),
                "{relative} is shown before sign-in: {id:?} belongs in shell.ftl"
            );
        }
    }
    assert!(asked > 20, "the web app asks for its words through tr(): {asked} found");
}

#[test]
fn the_scan_finds_calls_and_skips_lookalikes() {
    let text = r#"tr("a") + tr_with("b", &args) + attr("c") + xtr("d")"#;
    assert_eq!(asked_for(text), ["a", "b"]);
}

/// The words of the login form `index.html` shows before the app has arrived
/// (web/early-login.json, filled in by web/boot.js) are the catalogue's, in every language:
/// the app takes over that form in place, so the two must read the same.
#[test]
fn the_early_login_form_says_what_the_login_page_says() {
    use shared::i18n::Catalogue;

    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web/early-login.json");
    let text = std::fs::read_to_string(&path).expect("read web/early-login.json");
    let words: BTreeMap<String, BTreeMap<String, String>> =
        serde_json::from_str(&text).expect("web/early-login.json is a map of languages to words");
    let tags: BTreeSet<&str> = words.keys().map(String::as_str).collect();
    let expected: BTreeSet<&str> = Language::ALL.iter().map(|l| l.tag()).collect();
    assert_eq!(tags, expected, "web/early-login.json has every language the portal speaks, and only those");
    // The login page's first frame: the dealer (and its words) not known yet.
    let mut args = FluentArgs::new();
    args.set("terms", "rentals");
    let english: BTreeSet<&String> = words["en"].keys().collect();
    for language in Language::ALL {
        let catalogue = Catalogue::new(language);
        let theirs = &words[language.tag()];
        assert_eq!(
            theirs.keys().collect::<BTreeSet<_>>(),
            english,
            "{}: the same ids as English",
            language.tag()
        );
        for (id, text) in theirs {
            assert!(
                keys(File::Shell, language).contains(id),
                "{}: {id} is not a shell message",
                language.tag()
            );
            assert_eq!(&catalogue.text_with(id, &args), text, "{}: {id}", language.tag());
        }
    }
}
