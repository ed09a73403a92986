//! Customer requests to the store (D2-D4, C7): call-off with its evidence, idempotency and
//! line rules; service, extension and book again; list, detail and withdrawal; isolation.
//! The fixtures here are shared with the inbox and feedback tests.

use chrono::{Duration, NaiveDate, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{OTHER_PASSWORD, TestApp, assert_problem, on_pool};

pub fn today() -> NaiveDate {
    api::demo::today()
}

pub fn fields(body: &Value) -> Vec<String> {
    body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect()
}

/// Rental lines of `customer` in `status`, oldest contract first: (line id, description).
pub async fn lines_in(app: &TestApp, customer: Uuid, status: &str) -> Vec<(Uuid, String)> {
    on_pool!(&app.db, pool => {
        sqlx::query_as(
            "SELECT cl.id, cl.description FROM contract_lines cl JOIN contracts c ON c.id = cl.contract_id \
             WHERE c.customer_id = $1 AND cl.kind = 'rental' AND cl.status = $2 \
             AND (cl.start_date IS NULL OR cl.start_date <= $3) ORDER BY c.number, cl.line_no",
        )
        .bind(customer)
        .bind(status)
        .bind(today())
        .fetch_all(pool)
        .await
        .unwrap()
    })
}

pub async fn line_status(app: &TestApp, line: Uuid) -> (String, Option<NaiveDate>) {
    on_pool!(&app.db, pool => {
        sqlx::query_as("SELECT status, returned_on FROM contract_lines WHERE id = $1")
            .bind(line)
            .fetch_one(pool)
            .await
            .unwrap()
    })
}

pub async fn count(app: &TestApp, table: &'static str) -> i64 {
    let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM {table}");
    on_pool!(&app.db, pool => {
        sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await.unwrap()
    })
}

/// Recipients of the queued emails of `kind`, oldest first.
pub async fn emails_of_kind(app: &TestApp, kind: &str) -> Vec<(String, String, String)> {
    on_pool!(&app.db, pool => {
        sqlx::query_as(
            "SELECT to_address, subject, body_text FROM email_outbox WHERE kind = $1 ORDER BY created_at, id",
        )
        .bind(kind)
        .fetch_all(pool)
        .await
        .unwrap()
    })
}

/// The email of the location a contract line's contract belongs to.
pub async fn store_email_of_line(app: &TestApp, line: Uuid) -> String {
    on_pool!(&app.db, pool => {
        sqlx::query_scalar(
            "SELECT l.email FROM contract_lines cl JOIN contracts c ON c.id = cl.contract_id \
             JOIN locations l ON l.id = c.location_id WHERE cl.id = $1",
        )
        .bind(line)
        .fetch_one(pool)
        .await
        .unwrap()
    })
}

pub async fn set_permissions(app: &TestApp, user: Uuid, customer: Uuid, call_off: bool, order: bool) {
    on_pool!(&app.db, pool => {
        sqlx::query("UPDATE memberships SET can_call_off = $3, can_order = $4 WHERE user_id = $1 AND customer_id = $2")
            .bind(user)
            .bind(customer)
            .bind(call_off)
            .bind(order)
            .execute(pool)
            .await
            .unwrap();
    });
}

/// A staff login at the dealer `slug`; returns its email (password [`OTHER_PASSWORD`]).
pub async fn create_staff(app: &TestApp, slug: &str) -> String {
    let dealer: Uuid = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT id FROM dealers WHERE slug = $1").bind(slug).fetch_one(pool).await.unwrap()
    });
    let email = format!("staff-{}@{slug}.example", Uuid::now_v7().simple());
    let hasher = api::auth::PasswordHasher::new(1).unwrap();
    let user = api::db::users::NewUser {
        id: api::ids::UserId::new(Uuid::now_v7()),
        email: email.clone(),
        phone_normalized: None,
        display_name: "Other Staff".into(),
        password_hash: Some(hasher.hash(OTHER_PASSWORD.to_string()).await.unwrap()),
        role: shared::auth::UserRole::DealerStaff,
        dealer_id: Some(api::ids::DealerId::new(dealer)),
    };
    api::db::users::insert(&app.db, &user, Utc::now()).await.unwrap();
    email
}

