//! API clients and the token endpoint (I2): the client-credentials grant and each RFC 6749
//! error, scopes enforced on every `/integrations/*` route, revocation and rotation ending
//! tokens at once, dealer isolation, and the admin's list.

use api::demo::{DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use shared::integrations::{ApiClientSecret, Scope, scope_string};
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{TestApp, assert_problem};

fn credentials(client: &ApiClientSecret) -> [(&'static str, &str); 3] {
    [
        ("grant_type", "client_credentials"),
        ("client_id", client.client.client_id.as_str()),
        ("client_secret", client.client_secret.as_str()),
    ]
}

async fn admin_token(app: &TestApp) -> String {
    app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await.body.access_token
}

/// An RFC 6749 error answer: status, `error` code, and never cached.
async fn assert_oauth_error(response: reqwest::Response, status: u16, error: &str) -> Value {
    assert_eq!(response.status(), status);
    assert_eq!(response.headers().get("cache-control").and_then(|v| v.to_str().ok()), Some("no-store"));
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], error, "{body}");
    assert!(body["error_description"].as_str().is_some_and(|d| !d.is_empty()));
    body
}

/// Uploads a PDF to a contract; the shape every integrations write shares.
async fn upload_pdf(app: &TestApp, token: &str, contract: &str) -> reqwest::Response {
    app.client
        .put(app.url(&format!("/api/v1/integrations/contracts/{contract}/pdf")))
        .bearer_auth(token)
        .header("Content-Type", "application/pdf")
        .body(b"%PDF-1.4\n%%EOF\n".to_vec())
        .send()
        .await
        .unwrap()
}

async fn payments_feed(app: &TestApp, token: &str) -> reqwest::Response {
    app.get("/api/v1/integrations/payments", token).await
}

