//! Payments received at the counter (I3): loaded by the back office all or nothing by
//! external id (created → unchanged → updated → deleted), bad batches refused with the
//! field's path and nothing written, another dealer's records out of reach, invoice
//! balances left to the back office, and the payments as the customer sees them in the
//! payment history. Also: a credit memo loaded through the invoice upsert.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{OTHER_PASSWORD, TestApp, assert_problem, on_pool};

async fn put(app: &TestApp, token: &str, body: &Value) -> reqwest::Response {
    let url = app.url("/api/v1/integrations/payments");
    app.client.put(url).bearer_auth(token).json(body).send().await.unwrap()
}

async fn delete(app: &TestApp, token: &str, external_id: &str) -> reqwest::Response {
    let url = app.url(&format!("/api/v1/integrations/payments/{external_id}"));
    app.client.delete(url).bearer_auth(token).send().await.unwrap()
}

/// PUTs a batch that must be stored; the counts it answers.
async fn stored(app: &TestApp, token: &str, body: &Value) -> Value {
    let response = put(app, token, body).await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, 200, "PUT payments: {body}");
    body
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

/// `updated_at` of every counter payment, in id order: proves a batch wrote nothing.
async fn stamps(app: &TestApp) -> Vec<String> {
    on_pool!(&app.db, pool => {
        let rows: Vec<chrono::DateTime<chrono::Utc>> =
            sqlx::query_scalar("SELECT updated_at FROM counter_payments ORDER BY id").fetch_all(pool).await.unwrap();
        rows.into_iter().map(|t| t.to_rfc3339()).collect()
    })
}

/// The customer's external id and the external ids of two of its invoices (not credit
/// memos); the second is empty when it has only one.
async fn customer_and_invoices(app: &TestApp, customer: Uuid) -> (String, String, String) {
    on_pool!(&app.db, pool => {
        let external_id: String = sqlx::query_scalar("SELECT external_id FROM customers WHERE id = $1")
            .bind(customer).fetch_one(pool).await.unwrap();
        let invoices: Vec<String> = sqlx::query_scalar(
            "SELECT external_id FROM invoices WHERE customer_id = $1 AND kind = 'invoice' ORDER BY number LIMIT 2",
        )
        .bind(customer).fetch_all(pool).await.unwrap();
        let second = invoices.get(1).cloned().unwrap_or_default();
        (external_id, invoices[0].clone(), second)
    })
}

/// `(balance_minor, pending_minor, updated_at)` of every invoice, in id order.
async fn invoice_balances(app: &TestApp) -> Vec<(i64, i64, String)> {
    on_pool!(&app.db, pool => {
        let rows: Vec<(i64, i64, chrono::DateTime<chrono::Utc>)> =
            sqlx::query_as("SELECT balance_minor, pending_minor, updated_at FROM invoices ORDER BY id")
                .fetch_all(pool).await.unwrap();
        rows.into_iter().map(|(b, p, t)| (b, p, t.to_rfc3339())).collect()
    })
}

fn payment(external_id: &str, customer: &str, amount: i64, allocations: &[(&str, i64)]) -> Value {
    json!({
        "external_id": external_id, "customer_external_id": customer, "received_on": "2026-04-30",
        "amount_minor": amount, "method": "check", "reference": "CHK 1042",
        "allocations": allocations.iter()
            .map(|(invoice, amount)| json!({ "invoice_external_id": invoice, "amount_minor": amount }))
            .collect::<Vec<_>>(),
    })
}

fn fields(problem: &Value) -> Vec<String> {
    problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect()
}

