//! Login, token checks, refresh rotation and reuse, logout.

use api::demo::{DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD};
use reqwest::header::WWW_AUTHENTICATE;
use serde_json::Value;
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{JWT_SECRET, assert_problem, refresh_cookie_of, refresh_set_cookie};

fn set_cookie_header(response: &reqwest::Response) -> String {
    refresh_set_cookie(response).unwrap_or_default()
}

db_test!(login_with_email_answers_session_accounts_and_secure_cookie, |app| async move {
    let response = app.post_login("  Demo@Customer.Example ", DEMO_CUSTOMER_PASSWORD).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers().get("cache-control").and_then(|v| v.to_str().ok()), Some("no-store"));
    let cookie = set_cookie_header(&response);
    for attribute in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/api/v1/auth", "Max-Age="] {
        assert!(cookie.contains(attribute), "{attribute} missing in {cookie}");
    }
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert!(body["expires_in"].as_u64().unwrap() <= 900);
    assert_eq!(body["user"]["email"], DEMO_CUSTOMER_EMAIL);
    let dealers: Vec<&str> =
        body["accounts"].as_array().unwrap().iter().map(|a| a["dealer"]["slug"].as_str().unwrap()).collect();
    assert_eq!(dealers, ["summit", "summit", "thames"]);
    assert_eq!(body["accounts"][2]["dealer"]["terminology"], "hires");
    assert_eq!(body["accounts"][0]["dealer"]["currency"], "USD");
    assert!(body.get("refresh_token").is_none(), "refresh token must only travel in the cookie");
});

db_test!(login_with_phone_accepts_common_formats, |app| async move {
    for phone in ["3035550199", "(303) 555-0199", "303-555-0199", "+1 303 555 0199", "303.555.0199"] {
        let response = app.post_login(phone, DEMO_CUSTOMER_PASSWORD).await;
        assert_eq!(response.status(), 200, "{phone}");
    }
});

db_test!(wrong_password_and_unknown_user_look_the_same, |app| async move {
    let wrong = app.post_login(DEMO_CUSTOMER_EMAIL, "not-the-password").await;
    let wrong = assert_problem(wrong, 401, "invalid_credentials").await;
    let unknown = app.post_login("nobody@nowhere.example", "not-the-password").await;
    let unknown = assert_problem(unknown, 401, "invalid_credentials").await;
    assert_eq!(wrong, unknown);
    let phone = app.post_login("555 000 0000", "x").await;
    assert_problem(phone, 401, "invalid_credentials").await;

    let session = app.login_demo().await;
    let actions = app.audit_actions(session.body.user.id).await;
    assert_eq!(actions.first().map(String::as_str), Some("auth.login"));
    assert!(actions.iter().any(|a| a == "auth.login_failed"), "{actions:?}");
});

db_test!(login_validates_fields, |app| async move {
    let response = app.post_login(" ", "").await;
    let body = assert_problem(response, 422, "validation_failed").await;
    let fields: Vec<&str> =
        body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["login", "password"]);

    let malformed = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body("{\"login\": ")
        .send()
        .await
        .unwrap();
    assert_problem(malformed, 400, "bad_request").await;
});

db_test!(me_requires_a_valid_unexpired_token, |app| async move {
    let session = app.login_demo().await;
    let me = app.get_json("/api/v1/me", session.token()).await;
    assert_eq!(me["user"]["email"], DEMO_CUSTOMER_EMAIL);
    assert_eq!(me["accounts"].as_array().unwrap().len(), 3);

    let missing = app.client.get(app.url("/api/v1/me")).send().await.unwrap();
    assert!(missing.headers().contains_key(WWW_AUTHENTICATE));
    assert_problem(missing, 401, "unauthenticated").await;

    // Flip one character of the signature.
    let token = session.token();
    let mut tampered = token.to_string();
    let last = tampered.pop().unwrap();
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    assert_problem(app.get("/api/v1/me", &tampered).await, 401, "token_invalid").await;

    // Claims edited without re-signing.
    let parts: Vec<&str> = token.split('.').collect();
    let forged = format!("{}.{}.{}", parts[0], parts[0], parts[2]);
    assert_problem(app.get("/api/v1/me", &forged).await, 401, "token_invalid").await;

    // A token signed with the right key but expired an hour ago.
    let keys = api::auth::TokenKeys::new(&app.settings.auth).unwrap();
    let expired = keys
        .issue(
            api::ids::UserId::new(session.body.user.id),
            shared::auth::UserRole::Customer,
            None,
            Uuid::now_v7(),
            chrono::Utc::now().timestamp() - 3600,
        )
        .unwrap();
    let response = app.get("/api/v1/me", &expired).await;
    assert_problem(response, 401, "token_expired").await;
    assert_eq!(JWT_SECRET.len(), 40);
});