pub fn call_off_body(lines: &[Uuid], pickup: NaiveDate) -> Value {
    json!({
        "line_ids": lines,
        "pickup_date": pickup,
        "pickup_window": "7-9am",
        "site_address": "1450 Wynkoop St, Denver CO",
        "contact": { "name": "Pat Site", "phone": "303-555-0188", "email": "pat.site@builder.example" },
        "notes": "Behind the blue gate, code 4411",
    })
}

pub async fn post(
    app: &TestApp,
    path: &str,
    token: &str,
    body: &Value,
    key: Option<&str>,
) -> reqwest::Response {
    let mut request = app.client.post(app.url(path)).bearer_auth(token).json(body);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    request.send().await.unwrap()
}

/// Files a call-off of `lines` for today on one of the demo user's accounts (today in
/// London, which is today or tomorrow in Denver, so either demo dealer takes it); returns
/// the body.
pub async fn file_call_off(app: &TestApp, token: &str, account: Uuid, lines: &[Uuid]) -> Value {
    let london_today = Utc::now().with_timezone(&chrono_tz::Europe::London).date_naive();
    let response = post(
        app,
        &format!("/api/v1/accounts/{account}/call-offs"),
        token,
        &call_off_body(lines, london_today.max(today())),
        None,
    )
    .await;
    assert_eq!(response.status(), 201);
    response.json().await.unwrap()
}

db_test!(call_off_files_one_request_with_evidence_emails_and_notification, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let out = lines_in(&app, account, "out").await;
    assert!(out.len() >= 2, "the demo account has items out");
    let lines = [out[0].0, out[1].0];
    let pickup = today() + Duration::days(2);
    let before = Utc::now();
    let response = post(
        &app,
        &format!("/api/v1/accounts/{account}/call-offs"),
        session.token(),
        &call_off_body(&lines, pickup),
        None,
    )
    .await;
    assert_eq!(response.status(), 201);
    let body: Value = response.json().await.unwrap();
    let number = body["number"].as_str().unwrap();
    assert!(number.starts_with("CO-") && number.len() == 12, "{number}");
    assert_eq!(body["kind"], "call_off");
    assert_eq!(body["status"], "requested");
    assert_eq!(body["line_count"], 2);
    assert_eq!(body["lines"].as_array().unwrap().len(), 2);
    assert_eq!(body["pickup_date"], pickup.to_string());
    assert_eq!(body["billing_stop_date"], pickup.to_string(), "billing stops on the pickup date");
    assert_eq!(body["pickup_window"], "7-9am");
    assert_eq!(body["contact"]["email"], "pat.site@builder.example");
    assert_eq!(body["created_by_name"], "Dana Demo");
    let created: chrono::DateTime<Utc> = body["created_at"].as_str().unwrap().parse().unwrap();
    assert!(created >= before - Duration::seconds(1) && created <= Utc::now(), "server timestamp");
    let events = body["events"].as_array().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(
        (events[0]["status"].as_str(), events[0]["actor"].as_str()),
        (Some("requested"), Some("customer"))
    );
    assert!(body["location"]["name"].is_string());

    for line in lines {
        assert_eq!(line_status(&app, line).await.0, "called_off");
    }
    let store = emails_of_kind(&app, "request_store").await;
    assert_eq!(store.len(), 1);
    assert_eq!(store[0].0, store_email_of_line(&app, lines[0]).await);
    assert!(store[0].1.contains(number), "{}", store[0].1);
    assert!(store[0].2.contains("Behind the blue gate"), "notes for the driver");
    let copy = emails_of_kind(&app, "request_copy").await;
    assert_eq!(copy.len(), 1);
    assert_eq!(copy[0].0, "pat.site@builder.example");
    for text in [&store[0].2, &copy[0].2] {
        assert!(text.contains(number));
        assert!(text.contains("1450 Wynkoop St"));
        assert!(text.contains(&pickup.to_string()));
        assert!(text.contains(&out[0].1), "names the items");
        assert!(text.contains("UTC"), "server timestamp");
        assert!(text.contains("call-off"), "Summit says call-off: {text}");
    }
    assert_eq!(count(&app, "staff_notifications").await, 1);
    let user = app.user_id(api::demo::DEMO_CUSTOMER_EMAIL).await;
    assert_eq!(app.audit_actions(user).await[0], "request.created");

    let id = body["id"].as_str().unwrap();
    let detail = app.get_json(&format!("/api/v1/accounts/{account}/requests/{id}"), session.token()).await;
    assert_eq!(detail, body);
    let list =
        app.get_json(&format!("/api/v1/accounts/{account}/requests?status=open"), session.token()).await;
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["id"], id);
    let list =
        app.get_json(&format!("/api/v1/accounts/{account}/requests?kind=service"), session.token()).await;
    assert_eq!(list["total"], 0);
    let bad = app
        .get(&format!("/api/v1/accounts/{account}/requests?status=nope&per_page=0"), session.token())
        .await;
    let bad = assert_problem(bad, 422, "validation_failed").await;
    assert_eq!(fields(&bad), ["status", "per_page"]);
});

