//! The dealer admin's customers (H2-H5): the list (search by each field, each filter, sort,
//! paging, a customer once per location), its CSV, a customer's detail, and closing and
//! reopening portal access of a customer and of one user — sessions end, login and refresh
//! are refused, and it all comes back — with the tenant walls and the audit trail.

use api::demo::{
    DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DEMO_CUSTOMER_EMAIL, DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD,
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{OTHER_PASSWORD, TestApp, assert_problem, on_pool, parse_csv};
use crate::invitations::post_admin_invite;

async fn admin(app: &TestApp) -> (String, Uuid) {
    let session = app.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).await;
    (session.token().to_string(), session.body.user.id)
}

async fn staff(app: &TestApp) -> String {
    app.login(DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD).await.token().to_string()
}

/// `GET /admin/customers?{query}` as `token`: the page.
async fn list(app: &TestApp, token: &str, query: &str) -> Value {
    app.get_json(&format!("/api/v1/admin/customers?{query}"), token).await
}

/// Every row of the list for `query` (200 a page, enough for the demo seed).
async fn rows(app: &TestApp, token: &str, query: &str) -> Vec<Value> {
    let page = list(app, token, &format!("{query}&per_page=200")).await;
    assert!(page["total"].as_u64().unwrap() <= 200, "one page holds them all");
    page["items"].as_array().unwrap().clone()
}

fn ids(rows: &[Value]) -> Vec<String> {
    rows.iter().map(|r| r["customer_id"].as_str().unwrap().to_string()).collect()
}

async fn post(app: &TestApp, path: &str, token: &str) -> reqwest::Response {
    app.client.post(app.url(path)).bearer_auth(token).send().await.unwrap()
}

async fn dealer_id(app: &TestApp, slug: &str) -> Uuid {
    on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT id FROM dealers WHERE slug = $1").bind(slug).fetch_one(pool).await.unwrap()
    })
}

/// How many (customer, location) rows the dealer's list must hold, counted from the
/// records themselves: each customer once per store of its contracts and its home store,
/// and once without a store when it has neither.
async fn expected_row_count(app: &TestApp, dealer: Uuid) -> i64 {
    on_pool!(&app.db, pool => {
        sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM ( \
               SELECT k.customer_id, k.location_id FROM contracts k WHERE k.dealer_id = $1 \
               UNION SELECT c.id, c.home_location_id FROM customers c \
               WHERE c.dealer_id = $1 AND c.home_location_id IS NOT NULL \
               UNION SELECT c.id, NULL FROM customers c WHERE c.dealer_id = $1 \
               AND c.home_location_id IS NULL \
               AND NOT EXISTS (SELECT 1 FROM contracts k WHERE k.customer_id = c.id)) x",
        )
        .bind(dealer)
        .fetch_one(pool)
        .await
        .unwrap()
    })
}

/// An eligible customer of `slug` that is nobody's account yet: (id, name, number).
async fn plain_customer(app: &TestApp, slug: &str) -> (Uuid, String, String) {
    on_pool!(&app.db, pool => {
        sqlx::query_as(
            "SELECT c.id, c.name, c.account_number FROM customers c JOIN dealers d ON d.id = c.dealer_id \
             WHERE d.slug = $1 AND c.name NOT LIKE 'Demo %' AND c.kind = 'account' \
             AND c.portal_enabled = TRUE AND c.email IS NOT NULL AND c.phone_normalized IS NOT NULL \
             AND c.postal_code IS NOT NULL \
             AND EXISTS (SELECT 1 FROM contracts k WHERE k.customer_id = c.id) \
             AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.customer_id = c.id) \
             ORDER BY c.account_number LIMIT 1",
        )
        .bind(slug)
        .fetch_one(pool)
        .await
        .unwrap()
    })
}

