//! What the portal shows on a job site without signal (issue 15, item 3): the last answers
//! of the read-only lists the user opened (rentals, contracts, invoices, requests, and the
//! locations their filters offer) and who they are, kept in `localStorage` under their user
//! id. The API is always asked first; a kept answer is used only when the server cannot be
//! reached, and the screens then say so ("Offline — as of 14:05"). Nothing is kept for
//! writes: a call-off or payment without signal is refused, never queued.
//!
//! Everything is cleared at logout and when the session ends, and a different user signing
//! in on the same browser drops the previous user's answers first.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use shared::auth::MeResponse;
use uuid::Uuid;

/// Every key this module writes starts with this.
const PREFIX: &str = "rental_portal.offline.";
/// Who was signed in, for a reload without signal.
const SESSION_KEY: &str = "rental_portal.offline.session";
/// The most answers kept per user; the least recently stored go first.
const MAX_ANSWERS: usize = 40;

/// The account lists whose answers are kept: read-only, what a site manager looks up.
const KEPT_LISTS: [&str; 5] = ["rentals", "contracts", "invoices", "requests", "locations"];

/// An answer and when it arrived (milliseconds since 1970: no date parsing in the code
/// every page loads).
#[derive(Serialize, Deserialize)]
struct Kept {
    at: i64,
    body: String,
}

#[derive(Serialize, Deserialize)]
struct KeptSession {
    at: i64,
    me: MeResponse,
}

/// Whether answers to this API path (under `/api/v1`, with its query) are kept: an
/// account's read-only lists, `/accounts/{id}/{list}?…`.
pub fn keeps(path: &str) -> bool {
    let path = path.split('?').next().unwrap_or_default();
    let mut parts = path.trim_start_matches('/').split('/');
    matches!(
        (parts.next(), parts.next().map(Uuid::parse_str), parts.next(), parts.next()),
        (Some("accounts"), Some(Ok(_)), Some(list), None) if KEPT_LISTS.contains(&list)
    )
}

/// The browser's clock, in milliseconds since 1970 (`Utc::now` has no clock on
/// wasm32-unknown-unknown).
fn now() -> i64 {
    #[allow(clippy::cast_possible_truncation)] // whole milliseconds since 1970
    let millis = js_sys::Date::now() as i64;
    millis
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn answer_key(user: Uuid, path: &str) -> String {
    format!("{PREFIX}{user}.{path}")
}

fn index_key(user: Uuid) -> String {
    format!("{PREFIX}{user}#index")
}

/// Keeps `body`, the answer to `path`, for `user`. Best effort: a full storage drops this
/// user's older answers and tries once more; failing that, nothing is kept.
pub fn keep(user: Uuid, path: &str, body: &str) {
    let Some(storage) = storage() else { return };
    let Ok(value) = serde_json::to_string(&Kept { at: now(), body: body.to_string() }) else { return };
    let index_key = index_key(user);
    let mut index: Vec<String> = storage
        .get_item(&index_key)
        .ok()
        .flatten()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
    index.retain(|p| p != path);
    index.push(path.to_string());
    while index.len() > MAX_ANSWERS {
        let oldest = index.remove(0);
        let _ = storage.remove_item(&answer_key(user, &oldest));
    }
    if storage.set_item(&answer_key(user, path), &value).is_err() {
        for old in index.drain(..index.len() - 1) {
            let _ = storage.remove_item(&answer_key(user, &old));
        }
        if storage.set_item(&answer_key(user, path), &value).is_err() {
            index.clear();
        }
    }
    if let Ok(index) = serde_json::to_string(&index) {
        let _ = storage.set_item(&index_key, &index);
    }
}

/// The answer to `path` last kept for `user`, and when it was received.
pub fn kept(user: Uuid, path: &str) -> Option<(DateTime<Utc>, String)> {
    let value = storage()?.get_item(&answer_key(user, path)).ok().flatten()?;
    let kept: Kept = serde_json::from_str(&value).ok()?;
    Some((DateTime::from_timestamp_millis(kept.at)?, kept.body))
}

/// Remembers who is signed in, for a reload without signal. Another user's answers kept
/// on this browser are dropped first.
pub fn keep_session(me: &MeResponse) {
    let Some(storage) = storage() else { return };
    if kept_session().is_some_and(|kept| kept.user.id != me.user.id) {
        clear();
    }
    if let Ok(value) = serde_json::to_string(&KeptSession { at: now(), me: me.clone() }) {
        let _ = storage.set_item(SESSION_KEY, &value);
    }
}

/// Who was signed in last on this browser (until they log out).
pub fn kept_session() -> Option<MeResponse> {
    let value = storage()?.get_item(SESSION_KEY).ok().flatten()?;
    serde_json::from_str::<KeptSession>(&value).ok().map(|kept| kept.me)
}

/// Forgets everything kept: at logout, and when the session ends.
pub fn clear() {
    let Some(storage) = storage() else { return };
    let count = storage.length().unwrap_or(0);
    let keys: Vec<String> =
        (0..count).filter_map(|i| storage.key(i).ok().flatten()).filter(|k| k.starts_with(PREFIX)).collect();
    for key in keys {
        let _ = storage.remove_item(&key);
    }
}

/// Set when a logout could not reach the server: the browser still holds that session's
/// refresh cookie, which the server must hear is done with before anything else. Not under
/// [`PREFIX`], so [`clear`] keeps it.
const LOGOUT_PENDING_KEY: &str = "rental_portal.logout_pending";

/// Notes that the server has yet to hear of a logout.
pub fn note_logout_pending() {
    if let Some(storage) = storage() {
        let _ = storage.set_item(LOGOUT_PENDING_KEY, "1");
    }
}

/// Whether a logout has yet to reach the server.
pub fn logout_pending() -> bool {
    storage().and_then(|s| s.get_item(LOGOUT_PENDING_KEY).ok().flatten()).is_some()
}

/// The server heard of the logout (or a new sign-in replaced that session).
pub fn logout_delivered() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(LOGOUT_PENDING_KEY);
    }
}

/// Whether the browser says it has no network at all.
pub fn browser_offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_accounts_read_only_lists_are_kept() {
        let account = "5f0c6a7e-8c1b-4b7e-9a57-2f7d0c1e9b11";
        for list in KEPT_LISTS {
            assert!(keeps(&format!("/accounts/{account}/{list}?view=on_rent&page=2")), "{list}");
        }
        for path in [
            format!("/accounts/{account}/contracts/{account}"),
            format!("/accounts/{account}/balance"),
            format!("/accounts/not-an-id/rentals"),
            "/me".to_string(),
            "/admin/requests".to_string(),
        ] {
            assert!(!keeps(&path), "{path}");
        }
    }
}
