//! The back office's contracts (I3): quotes, reservations, open and closed contracts with
//! their lines upserted all or nothing by external id (created → unchanged → updated →
//! deleted), line ids kept, bad batches refused with the field's path and nothing written,
//! another dealer's records out of reach, the contracts as the customer sees them, and a
//! line returned at the counter completing its call-off.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{TestApp, assert_problem, on_pool};
use crate::requests::{file_call_off, line_status};

const PATH: &str = "/api/v1/integrations/contracts";

async fn put(app: &TestApp, token: &str, body: &Value) -> reqwest::Response {
    app.client.put(app.url(PATH)).bearer_auth(token).json(body).send().await.unwrap()
}

async fn delete(app: &TestApp, token: &str, external_id: &str) -> reqwest::Response {
    let url = app.url(&format!("{PATH}/{external_id}"));
    app.client.delete(url).bearer_auth(token).send().await.unwrap()
}

/// PUTs a batch that must be stored; the counts it answers.
async fn stored(app: &TestApp, token: &str, body: &Value) -> Value {
    let response = put(app, token, body).await;
    let status = response.status();
    let answer: Value = response.json().await.unwrap();
    assert_eq!(status, 200, "PUT contracts: {answer}");
    answer
}

fn counts(created: u32, updated: u32, unchanged: u32) -> Value {
    json!({ "created": created, "updated": updated, "unchanged": unchanged })
}

fn fields(problem: &Value) -> Vec<String> {
    problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect()
}

async fn count(app: &TestApp, table: &str) -> i64 {
    let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM {table}");
    on_pool!(&app.db, pool => {
        sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await.unwrap()
    })
}

/// The demo user's Summit account and its id in the back office.
async fn demo_customer(app: &TestApp, account: Uuid) -> String {
    on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT external_id FROM customers WHERE id = $1").bind(account).fetch_one(pool).await.unwrap()
    })
}

fn rental(external_id: &str, line_no: i32, status: &str) -> Value {
    let returned = (status == "returned").then_some("2025-02-01");
    json!({
        "external_id": external_id, "line_no": line_no, "kind": "rental", "item_code": "EXC-35",
        "description": format!("Mini excavator {external_id}"), "serial_number": format!("SN-{external_id}"),
        "category": "Excavators", "quantity": 1, "status": status, "daily_rate_minor": 32_500,
        "weekly_rate_minor": 97_500, "monthly_rate_minor": null, "start_date": "2025-01-06",
        "expected_return": "2025-02-06", "returned_on": returned, "amount_minor": 65_000,
    })
}

fn fee(external_id: &str, line_no: i32) -> Value {
    json!({
        "external_id": external_id, "line_no": line_no, "kind": "fee", "description": "Delivery",
        "quantity": 1, "amount_minor": 7_500,
    })
}

fn contract(external_id: &str, customer: &str, status: &str, lines: Vec<Value>) -> Value {
    let close_date = (status == "closed").then_some("2025-02-10");
    json!({
        "external_id": external_id, "customer_external_id": customer, "location_external_id": "LOC-DEN",
        "number": format!("N-{external_id}"), "status": status, "job_number": "JOB-7", "po_number": null,
        "job_site": "1450 Wynkoop St", "ordered_by": "Jordan", "notes": null,
        "start_date": "2025-01-06", "close_date": close_date, "amount_minor": 72_500,
        "amount_due_minor": 10_000, "lines": lines,
    })
}

/// One contract of each kind for `customer`.
fn every_kind(customer: &str) -> Value {
    json!({ "contracts": [
        contract("K-Q", customer, "quote", vec![rental("1", 1, "reserved"), fee("2", 2)]),
        contract("K-R", customer, "reservation", vec![rental("1", 1, "reserved")]),
        contract("K-O", customer, "open", vec![rental("1", 1, "out"), rental("2", 2, "out"), fee("3", 3)]),
        contract("K-C", customer, "closed", vec![rental("1", 1, "returned")]),
    ]})
}

