//! Authorized users (A12): the account owner lists, invites, changes and removes the
//! account's users; permissions are enforced on every request.

use api::demo::DEMO_CUSTOMER_EMAIL;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{TestApp, assert_problem};
use crate::invitations::{INVITEE_PASSWORD, invitation_token, post_accept};

const COLLEAGUE: &str = "colleague@site-office.example";

fn users_path(account: Uuid) -> String {
    format!("/api/v1/accounts/{account}/users")
}

async fn post_invite(app: &TestApp, account: Uuid, token: &str, body: Value) -> reqwest::Response {
    app.client.post(app.url(&users_path(account))).bearer_auth(token).json(&body).send().await.unwrap()
}

async fn patch_user(app: &TestApp, account: Uuid, user: Uuid, token: &str, body: Value) -> reqwest::Response {
    app.client
        .patch(app.url(&format!("{}/{user}", users_path(account))))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn delete_user(app: &TestApp, account: Uuid, user: Uuid, token: &str) -> reqwest::Response {
    app.client
        .delete(app.url(&format!("{}/{user}", users_path(account))))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

db_test!(owner_invites_a_view_only_user_then_changes_and_removes_them, |app| async move {
    let owner = app.login_demo().await;
    let account = owner.account_at("summit");
    let listed = app.get_json(&users_path(account), owner.token()).await;
    let users = listed["users"].as_array().unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(users[0]["email"], DEMO_CUSTOMER_EMAIL);
    assert_eq!(users[0]["role"], "owner");

    let view_only = json!({ "view": true, "pay": false, "call_off": false, "order": false });
    let invited =
        post_invite(&app, account, owner.token(), json!({ "email": COLLEAGUE, "permissions": view_only }))
            .await;
    assert_eq!(invited.status(), 201);
    let invited: Value = invited.json().await.unwrap();
    assert_eq!(invited["role"], "member");
    assert_eq!(invited["permissions"], view_only);
    let pending = app.get_json(&users_path(account), owner.token()).await;
    assert_eq!(pending["pending_invitations"][0]["email"], COLLEAGUE);

    let token = invitation_token(&app, COLLEAGUE).await;
    let accepted = post_accept(&app, None, json!({ "token": token, "new_password": INVITEE_PASSWORD })).await;
    assert_eq!(accepted.status(), 200);
    let colleague: Value = accepted.json().await.unwrap();
    let colleague_token = colleague["access_token"].as_str().unwrap().to_string();
    let colleague_id: Uuid = colleague["user"]["id"].as_str().unwrap().parse().unwrap();
    assert_eq!(colleague["accounts"][0]["permissions"], view_only);

    // View-only: contracts yes, the owner's routes no.
    let contracts = format!("/api/v1/accounts/{account}/contracts");
    assert_eq!(app.get(&contracts, &colleague_token).await.status(), 200);
    assert_problem(app.get(&users_path(account), &colleague_token).await, 403, "forbidden").await;
    assert_problem(
        post_invite(&app, account, &colleague_token, json!({ "email": "third@site-office.example" })).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(delete_user(&app, account, colleague_id, &colleague_token).await, 403, "forbidden").await;

    let listed = app.get_json(&users_path(account), owner.token()).await;
    assert_eq!(listed["users"].as_array().unwrap().len(), 2);
    assert!(listed["pending_invitations"].as_array().unwrap().is_empty());
    // Inviting someone who already uses the account is refused.
    let twice = post_invite(&app, account, owner.token(), json!({ "email": COLLEAGUE })).await;
    assert_eq!(assert_problem(twice, 422, "validation_failed").await["errors"][0]["field"], "email");

    let pay = json!({ "view": true, "pay": true, "call_off": false, "order": false });
    let changed = patch_user(&app, account, colleague_id, owner.token(), json!({ "permissions": pay })).await;
    assert_eq!(changed.status(), 200);
    assert_eq!(changed.json::<Value>().await.unwrap()["permissions"], pay);
    let me = app.get_json("/api/v1/me", &colleague_token).await;
    assert_eq!(me["accounts"][0]["permissions"], pay, "takes effect at once");
    let no_view = json!({ "view": false, "pay": true, "call_off": false, "order": false });
    let refused =
        patch_user(&app, account, colleague_id, owner.token(), json!({ "permissions": no_view })).await;
    assert_eq!(assert_problem(refused, 422, "validation_failed").await["errors"][0]["field"], "permissions");

    assert_eq!(delete_user(&app, account, colleague_id, owner.token()).await.status(), 204);
    assert_problem(app.get(&contracts, &colleague_token).await, 404, "not_found").await;
    assert_problem(delete_user(&app, account, colleague_id, owner.token()).await, 404, "not_found").await;
    // The login stays.
    assert_eq!(app.post_login(COLLEAGUE, INVITEE_PASSWORD).await.status(), 200);

    let actions = app.audit_actions(owner.body.user.id).await;
    for action in ["account.user_invited", "account.user_permissions_changed", "account.user_removed"] {
        assert!(actions.iter().any(|a| a == action), "{action} in {actions:?}");
    }
});

db_test!(the_last_owner_cannot_leave_or_step_down, |app| async move {
    let owner = app.login_demo().await;
    let account = owner.account_at("summit");
    let me = owner.body.user.id;
    let left = assert_problem(delete_user(&app, account, me, owner.token()).await, 409, "conflict").await;
    assert!(left["detail"].as_str().unwrap().contains("needs an owner"), "{left}");
    assert_problem(
        patch_user(&app, account, me, owner.token(), json!({ "role": "member" })).await,
        409,
        "conflict",
    )
    .await;
    let users = app.get_json(&users_path(account), owner.token()).await;
    assert_eq!(users["users"][0]["role"], "owner", "nothing changed");

    assert_problem(
        patch_user(&app, account, Uuid::now_v7(), owner.token(), json!({})).await,
        404,
        "not_found",
    )
    .await;
    // Another customer's account is not there at all.
    let (_, foreign) = app.create_other_customer_user("thames").await;
    assert_problem(app.get(&users_path(foreign), owner.token()).await, 404, "not_found").await;
});

db_test!(owner_invitations_follow_eligibility, |app| async move {
    let owner = app.login_demo().await;
    let account = owner.account_at("summit");
    app.make_cash_customer(account).await;
    let refused = post_invite(&app, account, owner.token(), json!({ "email": COLLEAGUE })).await;
    let body = assert_problem(refused, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "customer");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(!message.contains("Cash"), "owners do not see the rule: {message}");
});
