//! Dealers are created, not seeded (J4): the platform operator creates a dealer and its
//! first admin — through the same service the `rental-portal` CLI calls, and the API —
//! and the admin sets a password through the emailed one-time link. Then the whole go-live:
//! on an empty database, an API client and the upserts alone give a customer a working portal.

use std::sync::Arc;

use api::auth::ClientInfo;
use api::services::platform::{self, AdminOf, Operator};
use api::state::AppState;
use serde_json::{Value, json};
use shared::integrations::Scope;
use shared::platform::{NewAdmin, NewDealer};

use crate::db_test;
use crate::helpers::{TestApp, assert_problem, on_pool};
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

/// A PUT of a batch to an integration route with the client's token: its JSON answer.
async fn put_batch(app: &TestApp, token: &str, path: &str, body: Value) -> Value {
    let response = app.client.put(app.url(path)).bearer_auth(token).json(&body).send().await.unwrap();
    assert_eq!(response.status(), 200, "PUT {path}");
    response.json().await.unwrap()
}

db_test!(
    a_dealer_goes_live_from_an_empty_database_through_the_api_alone,
    settings = |s| { s.demo.seed_when_empty = false },
    |app| async move {
        // The operator: a dealer and its admin (the CLI's code path), the admin's password.
        let state = AppState::new(app.settings.clone(), app.db.clone(), Arc::new(tokio::sync::Notify::new()))
            .unwrap();
        let new: NewDealer = serde_json::from_value(acme()).unwrap();
        platform::create_dealer(&state.db, Operator::Cli, &ClientInfo::default(), &new).await.unwrap();
        let owner = NewAdmin { email: "owner@acme.example".into(), display_name: "Olive Owner".into() };
        let admin = platform::create_admin(
            &state,
            Operator::Cli,
            &ClientInfo::default(),
            AdminOf::Dealer("acme"),
            &owner,
        )
        .await
        .unwrap();
        set_password(&app, &token_in(&admin.setup_link)).await;
        let admin = app.login("owner@acme.example", PASSWORD).await;

        // The admin's API client; the back office loads everything a customer sees.
        let client = app.create_api_client(admin.token(), &Scope::ALL).await;
        let token = app.client_token(&client, None).await;
        let today = chrono::Utc::now().date_naive();
        let counts = put_batch(&app, &token, "/api/v1/integrations/locations", json!({ "locations": [
        { "external_id": "BR-1", "code": "SYD", "name": "Sydney", "phone": "02 5550 0100", "email": "sydney@acme.example" }
    ]})).await;
        assert_eq!(counts["created"], 1);
        put_batch(&app, &token, "/api/v1/integrations/customers", json!({ "customers": [{
        "external_id": "C-1", "account_number": "70001", "name": "Harbour Builders Pty Ltd", "kind": "account",
        "portal_enabled": true, "phone": "02 5550 0142", "email": "accounts@harbour.example", "postal_code": "2000",
        "home_location_external_id": "BR-1",
        "contacts": [{ "external_id": "CT-1", "name": "Hana Harbour", "email": "hana@harbour.example", "is_primary": true }]
    }]})).await;
        put_batch(&app, &token, "/api/v1/integrations/contracts", json!({ "contracts": [{
        "external_id": "K-1", "customer_external_id": "C-1", "location_external_id": "BR-1", "number": "H-9001",
        "status": "open", "start_date": today - chrono::Duration::days(10), "amount_minor": 120_000, "amount_due_minor": 120_000,
        "lines": [{ "external_id": "L-1", "line_no": 1, "kind": "rental", "description": "Scissor lift 19ft",
                    "serial_number": "SL-19-0042", "quantity": 1, "status": "out",
                    "start_date": today - chrono::Duration::days(10), "expected_return": today + chrono::Duration::days(5),
                    "daily_rate_minor": 15_000, "weekly_rate_minor": 60_000, "monthly_rate_minor": 180_000,
                    "amount_minor": 120_000 }]
    }]})).await;
        put_batch(&app, &token, "/api/v1/integrations/invoices", json!({ "invoices": [{
        "external_id": "I-1", "customer_external_id": "C-1", "number": "INV-5001", "kind": "invoice", "status": "open",
        "location_external_id": "BR-1", "contract_external_id": "K-1", "invoice_date": today, "due_date": today + chrono::Duration::days(30),
        "po_number": null, "job_number": null, "subtotal_minor": 120_000, "tax_minor": 12_000, "total_minor": 132_000,
        "balance_minor": 132_000,
        "lines": [{ "item_code": "SL-19", "description": "Scissor lift 19ft", "quantity": 1, "unit_price_minor": 120_000, "amount_minor": 120_000 }]
    }]})).await;

        // The customer signs up with what the back office loaded, and sees exactly that.
        let signup = app.client.post(app.url("/api/v1/auth/signup")).json(&json!({
        "reference_kind": "account_number", "reference": "70001", "fact_kind": "postal_code", "fact": "2000",
        "email": "hana@harbour.example"
    })).send().await.unwrap();
        assert_eq!(signup.status(), 202);
        let mail = wait_for_mail(&app, "signup_confirmation", "hana@harbour.example").await;
        let text = mail["body_text"].as_str().unwrap();
        let start = text.find("token=").unwrap() + "token=".len();
        let signup_token: String = text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        let confirmed = app
            .client
            .post(app.url("/api/v1/auth/signup/confirm"))
            .json(&json!({ "token": signup_token, "new_password": PASSWORD }))
            .send()
            .await
            .unwrap();
        assert!(confirmed.status().is_success(), "{}", confirmed.status());
        let customer = app.login("hana@harbour.example", PASSWORD).await;
        let account = customer.account_at("acme");
        let contracts =
            app.get_json(&format!("/api/v1/accounts/{account}/contracts"), customer.token()).await;
        assert_eq!(contracts["items"][0]["number"], "H-9001");
        assert_eq!(contracts["items"][0]["external_id"], "K-1");
        let rentals = app.get_json(&format!("/api/v1/accounts/{account}/rentals"), customer.token()).await;
        assert!(rentals.to_string().contains("SL-19-0042"), "{rentals}");
        let invoices = app.get_json(&format!("/api/v1/accounts/{account}/invoices"), customer.token()).await;
        assert_eq!(invoices["items"][0]["number"], "INV-5001");
        let locations =
            app.get_json(&format!("/api/v1/accounts/{account}/locations"), customer.token()).await;
        assert!(locations.to_string().contains("Sydney"), "{locations}");
    }
);