/// `(external id, id, line_no)` of each line of contract `external_id`, by line number.
async fn lines_of(app: &TestApp, external_id: &str) -> Vec<(String, Uuid, i32)> {
    on_pool!(&app.db, pool => {
        sqlx::query_as(
            "SELECT l.external_id, l.id, l.line_no FROM contract_lines l JOIN contracts c ON c.id = l.contract_id \
             WHERE c.external_id = $1 ORDER BY l.line_no",
        )
        .bind(external_id).fetch_all(pool).await.unwrap()
    })
}

async fn status(app: &TestApp, line: Uuid) -> String {
    line_status(app, line).await.0
}

/// `updated_at` of the batch's contracts, as text: proves a batch wrote nothing.
async fn stamps(app: &TestApp) -> Vec<String> {
    on_pool!(&app.db, pool => {
        let rows: Vec<chrono::DateTime<chrono::Utc>> = sqlx::query_scalar(
            "SELECT updated_at FROM contracts WHERE external_id LIKE 'K-%' ORDER BY external_id",
        )
        .fetch_all(pool).await.unwrap();
        rows.into_iter().map(|t| t.to_rfc3339()).collect()
    })
}

db_test!(contracts_of_every_kind_are_created_then_unchanged_updated_and_deleted, |app| async move {
    let token = app.integrator_token().await;
    let account = app.login_demo().await.account_at("summit");
    let customer = demo_customer(&app, account).await;
    let batch = every_kind(&customer);
    let (contracts, lines) = (count(&app, "contracts").await, count(&app, "contract_lines").await);

    assert_eq!(stored(&app, &token, &batch).await, counts(4, 0, 0));
    assert_eq!(count(&app, "contracts").await, contracts + 4);
    assert_eq!(count(&app, "contract_lines").await, lines + 7);
    let kinds: Vec<(String, String)> = on_pool!(&app.db, pool => {
        sqlx::query_as("SELECT external_id, status FROM contracts WHERE external_id LIKE 'K-%' ORDER BY external_id")
            .fetch_all(pool).await.unwrap()
    });
    assert_eq!(
        kinds,
        [("K-C", "closed"), ("K-O", "open"), ("K-Q", "quote"), ("K-R", "reservation")]
            .map(|(e, s)| (e.to_string(), s.to_string()))
    );
    let written = stamps(&app).await;
    let open_lines = lines_of(&app, "K-O").await;

    assert_eq!(stored(&app, &token, &batch).await, counts(0, 0, 4), "the same batch again");
    assert_eq!(stamps(&app).await, written, "nothing written the second time");

    // The open contract's lines trade places, one changes, one goes and one comes; the
    // quote gets a PO number; the others stay.
    let mut changed = batch.clone();
    let mut first = rental("1", 2, "returned");
    first["description"] = json!("Mini excavator, returned");
    changed["contracts"][2]["lines"] = json!([rental("2", 1, "out"), first, rental("4", 3, "out")]);
    changed["contracts"][0]["po_number"] = json!("PO-9");
    assert_eq!(stored(&app, &token, &changed).await, counts(0, 2, 2));
    let after = lines_of(&app, "K-O").await;
    let id_of =
        |lines: &[(String, Uuid, i32)], key: &str| lines.iter().find(|l| l.0 == key).map(|l| (l.1, l.2));
    assert_eq!(id_of(&after, "1"), Some((id_of(&open_lines, "1").unwrap().0, 2)), "line 1 kept its id");
    assert_eq!(id_of(&after, "2"), Some((id_of(&open_lines, "2").unwrap().0, 1)), "line 2 kept its id");
    assert_eq!(id_of(&after, "3"), None, "the fee left out is removed");
    assert!(id_of(&after, "4").is_some());
    let returned: (String, Option<chrono::NaiveDate>, Option<String>) = on_pool!(&app.db, pool => {
        sqlx::query_as("SELECT status, returned_on, category FROM contract_lines WHERE id = $1")
            .bind(after[1].1).fetch_one(pool).await.unwrap()
    });
    assert_eq!(
        returned,
        ("returned".into(), chrono::NaiveDate::from_ymd_opt(2025, 2, 1), Some("Excavators".into()))
    );
    assert_eq!(stored(&app, &token, &changed).await, counts(0, 0, 4));

    assert_eq!(delete(&app, &token, "K-Q").await.status(), 204);
    assert_eq!(count(&app, "contracts").await, contracts + 3);
    assert_eq!(count(&app, "contract_lines").await, lines + 5);
    assert_problem(delete(&app, &token, "K-Q").await, 404, "not_found").await;

    // A contract invoices name stays.
    let invoiced: String = on_pool!(&app.db, pool => {
        sqlx::query_scalar(
            "SELECT k.external_id FROM contracts k JOIN dealers d ON d.id = k.dealer_id WHERE d.slug = 'summit' \
             AND EXISTS (SELECT 1 FROM invoices i WHERE i.contract_id = k.id) ORDER BY k.external_id LIMIT 1",
        )
        .fetch_one(pool).await.unwrap()
    });
    let in_use = assert_problem(delete(&app, &token, &invoiced).await, 409, "conflict").await;
    assert!(in_use["detail"].as_str().unwrap().contains("closed"), "{in_use}");
    assert_eq!(count(&app, "contracts").await, contracts + 3);

    let events = app.client_audit_events("contracts.upserted").await;
    assert_eq!(events.len(), 4);
    assert_eq!(events[0].1["created"], 4);
    assert_eq!(app.client_audit_events("contract.deleted").await.len(), 1);
});