/// Gives `customer` a contract at a new store of its dealer, straight in the database as
/// the back office's feed would: the list must follow at once.
async fn add_contract_elsewhere(app: &TestApp, customer: Uuid, number: &str) -> Uuid {
    let location = Uuid::now_v7();
    let now = chrono::Utc::now();
    on_pool!(&app.db, pool => {
        sqlx::query(
            "INSERT INTO locations (id, dealer_id, external_id, code, name, created_at, updated_at) \
             SELECT $1, c.dealer_id, $2, $2, $3, $4, $4 FROM customers c WHERE c.id = $5",
        )
        .bind(location)
        .bind(format!("L{number}"))
        .bind(format!("Store for {number}"))
        .bind(now)
        .bind(customer)
        .execute(pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO contracts (id, dealer_id, customer_id, location_id, external_id, number, status, \
             start_date, amount_minor, amount_due_minor, created_at, updated_at) \
             SELECT $1, c.dealer_id, c.id, $2, $3, $3, 'open', $4, 0, 0, $5, $5 FROM customers c WHERE c.id = $6",
        )
        .bind(Uuid::now_v7())
        .bind(location)
        .bind(number)
        .bind(now.date_naive())
        .bind(now)
        .bind(customer)
        .execute(pool)
        .await
        .unwrap();
    });
    location
}

db_test!(a_customer_shows_once_per_location_and_only_at_its_dealer, |app| async move {
    let (token, _) = admin(&app).await;
    let summit = dealer_id(&app, "summit").await;
    let (customer, _, _) = plain_customer(&app, "summit").await;
    let before = rows(&app, &token, "").await;
    let at_before = ids(&before).iter().filter(|id| **id == customer.to_string()).count();

    let location = add_contract_elsewhere(&app, customer, "X-90001").await;
    let all = rows(&app, &token, "").await;
    let page = list(&app, &token, "").await;
    assert_eq!(page["total"].as_i64().unwrap(), expected_row_count(&app, summit).await);
    assert_eq!(all.len(), before.len() + 1, "the new store adds one row");
    let mine: Vec<&Value> = all.iter().filter(|r| r["customer_id"] == customer.to_string()).collect();
    assert_eq!(mine.len(), at_before + 1);
    assert!(mine.iter().any(|r| r["location"]["id"] == location.to_string()), "{mine:?}");

    // Only Summit's customers.
    let thames_customers: Vec<Uuid> = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT c.id FROM customers c JOIN dealers d ON d.id = c.dealer_id WHERE d.slug = 'thames'")
            .fetch_all(pool).await.unwrap()
    });
    for row in &all {
        assert!(!thames_customers.iter().any(|t| row["customer_id"] == t.to_string()), "{row}");
    }
    // Staff read the same list.
    let staff_page = list(&app, &staff(&app).await, "").await;
    assert_eq!(staff_page["total"], page["total"]);
    // A customer user may not.
    let customer_token = app.login_demo().await.token().to_string();
    assert_problem(app.get("/api/v1/admin/customers", &customer_token).await, 403, "forbidden").await;
    assert_problem(app.get("/api/v1/admin/customers", "nonsense").await, 401, "token_invalid").await;
});

