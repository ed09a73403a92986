//! Typed settings: built-in defaults, then an optional TOML file, then `APP_*` variables.
//!
//! Nested keys use a double underscore: `APP_DATABASE__URL`, `APP_SERVER__PORT`.
//! Secrets are `SecretString`, whose `Debug` prints `[REDACTED]`, so settings can be logged.

use secrecy::SecretString;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub auth: AuthSettings,
    pub web: WebSettings,
    pub demo: DemoSettings,
    pub log: LogSettings,
    pub rate_limit: RateLimitSettings,
    pub email: EmailSettings,
    pub smtp: SmtpSettings,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ServerSettings {
    pub host: String,
    /// 0 picks a free port (tests).
    pub port: u16,
    /// Take the client address from the last `X-Forwarded-For` entry instead of the TCP
    /// peer. Only behind exactly one reverse proxy that appends it; otherwise clients could
    /// pick their own address and escape the rate limits.
    pub trust_forwarded_for: bool,
    /// Where people reach the web app; links in emails start with it.
    pub public_url: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseSettings {
    /// `postgres://...` for PostgreSQL; otherwise a SQLite file path or `sqlite:` URL.
    pub url: SecretString,
    pub max_connections: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AuthSettings {
    /// HMAC key for access tokens (at least 32 bytes). Unset: a random key per process,
    /// which logs everyone out on restart — fine for a demo, wrong for production.
    pub jwt_secret: Option<SecretString>,
    pub issuer: String,
    pub audience: String,
    /// Access token lifetime; capped at 15 minutes.
    pub access_token_ttl_secs: u64,
    /// Lifetime of an API client's token from `POST /oauth/token`; capped at 15 minutes.
    pub client_token_ttl_secs: u64,
    pub refresh_token_ttl_days: u32,
    /// `Secure` attribute on the refresh cookie. Browsers accept Secure cookies from
    /// http://localhost and http://127.0.0.1, so this stays on except behind odd proxies.
    pub cookie_secure: bool,
    /// Concurrent argon2 computations; each takes ~19 MiB and a core for ~20 ms.
    pub max_concurrent_hashes: usize,
    /// Consecutive failed logins that lock an account until an admin unlocks it or a
    /// password reset completes (ASVS V6.3.1).
    pub lockout_threshold: u32,
    /// How long an emailed password reset link works.
    pub password_reset_ttl_minutes: u32,
    /// How long an emailed invitation link works.
    pub invitation_ttl_days: u32,
    /// How long an emailed self sign-up confirmation link works (A3); also the link that
    /// confirms a change of email (A10).
    pub signup_ttl_hours: u32,
    /// Seconds after a refresh token was rotated during which presenting it again answers
    /// the same successor (two tabs refreshing at once) instead of revoking the family as a
    /// reuse; 0 turns the grace off. Env: `APP_AUTH__REFRESH_REUSE_GRACE_SECS`.
    #[serde(default = "default_refresh_reuse_grace_secs")]
    pub refresh_reuse_grace_secs: u64,
    /// Password hashes that may wait for one of the `max_concurrent_hashes` slots; beyond
    /// that a login (or any hashing) answers 503 with `Retry-After` at once instead of
    /// queueing. Env: `APP_AUTH__HASH_QUEUE`.
    #[serde(default = "default_hash_queue")]
    pub hash_queue: usize,
}

fn default_refresh_reuse_grace_secs() -> u64 {
    10
}

fn default_hash_queue() -> usize {
    16
}

/// Request budgets (see `auth::rate_limit`): the API-wide budget of every caller of
/// `/api/v1` (per signed-in person, per API client, per address for anonymous requests),
/// and the tighter per-address budgets of the public auth endpoints on top of it.
/// A rate of 0 turns that limit off. Env: `APP_RATE_LIMIT__USER_PER_MINUTE=900`.
#[derive(Debug, Clone, Deserialize)]
pub struct RateLimitSettings {
    /// Requests per minute of one signed-in person (by the token's user, any address)...
    pub user_per_minute: u32,
    /// ...of which this many may come at once.
    pub user_burst: u32,
    /// Requests per minute of one API client (by the token's client, any address): a back
    /// office loads in few, large batches, but polls and uploads PDFs one by one...
    pub client_per_minute: u32,
    /// ...of which this many may come at once.
    pub client_burst: u32,
    /// Requests per minute from one address without a valid token (IPv6 per /64)...
    pub anonymous_per_minute: u32,
    /// ...of which this many may come at once.
    pub anonymous_burst: u32,
    /// Sustained login attempts per client per minute...
    pub login_per_minute: u32,
    /// ...of which this many may come at once.
    pub login_burst: u32,
    /// Token refreshes per client per minute (also the burst).
    pub refresh_per_minute: u32,
    /// Registration, sign-up and password-reset requests per client per hour...
    pub sensitive_per_hour: u32,
    /// ...of which this many may come at once.
    pub sensitive_burst: u32,
    /// Clients tracked per limit; bounds the limiter's memory.
    pub max_clients: usize,
    /// Failed logins per hour naming one login (email or phone, whether or not it exists),
    /// checked before any password work...
    #[serde(default = "default_login_failures_per_account_per_hour")]
    pub login_failures_per_account_per_hour: u32,
    /// ...of which this many may come at once.
    #[serde(default = "default_login_failures_per_account_burst")]
    pub login_failures_per_account_burst: u32,
    /// Failed logins per hour from one address (IPv6 per /64), whatever login they name...
    #[serde(default = "default_login_failures_per_address_per_hour")]
    pub login_failures_per_address_per_hour: u32,
    /// ...of which this many may come at once.
    #[serde(default = "default_login_failures_per_address_burst")]
    pub login_failures_per_address_burst: u32,
}

fn default_login_failures_per_account_per_hour() -> u32 {
    20
}

fn default_login_failures_per_account_burst() -> u32 {
    5
}

fn default_login_failures_per_address_per_hour() -> u32 {
    100
}

fn default_login_failures_per_address_burst() -> u32 {
    20
}

#[derive(Debug, Clone, Deserialize)]
pub struct WebSettings {
    /// Built web app (index.html + assets), served at `/`.
    pub dist_dir: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DemoSettings {
    /// Seed the demo data set when `serve` starts on an empty database.
    pub seed_when_empty: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LogSettings {
    /// `pretty` for people, `json` for log shippers.
    pub format: String,
    /// `tracing` filter, e.g. `info,sqlx=warn`.
    pub filter: String,
}

/// How outgoing email leaves the building.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmailTransport {
    /// Kept in the outbox and shown at `/dev/mailbox` (local runs; no mail server needed).
    DevMailbox,
    /// Delivered over SMTP (see [`SmtpSettings`]).
    Smtp,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EmailSettings {
    pub transport: EmailTransport,
    /// `From:` of every email, e.g. `Rental Portal <no-reply@example.com>`.
    pub from: String,
    /// How often the delivery worker looks for due email (it is also woken on enqueue).
    pub poll_interval_ms: u64,
    /// First retry delay; doubles per failed attempt up to `retry_max_secs`.
    pub retry_base_ms: u64,
    pub retry_max_secs: u64,
    /// Attempts before an email is marked failed.
    pub max_attempts: i32,
}

/// SMTP connection; `tls` is `none` (local catchers), `starttls` or `tls`.
#[derive(Debug, Clone, Deserialize)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: String,
    pub username: Option<String>,
    pub password: Option<SecretString>,
    pub timeout_secs: u64,
}

/// Maximum access token lifetime, whatever the configuration says.
pub const MAX_ACCESS_TTL_SECS: u64 = 15 * 60;

impl Settings {
    /// Loads defaults, then the file named by `APP_CONFIG` (if any), then `APP_*` variables.
    pub fn load() -> Result<Self, config::ConfigError> {
        let mut builder = Self::defaults()?;
        if let Ok(path) = std::env::var("APP_CONFIG") {
            builder = builder.add_source(config::File::with_name(&path));
        }
        builder
            .add_source(config::Environment::with_prefix("APP").prefix_separator("_").separator("__"))
            .build()?
            .try_deserialize::<Settings>()
            .map(Settings::clamped)
    }

    /// The built-in defaults alone (tests start from these).
    pub fn default_settings() -> Result<Self, config::ConfigError> {
        Self::defaults()?.build()?.try_deserialize::<Settings>().map(Settings::clamped)
    }

    fn defaults() -> Result<config::ConfigBuilder<config::builder::DefaultState>, config::ConfigError> {
        config::Config::builder()
            .set_default("server.host", "127.0.0.1")?
            .set_default("server.port", 8080)?
            .set_default("server.trust_forwarded_for", false)?
            .set_default("server.public_url", "http://127.0.0.1:8080")?
            .set_default("database.url", "data/rental-portal.db")?
            .set_default("database.max_connections", 8)?
            .set_default("auth.issuer", "rental-portal")?
            .set_default("auth.audience", "rental-portal-web")?
            .set_default("auth.access_token_ttl_secs", 900)?
            .set_default("auth.client_token_ttl_secs", 900)?
            .set_default("auth.refresh_token_ttl_days", 30)?
            .set_default("auth.cookie_secure", true)?
            .set_default("auth.max_concurrent_hashes", 2)?
            .set_default("auth.lockout_threshold", 10)?
            .set_default("auth.password_reset_ttl_minutes", 60)?
            .set_default("auth.invitation_ttl_days", 14)?
            .set_default("auth.signup_ttl_hours", 24)?
            .set_default("rate_limit.user_per_minute", 600)?
            .set_default("rate_limit.user_burst", 120)?
            .set_default("rate_limit.client_per_minute", 1200)?
            .set_default("rate_limit.client_burst", 300)?
            .set_default("rate_limit.anonymous_per_minute", 300)?
            .set_default("rate_limit.anonymous_burst", 60)?
            .set_default("rate_limit.login_per_minute", 10)?
            .set_default("rate_limit.login_burst", 5)?
            .set_default("rate_limit.refresh_per_minute", 60)?
            .set_default("rate_limit.sensitive_per_hour", 20)?
            .set_default("rate_limit.sensitive_burst", 5)?
            .set_default("rate_limit.max_clients", 100_000)?
            .set_default("web.dist_dir", "web/dist")?
            .set_default("demo.seed_when_empty", true)?
            .set_default("email.transport", "dev_mailbox")?
            .set_default("email.from", "Rental Portal <no-reply@rental-portal.example>")?
            .set_default("email.poll_interval_ms", 2000)?
            .set_default("email.retry_base_ms", 5000)?
            .set_default("email.retry_max_secs", 3600)?
            .set_default("email.max_attempts", 12)?
            .set_default("smtp.host", "127.0.0.1")?
            .set_default("smtp.port", 1025)?
            .set_default("smtp.tls", "none")?
            .set_default("smtp.timeout_secs", 10)?
            .set_default("log.format", "pretty")?
            .set_default("log.filter", "info,sqlx=warn")
    }

    fn clamped(mut self) -> Self {
        self.auth.access_token_ttl_secs = self.auth.access_token_ttl_secs.clamp(1, MAX_ACCESS_TTL_SECS);
        self.auth.client_token_ttl_secs = self.auth.client_token_ttl_secs.clamp(1, MAX_ACCESS_TTL_SECS);
        self.auth.max_concurrent_hashes = self.auth.max_concurrent_hashes.max(1);
        self.auth.lockout_threshold = self.auth.lockout_threshold.max(1);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_load_and_secrets_do_not_print() {
        let settings = Settings::default_settings().unwrap();
        assert_eq!(settings.server.port, 8080);
        assert!(settings.auth.access_token_ttl_secs <= MAX_ACCESS_TTL_SECS);
        assert_eq!(settings.auth.lockout_threshold, 10);
        assert!(!settings.server.trust_forwarded_for, "X-Forwarded-For is spoofable unless a proxy says so");
        let printed = format!("{settings:?}");
        assert!(!printed.contains("rental-portal.db"), "database URL may hold a password: {printed}");
    }
}
