//! Sync status (H11): every integration write records its kind's arrival; a refused call
//! records its problem and leaves the arrival; each dealer sees its own; the same answer for
//! the back office (`GET /integrations/status`) and the dealer admin (`GET /admin/sync-status`).

use api::demo::{DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use shared::integrations::Scope;
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{TestApp, assert_problem, on_pool};
use crate::payments::fixtures::{card_token, enable_all, new_invoice};
use crate::payments::{body, pay_ok, post_posted};

const KINDS: [&str; 9] = [
    "locations",
    "customers",
    "contracts",
    "invoices",
    "contract_documents",
    "invoice_documents",
    "positions",
    "counter_payments",
    "posted_payments",
];

async fn status(app: &TestApp, token: &str) -> Value {
    let response = app.get("/api/v1/integrations/status", token).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// The entry of `kind` in a status answer.
fn kind<'a>(status: &'a Value, kind: &str) -> &'a Value {
    status["kinds"].as_array().unwrap().iter().find(|k| k["kind"] == kind).unwrap()
}

fn at(value: &Value) -> Option<DateTime<Utc>> {
    value.as_str().map(|text| text.parse().unwrap())
}

async fn send(
    app: &TestApp,
    token: &str,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut request = app.client.request(method.parse().unwrap(), app.url(path)).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap()
}

async fn send_pdf(app: &TestApp, token: &str, path: &str, bytes: &[u8]) -> reqwest::Response {
    app.client
        .put(app.url(path))
        .bearer_auth(token)
        .header("Content-Type", "application/pdf")
        .body(bytes.to_vec())
        .send()
        .await
        .unwrap()
}

/// Checks that, from `before` to now, only `expected`'s arrival moved (to a time after
/// `since`), carrying `records`; answers the new status.
async fn assert_arrived(
    app: &TestApp,
    token: &str,
    before: &Value,
    since: DateTime<Utc>,
    expected: &str,
    records: i64,
) -> Value {
    let after = status(app, token).await;
    for name in KINDS {
        let (was, now) = (kind(before, name), kind(&after, name));
        if name == expected {
            let arrived = at(&now["last_arrived_at"]).unwrap_or_else(|| panic!("{name} never arrived"));
            assert!(arrived >= since, "{name}: {arrived} before {since}");
            assert_eq!(now["last_records"], records, "{name}");
            assert_eq!(now["stale"], false, "{name}");
        } else {
            assert_eq!(now["last_arrived_at"], was["last_arrived_at"], "{name} moved with {expected}");
        }
        assert_eq!(now["last_error"], Value::Null, "{name}");
    }
    after
}

/// The external id of one of the Summit dealer's stores.
async fn summit_location(app: &TestApp) -> String {
    on_pool!(&app.db, pool => {
        sqlx::query_scalar(
            "SELECT l.external_id FROM locations l JOIN dealers d ON d.id = l.dealer_id \
             WHERE d.slug = 'summit' ORDER BY l.external_id LIMIT 1",
        )
        .fetch_one(pool).await.unwrap()
    })
}

fn customer(external_id: &str, location: &str, email: &str) -> Value {
    json!({
        "external_id": external_id, "account_number": format!("N{external_id}"), "name": "Sync Builders",
        "kind": "account", "portal_enabled": true, "phone": "(303) 555-0142", "email": email,
        "postal_code": "80202", "home_location_external_id": location,
    })
}

fn invoice(external_id: &str, customer: &str) -> Value {
    json!({
        "external_id": external_id, "customer_external_id": customer, "number": format!("N-{external_id}"),
        "kind": "invoice", "status": "open", "invoice_date": "2026-01-05", "subtotal_minor": 10_000,
        "tax_minor": 0, "total_minor": 10_000, "balance_minor": 10_000,
        "lines": [{ "description": "Delivery", "quantity": 1, "unit_price_minor": 10_000, "amount_minor": 10_000 }],
    })
}

fn position(serial: &str) -> Value {
    json!({ "serial_number": serial, "latitude": 39.7, "longitude": -104.9,
            "recorded_at": Utc::now() - chrono::Duration::minutes(5), "source": "telematics" })
}

const PDF: &[u8] = b"%PDF-1.4\n% sync status\n%%EOF\n";

