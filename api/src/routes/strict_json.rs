//! [`StrictJson`]: an integration body read so that what serde refuses becomes a 422 field
//! error naming its place in the body (`customers[3].contacts[1].emial`), and a body over
//! the route's `PayloadConfig` limit a 413 problem.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use serde::de::DeserializeOwned;
use shared::error::FieldError;

use crate::error::ApiError;

/// A JSON body of type `T`: unknown fields (with `deny_unknown_fields`), missing fields,
/// wrong types and unknown enum words answer 422 with the field's path.
pub struct StrictJson<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for StrictJson<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req.content_type() == "application/json" || req.content_type().ends_with("+json");
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !is_json {
                return Err(ApiError::BadRequest("Send JSON with `Content-Type: application/json`.".into()));
            }
            let body = body.await.map_err(|err| {
                if err.as_response_error().status_code() == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::PayloadTooLarge(
                        "The body is larger than this route accepts: send smaller batches.".into(),
                    )
                } else {
                    ApiError::BadRequest(err.to_string())
                }
            })?;
            parse(&body).map(StrictJson)
        })
    }
}

/// Reads `body` as `T`, naming the place of the first problem.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let deserializer = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(deserializer).map_err(|err| {
        let inner = err.inner();
        if !inner.is_data() {
            return ApiError::BadRequest(format!("Not valid JSON: {inner}"));
        }
        let path = err.path().to_string();
        let message = inner.to_string();
        let message = message.split(" at line ").next().unwrap_or_default();
        let (field, message) = match (quoted(message, "unknown field `"), quoted(message, "missing field `"))
        {
            (Some(name), _) => (within(&path, name), format!("Unknown field `{name}`: check its spelling.")),
            (None, Some(name)) => (within(&path, name), "This field is required.".into()),
            (None, None) => (within(&path, ""), capitalised(message)),
        };
        ApiError::Validation(vec![FieldError { field, message }])
    })
}

/// The word in backquotes after `prefix` in `message`.
fn quoted<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    message.split_once(prefix).and_then(|(_, rest)| rest.split_once('`')).map(|(name, _)| name)
}

/// `name` under `path` (`.` is the body itself), unless the path already ends with it.
fn within(path: &str, name: &str) -> String {
    let path = if path == "." { "" } else { path };
    match (path, name) {
        ("", "") => "body".into(),
        ("", name) => name.into(),
        (path, "") => path.into(),
        (path, name) if path.ends_with(&format!(".{name}")) || path == name => path.into(),
        (path, name) => format!("{path}.{name}"),
    }
}

fn capitalised(message: &str) -> String {
    let mut chars = message.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use shared::records::CustomerBatch;

    use super::*;

    fn field_of(body: &str) -> (String, String) {
        match parse::<CustomerBatch>(body.as_bytes()) {
            Err(ApiError::Validation(errors)) => (errors[0].field.clone(), errors[0].message.clone()),
            other => panic!("{:?}", other.map(|_| ())),
        }
    }

    const CUSTOMER: &str =
        r#""external_id":"C1","account_number":"1","name":"A","kind":"account","portal_enabled":true"#;

    #[test]
    fn serde_errors_name_the_field_by_its_path() {
        let (field, message) = field_of(&format!(
            r#"{{"customers":[{{{CUSTOMER}}},{{{CUSTOMER},"contacts":[{{"external_id":"K","name":"B","emial":"x"}}]}}]}}"#
        ));
        assert_eq!(field, "customers[1].contacts[0].emial");
        assert!(message.contains("Unknown field `emial`"), "{message}");
        assert_eq!(field_of(r#"{"customers":[{"external_id":"C1"}]}"#).0, "customers[0].account_number");
        assert_eq!(
            field_of(&format!(r#"{{"customers":[{{{CUSTOMER},"credit_limit_minor":"x"}}]}}"#)).0,
            "customers[0].credit_limit_minor"
        );
        assert_eq!(field_of(r#"{}"#).0, "customers");
        assert!(matches!(parse::<CustomerBatch>(b"{"), Err(ApiError::BadRequest(_))));
    }
}
