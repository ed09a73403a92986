//! Rental Portal server library: the HTTP API, the static web app, and the CLI commands.
//!
//! - [`config`]: typed settings from defaults, a file and `APP_*` variables.
//! - [`startup`]: [`startup::Application`] binds the listener and mounts everything.
//! - [`state`]: [`state::AppState`], what every handler and service can reach.
//! - [`ids`]: [`ids::DealerId`], [`ids::CustomerId`], [`ids::UserId`]: scoping keys that
//!   cannot be swapped for one another.
//! - [`db`]: the only place with SQL; one code path over SQLite and PostgreSQL.
//! - [`auth`]: argon2id passwords, JWT access tokens, rotating refresh sessions, extractors.
//! - [`routes`]: one module per resource; thin handlers.
//! - [`error`]: `ApiError` → RFC 9457 problem details.
//! - [`demo`]: the deterministic demo data set.
//! - [`domain`]: business rules beyond one query (eligibility).
//! - [`email`]: templates, SMTP transport and the outbox delivery worker.
//! - [`payments`]: the payment gateway trait and the sandbox gateway.
//! - [`services`]: the use cases (sessions, registration and sign-up, invitations, the
//!   account and admin flows, payments); they compose the mail and write the audit trail.
//! - [`pdf`]: documents we generate (contract PDFs).
//! - [`secret_box`]: dealers' gateway secrets sealed at rest (AES-256-GCM).
//! - [`telemetry`]: logging set-up.

pub mod auth;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod email;
pub mod error;
pub mod healthcheck;
pub mod i18n;
pub mod ids;
pub mod metrics;
pub mod payments;
pub mod pdf;
pub mod routes;
pub mod secret_box;
pub mod services;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod web_app;
pub mod webhooks;