db_test!(every_integration_route_records_its_kind_s_arrival, |app| async move {
    let back_office = app.integrator_token().await;
    let location = summit_location(&app).await;
    let mut current = status(&app, &back_office).await;
    assert_eq!(current["kinds"].as_array().unwrap().len(), KINDS.len());
    for (entry, name) in current["kinds"].as_array().unwrap().iter().zip(KINDS) {
        assert_eq!(entry["kind"], name, "every kind, in load order");
    }
    assert_eq!(current["time_zone"], "America/Denver");
    let locations_before = kind(&current, "locations")["records_now"].as_i64().unwrap();

    // Each write moves its own kind only, with how many records the call carried.
    let since = Utc::now();
    let batch = json!({ "locations": [{ "external_id": "SYNC-L1", "code": "SYN", "name": "Sync yard" },
                                      { "external_id": "SYNC-L2", "code": "SY2", "name": "Other yard" }] });
    assert_eq!(
        send(&app, &back_office, "PUT", "/api/v1/integrations/locations", Some(batch.clone())).await.status(),
        200
    );
    current = assert_arrived(&app, &back_office, &current, since, "locations", 2).await;
    assert_eq!(kind(&current, "locations")["records_now"], locations_before + 2);

    // The same batch again changes nothing, but it did arrive.
    let since = Utc::now();
    assert_eq!(
        send(&app, &back_office, "PUT", "/api/v1/integrations/locations", Some(batch)).await.status(),
        200
    );
    current = assert_arrived(&app, &back_office, &current, since, "locations", 2).await;

    let since = Utc::now();
    let batch = json!({ "customers": [customer("SYNC-C1", &location, "ap@sync.example")] });
    assert_eq!(
        send(&app, &back_office, "PUT", "/api/v1/integrations/customers", Some(batch)).await.status(),
        200
    );
    current = assert_arrived(&app, &back_office, &current, since, "customers", 1).await;

    let since = Utc::now();
    let batch = json!({ "contracts": [{
        "external_id": "SYNC-K1", "customer_external_id": "SYNC-C1", "location_external_id": location,
        "number": "N-SYNC-K1", "status": "open", "start_date": "2026-01-05", "amount_minor": 7_500,
        "amount_due_minor": 0,
        "lines": [{ "external_id": "1", "line_no": 1, "kind": "fee", "description": "Delivery",
                    "quantity": 1, "amount_minor": 7_500 }],
    }]});
    let response = send(&app, &back_office, "PUT", "/api/v1/integrations/contracts", Some(batch)).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    current = assert_arrived(&app, &back_office, &current, since, "contracts", 1).await;

    let since = Utc::now();
    let batch = json!({ "invoices": [invoice("SYNC-I1", "SYNC-C1"), invoice("SYNC-I2", "SYNC-C1")] });
    let response = send(&app, &back_office, "PUT", "/api/v1/integrations/invoices", Some(batch)).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    current = assert_arrived(&app, &back_office, &current, since, "invoices", 2).await;

    let since = Utc::now();
    let response = send_pdf(&app, &back_office, "/api/v1/integrations/contracts/SYNC-K1/pdf", PDF).await;
    assert_eq!(response.status(), 201);
    current = assert_arrived(&app, &back_office, &current, since, "contract_documents", 1).await;
    let documents = kind(&current, "contract_documents")["records_now"].as_i64().unwrap();
    // The same file again stores nothing; it arrived all the same.
    let since = Utc::now();
    let response = send_pdf(&app, &back_office, "/api/v1/integrations/contracts/SYNC-K1/pdf", PDF).await;
    assert_eq!(response.status(), 200);
    current = assert_arrived(&app, &back_office, &current, since, "contract_documents", 1).await;
    assert_eq!(kind(&current, "contract_documents")["records_now"], documents);

    let since = Utc::now();
    let response = send_pdf(&app, &back_office, "/api/v1/integrations/invoices/SYNC-I1/pdf", PDF).await;
    assert_eq!(response.status(), 201);
    current = assert_arrived(&app, &back_office, &current, since, "invoice_documents", 1).await;

    let since = Utc::now();
    let batch = json!({ "positions": [position("SYNC-SN-1"), position("SYNC-SN-2"), position("SYNC-SN-3")] });
    assert_eq!(
        send(&app, &back_office, "POST", "/api/v1/integrations/positions", Some(batch)).await.status(),
        200
    );
    current = assert_arrived(&app, &back_office, &current, since, "positions", 3).await;

    let since = Utc::now();
    let batch = json!({ "payments": [{ "external_id": "SYNC-P1", "customer_external_id": "SYNC-C1",
        "received_on": "2026-01-06", "amount_minor": 5_000, "method": "cash" }] });
    let response = send(&app, &back_office, "PUT", "/api/v1/integrations/payments", Some(batch)).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    current = assert_arrived(&app, &back_office, &current, since, "counter_payments", 1).await;
    assert_eq!(kind(&current, "counter_payments")["records_now"], 1);

    // A portal payment confirmed as posted, then confirmed again (an arrival too).
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    enable_all(&app, "summit").await;
    let (invoice_id, _) = new_invoice(&app, account, 20_000).await;
    let paid = pay_ok(
        &app,
        session.token(),
        account,
        &body(&[(invoice_id, 5_000)], None, "card", &card_token(crate::payments::fixtures::VISA)),
    )
    .await;
    let payment = paid["id"].as_str().unwrap();
    assert_eq!(kind(&current, "posted_payments")["records_now"], 0);
    let since = Utc::now();
    assert_eq!(post_posted(&app, &back_office, payment).await.status(), 204);
    current = assert_arrived(&app, &back_office, &current, since, "posted_payments", 1).await;
    assert_eq!(kind(&current, "posted_payments")["records_now"], 1);
    let since = Utc::now();
    assert_eq!(post_posted(&app, &back_office, payment).await.status(), 204);
    current = assert_arrived(&app, &back_office, &current, since, "posted_payments", 1).await;

    // Deletions are arrivals of their kind, one record each.
    let since = Utc::now();
    assert_eq!(
        send(&app, &back_office, "DELETE", "/api/v1/integrations/locations/SYNC-L2", None).await.status(),
        204
    );
    current = assert_arrived(&app, &back_office, &current, since, "locations", 1).await;
    assert_eq!(kind(&current, "locations")["records_now"], locations_before + 1);
    let since = Utc::now();
    assert_eq!(
        send(&app, &back_office, "DELETE", "/api/v1/integrations/payments/SYNC-P1", None).await.status(),
        204
    );
    current = assert_arrived(&app, &back_office, &current, since, "counter_payments", 1).await;
    assert_eq!(kind(&current, "counter_payments")["records_now"], 0);
    let since = Utc::now();
    let batch = json!({ "customers": [customer("SYNC-C2", &location, "ap2@sync.example")] });
    assert_eq!(
        send(&app, &back_office, "PUT", "/api/v1/integrations/customers", Some(batch)).await.status(),
        200
    );
    current = assert_arrived(&app, &back_office, &current, since, "customers", 1).await;
    let since = Utc::now();
    assert_eq!(
        send(&app, &back_office, "DELETE", "/api/v1/integrations/customers/SYNC-C2", None).await.status(),
        204
    );
    assert_arrived(&app, &back_office, &current, since, "customers", 1).await;
    let batch = json!({ "contracts": [{
        "external_id": "SYNC-K2", "customer_external_id": "SYNC-C1", "location_external_id": location,
        "number": "N-SYNC-K2", "status": "quote", "start_date": "2026-01-05", "amount_minor": 0,
        "amount_due_minor": 0, "lines": [],
    }]});
    assert_eq!(
        send(&app, &back_office, "PUT", "/api/v1/integrations/contracts", Some(batch)).await.status(),
        200
    );
    let current = status(&app, &back_office).await;
    let since = Utc::now();
    assert_eq!(
        send(&app, &back_office, "DELETE", "/api/v1/integrations/contracts/SYNC-K2", None).await.status(),
        204
    );
    assert_arrived(&app, &back_office, &current, since, "contracts", 1).await;
});

