//! The CSV exports are the lists, whole: for every filter and sort a list offers, its CSV
//! (one streamed query) holds exactly the rows of the paged list, in the same order; and
//! every page, the last and one past it included, tells the list's total.

use serde_json::Value;
use uuid::Uuid;

use crate::db_test;
use crate::helpers::{TestApp, parse_csv};

/// Every item of a list, page by page (a small page, so the list spans several).
async fn paged(app: &TestApp, token: &str, path: &str, query: &str) -> Vec<Value> {
    let mut items = Vec::new();
    for page in 1.. {
        let body = app.get_json(&format!("{path}?{query}&per_page=7&page={page}"), token).await;
        let batch = body["items"].as_array().expect("items").clone();
        let total = body["total"].as_u64().expect("total");
        items.extend(batch.iter().cloned());
        if batch.is_empty() || items.len() as u64 >= total {
            assert_eq!(items.len() as u64, total, "{path}?{query}: the pages hold the total");
            break;
        }
    }
    // A page past the end has no rows but still tells the total (the page query carries
    // the total in its rows; with none, the count runs on its own).
    let beyond =
        app.get_json(&format!("{path}?{query}&per_page=7&page={}", items.len() / 7 + 2), token).await;
    assert_eq!(beyond["items"].as_array().map(Vec::len), Some(0), "{path}?{query}: past the end");
    assert_eq!(beyond["total"].as_u64(), Some(items.len() as u64), "{path}?{query}: the total past the end");
    items
}

/// The CSV rows of an export (header dropped).
async fn exported(app: &TestApp, token: &str, path: &str, query: &str) -> Vec<Vec<String>> {
    let response = app.get(&format!("{path}.csv?{query}"), token).await;
    assert_eq!(response.status(), 200, "{path}.csv?{query}");
    let mut rows = parse_csv(&response.text().await.expect("body"));
    assert!(!rows.is_empty(), "a header row");
    rows.remove(0);
    rows
}

fn text(item: &Value, key: &str) -> String {
    item[key].as_str().unwrap_or_default().to_string()
}

/// Checks that the export of `query` is the paged list: `key` of each item against `columns`
/// of each row, in order. Returns how many rows matched (so a caller sees filters bite).
async fn same_rows(
    app: &TestApp,
    token: &str,
    path: &str,
    query: &str,
    key: fn(&Value) -> Vec<String>,
    columns: &[usize],
) -> usize {
    let list: Vec<Vec<String>> = paged(app, token, path, query).await.iter().map(key).collect();
    let csv: Vec<Vec<String>> = exported(app, token, path, query)
        .await
        .iter()
        .map(|r| columns.iter().map(|&c| r[c].clone()).collect())
        .collect();
    assert_eq!(csv, list, "{path}.csv?{query} is the list, row for row");
    list.len()
}

/// A word of a text, lower-cased (a search that should find the text it came from).
fn word_of(value: &str) -> String {
    value.split_whitespace().next().unwrap_or(value).to_lowercase()
}

db_test!(contract_export_is_the_list_for_every_filter_and_sort, |app| async move {
    let session = app.login_demo().await;
    let account: Uuid = session.account_at("summit");
    let token = session.token();
    let path = format!("/api/v1/accounts/{account}/contracts");
    let all = paged(&app, token, &path, "").await;
    assert!(all.len() > 20, "the demo account has a list to page through");
    let key = |c: &Value| vec![text(c, "number"), text(c, "status"), text(c, "start_date")];

    let location = text(&all[0]["location"], "id");
    let job = all.iter().map(|c| text(c, "job_number")).find(|j| !j.is_empty()).unwrap();
    let po = all.iter().map(|c| text(c, "po_number")).find(|p| !p.is_empty()).unwrap();
    let site = all.iter().map(|c| text(c, "job_site")).find(|s| !s.is_empty()).unwrap();
    let detail = app.get_json(&format!("{path}/{}", text(&all[0], "id")), token).await;
    let line = detail["lines"][0]["description"].as_str().unwrap().to_string();
    let mut dates: Vec<String> = all.iter().map(|c| text(c, "start_date")).collect();
    dates.sort();
    let mut queries = vec![
        String::new(),
        format!("location_id={location}"),
        format!("job={job}"),
        format!("po={po}"),
        format!("q={}", word_of(&site)),
        format!("q={}", word_of(&line)),
        format!("from={}&to={}", dates[3], dates[dates.len() - 4]),
        "q=no-such-thing-anywhere".to_string(),
    ];
    queries.extend(["quote", "reservation", "open", "closed"].map(|s| format!("status={s}")));
    for sort in ["number", "start_date", "close_date", "amount", "amount_due", "status"] {
        for dir in ["asc", "desc"] {
            queries.push(format!("sort={sort}&dir={dir}"));
        }
    }
    let mut narrowed = 0;
    for query in &queries {
        let n = same_rows(&app, token, &path, query, key, &[0, 1, 2]).await;
        narrowed += usize::from(n > 0 && n < all.len());
    }
    assert!(narrowed >= 6, "the filters narrow the list ({narrowed} did)");
});

