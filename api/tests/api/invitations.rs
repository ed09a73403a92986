//! Invitations by a dealer admin (A4): sending to a contact email, the preview, accepting
//! with a new password or with an existing login, expiry, reuse, and the admin's scope.

use api::db::Db;
use api::demo::{DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DEMO_CUSTOMER_EMAIL};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{OTHER_PASSWORD, TestApp, assert_problem};
use crate::lockout::create_platform_admin;
use crate::password_reset::wait_for_mail;

pub(crate) const INVITEE_PASSWORD: &str = "excavator-blue-morning";

pub(crate) async fn post_admin_invite(
    app: &TestApp,
    customer: Uuid,
    token: &str,
    body: Value,
) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/admin/customers/{customer}/invitations")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

pub(crate) async fn get_preview(app: &TestApp, token: &str) -> reqwest::Response {
    app.client.get(app.url(&format!("/api/v1/invitations/{token}"))).send().await.unwrap()
}

/// `POST /invitations/accept`, with a bearer token when `auth` is given.
pub(crate) async fn post_accept(app: &TestApp, auth: Option<&str>, body: Value) -> reqwest::Response {
    let request = app.client.post(app.url("/api/v1/invitations/accept")).json(&body);
    let request = match auth {
        Some(token) => request.bearer_auth(token),
        None => request,
    };
    request.send().await.unwrap()
}

fn token_in(text: &str) -> String {
    let start = text.find("/invitation?token=").expect("invitation link") + "/invitation?token=".len();
    text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

/// The token of the newest invitation email to `to`.
pub(crate) async fn invitation_token(app: &TestApp, to: &str) -> String {
    let email = wait_for_mail(app, "invitation", to).await;
    let text = email["body_text"].as_str().unwrap();
    assert!(text.contains("http://127.0.0.1:8080/invitation?token="), "{text}");
    token_in(text)
}

/// The contact emails on a customer record.
pub(crate) async fn contact_emails(app: &TestApp, customer: Uuid) -> Vec<String> {
    api::db::customers::contact_emails(&app.db, api::ids::CustomerId::new(customer))
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.email)
        .collect()
}

async fn set_contact_emails(app: &TestApp, customer: Uuid, email: &str) {
    match &app.db {
        Db::Sqlite(pool) => {
            sqlx::query("UPDATE contacts SET email = $2 WHERE customer_id = $1")
                .bind(customer)
                .bind(email)
                .execute(pool)
                .await
                .unwrap();
        }
        Db::Postgres(pool) => {
            sqlx::query("UPDATE contacts SET email = $2 WHERE customer_id = $1")
                .bind(customer)
                .bind(email)
                .execute(pool)
                .await
                .unwrap();
        }
    }
}

async fn expire_invitations(app: &TestApp) {
    let past = chrono::Utc::now() - chrono::Duration::minutes(1);
    match &app.db {
        Db::Sqlite(pool) => {
            sqlx::query("UPDATE invitations SET expires_at = $1").bind(past).execute(pool).await.unwrap();
        }
        Db::Postgres(pool) => {
            sqlx::query("UPDATE invitations SET expires_at = $1").bind(past).execute(pool).await.unwrap();
        }
    }
}

async fn admin_list(app: &TestApp, customer: Uuid, token: &str) -> Vec<Value> {
    app.get_json(&format!("/api/v1/admin/customers/{customer}/invitations"), token)
        .await
        .as_array()
        .unwrap()
        .clone()
}

fn fields(body: &Value) -> Vec<String> {
    body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect()
}

