//! Paying invoices or on account (E4-E6, E8) and the back office's payment feed (I4): the
//! three-step flow (hold, charge, finalise), charged at most once under retries and races,
//! what is refused with nothing written, and what the receipt and the database keep of a
//! card (brand and last four digits, never the number or the token).
//!
//! The invoices and the dealer's payment methods are made here ([`fixtures`]), not taken
//! from the demo seed.

use api::demo::{DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DEMO_CUSTOMER_EMAIL};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{OTHER_PASSWORD, TestApp, assert_problem, on_pool};
use crate::requests::{count, emails_of_kind, fields};

use self::fixtures::*;

/// Invoices, payment methods and tokens for the payment tests, all in one place.
pub(crate) mod fixtures {
    use chrono::{Datelike, Duration, Utc};
    use shared::payments::SandboxToken;
    use uuid::Uuid;

    use crate::helpers::{TestApp, on_pool};

    pub const VISA: &str = "4242424242424242";

    /// Enables (or disables) `method` at the dealer with this slug, on the sandbox gateway.
    pub async fn set_method(app: &TestApp, slug: &str, method: &str, enabled: bool) {
        on_pool!(&app.db, pool => {
            sqlx::query(
                "INSERT INTO dealer_payment_methods (dealer_id, method, gateway, enabled, public_key, \
                 credentials_ref, updated_at) SELECT id, $2, 'sandbox', $3, NULL, NULL, $4 FROM dealers \
                 WHERE slug = $1 ON CONFLICT (dealer_id, method) DO UPDATE SET enabled = excluded.enabled, \
                 gateway = excluded.gateway",
            )
            .bind(slug)
            .bind(method)
            .bind(enabled)
            .bind(Utc::now())
            .execute(pool)
            .await
            .unwrap();
        });
    }

    /// Card and bank debit on at `slug`.
    pub async fn enable_all(app: &TestApp, slug: &str) {
        set_method(app, slug, "card", true).await;
        set_method(app, slug, "ach", true).await;
    }

    /// A new open invoice of `customer` with `balance_minor` due; returns (id, number).
    pub async fn new_invoice(app: &TestApp, customer: Uuid, balance_minor: i64) -> (Uuid, String) {
        invoice_of_kind(app, customer, balance_minor, "invoice", "open").await
    }

    pub async fn invoice_of_kind(
        app: &TestApp,
        customer: Uuid,
        balance_minor: i64,
        kind: &str,
        status: &str,
    ) -> (Uuid, String) {
        let due_in_days = Some(30);
        insert_invoice(app, customer, NewInvoice { kind, status, balance_minor, contract: None, due_in_days })
            .await
    }

    /// What [`insert_invoice`] makes.
    pub struct NewInvoice<'a> {
        pub kind: &'a str,
        pub status: &'a str,
        pub balance_minor: i64,
        pub contract: Option<Uuid>,
        /// Due this many days from today; `None`: no due date.
        pub due_in_days: Option<i64>,
    }

    /// A new invoice of `customer` as `spec` says, dated today; returns (id, number).
    pub async fn insert_invoice(app: &TestApp, customer: Uuid, spec: NewInvoice<'_>) -> (Uuid, String) {
        let id = Uuid::now_v7();
        let number = format!("INV-{}", &id.simple().to_string()[20..]);
        let today = Utc::now().date_naive();
        on_pool!(&app.db, pool => {
            sqlx::query(
                "INSERT INTO invoices (id, dealer_id, customer_id, location_id, contract_id, external_id, \
                 number, kind, status, invoice_date, due_date, po_number, job_number, subtotal_minor, \
                 tax_minor, total_minor, balance_minor, pending_minor, created_at, updated_at) \
                 SELECT $1, c.dealer_id, c.id, NULL, $11, $2, $3, $4, $5, $6, $7, NULL, NULL, $8, 0, $8, $8, 0, $9, $9 \
                 FROM customers c WHERE c.id = $10",
            )
            .bind(id)
            .bind(format!("EXT-{number}"))
            .bind(&number)
            .bind(spec.kind)
            .bind(spec.status)
            .bind(today)
            .bind(spec.due_in_days.map(|days| today + Duration::days(days)))
            .bind(spec.balance_minor)
            .bind(Utc::now())
            .bind(customer)
            .bind(spec.contract)
            .execute(pool)
            .await
            .unwrap();
        });
        (id, number)
    }

    /// A new open contract of `customer` (a copy of one it has, numbered anew), with no
    /// invoices yet.
    pub async fn new_contract(app: &TestApp, customer: Uuid) -> Uuid {
        let id = Uuid::now_v7();
        let number = format!("R-{}", &id.simple().to_string()[24..]);
        on_pool!(&app.db, pool => {
            sqlx::query(
                "INSERT INTO contracts (id, dealer_id, customer_id, location_id, external_id, number, status, \
                 start_date, amount_minor, amount_due_minor, created_at, updated_at) \
                 SELECT $1, c.dealer_id, c.customer_id, c.location_id, $2, $2, 'open', c.start_date, 0, 0, \
                 c.created_at, c.updated_at FROM contracts c WHERE c.customer_id = $3 LIMIT 1",
            )
            .bind(id)
            .bind(&number)
            .bind(customer)
            .execute(pool)
            .await
            .unwrap();
        });
        id
    }

    /// An invoice's (balance, pending).
    pub async fn held(app: &TestApp, invoice: Uuid) -> (i64, i64) {
        on_pool!(&app.db, pool => {
            sqlx::query_as("SELECT balance_minor, pending_minor FROM invoices WHERE id = $1")
                .bind(invoice)
                .fetch_one(pool)
                .await
                .unwrap()
        })
    }

    /// Status and failure code of every payment, oldest first.
    pub async fn payment_rows(app: &TestApp) -> Vec<(String, Option<String>)> {
        on_pool!(&app.db, pool => {
            sqlx::query_as("SELECT status, failure_code FROM payments ORDER BY created_at, id")
                .fetch_all(pool)
                .await
                .unwrap()
        })
    }

    /// Every text the payment tables, the sandbox ledger, the outbox, the audit log and the
    /// staff notifications hold: where a card number or token must never turn up.
    pub async fn stored_text(app: &TestApp) -> String {
        let rows: Vec<Option<String>> = on_pool!(&app.db, pool => {
            let mut all = Vec::new();
            for sql in [
                "SELECT number || '|' || COALESCE(instrument_brand, '') || '|' || COALESCE(instrument_last4, '') \
                 || '|' || COALESCE(gateway_reference, '') || '|' || COALESCE(failure_message, '') || '|' \
                 || receipt_email || '|' || idempotency_key || '|' || request_hash FROM payments",
                "SELECT idempotency_key || '|' || reference || '|' || outcome || '|' || COALESCE(brand, '') \
                 || '|' || COALESCE(last4, '') FROM sandbox_charges",
                "SELECT subject || '|' || body_text || '|' || body_html FROM email_outbox",
                "SELECT COALESCE(details, '') FROM audit_events",
                "SELECT title FROM staff_notifications",
            ] {
                let rows: Vec<Option<String>> = sqlx::query_scalar(sql).fetch_all(pool).await.unwrap();
                all.extend(rows);
            }
            all
        });
        rows.into_iter().flatten().collect::<Vec<_>>().join("\n")
    }

    fn nonce() -> String {
        SandboxToken::nonce_from(*Uuid::new_v4().as_bytes())
    }

    /// A sandbox card token as the browser makes it.
    pub fn card_token(number: &str) -> String {
        let today = Utc::now().date_naive();
        SandboxToken::for_card(number, (12, today.year() + 3), "123", (today.year(), today.month()), &nonce())
            .unwrap()
            .encode()
    }

    /// A sandbox bank-account token; an account number ending 0002 is refused as closed.
    pub fn bank_token(account: &str) -> String {
        SandboxToken::for_bank_account("110000000", account, &nonce()).unwrap().encode()
    }
}

