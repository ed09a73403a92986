//! The API-wide rate limits (I6): every `/api/v1` answer carries `RateLimit-Policy` and
//! `RateLimit` (draft-ietf-httpapi-ratelimit-headers-11), beyond the budget 429 with
//! `Retry-After` and problem details, and budgets are per API client, per signed-in person
//! and per address: no one can use up another's.

use api::demo::{DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD};
use reqwest::header::{CONTENT_TYPE, RETRY_AFTER};
use shared::integrations::Scope;

use crate::db_test;
use crate::helpers::{TestApp, assert_problem};

/// A route an API client holding every scope may read.
const CLIENT_ROUTE: &str = "/api/v1/integrations/payments";

fn field(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("{name} missing on {} {}", response.status(), response.url()))
        .to_str()
        .unwrap()
        .to_string()
}

/// `RateLimit: "user";r=4;t=12` → ("user", 4, 12).
fn service_limit(response: &reqwest::Response) -> (String, u64, u64) {
    let value = field(response, "RateLimit");
    let mut parts = value.split(';');
    let policy = parts.next().unwrap().trim_matches('"').to_string();
    let param = |key: &str| -> u64 {
        value
            .split(';')
            .find_map(|p| p.strip_prefix(&format!("{key}=")))
            .unwrap_or_else(|| panic!("no {key} in {value}"))
            .parse()
            .unwrap()
    };
    let (r, t) = (param("r"), param("t"));
    assert!(parts.count() >= 2, "{value}");
    (policy, r, t)
}

fn retry_after(response: &reqwest::Response) -> u64 {
    field(response, RETRY_AFTER.as_str()).parse().expect("Retry-After in whole seconds")
}

/// A 429 as the draft and RFC 9457 want it: `Retry-After`, `RateLimit` with nothing left
/// and an effective window no later than `Retry-After`, problem+json.
async fn assert_limited(response: reqwest::Response, policy: &str) {
    let wait = retry_after(&response);
    assert!(wait >= 1, "{wait}");
    assert_eq!(service_limit(&response), (policy.to_string(), 0, wait));
    assert!(field(&response, CONTENT_TYPE.as_str()).starts_with("application/problem+json"));
    let body = assert_problem(response, 429, "rate_limited").await;
    assert!(body["detail"].as_str().unwrap().contains("seconds"), "{body}");
}

async fn anonymous_get(app: &TestApp, path: &str) -> reqwest::Response {
    app.client.get(app.url(path)).send().await.unwrap()
}

/// A new API client of the demo dealer (or of the dealer whose admin token is given)
/// holding every scope, and a token of it.
async fn client_token(app: &TestApp, admin_token: &str) -> String {
    let client = app.create_api_client(admin_token, &Scope::ALL).await;
    app.client_token(&client, None).await
}