db_test!(counter_payments_are_created_then_unchanged_updated_and_deleted, |app| async move {
    let token = app.integrator_token().await;
    let account = app.login_demo().await.account_at("summit");
    let (customer, inv1, inv2) = customer_and_invoices(&app, account).await;
    let mut cash = payment("CP-2", &customer, 5_000, &[]);
    cash["method"] = json!("cash");
    cash.as_object_mut().unwrap().remove("reference");
    cash.as_object_mut().unwrap().remove("allocations");
    let batch = json!({ "payments": [payment("CP-1", &customer, 12_345, &[(&inv1, 10_000)]), cash] });
    let balances = invoice_balances(&app).await;

    assert_eq!(stored(&app, &token, &batch).await, counts(2, 0, 0));
    assert_eq!(
        (count(&app, "counter_payments").await, count(&app, "counter_payment_allocations").await),
        (2, 1)
    );
    assert_eq!(
        invoice_balances(&app).await,
        balances,
        "a counter payment leaves invoice balances to the back office"
    );
    let written = stamps(&app).await;
    assert_eq!(stored(&app, &token, &batch).await, counts(0, 0, 2), "the same batch again");
    assert_eq!(stamps(&app).await, written, "nothing written the second time");

    // A changed allocation updates the payment; the other stays unchanged.
    let mut changed = batch.clone();
    changed["payments"][0] = payment("CP-1", &customer, 12_345, &[(&inv1, 2_345), (&inv2, 10_000)]);
    assert_eq!(stored(&app, &token, &changed).await, counts(0, 1, 1));
    let allocations: Vec<(String, i64)> = on_pool!(&app.db, pool => {
        sqlx::query_as(
            "SELECT i.external_id, a.amount_minor FROM counter_payment_allocations a \
             JOIN invoices i ON i.id = a.invoice_id JOIN counter_payments c ON c.id = a.payment_id \
             WHERE c.external_id = 'CP-1' ORDER BY a.line_no",
        )
        .fetch_all(pool).await.unwrap()
    });
    assert_eq!(allocations, [(inv1.clone(), 2_345), (inv2.clone(), 10_000)]);
    assert_eq!(stored(&app, &token, &changed).await, counts(0, 0, 2));

    assert_eq!(delete(&app, &token, "CP-2").await.status(), 204);
    assert_eq!(count(&app, "counter_payments").await, 1);
    assert_problem(delete(&app, &token, "CP-2").await, 404, "not_found").await;
    assert_eq!(stored(&app, &token, &batch).await, counts(1, 1, 0), "sent again, it comes back");

    let events = app.client_audit_events("counter_payments.upserted").await;
    assert_eq!(events.len(), 5, "one audit event per batch");
    assert_eq!(app.client_audit_events("counter_payment.deleted").await.len(), 1);
});

db_test!(bad_batches_are_refused_with_the_path_and_nothing_written, |app| async move {
    let token = app.integrator_token().await;
    let account = app.login_demo().await.account_at("summit");
    let (customer, inv1, _) = customer_and_invoices(&app, account).await;
    let others_invoice: String = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT i.external_id FROM invoices i JOIN dealers d ON d.id = i.dealer_id \
                            WHERE d.slug = 'summit' AND i.kind = 'invoice' AND i.customer_id <> $1 LIMIT 1")
            .bind(account).fetch_one(pool).await.unwrap()
    });
    let memo: String = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT i.external_id FROM invoices i JOIN dealers d ON d.id = i.dealer_id \
                            WHERE d.slug = 'summit' AND i.kind = 'credit_memo' AND i.customer_id = $1 LIMIT 1")
            .bind(account).fetch_optional(pool).await.unwrap().unwrap_or_else(|| "NO-MEMO".into())
    });
    let good = || payment("CP-1", &customer, 10_000, &[(&inv1, 4_000)]);
    let cases: Vec<(Value, &str)> = vec![
        (payment("CP-1", "NO-SUCH", 10_000, &[]), "payments[1].customer_external_id"),
        (
            payment("CP-1", &customer, 10_000, &[(&inv1, 100), ("NO-SUCH", 100)]),
            "payments[1].allocations[1].invoice_external_id",
        ),
        (
            payment("CP-1", &customer, 10_000, &[(&others_invoice, 100)]),
            "payments[1].allocations[0].invoice_external_id",
        ),
        (
            payment("CP-1", &customer, 10_000, &[(&memo, 100)]),
            "payments[1].allocations[0].invoice_external_id",
        ),
        (payment("CP-1", &customer, 10_000, &[(&inv1, 10_001)]), "payments[1].allocations"),
        (payment("CP-1", &customer, 0, &[]), "payments[1].amount_minor"),
    ];
    for (bad, field) in cases {
        let mut bad = bad;
        bad["external_id"] = json!("CP-2");
        let response = put(&app, &token, &json!({ "payments": [good(), bad] })).await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(fields(&problem), [field], "{problem}");
    }
    // Unknown fields and words, and a batch over the limit, are refused before any lookup.
    let mut misspelt = good();
    misspelt["allocations"][0]["amount"] = json!(1);
    let problem =
        assert_problem(put(&app, &token, &json!({ "payments": [misspelt] })).await, 422, "validation_failed")
            .await;
    assert_eq!(fields(&problem), ["payments[0].allocations[0].amount"], "{problem}");
    let mut wire = good();
    wire["method"] = json!("wire");
    let problem =
        assert_problem(put(&app, &token, &json!({ "payments": [wire] })).await, 422, "validation_failed")
            .await;
    assert_eq!(fields(&problem), ["payments[0].method"], "{problem}");
    let many: Vec<Value> = (0..=500).map(|i| payment(&format!("CP-{i}"), &customer, 100, &[])).collect();
    let problem =
        assert_problem(put(&app, &token, &json!({ "payments": many })).await, 422, "validation_failed").await;
    assert_eq!(fields(&problem), ["payments"], "{problem}");
    let full: Vec<Value> = (0..500).map(|i| payment(&format!("CP-{i}"), &customer, 100, &[])).collect();
    assert_eq!(stored(&app, &token, &json!({ "payments": full })).await, counts(500, 0, 0), "500 is allowed");

    let before = count(&app, "counter_payments").await;
    assert_eq!(before, 500);
    let problem = assert_problem(
        put(&app, &token, &json!({ "payments": [payment("CP-NEW", &customer, 100, &[]), payment("CP-X", "NO-SUCH", 1, &[])] })).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["payments[1].customer_external_id"]);
    assert_eq!(count(&app, "counter_payments").await, before, "all or nothing");
    assert_eq!(count(&app, "counter_payment_allocations").await, 0);
});

