//! `spawn_app()` and friends: start the real server against a fresh database.

use std::path::PathBuf;

use api::config::Settings;
use api::db::Db;
use api::demo::{DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD, DemoSize};
use api::startup::Application;
use reqwest::header::SET_COOKIE;
use secrecy::SecretString;
use serde_json::{Value, json};
use shared::auth::SessionResponse;
use uuid::Uuid;

/// The environment variable that turns on the PostgreSQL run.
pub const POSTGRES_ENV: &str = "TEST_POSTGRES_URL";

/// Whether the PostgreSQL variants run (`TEST_POSTGRES_URL` is set); says so when they do not.
pub fn postgres_wanted() -> bool {
    let wanted = std::env::var(POSTGRES_ENV).is_ok();
    if !wanted {
        eprintln!("{POSTGRES_ENV} unset: PostgreSQL variant not run");
    }
    wanted
}
pub const JWT_SECRET: &str = "test-secret-test-secret-test-secret-0123";
/// `APP_SECRETS__KEY` of the test servers: 32 bytes, base64.
pub const SECRETS_KEY: &str = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Declares one test per engine: `db_test!(name, |app| async move { ... })`, or with
/// settings of its own: `db_test!(name, settings = |s| { s.auth.lockout_threshold = 3 },
/// |app| async move { ... })`.
/// The PostgreSQL variant passes without running when `TEST_POSTGRES_URL` is unset.
#[macro_export]
macro_rules! db_test {
    ($name:ident, |$app:ident| $body:expr) => {
        $crate::db_test!($name, settings = |_settings| {}, |$app| $body);
    };
    ($name:ident, settings = $configure:expr, |$app:ident| $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $app = $crate::helpers::spawn_app_with($crate::helpers::Engine::Sqlite, $configure).await;
                $body.await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if !$crate::helpers::postgres_wanted() {
                    return;
                }
                let $app =
                    $crate::helpers::spawn_app_with($crate::helpers::Engine::Postgres, $configure).await;
                $body.await;
            }
        }
    };
}

/// Runs a body against whichever pool the test database is (fixtures only).
macro_rules! on_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            ::api::db::Db::Sqlite($pool) => $body,
            ::api::db::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

/// The rows of a CSV export, after checking it starts with the BOM spreadsheets need.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').expect("UTF-8 BOM for spreadsheets");
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

pub struct TestApp {
    pub address: String,
    pub db: Db,
    pub client: reqwest::Client,
    pub settings: Settings,
    _guard: DatabaseGuard,
}

/// Owns the per-test database and removes it when the test ends.
enum DatabaseGuard {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl Drop for DatabaseGuard {
    fn drop(&mut self) {
        if let DatabaseGuard::Postgres { admin_url, name } = self {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop runs inside the test's runtime; a helper thread gets a runtime of its own.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
                runtime.block_on(async move {
                    use sqlx::Connection;
                    let mut conn = sqlx::PgConnection::connect(&admin_url).await?;
                    let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                    sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut conn).await?;
                    Ok::<_, anyhow::Error>(())
                })
            })
            .join();
        }
    }
}

/// Built web app stand-in for the SPA fallback tests. Written once per test process, and
/// by rename, so a test serving `index.html` never reads it while another test rewrites it
/// (a truncated file made the SPA fallback test flaky).
fn test_dist() -> PathBuf {
    static DIST: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIST.get_or_init(|| {
        let dir = std::env::temp_dir().join("rental-portal-test-dist");
        std::fs::create_dir_all(&dir).expect("test dist dir");
        let staged = dir.join(format!("index.html.{}", std::process::id()));
        std::fs::write(&staged, "<!doctype html><title>Rental Portal</title>").expect("test index.html");
        std::fs::rename(&staged, dir.join("index.html")).expect("test index.html in place");
        // A static asset, as the web build's hashed files (headers tests).
        let staged = dir.join(format!("app.css.{}", std::process::id()));
        std::fs::write(&staged, "body { margin: 0; }").expect("test app.css");
        std::fs::rename(&staged, dir.join("app.css")).expect("test app.css in place");
        dir
    })
    .clone()
}