db_test!(search_finds_a_customer_by_each_field, |app| async move {
    let (token, _) = admin(&app).await;
    let (customer, name, number) = plain_customer(&app, "summit").await;
    let (email, phone, contract): (String, String, String) = on_pool!(&app.db, pool => {
        sqlx::query_as(
            "SELECT c.email, c.phone_normalized, (SELECT MIN(k.number) FROM contracts k WHERE k.customer_id = c.id) \
             FROM customers c WHERE c.id = $1",
        )
        .bind(customer)
        .fetch_one(pool)
        .await
        .unwrap()
    });
    let formatted_phone = format!("({}) {}-{}", &phone[0..3], &phone[3..6], &phone[6..]);
    let name_part: String = name.chars().skip(1).take(5).collect::<String>().to_uppercase();
    let searches = [
        ("name", name_part.clone()),
        ("number", number.to_lowercase()),
        ("email", email.to_uppercase()),
        ("phone", formatted_phone),
        ("contract", contract.clone()),
    ];
    for (what, q) in searches {
        let query = format!("q={}", urlencoding(&q));
        let found = rows(&app, &token, &query).await;
        assert!(ids(&found).contains(&customer.to_string()), "by {what} ({q}): {found:?}");
        assert!(found.len() < rows(&app, &token, "").await.len(), "by {what}: a search narrows the list");
    }
    // Every hit of a name search holds the text somewhere it searches.
    for row in rows(&app, &token, &format!("q={}", urlencoding(&name_part))).await {
        let detail = app
            .get_json(&format!("/api/v1/admin/customers/{}", row["customer_id"].as_str().unwrap()), &token)
            .await;
        let haystack = format!(
            "{} {} {} {}",
            detail["name"], detail["account_number"], detail["email"], detail["contacts"]
        );
        assert!(haystack.to_lowercase().contains(&name_part.to_lowercase()), "{row}");
    }
    // A contract the back office adds is found at once.
    add_contract_elsewhere(&app, customer, "ZZ-777123").await;
    assert!(ids(&rows(&app, &token, "q=zz-777").await).contains(&customer.to_string()));
    // Nothing matches nonsense; wildcards are text.
    assert_eq!(list(&app, &token, "q=qqqxqqq").await["total"], 0);
    assert_eq!(list(&app, &token, "q=%25").await["total"], 0);
});

/// Minimal percent-encoding for a query value.
fn urlencoding(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

db_test!(filters_by_location_eligibility_and_portal_status, |app| async move {
    let (token, _) = admin(&app).await;
    let all = rows(&app, &token, "").await;

    // Location, by code and by id: only that store's rows, and all of them.
    let (location, code): (Uuid, String) = on_pool!(&app.db, pool => {
        sqlx::query_as("SELECT l.id, l.code FROM locations l JOIN dealers d ON d.id = l.dealer_id \
                        WHERE d.slug = 'summit' ORDER BY l.code LIMIT 1")
            .fetch_one(pool).await.unwrap()
    });
    let by_code = rows(&app, &token, &format!("location={}", code.to_lowercase())).await;
    let by_id = rows(&app, &token, &format!("location={location}")).await;
    assert!(!by_code.is_empty());
    assert_eq!(by_code, by_id);
    assert!(by_code.iter().all(|r| r["location"]["code"] == code.as_str()));
    assert_eq!(by_code.len(), all.iter().filter(|r| r["location"]["id"] == location.to_string()).count());

    // Eligibility: a cash customer is not eligible, with the reason in words.
    let cash: Uuid = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT c.id FROM customers c JOIN dealers d ON d.id = c.dealer_id \
                            WHERE d.slug = 'summit' AND c.name NOT LIKE 'Demo %' \
                            ORDER BY c.account_number DESC LIMIT 1")
            .fetch_one(pool).await.unwrap()
    });
    app.make_cash_customer(cash).await;
    let eligible = rows(&app, &token, "eligibility=eligible").await;
    let not_eligible = rows(&app, &token, "eligibility=not_eligible").await;
    assert_eq!(eligible.len() + not_eligible.len(), all.len());
    assert!(!eligible.is_empty());
    assert!(
        eligible
            .iter()
            .all(|r| r["eligibility"]["eligible"] == true && r["eligibility"]["reasons"] == json!([]))
    );
    assert!(not_eligible.iter().all(|r| r["eligibility"]["eligible"] == false
        && !r["eligibility"]["explanations"].as_array().unwrap().is_empty()));
    let cash_row =
        not_eligible.iter().find(|r| r["customer_id"] == cash.to_string()).expect("cash customer listed");
    assert!(
        cash_row["eligibility"]["reasons"].as_array().unwrap().contains(&json!("cash_customer")),
        "{cash_row}"
    );
    assert!(cash_row["eligibility"]["explanations"][0].as_str().unwrap().contains("Cash customers"));

    // Portal status: the demo user's account is active; an invitation makes another invited.
    let demo_account = app.login_demo().await.account_at("summit");
    let active = rows(&app, &token, "portal_status=active").await;
    assert!(ids(&active).contains(&demo_account.to_string()));
    let (invited, _, _) = plain_customer(&app, "summit").await;
    assert_eq!(rows(&app, &token, "portal_status=invited").await.len(), 0);
    let email: String = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT email FROM customers WHERE id = $1").bind(invited).fetch_one(pool).await.unwrap()
    });
    let sent = post_admin_invite(&app, invited, &token, json!({ "email": email })).await;
    assert_eq!(sent.status(), 201);
    let now_invited = rows(&app, &token, "portal_status=invited").await;
    assert!(ids(&now_invited).iter().all(|id| *id == invited.to_string()) && !now_invited.is_empty());
    let never = rows(&app, &token, "portal_status=never_invited").await;
    assert!(!ids(&never).contains(&invited.to_string()) && !ids(&never).contains(&demo_account.to_string()));
    let mut by_status = 0;
    for status in ["never_invited", "invited", "active", "deactivated", "locked"] {
        let these = rows(&app, &token, &format!("portal_status={status}")).await;
        assert!(these.iter().all(|r| r["portal_status"] == status));
        by_status += these.len();
    }
    assert_eq!(by_status, all.len(), "every row has exactly one status");

    // Filters combine.
    let both = rows(&app, &token, &format!("location={code}&eligibility=eligible")).await;
    assert!(
        both.iter().all(|r| r["location"]["code"] == code.as_str() && r["eligibility"]["eligible"] == true)
    );
});