pub(crate) fn body(allocations: &[(Uuid, i64)], on_account: Option<i64>, method: &str, token: &str) -> Value {
    json!({
        "allocations": allocations
            .iter()
            .map(|(id, amount)| json!({ "invoice_id": id, "amount_minor": amount }))
            .collect::<Vec<_>>(),
        "on_account_minor": on_account,
        "method": method,
        "token": token,
        "receipt_email": "ap@builder.example",
    })
}

pub(crate) async fn pay(
    app: &TestApp,
    token: &str,
    account: Uuid,
    body: &Value,
    key: Option<&str>,
) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url(&format!("/api/v1/accounts/{account}/payments")))
        .bearer_auth(token)
        .json(body);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    request.send().await.unwrap()
}

pub(crate) fn new_key() -> String {
    Uuid::new_v4().to_string()
}

pub(crate) async fn pay_ok(app: &TestApp, token: &str, account: Uuid, body: &Value) -> Value {
    let response = pay(app, token, account, body, Some(&new_key())).await;
    assert_eq!(response.status(), 201);
    response.json().await.unwrap()
}

db_test!(a_card_payment_is_taken_held_on_the_invoice_and_receipted, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    set_method(&app, "summit", "card", true).await;
    let (invoice, number) = new_invoice(&app, account, 12_550).await;

    let options = app.get_json(&format!("/api/v1/accounts/{account}/payment-options"), session.token()).await;
    assert_eq!(
        options,
        json!({
            "currency": "USD",
            "methods": [
                { "method": "card", "gateway": "sandbox", "public_key": "pk_sandbox_summit_card" },
                { "method": "ach", "gateway": "sandbox", "public_key": "pk_sandbox_summit_ach" },
            ],
            "sandbox": true,
            "default_receipt_email": DEMO_CUSTOMER_EMAIL,
        })
    );

    let token = card_token(VISA);
    let paid =
        pay_ok(&app, session.token(), account, &body(&[(invoice, 12_550)], None, "card", &token)).await;
    assert_eq!(paid["status"], "succeeded");
    assert_eq!(paid["method"], "card");
    assert_eq!(paid["amount"], json!({ "minor": 12_550, "currency": "USD" }));
    assert_eq!(paid["instrument_brand"], "visa");
    assert_eq!(paid["instrument_last4"], "4242");
    assert_eq!(paid["paid_by"], "Dana Demo");
    assert_eq!(paid["receipt_email"], "ap@builder.example");
    assert!(paid["gateway_reference"].as_str().unwrap().starts_with("sbx_ch_"));
    assert_eq!(paid["failure_message"], Value::Null);
    assert_eq!(paid["posted_at"], Value::Null);
    assert_eq!(
        paid["allocations"],
        json!([{ "invoice_id": invoice, "invoice_number": number, "amount": { "minor": 12_550, "currency": "USD" } }])
    );
    let receipt = paid["number"].as_str().unwrap();
    assert!(receipt.starts_with("PAY-") && receipt.len() == 13, "{receipt}");
    // Held until the back office posts it: nothing more is due.
    assert_eq!(held(&app, invoice).await, (12_550, 12_550));

    let receipts = emails_of_kind(&app, "payment_receipt").await;
    assert_eq!(receipts.len(), 1);
    let (to, subject, text) = &receipts[0];
    assert_eq!(to, "ap@builder.example");
    assert!(subject.contains(receipt), "{subject}");
    for needle in [receipt, "Visa ****4242", "$125.50", number.as_str()] {
        assert!(text.contains(needle), "{needle} in {text}");
    }
    let stored = stored_text(&app).await;
    assert!(!stored.contains(VISA), "no card number stored");
    assert!(!stored.contains(&token), "no token stored");
    assert!(!stored.contains(token.rsplit(':').next().unwrap()), "not even the token's nonce");
    assert!(stored.contains(&format!("Payment {receipt} of $125.50 from")), "staff notified: {stored}");

    let user = app.user_id(DEMO_CUSTOMER_EMAIL).await;
    let actions = app.audit_actions(user).await;
    assert_eq!(actions[..2], ["payment.succeeded", "payment.started"]);
    assert_eq!(count(&app, "sandbox_charges").await, 1);
});

