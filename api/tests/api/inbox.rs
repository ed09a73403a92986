//! The store's inbox (H7): staff see their dealer's requests, move them on with an email to
//! the customer at each step, and read notifications; other dealers' staff see nothing.

use api::demo::{DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD};
use chrono::Duration;
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::{OTHER_PASSWORD, TestApp, assert_problem};
use crate::requests::{
    count, create_staff, emails_of_kind, fields, file_call_off, line_status, lines_in, post, today,
};

async fn act(app: &TestApp, token: &str, id: &str, body: Value) -> reqwest::Response {
    post(app, &format!("/api/v1/admin/requests/{id}/actions"), token, &body, None).await
}

db_test!(staff_move_a_call_off_to_picked_up_with_an_email_at_each_step, |app| async move {
    let customer = app.login_demo().await;
    let account = customer.account_at("summit");
    let out = lines_in(&app, account, "out").await;
    let filed = file_call_off(&app, customer.token(), account, &[out[0].0, out[1].0]).await;
    let id = filed["id"].as_str().unwrap();
    let staff = app.login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
    let token = staff.token();

    let inbox = app.get_json("/api/v1/admin/requests", token).await;
    assert_eq!(inbox["total"], 1);
    assert_eq!(inbox["items"][0]["id"], id);
    assert_eq!(inbox["items"][0]["customer"]["id"], account.to_string());
    let detail = app.get_json(&format!("/api/v1/admin/requests/{id}"), token).await;
    assert_eq!(detail["number"], filed["number"]);

    // Complete before acknowledging: 409.
    assert_problem(act(&app, token, id, json!({"action": "complete"})).await, 409, "conflict").await;
    let response = act(&app, token, id, json!({"action": "acknowledge"})).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.json::<Value>().await.unwrap()["status"], "acknowledged");
    assert_problem(act(&app, token, id, json!({"action": "acknowledge"})).await, 409, "conflict").await;

    // Schedule: a date is needed, not in the past.
    let problem =
        assert_problem(act(&app, token, id, json!({"action": "schedule"})).await, 422, "validation_failed")
            .await;
    assert_eq!(fields(&problem), ["scheduled_date"]);
    let past = today() - Duration::days(1);
    let problem = assert_problem(
        act(&app, token, id, json!({"action": "schedule", "scheduled_date": past})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["scheduled_date"]);
    let date = today() + Duration::days(2);
    let response = act(
        &app,
        token,
        id,
        json!({"action": "schedule", "scheduled_date": date, "note": "Truck 4, morning"}),
    )
    .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        (body["status"].as_str(), body["scheduled_date"].as_str()),
        (Some("scheduled"), Some(&*date.to_string()))
    );

    let response = act(&app, token, id, json!({"action": "complete"})).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "completed");
    let events: Vec<(&str, &str)> = body["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["status"].as_str().unwrap(), e["actor"].as_str().unwrap()))
        .collect();
    assert_eq!(
        events,
        [
            ("requested", "customer"),
            ("acknowledged", "store"),
            ("scheduled", "store"),
            ("completed", "store")
        ]
    );
    assert_eq!(body["events"][2]["note"], "Truck 4, morning");
    assert_eq!(body["events"][3]["actor_name"], "Sam Staff");
    for line in [out[0].0, out[1].0] {
        assert_eq!(line_status(&app, line).await, ("returned".to_string(), Some(today())));
    }
    assert_problem(act(&app, token, id, json!({"action": "cancel", "note": "x"})).await, 409, "conflict")
        .await;

    let emails = emails_of_kind(&app, "request_status").await;
    assert_eq!(emails.len(), 3, "acknowledged, scheduled, picked up");
    assert!(emails.iter().all(|(to, _, _)| to == "pat.site@builder.example"));
    assert!(emails[1].2.contains(&date.to_string()));
    assert!(emails[1].2.contains("Truck 4, morning"));
    assert!(emails[2].1.contains("picked up"), "{}", emails[2].1);
    let staff_id = app.user_id(DEMO_STAFF_EMAIL).await;
    let actions = app.audit_actions(staff_id).await;
    assert_eq!(
        &actions[..3],
        ["inbox.request_completed", "inbox.request_scheduled", "inbox.request_acknowledged"]
    );

    // Open list is empty now; all shows it; the customer sees the same history.
    assert_eq!(app.get_json("/api/v1/admin/requests", token).await["total"], 0);
    assert_eq!(app.get_json("/api/v1/admin/requests?status=all", token).await["total"], 1);
    assert_eq!(
        app.get_json("/api/v1/admin/requests?status=completed&kind=call_off", token).await["total"],
        1
    );
    let seen = app.get_json(&format!("/api/v1/accounts/{account}/requests/{id}"), customer.token()).await;
    assert_eq!(seen["events"].as_array().unwrap().len(), 4);
    let bad = app.get("/api/v1/admin/requests?status=done&location_id=x", token).await;
    assert_eq!(fields(&assert_problem(bad, 422, "validation_failed").await), ["status", "location_id"]);
});

