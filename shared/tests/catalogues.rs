//! The catalogue check (A13): every Fluent file parses cleanly, has no id twice, and holds
//! exactly the messages (and attributes) of the English source; and every message the web
//! app asks for (`tr("…")` / `tr_with("…", …)` in `web/src`) exists. A missing or stray key
//! fails the build here rather than showing an id on a customer's screen.

// A test: a missing file or a bad catalogue should stop it loudly.
#![allow(clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fluent_syntax::ast::Entry;
use shared::i18n::Language;

/// `id` and `id.attribute` for every message of a catalogue.
fn keys(language: Language) -> BTreeSet<String> {
    let resource = fluent_syntax::parser::parse(language.source())
        .unwrap_or_else(|(_, errors)| panic!("{}.ftl does not parse: {errors:?}", language.tag()));
    let mut keys = BTreeSet::new();
    for entry in resource.body {
        if let Entry::Message(message) = entry {
            let id = message.id.name.to_string();
            assert!(message.value.is_some(), "{}: {id} has no text", language.tag());
            for attribute in &message.attributes {
                assert!(keys.insert(format!("{id}.{}", attribute.id.name)), "{}: {id} twice", language.tag());
            }
            assert!(keys.insert(id.clone()), "{}: {id} twice", language.tag());
        }
    }
    keys
}

#[test]
fn every_catalogue_has_exactly_the_english_messages() {
    let english = keys(Language::En);
    assert!(!english.is_empty());
    for language in Language::ALL {
        let theirs = keys(language);
        let missing: Vec<_> = english.difference(&theirs).collect();
        let stray: Vec<_> = theirs.difference(&english).collect();
        assert!(missing.is_empty(), "{}.ftl lacks {missing:?}", language.tag());
        assert!(stray.is_empty(), "{}.ftl has ids English does not: {stray:?}", language.tag());
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

#[test]
fn every_message_the_web_app_asks_for_exists() {
    let english = keys(Language::En);
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web/src");
    let mut files = Vec::new();
    rust_files(&web, &mut files);
    let mut asked = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        for id in asked_for(&text) {
            asked += 1;
            assert!(english.contains(&id), "{} asks for {id:?}, which en.ftl lacks", file.display());
        }
    }
    assert!(asked > 20, "the web app asks for its words through tr(): {asked} found");
}

#[test]
fn the_scan_finds_calls_and_skips_lookalikes() {
    let text = r#"tr("a") + tr_with("b", &args) + attr("c") + xtr("d")"#;
    assert_eq!(asked_for(text), ["a", "b"]);
}