db_test!(uk_dealer_emails_say_off_hire, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("thames");
    let out = lines_in(&app, account, "out").await;
    file_call_off(&app, session.token(), account, &[out[0].0]).await;
    let copy = emails_of_kind(&app, "request_copy").await;
    assert!(copy[0].1.contains("off-hire"), "{}", copy[0].1);
    assert!(copy[0].2.contains("hire charges"), "{}", copy[0].2);
});

db_test!(twenty_concurrent_identical_call_offs_file_one_request, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let out = lines_in(&app, account, "out").await;
    let lines = [out[0].0, out[1].0];
    let body = call_off_body(&lines, today());
    let path = format!("/api/v1/accounts/{account}/call-offs");
    let key = Uuid::new_v4().to_string();
    let responses = futures_util::future::join_all(
        (0..20).map(|_| post(&app, &path, session.token(), &body, Some(&key))),
    )
    .await;
    let mut created = 0;
    let mut ids = Vec::new();
    for response in responses {
        let status = response.status().as_u16();
        assert!(status == 201 || status == 200, "status {status}");
        if status == 201 {
            created += 1;
        }
        let body: Value = response.json().await.unwrap();
        ids.push(body["id"].as_str().unwrap().to_string());
    }
    assert_eq!(created, 1, "exactly one 201");
    assert!(ids.iter().all(|id| *id == ids[0]), "same request every time");
    assert_eq!(count(&app, "customer_requests").await, 1);
    assert_eq!(count(&app, "request_lines").await, 2);
    assert_eq!(count(&app, "request_events").await, 1);
    assert_eq!(emails_of_kind(&app, "request_copy").await.len(), 1);

    // A later retry: still the same request, 200.
    let retry = post(&app, &path, session.token(), &body, Some(&key)).await;
    assert_eq!(retry.status(), 200);
    assert_eq!(retry.json::<Value>().await.unwrap()["id"].as_str().unwrap(), ids[0]);
    // Same key, another body: 409, nothing written.
    let mut other = body.clone();
    other["notes"] = json!("different");
    let conflict = post(&app, &path, session.token(), &other, Some(&key)).await;
    assert_problem(conflict, 409, "conflict").await;
    // Same key on another kind of request: 409 too.
    let service = json!({"service_kind": "other", "description": "x", "contact": body["contact"]});
    let conflict = post(
        &app,
        &format!("/api/v1/accounts/{account}/service-requests"),
        session.token(),
        &service,
        Some(&key),
    )
    .await;
    assert_problem(conflict, 409, "conflict").await;
    assert_eq!(count(&app, "customer_requests").await, 1);
    // Without a key, a second submit fails naturally: the lines are no longer out.
    let again = post(&app, &path, session.token(), &body, None).await;
    let problem = assert_problem(again, 422, "validation_failed").await;
    assert_eq!(fields(&problem), ["line_ids", "line_ids"]);
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("already called off"), "{problem}");
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains(&out[0].1), "names the item");
});

