//! Staff and roles (H10): invite by email and accept by choosing a password, change role and
//! stores, deactivate and reactivate (sessions end at once), resend; the last admin stays;
//! dealer admins only, their own dealer only; a store-scoped member sees only their stores'
//! inbox (and what belongs to no store).

use api::demo::{DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{TestApp, assert_problem, on_pool};
use crate::password_reset::{token_in, wait_for_mail};
use crate::requests::{count, create_staff, fields, file_call_off, lines_in};

const STAFF_PASSWORD: &str = "a-fine-staff-password-9";

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

pub(crate) async fn invite(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    send(app, reqwest::Method::POST, "/api/v1/admin/staff", token, Some(body)).await
}

async fn patch(app: &TestApp, token: &str, id: &str, body: Value) -> reqwest::Response {
    send(app, reqwest::Method::PATCH, &format!("/api/v1/admin/staff/{id}"), token, Some(body)).await
}

async fn act(app: &TestApp, token: &str, id: &str, action: &str) -> reqwest::Response {
    send(app, reqwest::Method::POST, &format!("/api/v1/admin/staff/{id}/{action}"), token, None).await
}

/// The dealer's locations (id, name), by name.
pub(crate) async fn locations(app: &TestApp, slug: &str) -> Vec<Uuid> {
    on_pool!(&app.db, pool => {
        sqlx::query_scalar(
            "SELECT l.id FROM locations l JOIN dealers d ON d.id = l.dealer_id WHERE d.slug = $1 ORDER BY l.name",
        )
        .bind(slug)
        .fetch_all(pool)
        .await
        .unwrap()
    })
}

/// Sets the password from the invitation letter to `email`, as the invited person does.
pub(crate) async fn accept_invitation(app: &TestApp, email: &str) {
    let mail = wait_for_mail(app, "staff_invitation", email).await;
    let token = token_in(mail["body_text"].as_str().unwrap());
    let response = app
        .client
        .post(app.url("/api/v1/auth/password/reset"))
        .json(&json!({ "token": token, "new_password": STAFF_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
}

async fn target_events(app: &TestApp, target: &str, action: &str) -> Vec<(Option<Uuid>, Option<Uuid>)> {
    let target: Uuid = target.parse().unwrap();
    on_pool!(&app.db, pool => {
        sqlx::query_as(
            "SELECT dealer_id, actor_user_id FROM audit_events WHERE target_user_id = $1 AND action = $2",
        )
        .bind(target)
        .bind(action)
        .fetch_all(pool)
        .await
        .unwrap()
    })
}

db_test!(an_invited_member_chooses_a_password_and_signs_in, |app| async move {
    let admin = admin_token(&app).await;
    let store = locations(&app, "summit").await[0];
    let response = invite(
        &app,
        &admin,
        json!({ "email": " New.Hire@Summit.example ", "display_name": "New Hire", "role": "dealer_staff",
                "location_ids": [store, store] }),
    )
    .await;
    assert_eq!(response.status(), 201);
    let member: Value = response.json().await.unwrap();
    let id = member["id"].as_str().unwrap().to_string();
    assert_eq!(member["email"], "new.hire@summit.example");
    assert_eq!(member["status"], "invited");
    assert_eq!(member["role"], "dealer_staff");
    assert_eq!(member["locations"].as_array().unwrap().len(), 1);
    assert_eq!(member["locations"][0]["id"], store.to_string());
    assert!(member["invited_at"].is_string() && member["activated_at"].is_null());

    // The invitation is audited in the admin's dealer, naming whom it invited.
    let admin_id = app.user_id(DEMO_ADMIN_EMAIL).await;
    let events = target_events(&app, &id, "admin.staff_invited").await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].1, Some(admin_id));
    assert!(events[0].0.is_some());

    // Not yet a login that works.
    assert_eq!(app.post_login("new.hire@summit.example", STAFF_PASSWORD).await.status(), 401);
    accept_invitation(&app, "new.hire@summit.example").await;
    let session = app.login("new.hire@summit.example", STAFF_PASSWORD).await;
    assert_eq!(session.body.user.role, shared::auth::UserRole::DealerStaff);
    assert_eq!(app.get("/api/v1/admin/requests", session.token()).await.status(), 200);

    let member = app.get_json(&format!("/api/v1/admin/staff/{id}"), &admin).await;
    assert_eq!(member["status"], "active");
    assert!(member["activated_at"].is_string() && member["last_login_at"].is_string());
    let list = app.get_json("/api/v1/admin/staff", &admin).await;
    assert!(list.as_array().unwrap().iter().any(|m| m["id"] == id.as_str() && m["status"] == "active"));
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|m| m["email"] == DEMO_ADMIN_EMAIL && m["role"] == "dealer_admin")
    );

    // A pending invitation only can be sent again.
    assert_problem(act(&app, &admin, &id, "resend-invitation").await, 409, "conflict").await;
});

