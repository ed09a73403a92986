//! What answers when no handler does, as problem details like every other error: 404 for an
//! unknown path, 405 with `Allow` for a known path and another method, and the 405 and 413
//! that actix itself answers (a resource without the method, a body over a `PayloadConfig`
//! limit) rewritten from its bare text.
//!
//! Which methods a path takes is read from the OpenAPI document: every `/api/v1` route is in
//! it (a test holds the document to the routes), so it is the route table.

use std::sync::LazyLock;

use actix_web::body::EitherBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::{StatusCode, header};
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use utoipa::OpenApi;

use crate::error::{ApiError, PROBLEM_JSON};

/// Unknown API paths answer a problem document, never the web app; a known path asked with
/// a method it does not take answers 405 with `Allow`.
pub async fn not_found(req: HttpRequest) -> HttpResponse {
    let error = match allowed_methods(req.path()) {
        Some(allow) if !allow.split(", ").any(|m| m == req.method().as_str()) => {
            ApiError::MethodNotAllowed { allow }
        }
        _ => ApiError::NotFound,
    };
    error.error_response()
}

/// Turns actix's own bare 405 and 413 answers into problem details (and gives the 405 its
/// `Allow`). Answers that already are problem details pass unchanged.
pub fn bare_errors_as_problems<B: 'static>() -> ErrorHandlers<B> {
    ErrorHandlers::new()
        .handler(StatusCode::METHOD_NOT_ALLOWED, as_problem)
        .handler(StatusCode::PAYLOAD_TOO_LARGE, as_problem)
}

fn as_problem<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(PROBLEM_JSON));
    if is_problem {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let error = if res.status() == StatusCode::METHOD_NOT_ALLOWED {
        ApiError::MethodNotAllowed { allow: allowed_methods(res.request().path()).unwrap_or_default() }
    } else {
        ApiError::PayloadTooLarge { limit: None }
    };
    let (req, old) = res.into_parts();
    let mut response = error.error_response();
    // The rate-limit fields the `/api/v1` scope added stay on the rewritten answer.
    for name in [super::rate_limits::RATELIMIT_POLICY, super::rate_limits::RATELIMIT] {
        if let Some(value) = old.headers().get(&name) {
            response.headers_mut().insert(name, value.clone());
        }
    }
    let res: ServiceResponse<EitherBody<B>> = ServiceResponse::new(req, response).map_into_right_body();
    Ok(ErrorHandlerResponse::Response(res))
}

/// The documented paths as segments, each with the methods it takes (`GET, POST`).
static ROUTES: LazyLock<Vec<(Vec<String>, String)>> = LazyLock::new(|| {
    const METHODS: [&str; 7] = ["get", "put", "post", "delete", "patch", "head", "options"];
    let document = serde_json::to_value(super::openapi::ApiDoc::openapi()).unwrap_or_default();
    let mut routes = Vec::new();
    if let Some(paths) = document.get("paths").and_then(|p| p.as_object()) {
        for (path, item) in paths {
            let methods: Vec<String> =
                METHODS.iter().filter(|m| item.get(**m).is_some()).map(|m| m.to_ascii_uppercase()).collect();
            let segments = path.split('/').map(str::to_string).collect();
            routes.push((segments, methods.join(", ")));
        }
    }
    routes
});

/// The methods `path` takes, `None` when no route has that path.
pub fn allowed_methods(path: &str) -> Option<String> {
    let segments: Vec<&str> = path.split('/').collect();
    let mut allowed: Vec<&str> = Vec::new();
    for (template, methods) in ROUTES.iter() {
        let matches = template.len() == segments.len()
            && template
                .iter()
                .zip(&segments)
                .all(|(t, s)| t == s || (t.starts_with('{') && t.ends_with('}') && !s.is_empty()));
        if matches {
            allowed.extend(methods.split(", "));
        }
    }
    if allowed.is_empty() {
        return None;
    }
    const ORDER: [&str; 7] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
    allowed.sort_by_key(|m| ORDER.iter().position(|o| o == m));
    allowed.dedup();
    Some(allowed.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_methods_come_from_the_documented_routes() {
        assert_eq!(allowed_methods("/api/v1/auth/login").as_deref(), Some("POST"));
        assert_eq!(allowed_methods("/api/v1/integrations/invoices").as_deref(), Some("PUT"));
        let account = "/api/v1/accounts/0190f3a0-0000-7000-8000-000000000000/contracts";
        assert_eq!(allowed_methods(account).as_deref(), Some("GET"));
        assert_eq!(allowed_methods("/api/v1/nothing/here"), None);
        assert_eq!(allowed_methods("/api/v1/accounts//contracts"), None);
    }
}