db_test!(a_refused_call_records_its_problem_and_leaves_the_arrival, |app| async move {
    let back_office = app.integrator_token().await;
    let location = summit_location(&app).await;
    let before = status(&app, &back_office).await;
    let arrived = kind(&before, "customers")["last_arrived_at"].clone();
    assert!(arrived.is_string(), "the demo seed loaded customers through the same path");
    let customers_now = kind(&before, "customers")["records_now"].clone();

    // An invalid batch: 422, nothing written, the problem recorded, the arrival as it was.
    let since = Utc::now();
    let batch = json!({ "customers": [customer("SYNC-C1", &location, "not-an-email")] });
    let response = send(&app, &back_office, "PUT", "/api/v1/integrations/customers", Some(batch)).await;
    let problem = assert_problem(response, 422, "validation_failed").await;
    let now = status(&app, &back_office).await;
    let entry = kind(&now, "customers");
    assert_eq!(entry["last_arrived_at"], arrived, "a refused batch is no arrival");
    assert_eq!(entry["records_now"], customers_now);
    let error = &entry["last_error"];
    assert_eq!(error["status"], 422);
    assert_eq!(error["code"], "validation_failed");
    assert_eq!(error["title"], problem["title"]);
    assert_eq!(
        error["detail"],
        format!("customers[0].email: {}", problem["errors"][0]["message"].as_str().unwrap())
    );
    assert!(at(&error["at"]).unwrap() >= since);
    for name in KINDS.into_iter().filter(|name| *name != "customers") {
        assert_eq!(kind(&now, name)["last_error"], Value::Null, "{name}");
        assert_eq!(kind(&now, name)["last_arrived_at"], kind(&before, name)["last_arrived_at"], "{name}");
    }

    // A body of the wrong shape is refused before the service: recorded all the same.
    let batch = json!({ "customers": [{ "emial": "x@y.example" }] });
    let response = send(&app, &back_office, "PUT", "/api/v1/integrations/customers", Some(batch)).await;
    assert_problem(response, 422, "validation_failed").await;
    let error = kind(&status(&app, &back_office).await, "customers")["last_error"].clone();
    assert!(error["detail"].as_str().unwrap().contains("customers[0].emial"), "{error}");

    // Not JSON at all: 400 on its kind.
    let response = app
        .client
        .put(app.url("/api/v1/integrations/invoices"))
        .bearer_auth(&back_office)
        .header("Content-Type", "application/json")
        .body("{ not json")
        .send()
        .await
        .unwrap();
    assert_problem(response, 400, "bad_request").await;
    // An unknown record: 404 on its kind; a conflict: 409.
    let response = send(&app, &back_office, "DELETE", "/api/v1/integrations/locations/NO-SUCH", None).await;
    assert_problem(response, 404, "not_found").await;
    let response = send_pdf(&app, &back_office, "/api/v1/integrations/contracts/NO-SUCH/pdf", PDF).await;
    assert_problem(response, 404, "not_found").await;
    let response = post_posted(&app, &back_office, &Uuid::now_v7().to_string()).await;
    assert_problem(response, 404, "not_found").await;
    let response =
        send(&app, &back_office, "DELETE", &format!("/api/v1/integrations/locations/{location}"), None).await;
    assert_problem(response, 409, "conflict").await;
    let now = status(&app, &back_office).await;
    assert_eq!(kind(&now, "invoices")["last_error"]["status"], 400);
    assert_eq!(kind(&now, "invoices")["last_arrived_at"], kind(&before, "invoices")["last_arrived_at"]);
    assert_eq!(kind(&now, "locations")["last_error"]["status"], 409, "the newest refusal");
    assert!(kind(&now, "locations")["last_error"]["detail"].is_string());
    assert_eq!(kind(&now, "contract_documents")["last_error"]["code"], "not_found");
    assert_eq!(kind(&now, "posted_payments")["last_error"]["code"], "not_found");
    assert_eq!(kind(&now, "locations")["last_arrived_at"], kind(&before, "locations")["last_arrived_at"]);

    // A token without the scope is not the batch's fault: nothing recorded.
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    let reader = app.create_api_client(admin.token(), &[Scope::PaymentsRead]).await;
    let reader = app.client_token(&reader, None).await;
    let batch = json!({ "customers": [customer("SYNC-C1", &location, "not-an-email")] });
    let response = send(&app, &reader, "PUT", "/api/v1/integrations/customers", Some(batch)).await;
    assert_problem(response, 403, "insufficient_scope").await;
    assert_eq!(kind(&status(&app, &back_office).await, "customers")["last_error"], error);

    // The next good batch arrives; the last error stays, with its time, for the record.
    let since = Utc::now();
    let batch = json!({ "customers": [customer("SYNC-C1", &location, "ap@sync.example")] });
    assert_eq!(
        send(&app, &back_office, "PUT", "/api/v1/integrations/customers", Some(batch)).await.status(),
        200
    );
    let entry = kind(&status(&app, &back_office).await, "customers").clone();
    assert!(at(&entry["last_arrived_at"]).unwrap() >= since);
    assert_eq!(entry["last_error"], error);
});

