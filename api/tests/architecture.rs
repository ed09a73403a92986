//! The layers of `api/src` (and of `web/src`) hold: reads every source file's paths (`use`
//! trees and inline `crate::…`, `super::…` and external-crate paths) and fails, naming
//! file:line, where one layer reaches into another it must not know. The rules and their
//! reasons are in `docs/architecture.md` ("The rule, and the test that enforces it").

use std::fmt;
use std::path::{Path, PathBuf};

/// A layer (the first module under `api/src`) and the paths it must not name.
struct Rule {
    layer: &'static str,
    forbidden: &'static [&'static str],
    why: &'static str,
}

const RULES: &[Rule] = &[
    Rule {
        layer: "db",
        forbidden: &["crate::routes", "crate::services", "crate::startup", "actix_web"],
        why: "db is SQL only: it knows neither HTTP nor the use cases",
    },
    Rule {
        layer: "services",
        forbidden: &["crate::routes", "crate::startup", "actix_web"],
        why: "services are the use cases: HTTP stays in routes",
    },
    Rule {
        layer: "domain",
        forbidden: &[
            "crate::db",
            "crate::routes",
            "crate::services",
            "crate::startup",
            "crate::state",
            "crate::email",
            "actix_web",
            "sqlx",
            "tokio",
        ],
        why: "domain is pure rules: no I/O",
    },
    Rule {
        layer: "metrics",
        forbidden: &["crate::db", "crate::routes", "crate::services", "crate::startup", "actix_web", "sqlx"],
        why: "metrics holds and renders the counters: HTTP stays in routes, SQL in db",
    },
    Rule {
        layer: "routes",
        forbidden: &["crate::email", "crate::db::audit"],
        why: "emails are composed and audit events written only by services",
    },
];

/// The web app: screens and components never reach back into the router (`app.rs` imports
/// every page, so that would be a circle), and components never into screens.
const WEB_RULES: &[Rule] = &[
    Rule {
        layer: "pages",
        forbidden: &["crate::app"],
        why: "the router imports every page: paths and drafts live in their own modules",
    },
    Rule {
        layer: "components",
        forbidden: &["crate::app", "crate::pages"],
        why: "components are the screens' building blocks, not the other way round",
    },
];

/// External crates whose use the rules can forbid.
const EXTERNAL: &[&str] = &["actix_web", "sqlx", "tokio"];

/// One path a source file names, resolved to start at `crate::` (or an external crate).
#[derive(Debug, PartialEq)]
struct Reference {
    line: usize,
    path: String,
}

struct Violation {
    file: String,
    line: usize,
    layer: &'static str,
    path: String,
    why: &'static str,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: `{}` must not use `{}` ({})", self.file, self.line, self.layer, self.path, self.why)
    }
}

