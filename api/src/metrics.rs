//! What `GET /metrics` reports, in the Prometheus text format: the counters and histograms
//! the request middleware (`routes::metrics::track`) feeds, and the gauges read at each scrape
//! (database pool, email outbox and payment backlogs). One registry per server, so servers in
//! one process (the test suite) never mix their numbers.
//!
//! Route labels are the matched pattern (`/api/v1/accounts/{account_id}/contracts`), never
//! the raw path, and the method is one of the standard ones or `OTHER`: every label has a
//! bounded set of values whatever clients send.

use prometheus::{
    Encoder, Histogram, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry,
    TextEncoder,
};

/// Label of requests no route pattern matched (the web app's files and fallback, unknown paths).
pub const UNMATCHED: &str = "unmatched";

/// The server's metrics.
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    durations: HistogramVec,
    login_failures: IntCounterVec,
    pool_connections: IntGaugeVec,
    pool_max: IntGauge,
    db_up: IntGauge,
    outbox_pending: IntGauge,
    payments_processing: IntGauge,
    scrape_duration: Histogram,
}

/// What a scrape reads from the database; `None` when it could not be read in time.
#[derive(Debug, Clone, Copy, Default)]
pub struct Backlog {
    /// Emails waiting in the outbox (`status = 'pending'`: due, or waiting for a retry).
    pub outbox_pending: i64,
    /// Payments between the gateway call and its outcome (`status = 'processing'`).
    pub payments_processing: i64,
}

/// The database pool at the moment of a scrape.
#[derive(Debug, Clone, Copy)]
pub struct PoolUsage {
    pub idle: u64,
    pub in_use: u64,
    pub max: u64,
}

/// Which login endpoint a failure came from.
#[derive(Debug, Clone, Copy)]
pub enum LoginEndpoint {
    /// A person's `POST /api/v1/auth/login`.
    Person,
    /// An API client's `POST /api/v1/oauth/token`.
    Client,
}

impl Metrics {
    pub fn new() -> prometheus::Result<Self> {
        let registry = Registry::new_custom(Some("rental_portal".into()), None)?;
        let requests = IntCounterVec::new(
            Opts::new("http_requests_total", "HTTP requests answered, by method, route pattern and status"),
            &["method", "route", "status"],
        )?;
        let durations = HistogramVec::new(
            HistogramOpts::new(
                "http_request_duration_seconds",
                "Time to answer an HTTP request (to the response head), by method, route pattern and status",
            ),
            &["method", "route", "status"],
        )?;
        let login_failures = IntCounterVec::new(
            Opts::new(
                "login_failures_total",
                "Failed logins (401: unknown, wrong, disabled or locked), by endpoint: person or client",
            ),
            &["endpoint"],
        )?;
        let pool_connections = IntGaugeVec::new(
            Opts::new("db_pool_connections", "Database pool connections, by state: idle or in_use"),
            &["state"],
        )?;
        let pool_max = IntGauge::new("db_pool_max_connections", "Database pool size limit")?;
        let db_up = IntGauge::new(
            "db_up",
            "1 when the last scrape read the database in time, else 0 (the backlog gauges are then stale)",
        )?;
        let outbox_pending =
            IntGauge::new("email_outbox_pending", "Emails in the outbox waiting to be sent (or retried)")?;
        let payments_processing = IntGauge::new(
            "payments_processing",
            "Payments in `processing`: gateway outcome not yet recorded",
        )?;
        let scrape_duration = Histogram::with_opts(HistogramOpts::new(
            "scrape_duration_seconds",
            "Time to read the scrape's gauges",
        ))?;
        let build_info = IntGaugeVec::new(
            Opts::new("build_info", "The running build: always 1, its version as a label"),
            &["version"],
        )?;
        build_info.with_label_values(&[env!("CARGO_PKG_VERSION")]).set(1);
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(durations.clone()))?;
        registry.register(Box::new(login_failures.clone()))?;
        registry.register(Box::new(pool_connections.clone()))?;
        registry.register(Box::new(pool_max.clone()))?;
        registry.register(Box::new(db_up.clone()))?;
        registry.register(Box::new(outbox_pending.clone()))?;
        registry.register(Box::new(payments_processing.clone()))?;
        registry.register(Box::new(scrape_duration.clone()))?;
        registry.register(Box::new(build_info))?;
        // Present from the start, so a dashboard shows 0 rather than nothing.
        for endpoint in [LoginEndpoint::Person, LoginEndpoint::Client] {
            login_failures.with_label_values(&[endpoint.label()]);
        }
        Ok(Self {
            registry,
            requests,
            durations,
            login_failures,
            pool_connections,
            pool_max,
            db_up,
            outbox_pending,
            payments_processing,
            scrape_duration,
        })
    }

    /// One answered request. `route` is the matched pattern or [`UNMATCHED`].
    pub fn observe_request(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let method = standard_method(method);
        let status = status.to_string();
        let labels = [method, route, status.as_str()];
        self.requests.with_label_values(&labels).inc();
        self.durations.with_label_values(&labels).observe(seconds);
    }

    pub fn login_failed(&self, endpoint: LoginEndpoint) {
        self.login_failures.with_label_values(&[endpoint.label()]).inc();
    }

    /// Sets the gauges read at a scrape; `backlog` is `None` when the database did not answer.
    pub fn record_scrape(&self, pool: PoolUsage, backlog: Option<Backlog>, seconds: f64) {
        self.pool_connections.with_label_values(&["idle"]).set(saturating(pool.idle));
        self.pool_connections.with_label_values(&["in_use"]).set(saturating(pool.in_use));
        self.pool_max.set(saturating(pool.max));
        match backlog {
            Some(backlog) => {
                self.db_up.set(1);
                self.outbox_pending.set(backlog.outbox_pending);
                self.payments_processing.set(backlog.payments_processing);
            }
            None => self.db_up.set(0),
        }
        self.scrape_duration.observe(seconds);
    }

    /// Everything, in the Prometheus text exposition format (version 0.0.4).
    pub fn render(&self) -> prometheus::Result<String> {
        let mut buffer = Vec::new();
        TextEncoder::new().encode(&self.registry.gather(), &mut buffer)?;
        String::from_utf8(buffer).map_err(|e| prometheus::Error::Msg(e.to_string()))
    }
}