/// The app with the test defaults (tests that start apps by hand; `db_test!` uses
/// [`spawn_app_with`]).
#[allow(dead_code)]
pub async fn spawn_app(engine: Engine) -> TestApp {
    spawn_app_with(engine, |_| {}).await
}

/// [`spawn_app`] with settings adjusted by `configure` after the test defaults.
pub async fn spawn_app_with(engine: Engine, configure: impl FnOnce(&mut Settings)) -> TestApp {
    try_spawn_app_with(engine, configure).await.expect("build app")
}

/// [`spawn_app_with`], answering the server's refusal to start instead of panicking.
pub async fn try_spawn_app_with(
    engine: Engine,
    configure: impl FnOnce(&mut Settings),
) -> anyhow::Result<TestApp> {
    // TEST_LOG=1 shows the server's log (errors behind a 500, for one).
    if std::env::var_os("TEST_LOG").is_some() {
        api::telemetry::init(&api::config::LogSettings { format: "pretty".into(), filter: "info".into() });
    }
    let mut settings = Settings::default_settings().expect("default settings");
    settings.server.port = 0;
    settings.auth.jwt_secret = Some(SecretString::from(JWT_SECRET.to_string()));
    // Some tests serve on a public URL, where the key sealing gateway secrets is required.
    settings.secrets.key = Some(SecretString::from(SECRETS_KEY.to_string()));
    settings.web.dist_dir = test_dist().to_string_lossy().into_owned();
    // Every test logs in from 127.0.0.1, many times: rate limits are for the tests of them.
    settings.rate_limit.login_per_minute = 100_000;
    settings.rate_limit.login_burst = 100_000;
    settings.rate_limit.refresh_per_minute = 100_000;
    settings.rate_limit.sensitive_per_hour = 100_000;
    settings.rate_limit.sensitive_burst = 100_000;
    settings.rate_limit.user_per_minute = 100_000;
    settings.rate_limit.user_burst = 100_000;
    settings.rate_limit.client_per_minute = 100_000;
    settings.rate_limit.client_burst = 100_000;
    settings.rate_limit.anonymous_per_minute = 100_000;
    settings.rate_limit.anonymous_burst = 100_000;
    settings.rate_limit.login_failures_per_account_per_hour = 100_000;
    settings.rate_limit.login_failures_per_account_burst = 100_000;
    settings.rate_limit.login_failures_per_address_per_hour = 100_000;
    settings.rate_limit.login_failures_per_address_burst = 100_000;
    // The tests read links from the development mailbox; it must be chosen explicitly.
    settings.email.transport = Some(api::config::EmailTransport::DevMailbox);
    // Webhook receivers of the tests listen on loopback over plain http.
    settings.webhooks.allow_http = true;
    settings.webhooks.allow_private_targets = true;
    settings.webhooks.poll_interval_ms = 50;
    configure(&mut settings);

    let (db, guard) = match engine {
        Engine::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = dir.path().join("test.db").to_string_lossy().into_owned();
            (Db::connect(&url, 4).await.expect("sqlite"), DatabaseGuard::Sqlite(dir))
        }
        Engine::Postgres => {
            use sqlx::Connection;
            let admin_url = std::env::var(POSTGRES_ENV).expect("TEST_POSTGRES_URL");
            let name = format!("rp_test_{}", uuid::Uuid::now_v7().simple());
            let mut conn = sqlx::PgConnection::connect(&admin_url).await.expect("postgres admin");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
                .execute(&mut conn)
                .await
                .expect("create database");
            let url = database_url(&admin_url, &name);
            (Db::connect(&url, 4).await.expect("postgres"), DatabaseGuard::Postgres { admin_url, name })
        }
    };
    db.migrate().await.expect("migrations");
    // A dealer going live starts from an empty database: `demo.seed_when_empty = false`.
    if settings.demo.seed_when_empty {
        let hasher = api::auth::PasswordHasher::new(2).expect("hasher");
        api::demo::seed_if_empty(&db, &hasher, DemoSize::small(), api::demo::today()).await.expect("seed");
    }

    let app = Application::build_with_db(settings.clone(), db.clone()).await?;
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let client =
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
    Ok(TestApp { address, db, client, settings, _guard: guard })
}

