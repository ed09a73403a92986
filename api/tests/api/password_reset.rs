//! Forgot password (A7) through the outbox, the dev mailbox and a real SMTP server, and the
//! outbox's promise: mail queued while the SMTP server is down arrives exactly once.

use std::time::Duration;

use api::config::EmailTransport;
use api::demo::{DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD};
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::{Engine, TestApp, assert_problem, spawn_app_with};
use crate::mailserver::{MailServer, decode_qp, free_port};

const NEW_PASSWORD: &str = "gravel-truck-sunrise";

pub(crate) async fn post_forgot(app: &TestApp, login: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/auth/password/forgot"))
        .json(&json!({ "login": login }))
        .send()
        .await
        .unwrap()
}

pub(crate) async fn post_reset(app: &TestApp, token: &str, password: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/auth/password/reset"))
        .json(&json!({ "token": token, "new_password": password }))
        .send()
        .await
        .unwrap()
}

/// The emails in the dev mailbox, newest first.
pub(crate) async fn mailbox(app: &TestApp) -> Vec<Value> {
    let response = app.client.get(app.url("/api/v1/dev/mailbox")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.json::<Vec<Value>>().await.unwrap()
}

/// Waits for an email of `kind` to `to` in the dev mailbox.
pub(crate) async fn wait_for_mail(app: &TestApp, kind: &str, to: &str) -> Value {
    for _ in 0..100 {
        if let Some(email) = mailbox(app).await.into_iter().find(|e| e["kind"] == kind && e["to"] == to) {
            return email;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no {kind} email to {to}");
}

pub(crate) fn token_in(text: &str) -> String {
    let start = text.find("token=").expect("link with token") + "token=".len();
    text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

db_test!(forgot_password_link_resets_once_and_ends_sessions, |app| async move {
    let before = app.login_demo().await;
    let response = post_forgot(&app, "Demo@Customer.example").await;
    assert_eq!(response.status(), 202);
    let email = wait_for_mail(&app, "password_reset", DEMO_CUSTOMER_EMAIL).await;
    assert!(email["subject"].as_str().unwrap().contains("Reset your"));
    let text = email["body_text"].as_str().unwrap();
    assert!(text.contains("http://127.0.0.1:8080/reset-password?token="), "{text}");
    let token = token_in(text);

    // The policy applies: a breached password is refused and the token survives.
    let weak = post_reset(&app, &token, "password123").await;
    let body = assert_problem(weak, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "new_password");

    assert_eq!(post_reset(&app, &token, NEW_PASSWORD).await.status(), 204);
    let reused =
        assert_problem(post_reset(&app, &token, "another-fine-password").await, 422, "validation_failed")
            .await;
    assert_eq!(reused["errors"][0]["field"], "token");

    assert_problem(
        app.post_login(DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD).await,
        401,
        "invalid_credentials",
    )
    .await;
    assert_eq!(app.post_login(DEMO_CUSTOMER_EMAIL, NEW_PASSWORD).await.status(), 200);
    // Every earlier session ended with the reset.
    assert_problem(app.post_refresh(&before.refresh_cookie).await, 401, "token_invalid").await;
    let notice = wait_for_mail(&app, "password_changed", DEMO_CUSTOMER_EMAIL).await;
    assert!(notice["body_html"].as_str().unwrap().contains("Summit Equipment Rentals"), "dealer branding");
    let actions = app.audit_actions(before.body.user.id).await;
    assert!(actions.iter().any(|a| a == "auth.password_reset"), "{actions:?}");
    assert!(actions.iter().any(|a| a == "auth.password_reset_requested"), "{actions:?}");
});

db_test!(
    refused_passwords_do_not_use_up_the_reset_budget,
    settings = |s| {
        s.rate_limit.sensitive_per_hour = 2;
        s.rate_limit.sensitive_burst = 2;
    },
    |app| async move {
        assert_eq!(post_forgot(&app, DEMO_CUSTOMER_EMAIL).await.status(), 202);
        let email = wait_for_mail(&app, "password_reset", DEMO_CUSTOMER_EMAIL).await;
        let token = token_in(email["body_text"].as_str().unwrap());
        for weak in ["password123", "short", "qwertyuiop", "11111111", "letmein1"] {
            let refused =
                assert_problem(post_reset(&app, &token, weak).await, 422, "validation_failed").await;
            assert_eq!(refused["errors"][0]["field"], "new_password", "{weak}");
        }
        assert_eq!(post_reset(&app, &token, NEW_PASSWORD).await.status(), 204, "the budget is still there");
        // The budget itself still holds: the next request is over it.
        assert_problem(post_forgot(&app, DEMO_CUSTOMER_EMAIL).await, 429, "rate_limited").await;
    }
);

db_test!(forgot_password_reveals_nothing_about_unknown_logins, |app| async move {
    let known = post_forgot(&app, DEMO_CUSTOMER_EMAIL).await;
    let unknown = post_forgot(&app, "nobody@nowhere.example").await;
    let phone = post_forgot(&app, "555 123 0000").await;
    assert_eq!(
        (known.status().as_u16(), unknown.status().as_u16(), phone.status().as_u16()),
        (202, 202, 202)
    );
    let known: Value = known.json().await.unwrap();
    assert_eq!(known, unknown.json::<Value>().await.unwrap());
    assert_eq!(known, phone.json::<Value>().await.unwrap());
    wait_for_mail(&app, "password_reset", DEMO_CUSTOMER_EMAIL).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(mailbox(&app).await.len(), 1, "only the real login gets mail");

    let empty = app
        .client
        .post(app.url("/api/v1/auth/password/forgot"))
        .json(&json!({ "login": " " }))
        .send()
        .await
        .unwrap();
    assert_problem(empty, 422, "validation_failed").await;
    assert_problem(post_reset(&app, "made-up", NEW_PASSWORD).await, 422, "validation_failed").await;
});

db_test!(reset_links_expire, |app| async move {
    assert_eq!(post_forgot(&app, DEMO_CUSTOMER_EMAIL).await.status(), 202);
    let email = wait_for_mail(&app, "password_reset", DEMO_CUSTOMER_EMAIL).await;
    let token = token_in(email["body_text"].as_str().unwrap());
    app.expire_reset_tokens().await;
    let expired =
        assert_problem(post_reset(&app, &token, NEW_PASSWORD).await, 422, "validation_failed").await;
    assert_eq!(expired["errors"][0]["field"], "token");
    assert_eq!(app.post_login(DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD).await.status(), 200);
});

/// A test app whose mail goes over SMTP to `port`, retrying quickly.
async fn app_with_smtp(engine: Engine, port: u16) -> TestApp {
    spawn_app_with(engine, |settings| {
        settings.email.transport = Some(EmailTransport::Smtp);
        settings.smtp.host = Some("127.0.0.1".into());
        settings.email.poll_interval_ms = 50;
        settings.email.retry_base_ms = 100;
        settings.email.retry_max_secs = 1;
        settings.smtp.port = port;
        settings.smtp.timeout_secs = 2;
    })
    .await
}

async fn smtp_delivers_branded_multipart_mail(engine: Engine) {
    let server = MailServer::start().await;
    let app = app_with_smtp(engine, server.port).await;
    assert_eq!(post_forgot(&app, DEMO_CUSTOMER_EMAIL).await.status(), 202);
    let messages = server.wait_for(1, Duration::from_secs(10)).await;
    let raw = decode_qp(&messages[0]);
    assert!(raw.contains(&format!("To: {DEMO_CUSTOMER_EMAIL}")), "{raw}");
    assert!(raw.contains("Subject: Reset your Summit Equipment Rentals password"), "{raw}");
    assert!(raw.contains("multipart/alternative"));
    assert!(raw.contains("text/plain") && raw.contains("text/html"));
    let token = token_in(&raw);
    assert_eq!(post_reset(&app, &token, NEW_PASSWORD).await.status(), 204);
    // The dev mailbox does not exist once a real transport is configured.
    assert_problem(app.client.get(app.url("/api/v1/dev/mailbox")).send().await.unwrap(), 404, "not_found")
        .await;
}

async fn mail_queued_while_smtp_is_down_arrives_exactly_once(engine: Engine) {
    let port = free_port();
    let app = app_with_smtp(engine, port).await;
    let session = app.login_demo().await;
    for _ in 0..3 {
        assert_eq!(post_forgot(&app, DEMO_CUSTOMER_EMAIL).await.status(), 202);
    }
    // Wait until every email has failed at least once against the dead server.
    let mut failed = 0;
    for _ in 0..200 {
        failed = app.failed_attempt_emails().await;
        if failed >= 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(failed, 3, "all three emails tried and failed while the server was down");

    let server = MailServer::start_on(port).await;
    server.wait_for(3, Duration::from_secs(15)).await;
    // Nothing more turns up: each email was delivered once.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let messages = server.messages();
    assert_eq!(messages.len(), 3);
    let mut ids: Vec<String> = messages
        .iter()
        .filter_map(|m| {
            m.lines().find(|l| l.to_ascii_lowercase().starts_with("message-id:")).map(str::to_string)
        })
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 3, "three distinct emails");
    assert_eq!(app.outbox_statuses().await, vec!["sent".to_string(); 3]);
    drop(session);
}

mod smtp {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn delivers_branded_multipart_mail_sqlite() {
        smtp_delivers_branded_multipart_mail(Engine::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn queued_while_down_arrives_exactly_once_sqlite() {
        mail_queued_while_smtp_is_down_arrives_exactly_once(Engine::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn delivers_branded_multipart_mail_postgres() {
        if std::env::var(crate::helpers::POSTGRES_ENV).is_ok() {
            smtp_delivers_branded_multipart_mail(Engine::Postgres).await;
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn queued_while_down_arrives_exactly_once_postgres() {
        if std::env::var(crate::helpers::POSTGRES_ENV).is_ok() {
            mail_queued_while_smtp_is_down_arrives_exactly_once(Engine::Postgres).await;
        }
    }
}
