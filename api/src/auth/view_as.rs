//! The read-only rule of a view as a customer (A14), enforced once for the whole API.
//!
//! [`guard`] is a middleware on the `/api/v1` scope, so a route added there later is covered
//! without a line of its own. A request bearing a view token (one whose `view` claim
//! verifies, expired or not) passes only while its view is open and only to read:
//!
//! - the view ended (exited, out of time, its staff member deactivated): 401 `view_ended`;
//! - any method but GET, HEAD and OPTIONS: 403 `read_only_view`, except
//!   [`END_PATH`], which ends the view;
//! - the staff, platform and back-office routes (`/admin`, `/platform`, `/integrations`,
//!   `/oauth`): 403 `read_only_view`, reads included.
//!
//! Requests without a view token pass untouched; their extractors judge them as before. As a
//! second line, the extractors themselves refuse a view token's writes
//! ([`refuse_view_write`]), should a route ever be mounted outside the scope.

use actix_web::ResponseError;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{HttpRequest, web};

use super::AccessClaims;
use crate::error::ApiError;
use crate::state::AppState;

/// The one write a view may make: ending itself.
pub const END_PATH: &str = "/api/v1/auth/view-as/end";

/// Path prefixes a view never opens, not even to read: they are for the dealer's staff, the
/// platform and the back office, not for the customer being viewed.
const STAFF_PREFIXES: [&str; 4] =
    ["/api/v1/admin/", "/api/v1/platform/", "/api/v1/integrations/", "/api/v1/oauth/"];

/// Whether a view token may make this request at all (leaving aside whether its view is
/// still open): reads of customer routes, and ending the view.
pub fn view_may(method: &Method, path: &str) -> bool {
    let path = path.to_ascii_lowercase();
    if STAFF_PREFIXES.iter().any(|prefix| path.starts_with(prefix) || path == prefix.trim_end_matches('/')) {
        return false;
    }
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
        || (*method == Method::POST && path == END_PATH)
}

/// The middleware: see the module documentation.
pub async fn guard(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody + 'static>>, actix_web::Error> {
    let view = req.app_data::<web::Data<AppState>>().cloned().and_then(|state| {
        let token = super::extract::bearer(req.request()).ok()?;
        state.tokens.view_of(token).map(|view| (state, view))
    });
    let Some((state, view)) = view else {
        return next.call(req).await.map(ServiceResponse::map_into_left_body);
    };
    let verdict = match crate::services::view_as::check_open(&state, view, chrono::Utc::now()).await {
        Ok(_) if view_may(req.method(), req.path()) => Ok(()),
        Ok(_) => Err(ApiError::ReadOnlyView),
        Err(error) => Err(error),
    };
    match verdict {
        Ok(()) => next.call(req).await.map(ServiceResponse::map_into_left_body),
        Err(error) => {
            if !matches!(error, ApiError::ReadOnlyView | ApiError::ViewEnded) {
                tracing::warn!(%view, ?error, "view-as check failed");
            }
            let response = error.error_response();
            Ok(req.into_response(response).map_into_right_body())
        }
    }
}

/// The extractors' own copy of the rule (see the module documentation): a view token may
/// not write, whatever route it reaches. `Ok` for every other token.
pub fn refuse_view_write(claims: &AccessClaims, req: &HttpRequest) -> Result<(), ApiError> {
    if claims.view.is_some() && !view_may(req.method(), req.path()) {
        Err(ApiError::ReadOnlyView)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_reads_customer_routes_and_ends_itself_only() {
        assert!(view_may(&Method::GET, "/api/v1/me"));
        assert!(view_may(&Method::HEAD, "/api/v1/accounts/1/rentals"));
        assert!(view_may(&Method::OPTIONS, "/api/v1/accounts/1/rentals"));
        assert!(view_may(&Method::POST, END_PATH));
        for method in [Method::POST, Method::PUT, Method::PATCH, Method::DELETE] {
            assert!(!view_may(&method, "/api/v1/accounts/1/requests/call-off"), "{method}");
            assert!(!view_may(&method, "/api/v1/auth/logout"), "{method}");
        }
        assert!(!view_may(&Method::DELETE, END_PATH));
        assert!(!view_may(&Method::POST, "/api/v1/auth/view-as/end/"));
    }

    #[test]
    fn staff_routes_are_closed_even_to_read() {
        for path in [
            "/api/v1/admin/requests",
            "/api/v1/ADMIN/requests",
            "/api/v1/admin",
            "/api/v1/platform/dealers",
            "/api/v1/integrations/payments",
            "/api/v1/oauth/token",
        ] {
            assert!(!view_may(&Method::GET, path), "{path}");
        }
        assert!(view_may(&Method::GET, "/api/v1/administrative-looking-customer-route"));
    }
}
