//! The account at a glance (B2, B3): `GET /accounts/{id}/overview` answers the contact
//! block and credit as the customer record holds them, the balance as `GET …/balance` does,
//! and the newest invoices, payments and requests as their lists do; other accounts' and
//! anonymous requests are refused.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{OTHER_PASSWORD, assert_problem, on_pool};
use crate::payments::fixtures::{VISA, card_token, new_invoice, set_method};
use crate::payments::{body, pay_ok};

db_test!(the_overview_is_the_accounts_own_figures_and_newest_documents, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    let url = |path: &str| format!("/api/v1/accounts/{account}/{path}");
    // A payment, so the newest payment is one made here.
    set_method(&app, "summit", "card", true).await;
    let (invoice, _) = new_invoice(&app, account, 4_200).await;
    let paid =
        pay_ok(&app, session.token(), account, &body(&[(invoice, 4_200)], None, "card", &card_token(VISA)))
            .await;

    // Without a credit limit on record: none, and no available credit.
    let set_limit = |limit: Option<i64>| {
        let app = &app;
        async move {
            on_pool!(&app.db, pool => {
                sqlx::query("UPDATE customers SET credit_limit_minor = $1 WHERE id = $2")
                    .bind(limit)
                    .bind(account)
                    .execute(pool)
                    .await
                    .unwrap();
            });
        }
    };
    set_limit(None).await;
    let overview = app.get_json(&url("overview"), session.token()).await;
    assert_eq!((&overview["credit_limit"], &overview["available_credit"]), (&Value::Null, &Value::Null));

    set_limit(Some(2_500_000)).await;
    let overview = app.get_json(&url("overview"), session.token()).await;
    let (name, number, address, phone, email): (
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    ) = on_pool!(&app.db, pool => {
        sqlx::query_as("SELECT name, account_number, address, phone, email FROM customers WHERE id = $1")
            .bind(account)
            .fetch_one(pool)
            .await
            .unwrap()
    });
    assert_eq!(
        overview["contact"],
        json!({ "name": name, "account_number": number, "address": address, "phone": phone, "email": email })
    );
    let balance = app.get_json(&url("balance"), session.token()).await;
    assert_eq!(overview["balance"], balance);
    let owed = balance["balance"]["minor"].as_i64().unwrap();
    assert_eq!(overview["credit_limit"], json!({ "minor": 2_500_000, "currency": "USD" }));
    assert_eq!(overview["available_credit"], json!({ "minor": 2_500_000 - owed, "currency": "USD" }));

    // The newest three of each, as the lists answer them.
    let invoices =
        app.get_json(&url("invoices?view=all&sort=invoice_date&dir=desc&per_page=3"), session.token()).await;
    assert_eq!(overview["recent_invoices"], invoices["items"]);
    let payments = app.get_json(&url("payments?per_page=3"), session.token()).await;
    assert_eq!(overview["recent_payments"], payments["items"]);
    assert_eq!(overview["recent_payments"][0]["id"], paid["id"], "the last payment first");
    let requests = app.get_json(&url("requests?per_page=3"), session.token()).await;
    assert_eq!(overview["recent_requests"], requests["items"]);
    assert_eq!(overview["recent_invoices"].as_array().unwrap().len(), 3, "the demo account has invoices");

    // Over the limit: the available credit goes below zero.
    set_limit(Some(owed - 1_000)).await;
    let over = app.get_json(&url("overview"), session.token()).await;
    assert_eq!(over["available_credit"]["minor"], -1_000);

    // Another customer's account, an unknown one, no token.
    let (email, other_account) = app.create_other_customer_user("summit").await;
    let other = app.login(&email, OTHER_PASSWORD).await;
    app.get_json(&format!("/api/v1/accounts/{other_account}/overview"), other.token()).await;
    for id in [other_account, Uuid::now_v7()] {
        let response = app.get(&format!("/api/v1/accounts/{id}/overview"), session.token()).await;
        assert_problem(response, 404, "not_found").await;
    }
    let anonymous = app.client.get(app.url(&url("overview"))).send().await.unwrap();
    assert_problem(anonymous, 401, "unauthenticated").await;
});
