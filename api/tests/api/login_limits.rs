//! Logins under a guessing flood: failed-login limits per login and per address, checked
//! before any password work, and the bounded queue of password checks.

use api::demo::{DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD};
use reqwest::header::RETRY_AFTER;
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::{TestApp, assert_problem};

const WRONG: &str = "not-the-password";

fn retry_after(response: &reqwest::Response) -> u64 {
    response
        .headers()
        .get(RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After in whole seconds")
}

/// A login attempt from `address` (the server trusts `X-Forwarded-For` in these tests).
async fn login_from(app: &TestApp, address: &str, login: &str, password: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/auth/login"))
        .header("X-Forwarded-For", address)
        .json(&json!({ "login": login, "password": password }))
        .send()
        .await
        .unwrap()
}

/// The problem body without its `detail` (which names the wait).
async fn problem_shape(response: reqwest::Response, status: u16, code: &str) -> Value {
    let mut body = assert_problem(response, status, code).await;
    body.as_object_mut().unwrap().remove("detail");
    body
}

db_test!(
    failed_logins_per_login_are_refused_before_the_password_is_checked,
    settings = |s| {
        s.server.trust_forwarded_for = true;
        s.rate_limit.login_failures_per_account_per_hour = 3;
        s.rate_limit.login_failures_per_account_burst = 3;
    },
    |app| async move {
        let demo = app.user_id(DEMO_CUSTOMER_EMAIL).await;
        // Right passwords give their charge back: any number of them.
        for _ in 0..5 {
            app.login_demo().await;
        }
        // Three failures naming the login, from three addresses.
        for address in ["203.0.113.1", "203.0.113.2", "203.0.113.3"] {
            let failed = login_from(&app, address, DEMO_CUSTOMER_EMAIL, WRONG).await;
            assert_problem(failed, 401, "invalid_credentials").await;
        }
        let failures_before = app.audit_events(demo, "auth.login_failed").await.len();
        assert_eq!(failures_before, 3);

        // Now even the right password, from a fresh address and written otherwise, is refused.
        let limited =
            login_from(&app, "198.51.100.9", " Demo@Customer.EXAMPLE", DEMO_CUSTOMER_PASSWORD).await;
        assert!((1..=1200).contains(&retry_after(&limited)), "one failure per 20 minutes");
        let known = problem_shape(limited, 429, "rate_limited").await;
        // Before the password was checked: no failure recorded, nothing counted to the lockout.
        assert_eq!(app.audit_events(demo, "auth.login_failed").await.len(), failures_before);
        assert_eq!(app.lock_state(demo).await, (false, 3));

        // An unknown login is limited exactly alike: no enumeration.
        for address in ["203.0.113.1", "203.0.113.2", "203.0.113.3"] {
            let failed = login_from(&app, address, "nobody@nowhere.example", WRONG).await;
            assert_problem(failed, 401, "invalid_credentials").await;
        }
        let unknown = login_from(&app, "198.51.100.9", "nobody@nowhere.example", WRONG).await;
        assert_eq!(problem_shape(unknown, 429, "rate_limited").await, known);

        // Other logins from the same addresses are not held back.
        let staff = login_from(&app, "203.0.113.1", DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
        assert_eq!(staff.status(), 200);
    }
);

db_test!(
    failed_logins_per_address_are_refused_before_the_password_is_checked,
    settings = |s| {
        s.server.trust_forwarded_for = true;
        s.rate_limit.login_failures_per_address_per_hour = 3;
        s.rate_limit.login_failures_per_address_burst = 3;
    },
    |app| async move {
        let demo = app.user_id(DEMO_CUSTOMER_EMAIL).await;
        let flood = "203.0.113.50";
        for _ in 0..5 {
            assert_eq!(
                login_from(&app, flood, DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD).await.status(),
                200
            );
        }
        for n in 0..3 {
            let failed = login_from(&app, flood, &format!("guess-{n}@nowhere.example"), WRONG).await;
            assert_problem(failed, 401, "invalid_credentials").await;
        }
        let limited = login_from(&app, flood, DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD).await;
        assert!(retry_after(&limited) >= 1);
        assert_problem(limited, 429, "rate_limited").await;
        assert_eq!(app.lock_state(demo).await, (false, 0), "the password was never checked");
        assert!(app.audit_events(demo, "auth.login_failed").await.is_empty());
        // The same person from another address signs in.
        assert_eq!(
            login_from(&app, "198.51.100.7", DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD).await.status(),
            200
        );
    }
);

db_test!(
    a_saturated_password_queue_answers_503_at_once,
    settings = |s| {
        // One check at a time and nobody waiting: a second concurrent check is refused.
        s.auth.max_concurrent_hashes = 1;
        s.auth.hash_queue = 0;
    },
    |app| async move {
        let app = &app;
        let attempts = (0..24).map(|n| {
            let login = format!("flood-{n}@nowhere.example");
            async move {
                let response = app.post_login(&login, WRONG).await;
                let status = response.status().as_u16();
                let retry = response.headers().get(RETRY_AFTER).map(|v| v.to_str().unwrap().to_string());
                let body: Value = response.json().await.unwrap();
                (status, retry, body)
            }
        });
        let answers = futures_util::future::join_all(attempts).await;
        let mut busy = 0;
        for (status, retry, body) in &answers {
            match status {
                401 => assert_eq!(body["code"], "invalid_credentials"),
                503 => {
                    busy += 1;
                    assert_eq!(body["code"], "service_unavailable", "{body}");
                    assert_eq!(retry.as_deref(), Some("1"));
                }
                other => panic!("unexpected {other}: {body}"),
            }
        }
        assert!(busy > 0, "24 checks at once, one slot and no queue: some are refused");
        // Refused checks were not failures, and the queue frees up: a real login goes through.
        app.login_demo().await;
    }
);
