//! Query parameters the request and inbox lists share: paging, status and kind, each
//! parsed into a field error when bad so clients get a 422 naming the parameter.

use shared::error::FieldError;
use shared::paging::{DEFAULT_PER_PAGE, MAX_PER_PAGE};
use shared::requests::{RequestKind, RequestStatus};

use crate::db::requests::StatusFilter;

/// Paging parameters as sent, with a field error for each bad one.
pub(crate) fn parse_paging(
    page: Option<&str>,
    per_page: Option<&str>,
    errors: &mut Vec<FieldError>,
) -> (u32, u32) {
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
    (page, per_page)
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