db_test!(admin_invites_a_contact_who_accepts_with_a_new_password, |app| async move {
    let customer = app.unregistered_customer("summit").await;
    let email = contact_emails(&app, customer.id).await.remove(0);
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;

    let response =
        post_admin_invite(&app, customer.id, admin.token(), json!({ "email": email.to_uppercase() })).await;
    assert_eq!(response.status(), 201);
    let sent: Value = response.json().await.unwrap();
    assert_eq!(sent["status"], "pending");
    assert_eq!(sent["role"], "owner", "the first user of a customer owns it");
    assert_eq!(sent["permissions"], json!({ "view": true, "pay": true, "call_off": true, "order": true }));
    assert!(sent.get("token").is_none(), "the token only travels by email");

    let mail = wait_for_mail(&app, "invitation", &email).await;
    assert!(mail["body_html"].as_str().unwrap().contains("Summit Equipment Rentals"), "dealer branding");
    let token = invitation_token(&app, &email).await;

    let preview = get_preview(&app, &token).await;
    assert_eq!(preview.status(), 200);
    let preview: Value = preview.json().await.unwrap();
    assert_eq!(preview["email"], email);
    assert_eq!(preview["dealer"]["slug"], "summit");
    assert_eq!(preview["existing_login"], false);
    assert!(!preview["customer_name"].as_str().unwrap().is_empty());

    // A password is required, and the policy applies.
    let none =
        assert_problem(post_accept(&app, None, json!({ "token": token })).await, 422, "validation_failed")
            .await;
    assert_eq!(fields(&none), ["new_password"]);
    let weak = post_accept(&app, None, json!({ "token": token, "new_password": "password1" })).await;
    assert_eq!(fields(&assert_problem(weak, 422, "validation_failed").await), ["new_password"]);

    let accepted = post_accept(
        &app,
        None,
        json!({ "token": token, "new_password": INVITEE_PASSWORD, "display_name": "Casey Contact" }),
    )
    .await;
    assert_eq!(accepted.status(), 200);
    assert!(crate::helpers::refresh_cookie_of(&accepted).is_some(), "signed in");
    let session: Value = accepted.json().await.unwrap();
    assert_eq!(session["user"]["email"], email);
    assert_eq!(session["user"]["display_name"], "Casey Contact");
    let accounts = session["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0]["id"], customer.id.to_string());
    assert_eq!(accounts[0]["role"], "owner");
    assert_eq!(app.post_login(&email, INVITEE_PASSWORD).await.status(), 200);

    // Single use: the same link is refused, and no longer previews.
    let reused =
        post_accept(&app, None, json!({ "token": token, "new_password": "another-fine-password" })).await;
    assert_eq!(fields(&assert_problem(reused, 422, "validation_failed").await), ["token"]);
    assert_problem(get_preview(&app, &token).await, 404, "not_found").await;

    let list = admin_list(&app, customer.id, admin.token()).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["status"], "accepted");
    assert!(list[0]["accepted_at"].is_string());

    let invited = app.audit_events(admin.body.user.id, "admin.user_invited").await;
    assert_eq!(invited.len(), 1);
    assert_eq!(invited[0].1["email"], email);
    let new_user = app.user_id(&email).await;
    assert!(app.audit_actions(new_user).await.iter().any(|a| a == "auth.invitation_accepted"));
});