db_test!(a_bad_contract_or_line_refuses_the_whole_batch, |app| async move {
    let token = app.integrator_token().await;
    let account = app.login_demo().await.account_at("summit");
    let customer = demo_customer(&app, account).await;
    let good = contract("K-1", &customer, "open", vec![rental("1", 1, "out")]);
    let taken: String = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT number FROM contracts ORDER BY number LIMIT 1").fetch_one(pool).await.unwrap()
    });
    let with = |field: &str, value: Value| {
        let mut c = contract("K-2", &customer, "open", vec![rental("1", 1, "out")]);
        c[field] = value;
        c
    };
    let mut bad_line = contract("K-2", &customer, "open", vec![rental("1", 1, "out")]);
    bad_line["lines"][0]["quantity"] = json!(-2);
    let mut no_status = contract("K-2", &customer, "open", vec![rental("1", 1, "out")]);
    no_status["lines"][0]["status"] = Value::Null;
    let before = (count(&app, "contracts").await, count(&app, "contract_lines").await);

    for (second, field) in [
        (with("customer_external_id", json!("CUST-NOPE")), "contracts[1].customer_external_id"),
        (with("location_external_id", json!("LOC-NOPE")), "contracts[1].location_external_id"),
        (with("number", json!(taken)), "contracts[1].number"),
        (with("status", json!("closed")), "contracts[1].close_date"),
        (bad_line, "contracts[1].lines[0].quantity"),
        (no_status, "contracts[1].lines[0].status"),
    ] {
        let batch = json!({ "contracts": [good.clone(), second] });
        let problem = assert_problem(put(&app, &token, &batch).await, 422, "validation_failed").await;
        assert_eq!(fields(&problem), [field]);
    }

    // Unknown fields and bad words are named by their path.
    let mut misspelt = good.clone();
    misspelt["lines"][0]["colour"] = json!("red");
    let problem = assert_problem(
        put(&app, &token, &json!({ "contracts": [misspelt] })).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["contracts[0].lines[0].colour"]);
    let mut unknown_status = good.clone();
    unknown_status["lines"][0]["status"] = json!("lost");
    let problem = assert_problem(
        put(&app, &token, &json!({ "contracts": [good.clone(), unknown_status] })).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["contracts[1].lines[0].status"]);

    // Over the limits: 1,001 contracts, or 1,001 lines on one.
    let many: Vec<Value> =
        (0..1001).map(|i| contract(&format!("K-{i}"), &customer, "quote", vec![fee("1", 1)])).collect();
    let problem =
        assert_problem(put(&app, &token, &json!({ "contracts": many })).await, 422, "validation_failed")
            .await;
    assert_eq!(fields(&problem), ["contracts"]);
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("1000"), "{problem}");
    let long = contract("K-L", &customer, "open", (1..=1001).map(|n| fee(&n.to_string(), n)).collect());
    let problem =
        assert_problem(put(&app, &token, &json!({ "contracts": [long] })).await, 422, "validation_failed")
            .await;
    assert_eq!(fields(&problem), ["contracts[0].lines"]);

    assert_eq!(
        (count(&app, "contracts").await, count(&app, "contract_lines").await),
        before,
        "nothing written"
    );
    assert!(app.client_audit_events("contracts.upserted").await.is_empty());
    assert_eq!(stored(&app, &token, &json!({ "contracts": [good] })).await, counts(1, 0, 0));
});

