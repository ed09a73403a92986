//! The back office's change feed (I4): each action the back office must act on is one event
//! with its documented payload; cursors page through each event once, in commit order (on
//! PostgreSQL also when transactions commit out of `seq` order); an expired cursor is 410;
//! bad parameters 400; the scope `events:read` is needed; a dealer sees only its own events.

use std::time::{Duration as StdDuration, Instant};

use api::demo::{DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD};
use serde_json::{Value, json};
use shared::integrations::Scope;
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{Engine, TestApp, assert_problem, on_pool, spawn_app};
use crate::requests::{file_call_off, lines_in, post};

/// A token of a new API client of the dealer whose admin is signed in with `admin_token`,
/// holding `scopes`.
pub async fn client_token_with(app: &TestApp, admin_token: &str, scopes: &[Scope]) -> String {
    let client = app.create_api_client(admin_token, scopes).await;
    app.client_token(&client, None).await
}

/// A token of the demo dealer's (Summit) back office that may read the feed, and nothing else.
pub async fn feed_token(app: &TestApp) -> String {
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    client_token_with(app, admin.token(), &[Scope::EventsRead]).await
}

pub async fn get_feed(app: &TestApp, token: &str, query: &str) -> reqwest::Response {
    let url = app.url(&format!("/api/v1/integrations/events{query}"));
    app.client.get(url).bearer_auth(token).send().await.unwrap()
}

/// One page (must answer 200).
pub async fn page(app: &TestApp, token: &str, query: &str) -> Value {
    let response = get_feed(app, token, query).await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, 200, "GET events{query}: {body}");
    assert!(body["next_cursor"].as_str().is_some_and(|c| !c.is_empty()), "{body}");
    body
}

fn query_after(after: Option<&str>, extra: &str) -> String {
    match after {
        Some(cursor) => format!("?after={cursor}{extra}"),
        None if extra.is_empty() => String::new(),
        None => format!("?{}", extra.trim_start_matches('&')),
    }
}

/// Reads from `after` until at least `n` events came (pages of `extra`, e.g. `&limit=1`),
/// waiting up to 10 s: on PostgreSQL an event shows once every transaction that began before
/// it ended, anywhere on the server (other tests' too). Answers the events and the cursor
/// after the last page read.
pub async fn read_at_least(
    app: &TestApp,
    token: &str,
    after: Option<&str>,
    extra: &str,
    n: usize,
) -> (Vec<Value>, String) {
    let deadline = Instant::now() + StdDuration::from_secs(10);
    let mut cursor = after.map(str::to_string);
    let mut events = Vec::new();
    loop {
        let body = page(app, token, &query_after(cursor.as_deref(), extra)).await;
        events.extend(body["events"].as_array().unwrap().iter().cloned());
        cursor = Some(body["next_cursor"].as_str().unwrap().to_string());
        if body["has_more"] == true {
            continue;
        }
        if events.len() >= n || Instant::now() > deadline {
            return (events, cursor.unwrap_or_default());
        }
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
}

/// Every event of the feed from the start, once at least `n` are there.
async fn all_events(app: &TestApp, token: &str, n: usize) -> Vec<Value> {
    read_at_least(app, token, None, "", n).await.0
}

fn types(events: &[Value]) -> Vec<&str> {
    events.iter().map(|e| e["type"].as_str().unwrap()).collect()
}

async fn customer_external_id(app: &TestApp, customer: Uuid) -> String {
    on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT external_id FROM customers WHERE id = $1").bind(customer).fetch_one(pool).await.unwrap()
    })
}

/// `(line external id, contract external id)` of a contract line.
async fn line_external_ids(app: &TestApp, line: Uuid) -> (String, String) {
    on_pool!(&app.db, pool => {
        sqlx::query_as(
            "SELECT cl.external_id, c.external_id FROM contract_lines cl JOIN contracts c ON c.id = cl.contract_id \
             WHERE cl.id = $1",
        )
        .bind(line)
        .fetch_one(pool)
        .await
        .unwrap()
    })
}

