//! Tracking (D5): the account's items on site with their last position, and the positions
//! feed: newest wins, replays are ignored, one bad report refuses the whole batch.

use api::demo::{DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD};
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::{OTHER_PASSWORD, TestApp, assert_problem, on_pool};

async fn post_positions(app: &TestApp, token: &str, body: &Value) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/integrations/positions"))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn stored_position(app: &TestApp, serial: &str) -> Option<(f64, f64)> {
    on_pool!(&app.db, pool => {
        sqlx::query_as("SELECT latitude, longitude FROM asset_positions WHERE serial_number = $1")
            .bind(serial)
            .fetch_optional(pool)
            .await
            .unwrap()
    })
}

async fn position_count(app: &TestApp) -> i64 {
    on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM asset_positions").fetch_one(pool).await.unwrap()
    })
}

fn report(serial: &str, lat: f64, lon: f64, at: chrono::DateTime<chrono::Utc>) -> Value {
    json!({ "serial_number": serial, "latitude": lat, "longitude": lon, "recorded_at": at, "source": "telematics" })
}

db_test!(tracking_lists_items_on_site_with_their_last_position, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let token = session.token();
    let tracked = app.get_json(&format!("/api/v1/accounts/{account}/tracking"), token).await;
    let tracked = tracked.as_array().unwrap();
    let on_rent =
        app.get_json(&format!("/api/v1/accounts/{account}/rentals?view=on_rent&per_page=200"), token).await;
    let mut expected: Vec<&str> =
        on_rent["items"].as_array().unwrap().iter().map(|i| i["line_id"].as_str().unwrap()).collect();
    let mut listed: Vec<&str> = tracked.iter().map(|i| i["line_id"].as_str().unwrap()).collect();
    expected.sort_unstable();
    listed.sort_unstable();
    assert_eq!(listed, expected, "every item out or called off, once");

    // The demo places most of them near their job site and leaves a few without a position.
    let with_position = tracked.iter().filter(|i| !i["position"].is_null()).count();
    assert!(with_position > 0 && with_position < tracked.len(), "{with_position} of {}", tracked.len());
    for item in tracked.iter().filter(|i| !i["position"].is_null()) {
        let position = &item["position"];
        let lat = position["latitude"].as_f64().unwrap();
        assert!((38.0..41.0).contains(&lat), "Colorado: {position}");
        assert_eq!(position["source"], "telematics");
        assert!(item["serial_number"].is_string() && item["job_site"].is_string());
    }
});

db_test!(the_newest_report_wins_and_replays_are_ignored, |app| async move {
    let demo = app.login_demo().await;
    let account = demo.account_at("summit");
    let back_office = app.integrator_token().await;
    let tracked = app.get_json(&format!("/api/v1/accounts/{account}/tracking"), demo.token()).await;
    let item = tracked.as_array().unwrap().iter().find(|i| i["position"].is_null()).unwrap().clone();
    let serial = item["serial_number"].as_str().unwrap().to_string();
    let now = chrono::Utc::now();
    let earlier = now - chrono::Duration::minutes(30);

    let batch = json!({ "positions": [
        report(&serial, 39.70, -104.90, earlier),
        report("NOT-ON-ANY-CONTRACT-1", 40.0, -105.0, earlier),
    ]});
    let response = post_positions(&app, &back_office, &batch).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.json::<Value>().await.unwrap(), json!({ "stored": 2, "ignored": 0 }));
    assert_eq!(stored_position(&app, "NOT-ON-ANY-CONTRACT-1").await, Some((40.0, -105.0)), "kept for later");

    // A replay, an older report, and two of the same asset in one batch: only the newest counts.
    let batch = json!({ "positions": [
        report(&serial, 39.70, -104.90, earlier),
        report(&serial, 1.0, 1.0, earlier - chrono::Duration::hours(1)),
        report(&serial, 39.71, -104.91, now),
        report(&serial, 39.705, -104.905, now - chrono::Duration::minutes(1)),
    ]});
    let response = post_positions(&app, &back_office, &batch).await;
    assert_eq!(response.json::<Value>().await.unwrap(), json!({ "stored": 1, "ignored": 3 }));
    let replay = post_positions(&app, &back_office, &batch).await;
    assert_eq!(replay.json::<Value>().await.unwrap(), json!({ "stored": 0, "ignored": 4 }));

    let tracked = app.get_json(&format!("/api/v1/accounts/{account}/tracking"), demo.token()).await;
    let after = tracked.as_array().unwrap().iter().find(|i| i["line_id"] == item["line_id"]).unwrap().clone();
    assert_eq!(after["position"]["latitude"].as_f64(), Some(39.71));
    assert_eq!(after["position"]["longitude"].as_f64(), Some(-104.91));
    let recorded: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(after["position"]["recorded_at"].clone()).unwrap();
    assert!((recorded - now).num_milliseconds().abs() < 1, "{recorded} vs {now}");
});

