//! The back office's customer-visible records (I3): locations and customers with their
//! contacts and jobs, upserted all or nothing by external id (created → unchanged →
//! updated → deleted), bad batches refused with the field's path and nothing written,
//! another dealer's records out of reach, and the records as the customer sees them.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{TestApp, assert_problem, on_pool};

async fn put(app: &TestApp, token: &str, kind: &str, body: &Value) -> reqwest::Response {
    let url = app.url(&format!("/api/v1/integrations/{kind}"));
    app.client.put(url).bearer_auth(token).json(body).send().await.unwrap()
}

async fn delete(app: &TestApp, token: &str, kind: &str, external_id: &str) -> reqwest::Response {
    let url = app.url(&format!("/api/v1/integrations/{kind}/{external_id}"));
    app.client.delete(url).bearer_auth(token).send().await.unwrap()
}

/// PUTs a batch that must be stored; the counts it answers.
async fn stored(app: &TestApp, token: &str, kind: &str, body: &Value) -> Value {
    let response = put(app, token, kind, body).await;
    assert_eq!(response.status(), 200, "PUT {kind}");
    response.json().await.unwrap()
}

fn counts(created: u32, updated: u32, unchanged: u32) -> Value {
    json!({ "created": created, "updated": updated, "unchanged": unchanged })
}

async fn count(app: &TestApp, table: &str) -> i64 {
    let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM {table}");
    on_pool!(&app.db, pool => {
        sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await.unwrap()
    })
}

/// `updated_at` of every row of `table`, as text, in id order: proves a batch wrote nothing.
async fn stamps(app: &TestApp, table: &str) -> Vec<String> {
    let sql = format!("SELECT updated_at FROM {table} ORDER BY id");
    on_pool!(&app.db, pool => {
        let rows: Vec<chrono::DateTime<chrono::Utc>> =
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await.unwrap();
        rows.into_iter().map(|t| t.to_rfc3339()).collect()
    })
}

fn location(external_id: &str, name: &str) -> Value {
    json!({
        "external_id": external_id, "code": "NEW", "name": name, "phone": "(303) 555-0199",
        "email": "new@summit.example", "address": "1 Yard Rd\nGolden, CO",
    })
}

fn customer(external_id: &str, number: &str) -> Value {
    json!({
        "external_id": external_id, "account_number": number, "name": format!("Customer {number}"),
        "kind": "account", "portal_enabled": true, "phone": "(720) 555-0142", "mobile_phone": null,
        "email": format!("ap-{number}@builder.example"), "billing_address": "9 Main St\nDenver, CO",
        "shipping_address": "Yard 4\nDenver, CO", "postal_code": "80202", "credit_limit_minor": 2_500_000,
        "home_location_external_id": "LOC-DEN",
        "contacts": [
            { "external_id": format!("{external_id}-K1"), "name": "Pat Doe", "email": "pat@builder.example",
              "phone": null, "is_primary": true },
            { "external_id": format!("{external_id}-K2"), "name": "Sam Roe", "email": null, "phone": "303 555 0100" },
        ],
        "jobs": [
            { "external_id": format!("{external_id}-J1"), "number": "J-1", "name": "Stadium", "address": "Gate 3" },
            { "external_id": format!("{external_id}-J2"), "number": null, "name": "Library", "active": false },
        ],
    })
}

fn fields(problem: &Value) -> Vec<String> {
    problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect()
}

db_test!(locations_are_created_then_unchanged_updated_and_deleted, |app| async move {
    let token = app.integrator_token().await;
    let batch = json!({ "locations": [location("LOC-NEW1", "Golden"), location("LOC-NEW2", "Aurora")] });
    let before = count(&app, "locations").await;

    assert_eq!(stored(&app, &token, "locations", &batch).await, counts(2, 0, 0));
    assert_eq!(count(&app, "locations").await, before + 2);
    let written = stamps(&app, "locations").await;
    assert_eq!(stored(&app, &token, "locations", &batch).await, counts(0, 0, 2), "the same batch again");
    assert_eq!(stamps(&app, "locations").await, written, "nothing written the second time");

    let mut moved = batch.clone();
    moved["locations"][1]["phone"] = json!(null);
    assert_eq!(stored(&app, &token, "locations", &moved).await, counts(0, 1, 1));
    let phone: Option<String> = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT phone FROM locations WHERE external_id = 'LOC-NEW2'").fetch_one(pool).await.unwrap()
    });
    assert_eq!(phone, None);

    assert_eq!(delete(&app, &token, "locations", "LOC-NEW2").await.status(), 204);
    assert_eq!(count(&app, "locations").await, before + 1);
    assert_problem(delete(&app, &token, "locations", "LOC-NEW2").await, 404, "not_found").await;
    let in_use = assert_problem(delete(&app, &token, "locations", "LOC-BOU").await, 409, "conflict").await;
    assert!(in_use["detail"].as_str().unwrap().contains("contracts"), "{in_use}");
    assert_eq!(count(&app, "locations").await, before + 1);
});