db_test!(invalid_call_offs_answer_422_and_write_nothing, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let token = session.token();
    let out = lines_in(&app, account, "out").await;
    let path = format!("/api/v1/accounts/{account}/call-offs");
    let (other_email, other_customer) = app.create_other_customer_user("summit").await;
    let foreign = lines_in(&app, other_customer, "out").await;
    let reserved = lines_in(&app, account, "reserved").await;
    let emails_before = count(&app, "email_outbox").await;

    let cases: Vec<(Value, Vec<&str>)> = vec![
        (call_off_body(&[], today()), vec!["line_ids"]),
        (call_off_body(&[Uuid::now_v7()], today()), vec!["line_ids"]),
        (call_off_body(&[out[0].0, out[0].0], today()), vec!["line_ids"]),
        (call_off_body(&[out[0].0], today() - Duration::days(1)), vec!["pickup_date"]),
        (
            {
                let mut b = call_off_body(&[out[0].0], today());
                b["site_address"] = json!("  ");
                b["contact"]["name"] = json!("");
                b["contact"]["email"] = json!("not-an-email");
                b["notes"] = json!("x".repeat(2001));
                b
            },
            vec!["site_address", "contact.name", "contact.email", "notes"],
        ),
    ];
    for (body, expected) in cases {
        let response = post(&app, &path, token, &body, None).await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(fields(&problem), expected, "{problem}");
    }
    if let Some((line, _)) = foreign.first() {
        // Another customer's line, alone or with one of ours: refused, ours untouched.
        let response = post(&app, &path, token, &call_off_body(&[out[0].0, *line], today()), None).await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(fields(&problem), ["line_ids"]);
        assert_eq!(line_status(&app, *line).await.0, "out");
    }
    if let Some((line, _)) = reserved.first() {
        let response = post(&app, &path, token, &call_off_body(&[*line], today()), None).await;
        assert_problem(response, 422, "validation_failed").await;
    }
    // A pickup before an item's start.
    let future_start = today() + Duration::days(10);
    on_pool!(&app.db, pool => {
        sqlx::query("UPDATE contract_lines SET start_date = $2 WHERE id = $1")
            .bind(out[1].0)
            .bind(future_start)
            .execute(pool)
            .await
            .unwrap();
    });
    let response =
        post(&app, &path, token, &call_off_body(&[out[1].0], today() + Duration::days(3)), None).await;
    let problem = assert_problem(response, 422, "validation_failed").await;
    assert_eq!(fields(&problem), ["pickup_date"]);
    // A malformed Idempotency-Key.
    let response =
        post(&app, &path, token, &call_off_body(&[out[0].0], today()), Some(&"k".repeat(201))).await;
    assert_problem(response, 422, "validation_failed").await;

    assert_eq!(count(&app, "customer_requests").await, 0);
    assert_eq!(count(&app, "request_lines").await, 0);
    assert_eq!(count(&app, "request_events").await, 0);
    assert_eq!(count(&app, "staff_notifications").await, 0);
    assert_eq!(count(&app, "email_outbox").await, emails_before);
    assert_eq!(line_status(&app, out[0].0).await.0, "out");

    // The other customer cannot call off the demo account's items through their own account.
    let other = app.login(&other_email, OTHER_PASSWORD).await;
    let response = post(
        &app,
        &format!("/api/v1/accounts/{other_customer}/call-offs"),
        other.token(),
        &call_off_body(&[out[0].0], today()),
        None,
    )
    .await;
    let problem = assert_problem(response, 422, "validation_failed").await;
    assert_eq!(fields(&problem), ["line_ids"]);
    assert_eq!(line_status(&app, out[0].0).await.0, "out");
    assert_eq!(count(&app, "customer_requests").await, 0);
});

