//! Query parameters of the list routes: the [`ListFilter`] extractor that runs a shared
//! filter's [`ListQuery::from_query`] (a 422 naming every bad value), the page a list answers,
//! paging, status and kind for the request lists (requests and inbox), each parsed into a
//! field error when bad, and the record id in a path, which answers 404 (not 422) when not a
//! UUID.

use std::cell::RefCell;
use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use shared::error::FieldError;
use shared::list::{ListQuery, QueryReader, SortAndPage};
use shared::paging::{DEFAULT_PER_PAGE, Page};
use shared::requests::{RequestKind, RequestStatus};
use uuid::Uuid;

use crate::db::requests::StatusFilter;
use crate::error::ApiError;

/// A valid page request, as [`parse_paging`] answers it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Paging {
    /// 1-based page number.
    pub page: u32,
    pub per_page: u32,
}

impl Paging {
    /// Rows to skip for this page.
    pub(crate) fn offset(self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.per_page)
    }

    /// This page of `total` matching items.
    pub(crate) fn of<T>(self, items: Vec<T>, total: u64) -> Page<T> {
        Page { items, page: self.page, per_page: self.per_page, total }
    }
}

impl<S> From<SortAndPage<S>> for Paging {
    fn from(read: SortAndPage<S>) -> Self {
        Paging { page: read.page, per_page: read.per_page }
    }
}

/// A list's filter, sort and page from the query string, as its [`ListQuery::from_query`]
/// reads them; a 422 naming every bad value, a 400 for a parameter sent twice.
#[derive(Debug)]
pub(crate) struct ListFilter<F>(pub F);

impl<F: ListQuery> FromRequest for ListFilter<F> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(parse_list_filter(req.query_string()).map(ListFilter))
    }
}

/// Parses `query` (without `?`) into `F`. A parameter the filter reads must come at most
/// once: the 400 then says so as the query extractor does for a parameter struct.
pub(crate) fn parse_list_filter<F: ListQuery>(query: &str) -> Result<F, ApiError> {
    let bad_query = |e: actix_web::error::QueryPayloadError| ApiError::BadRequest(e.to_string());
    let pairs = web::Query::<Vec<(String, String)>>::from_query(query).map_err(bad_query)?.into_inner();
    let read = RefCell::new(Vec::<String>::new());
    let (filter, errors) = F::from_query(|key| {
        read.borrow_mut().push(key.to_string());
        pairs.iter().find(|(name, _)| name == key).map(|(_, value)| value.as_str())
    });
    let read = read.into_inner();
    let mut seen = Vec::new();
    for (name, _) in pairs.iter().filter(|(name, _)| read.contains(name)) {
        if seen.contains(&name) {
            return Err(ApiError::BadRequest(format!("Query deserialize error: duplicate field `{name}`")));
        }
        seen.push(name);
    }
    if errors.is_empty() { Ok(filter) } else { Err(ApiError::Validation(errors)) }
}

/// A record id from the path: anything but a UUID cannot name a record, so 404.
pub(crate) fn path_id(value: &str) -> Result<Uuid, ApiError> {
    value.parse::<Uuid>().map_err(|_| ApiError::NotFound)
}

/// Paging parameters as sent, with a field error for each bad one.
pub(crate) fn parse_paging(
    page: Option<&str>,
    per_page: Option<&str>,
    errors: &mut Vec<FieldError>,
) -> Paging {
    let get = |key: &str| match key {
        "page" => page,
        "per_page" => per_page,
        _ => None,
    };
    let mut query = QueryReader::new(&get);
    let paging =
        Paging { page: query.page().unwrap_or(1), per_page: query.per_page().unwrap_or(DEFAULT_PER_PAGE) };
    errors.extend(query.into_errors());
    paging
}

