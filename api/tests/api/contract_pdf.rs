//! Contract PDFs (C5): generated in the dealer's branding until the back office uploads one,
//! then exactly the uploaded bytes; uploads are dealer-scoped and checked.

use api::demo::{DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{OTHER_PASSWORD, TestApp, assert_problem, on_pool};

/// The customer's contract with the most lines: (id, number, external id).
async fn busiest_contract(app: &TestApp, customer: Uuid) -> (Uuid, String, String) {
    on_pool!(&app.db, pool => {
        sqlx::query_as(
            "SELECT c.id, c.number, c.external_id FROM contracts c WHERE c.customer_id = $1 \
             ORDER BY (SELECT COUNT(*) FROM contract_lines cl WHERE cl.contract_id = c.id) DESC, c.number \
             LIMIT 1",
        )
        .bind(customer)
        .fetch_one(pool)
        .await
        .unwrap()
    })
}

async fn put_pdf(app: &TestApp, token: &str, external_id: &str, body: Vec<u8>) -> reqwest::Response {
    app.client
        .put(app.url(&format!("/api/v1/integrations/contracts/{external_id}/pdf")))
        .bearer_auth(token)
        .header("Content-Type", "application/pdf")
        .body(body)
        .send()
        .await
        .unwrap()
}

/// A tiny but real one-page PDF, distinguishable by `marker`.
fn sample_pdf(marker: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {marker}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
        .into_bytes()
}

/// Renders the first page with poppler's `pdftoppm` when it is installed (scripts/test.sh
/// installs it) and checks a real PNG came out; the image stays in the temp directory for
/// a look by eye. Each call writes files of its own: the SQLite and PostgreSQL runs of a
/// test render at the same time.
pub fn render_first_page(pdf: &[u8], name: &str) {
    let available = std::process::Command::new("pdftoppm").arg("-v").output().is_ok();
    if !available {
        eprintln!("pdftoppm not on PATH: skipping the render check");
        return;
    }
    let dir = std::env::temp_dir().join("rental-portal-pdf");
    std::fs::create_dir_all(&dir).unwrap();
    let name = format!("{name}-{}", uuid::Uuid::now_v7());
    let input = dir.join(format!("{name}.pdf"));
    std::fs::write(&input, pdf).unwrap();
    let prefix = dir.join(&name);
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&input)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success(), "pdftoppm failed on the generated PDF");
    let png = std::fs::read(prefix.with_extension("png")).unwrap();
    assert!(png.len() > 1_000 && png.starts_with(b"\x89PNG"), "a real PNG");
}

db_test!(a_contract_without_upload_is_generated_in_the_dealer_branding, |app| async move {
    let session = app.login_demo().await;
    for (slug, name) in [("summit", "generated-summit"), ("thames", "generated-thames")] {
        let account = session.account_at(slug);
        let (contract, number, _) = busiest_contract(&app, account).await;
        let response =
            app.get(&format!("/api/v1/accounts/{account}/contracts/{contract}/pdf"), session.token()).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "application/pdf");
        assert_eq!(
            response.headers()["content-disposition"].to_str().unwrap(),
            format!("inline; filename=\"contract-{number}.pdf\"")
        );
        assert_eq!(response.headers()["cache-control"], "private, no-store");
        let pdf = response.bytes().await.unwrap();
        assert!(pdf.starts_with(b"%PDF-") && String::from_utf8_lossy(&pdf).trim_end().ends_with("%%EOF"));
        assert!(String::from_utf8_lossy(&pdf).contains(&format!("({number})")), "the number is printed");
        render_first_page(&pdf, name);
    }
});