db_test!(an_invoice_can_be_paid_in_parts_and_never_over, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    set_method(&app, "summit", "card", true).await;
    let (invoice, number) = new_invoice(&app, account, 10_000).await;

    let paid =
        pay_ok(&app, session.token(), account, &body(&[(invoice, 4_000)], None, "card", &card_token(VISA)))
            .await;
    assert_eq!(paid["amount"]["minor"], 4_000);
    assert_eq!(held(&app, invoice).await, (10_000, 4_000));

    // More than the 60.00 still due: 422 naming the allocation, nothing written.
    let response = pay(
        &app,
        session.token(),
        account,
        &body(&[(invoice, 6_001)], None, "card", &card_token(VISA)),
        Some(&new_key()),
    )
    .await;
    let problem = assert_problem(response, 422, "validation_failed").await;
    assert_eq!(fields(&problem), ["allocations[0].amount_minor"]);
    assert_eq!(problem["errors"][0]["message"], format!("At most $60.00 is due on {number}."));
    assert_eq!(count(&app, "payments").await, 1);
    assert_eq!(held(&app, invoice).await, (10_000, 4_000));

    pay_ok(&app, session.token(), account, &body(&[(invoice, 6_000)], None, "card", &card_token(VISA))).await;
    assert_eq!(held(&app, invoice).await, (10_000, 10_000));
    let response = pay(
        &app,
        session.token(),
        account,
        &body(&[(invoice, 1)], None, "card", &card_token(VISA)),
        Some(&new_key()),
    )
    .await;
    let problem = assert_problem(response, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["message"], format!("Nothing is left to pay on {number}."));
});

db_test!(a_payment_on_account_touches_no_invoice, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    set_method(&app, "summit", "card", true).await;
    let (invoice, _) = new_invoice(&app, account, 10_000).await;
    let paid =
        pay_ok(&app, session.token(), account, &body(&[], Some(2_500), "card", &card_token(VISA))).await;
    assert_eq!(paid["status"], "succeeded");
    assert_eq!(
        paid["allocations"],
        json!([{ "invoice_id": null, "invoice_number": null, "amount": { "minor": 2_500, "currency": "USD" } }])
    );
    assert_eq!(held(&app, invoice).await, (10_000, 0));
    let receipts = emails_of_kind(&app, "payment_receipt").await;
    assert!(receipts[0].2.contains("On account: $25.00"), "{}", receipts[0].2);

    // Invoice and on account in one payment.
    let both = pay_ok(
        &app,
        session.token(),
        account,
        &body(&[(invoice, 1_000)], Some(500), "card", &card_token(VISA)),
    )
    .await;
    assert_eq!(both["amount"]["minor"], 1_500);
    assert_eq!(both["allocations"].as_array().unwrap().len(), 2);
    assert_eq!(held(&app, invoice).await, (10_000, 1_000));
});

db_test!(a_bank_debit_is_pending_until_it_settles, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    enable_all(&app, "summit").await;
    let (invoice, _) = new_invoice(&app, account, 30_000).await;
    let options = app.get_json(&format!("/api/v1/accounts/{account}/payment-options"), session.token()).await;
    let methods: Vec<&str> =
        options["methods"].as_array().unwrap().iter().map(|m| m["method"].as_str().unwrap()).collect();
    assert_eq!(methods, ["card", "ach"]);

    let paid = pay_ok(
        &app,
        session.token(),
        account,
        &body(&[(invoice, 30_000)], None, "ach", &bank_token("000123456789")),
    )
    .await;
    assert_eq!(paid["status"], "pending");
    assert_eq!(paid["method"], "ach");
    assert_eq!(paid["instrument_brand"], "bank");
    assert_eq!(paid["instrument_last4"], "6789");
    assert_eq!(held(&app, invoice).await, (30_000, 30_000));
    let receipts = emails_of_kind(&app, "payment_receipt").await;
    assert!(receipts[0].1.starts_with("Your bank payment"), "{}", receipts[0].1);
    assert!(receipts[0].2.contains("3-5 working days"));
    assert!(receipts[0].2.contains("Bank account ****6789"));
    assert!(!stored_text(&app).await.contains("000123456789"));
});

db_test!(a_declined_card_is_402_and_releases_what_it_held, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    enable_all(&app, "summit").await;
    let (invoice, _) = new_invoice(&app, account, 10_000).await;
    let key = new_key();
    let declined =
        body(&[(invoice, 10_000)], None, "card", &card_token(shared::payments::SANDBOX_DECLINED_CARD));
    let problem = assert_problem(
        pay(&app, session.token(), account, &declined, Some(&key)).await,
        402,
        "payment_declined",
    )
    .await;
    assert_eq!(problem["detail"], "Your card was declined. No money was taken.");
    assert_eq!(held(&app, invoice).await, (10_000, 0), "due again");
    assert_eq!(payment_rows(&app).await, [("failed".to_string(), Some("card_declined".to_string()))]);
    assert!(emails_of_kind(&app, "payment_receipt").await.is_empty());

    // A retry under the same key: the same answer, no second charge.
    let again = assert_problem(
        pay(&app, session.token(), account, &declined, Some(&key)).await,
        402,
        "payment_declined",
    )
    .await;
    assert_eq!(again["detail"], problem["detail"]);
    assert_eq!(count(&app, "payments").await, 1);
    assert_eq!(count(&app, "sandbox_charges").await, 1);

    // Other refusals carry their own words.
    let poor = body(
        &[(invoice, 10_000)],
        None,
        "card",
        &card_token(shared::payments::SANDBOX_INSUFFICIENT_FUNDS_CARD),
    );
    let problem = assert_problem(
        pay(&app, session.token(), account, &poor, Some(&new_key())).await,
        402,
        "payment_declined",
    )
    .await;
    assert_eq!(problem["detail"], "The card has insufficient funds. No money was taken.");
    let closed = body(&[(invoice, 10_000)], None, "ach", &bank_token("000123450002"));
    let problem = assert_problem(
        pay(&app, session.token(), account, &closed, Some(&new_key())).await,
        402,
        "payment_declined",
    )
    .await;
    assert_eq!(problem["detail"], "The bank refused the debit: account closed. No money was taken.");
    // A card token sent as a bank debit is refused by the gateway, not taken.
    let mixed = body(&[(invoice, 10_000)], None, "ach", &card_token(VISA));
    assert_problem(
        pay(&app, session.token(), account, &mixed, Some(&new_key())).await,
        402,
        "payment_declined",
    )
    .await;
    assert_eq!(held(&app, invoice).await, (10_000, 0));

    // The history shows the declined ones, marked.
    let history = app.get_json(&format!("/api/v1/accounts/{account}/payments"), session.token()).await;
    assert_eq!(history["total"], 4);
    assert!(history["items"].as_array().unwrap().iter().all(|p| p["status"] == "failed"));
    let user = app.user_id(DEMO_CUSTOMER_EMAIL).await;
    assert_eq!(app.audit_actions(user).await[0], "payment.declined");
});

