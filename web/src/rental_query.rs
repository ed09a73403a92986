//! The rentals list's view, filters and sort as they live in the page URL, so reload, back
//! and the home tiles all land on the same list.

use leptos_router::params::ParamsMap;
use shared::list::ListQuery;
use shared::paging::{DEFAULT_PER_PAGE, SortDir};
use shared::rentals::{RentalFilter, RentalView};
use uuid::Uuid;

use crate::url_query;

/// `view=all` in the URL: every item; no `view` at all means the default, on rent.
const ALL: &str = "all";

/// Reads the filter from the URL query; unknown or malformed values are ignored.
pub fn from_query(query: &ParamsMap) -> RentalFilter {
    let (mut filter, _) = RentalFilter::from_query(|key| query.get_str(key));
    filter.view = match query.get_str("view") {
        Some(ALL) => None,
        Some(other) => Some(RentalView::parse(other).unwrap_or(RentalView::OnRent)),
        None => Some(RentalView::OnRent),
    };
    filter.per_page = DEFAULT_PER_PAGE;
    filter
}

/// Whether the URL asks for the phone's "Select" mode (the call-off tile).
pub fn select_mode(query: &ParamsMap) -> bool {
    query.get_str("select") == Some("1")
}

/// The query string (without `?`) for the page URL: the API's pairs minus defaults.
pub fn to_query(filter: &RentalFilter, select: bool) -> String {
    let defaults = RentalFilter::default();
    let Ok(params) = web_sys::UrlSearchParams::new() else {
        return String::new();
    };
    match filter.view {
        None => params.append("view", ALL),
        Some(RentalView::OnRent) => {}
        Some(view) => params.append("view", view.as_str()),
    }
    let url_filter = RentalFilter { view: None, per_page: 0, ..filter.clone() };
    url_query::append_pairs(
        &params,
        url_filter.to_query_pairs(),
        defaults.sort.as_str(),
        defaults.dir.as_str(),
    );
    if select {
        params.append("select", "1");
    }
    String::from(params.to_string())
}

/// `/a/{account}/rentals?{query}`.
pub fn list_href(account_id: Uuid, filter: &RentalFilter, select: bool) -> String {
    url_query::href(format!("/a/{account_id}/rentals"), &to_query(filter, select))
}

/// The default list: on rent, newest start first.
pub fn default_filter() -> RentalFilter {
    RentalFilter {
        view: Some(RentalView::OnRent),
        page: 1,
        per_page: DEFAULT_PER_PAGE,
        dir: SortDir::default(),
        ..RentalFilter::default()
    }
}

/// `?lines=a,b,c` for the request forms.
pub fn lines_query(ids: &[Uuid]) -> String {
    ids.iter().map(Uuid::to_string).collect::<Vec<_>>().join(",")
}

/// The line ids of `?lines=a,b,c`; malformed ids are dropped.
pub fn parse_lines(query: &ParamsMap) -> Vec<Uuid> {
    query
        .get_str("lines")
        .map(|v| v.split(',').filter_map(|id| Uuid::parse_str(id.trim()).ok()).collect())
        .unwrap_or_default()
}
