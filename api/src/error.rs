//! `ApiError`: every failure a handler can return, rendered as RFC 9457 problem details.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use shared::error::{ErrorCode, FieldError, Problem};

pub const PROBLEM_JSON: &str = "application/problem+json";

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("bad request: {0}")]
    BadRequest(String),
    /// 400 naming each query parameter that cannot be read (e.g. a cursor that is not one).
    #[error("bad parameters")]
    BadParameters(Vec<FieldError>),
    /// 410: what was asked for existed once and is gone for good; `detail` says what to do.
    #[error("gone: {0}")]
    Gone(String),
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("unauthenticated")]
    Unauthenticated,
    #[error("token expired")]
    TokenExpired,
    #[error("token invalid")]
    TokenInvalid,
    #[error("forbidden")]
    Forbidden,
    /// Signed in with a temporary password that must be replaced first (403).
    #[error("password change required")]
    PasswordChangeRequired,
    /// 403 after a correct password: an admin deactivated every account of this login.
    #[error("access deactivated")]
    AccessDeactivated,
    /// 403: an API client's token lacks this scope (RFC 6750 `insufficient_scope`).
    #[error("insufficient scope: {}", .0.as_str())]
    InsufficientScope(shared::integrations::Scope),
    /// 403: the bearer is viewing the portal as a customer (A14), which is read-only.
    #[error("read-only view")]
    ReadOnlyView,
    /// 401: the view-as-customer session of the token has ended (exited, expired, revoked).
    #[error("view ended")]
    ViewEnded,
    #[error("not found")]
    NotFound,
    /// 405 with `Allow` listing the methods the path takes (e.g. `GET, POST`).
    #[error("method not allowed")]
    MethodNotAllowed { allow: String },
    /// 413; `limit` is the route's body limit in bytes when known.
    #[error("payload too large")]
    PayloadTooLarge { limit: Option<usize> },
    /// 409: the request conflicts with the current state; `detail` says how.
    #[error("conflict: {0}")]
    Conflict(String),
    /// 401 with a `detail` saying whom to log in as (e.g. to accept an invitation).
    #[error("log in required: {0}")]
    LoginRequired(String),
    /// 429 with `Retry-After: retry_after_secs` (whole seconds, at least 1).
    #[error("rate limited")]
    RateLimited { retry_after_secs: u64 },
    /// 402: the payment gateway declined; `detail` is its message for the payer.
    #[error("payment declined: {0}")]
    PaymentDeclined(String),
    #[error("service unavailable")]
    Unavailable(#[source] anyhow::Error),
    /// 503 with `Retry-After`: a bounded queue (password hashing) is full; nothing was done.
    #[error("overloaded")]
    Overloaded { retry_after_secs: u64 },
    /// Anything unexpected: logged with its cause, answered opaquely.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl ApiError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::Validation(_) => ErrorCode::ValidationFailed,
            ApiError::BadRequest(_) | ApiError::BadParameters(_) => ErrorCode::BadRequest,
            ApiError::Gone(_) => ErrorCode::Gone,
            ApiError::InvalidCredentials => ErrorCode::InvalidCredentials,
            ApiError::Unauthenticated => ErrorCode::Unauthenticated,
            ApiError::TokenExpired => ErrorCode::TokenExpired,
            ApiError::TokenInvalid => ErrorCode::TokenInvalid,
            ApiError::Forbidden => ErrorCode::Forbidden,
            ApiError::PasswordChangeRequired => ErrorCode::PasswordChangeRequired,
            ApiError::AccessDeactivated => ErrorCode::AccessDeactivated,
            ApiError::InsufficientScope(_) => ErrorCode::InsufficientScope,
            ApiError::ReadOnlyView => ErrorCode::ReadOnlyView,
            ApiError::ViewEnded => ErrorCode::ViewEnded,
            ApiError::NotFound => ErrorCode::NotFound,
            ApiError::MethodNotAllowed { .. } => ErrorCode::MethodNotAllowed,
            ApiError::PayloadTooLarge { .. } => ErrorCode::PayloadTooLarge,
            ApiError::Conflict(_) => ErrorCode::Conflict,
            ApiError::LoginRequired(_) => ErrorCode::Unauthenticated,
            ApiError::RateLimited { .. } => ErrorCode::RateLimited,
            ApiError::PaymentDeclined(_) => ErrorCode::PaymentDeclined,
            ApiError::Unavailable(_) | ApiError::Overloaded { .. } => ErrorCode::ServiceUnavailable,
            ApiError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// One invalid field.
    pub fn field(field: &str, message: &str) -> Self {
        ApiError::Validation(vec![FieldError { field: field.into(), message: message.into() }])
    }

    pub(crate) fn problem(&self) -> Problem {
        let problem = Problem::new(self.code());
        match self {
            ApiError::Validation(errors) => problem.with_errors(errors.clone()),
            ApiError::BadParameters(errors) => problem
                .with_detail(errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join(" "))
                .with_errors(errors.clone()),
            ApiError::BadRequest(detail)
            | ApiError::Conflict(detail)
            | ApiError::LoginRequired(detail)
            | ApiError::PaymentDeclined(detail)
            | ApiError::Gone(detail) => problem.with_detail(detail.clone()),
            ApiError::InsufficientScope(scope) => {
                problem.with_detail(format!("This needs the scope `{}`.", scope.as_str()))
            }
            ApiError::RateLimited { retry_after_secs } => {
                problem.with_detail(format!("Try again in {} seconds.", (*retry_after_secs).max(1)))
            }
            ApiError::Overloaded { retry_after_secs } => problem.with_detail(format!(
                "The server is busy. Try again in {} seconds.",
                (*retry_after_secs).max(1)
            )),
            ApiError::MethodNotAllowed { allow } => problem.with_detail(format!("This path takes {allow}.")),
            ApiError::ReadOnlyView => problem.with_detail(
                "You are viewing the portal as this customer: nothing can be changed. Exit the view to act as yourself.",
            ),
            ApiError::ViewEnded => {
                problem.with_detail("Exit the view to continue as yourself; start a new view to look again.")
            }
            ApiError::PayloadTooLarge { limit: Some(limit) } => {
                problem.with_detail(format!("Send at most {} here.", human_bytes(*limit)))
            }
            _ => problem,
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed => ApiError::Unavailable(err.into()),
            other => ApiError::Internal(other.into()),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.code().status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(cause) | ApiError::Unavailable(cause) => {
                tracing::error!(error = ?cause, "request failed");
            }
            _ => {}
        }
        let mut response = problem_response(
            self.status_code(),
            &self.problem(),
            matches!(
                self,
                ApiError::Unauthenticated
                    | ApiError::TokenExpired
                    | ApiError::TokenInvalid
                    | ApiError::ViewEnded
                    | ApiError::LoginRequired(_)
            ),
        );
        if let ApiError::InsufficientScope(scope) = self {
            let challenge = format!("Bearer error=\"insufficient_scope\", scope=\"{}\"", scope.as_str());
            if let Ok(value) = HeaderValue::from_str(&challenge) {
                response.headers_mut().insert(header::WWW_AUTHENTICATE, value);
            }
        }
        if let ApiError::MethodNotAllowed { allow } = self
            && let Ok(value) = HeaderValue::from_str(allow)
        {
            response.headers_mut().insert(header::ALLOW, value);
        }
        if let ApiError::RateLimited { retry_after_secs } | ApiError::Overloaded { retry_after_secs } = self {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from((*retry_after_secs).max(1)));
        }
        response
    }
}

