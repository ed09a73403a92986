//! The user's own login: admin reset to a one-time temporary password (A8) and the forced
//! change that follows, changing the password (A10), and logging out everywhere (A11).

use api::demo::{DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD};
use serde_json::{Value, json};
use shared::auth::SessionResponse;
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{OTHER_PASSWORD, TestApp, assert_problem, refresh_cookie_of, refresh_set_cookie};
use crate::lockout::create_platform_admin;
use crate::password_reset::{mailbox, wait_for_mail};

const NEW_PASSWORD: &str = "gravel-truck-sunrise";

pub(crate) async fn post_admin_reset(app: &TestApp, user_id: Uuid, token: &str) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/admin/users/{user_id}/reset-password")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn post_change_password(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.client.post(app.url("/api/v1/me/password")).bearer_auth(token).json(&body).send().await.unwrap()
}

async fn post_logout_all(app: &TestApp, token: &str) -> reqwest::Response {
    app.client.post(app.url("/api/v1/auth/logout-all")).bearer_auth(token).send().await.unwrap()
}

/// The `xxxx-xxxx-xxxx` temporary password in an email's text.
pub(crate) fn temporary_password_in(text: &str) -> String {
    text.split_whitespace()
        .find(|word| {
            let groups: Vec<&str> = word.split('-').collect();
            groups.len() == 3
                && groups.iter().all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_alphanumeric()))
        })
        .unwrap_or_else(|| panic!("no temporary password in {text}"))
        .to_string()
}

/// A refresh that must succeed: the new session and its refresh cookie.
async fn refreshed(app: &TestApp, cookie: &str) -> (SessionResponse, String) {
    let response = app.post_refresh(cookie).await;
    assert_eq!(response.status(), 200, "refresh");
    let cookie = refresh_cookie_of(&response).expect("rotated cookie");
    (response.json().await.unwrap(), cookie)
}

db_test!(
    admin_reset_emails_a_one_time_password_that_forces_a_change,
    settings = |s| s.auth.lockout_threshold = 2,
    |app| async move {
        let demo = app.user_id(DEMO_CUSTOMER_EMAIL).await;
        let earlier = app.login_demo().await;
        let account = earlier.account_at("summit");
        for _ in 0..2 {
            assert_problem(
                app.post_login(DEMO_CUSTOMER_EMAIL, "not-the-password").await,
                401,
                "invalid_credentials",
            )
            .await;
        }
        assert_eq!(app.lock_state(demo).await, (true, 2));

        let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
        let response = post_admin_reset(&app, demo, admin.token()).await;
        assert_eq!(response.status(), 204);
        assert!(response.text().await.unwrap().is_empty(), "the password is not shown to the admin");
        assert_eq!(app.lock_state(demo).await, (false, 0), "the reset lifts the lockout");

        let email = wait_for_mail(&app, "temporary_password", DEMO_CUSTOMER_EMAIL).await;
        assert!(email["body_html"].as_str().unwrap().contains("Summit Equipment Rentals"), "dealer branding");
        let text = email["body_text"].as_str().unwrap();
        assert!(text.contains("one login only"), "{text}");
        let temporary = temporary_password_in(text);

        // The old password and every earlier session are gone.
        assert_problem(
            app.post_login(DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD).await,
            401,
            "invalid_credentials",
        )
        .await;
        assert_problem(app.post_refresh(&earlier.refresh_cookie).await, 401, "token_invalid").await;

        // The temporary password opens one session, which can do nothing but change it.
        let forced = app.login(DEMO_CUSTOMER_EMAIL, &temporary).await;
        assert!(forced.body.user.must_change_password);
        let contracts = format!("/api/v1/accounts/{account}/contracts");
        assert_problem(app.get(&contracts, forced.token()).await, 403, "password_change_required").await;
        let me = app.get_json("/api/v1/me", forced.token()).await;
        assert_eq!(me["user"]["must_change_password"], true);
        assert_problem(app.post_login(DEMO_CUSTOMER_EMAIL, &temporary).await, 401, "invalid_credentials")
            .await;

        // A refresh keeps the restriction while the password is still to be changed.
        let (still_forced, cookie) = refreshed(&app, &forced.refresh_cookie).await;
        assert!(still_forced.user.must_change_password);
        assert_problem(
            app.get(&contracts, &still_forced.access_token).await,
            403,
            "password_change_required",
        )
        .await;

        // No current password is asked for: the temporary one is already spent.
        let weak =
            post_change_password(&app, &still_forced.access_token, json!({ "new_password": "password1" }))
                .await;
        assert_eq!(
            assert_problem(weak, 422, "validation_failed").await["errors"][0]["field"],
            "new_password"
        );
        let changed =
            post_change_password(&app, &still_forced.access_token, json!({ "new_password": NEW_PASSWORD }))
                .await;
        assert_eq!(changed.status(), 204);

        let (free, _) = refreshed(&app, &cookie).await;
        assert!(!free.user.must_change_password);
        assert_eq!(app.get(&contracts, &free.access_token).await.status(), 200);
        let again = app.login(DEMO_CUSTOMER_EMAIL, NEW_PASSWORD).await;
        assert!(!again.body.user.must_change_password);
        assert_problem(app.post_login(DEMO_CUSTOMER_EMAIL, &temporary).await, 401, "invalid_credentials")
            .await;

        let dealer = admin.body.user.dealer_id.expect("dealer admin");
        let events = app.audit_events(admin.body.user.id, "admin.password_reset").await;
        assert_eq!(events, [(Some(dealer), json!({ "target_user_id": demo, "dealer_id": dealer }))]);
        let changes = app.audit_events(demo, "account.password_changed").await;
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(changes[0].1, json!({ "forced": true }));
    }
);

