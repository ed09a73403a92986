//! Text the database cannot store never reaches it. PostgreSQL's `text` refuses the NUL
//! character (SQLite would keep it), so a NUL anywhere in what a request sends would be a 500
//! on one engine and stored on the other. Refused up front, on both engines alike:
//!
//! - in a query parameter (`?q=a%00b`): 422 `validation_failed` naming the parameter;
//! - in the path (`/branding/a%00b`): 404, as no record can have such a name;
//! - in a JSON body, at any depth: 422 naming each field by its path (see
//!   [`super::json::parse`], which calls [`nul_fields`]).

use actix_web::ResponseError;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use shared::error::FieldError;

use crate::error::ApiError;

/// The message for a field that holds a NUL character.
pub const NUL_MESSAGE: &str = "Remove the NUL character (\\u0000): it cannot be stored.";

/// Refuses a request whose path or query parameters hold a NUL character.
pub async fn refuse_nul(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody + 'static>>, actix_web::Error> {
    let refusal = if req.path().contains("%00") {
        Some(ApiError::NotFound)
    } else {
        nul_parameters(req.query_string()).map(ApiError::Validation)
    };
    match refusal {
        Some(error) => {
            let response = error.error_response();
            Ok(req.into_response(response).map_into_right_body())
        }
        None => next.call(req).await.map(ServiceResponse::map_into_left_body),
    }
}

/// A field error for each query parameter whose name or value holds a NUL; `None` when
/// there is none (or the query cannot be read: its extractor says why).
fn nul_parameters(query: &str) -> Option<Vec<FieldError>> {
    if !query.contains("%00") {
        return None;
    }
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).ok()?;
    let errors: Vec<FieldError> = pairs
        .iter()
        .filter(|(name, value)| name.contains('\0') || value.contains('\0'))
        .map(|(name, _)| FieldError { field: name.replace('\0', ""), message: NUL_MESSAGE.into() })
        .collect();
    (!errors.is_empty()).then_some(errors)
}

/// The path of every string (and object key) in `value` that holds a NUL character, as
/// [`super::json`] names fields: `invoices[2].lines[0].description`.
pub fn nul_fields(value: &serde_json::Value) -> Vec<String> {
    fn walk(value: &serde_json::Value, path: &str, found: &mut Vec<String>) {
        match value {
            serde_json::Value::String(text) if text.contains('\0') => found.push(path.to_string()),
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &format!("{path}[{i}]"), found);
                }
            }
            serde_json::Value::Object(map) => {
                for (key, item) in map {
                    let clean = key.replace('\0', "");
                    let child = if path.is_empty() { clean } else { format!("{path}.{clean}") };
                    if key.contains('\0') {
                        found.push(child);
                    } else {
                        walk(item, &child, found);
                    }
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(value, "", &mut found);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_in_a_query_parameter_names_the_parameter() {
        let errors = nul_parameters("q=a%00b&status=open&sort=%00").unwrap();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["q", "sort"]);
        assert!(nul_parameters("q=a%2500b").is_none(), "an escaped percent sign is text");
        assert!(nul_parameters("q=plain").is_none());
    }

    #[test]
    fn every_nul_in_a_json_body_is_found_by_its_path() {
        let body = serde_json::json!({
            "login": "a\u{0}@b.co",
            "invoices": [{ "number": "ok" }, { "lines": [{ "description": "x\u{0}" }] }],
            "ok": "fine",
            "bad\u{0}key": 1
        });
        let mut found = nul_fields(&body);
        found.sort();
        assert_eq!(found, ["badkey", "invoices[1].lines[0].description", "login"]);
        assert!(nul_fields(&serde_json::json!({ "a": ["b", { "c": "d" }] })).is_empty());
    }
}