/// `status`: `open`, `all` or one status; `default` when absent.
pub(crate) fn parse_status(
    value: Option<&str>,
    default: StatusFilter,
    errors: &mut Vec<FieldError>,
) -> StatusFilter {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => default,
        Some("open") => StatusFilter::Open,
        Some("all") => StatusFilter::All,
        Some(other) => match RequestStatus::parse(other) {
            Some(status) => StatusFilter::Only(status),
            None => {
                errors.push(FieldError {
                    field: "status".into(),
                    message: "Use open, all, requested, acknowledged, scheduled, completed or cancelled."
                        .into(),
                });
                default
            }
        },
    }
}

/// `kind`: one request kind.
pub(crate) fn parse_kind(value: Option<&str>, errors: &mut Vec<FieldError>) -> Option<RequestKind> {
    let value = value.map(str::trim).filter(|v| !v.is_empty())?;
    let kind = RequestKind::parse(value);
    if kind.is_none() {
        errors.push(FieldError {
            field: "kind".into(),
            message: "Use call_off, service, extension or book_again.".into(),
        });
    }
    kind
}

#[cfg(test)]
mod tests {
    use shared::contracts::ContractFilter;
    use shared::invoices::InvoiceFilter;
    use shared::rentals::RentalFilter;
    use utoipa::IntoParams;

    use super::*;

    /// The parameters the OpenAPI document lists for `F` are exactly the ones its
    /// `from_query` reads, and every one `to_query_pairs` writes is among them.
    fn documented_params_are_the_ones_read<F: ListQuery + IntoParams>() {
        let mut documented: Vec<String> = F::into_params(|| None).into_iter().map(|p| p.name).collect();
        let read = RefCell::new(Vec::new());
        let _ = F::from_query(|key| {
            read.borrow_mut().push(key.to_string());
            None
        });
        let mut read = read.into_inner();
        documented.sort();
        read.sort();
        assert_eq!(documented, read, "{}", F::PATH);
        for (key, _) in F::default().to_query_pairs() {
            assert!(documented.iter().any(|d| d == key), "{}: {key} undocumented", F::PATH);
        }
    }

    #[test]
    fn every_documented_param_reaches_the_filter() {
        documented_params_are_the_ones_read::<ContractFilter>();
        documented_params_are_the_ones_read::<RentalFilter>();
        documented_params_are_the_ones_read::<InvoiceFilter>();
    }

    fn field_errors<F: ListQuery + std::fmt::Debug>(query: &str) -> Vec<String> {
        match parse_list_filter::<F>(query) {
            Err(ApiError::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("{query}: {other:?}"),
        }
    }

    #[test]
    fn bad_values_are_a_422_naming_each_field() {
        assert_eq!(field_errors::<ContractFilter>("dir=up"), ["dir"]);
        assert_eq!(field_errors::<RentalFilter>("view=lost&page=0"), ["view", "page"]);
        assert_eq!(field_errors::<InvoiceFilter>("view=unpaid"), ["view"]);
    }

    #[test]
    fn values_are_decoded_and_unknown_parameters_ignored() {
        let filter = parse_list_filter::<ContractFilter>("q=pump+%26+hose&job=&colour=red&page=2").unwrap();
        assert_eq!((filter.q.as_deref(), filter.job, filter.page), (Some("pump & hose"), None, 2));
    }

    #[test]
    fn a_parameter_sent_twice_is_a_400() {
        match parse_list_filter::<RentalFilter>("view=returned&q=a&colour=1&colour=2&q=b") {
            Err(ApiError::BadRequest(detail)) => {
                assert_eq!(detail, "Query deserialize error: duplicate field `q`");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn paging_reports_both_bad_values() {
        let mut errors = Vec::new();
        let paging = parse_paging(Some("x"), Some("500"), &mut errors);
        assert_eq!((paging.page, paging.per_page), (1, DEFAULT_PER_PAGE));
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["page", "per_page"]);
        let paging = parse_paging(Some(" 3 "), None, &mut Vec::new());
        assert_eq!(paging.offset(), 50);
    }
}