db_test!(sorts_and_pages, |app| async move {
    let (token, _) = admin(&app).await;
    let names =
        |rows: &[Value]| rows.iter().map(|r| r["name"].as_str().unwrap().to_lowercase()).collect::<Vec<_>>();
    let asc = rows(&app, &token, "").await;
    let mut sorted = names(&asc);
    sorted.sort();
    assert_eq!(names(&asc), sorted, "names A to Z by default");
    let desc = rows(&app, &token, "sort=name&dir=desc").await;
    let mut reversed = names(&asc);
    reversed.reverse();
    assert_eq!(names(&desc), reversed);
    let by_number = rows(&app, &token, "sort=number").await;
    let numbers: Vec<String> =
        by_number.iter().map(|r| r["account_number"].as_str().unwrap().to_string()).collect();
    let mut sorted_numbers = numbers.clone();
    sorted_numbers.sort();
    assert_eq!(numbers, sorted_numbers);
    // Logged-in customers first when sorting by last login, newest first; never last.
    let demo_accounts: Vec<String> =
        app.login_demo().await.body.accounts.iter().map(|a| a.id.to_string()).collect();
    let by_login = rows(&app, &token, "sort=last_login&dir=desc").await;
    assert!(demo_accounts.contains(&by_login[0]["customer_id"].as_str().unwrap().to_string()));
    assert!(by_login[0]["last_login_at"].is_string());
    assert!(by_login.last().unwrap()["last_login_at"].is_null());
    let by_status = rows(&app, &token, "sort=status").await;
    assert_eq!(by_status[0]["portal_status"], "active");

    // Pages: consecutive, no overlap, same total.
    let first = list(&app, &token, "per_page=3").await;
    let second = list(&app, &token, "per_page=3&page=2").await;
    assert_eq!((first["page"].as_u64(), first["per_page"].as_u64()), (Some(1), Some(3)));
    assert_eq!(first["total"], second["total"]);
    let mut both = ids(first["items"].as_array().unwrap());
    both.extend(ids(second["items"].as_array().unwrap()));
    assert_eq!(both, ids(&asc[..6]));
    let beyond = list(&app, &token, "page=999").await;
    assert_eq!(beyond["items"], json!([]));
});

