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
}

#[derive(Debug, Clone, Deserialize)]
pub struct ServerSettings {
    pub host: String,
    /// 0 picks a free port (tests).
    pub port: u16,
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
    pub refresh_token_ttl_days: u32,
    /// `Secure` attribute on the refresh cookie. Browsers accept Secure cookies from
    /// http://localhost and http://127.0.0.1, so this stays on except behind odd proxies.
    pub cookie_secure: bool,
    /// Concurrent argon2 computations; each takes ~19 MiB and a core for ~20 ms.
    pub max_concurrent_hashes: usize,
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
            .set_default("database.url", "data/rental-portal.db")?
            .set_default("database.max_connections", 8)?
            .set_default("auth.issuer", "rental-portal")?
            .set_default("auth.audience", "rental-portal-web")?
            .set_default("auth.access_token_ttl_secs", 900)?
            .set_default("auth.refresh_token_ttl_days", 30)?
            .set_default("auth.cookie_secure", true)?
            .set_default("auth.max_concurrent_hashes", 2)?
            .set_default("web.dist_dir", "web/dist")?
            .set_default("demo.seed_when_empty", true)?
            .set_default("log.format", "pretty")?
            .set_default("log.filter", "info,sqlx=warn")
    }

    fn clamped(mut self) -> Self {
        self.auth.access_token_ttl_secs = self.auth.access_token_ttl_secs.clamp(1, MAX_ACCESS_TTL_SECS);
        self.auth.max_concurrent_hashes = self.auth.max_concurrent_hashes.max(1);
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
        let printed = format!("{settings:?}");
        assert!(!printed.contains("rental-portal.db"), "database URL may hold a password: {printed}");
    }
}