db_test!(another_dealers_customers_invoices_and_payments_are_out_of_reach, |app| async move {
    let token = app.integrator_token().await;
    let (thames_customer, thames_dealer, thames_external): (Uuid, Uuid, String) = on_pool!(&app.db, pool => {
        sqlx::query_as(
            "SELECT c.id, d.id, c.external_id FROM customers c JOIN dealers d ON d.id = c.dealer_id \
             WHERE d.slug = 'thames' AND EXISTS (SELECT 1 FROM invoices i WHERE i.customer_id = c.id AND i.kind = 'invoice') \
             ORDER BY c.account_number LIMIT 1",
        )
        .fetch_one(pool).await.unwrap()
    });
    let (_, thames_invoice, _) = customer_and_invoices(&app, thames_customer).await;
    // Ids only Thames uses (the demo's dealers share some back-office ids).
    let (thames_external, thames_invoice) = (format!("T-{thames_external}"), format!("T-{thames_invoice}"));
    on_pool!(&app.db, pool => {
        sqlx::query("UPDATE customers SET external_id = $1 WHERE id = $2")
            .bind(&thames_external).bind(thames_customer).execute(pool).await.unwrap();
        sqlx::query("UPDATE invoices SET external_id = $1 WHERE external_id = $2 AND dealer_id = $3")
            .bind(&thames_invoice).bind(&thames_invoice[2..]).bind(thames_dealer).execute(pool).await.unwrap();
    });
    let account = app.login_demo().await.account_at("summit");
    let (customer, _, _) = customer_and_invoices(&app, account).await;

    let problem = assert_problem(
        put(&app, &token, &json!({ "payments": [payment("CP-1", &thames_external, 100, &[])] })).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["payments[0].customer_external_id"]);
    let problem = assert_problem(
        put(
            &app,
            &token,
            &json!({ "payments": [payment("CP-1", &customer, 100, &[(&thames_invoice, 100)])] }),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["payments[0].allocations[0].invoice_external_id"]);

    // A payment Thames recorded under an id Summit's back office also uses.
    on_pool!(&app.db, pool => {
        sqlx::query(
            "INSERT INTO counter_payments (id, dealer_id, customer_id, external_id, received_on, history_at, \
             amount_minor, method, reference, created_at, updated_at) \
             VALUES ($1, $2, $3, 'SHARED-1', $4, $5, 100, 'cash', NULL, $5, $5)",
        )
        .bind(Uuid::now_v7())
        .bind(thames_dealer)
        .bind(thames_customer)
        .bind(chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap())
        .bind(chrono::Utc::now())
        .execute(pool).await.unwrap();
    });
    assert_problem(delete(&app, &token, "SHARED-1").await, 404, "not_found").await;
    assert_eq!(count(&app, "counter_payments").await, 1, "Thames's payment is untouched");
    // Summit may use the same id for its own payment.
    assert_eq!(
        stored(&app, &token, &json!({ "payments": [payment("SHARED-1", &customer, 100, &[])] })).await,
        counts(1, 0, 0)
    );
    assert_eq!(count(&app, "counter_payments").await, 2);
});

db_test!(the_customer_sees_counter_payments_in_the_payment_history, |app| async move {
    let token = app.integrator_token().await;
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let (customer, inv1, _) = customer_and_invoices(&app, account).await;
    let invoice_number: String = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT number FROM invoices WHERE external_id = $1").bind(&inv1).fetch_one(pool).await.unwrap()
    });
    let mut recent = payment("CP-RECENT", &customer, 12_345, &[(&inv1, 10_000)]);
    recent["received_on"] = json!(chrono::Utc::now().date_naive() + chrono::Duration::days(1));
    let old = payment("CP-OLD", &customer, 700, &[]);
    let mut old = old;
    old["received_on"] = json!("2001-01-02");
    old["method"] = json!("cash");
    old["reference"] = json!(null);
    assert_eq!(stored(&app, &token, &json!({ "payments": [old, recent] })).await, counts(2, 0, 0));

    let history =
        app.get_json(&format!("/api/v1/accounts/{account}/payments?per_page=200"), session.token()).await;
    let items = history["items"].as_array().unwrap();
    let portal = items.iter().filter(|p| p["channel"] == "portal").count() as u64;
    assert_eq!(history["total"].as_u64(), Some(portal + 2), "{history}");
    assert_eq!(items[0]["external_id"], "CP-RECENT", "newest first, by the day received");
    assert_eq!(items.last().unwrap()["external_id"], "CP-OLD");
    let shown = &items[0];
    assert_eq!(
        (&shown["channel"], &shown["method"], &shown["status"], &shown["number"], &shown["reference"]),
        (&json!("counter"), &json!("check"), &json!("succeeded"), &json!("CP-RECENT"), &json!("CHK 1042"))
    );
    assert_eq!(shown["amount"]["minor"], 12_345);
    assert!(items.iter().filter(|p| p["channel"] == "portal").all(|p| p["external_id"].is_null()));

    let id = shown["id"].as_str().unwrap();
    let detail = app.get_json(&format!("/api/v1/accounts/{account}/payments/{id}"), session.token()).await;
    assert_eq!(detail["external_id"], "CP-RECENT");
    assert_eq!(detail["receipt_email"], Value::Null);
    let allocations: Vec<(Value, i64)> = detail["allocations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["invoice_number"].clone(), a["amount"]["minor"].as_i64().unwrap()))
        .collect();
    assert_eq!(
        allocations,
        [(json!(invoice_number), 10_000), (Value::Null, 2_345)],
        "the rest is on account"
    );

    // Another customer of the dealer sees neither the list entries nor the receipt.
    let (email, other) = app.create_other_customer_user("summit").await;
    let other_session = app.login(&email, OTHER_PASSWORD).await;
    let theirs =
        app.get_json(&format!("/api/v1/accounts/{other}/payments?per_page=200"), other_session.token()).await;
    assert!(theirs["items"].as_array().unwrap().iter().all(|p| p["channel"] != "counter"), "{theirs}");
    let foreign = app.get(&format!("/api/v1/accounts/{other}/payments/{id}"), other_session.token()).await;
    assert_eq!(foreign.status(), 404);
    let foreign = app.get(&format!("/api/v1/accounts/{account}/payments/{id}"), other_session.token()).await;
    assert_eq!(foreign.status(), 404);
});

