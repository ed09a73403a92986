//! Health, readiness, OpenAPI document and Swagger UI, unknown routes, SPA fallback.

use crate::db_test;
use crate::helpers::assert_problem;

db_test!(health_and_readiness_answer, |app| async move {
    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let ready = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 200);
});

db_test!(openapi_document_and_docs_are_served, |app| async move {
    let doc: serde_json::Value =
        app.client.get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    for path in [
        "/api/v1/auth/login",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/me",
        "/api/v1/accounts/{account_id}/contracts",
        "/api/v1/accounts/{account_id}/contracts.csv",
        "/api/v1/accounts/{account_id}/contracts/{contract_id}",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} undocumented");
    }
    let redirect = app.client.get(app.url("/api/docs")).send().await.unwrap();
    assert!(redirect.status().is_redirection());
    let ui = app.client.get(app.url("/api/docs/")).send().await.unwrap();
    assert_eq!(ui.status(), 200);
    assert!(ui.text().await.unwrap().contains("swagger"));
});

db_test!(unknown_api_routes_are_problems_and_client_routes_get_the_app, |app| async move {
    let missing = app.client.get(app.url("/api/v1/nothing-here")).send().await.unwrap();
    assert_problem(missing, 404, "not_found").await;
    let page = app.client.get(app.url("/a/some-account/contracts?status=open")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("<title>Rental Portal</title>"));
});

/// The committed `openapi/openapi.json` must be what the code generates: regenerate with
/// `cargo run -p api -- export-openapi`.
#[test]
fn committed_openapi_document_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = api::routes::openapi::document_json().unwrap();
    assert!(
        committed == generated,
        "openapi/openapi.json is stale: run `cargo run -p api -- export-openapi` and commit it"
    );
}
