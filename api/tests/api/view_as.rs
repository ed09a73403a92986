//! View as customer (A14): a dealer's staff open a customer user's portal read-only. Reads
//! answer as they do for the customer; every write route of the spec answers 403
//! `read_only_view`; the view ends by exit or by time (401 `view_ended`), each audited.

use api::demo::{
    DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DEMO_CUSTOMER_EMAIL, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD,
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{Session, TestApp, assert_problem, on_pool};

/// The view-as route of `customer` and `user`.
fn view_path(customer: Uuid, user: Uuid) -> String {
    format!("/api/v1/admin/customers/{customer}/users/{user}/view-as")
}

async fn post_view(app: &TestApp, token: &str, customer: Uuid, user: Uuid) -> reqwest::Response {
    app.client.post(app.url(&view_path(customer, user))).bearer_auth(token).send().await.unwrap()
}

/// Opens a view of the demo customer user's Summit account with `token`; the view's body.
async fn start_view(app: &TestApp, token: &str, customer: &Session) -> Value {
    let response = post_view(app, token, customer.account_at("summit"), customer.body.user.id).await;
    assert_eq!(response.status(), 200, "start the view");
    assert_eq!(response.headers()["cache-control"], "no-store");
    response.json().await.unwrap()
}

async fn end_view(app: &TestApp, token: &str) -> reqwest::Response {
    app.client.post(app.url("/api/v1/auth/view-as/end")).bearer_auth(token).send().await.unwrap()
}

/// The view's access token.
fn token_of(view: &Value) -> &str {
    view["access_token"].as_str().unwrap()
}

/// The `action` events of actor `actor`: (customer, details), oldest first.
async fn view_events(app: &TestApp, actor: Uuid, action: &str) -> Vec<(Option<Uuid>, Value)> {
    let rows: Vec<(Option<Uuid>, Option<String>)> = on_pool!(&app.db, pool => {
        sqlx::query_as(
            "SELECT customer_id, details FROM audit_events WHERE actor_user_id = $1 AND action = $2 \
             ORDER BY occurred_at, id",
        )
        .bind(actor)
        .bind(action)
        .fetch_all(pool)
        .await
        .unwrap()
    });
    rows.into_iter()
        .map(|(customer, details)| (customer, serde_json::from_str(&details.unwrap()).unwrap()))
        .collect()
}

/// `/me` as the customer sees it, limited to the accounts at `slug` (a view shows one dealer).
async fn own_me_at(app: &TestApp, customer: &Session, slug: &str) -> Value {
    let mut me = app.get_json("/api/v1/me", customer.token()).await;
    me["accounts"].as_array_mut().unwrap().retain(|a| a["dealer"]["slug"] == slug);
    me
}

db_test!(admins_and_staff_see_the_portal_as_the_customer_does, |app| async move {
    let customer = app.login_demo().await;
    let summit = customer.account_at("summit");
    let thames = customer.account_at("thames");
    for (email, password) in
        [(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD), (DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD)]
    {
        let staff = app.login(email, password).await;
        let view = start_view(&app, staff.token(), &customer).await;
        assert_eq!(view["token_type"], "Bearer");
        assert_eq!(view["expires_in"], 1800, "30 minutes by default");
        assert_eq!(view["view"]["customer_id"], summit.to_string());
        assert_eq!(view["view"]["user_id"], customer.body.user.id.to_string());
        assert_eq!(view["view"]["user_name"], customer.body.user.display_name);
        assert_eq!(view["user"]["email"], DEMO_CUSTOMER_EMAIL);
        let token = token_of(&view);

        // The same /me, limited to this dealer: the other dealer's account stays behind its wall.
        let expected = own_me_at(&app, &customer, "summit").await;
        assert!(customer.body.accounts.len() > expected["accounts"].as_array().unwrap().len());
        assert_eq!(app.get_json("/api/v1/me", token).await, expected);
        assert_eq!(view["accounts"], expected["accounts"]);
        for path in [
            format!("/api/v1/accounts/{summit}/rentals"),
            format!("/api/v1/accounts/{summit}/contracts"),
            format!("/api/v1/accounts/{summit}/invoices"),
            format!("/api/v1/accounts/{summit}/requests"),
        ] {
            assert_eq!(
                app.get_json(&path, token).await,
                app.get_json(&path, customer.token()).await,
                "{path}"
            );
        }
        assert_eq!(
            app.get(&format!("/api/v1/accounts/{thames}/rentals"), customer.token()).await.status(),
            200
        );
        assert_problem(app.get(&format!("/api/v1/accounts/{thames}/rentals"), token).await, 404, "not_found")
            .await;
        // Staff routes are closed to the view, reads included; the staff member's own token works.
        assert_problem(app.get("/api/v1/admin/requests", token).await, 403, "read_only_view").await;
        assert_eq!(app.get("/api/v1/admin/requests", staff.token()).await.status(), 200);

        let started = view_events(&app, staff.body.user.id, "view_as.started").await;
        assert_eq!(started.len(), 1, "{email}");
        assert_eq!(started[0].0, Some(summit));
        assert_eq!(started[0].1["user_id"], customer.body.user.id.to_string());
        assert_eq!(started[0].1["view_id"], view["view"]["view_id"]);
    }
});

/// A value for a path parameter of the spec: the demo account for `account_id` (so a
/// handler that let the write through would find its account), a fresh id otherwise.
fn parameter_value(name: &str, account: Uuid, user: Uuid) -> String {
    match name {
        "account_id" | "customer_id" => account.to_string(),
        "user_id" => user.to_string(),
        "slug" => "summit".into(),
        _ => Uuid::now_v7().to_string(),
    }
}

/// Every (method, path) of the committed spec, path parameters filled in.
fn spec_operations(account: Uuid, user: Uuid) -> Vec<(String, String)> {
    let spec: Value = serde_json::from_str(include_str!("../../../openapi/openapi.json")).unwrap();
    let mut operations = Vec::new();
    for (template, item) in spec["paths"].as_object().unwrap() {
        let mut path = String::new();
        let mut rest = template.as_str();
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').unwrap() + open;
            path.push_str(&rest[..open]);
            path.push_str(&parameter_value(&rest[open + 1..close], account, user));
            rest = &rest[close + 1..];
        }
        path.push_str(rest);
        for method in item.as_object().unwrap().keys() {
            if ["get", "put", "post", "patch", "delete", "head", "options", "trace"]
                .contains(&method.as_str())
            {
                operations.push((method.to_uppercase(), path.clone()));
            }
        }
    }
    operations
}

