//! Invoices (E1, B2, I3): the list (views, filters, sort, paging, CSV), detail with lines
//! and portal payments, the balance and its ageing, the PDF, tenant isolation, and the
//! back office's all-or-nothing upserts and PDF uploads.

use std::collections::HashSet;

use api::demo::{DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD};
use chrono::{Duration, NaiveDate, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{OTHER_PASSWORD, TestApp, assert_problem, on_pool, parse_csv};

fn today() -> NaiveDate {
    api::demo::today()
}

fn items(page: &Value) -> Vec<Value> {
    page["items"].as_array().unwrap().clone()
}

fn numbers(page: &Value) -> Vec<String> {
    items(page).iter().map(|i| i["number"].as_str().unwrap().to_string()).collect()
}

/// Every invoice of the account in a view (one big page).
async fn all_invoices(app: &TestApp, token: &str, account: Uuid, view: &str) -> Vec<Value> {
    items(
        &app.get_json(&format!("/api/v1/accounts/{account}/invoices?view={view}&per_page=200"), token).await,
    )
}

async fn customer_external_id(app: &TestApp, customer: Uuid) -> String {
    on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT external_id FROM customers WHERE id = $1").bind(customer).fetch_one(pool).await.unwrap()
    })
}

async fn invoice_count(app: &TestApp) -> i64 {
    on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM invoices").fetch_one(pool).await.unwrap()
    })
}