db_test!(a_member_without_pay_permission_gets_403, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    set_method(&app, "summit", "card", true).await;
    let (invoice, _) = new_invoice(&app, account, 10_000).await;
    let user = app.user_id(DEMO_CUSTOMER_EMAIL).await;
    crate::helpers::on_pool!(&app.db, pool => {
        sqlx::query("UPDATE memberships SET can_pay = FALSE WHERE user_id = $1 AND customer_id = $2")
            .bind(user)
            .bind(account)
            .execute(pool)
            .await
            .unwrap();
    });
    let response = pay(
        &app,
        session.token(),
        account,
        &body(&[(invoice, 10_000)], None, "card", &card_token(VISA)),
        Some(&new_key()),
    )
    .await;
    assert_problem(response, 403, "forbidden").await;
    assert_eq!(count(&app, "payments").await, 0);
    assert_eq!(held(&app, invoice).await, (10_000, 0));
    // Seeing the options and the history needs view only.
    app.get_json(&format!("/api/v1/accounts/{account}/payment-options"), session.token()).await;
    app.get_json(&format!("/api/v1/accounts/{account}/payments"), session.token()).await;
});

db_test!(invoices_of_another_account_or_not_open_are_refused_per_field, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    set_method(&app, "summit", "card", true).await;
    let (_, other_customer) = app.create_other_customer_user("summit").await;
    let (foreign, _) = new_invoice(&app, other_customer, 10_000).await;
    let (mine, _) = new_invoice(&app, account, 10_000).await;
    let (memo, _) = invoice_of_kind(&app, account, -2_000, "credit_memo", "open").await;
    let (paid, _) = invoice_of_kind(&app, account, 0, "invoice", "paid").await;
    let thames = session.account_at("thames");
    let (thames_invoice, _) = new_invoice(&app, thames, 10_000).await;

    let response = pay(
        &app,
        session.token(),
        account,
        &body(
            &[
                (mine, 1_000),
                (foreign, 1_000),
                (memo, 1_000),
                (paid, 1_000),
                (thames_invoice, 1_000),
                (Uuid::now_v7(), 1),
            ],
            None,
            "card",
            &card_token(VISA),
        ),
        Some(&new_key()),
    )
    .await;
    let problem = assert_problem(response, 422, "validation_failed").await;
    assert_eq!(
        fields(&problem),
        [
            "allocations[1].invoice_id",
            "allocations[2].invoice_id",
            "allocations[3].invoice_id",
            "allocations[4].invoice_id",
            "allocations[5].invoice_id"
        ]
    );
    assert_eq!(count(&app, "payments").await, 0);
    assert_eq!(count(&app, "sandbox_charges").await, 0);
    assert_eq!(held(&app, foreign).await, (10_000, 0));
    assert_eq!(held(&app, mine).await, (10_000, 0));
});

db_test!(bad_bodies_are_refused_with_nothing_written, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    set_method(&app, "summit", "card", true).await;
    set_method(&app, "summit", "ach", false).await;
    let (invoice, _) = new_invoice(&app, account, 10_000).await;
    let refuse = |body: Value, key: Option<String>| {
        let app = &app;
        let token = session.token().to_string();
        async move {
            assert_problem(pay(app, &token, account, &body, key.as_deref()).await, 422, "validation_failed")
                .await
        }
    };

    // Without an Idempotency-Key, or a blank or overlong one.
    let good = body(&[(invoice, 1_000)], None, "card", &card_token(VISA));
    for key in [None, Some(" ".to_string()), Some("k".repeat(101))] {
        assert_eq!(fields(&refuse(good.clone(), key).await), ["idempotency_key"]);
    }
    // A card number where the token goes: refused, never stored.
    for pan in [VISA, "4242 4242 4242 4242", "tok_4242-4242-4242-4242"] {
        let problem = refuse(body(&[(invoice, 1_000)], None, "card", pan), Some(new_key())).await;
        assert_eq!(fields(&problem), ["token"]);
        assert!(!problem.to_string().contains("4242 4242"), "not echoed");
    }
    // A method the dealer does not take.
    let problem =
        refuse(body(&[(invoice, 1_000)], None, "ach", &bank_token("000123456789")), Some(new_key())).await;
    assert_eq!(fields(&problem), ["method"]);
    // Nothing to pay, amounts not above zero, an invoice twice, a bad receipt email.
    assert_eq!(
        fields(&refuse(body(&[], None, "card", &card_token(VISA)), Some(new_key())).await),
        ["allocations"]
    );
    let problem =
        refuse(body(&[(invoice, 0), (invoice, 5)], Some(-1), "card", &card_token(VISA)), Some(new_key()))
            .await;
    assert_eq!(
        fields(&problem),
        ["allocations[0].amount_minor", "allocations[1].invoice_id", "on_account_minor"]
    );
    let mut bad_email = good.clone();
    bad_email["receipt_email"] = json!("nobody");
    assert_eq!(fields(&refuse(bad_email, Some(new_key())).await), ["receipt_email"]);

    assert_eq!(count(&app, "payments").await, 0);
    assert_eq!(count(&app, "sandbox_charges").await, 0);
    assert_eq!(held(&app, invoice).await, (10_000, 0));
    let stored = stored_text(&app).await;
    assert!(!stored.contains("4242 4242") && !stored.contains(VISA), "{stored}");
});

/// A contract payment's body: all that is due on `contract`, or `amount`.
fn contract_body(contract: Uuid, amount: Option<i64>) -> Value {
    let mut contract = json!({ "contract_id": contract });
    if let Some(amount) = amount {
        contract["amount_minor"] = json!(amount);
    }
    json!({
        "contract": contract,
        "method": "card",
        "token": card_token(VISA),
        "receipt_email": "ap@builder.example",
    })
}

