//! Dealer settings for the customer portal (H9): branding with the contrast rule, the logo
//! (sniffed, size-limited, served safely), store emails, payments with write-only gateway
//! secrets; every change audited and shown on the customer screens at once; dealer admins
//! only, and one dealer never reaches another's.

use api::demo::{DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD};
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{SECRETS_KEY, TestApp, assert_problem, on_pool};
use crate::requests::{call_off_body, emails_of_kind, lines_in, post};

const GATEWAY_SECRET: &str = "sk_live_51HxQzZ9secretVALUE7788";

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" rx="8" fill="#0f766e"/></svg>"##;

async fn admin(app: &TestApp) -> String {
    app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await.body.access_token
}

async fn put_json(app: &TestApp, path: &str, token: &str, body: &Value) -> reqwest::Response {
    app.client.put(app.url(path)).bearer_auth(token).json(body).send().await.unwrap()
}

async fn put_logo(app: &TestApp, token: &str, content_type: &str, bytes: Vec<u8>) -> reqwest::Response {
    app.client
        .put(app.url("/api/v1/admin/settings/logo"))
        .bearer_auth(token)
        .header("Content-Type", content_type)
        .body(bytes)
        .send()
        .await
        .unwrap()
}

fn fields(problem: &Value) -> Vec<String> {
    problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect()
}

fn branding_body(primary: &str, accent: &str) -> Value {
    json!({
        "primary_color": primary,
        "accent_color": accent,
        "welcome_message": "  Welcome to the yard.  ",
        "terminology": "hires",
        "home_tiles": ["pay", "rentals", "contact"],
        "languages": ["es", "en", "es"],
    })
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM audit_events WHERE action = $1")
            .bind(action)
            .fetch_one(pool)
            .await
            .unwrap()
    })
}

db_test!(branding_round_trips_and_the_customer_screens_show_it_at_once, |app| async move {
    let token = admin(&app).await;
    let before = app.get_json("/api/v1/admin/settings/branding", &token).await;
    assert_eq!(before["terminology"], "rentals");
    assert_eq!(before["home_tiles"].as_array().unwrap().len(), shared::settings::HomeTile::ALL.len());
    assert_eq!(before["languages"], json!(["en", "es", "fr-CA"]), "the demo Summit offers three");

    let stored =
        put_json(&app, "/api/v1/admin/settings/branding", &token, &branding_body("#0F766E", "#FACC15")).await;
    assert_eq!(stored.status(), 200);
    let stored: Value = stored.json().await.unwrap();
    let expected = json!({
        "primary_color": "#0f766e",
        "accent_color": "#facc15",
        "welcome_message": "Welcome to the yard.",
        "terminology": "hires",
        "home_tiles": ["rentals", "pay", "contact"],
        "languages": ["es", "en"],
    });
    assert_eq!(stored, expected);
    assert_eq!(app.get_json("/api/v1/admin/settings/branding", &token).await, expected);

    // The public branding the login page and the home read: fresh, never from a cache.
    let response = app.client.get(app.url("/api/v1/branding/summit")).send().await.unwrap();
    assert_eq!(response.headers()["cache-control"], "no-cache");
    let public: Value = response.json().await.unwrap();
    assert_eq!(
        (
            &public["primary_color"],
            &public["accent_color"],
            &public["welcome_message"],
            &public["terminology"]
        ),
        (&json!("#0f766e"), &json!("#facc15"), &json!("Welcome to the yard."), &json!("hires"))
    );
    assert_eq!(public["home_tiles"], json!(["rentals", "pay", "contact"]));
    assert_eq!(public["languages"], json!(["es", "en"]), "the languages offered, in order");
    // The customer's account list carries the same branding.
    let session = app.login_demo().await;
    let summit = session.body.accounts.iter().find(|a| a.dealer.slug == "summit").unwrap();
    assert_eq!(summit.dealer.primary_color, "#0f766e");
    assert_eq!(summit.dealer.terminology, shared::branding::Terminology::Hires);

    let admin_id = app.user_id(DEMO_ADMIN_EMAIL).await;
    let audited = app.audit_events(admin_id, "dealer.branding_updated").await;
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].1["before"]["terminology"], "rentals");
    assert_eq!(audited[0].1["after"]["primary_color"], "#0f766e");
    assert_eq!(audited[0].0, Some(summit.dealer.dealer_id));
});