/// `limit` bytes as people read it: `64 KiB`, `10 MiB`.
fn human_bytes(limit: usize) -> String {
    const KIB: usize = 1024;
    const MIB: usize = 1024 * KIB;
    if limit >= MIB && limit.is_multiple_of(MIB) {
        format!("{} MiB", limit / MIB)
    } else if limit >= KIB && limit.is_multiple_of(KIB) {
        format!("{} KiB", limit / KIB)
    } else {
        format!("{limit} bytes")
    }
}

/// Renders `problem`; 401s carry `WWW-Authenticate: Bearer` as RFC 6750 asks.
pub fn problem_response(status: StatusCode, problem: &Problem, bearer_challenge: bool) -> HttpResponse {
    let mut response = HttpResponse::build(status);
    response.insert_header((header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON)));
    if bearer_challenge {
        let challenge = match problem.code {
            ErrorCode::TokenExpired => "Bearer error=\"invalid_token\", error_description=\"expired\"",
            ErrorCode::TokenInvalid => "Bearer error=\"invalid_token\"",
            ErrorCode::ViewEnded => "Bearer error=\"invalid_token\", error_description=\"view ended\"",
            _ => "Bearer",
        };
        response.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static(challenge)));
    }
    // The title in the request's language (`Accept-Language`); a title of its own stays.
    let language = crate::i18n::request_language();
    if language != shared::i18n::Language::En && problem.title == problem.code.title() {
        let mut translated = problem.clone();
        translated.title = crate::i18n::text(language, &title_id(problem.code));
        return response.json(translated);
    }
    response.json(problem)
}