async fn put_batch(app: &TestApp, token: &str, body: &Value) -> reqwest::Response {
    app.client
        .put(app.url("/api/v1/integrations/invoices"))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn put_pdf(app: &TestApp, token: &str, external_id: &str, body: Vec<u8>) -> reqwest::Response {
    app.client
        .put(app.url(&format!("/api/v1/integrations/invoices/{external_id}/pdf")))
        .bearer_auth(token)
        .header("Content-Type", "application/pdf")
        .body(body)
        .send()
        .await
        .unwrap()
}

/// An invoice as the back office sends it, for `customer` (its external id).
fn upsert(external_id: &str, customer: &str, number: &str, total: i64, due_in_days: Option<i64>) -> Value {
    let invoice_date = today() - Duration::days(100);
    json!({
        "external_id": external_id,
        "customer_external_id": customer,
        "number": number,
        "kind": if total < 0 { "credit_memo" } else { "invoice" },
        "status": "open",
        "location_external_id": null,
        "contract_external_id": null,
        "invoice_date": invoice_date,
        "due_date": due_in_days.map(|d| today() + Duration::days(d)),
        "po_number": "PO-1",
        "job_number": null,
        "subtotal_minor": total,
        "tax_minor": 0,
        "total_minor": total,
        "balance_minor": total,
        "lines": [
            { "item_code": "EXC-35", "description": "Mini excavator", "quantity": 1,
              "unit_price_minor": total, "amount_minor": total },
        ],
    })
}

db_test!(views_filters_sort_paging_and_csv, |app| async move {
    let session = app.login_demo().await;
    let token = session.token();
    let account = session.account_at("summit");
    let base = format!("/api/v1/accounts/{account}/invoices");

    let all = all_invoices(&app, token, account, "all").await;
    let open = all_invoices(&app, token, account, "open").await;
    let paid = all_invoices(&app, token, account, "paid").await;
    assert!(open.len() >= 4, "the demo has open invoices");
    assert!(open.iter().all(|i| i["status"] == "open"));
    assert!(paid.iter().all(|i| i["status"] == "paid") && !paid.is_empty());
    assert_eq!(all.iter().filter(|i| i["status"] == "open").count(), open.len());
    assert!(open.iter().any(|i| i["kind"] == "credit_memo"), "open credit memos are listed too");
    // The default view is open.
    assert_eq!(
        app.get_json(&format!("{base}?per_page=200"), token).await["total"].as_u64(),
        Some(open.len() as u64)
    );

    // amount_due = max(balance - pending, 0); overdue = past due with something due.
    for invoice in &all {
        let (balance, pending) =
            (invoice["balance"]["minor"].as_i64().unwrap(), invoice["pending"]["minor"].as_i64().unwrap());
        assert_eq!(invoice["amount_due"]["minor"].as_i64().unwrap(), (balance - pending).max(0));
        let past_due = invoice["due_date"].as_str().is_some_and(|d| d < today().to_string().as_str());
        assert_eq!(invoice["overdue"].as_bool().unwrap(), past_due && balance - pending > 0, "{invoice}");
    }
    let overdue = items(&app.get_json(&format!("{base}?view=all&overdue=true&per_page=200"), token).await);
    assert!(!overdue.is_empty() && overdue.iter().all(|i| i["overdue"] == true));
    assert_eq!(overdue.len(), all.iter().filter(|i| i["overdue"] == true).count());

    // Sorts, stable in both directions.
    let sorted =
        items(&app.get_json(&format!("{base}?view=all&sort=amount_due&dir=asc&per_page=200"), token).await);
    let dues: Vec<i64> = sorted.iter().map(|i| i["amount_due"]["minor"].as_i64().unwrap()).collect();
    assert!(dues.windows(2).all(|w| w[0] <= w[1]), "{dues:?}");
    let by_number =
        numbers(&app.get_json(&format!("{base}?view=all&sort=number&dir=asc&per_page=200"), token).await);
    let mut expected = by_number.clone();
    expected.sort();
    assert_eq!(by_number, expected);
    let by_due =
        items(&app.get_json(&format!("{base}?view=all&sort=due_date&dir=desc&per_page=200"), token).await);
    let first_undated = by_due.iter().position(|i| i["due_date"].is_null()).unwrap_or(by_due.len());
    assert!(by_due[first_undated..].iter().all(|i| i["due_date"].is_null()), "no due date sorts last");
    let dates: Vec<String> = items(&app.get_json(&format!("{base}?view=all&per_page=200"), token).await)
        .iter()
        .map(|i| i["invoice_date"].as_str().unwrap().to_string())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest invoice first by default");

    // Pages cover the list exactly once.
    let mut seen = HashSet::new();
    let pages = all.len().div_ceil(5);
    for page in 1..=pages {
        let body = app.get_json(&format!("{base}?view=all&per_page=5&page={page}"), token).await;
        assert_eq!(body["total"].as_u64(), Some(all.len() as u64));
        seen.extend(numbers(&body));
    }
    assert_eq!(seen.len(), all.len());

    // Free text over the number, and the location filter.
    let number = all[0]["number"].as_str().unwrap();
    let found = app.get_json(&format!("{base}?view=all&q={}", number.to_lowercase()), token).await;
    assert_eq!(numbers(&found), [number]);
    let location = all.iter().find_map(|i| i["location"]["id"].as_str()).unwrap();
    let at = all_invoices(&app, token, account, &format!("all&location_id={location}")).await;
    assert_eq!(at.len(), all.iter().filter(|i| i["location"]["id"] == location).count());

    // CSV: the same filter, every row, BOM first.
    for response in [
        app.get(&format!("{base}.csv?view=all&overdue=true"), token).await,
        app.client
            .get(app.url(&format!("{base}?view=all&overdue=true")))
            .bearer_auth(token)
            .header("Accept", "text/csv")
            .send()
            .await
            .unwrap(),
    ] {
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let rows = parse_csv(&response.text().await.unwrap());
        assert_eq!(rows[0][0], "Invoice");
        assert_eq!(rows.len(), overdue.len() + 1);
        assert!(rows[1..].iter().all(|r| r[13] == "yes"));
    }

    for bad in ["view=unpaid", "overdue=maybe", "sort=colour", "per_page=0", "location_id=x"] {
        let body =
            assert_problem(app.get(&format!("{base}?{bad}"), token).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], bad.split('=').next().unwrap());
    }
});

