//! The invoice list's view, filters and sort as they live in the page URL (reload, back and
//! the home tile land on the same list), and the pay form's `?invoice=…&invoice=…`.

use leptos_router::params::ParamsMap;
use shared::invoices::InvoiceFilter;
use shared::list::ListQuery;
use shared::paging::DEFAULT_PER_PAGE;
use uuid::Uuid;

use crate::url_query;

/// Reads the filter from the URL query; unknown or malformed values are ignored.
pub fn from_query(query: &ParamsMap) -> InvoiceFilter {
    let (mut filter, _) = InvoiceFilter::from_query(|key| query.get_str(key));
    filter.per_page = DEFAULT_PER_PAGE;
    filter
}

/// The query string (without `?`) for the page URL: the API's pairs minus defaults.
pub fn to_query(filter: &InvoiceFilter) -> String {
    let defaults = InvoiceFilter::default();
    let url_filter = InvoiceFilter { per_page: 0, ..filter.clone() };
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

/// `/a/{account}/invoices?{query}`.
pub fn list_href(account_id: Uuid, filter: &InvoiceFilter) -> String {
    url_query::href(format!("/a/{account_id}/invoices"), &to_query(filter))
}

/// `/a/{account}/pay?invoice=a&invoice=b`: the pay form with these invoices chosen.
pub fn pay_href(account_id: Uuid, invoice_ids: &[Uuid]) -> String {
    if invoice_ids.is_empty() {
        return format!("/a/{account_id}/pay");
    }
    let query = invoice_ids.iter().map(|id| format!("invoice={id}")).collect::<Vec<_>>().join("&");
    format!("/a/{account_id}/pay?{query}")
}

/// The invoice ids of `?invoice=a&invoice=b` (a comma list works too), each once; malformed
/// ids are dropped.
pub fn parse_invoices(query: &ParamsMap) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = Vec::new();
    for value in query.get_all("invoice").unwrap_or_default() {
        for id in value.split(',').filter_map(|v| Uuid::parse_str(v.trim()).ok()) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}