db_test!(unreadable_colours_and_bad_branding_are_refused_and_nothing_changes, |app| async move {
    let token = admin(&app).await;
    let before = app.get_json("/api/v1/branding/summit", "").await;
    let mut body = branding_body("#808080", "orange");
    body["home_tiles"] = json!([]);
    body["welcome_message"] = json!("x".repeat(301));
    let refused = put_json(&app, "/api/v1/admin/settings/branding", &token, &body).await;
    let problem = assert_problem(refused, 422, "validation_failed").await;
    assert_eq!(fields(&problem), ["primary_color", "accent_color", "welcome_message", "home_tiles"]);
    let contrast = problem["errors"][0]["message"].as_str().unwrap();
    assert!(contrast.contains("#808080") && contrast.contains("4.5:1"), "{contrast}");

    // An unknown tile or field is a 422 too, naming it.
    let mut unknown = branding_body("#0f766e", "#facc15");
    unknown["home_tiles"] = json!(["rentals", "casino"]);
    let refused = put_json(&app, "/api/v1/admin/settings/branding", &token, &unknown).await;
    assert_problem(refused, 422, "validation_failed").await;

    assert_eq!(app.get_json("/api/v1/branding/summit", "").await, before);
    assert_eq!(audit_count(&app, "dealer.branding_updated").await, 0);
});

