//! Typed settings: built-in defaults, then an optional TOML file, then `APP_*` variables.
//!
//! Nested keys use a double underscore: `APP_DATABASE__URL`, `APP_SERVER__PORT`.
//! Secrets are `SecretString`, whose `Debug` prints `[REDACTED]`, so settings can be logged.

use secrecy::{ExposeSecret, SecretString};
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
    #[serde(default)]
    pub metrics: MetricsSettings,
    #[serde(default)]
    pub secrets: SecretsSettings,
    #[serde(default)]
    pub events: EventSettings,
    #[serde(default)]
    pub webhooks: WebhookSettings,
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
    /// How long a view of the portal as a customer (A14) lasts before it ends by itself;
    /// at most 8 hours. Env: `APP_AUTH__VIEW_AS_SECS`.
    #[serde(default = "default_view_as_secs")]
    pub view_as_secs: u64,
}

fn default_view_as_secs() -> u64 {
    30 * 60
}

/// The longest a view as a customer may be configured to last.
pub const MAX_VIEW_AS_SECS: u64 = 8 * 60 * 60;

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
    /// `pretty` for people, `json` for log shippers (nothing else is accepted).
    pub format: String,
    /// `tracing` filter, e.g. `info,sqlx=warn`.
    pub filter: String,
}

/// How outgoing email leaves the building.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmailTransport {
    /// Kept in the outbox and shown at `/dev/mailbox` (local runs; no mail server needed).
    /// Shows every email, reset and invitation links included, to whoever can reach the
    /// server: allowed only when chosen explicitly and the server listens on loopback.
    DevMailbox,
    /// Delivered over SMTP (see [`SmtpSettings`]).
    Smtp,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EmailSettings {
    /// No default: a server refuses to start until it is chosen (see
    /// [`Settings::validate_for_serving`]).
    pub transport: Option<EmailTransport>,
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
    /// Required when the transport is `smtp`.
    pub host: Option<String>,
    pub port: u16,
    pub tls: String,
    pub username: Option<String>,
    pub password: Option<SecretString>,
    pub timeout_secs: u64,
}

/// `GET /metrics` (Prometheus text format).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MetricsSettings {
    /// Bearer token a scraper must send. Unset: `/metrics` does not exist (404).
    pub token: Option<SecretString>,
}

/// Keys for what we store on dealers' behalf (`secret_box`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SecretsSettings {
    /// AES-256 key sealing payment gateway secret keys at rest: 32 bytes, base64
    /// (`openssl rand -base64 32`). Required unless the server is a local run (loopback
    /// host and public URL); there a random key per process is used. Env: `APP_SECRETS__KEY`.
    pub key: Option<SecretString>,
}

/// The back office's change feed (I4).
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct EventSettings {
    /// Days an event is kept; older ones are pruned and a cursor before them answers 410.
    /// Env: `APP_EVENTS__RETENTION_DAYS` (default 30, at least 1).
    pub retention_days: u32,
    /// Seconds between two prunes. Env: `APP_EVENTS__PRUNE_INTERVAL_SECS` (default 3600).
    pub prune_interval_secs: u64,
}

impl Default for EventSettings {
    fn default() -> Self {
        EventSettings { retention_days: 30, prune_interval_secs: 3600 }
    }
}