db_test!(each_dealer_sees_its_own_sync_status, |app| async move {
    let summit = app.integrator_token().await;
    let thames_admin = app.create_dealer_admin("thames").await;
    let thames = app.create_api_client(&thames_admin, &[Scope::CustomersWrite]).await;
    let thames = app.client_token(&thames, None).await;
    let thames_before = status(&app, &thames).await;
    assert_eq!(thames_before["time_zone"], "Europe/London");

    // Summit's calls, accepted and refused, show in Summit's status only.
    let location = summit_location(&app).await;
    let batch = json!({ "customers": [customer("SYNC-C1", &location, "ap@sync.example")] });
    assert_eq!(send(&app, &summit, "PUT", "/api/v1/integrations/customers", Some(batch)).await.status(), 200);
    let response = send(&app, &summit, "DELETE", "/api/v1/integrations/locations/NO-SUCH", None).await;
    assert_problem(response, 404, "not_found").await;
    // Thames cannot reach Summit's records: its own call is refused, on its own status.
    let response = send(&app, &thames, "DELETE", "/api/v1/integrations/customers/SYNC-C1", None).await;
    assert_problem(response, 404, "not_found").await;

    let summit_now = status(&app, &summit).await;
    let thames_now = status(&app, &thames).await;
    assert_eq!(kind(&summit_now, "locations")["last_error"]["code"], "not_found");
    assert_eq!(kind(&summit_now, "customers")["last_error"], Value::Null);
    assert_eq!(kind(&thames_now, "locations")["last_error"], Value::Null);
    assert_eq!(kind(&thames_now, "customers")["last_error"]["code"], "not_found");
    assert_eq!(
        kind(&thames_now, "customers")["last_arrived_at"],
        kind(&thames_before, "customers")["last_arrived_at"]
    );
    assert_eq!(
        kind(&thames_now, "customers")["records_now"],
        kind(&thames_before, "customers")["records_now"]
    );
    let count = |slug: &'static str| {
        let db = app.db.clone();
        async move {
            on_pool!(&db, pool => {
                sqlx::query_scalar::<_, i64>(
                    "SELECT CAST(COUNT(*) AS BIGINT) FROM customers c JOIN dealers d ON d.id = c.dealer_id WHERE d.slug = $1",
                )
                .bind(slug).fetch_one(pool).await.unwrap()
            })
        }
    };
    assert_eq!(kind(&summit_now, "customers")["records_now"], count("summit").await);
    assert_eq!(kind(&thames_now, "customers")["records_now"], count("thames").await);
});

