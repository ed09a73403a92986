//! Authorized users (A12): the account owner lists, invites, changes and removes the
//! account's users; permissions are enforced on every request.

use api::demo::DEMO_CUSTOMER_EMAIL;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{OTHER_PASSWORD, TestApp, assert_problem};
use crate::invitations::{INVITEE_PASSWORD, get_preview, invitation_token, post_accept};

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

fn revoke_path(account: Uuid, invitation: &str) -> String {
    format!("/api/v1/accounts/{account}/invitations/{invitation}")
}

async fn delete_invitation(app: &TestApp, account: Uuid, invitation: &str, token: &str) -> reqwest::Response {
    app.client.delete(app.url(&revoke_path(account, invitation))).bearer_auth(token).send().await.unwrap()
}

/// Invites `email` to `account` as the owner; returns the invitation id and its token.
async fn invite_pending(app: &TestApp, account: Uuid, owner_token: &str, email: &str) -> (String, String) {
    let invited = post_invite(app, account, owner_token, json!({ "email": email })).await;
    assert_eq!(invited.status(), 201);
    let invited: Value = invited.json().await.unwrap();
    let id = invited["id"].as_str().unwrap().to_string();
    (id, invitation_token(app, email).await)
}

async fn pending_ids(app: &TestApp, account: Uuid, owner_token: &str) -> Vec<String> {
    app.get_json(&users_path(account), owner_token).await["pending_invitations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

db_test!(owner_revokes_a_pending_invitation_and_its_link_dies, |app| async move {
    let owner = app.login_demo().await;
    let account = owner.account_at("summit");
    let (id, token) = invite_pending(&app, account, owner.token(), COLLEAGUE).await;
    assert_eq!(pending_ids(&app, account, owner.token()).await, [id.as_str()]);
    assert_eq!(get_preview(&app, &token).await.status(), 200);

    assert_eq!(delete_invitation(&app, account, &id, owner.token()).await.status(), 204);
    assert!(pending_ids(&app, account, owner.token()).await.is_empty());
    assert_problem(get_preview(&app, &token).await, 404, "not_found").await;
    let accepted = post_accept(&app, None, json!({ "token": token, "new_password": INVITEE_PASSWORD })).await;
    let body = assert_problem(accepted, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "token");
    assert_problem(app.post_login(COLLEAGUE, INVITEE_PASSWORD).await, 401, "invalid_credentials").await;

    let revoked = app.audit_events(owner.body.user.id, "account.invitation_revoked").await;
    assert_eq!(revoked.len(), 1);
    assert_eq!(revoked[0].1["invitation_id"], id);
    assert_eq!(revoked[0].1["email"], COLLEAGUE);

    // Twice: nothing pending is left to revoke, and nothing more is audited.
    assert_problem(delete_invitation(&app, account, &id, owner.token()).await, 404, "not_found").await;
    assert_problem(delete_invitation(&app, account, "not-a-uuid", owner.token()).await, 404, "not_found")
        .await;
    assert_problem(
        delete_invitation(&app, account, &Uuid::now_v7().to_string(), owner.token()).await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(app.audit_events(owner.body.user.id, "account.invitation_revoked").await.len(), 1);
});

db_test!(only_the_owner_of_that_account_revokes_and_only_pending_invitations, |app| async move {
    let owner = app.login_demo().await;
    let summit: Vec<Uuid> =
        owner.body.accounts.iter().filter(|a| a.dealer.slug == "summit").map(|a| a.id).collect();
    let (account, sibling) = (summit[0], summit[1]);

    // A member who is not an owner: 403.
    let (accepted_id, colleague_link) = invite_pending(&app, account, owner.token(), COLLEAGUE).await;
    let accepted =
        post_accept(&app, None, json!({ "token": colleague_link, "new_password": INVITEE_PASSWORD })).await;
    assert_eq!(accepted.status(), 200);
    let colleague: Value = accepted.json().await.unwrap();
    let colleague_token = colleague["access_token"].as_str().unwrap().to_string();
    let third = "third@site-office.example";
    let (id, token) = invite_pending(&app, account, owner.token(), third).await;
    assert_problem(delete_invitation(&app, account, &id, &colleague_token).await, 403, "forbidden").await;

    // Another account's invitation id: 404, from the owner's other account and from a
    // stranger's own account alike.
    assert_problem(delete_invitation(&app, sibling, &id, owner.token()).await, 404, "not_found").await;
    let (stranger_email, stranger_account) = app.create_other_customer_user("summit").await;
    let stranger = app.login(&stranger_email, OTHER_PASSWORD).await;
    assert_problem(delete_invitation(&app, stranger_account, &id, stranger.token()).await, 404, "not_found")
        .await;
    assert_problem(delete_invitation(&app, account, &id, stranger.token()).await, 404, "not_found").await;
    // Nothing changed.
    assert_eq!(pending_ids(&app, account, owner.token()).await, [id.as_str()]);
    assert_eq!(get_preview(&app, &token).await.status(), 200);
    assert!(app.audit_events(owner.body.user.id, "account.invitation_revoked").await.is_empty());
    assert!(app.audit_events(stranger.body.user.id, "account.invitation_revoked").await.is_empty());

    // An accepted invitation cannot be revoked.
    assert_problem(delete_invitation(&app, account, &accepted_id, owner.token()).await, 404, "not_found")
        .await;
    assert_eq!(app.get_json(&users_path(account), owner.token()).await["users"].as_array().unwrap().len(), 2);
});