db_test!(a_call_off_is_one_request_created_event_with_the_back_office_ids, |app| async move {
    let token = feed_token(&app).await;
    let first = page(&app, &token, "").await;
    assert_eq!(first["events"], json!([]), "nothing happened yet");
    assert_eq!(first["has_more"], false);

    let customer = app.login_demo().await;
    let account = customer.account_at("summit");
    let out = lines_in(&app, account, "out").await;
    let filed = file_call_off(&app, customer.token(), account, &[out[0].0, out[1].0]).await;

    let events = all_events(&app, &token, 1).await;
    assert_eq!(types(&events), ["request.created"], "{events:?}");
    let event = &events[0];
    assert_eq!(event["version"], 1);
    assert_eq!(event["customer_id"], account.to_string());
    assert!(event["id"].as_str().unwrap().parse::<Uuid>().is_ok());
    assert!(event["occurred_at"].as_str().unwrap().parse::<chrono::DateTime<chrono::Utc>>().is_ok());
    let data = &event["data"];
    assert_eq!(data["request_id"], filed["id"]);
    assert_eq!(data["number"], filed["number"]);
    assert_eq!(data["kind"], "call_off");
    assert_eq!(data["status"], "requested");
    assert_eq!(data["previous_status"], Value::Null);
    assert_eq!(data["actor"], "customer");
    assert_eq!(data["customer"]["id"], account.to_string());
    assert_eq!(data["customer"]["external_id"], customer_external_id(&app, account).await);
    assert_eq!(data["location"]["id"], filed["location"]["id"]);
    assert!(data["location"]["external_id"].is_string());
    assert_eq!(data["billing_stop_date"], filed["billing_stop_date"]);
    assert!(data["billing_stop_date"].is_string());
    assert_eq!(data["pickup_date"], filed["pickup_date"]);
    assert_eq!(data["pickup_window"], "7-9am");
    assert_eq!(data["site_address"], "1450 Wynkoop St, Denver CO");
    assert_eq!(data["notes"], "Behind the blue gate, code 4411");
    assert_eq!(
        data["contact"],
        json!({ "name": "Pat Site", "phone": "303-555-0188", "email": "pat.site@builder.example" })
    );
    let lines = data["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 2);
    for line in lines {
        let id: Uuid = line["line_id"].as_str().unwrap().parse().unwrap();
        assert!(id == out[0].0 || id == out[1].0);
        let (line_external, contract_external) = line_external_ids(&app, id).await;
        assert_eq!(line["line_external_id"], line_external);
        assert_eq!(line["contract_external_id"], contract_external);
    }

    // The same call-off again under no key is a second request, hence a second event; a
    // replay under a key is not.
    let account_path = format!("/api/v1/accounts/{account}/call-offs");
    let london_today = chrono::Utc::now().with_timezone(&chrono_tz::Europe::London).date_naive();
    let body = crate::requests::call_off_body(&[out[2].0], london_today.max(crate::requests::today()));
    for _ in 0..2 {
        let response = post(&app, &account_path, customer.token(), &body, Some("one-key")).await;
        assert!(response.status().is_success(), "{}", response.status());
    }
    let events = all_events(&app, &token, 2).await;
    assert_eq!(types(&events), ["request.created", "request.created"], "a replay writes no event");
});

db_test!(store_customer_and_back_office_status_changes_are_events, |app| async move {
    let token = feed_token(&app).await;
    let customer = app.login_demo().await;
    let account = customer.account_at("summit");
    let out = lines_in(&app, account, "out").await;
    let kept = file_call_off(&app, customer.token(), account, &[out[0].0]).await;
    let withdrawn = file_call_off(&app, customer.token(), account, &[out[1].0]).await;
    let (_, cursor) = read_at_least(&app, &token, None, "", 2).await;

    let staff = app.login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
    let kept_id = kept["id"].as_str().unwrap();
    let response = post(
        &app,
        &format!("/api/v1/admin/requests/{kept_id}/actions"),
        staff.token(),
        &json!({ "action": "acknowledge", "note": "Truck booked" }),
        None,
    )
    .await;
    assert_eq!(response.status(), 200);
    let withdrawn_id = withdrawn["id"].as_str().unwrap();
    let response = post(
        &app,
        &format!("/api/v1/accounts/{account}/requests/{withdrawn_id}/cancel"),
        customer.token(),
        &json!({ "reason": "Still needed" }),
        None,
    )
    .await;
    assert_eq!(response.status(), 200);
    // A refused change (withdrawing twice) writes nothing.
    let again = post(
        &app,
        &format!("/api/v1/accounts/{account}/requests/{withdrawn_id}/cancel"),
        customer.token(),
        &json!({}),
        None,
    )
    .await;
    assert_eq!(again.status(), 409);

    let (events, _) = read_at_least(&app, &token, Some(&cursor), "", 2).await;
    assert_eq!(types(&events), ["request.status_changed", "request.status_changed"], "{events:?}");
    let acknowledged = &events[0]["data"];
    assert_eq!(acknowledged["request_id"], kept["id"]);
    assert_eq!(
        (acknowledged["previous_status"].as_str(), acknowledged["status"].as_str()),
        (Some("requested"), Some("acknowledged"))
    );
    assert_eq!(acknowledged["actor"], "store");
    assert_eq!(acknowledged["note"], "Truck booked");
    assert_eq!(acknowledged["billing_stop_date"], kept["billing_stop_date"]);
    assert_eq!(acknowledged["lines"].as_array().unwrap().len(), 1);
    let cancelled = &events[1]["data"];
    assert_eq!(cancelled["request_id"], withdrawn["id"]);
    assert_eq!(
        (cancelled["previous_status"].as_str(), cancelled["status"].as_str()),
        (Some("requested"), Some("cancelled"))
    );
    assert_eq!(cancelled["actor"], "customer");
    assert_eq!(cancelled["cancel_reason"], "Still needed");
});

db_test!(cursors_page_through_each_event_once_in_commit_order, |app| async move {
    let token = feed_token(&app).await;
    let empty = page(&app, &token, "").await;
    let start = empty["next_cursor"].as_str().unwrap().to_string();
    let customer = app.login_demo().await;
    let account = customer.account_at("summit");
    let out = lines_in(&app, account, "out").await;
    let mut filed = Vec::new();
    for line in &out[..3] {
        filed.push(file_call_off(&app, customer.token(), account, &[line.0]).await["id"].clone());
    }
    // The cursor of the empty feed (saved before anything happened) reads them all.
    let (events, _) = read_at_least(&app, &token, Some(&start), "", 3).await;
    assert_eq!(events.iter().map(|e| e["data"]["request_id"].clone()).collect::<Vec<_>>(), filed);

    // One at a time: each once, in order, `has_more` until the last.
    let mut cursor: Option<String> = None;
    let mut seen = Vec::new();
    for i in 0..3 {
        let body = page(&app, &token, &query_after(cursor.as_deref(), "&limit=1")).await;
        let events = body["events"].as_array().unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(body["has_more"], i < 2, "page {i}");
        seen.push(events[0]["data"]["request_id"].clone());
        cursor = Some(body["next_cursor"].as_str().unwrap().to_string());
    }
    assert_eq!(seen, filed);
    let cursor = cursor.unwrap();
    // Past the end: empty, and the same cursor back to keep.
    let end = page(&app, &token, &format!("?after={cursor}&limit=1")).await;
    assert_eq!((end["events"].clone(), end["has_more"].clone()), (json!([]), json!(false)));
    assert_eq!(end["next_cursor"], cursor);

    // Filtered by type: the status changes only.
    let staff = app.login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
    let id = filed[1].as_str().unwrap();
    let response = post(
        &app,
        &format!("/api/v1/admin/requests/{id}/actions"),
        staff.token(),
        &json!({ "action": "acknowledge" }),
        None,
    )
    .await;
    assert_eq!(response.status(), 200);
    let (events, _) = read_at_least(&app, &token, None, "&types=request.status_changed", 1).await;
    assert_eq!(types(&events), ["request.status_changed"]);
    let (events, last) = read_at_least(&app, &token, Some(&cursor), "", 1).await;
    assert_eq!(types(&events), ["request.status_changed"], "only what came after the saved cursor");
    let after_last = page(&app, &token, &format!("?after={last}")).await;
    assert_eq!(after_last["events"], json!([]), "never twice");
});

db_test!(bad_parameters_are_400_naming_each, |app| async move {
    let token = feed_token(&app).await;
    for (query, field) in [
        ("?after=not-a-cursor", "after"),
        ("?after=djEuMQ", "after"),
        ("?limit=0", "limit"),
        ("?limit=1001", "limit"),
        ("?limit=ten", "limit"),
        ("?types=request.created,request.deleted", "types"),
    ] {
        let body = assert_problem(get_feed(&app, &token, query).await, 400, "bad_request").await;
        let fields: Vec<&str> =
            body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, [field], "{query}: {body}");
    }
    let body =
        assert_problem(get_feed(&app, &token, "?after=x&limit=0&types=nope").await, 400, "bad_request").await;
    assert_eq!(body["errors"].as_array().unwrap().len(), 3);
    page(&app, &token, "?limit=1000&types=request.created,%20request.status_changed").await;
});