db_test!(bad_parameters_are_a_422_naming_each_field, |app| async move {
    let (token, _) = admin(&app).await;
    let response = app
        .get(
            "/api/v1/admin/customers?eligibility=maybe&portal_status=gone&sort=age&dir=up&per_page=500",
            &token,
        )
        .await;
    let body = assert_problem(response, 422, "validation_failed").await;
    let fields: Vec<&str> =
        body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["eligibility", "portal_status", "sort", "dir", "per_page"]);
    let body = assert_problem(
        app.get("/api/v1/admin/customers?location=NOPE", &token).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "location");
    // Another dealer's location is no location of this dealer.
    let thames_location: Uuid = on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT l.id FROM locations l JOIN dealers d ON d.id = l.dealer_id WHERE d.slug = 'thames' LIMIT 1")
            .fetch_one(pool).await.unwrap()
    });
    let response = app.get(&format!("/api/v1/admin/customers?location={thames_location}"), &token).await;
    assert_problem(response, 422, "validation_failed").await;
    let long = "x".repeat(101);
    let response = app.get(&format!("/api/v1/admin/customers?q={long}"), &token).await;
    assert_problem(response, 422, "validation_failed").await;
    let response = app.get("/api/v1/admin/customers.csv?sort=age", &token).await;
    assert_problem(response, 422, "validation_failed").await;
});

db_test!(csv_is_the_filtered_view, |app| async move {
    let (token, _) = admin(&app).await;
    for query in ["", "eligibility=eligible&sort=number&dir=desc", "q=a&sort=name"] {
        let expected = rows(&app, &token, query).await;
        let response = app.get(&format!("/api/v1/admin/customers.csv?{query}"), &token).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
        let csv = parse_csv(&response.text().await.unwrap());
        assert_eq!(csv[0][0], "Customer number");
        let lines = &csv[1..];
        assert_eq!(lines.len(), expected.len(), "{query}");
        for (line, row) in lines.iter().zip(&expected) {
            assert_eq!(line[0], row["account_number"].as_str().unwrap());
            assert_eq!(line[1], row["name"].as_str().unwrap());
            assert_eq!(line[2], row["location"]["code"].as_str().unwrap_or_default());
            assert_eq!(line[7], if row["eligibility"]["eligible"] == true { "yes" } else { "no" });
        }
        // The list path answers CSV when asked.
        let negotiated = app
            .client
            .get(app.url(&format!("/api/v1/admin/customers?{query}")))
            .bearer_auth(&token)
            .header("Accept", "text/csv")
            .send()
            .await
            .unwrap();
        assert_eq!(parse_csv(&negotiated.text().await.unwrap()).len(), csv.len());
    }
    let staff_csv = app.get("/api/v1/admin/customers.csv", &staff(&app).await).await;
    assert_eq!(staff_csv.status(), 200);
});