db_test!(logos_are_sniffed_size_limited_served_safely_and_cache_busted, |app| async move {
    let token = admin(&app).await;
    // A PNG declared as SVG is stored as what it is.
    let uploaded = put_logo(&app, &token, "image/svg+xml", PNG.to_vec()).await;
    assert_eq!(uploaded.status(), 200);
    let png: Value = uploaded.json().await.unwrap();
    assert_eq!(png["content_type"], "image/png");
    let png_url = png["logo_url"].as_str().unwrap().to_string();
    assert!(png_url.starts_with("/api/v1/logos/"), "{png_url}");
    assert_eq!(app.get_json("/api/v1/branding/summit", "").await["logo_url"], png_url);
    let served = app.client.get(app.url(&png_url)).send().await.unwrap();
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(served.headers()["x-content-type-options"], "nosniff");
    assert!(served.headers()["cache-control"].to_str().unwrap().contains("immutable"));
    assert_eq!(served.bytes().await.unwrap().as_ref(), PNG);

    // An SVG: served as image/svg+xml under a policy that runs nothing; a new URL, and the
    // old one is gone.
    let uploaded = put_logo(&app, &token, "application/octet-stream", SVG.as_bytes().to_vec()).await;
    let svg: Value = uploaded.json().await.unwrap();
    assert_eq!(svg["content_type"], "image/svg+xml");
    let svg_url = svg["logo_url"].as_str().unwrap().to_string();
    assert_ne!(svg_url, png_url);
    let served = app.client.get(app.url(&svg_url)).send().await.unwrap();
    assert_eq!(served.headers()["content-type"], "image/svg+xml");
    assert_eq!(served.headers()["x-content-type-options"], "nosniff");
    let policy = served.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(policy.contains("default-src 'none'") && policy.contains("sandbox"), "{policy}");
    assert_problem(app.client.get(app.url(&png_url)).send().await.unwrap(), 404, "not_found").await;
    assert_eq!(app.get_json("/api/v1/branding/summit", "").await["logo_url"], svg_url);

    // Not an image we take, a scripted SVG, or too large: refused, the logo unchanged.
    for (bytes, declared) in [
        (b"GIF89a\x01\x00\x01\x00".to_vec(), "image/png"),
        (b"<svg onload=\"alert(1)\"></svg>".to_vec(), "image/svg+xml"),
        (b"<svg><script>alert(1)</script></svg>".to_vec(), "image/svg+xml"),
        (b"<html><body>hi</body></html>".to_vec(), "image/jpeg"),
    ] {
        let refused = put_logo(&app, &token, declared, bytes).await;
        assert_eq!(fields(&assert_problem(refused, 422, "validation_failed").await), ["logo"]);
    }
    let mut big = PNG.to_vec();
    big.resize(shared::settings::MAX_LOGO_BYTES + 1, 0);
    let refused = put_logo(&app, &token, "image/png", big).await;
    let problem = assert_problem(refused, 413, "payload_too_large").await;
    assert!(problem["detail"].as_str().unwrap().contains("512"), "{problem}");
    assert_eq!(app.get_json("/api/v1/branding/summit", "").await["logo_url"], svg_url);

    let removed =
        app.client.delete(app.url("/api/v1/admin/settings/logo")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(removed.status(), 204);
    assert_eq!(app.get_json("/api/v1/branding/summit", "").await["logo_url"], Value::Null);
    assert_problem(app.client.get(app.url(&svg_url)).send().await.unwrap(), 404, "not_found").await;

    let admin_id = app.user_id(DEMO_ADMIN_EMAIL).await;
    let uploads = app.audit_events(admin_id, "dealer.logo_uploaded").await;
    assert_eq!(uploads.len(), 2);
    assert_eq!(uploads[1].1["before"], png_url);
    assert_eq!(uploads[1].1["after"], svg_url);
    assert_eq!(uploads[1].1["content_type"], "image/svg+xml");
    assert_eq!(app.audit_events(admin_id, "dealer.logo_removed").await[0].1["before"], svg_url);
});

/// The location a contract line's contract belongs to.
async fn location_of_line(app: &TestApp, line: Uuid) -> Uuid {
    on_pool!(&app.db, pool => {
        sqlx::query_scalar(
            "SELECT c.location_id FROM contract_lines cl JOIN contracts c ON c.id = cl.contract_id WHERE cl.id = $1",
        )
        .bind(line)
        .fetch_one(pool)
        .await
        .unwrap()
    })
}

db_test!(store_emails_route_requests_and_stay_within_the_dealer, |app| async move {
    let token = admin(&app).await;
    let stores = app.get_json("/api/v1/admin/settings/store-emails", &token).await;
    assert!(!stores.as_array().unwrap().is_empty());
    assert!(stores.as_array().unwrap().iter().all(|s| s["request_email"].is_null()));

    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let out = lines_in(&app, account, "out").await;
    let location = location_of_line(&app, out[0].0).await;
    let path = format!("/api/v1/admin/settings/store-emails/{location}");

    let refused = put_json(&app, &path, &token, &json!({ "request_email": "not an email" })).await;
    assert_eq!(fields(&assert_problem(refused, 422, "validation_failed").await), ["request_email"]);
    let stored =
        put_json(&app, &path, &token, &json!({ "request_email": " Yard.Desk@summit.example " })).await;
    assert_eq!(stored.status(), 200);
    let stored: Value = stored.json().await.unwrap();
    assert_eq!(stored["request_email"], "Yard.Desk@summit.example");
    assert!(stored["store_email"].is_string(), "the back office's own email stays: {stored}");

    // A call-off at that store is emailed to the address the admin set.
    let pickup = chrono::Utc::now().date_naive() + chrono::Duration::days(5);
    let filed = post(
        &app,
        &format!("/api/v1/accounts/{account}/call-offs"),
        session.token(),
        &call_off_body(&[out[0].0], pickup),
        None,
    )
    .await;
    assert_eq!(filed.status(), 201);
    assert_eq!(emails_of_kind(&app, "request_store").await[0].0, "Yard.Desk@summit.example");

    // Another dealer's admin: 404 for this store, and their list holds only their own.
    let thames = app.create_dealer_admin("thames").await;
    let hidden = put_json(&app, &path, &thames, &json!({ "request_email": "x@thames.example" })).await;
    assert_problem(hidden, 404, "not_found").await;
    let theirs = app.get_json("/api/v1/admin/settings/store-emails", &thames).await;
    assert!(theirs.as_array().unwrap().iter().all(|s| s["location_id"] != json!(location)));

    // Cleared: back to the store's own email.
    let cleared = put_json(&app, &path, &token, &json!({ "request_email": "" })).await;
    assert_eq!(cleared.json::<Value>().await.unwrap()["request_email"], Value::Null);
    let admin_id = app.user_id(DEMO_ADMIN_EMAIL).await;
    let audited = app.audit_events(admin_id, "dealer.store_email_updated").await;
    assert_eq!(audited.len(), 2);
    assert_eq!(audited[0].1["after"], "Yard.Desk@summit.example");
    assert_eq!(audited[1].1["before"], "Yard.Desk@summit.example");
});

db_test!(
    gateway_secrets_are_write_only_masked_and_sealed_at_rest,
    settings = |s| s.secrets.key = Some(SecretString::from(SECRETS_KEY.to_string())),
    |app| async move {
        let token = admin(&app).await;
        let body = json!({
            "methods": [
                { "method": "card", "enabled": true, "public_key": "pk_live_123", "secret_key": GATEWAY_SECRET },
                { "method": "ach", "enabled": false },
            ],
            "guest_payment": true,
        });
        let stored = put_json(&app, "/api/v1/admin/settings/payments", &token, &body).await;
        assert_eq!(stored.status(), 200);
        let text = stored.text().await.unwrap();
        assert!(!text.contains(GATEWAY_SECRET) && !text.contains("sk_live"), "{text}");
        let stored: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(stored["methods"][0]["method"], "card");
        assert_eq!(stored["methods"][0]["secret_key"]["last4"], "7788");
        assert!(stored["methods"][0]["secret_key"]["updated_at"].is_string());
        assert_eq!(stored["methods"][0]["public_key"], "pk_live_123");
        assert_eq!(
            (&stored["methods"][1]["enabled"], &stored["guest_payment"]),
            (&json!(false), &json!(true))
        );

        let read = app.get("/api/v1/admin/settings/payments", &token).await.text().await.unwrap();
        assert!(!read.contains(GATEWAY_SECRET), "{read}");
        assert_eq!(serde_json::from_str::<Value>(&read).unwrap(), stored);

        // At rest: sealed, bound to the dealer and method, opening only with the key.
        let dealer: Uuid =
            app.get_json("/api/v1/branding/summit", "").await["dealer_id"].as_str().unwrap().parse().unwrap();
        let dealer = api::ids::DealerId::new(dealer);
        let method = shared::payments::PaymentMethod::Card;
        let sealed =
            api::db::portal_settings::sealed_secret_key(&app.db, dealer, method).await.unwrap().unwrap();
        assert!(sealed.starts_with("v1:") && !sealed.contains("sk_live"), "{sealed}");
        let secrets = api::secret_box::SecretBox::new(app.settings.secrets.key.as_ref()).unwrap();
        let context = api::services::portal_settings::secret_context(dealer, method);
        assert_eq!(secrets.open(&sealed, &context).unwrap().expose_secret(), GATEWAY_SECRET);

        // Left out, the secret stays; the customer sees card only; guest payment shows.
        let keep = json!({ "methods": [{ "method": "card", "enabled": true }], "guest_payment": true });
        let kept: Value =
            put_json(&app, "/api/v1/admin/settings/payments", &token, &keep).await.json().await.unwrap();
        assert_eq!(kept["methods"][0]["secret_key"]["last4"], "7788");
        assert_eq!(kept["methods"][0]["public_key"], Value::Null);
        let session = app.login_demo().await;
        let account = session.account_at("summit");
        let options =
            app.get_json(&format!("/api/v1/accounts/{account}/payment-options"), session.token()).await;
        let methods: Vec<&str> =
            options["methods"].as_array().unwrap().iter().map(|m| m["method"].as_str().unwrap()).collect();
        assert_eq!(methods, ["card"]);
        assert_eq!(app.get_json("/api/v1/branding/summit", "").await["guest_payment"], true);

        // Audited without the secret.
        let admin_id = app.user_id(DEMO_ADMIN_EMAIL).await;
        let audited = app.audit_events(admin_id, "dealer.payments_updated").await;
        assert_eq!(audited.len(), 2);
        assert!(!audited[0].1.to_string().contains("sk_live"), "{}", audited[0].1);
        assert_eq!(audited[0].1["secret_key_replaced"], json!(["card"]));
        assert_eq!(audited[1].1["secret_key_replaced"], json!([]));
        assert_eq!(audited[0].1["before"]["guest_payment"], false);

        // Bad input: named per field, nothing changed.
        let bad = json!({
            "methods": [
                { "method": "card", "enabled": false, "secret_key": "has spaces in it" },
                { "method": "card", "enabled": false },
                { "method": "ach", "enabled": true, "public_key": "x".repeat(201) },
            ],
            "guest_payment": false,
        });
        let refused = put_json(&app, "/api/v1/admin/settings/payments", &token, &bad).await;
        assert_eq!(
            fields(&assert_problem(refused, 422, "validation_failed").await),
            ["methods[0].secret_key", "methods[1].method", "methods[2].public_key"]
        );
        assert_eq!(app.get_json("/api/v1/admin/settings/payments", &token).await, kept);
    }
);

db_test!(staff_are_refused_and_dealers_stay_apart, |app| async move {
    let staff = app.login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await.body.access_token;
    for path in [
        "/api/v1/admin/settings/branding",
        "/api/v1/admin/settings/store-emails",
        "/api/v1/admin/settings/payments",
    ] {
        assert_problem(app.get(path, &staff).await, 403, "forbidden").await;
    }
    let refused =
        put_json(&app, "/api/v1/admin/settings/branding", &staff, &branding_body("#0f766e", "#1d4ed8")).await;
    assert_problem(refused, 403, "forbidden").await;
    assert_problem(put_logo(&app, &staff, "image/png", PNG.to_vec()).await, 403, "forbidden").await;
    let removed =
        app.client.delete(app.url("/api/v1/admin/settings/logo")).bearer_auth(&staff).send().await.unwrap();
    assert_problem(removed, 403, "forbidden").await;
    let payments = json!({ "methods": [], "guest_payment": true });
    assert_problem(
        put_json(&app, "/api/v1/admin/settings/payments", &staff, &payments).await,
        403,
        "forbidden",
    )
    .await;
    let store = format!("/api/v1/admin/settings/store-emails/{}", Uuid::now_v7());
    assert_problem(put_json(&app, &store, &staff, &json!({ "request_email": null })).await, 403, "forbidden")
        .await;
    // A customer is no admin either; no token at all is 401.
    let customer = app.login_demo().await;
    assert_problem(app.get("/api/v1/admin/settings/branding", customer.token()).await, 403, "forbidden")
        .await;
    let anonymous = app.client.get(app.url("/api/v1/admin/settings/payments")).send().await.unwrap();
    assert_problem(anonymous, 401, "unauthenticated").await;

    // Thames changes its own look; Summit's stays.
    let summit_before = app.get_json("/api/v1/branding/summit", "").await;
    let thames = app.create_dealer_admin("thames").await;
    let stored =
        put_json(&app, "/api/v1/admin/settings/branding", &thames, &branding_body("#7c2d12", "#fde68a"))
            .await;
    assert_eq!(stored.status(), 200);
    assert_eq!(put_logo(&app, &thames, "image/png", PNG.to_vec()).await.status(), 200);
    assert_eq!(app.get_json("/api/v1/branding/thames", "").await["primary_color"], "#7c2d12");
    assert_eq!(app.get_json("/api/v1/branding/summit", "").await, summit_before);
    let theirs = app.get_json("/api/v1/admin/settings/payments", &thames).await;
    assert!(theirs["methods"][0]["secret_key"].is_null());
});

/// A server others reach (public URL) refuses to start without the key sealing gateway
/// secrets; a local run makes its own.
async fn a_public_server_needs_the_secrets_key_on(engine: crate::helpers::Engine) {
    let public = |s: &mut api::config::Settings| {
        s.secrets.key = None;
        s.server.public_url = "https://portal.example.com".into();
        s.email.transport = Some(api::config::EmailTransport::Smtp);
        s.smtp.host = Some("mail.example.com".into());
    };
    let refused = crate::helpers::try_spawn_app_with(engine, public).await.err().expect("refused");
    let message = format!("{refused:#}");
    assert!(message.contains("APP_SECRETS__KEY is not set"), "{message}");
    let local = crate::helpers::try_spawn_app_with(engine, |s| s.secrets.key = None).await;
    assert!(local.is_ok(), "a local run needs no key");
}

mod a_public_server_needs_the_secrets_key {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::a_public_server_needs_the_secrets_key_on(crate::helpers::Engine::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        if !crate::helpers::postgres_wanted() {
            return;
        }
        super::a_public_server_needs_the_secrets_key_on(crate::helpers::Engine::Postgres).await;
    }
}
