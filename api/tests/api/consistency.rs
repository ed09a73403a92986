//! Every error is problem details (item 7 of issue 11): 405 with `Allow`, 413 over a body
//! limit, and JSON bodies of the wrong shape as 422 field errors naming the field's path —
//! an unknown field in an integration body included, so a misspelt field is never dropped.

use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::{TestApp, assert_problem, on_pool};

fn allow(response: &reqwest::Response) -> String {
    response.headers().get("allow").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

/// A well-formed invoice as the back office sends it (its customer need not exist: these
/// batches fail before anything is looked up).
fn invoice(n: u32) -> Value {
    json!({
        "external_id": format!("CONS-{n}"),
        "customer_external_id": "NOBODY",
        "number": format!("C-{n}"),
        "kind": "invoice",
        "status": "open",
        "location_external_id": null,
        "contract_external_id": null,
        "invoice_date": "2026-03-01",
        "due_date": null,
        "po_number": null,
        "job_number": null,
        "subtotal_minor": 100,
        "tax_minor": 0,
        "total_minor": 100,
        "balance_minor": 100,
        "lines": [{ "item_code": null, "description": "Skid steer", "quantity": 1,
                    "unit_price_minor": 100, "amount_minor": 100 }],
    })
}

async fn put_invoices(app: &TestApp, token: &str, body: &Value) -> reqwest::Response {
    app.client
        .put(app.url("/api/v1/integrations/invoices"))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn invoice_count(app: &TestApp) -> i64 {
    on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM invoices").fetch_one(pool).await.unwrap()
    })
}

fn fields(body: &Value) -> Vec<String> {
    body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect()
}

db_test!(a_known_path_with_another_method_is_405_with_allow, |app| async move {
    // A route declared with a method attribute...
    let response = app.client.delete(app.url("/api/v1/auth/login")).send().await.unwrap();
    assert_eq!(allow(&response), "POST");
    let body = assert_problem(response, 405, "method_not_allowed").await;
    assert!(body["detail"].as_str().unwrap().contains("POST"), "{body}");

    // ...and a resource with its own body limit, where actix itself answers the 405.
    let token = app.integrator_token().await;
    let response = app.get("/api/v1/integrations/invoices", &token).await;
    assert_eq!(allow(&response), "PUT");
    assert_problem(response, 405, "method_not_allowed").await;

    // A path with ids, and the paths that do not exist stay 404.
    let account = uuid::Uuid::now_v7();
    let response =
        app.client.post(app.url(&format!("/api/v1/accounts/{account}/invoices"))).send().await.unwrap();
    assert_eq!(allow(&response), "GET");
    assert_problem(response, 405, "method_not_allowed").await;
    let response = app.client.delete(app.url("/api/v1/no/such/thing")).send().await.unwrap();
    assert_problem(response, 404, "not_found").await;
});

db_test!(a_body_over_the_limit_is_413_problem, |app| async move {
    // A normal route: the app-wide 64 KiB limit for JSON.
    let big = "x".repeat(100 * 1024);
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({ "login": big, "password": "p" }))
        .send()
        .await
        .unwrap();
    let body = assert_problem(response, 413, "payload_too_large").await;
    assert!(body["detail"].as_str().unwrap().contains("64 KiB"), "{body}");

    // An integration route with a larger limit of its own (positions: 512 KiB).
    let token = app.integrator_token().await;
    let report = json!({ "serial_number": "S", "latitude": 1.0, "longitude": 1.0,
                         "recorded_at": "2026-03-01T10:00:00Z", "source": "x".repeat(1000) });
    let batch = json!({ "positions": vec![report; 600] });
    let response = app
        .client
        .post(app.url("/api/v1/integrations/positions"))
        .bearer_auth(&token)
        .json(&batch)
        .send()
        .await
        .unwrap();
    let body = assert_problem(response, 413, "payload_too_large").await;
    assert!(body["detail"].as_str().unwrap().contains("512 KiB"), "{body}");

    // A PDF upload, limited by actix's payload reader rather than the JSON one.
    let pdf = [b"%PDF-".as_slice(), &vec![b'0'; 10 * 1024 * 1024]].concat();
    let response = app
        .client
        .put(app.url("/api/v1/integrations/invoices/ANY/pdf"))
        .bearer_auth(&token)
        .header("Content-Type", "application/pdf")
        .body(pdf)
        .send()
        .await
        .unwrap();
    assert_problem(response, 413, "payload_too_large").await;
});

db_test!(an_unknown_field_in_an_integration_body_is_422_naming_it, |app| async move {
    let token = app.integrator_token().await;
    let before = invoice_count(&app).await;
    let mut misspelt = invoice(2);
    misspelt["lines"][0]["quantitty"] = json!(2);
    let body = assert_problem(
        put_invoices(&app, &token, &json!({ "invoices": [invoice(1), misspelt] })).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&body), ["invoices[1].lines[0].quantitty"]);
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("unit_price_minor"), "{body}");

    let body = assert_problem(
        put_invoices(&app, &token, &json!({ "invoices": [invoice(1)], "dry_run": true })).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&body), ["dry_run"]);

    let batch = json!({ "positions": [{ "serial_number": "S", "latitude": 1.0, "longitude": 1.0,
        "recorded_at": "2026-03-01T10:00:00Z", "source": "gps", "altitude": 5 }] });
    let response =
        app.client.post(app.url("/api/v1/integrations/positions")).bearer_auth(&token).json(&batch).send();
    let body = assert_problem(response.await.unwrap(), 422, "validation_failed").await;
    assert_eq!(fields(&body), ["positions[0].altitude"]);
    assert_eq!(invoice_count(&app).await, before, "nothing written");
});