db_test!(detail_shows_contacts_users_and_eligibility, |app| async move {
    let (token, _) = admin(&app).await;
    let demo = app.login_demo().await;
    let account = demo.account_at("summit");
    let detail = app.get_json(&format!("/api/v1/admin/customers/{account}"), &token).await;
    assert_eq!(detail["id"], account.to_string());
    assert_eq!(detail["portal_status"], "active");
    assert!(detail["eligibility"]["eligible"].is_boolean());
    assert!(!detail["locations"].as_array().unwrap().is_empty());
    let users = detail["users"].as_array().unwrap();
    let user = users.iter().find(|u| u["login"] == DEMO_CUSTOMER_EMAIL).expect("demo user listed");
    assert_eq!(user["status"], "active");
    assert!(user["last_login_at"].is_string(), "{user}");
    assert!(user["activated_at"].is_string());
    assert!(user["permissions"]["view"].as_bool().unwrap());

    // Contacts carry how far their invitation got.
    let (customer, _, _) = plain_customer(&app, "summit").await;
    let before = app.get_json(&format!("/api/v1/admin/customers/{customer}"), &token).await;
    let contacts = before["contacts"].as_array().unwrap();
    assert!(!contacts.is_empty(), "{before}");
    assert!(contacts.iter().all(|c| c["last_invited_at"].is_null() && c["is_user"] == false));
    assert_eq!(before["portal_status"], "never_invited");
    let email = contacts[0]["email"].as_str().unwrap().to_string();
    assert_eq!(post_admin_invite(&app, customer, &token, json!({ "email": email })).await.status(), 201);
    let after = app.get_json(&format!("/api/v1/admin/customers/{customer}"), &token).await;
    let contact =
        after["contacts"].as_array().unwrap().iter().find(|c| c["email"] == email.as_str()).unwrap();
    assert!(contact["last_invited_at"].is_string());
    assert!(contact["activated_at"].is_null());
    assert_eq!(after["invitations"].as_array().unwrap().len(), 1);
    assert_eq!(after["portal_status"], "invited");

    // Staff read it; another dealer's admin, and a customer, do not.
    assert_eq!(
        app.get(&format!("/api/v1/admin/customers/{account}"), &staff(&app).await).await.status(),
        200
    );
    let thames_admin = app.create_dealer_admin("thames").await;
    assert_problem(
        app.get(&format!("/api/v1/admin/customers/{account}"), &thames_admin).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(
        app.get(&format!("/api/v1/admin/customers/{account}"), demo.token()).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(app.get("/api/v1/admin/customers/not-a-uuid", &token).await, 404, "not_found").await;
    assert_problem(
        app.get(&format!("/api/v1/admin/customers/{}", Uuid::now_v7()), &token).await,
        404,
        "not_found",
    )
    .await;
});

/// The customer's memberships (deactivation deletes none).
async fn memberships_of(app: &TestApp, customer: Uuid) -> i64 {
    on_pool!(&app.db, pool => {
        sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM memberships WHERE customer_id = $1")
            .bind(customer).fetch_one(pool).await.unwrap()
    })
}

db_test!(deactivating_a_customer_ends_its_sessions_until_reactivated, |app| async move {
    let (token, admin_id) = admin(&app).await;
    let (email, customer) = app.create_other_customer_user("summit").await;
    let session = app.login(&email, OTHER_PASSWORD).await;
    let contracts = format!("/api/v1/accounts/{customer}/contracts");
    assert_eq!(app.get(&contracts, session.token()).await.status(), 200);

    // Staff may not act; another dealer's admin does not see the customer.
    let deactivate = format!("/api/v1/admin/customers/{customer}/deactivate");
    assert_problem(post(&app, &deactivate, &staff(&app).await).await, 403, "forbidden").await;
    let thames_admin = app.create_dealer_admin("thames").await;
    assert_problem(post(&app, &deactivate, &thames_admin).await, 404, "not_found").await;
    assert_eq!(app.get(&contracts, session.token()).await.status(), 200, "nothing changed yet");

    assert_eq!(post(&app, &deactivate, &token).await.status(), 204);
    // The access token no longer opens the account; the refresh token is dead.
    assert_problem(app.get(&contracts, session.token()).await, 404, "not_found").await;
    assert_eq!(app.post_refresh(&session.refresh_cookie).await.status(), 401);
    // Login: a wrong password says nothing new; the right one says why.
    assert_problem(app.post_login(&email, "wrong-password-1").await, 401, "invalid_credentials").await;
    assert_problem(app.post_login(&email, OTHER_PASSWORD).await, 403, "access_deactivated").await;

    // The list and detail say so; nothing was deleted, the back office's flag untouched.
    assert!(ids(&rows(&app, &token, "portal_status=deactivated").await).contains(&customer.to_string()));
    let detail = app.get_json(&format!("/api/v1/admin/customers/{customer}"), &token).await;
    assert!(detail["portal_deactivated_at"].is_string());
    assert_eq!(detail["portal_enabled"], true);
    assert_eq!(detail["users"][0]["status"], "deactivated");
    assert_eq!(memberships_of(&app, customer).await, 1);
    // Deactivating again is harmless and keeps the first time.
    assert_eq!(post(&app, &deactivate, &token).await.status(), 204);
    let again = app.get_json(&format!("/api/v1/admin/customers/{customer}"), &token).await;
    assert_eq!(again["portal_deactivated_at"], detail["portal_deactivated_at"]);

    let events = app.audit_events(admin_id, "admin.customer_deactivated").await;
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].1["customer_id"], customer.to_string());

    // Staff may not reactivate; the admin does, and everything works again.
    let reactivate = format!("/api/v1/admin/customers/{customer}/reactivate");
    assert_problem(post(&app, &reactivate, &staff(&app).await).await, 403, "forbidden").await;
    assert_problem(post(&app, &reactivate, &thames_admin).await, 404, "not_found").await;
    assert_eq!(post(&app, &reactivate, &token).await.status(), 204);
    let back = app.login(&email, OTHER_PASSWORD).await;
    assert!(back.body.accounts.iter().any(|a| a.id == customer));
    assert_eq!(app.get(&contracts, back.token()).await.status(), 200);
    assert_eq!(app.post_refresh(&back.refresh_cookie).await.status(), 200);
    assert_eq!(app.audit_events(admin_id, "admin.customer_reactivated").await.len(), 1);
    let detail = app.get_json(&format!("/api/v1/admin/customers/{customer}"), &token).await;
    assert!(detail["portal_deactivated_at"].is_null());
    assert_eq!(detail["portal_status"], "active");
});