/// What the customer's data looks like, to show nothing changed: their requests, profile,
/// memberships, payments and feedback.
async fn customer_state(app: &TestApp, customer: &Session) -> Value {
    let account = customer.account_at("summit");
    let counts: (i64, i64, i64, i64) = on_pool!(&app.db, pool => {
        sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM customer_requests), (SELECT COUNT(*) FROM memberships), \
             (SELECT COUNT(*) FROM payments), (SELECT COUNT(*) FROM feedback)",
        )
        .fetch_one(pool)
        .await
        .unwrap()
    });
    json!({
        "counts": [counts.0, counts.1, counts.2, counts.3],
        "me": app.get_json("/api/v1/me", customer.token()).await,
        "users": app.get_json(&format!("/api/v1/accounts/{account}/users"), customer.token()).await,
    })
}

db_test!(every_write_route_of_the_spec_is_refused_to_a_view, |app| async move {
    let customer = app.login_demo().await;
    let account = customer.account_at("summit");
    let staff = app.login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
    let view = start_view(&app, staff.token(), &customer).await;
    let token = token_of(&view);
    let before = customer_state(&app, &customer).await;

    let operations = spec_operations(account, customer.body.user.id);
    let mut writes = 0;
    for (method, path) in &operations {
        let reading = ["GET", "HEAD", "OPTIONS"].contains(&method.as_str());
        let staff_only = ["/api/v1/admin/", "/api/v1/platform/", "/api/v1/integrations/", "/api/v1/oauth/"]
            .iter()
            .any(|prefix| path.starts_with(prefix));
        if path == "/api/v1/auth/view-as/end" || (reading && !staff_only) {
            continue;
        }
        writes += usize::from(!reading);
        let request = app
            .client
            .request(method.parse().unwrap(), app.url(path))
            .bearer_auth(token)
            .header("Idempotency-Key", Uuid::now_v7().to_string())
            .json(&json!({}));
        let response = request.send().await.unwrap();
        let status = response.status();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        assert_eq!(
            (status.as_u16(), &body["code"]),
            (403, &json!("read_only_view")),
            "{method} {path}: {body}"
        );
    }
    assert!(writes >= 50, "the spec's write routes were all tried: {writes} of {}", operations.len());
    assert_eq!(customer_state(&app, &customer).await, before, "nothing changed");
    // The view itself is still open: reads work.
    assert_eq!(app.get("/api/v1/me", token).await.status(), 200);
});

db_test!(exiting_ends_the_view_and_is_audited, |app| async move {
    let customer = app.login_demo().await;
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    let view = start_view(&app, admin.token(), &customer).await;
    let token = token_of(&view);
    assert_eq!(app.get("/api/v1/me", token).await.status(), 200);

    // Only a view's token ends a view.
    assert_problem(end_view(&app, admin.token()).await, 403, "forbidden").await;
    let response = end_view(&app, token).await;
    assert_eq!(response.status(), 204);
    let problem = assert_problem(app.get("/api/v1/me", token).await, 401, "view_ended").await;
    assert!(problem["detail"].as_str().unwrap().contains("Exit the view"));
    assert_problem(end_view(&app, token).await, 401, "view_ended").await;
    assert_problem(
        app.get(&format!("/api/v1/accounts/{}/rentals", customer.account_at("summit")), token).await,
        401,
        "view_ended",
    )
    .await;

    let exited = view_events(&app, admin.body.user.id, "view_as.exited").await;
    assert_eq!(exited.len(), 1, "audited once");
    assert_eq!(exited[0].0, Some(customer.account_at("summit")));
    assert_eq!(exited[0].1["user_id"], customer.body.user.id.to_string());
    assert_eq!(exited[0].1["view_id"], view["view"]["view_id"]);
    // The admin's own session and the customer's are untouched.
    assert_eq!(app.get("/api/v1/admin/requests", admin.token()).await.status(), 200);
    assert_eq!(app.get("/api/v1/me", customer.token()).await.status(), 200);
});

