//! Safe to run in production (issue 12): the dev mailbox only when chosen on loopback, the
//! security headers, `/metrics` and its token, `/readyz` answering fast while the database
//! does not, and the `healthcheck` probe against a real server.

use std::time::{Duration, Instant};

use api::config::EmailTransport;
use api::startup::{
    CONTENT_SECURITY_POLICY, DOCS_CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY, STRICT_TRANSPORT_SECURITY,
};
use secrecy::SecretString;

use crate::db_test;
use api::demo::DEMO_CUSTOMER_EMAIL;

use crate::helpers::{Engine, TestApp, assert_problem, on_pool, spawn_app_with, try_spawn_app_with};

const METRICS_TOKEN: &str = "metrics-token-metrics-token-0123456789";

/// Declares a test per engine whose body takes the engine (for apps that must not start).
macro_rules! engine_test {
    ($name:ident, $body:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$body(crate::helpers::Engine::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if !crate::helpers::postgres_wanted() {
                    return;
                }
                super::$body(crate::helpers::Engine::Postgres).await;
            }
        }
    };
}

async fn refusal(engine: Engine, configure: impl FnOnce(&mut api::config::Settings)) -> String {
    match try_spawn_app_with(engine, configure).await {
        Ok(_) => panic!("the server should refuse to start"),
        Err(err) => format!("{err:#}"),
    }
}

engine_test!(dev_mailbox_only_when_chosen_on_loopback, dev_mailbox_only_when_chosen_on_loopback_on);

async fn dev_mailbox_only_when_chosen_on_loopback_on(engine: Engine) {
    // Not chosen: no default transport, the server names the variable and stops.
    let message = refusal(engine, |s| s.email.transport = None).await;
    assert!(message.contains("APP_EMAIL__TRANSPORT is not set"), "{message}");

    // Chosen, but listening on every interface.
    let message = refusal(engine, |s| s.server.host = "0.0.0.0".into()).await;
    assert!(message.contains("APP_EMAIL__TRANSPORT=dev_mailbox"), "{message}");
    assert!(message.contains("APP_SERVER__HOST") && message.contains("0.0.0.0"), "{message}");

    // Chosen on loopback, but published under a public URL (a proxy in front).
    let message = refusal(engine, |s| s.server.public_url = "https://portal.example.com".into()).await;
    assert!(message.contains("APP_SERVER__PUBLIC_URL"), "{message}");

    // SMTP without a host is refused too.
    let message = refusal(engine, |s| {
        s.email.transport = Some(EmailTransport::Smtp);
        s.smtp.host = None;
    })
    .await;
    assert!(message.contains("APP_SMTP__HOST"), "{message}");

    // SMTP on every interface starts, and there is no mailbox.
    let app = spawn_app_with(engine, |s| {
        s.server.host = "0.0.0.0".into();
        s.email.transport = Some(EmailTransport::Smtp);
        s.smtp.host = Some("127.0.0.1".into());
    })
    .await;
    let mailbox = app.client.get(app.url("/api/v1/dev/mailbox")).send().await.unwrap();
    assert_problem(mailbox, 404, "not_found").await;

    // Chosen explicitly on loopback (the test default): the mailbox is there.
    let app = spawn_app_with(engine, |_| {}).await;
    assert_eq!(app.client.get(app.url("/api/v1/dev/mailbox")).send().await.unwrap().status(), 200);
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

/// The web app's index, an API route and a static file.
async fn answers_of_every_kind(app: &TestApp) -> Vec<(&'static str, reqwest::Response)> {
    let mut answers = Vec::new();
    for path in ["/", "/api/v1/branding/summit", "/app.css", "/api/v1/me"] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        answers.push((path, response));
    }
    answers
}

