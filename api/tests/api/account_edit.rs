//! Editing one's own login (A10): contact details, and a change of email confirmed at the
//! new address with a notice to the old one.

use api::db::Db;
use api::demo::{DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD};
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::{OTHER_PASSWORD, TestApp, assert_problem};
use crate::password_reset::{post_forgot, post_reset, token_in, wait_for_mail};

pub(crate) async fn patch_me(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.client.patch(app.url("/api/v1/me")).bearer_auth(token).json(&body).send().await.unwrap()
}

pub(crate) async fn post_change_email(
    app: &TestApp,
    token: &str,
    new_email: &str,
    password: &str,
) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/me/email"))
        .bearer_auth(token)
        .json(&json!({ "new_email": new_email, "current_password": password }))
        .send()
        .await
        .unwrap()
}

pub(crate) async fn post_confirm(app: &TestApp, token: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/me/email/confirm"))
        .json(&json!({ "token": token }))
        .send()
        .await
        .unwrap()
}

fn fields(body: &Value) -> Vec<String> {
    body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect()
}

/// The token in the newest email-change confirmation to `to`.
pub(crate) async fn change_token(app: &TestApp, to: &str) -> String {
    let email = wait_for_mail(app, "email_change_confirmation", to).await;
    let text = email["body_text"].as_str().unwrap();
    let marker = "http://127.0.0.1:8080/account/email/confirm?token=";
    let start = text.find(marker).expect("confirmation link") + marker.len();
    text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

async fn expire_email_changes(app: &TestApp) {
    let past = chrono::Utc::now() - chrono::Duration::minutes(1);
    match &app.db {
        Db::Sqlite(pool) => {
            sqlx::query("UPDATE email_changes SET expires_at = $1").bind(past).execute(pool).await.unwrap();
        }
        Db::Postgres(pool) => {
            sqlx::query("UPDATE email_changes SET expires_at = $1").bind(past).execute(pool).await.unwrap();
        }
    }
}

db_test!(contact_details_change_and_phones_stay_unique, |app| async move {
    let session = app.login_demo().await;
    let response = patch_me(
        &app,
        session.token(),
        json!({ "display_name": "  Dana D. Demo  ", "phone": "+1 (720) 555-0142" }),
    )
    .await;
    assert_eq!(response.status(), 200);
    let me: Value = response.json().await.unwrap();
    assert_eq!(me["user"]["display_name"], "Dana D. Demo");
    assert_eq!(me["user"]["phone"], "7205550142");
    assert!(!me["accounts"].as_array().unwrap().is_empty());
    let again = app.get_json("/api/v1/me", session.token()).await;
    assert_eq!(again["user"]["display_name"], "Dana D. Demo");
    // The new phone logs in.
    assert_eq!(app.post_login("720.555.0142", DEMO_CUSTOMER_PASSWORD).await.status(), 200);
    let events = app.audit_events(session.body.user.id, "account.profile_updated").await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].1["changed"], json!(["display_name", "phone"]));

    // Absent fields stay; bad values are refused.
    let only_name = patch_me(&app, session.token(), json!({ "display_name": "Dana" })).await;
    let only_name: Value = only_name.json().await.unwrap();
    assert_eq!(only_name["user"]["phone"], "7205550142");
    let bad = patch_me(&app, session.token(), json!({ "display_name": " ", "phone": "call me" })).await;
    assert_eq!(fields(&assert_problem(bad, 422, "validation_failed").await), ["display_name", "phone"]);

    // Another login may not take the same phone.
    let (other_email, _) = app.create_other_customer_user("summit").await;
    let other = app.login(&other_email, OTHER_PASSWORD).await;
    let taken = patch_me(&app, other.token(), json!({ "phone": "720-555-0142" })).await;
    assert_eq!(fields(&assert_problem(taken, 422, "validation_failed").await), ["phone"]);

    // An empty phone removes it.
    let cleared: Value = patch_me(&app, session.token(), json!({ "phone": "" })).await.json().await.unwrap();
    assert_eq!(cleared["user"]["phone"], Value::Null);
    assert_eq!(patch_me(&app, other.token(), json!({ "phone": "720-555-0142" })).await.status(), 200);
    assert_problem(patch_me(&app, "not-a-token", json!({})).await, 401, "token_invalid").await;
});

db_test!(the_language_is_remembered_in_the_profile, |app| async move {
    let session = app.login_demo().await;
    assert_eq!(session.body.user.language, None, "none chosen yet");
    let chosen: Value =
        patch_me(&app, session.token(), json!({ "language": "fr-CA" })).await.json().await.unwrap();
    assert_eq!(chosen["user"]["language"], "fr-CA");
    // Every device sees it: the next sign-in and /me carry it.
    assert_eq!(app.login_demo().await.body.user.language, Some(shared::i18n::Language::FrCa));
    assert_eq!(app.get_json("/api/v1/me", session.token()).await["user"]["language"], "fr-CA");
    let events = app.audit_events(session.body.user.id, "account.profile_updated").await;
    assert_eq!(events.last().unwrap().1["changed"], json!(["language"]));
    // A language the portal does not speak is refused, and nothing changes.
    let bad = patch_me(&app, session.token(), json!({ "language": "de" })).await;
    assert_eq!(bad.status(), 422);
    assert_eq!(app.get_json("/api/v1/me", session.token()).await["user"]["language"], "fr-CA");
});

