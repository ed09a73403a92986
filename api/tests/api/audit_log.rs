//! The dealer's audit log (H12): customer actions (sign-in, call-off) and admin actions alike,
//! with actor, customer and user acted on; filters by who, action, customer, user and the
//! dealer's days; one event in full; CSV of the filtered view; the dealer's own log only.

use api::demo::{DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DEMO_CUSTOMER_EMAIL};
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::{TestApp, assert_problem, parse_csv};
use crate::requests::{create_staff, fields, file_call_off, lines_in};
use crate::staff::invite;

/// Today at the demo dealer (Denver).
fn denver_today() -> chrono::NaiveDate {
    chrono::Utc::now().with_timezone(&chrono_tz::America::Denver).date_naive()
}

async fn log(app: &TestApp, token: &str, query: &str) -> Value {
    app.get_json(&format!("/api/v1/admin/audit?per_page=200&{query}"), token).await
}

fn actions(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap().to_string()).collect()
}

/// A customer signs in and calls off, an admin invites a member of staff: one each.
async fn some_history(app: &TestApp) -> (String, Value, String) {
    let customer = app.login_demo().await;
    let account = customer.account_at("summit");
    let out = lines_in(app, account, "out").await;
    file_call_off(app, customer.token(), account, &[out[0].0]).await;
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await.body.access_token;
    let response = invite(
        app,
        &admin,
        json!({ "email": "audited@summit.example", "display_name": "Audited Hire", "role": "dealer_staff" }),
    )
    .await;
    assert_eq!(response.status(), 201);
    let invited: Value = response.json().await.unwrap();
    (admin, invited, account.to_string())
}

db_test!(the_log_names_who_did_what_to_whom, |app| async move {
    let (admin, invited, account) = some_history(&app).await;
    let customer_id = app.user_id(DEMO_CUSTOMER_EMAIL).await.to_string();
    let admin_id = app.user_id(DEMO_ADMIN_EMAIL).await.to_string();
    let page = log(&app, &admin, "").await;
    let all = actions(&page);
    for action in ["auth.login", "request.created", "admin.staff_invited"] {
        assert!(all.contains(&action.to_string()), "{action} in {all:?}");
    }
    // Newest first.
    assert_eq!(all[0], "admin.staff_invited", "{all:?}");
    assert_eq!(all[1], "auth.login", "the admin's own sign-in came just before: {all:?}");

    // The customer's sign-in (recorded for no dealer) shows in the dealer's log.
    let logins = log(&app, &admin, &format!("action=auth.login&actor_user_id={customer_id}")).await;
    assert_eq!(logins["total"], 1);
    assert_eq!(logins["items"][0]["actor"]["email"], DEMO_CUSTOMER_EMAIL);

    // The call-off names the customer account.
    let by_customer = log(&app, &admin, &format!("customer_id={account}")).await;
    assert!(actions(&by_customer).contains(&"request.created".to_string()));
    assert!(by_customer["items"].as_array().unwrap().iter().all(|e| e["customer"]["id"] == account.as_str()));

    // The invitation names the admin and whom they invited.
    let target = invited["id"].as_str().unwrap();
    let done_to = log(&app, &admin, &format!("target_user_id={target}")).await;
    assert_eq!(actions(&done_to), ["admin.staff_invited"]);
    let entry = &done_to["items"][0];
    assert_eq!(entry["actor"]["id"], admin_id.as_str());
    assert_eq!(entry["target_user"]["email"], "audited@summit.example");

    // The detail has everything recorded.
    let detail =
        app.get_json(&format!("/api/v1/admin/audit/{}", entry["id"].as_str().unwrap()), &admin).await;
    assert_eq!(detail["action"], "admin.staff_invited");
    assert_eq!(detail["details"]["email"], "audited@summit.example");
    assert_eq!(detail["details"]["role"], "dealer_staff");
    assert!(detail.get("ip").is_some() && detail.get("user_agent").is_some());

    // Days are the dealer's: today holds everything, tomorrow nothing.
    let today = denver_today();
    let tomorrow = today.succ_opt().unwrap();
    assert_eq!(log(&app, &admin, &format!("from={today}&to={today}")).await["total"], page["total"]);
    assert_eq!(log(&app, &admin, &format!("from={tomorrow}")).await["total"], 0);

    // The actions filter lists what occurs.
    let known: Vec<String> =
        serde_json::from_value(app.get_json("/api/v1/admin/audit/actions", &admin).await).unwrap();
    assert!(
        known.contains(&"request.created".to_string()) && known.contains(&"admin.staff_invited".to_string())
    );

    // Paging.
    let first = log(&app, &admin, "").await;
    let page_of_one = app.get_json("/api/v1/admin/audit?per_page=1&page=2", &admin).await;
    assert_eq!(page_of_one["items"][0]["id"], first["items"][1]["id"]);
});