// Pay a contract (C6): its open invoices, the earliest due first, each in full before the
// next gets anything; credit memos, paid invoices, other contracts' invoices and amounts
// already held are left alone; the receipt lists where the money went.
db_test!(a_contract_is_paid_earliest_due_first, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    set_method(&app, "summit", "card", true).await;
    let contract = new_contract(&app, account).await;
    let other_contract = new_contract(&app, account).await;
    let on = |contract, balance_minor, due_in_days, kind, status| NewInvoice {
        kind,
        status,
        balance_minor,
        contract: Some(contract),
        due_in_days,
    };
    let (later, later_no) =
        insert_invoice(&app, account, on(contract, 10_000, Some(20), "invoice", "open")).await;
    let (soon, soon_no) =
        insert_invoice(&app, account, on(contract, 4_000, Some(5), "invoice", "open")).await;
    let (undated, _) = insert_invoice(&app, account, on(contract, 5_000, None, "invoice", "open")).await;
    let (memo, _) = insert_invoice(&app, account, on(contract, -2_000, Some(1), "credit_memo", "open")).await;
    let (paid, _) = insert_invoice(&app, account, on(contract, 0, Some(1), "invoice", "paid")).await;
    let (elsewhere, _) =
        insert_invoice(&app, account, on(other_contract, 7_000, Some(1), "invoice", "open")).await;

    // The contract's invoices, as the pay page lists them.
    let listed = app
        .get_json(
            &format!("/api/v1/accounts/{account}/invoices?contract_id={contract}&view=all"),
            session.token(),
        )
        .await;
    let mut ids: Vec<&str> =
        listed["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    let mut expected: Vec<String> = [later, soon, undated, memo, paid].iter().map(Uuid::to_string).collect();
    expected.sort_unstable();
    assert_eq!(ids, expected);

    // Part of it: the earliest due first, then the next.
    let (key, part) = (new_key(), contract_body(contract, Some(6_000)));
    let response = pay(&app, session.token(), account, &part, Some(&key)).await;
    assert_eq!(response.status(), 201);
    let first: Value = response.json().await.unwrap();
    assert_eq!(first["amount"]["minor"], 6_000);
    assert_eq!(
        first["allocations"],
        json!([
            { "invoice_id": soon, "invoice_number": soon_no, "amount": { "minor": 4_000, "currency": "USD" } },
            { "invoice_id": later, "invoice_number": later_no, "amount": { "minor": 2_000, "currency": "USD" } },
        ])
    );
    assert_eq!((held(&app, soon).await, held(&app, later).await), ((4_000, 4_000), (10_000, 2_000)));
    // The same request again (a lost answer): the same payment, charged once.
    let retry = pay(&app, session.token(), account, &part, Some(&key)).await;
    assert_eq!(retry.status(), 201);
    let retry: Value = retry.json().await.unwrap();
    assert_eq!(retry["number"], first["number"]);
    assert_eq!(count(&app, "sandbox_charges").await, 1);

    // All that is left: what the later invoice still has due, then the undated one.
    let rest = pay_ok(&app, session.token(), account, &contract_body(contract, None)).await;
    assert_eq!(rest["amount"]["minor"], 8_000 + 5_000);
    let went: Vec<(&str, i64)> = rest["allocations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["invoice_id"].as_str().unwrap(), a["amount"]["minor"].as_i64().unwrap()))
        .collect();
    assert_eq!(went, [(later.to_string().as_str(), 8_000), (undated.to_string().as_str(), 5_000)]);
    for (invoice, left) in [(memo, (-2_000, 0)), (paid, (0, 0)), (elsewhere, (7_000, 0))] {
        assert_eq!(held(&app, invoice).await, left, "left alone");
    }

    // Refused, with nothing written: nothing left to pay, more than is due, a contract of
    // another account (or none), a contract with chosen invoices or an amount on account.
    let refuse = |body: Value| {
        let app = &app;
        let token = session.token().to_string();
        async move {
            let response = pay(app, &token, account, &body, Some(&new_key())).await;
            fields(&assert_problem(response, 422, "validation_failed").await)
        }
    };
    assert_eq!(refuse(contract_body(contract, None)).await, ["contract"]);
    assert_eq!(refuse(contract_body(other_contract, Some(7_001))).await, ["contract.amount_minor"]);
    assert_eq!(refuse(contract_body(other_contract, Some(0))).await, ["contract.amount_minor"]);
    let foreign: Uuid = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT id FROM contracts WHERE customer_id <> $1 LIMIT 1")
            .bind(account)
            .fetch_one(pool)
            .await
            .unwrap()
    });
    for unknown in [foreign, Uuid::now_v7()] {
        assert_eq!(refuse(contract_body(unknown, None)).await, ["contract.contract_id"]);
    }
    let mut with_invoice = contract_body(other_contract, None);
    with_invoice["allocations"] = json!([{ "invoice_id": elsewhere, "amount_minor": 100 }]);
    assert_eq!(refuse(with_invoice).await, ["contract"]);
    let mut on_account = contract_body(other_contract, None);
    on_account["on_account_minor"] = json!(100);
    assert_eq!(refuse(on_account).await, ["contract"]);
    assert_eq!(count(&app, "payments").await, 2);
    assert_eq!(count(&app, "sandbox_charges").await, 2);
    assert_eq!(held(&app, elsewhere).await, (7_000, 0));
});

db_test!(two_tabs_paying_the_same_balance_take_it_once, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    set_method(&app, "summit", "card", true).await;
    let (invoice, _) = new_invoice(&app, account, 50_000).await;
    let (a, b) = (
        body(&[(invoice, 50_000)], None, "card", &card_token(VISA)),
        body(&[(invoice, 50_000)], None, "card", &card_token(VISA)),
    );
    let (ka, kb) = (new_key(), new_key());
    let (first, second) = tokio::join!(
        pay(&app, session.token(), account, &a, Some(&ka)),
        pay(&app, session.token(), account, &b, Some(&kb)),
    );
    let mut statuses = [first.status().as_u16(), second.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 422]);
    let refused = if first.status() == 422 { first } else { second };
    let problem = assert_problem(refused, 422, "validation_failed").await;
    assert_eq!(fields(&problem), ["allocations[0].amount_minor"]);
    assert_eq!(held(&app, invoice).await, (50_000, 50_000));
    assert_eq!(count(&app, "payments").await, 1);
    assert_eq!(count(&app, "sandbox_charges").await, 1);
});