/// Outgoing webhooks (I5): what endpoints may be, and how deliveries are retried.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct WebhookSettings {
    /// Allow `http://` endpoint URLs (development and tests); otherwise https only.
    /// Env: `APP_WEBHOOKS__ALLOW_HTTP`.
    pub allow_http: bool,
    /// Allow endpoints on loopback, private, link-local, unique-local, CGNAT and other
    /// non-public addresses (development and tests; never in production: SSRF).
    /// Env: `APP_WEBHOOKS__ALLOW_PRIVATE_TARGETS`.
    pub allow_private_targets: bool,
    /// How long one attempt may take, connection to the end of the answer.
    pub timeout_ms: u64,
    /// How often the worker looks for new events and due retries (it is also woken when an
    /// admin sends a test event or replays a delivery).
    pub poll_interval_ms: u64,
    /// How long a claimed delivery stays reserved for one worker; after that a worker that
    /// died is presumed gone and another sends it.
    pub lease_ms: u64,
    /// Delay before each attempt, in milliseconds: the first is normally 0 (at once); one
    /// attempt per entry, then the delivery fails and the endpoint is disabled. Default:
    /// Standard Webhooks' schedule stretched to about 3 days (0, 5 s, 5 min, 30 min, 2 h,
    /// 5 h, then 10 h six times). Each delay gets up to ±10 % jitter.
    pub retry_delays_ms: Vec<u64>,
    /// Whether this server runs the delivery worker (another server over the same database
    /// may do the sending).
    pub worker: bool,
}

/// The default retry schedule (see [`WebhookSettings::retry_delays_ms`]).
pub const WEBHOOK_RETRY_DELAYS_SECS: [u64; 12] =
    [0, 5, 300, 1_800, 7_200, 18_000, 36_000, 36_000, 36_000, 36_000, 36_000, 36_000];

impl Default for WebhookSettings {
    fn default() -> Self {
        Self {
            allow_http: false,
            allow_private_targets: false,
            timeout_ms: 10_000,
            poll_interval_ms: 1_000,
            lease_ms: 60_000,
            retry_delays_ms: WEBHOOK_RETRY_DELAYS_SECS.iter().map(|s| s * 1_000).collect(),
            worker: true,
        }
    }
}

/// The `SMTP TLS` modes [`SmtpSettings::tls`] accepts.
pub const SMTP_TLS_MODES: [&str; 3] = ["none", "starttls", "tls"];
/// The log formats [`LogSettings::format`] accepts.
pub const LOG_FORMATS: [&str; 2] = ["pretty", "json"];
/// Shortest metrics token accepted (`openssl rand -hex 16` is 32 characters).
pub const MIN_METRICS_TOKEN_CHARS: usize = 32;

/// Maximum access token lifetime, whatever the configuration says.
pub const MAX_ACCESS_TTL_SECS: u64 = 15 * 60;

impl Settings {
    /// Loads defaults, then the file named by `APP_CONFIG` (if any), then `APP_*` variables.
    /// Refuses what [`Settings::validate`] refuses, naming the variable.
    pub fn load() -> Result<Self, config::ConfigError> {
        Self::load_with(None)
    }

    /// [`Settings::load`] with `vars` standing in for the process environment (tests).
    pub fn load_with(vars: Option<config::Map<String, String>>) -> Result<Self, config::ConfigError> {
        let mut builder = Self::defaults()?;
        if let Ok(path) = std::env::var("APP_CONFIG") {
            builder = builder.add_source(config::File::with_name(&path));
        }
        builder
            .add_source(
                config::Environment::with_prefix("APP").prefix_separator("_").separator("__").source(vars),
            )
            .build()?
            .try_deserialize::<Settings>()
            .map_err(name_the_variable)
            .map(Settings::clamped)
            .and_then(|settings| settings.validate().map(|()| settings))
    }

    /// The built-in defaults alone (tests start from these).
    pub fn default_settings() -> Result<Self, config::ConfigError> {
        Self::defaults()?.build()?.try_deserialize::<Settings>().map(Settings::clamped)
    }