/// The source with comments, strings and char literals blanked out (newlines kept, so
/// line numbers hold).
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !is_ident(chars.get(i.wrapping_sub(1)))
        {
            // Raw string: r"…", r#"…"#, …
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            while j < chars.len() {
                if chars[j] == '"' && (0..hashes).all(|k| chars.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.extend(chars[i..j.min(chars.len())].iter().map(|&c| blank(c)));
            i = j;
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(chars.len());
            out.extend(chars[i..end].iter().map(|&c| blank(c)));
            i = end;
        } else if c == '\'' {
            // A char literal ('x', '\n', '"') — or a lifetime, which is kept.
            let end = if next == Some('\\') {
                (i + 2..chars.len()).find(|&j| chars[j] == '\'').map(|j| j + 1)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 3)
            } else {
                None
            };
            match end {
                Some(end) => {
                    out.extend(chars[i..end].iter().map(|&c| blank(c)));
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// Expands a `use` tree (`crate::{db, email::templates as t}`) into its full paths.
fn expand_use_tree(tree: &str) -> Vec<String> {
    let mut paths = Vec::new();
    expand_into("", tree, &mut paths);
    paths
}

fn expand_into(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let join = |a: &str, b: &str| if a.is_empty() { b.to_string() } else { format!("{a}::{b}") };
    let tree = tree.trim();
    match tree.find('{') {
        None => {
            // `path as alias`: the alias does not matter.
            let item = tree.split_whitespace().next().unwrap_or_default();
            let item = item.strip_suffix("self").unwrap_or(item).trim_end_matches("::");
            if !item.is_empty() || !prefix.is_empty() {
                out.push(join(prefix, item).trim_end_matches("::").to_string());
            }
        }
        Some(open) => {
            let head = tree[..open].trim().trim_end_matches("::");
            let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
            let prefix = join(prefix, head);
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand_into(&prefix, &inner[start..i], out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            if start < inner.len() {
                expand_into(&prefix, &inner[start..], out);
            }
        }
    }
}

/// The module path of `file` under `src` (`routes/auth.rs` → `["routes", "auth"]`).
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap_or(file);
    let mut parts: Vec<String> =
        relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs");
        if stem != "mod" && stem != "lib" {
            parts.push(stem.to_string());
        }
    }
    parts
}

/// Resolves `super::`/`self::` against `module` so every path starts at `crate::`;
/// external crate paths stay as they are; anything else is dropped (local names).
fn resolve(path: &str, module: &[String]) -> Option<String> {
    let mut segments: Vec<&str> = path.split("::").collect();
    let first = *segments.first()?;
    if first == "crate" || EXTERNAL.contains(&first) {
        return Some(path.to_string());
    }
    if first != "super" && first != "self" {
        return None;
    }
    let mut base: Vec<String> = module.to_vec();
    while let Some(&head) = segments.first() {
        match head {
            "super" => {
                base.pop();
            }
            "self" => {}
            _ => break,
        }
        segments.remove(0);
    }
    let mut full = vec!["crate".to_string()];
    full.extend(base);
    full.extend(segments.iter().map(|s| s.to_string()));
    Some(full.join("::"))
}

/// Every path `source` (a file at `module`) names, with its line.
fn references(source: &str, module: &[String]) -> Vec<Reference> {
    let code = code_only(source);
    let line_of = |offset: usize| code[..offset].matches('\n').count() + 1;
    let inline_modules = inline_module_spans(&code);
    let module_at = |offset: usize| {
        let mut path = module.to_vec();
        path.extend(
            inline_modules
                .iter()
                .filter(|(start, end, _)| *start <= offset && offset < *end)
                .map(|(_, _, n)| n.clone()),
        );
        path
    };
    let mut found = Vec::new();
    let mut in_use = vec![false; code.len()];
    let bytes = code.as_bytes();
    let mut search = 0;
    while let Some(pos) = code[search..].find("use ") {
        let at = search + pos;
        search = at + 4;
        let boundary = at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
        if !boundary {
            continue;
        }
        let Some(end) = code[at..].find(';').map(|e| at + e) else { break };
        let tree = &code[at + 4..end];
        if tree.contains('(') || tree.contains('=') {
            continue;
        }
        in_use[at..end].iter_mut().for_each(|b| *b = true);
        for path in expand_use_tree(tree) {
            if let Some(path) = resolve(&path, &module_at(at)) {
                found.push(Reference { line: line_of(at), path });
            }
        }
        search = end;
    }
    // Inline paths outside `use` items.
    let mut i = 0;
    while i < bytes.len() {
        let starts_word =
            i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b':');
        if !starts_word || in_use[i] || !(bytes[i].is_ascii_alphabetic() || bytes[i] == b'_') {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_' || bytes[j] == b':') {
            j += 1;
        }
        let path = code[i..j].trim_end_matches(':');
        if path.contains("::")
            && let Some(path) = resolve(path, &module_at(i))
        {
            found.push(Reference { line: line_of(i), path });
        }
        i = j.max(i + 1);
    }
    found
}

/// `mod name { … }` blocks inside a file: (start, end, name).
fn inline_module_spans(code: &str) -> Vec<(usize, usize, String)> {
    let bytes = code.as_bytes();
    let mut spans = Vec::new();
    let mut search = 0;
    while let Some(pos) = code[search..].find("mod ") {
        let at = search + pos;
        search = at + 4;
        if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
            continue;
        }
        let rest = &code[at + 4..];
        let name: String =
            rest.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        let after = rest.trim_start()[name.len()..].trim_start();
        if name.is_empty() || !after.starts_with('{') {
            continue;
        }
        let open = code.len() - after.len();
        let mut depth = 0;
        let mut end = code.len();
        for (k, b) in bytes.iter().enumerate().skip(open) {
            match b {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = k;
                        break;
                    }
                }
                _ => {}
            }
        }
        spans.push((open, end, name));
    }
    spans
}