db_test!(a_member_without_call_off_permission_gets_403, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let user = app.user_id(api::demo::DEMO_CUSTOMER_EMAIL).await;
    set_permissions(&app, user, account, false, false).await;
    let out = lines_in(&app, account, "out").await;
    let token = session.token();
    let base = format!("/api/v1/accounts/{account}");
    let response =
        post(&app, &format!("{base}/call-offs"), token, &call_off_body(&[out[0].0], today()), None).await;
    assert_problem(response, 403, "forbidden").await;
    let extension = json!({
        "line_ids": [out[0].0], "new_return_date": today() + Duration::days(400),
        "contact": {"name": "Pat", "email": "pat@builder.example"}
    });
    assert_problem(
        post(&app, &format!("{base}/extensions"), token, &extension, None).await,
        403,
        "forbidden",
    )
    .await;
    let contract: Uuid = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT id FROM contracts WHERE customer_id = $1 ORDER BY number LIMIT 1")
            .bind(account).fetch_one(pool).await.unwrap()
    });
    let book = json!({
        "contract_id": contract, "start_date": today(), "site_address": "Yard",
        "contact": {"name": "Pat", "email": "pat@builder.example"}
    });
    assert_problem(post(&app, &format!("{base}/book-again"), token, &book, None).await, 403, "forbidden")
        .await;
    assert_eq!(count(&app, "customer_requests").await, 0);
    assert_eq!(line_status(&app, out[0].0).await.0, "out");
    // Viewing is enough for a service request.
    let service = json!({
        "service_kind": "breakdown", "description": "Will not start", "line_ids": [out[0].0],
        "contact": {"name": "Pat", "email": "pat@builder.example"}
    });
    let response = post(&app, &format!("{base}/service-requests"), token, &service, None).await;
    assert_eq!(response.status(), 201);
});

db_test!(every_customer_request_route_hides_other_accounts, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let out = lines_in(&app, account, "out").await;
    let filed = file_call_off(&app, session.token(), account, &[out[0].0]).await;
    let id = filed["id"].as_str().unwrap();

    let (other_email, other_customer) = app.create_other_customer_user("summit").await;
    let other = app.login(&other_email, OTHER_PASSWORD).await;
    let token = other.token();
    let demo = format!("/api/v1/accounts/{account}");
    let contact = json!({"name": "Pat", "email": "pat@builder.example"});
    let contract = filed["lines"][0]["contract_id"].clone();
    let bodies = [
        ("call-offs", call_off_body(&[out[1].0], today())),
        ("service-requests", json!({"service_kind": "other", "description": "x", "contact": contact})),
        (
            "extensions",
            json!({"line_ids": [out[1].0], "new_return_date": today() + Duration::days(400), "contact": contact}),
        ),
        (
            "book-again",
            json!({"contract_id": contract, "start_date": today(), "site_address": "x", "contact": contact}),
        ),
        (
            "feedback",
            json!({"kind": "question", "subject": "s", "message": "m", "contact_email": "a@b.example"}),
        ),
    ];
    for (path, body) in bodies {
        let response = post(&app, &format!("{demo}/{path}"), token, &body, None).await;
        assert_problem(response, 404, "not_found").await;
    }
    for path in [format!("{demo}/requests"), format!("{demo}/requests/{id}"), format!("{demo}/feedback")] {
        assert_problem(app.get(&path, token).await, 404, "not_found").await;
    }
    let cancel = post(&app, &format!("{demo}/requests/{id}/cancel"), token, &json!({}), None).await;
    assert_problem(cancel, 404, "not_found").await;
    // Through their own account, the demo user's request does not exist either.
    let own = format!("/api/v1/accounts/{other_customer}");
    assert_problem(app.get(&format!("{own}/requests/{id}"), token).await, 404, "not_found").await;
    let cancel = post(&app, &format!("{own}/requests/{id}/cancel"), token, &json!({}), None).await;
    assert_problem(cancel, 404, "not_found").await;
    assert_eq!(app.get_json(&format!("{own}/requests"), token).await["total"], 0);
    // Nor through the demo user's other account.
    let second = session.body.accounts.iter().filter(|a| a.dealer.slug == "summit").nth(1).unwrap().id;
    assert_problem(
        app.get(&format!("/api/v1/accounts/{second}/requests/{id}"), session.token()).await,
        404,
        "not_found",
    )
    .await;
    // No token: 401.
    let response = app.client.get(app.url(&format!("{demo}/requests"))).send().await.unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(line_status(&app, out[1].0).await.0, "out");
    assert_eq!(count(&app, "customer_requests").await, 1);
});