/// `admin_url` with its database name replaced by `name`.
fn database_url(admin_url: &str, name: &str) -> String {
    let (base, query) = admin_url.split_once('?').map_or((admin_url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// A logged-in session: the access token and the refresh cookie value.
pub struct Session {
    pub body: SessionResponse,
    pub refresh_cookie: String,
}

impl Session {
    pub fn token(&self) -> &str {
        &self.body.access_token
    }

    /// The first account at the dealer with this slug.
    pub fn account_at(&self, slug: &str) -> uuid::Uuid {
        self.body.accounts.iter().find(|a| a.dealer.slug == slug).map(|a| a.id).expect("account at dealer")
    }
}

/// The whole `Set-Cookie` header of the refresh cookie, attributes included, if any.
pub fn refresh_set_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("rp_refresh="))
        .map(str::to_string)
}

/// The value of the refresh cookie set by `response`, if any.
pub fn refresh_cookie_of(response: &reqwest::Response) -> Option<String> {
    refresh_set_cookie(response)
        .map(|c| c["rp_refresh=".len()..].split(';').next().unwrap_or_default().to_string())
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn post_login(&self, login: &str, password: &str) -> reqwest::Response {
        self.client
            .post(self.url("/api/v1/auth/login"))
            .json(&json!({ "login": login, "password": password }))
            .send()
            .await
            .expect("request")
    }

    pub async fn login(&self, login: &str, password: &str) -> Session {
        let response = self.post_login(login, password).await;
        assert_eq!(response.status(), 200, "login as {login}");
        let refresh_cookie = refresh_cookie_of(&response).expect("refresh cookie");
        let body = response.json().await.expect("session json");
        Session { body, refresh_cookie }
    }

    /// An access token for the demo dealer's back office, for the `/integrations/*` routes:
    /// the demo admin creates an API client holding every scope, which gets a token.
    #[allow(dead_code)]
    pub async fn integrator_token(&self) -> String {
        let admin = self.login(api::demo::DEMO_ADMIN_EMAIL, api::demo::DEMO_ADMIN_PASSWORD).await;
        let client = self.create_api_client(admin.token(), &shared::integrations::Scope::ALL).await;
        self.client_token(&client, None).await
    }

    /// A dealer admin of the dealer with this slug, signed in: their access token.
    #[allow(dead_code)]
    pub async fn create_dealer_admin(&self, dealer_slug: &str) -> String {
        let dealer: Uuid = on_pool!(&self.db, pool => {
            sqlx::query_scalar("SELECT id FROM dealers WHERE slug = $1").bind(dealer_slug).fetch_one(pool).await.expect("dealer")
        });
        let email = format!("admin-{}@{dealer_slug}.example", Uuid::now_v7().simple());
        let hasher = api::auth::PasswordHasher::new(1).expect("hasher");
        let user = api::db::users::NewUser {
            id: api::ids::UserId::new(Uuid::now_v7()),
            email: email.clone(),
            phone_normalized: None,
            display_name: "Another Admin".into(),
            password_hash: Some(hasher.hash(OTHER_PASSWORD.to_string()).await.expect("hash")),
            role: shared::auth::UserRole::DealerAdmin,
            dealer_id: Some(api::ids::DealerId::new(dealer)),
        };
        api::db::users::insert(&self.db, &user, chrono::Utc::now()).await.expect("insert admin");
        self.login(&email, OTHER_PASSWORD).await.body.access_token
    }

    /// A new API client of the admin's dealer holding `scopes`, with its secret.
    #[allow(dead_code)]
    pub async fn create_api_client(
        &self,
        admin_token: &str,
        scopes: &[shared::integrations::Scope],
    ) -> shared::integrations::ApiClientSecret {
        let response = self
            .client
            .post(self.url("/api/v1/admin/api-clients"))
            .bearer_auth(admin_token)
            .json(&json!({ "name": "Back office", "scopes": scopes }))
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 201, "create API client");
        response.json().await.expect("client json")
    }

    /// `POST /oauth/token` with the client's credentials in the form.
    #[allow(dead_code)]
    pub async fn post_token(&self, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url("/api/v1/oauth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(serde_urlencoded::to_string(form).expect("form"))
            .send()
            .await
            .expect("request")
    }

    /// A token for `client`, asking for `scope` (all its scopes when `None`).
    #[allow(dead_code)]
    pub async fn client_token(
        &self,
        client: &shared::integrations::ApiClientSecret,
        scope: Option<&str>,
    ) -> String {
        let mut form = vec![
            ("grant_type", "client_credentials"),
            ("client_id", client.client.client_id.as_str()),
            ("client_secret", client.client_secret.as_str()),
        ];
        form.extend(scope.map(|scope| ("scope", scope)));
        let response = self.post_token(&form).await;
        assert_eq!(response.status(), 200, "token grant");
        let body: Value = response.json().await.expect("token json");
        body["access_token"].as_str().expect("access_token").to_string()
    }

    pub async fn login_demo(&self) -> Session {
        self.login(DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD).await
    }

    pub async fn post_refresh(&self, cookie: &str) -> reqwest::Response {
        self.client
            .post(self.url("/api/v1/auth/refresh"))
            .header("Cookie", format!("rp_refresh={cookie}"))
            .send()
            .await
            .expect("request")
    }

    pub async fn get(&self, path: &str, token: &str) -> reqwest::Response {
        self.client.get(self.url(path)).bearer_auth(token).send().await.expect("request")
    }

    pub async fn get_json(&self, path: &str, token: &str) -> Value {
        let response = self.get(path, token).await;
        assert_eq!(response.status(), 200, "GET {path}");
        response.json().await.expect("json")
    }

    /// Overwrites a contract's free-text fields (fixtures for escaping tests).
    pub async fn set_contract_text(
        &self,
        contract_id: Uuid,
        job_number: &str,
        po_number: &str,
        job_site: &str,
    ) {
        on_pool!(&self.db, pool => {
            sqlx::query("UPDATE contracts SET job_number = $2, po_number = $3, job_site = $4 WHERE id = $1")
                .bind(contract_id)
                .bind(job_number)
                .bind(po_number)
                .bind(job_site)
                .execute(pool)
                .await
                .expect("fixture update");
        });
    }

    /// A second customer user, owner of one other customer of `dealer_slug` (not the demo
    /// user's). Returns the login's email and that customer's id.
    pub async fn create_other_customer_user(&self, dealer_slug: &str) -> (String, Uuid) {
        let email = format!("other-{}@customer.example", Uuid::now_v7().simple());
        let hasher = api::auth::PasswordHasher::new(1).expect("hasher");
        let hash = hasher.hash(OTHER_PASSWORD.to_string()).await.expect("hash");
        let user_id = Uuid::now_v7();
        let user = api::db::users::NewUser {
            id: api::ids::UserId::new(user_id),
            email: email.clone(),
            phone_normalized: None,
            display_name: "Other Customer".into(),
            password_hash: Some(hash),
            role: shared::auth::UserRole::Customer,
            dealer_id: None,
        };
        api::db::users::insert(&self.db, &user, chrono::Utc::now()).await.expect("insert user");
        let customer_id: Uuid = on_pool!(&self.db, pool => {
            sqlx::query_scalar(
                "SELECT c.id FROM customers c JOIN dealers d ON d.id = c.dealer_id \
                 WHERE d.slug = $1 AND c.portal_enabled = TRUE AND c.name NOT LIKE 'Demo %' \
                 AND EXISTS (SELECT 1 FROM contracts k WHERE k.customer_id = c.id) \
                 ORDER BY c.account_number LIMIT 1",
            )
            .bind(dealer_slug)
            .fetch_one(pool)
            .await
            .expect("another customer")
        });
        on_pool!(&self.db, pool => {
            sqlx::query(
                "INSERT INTO memberships (id, user_id, customer_id, role, can_view, can_pay, \
                 can_call_off, can_order, created_at) VALUES ($1, $2, $3, 'owner', TRUE, TRUE, TRUE, TRUE, $4)",
            )
            .bind(Uuid::now_v7())
            .bind(user_id)
            .bind(customer_id)
            .bind(chrono::Utc::now())
            .execute(pool)
            .await
            .expect("membership");
        });
        (email, customer_id)
    }

    /// Actions recorded in the audit log for a user, newest first.
    pub async fn audit_actions(&self, user_id: Uuid) -> Vec<String> {
        api::db::audit::actions_of(&self.db, api::ids::UserId::new(user_id), 20).await.expect("audit")
    }

    /// Dealer and details of each `action` a user did, oldest first.
    pub async fn audit_events(&self, actor: Uuid, action: &str) -> Vec<(Option<Uuid>, Value)> {
        self.audit_events_where("actor_user_id = $1", Some(actor), action).await
    }

    /// The `action` events an API client (not a person) is the actor of: dealer and details.
    #[allow(dead_code)]
    pub async fn client_audit_events(&self, action: &str) -> Vec<(Option<Uuid>, Value)> {
        self.audit_events_where(
            "actor_client_id IS NOT NULL AND actor_user_id IS NULL AND $1 IS NULL",
            None,
            action,
        )
        .await
    }

    /// The `action` events no person or API client is the actor of (the server itself, such
    /// as the demo seed): dealer and details.
    #[allow(dead_code)]
    pub async fn server_audit_events(&self, action: &str) -> Vec<(Option<Uuid>, Value)> {
        self.audit_events_where(
            "actor_client_id IS NULL AND actor_user_id IS NULL AND $1 IS NULL",
            None,
            action,
        )
        .await
    }

    async fn audit_events_where(
        &self,
        actor_rule: &str,
        actor: Option<Uuid>,
        action: &str,
    ) -> Vec<(Option<Uuid>, Value)> {
        let sql = format!(
            "SELECT dealer_id, details FROM audit_events WHERE {actor_rule} AND action = $2 ORDER BY occurred_at, id"
        );
        let rows: Vec<(Option<Uuid>, Option<String>)> = on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(actor)
                .bind(action)
                .fetch_all(pool)
                .await
                .expect("audit events")
        });
        rows.into_iter()
            .map(|(dealer, details)| {
                (dealer, details.map_or(Value::Null, |d| serde_json::from_str(&d).expect("details json")))
            })
            .collect()
    }

    /// Whether the user's account is locked, and their failed-login count.
    pub async fn lock_state(&self, user_id: Uuid) -> (bool, i32) {
        on_pool!(&self.db, pool => {
            sqlx::query_as::<_, (bool, i32)>(
                "SELECT locked_at IS NOT NULL, failed_logins FROM users WHERE id = $1",
            )
            .bind(user_id)
            .fetch_one(pool)
            .await
            .expect("user")
        })
    }

    /// The id of the user with this email.
    pub async fn user_id(&self, email: &str) -> Uuid {
        on_pool!(&self.db, pool => {
            sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
                .bind(email)
                .fetch_one(pool)
                .await
                .expect("user by email")
        })
    }

    pub async fn post_unlock(&self, user_id: Uuid, token: &str) -> reqwest::Response {
        self.client
            .post(self.url(&format!("/api/v1/admin/users/{user_id}/unlock")))
            .bearer_auth(token)
            .send()
            .await
            .expect("request")
    }
}

