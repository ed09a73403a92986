//! Who is on the other end of a request — address and user agent — for the audit trail.
//! An extractor, so handlers name it and services receive it without seeing HTTP.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};

use crate::db::audit::AuditEvent;
use crate::error::ApiError;
use crate::ids::UserId;
use crate::state::AppState;

/// The client address (behind a trusted proxy: the forwarded one) and user agent.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

impl ClientInfo {
    pub fn of(req: &HttpRequest) -> Self {
        let trust_forwarded_for = req
            .app_data::<web::Data<AppState>>()
            .is_some_and(|state| state.settings.server.trust_forwarded_for);
        Self {
            ip: Some(super::rate_limit::client_ip(req, trust_forwarded_for).to_string()),
            user_agent: req
                .headers()
                .get(actix_web::http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(|s| s.chars().take(255).collect()),
        }
    }

    /// The client's address as the rate limits key it; requests that came off no socket
    /// (handler tests) share `0.0.0.0`.
    pub fn address(&self) -> std::net::IpAddr {
        self.ip.as_deref().and_then(|ip| ip.parse().ok()).unwrap_or(std::net::IpAddr::from([0, 0, 0, 0]))
    }

    /// An audit event of `action` by `actor` from this client; callers fill the rest.
    pub fn audit<'a>(&'a self, action: &'a str, actor: Option<UserId>) -> AuditEvent<'a> {
        AuditEvent {
            actor_user_id: actor,
            action,
            ip: self.ip.as_deref(),
            user_agent: self.user_agent.as_deref(),
            ..AuditEvent::default()
        }
    }
}

impl FromRequest for ClientInfo {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Self::of(req)))
    }
}