db_test!(staff_cancel_needs_a_reason_and_puts_items_back_out, |app| async move {
    let customer = app.login_demo().await;
    let account = customer.account_at("summit");
    let out = lines_in(&app, account, "out").await;
    let filed = file_call_off(&app, customer.token(), account, &[out[0].0]).await;
    let id = filed["id"].as_str().unwrap();
    // A dealer admin works the inbox too.
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    let problem = assert_problem(
        act(&app, admin.token(), id, json!({"action": "cancel"})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["note"]);
    assert_eq!(line_status(&app, out[0].0).await.0, "called_off");
    let response =
        act(&app, admin.token(), id, json!({"action": "cancel", "note": "Machine already collected"})).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        (body["status"].as_str(), body["cancel_reason"].as_str()),
        (Some("cancelled"), Some("Machine already collected"))
    );
    assert_eq!(line_status(&app, out[0].0).await.0, "out");
    let emails = emails_of_kind(&app, "request_status").await;
    assert_eq!(emails.len(), 1);
    assert!(emails[0].2.contains("Machine already collected"));
});

db_test!(other_dealers_staff_and_customers_cannot_use_the_inbox, |app| async move {
    let customer = app.login_demo().await;
    let account = customer.account_at("summit");
    let out = lines_in(&app, account, "out").await;
    let filed = file_call_off(&app, customer.token(), account, &[out[0].0]).await;
    let id = filed["id"].as_str().unwrap();
    let feedback = post(
        &app,
        &format!("/api/v1/accounts/{account}/feedback"),
        customer.token(),
        &json!({"kind": "question", "subject": "Hours", "message": "Open Sunday?", "contact_email": "a@b.example"}),
        None,
    )
    .await;
    assert_eq!(feedback.status(), 201);
    let feedback_id = feedback.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string();

    // Thames staff: their inbox is empty, Summit's records answer 404, actions write nothing.
    let thames = app.login(&create_staff(&app, "thames").await, OTHER_PASSWORD).await;
    let token = thames.token();
    assert_eq!(app.get_json("/api/v1/admin/requests?status=all", token).await["total"], 0);
    assert_problem(app.get(&format!("/api/v1/admin/requests/{id}"), token).await, 404, "not_found").await;
    assert_problem(act(&app, token, id, json!({"action": "acknowledge"})).await, 404, "not_found").await;
    assert_eq!(app.get_json("/api/v1/admin/feedback?status=all", token).await["total"], 0);
    let handled =
        post(&app, &format!("/api/v1/admin/feedback/{feedback_id}/handled"), token, &json!({}), None).await;
    assert_problem(handled, 404, "not_found").await;
    let notifications = app.get_json("/api/v1/admin/notifications", token).await;
    assert_eq!(
        (notifications["items"].as_array().unwrap().len(), notifications["unread"].as_u64()),
        (0, Some(0))
    );
    let locations = app.get_json("/api/v1/admin/locations", token).await;
    let names: Vec<&str> =
        locations.as_array().unwrap().iter().map(|l| l["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["London Battersea", "Oxford", "Reading"]);
    assert!(locations.as_array().unwrap().iter().all(|l| l["email"].is_string()), "stores have emails");
    let detail = app.get_json(&format!("/api/v1/accounts/{account}/requests/{id}"), customer.token()).await;
    assert_eq!(detail["status"], "requested");
    assert_eq!(count(&app, "request_events").await, 1);

    // A customer, or no token at all.
    for path in [
        "/api/v1/admin/requests".to_string(),
        format!("/api/v1/admin/requests/{id}"),
        "/api/v1/admin/feedback".into(),
        "/api/v1/admin/notifications".into(),
        "/api/v1/admin/locations".into(),
    ] {
        assert_problem(app.get(&path, customer.token()).await, 403, "forbidden").await;
        assert_eq!(app.client.get(app.url(&path)).send().await.unwrap().status(), 401);
    }
    assert_problem(act(&app, customer.token(), id, json!({"action": "acknowledge"})).await, 403, "forbidden")
        .await;
    let read = post(&app, "/api/v1/admin/notifications/read", customer.token(), &json!({}), None).await;
    assert_problem(read, 403, "forbidden").await;
});

db_test!(notifications_count_unread_per_staff_member, |app| async move {
    let customer = app.login_demo().await;
    let account = customer.account_at("summit");
    let out = lines_in(&app, account, "out").await;
    file_call_off(&app, customer.token(), account, &[out[0].0]).await;
    file_call_off(&app, customer.token(), account, &[out[1].0]).await;
    let staff = app.login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
    let list = app.get_json("/api/v1/admin/notifications", staff.token()).await;
    assert_eq!(list["unread"], 2);
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert!(
        items.iter().all(|n| n["kind"] == "call_off" && n["read"] == false && n["request_id"].is_string())
    );
    assert!(items[0]["title"].as_str().unwrap().contains("call-off"));
    let first = items[0]["id"].clone();

    let response =
        post(&app, "/api/v1/admin/notifications/read", staff.token(), &json!({"ids": [first]}), None).await;
    assert_eq!(response.status(), 204);
    let list = app.get_json("/api/v1/admin/notifications", staff.token()).await;
    assert_eq!(list["unread"], 1);
    assert_eq!(list["items"][0]["read"], true);
    // Marking again is harmless; read state is per user.
    post(&app, "/api/v1/admin/notifications/read", staff.token(), &json!({"ids": [first]}), None).await;
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    assert_eq!(app.get_json("/api/v1/admin/notifications", admin.token()).await["unread"], 2);
    let response = app
        .client
        .post(app.url("/api/v1/admin/notifications/read"))
        .bearer_auth(staff.token())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204, "no body marks all");
    assert_eq!(app.get_json("/api/v1/admin/notifications", staff.token()).await["unread"], 0);
    assert_eq!(app.get_json("/api/v1/admin/notifications", admin.token()).await["unread"], 2);
});

db_test!(the_store_screens_wear_the_staff_members_dealer, |app| async move {
    let staff = app.login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
    let branding = app.get_json("/api/v1/admin/branding", staff.token()).await;
    assert_eq!(branding["slug"], "summit");
    assert_eq!(branding["name"], "Summit Equipment Rentals");
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    assert_eq!(app.get_json("/api/v1/admin/branding", admin.token()).await["slug"], "summit");
    let customer = app.login_demo().await;
    assert_problem(app.get("/api/v1/admin/branding", customer.token()).await, 403, "forbidden").await;
    assert_problem(app.get("/api/v1/admin/branding", "not-a-token").await, 401, "token_invalid").await;
});