db_test!(
    refresh_rotates_and_reuse_revokes_the_family,
    // No grace: any second use of a rotated token is a reuse, however soon.
    settings = |s| s.auth.refresh_reuse_grace_secs = 0,
    |app| async move {
        let session = app.login_demo().await;
        let first = app.post_refresh(&session.refresh_cookie).await;
        assert_eq!(first.status(), 200);
        let second_cookie = refresh_cookie_of(&first).expect("rotated cookie");
        assert_ne!(second_cookie, session.refresh_cookie);
        let body: Value = first.json().await.unwrap();
        assert_eq!(app.get("/api/v1/me", body["access_token"].as_str().unwrap()).await.status(), 200);

        // The rotated token keeps working once...
        let second = app.post_refresh(&second_cookie).await;
        assert_eq!(second.status(), 200);
        let third_cookie = refresh_cookie_of(&second).expect("rotated again");

        // ...but replaying the first one is theft: 401, and the whole family dies.
        let replay = app.post_refresh(&session.refresh_cookie).await;
        assert!(set_cookie_header(&replay).contains("Max-Age=0"), "dead cookie is cleared");
        assert_problem(replay, 401, "token_invalid").await;
        assert_problem(app.post_refresh(&third_cookie).await, 401, "token_invalid").await;
        let actions = app.audit_actions(session.body.user.id).await;
        assert!(actions.iter().any(|a| a == "auth.refresh_reuse"), "{actions:?}");

        // Other logins of the same user are separate families and live on.
        let other = app.login_demo().await;
        assert_eq!(app.post_refresh(&other.refresh_cookie).await.status(), 200);
    }
);

/// The session family (`sid`) an access token was issued under.
fn family_of(app: &crate::helpers::TestApp, access_token: &str) -> Uuid {
    api::auth::TokenKeys::new(&app.settings.auth).unwrap().verify(access_token).unwrap().sid
}

/// Refresh tokens of a family that still work (neither rotated nor revoked).
async fn live_tokens_in_family(app: &crate::helpers::TestApp, family: Uuid) -> i64 {
    crate::helpers::on_pool!(&app.db, pool => {
        sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM refresh_sessions \
             WHERE family_id = $1 AND rotated_at IS NULL AND revoked_at IS NULL",
        )
        .bind(family)
        .fetch_one(pool)
        .await
        .unwrap()
    })
}

db_test!(two_refreshes_at_once_end_in_one_working_session, |app| async move {
    // The default grace window (10 s): two tabs reloading together.
    assert_eq!(app.settings.auth.refresh_reuse_grace_secs, 10);
    let session = app.login_demo().await;
    let family = family_of(&app, session.token());
    let (a, b) =
        tokio::join!(app.post_refresh(&session.refresh_cookie), app.post_refresh(&session.refresh_cookie));
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (200, 200));
    let (cookie_a, cookie_b) = (refresh_cookie_of(&a).unwrap(), refresh_cookie_of(&b).unwrap());
    assert_eq!(cookie_a, cookie_b, "both callers hold the one successor");
    assert_ne!(cookie_a, session.refresh_cookie);
    let body_a: Value = a.json().await.unwrap();
    let body_b: Value = b.json().await.unwrap();
    for body in [&body_a, &body_b] {
        let token = body["access_token"].as_str().unwrap();
        assert_eq!(family_of(&app, token), family, "same session family");
        assert_eq!(app.get("/api/v1/me", token).await.status(), 200);
    }
    assert_eq!(live_tokens_in_family(&app, family).await, 1, "one live token, no orphaned sibling");
    assert!(!app.audit_actions(session.body.user.id).await.iter().any(|a| a == "auth.refresh_reuse"));

    // The shared cookie works: it rotates on as usual, for either tab.
    let next = app.post_refresh(&cookie_b).await;
    assert_eq!(next.status(), 200);
    let next_cookie = refresh_cookie_of(&next).unwrap();
    // A straggler with the first token, still within the window, is led to the live end.
    let straggler = app.post_refresh(&session.refresh_cookie).await;
    assert_eq!(straggler.status(), 200);
    assert_eq!(refresh_cookie_of(&straggler).unwrap(), next_cookie);
    assert_eq!(app.post_refresh(&next_cookie).await.status(), 200);
    assert_eq!(live_tokens_in_family(&app, family).await, 1);
});

