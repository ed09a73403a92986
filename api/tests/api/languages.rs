//! Languages (A13) of what the server writes: e-mails in the recipient's language (their
//! profile's, else the request's when they caused the letter, else the dealer's first), the
//! store's own letters in the dealer's, and generated PDFs in the reader's.

use api::demo::{DEMO_CUSTOMER_EMAIL, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD};
use serde_json::json;
use uuid::Uuid;

use crate::account_edit::patch_me;
use crate::db_test;
use crate::helpers::{TestApp, on_pool};
use crate::password_reset::{post_forgot, wait_for_mail};
use crate::requests::{call_off_body, emails_of_kind, file_call_off, lines_in, today};

/// The strings a generated PDF shows, decoded from WinAnsi (Latin-1 for the letters these
/// tests look for): literal `(…) Tj` strings, and hex `<…> Tj` ones for non-ASCII text.
fn shown_text(pdf: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(pdf)
        .lines()
        .filter_map(|line| line.strip_suffix(" Tj"))
        .map(|op| match op.strip_prefix('<').and_then(|h| h.strip_suffix('>')) {
            Some(hex) => (0..hex.len() / 2)
                .map(|i| char::from(u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap()))
                .collect(),
            None => op.trim_start_matches('(').trim_end_matches(')').replace("\\(", "(").replace("\\)", ")"),
        })
        .collect()
}