pub const OTHER_PASSWORD: &str = "other-pass-123";

/// Asserts an RFC 9457 answer with `status` and `code`, and returns its body.
pub async fn assert_problem(response: reqwest::Response, status: u16, code: &str) -> Value {
    assert_eq!(response.status(), status);
    let content_type =
        response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert_eq!(content_type, "application/problem+json");
    let body: Value = response.json().await.expect("problem json");
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status);
    body
}

#[test]
fn database_url_swaps_the_name() {
    assert_eq!(
        database_url("postgres://postgres@127.0.0.1:5432/postgres", "x"),
        "postgres://postgres@127.0.0.1:5432/x"
    );
    assert_eq!(database_url("postgres://u@h/db?sslmode=disable", "x"), "postgres://u@h/x?sslmode=disable");
    assert_eq!(database_url("postgres://u@h", "x"), "postgres://u@h/x");
}

/// Outbox and reset-token fixtures for the email tests.
impl TestApp {
    /// Makes every password reset token already expired.
    pub async fn expire_reset_tokens(&self) {
        let past = chrono::Utc::now() - chrono::Duration::minutes(1);
        on_pool!(&self.db, pool => {
            sqlx::query("UPDATE password_reset_tokens SET expires_at = $1").bind(past).execute(pool).await.expect("expire");
        });
    }