db_test!(a_resend_supersedes_and_expired_links_are_refused, |app| async move {
    let customer = app.unregistered_customer("summit").await;
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    // The customer's own email on record may be invited too.
    let email = customer.email.to_lowercase();
    assert_eq!(
        post_admin_invite(&app, customer.id, admin.token(), json!({ "email": email })).await.status(),
        201
    );
    let first = invitation_token(&app, &email).await;
    assert_eq!(
        post_admin_invite(&app, customer.id, admin.token(), json!({ "email": email })).await.status(),
        201
    );
    let mut second = invitation_token(&app, &email).await;
    for _ in 0..50 {
        if second != first {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        second = invitation_token(&app, &email).await;
    }
    assert_ne!(first, second);

    assert_problem(get_preview(&app, &first).await, 404, "not_found").await;
    let superseded =
        post_accept(&app, None, json!({ "token": first, "new_password": INVITEE_PASSWORD })).await;
    assert_eq!(fields(&assert_problem(superseded, 422, "validation_failed").await), ["token"]);
    let statuses: Vec<Value> =
        admin_list(&app, customer.id, admin.token()).await.iter().map(|i| i["status"].clone()).collect();
    assert_eq!(statuses, [json!("pending"), json!("expired")], "newest first");

    expire_invitations(&app).await;
    assert_problem(get_preview(&app, &second).await, 404, "not_found").await;
    let expired = post_accept(&app, None, json!({ "token": second, "new_password": INVITEE_PASSWORD })).await;
    assert_eq!(fields(&assert_problem(expired, 422, "validation_failed").await), ["token"]);
    assert_problem(app.post_login(&email, INVITEE_PASSWORD).await, 401, "invalid_credentials").await;
    assert_problem(get_preview(&app, "made-up").await, 404, "not_found").await;
});

db_test!(admin_invitations_are_checked_and_scoped, |app| async move {
    let customer = app.unregistered_customer("summit").await;
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;

    let stranger =
        post_admin_invite(&app, customer.id, admin.token(), json!({ "email": "someone@elsewhere.example" }))
            .await;
    let body = assert_problem(stranger, 422, "validation_failed").await;
    assert_eq!(fields(&body), ["email"]);
    let contact = contact_emails(&app, customer.id).await.remove(0);
    assert!(body["errors"][0]["message"].as_str().unwrap().contains(&contact), "lists the choices: {body}");

    app.make_cash_customer(customer.id).await;
    let cash = post_admin_invite(&app, customer.id, admin.token(), json!({ "email": contact })).await;
    let body = assert_problem(cash, 422, "validation_failed").await;
    assert_eq!(fields(&body), ["customer"]);
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("Cash customers"), "{body}");

    let thames = app.unregistered_customer("thames").await;
    let thames_contact = contact_emails(&app, thames.id).await.remove(0);
    let foreign =
        post_admin_invite(&app, thames.id, admin.token(), json!({ "email": thames_contact.clone() })).await;
    assert_problem(foreign, 404, "not_found").await;
    assert_problem(
        post_admin_invite(&app, Uuid::now_v7(), admin.token(), json!({ "email": thames_contact.clone() }))
            .await,
        404,
        "not_found",
    )
    .await;
    let customer_user = app.login_demo().await;
    let by_customer =
        post_admin_invite(&app, thames.id, customer_user.token(), json!({ "email": thames_contact.clone() }))
            .await;
    assert_problem(by_customer, 403, "forbidden").await;
    let list =
        app.get(&format!("/api/v1/admin/customers/{}/invitations", thames.id), customer_user.token()).await;
    assert_problem(list, 403, "forbidden").await;

    // A platform admin reaches every dealer's customers.
    let platform = app.login(&create_platform_admin(&app).await, OTHER_PASSWORD).await;
    let response =
        post_admin_invite(&app, thames.id, platform.token(), json!({ "email": thames_contact })).await;
    assert_eq!(response.status(), 201);
});