/// The generated PDF of the account's first invoice and of its first contract, read with
/// `accept_language` when given.
async fn documents(
    app: &TestApp,
    token: &str,
    account: Uuid,
    accept_language: Option<&str>,
) -> (Vec<String>, Vec<String>) {
    let (invoice, contract): (Uuid, Uuid) = on_pool!(&app.db, pool => {
        sqlx::query_as(
            "SELECT (SELECT id FROM invoices WHERE customer_id = $1 AND kind = 'invoice' ORDER BY number LIMIT 1), \
             (SELECT id FROM contracts WHERE customer_id = $1 ORDER BY number LIMIT 1)",
        )
        .bind(account)
        .fetch_one(pool)
        .await
        .unwrap()
    });
    let mut shown = Vec::new();
    for path in [
        format!("/api/v1/accounts/{account}/invoices/{invoice}/pdf"),
        format!("/api/v1/accounts/{account}/contracts/{contract}/pdf"),
    ] {
        let mut request = app.client.get(app.url(&path)).bearer_auth(token);
        if let Some(language) = accept_language {
            request = request.header("Accept-Language", language);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        let pdf = response.bytes().await.unwrap();
        crate::contract_pdf::render_first_page(&pdf, "languages");
        shown.push(shown_text(&pdf));
    }
    let contract = shown.pop().unwrap();
    (shown.pop().unwrap(), contract)
}

/// The body text of the newest e-mail of `kind`: (subject, text).
/// The demo staff acknowledges the request `filed` from a screen in `accept_language`.
async fn acknowledge_as_staff(app: &TestApp, filed: &serde_json::Value, accept_language: &str) {
    let staff = app.login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await;
    let id = filed["id"].as_str().unwrap();
    let acknowledged = app
        .client
        .post(app.url(&format!("/api/v1/admin/requests/{id}/actions")))
        .bearer_auth(staff.token())
        .header("Accept-Language", accept_language)
        .json(&json!({ "action": "acknowledge" }))
        .send()
        .await
        .unwrap();
    assert_eq!(acknowledged.status(), 200);
}

async fn newest(app: &TestApp, kind: &str) -> (String, String) {
    let (_, subject, text) = emails_of_kind(app, kind).await.pop().expect(kind);
    (subject, text)
}

db_test!(a_customer_who_chose_spanish_gets_spanish_letters_and_documents, |app| async move {
    let session = app.login_demo().await;
    let token = session.token();
    assert_eq!(patch_me(&app, token, json!({ "language": "es" })).await.status(), 200);

    // The password reset asks in no language: the profile's decides.
    assert_eq!(post_forgot(&app, DEMO_CUSTOMER_EMAIL).await.status(), 202);
    let reset = wait_for_mail(&app, "password_reset", DEMO_CUSTOMER_EMAIL).await;
    assert!(reset["subject"].as_str().unwrap().starts_with("Restablezca su contraseña de "), "{reset}");
    let text = reset["body_text"].as_str().unwrap();
    assert!(text.starts_with("Hola, Dana Demo:\n\n"), "{text}");
    assert!(
        text.contains("Elija una nueva contraseña: http://127.0.0.1:8080/reset-password?token="),
        "{text}"
    );
    assert!(reset["body_html"].as_str().unwrap().contains("O abra este enlace:"));

    // A call-off: the customer's copy in Spanish, the store's letter in the dealer's English.
    let account = session.account_at("summit");
    let out = lines_in(&app, account, "out").await;
    let filed = file_call_off(&app, token, account, &[out[0].0]).await;
    let number = filed["number"].as_str().unwrap();
    let (subject, text) = newest(&app, "request_copy").await;
    assert_eq!(subject, format!("Su solicitud de retiro {number} fue recibida"));
    assert!(text.contains(&format!("Número de confirmación: {number}")), "{text}");
    let (subject, _) = newest(&app, "request_store").await;
    assert!(subject.starts_with(&format!("New call-off {number} from ")), "{subject}");

    // The store moves it on from a French screen: the customer still reads Spanish.
    acknowledge_as_staff(&app, &filed, "fr-CA").await;
    let (subject, _) = newest(&app, "request_status").await;
    assert_eq!(subject, format!("Su solicitud de retiro {number} está confirmada"));

    // Generated PDFs, whatever the request asks for.
    let (invoice, contract) = documents(&app, token, account, Some("en")).await;
    for label in ["FACTURA", "CLIENTE", "FECHA DE VENCIMIENTO", "DESCRIPCIÓN", "Monto adeudado"] {
        assert!(invoice.iter().any(|s| s == label), "{label} in {invoice:?}");
    }
    assert!(invoice.iter().any(|s| s.starts_with("Generado el ")), "{invoice:?}");
    for label in ["CONTRATO DE ALQUILER", "FECHA DE INICIO", "ARTÍCULO", "Total del contrato"] {
        assert!(contract.iter().any(|s| s == label), "{label} in {contract:?}");
    }
});

db_test!(english_readers_stay_english_unless_they_ask_in_a_language_the_dealer_offers, |app| async move {
    let session = app.login_demo().await;
    let token = session.token();

    assert_eq!(post_forgot(&app, DEMO_CUSTOMER_EMAIL).await.status(), 202);
    let reset = wait_for_mail(&app, "password_reset", DEMO_CUSTOMER_EMAIL).await;
    assert!(reset["subject"].as_str().unwrap().starts_with("Reset your "), "{reset}");
    assert!(reset["body_text"].as_str().unwrap().starts_with("Hello Dana Demo,\n\n"));

    // No choice and no language asked: English (the first both demo dealers offer).
    let summit = session.account_at("summit");
    let (invoice, contract) = documents(&app, token, summit, None).await;
    assert!(invoice.iter().any(|s| s == "INVOICE") && invoice.iter().any(|s| s == "DUE DATE"), "{invoice:?}");
    assert!(contract.iter().any(|s| s == "RENTAL CONTRACT"), "{contract:?}");
    // Summit offers French: a French screen gets French documents…
    let (invoice, _) = documents(&app, token, summit, Some("fr-CA,fr;q=0.9")).await;
    assert!(
        invoice.iter().any(|s| s == "FACTURE") && invoice.iter().any(|s| s == "Montant dû"),
        "{invoice:?}"
    );
    // …Thames offers English only.
    let (invoice, contract) = documents(&app, token, session.account_at("thames"), Some("fr-CA")).await;
    assert!(invoice.iter().any(|s| s == "INVOICE"), "{invoice:?}");
    assert!(contract.iter().any(|s| s == "HIRE CONTRACT"), "{contract:?}");

    // A call-off filed from a Spanish screen: the copy in Spanish; once the store moves it on
    // (its screen says nothing of the customer's language), the dealer's default, English.
    let out = lines_in(&app, summit, "out").await;
    let filed = app
        .client
        .post(app.url(&format!("/api/v1/accounts/{summit}/call-offs")))
        .bearer_auth(token)
        .header("Accept-Language", "es-MX")
        .json(&call_off_body(&[out[0].0], today()))
        .send()
        .await
        .unwrap();
    assert_eq!(filed.status(), 201);
    let filed: serde_json::Value = filed.json().await.unwrap();
    let number = filed["number"].as_str().unwrap();
    let (subject, _) = newest(&app, "request_copy").await;
    assert_eq!(subject, format!("Su solicitud de retiro {number} fue recibida"));
    acknowledge_as_staff(&app, &filed, "es").await;
    let (subject, _) = newest(&app, "request_status").await;
    assert_eq!(subject, format!("Your call-off {number} is acknowledged"));
});