db_test!(the_log_is_the_dealers_own_and_for_admins_only, |app| async move {
    let (admin, invited, _) = some_history(&app).await;
    let target = invited["id"].as_str().unwrap();
    let summit_event = log(&app, &admin, &format!("target_user_id={target}")).await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();

    let thames = app.create_dealer_admin("thames").await;
    assert_problem(app.get(&format!("/api/v1/admin/audit/{summit_event}"), &thames).await, 404, "not_found")
        .await;
    let theirs = log(&app, &thames, "").await;
    assert!(theirs["items"].as_array().unwrap().iter().all(|e| e["id"] != summit_event.as_str()));
    assert!(!actions(&theirs).contains(&"admin.staff_invited".to_string()));
    assert!(!actions(&theirs).contains(&"request.created".to_string()), "summit's call-off: {theirs}");
    let csv = app.client.get(app.url("/api/v1/admin/audit.csv")).bearer_auth(&thames).send().await.unwrap();
    assert!(!csv.text().await.unwrap().contains("audited@summit.example"));

    let staff_email = create_staff(&app, "summit").await;
    let staff = app.login(&staff_email, crate::helpers::OTHER_PASSWORD).await;
    let customer = app.login_demo().await;
    for token in [staff.token(), customer.token()] {
        assert_problem(app.get("/api/v1/admin/audit", token).await, 403, "forbidden").await;
        assert_problem(app.get("/api/v1/admin/audit.csv", token).await, 403, "forbidden").await;
        assert_problem(
            app.get(&format!("/api/v1/admin/audit/{summit_event}"), token).await,
            403,
            "forbidden",
        )
        .await;
    }
    assert_problem(app.get("/api/v1/admin/audit", "").await, 401, "unauthenticated").await;

    // Bad filters name each field.
    let problem = assert_problem(
        app.get(
            "/api/v1/admin/audit?actor_user_id=me&customer_id=1&from=yesterday&to=2026-13-01&per_page=0",
            &admin,
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["actor_user_id", "customer_id", "from", "to", "per_page"]);
    let problem = assert_problem(
        app.get("/api/v1/admin/audit?from=2026-03-02&to=2026-03-01", &admin).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["to"]);
});

db_test!(the_csv_is_the_filtered_view, |app| async move {
    let (admin, _, account) = some_history(&app).await;
    let filtered = log(&app, &admin, &format!("customer_id={account}")).await;
    let response = app
        .client
        .get(app.url(&format!("/api/v1/admin/audit.csv?customer_id={account}")))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let rows = parse_csv(&response.text().await.unwrap());
    assert_eq!(rows[0][0], "When (UTC)");
    assert_eq!(rows[0].len(), 12);
    assert_eq!(rows.len() as u64 - 1, filtered["total"].as_u64().unwrap());
    assert!(rows[1..].iter().any(|r| r[1] == "request.created"));
    let problem = assert_problem(
        app.get("/api/v1/admin/audit.csv?target_user_id=x", &admin).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&problem), ["target_user_id"]);
});
