//! Account lockout after failed logins, unlocking by admins, and per-client rate limits.

use api::demo::{
    DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD, DEMO_STAFF_EMAIL,
    DEMO_STAFF_PASSWORD,
};
use reqwest::header::RETRY_AFTER;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::account::{post_admin_reset, temporary_password_in};
use crate::db_test;
use crate::helpers::{OTHER_PASSWORD, TestApp, assert_problem, on_pool};
use crate::password_reset::wait_for_mail;

const WRONG: &str = "not-the-password";

/// Fails `times` logins of `login` and checks each answered the usual 401.
async fn fail_logins(app: &TestApp, login: &str, times: usize) {
    for _ in 0..times {
        assert_problem(app.post_login(login, WRONG).await, 401, "invalid_credentials").await;
    }
}

async fn problem_body(response: reqwest::Response) -> (u16, Option<String>, Value) {
    let status = response.status().as_u16();
    let content_type =
        response.headers().get("content-type").and_then(|v| v.to_str().ok()).map(str::to_string);
    (status, content_type, response.json().await.expect("json"))
}

/// A platform admin (no dealer), created for the test; returns the login email.
pub(crate) async fn create_platform_admin(app: &TestApp) -> String {
    let email = format!("platform-{}@rental-portal.example", Uuid::now_v7().simple());
    let hasher = api::auth::PasswordHasher::new(1).expect("hasher");
    let user = api::db::users::NewUser {
        id: api::ids::UserId::new(Uuid::now_v7()),
        email: email.clone(),
        phone_normalized: None,
        display_name: "Pat Platform".into(),
        password_hash: Some(hasher.hash(OTHER_PASSWORD.into()).await.expect("hash")),
        role: shared::auth::UserRole::PlatformAdmin,
        dealer_id: None,
    };
    api::db::users::insert(&app.db, &user, chrono::Utc::now()).await.expect("insert admin");
    email
}

db_test!(
    consecutive_failures_lock_and_a_success_resets_the_count,
    settings = |s| s.auth.lockout_threshold = 3,
    |app| async move {
        let demo = app.user_id(DEMO_CUSTOMER_EMAIL).await;
        fail_logins(&app, DEMO_CUSTOMER_EMAIL, 2).await;
        assert_eq!(app.lock_state(demo).await, (false, 2));
        let earlier_session = app.login_demo().await;
        assert_eq!(app.lock_state(demo).await, (false, 0), "a success resets the count");

        fail_logins(&app, DEMO_CUSTOMER_EMAIL, 2).await;
        assert_eq!(app.lock_state(demo).await, (false, 2), "not consecutive: no lock yet");
        fail_logins(&app, DEMO_CUSTOMER_EMAIL, 1).await;
        assert_eq!(app.lock_state(demo).await, (true, 3));

        let locked = app.audit_events(demo, "auth.locked").await;
        assert_eq!(locked.len(), 1, "{locked:?}");
        assert_eq!(locked[0].1, json!({ "failed_logins": 3 }));
        assert_eq!(app.audit_actions(demo).await.first().map(String::as_str), Some("auth.locked"));

        // Further failures do not lock (or audit the lock) again.
        fail_logins(&app, DEMO_CUSTOMER_EMAIL, 2).await;
        assert_eq!(app.audit_events(demo, "auth.locked").await.len(), 1);
        // A locked account's refresh cookie no longer works either.
        assert_problem(app.post_refresh(&earlier_session.refresh_cookie).await, 401, "token_invalid").await;
    }
);

db_test!(
    locked_login_answers_exactly_like_a_wrong_password,
    settings = |s| s.auth.lockout_threshold = 2,
    |app| async move {
        fail_logins(&app, DEMO_CUSTOMER_EMAIL, 2).await;
        let right = problem_body(app.post_login(DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD).await).await;
        let wrong = problem_body(app.post_login(DEMO_CUSTOMER_EMAIL, WRONG).await).await;
        let unknown = problem_body(app.post_login("nobody@nowhere.example", WRONG).await).await;
        assert_eq!(right.0, 401);
        assert_eq!(right.2["code"], "invalid_credentials");
        assert_eq!(right, wrong, "the right password on a locked account reveals nothing");
        assert_eq!(right, unknown);
        // By phone too.
        assert_problem(
            app.post_login("303 555 0199", DEMO_CUSTOMER_PASSWORD).await,
            401,
            "invalid_credentials",
        )
        .await;
    }
);

