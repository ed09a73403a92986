//! My Rentals / My Hires (D1): filters, sort, paging, the open request of each item, the
//! CSV export of the same view, and account isolation.

use std::collections::HashSet;

use serde_json::Value;
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{OTHER_PASSWORD, TestApp, assert_problem, on_pool, parse_csv};

fn items(page: &Value) -> Vec<Value> {
    page["items"].as_array().unwrap().clone()
}

fn str_of<'a>(item: &'a Value, key: &str) -> &'a str {
    item[key].as_str().unwrap_or_default()
}

/// How many rental lines the account's reservations, open and closed contracts hold,
/// counted straight from the tables.
async fn rental_lines(app: &TestApp, customer: Uuid) -> i64 {
    on_pool!(&app.db, pool => {
        sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM contract_lines cl JOIN contracts c ON c.id = cl.contract_id \
             WHERE c.customer_id = $1 AND cl.kind = 'rental' AND c.status <> 'quote'",
        )
        .bind(customer)
        .fetch_one(pool)
        .await
        .unwrap()
    })
}

/// How many rental lines the account's quotes hold.
async fn quoted_lines(app: &TestApp, customer: Uuid) -> i64 {
    on_pool!(&app.db, pool => {
        sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM contract_lines cl JOIN contracts c ON c.id = cl.contract_id \
             WHERE c.customer_id = $1 AND cl.kind = 'rental' AND c.status = 'quote'",
        )
        .bind(customer)
        .fetch_one(pool)
        .await
        .unwrap()
    })
}

db_test!(quoted_items_are_not_rentals, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    assert!(quoted_lines(&app, account).await > 0, "the demo account has quotes");
    for query in ["per_page=200", "view=upcoming&per_page=200"] {
        let page =
            app.get_json(&format!("/api/v1/accounts/{account}/rentals?{query}"), session.token()).await;
        assert!(items(&page).len() < 200, "one page holds them all");
        assert!(
            items(&page).iter().all(|i| i["contract_status"] != "quote"),
            "a quote is an offer, not a rental ({query})"
        );
    }
});

db_test!(pages_cover_every_rental_line_once_in_a_stable_order, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let token = session.token();
    let base = format!("/api/v1/accounts/{account}/rentals");
    let expected = rental_lines(&app, account).await;
    assert!(expected > 30, "the demo account rents many items");

    let first = app.get_json(&base, token).await;
    assert_eq!(first["total"].as_i64(), Some(expected), "only rental lines: no sales or fees");
    assert_eq!(first["per_page"], 25);
    let starts: Vec<String> = items(&first).iter().map(|i| str_of(i, "start_date").to_string()).collect();
    assert!(starts.windows(2).all(|w| w[0] >= w[1]), "newest start first by default: {starts:?}");

    // Pages of 7 in every sort: each line exactly once.
    for sort in ["start_date", "expected_return", "contract", "description"] {
        let mut seen = HashSet::new();
        let mut page = 1;
        loop {
            let body =
                app.get_json(&format!("{base}?sort={sort}&dir=asc&per_page=7&page={page}"), token).await;
            let batch = items(&body);
            if batch.is_empty() {
                break;
            }
            for item in &batch {
                assert!(seen.insert(str_of(item, "line_id").to_string()), "{sort}: a line on two pages");
            }
            page += 1;
        }
        assert_eq!(seen.len() as i64, expected, "{sort}");
    }

    let all = format!("{base}?per_page=200");
    let by_return = items(&app.get_json(&format!("{all}&sort=expected_return&dir=asc"), token).await);
    let returns: Vec<&str> = by_return.iter().map(|i| str_of(i, "expected_return")).collect();
    assert!(returns.windows(2).all(|w| w[0] <= w[1]), "{returns:?}");

    let by_description = items(&app.get_json(&format!("{all}&sort=description&dir=asc"), token).await);
    let descriptions: Vec<String> =
        by_description.iter().map(|i| str_of(i, "description").to_lowercase()).collect();
    assert!(descriptions.windows(2).all(|w| w[0] <= w[1]), "{descriptions:?}");

    let by_contract = items(&app.get_json(&format!("{all}&sort=contract&dir=desc"), token).await);
    let numbers: Vec<&str> = by_contract.iter().map(|i| str_of(i, "contract_number")).collect();
    assert!(numbers.windows(2).all(|w| w[0] >= w[1]), "{numbers:?}");
});