db_test!(the_status_is_for_the_dealer_s_clients_and_admins_only, |app| async move {
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    let staff = app.login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
    let customer = app.login_demo().await;
    // Any of the dealer's clients, whatever its scopes.
    let reader = app.create_api_client(admin.token(), &[Scope::PaymentsRead]).await;
    let reader = app.client_token(&reader, None).await;
    let from_client = status(&app, &reader).await;

    // The admin's page reads the same status.
    let response = app.get("/api/v1/admin/sync-status", admin.token()).await;
    assert_eq!(response.status(), 200);
    let from_admin: Value = response.json().await.unwrap();
    assert_eq!(from_admin["kinds"], from_client["kinds"]);
    assert_eq!(from_admin["time_zone"], from_client["time_zone"]);

    // People's tokens are refused on the client route; staff and customers on the admin's.
    for person in [admin.token(), staff.token(), customer.token()] {
        assert_problem(app.get("/api/v1/integrations/status", person).await, 403, "forbidden").await;
    }
    for person in [staff.token(), customer.token()] {
        assert_problem(app.get("/api/v1/admin/sync-status", person).await, 403, "forbidden").await;
    }
    assert_eq!(app.get("/api/v1/admin/sync-status", &reader).await.status(), 401);
    let anonymous = app.client.get(app.url("/api/v1/integrations/status")).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    let anonymous = app.client.get(app.url("/api/v1/admin/sync-status")).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
});