db_test!(another_dealers_contracts_are_out_of_reach, |app| async move {
    let token = app.integrator_token().await;
    // Both demo dealers have a customer CUST-10000; Thames's contracts and stores are not
    // Summit's to name.
    let thames: (Uuid, String, String) = on_pool!(&app.db, pool => {
        sqlx::query_as(
            "SELECT k.id, k.external_id, k.number FROM contracts k JOIN dealers d ON d.id = k.dealer_id \
             WHERE d.slug = 'thames' ORDER BY k.external_id LIMIT 1",
        )
        .fetch_one(pool).await.unwrap()
    });
    assert_problem(delete(&app, &token, &thames.1).await, 404, "not_found").await;

    let mut theirs = contract(&thames.1, "CUST-10000", "open", vec![rental("1", 1, "out")]);
    theirs["location_external_id"] = json!("LOC-OXF");
    let problem = assert_problem(
        put(&app, &token, &json!({ "contracts": [theirs.clone()] })).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["contracts[0].location_external_id"]);

    // The same external id and number at Summit is Summit's own contract.
    theirs["location_external_id"] = json!("LOC-DEN");
    theirs["number"] = json!(thames.2);
    assert_eq!(stored(&app, &token, &json!({ "contracts": [theirs] })).await, counts(1, 0, 0));
    let owners: Vec<String> = on_pool!(&app.db, pool => {
        sqlx::query_scalar(
            "SELECT d.slug FROM contracts k JOIN dealers d ON d.id = k.dealer_id \
             JOIN customers c ON c.id = k.customer_id AND c.dealer_id = d.id \
             WHERE k.external_id = $1 ORDER BY d.slug",
        )
        .bind(&thames.1).fetch_all(pool).await.unwrap()
    });
    assert_eq!(owners, ["summit", "thames"]);
    let untouched: i64 = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM contract_lines WHERE contract_id = $1 AND external_id = '1' AND serial_number = 'SN-1'")
            .bind(thames.0).fetch_one(pool).await.unwrap()
    });
    assert_eq!(untouched, 0, "Thames's lines are untouched");

    // A person's token is no back office.
    let session = app.login_demo().await;
    assert_problem(put(&app, session.token(), &json!({ "contracts": [] })).await, 403, "forbidden").await;
});

