//! First registration by phone (A2) and the eligibility rules behind it (A5).

use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::{CustomerOnRecord, TestApp, assert_problem};

const PASSWORD: &str = "backhoe-on-the-hill";

async fn register(
    app: &TestApp,
    phone: &str,
    email: &str,
    postal_code: &str,
    password: &str,
) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/auth/register/phone"))
        .json(
            &json!({ "phone": phone, "email": email, "postal_code": postal_code, "new_password": password }),
        )
        .send()
        .await
        .unwrap()
}

pub(crate) async fn register_customer(app: &TestApp, c: &CustomerOnRecord) -> reqwest::Response {
    register(app, &c.phone, &c.email, &c.postal_code, PASSWORD).await
}

fn fields(body: &Value) -> Vec<String> {
    body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect()
}

db_test!(registration_by_phone_creates_the_owner_login_and_signs_in, |app| async move {
    let customer = app.unregistered_customer("summit").await;
    // The phone in another format, the email in other case, the ZIP with spaces.
    let digits: String = customer.phone.chars().filter(char::is_ascii_digit).collect();
    let phone = format!("+1 {}-{}-{}", &digits[..3], &digits[3..6], &digits[6..]);
    let response = register(
        &app,
        &phone,
        &customer.email.to_uppercase(),
        &format!(" {} ", customer.postal_code),
        PASSWORD,
    )
    .await;
    assert_eq!(response.status(), 200);
    assert!(crate::helpers::refresh_cookie_of(&response).is_some(), "signed in with a refresh cookie");
    let session: Value = response.json().await.unwrap();
    let accounts = session["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0]["id"], customer.id.to_string());
    assert_eq!(accounts[0]["role"], "owner");
    assert_eq!(
        accounts[0]["permissions"],
        json!({ "view": true, "pay": true, "call_off": true, "order": true })
    );

    // From now on the phone and the new password log in; so does the email.
    assert_eq!(app.post_login(&digits, PASSWORD).await.status(), 200);
    assert_eq!(app.post_login(&customer.email, PASSWORD).await.status(), 200);
    let user_id = session["user"]["id"].as_str().unwrap().parse().unwrap();
    assert!(app.audit_actions(user_id).await.iter().any(|a| a == "auth.registered_by_phone"));

    // Registering twice is refused.
    let again = assert_problem(register_customer(&app, &customer).await, 422, "validation_failed").await;
    assert_eq!(fields(&again), ["phone"]);
});

db_test!(wrong_zip_or_email_names_the_store_and_creates_nothing, |app| async move {
    let customer = app.unregistered_customer("summit").await;
    let wrong_zip = register(&app, &customer.phone, &customer.email, "99999", PASSWORD).await;
    let body = assert_problem(wrong_zip, 422, "validation_failed").await;
    assert_eq!(fields(&body), ["email", "postal_code"]);
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("do not match our records"), "{message}");
    assert!(
        message.contains("Please contact") && message.contains("555-01"),
        "names the store and its phone: {message}"
    );

    let wrong_email =
        register(&app, &customer.phone, "someone@else.example", &customer.postal_code, PASSWORD).await;
    let body_email = assert_problem(wrong_email, 422, "validation_failed").await;
    assert_eq!(body_email, body, "which fact was wrong is not revealed");
    assert_problem(app.post_login(&customer.phone, PASSWORD).await, 401, "invalid_credentials").await;
});

db_test!(ineligible_customers_get_the_same_answer, |app| async move {
    let customer = app.unregistered_customer("thames").await;
    let mismatch = assert_problem(
        register(&app, &customer.phone, &customer.email, "XX1 1XX", PASSWORD).await,
        422,
        "validation_failed",
    )
    .await;
    app.make_cash_customer(customer.id).await;
    let cash = assert_problem(register_customer(&app, &customer).await, 422, "validation_failed").await;
    assert_eq!(cash, mismatch, "a cash customer looks like a mismatch to the public");
    let unknown = assert_problem(
        register(&app, "020 7946 9999", "x@y.example", "SW1", PASSWORD).await,
        422,
        "validation_failed",
    )
    .await;
    assert!(unknown["errors"][0]["message"].as_str().unwrap().contains("contact your rental store"));
});

db_test!(registration_validates_fields_and_password, |app| async move {
    let customer = app.unregistered_customer("summit").await;
    let empty = assert_problem(register(&app, "", "", "", "").await, 422, "validation_failed").await;
    assert_eq!(fields(&empty), ["phone", "email", "postal_code", "new_password"]);
    let weak = assert_problem(
        register(&app, &customer.phone, &customer.email, &customer.postal_code, "password1").await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&weak), ["new_password"]);
    let same_as_phone = assert_problem(
        register(&app, &customer.phone, &customer.email, &customer.postal_code, &customer.phone).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&same_as_phone), ["new_password"]);
    let not_a_phone = assert_problem(
        register(&app, "call me", &customer.email, &customer.postal_code, PASSWORD).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&not_a_phone), ["phone"]);
});