db_test!(bad_invitations_are_refused_and_write_nothing, |app| async move {
    let admin = admin_token(&app).await;
    let users = count(&app, "users").await;
    let audits = count(&app, "audit_events").await;
    let thames_store = locations(&app, "thames").await[0];

    let problem = assert_problem(
        invite(
            &app,
            &admin,
            json!({ "email": "not an email", "display_name": " ", "role": "dealer_staff",
                                    "location_ids": [thames_store] }),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["email", "display_name", "location_ids"]);
    // Admins see every store: no stores for them.
    let summit_store = locations(&app, "summit").await[0];
    let problem = assert_problem(
        invite(
            &app,
            &admin,
            json!({ "email": "boss@summit.example", "display_name": "Boss", "role": "dealer_admin",
                                    "location_ids": [summit_store] }),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["location_ids"]);
    // An unknown role is not JSON of this shape.
    let response =
        invite(&app, &admin, json!({ "email": "x@summit.example", "display_name": "X", "role": "owner" }))
            .await;
    assert!(matches!(response.status().as_u16(), 400 | 422), "{}", response.status());
    // The email of an existing login.
    assert_problem(
        invite(
            &app,
            &admin,
            json!({ "email": DEMO_ADMIN_EMAIL, "display_name": "Again", "role": "dealer_staff" }),
        )
        .await,
        409,
        "conflict",
    )
    .await;
    assert_eq!(count(&app, "users").await, users);
    assert_eq!(count(&app, "audit_events").await, audits);
});

db_test!(staff_routes_are_for_the_dealers_own_admins, |app| async move {
    let admin = admin_token(&app).await;
    let staff_email = create_staff(&app, "summit").await;
    let staff_id = app.user_id(&staff_email).await.to_string();
    let staff = app.login(&staff_email, crate::helpers::OTHER_PASSWORD).await;
    let customer = app.login_demo().await;

    for token in [staff.token(), customer.token()] {
        assert_problem(app.get("/api/v1/admin/staff", token).await, 403, "forbidden").await;
        assert_problem(
            invite(
                &app,
                token,
                json!({ "email": "x@summit.example", "display_name": "X", "role": "dealer_staff" }),
            )
            .await,
            403,
            "forbidden",
        )
        .await;
        assert_problem(act(&app, token, &staff_id, "deactivate").await, 403, "forbidden").await;
    }

    // Another dealer's admin: summit's people do not exist for them.
    let thames = app.create_dealer_admin("thames").await;
    assert_problem(app.get(&format!("/api/v1/admin/staff/{staff_id}"), &thames).await, 404, "not_found")
        .await;
    assert_problem(
        patch(&app, &thames, &staff_id, json!({ "role": "dealer_admin" })).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(act(&app, &thames, &staff_id, "deactivate").await, 404, "not_found").await;
    assert_problem(act(&app, &thames, &staff_id, "resend-invitation").await, 404, "not_found").await;
    let list = app.get_json("/api/v1/admin/staff", &thames).await;
    assert!(list.as_array().unwrap().iter().all(|m| m["id"] != staff_id.as_str()));
    // A customer's id is not staff either.
    let customer_id = customer.body.user.id;
    assert_problem(act(&app, &admin, &customer_id.to_string(), "deactivate").await, 404, "not_found").await;
    // Nothing changed.
    assert_eq!(app.get_json(&format!("/api/v1/admin/staff/{staff_id}"), &admin).await["status"], "active");
});

db_test!(the_last_active_admin_stays_an_admin, |app| async move {
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    let me = admin.body.user.id.to_string();
    let admins =
        |list: &Value| list.as_array().unwrap().iter().filter(|m| m["role"] == "dealer_admin").count();
    assert_eq!(admins(&app.get_json("/api/v1/admin/staff", admin.token()).await), 1);

    assert_problem(patch(&app, admin.token(), &me, json!({ "role": "dealer_staff" })).await, 409, "conflict")
        .await;
    assert_problem(act(&app, admin.token(), &me, "deactivate").await, 409, "conflict").await;
    assert!(target_events(&app, &me, "admin.staff_updated").await.is_empty());

    // With a second admin, the first may be deactivated: signed out at once, and back after
    // reactivation.
    let second = app.create_dealer_admin("summit").await;
    let response = act(&app, &second, &me, "deactivate").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.json::<Value>().await.unwrap()["status"], "deactivated");
    assert_problem(app.get("/api/v1/admin/staff", admin.token()).await, 403, "forbidden").await;
    assert_eq!(app.post_refresh(&admin.refresh_cookie).await.status(), 401);
    assert_eq!(app.post_login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await.status(), 401);
    // Now the second is the last active admin.
    let second_id = app.get_json("/api/v1/me", &second).await["user"]["id"].as_str().unwrap().to_string();
    assert_problem(act(&app, &second, &second_id, "deactivate").await, 409, "conflict").await;

    let response = act(&app, &second, &me, "reactivate").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.json::<Value>().await.unwrap()["status"], "active");
    let again = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    assert_eq!(app.get("/api/v1/admin/staff", again.token()).await.status(), 200);
    assert_eq!(target_events(&app, &me, "admin.staff_deactivated").await.len(), 1);
    assert_eq!(target_events(&app, &me, "admin.staff_reactivated").await.len(), 1);

    // Demoting the other admin works while one remains; their next request is staff's.
    let response = patch(&app, again.token(), &second_id, json!({ "role": "dealer_staff" })).await;
    assert_eq!(response.status(), 200);
    assert_problem(app.get("/api/v1/admin/staff", &second).await, 403, "forbidden").await;
});

db_test!(a_pending_invitation_is_sent_again_with_a_new_link, |app| async move {
    let admin = admin_token(&app).await;
    let response = invite(
        &app,
        &admin,
        json!({ "email": "later@summit.example", "display_name": "Later", "role": "dealer_admin" }),
    )
    .await;
    let id = response.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string();
    let first = wait_for_mail(&app, "staff_invitation", "later@summit.example").await;
    let old_token = token_in(first["body_text"].as_str().unwrap());

    let response = act(&app, &admin, &id, "resend-invitation").await;
    assert_eq!(response.status(), 200);
    assert_eq!(target_events(&app, &id, "admin.staff_invitation_resent").await.len(), 1);
    let reset = |token: String| {
        let app = &app;
        async move {
            app.client
                .post(app.url("/api/v1/auth/password/reset"))
                .json(&json!({ "token": token, "new_password": STAFF_PASSWORD }))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(reset(old_token).await, 422, "the first link stopped working");
    let mails = crate::password_reset::mailbox(&app).await;
    let newest =
        mails.iter().find(|m| m["kind"] == "staff_invitation" && m["to"] == "later@summit.example").unwrap();
    assert_eq!(reset(token_in(newest["body_text"].as_str().unwrap())).await, 204);
    let session = app.login("later@summit.example", STAFF_PASSWORD).await;
    assert_eq!(app.get("/api/v1/admin/staff", session.token()).await.status(), 200);

    // Deactivating ends a pending link too.
    let response = invite(
        &app,
        &admin,
        json!({ "email": "gone@summit.example", "display_name": "Gone", "role": "dealer_staff" }),
    )
    .await;
    let gone = response.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_string();
    let mail = wait_for_mail(&app, "staff_invitation", "gone@summit.example").await;
    assert_eq!(act(&app, &admin, &gone, "deactivate").await.status(), 200);
    assert_eq!(reset(token_in(mail["body_text"].as_str().unwrap())).await, 422);
    assert_problem(act(&app, &admin, &gone, "resend-invitation").await, 409, "conflict").await;
});

/// The location a request was routed to.
async fn request_location(app: &TestApp, id: &str) -> Option<Uuid> {
    let id: Uuid = id.parse().unwrap();
    on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT location_id FROM customer_requests WHERE id = $1").bind(id).fetch_one(pool).await.unwrap()
    })
}

db_test!(store_scoped_staff_see_their_stores_and_unrouted_requests, |app| async move {
    let admin = admin_token(&app).await;
    let customer = app.login_demo().await;
    let account = customer.account_at("summit");
    let out = lines_in(&app, account, "out").await;
    let filed = file_call_off(&app, customer.token(), account, &[out[0].0]).await;
    let id = filed["id"].as_str().unwrap().to_string();
    let routed = request_location(&app, &id).await.expect("the call-off has a store");
    let other = *locations(&app, "summit").await.iter().find(|l| **l != routed).expect("a second store");

    let staff_email = create_staff(&app, "summit").await;
    let staff_id = app.user_id(&staff_email).await.to_string();
    let staff = app.login(&staff_email, crate::helpers::OTHER_PASSWORD).await;
    let total = |inbox: Value| inbox["total"].as_u64().unwrap();
    // No stores: every store.
    assert_eq!(total(app.get_json("/api/v1/admin/requests", staff.token()).await), 1);

    // Scoped to another store: the request is not theirs.
    let response = patch(&app, &admin, &staff_id, json!({ "location_ids": [other] })).await;
    assert_eq!(response.status(), 200);
    assert_eq!(total(app.get_json("/api/v1/admin/requests", staff.token()).await), 0);
    assert_problem(app.get(&format!("/api/v1/admin/requests/{id}"), staff.token()).await, 404, "not_found")
        .await;
    let notifications = app.get_json("/api/v1/admin/notifications", staff.token()).await;
    assert_eq!(notifications["items"].as_array().unwrap().len(), 0, "{notifications}");
    // The admin still sees everything.
    assert_eq!(total(app.get_json("/api/v1/admin/requests", &admin).await), 1);

    // Scoped to the request's store: theirs again.
    assert_eq!(
        patch(&app, &admin, &staff_id, json!({ "location_ids": [routed, other] })).await.status(),
        200
    );
    assert_eq!(total(app.get_json("/api/v1/admin/requests", staff.token()).await), 1);
    assert_eq!(app.get(&format!("/api/v1/admin/requests/{id}"), staff.token()).await.status(), 200);

    // A request of no store shows to every member, scoped or not.
    assert_eq!(patch(&app, &admin, &staff_id, json!({ "location_ids": [other] })).await.status(), 200);
    let request_id: Uuid = id.parse().unwrap();
    on_pool!(&app.db, pool => {
        sqlx::query("UPDATE customer_requests SET location_id = NULL WHERE id = $1").bind(request_id).execute(pool).await.unwrap();
    });
    assert_eq!(total(app.get_json("/api/v1/admin/requests", staff.token()).await), 1);

    // Role and stores are audited; an admin has no stores.
    let events = target_events(&app, &staff_id, "admin.staff_updated").await;
    assert_eq!(events.len(), 3);
    let response = patch(&app, &admin, &staff_id, json!({ "role": "dealer_admin" })).await;
    let member: Value = response.json().await.unwrap();
    assert_eq!(member["role"], "dealer_admin");
    assert_eq!(member["locations"], json!([]));
    let problem = assert_problem(
        patch(&app, &admin, &staff_id, json!({ "location_ids": [other] })).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["location_ids"]);
    assert_problem(patch(&app, &admin, &staff_id, json!({})).await, 422, "validation_failed").await;
});
