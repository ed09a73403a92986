//! The back office's change feed (I4): `GET /integrations/events`.

use actix_web::{HttpResponse, get, web};
use serde::{Deserialize, Serialize};
use shared::error::FieldError;
use shared::events::{DEFAULT_EVENT_PAGE, EventPage, EventType, MAX_EVENT_PAGE};
use shared::integrations::Scope;

use crate::auth::Integrator;
use crate::db::events::Cursor;
use crate::error::ApiError;
use crate::state::AppState;

const PROBLEM: &str = "application/problem+json";

/// Query string of the change feed.
#[derive(Debug, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventFeedParams {
    /// The `next_cursor` of the last page processed; omitted, the feed starts at the oldest
    /// event kept.
    after: Option<String>,
    /// Most events returned, 1 to 1000 (default 100).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 1000, default = 100)]
    limit: Option<String>,
    /// Only these types, comma-separated (`request.created,request.status_changed`);
    /// omitted, every type. Keep the same list for a cursor: a cursor saved under one list
    /// has passed over the events the list left out.
    types: Option<String>,
}

/// What the query asks for, read and checked; every parameter that cannot be read is named.
#[derive(Debug)]
struct FeedQuery {
    after: Option<Cursor>,
    limit: u32,
    types: Vec<EventType>,
}

fn read_query(params: &EventFeedParams) -> Result<FeedQuery, ApiError> {
    let mut errors = Vec::new();
    let mut error = |field: &str, message: String| errors.push(FieldError { field: field.into(), message });
    let after = match params.after.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => None,
        Some(text) => {
            let cursor = Cursor::decode(text);
            if cursor.is_none() {
                error(
                    "after",
                    "This is not a cursor of this feed: send a `next_cursor` exactly as received, or leave `after` out to start from the oldest event kept.".into(),
                );
            }
            cursor
        }
    };
    let limit = match params.limit.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => DEFAULT_EVENT_PAGE,
        Some(v) => match v.parse::<u32>() {
            Ok(n) if (1..=MAX_EVENT_PAGE).contains(&n) => n,
            _ => {
                error("limit", format!("Use a limit from 1 to {MAX_EVENT_PAGE}."));
                DEFAULT_EVENT_PAGE
            }
        },
    };
    let mut types = Vec::new();
    for word in
        params.types.as_deref().unwrap_or_default().split(',').map(str::trim).filter(|w| !w.is_empty())
    {
        match EventType::parse(word) {
            Some(t) => types.push(t),
            None => {
                let known = EventType::ALL.map(EventType::as_str).join(", ");
                error("types", format!("`{word}` is not an event type; the types are {known}."));
            }
        }
    }
    types.sort();
    types.dedup();
    if errors.is_empty() {
        Ok(FeedQuery { after, limit, types })
    } else {
        Err(ApiError::BadParameters(errors))
    }
}

/// The dealer's events after the cursor `after`, in commit order: what customers and the
/// store did that the back office must act on (requests filed and moved on, payments,
/// feedback, portal users, contact details). Process the page, save `next_cursor`, and
/// ask again with it; `has_more` says there is more at once. Reading from a saved cursor
/// never skips an event and never repeats one; a cursor from before the feed's retention
/// (30 days by default) answers 410: resynchronise from the full lists and start again
/// without `after`. Delivery is at least once: a page re-read after a crash repeats events,
/// which `id` tells apart.
///
/// Takes an API client's token (`POST /api/v1/oauth/token`) holding the scope named under security.
#[utoipa::path(get, path = "/api/v1/integrations/events", tag = "integrations", operation_id = "list_integration_events",
    params(EventFeedParams),
    security(("oauth2" = ["events:read"])),
    responses(
        (status = 200, body = EventPage, description = "OK"),
        (status = 400, body = shared::error::Problem, content_type = PROBLEM, description = "A parameter cannot be read (`after`, `limit`, `types`): `errors` names each"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "Not signed in, or the access token is invalid or expired"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Signed in, but not allowed to do this"),
        (status = 410, body = shared::error::Problem, content_type = PROBLEM, description = "The cursor is older than the events kept: resynchronise from the full lists, then read the feed without `after`"),
    ))]
#[get("/integrations/events")]
pub async fn feed(
    state: web::Data<AppState>,
    integrator: Integrator,
    params: web::Query<EventFeedParams>,
) -> Result<HttpResponse, ApiError> {
    integrator.require(Scope::EventsRead)?;
    let query = read_query(&params)?;
    let page = crate::db::events::after(&state.db, integrator.dealer_id, query.after.as_ref(), query.limit, &query.types)
        .await?
        .map_err(|expired| {
            ApiError::Gone(format!(
                "Events after this cursor are no longer kept (the feed keeps {} days; it was pruned up to cursor {}). \
                 Resynchronise from the full lists, then read the feed again without `after`.",
                state.settings.events.retention_days,
                expired.pruned_to.encode()
            ))
        })?;
    let events = page.events.iter().map(|e| e.to_wire()).collect::<Result<Vec<_>, _>>()?;
    Ok(HttpResponse::Ok().json(EventPage {
        events,
        next_cursor: page.next.encode(),
        has_more: page.has_more,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(after: Option<&str>, limit: Option<&str>, types: Option<&str>) -> EventFeedParams {
        EventFeedParams {
            after: after.map(Into::into),
            limit: limit.map(Into::into),
            types: types.map(Into::into),
        }
    }

    fn fields(err: ApiError) -> Vec<String> {
        match err {
            ApiError::BadParameters(errors) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected 400 with fields, got {other:?}"),
        }
    }

    #[test]
    fn defaults_and_lists_are_read() {
        let query = read_query(&params(None, None, None)).unwrap();
        assert_eq!((query.after, query.limit, query.types.len()), (None, 100, 0));
        let cursor = Cursor { txid: 3, seq: 9 }.encode();
        let query = read_query(&params(
            Some(&cursor),
            Some("1000"),
            Some("request.status_changed, request.created,request.created"),
        ))
        .unwrap();
        assert_eq!(query.after, Some(Cursor { txid: 3, seq: 9 }));
        assert_eq!(query.limit, 1000);
        assert_eq!(query.types, vec![EventType::RequestCreated, EventType::RequestStatusChanged]);
    }

    #[test]
    fn every_bad_parameter_is_named() {
        let err = read_query(&params(Some("nope"), Some("0"), Some("request.created,request.deleted")))
            .unwrap_err();
        assert_eq!(fields(err), vec!["after", "limit", "types"]);
        assert_eq!(fields(read_query(&params(None, Some("1001"), None)).unwrap_err()), vec!["limit"]);
    }
}
