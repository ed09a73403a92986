//! Feedback and questions to the store (G1) and the store's feedback inbox (H8).

use api::demo::{DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD};
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::{OTHER_PASSWORD, assert_problem};
use crate::requests::{count, emails_of_kind, fields, post};

fn question() -> Value {
    json!({
        "kind": "question",
        "subject": "Weekend hours",
        "message": "Is the Denver store open on Sunday?",
        "contact_email": "dana@customer.example",
        "contact_phone": "303-555-0199",
    })
}

db_test!(feedback_reaches_the_store_and_its_inbox, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let path = format!("/api/v1/accounts/{account}/feedback");
    let response = post(&app, &path, session.token(), &question(), None).await;
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.unwrap();
    assert_eq!((created["status"].as_str(), created["kind"].as_str()), (Some("new"), Some("question")));
    assert_eq!(created["created_by_name"], "Dana Demo");
    assert!(created["location"]["name"].is_string(), "defaults to the home store");

    let mine = app.get_json(&path, session.token()).await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["id"], created["id"]);
    let emails = emails_of_kind(&app, "feedback_store").await;
    assert_eq!(emails.len(), 1, "to the store, no copy");
    assert!(emails[0].0.ends_with("@summit.example"), "{}", emails[0].0);
    assert!(emails[0].2.contains("Is the Denver store open on Sunday?"));
    assert!(emails[0].2.contains("dana@customer.example"));
    let user = app.user_id(api::demo::DEMO_CUSTOMER_EMAIL).await;
    assert_eq!(app.audit_actions(user).await[0], "feedback.sent");

    let staff = app.login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
    let notifications = app.get_json("/api/v1/admin/notifications", staff.token()).await;
    assert_eq!(notifications["items"][0]["kind"], "feedback");
    assert_eq!(notifications["items"][0]["feedback_id"], created["id"]);
    let inbox = app.get_json("/api/v1/admin/feedback", staff.token()).await;
    assert_eq!(inbox["total"], 1);
    assert_eq!(inbox["items"][0]["customer"]["id"], account.to_string());
    let id = created["id"].as_str().unwrap();
    let response = post(
        &app,
        &format!("/api/v1/admin/feedback/{id}/handled"),
        staff.token(),
        &json!({"note": "Called back: open 8-12"}),
        None,
    )
    .await;
    assert_eq!(response.status(), 200);
    let handled: Value = response.json().await.unwrap();
    assert_eq!(
        (handled["status"].as_str(), handled["handled_note"].as_str()),
        (Some("handled"), Some("Called back: open 8-12"))
    );
    assert!(handled["handled_at"].is_string());
    assert_eq!(app.get_json("/api/v1/admin/feedback", staff.token()).await["total"], 0);
    assert_eq!(app.get_json("/api/v1/admin/feedback?status=handled", staff.token()).await["total"], 1);
    assert_eq!(app.get_json("/api/v1/admin/feedback?status=all", staff.token()).await["total"], 1);
    let staff_id = app.user_id(DEMO_STAFF_EMAIL).await;
    assert_eq!(app.audit_actions(staff_id).await[0], "inbox.feedback_handled");
    let unknown = post(
        &app,
        &format!("/api/v1/admin/feedback/{}/handled", uuid::Uuid::now_v7()),
        staff.token(),
        &json!({}),
        None,
    )
    .await;
    assert_problem(unknown, 404, "not_found").await;
    let bad = app.get("/api/v1/admin/feedback?status=open", staff.token()).await;
    assert_eq!(fields(&assert_problem(bad, 422, "validation_failed").await), ["status"]);
    // The customer sees the handling.
    assert_eq!(app.get_json(&path, session.token()).await[0]["status"], "handled");
});

db_test!(invalid_or_foreign_feedback_writes_nothing, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let path = format!("/api/v1/accounts/{account}/feedback");
    let mut bad = question();
    bad["subject"] = json!(" ");
    bad["message"] = json!("");
    bad["contact_email"] = json!("nope");
    let problem =
        assert_problem(post(&app, &path, session.token(), &bad, None).await, 422, "validation_failed").await;
    assert_eq!(fields(&problem), ["subject", "message", "contact_email"]);
    // Another dealer's store.
    let thames = session.account_at("thames");
    let thames_store =
        app.get_json(&format!("/api/v1/accounts/{thames}/locations"), session.token()).await[0]["id"].clone();
    let mut foreign = question();
    foreign["location_id"] = thames_store;
    let problem =
        assert_problem(post(&app, &path, session.token(), &foreign, None).await, 422, "validation_failed")
            .await;
    assert_eq!(fields(&problem), ["location_id"]);
    assert_eq!(count(&app, "feedback").await, 0);
    assert_eq!(count(&app, "staff_notifications").await, 0);
    assert_eq!(emails_of_kind(&app, "feedback_store").await.len(), 0);

    // Another customer sees none of the demo account's feedback through their own account.
    assert_eq!(post(&app, &path, session.token(), &question(), None).await.status(), 201);
    let (email, other_customer) = app.create_other_customer_user("summit").await;
    let other = app.login(&email, OTHER_PASSWORD).await;
    let theirs = app.get_json(&format!("/api/v1/accounts/{other_customer}/feedback"), other.token()).await;
    assert!(theirs.as_array().unwrap().is_empty());
    assert_problem(app.get(&path, other.token()).await, 404, "not_found").await;
});
