//! List filters as they live in the page URL, so reload, back and the home tiles land on the
//! same list: one reader and writer for every list over the shared [`ListQuery`] (the API's
//! query pairs, without the page size and the default sort), the few URL habits a list may
//! add ([`UrlList`]), and the ids the request and pay forms take in their URL.

use leptos_router::params::ParamsMap;
use shared::admin_customers::CustomerFilter;
use shared::contracts::ContractFilter;
use shared::invoices::InvoiceFilter;
use shared::list::{ListQuery, QueryChoice, SortAndPage};
use shared::paging::DEFAULT_PER_PAGE;
use shared::rentals::{RentalFilter, RentalView};
use uuid::Uuid;

use crate::paths;

/// A list whose filter is kept in the page URL `/a/{account}/{PATH}?…`. The defaults read
/// and write the API's query; a list overrides them where its URL means more.
pub trait UrlList: ListQuery + PartialEq + Send + Sync + 'static {
    /// Reads the filter from the URL query; unknown or malformed values are ignored.
    fn from_url(query: &ParamsMap) -> Self {
        let (mut filter, _) = Self::from_query(|key| query.get_str(key));
        set_per_page(&mut filter, DEFAULT_PER_PAGE);
        filter
    }

    /// The pairs written into the URL (before the default sort is left out).
    fn url_pairs(&self) -> Vec<(&'static str, String)> {
        self.to_query_pairs()
    }

    /// What "Clear filters" shows: no filters, the same sort, from page 1.
    fn cleared(&self) -> Self {
        let SortAndPage { sort, dir, .. } = self.sort_and_page();
        let mut cleared = Self::default();
        cleared.set_sort_and_page(SortAndPage { sort, dir, page: 1, per_page: 0 });
        cleared
    }
}

impl UrlList for ContractFilter {}

/// The store's customer list (`/admin/customers?…`); not an account's list.
impl UrlList for CustomerFilter {}

impl UrlList for InvoiceFilter {
    /// Clearing keeps the view (open, paid, all): it is a tab, not a filter.
    fn cleared(&self) -> Self {
        let SortAndPage { sort, dir, .. } = self.sort_and_page();
        InvoiceFilter { view: self.view, sort, dir, page: 1, ..InvoiceFilter::default() }
    }
}

/// `view=all` in the rentals URL: every item; no `view` at all means the default, on rent.
const ALL_ITEMS: &str = "all";

impl UrlList for RentalFilter {
    fn from_url(query: &ParamsMap) -> Self {
        let (mut filter, _) = RentalFilter::from_query(|key| query.get_str(key));
        filter.view = match query.get_str("view") {
            Some(ALL_ITEMS) => None,
            Some(other) => Some(RentalView::parse(other).unwrap_or(RentalView::OnRent)),
            None => Some(RentalView::OnRent),
        };
        filter.per_page = DEFAULT_PER_PAGE;
        filter
    }

    fn url_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = self.to_query_pairs();
        match self.view {
            None => pairs.insert(0, ("view", ALL_ITEMS.to_string())),
            Some(RentalView::OnRent) => pairs.retain(|(key, _)| *key != "view"),
            Some(_) => {}
        }
        pairs
    }

    /// Clearing keeps the view (on rent, coming, returned, all).
    fn cleared(&self) -> Self {
        RentalFilter { view: self.view, sort: self.sort, dir: self.dir, page: 1, ..RentalFilter::default() }
    }
}

fn set_per_page<F: ListQuery>(filter: &mut F, per_page: u32) {
    let read = filter.sort_and_page();
    filter.set_sort_and_page(SortAndPage { per_page, ..read });
}

/// The query string (without `?`) for the page URL: the list's pairs without the page size
/// and without `sort` and `dir` where they are the defaults, so the plain list keeps a plain
/// URL; then `extra` (page state that is not a filter, such as `select=1`).
pub fn to_query_with<F: UrlList>(filter: &F, extra: &[(&str, &str)]) -> String {
    let Ok(params) = web_sys::UrlSearchParams::new() else {
        return String::new();
    };
    let defaults = F::default().sort_and_page();
    let mut url_filter = filter.clone();
    set_per_page(&mut url_filter, 0);
    for (key, value) in url_filter.url_pairs() {
        let default = match key {
            "sort" => value == defaults.sort.query_name(),
            "dir" => value == defaults.dir.query_name(),
            _ => false,
        };
        if !default {
            params.append(key, &value);
        }
    }
    for (key, value) in extra {
        params.append(key, value);
    }
    String::from(params.to_string())
}

pub fn to_query<F: UrlList>(filter: &F) -> String {
    to_query_with(filter, &[])
}

/// `/a/{account}/{PATH}?{query}` with the filter applied, and `extra` after it.
pub fn list_href_with<F: UrlList>(account_id: Uuid, filter: &F, extra: &[(&str, &str)]) -> String {
    href(paths::in_account(account_id, F::PATH), &to_query_with(filter, extra))
}

pub fn list_href<F: UrlList>(account_id: Uuid, filter: &F) -> String {
    list_href_with(account_id, filter, &[])
}

/// `path`, or `path?query` when there is a query.
pub fn href(path: String, query: &str) -> String {
    if query.is_empty() { path } else { format!("{path}?{query}") }
}

/// `?page=n` of a list that has no other filter: from 1, anything else reads as 1.
pub fn page(query: &ParamsMap) -> u32 {
    query.get("page").and_then(|p| p.parse::<u32>().ok()).filter(|p| *p >= 1).unwrap_or(1)
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

/// `/a/{account}/pay?invoice=a&invoice=b`: the pay form with these invoices chosen.
pub fn pay_href(account_id: Uuid, invoice_ids: &[Uuid]) -> String {
    if invoice_ids.is_empty() {
        return paths::pay(account_id);
    }
    let query = invoice_ids.iter().map(|id| format!("invoice={id}")).collect::<Vec<_>>().join("&");
    paths::with_query(&paths::pay(account_id), &query)
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