    /// Refuses settings no command can work with, naming each offending variable (one line
    /// each). [`Settings::load`] runs it; [`Settings::validate_for_serving`] adds what a
    /// server needs on top.
    pub fn validate(&self) -> Result<(), config::ConfigError> {
        let mut problems = Vec::new();
        if !LOG_FORMATS.contains(&self.log.format.as_str()) {
            problems
                .push(format!("APP_LOG__FORMAT must be \"pretty\" or \"json\", not {:?}", self.log.format));
        }
        if let Err(problem) = check_database_url(self.database.url.expose_secret()) {
            problems.push(problem);
        }
        if self.events.retention_days == 0 {
            problems.push("APP_EVENTS__RETENTION_DAYS must be at least 1".to_string());
        }
        if self.database.max_connections == 0 {
            problems.push("APP_DATABASE__MAX_CONNECTIONS must be at least 1".to_string());
        }
        if !SMTP_TLS_MODES.contains(&self.smtp.tls.as_str()) {
            problems.push(format!(
                "APP_SMTP__TLS must be \"none\", \"starttls\" or \"tls\", not {:?}",
                self.smtp.tls
            ));
        }
        let public_url = self.server.public_url.as_str();
        if url_host(public_url).is_none_or(str::is_empty) {
            problems.push(format!(
                "APP_SERVER__PUBLIC_URL must be an http:// or https:// URL, not {public_url:?}"
            ));
        }
        match self.email.transport {
            Some(EmailTransport::DevMailbox) => {
                if !is_loopback_host(&self.server.host) {
                    problems.push(format!(
                        "APP_EMAIL__TRANSPORT=dev_mailbox shows every email (reset and invitation \
                         links included) to whoever reaches the server, so it needs a loopback \
                         APP_SERVER__HOST (127.0.0.1, ::1 or localhost), not {:?}; to send email \
                         set APP_EMAIL__TRANSPORT=smtp and APP_SMTP__HOST",
                        self.server.host
                    ));
                }
                if url_host(public_url).is_some_and(|host| !is_loopback_host(host)) {
                    problems.push(format!(
                        "APP_EMAIL__TRANSPORT=dev_mailbox is for local runs only, but \
                         APP_SERVER__PUBLIC_URL ({public_url}) is not on a loopback host (a \
                         proxy would publish the mailbox); set APP_EMAIL__TRANSPORT=smtp and \
                         APP_SMTP__HOST"
                    ));
                }
            }
            Some(EmailTransport::Smtp) if self.smtp.host.as_deref().is_none_or(|h| h.trim().is_empty()) => {
                problems.push(
                    "APP_EMAIL__TRANSPORT=smtp needs APP_SMTP__HOST (and APP_SMTP__PORT, \
                     APP_SMTP__TLS, APP_SMTP__USERNAME/PASSWORD as the server wants)"
                        .to_string(),
                );
            }
            Some(EmailTransport::Smtp) => {}
            None => {}
        }
        if let Some(token) = &self.metrics.token
            && token.expose_secret().chars().count() < MIN_METRICS_TOKEN_CHARS
        {
            problems.push(format!(
                "APP_METRICS__TOKEN must be at least {MIN_METRICS_TOKEN_CHARS} characters \
                 (e.g. `openssl rand -hex 16`)"
            ));
        }
        if self.webhooks.retry_delays_ms.is_empty() {
            problems.push("APP_WEBHOOKS__RETRY_DELAYS_MS must list at least one delay".to_string());
        }
        if self.webhooks.timeout_ms == 0 {
            problems.push("APP_WEBHOOKS__TIMEOUT_MS must be at least 1".to_string());
        }
        if let Some(key) = &self.secrets.key
            && let Err(problem) = crate::secret_box::decode_key(key.expose_secret())
        {
            problems.push(format!("APP_SECRETS__KEY {problem}"));
        }
        if problems.is_empty() { Ok(()) } else { Err(config::ConfigError::Message(problems.join("\n"))) }
    }

    /// Whether only this machine reaches the server (loopback host and public URL): a local
    /// run, not production.
    pub fn is_local_run(&self) -> bool {
        is_loopback_host(&self.server.host) && url_host(&self.server.public_url).is_some_and(is_loopback_host)
    }