db_test!(the_feed_needs_events_read_and_shows_only_the_clients_dealer, |app| async move {
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    let without = client_token_with(&app, admin.token(), &[Scope::RequestsRead, Scope::PaymentsRead]).await;
    assert_problem(get_feed(&app, &without, "").await, 403, "insufficient_scope").await;
    assert_problem(get_feed(&app, admin.token(), "").await, 403, "forbidden").await;
    let response = app.client.get(app.url("/api/v1/integrations/events")).send().await.unwrap();
    assert_eq!(response.status(), 401);

    let summit = client_token_with(&app, admin.token(), &[Scope::EventsRead]).await;
    let thames_admin = app.create_dealer_admin("thames").await;
    let thames = client_token_with(&app, &thames_admin, &[Scope::EventsRead]).await;
    let customer = app.login_demo().await;
    let account = customer.account_at("summit");
    let out = lines_in(&app, account, "out").await;
    file_call_off(&app, customer.token(), account, &[out[0].0]).await;
    assert_eq!(types(&all_events(&app, &summit, 1).await), ["request.created"]);
    // Thames' client: nothing, also from Summit's cursors.
    let (events, _) = read_at_least(&app, &thames, None, "", 0).await;
    assert_eq!(events, Vec::<Value>::new());
    let start = page(&app, &summit, "?limit=1").await;
    assert_eq!(start["events"].as_array().unwrap().len(), 1);
    let zero = on_pool!(&app.db, pool => {
        let (txid, seq): (i64, i64) = sqlx::query_as("SELECT MIN(txid), MIN(seq) - 1 FROM integration_events")
            .fetch_one(pool).await.unwrap();
        (txid, seq)
    });
    let before_all = cursor_text(zero.0, zero.1);
    assert_eq!(page(&app, &thames, &format!("?after={before_all}")).await["events"], json!([]));
    assert_eq!(
        page(&app, &summit, &format!("?after={before_all}")).await["events"].as_array().unwrap().len(),
        1
    );
});

/// The cursor text of a position, as the server writes it.
fn cursor_text(txid: i64, seq: i64) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("v1.{txid}.{seq}"))
}