db_test!(
    dealer_admin_unlocks_a_customer_of_their_dealer,
    settings = |s| s.auth.lockout_threshold = 2,
    |app| async move {
        let demo = app.user_id(DEMO_CUSTOMER_EMAIL).await;
        fail_logins(&app, DEMO_CUSTOMER_EMAIL, 2).await;
        assert_eq!(app.lock_state(demo).await, (true, 2));

        let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
        let response = app.post_unlock(demo, admin.token()).await;
        assert_eq!(response.status(), 204);
        assert_eq!(app.lock_state(demo).await, (false, 0));
        app.login_demo().await;

        let admin_id = admin.body.user.id;
        let dealer = admin.body.user.dealer_id.expect("dealer admin has a dealer");
        let events = app.audit_events(admin_id, "admin.user_unlocked").await;
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].0, Some(dealer));
        assert_eq!(events[0].1, json!({ "target_user_id": demo, "dealer_id": dealer }));

        // Unlocking again is harmless.
        assert_eq!(app.post_unlock(demo, admin.token()).await.status(), 204);
    }
);

db_test!(only_admins_may_unlock, settings = |s| s.auth.lockout_threshold = 2, |app| async move {
    let (other_email, _) = app.create_other_customer_user("summit").await;
    let other = app.user_id(&other_email).await;
    fail_logins(&app, &other_email, 2).await;

    let customer = app.login_demo().await;
    assert_problem(app.post_unlock(other, customer.token()).await, 403, "forbidden").await;
    let anonymous =
        app.client.post(app.url(&format!("/api/v1/admin/users/{other}/unlock"))).send().await.unwrap();
    assert_problem(anonymous, 401, "unauthenticated").await;
    assert_eq!(app.lock_state(other).await, (true, 2), "still locked");
    assert!(app.audit_events(customer.body.user.id, "admin.user_unlocked").await.is_empty());
});

db_test!(
    dealer_admin_cannot_reach_users_of_other_dealers,
    settings = |s| s.auth.lockout_threshold = 2,
    |app| async move {
        // A customer user whose only account is at Thames, locked out.
        let (thames_email, _) = app.create_other_customer_user("thames").await;
        let thames_user = app.user_id(&thames_email).await;
        fail_logins(&app, &thames_email, 2).await;

        let summit_admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
        let foreign = app.post_unlock(thames_user, summit_admin.token()).await;
        let foreign = assert_problem(foreign, 404, "not_found").await;
        let missing = app.post_unlock(Uuid::now_v7(), summit_admin.token()).await;
        assert_eq!(assert_problem(missing, 404, "not_found").await, foreign, "foreign looks like missing");
        let malformed = app
            .client
            .post(app.url("/api/v1/admin/users/not-a-uuid/unlock"))
            .bearer_auth(summit_admin.token())
            .send()
            .await
            .unwrap();
        assert_problem(malformed, 404, "not_found").await;
        // Another admin is no customer of Summit either.
        let admin_id = summit_admin.body.user.id;
        assert_problem(app.post_unlock(admin_id, summit_admin.token()).await, 404, "not_found").await;
        assert_eq!(app.lock_state(thames_user).await, (true, 2));
        assert!(app.audit_events(admin_id, "admin.user_unlocked").await.is_empty());

        // A platform admin may unlock anyone.
        let platform = app.login(&create_platform_admin(&app).await, OTHER_PASSWORD).await;
        assert_eq!(app.post_unlock(thames_user, platform.token()).await.status(), 204);
        app.login(&thames_email, OTHER_PASSWORD).await;
        let events = app.audit_events(platform.body.user.id, "admin.user_unlocked").await;
        assert_eq!(events, [(None, json!({ "target_user_id": thames_user, "dealer_id": null }))]);
    }
);