    /// [`Settings::validate`], plus what only a server needs: a chosen email transport, and
    /// outside a local run the key that seals dealers' gateway secrets.
    pub fn validate_for_serving(&self) -> Result<(), config::ConfigError> {
        self.validate()?;
        if self.email.transport.is_none() {
            return Err(config::ConfigError::Message(
                "APP_EMAIL__TRANSPORT is not set: set it to smtp (with APP_SMTP__HOST) to send \
                 email, or to dev_mailbox for a local run on a loopback address (it shows every \
                 email to whoever reaches the server)"
                    .to_string(),
            ));
        }
        if self.secrets.key.is_none() && !self.is_local_run() {
            return Err(config::ConfigError::Message(
                "APP_SECRETS__KEY is not set: a server reachable beyond this machine needs a \
                 fixed key to seal payment gateway secrets (`openssl rand -base64 32`); without \
                 it they could not be read after a restart"
                    .to_string(),
            ));
        }
        Ok(())
    }

    /// Whether the development mailbox is on: chosen explicitly, and the server is local.
    pub fn dev_mailbox_enabled(&self) -> bool {
        self.email.transport == Some(EmailTransport::DevMailbox)
            && is_loopback_host(&self.server.host)
            && url_host(&self.server.public_url).is_some_and(is_loopback_host)
    }

    /// Whether people reach the app over https (then HSTS is sent).
    pub fn public_url_is_https(&self) -> bool {
        self.server.public_url.get(..8).is_some_and(|s| s.eq_ignore_ascii_case("https://"))
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
            .set_default("email.from", "Rental Portal <no-reply@rental-portal.example>")?
            .set_default("email.poll_interval_ms", 2000)?
            .set_default("email.retry_base_ms", 5000)?
            .set_default("email.retry_max_secs", 3600)?
            .set_default("email.max_attempts", 12)?
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
        self.auth.view_as_secs = self.auth.view_as_secs.clamp(1, MAX_VIEW_AS_SECS);
        self.auth.lockout_threshold = self.auth.lockout_threshold.max(1);
        self
    }
}

/// The variable behind a setting's key: `server.port` → `APP_SERVER__PORT`.
pub fn variable_of(key: &str) -> String {
    format!("APP_{}", key.to_ascii_uppercase().replace('.', "__"))
}

/// A deserialisation error ("invalid type ... for key `server.port`") with the variable
/// that sets the key, so the message says what to change.
fn name_the_variable(err: config::ConfigError) -> config::ConfigError {
    let text = err.to_string();
    let key = text.split_once("key `").and_then(|(_, rest)| rest.split_once('`')).map(|(key, _)| key);
    match key {
        Some(key) if !key.is_empty() => {
            config::ConfigError::Message(format!("{} (in {}): {text}", variable_of(key), key))
        }
        _ => err,
    }
}

/// A database URL the server can open: `postgres://` / `postgresql://`, a `sqlite:` URL or a
/// plain SQLite file path. The URL itself is never echoed (it may hold a password).
fn check_database_url(url: &str) -> Result<(), String> {
    if url.trim().is_empty() {
        return Err("APP_DATABASE__URL is empty: use postgres://user:password@host/database \
                    or a SQLite file path"
            .to_string());
    }
    match url.split_once("://") {
        None => Ok(()),
        Some((scheme, _)) if ["postgres", "postgresql", "sqlite"].contains(&scheme) => Ok(()),
        Some((scheme, _)) => Err(format!(
            "APP_DATABASE__URL: unsupported database {:?}; use postgres://user:password@host/database \
             (PostgreSQL), a sqlite: URL or a SQLite file path",
            format!("{}://", scheme.chars().take(20).collect::<String>())
        )),
    }
}