db_test!(one_bad_report_refuses_the_batch_and_writes_nothing, |app| async move {
    let back_office = app.integrator_token().await;
    let before = position_count(&app).await;
    let now = chrono::Utc::now();
    let mut blank = report(" ", 0.0, 0.0, now);
    blank["source"] = json!("");
    let batch = json!({ "positions": [
        report("GOOD-SERIAL-1", 51.5, -0.12, now),
        report("BAD-LAT", 90.01, 0.0, now),
        blank,
        report("BAD-LON", 0.0, -180.5, now),
        report("FUTURE", 0.0, 0.0, now + chrono::Duration::hours(3)),
    ]});
    let response = post_positions(&app, &back_office, &batch).await;
    let body = assert_problem(response, 422, "validation_failed").await;
    let fields: Vec<&str> =
        body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(
        fields,
        [
            "positions[1].latitude",
            "positions[2].serial_number",
            "positions[2].source",
            "positions[3].longitude",
            "positions[4].recorded_at"
        ]
    );
    assert_eq!(position_count(&app).await, before, "nothing written");
    assert_eq!(stored_position(&app, "GOOD-SERIAL-1").await, None);

    let incomplete =
        post_positions(&app, &back_office, &json!({ "positions": [{ "serial_number": "X" }] })).await;
    let body = assert_problem(incomplete, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "positions[0].latitude", "{body}");
});

db_test!(only_an_api_client_may_report_positions, |app| async move {
    let demo = app.login_demo().await;
    let batch = json!({ "positions": [report("ANY-1", 1.0, 1.0, chrono::Utc::now())] });
    assert_problem(post_positions(&app, demo.token(), &batch).await, 403, "forbidden").await;
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    assert_problem(post_positions(&app, admin.token(), &batch).await, 403, "forbidden").await;
    let anonymous =
        app.client.post(app.url("/api/v1/integrations/positions")).json(&batch).send().await.unwrap();
    assert_problem(anonymous, 401, "unauthenticated").await;
    assert_eq!(stored_position(&app, "ANY-1").await, None);
});

db_test!(positions_are_kept_per_dealer, |app| async move {
    // Summit's feed reporting a serial that one of Thames's items carries does not move it.
    let demo = app.login_demo().await;
    let thames = demo.account_at("thames");
    let back_office = app.integrator_token().await;
    let tracked = app.get_json(&format!("/api/v1/accounts/{thames}/tracking"), demo.token()).await;
    let item = tracked.as_array().unwrap().iter().find(|i| !i["position"].is_null()).unwrap().clone();
    let serial = item["serial_number"].as_str().unwrap();
    let batch = json!({ "positions": [report(serial, 10.0, 10.0, chrono::Utc::now())] });
    let response = post_positions(&app, &back_office, &batch).await;
    assert_eq!(response.json::<Value>().await.unwrap(), json!({ "stored": 1, "ignored": 0 }));
    let tracked = app.get_json(&format!("/api/v1/accounts/{thames}/tracking"), demo.token()).await;
    let after = tracked.as_array().unwrap().iter().find(|i| i["line_id"] == item["line_id"]).unwrap().clone();
    assert_eq!(after["position"], item["position"], "Thames's position untouched");
    assert_ne!(after["position"]["latitude"].as_f64(), Some(10.0));
});

db_test!(a_platform_admin_has_no_dealer_to_integrate_for, |app| async move {
    let hasher = api::auth::PasswordHasher::new(1).unwrap();
    let email = "platform@rental-portal.example";
    let user = api::db::users::NewUser {
        id: api::ids::UserId::new(uuid::Uuid::now_v7()),
        email: email.into(),
        phone_normalized: None,
        display_name: "Pat Platform".into(),
        password_hash: Some(hasher.hash(OTHER_PASSWORD.to_string()).await.unwrap()),
        role: shared::auth::UserRole::PlatformAdmin,
        dealer_id: None,
    };
    api::db::users::insert(&app.db, &user, chrono::Utc::now()).await.unwrap();
    let platform = app.login(email, OTHER_PASSWORD).await;

    let batch = json!({ "positions": [report("ANY-2", 1.0, 1.0, chrono::Utc::now())] });
    assert_problem(post_positions(&app, platform.token(), &batch).await, 403, "forbidden").await;
    let upload = app
        .client
        .put(app.url("/api/v1/integrations/contracts/KS000001/pdf"))
        .bearer_auth(platform.token())
        .body(b"%PDF-1.4\n%%EOF\n".to_vec())
        .send()
        .await
        .unwrap();
    assert_problem(upload, 403, "forbidden").await;
    assert_eq!(stored_position(&app, "ANY-2").await, None);
});