db_test!(admin_reset_is_scoped_like_unlock, |app| async move {
    let (thames_email, _) = app.create_other_customer_user("thames").await;
    let thames_user = app.user_id(&thames_email).await;
    let summit_admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;

    let foreign =
        assert_problem(post_admin_reset(&app, thames_user, summit_admin.token()).await, 404, "not_found")
            .await;
    let missing = post_admin_reset(&app, Uuid::now_v7(), summit_admin.token()).await;
    assert_eq!(assert_problem(missing, 404, "not_found").await, foreign, "foreign looks like missing");

    let customer = app.login_demo().await;
    assert_problem(post_admin_reset(&app, thames_user, customer.token()).await, 403, "forbidden").await;
    let anonymous = app
        .client
        .post(app.url(&format!("/api/v1/admin/users/{thames_user}/reset-password")))
        .send()
        .await
        .unwrap();
    assert_problem(anonymous, 401, "unauthenticated").await;

    // Nothing happened to the user.
    app.login(&thames_email, OTHER_PASSWORD).await;
    assert!(mailbox(&app).await.is_empty(), "no email sent");
    assert!(app.audit_events(summit_admin.body.user.id, "admin.password_reset").await.is_empty());

    // A platform admin reaches every dealer's users.
    let platform = app.login(&create_platform_admin(&app).await, OTHER_PASSWORD).await;
    assert_eq!(post_admin_reset(&app, thames_user, platform.token()).await.status(), 204);
    wait_for_mail(&app, "temporary_password", &thames_email).await;
    assert_problem(app.post_login(&thames_email, OTHER_PASSWORD).await, 401, "invalid_credentials").await;
});

db_test!(
    change_password_checks_the_current_password_and_the_policy,
    settings = |s| s.auth.lockout_threshold = 3,
    |app| async move {
        let demo = app.user_id(DEMO_CUSTOMER_EMAIL).await;
        let session = app.login_demo().await;

        let missing =
            post_change_password(&app, session.token(), json!({ "new_password": NEW_PASSWORD })).await;
        let missing = assert_problem(missing, 422, "validation_failed").await;
        assert_eq!(missing["errors"][0]["field"], "current_password");

        let wrong = post_change_password(
            &app,
            session.token(),
            json!({ "current_password": "not-the-password", "new_password": NEW_PASSWORD }),
        )
        .await;
        let wrong = assert_problem(wrong, 422, "validation_failed").await;
        assert_eq!(wrong["errors"][0]["field"], "current_password");
        assert_eq!(
            app.lock_state(demo).await,
            (false, 1),
            "a wrong current password counts as a failed login"
        );

        let weak = post_change_password(
            &app,
            session.token(),
            json!({ "current_password": DEMO_CUSTOMER_PASSWORD, "new_password": "password1" }),
        )
        .await;
        let weak = assert_problem(weak, 422, "validation_failed").await;
        assert_eq!(weak["errors"][0]["field"], "new_password");
        let own_email = post_change_password(
            &app,
            session.token(),
            json!({ "current_password": DEMO_CUSTOMER_PASSWORD, "new_password": DEMO_CUSTOMER_EMAIL }),
        )
        .await;
        assert_problem(own_email, 422, "validation_failed").await;

        // Nothing changed.
        app.login_demo().await;
        assert!(app.audit_events(demo, "account.password_changed").await.is_empty());
        let anonymous = app
            .client
            .post(app.url("/api/v1/me/password"))
            .json(&json!({ "new_password": NEW_PASSWORD }))
            .send();
        assert_problem(anonymous.await.unwrap(), 401, "unauthenticated").await;
    }
);