db_test!(deactivating_one_user_closes_that_account_to_them_alone, |app| async move {
    let (token, admin_id) = admin(&app).await;
    // The demo user has accounts at both dealers: closing one leaves them the others.
    let demo = app.login_demo().await;
    let account = demo.account_at("summit");
    let demo_id = demo.body.user.id;
    let path = |action: &str| format!("/api/v1/admin/customers/{account}/users/{demo_id}/{action}");

    assert_problem(post(&app, &path("deactivate"), &staff(&app).await).await, 403, "forbidden").await;
    let thames_admin = app.create_dealer_admin("thames").await;
    assert_problem(post(&app, &path("deactivate"), &thames_admin).await, 404, "not_found").await;
    let stranger = format!("/api/v1/admin/customers/{account}/users/{}/deactivate", Uuid::now_v7());
    assert_problem(post(&app, &stranger, &token).await, 404, "not_found").await;

    assert_eq!(post(&app, &path("deactivate"), &token).await.status(), 204);
    assert_problem(
        app.get(&format!("/api/v1/accounts/{account}/contracts"), demo.token()).await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(app.post_refresh(&demo.refresh_cookie).await.status(), 401, "sessions ended");
    let again = app.login_demo().await;
    assert!(!again.body.accounts.iter().any(|a| a.id == account), "the closed account is not offered");
    assert!(again.body.accounts.iter().any(|a| a.dealer.slug == "thames"), "the others still are");
    let detail = app.get_json(&format!("/api/v1/admin/customers/{account}"), &token).await;
    let user =
        detail["users"].as_array().unwrap().iter().find(|u| u["user_id"] == demo_id.to_string()).unwrap();
    assert_eq!(user["status"], "deactivated");
    assert!(user["deactivated_at"].is_string());
    let events = app.audit_events(admin_id, "admin.customer_user_deactivated").await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].1["target_user_id"], demo_id.to_string());
    assert_eq!(events[0].1["customer_id"], account.to_string());

    assert_eq!(post(&app, &path("reactivate"), &token).await.status(), 204);
    let back = app.login_demo().await;
    assert!(back.body.accounts.iter().any(|a| a.id == account));
    assert_eq!(app.get(&format!("/api/v1/accounts/{account}/contracts"), back.token()).await.status(), 200);
    assert_eq!(app.audit_events(admin_id, "admin.customer_user_reactivated").await.len(), 1);

    // A login whose only account is closed to it cannot sign in at all, then can again.
    let (email, customer) = app.create_other_customer_user("summit").await;
    let user_id = app.user_id(&email).await;
    let only = format!("/api/v1/admin/customers/{customer}/users/{user_id}");
    assert_eq!(post(&app, &format!("{only}/deactivate"), &token).await.status(), 204);
    assert_problem(app.post_login(&email, OTHER_PASSWORD).await, 403, "access_deactivated").await;
    assert!(ids(&rows(&app, &token, "portal_status=deactivated").await).contains(&customer.to_string()));
    assert_eq!(post(&app, &format!("{only}/reactivate"), &token).await.status(), 204);
    assert_eq!(app.post_login(&email, OTHER_PASSWORD).await.status(), 200);
    assert_eq!(memberships_of(&app, customer).await, 1);
});

