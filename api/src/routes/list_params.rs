//! Query parameters the list routes share: paging, status and kind (requests and inbox),
//! each parsed into a field error when bad so clients get a 422 naming the parameter; the
//! lookup and 422 mapping that rentals and contracts run their filter's `from_query`
//! through; and the record id in a path, which answers 404 (not 422) when not a UUID.

use shared::error::FieldError;
use shared::paging::{DEFAULT_PER_PAGE, MAX_PER_PAGE, Page};
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

/// Looks a query parameter up in `fields` (`(name, value as sent)`), for a filter's
/// `from_query`; names not listed read as absent.
pub(crate) fn query_lookup<'a>(
    fields: &'a [(&'static str, &'a Option<String>)],
) -> impl Fn(&str) -> Option<&'a str> + 'a {
    move |key| fields.iter().find(|(name, _)| *name == key).and_then(|(_, value)| value.as_deref())
}

/// A filter that `from_query` parsed, or a 422 naming every bad value.
pub(crate) fn filter_or_422<F>((filter, errors): (F, Vec<FieldError>)) -> Result<F, ApiError> {
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
    let page = match page.map(str::trim).filter(|p| !p.is_empty()) {
        None => 1,
        Some(p) => match p.parse::<u32>() {
            Ok(n) if n >= 1 => n,
            _ => {
                errors.push(FieldError { field: "page".into(), message: "Use a page number from 1.".into() });
                1
            }
        },
    };
    let per_page = match per_page.map(str::trim).filter(|p| !p.is_empty()) {
        None => DEFAULT_PER_PAGE,
        Some(p) => match p.parse::<u32>() {
            Ok(n) if (1..=MAX_PER_PAGE).contains(&n) => n,
            _ => {
                errors.push(FieldError {
                    field: "per_page".into(),
                    message: format!("Use a page size from 1 to {MAX_PER_PAGE}."),
                });
                DEFAULT_PER_PAGE
            }
        },
    };
    Paging { page, per_page }
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