db_test!(a_cursor_older_than_the_retention_is_410_and_a_fresh_start_works, |app| async move {
    let token = feed_token(&app).await;
    let customer = app.login_demo().await;
    let account = customer.account_at("summit");
    let out = lines_in(&app, account, "out").await;
    for line in &out[..3] {
        file_call_off(&app, customer.token(), account, &[line.0]).await;
    }
    let (events, _) = read_at_least(&app, &token, None, "", 3).await;
    assert_eq!(events.len(), 3);
    let first = page(&app, &token, "?limit=1").await["next_cursor"].as_str().unwrap().to_string();
    let second = page(&app, &token, &format!("?after={first}&limit=1")).await["next_cursor"]
        .as_str()
        .unwrap()
        .to_string();

    // The first two are 31 days old: the prune removes them and moves the watermark.
    on_pool!(&app.db, pool => {
        let ids: Vec<Uuid> = sqlx::query_scalar("SELECT id FROM integration_events ORDER BY txid, seq LIMIT 2")
            .fetch_all(pool).await.unwrap();
        for id in ids {
            sqlx::query("UPDATE integration_events SET occurred_at = $2 WHERE id = $1")
                .bind(id)
                .bind(chrono::Utc::now() - chrono::Duration::days(31))
                .execute(pool).await.unwrap();
        }
    });
    let deleted = api::services::events::prune_once(&app.db, &app.settings.events).await.unwrap();
    assert_eq!(deleted, 2);

    // Before the watermark: 410 saying what to do. At it: fine, the third event follows.
    let gone = assert_problem(get_feed(&app, &token, &format!("?after={first}")).await, 410, "gone").await;
    let detail = gone["detail"].as_str().unwrap();
    assert!(detail.contains("30 days") && detail.contains("without `after`"), "{detail}");
    let at = page(&app, &token, &format!("?after={second}")).await;
    assert_eq!(at["events"].as_array().unwrap().len(), 1);
    assert_eq!(at["events"][0]["data"]["request_id"], events[2]["data"]["request_id"]);
    // Starting over without a cursor: the oldest kept.
    let fresh = page(&app, &token, "").await;
    assert_eq!(fresh["events"].as_array().unwrap().len(), 1);
    // A second prune with nothing old is a no-op and keeps the watermark.
    assert_eq!(api::services::events::prune_once(&app.db, &app.settings.events).await.unwrap(), 0);
    assert_problem(get_feed(&app, &token, &format!("?after={first}")).await, 410, "gone").await;
});