/// `localhost`, or an IPv4 or IPv6 loopback address (bracketed or not).
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim();
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The host of an `http://` or `https://` URL (`[::1]` for IPv6), without port or user.
fn url_host(url: &str) -> Option<&str> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return None;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host_port.starts_with('[') {
        return host_port.find(']').map(|end| &host_port[..=end]);
    }
    Some(host_port.split(':').next().unwrap_or_default())
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
        assert_eq!(settings.auth.view_as_secs, 1800, "a view as a customer lasts 30 minutes");
        assert!(!settings.server.trust_forwarded_for, "X-Forwarded-For is spoofable unless a proxy says so");
        let printed = format!("{settings:?}");
        assert!(!printed.contains("rental-portal.db"), "database URL may hold a password: {printed}");
    }

    /// Loads from these variables alone (never the process environment).
    fn load(vars: &[(&str, &str)]) -> Result<Settings, String> {
        let map = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Settings::load_with(Some(map)).map_err(|e| e.to_string())
    }

    fn refusal(vars: &[(&str, &str)]) -> String {
        load(vars).err().unwrap_or_else(|| panic!("{vars:?} should be refused"))
    }

    fn serving_refusal(vars: &[(&str, &str)]) -> String {
        let settings = load(vars).unwrap();
        settings.validate_for_serving().err().map(|e| e.to_string()).expect("refused for serving")
    }

    const DEV: (&str, &str) = ("APP_EMAIL__TRANSPORT", "dev_mailbox");

    #[test]
    fn a_log_format_other_than_pretty_or_json_is_refused_by_name() {
        let message = refusal(&[("APP_LOG__FORMAT", "jsn")]);
        assert!(message.contains("APP_LOG__FORMAT") && message.contains("\"jsn\""), "{message}");
        assert_eq!(load(&[("APP_LOG__FORMAT", "json")]).unwrap().log.format, "json");
    }

    #[test]
    fn unsupported_database_schemes_are_refused_without_echoing_the_url() {
        for url in ["mysql://root:hunter2@db/portal", "mariadb://x@y/z", "redis://cache", "sqlserver://a"] {
            let message = refusal(&[("APP_DATABASE__URL", url)]);
            assert!(message.contains("APP_DATABASE__URL"), "{message}");
            assert!(message.contains("unsupported database"), "{message}");
            assert!(!message.contains("hunter2"), "the URL may hold a password: {message}");
        }
        assert!(refusal(&[("APP_DATABASE__URL", " ")]).contains("APP_DATABASE__URL"));
        for url in
            ["postgres://u:p@h/d", "postgresql://h/d", "sqlite://data/x.db", "sqlite::memory:", "data/x.db"]
        {
            assert!(load(&[("APP_DATABASE__URL", url)]).is_ok(), "{url}");
        }
    }

    #[test]
    fn values_of_the_wrong_type_name_their_variable() {
        let message = refusal(&[("APP_SERVER__PORT", "eighty")]);
        assert!(message.contains("APP_SERVER__PORT"), "{message}");
        let message = refusal(&[("APP_EMAIL__TRANSPORT", "sendmail")]);
        assert!(message.contains("APP_EMAIL__TRANSPORT"), "{message}");
    }

    #[test]
    fn other_enumerations_and_numbers_are_checked() {
        assert!(refusal(&[("APP_SMTP__TLS", "ssl")]).contains("APP_SMTP__TLS"));
        assert!(refusal(&[("APP_DATABASE__MAX_CONNECTIONS", "0")]).contains("APP_DATABASE__MAX_CONNECTIONS"));
        assert!(
            refusal(&[("APP_SERVER__PUBLIC_URL", "portal.example.com")]).contains("APP_SERVER__PUBLIC_URL")
        );
        assert!(refusal(&[("APP_METRICS__TOKEN", "short")]).contains("APP_METRICS__TOKEN"));
        let token = "0123456789abcdef0123456789abcdef";
        assert!(load(&[("APP_METRICS__TOKEN", token)]).unwrap().metrics.token.is_some());
    }

    #[test]
    fn a_server_needs_an_email_transport_chosen_explicitly() {
        let settings = load(&[]).unwrap();
        assert_eq!(settings.email.transport, None, "no default transport");
        assert!(!settings.dev_mailbox_enabled());
        let message = serving_refusal(&[]);
        assert!(message.contains("APP_EMAIL__TRANSPORT is not set"), "{message}");
        let dev = load(&[DEV]).unwrap();
        assert!(dev.validate_for_serving().is_ok());
        assert!(dev.dev_mailbox_enabled());
    }

    #[test]
    fn the_dev_mailbox_is_refused_unless_the_server_is_local() {
        for host in ["0.0.0.0", "::", "192.168.1.10", "portal.example.com"] {
            let message = refusal(&[DEV, ("APP_SERVER__HOST", host)]);
            assert!(message.contains("APP_EMAIL__TRANSPORT=dev_mailbox"), "{message}");
            assert!(message.contains("APP_SERVER__HOST"), "{message}");
        }
        let message = refusal(&[DEV, ("APP_SERVER__PUBLIC_URL", "https://portal.example.com")]);
        assert!(message.contains("APP_SERVER__PUBLIC_URL"), "{message}");
        for host in ["127.0.0.1", "::1", "localhost", "127.0.0.2"] {
            let url = if host.contains(':') {
                format!("http://[{host}]:8080")
            } else {
                format!("http://{host}:8080")
            };
            let settings =
                load(&[DEV, ("APP_SERVER__HOST", host), ("APP_SERVER__PUBLIC_URL", &url)]).unwrap();
            assert!(settings.dev_mailbox_enabled(), "{host}");
        }
    }

    #[test]
    fn smtp_needs_a_host() {
        let message = refusal(&[("APP_EMAIL__TRANSPORT", "smtp")]);
        assert!(message.contains("APP_SMTP__HOST"), "{message}");
        let settings = load(&[
            ("APP_EMAIL__TRANSPORT", "smtp"),
            ("APP_SMTP__HOST", "mail"),
            ("APP_SERVER__HOST", "0.0.0.0"),
            ("APP_SERVER__PUBLIC_URL", "https://portal.example.com"),
            ("APP_SECRETS__KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="),
        ])
        .unwrap();
        assert!(settings.validate_for_serving().is_ok());
        assert!(settings.public_url_is_https());
    }

    #[test]
    fn the_secrets_key_is_checked_and_required_beyond_loopback() {
        let message = refusal(&[("APP_SECRETS__KEY", "short")]);
        assert!(message.contains("APP_SECRETS__KEY"), "{message}");
        assert!(!message.contains("short"), "the key is never echoed: {message}");
        let key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
        assert!(load(&[("APP_SECRETS__KEY", key)]).unwrap().secrets.key.is_some());
        let public = [
            ("APP_EMAIL__TRANSPORT", "smtp"),
            ("APP_SMTP__HOST", "mail"),
            ("APP_SERVER__HOST", "0.0.0.0"),
            ("APP_SERVER__PUBLIC_URL", "https://portal.example.com"),
        ];
        let message = serving_refusal(&public);
        assert!(message.contains("APP_SECRETS__KEY is not set"), "{message}");
        let mut with_key = public.to_vec();
        with_key.push(("APP_SECRETS__KEY", key));
        assert!(load(&with_key).unwrap().validate_for_serving().is_ok());
        assert!(load(&[DEV]).unwrap().validate_for_serving().is_ok(), "a local run makes its own");
    }

    #[test]
    fn hosts_of_urls() {
        assert_eq!(url_host("https://user:pw@Portal.example.com:8443/x?y"), Some("Portal.example.com"));
        assert_eq!(url_host("http://[::1]:8080/"), Some("[::1]"));
        assert_eq!(url_host("HTTP://localhost"), Some("localhost"));
        assert_eq!(url_host("ftp://x"), None);
        assert!(is_loopback_host("[::1]") && is_loopback_host("LOCALHOST") && !is_loopback_host("0.0.0.0"));
    }
}