db_test!(rental_export_is_the_list_for_every_filter_and_sort, |app| async move {
    let session = app.login_demo().await;
    let account: Uuid = session.account_at("summit");
    let token = session.token();
    let path = format!("/api/v1/accounts/{account}/rentals");
    let all = paged(&app, token, &path, "").await;
    assert!(all.len() > 20, "the demo account has items to page through");
    let key = |i: &Value| {
        vec![text(i, "contract_number"), text(i, "description"), text(i, "serial_number"), text(i, "status")]
    };

    let first = &all[0];
    let location = text(&first["location"], "id");
    let job = all.iter().map(|i| text(i, "job_number")).find(|j| !j.is_empty()).unwrap();
    let due = all.iter().filter_map(|i| i["expected_return"].as_str()).max().unwrap().to_string();
    let mut queries = vec![
        String::new(),
        format!("location_id={location}"),
        format!("job={job}"),
        format!("contract={}", text(first, "contract_number")),
        format!("q={}", word_of(&text(first, "description"))),
        format!("due_by={due}"),
    ];
    queries.extend(["upcoming", "on_rent", "returned"].map(|v| format!("view={v}")));
    for sort in ["start_date", "expected_return", "contract", "description"] {
        for dir in ["asc", "desc"] {
            queries.push(format!("sort={sort}&dir={dir}"));
        }
    }
    let mut narrowed = 0;
    for query in &queries {
        let n = same_rows(&app, token, &path, query, key, &[0, 1, 3, 5]).await;
        narrowed += usize::from(n > 0 && n < all.len());
    }
    assert!(narrowed >= 4, "the filters narrow the list ({narrowed} did)");
});

db_test!(invoice_export_is_the_list_for_every_filter_and_sort, |app| async move {
    let session = app.login_demo().await;
    let account: Uuid = session.account_at("summit");
    let token = session.token();
    let path = format!("/api/v1/accounts/{account}/invoices");
    let all = paged(&app, token, &path, "view=all").await;
    assert!(all.len() > 10, "the demo account has invoices to page through");
    let key = |i: &Value| vec![text(i, "number"), text(i, "status"), text(i, "invoice_date")];

    let location = all.iter().find_map(|i| i["location"]["id"].as_str()).map(str::to_string);
    let mut queries = vec![format!("view=all&q={}", text(&all[0], "number").to_lowercase())];
    if let Some(location) = location {
        queries.push(format!("view=all&location_id={location}"));
    }
    for view in ["open", "paid", "all"] {
        queries.push(format!("view={view}"));
        queries.push(format!("view={view}&overdue=true"));
        for sort in ["number", "invoice_date", "due_date", "total", "amount_due"] {
            for dir in ["asc", "desc"] {
                queries.push(format!("view={view}&sort={sort}&dir={dir}"));
            }
        }
    }
    let mut narrowed = 0;
    for query in &queries {
        let n = same_rows(&app, token, &path, query, key, &[0, 2, 3]).await;
        narrowed += usize::from(n > 0 && n < all.len());
    }
    assert!(narrowed >= 3, "the filters narrow the list ({narrowed} did)");
});