db_test!(detail_has_lines_and_the_portal_payments_that_did_not_fail, |app| async move {
    let session = app.login_demo().await;
    let token = session.token();
    let account = session.account_at("summit");
    let open = all_invoices(&app, token, account, "open").await;
    let invoice = open.iter().find(|i| i["kind"] == "invoice").unwrap();
    let id = invoice["id"].as_str().unwrap().parse::<Uuid>().unwrap();
    let user = app.user_id(api::demo::DEMO_CUSTOMER_EMAIL).await;
    let dealer: Uuid = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT dealer_id FROM invoices WHERE id = $1").bind(id).fetch_one(pool).await.unwrap()
    });
    // Two portal payments towards it, one declined; the payments helper writes these.
    let now = Utc::now();
    for (n, status, amount, at) in [
        (1, "succeeded", 1_500_i64, now - Duration::hours(2)),
        (2, "failed", 900, now - Duration::hours(1)),
        (3, "pending", 700, now),
    ] {
        let payment = Uuid::now_v7();
        on_pool!(&app.db, pool => {
            sqlx::query(
                "INSERT INTO payments (id, dealer_id, customer_id, created_by, number, method, gateway, \
                 amount_minor, currency, status, receipt_email, idempotency_key, request_hash, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, 'card', 'sandbox', $6, 'USD', $7, 'demo@customer.example', $8, 'h', $9, $9)",
            )
            .bind(payment).bind(dealer).bind(account).bind(user).bind(format!("PAY-TEST-000{n}"))
            .bind(amount + 100).bind(status).bind(format!("key-{n}")).bind(at)
            .execute(pool).await.unwrap();
            sqlx::query(
                "INSERT INTO payment_allocations (payment_id, line_no, invoice_id, amount_minor) VALUES ($1, 1, $2, $3)",
            )
            .bind(payment).bind(id).bind(amount).execute(pool).await.unwrap();
            sqlx::query("INSERT INTO payment_allocations (payment_id, line_no, invoice_id, amount_minor) VALUES ($1, 2, NULL, 100)")
                .bind(payment).execute(pool).await.unwrap();
        });
    }

    let detail = app.get_json(&format!("/api/v1/accounts/{account}/invoices/{id}"), token).await;
    assert_eq!(detail["number"], invoice["number"]);
    assert_eq!(detail["amount_due"], invoice["amount_due"]);
    let lines = detail["lines"].as_array().unwrap();
    assert!(!lines.is_empty());
    let sum: i64 = lines.iter().map(|l| l["amount"]["minor"].as_i64().unwrap()).sum();
    assert_eq!(sum, detail["subtotal"]["minor"].as_i64().unwrap());
    assert_eq!(
        detail["subtotal"]["minor"].as_i64().unwrap() + detail["tax"]["minor"].as_i64().unwrap(),
        detail["total"]["minor"].as_i64().unwrap()
    );
    let payments = detail["payments"].as_array().unwrap();
    let shown: Vec<(&str, i64, &str)> = payments
        .iter()
        .map(|p| {
            (
                p["number"].as_str().unwrap(),
                p["amount"]["minor"].as_i64().unwrap(),
                p["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(shown, [("PAY-TEST-0003", 700, "pending"), ("PAY-TEST-0001", 1_500, "succeeded")]);
});

db_test!(another_customers_or_dealers_invoices_answer_404, |app| async move {
    let demo = app.login_demo().await;
    let (email, other_account) = app.create_other_customer_user("summit").await;
    let other = app.login(&email, OTHER_PASSWORD).await;
    let others = all_invoices(&app, other.token(), other_account, "all").await;
    let other_invoice = others[0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        app.get(&format!("/api/v1/accounts/{other_account}/invoices/{other_invoice}"), other.token())
            .await
            .status(),
        200
    );

    let summit = demo.account_at("summit");
    let thames = demo.account_at("thames");
    let thames_invoice =
        all_invoices(&app, demo.token(), thames, "all").await[0]["id"].as_str().unwrap().to_string();
    for path in [
        format!("/api/v1/accounts/{other_account}/invoices"),
        format!("/api/v1/accounts/{other_account}/invoices/{other_invoice}"),
        format!("/api/v1/accounts/{other_account}/balance"),
        format!("/api/v1/accounts/{summit}/invoices/{other_invoice}"),
        format!("/api/v1/accounts/{summit}/invoices/{other_invoice}/pdf"),
        format!("/api/v1/accounts/{summit}/invoices/{thames_invoice}"),
        format!("/api/v1/accounts/{summit}/invoices/{thames_invoice}/pdf"),
        format!("/api/v1/accounts/{summit}/invoices/{}", Uuid::now_v7()),
        format!("/api/v1/accounts/{summit}/invoices/not-a-uuid"),
    ] {
        assert_problem(app.get(&path, demo.token()).await, 404, "not_found").await;
    }
    // The demo's own lists never show another customer's invoice numbers.
    let other_numbers: HashSet<_> =
        others.iter().map(|i| i["number"].as_str().unwrap().to_string()).collect();
    let mine = all_invoices(&app, demo.token(), summit, "all").await;
    assert!(mine.iter().all(|i| !other_numbers.contains(i["number"].as_str().unwrap())));
});

db_test!(balance_and_ageing_are_exact, |app| async move {
    let (email, account) = app.create_other_customer_user("summit").await;
    let user = app.login(&email, OTHER_PASSWORD).await;
    on_pool!(&app.db, pool => {
        sqlx::query("DELETE FROM invoice_lines WHERE invoice_id IN (SELECT id FROM invoices WHERE customer_id = $1)")
            .bind(account).execute(pool).await.unwrap();
        sqlx::query("DELETE FROM invoices WHERE customer_id = $1").bind(account).execute(pool).await.unwrap();
    });
    let empty = app.get_json(&format!("/api/v1/accounts/{account}/balance"), user.token()).await;
    assert_eq!(empty["balance"]["minor"], 0);
    assert_eq!(empty["open_invoices"], 0);

    let customer = customer_external_id(&app, account).await;
    let mut paid = upsert("BAL-PAID", &customer, "BAL-9", 99_999, Some(-95));
    paid["status"] = json!("paid");
    paid["balance_minor"] = json!(0);
    let batch = json!({ "invoices": [
        upsert("BAL-1", &customer, "BAL-1", 10_000, Some(5)),      // current
        upsert("BAL-2", &customer, "BAL-2", 20_000, None),         // no due date: current
        upsert("BAL-3", &customer, "BAL-3", 30_000, Some(-1)),     // 1-30
        upsert("BAL-4", &customer, "BAL-4", 40_000, Some(-30)),    // 1-30
        upsert("BAL-5", &customer, "BAL-5", 50_000, Some(-31)),    // 31-60
        upsert("BAL-6", &customer, "BAL-6", 60_000, Some(-61)),    // 61-90
        upsert("BAL-7", &customer, "BAL-7", 70_000, Some(-91)),    // over 90
        upsert("BAL-CM", &customer, "BAL-CM", -5_000, None),       // credit, current
        paid,
    ]});
    let back_office = app.integrator_token().await;
    let response = put_batch(&app, &back_office, &batch).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.json::<Value>().await.unwrap(), json!({ "created": 9, "updated": 0 }));
    // A portal payment of 12,000 held against BAL-5 (31-60), and one covering BAL-3 whole.
    on_pool!(&app.db, pool => {
        sqlx::query("UPDATE invoices SET pending_minor = 12000 WHERE number = 'BAL-5'").execute(pool).await.unwrap();
        sqlx::query("UPDATE invoices SET pending_minor = 30000 WHERE number = 'BAL-3'").execute(pool).await.unwrap();
    });

    let balance = app.get_json(&format!("/api/v1/accounts/{account}/balance"), user.token()).await;
    let minor = |v: &Value| v["minor"].as_i64().unwrap();
    assert_eq!(minor(&balance["ageing"]["current"]), 10_000 + 20_000 - 5_000);
    assert_eq!(minor(&balance["ageing"]["days_1_30"]), 40_000);
    assert_eq!(minor(&balance["ageing"]["days_31_60"]), 50_000 - 12_000);
    assert_eq!(minor(&balance["ageing"]["days_61_90"]), 60_000);
    assert_eq!(minor(&balance["ageing"]["over_90"]), 70_000);
    assert_eq!(minor(&balance["balance"]), 25_000 + 40_000 + 38_000 + 60_000 + 70_000);
    assert_eq!(minor(&balance["overdue"]), 40_000 + 38_000 + 60_000 + 70_000);
    assert_eq!(minor(&balance["pending"]), 42_000);
    assert_eq!(balance["balance"]["currency"], "USD");
    assert_eq!(balance["open_invoices"], 7);
    assert_eq!(balance["overdue_invoices"], 4, "BAL-3 is fully paid in the portal: nothing overdue on it");

    let overdue = all_invoices(&app, user.token(), account, "open&overdue=true").await;
    let mut numbers: Vec<_> = overdue.iter().map(|i| i["number"].as_str().unwrap()).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, ["BAL-4", "BAL-5", "BAL-6", "BAL-7"]);
});