/// What `file` (at `module`) breaks of `rules`.
fn violations(rules: &'static [Rule], file: &str, module: &[String], source: &str) -> Vec<Violation> {
    let Some(rule) = module.first().and_then(|layer| rules.iter().find(|r| r.layer == layer)) else {
        return Vec::new();
    };
    references(source, module)
        .into_iter()
        .filter(|r| rule.forbidden.iter().any(|f| r.path == *f || r.path.starts_with(&format!("{f}::"))))
        .map(|r| Violation {
            file: file.to_string(),
            line: r.line,
            layer: rule.layer,
            path: r.path,
            why: rule.why,
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every violation of `rules` in the crate whose sources are `src` (named `label/…`).
fn check_crate(src: &Path, label: &str, rules: &'static [Rule]) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    assert!(files.len() > 20, "expected the sources under {}", src.display());
    let mut broken = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap_or_default();
        let name = format!("{label}/{}", file.strip_prefix(src).unwrap_or(file).display());
        broken.extend(violations(rules, &name, &module_path(src, file), &source));
    }
    broken.iter().map(ToString::to_string).collect()
}

/// Audit events are composed by services (with the client's address): `db` takes them
/// ready-made, or a closure that makes one from what only the transaction knows. Only
/// `db/audit.rs` itself builds one (its `Default`).
fn audit_events_built_in_db(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(&src.join("db"), &mut files);
    files.sort();
    let mut found = Vec::new();
    for file in files.iter().filter(|f| !f.ends_with("db/audit.rs")) {
        let code = code_only(&std::fs::read_to_string(file).unwrap_or_default());
        for (n, line) in code.lines().enumerate() {
            if line.contains("AuditEvent {") {
                let name = file.strip_prefix(src).unwrap_or(file).display();
                found.push(format!(
                    "api/src/{name}:{}: `db` builds an AuditEvent (services compose audit events)",
                    n + 1
                ));
            }
        }
    }
    found
}

#[test]
fn layers_hold() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut report = check_crate(&manifest.join("src"), "api/src", RULES);
    report.extend(check_crate(&manifest.join("../web/src"), "web/src", WEB_RULES));
    report.extend(audit_events_built_in_db(&manifest.join("src")));
    assert!(report.is_empty(), "{} layer violation(s):\n{}", report.len(), report.join("\n"));
}

#[cfg(test)]
mod scanner {
    use super::*;

    fn module(path: &str) -> Vec<String> {
        path.split('/').map(String::from).collect()
    }

    fn found(file: &str, source: &str) -> Vec<String> {
        violations(RULES, file, &module(file), source)
            .iter()
            .map(|v| format!("{}:{}", v.line, v.path))
            .collect()
    }

    #[test]
    fn a_wrong_import_is_reported_with_its_line() {
        let source = "//! x\n\nuse crate::db::Db;\nuse crate::{error::ApiError, routes::auth::start};\n";
        assert_eq!(found("services/sessions", source), ["4:crate::routes::auth::start"]);
    }

    #[test]
    fn inline_paths_and_super_chains_count() {
        let source = "fn f() {\n    crate::email::templates::x();\n    super::super::email::y();\n}\n";
        assert_eq!(found("routes/auth", source), ["2:crate::email::templates::x", "3:crate::email::y"]);
        // From a module one deeper, the same chain stays inside `routes`.
        assert_eq!(found("routes/admin/users", source), ["2:crate::email::templates::x"]);
    }

    #[test]
    fn comments_strings_and_same_layer_paths_do_not_count() {
        let source = "// use crate::routes::x;\nconst SQL: &str = \"crate::routes\";\nconst Q: char = '\"';\nuse super::sql;\nuse crate::db::audit::AuditEvent;\n";
        assert!(found("db/requests", source).is_empty());
    }

    #[test]
    fn external_crates_are_checked_and_test_modules_resolve_super() {
        let source = "use actix_web::HttpResponse;\n#[cfg(test)]\nmod tests {\n    use super::*;\n    use super::super::requests::x;\n}\n";
        assert_eq!(found("domain/payments", source), ["1:actix_web::HttpResponse"]);
    }

    #[test]
    fn web_pages_do_not_import_the_router() {
        let source = "use crate::app::landing_path;\nuse crate::paths;\n";
        let found: Vec<String> = violations(WEB_RULES, "pages/login", &module("pages/login"), source)
            .iter()
            .map(|v| format!("{}:{}", v.line, v.path))
            .collect();
        assert_eq!(found, ["1:crate::app::landing_path"]);
    }

    #[test]
    fn use_trees_expand() {
        assert_eq!(
            expand_use_tree("crate::{db::{self, audit::AuditEvent}, email::templates as t}"),
            ["crate::db", "crate::db::audit::AuditEvent", "crate::email::templates"]
        );
    }
}
