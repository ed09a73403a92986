//! Webhooks (I5): the dealer admin's registry (SSRF guard, secrets shown once, rotation,
//! audit, isolation) and delivery to a REAL receiver (`receiver.rs`: the `standardwebhooks`
//! Python package verifies every signature): retries with the same `webhook-id`, order per
//! endpoint, disabling after the schedule with the admins emailed, a dead worker's claim
//! taken over by another server, both signatures during a rotation's overlap.

use std::time::{Duration, Instant};

use api::demo::{DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{OTHER_PASSWORD, TestApp, assert_problem, on_pool};
use crate::receiver::Receiver;
use crate::requests::{create_staff, fields, file_call_off, lines_in};

async fn admin_token(app: &TestApp) -> String {
    app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await.body.access_token
}

async fn send(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut request = app.client.request(method, app.url(path)).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap()
}

async fn create(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    send(app, reqwest::Method::POST, "/api/v1/admin/webhooks", token, Some(body)).await
}

/// Registers an endpoint at `url`: (endpoint id, secret).
async fn register(app: &TestApp, token: &str, url: &str) -> (String, String) {
    let response = create(app, token, json!({ "url": url, "description": "Back office" })).await;
    assert_eq!(response.status(), 201, "register {url}");
    let body: Value = response.json().await.unwrap();
    (body["endpoint"]["id"].as_str().unwrap().to_string(), body["secret"].as_str().unwrap().to_string())
}

async fn post(app: &TestApp, token: &str, path: &str) -> reqwest::Response {
    send(app, reqwest::Method::POST, path, token, None).await
}

async fn endpoint_count(app: &TestApp) -> i64 {
    on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM webhook_endpoints").fetch_one(pool).await.unwrap()
    })
}

/// Polls `GET path` until `done` holds (at most `secs` seconds).
async fn wait_until(
    app: &TestApp,
    token: &str,
    path: &str,
    secs: u64,
    done: impl Fn(&Value) -> bool,
) -> Value {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let body = app.get_json(path, token).await;
        if done(&body) {
            return body;
        }
        assert!(Instant::now() < deadline, "{path} never reached the state: {body}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

db_test!(an_admin_registers_changes_rotates_and_deletes_endpoints, |app| async move {
    let admin = admin_token(&app).await;
    let response = create(
        &app,
        &admin,
        json!({ "url": "https://93.184.215.14/hooks", "description": " Back office ",
                "event_types": ["request.created", "webhook.test", "request.created"] }),
    )
    .await;
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.unwrap();
    let secret = created["secret"].as_str().unwrap();
    assert!(secret.starts_with("whsec_"), "{secret}");
    let key = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, &secret[6..]).unwrap();
    assert!(key.len() >= 24);
    let endpoint = &created["endpoint"];
    let id = endpoint["id"].as_str().unwrap();
    assert_eq!(endpoint["description"], "Back office");
    assert_eq!(endpoint["event_types"], json!(["request.created", "webhook.test"]));
    assert_eq!(endpoint["enabled"], true);

    // The secret is shown once: never in the list, the detail or the stored row.
    let list = app.get("/api/v1/admin/webhooks", &admin).await.text().await.unwrap();
    assert!(list.contains(id) && !list.contains(secret), "{list}");
    let detail = app.get(&format!("/api/v1/admin/webhooks/{id}"), &admin).await.text().await.unwrap();
    assert!(!detail.contains(secret));
    let sealed: String = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT secret_sealed FROM webhook_endpoints").fetch_one(pool).await.unwrap()
    });
    assert!(sealed.starts_with("v1:") && !sealed.contains(&secret[6..]));

    let changed = send(
        &app,
        reqwest::Method::PATCH,
        &format!("/api/v1/admin/webhooks/{id}"),
        &admin,
        Some(json!({ "event_types": [] , "description": "All events" })),
    )
    .await;
    assert_eq!(changed.status(), 200);
    let changed: Value = changed.json().await.unwrap();
    assert_eq!(changed["event_types"], json!([]));
    assert_eq!(changed["url"], "https://93.184.215.14/hooks");

    let rotated: Value =
        post(&app, &admin, &format!("/api/v1/admin/webhooks/{id}/rotate-secret")).await.json().await.unwrap();
    let new_secret = rotated["secret"].as_str().unwrap();
    assert!(new_secret.starts_with("whsec_") && new_secret != secret);
    assert!(rotated["endpoint"]["previous_secret_expires_at"].is_string(), "{rotated}");

    let disabled: Value =
        post(&app, &admin, &format!("/api/v1/admin/webhooks/{id}/disable")).await.json().await.unwrap();
    assert_eq!(disabled["enabled"], false);
    assert!(disabled["disabled_reason"].is_string());
    let enabled: Value =
        post(&app, &admin, &format!("/api/v1/admin/webhooks/{id}/enable")).await.json().await.unwrap();
    assert_eq!(enabled["enabled"], true);
    assert!(enabled["disabled_reason"].is_null());

    let deleted =
        send(&app, reqwest::Method::DELETE, &format!("/api/v1/admin/webhooks/{id}"), &admin, None).await;
    assert_eq!(deleted.status(), 204);
    assert_problem(app.get(&format!("/api/v1/admin/webhooks/{id}"), &admin).await, 404, "not_found").await;

    let admin_id = app.user_id(DEMO_ADMIN_EMAIL).await;
    for action in [
        "webhook_endpoint.created",
        "webhook_endpoint.updated",
        "webhook_endpoint.secret_rotated",
        "webhook_endpoint.disabled",
        "webhook_endpoint.enabled",
        "webhook_endpoint.deleted",
    ] {
        let events = app.audit_events(admin_id, action).await;
        assert_eq!(events.len(), 1, "{action}");
        assert_eq!(events[0].1["webhook_endpoint_id"], id, "{action}");
        assert!(!events[0].1.to_string().contains("whsec_"), "no secret in the audit log");
    }
});