db_test!(upserts_create_then_update_and_replace_lines, |app| async move {
    let back_office = app.integrator_token().await;
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let customer = customer_external_id(&app, account).await;
    let (contract_id, contract_external): (Uuid, String) = on_pool!(&app.db, pool => {
        sqlx::query_as("SELECT id, external_id FROM contracts WHERE customer_id = $1 ORDER BY number LIMIT 1")
            .bind(account).fetch_one(pool).await.unwrap()
    });
    let mut first = upsert("UP-1", &customer, "UP-0001", 12_345, Some(10));
    first["contract_external_id"] = json!(contract_external);
    first["location_external_id"] = json!("LOC-BOU");
    let second = upsert("UP-2", &customer, "UP-0002", 500, Some(-3));
    let batch = json!({ "invoices": [first.clone(), second.clone()] });
    let before = invoice_count(&app).await;

    let created = put_batch(&app, &back_office, &batch).await;
    assert_eq!(created.status(), 200);
    assert_eq!(created.json::<Value>().await.unwrap(), json!({ "created": 2, "updated": 0 }));
    assert_eq!(invoice_count(&app).await, before + 2);
    let again = put_batch(&app, &back_office, &batch).await;
    assert_eq!(again.json::<Value>().await.unwrap(), json!({ "created": 0, "updated": 2 }), "idempotent");
    assert_eq!(invoice_count(&app).await, before + 2);

    let found = all_invoices(&app, session.token(), account, "all&q=UP-0001").await;
    let id = found[0]["id"].as_str().unwrap().to_string();
    let detail = app.get_json(&format!("/api/v1/accounts/{account}/invoices/{id}"), session.token()).await;
    assert_eq!(detail["contract_id"], contract_id.to_string());
    assert_eq!(detail["location"]["name"], "Boulder");
    assert_eq!(detail["total"]["minor"], 12_345);
    assert_eq!(detail["lines"].as_array().unwrap().len(), 1);

    // A portal payment held against it survives the back office's update; lines are replaced.
    on_pool!(&app.db, pool => {
        sqlx::query("UPDATE invoices SET pending_minor = 2000 WHERE external_id = 'UP-1'").execute(pool).await.unwrap();
    });
    let mut changed = first.clone();
    changed["balance_minor"] = json!(10_000);
    changed["status"] = json!("open");
    changed["lines"] = json!([
        { "item_code": null, "description": "Delivery", "quantity": 1, "unit_price_minor": 2_345, "amount_minor": 2_345 },
        { "item_code": "SSL-75", "description": "Skid steer", "quantity": 2, "unit_price_minor": 5_000, "amount_minor": 10_000 },
    ]);
    let updated = put_batch(&app, &back_office, &json!({ "invoices": [changed] })).await;
    assert_eq!(updated.json::<Value>().await.unwrap(), json!({ "created": 0, "updated": 1 }));
    let detail = app.get_json(&format!("/api/v1/accounts/{account}/invoices/{id}"), session.token()).await;
    let lines: Vec<(i64, &str)> = detail["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["line_no"].as_i64().unwrap(), l["description"].as_str().unwrap()))
        .collect();
    assert_eq!(lines, [(1, "Delivery"), (2, "Skid steer")]);
    assert_eq!(detail["balance"]["minor"], 10_000);
    assert_eq!(detail["pending"]["minor"], 2_000);
    assert_eq!(detail["amount_due"]["minor"], 8_000);

    let events = app.client_audit_events("invoices.upserted").await;
    assert_eq!(events.len(), 3, "one audit event per batch");
    assert_eq!(events[1].1["updated"], 2);
});

db_test!(bad_batches_name_the_field_and_write_nothing, |app| async move {
    let back_office = app.integrator_token().await;
    let session = app.login_demo().await;
    let summit = session.account_at("summit");
    let customer = customer_external_id(&app, summit).await;
    let (_, other_account) = app.create_other_customer_user("summit").await;
    let other_contract: String = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT external_id FROM contracts WHERE customer_id = $1 LIMIT 1")
            .bind(other_account).fetch_one(pool).await.unwrap()
    });
    // Customer ids are per dealer: Thames's customer is unknown to Summit's admin.
    let thames_only = "THAMES-ONLY";
    on_pool!(&app.db, pool => {
        sqlx::query("UPDATE customers SET external_id = $1 WHERE id = $2")
            .bind(thames_only).bind(session.account_at("thames")).execute(pool).await.unwrap();
    });
    let taken_number: String = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT number FROM invoices WHERE customer_id = $1 LIMIT 1").bind(summit).fetch_one(pool).await.unwrap()
    });
    let good = || upsert("NEW-1", &customer, "NEW-0001", 1_000, Some(30));
    let with = |field: &str, value: Value| {
        let mut invoice = good();
        invoice[field] = value;
        invoice
    };
    let mut negative_quantity = good();
    negative_quantity["lines"][0]["quantity"] = json!(-1);
    let mut credit_positive = good();
    credit_positive["kind"] = json!("credit_memo");
    let early_due = with("due_date", json!(today() - Duration::days(200)));
    let cases: Vec<(Vec<Value>, &str)> = vec![
        (vec![with("customer_external_id", json!("NO-SUCH"))], "invoices[0].customer_external_id"),
        (vec![with("customer_external_id", json!(thames_only))], "invoices[0].customer_external_id"),
        (vec![with("location_external_id", json!("LOC-NOPE"))], "invoices[0].location_external_id"),
        (vec![with("location_external_id", json!("LOC-BAT"))], "invoices[0].location_external_id"),
        (vec![with("contract_external_id", json!("K-NOPE"))], "invoices[0].contract_external_id"),
        (vec![with("contract_external_id", json!(other_contract))], "invoices[0].contract_external_id"),
        (vec![with("number", json!("  "))], "invoices[0].number"),
        (vec![with("number", json!(taken_number))], "invoices[0].number"),
        (vec![negative_quantity], "invoices[0].lines[0].quantity"),
        (vec![credit_positive], "invoices[0].subtotal_minor"),
        (vec![early_due], "invoices[0].due_date"),
        (vec![good(), upsert("NEW-1", &customer, "NEW-0002", 5, None)], "invoices[1].external_id"),
    ];
    let before = invoice_count(&app).await;
    for (invoices, field) in cases {
        // A good invoice first: it must not be written either.
        let mut batch = vec![upsert("GOOD-1", &customer, "GOOD-0001", 700, None)];
        let offset = batch.len();
        batch.extend(invoices);
        let response = put_batch(&app, &back_office, &json!({ "invoices": batch })).await;
        let body = assert_problem(response, 422, "validation_failed").await;
        // The cases count their invoices from 0: shift past the good one.
        let (index, rest) = field.trim_start_matches("invoices[").split_once(']').unwrap();
        let expected = format!("invoices[{}]{rest}", offset + index.parse::<usize>().unwrap());
        let fields: Vec<&str> =
            body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert!(fields.contains(&expected.as_str()), "{expected} in {fields:?}");
        assert_eq!(invoice_count(&app).await, before, "nothing written for {expected}");
    }
    let too_many: Vec<Value> =
        (0..501).map(|i| upsert(&format!("M-{i}"), &customer, &format!("M-{i}"), 1, None)).collect();
    let body = assert_problem(
        put_batch(&app, &back_office, &json!({ "invoices": too_many })).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "invoices");
    assert_eq!(invoice_count(&app).await, before);
});

