//! Words the database stores for enums (statuses, kinds, currencies...): one that names no
//! variant answers a 500 problem, and never reads as some default.

use crate::db_test;
use crate::helpers::{TestApp, assert_problem, on_pool};

async fn set_dealer_currency(app: &TestApp, slug: &str, currency: &str) {
    on_pool!(&app.db, pool => {
        sqlx::query("UPDATE dealers SET currency = $2 WHERE slug = $1")
            .bind(slug)
            .bind(currency)
            .execute(pool)
            .await
            .expect("fixture update");
    });
}

db_test!(an_unknown_dealer_currency_is_a_500_not_dollars, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let contracts = format!("/api/v1/accounts/{account}/contracts");
    app.get_json(&contracts, session.token()).await;

    set_dealer_currency(&app, "summit", "XYZ").await;
    let body = assert_problem(app.get(&contracts, session.token()).await, 500, "internal").await;
    assert!(!body.to_string().contains("XYZ"), "the cause stays in the log: {body}");
    let branding = app.client.get(app.url("/api/v1/branding/summit")).send().await.unwrap();
    assert_problem(branding, 500, "internal").await;

    // Codes read as they always did, whatever their letter case.
    set_dealer_currency(&app, "summit", "usd").await;
    let page = app.get_json(&contracts, session.token()).await;
    let first = &page["items"][0];
    assert_eq!(first["amount"]["currency"], "USD", "{first}");
});