db_test!(change_password_ends_other_sessions_but_keeps_this_one, |app| async move {
    let here = app.login_demo().await;
    let elsewhere = app.login_demo().await;
    let changed = post_change_password(
        &app,
        here.token(),
        json!({ "current_password": DEMO_CUSTOMER_PASSWORD, "new_password": NEW_PASSWORD }),
    )
    .await;
    assert_eq!(changed.status(), 204);

    assert_problem(app.post_refresh(&elsewhere.refresh_cookie).await, 401, "token_invalid").await;
    let (kept, _) = refreshed(&app, &here.refresh_cookie).await;
    assert_eq!(app.get("/api/v1/me", &kept.access_token).await.status(), 200);

    assert_problem(
        app.post_login(DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD).await,
        401,
        "invalid_credentials",
    )
    .await;
    app.login(DEMO_CUSTOMER_EMAIL, NEW_PASSWORD).await;
    let notice = wait_for_mail(&app, "password_changed", DEMO_CUSTOMER_EMAIL).await;
    assert!(notice["body_html"].as_str().unwrap().contains("Summit Equipment Rentals"), "dealer branding");
    let events = app.audit_events(here.body.user.id, "account.password_changed").await;
    assert_eq!(events.len(), 1, "{events:?}");

    // A session that was logged out cannot change the password with its leftover token.
    let stale = post_change_password(
        &app,
        elsewhere.token(),
        json!({ "current_password": NEW_PASSWORD, "new_password": "another-fine-password" }),
    )
    .await;
    assert_problem(stale, 401, "token_invalid").await;
});

db_test!(logout_everywhere_ends_every_session, |app| async move {
    let here = app.login_demo().await;
    let elsewhere = app.login_demo().await;
    let response = post_logout_all(&app, here.token()).await;
    assert_eq!(response.status(), 204);
    let cookie = refresh_set_cookie(&response).expect("refresh cookie cleared");
    assert!(cookie.contains("Max-Age=0"), "{cookie}");

    assert_problem(app.post_refresh(&here.refresh_cookie).await, 401, "token_invalid").await;
    assert_problem(app.post_refresh(&elsewhere.refresh_cookie).await, 401, "token_invalid").await;
    let actions = app.audit_actions(here.body.user.id).await;
    assert_eq!(actions.first().map(String::as_str), Some("auth.logout_all"), "{actions:?}");

    let anonymous = app.client.post(app.url("/api/v1/auth/logout-all")).send().await.unwrap();
    assert_problem(anonymous, 401, "unauthenticated").await;
    // Logging in again works as ever.
    app.login_demo().await;
});

db_test!(a_user_who_must_change_their_password_can_log_out_everywhere, |app| async move {
    let demo = app.user_id(DEMO_CUSTOMER_EMAIL).await;
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    assert_eq!(post_admin_reset(&app, demo, admin.token()).await.status(), 204);
    let email = wait_for_mail(&app, "temporary_password", DEMO_CUSTOMER_EMAIL).await;
    let forced =
        app.login(DEMO_CUSTOMER_EMAIL, &temporary_password_in(email["body_text"].as_str().unwrap())).await;

    assert_eq!(post_logout_all(&app, forced.token()).await.status(), 204);
    assert_problem(app.post_refresh(&forced.refresh_cookie).await, 401, "token_invalid").await;
    // Its access token can no longer choose the password either: the session is over.
    let change = post_change_password(&app, forced.token(), json!({ "new_password": NEW_PASSWORD })).await;
    assert_problem(change, 401, "token_invalid").await;
});