db_test!(
    ssrf_targets_are_refused_with_422_naming_url,
    settings = |s| {
        s.webhooks.allow_http = false;
        s.webhooks.allow_private_targets = false;
    },
    |app| async move {
        let admin = admin_token(&app).await;
        for url in [
            "http://93.184.215.14/hooks",
            "https://127.0.0.1/hooks",
            "https://10.1.2.3/hooks",
            "https://169.254.169.254/latest/meta-data",
            "https://[::1]:8443/hooks",
            "https://[::ffff:127.0.0.1]/hooks",
            "https://100.64.1.1/hooks",
            "https://localhost/hooks",
            "ftp://93.184.215.14/x",
            "not a url",
        ] {
            let problem =
                assert_problem(create(&app, &admin, json!({ "url": url })).await, 422, "validation_failed")
                    .await;
            assert_eq!(fields(&problem), ["url"], "{url}: {problem}");
        }
        let problem = assert_problem(
            create(&app, &admin, json!({ "url": "https://10.0.0.1/", "event_types": ["Bad Type"], "description": "x".repeat(201) })).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(fields(&problem), ["url", "description", "event_types[0]"]);
        assert_eq!(endpoint_count(&app).await, 0, "nothing was stored");

        // A public address passes; changing it to an internal one is refused and changes nothing.
        let (id, _) = register(&app, &admin, "https://93.184.215.14/hooks").await;
        let problem = assert_problem(
            send(
                &app,
                reqwest::Method::PATCH,
                &format!("/api/v1/admin/webhooks/{id}"),
                &admin,
                Some(json!({ "url": "https://192.168.1.10/hooks" })),
            )
            .await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(fields(&problem), ["url"]);
        let endpoint = app.get_json(&format!("/api/v1/admin/webhooks/{id}"), &admin).await;
        assert_eq!(endpoint["url"], "https://93.184.215.14/hooks");
    }
);

db_test!(webhooks_are_for_the_dealers_own_admins, |app| async move {
    let admin = admin_token(&app).await;
    let (id, _) = register(&app, &admin, "https://93.184.215.14/hooks").await;
    let test: Value =
        post(&app, &admin, &format!("/api/v1/admin/webhooks/{id}/test")).await.json().await.unwrap();
    let delivery = test["id"].as_str().unwrap().to_string();

    let staff_email = create_staff(&app, "summit").await;
    let staff = app.login(&staff_email, OTHER_PASSWORD).await;
    assert_problem(app.get("/api/v1/admin/webhooks", staff.token()).await, 403, "forbidden").await;
    assert_problem(
        create(&app, staff.token(), json!({ "url": "https://93.184.215.14/x" })).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        post(&app, staff.token(), &format!("/api/v1/admin/webhooks/{id}/test")).await,
        403,
        "forbidden",
    )
    .await;

    // The other dealer's admin sees none of it: 404 on every route.
    let other = app.create_dealer_admin("thames").await;
    assert_eq!(app.get_json("/api/v1/admin/webhooks", &other).await, json!([]));
    let base = format!("/api/v1/admin/webhooks/{id}");
    assert_problem(app.get(&base, &other).await, 404, "not_found").await;
    assert_problem(app.get(&format!("{base}/deliveries"), &other).await, 404, "not_found").await;
    assert_problem(app.get(&format!("{base}/deliveries/{delivery}"), &other).await, 404, "not_found").await;
    for action in ["rotate-secret", "enable", "disable", "test", &format!("deliveries/{delivery}/replay")] {
        assert_problem(post(&app, &other, &format!("{base}/{action}")).await, 404, "not_found").await;
    }
    assert_problem(
        send(&app, reqwest::Method::PATCH, &base, &other, Some(json!({ "description": "mine" }))).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(send(&app, reqwest::Method::DELETE, &base, &other, None).await, 404, "not_found").await;
    // Its own endpoint cannot reach this dealer's deliveries either.
    let (own, _) = register(&app, &other, "https://93.184.215.14/thames").await;
    assert_problem(
        app.get(&format!("/api/v1/admin/webhooks/{own}/deliveries/{delivery}"), &other).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(
        post(&app, &other, &format!("/api/v1/admin/webhooks/{own}/deliveries/{delivery}/replay")).await,
        404,
        "not_found",
    )
    .await;

    let endpoint = app.get_json(&base, &admin).await;
    assert_eq!(endpoint["description"], "Back office", "unchanged");
    assert_eq!(app.get_json("/api/v1/admin/webhooks", &admin).await.as_array().unwrap().len(), 1);
});

db_test!(
    a_failing_receiver_gets_the_same_message_until_it_answers_in_order,
    settings = |s| s.webhooks.retry_delays_ms = vec![0, 50, 50, 50, 50, 50],
    |app| async move {
        let admin = admin_token(&app).await;
        let receiver = Receiver::start().await;
        let (id, secret) = register(&app, &admin, &receiver.url("/hooks")).await;
        receiver.configure(&[&secret], 3, false).await;
        // Three messages queued while the endpoint is off, then it comes on.
        post(&app, &admin, &format!("/api/v1/admin/webhooks/{id}/disable")).await;
        let mut sent = Vec::new();
        for _ in 0..3 {
            let d: Value =
                post(&app, &admin, &format!("/api/v1/admin/webhooks/{id}/test")).await.json().await.unwrap();
            assert_eq!(d["status"], "pending");
            sent.push(d);
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(receiver.received().await.is_empty(), "nothing goes to a disabled endpoint");
        post(&app, &admin, &format!("/api/v1/admin/webhooks/{id}/enable")).await;

        let got = receiver.wait_for(6, 20).await;
        let ids: Vec<&str> = got.iter().map(|r| r["webhook_id"].as_str().unwrap()).collect();
        let first = sent[0]["message_id"].as_str().unwrap();
        // 500 three times, then 200: four times the same message, and only then the next ones.
        assert_eq!(&ids[..4], [first; 4], "{got:?}");
        assert_eq!(ids[4], sent[1]["message_id"]);
        assert_eq!(ids[5], sent[2]["message_id"]);
        let answered: Vec<&Value> = got.iter().map(|r| &r["answered"]).collect();
        assert_eq!(answered, [&json!(500), &json!(500), &json!(500), &json!(200), &json!(200), &json!(200)]);
        for r in &got {
            assert_eq!(r["verified"], json!([true]), "standardwebhooks verifies every attempt: {r}");
            assert_eq!(
                serde_json::from_str::<Value>(r["body"].as_str().unwrap()).unwrap()["type"],
                "webhook.test"
            );
        }
        assert!(got[0]["body"] == got[3]["body"], "the same body on every attempt");

        let delivery = sent[0]["id"].as_str().unwrap();
        let detail = wait_until(
            &app,
            &admin,
            &format!("/api/v1/admin/webhooks/{id}/deliveries/{delivery}"),
            10,
            |d| d["delivery"]["status"] == "delivered",
        )
        .await;
        let codes: Vec<&Value> =
            detail["attempts"].as_array().unwrap().iter().map(|a| &a["status_code"]).collect();
        assert_eq!(codes, [&json!(500), &json!(500), &json!(500), &json!(200)]);
        assert!(
            detail["attempts"][0]["response_excerpt"].as_str().unwrap().contains("receiver told to fail")
        );
        assert_eq!(detail["attempts"][0]["error"], "HTTP 500");
        assert_eq!(detail["delivery"]["attempts"], 4);
        let log = wait_until(
            &app,
            &admin,
            &format!("/api/v1/admin/webhooks/{id}/deliveries?per_page=2"),
            10,
            |l| l["total"] == 3 && l["items"][0]["status"] == "delivered",
        )
        .await;
        assert_eq!(log["items"].as_array().unwrap().len(), 2, "paged");
        assert_eq!(log["items"][0]["id"], sent[2]["id"], "newest first");
        assert_eq!(log["items"][0]["last_attempt"]["status_code"], 200);
        let endpoint = app.get_json(&format!("/api/v1/admin/webhooks/{id}"), &admin).await;
        assert_eq!(endpoint["consecutive_failures"], 0);
        assert_eq!(endpoint["last_status_code"], 200);
        assert_eq!(endpoint["pending_deliveries"], 0);
        let bad = app.get(&format!("/api/v1/admin/webhooks/{id}/deliveries?per_page=0"), &admin).await;
        assert_eq!(fields(&assert_problem(bad, 422, "validation_failed").await), ["per_page"]);
    }
);

db_test!(
    a_receiver_that_never_answers_is_disabled_after_the_schedule_and_the_admins_emailed,
    settings = |s| {
        s.webhooks.retry_delays_ms = vec![0, 20, 20];
        s.webhooks.timeout_ms = 300;
    },
    |app| async move {
        let admin = admin_token(&app).await;
        let receiver = Receiver::start().await;
        let (id, secret) = register(&app, &admin, &receiver.url("/hooks")).await;
        receiver.configure(&[&secret], 0, true).await;
        let first: Value =
            post(&app, &admin, &format!("/api/v1/admin/webhooks/{id}/test")).await.json().await.unwrap();
        let second: Value =
            post(&app, &admin, &format!("/api/v1/admin/webhooks/{id}/test")).await.json().await.unwrap();

        let endpoint =
            wait_until(&app, &admin, &format!("/api/v1/admin/webhooks/{id}"), 20, |e| e["enabled"] == false)
                .await;
        assert!(endpoint["disabled_reason"].as_str().unwrap().contains("3 attempts"), "{endpoint}");
        assert_eq!(endpoint["consecutive_failures"], 3);
        assert_eq!(endpoint["pending_deliveries"], 1, "the next message waits");
        let path = format!("/api/v1/admin/webhooks/{id}/deliveries/{}", first["id"].as_str().unwrap());
        let detail = app.get_json(&path, &admin).await;
        assert_eq!(detail["delivery"]["status"], "failed");
        assert_eq!(detail["attempts"].as_array().unwrap().len(), 3);
        for attempt in detail["attempts"].as_array().unwrap() {
            assert!(attempt["status_code"].is_null());
            assert!(attempt["error"].as_str().unwrap().contains("timed out"), "{attempt}");
            assert!(attempt["latency_ms"].as_u64().unwrap() >= 250, "{attempt}");
        }
        assert_eq!(receiver.received().await.len(), 3, "the second message was never sent");

        // The admins were emailed, in the transaction that disabled the endpoint.
        let mails: Vec<(String, String)> = on_pool!(&app.db, pool => {
            sqlx::query_as("SELECT to_address, body_text FROM email_outbox WHERE kind = 'webhook_disabled'")
                .fetch_all(pool).await.unwrap()
        });
        assert!(
            mails.iter().any(|(to, body)| to == DEMO_ADMIN_EMAIL && body.contains(&receiver.url("/hooks"))),
            "{mails:?}"
        );
        let disabled: i64 = on_pool!(&app.db, pool => {
            sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM audit_events WHERE action = 'webhook_endpoint.disabled' AND actor_user_id IS NULL")
                .fetch_one(pool).await.unwrap()
        });
        assert_eq!(disabled, 1);

        // Enabled again with a receiver that answers: the queue resumes, and a replay of the
        // failed delivery goes out with its own webhook-id.
        receiver.configure(&[&secret], 0, false).await;
        post(&app, &admin, &format!("/api/v1/admin/webhooks/{id}/enable")).await;
        let replay: Value = post(&app, &admin, &format!("{path}/replay")).await.json().await.unwrap();
        assert_eq!(replay["message_id"], first["message_id"]);
        assert_eq!(replay["replay_of"], first["id"]);
        let got = receiver.wait_for(5, 20).await;
        assert_eq!(got[3]["webhook_id"], second["message_id"]);
        assert_eq!(got[4]["webhook_id"], first["message_id"]);
        assert_eq!(got[4]["verified"], json!([true]));
    }
);

db_test!(
    a_delivery_claimed_by_a_worker_that_died_is_sent_by_the_next_server,
    settings = |s| s.webhooks.worker = false,
    |app| async move {
        let admin = admin_token(&app).await;
        let receiver = Receiver::start().await;
        let (id, secret) = register(&app, &admin, &receiver.url("/hooks")).await;
        receiver.configure(&[&secret], 0, false).await;
        let queued: Value =
            post(&app, &admin, &format!("/api/v1/admin/webhooks/{id}/test")).await.json().await.unwrap();
        // A worker claimed it and died mid-delivery: its lease runs 1.5 s more.
        let lease = chrono::Utc::now() + chrono::Duration::milliseconds(1_500);
        let delivery = Uuid::parse_str(queued["id"].as_str().unwrap()).unwrap();
        on_pool!(&app.db, pool => {
            sqlx::query("UPDATE webhook_deliveries SET status = 'sending', locked_until = $2 WHERE id = $1")
                .bind(delivery).bind(lease).execute(pool).await.unwrap();
        });
        // A new server over the same database, with its worker.
        let mut settings = app.settings.clone();
        settings.webhooks.worker = true;
        let restarted = api::startup::Application::build_with_db(settings, app.db.clone()).await.unwrap();
        tokio::spawn(restarted.run_until_stopped());
        tokio::time::sleep(Duration::from_millis(700)).await;
        assert!(receiver.received().await.is_empty(), "not while the lease holds");
        let got = receiver.wait_for(1, 20).await;
        assert_eq!(got[0]["webhook_id"], queued["message_id"]);
        assert_eq!(got[0]["verified"], json!([true]));
        let path = format!("/api/v1/admin/webhooks/{id}/deliveries/{delivery}");
        let detail = wait_until(&app, &admin, &path, 10, |d| d["delivery"]["status"] == "delivered").await;
        assert_eq!(detail["attempts"].as_array().unwrap().len(), 1);
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(receiver.received().await.len(), 1, "delivered once");
    }
);

db_test!(during_a_rotation_both_secrets_sign, |app| async move {
    let admin = admin_token(&app).await;
    let receiver = Receiver::start().await;
    let (id, old) = register(&app, &admin, &receiver.url("/hooks")).await;
    let rotated: Value =
        post(&app, &admin, &format!("/api/v1/admin/webhooks/{id}/rotate-secret")).await.json().await.unwrap();
    let new = rotated["secret"].as_str().unwrap().to_string();
    receiver.configure(&[&old, &new], 0, false).await;
    post(&app, &admin, &format!("/api/v1/admin/webhooks/{id}/test")).await;
    let got = receiver.wait_for(1, 20).await;
    assert_eq!(
        got[0]["verified"],
        json!([true, true]),
        "a receiver holding either secret verifies: {:?}",
        got[0]
    );
    assert_eq!(got[0]["signature"].as_str().unwrap().split(' ').count(), 2);

    // After the overlap only the new secret signs.
    on_pool!(&app.db, pool => {
        sqlx::query("UPDATE webhook_endpoints SET previous_secret_expires_at = $1")
            .bind(chrono::Utc::now() - chrono::Duration::seconds(1)).execute(pool).await.unwrap();
    });
    post(&app, &admin, &format!("/api/v1/admin/webhooks/{id}/test")).await;
    let got = receiver.wait_for(2, 20).await;
    assert_eq!(got[1]["verified"], json!([false, true]));
    assert_eq!(got[1]["signature"].as_str().unwrap().split(' ').count(), 1);
});

db_test!(a_customers_call_off_reaches_the_dealers_endpoints_as_its_feed_event, |app| async move {
    let admin = admin_token(&app).await;
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let out = lines_in(&app, account, "out").await;
    assert!(out.len() >= 2);
    // Filed before any endpoint exists: not sent (an endpoint gets what happens after it).
    file_call_off(&app, session.token(), account, &[out[1].0]).await;

    let receiver = Receiver::start().await;
    let (_, secret) = register(&app, &admin, &receiver.url("/all")).await;
    let filtered = create(
        &app,
        &admin,
        json!({ "url": receiver.url("/status-only"), "event_types": ["request.status_changed"] }),
    )
    .await;
    assert_eq!(filtered.status(), 201);
    let other = app.create_dealer_admin("thames").await;
    register(&app, &other, &receiver.url("/thames")).await;
    receiver.configure(&[&secret], 0, false).await;

    let request = file_call_off(&app, session.token(), account, &[out[0].0]).await;
    let got = receiver.wait_for(1, 20).await;
    assert_eq!(got[0]["path"], "/all");
    assert_eq!(got[0]["verified"], json!([true]), "{:?}", got[0]);
    let body: Value = serde_json::from_str(got[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["type"], "request.created");
    assert_eq!(body["data"]["request_id"], request["id"]);

    // The same event as the feed's: its id is the webhook-id.
    let token = app.integrator_token().await;
    let feed = app.get_json("/api/v1/integrations/events", &token).await;
    let event = feed["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["data"]["request_id"] == request["id"])
        .expect("the call-off's event in the feed");
    assert_eq!(body["id"], event["id"]);
    let event_id = Uuid::parse_str(event["id"].as_str().unwrap()).unwrap();
    assert_eq!(got[0]["webhook_id"], format!("msg_{}", event_id.simple()));

    // Nothing for the endpoint filtered to other types, nor for the other dealer's.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(receiver.received().await.len(), 1, "{:?}", receiver.received().await);
});

db_test!(unknown_event_types_are_refused, |app| async move {
    let admin = admin_token(&app).await;
    let problem = assert_problem(
        create(&app, &admin, json!({ "url": "https://93.184.215.14/x", "event_types": ["request.created", "request.exploded"] })).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["event_types[1]"]);
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("request.status_changed"));
});

/// On PostgreSQL the feed's horizon waits for every transaction open on the server, in any
/// database: another test's, a report's. A new endpoint must still start after what has
/// committed, not at that horizon — else a call-off filed before it was registered is sent
/// to it once the open transaction ends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_endpoint_starts_after_what_committed_while_another_transaction_is_open() {
    if !crate::helpers::postgres_wanted() {
        return;
    }
    let app = crate::helpers::spawn_app(crate::helpers::Engine::Postgres).await;
    let api::db::Db::Postgres(pool) = &app.db else { unreachable!("a PostgreSQL app") };
    let admin = admin_token(&app).await;
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let out = lines_in(&app, account, "out").await;
    assert!(out.len() >= 2);

    // A transaction with an id, open across the call-off and the registration.
    let mut open = pool.begin().await.unwrap();
    sqlx::query("SELECT pg_current_xact_id()").execute(&mut *open).await.unwrap();
    let before = file_call_off(&app, session.token(), account, &[out[1].0]).await;
    let receiver = Receiver::start().await;
    let (_, secret) = register(&app, &admin, &receiver.url("/all")).await;
    receiver.configure(&[&secret], 0, false).await;
    open.rollback().await.unwrap();

    let after = file_call_off(&app, session.token(), account, &[out[0].0]).await;
    let got = receiver.wait_for(1, 20).await;
    let body: Value = serde_json::from_str(got[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["data"]["request_id"], after["id"], "the first delivery is the call-off filed after");
    tokio::time::sleep(Duration::from_millis(500)).await;
    let ids: Vec<Value> = receiver
        .received()
        .await
        .iter()
        .map(|r| {
            serde_json::from_str::<Value>(r["body"].as_str().unwrap()).unwrap()["data"]["request_id"].clone()
        })
        .collect();
    assert!(!ids.contains(&before["id"]), "the call-off filed before registration was sent: {ids:?}");
}