db_test!(email_change_is_confirmed_at_the_new_address, |app| async move {
    let session = app.login_demo().await;
    let new_email = "dana.new@customer.example";

    let wrong = post_change_email(&app, session.token(), new_email, "not-my-password").await;
    assert_eq!(fields(&assert_problem(wrong, 422, "validation_failed").await), ["current_password"]);
    assert_eq!(app.lock_state(session.body.user.id).await.1, 1, "counts towards the lockout");
    let same = post_change_email(&app, session.token(), DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD).await;
    assert_eq!(fields(&assert_problem(same, 422, "validation_failed").await), ["new_email"]);
    let (other_email, _) = app.create_other_customer_user("summit").await;
    let taken = post_change_email(&app, session.token(), &other_email, DEMO_CUSTOMER_PASSWORD).await;
    assert_problem(taken, 409, "conflict").await;

    let response =
        post_change_email(&app, session.token(), &new_email.to_uppercase(), DEMO_CUSTOMER_PASSWORD).await;
    assert_eq!(response.status(), 202);
    let notice = wait_for_mail(&app, "email_change_notice", DEMO_CUSTOMER_EMAIL).await;
    assert!(notice["body_text"].as_str().unwrap().contains(new_email));
    assert!(
        !notice["body_text"].as_str().unwrap().contains("token="),
        "the link goes to the new address only"
    );
    let token = change_token(&app, new_email).await;
    // Nothing changes before the link is used.
    assert_eq!(app.post_login(DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD).await.status(), 200);

    assert_eq!(post_confirm(&app, &token).await.status(), 204);
    assert_eq!(app.post_login(new_email, DEMO_CUSTOMER_PASSWORD).await.status(), 200);
    assert_problem(
        app.post_login(DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD).await,
        401,
        "invalid_credentials",
    )
    .await;
    let me = app.get_json("/api/v1/me", session.token()).await;
    assert_eq!(me["user"]["email"], new_email);
    let actions = app.audit_actions(session.body.user.id).await;
    assert!(actions.iter().any(|a| a == "account.email_change_requested"));
    assert!(actions.iter().any(|a| a == "account.email_changed"));

    let reused = assert_problem(post_confirm(&app, &token).await, 422, "validation_failed").await;
    assert_eq!(fields(&reused), ["token"]);
});

db_test!(email_change_links_expire_and_lose_to_a_login_taken_meanwhile, |app| async move {
    let session = app.login_demo().await;
    let first = "first.new@customer.example";
    assert_eq!(post_change_email(&app, session.token(), first, DEMO_CUSTOMER_PASSWORD).await.status(), 202);
    let token = change_token(&app, first).await;
    expire_email_changes(&app).await;
    let expired = assert_problem(post_confirm(&app, &token).await, 422, "validation_failed").await;
    assert_eq!(fields(&expired), ["token"]);

    let second = "second.new@customer.example";
    assert_eq!(post_change_email(&app, session.token(), second, DEMO_CUSTOMER_PASSWORD).await.status(), 202);
    let token = change_token(&app, second).await;
    // Another login takes the address before the link is used.
    let (other_email, _) = app.create_other_customer_user("summit").await;
    let other_id = app.user_id(&other_email).await;
    match &app.db {
        Db::Sqlite(pool) => {
            sqlx::query("UPDATE users SET email = $1 WHERE id = $2")
                .bind(second)
                .bind(other_id)
                .execute(pool)
                .await
                .unwrap();
        }
        Db::Postgres(pool) => {
            sqlx::query("UPDATE users SET email = $1 WHERE id = $2")
                .bind(second)
                .bind(other_id)
                .execute(pool)
                .await
                .unwrap();
        }
    }
    assert_problem(post_confirm(&app, &token).await, 409, "conflict").await;
    assert_eq!(app.post_login(DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD).await.status(), 200, "unchanged");
});

db_test!(a_reset_link_sent_to_the_old_address_dies_with_the_change_of_email, |app| async move {
    let session = app.login_demo().await;
    assert_eq!(post_forgot(&app, DEMO_CUSTOMER_EMAIL).await.status(), 202);
    let reset = wait_for_mail(&app, "password_reset", DEMO_CUSTOMER_EMAIL).await;
    let reset_token = token_in(reset["body_text"].as_str().unwrap());

    let new_email = "dana.moved@customer.example";
    let response = post_change_email(&app, session.token(), new_email, DEMO_CUSTOMER_PASSWORD).await;
    assert_eq!(response.status(), 202);
    assert_eq!(post_confirm(&app, &change_token(&app, new_email).await).await.status(), 204);

    // Whoever still reads the old mailbox cannot take the account back.
    let refused = assert_problem(
        post_reset(&app, &reset_token, "granite ladder sunrise 47").await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&refused), ["token"]);
    assert_eq!(app.post_login(new_email, DEMO_CUSTOMER_PASSWORD).await.status(), 200);
});
