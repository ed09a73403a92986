//! Self sign-up (A3): account or contract number plus ZIP or email on record, a confirmation
//! link by email, then a password; enumeration-safe answers, expiry and reuse.

use api::db::Db;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{CustomerOnRecord, TestApp, assert_problem};
use crate::password_reset::{mailbox, wait_for_mail};

pub(crate) const PASSWORD: &str = "skid-steer-at-dawn";

pub(crate) async fn post_signup(app: &TestApp, body: Value) -> reqwest::Response {
    app.client.post(app.url("/api/v1/auth/signup")).json(&body).send().await.unwrap()
}

async fn get_preview(app: &TestApp, token: &str) -> reqwest::Response {
    app.client.get(app.url(&format!("/api/v1/auth/signup/{token}"))).send().await.unwrap()
}

pub(crate) async fn post_confirm(app: &TestApp, token: &str, password: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/auth/signup/confirm"))
        .json(&json!({ "token": token, "new_password": password }))
        .send()
        .await
        .unwrap()
}

fn token_in(text: &str) -> String {
    let marker = "/signup/confirm?token=";
    let start = text.find(marker).expect("sign-up link") + marker.len();
    text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

/// The token of the newest sign-up confirmation to `to`.
pub(crate) async fn signup_token(app: &TestApp, to: &str) -> String {
    let email = wait_for_mail(app, "signup_confirmation", to).await;
    let text = email["body_text"].as_str().unwrap();
    assert!(text.contains("http://127.0.0.1:8080/signup/confirm?token="), "{text}");
    token_in(text)
}

fn fields(body: &Value) -> Vec<String> {
    body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect()
}

/// Runs a body against whichever pool the test database is.
macro_rules! on_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            Db::Sqlite($pool) => $body,
            Db::Postgres($pool) => $body,
        }
    };
}

/// The customer's account number and the number of one of its contracts.
pub(crate) async fn numbers_of(app: &TestApp, customer: Uuid) -> (String, String) {
    on_pool!(&app.db, pool => {
        sqlx::query_as(
            "SELECT c.account_number, (SELECT k.number FROM contracts k WHERE k.customer_id = c.id \
             ORDER BY k.number LIMIT 1) FROM customers c WHERE c.id = $1",
        )
        .bind(customer)
        .fetch_one(pool)
        .await
        .unwrap()
    })
}

/// How many audit events of `action` name `customer`.
async fn audit_count(app: &TestApp, customer: Uuid, action: &str) -> i64 {
    on_pool!(&app.db, pool => {
        sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_events WHERE customer_id = $1 AND action = $2",
        )
        .bind(customer)
        .bind(action)
        .fetch_one(pool)
        .await
        .unwrap()
    })
}