db_test!(customer_cancels_before_acknowledgement_only, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let out = lines_in(&app, account, "out").await;
    let first = file_call_off(&app, session.token(), account, &[out[0].0, out[1].0]).await;
    let id = first["id"].as_str().unwrap();
    let base = format!("/api/v1/accounts/{account}/requests");
    let response =
        post(&app, &format!("{base}/{id}/cancel"), session.token(), &json!({"reason": "Still needed"}), None)
            .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "cancelled");
    assert_eq!(body["cancel_reason"], "Still needed");
    let events = body["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(
        (events[1]["status"].as_str(), events[1]["actor"].as_str()),
        (Some("cancelled"), Some("customer"))
    );
    assert!(events[0]["occurred_at"].as_str() <= events[1]["occurred_at"].as_str());
    assert_eq!(line_status(&app, out[0].0).await.0, "out", "a cancelled call-off puts its items back out");
    assert_eq!(line_status(&app, out[1].0).await.0, "out");
    let status_emails = emails_of_kind(&app, "request_status").await;
    assert_eq!(status_emails.len(), 1);
    assert_eq!(status_emails[0].0, "pat.site@builder.example");
    let kinds: Vec<String> = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT kind FROM staff_notifications ORDER BY created_at, id").fetch_all(pool).await.unwrap()
    });
    assert_eq!(kinds, ["call_off", "cancelled"]);
    // Cancelled already: 409.
    let again = post(&app, &format!("{base}/{id}/cancel"), session.token(), &json!({}), None).await;
    assert_problem(again, 409, "conflict").await;

    // After the store acknowledged it: 409, nothing changes.
    let second = file_call_off(&app, session.token(), account, &[out[0].0]).await;
    let second_id = second["id"].as_str().unwrap();
    let staff = app.login(api::demo::DEMO_STAFF_EMAIL, api::demo::DEMO_STAFF_PASSWORD).await;
    let ack = post(
        &app,
        &format!("/api/v1/admin/requests/{second_id}/actions"),
        staff.token(),
        &json!({"action": "acknowledge"}),
        None,
    )
    .await;
    assert_eq!(ack.status(), 200);
    let late = post(&app, &format!("{base}/{second_id}/cancel"), session.token(), &json!({}), None).await;
    assert_problem(late, 409, "conflict").await;
    assert_eq!(line_status(&app, out[0].0).await.0, "called_off");
});

