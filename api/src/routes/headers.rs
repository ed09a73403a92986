//! Request headers the write routes read, checked once: the `Idempotency-Key`.

use actix_web::HttpRequest;

use crate::error::ApiError;

/// The `Idempotency-Key` header, if sent: 1 to `max` visible ASCII characters (422
/// `idempotency_key` otherwise). Payments use it too, with a shorter `max`.
pub(crate) fn idempotency_key(req: &HttpRequest, max: usize) -> Result<Option<String>, ApiError> {
    let Some(value) = req.headers().get("Idempotency-Key") else { return Ok(None) };
    let key = value.to_str().map(str::trim).unwrap_or_default();
    if key.is_empty() || key.len() > max || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(ApiError::field(
            "idempotency_key",
            &format!("Send an Idempotency-Key of 1 to {max} visible characters, e.g. a UUID."),
        ));
    }
    Ok(Some(key.to_string()))
}