db_test!(
    a_view_ends_by_itself_and_the_expiry_is_audited_once,
    settings = |s| s.auth.view_as_secs = 1,
    |app| async move {
        let customer = app.login_demo().await;
        let staff = app.login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
        let view = start_view(&app, staff.token(), &customer).await;
        assert_eq!(view["expires_in"], 1);
        let token = token_of(&view);
        tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
        assert_problem(app.get("/api/v1/me", token).await, 401, "view_ended").await;
        assert_problem(app.get("/api/v1/me", token).await, 401, "view_ended").await;
        assert_problem(end_view(&app, token).await, 401, "view_ended").await;
        let expired = view_events(&app, staff.body.user.id, "view_as.expired").await;
        assert_eq!(expired.len(), 1, "audited once, however often it is noticed");
        assert_eq!(expired[0].1["view_id"], view["view"]["view_id"]);
        assert!(view_events(&app, staff.body.user.id, "view_as.exited").await.is_empty());

        // A view nobody comes back to is ended by the server's sweep, audited the same way.
        let unattended = start_view(&app, staff.token(), &customer).await;
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        let ended = api::services::view_as::end_overdue(&app.db, chrono::Utc::now()).await.unwrap();
        assert_eq!(ended, 1);
        assert_eq!(api::services::view_as::end_overdue(&app.db, chrono::Utc::now()).await.unwrap(), 0);
        let expired = view_events(&app, staff.body.user.id, "view_as.expired").await;
        assert_eq!(expired.len(), 2);
        assert_eq!(expired[1].1["view_id"], unattended["view"]["view_id"]);
        assert_problem(app.get("/api/v1/me", token_of(&unattended)).await, 401, "view_ended").await;
    }
);

db_test!(a_view_ends_when_its_staff_member_is_deactivated, |app| async move {
    let customer = app.login_demo().await;
    let staff = app.login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
    let view = start_view(&app, staff.token(), &customer).await;
    on_pool!(&app.db, pool => {
        sqlx::query("UPDATE users SET is_active = FALSE WHERE id = $1")
            .bind(staff.body.user.id)
            .execute(pool)
            .await
            .unwrap();
    });
    assert_problem(app.get("/api/v1/me", token_of(&view)).await, 401, "view_ended").await;
    assert_eq!(view_events(&app, staff.body.user.id, "view_as.revoked").await.len(), 1);
});

db_test!(views_stop_at_the_dealer_and_the_role, |app| async move {
    let customer = app.login_demo().await;
    let summit = customer.account_at("summit");
    let user = customer.body.user.id;
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;

    // Another dealer's admin: Summit's customer and user do not exist for them.
    let thames_admin = app.create_dealer_admin("thames").await;
    assert_problem(post_view(&app, &thames_admin, summit, user).await, 404, "not_found").await;
    // A user who is not one of this customer's portal users, unknown and malformed ids.
    let (_, other_customer) = app.create_other_customer_user("summit").await;
    assert_problem(post_view(&app, admin.token(), other_customer, user).await, 404, "not_found").await;
    assert_problem(post_view(&app, admin.token(), summit, admin.body.user.id).await, 404, "not_found").await;
    assert_problem(post_view(&app, admin.token(), Uuid::now_v7(), user).await, 404, "not_found").await;
    assert_problem(post_view(&app, admin.token(), summit, Uuid::now_v7()).await, 404, "not_found").await;
    let response = app
        .client
        .post(app.url(&format!("/api/v1/admin/customers/x/users/{user}/view-as")))
        .bearer_auth(admin.token());
    assert_problem(response.send().await.unwrap(), 404, "not_found").await;
    // A customer may not view anyone; a view may not open another; no token is 401.
    assert_problem(post_view(&app, customer.token(), summit, user).await, 403, "forbidden").await;
    let view = start_view(&app, admin.token(), &customer).await;
    assert_problem(post_view(&app, token_of(&view), summit, user).await, 403, "read_only_view").await;
    let anonymous = app.client.post(app.url(&view_path(summit, user))).send().await.unwrap();
    assert_problem(anonymous, 401, "unauthenticated").await;
    // Refused attempts open no view.
    assert_eq!(view_events(&app, admin.body.user.id, "view_as.started").await.len(), 1);

    // A deactivated portal user has nothing to view.
    on_pool!(&app.db, pool => {
        sqlx::query("UPDATE users SET is_active = FALSE WHERE id = $1").bind(user).execute(pool).await.unwrap();
    });
    assert_problem(post_view(&app, admin.token(), summit, user).await, 409, "conflict").await;
});