db_test!(customers_with_contacts_and_jobs_are_created_then_unchanged_updated_and_deleted, |app| async move {
    let token = app.integrator_token().await;
    let batch = json!({ "customers": [customer("CU-1", "N-1"), customer("CU-2", "N-2")] });
    let (customers, contacts, jobs) =
        (count(&app, "customers").await, count(&app, "contacts").await, count(&app, "jobs").await);

    assert_eq!(stored(&app, &token, "customers", &batch).await, counts(2, 0, 0));
    assert_eq!(count(&app, "customers").await, customers + 2);
    assert_eq!(count(&app, "contacts").await, contacts + 4);
    assert_eq!(count(&app, "jobs").await, jobs + 4);
    let row: (String, Option<String>, Option<i64>, Option<String>, String) = on_pool!(&app.db, pool => {
        sqlx::query_as(
            "SELECT c.phone_normalized, c.shipping_address, c.credit_limit_minor, c.address, l.external_id \
             FROM customers c JOIN locations l ON l.id = c.home_location_id WHERE c.external_id = 'CU-1'",
        )
        .fetch_one(pool).await.unwrap()
    });
    assert_eq!(row.0, "7205550142", "registration by phone matches the normalised phone");
    assert_eq!(row.1.as_deref(), Some("Yard 4\nDenver, CO"));
    assert_eq!(
        (row.2, row.3.as_deref(), row.4.as_str()),
        (Some(2_500_000), Some("9 Main St\nDenver, CO"), "LOC-DEN")
    );

    let written =
        [stamps(&app, "customers").await, stamps(&app, "contacts").await, stamps(&app, "jobs").await];
    assert_eq!(stored(&app, &token, "customers", &batch).await, counts(0, 0, 2), "the same batch again");
    let again = [stamps(&app, "customers").await, stamps(&app, "contacts").await, stamps(&app, "jobs").await];
    assert_eq!(again, written, "nothing written the second time");

    // A changed contact makes its customer updated; a job left out of the list is deleted;
    // a customer sent without `contacts` keeps them.
    let mut changed = batch.clone();
    changed["customers"][0]["contacts"][1]["email"] = json!("sam@builder.example");
    changed["customers"][0]["jobs"] = json!([changed["customers"][0]["jobs"][0].clone()]);
    changed["customers"][1].as_object_mut().unwrap().remove("contacts");
    assert_eq!(stored(&app, &token, "customers", &changed).await, counts(0, 1, 1));
    assert_eq!(count(&app, "contacts").await, contacts + 4);
    assert_eq!(count(&app, "jobs").await, jobs + 3);
    let email: Option<String> = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT email FROM contacts WHERE external_id = 'CU-1-K2'").fetch_one(pool).await.unwrap()
    });
    assert_eq!(email.as_deref(), Some("sam@builder.example"));

    assert_eq!(delete(&app, &token, "customers", "CU-2").await.status(), 204);
    assert_eq!(count(&app, "customers").await, customers + 1);
    assert_eq!(count(&app, "contacts").await, contacts + 2, "its contacts went with it");
    assert_eq!(count(&app, "jobs").await, jobs + 1, "and its jobs");
    assert_problem(delete(&app, &token, "customers", "CU-2").await, 404, "not_found").await;

    // A customer with contracts and invoices is refused, and says what to do instead.
    let session = app.login_demo().await;
    let demo: String = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT external_id FROM customers WHERE id = $1")
            .bind(session.account_at("summit")).fetch_one(pool).await.unwrap()
    });
    let refused = assert_problem(delete(&app, &token, "customers", &demo).await, 409, "conflict").await;
    assert!(refused["detail"].as_str().unwrap().contains("portal_enabled"), "{refused}");
    assert_eq!(count(&app, "customers").await, customers + 1);
});