db_test!(
    a_credit_memo_is_loaded_through_the_invoice_upsert_and_shown_with_a_negative_balance,
    |app| async move {
        let token = app.integrator_token().await;
        let session = app.login_demo().await;
        let account = session.account_at("summit");
        let (customer, _, _) = customer_and_invoices(&app, account).await;
        let memo = json!({
            "external_id": "CM-NEW-1", "customer_external_id": customer, "number": "CM-90001",
            "kind": "credit_memo", "status": "open", "location_external_id": null, "contract_external_id": null,
            "invoice_date": "2026-04-01", "due_date": null, "po_number": null, "job_number": null,
            "subtotal_minor": -2_500, "tax_minor": 0, "total_minor": -2_500, "balance_minor": -2_500,
            "lines": [{ "item_code": null, "description": "Returned early: credit", "quantity": 1,
                        "unit_price_minor": -2_500, "amount_minor": -2_500 }],
        });
        let url = app.url("/api/v1/integrations/invoices");
        let response = app
            .client
            .put(&url)
            .bearer_auth(&token)
            .json(&json!({ "invoices": [memo.clone()] }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let invoices = app
            .get_json(&format!("/api/v1/accounts/{account}/invoices?view=all&per_page=200"), session.token())
            .await;
        let shown = invoices["items"].as_array().unwrap().iter().find(|i| i["number"] == "CM-90001").cloned();
        let shown = shown.unwrap_or_else(|| panic!("the credit memo is listed: {invoices}"));
        assert_eq!((&shown["kind"], &shown["balance"]["minor"]), (&json!("credit_memo"), &json!(-2_500)));
        // A counter payment cannot be applied to it.
        let problem = assert_problem(
            put(
                &app,
                &token,
                &json!({ "payments": [payment("CP-1", &customer, 100, &[("CM-NEW-1", 100)])] }),
            )
            .await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(fields(&problem), ["payments[0].allocations[0].invoice_external_id"]);
    }
);