db_test!(twenty_concurrent_identical_payments_charge_once, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    set_method(&app, "summit", "card", true).await;
    let (invoice, _) = new_invoice(&app, account, 20_000).await;
    let payment = body(&[(invoice, 20_000)], None, "card", &card_token(VISA));
    let key = new_key();
    let responses = futures_util::future::join_all(
        (0..20).map(|_| pay(&app, session.token(), account, &payment, Some(&key))),
    )
    .await;
    let mut ids = Vec::new();
    for response in responses {
        assert_eq!(response.status(), 201);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["status"], "succeeded");
        ids.push(body["id"].as_str().unwrap().to_string());
    }
    assert!(ids.iter().all(|id| *id == ids[0]), "same payment every time");
    assert_eq!(count(&app, "payments").await, 1);
    assert_eq!(count(&app, "sandbox_charges").await, 1);
    assert_eq!(count(&app, "payment_allocations").await, 1);
    assert_eq!(emails_of_kind(&app, "payment_receipt").await.len(), 1);
    assert_eq!(held(&app, invoice).await, (20_000, 20_000));

    // Later: the same answer; the same key with another body is 409, nothing written.
    let retry = pay(&app, session.token(), account, &payment, Some(&key)).await;
    assert_eq!(retry.status(), 201);
    assert_eq!(retry.json::<Value>().await.unwrap()["id"].as_str().unwrap(), ids[0]);
    let mut other = payment.clone();
    other["receipt_email"] = json!("other@builder.example");
    assert_problem(pay(&app, session.token(), account, &other, Some(&key)).await, 409, "conflict").await;
    assert_eq!(count(&app, "payments").await, 1);
});

db_test!(history_and_receipts_are_the_accounts_own, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    set_method(&app, "summit", "card", true).await;
    let (invoice, _) = new_invoice(&app, account, 10_000).await;
    let first =
        pay_ok(&app, session.token(), account, &body(&[(invoice, 1_000)], None, "card", &card_token(VISA)))
            .await;
    let second =
        pay_ok(&app, session.token(), account, &body(&[], Some(700), "card", &card_token(VISA))).await;

    let history =
        app.get_json(&format!("/api/v1/accounts/{account}/payments?per_page=1"), session.token()).await;
    assert_eq!(history["total"], 2);
    assert_eq!(history["per_page"], 1);
    assert_eq!(history["items"][0]["id"], second["id"], "newest first");
    assert_eq!(history["items"][0]["number"], second["number"]);
    let page2 = app
        .get_json(&format!("/api/v1/accounts/{account}/payments?page=2&per_page=1"), session.token())
        .await;
    assert_eq!(page2["items"][0]["id"], first["id"]);
    let id = first["id"].as_str().unwrap();
    let detail = app.get_json(&format!("/api/v1/accounts/{account}/payments/{id}"), session.token()).await;
    assert_eq!(detail, first);
    let response = app.get(&format!("/api/v1/accounts/{account}/payments?per_page=0"), session.token()).await;
    assert_problem(response, 422, "validation_failed").await;

    // The same user's account at another dealer, another customer, a made-up id: 404.
    let thames = session.account_at("thames");
    let response = app.get(&format!("/api/v1/accounts/{thames}/payments/{id}"), session.token()).await;
    assert_problem(response, 404, "not_found").await;
    let thames_history = app.get_json(&format!("/api/v1/accounts/{thames}/payments"), session.token()).await;
    assert_eq!(thames_history["total"], 0);
    let (other_email, other_account) = app.create_other_customer_user("summit").await;
    let other = app.login(&other_email, OTHER_PASSWORD).await;
    let response = app.get(&format!("/api/v1/accounts/{other_account}/payments/{id}"), other.token()).await;
    assert_problem(response, 404, "not_found").await;
    let response = app.get(&format!("/api/v1/accounts/{account}/payments/{id}"), other.token()).await;
    assert_problem(response, 404, "not_found").await;
    let response =
        app.get(&format!("/api/v1/accounts/{account}/payments/{}", Uuid::now_v7()), session.token()).await;
    assert_problem(response, 404, "not_found").await;
    let response = app.get(&format!("/api/v1/accounts/{account}/payments/not-an-id"), session.token()).await;
    assert_problem(response, 404, "not_found").await;
});

async fn feed(app: &TestApp, token: &str, query: &str) -> reqwest::Response {
    app.get(&format!("/api/v1/integrations/payments{query}"), token).await
}

pub(crate) async fn post_posted(app: &TestApp, token: &str, id: &str) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/integrations/payments/{id}/posted")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

/// The back office sends invoice `number` (made by `new_invoice`, of `customer`) with a new
/// `balance_minor`, through `PUT /integrations/invoices`.
async fn send_balance(app: &TestApp, token: &str, customer: Uuid, number: &str, balance_minor: i64) {
    let customer_external_id: String = crate::helpers::on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT external_id FROM customers WHERE id = $1").bind(customer).fetch_one(pool).await.unwrap()
    });
    let (total, date): (i64, chrono::NaiveDate) = crate::helpers::on_pool!(&app.db, pool => {
        sqlx::query_as("SELECT total_minor, invoice_date FROM invoices WHERE number = $1")
            .bind(number).fetch_one(pool).await.unwrap()
    });
    let batch = json!({ "invoices": [{
        "external_id": format!("EXT-{number}"), "customer_external_id": customer_external_id,
        "number": number, "kind": "invoice", "status": if balance_minor == 0 { "paid" } else { "open" },
        "invoice_date": date, "subtotal_minor": total, "tax_minor": 0, "total_minor": total,
        "balance_minor": balance_minor, "lines": [],
    }]});
    let response = app
        .client
        .put(app.url("/api/v1/integrations/invoices"))
        .bearer_auth(token)
        .json(&batch)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
}