// The rows follow contracts written many to a statement, as the back office's feed writes
// them (PostgreSQL rebuilds a customer's rows once per statement, from its transition
// tables): added, renumbered, moved to another customer, deleted.
db_test!(the_list_follows_contracts_written_many_to_a_statement, |app| async move {
    let (token, _) = admin(&app).await;
    let (first, _, _) = plain_customer(&app, "summit").await;
    let second: Uuid = on_pool!(&app.db, pool => {
        sqlx::query_scalar(
            "SELECT o.id FROM customers o JOIN customers c ON c.dealer_id = o.dealer_id \
             WHERE c.id = $1 AND o.id <> c.id ORDER BY o.account_number LIMIT 1",
        )
        .bind(first).fetch_one(pool).await.unwrap()
    });
    let found = async |q: &str| {
        let found = ids(&rows(&app, &token, &format!("q={q}")).await);
        (found.contains(&first.to_string()), found.contains(&second.to_string()), found.len())
    };
    let now = chrono::Utc::now();
    on_pool!(&app.db, pool => {
        sqlx::query(
            "INSERT INTO contracts (id, dealer_id, customer_id, location_id, external_id, number, status, \
             start_date, amount_minor, amount_due_minor, created_at, updated_at) \
             SELECT v.id, c.dealer_id, c.id, (SELECT k.location_id FROM contracts k WHERE k.customer_id = c.id LIMIT 1), \
             v.n, v.n, 'open', $4, 0, 0, $5, $5 FROM customers c \
             CROSS JOIN (SELECT $1 AS id, 'QX-1' AS n UNION ALL SELECT $2, 'QX-2' UNION ALL SELECT $3, 'QX-3') v \
             WHERE c.id = $6",
        )
        .bind(Uuid::now_v7()).bind(Uuid::now_v7()).bind(Uuid::now_v7())
        .bind(now.date_naive()).bind(now).bind(first)
        .execute(pool).await.unwrap();
    });
    assert!(found("qx-2").await.0, "added");
    assert!(!found("qx-").await.1, "only the customer's rows");

    on_pool!(&app.db, pool => {
        sqlx::query("UPDATE contracts SET number = 'QY-' || SUBSTR(number, 4) WHERE external_id LIKE 'QX-%'")
            .execute(pool).await.unwrap();
    });
    assert_eq!(found("qx-").await, (false, false, 0), "renumbered: the old numbers are gone");
    assert!(found("qy-3").await.0, "renumbered: the new ones are found");

    on_pool!(&app.db, pool => {
        sqlx::query("UPDATE contracts SET customer_id = $1 WHERE external_id LIKE 'QX-%'")
            .bind(second).execute(pool).await.unwrap();
    });
    let moved = found("qy-").await;
    assert_eq!((moved.0, moved.1), (false, true), "moved to the other customer");

    // An update of what the row does not show leaves it as it is.
    on_pool!(&app.db, pool => {
        sqlx::query("UPDATE contracts SET amount_due_minor = 5 WHERE external_id LIKE 'QX-%'")
            .execute(pool).await.unwrap();
    });
    assert!(found("qy-1").await.1);

    on_pool!(&app.db, pool => {
        sqlx::query("DELETE FROM contracts WHERE external_id LIKE 'QX-%'").execute(pool).await.unwrap();
    });
    assert_eq!(found("qy-").await, (false, false, 0), "deleted");
});