db_test!(an_existing_login_accepts_by_logging_in, |app| async move {
    let customer = app.unregistered_customer("summit").await;
    set_contact_emails(&app, customer.id, DEMO_CUSTOMER_EMAIL).await;
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    let response =
        post_admin_invite(&app, customer.id, admin.token(), json!({ "email": DEMO_CUSTOMER_EMAIL })).await;
    assert_eq!(response.status(), 201);
    let token = invitation_token(&app, DEMO_CUSTOMER_EMAIL).await;
    let preview: Value = get_preview(&app, &token).await.json().await.unwrap();
    assert_eq!(preview["existing_login"], true);

    let anonymous =
        post_accept(&app, None, json!({ "token": token, "new_password": INVITEE_PASSWORD })).await;
    let body = assert_problem(anonymous, 401, "unauthenticated").await;
    let detail = body["detail"].as_str().unwrap();
    assert!(detail.contains(&format!("Log in as {DEMO_CUSTOMER_EMAIL}")), "{detail}");
    let (other_email, _) = app.create_other_customer_user("summit").await;
    let other = app.login(&other_email, OTHER_PASSWORD).await;
    assert_problem(
        post_accept(&app, Some(other.token()), json!({ "token": token })).await,
        401,
        "unauthenticated",
    )
    .await;

    let demo = app.login_demo().await;
    assert_eq!(demo.body.accounts.len(), 3);
    let accepted = post_accept(&app, Some(demo.token()), json!({ "token": token })).await;
    assert_eq!(accepted.status(), 204);
    let me = app.get_json("/api/v1/me", demo.token()).await;
    let accounts = me["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 4);
    assert!(accounts.iter().any(|a| a["id"] == customer.id.to_string()));
    let again = post_accept(&app, Some(demo.token()), json!({ "token": token })).await;
    assert_eq!(fields(&assert_problem(again, 422, "validation_failed").await), ["token"]);
});

async fn delete_admin_invitation(
    app: &TestApp,
    customer: Uuid,
    invitation: &str,
    token: &str,
) -> reqwest::Response {
    app.client
        .delete(app.url(&format!("/api/v1/admin/customers/{customer}/invitations/{invitation}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

db_test!(admin_revokes_a_pending_invitation_within_their_dealer, |app| async move {
    let customer = app.unregistered_customer("summit").await;
    let email = contact_emails(&app, customer.id).await.remove(0);
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    let sent: Value = post_admin_invite(&app, customer.id, admin.token(), json!({ "email": email }))
        .await
        .json()
        .await
        .unwrap();
    let id = sent["id"].as_str().unwrap().to_string();
    let token = invitation_token(&app, &email).await;

    // Another dealer's customer, invited by a platform admin: out of the Summit admin's
    // reach, by its own customer id or by the admin's own customer's.
    let thames = app.unregistered_customer("thames").await;
    let thames_contact = contact_emails(&app, thames.id).await.remove(0);
    let platform = app.login(&create_platform_admin(&app).await, OTHER_PASSWORD).await;
    let thames_sent: Value =
        post_admin_invite(&app, thames.id, platform.token(), json!({ "email": thames_contact }))
            .await
            .json()
            .await
            .unwrap();
    let thames_id = thames_sent["id"].as_str().unwrap().to_string();
    assert_problem(
        delete_admin_invitation(&app, thames.id, &thames_id, admin.token()).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(
        delete_admin_invitation(&app, customer.id, &thames_id, admin.token()).await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(
        admin_list(&app, thames.id, platform.token()).await[0]["status"],
        "pending",
        "nothing changed"
    );
    // Customers are not admins.
    let customer_user = app.login_demo().await;
    assert_problem(
        delete_admin_invitation(&app, customer.id, &id, customer_user.token()).await,
        403,
        "forbidden",
    )
    .await;

    assert_eq!(delete_admin_invitation(&app, customer.id, &id, admin.token()).await.status(), 204);
    assert_eq!(admin_list(&app, customer.id, admin.token()).await[0]["status"], "revoked");
    assert_problem(get_preview(&app, &token).await, 404, "not_found").await;
    let refused = post_accept(&app, None, json!({ "token": token, "new_password": INVITEE_PASSWORD })).await;
    assert_eq!(fields(&assert_problem(refused, 422, "validation_failed").await), ["token"]);
    assert_problem(delete_admin_invitation(&app, customer.id, &id, admin.token()).await, 404, "not_found")
        .await;
    let revoked = app.audit_events(admin.body.user.id, "admin.invitation_revoked").await;
    assert_eq!(revoked.len(), 1);
    assert_eq!(revoked[0].1["invitation_id"], id);

    // A platform admin reaches every dealer's customers.
    assert_eq!(delete_admin_invitation(&app, thames.id, &thames_id, platform.token()).await.status(), 204);
});