db_test!(bad_batches_name_the_path_and_write_nothing, |app| async move {
    let token = app.integrator_token().await;
    let taken_number: String = on_pool!(&app.db, pool => {
        sqlx::query_scalar(
            "SELECT c.account_number FROM customers c JOIN dealers d ON d.id = c.dealer_id \
             WHERE d.slug = 'summit' ORDER BY c.account_number LIMIT 1",
        )
        .fetch_one(pool).await.unwrap()
    });
    let with = |field: &str, value: Value| {
        let mut bad = customer("BAD-1", "B-1");
        bad[field] = value;
        bad
    };
    let mut bad_email = customer("BAD-1", "B-1");
    bad_email["contacts"][1]["email"] = json!("sam-at-builder");
    let mut misspelt = customer("BAD-1", "B-1");
    misspelt["contacts"][1]["emial"] = json!("sam@builder.example");
    let mut no_name = customer("BAD-1", "B-1");
    no_name["jobs"][0].as_object_mut().unwrap().remove("name");
    let cases: Vec<(Value, &str)> = vec![
        (with("home_location_external_id", json!("LOC-NOPE")), "customers[1].home_location_external_id"),
        // Another dealer's location is as unknown as none.
        (with("home_location_external_id", json!("LOC-BAT")), "customers[1].home_location_external_id"),
        (with("account_number", json!(taken_number)), "customers[1].account_number"),
        (with("phone", json!("call the office")), "customers[1].phone"),
        (with("kind", json!("credit")), "customers[1].kind"),
        (bad_email, "customers[1].contacts[1].email"),
        (misspelt, "customers[1].contacts[1].emial"),
        (no_name, "customers[1].jobs[0].name"),
        (customer("GOOD-1", "B-9"), "customers[1].external_id"),
    ];
    let before = (count(&app, "customers").await, count(&app, "contacts").await, count(&app, "jobs").await);
    for (bad, field) in cases {
        // A good customer first: it must not be written either.
        let batch = json!({ "customers": [customer("GOOD-1", "G-1"), bad] });
        let problem =
            assert_problem(put(&app, &token, "customers", &batch).await, 422, "validation_failed").await;
        assert!(fields(&problem).contains(&field.to_string()), "{field} in {problem}");
        let after =
            (count(&app, "customers").await, count(&app, "contacts").await, count(&app, "jobs").await);
        assert_eq!(after, before, "nothing written for {field}");
    }
    let misspelt = assert_problem(
        put(&app, &token, "locations", &json!({ "locations": [location("L-1", "X")], "dry_run": true }))
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&misspelt), ["dry_run"]);
    assert!(misspelt["errors"][0]["message"].as_str().unwrap().contains("Unknown field"));

    // Batch limits: 500 records, and an 8 MiB body.
    let too_many: Vec<Value> = (0..501).map(|i| location(&format!("L-{i}"), "Many")).collect();
    let problem = assert_problem(
        put(&app, &token, "locations", &json!({ "locations": too_many })).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["locations"]);
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("500"));
    let huge = json!({ "locations": [location("L-1", &"x".repeat(9 * 1024 * 1024))] });
    let url = app.url("/api/v1/integrations/locations");
    // The server may answer 413 and close before the client has sent everything.
    if let Ok(response) = app.client.put(url).bearer_auth(&token).json(&huge).send().await {
        assert_problem(response, 413, "payload_too_large").await;
    }
    assert_eq!(count(&app, "customers").await, before.0);
});