db_test!(the_back_office_pulls_taken_payments_and_posts_each_once, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    enable_all(&app, "summit").await;
    set_method(&app, "thames", "card", true).await;
    let (invoice, number) = new_invoice(&app, account, 50_000).await;
    let card = pay_ok(
        &app,
        session.token(),
        account,
        &body(&[(invoice, 10_000)], Some(300), "card", &card_token(VISA)),
    )
    .await;
    let bank = pay_ok(
        &app,
        session.token(),
        account,
        &body(&[(invoice, 20_000)], None, "ach", &bank_token("000123456789")),
    )
    .await;
    let declined =
        body(&[(invoice, 5_000)], None, "card", &card_token(shared::payments::SANDBOX_DECLINED_CARD));
    assert_problem(
        pay(&app, session.token(), account, &declined, Some(&new_key())).await,
        402,
        "payment_declined",
    )
    .await;
    let thames = session.account_at("thames");
    let (thames_invoice, _) = new_invoice(&app, thames, 9_000).await;
    let thames_paid = pay_ok(
        &app,
        session.token(),
        thames,
        &body(&[(thames_invoice, 9_000)], None, "card", &card_token(VISA)),
    )
    .await;
    assert_eq!(held(&app, invoice).await, (50_000, 30_000));

    let back_office = app.integrator_token().await;
    let response = feed(&app, &back_office, "").await;
    assert_eq!(response.status(), 200);
    let items: Vec<Value> = response.json().await.unwrap();
    let ids: Vec<&str> = items.iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [card["id"].as_str().unwrap(), bank["id"].as_str().unwrap()],
        "oldest first, taken only, Summit's only"
    );
    let customer_external_id: String = crate::helpers::on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT external_id FROM customers WHERE id = $1").bind(account).fetch_one(pool).await.unwrap()
    });
    assert_eq!(
        items[0],
        json!({
            "id": card["id"],
            "number": card["number"],
            "customer_external_id": customer_external_id,
            "method": "card",
            "status": "succeeded",
            "amount_minor": 10_300,
            "currency": "USD",
            "gateway": "sandbox",
            "gateway_reference": card["gateway_reference"],
            "allocations": [
                { "invoice_external_id": format!("EXT-{number}"), "amount_minor": 10_000 },
                { "invoice_external_id": null, "amount_minor": 300 },
            ],
            "created_at": items[0]["created_at"],
            "posted_at": null,
        })
    );
    assert_eq!(items[1]["status"], "pending");
    let limited: Vec<Value> = feed(&app, &back_office, "?limit=1").await.json().await.unwrap();
    assert_eq!(limited.len(), 1);
    for bad in ["?limit=0", "?limit=501", "?posted=maybe"] {
        assert_problem(feed(&app, &back_office, bad).await, 422, "validation_failed").await;
    }

    // The normal order: the back office sends the balance that carries the card payment,
    // then confirms it posted: out of the unposted feed, its hold released; a second call
    // changes nothing.
    send_balance(&app, &back_office, account, &number, 40_000).await;
    assert_eq!(held(&app, invoice).await, (40_000, 30_000), "a balance alone releases no unposted payment");
    let card_id = card["id"].as_str().unwrap();
    assert_eq!(post_posted(&app, &back_office, card_id).await.status(), 204);
    assert_eq!(held(&app, invoice).await, (40_000, 20_000));
    let posted_at = app
        .get_json(&format!("/api/v1/accounts/{account}/payments/{card_id}"), session.token())
        .await["posted_at"]
        .clone();
    assert!(posted_at.is_string());
    assert_eq!(post_posted(&app, &back_office, card_id).await.status(), 204);
    assert_eq!(held(&app, invoice).await, (40_000, 20_000));
    let again =
        app.get_json(&format!("/api/v1/accounts/{account}/payments/{card_id}"), session.token()).await;
    assert_eq!(again["posted_at"], posted_at);
    let unposted: Vec<Value> = feed(&app, &back_office, "?posted=false").await.json().await.unwrap();
    assert_eq!(unposted.len(), 1);
    assert_eq!(unposted[0]["id"], bank["id"]);
    let posted: Vec<Value> = feed(&app, &back_office, "?posted=true").await.json().await.unwrap();
    assert_eq!(posted.len(), 1);
    assert_eq!(posted[0]["id"], card["id"]);
    assert!(posted[0]["posted_at"].is_string());

    // Another dealer's payment or an unknown one: 404; a declined one: 409; nothing released.
    let thames_id = thames_paid["id"].as_str().unwrap();
    assert_problem(post_posted(&app, &back_office, thames_id).await, 404, "not_found").await;
    assert_eq!(held(&app, thames_invoice).await, (9_000, 9_000));
    assert_problem(post_posted(&app, &back_office, &Uuid::now_v7().to_string()).await, 404, "not_found")
        .await;
    let declined_id: Uuid = crate::helpers::on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT id FROM payments WHERE status = 'failed'").fetch_one(pool).await.unwrap()
    });
    assert_problem(post_posted(&app, &back_office, &declined_id.to_string()).await, 409, "conflict").await;
    assert_eq!(held(&app, invoice).await, (40_000, 20_000));

    // A customer's token, or a dealer admin's, is no integrator's.
    assert_problem(feed(&app, session.token(), "").await, 403, "forbidden").await;
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    assert_problem(feed(&app, admin.token(), "").await, 403, "forbidden").await;
    assert_problem(post_posted(&app, session.token(), bank["id"].as_str().unwrap()).await, 403, "forbidden")
        .await;
    assert_eq!(app.client_audit_events("payment.posted").await.len(), 1, "posting again records nothing");
});

db_test!(posting_before_the_new_balance_keeps_the_amount_held_until_the_balance_arrives, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    enable_all(&app, "summit").await;
    let (invoice, number) = new_invoice(&app, account, 30_000).await;
    let (other, other_number) = new_invoice(&app, account, 20_000).await;
    let back_office = app.integrator_token().await;
    // A balance sent before the payment is older than it.
    send_balance(&app, &back_office, account, &other_number, 20_000).await;
    let paid = pay_ok(
        &app,
        session.token(),
        account,
        &body(&[(invoice, 30_000), (other, 5_000)], None, "card", &card_token(VISA)),
    )
    .await;
    let id = paid["id"].as_str().unwrap();
    assert_eq!(held(&app, invoice).await, (30_000, 30_000));

    // The trap: the back office confirms the payment before it sends the new balances. It
    // leaves the unposted feed (reconciliation keeps the acknowledgement) ...
    assert_eq!(post_posted(&app, &back_office, id).await.status(), 204);
    let unposted: Vec<Value> = feed(&app, &back_office, "").await.json().await.unwrap();
    assert!(unposted.is_empty(), "{unposted:?}");
    let posted: Vec<Value> = feed(&app, &back_office, "?posted=true").await.json().await.unwrap();
    assert_eq!(posted.len(), 1);
    assert!(posted[0]["posted_at"].is_string());
    assert_eq!(app.client_audit_events("payment.posted").await.len(), 1);
    // ... but the old balances do not become payable again: the amounts stay held.
    assert_eq!(held(&app, invoice).await, (30_000, 30_000));
    assert_eq!(held(&app, other).await, (20_000, 5_000));
    let twice = body(&[(invoice, 30_000)], None, "card", &card_token(VISA));
    let response = pay(&app, session.token(), account, &twice, Some(&new_key())).await;
    let problem = assert_problem(response, 422, "validation_failed").await;
    assert_eq!(fields(&problem), ["allocations[0].amount_minor"], "the same balance cannot be paid twice");
    assert_eq!(problem["errors"][0]["message"], format!("Nothing is left to pay on {number}."));
    let rest = body(&[(other, 15_001)], None, "card", &card_token(VISA));
    let response = pay(&app, session.token(), account, &rest, Some(&new_key())).await;
    let problem = assert_problem(response, 422, "validation_failed").await;
    assert_eq!(fields(&problem), ["allocations[0].amount_minor"]);
    assert_eq!(count(&app, "sandbox_charges").await, 1);

    // Each invoice's new balance, when it comes, ends its hold: the customer owes what the
    // back office says, once.
    send_balance(&app, &back_office, account, &number, 0).await;
    assert_eq!(held(&app, invoice).await, (0, 0));
    assert_eq!(held(&app, other).await, (20_000, 5_000), "only the invoice sent");
    send_balance(&app, &back_office, account, &other_number, 15_000).await;
    assert_eq!(held(&app, other).await, (15_000, 0));
    // Sending them again changes nothing more, nor does a second confirmation.
    send_balance(&app, &back_office, account, &other_number, 15_000).await;
    assert_eq!(post_posted(&app, &back_office, id).await.status(), 204);
    assert_eq!(held(&app, other).await, (15_000, 0));
    let remaining = body(&[(other, 15_000)], None, "card", &card_token(VISA));
    pay_ok(&app, session.token(), account, &remaining).await;
    assert_eq!(held(&app, other).await, (15_000, 15_000));
});