    /// How many queued emails have at least one failed attempt.
    pub async fn failed_attempt_emails(&self) -> i64 {
        on_pool!(&self.db, pool => {
            sqlx::query_scalar(
                "SELECT CAST(COUNT(DISTINCT email_id) AS BIGINT) FROM email_attempts WHERE succeeded = FALSE",
            )
            .fetch_one(pool)
            .await
            .expect("count")
        })
    }

    /// Status of every queued email.
    pub async fn outbox_statuses(&self) -> Vec<String> {
        on_pool!(&self.db, pool => {
            sqlx::query_scalar("SELECT status FROM email_outbox ORDER BY created_at").fetch_all(pool).await.expect("statuses")
        })
    }
}

/// A customer of the demo seed that has never had a login, as its record stands.
#[derive(Debug, Clone)]
pub struct CustomerOnRecord {
    pub id: Uuid,
    pub phone: String,
    pub email: String,
    pub postal_code: String,
}

/// Customer fixtures for the registration tests.
impl TestApp {
    /// An eligible customer at `dealer_slug` without a login.
    pub async fn unregistered_customer(&self, dealer_slug: &str) -> CustomerOnRecord {
        let row: (Uuid, String, String, String) = on_pool!(&self.db, pool => {
            sqlx::query_as(
                "SELECT c.id, c.phone, c.email, c.postal_code FROM customers c \
                 JOIN dealers d ON d.id = c.dealer_id \
                 WHERE d.slug = $1 AND c.kind = 'account' AND c.portal_enabled = TRUE \
                 AND c.name NOT LIKE 'Demo %' \
                 AND EXISTS (SELECT 1 FROM contracts k WHERE k.customer_id = c.id) \
                 AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.customer_id = c.id) \
                 ORDER BY c.account_number LIMIT 1",
            )
            .bind(dealer_slug)
            .fetch_one(pool)
            .await
            .expect("an unregistered customer")
        });
        CustomerOnRecord { id: row.0, phone: row.1, email: row.2, postal_code: row.3 }
    }

    /// Turns a customer into a cash customer (not eligible for the portal).
    pub async fn make_cash_customer(&self, customer_id: Uuid) {
        on_pool!(&self.db, pool => {
            sqlx::query("UPDATE customers SET kind = 'cash' WHERE id = $1")
                .bind(customer_id)
                .execute(pool)
                .await
                .expect("update customer");
        });
    }
}