db_test!(the_demo_dealers_go_live_by_the_same_paths_as_a_real_one, |app| async move {
    // Created as `create-dealer` creates a dealer…
    let created = app.server_audit_events("platform.dealer_created").await;
    let vias: Vec<&Value> = created.iter().map(|(_, details)| &details["via"]).collect();
    assert_eq!(vias, [&json!("demo_seed"), &json!("demo_seed")]);
    let branding = app.get_json("/api/v1/branding/summit", "").await;
    assert_eq!(branding["logo_url"], "/brands/summit.svg", "the demo's look is set after");

    // …and every customer-visible record loaded through the back office's upserts.
    for action in ["locations.upserted", "customers.upserted", "contracts.upserted", "invoices.upserted"] {
        let events = app.server_audit_events(action).await;
        let dealers: std::collections::HashSet<_> = events.iter().map(|(dealer, _)| *dealer).collect();
        assert_eq!(dealers.len(), 2, "{action} for both dealers: {events:?}");
        assert!(events.iter().all(|(_, details)| details["via"] == "demo_seed"), "{action}: {events:?}");
    }
    let customers: u64 = app
        .server_audit_events("customers.upserted")
        .await
        .iter()
        .map(|(_, details)| details["created"].as_u64().unwrap())
        .sum();
    let stored: i64 = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM customers").fetch_one(pool).await.unwrap()
    });
    assert_eq!(customers, u64::try_from(stored).unwrap(), "every customer came through an upsert");
    let contracts: u64 = app
        .server_audit_events("contracts.upserted")
        .await
        .iter()
        .map(|(_, details)| details["created"].as_u64().unwrap())
        .sum();
    let stored: i64 = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM contracts").fetch_one(pool).await.unwrap()
    });
    assert_eq!(contracts, u64::try_from(stored).unwrap(), "every contract came through an upsert");
});