db_test!(
    login_rate_limit_answers_429_with_retry_after,
    settings = |s| {
        s.rate_limit.login_per_minute = 3;
        s.rate_limit.login_burst = 3;
    },
    |app| async move {
        let demo = app.user_id(DEMO_CUSTOMER_EMAIL).await;
        fail_logins(&app, DEMO_CUSTOMER_EMAIL, 3).await;
        // Even the right password is refused now, before any password work.
        let limited = app.post_login(DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD).await;
        let retry_after: u64 = limited
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
            .expect("Retry-After in whole seconds");
        assert!((1..=20).contains(&retry_after), "one attempt per 20 s: {retry_after}");
        let body = assert_problem(limited, 429, "rate_limited").await;
        assert!(body["detail"].as_str().unwrap_or_default().contains("seconds"), "{body}");
        assert_eq!(app.lock_state(demo).await, (false, 3), "a refused attempt is not a failed login");
        // The budget is the address's, whatever login it tries.
        assert_problem(app.post_login("nobody@nowhere.example", WRONG).await, 429, "rate_limited").await;
    }
);

db_test!(
    refresh_is_rate_limited_on_its_own_budget,
    settings = |s| s.rate_limit.refresh_per_minute = 2,
    |app| async move {
        for _ in 0..2 {
            assert_problem(app.post_refresh("made-up-token").await, 401, "token_invalid").await;
        }
        let limited = app.post_refresh("made-up-token").await;
        assert!(limited.headers().contains_key(RETRY_AFTER));
        assert_problem(limited, 429, "rate_limited").await;
        // Login has a budget of its own.
        app.login_demo().await;
    }
);

db_test!(
    forwarded_for_is_ignored_unless_trusted,
    settings = |s| {
        s.rate_limit.login_per_minute = 1;
        s.rate_limit.login_burst = 1;
    },
    |app| async move {
        for (n, client) in ["203.0.113.1", "203.0.113.2"].into_iter().enumerate() {
            let response = app
                .client
                .post(app.url("/api/v1/auth/login"))
                .header("X-Forwarded-For", client)
                .json(&json!({ "login": DEMO_CUSTOMER_EMAIL, "password": WRONG }))
                .send()
                .await
                .unwrap();
            let expected = if n == 0 { (401, "invalid_credentials") } else { (429, "rate_limited") };
            assert_problem(response, expected.0, expected.1).await;
        }
    }
);

db_test!(
    trusted_forwarded_for_gives_each_client_its_budget,
    settings = |s| {
        s.server.trust_forwarded_for = true;
        s.rate_limit.login_per_minute = 1;
        s.rate_limit.login_burst = 1;
    },
    |app| async move {
        let attempt = |forwarded: &'static str| {
            app.client
                .post(app.url("/api/v1/auth/login"))
                .header("X-Forwarded-For", forwarded)
                .json(&json!({ "login": DEMO_CUSTOMER_EMAIL, "password": WRONG }))
                .send()
        };
        assert_problem(attempt("203.0.113.1").await.unwrap(), 401, "invalid_credentials").await;
        assert_problem(attempt("203.0.113.2").await.unwrap(), 401, "invalid_credentials").await;
        // The proxy appends the real client last; what the client wrote before it is ignored.
        assert_problem(attempt("198.51.100.9, 203.0.113.1").await.unwrap(), 429, "rate_limited").await;
    }
);

/// A staff user of the dealer with this slug, created for the test; returns the login email.
async fn create_staff(app: &TestApp, dealer_slug: &str) -> String {
    let dealer: Uuid = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT id FROM dealers WHERE slug = $1").bind(dealer_slug).fetch_one(pool).await.unwrap()
    });
    let email = format!("staff-{}@{dealer_slug}.example", Uuid::now_v7().simple());
    let hasher = api::auth::PasswordHasher::new(1).expect("hasher");
    let user = api::db::users::NewUser {
        id: api::ids::UserId::new(Uuid::now_v7()),
        email: email.clone(),
        phone_normalized: None,
        display_name: "Sam Staff".into(),
        password_hash: Some(hasher.hash(OTHER_PASSWORD.into()).await.expect("hash")),
        role: shared::auth::UserRole::DealerStaff,
        dealer_id: Some(api::ids::DealerId::new(dealer)),
    };
    api::db::users::insert(&app.db, &user, chrono::Utc::now()).await.expect("insert staff");
    email
}

