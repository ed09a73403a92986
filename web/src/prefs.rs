//! What the browser remembers between visits (localStorage): the last account and dealer,
//! whose manifest the page then links.

use uuid::Uuid;

const ACCOUNT_KEY: &str = "rental_portal.account_id";
const DEALER_KEY: &str = "rental_portal.dealer_slug";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten().filter(|v| !v.is_empty())
}

fn write(key: &str, value: &str) {
    // Private browsing may refuse storage; remembering is a convenience, so ignore it.
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, value);
    }
}

pub fn remembered_account() -> Option<Uuid> {
    read(ACCOUNT_KEY).and_then(|v| Uuid::parse_str(&v).ok())
}

pub fn remember_account(id: Uuid) {
    write(ACCOUNT_KEY, &id.to_string());
}

pub fn last_dealer_slug() -> Option<String> {
    read(DEALER_KEY)
}

pub fn remember_dealer(slug: &str) {
    write(DEALER_KEY, slug);
    point_manifest_at(slug);
}

/// At start-up: the manifest of the dealer this browser last used, if any.
pub fn dress_manifest() {
    if let Some(slug) = last_dealer_slug() {
        point_manifest_at(&slug);
    }
}

/// Points the page's `<link rel="manifest">` at the dealer's manifest, so "Add to Home
/// screen" installs the portal in the dealer's name and colour.
fn point_manifest_at(slug: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(Some(link)) = document.query_selector("link[rel=manifest]") else { return };
    let href = crate::api::manifest_url(slug);
    if link.get_attribute("href").as_deref() != Some(href.as_str()) {
        let _ = link.set_attribute("href", &href);
    }
}