db_test!(service_extension_and_book_again_follow_their_rules, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let token = session.token();
    let base = format!("/api/v1/accounts/{account}");
    let contact = json!({"name": "Pat", "email": "pat@builder.example"});
    let out = lines_in(&app, account, "out").await;
    let returned = lines_in(&app, account, "returned").await;

    // A general service call: no lines.
    let general = json!({"service_kind": "maintenance", "description": "Annual check", "contact": contact});
    let response = post(&app, &format!("{base}/service-requests"), token, &general, None).await;
    assert_eq!(response.status(), 201);
    let body: Value = response.json().await.unwrap();
    assert!(body["number"].as_str().unwrap().starts_with("SR-"));
    assert_eq!((body["line_count"].as_u64(), body["service_kind"].as_str()), (Some(0), Some("maintenance")));
    // Service on a returned item, or without a description: 422.
    let bad = json!({"service_kind": "damage", "description": " ", "line_ids": [returned[0].0], "contact": contact});
    let problem = assert_problem(
        post(&app, &format!("{base}/service-requests"), token, &bad, None).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["description"]);
    let bad = json!({"service_kind": "damage", "description": "Dent", "line_ids": [returned[0].0], "contact": contact});
    let problem = assert_problem(
        post(&app, &format!("{base}/service-requests"), token, &bad, None).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["line_ids"]);

    // Extension: after today and after the current expected return.
    let due: NaiveDate = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT expected_return FROM contract_lines WHERE id = $1").bind(out[0].0).fetch_one(pool).await.unwrap()
    });
    let too_early = json!({"line_ids": [out[0].0], "new_return_date": due.max(today()), "contact": contact});
    let problem = assert_problem(
        post(&app, &format!("{base}/extensions"), token, &too_early, None).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["new_return_date"]);
    let later = due.max(today()) + Duration::days(14);
    let ok =
        json!({"line_ids": [out[0].0], "new_return_date": later, "contact": contact, "notes": "Job overran"});
    let response = post(&app, &format!("{base}/extensions"), token, &ok, None).await;
    assert_eq!(response.status(), 201);
    let body: Value = response.json().await.unwrap();
    assert!(body["number"].as_str().unwrap().starts_with("EX-"));
    assert_eq!(body["requested_date"], later.to_string());
    assert_eq!(line_status(&app, out[0].0).await.0, "out", "an extension does not change the line");

    // Book again: the account's own contract only.
    let (_, other_customer) = app.create_other_customer_user("summit").await;
    let foreign: Uuid = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT id FROM contracts WHERE customer_id = $1 LIMIT 1").bind(other_customer).fetch_one(pool).await.unwrap()
    });
    let book = |contract: Uuid, start: NaiveDate| {
        json!({"contract_id": contract, "start_date": start, "end_date": start + Duration::days(7),
               "site_address": "1450 Wynkoop St", "contact": contact})
    };
    let problem = assert_problem(
        post(&app, &format!("{base}/book-again"), token, &book(foreign, today()), None).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["contract_id"]);
    let own: Uuid = on_pool!(&app.db, pool => {
        sqlx::query_scalar(
            "SELECT c.id FROM contracts c WHERE c.customer_id = $1 AND c.status = 'closed' AND EXISTS \
             (SELECT 1 FROM contract_lines cl WHERE cl.contract_id = c.id AND cl.kind = 'rental') ORDER BY c.number LIMIT 1",
        ).bind(account).fetch_one(pool).await.unwrap()
    });
    let problem = assert_problem(
        post(&app, &format!("{base}/book-again"), token, &book(own, today() - Duration::days(1)), None).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["start_date"]);
    let response =
        post(&app, &format!("{base}/book-again"), token, &book(own, today() + Duration::days(3)), None).await;
    assert_eq!(response.status(), 201);
    let body: Value = response.json().await.unwrap();
    assert!(body["number"].as_str().unwrap().starts_with("BA-"));
    assert_eq!(body["contract_id"], own.to_string());
    assert!(body["line_count"].as_u64().unwrap() >= 1, "empty line_ids books every rented item");

    let list = app.get_json(&format!("{base}/requests"), token).await;
    assert_eq!(list["total"], 3);
    let kinds: Vec<&str> =
        list["items"].as_array().unwrap().iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["book_again", "extension", "service"], "newest first");
    assert_eq!(emails_of_kind(&app, "request_copy").await.len(), 3);
    assert_eq!(emails_of_kind(&app, "request_store").await.len(), 3);
});

db_test!(racing_call_offs_of_one_item_without_a_key_file_it_once, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let out = lines_in(&app, account, "out").await;
    let path = format!("/api/v1/accounts/{account}/call-offs");
    // Different bodies (no key): each is a request of its own, all for the same item.
    let bodies: Vec<Value> = (0..10)
        .map(|i| {
            let mut body = call_off_body(&[out[0].0, out[1].0], today());
            body["notes"] = json!(format!("attempt {i}"));
            body
        })
        .collect();
    let responses = futures_util::future::join_all(
        bodies.iter().map(|body| post(&app, &path, session.token(), body, None)),
    )
    .await;
    let statuses: Vec<u16> = responses.iter().map(|r| r.status().as_u16()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 1, "{statuses:?}");
    // Losers: 422 when they saw the item called off, 409 when they raced inside the write.
    assert!(statuses.iter().all(|s| [201, 409, 422].contains(s)), "{statuses:?}");
    assert_eq!(count(&app, "customer_requests").await, 1);
    assert_eq!(count(&app, "request_lines").await, 2);
    assert_eq!(count(&app, "staff_notifications").await, 1);
    assert_eq!(emails_of_kind(&app, "request_copy").await.len(), 1);
    assert_eq!(line_status(&app, out[0].0).await.0, "called_off");
});

