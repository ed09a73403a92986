//! Dealers are created, not seeded (J4): the platform operator creates a dealer and its
//! first admin — through the same service the `rental-portal` CLI calls, and the API —
//! and the admin sets a password through the emailed one-time link.

use std::sync::Arc;

use api::auth::ClientInfo;
use api::services::platform::{self, AdminOf, Operator};
use api::state::AppState;
use serde_json::{Value, json};
use shared::platform::NewAdmin;

use crate::db_test;
use crate::helpers::{TestApp, assert_problem};
use crate::password_reset::{token_in, wait_for_mail};

const PASSWORD: &str = "a-long-fine-password-42";

/// What `rental-portal create-admin --platform` does: the operator, with their setup link.
async fn cli_platform_operator(app: &TestApp) -> String {
    let state =
        AppState::new(app.settings.clone(), app.db.clone(), Arc::new(tokio::sync::Notify::new())).unwrap();
    let new = NewAdmin { email: "ops@platform.example".into(), display_name: "Pat Platform".into() };
    let admin =
        platform::create_admin(&state, Operator::Cli, &ClientInfo::default(), AdminOf::Platform, &new)
            .await
            .unwrap();
    set_password(app, &token_in(&admin.setup_link)).await;
    app.login("ops@platform.example", PASSWORD).await.body.access_token
}

async fn set_password(app: &TestApp, token: &str) {
    let response = app
        .client
        .post(app.url("/api/v1/auth/password/reset"))
        .json(&json!({ "token": token, "new_password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204, "setup link sets the password");
}

async fn post(app: &TestApp, token: &str, path: &str, body: &Value) -> reqwest::Response {
    app.client.post(app.url(path)).bearer_auth(token).json(body).send().await.unwrap()
}

fn acme() -> Value {
    json!({
        "slug": "acme", "name": "Acme Hire", "country": "au", "currency": "AUD",
        "time_zone": "Australia/Sydney", "locale": "en-AU", "support_email": "hire@acme.example"
    })
}

db_test!(
    an_operator_creates_a_dealer_and_its_admin_on_an_empty_database,
    settings = |s| { s.demo.seed_when_empty = false },
    |app| async move {
        let operator = cli_platform_operator(&app).await;

        let created = post(&app, &operator, "/api/v1/platform/dealers", &acme()).await;
        assert_eq!(created.status(), 201);
        let dealer: Value = created.json().await.unwrap();
        assert_eq!(dealer["slug"], "acme");
        assert_eq!(dealer["country"], "AU");
        assert_eq!(dealer["terminology"], "hires", "by country");
        assert_eq!(dealer["time_zone"], "Australia/Sydney");
        let branding = app.client.get(app.url("/api/v1/branding/acme")).send().await.unwrap();
        assert_eq!(branding.status(), 200);

        assert_problem(post(&app, &operator, "/api/v1/platform/dealers", &acme()).await, 409, "conflict")
            .await;
        let bad = json!({ "slug": "Acme!", "name": "", "country": "Australia", "currency": "AUD",
                      "time_zone": "Sydney", "locale": "english" });
        let body = assert_problem(
            post(&app, &operator, "/api/v1/platform/dealers", &bad).await,
            422,
            "validation_failed",
        )
        .await;
        let fields: Vec<&str> =
            body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["slug", "name", "country", "time_zone", "locale"]);
        let listed = app.get_json("/api/v1/platform/dealers", &operator).await;
        assert_eq!(listed.as_array().unwrap().len(), 1, "only what was created: no demo data");

        // The dealer's admin: a setup link by email, never in the answer.
        let admin = json!({ "email": "Owner@Acme.example", "display_name": "Olive Owner" });
        let created = post(&app, &operator, "/api/v1/platform/dealers/acme/admins", &admin).await;
        assert_eq!(created.status(), 201);
        let text = created.text().await.unwrap();
        assert!(!text.contains("token"), "{text}");
        let mail = wait_for_mail(&app, "admin_setup", "owner@acme.example").await;
        assert!(mail["subject"].as_str().unwrap().contains("Acme Hire"));
        set_password(&app, &token_in(mail["body_text"].as_str().unwrap())).await;
        let session = app.login("owner@acme.example", PASSWORD).await;
        assert_eq!(session.body.user.role, shared::auth::UserRole::DealerAdmin);
        assert_eq!(app.get_json("/api/v1/admin/api-clients", session.token()).await, json!([]));

        assert_problem(
            post(&app, &operator, "/api/v1/platform/dealers/acme/admins", &admin).await,
            409,
            "conflict",
        )
        .await;
        assert_problem(
            post(
                &app,
                &operator,
                "/api/v1/platform/dealers/nope/admins",
                &json!({ "email": "a@b.example", "display_name": "A" }),
            )
            .await,
            404,
            "not_found",
        )
        .await;

        // Only platform operators: a dealer admin is refused.
        assert_problem(
            post(&app, session.token(), "/api/v1/platform/dealers", &acme()).await,
            403,
            "forbidden",
        )
        .await;
        assert_problem(app.get("/api/v1/platform/dealers", session.token()).await, 403, "forbidden").await;
        let actions = app.audit_actions(app.user_id("ops@platform.example").await).await;
        assert!(
            actions.iter().any(|a| a == "platform.dealer_created")
                && actions.iter().any(|a| a == "platform.admin_created")
        );
    }
);