db_test!(contracts_reach_the_customer_with_their_external_ids, |app| async move {
    let token = app.integrator_token().await;
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let customer = demo_customer(&app, account).await;
    assert_eq!(stored(&app, &token, &every_kind(&customer)).await, counts(4, 0, 0));

    let list = app.get_json(&format!("/api/v1/accounts/{account}/contracts?q=N-K-O"), session.token()).await;
    let item = &list["items"][0];
    assert_eq!((item["external_id"].as_str(), item["number"].as_str()), (Some("K-O"), Some("N-K-O")));
    let detail = app
        .get_json(
            &format!("/api/v1/accounts/{account}/contracts/{}", item["id"].as_str().unwrap()),
            session.token(),
        )
        .await;
    assert_eq!(detail["external_id"], "K-O");
    assert_eq!(item["location"]["external_id"], "LOC-DEN", "records named inside carry theirs too");
    assert_eq!(detail["location"]["external_id"], "LOC-DEN");
    let rentals = app.get_json(&format!("/api/v1/accounts/{account}/rentals?q=N-K-O"), session.token()).await;
    assert!(
        rentals["items"].as_array().unwrap().iter().all(|r| r["location"]["external_id"] == "LOC-DEN"),
        "{rentals}"
    );
    let lines: Vec<(&str, &str, Option<&str>)> = detail["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["external_id"].as_str().unwrap(), l["kind"].as_str().unwrap(), l["category"].as_str()))
        .collect();
    assert_eq!(
        lines,
        [("1", "rental", Some("Excavators")), ("2", "rental", Some("Excavators")), ("3", "fee", None)]
    );

    let rentals = app
        .get_json(
            &format!("/api/v1/accounts/{account}/rentals?contract=N-K-O&sort=description&dir=asc"),
            session.token(),
        )
        .await;
    let items: Vec<(&str, &str)> = rentals["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["contract_external_id"].as_str().unwrap(), r["line_external_id"].as_str().unwrap()))
        .collect();
    assert_eq!(items, [("K-O", "1"), ("K-O", "2")]);

    // Demo contracts loaded before the API name their lines by number.
    let demo = app
        .get_json(&format!("/api/v1/accounts/{account}/contracts?per_page=1&sort=number"), session.token())
        .await;
    let id = demo["items"][0]["id"].as_str().unwrap();
    let detail = app.get_json(&format!("/api/v1/accounts/{account}/contracts/{id}"), session.token()).await;
    assert!(detail["external_id"].as_str().is_some_and(|e| !e.is_empty()));
    for line in detail["lines"].as_array().unwrap() {
        assert_eq!(line["external_id"].as_str().unwrap(), line["line_no"].to_string());
    }
});

db_test!(a_line_returned_at_the_counter_completes_its_call_off, |app| async move {
    let token = app.integrator_token().await;
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let customer = demo_customer(&app, account).await;
    let open = |lines: Vec<Value>| json!({ "contracts": [contract("K-CO", &customer, "open", lines)] });
    assert_eq!(
        stored(&app, &token, &open(vec![rental("1", 1, "out"), rental("2", 2, "out")])).await,
        counts(1, 0, 0)
    );
    let ids: Vec<Uuid> = lines_of(&app, "K-CO").await.into_iter().map(|l| l.1).collect();
    let filed = file_call_off(&app, session.token(), account, &ids).await;
    let request = filed["id"].as_str().unwrap().to_string();
    let request_path = format!("/api/v1/accounts/{account}/requests/{request}");

    // The back office does not know the call-off yet: its items stay called off.
    assert_eq!(
        stored(&app, &token, &open(vec![rental("1", 1, "out"), rental("2", 2, "out")])).await,
        counts(0, 0, 1)
    );
    assert_eq!(
        (status(&app, ids[0]).await, status(&app, ids[1]).await),
        ("called_off".into(), "called_off".into())
    );

    // A line a request names cannot be dropped.
    let problem =
        assert_problem(put(&app, &token, &open(vec![rental("1", 1, "out")])).await, 422, "validation_failed")
            .await;
    assert_eq!(fields(&problem), ["contracts[0].lines"]);

    // One item back at the counter: the call-off waits for the other.
    assert_eq!(
        stored(&app, &token, &open(vec![rental("1", 1, "returned"), rental("2", 2, "out")])).await,
        counts(0, 1, 0)
    );
    assert_eq!(
        (status(&app, ids[0]).await, status(&app, ids[1]).await),
        ("returned".into(), "called_off".into())
    );
    let detail = app.get_json(&request_path, session.token()).await;
    assert_eq!(detail["status"], "requested");

    // Both back: the back office completed the call-off, on the day the last came back.
    let both = open(vec![rental("1", 1, "returned"), rental("2", 2, "returned")]);
    assert_eq!(stored(&app, &token, &both).await, counts(0, 1, 0));
    let detail = app.get_json(&request_path, session.token()).await;
    assert_eq!(detail["status"], "completed");
    let last = detail["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["status"].as_str(), last["actor"].as_str()), (Some("completed"), Some("back_office")));
    assert_eq!(last["note"], "Returned at the counter on 2025-02-01.");
    let request_lines: Vec<(&str, &str)> = detail["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["contract_external_id"].as_str().unwrap(), l["line_external_id"].as_str().unwrap()))
        .collect();
    assert_eq!(request_lines, [("K-CO", "1"), ("K-CO", "2")]);
    let events = app.client_audit_events("contracts.upserted").await;
    assert_eq!(events.last().unwrap().1["call_offs_completed"], json!([filed["number"]]));
    assert_eq!(stored(&app, &token, &both).await, counts(0, 0, 1), "the same batch again");

    // Out again (the call-off is over): the back office's word.
    assert_eq!(
        stored(&app, &token, &open(vec![rental("1", 1, "out"), rental("2", 2, "returned")])).await,
        counts(0, 1, 0)
    );
    assert_eq!(status(&app, ids[0]).await, "out");
    assert_eq!(app.get_json(&request_path, session.token()).await["status"], "completed");

    // The back office hears of it as one status change, however often the batch comes again.
    let changes = status_change_events(&app).await;
    assert_eq!(changes.len(), 1, "{changes:?}");
    let data = &changes[0];
    assert_eq!(data["request_id"], request.as_str());
    assert_eq!(
        (data["previous_status"].as_str(), data["status"].as_str(), data["actor"].as_str()),
        (Some("requested"), Some("completed"), Some("back_office"))
    );
    assert_eq!(data["note"], "Returned at the counter on 2025-02-01.");
    assert_eq!(data["lines"].as_array().unwrap().len(), 2);
});

/// The payloads of the `request.status_changed` events written so far, in feed order.
async fn status_change_events(app: &TestApp) -> Vec<Value> {
    let payloads: Vec<String> = on_pool!(&app.db, pool => {
        sqlx::query_scalar(
            "SELECT payload FROM integration_events WHERE type = 'request.status_changed' ORDER BY txid, seq",
        )
        .fetch_all(pool)
        .await
        .unwrap()
    });
    payloads.iter().map(|p| serde_json::from_str(p).unwrap()).collect()
}

/// Each `K-` contract's stored search text, by external id.
async fn search_texts(app: &TestApp) -> Vec<(String, String)> {
    on_pool!(&app.db, pool => {
        sqlx::query_as("SELECT external_id, search_text FROM contracts WHERE external_id LIKE 'K-%' ORDER BY external_id")
            .fetch_all(pool).await.unwrap()
    })
}

/// The `K-` contracts' search texts as the database's own triggers compute them from the
/// stored rows (migration 0026), whatever the feed wrote.
async fn recomputed_search_texts(app: &TestApp) -> Vec<(String, String)> {
    match &app.db {
        api::db::Db::Postgres(pool) => {
            sqlx::query(
                "UPDATE contracts SET search_text = contract_search_text(id, number, job_number, po_number, job_site) \
                 WHERE external_id LIKE 'K-%'",
            )
            .execute(pool)
            .await
            .unwrap();
        }
        api::db::Db::Sqlite(pool) => {
            sqlx::query("INSERT INTO contract_search_dirty (contract_id) SELECT id FROM contracts WHERE external_id LIKE 'K-%'")
                .execute(pool)
                .await
                .unwrap();
        }
    }
    search_texts(app).await
}

/// On PostgreSQL, counts the row versions the statements of the test write into
/// `contracts` by UPDATE (a test-only trigger on the test's own database).
async fn count_contract_updates(app: &TestApp) -> Option<sqlx::PgPool> {
    let api::db::Db::Postgres(pool) = &app.db else { return None };
    for sql in [
        "CREATE TABLE test_contract_updates (n BIGINT NOT NULL)",
        "INSERT INTO test_contract_updates VALUES (0)",
        "CREATE FUNCTION test_count_contract_update() RETURNS TRIGGER LANGUAGE plpgsql AS $$ \
         BEGIN UPDATE test_contract_updates SET n = n + 1; RETURN NULL; END $$",
        "CREATE TRIGGER test_count_contract_update AFTER UPDATE ON contracts \
         FOR EACH ROW EXECUTE FUNCTION test_count_contract_update()",
    ] {
        sqlx::query(sql).execute(pool).await.unwrap();
    }
    Some(pool.clone())
}

/// The updates counted since the last call (`None` on SQLite).
async fn contract_updates(pool: &Option<sqlx::PgPool>) -> Option<i64> {
    let pool = pool.as_ref()?;
    let n = sqlx::query_scalar("SELECT n FROM test_contract_updates").fetch_one(pool).await.unwrap();
    sqlx::query("UPDATE test_contract_updates SET n = 0").execute(pool).await.unwrap();
    Some(n)
}

// The feed writes each contract's search text with the contract, right the first time: the
// triggers that keep it for other writers find nothing to change, so on PostgreSQL a new
// contract is one row version, not two (issue 16: the feed took 42% longer when the lines'
// trigger rewrote every contract it had just stored).
db_test!(the_feed_writes_each_contracts_search_text_once_and_right, |app| async move {
    let token = app.integrator_token().await;
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let customer = demo_customer(&app, account).await;
    let updates = count_contract_updates(&app).await;

    let mut batch = every_kind(&customer);
    let mut odd = rental("5", 1, "out");
    odd["description"] = json!("Rüttelplatte GROSS");
    odd["serial_number"] = json!("  ");
    odd["item_code"] = json!(null);
    batch["contracts"][1]["lines"] = json!([fee("9", 9), odd, rental("1", 2, "reserved")]);
    batch["contracts"][3]["job_number"] = json!(null);
    batch["contracts"][3]["po_number"] = json!("PO-Ünï");
    assert_eq!(stored(&app, &token, &batch).await, counts(4, 0, 0));
    if let Some(n) = contract_updates(&updates).await {
        assert_eq!(n, 0, "a new contract is one row version, not updated by the lines' trigger");
    }
    let written = search_texts(&app).await;
    assert_eq!(
        written.iter().find(|(k, _)| k == "K-R").map(|(_, t)| t.as_str()),
        Some("n-k-r\njob-7\n1450 wynkoop st\nrüttelplatte gross\nmini excavator 1\nsn-1\nexc-35\ndelivery"),
        "number, job, PO and site, then each line's description, serial and item code in line order"
    );
    assert_eq!(recomputed_search_texts(&app).await, written, "as the triggers compute it");
    contract_updates(&updates).await; // not the recomputation's

    // Lines change, go, come and trade places; a header changes without its lines.
    let mut changed = batch.clone();
    changed["contracts"][2]["lines"] =
        json!([rental("2", 1, "out"), rental("1", 2, "returned"), rental("4", 3, "out")]);
    changed["contracts"][1]["lines"][0]["description"] = json!("Delivery and pickup");
    changed["contracts"][0]["job_site"] = json!("Dock 4");
    assert_eq!(stored(&app, &token, &changed).await, counts(0, 3, 1));
    // One version per changed contract by its own upsert, and two for K-O: its text is
    // rebuilt when its line goes (the delete comes before the new line) and when the new
    // one comes. K-R's changed line leaves its contract alone.
    if let Some(n) = contract_updates(&updates).await {
        assert_eq!(n, 3 + 2, "K-Q, K-R and K-O once each, and K-O's two rebuilds");
    }
    let written = search_texts(&app).await;
    assert!(written.iter().any(|(k, t)| k == "K-Q" && t.contains("dock 4")), "{written:?}");
    assert_eq!(recomputed_search_texts(&app).await, written, "as the triggers compute it");

    let found =
        app.get_json(&format!("/api/v1/accounts/{account}/contracts?q=PICKUP"), session.token()).await;
    assert_eq!(found["items"][0]["external_id"], "K-R", "{found}");
    contract_updates(&updates).await; // not the recomputation's

    // More lines than one statement takes (400): each statement holds whole contracts, so
    // no contract gets part of its lines' text from one statement and the rest from the next.
    let many: Vec<Value> = (0..150)
        .map(|n| {
            let lines = (1..=3).map(|l| rental(&l.to_string(), l, "out")).collect();
            contract(&format!("K-M{n:03}"), &customer, "open", lines)
        })
        .collect();
    assert_eq!(stored(&app, &token, &json!({ "contracts": many })).await, counts(150, 0, 0));
    if let Some(n) = contract_updates(&updates).await {
        assert_eq!(n, 0, "450 lines in statements of whole contracts");
    }
    let written = search_texts(&app).await;
    assert_eq!(recomputed_search_texts(&app).await, written, "as the triggers compute it");
});