db_test!(
    reuse_after_the_grace_window_revokes_the_family,
    settings = |s| s.auth.refresh_reuse_grace_secs = 0,
    |app| async move {
        let session = app.login_demo().await;
        let family = family_of(&app, session.token());
        let first = app.post_refresh(&session.refresh_cookie).await;
        assert_eq!(first.status(), 200);
        let successor = refresh_cookie_of(&first).unwrap();
        // The window (0 s here, 10 s by default) has passed: a second use is theft.
        assert_problem(app.post_refresh(&session.refresh_cookie).await, 401, "token_invalid").await;
        assert_problem(app.post_refresh(&successor).await, 401, "token_invalid").await;
        assert_eq!(live_tokens_in_family(&app, family).await, 0, "the family is revoked");
        let actions = app.audit_actions(session.body.user.id).await;
        assert_eq!(actions.first().map(String::as_str), Some("auth.refresh_reuse"), "{actions:?}");
    }
);

db_test!(grace_does_not_revive_a_logged_out_session, |app| async move {
    let session = app.login_demo().await;
    let first = app.post_refresh(&session.refresh_cookie).await;
    let successor = refresh_cookie_of(&first).unwrap();
    let logout = app
        .client
        .post(app.url("/api/v1/auth/logout"))
        .header("Cookie", format!("rp_refresh={successor}"))
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), 204);
    // Within the window, but the session it would lead to has ended.
    assert_problem(app.post_refresh(&session.refresh_cookie).await, 401, "token_invalid").await;
    assert_problem(app.post_refresh(&successor).await, 401, "token_invalid").await;
});

db_test!(refresh_without_or_with_unknown_cookie_is_refused, |app| async move {
    let none = app.client.post(app.url("/api/v1/auth/refresh")).send().await.unwrap();
    assert_problem(none, 401, "unauthenticated").await;
    assert_problem(app.post_refresh("made-up-token").await, 401, "token_invalid").await;
});

db_test!(a_new_sign_in_ends_the_session_the_browser_still_held, |app| async move {
    // A logout made without signal never reached the server; the browser still sends the
    // old refresh cookie with its next sign-in, which ends that session.
    let earlier = app.login_demo().await;
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("Cookie", format!("rp_refresh={}", earlier.refresh_cookie))
        .json(&serde_json::json!({ "login": DEMO_CUSTOMER_EMAIL, "password": DEMO_CUSTOMER_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let fresh = refresh_cookie_of(&response).expect("the new session's cookie");
    assert_problem(app.post_refresh(&earlier.refresh_cookie).await, 401, "token_invalid").await;
    assert_eq!(app.post_refresh(&fresh).await.status(), 200, "the new session lives");
    let actions = app.audit_actions(earlier.body.user.id).await;
    assert!(actions.iter().any(|a| a == "auth.logout"), "{actions:?}");

    // A failed sign-in ends nothing.
    let other = app.login_demo().await;
    let refused = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("Cookie", format!("rp_refresh={}", other.refresh_cookie))
        .json(&serde_json::json!({ "login": DEMO_CUSTOMER_EMAIL, "password": "wrong-password-1" }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);
    assert_eq!(app.post_refresh(&other.refresh_cookie).await.status(), 200);
});

db_test!(logout_revokes_the_session_and_clears_the_cookie, |app| async move {
    let session = app.login_demo().await;
    let response = app
        .client
        .post(app.url("/api/v1/auth/logout"))
        .header("Cookie", format!("rp_refresh={}", session.refresh_cookie))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert!(set_cookie_header(&response).contains("Max-Age=0"));
    assert_problem(app.post_refresh(&session.refresh_cookie).await, 401, "token_invalid").await;
    let actions = app.audit_actions(session.body.user.id).await;
    assert_eq!(actions.first().map(String::as_str), Some("auth.logout"));

    // Logging out twice, or without a session, is harmless.
    let again = app.client.post(app.url("/api/v1/auth/logout")).send().await.unwrap();
    assert_eq!(again.status(), 204);
});