db_test!(the_client_credentials_grant_issues_a_scoped_token, |app| async move {
    let admin = admin_token(&app).await;
    let client = app.create_api_client(&admin, &[Scope::PaymentsRead, Scope::DocumentsWrite]).await;
    assert!(client.client_secret.starts_with("rps_") && client.client.client_id.starts_with("rpc_"));
    assert_eq!(client.client.scopes, vec![Scope::DocumentsWrite, Scope::PaymentsRead]);

    // Credentials in the form; every scope the client holds when none is asked for.
    let response = app.post_token(&credentials(&client)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers().get("cache-control").and_then(|v| v.to_str().ok()), Some("no-store"));
    assert_eq!(response.headers().get("pragma").and_then(|v| v.to_str().ok()), Some("no-cache"));
    let token: Value = response.json().await.unwrap();
    assert_eq!(token["token_type"], "Bearer");
    assert_eq!(token["expires_in"], 900);
    assert_eq!(token["scope"], "documents:write payments:read");
    let access = token["access_token"].as_str().unwrap();
    assert_eq!(payments_feed(&app, access).await.status(), 200);

    // HTTP Basic, each half form-encoded (RFC 6749 2.3.1), asking for one scope.
    let basic = STANDARD.encode(format!("{}:{}", client.client.client_id, client.client_secret));
    let response = app
        .client
        .post(app.url("/api/v1/oauth/token"))
        .header("Authorization", format!("Basic {basic}"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials&scope=payments%3Aread")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let token: Value = response.json().await.unwrap();
    assert_eq!(token["scope"], "payments:read");
    let narrow = token["access_token"].as_str().unwrap();
    assert_eq!(payments_feed(&app, narrow).await.status(), 200);
    let refused = assert_problem(upload_pdf(&app, narrow, "KS000001").await, 403, "insufficient_scope").await;
    assert!(refused["detail"].as_str().unwrap().contains("documents:write"));

    // A client token is no person's: it opens no customer or admin route.
    assert_problem(app.get("/api/v1/me", access).await, 401, "token_invalid").await;
    assert_problem(app.get("/api/v1/admin/api-clients", access).await, 401, "token_invalid").await;
});

db_test!(token_errors_are_the_ones_rfc_6749_names, |app| async move {
    let admin = admin_token(&app).await;
    let client = app.create_api_client(&admin, &[Scope::PaymentsRead]).await;
    let id = client.client.client_id.as_str();
    let secret = client.client_secret.as_str();
    let grant = ("grant_type", "client_credentials");

    // invalid_client (401 with a Basic challenge): wrong secret, unknown client, no credentials.
    for form in [
        vec![grant, ("client_id", id), ("client_secret", "rps_wrong")],
        vec![grant, ("client_id", "rpc_nobody"), ("client_secret", secret)],
        vec![grant],
    ] {
        let response = app.post_token(&form).await;
        assert_eq!(
            response.headers().get("www-authenticate").and_then(|v| v.to_str().ok()),
            Some("Basic realm=\"rental-portal\"")
        );
        assert_oauth_error(response, 401, "invalid_client").await;
    }
    let wrong_basic = app
        .client
        .post(app.url("/api/v1/oauth/token"))
        .header("Authorization", format!("Basic {}", STANDARD.encode(format!("{id}:nope"))))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials")
        .send()
        .await
        .unwrap();
    assert_oauth_error(wrong_basic, 401, "invalid_client").await;

    // unsupported_grant_type, invalid_scope (unknown, or not held), invalid_request.
    let form = [("grant_type", "password"), ("client_id", id), ("client_secret", secret)];
    assert_oauth_error(app.post_token(&form).await, 400, "unsupported_grant_type").await;
    for scope in ["payments:read admin", "documents:write"] {
        let form = [grant, ("client_id", id), ("client_secret", secret), ("scope", scope)];
        assert_oauth_error(app.post_token(&form).await, 400, "invalid_scope").await;
    }
    let form = [("client_id", id), ("client_secret", secret)];
    assert_oauth_error(app.post_token(&form).await, 400, "invalid_request").await;
    let form = [grant, grant, ("client_id", id), ("client_secret", secret)];
    assert_oauth_error(app.post_token(&form).await, 400, "invalid_request").await;
    let json_body = app
        .client
        .post(app.url("/api/v1/oauth/token"))
        .json(&json!({ "grant_type": "client_credentials", "client_id": id, "client_secret": secret }))
        .send()
        .await
        .unwrap();
    assert_oauth_error(json_body, 400, "invalid_request").await;
    let both = app
        .client
        .post(app.url("/api/v1/oauth/token"))
        .header("Authorization", format!("Basic {}", STANDARD.encode(format!("{id}:{secret}"))))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(serde_urlencoded::to_string([grant, ("client_id", id), ("client_secret", secret)]).unwrap())
        .send()
        .await
        .unwrap();
    assert_oauth_error(both, 400, "invalid_request").await;
});

/// Every `/integrations/*` operation: method, path (a made-up id where one goes), a body
/// that parses, and the scope it needs. A test below checks this list against the spec.
struct Route {
    method: &'static str,
    path: String,
    /// Content type and bytes of a body that parses.
    body: Option<(&'static str, Vec<u8>)>,
    scope: Scope,
}

fn route(
    method: &'static str,
    path: impl Into<String>,
    body: Option<(&'static str, Vec<u8>)>,
    scope: Scope,
) -> Route {
    Route { method, path: path.into(), body, scope }
}

fn integration_routes() -> Vec<Route> {
    let id = Uuid::now_v7();
    let json = |v: Value| Some(("application/json", v.to_string().into_bytes()));
    let pdf = || Some(("application/pdf", b"%PDF-1.4\n%%EOF\n".to_vec()));
    vec![
        route("PUT", "/api/v1/integrations/contracts/NO-SUCH/pdf", pdf(), Scope::DocumentsWrite),
        route("PUT", "/api/v1/integrations/invoices", json(json!({ "invoices": [] })), Scope::InvoicesWrite),
        route("PUT", "/api/v1/integrations/invoices/NO-SUCH/pdf", pdf(), Scope::DocumentsWrite),
        route(
            "POST",
            "/api/v1/integrations/positions",
            json(json!({ "positions": [] })),
            Scope::PositionsWrite,
        ),
        route("GET", "/api/v1/integrations/payments", None, Scope::PaymentsRead),
        route("GET", "/api/v1/integrations/events", None, Scope::EventsRead),
        route(
            "PUT",
            "/api/v1/integrations/locations",
            json(json!({ "locations": [] })),
            Scope::LocationsWrite,
        ),
        route("DELETE", "/api/v1/integrations/locations/NO-SUCH", None, Scope::LocationsWrite),
        route(
            "PUT",
            "/api/v1/integrations/customers",
            json(json!({ "customers": [] })),
            Scope::CustomersWrite,
        ),
        route("DELETE", "/api/v1/integrations/customers/NO-SUCH", None, Scope::CustomersWrite),
        route(
            "PUT",
            "/api/v1/integrations/contracts",
            json(json!({ "contracts": [] })),
            Scope::ContractsWrite,
        ),
        route("DELETE", "/api/v1/integrations/contracts/NO-SUCH", None, Scope::ContractsWrite),
        route("POST", format!("/api/v1/integrations/payments/{id}/posted"), None, Scope::PaymentsWrite),
        route("PUT", "/api/v1/integrations/payments", json(json!({ "payments": [] })), Scope::PaymentsWrite),
        route("DELETE", "/api/v1/integrations/payments/NO-SUCH", None, Scope::PaymentsWrite),
    ]
}

async fn call(app: &TestApp, token: Option<&str>, route: &Route) -> reqwest::Response {
    let mut request = app.client.request(route.method.parse().unwrap(), app.url(&route.path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some((content_type, bytes)) = &route.body {
        request = request.header("Content-Type", *content_type).body(bytes.clone());
    }
    request.send().await.unwrap()
}

db_test!(every_integrations_route_needs_a_client_token_with_its_scope, |app| async move {
    let admin = admin_token(&app).await;
    let staff = app.login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
    let customer = app.login_demo().await;
    let client = app.create_api_client(&admin, &Scope::ALL).await;
    for route in integration_routes() {
        let scope = route.scope;
        let others: Vec<Scope> = Scope::ALL.into_iter().filter(|s| *s != scope).collect();
        let without = app.client_token(&client, Some(&scope_string(&others))).await;
        let refused = call(&app, Some(&without), &route).await;
        assert_eq!(
            refused.headers().get("www-authenticate").and_then(|v| v.to_str().ok()),
            Some(format!("Bearer error=\"insufficient_scope\", scope=\"{}\"", scope.as_str()).as_str()),
            "{} {}",
            route.method,
            route.path
        );
        assert_problem(refused, 403, "insufficient_scope").await;

        let with = app.client_token(&client, Some(scope.as_str())).await;
        let status = call(&app, Some(&with), &route).await.status().as_u16();
        assert!(
            ![401, 403].contains(&status),
            "{} {} with {}: {status}",
            route.method,
            route.path,
            scope.as_str()
        );

        // People's tokens are refused, whoever they are; no token is 401.
        for person in [admin.as_str(), staff.token(), customer.token()] {
            assert_problem(call(&app, Some(person), &route).await, 403, "forbidden").await;
        }
        assert_eq!(call(&app, None, &route).await.status(), 401);
    }
});

#[test]
fn the_scope_table_matches_every_integrations_operation_in_the_spec() {
    let spec: Value = serde_json::from_str(include_str!("../../../openapi/openapi.json")).unwrap();
    // (method, path template, the one oauth2 scope the spec documents)
    let mut documented: Vec<(String, String, String)> = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        if !path.starts_with("/api/v1/integrations/") {
            continue;
        }
        if path == "/api/v1/integrations/status" {
            // The one route any client token of the dealer may read, whatever its scopes
            // (tested in sync_status.rs): documented with an empty scope list.
            assert_eq!(item["get"]["security"], json!([{ "oauth2": [] }]), "{path}");
            assert_eq!(item.as_object().unwrap().len(), 1, "{path}: GET only");
            continue;
        }
        for (method, operation) in item.as_object().unwrap() {
            let scope = operation["security"][0]["oauth2"][0].as_str().unwrap_or_default().to_string();
            documented.push((method.to_uppercase(), path.clone(), scope));
        }
    }
    let table: Vec<(String, String, String)> = integration_routes()
        .into_iter()
        .map(|Route { method, path, scope, .. }| {
            // Back to the template: the made-up ids are the only non-literal segments.
            let template = path
                .split('/')
                .map(|seg| match seg {
                    "NO-SUCH" => "{external_id}".to_string(),
                    s if s.parse::<Uuid>().is_ok() => "{payment_id}".to_string(),
                    s => s.to_string(),
                })
                .collect::<Vec<_>>()
                .join("/");
            (method.to_string(), template, scope.as_str().to_string())
        })
        .collect();
    for operation in &documented {
        assert!(
            table.contains(operation),
            "{operation:?}: missing from integration_routes(), or another scope"
        );
    }
    assert_eq!(table.len(), documented.len(), "every route in the table is documented");
}

db_test!(revoking_or_rotating_ends_tokens_at_once, |app| async move {
    let admin = admin_token(&app).await;
    let client = app.create_api_client(&admin, &[Scope::PaymentsRead]).await;
    let old_token = app.client_token(&client, None).await;
    assert_eq!(payments_feed(&app, &old_token).await.status(), 200);

    // Rotation: a new secret works; the old one and its tokens stop at once.
    let rotated: ApiClientSecret = app
        .client
        .post(app.url(&format!("/api/v1/admin/api-clients/{}/rotate", client.client.id)))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_ne!(rotated.client_secret, client.client_secret);
    assert_eq!(rotated.client.client_id, client.client.client_id);
    assert!(rotated.client.rotated_at.is_some());
    assert_problem(payments_feed(&app, &old_token).await, 401, "token_invalid").await;
    assert_oauth_error(app.post_token(&credentials(&client)).await, 401, "invalid_client").await;
    let new_token = app.client_token(&rotated, None).await;
    assert_eq!(payments_feed(&app, &new_token).await.status(), 200);

    // Revocation: its tokens stop at once and it gets no more; revoking again changes nothing.
    let revoke = |id: Uuid| {
        let (app, admin) = (&app, &admin);
        async move {
            app.client
                .post(app.url(&format!("/api/v1/admin/api-clients/{id}/revoke")))
                .bearer_auth(admin)
                .send()
                .await
                .unwrap()
        }
    };
    let revoked: Value = revoke(client.client.id).await.json().await.unwrap();
    assert!(revoked["revoked_at"].is_string());
    assert_problem(payments_feed(&app, &new_token).await, 401, "token_invalid").await;
    assert_oauth_error(app.post_token(&credentials(&rotated)).await, 401, "invalid_client").await;
    let again: Value = revoke(client.client.id).await.json().await.unwrap();
    assert_eq!(again["revoked_at"], revoked["revoked_at"]);
    let rotate_revoked = app
        .client
        .post(app.url(&format!("/api/v1/admin/api-clients/{}/rotate", client.client.id)))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_problem(rotate_revoked, 404, "not_found").await;

    let actions = app.audit_actions(app.user_id(DEMO_ADMIN_EMAIL).await).await;
    for action in ["api_client.created", "api_client.rotated", "api_client.revoked"] {
        assert!(actions.iter().any(|a| a == action), "{action} audited: {actions:?}");
    }
});

db_test!(clients_belong_to_one_dealer, |app| async move {
    let summit_admin = admin_token(&app).await;
    let summit_client = app.create_api_client(&summit_admin, &Scope::ALL).await;
    let summit_token = app.client_token(&summit_client, None).await;

    // Thames's contract is as unknown to Summit's client as a made-up one.
    let thames_contract: String = crate::helpers::on_pool!(&app.db, pool => {
        sqlx::query_scalar(
            "SELECT k.external_id FROM contracts k JOIN dealers d ON d.id = k.dealer_id \
             WHERE d.slug = 'thames' ORDER BY k.number LIMIT 1",
        )
        .fetch_one(pool)
        .await
        .unwrap()
    });
    assert_problem(upload_pdf(&app, &summit_token, &thames_contract).await, 404, "not_found").await;

    // Thames's admin sees none of Summit's clients and cannot rotate or revoke them.
    let thames_admin = app.create_dealer_admin("thames").await;
    let listed = app.get_json("/api/v1/admin/api-clients", &thames_admin).await;
    assert_eq!(listed, json!([]));
    for action in ["rotate", "revoke"] {
        let response = app
            .client
            .post(app.url(&format!("/api/v1/admin/api-clients/{}/{action}", summit_client.client.id)))
            .bearer_auth(&thames_admin)
            .send()
            .await
            .unwrap();
        assert_problem(response, 404, "not_found").await;
    }
    assert_eq!(payments_feed(&app, &summit_token).await.status(), 200, "untouched");
});

db_test!(the_admin_lists_clients_without_secrets, |app| async move {
    let session = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    let admin = session.body.access_token.clone();
    let client = app.create_api_client(&admin, &[Scope::InvoicesWrite, Scope::CustomersWrite]).await;
    let listed = app.get_json("/api/v1/admin/api-clients", &admin).await;
    let row = &listed[0];
    assert_eq!(row["id"], client.client.id.to_string());
    assert_eq!(row["name"], "Back office");
    assert_eq!(row["scopes"], json!(["customers:write", "invoices:write"]));
    assert_eq!(row["created_by"], session.body.user.display_name);
    assert!(row["last_used_at"].is_null(), "not used yet");
    assert!(!listed.to_string().contains(&client.client_secret), "the secret is shown once only");
    app.client_token(&client, None).await;
    let listed = app.get_json("/api/v1/admin/api-clients", &admin).await;
    assert!(listed[0]["last_used_at"].is_string(), "a token grant counts as use");

    // Bad input names its fields and creates nothing; only dealer admins manage clients.
    let bad = app
        .client
        .post(app.url("/api/v1/admin/api-clients"))
        .bearer_auth(&admin)
        .json(&json!({ "name": " ", "scopes": [] }))
        .send()
        .await
        .unwrap();
    let body = assert_problem(bad, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "name");
    assert_eq!(body["errors"][1]["field"], "scopes");
    assert_eq!(app.get_json("/api/v1/admin/api-clients", &admin).await.as_array().unwrap().len(), 1);
    let staff = app.login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
    let customer = app.login_demo().await;
    for token in [staff.token(), customer.token()] {
        assert_problem(app.get("/api/v1/admin/api-clients", token).await, 403, "forbidden").await;
    }
});