db_test!(an_uploaded_pdf_is_served_byte_for_byte_newest_first, |app| async move {
    let session = app.login_demo().await;
    let back_office = app.integrator_token().await;
    let account = session.account_at("summit");
    let (contract, _, external_id) = busiest_contract(&app, account).await;
    let download = format!("/api/v1/accounts/{account}/contracts/{contract}/pdf");

    let first = sample_pdf("first");
    let response = put_pdf(&app, &back_office, &external_id, first.clone()).await;
    assert_eq!(response.status(), 201);
    let stored: serde_json::Value = response.json().await.unwrap();
    assert_eq!(stored["sha256"], format!("{:x}", Sha256::digest(&first)));
    assert_eq!(stored["size_bytes"].as_u64(), Some(first.len() as u64));
    assert!(stored["id"].as_str().unwrap().parse::<Uuid>().is_ok() && stored["uploaded_at"].is_string());
    let served = app.get(&download, session.token()).await.bytes().await.unwrap();
    assert_eq!(served.as_ref(), first.as_slice());

    // A retry of the same file stores nothing and answers the same document.
    let retry = put_pdf(&app, &back_office, &external_id, first.clone()).await;
    assert_eq!(retry.status(), 200);
    assert_eq!(retry.json::<serde_json::Value>().await.unwrap(), stored);

    let second = sample_pdf("second, signed");
    assert_eq!(put_pdf(&app, &back_office, &external_id, second.clone()).await.status(), 201);
    let served = app.get(&download, session.token()).await.bytes().await.unwrap();
    assert_eq!(served.as_ref(), second.as_slice(), "the newest upload wins");
    // Going back to the first file is a new upload: it is not the newest any more.
    assert_eq!(put_pdf(&app, &back_office, &external_id, first.clone()).await.status(), 201);
    let served = app.get(&download, session.token()).await.bytes().await.unwrap();
    assert_eq!(served.as_ref(), first.as_slice());

    assert_eq!(app.client_audit_events("contract.pdf_uploaded").await.len(), 3);
});

db_test!(uploads_are_checked_and_scoped_to_the_dealer, |app| async move {
    let session = app.login_demo().await;
    let back_office = app.integrator_token().await;
    let summit = session.account_at("summit");
    let (_, _, summit_contract) = busiest_contract(&app, summit).await;
    let (thames_id, _, thames_contract) = busiest_contract(&app, session.account_at("thames")).await;

    let not_pdf = put_pdf(&app, &back_office, &summit_contract, b"<html>hello</html>".to_vec()).await;
    let body = assert_problem(not_pdf, 422, "validation_failed").await;
    assert_eq!(body["errors"][0]["field"], "body");
    assert_problem(put_pdf(&app, &back_office, &summit_contract, Vec::new()).await, 422, "validation_failed")
        .await;

    // Another dealer's contract and an unknown one look the same: 404.
    let foreign = put_pdf(&app, &back_office, &thames_contract, sample_pdf("foreign")).await;
    assert_problem(foreign, 404, "not_found").await;
    assert_problem(put_pdf(&app, &back_office, "NO-SUCH-CONTRACT", sample_pdf("x")).await, 404, "not_found")
        .await;
    let thames_pdf = app
        .get(
            &format!("/api/v1/accounts/{}/contracts/{thames_id}/pdf", session.account_at("thames")),
            session.token(),
        )
        .await
        .bytes()
        .await
        .unwrap();
    assert_ne!(thames_pdf.as_ref(), sample_pdf("foreign").as_slice(), "still generated");

    // Customers and dealer admins cannot upload (only API clients); over 10 MiB is refused before anything is stored.
    assert_problem(put_pdf(&app, session.token(), &summit_contract, sample_pdf("x")).await, 403, "forbidden")
        .await;
    let admin = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    assert_problem(put_pdf(&app, admin.token(), &summit_contract, sample_pdf("x")).await, 403, "forbidden")
        .await;
    let mut huge = sample_pdf("huge");
    huge.resize(10 * 1024 * 1024 + 1, b' ');
    let response = app
        .client
        .put(app.url(&format!("/api/v1/integrations/contracts/{summit_contract}/pdf")))
        .bearer_auth(&back_office)
        .body(huge)
        .send()
        .await;
    // The server may answer 413 and close before the client has sent everything.
    if let Ok(response) = response {
        assert_eq!(response.status(), 413);
    }
    let stored: i64 = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM contract_documents").fetch_one(pool).await.unwrap()
    });
    assert_eq!(stored, 0);
});

db_test!(another_customers_contract_pdf_answers_404, |app| async move {
    let demo = app.login_demo().await;
    let (email, other_account) = app.create_other_customer_user("summit").await;
    let other = app.login(&email, OTHER_PASSWORD).await;
    let (other_contract, _, _) = busiest_contract(&app, other_account).await;
    let own = app
        .get(&format!("/api/v1/accounts/{other_account}/contracts/{other_contract}/pdf"), other.token())
        .await;
    assert_eq!(own.status(), 200);

    let demo_account = demo.account_at("summit");
    for path in [
        format!("/api/v1/accounts/{other_account}/contracts/{other_contract}/pdf"),
        format!("/api/v1/accounts/{demo_account}/contracts/{other_contract}/pdf"),
        format!("/api/v1/accounts/{demo_account}/contracts/{}/pdf", Uuid::now_v7()),
        format!("/api/v1/accounts/{demo_account}/contracts/not-a-uuid/pdf"),
    ] {
        assert_problem(app.get(&path, demo.token()).await, 404, "not_found").await;
    }
});