/// PostgreSQL: two transactions insert events, the one with the later `seq` commits first.
/// The feed must not move past the open one; once it commits, reading from the saved cursor
/// returns it: nothing skipped, nothing twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_commits_out_of_seq_order_skip_nothing() {
    if !crate::helpers::postgres_wanted() {
        return;
    }
    let app = spawn_app(Engine::Postgres).await;
    let token = feed_token(&app).await;
    let api::db::Db::Postgres(pool) = &app.db else { unreachable!("a PostgreSQL app") };
    let dealer: Uuid =
        sqlx::query_scalar("SELECT id FROM dealers WHERE slug = 'summit'").fetch_one(pool).await.unwrap();
    let insert = |label: &'static str| {
        sqlx::query(
            "INSERT INTO integration_events (id, dealer_id, type, version, occurred_at, customer_id, payload) \
             VALUES ($1, $2, 'request.created', 1, now(), NULL, $3)",
        )
        .bind(Uuid::now_v7())
        .bind(dealer)
        .bind(json!({ "label": label }).to_string())
    };
    let (_, cursor) = read_at_least(&app, &token, None, "", 0).await;

    let mut early = pool.begin().await.unwrap();
    insert("early").execute(&mut *early).await.unwrap();
    let mut late = pool.begin().await.unwrap();
    insert("late").execute(&mut *late).await.unwrap();
    late.commit().await.unwrap();

    // "late" is committed with the higher seq, "early" still open: the feed holds back.
    let held = page(&app, &token, &format!("?after={cursor}")).await;
    assert_eq!(held["events"], json!([]), "nothing past a transaction still running");
    let saved = held["next_cursor"].as_str().unwrap().to_string();
    assert_eq!(saved, cursor);

    early.commit().await.unwrap();
    let (events, next) = read_at_least(&app, &token, Some(&saved), "", 2).await;
    let labels: Vec<&str> = events.iter().map(|e| e["data"]["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["early", "late"], "in commit-safe order, each once");
    let after = page(&app, &token, &format!("?after={next}")).await;
    assert_eq!(after["events"], json!([]));

    // The naive order (by seq) would have lost "early": "late" has the higher seq and was
    // readable first.
    let seqs: Vec<(i64, String)> = sqlx::query_as("SELECT seq, payload FROM integration_events ORDER BY seq")
        .fetch_all(pool)
        .await
        .unwrap();
    let seq_of = |label: &str| seqs.iter().find(|(_, p)| p.contains(label)).map(|(s, _)| *s).unwrap();
    assert!(seq_of("late") > seq_of("early"), "{seqs:?}");
}

/// The events of `types` after `cursor`, once `n` are there.
async fn new_events(app: &TestApp, token: &str, cursor: &str, n: usize) -> (Vec<Value>, String) {
    read_at_least(app, token, Some(cursor), "", n).await
}

/// The cursor at the end of the feed now.
async fn end_of_feed(app: &TestApp, token: &str) -> String {
    read_at_least(app, token, None, "", 0).await.1
}

db_test!(payments_are_created_succeeded_failed_and_settled_events, |app| async move {
    use crate::payments::fixtures::{VISA, card_token, enable_all, new_invoice};
    use crate::payments::{body, new_key, pay};
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    let token = client_token_with(&app, admin.token(), &[Scope::EventsRead, Scope::PaymentsWrite]).await;
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    enable_all(&app, "summit").await;
    let (invoice, number) = new_invoice(&app, account, 25_000).await;
    let cursor = end_of_feed(&app, &token).await;

    let paid = pay(
        &app,
        session.token(),
        account,
        &body(&[(invoice, 10_000)], Some(500), "card", &card_token(VISA)),
        Some(&new_key()),
    )
    .await;
    assert_eq!(paid.status(), 201);
    let paid: Value = paid.json().await.unwrap();
    let (events, cursor) = new_events(&app, &token, &cursor, 2).await;
    assert_eq!(types(&events), ["payment.created", "payment.succeeded"], "{events:?}");
    let created = &events[0]["data"];
    assert_eq!(created["payment_id"], paid["id"]);
    assert_eq!(created["status"], "processing");
    let succeeded = &events[1]["data"];
    assert_eq!(succeeded["payment_id"], paid["id"]);
    assert_eq!(succeeded["status"], "succeeded");
    assert_eq!(succeeded["number"], paid["number"]);
    assert_eq!(succeeded["amount_minor"], 10_500);
    assert_eq!(succeeded["method"], "card");
    assert_eq!(succeeded["instrument_last4"], "4242");
    assert_eq!(succeeded["customer"]["external_id"], customer_external_id(&app, account).await);
    assert_eq!(
        succeeded["allocations"],
        json!([
            { "invoice_id": invoice, "invoice_external_id": format!("EXT-{number}"), "invoice_number": number, "amount_minor": 10_000 },
            { "invoice_id": null, "invoice_external_id": null, "invoice_number": null, "amount_minor": 500 },
        ])
    );
    assert_eq!(events[1]["customer_id"], account.to_string());
    let text = serde_json::to_string(&events).unwrap();
    assert!(!text.contains(VISA) && !text.contains("sandbox:"), "no card number or token in the feed");

    let declined =
        body(&[(invoice, 1_000)], None, "card", &card_token(shared::payments::SANDBOX_DECLINED_CARD));
    let response = pay(&app, session.token(), account, &declined, Some(&new_key())).await;
    assert_eq!(response.status(), 402);
    let (events, cursor) = new_events(&app, &token, &cursor, 2).await;
    assert_eq!(types(&events), ["payment.created", "payment.failed"]);
    assert_eq!(events[1]["data"]["status"], "failed");
    assert!(events[1]["data"]["failure_code"].is_string());

    let id = paid["id"].as_str().unwrap();
    for _ in 0..2 {
        let posted = app
            .client
            .post(app.url(&format!("/api/v1/integrations/payments/{id}/posted")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(posted.status(), 204);
    }
    let (events, _) = new_events(&app, &token, &cursor, 1).await;
    assert_eq!(types(&events), ["payment.settled"], "once, however often it is confirmed");
    assert_eq!(events[0]["data"]["payment_id"], paid["id"]);
    assert!(events[0]["data"]["posted_at"].is_string());
});

db_test!(feedback_is_one_feedback_created_event, |app| async move {
    let token = feed_token(&app).await;
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let body = json!({
        "kind": "question", "subject": "Weekend hours", "message": "Is the Denver store open on Sunday?",
        "contact_email": "dana@customer.example", "contact_phone": "303-555-0199",
    });
    let response =
        post(&app, &format!("/api/v1/accounts/{account}/feedback"), session.token(), &body, None).await;
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.unwrap();
    let events = all_events(&app, &token, 1).await;
    assert_eq!(types(&events), ["feedback.created"]);
    let data = &events[0]["data"];
    assert_eq!(data["feedback_id"], created["id"]);
    assert_eq!((data["kind"].as_str(), data["subject"].as_str()), (Some("question"), Some("Weekend hours")));
    assert_eq!(data["message"], "Is the Denver store open on Sunday?");
    assert_eq!(data["contact_email"], "dana@customer.example");
    assert_eq!(data["customer"]["external_id"], customer_external_id(&app, account).await);
    assert_eq!(data["location"]["id"], created["location"]["id"]);
    assert_eq!(data["user_id"], app.user_id(api::demo::DEMO_CUSTOMER_EMAIL).await.to_string());
});

db_test!(portal_users_invited_activated_and_deactivated_are_events, |app| async move {
    use crate::invitations::{INVITEE_PASSWORD, invitation_token, post_accept};
    let token = feed_token(&app).await;
    let owner = app.login_demo().await;
    let account = owner.account_at("summit");
    let users = format!("/api/v1/accounts/{account}/users");
    let colleague = "colleague@site-office.example";
    let view_only = json!({ "view": true, "pay": false, "call_off": false, "order": false });
    let response =
        post(&app, &users, owner.token(), &json!({ "email": colleague, "permissions": view_only }), None)
            .await;
    assert_eq!(response.status(), 201);
    let invitation: Value = response.json().await.unwrap();
    let events = all_events(&app, &token, 1).await;
    assert_eq!(types(&events), ["portal_user.invited"]);
    let invited = &events[0]["data"];
    assert_eq!(invited["email"], colleague);
    assert_eq!(invited["invitation_id"], invitation["id"]);
    assert_eq!(
        (invited["via"].as_str(), invited["active"].as_bool()),
        (Some("owner_invitation"), Some(false))
    );
    assert_eq!(invited["permissions"], view_only);
    assert_eq!(invited["user_id"], Value::Null, "no login yet");
    assert_eq!(invited["customer"]["external_id"], customer_external_id(&app, account).await);
    let cursor = end_of_feed(&app, &token).await;

    let link = invitation_token(&app, colleague).await;
    let accepted = post_accept(&app, None, json!({ "token": link, "new_password": INVITEE_PASSWORD })).await;
    assert_eq!(accepted.status(), 200);
    let accepted: Value = accepted.json().await.unwrap();
    let user_id = accepted["user"]["id"].clone();
    let (events, cursor) = new_events(&app, &token, &cursor, 1).await;
    assert_eq!(types(&events), ["portal_user.activated"]);
    let activated = &events[0]["data"];
    assert_eq!(activated["user_id"], user_id);
    assert_eq!(
        (activated["via"].as_str(), activated["active"].as_bool()),
        (Some("invitation_accepted"), Some(true))
    );
    assert_eq!(activated["role"], "member");
    assert_eq!(activated["invitation_id"], invitation["id"]);

    // The dealer admin closes the account to the colleague, then opens it again; twice
    // closing is one event.
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    let member = format!("/api/v1/admin/customers/{account}/users/{}", user_id.as_str().unwrap());
    for path in ["deactivate", "deactivate", "reactivate"] {
        let response = post(&app, &format!("{member}/{path}"), admin.token(), &json!({}), None).await;
        assert_eq!(response.status(), 204, "{path}");
    }
    let (events, cursor) = new_events(&app, &token, &cursor, 2).await;
    assert_eq!(types(&events), ["portal_user.deactivated", "portal_user.activated"]);
    assert_eq!(
        (events[0]["data"]["via"].as_str(), events[0]["data"]["active"].as_bool()),
        (Some("admin"), Some(false))
    );
    assert_eq!(events[1]["data"]["active"], true);

    // The whole customer closed: one event per user whose own access is open (owner and colleague).
    let customer = format!("/api/v1/admin/customers/{account}");
    let response = post(&app, &format!("{customer}/deactivate"), admin.token(), &json!({}), None).await;
    assert_eq!(response.status(), 204);
    let response = post(&app, &format!("{customer}/reactivate"), admin.token(), &json!({}), None).await;
    assert_eq!(response.status(), 204);
    let (events, cursor) = new_events(&app, &token, &cursor, 4).await;
    assert_eq!(
        types(&events),
        [
            "portal_user.deactivated",
            "portal_user.deactivated",
            "portal_user.activated",
            "portal_user.activated"
        ]
    );
    assert!(events.iter().all(|e| e["data"]["via"] == "customer_access"));

    // The owner removes the colleague.
    let owner = app.login_demo().await;
    let removed = app
        .client
        .delete(app.url(&format!("{users}/{}", user_id.as_str().unwrap())))
        .bearer_auth(owner.token())
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), 204);
    let (events, _) = new_events(&app, &token, &cursor, 1).await;
    assert_eq!(types(&events), ["portal_user.deactivated"]);
    let data = &events[0]["data"];
    assert_eq!((data["via"].as_str(), data["active"].as_bool()), (Some("removed_by_owner"), Some(false)));
    assert_eq!((data["role"].clone(), data["user_id"].clone()), (Value::Null, user_id));
});

db_test!(contact_details_changed_by_the_user_are_events_per_customer, |app| async move {
    use crate::account_edit::{change_token, patch_me, post_change_email, post_confirm};
    let token = feed_token(&app).await;
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let response = patch_me(
        &app,
        session.token(),
        json!({ "display_name": "Dana D. Demo", "phone": "+1 (720) 555-0142" }),
    )
    .await;
    assert_eq!(response.status(), 200);
    // Nothing changed: no event.
    let response = patch_me(&app, session.token(), json!({ "display_name": "Dana D. Demo" })).await;
    assert_eq!(response.status(), 200);
    let user = app.user_id(api::demo::DEMO_CUSTOMER_EMAIL).await;
    let mut summit_customers: Vec<String> = on_pool!(&app.db, pool => {
        let ids: Vec<Uuid> = sqlx::query_scalar(
            "SELECT m.customer_id FROM memberships m JOIN customers c ON c.id = m.customer_id \
             JOIN dealers d ON d.id = c.dealer_id WHERE m.user_id = $1 AND d.slug = 'summit'",
        )
        .bind(user)
        .fetch_all(pool)
        .await
        .unwrap();
        ids.into_iter().map(|id| id.to_string()).collect()
    });
    summit_customers.sort();
    assert!(summit_customers.contains(&account.to_string()));
    let events = all_events(&app, &token, summit_customers.len()).await;
    let mut customers: Vec<String> =
        events.iter().map(|e| e["customer_id"].as_str().unwrap().to_string()).collect();
    customers.sort();
    assert_eq!(customers, summit_customers, "one event per Summit customer of the login");
    assert!(types(&events).iter().all(|t| *t == "customer.contact_changed"));
    let data = &events.iter().find(|e| e["customer_id"] == account.to_string()).unwrap()["data"];
    assert_eq!(data["changed"], json!(["display_name", "phone"]));
    assert_eq!(data["display_name"], "Dana D. Demo");
    assert!(data["phone"].as_str().unwrap().contains("7205550142"), "{data}");
    assert_eq!(data["via"], "profile_updated");
    assert_eq!(data["customer"]["id"], account.to_string());
    let cursor = end_of_feed(&app, &token).await;

    let response = post_change_email(
        &app,
        session.token(),
        "dana.new@customer.example",
        api::demo::DEMO_CUSTOMER_PASSWORD,
    )
    .await;
    assert_eq!(response.status(), 202);
    let link = change_token(&app, "dana.new@customer.example").await;
    assert_eq!(post_confirm(&app, &link).await.status(), 204);
    let (events, _) = new_events(&app, &token, &cursor, summit_customers.len()).await;
    assert_eq!(events.len(), summit_customers.len());
    assert!(types(&events).iter().all(|t| *t == "customer.contact_changed"));
    assert_eq!(
        (events[0]["data"]["email"].as_str(), events[0]["data"]["via"].as_str()),
        (Some("dana.new@customer.example"), Some("email_changed"))
    );
    assert_eq!(events[0]["data"]["changed"], json!(["email"]));
});

db_test!(service_extension_and_book_again_are_events_and_so_is_each_store_step, |app| async move {
    use crate::requests::today;
    use chrono::{Duration, NaiveDate};
    let token = feed_token(&app).await;
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let customer_token = session.token();
    let base = format!("/api/v1/accounts/{account}");
    let contact = json!({ "name": "Pat Site", "phone": "303-555-0188", "email": "pat.site@builder.example" });
    let out = lines_in(&app, account, "out").await;

    let body = json!({
        "service_kind": "breakdown", "description": "Will not start", "line_ids": [out[0].0], "contact": contact,
    });
    let response = post(&app, &format!("{base}/service-requests"), customer_token, &body, None).await;
    assert_eq!(response.status(), 201);
    let service: Value = response.json().await.unwrap();

    let due: NaiveDate = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT expected_return FROM contract_lines WHERE id = $1")
            .bind(out[1].0).fetch_one(pool).await.unwrap()
    });
    let new_end = due.max(today()) + Duration::days(14);
    let body = json!({ "line_ids": [out[1].0], "new_return_date": new_end, "contact": contact, "notes": "Job overran" });
    let response = post(&app, &format!("{base}/extensions"), customer_token, &body, None).await;
    assert_eq!(response.status(), 201);
    let extension: Value = response.json().await.unwrap();

    let (contract, contract_external): (Uuid, String) = on_pool!(&app.db, pool => {
        sqlx::query_as(
            "SELECT c.id, c.external_id FROM contracts c WHERE c.customer_id = $1 AND c.status = 'closed' AND EXISTS \
             (SELECT 1 FROM contract_lines cl WHERE cl.contract_id = c.id AND cl.kind = 'rental') ORDER BY c.number LIMIT 1",
        ).bind(account).fetch_one(pool).await.unwrap()
    });
    let start = today() + Duration::days(3);
    let body = json!({
        "contract_id": contract, "start_date": start, "end_date": start + Duration::days(7),
        "site_address": "1450 Wynkoop St", "contact": contact,
    });
    let response = post(&app, &format!("{base}/book-again"), customer_token, &body, None).await;
    assert_eq!(response.status(), 201);
    let booked: Value = response.json().await.unwrap();

    let events = all_events(&app, &token, 3).await;
    assert_eq!(types(&events), ["request.created"; 3], "{events:?}");
    let data: Vec<&Value> = events.iter().map(|e| &e["data"]).collect();
    assert_eq!(
        data.iter().map(|d| d["request_id"].clone()).collect::<Vec<_>>(),
        [service["id"].clone(), extension["id"].clone(), booked["id"].clone()]
    );
    assert_eq!(
        data.iter().map(|d| d["kind"].as_str().unwrap()).collect::<Vec<_>>(),
        ["service", "extension", "book_again"]
    );
    let customer_external = customer_external_id(&app, account).await;
    for d in &data {
        assert_eq!(d["customer"]["external_id"], customer_external);
        assert_eq!((d["status"].as_str(), d["actor"].as_str()), (Some("requested"), Some("customer")));
        assert_eq!(d["contact"], contact);
    }
    let (service_data, extension_data, booked_data) = (data[0], data[1], data[2]);
    assert_eq!(
        (service_data["service_kind"].as_str(), service_data["description"].as_str()),
        (Some("breakdown"), Some("Will not start"))
    );
    let (line_external, line_contract) = line_external_ids(&app, out[0].0).await;
    assert_eq!(service_data["lines"][0]["line_external_id"], line_external);
    assert_eq!(service_data["lines"][0]["contract_external_id"], line_contract);
    assert_eq!(extension_data["requested_date"], new_end.to_string(), "the new return date");
    assert_eq!(extension_data["notes"], "Job overran");
    let (line_external, _) = line_external_ids(&app, out[1].0).await;
    assert_eq!(extension_data["lines"][0]["line_external_id"], line_external);
    assert_eq!(booked_data["contract"]["id"], contract.to_string());
    assert_eq!(booked_data["contract"]["external_id"], contract_external);
    assert_eq!(booked_data["requested_date"], start.to_string());
    assert_eq!(booked_data["requested_end_date"], (start + Duration::days(7)).to_string());
    assert_eq!(booked_data["site_address"], "1450 Wynkoop St");
    let cursor = end_of_feed(&app, &token).await;

    // The store works the service request step by step: one event per step.
    let staff = app.login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
    let id = service["id"].as_str().unwrap();
    let scheduled = today() + Duration::days(2);
    for action in [
        json!({ "action": "acknowledge" }),
        json!({ "action": "schedule", "scheduled_date": scheduled, "note": "Mechanic, morning" }),
        json!({ "action": "complete" }),
    ] {
        let response =
            post(&app, &format!("/api/v1/admin/requests/{id}/actions"), staff.token(), &action, None).await;
        assert_eq!(response.status(), 200, "{action}");
    }
    let (events, _) = new_events(&app, &token, &cursor, 3).await;
    assert_eq!(types(&events), ["request.status_changed"; 3], "{events:?}");
    let steps: Vec<(&str, &str, &str)> = events
        .iter()
        .map(|e| {
            let d = &e["data"];
            (
                d["previous_status"].as_str().unwrap(),
                d["status"].as_str().unwrap(),
                d["actor"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("requested", "acknowledged", "store"),
            ("acknowledged", "scheduled", "store"),
            ("scheduled", "completed", "store")
        ]
    );
    assert!(events.iter().all(|e| e["data"]["request_id"] == service["id"]));
    assert_eq!(events[1]["data"]["scheduled_date"], scheduled.to_string());
    assert_eq!(events[1]["data"]["note"], "Mechanic, morning");
});

db_test!(an_admin_invitation_is_invited_then_activated, |app| async move {
    use crate::invitations::{
        INVITEE_PASSWORD, contact_emails, invitation_token, post_accept, post_admin_invite,
    };
    let token = feed_token(&app).await;
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    let invited = app.unregistered_customer("summit").await;
    let email = contact_emails(&app, invited.id).await.remove(0);
    let response = post_admin_invite(&app, invited.id, admin.token(), json!({ "email": email })).await;
    assert_eq!(response.status(), 201);
    let invitation: Value = response.json().await.unwrap();
    let link = invitation_token(&app, &email).await;
    let accepted = post_accept(&app, None, json!({ "token": link, "new_password": INVITEE_PASSWORD })).await;
    assert_eq!(accepted.status(), 200);
    let accepted: Value = accepted.json().await.unwrap();
    let events = all_events(&app, &token, 2).await;
    assert_eq!(types(&events), ["portal_user.invited", "portal_user.activated"], "{events:?}");
    let (sent, joined) = (&events[0]["data"], &events[1]["data"]);
    assert_eq!((sent["via"].as_str(), sent["active"].as_bool()), (Some("admin_invitation"), Some(false)));
    assert_eq!((sent["email"].as_str(), sent["role"].as_str()), (Some(email.as_str()), Some("owner")));
    assert_eq!(sent["invitation_id"], invitation["id"]);
    assert_eq!(sent["customer"]["id"], invited.id.to_string());
    assert_eq!(sent["customer"]["external_id"], customer_external_id(&app, invited.id).await);
    assert_eq!(
        (joined["via"].as_str(), joined["active"].as_bool()),
        (Some("invitation_accepted"), Some(true))
    );
    assert_eq!(joined["user_id"], accepted["user"]["id"]);
    assert_eq!(joined["invitation_id"], invitation["id"]);
});

db_test!(a_registration_by_phone_is_an_activation, |app| async move {
    let token = feed_token(&app).await;
    let customer = app.unregistered_customer("summit").await;
    let response = crate::registration::register_customer(&app, &customer).await;
    assert_eq!(response.status(), 200);
    let registered: Value = response.json().await.unwrap();
    let events = all_events(&app, &token, 1).await;
    assert_eq!(types(&events), ["portal_user.activated"], "{events:?}");
    let data = &events[0]["data"];
    assert_eq!((data["via"].as_str(), data["role"].as_str()), (Some("phone_registration"), Some("owner")));
    assert_eq!(data["active"], true);
    assert_eq!(data["user_id"], registered["user"]["id"]);
    assert_eq!(data["customer"]["id"], customer.id.to_string());
    assert_eq!(data["customer"]["external_id"], customer_external_id(&app, customer.id).await);
});

db_test!(a_sign_up_is_an_activation_once_its_email_is_confirmed, |app| async move {
    use crate::signup::{PASSWORD, by_contract_and_zip, numbers_of, post_confirm, post_signup, signup_token};
    let token = feed_token(&app).await;
    let start = end_of_feed(&app, &token).await;
    let customer = app.unregistered_customer("summit").await;
    let (_, contract) = numbers_of(&app, customer.id).await;
    let email = customer.email.to_lowercase();
    let response = post_signup(&app, by_contract_and_zip(&contract, &customer, &email)).await;
    assert_eq!(response.status(), 202);
    let link = signup_token(&app, &email).await;
    assert_eq!(page(&app, &token, &format!("?after={start}")).await["events"], json!([]), "not yet");
    let confirmed = post_confirm(&app, &link, PASSWORD).await;
    assert_eq!(confirmed.status(), 200);
    let confirmed: Value = confirmed.json().await.unwrap();
    let (events, _) = new_events(&app, &token, &start, 1).await;
    assert_eq!(types(&events), ["portal_user.activated"], "{events:?}");
    let data = &events[0]["data"];
    assert_eq!((data["via"].as_str(), data["active"].as_bool()), (Some("signup"), Some(true)));
    assert_eq!(data["role"], "owner");
    assert_eq!(data["user_id"], confirmed["user"]["id"]);
    assert_eq!(data["customer"]["id"], customer.id.to_string());
    assert_eq!(data["email"], email);
});
