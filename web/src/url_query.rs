//! What the list pages' URL modules (`contract_query`, `invoice_query`, `rental_query`) share:
//! a filter's API pairs written into the page URL without the default sort, and the list's
//! address with or without a query.

use web_sys::UrlSearchParams;

/// Appends the API's query `pairs` to `params`, leaving out `sort` and `dir` where they are the
/// defaults (`default_sort`, `default_dir`), so the plain list keeps a plain URL.
pub fn append_pairs(
    params: &UrlSearchParams,
    pairs: Vec<(&'static str, String)>,
    default_sort: &str,
    default_dir: &str,
) {
    for (key, value) in pairs {
        let default = match key {
            "sort" => value == default_sort,
            "dir" => value == default_dir,
            _ => false,
        };
        if !default {
            params.append(key, &value);
        }
    }
}

/// `path`, or `path?query` when there is a query.
pub fn href(path: String, query: &str) -> String {
    if query.is_empty() { path } else { format!("{path}?{query}") }
}