db_test!(a_call_off_is_checked_against_the_dealers_today_not_the_utc_date, |app| async move {
    // At any moment one of these zones is on another date than UTC: twelve hours behind it
    // before noon UTC, fourteen hours ahead from 10:00 UTC.
    let now = Utc::now();
    let zone = if chrono::Timelike::hour(&now) < 12 { "Etc/GMT+12" } else { "Pacific/Kiritimati" };
    let local = now.with_timezone(&zone.parse::<chrono_tz::Tz>().unwrap()).date_naive();
    assert_ne!(local, now.date_naive());
    on_pool!(&app.db, pool => {
        sqlx::query("UPDATE dealers SET time_zone = $1 WHERE slug = 'summit'").bind(zone).execute(pool).await.unwrap();
    });
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let long_out: Vec<Uuid> = on_pool!(&app.db, pool => {
        sqlx::query_scalar(
            "SELECT cl.id FROM contract_lines cl JOIN contracts c ON c.id = cl.contract_id \
             WHERE c.customer_id = $1 AND cl.kind = 'rental' AND cl.status = 'out' AND cl.start_date < $2 \
             ORDER BY c.number, cl.line_no",
        )
        .bind(account)
        .bind(local - Duration::days(2))
        .fetch_all(pool)
        .await
        .unwrap()
    });
    let path = format!("/api/v1/accounts/{account}/call-offs");

    // The dealer's yesterday is refused, even where UTC still calls it today...
    let refused =
        post(&app, &path, session.token(), &call_off_body(&[long_out[0]], local - Duration::days(1)), None)
            .await;
    let problem = assert_problem(refused, 422, "validation_failed").await;
    assert_eq!(fields(&problem), ["pickup_date"]);
    // ...and the dealer's today is accepted, even where UTC has moved to another date.
    let filed = post(&app, &path, session.token(), &call_off_body(&[long_out[0]], local), None).await;
    assert_eq!(filed.status(), 201);
    let body: Value = filed.json().await.unwrap();
    assert_eq!(body["pickup_date"], local.to_string());
});

async fn put_settings(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.client.put(app.url("/api/v1/admin/settings")).bearer_auth(token).json(&body).send().await.unwrap()
}

db_test!(a_dealer_admin_sets_the_time_zone_and_when_billing_stops, |app| async move {
    let admin = app.login(api::demo::DEMO_ADMIN_EMAIL, api::demo::DEMO_ADMIN_PASSWORD).await;
    let settings = app.get_json("/api/v1/admin/settings", admin.token()).await;
    assert_eq!(settings, json!({ "time_zone": "America/Denver", "billing_stops_on": "pickup_date" }));

    let bad = put_settings(
        &app,
        admin.token(),
        json!({ "time_zone": "Mars/Olympus", "billing_stops_on": "pickup_date" }),
    )
    .await;
    assert_eq!(fields(&assert_problem(bad, 422, "validation_failed").await), ["time_zone"]);
    let staff = app.login(api::demo::DEMO_STAFF_EMAIL, api::demo::DEMO_STAFF_PASSWORD).await;
    let refused =
        put_settings(&app, staff.token(), json!({ "time_zone": "UTC", "billing_stops_on": "pickup_date" }))
            .await;
    assert_problem(refused, 403, "forbidden").await;

    let new = json!({ "time_zone": "Europe/London", "billing_stops_on": "call_off_date" });
    let stored = put_settings(&app, admin.token(), new.clone()).await;
    assert_eq!(stored.status(), 200);
    assert_eq!(app.get_json("/api/v1/admin/settings", admin.token()).await, new);
    let branding = app.get_json("/api/v1/branding/summit", "").await;
    assert_eq!(
        (&branding["time_zone"], &branding["billing_stops_on"]),
        (&json!("Europe/London"), &json!("call_off_date"))
    );
    let admin_id = app.user_id(api::demo::DEMO_ADMIN_EMAIL).await;
    let audited = app.audit_events(admin_id, "dealer.settings_updated").await;
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].1["before"]["time_zone"], "America/Denver");

    // A call-off now stops billing on the day it is filed (London's today), not the pickup.
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let out = lines_in(&app, account, "out").await;
    let london_today = Utc::now().with_timezone(&chrono_tz::Europe::London).date_naive();
    let pickup = london_today + Duration::days(3);
    let filed = post(
        &app,
        &format!("/api/v1/accounts/{account}/call-offs"),
        session.token(),
        &call_off_body(&[out[0].0], pickup),
        None,
    )
    .await;
    assert_eq!(filed.status(), 201);
    let body: Value = filed.json().await.unwrap();
    assert_eq!(body["pickup_date"], pickup.to_string());
    assert_eq!(body["billing_stop_date"], london_today.to_string(), "billing stops on the call-off day");
});