/// A payment as a request leaves it when it dies after reserving (`processing`, its
/// amount held on the invoice), reserved `minutes_ago`; charged at the gateway too when
/// `charged`. Returns its id.
async fn crashed_payment(
    app: &TestApp,
    account: Uuid,
    invoice: Uuid,
    minutes_ago: i64,
    charged: bool,
) -> Uuid {
    use api::db::payments::{NewPayment, ReserveOutcome, reserve};
    use api::payments::{ChargeRequest, Gateway, sandbox::SandboxGateway};

    let user = app.user_id(DEMO_CUSTOMER_EMAIL).await;
    let dealer: Uuid = crate::helpers::on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT id FROM dealers WHERE slug = 'summit'").fetch_one(pool).await.unwrap()
    });
    let id = Uuid::now_v7();
    let payment = NewPayment {
        id,
        dealer_id: api::ids::DealerId::new(dealer),
        customer_id: api::ids::CustomerId::new(account),
        created_by: api::ids::UserId::new(user),
        number: format!("PAY-{}", &id.simple().to_string()[23..]),
        method: shared::payments::PaymentMethod::Card,
        gateway: "sandbox".into(),
        amount_minor: 4_000,
        currency: shared::money::Currency::Usd,
        receipt_email: "ap@builder.example".into(),
        idempotency_key: new_key(),
        request_hash: "h".into(),
        allocations: vec![(Some(invoice), 4_000)],
    };
    let at = chrono::Utc::now() - chrono::Duration::minutes(minutes_ago);
    let reserved = reserve(&app.db, &payment, &api::db::audit::AuditEvent::default(), at).await.unwrap();
    assert_eq!(reserved, ReserveOutcome::Reserved);
    if charged {
        let request = ChargeRequest {
            idempotency_key: id.to_string(),
            dealer_id: payment.dealer_id,
            method: payment.method,
            amount_minor: payment.amount_minor,
            currency: payment.currency,
            token: secrecy::SecretString::from(card_token(VISA)),
        };
        SandboxGateway::new(app.db.clone()).charge(request).await.unwrap();
    }
    id
}

async fn status_of(app: &TestApp, id: Uuid) -> (String, Option<String>) {
    crate::helpers::on_pool!(&app.db, pool => {
        sqlx::query_as("SELECT status, failure_code FROM payments WHERE id = $1").bind(id).fetch_one(pool).await.unwrap()
    })
}

db_test!(the_reconciler_settles_payments_a_crash_left_processing_without_charging_again, |app| async move {
    let session = app.login_demo().await;
    let account = session.account_at("summit");
    set_method(&app, "summit", "card", true).await;
    let (invoice, number) = new_invoice(&app, account, 50_000).await;
    // Three requests died after reserving: one after the gateway charged, one before it
    // was asked; the third only a moment ago (it may still be running).
    let charged = crashed_payment(&app, account, invoice, 10, true).await;
    let never_charged = crashed_payment(&app, account, invoice, 10, false).await;
    let in_flight = crashed_payment(&app, account, invoice, 0, false).await;
    assert_eq!(held(&app, invoice).await, (50_000, 12_000));
    assert_eq!(count(&app, "sandbox_charges").await, 1);

    let state = api::state::AppState::new(
        app.settings.clone(),
        app.db.clone(),
        std::sync::Arc::new(tokio::sync::Notify::new()),
    )
    .unwrap();
    // The server's own reconciler may get there first (it runs every 30 s): either way,
    // one pass leaves the same result.
    let settled = api::services::payments::reconcile(&state, chrono::Utc::now()).await.unwrap();
    assert!(settled <= 2);

    // The charged one succeeded, with its receipt, and the back office can post it.
    assert_eq!(status_of(&app, charged).await, ("succeeded".into(), None));
    let receipts = emails_of_kind(&app, "payment_receipt").await;
    assert_eq!(receipts.len(), 1);
    assert_eq!(receipts[0].0, "ap@builder.example");
    let back_office = app.integrator_token().await;
    let unposted: Value = feed(&app, &back_office, "").await.json().await.unwrap();
    assert!(unposted.to_string().contains(&charged.to_string()), "{unposted}");
    send_balance(&app, &back_office, account, &number, 46_000).await;
    assert_eq!(post_posted(&app, &back_office, &charged.to_string()).await.status(), 204);
    // The other failed with nothing taken, and let go of what it held.
    assert_eq!(status_of(&app, never_charged).await, ("failed".into(), Some("not_completed".into())));
    assert_eq!(status_of(&app, in_flight).await, ("processing".into(), None), "within the grace period");
    assert_eq!(held(&app, invoice).await, (46_000, 4_000), "only the in-flight payment holds");
    assert_eq!(count(&app, "sandbox_charges").await, 1, "the reconciler never charges");
    let actions: Vec<(Option<Uuid>, Value)> = app.server_audit_events("payment.succeeded").await;
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].1["via"], "reconciler");

    // A second pass finds nothing more to do.
    assert_eq!(api::services::payments::reconcile(&state, chrono::Utc::now()).await.unwrap(), 0);
});