db_test!(another_dealers_records_are_out_of_reach, |app| async move {
    let token = app.integrator_token().await;
    // Thames (another dealer) has a customer and a location with the ids Summit's back
    // office is about to use.
    let thames: (Uuid, String) = on_pool!(&app.db, pool => {
        sqlx::query_as(
            "SELECT c.id, c.name FROM customers c JOIN dealers d ON d.id = c.dealer_id \
             WHERE d.slug = 'thames' ORDER BY c.account_number LIMIT 1",
        )
        .fetch_one(pool).await.unwrap()
    });
    on_pool!(&app.db, pool => {
        sqlx::query("UPDATE customers SET external_id = 'SHARED-1' WHERE id = $1").bind(thames.0).execute(pool).await.unwrap();
        sqlx::query("UPDATE locations SET external_id = 'LOC-SHARED' WHERE external_id = 'LOC-OXF'").execute(pool).await.unwrap();
    });

    assert_problem(delete(&app, &token, "customers", "SHARED-1").await, 404, "not_found").await;
    assert_problem(delete(&app, &token, "locations", "LOC-SHARED").await, 404, "not_found").await;
    let mut ours = customer("SHARED-1", "S-SHARED");
    ours["home_location_external_id"] = json!("LOC-SHARED");
    let problem = assert_problem(
        put(&app, &token, "customers", &json!({ "customers": [ours.clone()] })).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["customers[0].home_location_external_id"]);

    assert_eq!(
        stored(&app, &token, "locations", &json!({ "locations": [location("LOC-SHARED", "Ours")] })).await,
        counts(1, 0, 0)
    );
    assert_eq!(stored(&app, &token, "customers", &json!({ "customers": [ours] })).await, counts(1, 0, 0));
    let (thames_name, thames_location): (String, String) = on_pool!(&app.db, pool => {
        sqlx::query_as(
            "SELECT c.name, l.name FROM customers c, locations l WHERE c.id = $1 AND l.external_id = 'LOC-SHARED' \
             AND l.dealer_id = c.dealer_id",
        )
        .bind(thames.0).fetch_one(pool).await.unwrap()
    });
    assert_eq!(thames_name, thames.1, "Thames's customer is untouched");
    assert_eq!(thames_location, "Oxford", "and so is its location");
});

db_test!(records_reach_the_customer_with_their_external_ids, |app| async move {
    let token = app.integrator_token().await;
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let (external_id, number, name, home): (String, String, String, String) = on_pool!(&app.db, pool => {
        sqlx::query_as(
            "SELECT c.external_id, c.account_number, c.name, l.external_id FROM customers c \
             JOIN locations l ON l.id = c.home_location_id WHERE c.id = $1",
        )
        .bind(account).fetch_one(pool).await.unwrap()
    });
    let me = app.get_json("/api/v1/me", session.token()).await;
    let summary =
        me["accounts"].as_array().unwrap().iter().find(|a| a["id"] == account.to_string()).unwrap().clone();
    assert_eq!(summary["external_id"], external_id.as_str());

    let mut store = location(&home, "Denver Central");
    store["code"] = json!("DEN");
    assert_eq!(stored(&app, &token, "locations", &json!({ "locations": [store] })).await, counts(0, 1, 0));
    let locations = app.get_json(&format!("/api/v1/accounts/{account}/locations"), session.token()).await;
    let shown =
        locations.as_array().unwrap().iter().find(|l| l["external_id"] == home.as_str()).unwrap().clone();
    assert_eq!(
        (shown["name"].as_str(), shown["phone"].as_str()),
        (Some("Denver Central"), Some("(303) 555-0199"))
    );

    let mut record = customer(&external_id, &number);
    record["name"] = json!(name);
    record["home_location_external_id"] = json!(home);
    record.as_object_mut().unwrap().remove("contacts");
    assert_eq!(
        stored(&app, &token, "customers", &json!({ "customers": [record.clone()] })).await,
        counts(0, 1, 0)
    );
    let jobs = app.get_json(&format!("/api/v1/accounts/{account}/jobs"), session.token()).await;
    let listed: Vec<(&str, bool)> = jobs
        .as_array()
        .unwrap()
        .iter()
        .map(|j| (j["external_id"].as_str().unwrap(), j["active"].as_bool().unwrap()))
        .collect();
    let (active, finished) = (format!("{external_id}-J1"), format!("{external_id}-J2"));
    assert_eq!(listed, [(active.as_str(), true), (finished.as_str(), false)]);

    // Closed to the portal by the back office: the account leaves the user's list.
    record["portal_enabled"] = json!(false);
    assert_eq!(stored(&app, &token, "customers", &json!({ "customers": [record] })).await, counts(0, 1, 0));
    let me = app.get_json("/api/v1/me", session.token()).await;
    assert!(me["accounts"].as_array().unwrap().iter().all(|a| a["id"] != account.to_string()));
    assert_eq!(app.get(&format!("/api/v1/accounts/{account}/jobs"), session.token()).await.status(), 404);
});

db_test!(only_the_back_office_loads_records, |app| async move {
    let session = app.login_demo().await;
    let batch = json!({ "locations": [location("L-1", "X")] });
    assert_problem(put(&app, session.token(), "locations", &batch).await, 403, "forbidden").await;
    assert_problem(delete(&app, session.token(), "customers", "CU-1").await, 403, "forbidden").await;
    let anonymous =
        app.client.put(app.url("/api/v1/integrations/customers")).json(&batch).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
});