db_test!(
    dealer_admin_unlocks_and_resets_their_own_staff,
    settings = |s| s.auth.lockout_threshold = 2,
    |app| async move {
        let staff = app.user_id(DEMO_STAFF_EMAIL).await;
        fail_logins(&app, DEMO_STAFF_EMAIL, 2).await;
        assert_eq!(app.lock_state(staff).await, (true, 2));

        let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
        let dealer = admin.body.user.dealer_id.expect("dealer admin has a dealer");
        assert_eq!(app.post_unlock(staff, admin.token()).await.status(), 204);
        assert_eq!(app.lock_state(staff).await, (false, 0));
        app.login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
        let events = app.audit_events(admin.body.user.id, "admin.user_unlocked").await;
        assert_eq!(events, [(Some(dealer), json!({ "target_user_id": staff, "dealer_id": dealer }))]);

        // Locked again, then reset: the temporary password goes to the staff member.
        fail_logins(&app, DEMO_STAFF_EMAIL, 2).await;
        assert_eq!(post_admin_reset(&app, staff, admin.token()).await.status(), 204);
        assert_eq!(app.lock_state(staff).await, (false, 0), "a reset lifts the lock");
        let email = wait_for_mail(&app, "temporary_password", DEMO_STAFF_EMAIL).await;
        let temporary = temporary_password_in(email["body_text"].as_str().unwrap());
        assert_problem(
            app.post_login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await,
            401,
            "invalid_credentials",
        )
        .await;
        let signed_in = app.login(DEMO_STAFF_EMAIL, &temporary).await;
        assert!(signed_in.body.user.must_change_password);
        let events = app.audit_events(admin.body.user.id, "admin.password_reset").await;
        assert_eq!(events, [(Some(dealer), json!({ "target_user_id": staff, "dealer_id": dealer }))]);
    }
);

db_test!(
    dealer_admin_cannot_reach_other_dealers_staff_nor_admins,
    settings = |s| s.auth.lockout_threshold = 2,
    |app| async move {
        let thames_email = create_staff(&app, "thames").await;
        let thames_staff = app.user_id(&thames_email).await;
        fail_logins(&app, &thames_email, 2).await;
        let platform_email = create_platform_admin(&app).await;
        let platform_user = app.user_id(&platform_email).await;
        let summit_admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
        let other_summit_admin =
            app.get_json("/api/v1/me", &app.create_dealer_admin("summit").await).await["user"]["id"]
                .as_str()
                .unwrap()
                .parse::<Uuid>()
                .unwrap();

        let missing =
            assert_problem(app.post_unlock(Uuid::now_v7(), summit_admin.token()).await, 404, "not_found")
                .await;
        for target in [thames_staff, platform_user, other_summit_admin, summit_admin.body.user.id] {
            let unlock =
                assert_problem(app.post_unlock(target, summit_admin.token()).await, 404, "not_found").await;
            assert_eq!(unlock, missing, "out of reach looks like missing");
            assert_problem(post_admin_reset(&app, target, summit_admin.token()).await, 404, "not_found")
                .await;
        }
        assert_eq!(app.lock_state(thames_staff).await, (true, 2), "still locked");
        let admin_id = summit_admin.body.user.id;
        assert!(app.audit_events(admin_id, "admin.user_unlocked").await.is_empty());
        assert!(app.audit_events(admin_id, "admin.password_reset").await.is_empty());

        // Nor does Thames's admin reach Summit's staff; staff may not act at all.
        let thames_admin = app.create_dealer_admin("thames").await;
        let summit_staff = app.user_id(DEMO_STAFF_EMAIL).await;
        assert_problem(app.post_unlock(summit_staff, &thames_admin).await, 404, "not_found").await;
        assert_problem(post_admin_reset(&app, summit_staff, &thames_admin).await, 404, "not_found").await;
        let staff = app.login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
        assert_problem(app.post_unlock(thames_staff, staff.token()).await, 403, "forbidden").await;
        // Thames's own admin may.
        assert_eq!(app.post_unlock(thames_staff, &thames_admin).await.status(), 204);
        app.login(&thames_email, OTHER_PASSWORD).await;
    }
);