/// The catalogue's id of a problem code's title: `problem-validation-failed`.
fn title_id(code: ErrorCode) -> String {
    format!("problem-{}", code.as_str().replace('_', "-"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::body::to_bytes;
    use shared::i18n::Language;

    const EVERY_CODE: [ErrorCode; 21] = [
        ErrorCode::ValidationFailed,
        ErrorCode::BadRequest,
        ErrorCode::InvalidCredentials,
        ErrorCode::Unauthenticated,
        ErrorCode::TokenExpired,
        ErrorCode::TokenInvalid,
        ErrorCode::Forbidden,
        ErrorCode::PasswordChangeRequired,
        ErrorCode::AccessDeactivated,
        ErrorCode::InsufficientScope,
        ErrorCode::ReadOnlyView,
        ErrorCode::ViewEnded,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::PayloadTooLarge,
        ErrorCode::Conflict,
        ErrorCode::Gone,
        ErrorCode::RateLimited,
        ErrorCode::PaymentDeclined,
        ErrorCode::Internal,
        ErrorCode::ServiceUnavailable,
    ];

    #[test]
    fn every_problem_title_is_in_the_catalogue() {
        for code in EVERY_CODE {
            // English is the code's own title, word for word; the others have their own.
            assert_eq!(crate::i18n::text(Language::En, &title_id(code)), code.title());
            for language in [Language::Es, Language::FrCa] {
                let title = crate::i18n::text(language, &title_id(code));
                assert!(title != code.title() && title != title_id(code), "{code:?} in {language:?}");
            }
        }
    }

    #[actix_web::test]
    async fn internal_errors_hide_their_cause() {
        let err = ApiError::Internal(anyhow::anyhow!("password=hunter2 leaked in a driver error"));
        let response = err.error_response();
        assert_eq!(response.status(), 500);
        let body = to_bytes(response.into_body()).await.unwrap_or_default();
        let text = String::from_utf8_lossy(&body);
        assert!(!text.contains("hunter2"));
        assert!(text.contains("\"code\":\"internal\""));
    }

    #[actix_web::test]
    async fn rate_limited_says_when_to_retry() {
        let response = ApiError::RateLimited { retry_after_secs: 0 }.error_response();
        assert_eq!(response.status(), 429);
        assert_eq!(response.headers().get(header::RETRY_AFTER).and_then(|v| v.to_str().ok()), Some("1"));
        let body = to_bytes(response.into_body()).await.unwrap_or_default();
        assert!(String::from_utf8_lossy(&body).contains("\"code\":\"rate_limited\""));
    }

    #[actix_web::test]
    async fn validation_lists_fields() {
        let response = ApiError::field("from", "Use a date like 2026-03-01.").error_response();
        assert_eq!(response.status(), 422);
        assert_eq!(
            response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()),
            Some(PROBLEM_JSON)
        );
        let body = to_bytes(response.into_body()).await.unwrap_or_default();
        let problem: Problem =
            serde_json::from_slice(&body).unwrap_or_else(|_| Problem::new(ErrorCode::Internal));
        assert_eq!(problem.errors[0].field, "from");
    }
}