db_test!(a_missing_field_or_wrong_type_is_422_naming_its_path, |app| async move {
    let token = app.integrator_token().await;
    let mut missing = invoice(3);
    missing.as_object_mut().unwrap().remove("number");
    let batch = json!({ "invoices": [invoice(1), invoice(2), missing] });
    let body = assert_problem(put_invoices(&app, &token, &batch).await, 422, "validation_failed").await;
    assert_eq!(fields(&body), ["invoices[2].number"]);
    assert_eq!(body["errors"][0]["message"], "This field is required.");

    let mut wrong = invoice(2);
    wrong["total_minor"] = json!("one hundred");
    let body = assert_problem(
        put_invoices(&app, &token, &json!({ "invoices": [invoice(1), wrong] })).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&body), ["invoices[1].total_minor"]);

    // A route for people reads its body the same way.
    let response =
        app.client.post(app.url("/api/v1/auth/login")).json(&json!({ "login": "a" })).send().await.unwrap();
    let body = assert_problem(response, 422, "validation_failed").await;
    assert_eq!(fields(&body), ["password"]);

    // Broken JSON is still a 400.
    let response = app
        .client
        .put(app.url("/api/v1/integrations/invoices"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{\"invoices\": [")
        .send()
        .await
        .unwrap();
    assert_problem(response, 400, "bad_request").await;
});

async fn count_rows(app: &TestApp, table: &'static str) -> i64 {
    let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM {table}");
    on_pool!(&app.db, pool => {
        sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await.unwrap()
    })
}

db_test!(a_nul_character_anywhere_is_refused_on_both_engines_and_changes_nothing, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let token = session.token();
    let before = (
        count_rows(&app, "feedback").await,
        invoice_count(&app).await,
        count_rows(&app, "audit_events").await,
    );

    // Without signing in: a login, a dealer's branding.
    let login = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({ "login": "a\u{0}@b.co", "password": "whatever-it-is" }))
        .send()
        .await
        .unwrap();
    assert_eq!(fields(&assert_problem(login, 422, "validation_failed").await), ["login"]);
    assert_problem(app.get("/api/v1/branding/a%00b", "").await, 404, "not_found").await;

    // The search box of every list, and its CSV.
    for list in ["contracts", "rentals", "invoices", "requests", "payments"] {
        let response = app.get(&format!("/api/v1/accounts/{account}/{list}?q=a%00b"), token).await;
        assert_eq!(fields(&assert_problem(response, 422, "validation_failed").await), ["q"], "{list}");
    }
    let csv = app
        .client
        .get(app.url(&format!("/api/v1/accounts/{account}/contracts?q=a%00b")))
        .bearer_auth(token)
        .header("Accept", "text/csv")
        .send()
        .await
        .unwrap();
    assert_problem(csv, 422, "validation_failed").await;

    // Text fields of what a customer writes.
    let mut feedback = json!({ "kind": "question", "subject": "Hours", "message": "Open\u{0} on Sunday?",
        "contact_email": "dana@customer.example", "contact_phone": "303-555-0199" });
    let response = app
        .client
        .post(app.url(&format!("/api/v1/accounts/{account}/feedback")))
        .bearer_auth(token)
        .json(&feedback)
        .send()
        .await
        .unwrap();
    assert_eq!(fields(&assert_problem(response, 422, "validation_failed").await), ["message"]);
    feedback["message"] = json!("fine");
    feedback["subject"] = json!("\u{0}");
    let response = app
        .client
        .post(app.url(&format!("/api/v1/accounts/{account}/feedback")))
        .bearer_auth(token)
        .json(&feedback)
        .send()
        .await
        .unwrap();
    assert_eq!(fields(&assert_problem(response, 422, "validation_failed").await), ["subject"]);
    let profile = app
        .client
        .patch(app.url("/api/v1/me"))
        .bearer_auth(token)
        .json(&json!({ "display_name": "Dana\u{0}" }))
        .send()
        .await
        .unwrap();
    assert_eq!(fields(&assert_problem(profile, 422, "validation_failed").await), ["display_name"]);

    // The back office's batches, at any depth; and its client id.
    let integrator = app.integrator_token().await;
    let mut bad = invoice(1);
    bad["lines"][0]["description"] = json!("Skid\u{0}steer");
    let body = assert_problem(
        put_invoices(&app, &integrator, &json!({ "invoices": [invoice(2), bad] })).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&body), ["invoices[1].lines[0].description"]);
    let grant = app
        .client
        .post(app.url("/api/v1/oauth/token"))
        .form(&[("grant_type", "client_credentials"), ("client_id", "rpc_\u{0}"), ("client_secret", "s")])
        .send()
        .await
        .unwrap();
    assert_eq!(grant.status(), 401);
    assert_eq!(grant.json::<Value>().await.unwrap()["error"], "invalid_client");

    let after = (
        count_rows(&app, "feedback").await,
        invoice_count(&app).await,
        count_rows(&app, "audit_events").await,
    );
    assert_eq!(after.0, before.0, "no feedback written");
    assert_eq!(after.1, before.1, "no invoice written");
    // Only the integrator's token grant and the failed client lookup may have been audited.
    assert!(after.2 - before.2 <= 3, "{before:?} → {after:?}");
});
