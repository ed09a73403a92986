//! The contract list's filters as they live in the page URL, so reload and back keep them.

use leptos_router::params::ParamsMap;
use shared::contracts::{ContractFilter, ContractSort, ContractStatus};
use shared::list::ListQuery;
use shared::paging::{DEFAULT_PER_PAGE, SortDir};
use uuid::Uuid;

use crate::url_query;

/// Reads the filter from the URL query; unknown or malformed values are ignored.
pub fn from_query(query: &ParamsMap) -> ContractFilter {
    let text = |key: &str| query.get(key).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    ContractFilter {
        status: text("status").and_then(|v| ContractStatus::parse(&v)),
        from: text("from").and_then(|v| v.parse().ok()),
        to: text("to").and_then(|v| v.parse().ok()),
        location_id: text("location_id").and_then(|v| Uuid::parse_str(&v).ok()),
        job: text("job"),
        po: text("po"),
        q: text("q"),
        sort: text("sort").and_then(|v| ContractSort::parse(&v)).unwrap_or_default(),
        dir: match text("dir").as_deref() {
            Some("asc") => SortDir::Asc,
            Some("desc") => SortDir::Desc,
            _ => SortDir::default(),
        },
        page: text("page").and_then(|v| v.parse().ok()).filter(|p| *p >= 1).unwrap_or(1),
        per_page: DEFAULT_PER_PAGE,
    }
}

/// The query string (without `?`) for the page URL: the API's pairs minus defaults.
pub fn to_query(filter: &ContractFilter) -> String {
    let defaults = ContractFilter::default();
    let url_filter = ContractFilter { per_page: 0, ..filter.clone() };
    let Ok(params) = web_sys::UrlSearchParams::new() else {
        return String::new();
    };
    url_query::append_pairs(
        &params,
        url_filter.to_query_pairs(),
        defaults.sort.as_str(),
        defaults.dir.as_str(),
    );
    String::from(params.to_string())
}

/// `/a/{account}/contracts?{query}` with the filter applied.
pub fn list_href(account_id: Uuid, filter: &ContractFilter) -> String {
    url_query::href(format!("/a/{account_id}/contracts"), &to_query(filter))
}