impl LoginEndpoint {
    fn label(self) -> &'static str {
        match self {
            LoginEndpoint::Person => "person",
            LoginEndpoint::Client => "client",
        }
    }
}

/// The content type of [`Metrics::render`].
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

fn saturating(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// A standard method's name, or `OTHER` (methods are client-chosen tokens).
fn standard_method(method: &str) -> &str {
    match method {
        "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" | "TRACE" | "CONNECT" => method,
        _ => "OTHER",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_requests_by_pattern_and_the_backlog() {
        let metrics = Metrics::new().unwrap();
        metrics.observe_request("GET", "/api/v1/accounts/{account_id}/contracts", 200, 0.012);
        metrics.observe_request("BREW", UNMATCHED, 404, 0.001);
        metrics.login_failed(LoginEndpoint::Person);
        let pool = PoolUsage { idle: 3, in_use: 1, max: 8 };
        metrics.record_scrape(pool, Some(Backlog { outbox_pending: 4, payments_processing: 2 }), 0.01);
        let text = metrics.render().unwrap();
        for line in [
            r#"rental_portal_http_requests_total{method="GET",route="/api/v1/accounts/{account_id}/contracts",status="200"} 1"#,
            r#"rental_portal_http_requests_total{method="OTHER",route="unmatched",status="404"} 1"#,
            r#"rental_portal_login_failures_total{endpoint="person"} 1"#,
            r#"rental_portal_login_failures_total{endpoint="client"} 0"#,
            r#"rental_portal_db_pool_connections{state="in_use"} 1"#,
            "rental_portal_db_pool_max_connections 8",
            "rental_portal_db_up 1",
            "rental_portal_email_outbox_pending 4",
            "rental_portal_payments_processing 2",
            "# TYPE rental_portal_http_request_duration_seconds histogram",
        ] {
            assert!(text.lines().any(|l| l == line), "missing {line:?} in\n{text}");
        }
        assert!(text.contains(r#"rental_portal_build_info{version=""#));
        metrics.record_scrape(pool, None, 0.01);
        assert!(metrics.render().unwrap().lines().any(|l| l == "rental_portal_db_up 0"));
    }
}