db_test!(
    every_answer_carries_the_budget_with_less_left_each_time,
    settings = |s| {
        // Slow sustained rates (one request back every 6 s), so nothing refills between
        // two requests of the test and each answer shows one less.
        s.rate_limit.user_per_minute = 10;
        s.rate_limit.user_burst = 10;
        s.rate_limit.client_per_minute = 12;
        s.rate_limit.client_burst = 10;
    },
    |app| async move {
        let person = app.login_demo().await;
        let me = app.get("/api/v1/me", person.token()).await;
        assert_eq!(me.status(), 200);
        assert_eq!(field(&me, "RateLimit-Policy"), r#""user";q=10;w=60"#);
        let (policy, first, t) = service_limit(&me);
        assert_eq!((policy.as_str(), first), ("user", 9));
        assert!((1..=60).contains(&t), "{t}");
        // A 4xx answer counts and says so too: an unknown path, a foreign account.
        let unknown = app.get("/api/v1/no-such-thing", person.token()).await;
        assert_eq!(unknown.status(), 404);
        assert_eq!(service_limit(&unknown).1, first - 1);
        let foreign =
            app.get(&format!("/api/v1/accounts/{}/contracts", uuid::Uuid::now_v7()), person.token()).await;
        assert_eq!(foreign.status(), 404);
        assert_eq!(service_limit(&foreign).1, first - 2);
        // actix's own 405, rewritten as problem details, keeps the fields.
        let wrong_method =
            app.client.delete(app.url("/api/v1/me")).bearer_auth(person.token()).send().await.unwrap();
        assert_eq!(wrong_method.status(), 405);
        assert_eq!(
            service_limit(&wrong_method),
            ("user".to_string(), first - 3, service_limit(&wrong_method).2)
        );

        // An API client answers under its own policy, a person's token on its routes too.
        let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
        let token = client_token(&app, admin.token()).await;
        let payments = app.get(CLIENT_ROUTE, &token).await;
        assert_eq!(payments.status(), 200);
        assert_eq!(field(&payments, "RateLimit-Policy"), r#""client";q=12;w=60"#);
        assert_eq!(service_limit(&payments).1, 9);
        let refused = app.get(CLIENT_ROUTE, person.token()).await;
        assert_eq!(refused.status(), 403, "a person's token is no integration token");
        assert_eq!(service_limit(&refused).0, "user");

        // Anonymous answers are the address's; operational endpoints carry nothing.
        let branding = anonymous_get(&app, "/api/v1/branding/summit").await;
        assert_eq!(branding.status(), 200);
        assert_eq!(service_limit(&branding).0, "anonymous");
        assert!(field(&branding, "RateLimit-Policy").starts_with(r#""anonymous";q=100000;w=60"#));
        for path in ["/healthz", "/readyz", "/api/openapi.json"] {
            let response = anonymous_get(&app, path).await;
            assert_eq!(response.status(), 200, "{path}");
            assert!(response.headers().get("RateLimit").is_none(), "{path} is not limited");
        }
    }
);

db_test!(
    beyond_the_budget_is_429_with_retry_after_and_problem_details,
    settings = |s| {
        s.rate_limit.user_per_minute = 3;
        s.rate_limit.user_burst = 3;
    },
    |app| async move {
        let person = app.login_demo().await;
        for left in [2, 1, 0] {
            let response = app.get("/api/v1/me", person.token()).await;
            assert_eq!(response.status(), 200);
            assert_eq!(service_limit(&response).1, left);
        }
        let limited = app.get("/api/v1/me", person.token()).await;
        assert_eq!(field(&limited, "RateLimit-Policy"), r#""user";q=3;w=60"#);
        let wait = retry_after(&limited);
        assert!((1..=20).contains(&wait), "one request per 20 s: {wait}");
        assert_limited(limited, "user").await;
        // Refused before routing: any path, any method, the same budget.
        assert_limited(app.get("/api/v1/no-such-thing", person.token()).await, "user").await;
    }
);

db_test!(
    a_client_cannot_starve_another_client_or_a_person,
    settings = |s| {
        s.rate_limit.client_per_minute = 3;
        s.rate_limit.client_burst = 3;
    },
    |app| async move {
        let summit_admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
        let greedy = app.create_api_client(summit_admin.token(), &Scope::ALL).await;
        let greedy_token = app.client_token(&greedy, None).await;
        let same_dealer = client_token(&app, summit_admin.token()).await;
        let thames_admin = app.create_dealer_admin("thames").await;
        let other_dealer = client_token(&app, &thames_admin).await;
        let person = app.login_demo().await;

        for _ in 0..3 {
            assert_eq!(app.get(CLIENT_ROUTE, &greedy_token).await.status(), 200);
        }
        assert_limited(app.get(CLIENT_ROUTE, &greedy_token).await, "client").await;
        // The budget is the client's, not its token's: a fresh token does not reset it.
        let fresh_token = app.client_token(&greedy, None).await;
        assert_limited(app.get(CLIENT_ROUTE, &fresh_token).await, "client").await;

        // Everyone else is untouched, whole budgets included.
        for (token, name) in [(&same_dealer, "same dealer"), (&other_dealer, "other dealer")] {
            let response = app.get(CLIENT_ROUTE, token).await;
            assert_eq!(response.status(), 200, "{name}");
            assert_eq!(
                service_limit(&response),
                ("client".to_string(), 2, service_limit(&response).2),
                "{name}"
            );
        }
        let me = app.get("/api/v1/me", person.token()).await;
        assert_eq!(me.status(), 200);
        assert_eq!(service_limit(&me).0, "user");
        let admin_view = app.get("/api/v1/admin/api-clients", summit_admin.token()).await;
        assert_eq!(admin_view.status(), 200, "the greedy client's own admin still works");
    }
);

db_test!(
    a_limited_address_does_not_limit_the_people_signed_in_behind_it,
    settings = |s| {
        s.rate_limit.anonymous_per_minute = 4;
        s.rate_limit.anonymous_burst = 4;
    },
    |app| async move {
        // Signing in is anonymous and takes one request of the address's budget.
        let person = app.login_demo().await;
        let mut left = 3;
        while left > 0 {
            let response = anonymous_get(&app, "/api/v1/branding/summit").await;
            assert_eq!(response.status(), 200);
            left -= 1;
            assert_eq!(service_limit(&response), ("anonymous".to_string(), left, service_limit(&response).2));
        }
        assert_limited(anonymous_get(&app, "/api/v1/branding/summit").await, "anonymous").await;
        // A token that does not verify is no way out: it is charged to the address.
        let forged = app.get("/api/v1/me", "not-a-token").await;
        assert_limited(forged, "anonymous").await;

        // The person signed in from the same address goes on.
        for _ in 0..5 {
            let me = app.get("/api/v1/me", person.token()).await;
            assert_eq!(me.status(), 200);
            assert_eq!(service_limit(&me).0, "user");
        }
    }
);