db_test!(only_an_api_client_feeds_invoices, |app| async move {
    let session = app.login_demo().await;
    let staff = app.login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    let customer = customer_external_id(&app, session.account_at("summit")).await;
    let batch = json!({ "invoices": [upsert("X-1", &customer, "X-1", 1, None)] });
    for token in [session.token(), staff.token(), admin.token()] {
        assert_problem(put_batch(&app, token, &batch).await, 403, "forbidden").await;
        assert_problem(put_pdf(&app, token, "INV-S000001", b"%PDF-1.4".to_vec()).await, 403, "forbidden")
            .await;
    }
    let anonymous =
        app.client.put(app.url("/api/v1/integrations/invoices")).json(&batch).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
});

/// A tiny but real one-page PDF, distinguishable by `marker`.
fn sample_pdf(marker: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {marker}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
        .into_bytes()
}

db_test!(the_pdf_is_generated_until_one_is_uploaded, |app| async move {
    let session = app.login_demo().await;
    let back_office = app.integrator_token().await;
    let account = session.account_at("summit");
    let (id, number, external_id): (Uuid, String, String) = on_pool!(&app.db, pool => {
        sqlx::query_as(
            "SELECT i.id, i.number, i.external_id FROM invoices i WHERE i.customer_id = $1 AND i.kind = 'invoice' \
             ORDER BY i.number LIMIT 1",
        )
        .bind(account).fetch_one(pool).await.unwrap()
    });
    let path = format!("/api/v1/accounts/{account}/invoices/{id}/pdf");
    let response = app.get(&path, session.token()).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert_eq!(
        response.headers()["content-disposition"].to_str().unwrap(),
        format!("inline; filename=\"invoice-{number}.pdf\"")
    );
    assert_eq!(response.headers()["cache-control"], "private, no-store");
    let generated = response.bytes().await.unwrap();
    assert!(
        generated.starts_with(b"%PDF-") && String::from_utf8_lossy(&generated).trim_end().ends_with("%%EOF")
    );
    assert!(String::from_utf8_lossy(&generated).contains(&format!("({number})")), "the number is printed");
    crate::contract_pdf::render_first_page(&generated, "generated-invoice");

    let file = sample_pdf("invoice");
    let stored = put_pdf(&app, &back_office, &external_id, file.clone()).await;
    assert_eq!(stored.status(), 201);
    let stored: Value = stored.json().await.unwrap();
    assert_eq!(stored["size_bytes"].as_u64(), Some(file.len() as u64));
    assert_eq!(app.get(&path, session.token()).await.bytes().await.unwrap().as_ref(), file.as_slice());
    let retry = put_pdf(&app, &back_office, &external_id, file.clone()).await;
    assert_eq!(retry.status(), 200, "the same file again stores nothing");
    assert_eq!(retry.json::<Value>().await.unwrap(), stored);
    let second = sample_pdf("second");
    assert_eq!(put_pdf(&app, &back_office, &external_id, second.clone()).await.status(), 201);
    assert_eq!(app.get(&path, session.token()).await.bytes().await.unwrap().as_ref(), second.as_slice());
    // Going back to the first file makes it the newest again.
    assert_eq!(put_pdf(&app, &back_office, &external_id, file.clone()).await.status(), 201);
    assert_eq!(app.get(&path, session.token()).await.bytes().await.unwrap().as_ref(), file.as_slice());

    let not_pdf = put_pdf(&app, &back_office, &external_id, b"<html>".to_vec()).await;
    assert_eq!(assert_problem(not_pdf, 422, "validation_failed").await["errors"][0]["field"], "body");
    // Thames's invoice and an unknown one look the same to Summit's admin.
    let thames_invoice: String = on_pool!(&app.db, pool => {
        sqlx::query_scalar(
            "SELECT i.external_id FROM invoices i JOIN dealers d ON d.id = i.dealer_id WHERE d.slug = 'thames' \
             AND i.external_id NOT IN (SELECT external_id FROM invoices WHERE dealer_id <> i.dealer_id) LIMIT 1",
        )
        .fetch_one(pool).await.unwrap()
    });
    assert_problem(put_pdf(&app, &back_office, &thames_invoice, sample_pdf("x")).await, 404, "not_found")
        .await;
    assert_problem(put_pdf(&app, &back_office, "NO-SUCH", sample_pdf("x")).await, 404, "not_found").await;
    assert_eq!(app.client_audit_events("invoice.pdf_uploaded").await.len(), 3);
});
