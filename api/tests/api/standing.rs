//! Access follows what the database says now, not what a still-valid token said when it was
//! issued: demoted or deactivated users lose access at once, and the rules that keep an
//! account owned and a login phone unique hold under concurrent requests.

use api::demo::{DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD};
use serde_json::json;
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{TestApp, assert_problem, on_pool};

async fn set_user(app: &TestApp, id: Uuid, sql: &'static str) {
    on_pool!(&app.db, pool => {
        sqlx::query(sql).bind(id).execute(pool).await.expect("fixture update");
    });
}

db_test!(a_demoted_or_deactivated_staff_token_stops_working_at_once, |app| async move {
    let customer = app.login_demo().await;
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    let staff = app.login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
    let invitations = &format!("/api/v1/admin/customers/{}/invitations", customer.account_at("summit"));
    let inbox = "/api/v1/admin/requests";
    assert_eq!(app.get(inbox, admin.token()).await.status(), 200);
    assert_eq!(app.get(inbox, staff.token()).await.status(), 200);
    assert_eq!(app.get(invitations, admin.token()).await.status(), 200, "an admin's route");

    // The admin becomes staff: admin routes close, the inbox (staff work) stays open.
    set_user(&app, admin.body.user.id, "UPDATE users SET role = 'dealer_staff' WHERE id = $1").await;
    assert_problem(app.get(invitations, admin.token()).await, 403, "forbidden").await;
    assert_problem(app.get(inbox, admin.token()).await, 403, "forbidden").await;

    // A deactivated staff login: nothing staff-side answers to its token any more.
    set_user(&app, staff.body.user.id, "UPDATE users SET is_active = FALSE WHERE id = $1").await;
    assert_problem(app.get(inbox, staff.token()).await, 403, "forbidden").await;
});

db_test!(a_deactivated_customer_login_loses_its_accounts_at_once, |app| async move {
    let customer = app.login_demo().await;
    let contracts = format!("/api/v1/accounts/{}/contracts", customer.account_at("summit"));
    assert_eq!(app.get(&contracts, customer.token()).await.status(), 200);
    set_user(&app, customer.body.user.id, "UPDATE users SET is_active = FALSE WHERE id = $1").await;
    assert_problem(app.get(&contracts, customer.token()).await, 404, "not_found").await;
});

async fn owners(app: &TestApp, account: Uuid) -> i64 {
    on_pool!(&app.db, pool => {
        sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM memberships WHERE customer_id = $1 AND role = 'owner'",
        )
        .bind(account)
        .fetch_one(pool)
        .await
        .expect("owners")
    })
}

db_test!(two_owners_demoting_each_other_at_once_leave_one_owner, |app| async move {
    let first = app.login_demo().await;
    let account = first.account_at("summit");
    let (second_email, _) = app.create_other_customer_user("summit").await;
    let second = app.login(&second_email, crate::helpers::OTHER_PASSWORD).await;
    let second_id = second.body.user.id;
    on_pool!(&app.db, pool => {
        sqlx::query(
            "INSERT INTO memberships (id, user_id, customer_id, role, can_view, can_pay, \
             can_call_off, can_order, created_at) VALUES ($1, $2, $3, 'owner', TRUE, TRUE, TRUE, TRUE, $4)",
        )
        .bind(Uuid::now_v7())
        .bind(second_id)
        .bind(account)
        .bind(chrono::Utc::now())
        .execute(pool)
        .await
        .expect("second owner");
    });
    let demote = |token: String, user: Uuid| {
        let client = app.client.clone();
        let url = app.url(&format!("/api/v1/accounts/{account}/users/{user}"));
        async move {
            client
                .patch(url)
                .bearer_auth(token)
                .json(&json!({ "role": "member" }))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    for round in 0..12 {
        on_pool!(&app.db, pool => {
            sqlx::query("UPDATE memberships SET role = 'owner' WHERE customer_id = $1")
                .bind(account)
                .execute(pool)
                .await
                .expect("reset owners");
        });
        let (a, b) = tokio::join!(
            demote(first.token().to_string(), second_id),
            demote(second.token().to_string(), first.body.user.id),
        );
        let mut statuses = [a.as_u16(), b.as_u16()];
        statuses.sort_unstable();
        assert_eq!(owners(&app, account).await, 1, "round {round}: {statuses:?}");
        assert_eq!(statuses[0], 200, "round {round}: one demotion goes through");
        assert!(matches!(statuses[1], 403 | 409), "round {round}: the other is refused: {statuses:?}");
    }
});

db_test!(two_users_claiming_one_login_phone_at_once_get_it_once, |app| async move {
    let first = app.login_demo().await;
    let (second_email, _) = app.create_other_customer_user("summit").await;
    let second = app.login(&second_email, crate::helpers::OTHER_PASSWORD).await;
    let phone = "(720) 555-0142";
    let claim = |token: String| {
        let client = app.client.clone();
        let url = app.url("/api/v1/me");
        async move {
            client
                .patch(url)
                .bearer_auth(token)
                .json(&json!({ "phone": phone }))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    let (a, b) = tokio::join!(claim(first.token().to_string()), claim(second.token().to_string()));
    let holders: i64 = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM users WHERE phone_normalized = $1")
            .bind("7205550142")
            .fetch_one(pool)
            .await
            .expect("holders")
    });
    assert_eq!(holders, 1, "{a} / {b}");
    let mut statuses = [a.as_u16(), b.as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 422]);
});
