//! JSON request bodies, read the same way on every route: [`Json`] instead of `web::Json`,
//! and [`config`] (the one error handler) wherever a route sets its own body limit.
//!
//! - a body over the route's limit: 413 `payload_too_large` saying the limit;
//! - not JSON at all (syntax, wrong content type): 400 `bad_request`;
//! - JSON of the wrong shape (a missing required field, a wrong type, an unknown field where
//!   the type denies them): 422 `validation_failed` naming the field by its path in the body
//!   (`invoices[2].number`), found with `serde_path_to_error`;
//! - a NUL character in any string (which PostgreSQL cannot store): 422 naming each field.

use std::future::Future;
use std::ops::Deref;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::error::{JsonPayloadError, PayloadError};
use actix_web::{FromRequest, HttpRequest, web};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use shared::error::FieldError;

use crate::error::ApiError;

/// The app-wide limit for JSON bodies; routes that take more say so with [`config`].
pub const DEFAULT_LIMIT: usize = 64 * 1024;

/// A JSON body of type `T`. Read by actix's JSON reader (content type, the limit of the
/// route's [`config`]) as raw JSON, then deserialised here so a shape error names its path.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Json<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let raw = web::Json::<Box<RawValue>>::from_request(req, payload);
        Box::pin(async move {
            let raw = raw.await?.into_inner();
            Ok(Json(parse(raw.get())?))
        })
    }
}

/// The JSON body settings of a route that takes up to `limit` bytes, with the one error
/// handler. The app-wide default is `config(DEFAULT_LIMIT)`.
pub fn config(limit: usize) -> web::JsonConfig {
    web::JsonConfig::default().limit(limit).error_handler(|err, _| payload_error(err).into())
}

/// What reading a JSON body can fail with, as problem details.
fn payload_error(err: JsonPayloadError) -> ApiError {
    match err {
        JsonPayloadError::OverflowKnownLength { limit, .. } | JsonPayloadError::Overflow { limit } => {
            ApiError::PayloadTooLarge { limit: Some(limit) }
        }
        JsonPayloadError::Payload(PayloadError::Overflow) => ApiError::PayloadTooLarge { limit: None },
        JsonPayloadError::ContentType => {
            ApiError::BadRequest("Send a JSON body with `Content-Type: application/json`.".into())
        }
        JsonPayloadError::Deserialize(err) => serde_error(String::new(), &err),
        other => ApiError::BadRequest(other.to_string()),
    }
}

/// Deserialises `text` as `T`; a shape error is a 422 naming the field's path.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    // A NUL can only arrive escaped (`\u0000`): look closer only then.
    if text.contains("\\u0000") {
        let fields =
            serde_json::from_str(text).map(|v| super::unstorable::nul_fields(&v)).unwrap_or_default();
        if !fields.is_empty() {
            let message = super::unstorable::NUL_MESSAGE;
            return Err(ApiError::Validation(
                fields.into_iter().map(|field| FieldError { field, message: message.into() }).collect(),
            ));
        }
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let path = path_of(err.path());
        serde_error(path, err.inner())
    })?;
    deserializer.end().map_err(|err| serde_error(String::new(), &err))?;
    Ok(value)
}

/// `invoices[2].lines[0]`: map keys joined by dots, sequence indexes in brackets.
fn path_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

/// A serde_json error at `path` (the value being read when it failed) as problem details:
/// syntax is a 400, anything about the shape a 422 field error. A missing or unknown field
/// is reported at its own path (`invoices[2].number`), not at its parent's.
fn serde_error(path: String, err: &serde_json::Error) -> ApiError {
    use serde_json::error::Category;
    let text = err.to_string();
    // serde_json appends the position; the field path says more.
    let message = match text.rfind(" at line ") {
        Some(at) => &text[..at],
        None => text.as_str(),
    };
    match err.classify() {
        Category::Data => {}
        Category::Syntax | Category::Eof | Category::Io => {
            return ApiError::BadRequest(format!("The body is not valid JSON: {text}."));
        }
    }
    // A missing field fails on its parent; an unknown one already on its own key.
    let join = |field: &str| match path.as_str() {
        "" => field.to_string(),
        own if own == field || own.ends_with(&format!(".{field}")) => own.to_string(),
        parent => format!("{parent}.{field}"),
    };
    let (field, message) = if let Some(name) = quoted_after(message, "missing field ") {
        (join(name), "This field is required.".to_string())
    } else if let Some(name) = quoted_after(message, "unknown field ") {
        let expected = message.split_once(", expected ").map(|(_, expected)| expected);
        let message = match expected {
            Some(expected) => format!("Unknown field: expected {expected}."),
            None => "Unknown field.".to_string(),
        };
        (join(name), message)
    } else {
        (path, capitalised(message))
    };
    let field = if field.is_empty() { "body".to_string() } else { field };
    ApiError::Validation(vec![FieldError { field, message }])
}

