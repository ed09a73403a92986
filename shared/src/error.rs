//! The error body of every failed API call: RFC 9457 problem details with a stable code.

use serde::{Deserialize, Serialize};

/// Stable, machine-readable error codes. Clients switch on these, never on `title` text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request body or query failed validation; see `errors`.
    ValidationFailed,
    /// The request could not be parsed (malformed JSON, wrong content type).
    BadRequest,
    /// Login and password do not match a user. Deliberately says nothing more.
    InvalidCredentials,
    /// No usable credentials were sent.
    Unauthenticated,
    /// The access token has expired; refresh and retry.
    TokenExpired,
    /// The access or refresh token is malformed, tampered with or revoked.
    TokenInvalid,
    /// Authenticated, but not allowed to do this.
    Forbidden,
    /// Signed in with a temporary password: choose a new one before anything else.
    PasswordChangeRequired,
    /// The password was right, but the dealer has closed the portal to this login (every
    /// account it had was deactivated by an admin). Only said after a correct password.
    AccessDeactivated,
    /// An API client's token lacks the scope this route needs; `detail` names it.
    InsufficientScope,
    /// A dealer's staff member is viewing the portal as a customer (A14): nothing can be
    /// changed, and staff-only routes are closed, until the view ends.
    ReadOnlyView,
    /// The view-as-customer session this token belongs to has ended (exited, or over its
    /// time): go back to the staff member's own session.
    ViewEnded,
    /// Nothing here, or nothing this caller may see.
    NotFound,
    /// The path exists but not for this method; `Allow` lists the ones it takes.
    MethodNotAllowed,
    /// The request body is larger than this route accepts; `detail` says the limit.
    PayloadTooLarge,
    /// The request conflicts with the current state.
    Conflict,
    /// What was asked for is gone for good (a change-feed cursor older than the feed's
    /// retention); `detail` says what to do instead.
    Gone,
    /// Too many requests; see `Retry-After`.
    RateLimited,
    /// The payment gateway declined the card or bank account; nothing was taken.
    PaymentDeclined,
    /// Something failed on our side; the cause is in the server log.
    Internal,
    /// A dependency (database) is unavailable.
    ServiceUnavailable,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::ValidationFailed => "validation_failed",
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::InvalidCredentials => "invalid_credentials",
            ErrorCode::Unauthenticated => "unauthenticated",
            ErrorCode::TokenExpired => "token_expired",
            ErrorCode::TokenInvalid => "token_invalid",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::PasswordChangeRequired => "password_change_required",
            ErrorCode::AccessDeactivated => "access_deactivated",
            ErrorCode::InsufficientScope => "insufficient_scope",
            ErrorCode::ReadOnlyView => "read_only_view",
            ErrorCode::ViewEnded => "view_ended",
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Gone => "gone",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::PaymentDeclined => "payment_declined",
            ErrorCode::Internal => "internal",
            ErrorCode::ServiceUnavailable => "service_unavailable",
        }
    }

    /// HTTP status that goes with the code.
    pub fn status(self) -> u16 {
        match self {
            ErrorCode::ValidationFailed => 422,
            ErrorCode::BadRequest => 400,
            ErrorCode::InvalidCredentials
            | ErrorCode::Unauthenticated
            | ErrorCode::TokenExpired
            | ErrorCode::TokenInvalid
            | ErrorCode::ViewEnded => 401,
            ErrorCode::Forbidden
            | ErrorCode::PasswordChangeRequired
            | ErrorCode::AccessDeactivated
            | ErrorCode::InsufficientScope
            | ErrorCode::ReadOnlyView => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::PayloadTooLarge => 413,
            ErrorCode::Conflict => 409,
            ErrorCode::Gone => 410,
            ErrorCode::RateLimited => 429,
            ErrorCode::PaymentDeclined => 402,
            ErrorCode::Internal => 500,
            ErrorCode::ServiceUnavailable => 503,
        }
    }

    /// Short human summary, the problem's `title`.
    pub fn title(self) -> &'static str {
        match self {
            ErrorCode::ValidationFailed => "Some fields need attention",
            ErrorCode::BadRequest => "The request could not be read",
            ErrorCode::InvalidCredentials => "Login or password is incorrect",
            ErrorCode::Unauthenticated => "Please log in",
            ErrorCode::TokenExpired => "Your session has expired",
            ErrorCode::TokenInvalid => "Your session is no longer valid",
            ErrorCode::Forbidden => "You do not have permission to do this",
            ErrorCode::PasswordChangeRequired => "Choose a new password to continue",
            ErrorCode::AccessDeactivated => "Your portal access has been deactivated; contact the store",
            ErrorCode::InsufficientScope => "This API client is not allowed to do this",
            ErrorCode::ReadOnlyView => "This is a read-only view of the customer's portal",
            ErrorCode::ViewEnded => "The view as this customer has ended",
            ErrorCode::NotFound => "Not found",
            ErrorCode::MethodNotAllowed => "This method is not allowed here",
            ErrorCode::PayloadTooLarge => "The request body is too large",
            ErrorCode::Conflict => "This conflicts with the current state",
            ErrorCode::Gone => "This is no longer available",
            ErrorCode::RateLimited => "Too many requests",
            ErrorCode::PaymentDeclined => "The payment was declined",
            ErrorCode::Internal => "Something went wrong on our side",
            ErrorCode::ServiceUnavailable => "The service is temporarily unavailable",
        }
    }
}

/// One invalid field of a 422 answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// Field name as sent by the client (`login`, `from`, `per_page`).
    pub field: String,
    /// What is wrong, phrased for the person filling in the form.
    pub message: String,
}

/// RFC 9457 problem details (`application/problem+json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// URI reference naming the problem type.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub code: ErrorCode,
    /// Per-field errors, present on `validation_failed` and on a `bad_request` naming the
    /// query parameters it could not read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

impl Problem {
    pub fn new(code: ErrorCode) -> Self {
        Self {
            kind: format!("https://docs.rental-portal.dev/problems/{}", code.as_str()),
            title: code.title().to_string(),
            status: code.status(),
            detail: None,
            code,
            errors: Vec::new(),
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn with_errors(mut self, errors: Vec<FieldError>) -> Self {
        self.errors = errors;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_rfc9457_with_code() {
        let problem = Problem::new(ErrorCode::ValidationFailed)
            .with_errors(vec![FieldError { field: "from".into(), message: "must be a date".into() }]);
        let json = serde_json::to_value(&problem).unwrap();
        assert_eq!(json["status"], 422);
        assert_eq!(json["code"], "validation_failed");
        assert_eq!(json["type"], "https://docs.rental-portal.dev/problems/validation_failed");
        assert_eq!(json["errors"][0]["field"], "from");
        assert!(json.get("detail").is_none());
    }

    #[test]
    fn as_str_matches_serde() {
        for code in [
            ErrorCode::TokenExpired,
            ErrorCode::NotFound,
            ErrorCode::RateLimited,
            ErrorCode::PasswordChangeRequired,
            ErrorCode::AccessDeactivated,
            ErrorCode::MethodNotAllowed,
            ErrorCode::PayloadTooLarge,
            ErrorCode::ReadOnlyView,
            ErrorCode::ViewEnded,
        ] {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
    }
}