db_test!(filters_narrow_the_list, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let token = session.token();
    // Make sure the account has a reservation (the demo seed may only hold quotes ahead).
    on_pool!(&app.db, pool => {
        sqlx::query(
            "UPDATE contracts SET status = 'reservation' WHERE id = (SELECT id FROM contracts \
             WHERE customer_id = $1 AND status = 'quote' ORDER BY number LIMIT 1)",
        )
        .bind(account)
        .execute(pool)
        .await
        .unwrap()
        .rows_affected()
    });
    let base = format!("/api/v1/accounts/{account}/rentals?per_page=200");
    let all = items(&app.get_json(&base, token).await);

    for (view, statuses) in [
        ("upcoming", &["reserved"][..]),
        ("on_rent", &["out", "called_off"][..]),
        ("returned", &["returned"][..]),
    ] {
        let body = app.get_json(&format!("{base}&view={view}"), token).await;
        let expected = all.iter().filter(|i| statuses.contains(&str_of(i, "status"))).count() as u64;
        assert!(expected > 0, "{view}: the demo has some");
        assert_eq!(body["total"].as_u64(), Some(expected), "{view}");
        assert!(items(&body).iter().all(|i| statuses.contains(&str_of(i, "status"))));
    }

    let location = all[0]["location"]["id"].as_str().unwrap();
    let body = app.get_json(&format!("{base}&location_id={location}"), token).await;
    let expected = all.iter().filter(|i| i["location"]["id"] == location).count() as u64;
    assert_eq!(body["total"].as_u64(), Some(expected));

    let job = all.iter().find_map(|i| i["job_number"].as_str()).unwrap();
    let body = app.get_json(&format!("{base}&job={}", job.to_lowercase()), token).await;
    let expected = all.iter().filter(|i| i["job_number"].as_str().is_some_and(|j| j.contains(job))).count();
    assert_eq!(body["total"].as_u64(), Some(expected as u64));

    let contract = str_of(&all[0], "contract_number");
    let body = app.get_json(&format!("{base}&contract={contract}"), token).await;
    assert!(items(&body).iter().all(|i| str_of(i, "contract_number") == contract));
    assert_eq!(
        body["total"].as_u64(),
        Some(all.iter().filter(|i| str_of(i, "contract_number") == contract).count() as u64)
    );

    // Free text finds an item by its serial number, and by its description.
    let serial = str_of(&all[0], "serial_number");
    let body = app.get_json(&format!("{base}&q={}", serial.to_lowercase()), token).await;
    assert!(items(&body).iter().any(|i| str_of(i, "line_id") == str_of(&all[0], "line_id")));
    let body = app.get_json(&format!("{base}&q=EXCAVATOR"), token).await;
    let hits = items(&body);
    assert!(!hits.is_empty() && hits.len() < all.len());
    assert!(hits.iter().all(|i| {
        str_of(i, "description").to_lowercase().contains("excavator")
            || str_of(i, "item_code").starts_with("EXC")
            || str_of(i, "job_site").to_lowercase().contains("excavator")
    }));
    // LIKE wildcards typed by the user are literal.
    assert_eq!(app.get_json(&format!("{base}&q=%25"), token).await["total"], 0);

    // Due back by a date: expected back on or before it, overdue ones included; items with
    // no expected return are not due.
    let on_rent: Vec<&Value> =
        all.iter().filter(|i| ["out", "called_off"].contains(&str_of(i, "status"))).collect();
    let mut returns: Vec<&str> = on_rent.iter().filter_map(|i| i["expected_return"].as_str()).collect();
    returns.sort_unstable();
    let due_by = returns[returns.len() / 2];
    let body = app.get_json(&format!("{base}&view=on_rent&due_by={due_by}"), token).await;
    let expected =
        on_rent.iter().filter(|i| i["expected_return"].as_str().is_some_and(|d| d <= due_by)).count() as u64;
    assert!(expected < on_rent.len() as u64, "not all of them");
    assert!(expected > 0, "some items are due back by {due_by}");
    assert_eq!(body["total"].as_u64(), Some(expected), "due by {due_by}");
    let problem = app.get(&format!("{base}&due_by=next-friday"), token).await;
    let body = assert_problem(problem, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "due_by", "{body}");
});

/// Writes a request on `line` straight into the tables the requests engineer's code owns.
async fn insert_request(
    app: &TestApp,
    customer: Uuid,
    line: Uuid,
    number: &str,
    status: &str,
    minutes_ago: i64,
) -> Uuid {
    let id = Uuid::now_v7();
    let at = chrono::Utc::now() - chrono::Duration::minutes(minutes_ago);
    on_pool!(&app.db, pool => {
        let (dealer, user, contract): (Uuid, Uuid, Uuid) = sqlx::query_as(
            "SELECT c.dealer_id, (SELECT m.user_id FROM memberships m WHERE m.customer_id = c.id LIMIT 1), \
             cl.contract_id FROM contract_lines cl JOIN contracts k ON k.id = cl.contract_id \
             JOIN customers c ON c.id = k.customer_id WHERE cl.id = $1",
        )
        .bind(line)
        .fetch_one(pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO customer_requests (id, dealer_id, customer_id, kind, number, status, created_by, \
             contact_name, contact_email, created_at, updated_at) \
             VALUES ($1, $2, $3, 'call_off', $4, $5, $6, 'Dana Demo', 'demo@customer.example', $7, $7)",
        )
        .bind(id)
        .bind(dealer)
        .bind(customer)
        .bind(number)
        .bind(status)
        .bind(user)
        .bind(at)
        .execute(pool)
        .await
        .unwrap();
        sqlx::query("INSERT INTO request_lines (request_id, line_id, contract_id) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(line)
            .bind(contract)
            .execute(pool)
            .await
            .unwrap();
    });
    id
}

db_test!(each_item_shows_its_newest_open_request_once, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let token = session.token();
    let base = format!("/api/v1/accounts/{account}/rentals?view=on_rent&per_page=200");
    let before = app.get_json(&base, token).await;
    let item = &items(&before)[0];
    assert!(item["open_request"].is_null());
    let line: Uuid = str_of(item, "line_id").parse().unwrap();

    insert_request(&app, account, line, "CO-OLD0-0001", "acknowledged", 60).await;
    let newest = insert_request(&app, account, line, "CO-NEW0-0002", "requested", 30).await;
    insert_request(&app, account, line, "CO-DONE-0003", "completed", 10).await;
    insert_request(&app, account, line, "CO-GONE-0004", "cancelled", 5).await;

    let after = app.get_json(&base, token).await;
    assert_eq!(after["total"], before["total"], "requests never duplicate an item");
    let hits: Vec<Value> =
        items(&after).into_iter().filter(|i| str_of(i, "line_id") == line.to_string()).collect();
    assert_eq!(hits.len(), 1);
    let request = &hits[0]["open_request"];
    assert_eq!(request["id"], newest.to_string());
    assert_eq!(
        (request["number"].as_str(), request["kind"].as_str()),
        (Some("CO-NEW0-0002"), Some("call_off"))
    );
    assert_eq!(request["status"], "requested");
});