db_test!(security_headers_on_the_app_the_api_and_static_files, |app| async move {
    for (path, response) in answers_of_every_kind(&app).await {
        let csp = header(&response, "content-security-policy").unwrap_or_else(|| panic!("{path}: no CSP"));
        assert_eq!(csp, CONTENT_SECURITY_POLICY, "{path}");
        let script_src = csp.split(';').map(str::trim).find(|d| d.starts_with("script-src ")).unwrap();
        assert!(!script_src.contains("unsafe-inline") && !script_src.contains("'unsafe-eval'"), "{csp}");
        assert!(script_src.contains("'wasm-unsafe-eval'"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"), "{csp}");
        let permissions = header(&response, "permissions-policy").unwrap_or_else(|| panic!("{path}"));
        assert_eq!(permissions, PERMISSIONS_POLICY);
        assert!(permissions.contains("camera=()") && permissions.contains("geolocation=()"));
        assert_eq!(header(&response, "x-content-type-options"), Some("nosniff"), "{path}");
        assert_eq!(header(&response, "x-frame-options"), Some("DENY"), "{path}");
        // The public URL is http here: no HSTS.
        assert_eq!(header(&response, "strict-transport-security"), None, "{path}");
    }
    // Swagger UI injects a <style> element: its policy allows that, and no more.
    let docs = app.client.get(app.url("/api/docs/")).send().await.unwrap();
    assert_eq!(header(&docs, "content-security-policy"), Some(DOCS_CONTENT_SECURITY_POLICY));
    assert!(header(&docs, "permissions-policy").is_some());
    assert!(DOCS_CONTENT_SECURITY_POLICY.contains("script-src 'self' 'wasm-unsafe-eval';"));
});

db_test!(
    hsts_when_the_public_url_is_https,
    settings = |s| {
        // What production looks like: SMTP, reached over https.
        s.email.transport = Some(EmailTransport::Smtp);
        s.smtp.host = Some("127.0.0.1".into());
        s.server.public_url = "https://portal.example.com".into();
    },
    |app| async move {
        for (path, response) in answers_of_every_kind(&app).await {
            assert_eq!(
                header(&response, "strict-transport-security"),
                Some(STRICT_TRANSPORT_SECURITY),
                "{path}"
            );
            assert!(header(&response, "content-security-policy").is_some(), "{path}");
        }
    }
);

db_test!(metrics_are_off_without_a_token, |app| async move {
    let response = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_problem(response, 404, "not_found").await;
    let response = app.client.get(app.url("/metrics")).bearer_auth(METRICS_TOKEN).send().await.unwrap();
    assert_problem(response, 404, "not_found").await;
});

async fn scrape(app: &TestApp) -> String {
    let response = app.client.get(app.url("/metrics")).bearer_auth(METRICS_TOKEN).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(header(&response, "content-type").unwrap().starts_with("text/plain; version=0.0.4"));
    response.text().await.unwrap()
}

/// The value of the sample `name` (with its labels, exactly as exposed).
fn sample(text: &str, name: &str) -> Option<f64> {
    text.lines().find_map(|line| line.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
}

/// An email waiting for a retry an hour from now: the outbox backlog.
async fn queue_pending_email(app: &TestApp) {
    let later = chrono::Utc::now() + chrono::Duration::hours(1);
    on_pool!(&app.db, pool => {
        sqlx::query(
            "INSERT INTO email_outbox (id, kind, to_address, subject, body_text, body_html, status, \
             attempts, next_attempt_at, created_at) \
             VALUES ($1, 'password_reset', 'x@example.com', 's', 't', 'h', 'pending', 1, $2, $3)",
        )
        .bind(uuid::Uuid::now_v7())
        .bind(later)
        .bind(chrono::Utc::now())
        .execute(pool)
        .await
        .unwrap();
    });
}

db_test!(
    metrics_need_the_token_and_report_routes_backlogs_and_logins,
    settings = |s| s.metrics.token = Some(SecretString::from(METRICS_TOKEN.to_string())),
    |app| async move {
        let missing = app.client.get(app.url("/metrics")).send().await.unwrap();
        assert_eq!(header(&missing, "www-authenticate").map(|h| h.starts_with("Bearer")), Some(true));
        assert_problem(missing, 401, "unauthenticated").await;
        let wrong =
            app.client.get(app.url("/metrics")).bearer_auth("metrics-token-but-not-the-right-one-0000");
        assert_eq!(wrong.send().await.unwrap().status(), 401);

        // A raw path with an id is counted under its pattern.
        let account = uuid::Uuid::now_v7();
        let contracts = format!("/api/v1/accounts/{account}/contracts");
        assert_eq!(app.client.get(app.url(&contracts)).send().await.unwrap().status(), 401);
        assert_eq!(app.post_login(DEMO_CUSTOMER_EMAIL, "not-the-password").await.status(), 401);
        assert_eq!(app.post_login(DEMO_CUSTOMER_EMAIL, "not-the-password").await.status(), 401);
        queue_pending_email(&app).await;

        let text = scrape(&app).await;
        assert!(!text.contains(&account.to_string()), "raw paths must not become labels");
        let counted = r#"rental_portal_http_requests_total{method="GET",route="/api/v1/accounts/{account_id}/contracts",status="401"}"#;
        assert_eq!(sample(&text, counted), Some(1.0), "{text}");
        let timed = r#"rental_portal_http_request_duration_seconds_count{method="POST",route="/api/v1/auth/login",status="401"}"#;
        assert_eq!(sample(&text, timed), Some(2.0), "{text}");
        assert!(text.contains(r#"rental_portal_http_request_duration_seconds_bucket{method="POST",route="/api/v1/auth/login",status="401",le="0.5"}"#));
        assert_eq!(sample(&text, r#"rental_portal_login_failures_total{endpoint="person"}"#), Some(2.0));
        assert_eq!(sample(&text, r#"rental_portal_login_failures_total{endpoint="client"}"#), Some(0.0));
        // The two refused scrapes, under the route's pattern.
        let refused = r#"rental_portal_http_requests_total{method="GET",route="/metrics",status="401"}"#;
        assert_eq!(sample(&text, refused), Some(2.0), "{text}");
        assert_eq!(sample(&text, "rental_portal_email_outbox_pending"), Some(1.0), "{text}");
        assert_eq!(sample(&text, "rental_portal_payments_processing"), Some(0.0), "{text}");
        assert_eq!(sample(&text, "rental_portal_db_up"), Some(1.0));
        assert_eq!(sample(&text, "rental_portal_db_pool_max_connections"), Some(4.0));
        assert!(sample(&text, r#"rental_portal_db_pool_connections{state="idle"}"#).is_some());
        assert!(sample(&text, r#"rental_portal_db_pool_connections{state="in_use"}"#).is_some());
        let build = format!(r#"rental_portal_build_info{{version="{}"}}"#, env!("CARGO_PKG_VERSION"));
        assert_eq!(sample(&text, &build), Some(1.0), "{text}");
    }
);

db_test!(readyz_answers_503_at_its_own_timeout_while_the_pool_is_exhausted, |app| async move {
    // Every connection of the pool taken (a stuck database looks the same from here).
    on_pool!(&app.db, pool => {
        let mut held = Vec::new();
        for _ in 0..pool.options().get_max_connections() {
            held.push(pool.acquire().await.unwrap());
        }
        let started = Instant::now();
        let response = app.client.get(app.url("/readyz")).send().await.unwrap();
        let took = started.elapsed();
        assert_problem(response, 503, "service_unavailable").await;
        // Its own 500 ms bound, not the pool's 10 s acquire timeout (margin for a loaded machine).
        assert!(took < Duration::from_secs(3), "readyz took {took:?}");
        drop(held);
    });
    // Connections back: ready again.
    assert_eq!(app.client.get(app.url("/readyz")).send().await.unwrap().status(), 200);
});

/// A "database" that accepts connections and never says a word: a hung server or a network
/// black hole. Connecting to it hangs until the pool gives up.
fn silent_database() -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut open = Vec::new();
        for stream in listener.incoming().flatten() {
            open.push(stream);
        }
    });
    address
}

/// Needs no PostgreSQL server: the pool points at [`silent_database`].
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_and_healthcheck_fail_fast_while_the_database_hangs() {
    let address = silent_database();
    let pool = sqlx::postgres::PgPoolOptions::new()
        .acquire_timeout(Duration::from_secs(10))
        .connect_lazy(&format!("postgres://portal@{address}/portal"))
        .unwrap();
    let mut settings = api::config::Settings::default_settings().unwrap();
    settings.server.port = 0;
    settings.email.transport = Some(EmailTransport::DevMailbox);
    let app = api::startup::Application::build_with_db(settings, api::db::Db::Postgres(pool)).await.unwrap();
    let port = app.port();
    tokio::spawn(app.run_until_stopped());

    let started = Instant::now();
    let response = reqwest::get(format!("http://127.0.0.1:{port}/readyz")).await.unwrap();
    assert_eq!(response.status(), 503);
    // Its own 500 ms bound, not the pool's 10 s acquire timeout (the margin is for a loaded
    // machine: this is about which timeout answers, not how fast the server is).
    assert!(started.elapsed() < Duration::from_secs(3), "readyz took {:?}", started.elapsed());

    // The container's probe says unhealthy, in time for Docker's 3 s timeout.
    let probe = ([127, 0, 0, 1], port).into();
    let started = Instant::now();
    let err = tokio::task::spawn_blocking(move || {
        api::healthcheck::check(probe, "/readyz", api::healthcheck::TIMEOUT)
    })
    .await
    .unwrap()
    .unwrap_err();
    assert!(err.to_string().contains("503"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(3), "the probe took {:?}", started.elapsed());
}

db_test!(healthcheck_passes_against_a_ready_server, |app| async move {
    let port: u16 = app.address.rsplit(':').next().unwrap().parse().unwrap();
    let mut server = app.settings.server.clone();
    server.port = port;
    let probe = api::healthcheck::probe_address(&server).unwrap();
    let status = tokio::task::spawn_blocking(move || {
        api::healthcheck::check(probe, "/readyz", api::healthcheck::TIMEOUT)
    })
    .await
    .unwrap()
    .unwrap();
    assert!(status.ends_with("200 OK"), "{status}");
});

/// PostgreSQL: the server's connections run without JIT compilation, which only costs an
/// OLTP statement time (about 100 ms for a plan costed on tables not analysed yet), however
/// the server's own configuration has it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_connections_run_without_jit() {
    if !crate::helpers::postgres_wanted() {
        return;
    }
    let app = crate::helpers::spawn_app(Engine::Postgres).await;
    let api::db::Db::Postgres(pool) = &app.db else { unreachable!("a PostgreSQL app") };
    let server_default: String = sqlx::query_scalar("SELECT boot_val FROM pg_settings WHERE name = 'jit'")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(server_default, "on", "PostgreSQL's own default, which the server overrides");
    // Every connection of the pool, not only the first.
    let mut held = Vec::new();
    for _ in 0..3 {
        let mut conn = pool.acquire().await.unwrap();
        let jit: String = sqlx::query_scalar("SHOW jit").fetch_one(&mut *conn).await.unwrap();
        assert_eq!(jit, "off");
        held.push(conn);
    }
}