/// The name in backquotes after `prefix`: "missing field `number`" → `number`.
fn quoted_after<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = message.strip_prefix(prefix)?.strip_prefix('`')?;
    rest.split_once('`').map(|(name, _)| name)
}

fn capitalised(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

/// The refusal of a [`Json`] body (taken as `Result<Json<T>, actix_web::Error>` by a handler
/// that must see it) as the [`ApiError`] it was made from: 400, 413 or 422 naming the field.
pub fn into_api_error(err: actix_web::Error) -> ApiError {
    match err.as_error::<ApiError>() {
        Some(ApiError::Validation(errors)) => ApiError::Validation(errors.clone()),
        Some(ApiError::BadRequest(detail)) => ApiError::BadRequest(detail.clone()),
        Some(ApiError::PayloadTooLarge { limit }) => ApiError::PayloadTooLarge { limit: *limit },
        _ if err.as_response_error().status_code() == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError::PayloadTooLarge { limit: None }
        }
        _ => ApiError::BadRequest(err.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Batch {
        invoices: Vec<Invoice>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Invoice {
        number: String,
        total_minor: i64,
        #[serde(default)]
        lines: Vec<Line>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Line {
        quantity: i32,
    }

    fn field_errors(text: &str) -> Vec<FieldError> {
        match parse::<Batch>(text) {
            Err(ApiError::Validation(errors)) => errors,
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_missing_field_is_named_by_its_path() {
        let errors = field_errors(
            r#"{"invoices":[{"number":"1","total_minor":1},{"number":"2","total_minor":2},{"total_minor":3}]}"#,
        );
        assert_eq!(errors[0].field, "invoices[2].number");
        assert_eq!(errors[0].message, "This field is required.");
        assert_eq!(field_errors("{}")[0].field, "invoices");
    }

    #[test]
    fn an_unknown_field_is_named_by_its_path() {
        let errors =
            field_errors(r#"{"invoices":[{"number":"1","total_minor":1,"lines":[{"quantity":1,"qty":2}]}]}"#);
        assert_eq!(errors[0].field, "invoices[0].lines[0].qty");
        assert!(errors[0].message.starts_with("Unknown field: expected"), "{}", errors[0].message);
        assert_eq!(field_errors(r#"{"invoices":[],"extra":1}"#)[0].field, "extra");
    }

    #[test]
    fn a_wrong_type_is_named_by_its_path() {
        let errors = field_errors(r#"{"invoices":[{"number":"1","total_minor":"ten"}]}"#);
        assert_eq!(errors[0].field, "invoices[0].total_minor");
        assert!(errors[0].message.starts_with("Invalid type"), "{}", errors[0].message);
        assert!(!errors[0].message.contains("line"), "{}", errors[0].message);
    }

    #[test]
    fn broken_json_is_a_bad_request() {
        assert!(matches!(parse::<Batch>(r#"{"invoices": ["#), Err(ApiError::BadRequest(_))));
        assert!(matches!(parse::<Batch>(r#"{"invoices": []} trailing"#), Err(ApiError::BadRequest(_))));
    }

    /// A handler on actix's own `web::Json` would answer serde's text in a 400 again.
    #[test]
    fn every_route_reads_json_through_this_module() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/routes");
        let mut offenders = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("src/routes") {
            let path = entry.expect("entry").path();
            if path.file_name().is_some_and(|name| name == "json.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if text.contains("web::Json<") || text.contains("web::Json;") || text.contains("web::{Json") {
                offenders.push(path.display().to_string());
            }
        }
        assert!(offenders.is_empty(), "use routes::json::Json, not web::Json: {offenders:?}");
    }

    #[test]
    fn limits_are_payload_too_large() {
        let err = payload_error(JsonPayloadError::Overflow { limit: 65_536 });
        assert!(matches!(err, ApiError::PayloadTooLarge { limit: Some(65_536) }));
    }
}