db_test!(bad_filters_answer_422_with_fields, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    for path in ["rentals", "rentals.csv"] {
        let response = app
            .get(
                &format!(
                    "/api/v1/accounts/{account}/{path}?view=lost&sort=price&dir=up&page=0&per_page=500&location_id=x"
                ),
                session.token(),
            )
            .await;
        let body = assert_problem(response, 422, "validation_failed").await;
        let mut fields: Vec<&str> =
            body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        fields.sort_unstable();
        assert_eq!(fields, ["dir", "location_id", "page", "per_page", "sort", "view"], "{path}");
    }
});

db_test!(csv_is_the_filtered_view_named_for_the_dealer, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let token = session.token();
    let filters = "view=on_rent&sort=expected_return&dir=asc";
    let list = items(
        &app.get_json(&format!("/api/v1/accounts/{account}/rentals?{filters}&per_page=200"), token).await,
    );
    let expected: Vec<(String, String)> = list
        .iter()
        .map(|i| (str_of(i, "contract_number").to_string(), str_of(i, "serial_number").to_string()))
        .collect();

    let response =
        app.get(&format!("/api/v1/accounts/{account}/rentals.csv?{filters}&page=2&per_page=1"), token).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    let disposition = response.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(disposition.starts_with("attachment; filename=\"rentals-"), "{disposition}");
    let rows = parse_csv(&response.text().await.unwrap());
    assert_eq!(rows[0][0], "Contract");
    let csv: Vec<(String, String)> = rows[1..].iter().map(|r| (r[0].clone(), r[3].clone())).collect();
    assert_eq!(csv, expected, "the whole filtered view, in list order, ignoring paging");
    assert!(rows[1..].iter().all(|r| matches!(r[5].as_str(), "out" | "called_off") && r[16] == "USD"));

    // The same through content negotiation on the list.
    let negotiated = app
        .client
        .get(app.url(&format!("/api/v1/accounts/{account}/rentals?{filters}")))
        .bearer_auth(token)
        .header("Accept", "text/csv")
        .send()
        .await
        .unwrap();
    assert_eq!(negotiated.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(parse_csv(&negotiated.text().await.unwrap()), rows);

    // A UK dealer says hire.
    let thames = session.account_at("thames");
    let response = app.get(&format!("/api/v1/accounts/{thames}/rentals.csv"), token).await;
    let disposition = response.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(disposition.starts_with("attachment; filename=\"hires-"), "{disposition}");
    let rows = parse_csv(&response.text().await.unwrap());
    assert_eq!(rows.len() as i64 - 1, rental_lines(&app, thames).await);
    assert!(rows[1..].iter().all(|r| r[16] == "GBP"));
});

db_test!(another_customers_account_answers_404, |app| async move {
    let demo = app.login_demo().await;
    let (email, other_account) = app.create_other_customer_user("summit").await;
    let other = app.login(&email, OTHER_PASSWORD).await;
    let own = app.get_json(&format!("/api/v1/accounts/{other_account}/rentals"), other.token()).await;
    assert!(own["total"].as_u64().unwrap() > 0);
    for path in ["rentals", "rentals.csv", "tracking"] {
        let response = app.get(&format!("/api/v1/accounts/{other_account}/{path}"), demo.token()).await;
        assert_problem(response, 404, "not_found").await;
        let unknown = app.get(&format!("/api/v1/accounts/{}/{path}", Uuid::now_v7()), demo.token()).await;
        assert_problem(unknown, 404, "not_found").await;
    }
    let anonymous =
        app.client.get(app.url(&format!("/api/v1/accounts/{other_account}/rentals"))).send().await.unwrap();
    assert_problem(anonymous, 401, "unauthenticated").await;
});