/// Waits until the work behind a sign-up request recorded `action` for `customer`.
async fn wait_for_audit(app: &TestApp, customer: Uuid, action: &str, at_least: i64) {
    for _ in 0..100 {
        if audit_count(app, customer, action).await >= at_least {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no {action} audit event for {customer}");
}

async fn expire_signups(app: &TestApp) {
    let past = chrono::Utc::now() - chrono::Duration::minutes(1);
    on_pool!(&app.db, pool => {
        sqlx::query("UPDATE signups SET expires_at = $1").bind(past).execute(pool).await.unwrap();
    });
}

async fn contact_email(app: &TestApp, customer: Uuid) -> String {
    api::db::customers::contact_emails(&app.db, api::ids::CustomerId::new(customer))
        .await
        .unwrap()
        .remove(0)
        .email
        .to_lowercase()
}

pub(crate) fn by_contract_and_zip(contract: &str, customer: &CustomerOnRecord, email: &str) -> Value {
    json!({
        "reference_kind": "contract_number",
        "reference": contract,
        "fact_kind": "postal_code",
        "fact": customer.postal_code,
        "email": email,
    })
}

db_test!(sign_up_by_contract_number_and_zip_creates_the_owner_login, |app| async move {
    let customer = app.unregistered_customer("summit").await;
    let (_, contract) = numbers_of(&app, customer.id).await;
    let email = customer.email.to_lowercase();
    let mut body = by_contract_and_zip(&contract.to_lowercase(), &customer, &email.to_uppercase());
    body["fact"] = json!(format!(" {} ", customer.postal_code.to_lowercase()));
    let response = post_signup(&app, body).await;
    assert_eq!(response.status(), 202);
    let answer: Value = response.json().await.unwrap();
    assert!(answer["message"].as_str().unwrap().contains("If these details match"));

    let mail = wait_for_mail(&app, "signup_confirmation", &email).await;
    assert!(mail["body_html"].as_str().unwrap().contains("Summit Equipment Rentals"), "dealer branding");
    let token = signup_token(&app, &email).await;

    let preview = get_preview(&app, &token).await;
    assert_eq!(preview.status(), 200);
    let preview: Value = preview.json().await.unwrap();
    assert_eq!(preview["email"], email);
    assert_eq!(preview["dealer"]["slug"], "summit");
    assert!(!preview["customer_name"].as_str().unwrap().is_empty());

    // The policy applies, and the link survives a refused password.
    let weak = assert_problem(post_confirm(&app, &token, "password1").await, 422, "validation_failed").await;
    assert_eq!(fields(&weak), ["new_password"]);
    let same_as_email =
        assert_problem(post_confirm(&app, &token, &email).await, 422, "validation_failed").await;
    assert_eq!(fields(&same_as_email), ["new_password"]);

    let confirmed = post_confirm(&app, &token, PASSWORD).await;
    assert_eq!(confirmed.status(), 200);
    assert!(crate::helpers::refresh_cookie_of(&confirmed).is_some(), "signed in");
    let session: Value = confirmed.json().await.unwrap();
    assert_eq!(session["user"]["email"], email);
    let accounts = session["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0]["id"], customer.id.to_string());
    assert_eq!(accounts[0]["role"], "owner", "the first user of a customer owns it");
    assert_eq!(
        accounts[0]["permissions"],
        json!({ "view": true, "pay": true, "call_off": true, "order": true })
    );
    assert_eq!(app.post_login(&email, PASSWORD).await.status(), 200);
    let user_id = app.user_id(&email).await;
    assert!(app.audit_actions(user_id).await.iter().any(|a| a == "auth.signed_up"));
    assert_eq!(audit_count(&app, customer.id, "auth.signup_requested").await, 1);

    // Single use: the same link is refused, and no longer previews.
    let reused =
        assert_problem(post_confirm(&app, &token, "another-fine-password").await, 422, "validation_failed")
            .await;
    assert_eq!(fields(&reused), ["token"]);
    assert_problem(get_preview(&app, &token).await, 404, "not_found").await;

    // Signing up again with the same email: a "you already have a login" email, no link.
    assert_eq!(post_signup(&app, by_contract_and_zip(&contract, &customer, &email)).await.status(), 202);
    let notice = wait_for_mail(&app, "signup_existing_login", &email).await;
    let text = notice["body_text"].as_str().unwrap();
    assert!(text.contains("already have one") && text.contains("/forgot-password"), "{text}");
    assert!(!text.contains("token="), "{text}");
});

db_test!(sign_up_by_account_number_and_email_for_a_contact_joins_as_member, |app| async move {
    let customer = app.unregistered_customer("thames").await;
    let (account_number, contract) = numbers_of(&app, customer.id).await;
    // The customer's own email first: the owner.
    let owner_email = customer.email.to_lowercase();
    assert_eq!(
        post_signup(&app, by_contract_and_zip(&contract, &customer, &owner_email)).await.status(),
        202
    );
    let owner_token = signup_token(&app, &owner_email).await;
    assert_eq!(post_confirm(&app, &owner_token, PASSWORD).await.status(), 200);

    // Then a contact, by account number and the customer's email on record.
    let contact = contact_email(&app, customer.id).await;
    assert_ne!(contact, owner_email);
    let response = post_signup(
        &app,
        json!({
            "reference_kind": "account_number",
            "reference": format!(" {account_number} "),
            "fact_kind": "email",
            "fact": customer.email.to_uppercase(),
            "email": contact,
        }),
    )
    .await;
    assert_eq!(response.status(), 202);
    let token = signup_token(&app, &contact).await;
    let confirmed = post_confirm(&app, &token, PASSWORD).await;
    assert_eq!(confirmed.status(), 200);
    let session: Value = confirmed.json().await.unwrap();
    let accounts = session["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0]["id"], customer.id.to_string());
    assert_eq!(accounts[0]["role"], "member", "the account has an owner already");
    assert_eq!(
        accounts[0]["permissions"],
        json!({ "view": true, "pay": false, "call_off": false, "order": false })
    );
    assert_eq!(accounts[0]["dealer"]["slug"], "thames");
});

db_test!(mismatches_and_ineligible_customers_get_the_same_answer_and_no_email, |app| async move {
    let customer = app.unregistered_customer("summit").await;
    let (account_number, contract) = numbers_of(&app, customer.id).await;
    let email = customer.email.to_lowercase();
    let good = by_contract_and_zip(&contract, &customer, &email);

    let mut attempts = Vec::new();
    let mut wrong_zip = good.clone();
    wrong_zip["fact"] = json!("00000");
    attempts.push(wrong_zip);
    let mut wrong_email = good.clone();
    wrong_email["fact_kind"] = json!("email");
    wrong_email["fact"] = json!("someone@else.example");
    attempts.push(wrong_email);
    // An address the customer record does not know may not receive the link.
    let mut stranger = good.clone();
    stranger["email"] = json!("stranger@else.example");
    attempts.push(stranger);
    // The account number in the contract-number field.
    let mut wrong_kind = good.clone();
    wrong_kind["reference"] = json!(account_number);
    attempts.push(wrong_kind);

    let answer: Value = post_signup(&app, good.clone()).await.json().await.unwrap();
    wait_for_mail(&app, "signup_confirmation", &email).await;
    let mails_before = mailbox(&app).await.len();
    for (i, attempt) in attempts.into_iter().enumerate() {
        let response = post_signup(&app, attempt).await;
        assert_eq!(response.status(), 202);
        assert_eq!(response.json::<Value>().await.unwrap(), answer, "attempt {i}: the same answer");
    }
    // Three attempts named the customer; the fourth named nothing.
    wait_for_audit(&app, customer.id, "auth.signup_refused", 3).await;

    let unknown = post_signup(
        &app,
        json!({ "reference_kind": "account_number", "reference": "NO-SUCH-1", "fact_kind": "postal_code",
                "fact": "80202", "email": "who@else.example" }),
    )
    .await;
    assert_eq!(unknown.status(), 202);
    assert_eq!(unknown.json::<Value>().await.unwrap(), answer);

    app.make_cash_customer(customer.id).await;
    let ineligible = post_signup(&app, good.clone()).await;
    assert_eq!(ineligible.status(), 202);
    assert_eq!(ineligible.json::<Value>().await.unwrap(), answer, "an ineligible customer looks the same");
    wait_for_audit(&app, customer.id, "auth.signup_refused", 4).await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(mailbox(&app).await.len(), mails_before, "no email for any of them");
    assert_eq!(audit_count(&app, customer.id, "auth.signup_requested").await, 1);
});

db_test!(sign_up_links_expire_and_blank_fields_are_refused, |app| async move {
    let customer = app.unregistered_customer("summit").await;
    let (_, contract) = numbers_of(&app, customer.id).await;
    let email = customer.email.to_lowercase();
    assert_eq!(post_signup(&app, by_contract_and_zip(&contract, &customer, &email)).await.status(), 202);
    let token = signup_token(&app, &email).await;
    expire_signups(&app).await;
    let expired = assert_problem(post_confirm(&app, &token, PASSWORD).await, 422, "validation_failed").await;
    assert_eq!(fields(&expired), ["token"]);
    assert_problem(get_preview(&app, &token).await, 404, "not_found").await;
    let unknown =
        assert_problem(post_confirm(&app, "not-a-token", PASSWORD).await, 422, "validation_failed").await;
    assert_eq!(fields(&unknown), ["token"]);

    let blank = post_signup(
        &app,
        json!({ "reference_kind": "account_number", "reference": " ", "fact_kind": "email", "fact": "",
                "email": "nope" }),
    )
    .await;
    assert_eq!(
        fields(&assert_problem(blank, 422, "validation_failed").await),
        ["reference", "fact", "email"]
    );
});
