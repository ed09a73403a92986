//! A platform operator works inside one dealer's admin view (H1): choosing the dealer opens
//! that dealer's admin and staff routes to them — scoped to it alone, another dealer's
//! records answer 404 — switching moves the wall, stopping closes the routes again (403),
//! `/me` says which dealer it is, and each step is in the dealers' audit logs. Only a
//! platform operator may choose.

use api::demo::{
    DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DEMO_OPERATOR_EMAIL, DEMO_OPERATOR_PASSWORD, DEMO_STAFF_EMAIL,
    DEMO_STAFF_PASSWORD,
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{TestApp, assert_problem, on_pool};
use crate::requests::{file_call_off, lines_in};

const ACTING: &str = "/api/v1/platform/acting-dealer";

async fn put_acting(app: &TestApp, token: &str, body: &Value) -> reqwest::Response {
    app.client.put(app.url(ACTING)).bearer_auth(token).json(body).send().await.unwrap()
}

async fn delete_acting(app: &TestApp, token: &str) -> reqwest::Response {
    app.client.delete(app.url(ACTING)).bearer_auth(token).send().await.unwrap()
}

/// The dealers' ids by slug, as the picker gets them.
async fn dealer_ids(app: &TestApp, operator: &str) -> (Uuid, Uuid) {
    let dealers = app.get_json("/api/v1/platform/dealers", operator).await;
    let id_of = |slug: &str| -> Uuid {
        let dealer = dealers.as_array().unwrap().iter().find(|d| d["slug"] == slug).expect("listed");
        dealer["id"].as_str().unwrap().parse().unwrap()
    };
    (id_of("summit"), id_of("thames"))
}

/// The ids of the requests in the inbox as `token` sees it.
async fn inbox_ids(app: &TestApp, token: &str) -> Vec<String> {
    let inbox = app.get_json("/api/v1/admin/requests?status=all", token).await;
    inbox["items"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()).collect()
}

/// The dealer of each customer the admin customer list shows `token` (all of them, one page).
async fn dealers_of_listed_customers(app: &TestApp, token: &str) -> Vec<Uuid> {
    let page = app.get_json("/api/v1/admin/customers?per_page=200", token).await;
    assert!(page["total"].as_u64().unwrap() > 0, "the dealer has customers");
    let mut dealers = Vec::new();
    for row in page["items"].as_array().unwrap() {
        let id: Uuid = row["customer_id"].as_str().unwrap().parse().unwrap();
        let dealer: Uuid = on_pool!(&app.db, pool => {
            sqlx::query_scalar("SELECT dealer_id FROM customers WHERE id = $1")
                .bind(id)
                .fetch_one(pool)
                .await
                .unwrap()
        });
        if !dealers.contains(&dealer) {
            dealers.push(dealer);
        }
    }
    dealers
}

fn acting_of(me: &Value) -> Value {
    me["user"]["acting_dealer"].clone()
}

db_test!(an_operator_works_in_the_chosen_dealers_admin_view_and_nothing_else, |app| async move {
    // One request at each dealer, from the demo customer's accounts there.
    let customer = app.login_demo().await;
    let summit_account = customer.account_at("summit");
    let thames_account = customer.account_at("thames");
    let summit_line = lines_in(&app, summit_account, "out").await[0].0;
    let thames_line = lines_in(&app, thames_account, "out").await[0].0;
    let at_summit = file_call_off(&app, customer.token(), summit_account, &[summit_line]).await;
    let at_thames = file_call_off(&app, customer.token(), thames_account, &[thames_line]).await;
    let summit_request = at_summit["id"].as_str().unwrap().to_string();
    let thames_request = at_thames["id"].as_str().unwrap().to_string();

    let session = app.login(DEMO_OPERATOR_EMAIL, DEMO_OPERATOR_PASSWORD).await;
    assert_eq!(session.body.user.role, shared::auth::UserRole::PlatformAdmin);
    assert_eq!(session.body.user.acting_dealer, None);
    let operator = session.token().to_string();
    let operator_id = session.body.user.id;
    let (summit, thames) = dealer_ids(&app, &operator).await;

    // Acting for no dealer: the dealer's routes are closed, as before.
    assert_eq!(acting_of(&app.get_json("/api/v1/me", &operator).await), Value::Null);
    for path in ["/api/v1/admin/requests", "/api/v1/admin/customers", "/api/v1/admin/staff"] {
        assert_problem(app.get(path, &operator).await, 403, "forbidden").await;
    }

    // Summit: its inbox, customers and staff, and nothing of Thames.
    let response = put_acting(&app, &operator, &json!({ "dealer_id": summit })).await;
    assert_eq!(response.status(), 200);
    let chosen: Value = response.json().await.unwrap();
    assert_eq!(chosen, json!({ "id": summit, "slug": "summit", "name": "Summit Equipment Rentals" }));
    assert_eq!(acting_of(&app.get_json("/api/v1/me", &operator).await), chosen);
    // A new sign-in carries it too: the choice is the user's, not the session's.
    let again = app.login(DEMO_OPERATOR_EMAIL, DEMO_OPERATOR_PASSWORD).await;
    assert_eq!(again.body.user.acting_dealer.map(|d| d.id), Some(summit));

    assert_eq!(inbox_ids(&app, &operator).await, [summit_request.as_str()]);
    assert_eq!(app.get(&format!("/api/v1/admin/requests/{summit_request}"), &operator).await.status(), 200);
    assert_problem(
        app.get(&format!("/api/v1/admin/requests/{thames_request}"), &operator).await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(dealers_of_listed_customers(&app, &operator).await, [summit]);
    assert_eq!(app.get(&format!("/api/v1/admin/customers/{summit_account}"), &operator).await.status(), 200);
    assert_problem(
        app.get(&format!("/api/v1/admin/customers/{thames_account}"), &operator).await,
        404,
        "not_found",
    )
    .await;
    let staff = app.get_json("/api/v1/admin/staff", &operator).await;
    let emails: Vec<&str> = staff.as_array().unwrap().iter().map(|s| s["email"].as_str().unwrap()).collect();
    assert!(emails.contains(&DEMO_STAFF_EMAIL) && emails.contains(&DEMO_ADMIN_EMAIL), "{emails:?}");
    assert!(!emails.contains(&DEMO_OPERATOR_EMAIL), "the operator is no member of the dealer's staff");
    let branding = app.get_json("/api/v1/admin/branding", &operator).await;
    assert_eq!(branding["name"], "Summit Equipment Rentals");

    // Switching to Thames moves the wall with it.
    assert_eq!(put_acting(&app, &operator, &json!({ "dealer_id": thames })).await.status(), 200);
    assert_eq!(acting_of(&app.get_json("/api/v1/me", &operator).await)["id"], thames.to_string());
    assert_eq!(inbox_ids(&app, &operator).await, [thames_request.as_str()]);
    assert_problem(
        app.get(&format!("/api/v1/admin/requests/{summit_request}"), &operator).await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(dealers_of_listed_customers(&app, &operator).await, [thames]);

    // Stopping closes the dealer's routes again; stopping twice is harmless.
    assert_eq!(delete_acting(&app, &operator).await.status(), 204);
    assert_eq!(acting_of(&app.get_json("/api/v1/me", &operator).await), Value::Null);
    assert_problem(app.get("/api/v1/admin/requests", &operator).await, 403, "forbidden").await;
    assert_eq!(delete_acting(&app, &operator).await.status(), 204);

    // Each dealer's log shows the operator coming and going.
    let dealers_of = |events: Vec<(Option<Uuid>, Value)>| -> Vec<Option<Uuid>> {
        events.into_iter().map(|(dealer, _)| dealer).collect()
    };
    assert_eq!(
        dealers_of(app.audit_events(operator_id, "platform.acting_dealer_started").await),
        [Some(summit), Some(thames)]
    );
    assert_eq!(
        dealers_of(app.audit_events(operator_id, "platform.acting_dealer_stopped").await),
        [Some(summit), Some(thames)]
    );
    let summit_admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    let log =
        app.get_json("/api/v1/admin/audit?action=platform.acting_dealer_started", summit_admin.token()).await;
    assert_eq!(log["total"], 1, "Summit's admin sees the operator's visit to Summit only: {log}");
});

db_test!(acting_for_a_dealer_keeps_user_administration_inside_it, |app| async move {
    // A customer user of Thames only.
    let (email, _) = app.create_other_customer_user("thames").await;
    let thames_user = app.user_id(&email).await;
    let session = app.login(DEMO_OPERATOR_EMAIL, DEMO_OPERATOR_PASSWORD).await;
    let operator = session.token().to_string();
    let (summit, _) = dealer_ids(&app, &operator).await;

    // Acting for no dealer, the operator administers every dealer's users, as before.
    assert_eq!(app.post_unlock(thames_user, &operator).await.status(), 204);
    // Acting for Summit, only Summit's.
    assert_eq!(put_acting(&app, &operator, &json!({ "dealer_id": summit })).await.status(), 200);
    assert_problem(app.post_unlock(thames_user, &operator).await, 404, "not_found").await;
});

db_test!(only_a_platform_operator_chooses_a_dealer_to_act_for, |app| async move {
    let operator = app.login(DEMO_OPERATOR_EMAIL, DEMO_OPERATOR_PASSWORD).await.token().to_string();
    let (summit, thames) = dealer_ids(&app, &operator).await;

    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    let staff = app.login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
    let customer = app.login_demo().await;
    for token in [admin.token(), staff.token(), customer.token()] {
        assert_problem(put_acting(&app, token, &json!({ "dealer_id": thames })).await, 403, "forbidden")
            .await;
        assert_problem(delete_acting(&app, token).await, 403, "forbidden").await;
    }
    let anonymous =
        app.client.put(app.url(ACTING)).json(&json!({ "dealer_id": summit })).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);

    // An unknown dealer: 404, and nothing chosen.
    assert_problem(
        put_acting(&app, &operator, &json!({ "dealer_id": Uuid::now_v7() })).await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(acting_of(&app.get_json("/api/v1/me", &operator).await), Value::Null);

    // A row for a dealer admin (never written by the API) changes nothing: their own
    // dealer stays theirs, and /me shows no acting dealer.
    on_pool!(&app.db, pool => {
        sqlx::query("INSERT INTO platform_acting_dealers (user_id, dealer_id, started_at) VALUES ($1, $2, $3)")
            .bind(admin.body.user.id)
            .bind(thames)
            .bind(chrono::Utc::now())
            .execute(pool)
            .await
            .unwrap();
    });
    assert_eq!(acting_of(&app.get_json("/api/v1/me", admin.token()).await), Value::Null);
    assert_eq!(dealers_of_listed_customers(&app, admin.token()).await, [summit]);
});