db_test!(a_kind_silent_for_more_than_a_day_is_stale, |app| async move {
    let back_office = app.integrator_token().await;
    let fresh = status(&app, &back_office).await;
    assert_eq!(kind(&fresh, "customers")["stale"], false, "the demo seed just loaded them");
    assert_eq!(kind(&fresh, "counter_payments")["last_arrived_at"], Value::Null);
    assert_eq!(kind(&fresh, "counter_payments")["stale"], false, "never sent: not stale");
    let day_ago = Utc::now() - chrono::Duration::hours(25);
    on_pool!(&app.db, pool => {
        sqlx::query("UPDATE integration_sync SET last_arrived_at = $1 WHERE kind = 'customers'")
            .bind(day_ago).execute(pool).await.unwrap();
    });
    let now = status(&app, &back_office).await;
    assert_eq!(kind(&now, "customers")["stale"], true);
    assert_eq!(kind(&now, "locations")["stale"], false);
});

db_test!(each_webhook_endpoint_s_health_is_in_the_status, |app| async move {
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    let back_office = app.integrator_token().await;
    assert_eq!(status(&app, &back_office).await["webhooks"], json!([]));
    let response = app
        .client
        .post(app.url("/api/v1/admin/webhooks"))
        .bearer_auth(admin.token())
        .json(&json!({ "url": "https://93.184.215.14/hooks?token=s3cret", "description": "ERP" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.unwrap();
    let id = created["endpoint"]["id"].as_str().unwrap().to_string();

    let fresh = status(&app, &back_office).await;
    let health = &fresh["webhooks"][0];
    assert_eq!(health["id"], id.as_str());
    assert_eq!(health["url"], "https://93.184.215.14/hooks", "the query may hold a credential");
    assert_eq!(health["description"], "ERP");
    assert_eq!(health["enabled"], true);
    assert_eq!(health["last_attempt_at"], Value::Null);
    assert_eq!(health["last_result"], Value::Null);
    assert_eq!(health["consecutive_failures"], 0);

    // As the delivery worker leaves it after three failures and the endpoint disabled.
    let failed_at = Utc::now() - chrono::Duration::minutes(3);
    on_pool!(&app.db, pool => {
        sqlx::query(
            "UPDATE webhook_endpoints SET last_attempt_at = $1, last_status_code = 500, \
             last_error = 'HTTP 500', consecutive_failures = 3, enabled = FALSE, \
             disabled_reason = 'Failed for 3 days', disabled_at = $1 WHERE id = $2",
        )
        .bind(failed_at).bind(Uuid::parse_str(&id).unwrap()).execute(pool).await.unwrap();
    });
    let now = status(&app, &back_office).await;
    let health = &now["webhooks"][0];
    assert_eq!(health["enabled"], false);
    assert_eq!(health["disabled_reason"], "Failed for 3 days");
    assert_eq!(health["last_result"], "failed");
    assert_eq!(health["last_status_code"], 500);
    assert_eq!(health["consecutive_failures"], 3);
    assert_eq!(at(&health["last_attempt_at"]).unwrap().timestamp_micros(), failed_at.timestamp_micros());
    let from_admin: Value = app.get("/api/v1/admin/sync-status", admin.token()).await.json().await.unwrap();
    assert_eq!(from_admin["webhooks"], now["webhooks"]);

    // Another dealer's client sees none of it.
    let thames_admin = app.create_dealer_admin("thames").await;
    let thames = app.create_api_client(&thames_admin, &[Scope::CustomersWrite]).await;
    let thames = app.client_token(&thames, None).await;
    assert_eq!(status(&app, &thames).await["webhooks"], json!([]));
});
