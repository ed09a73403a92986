//! Benchmark: does the contract list stay fast as the dealer's data grows?
//!
//! Seeds two databases in one run — the normal demo (200 customers, ~11k lines) and a large
//! one (50,000 customers, ~1M contract lines) — then times the same customer-facing queries
//! on both and prints the ratio. With the right indexes a customer's list costs the same
//! whatever the size of everyone else's data, so the ratios stay near 1; a missing index
//! shows up as a ratio in the tens or hundreds. Timings are medians of repeated runs.
//!
//! ```sh
//! cargo run -p api --example contract_list_bench            # SQLite (temp files)
//! BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres \
//!   cargo run -p api --example contract_list_bench          # PostgreSQL too
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use api::db::Db;
use api::demo::{DemoSize, generate};
use shared::contracts::{ContractFilter, ContractSort, ContractStatus};
use shared::money::Currency;
use shared::paging::SortDir;
use uuid::Uuid;

const RUNS: usize = 30;

struct Case {
    name: &'static str,
    filter: ContractFilter,
}

fn cases() -> Vec<Case> {
    let base = ContractFilter { per_page: 25, page: 1, ..ContractFilter::default() };
    vec![
        Case { name: "default page", filter: base.clone() },
        Case {
            name: "status=open",
            filter: ContractFilter { status: Some(ContractStatus::Open), ..base.clone() },
        },
        Case {
            name: "sort amount asc, page 2",
            filter: ContractFilter { sort: ContractSort::Amount, dir: SortDir::Asc, page: 2, ..base.clone() },
        },
        Case {
            name: "free text 'excavator'",
            filter: ContractFilter { q: Some("excavator".into()), ..base.clone() },
        },
        Case { name: "job contains 'job-1'", filter: ContractFilter { job: Some("job-1".into()), ..base } },
    ]
}

async fn seed(db: &Db, size: DemoSize) -> (Uuid, usize) {
    db.migrate().await.expect("migrate");
    let today = chrono::Utc::now().date_naive();
    let data = generate(size, today);
    let lines = data.lines.len();
    let started = Instant::now();
    let hashes: Vec<(Uuid, String)> = data.users.iter().map(|u| (u.id, "x".to_string())).collect();
    api::demo::load(db, &data, &hashes).await.expect("seed");
    // The demo customer's busiest account stands for "a customer".
    let busiest = "SELECT id FROM customers WHERE name = 'Demo Civil Works LLC'";
    let account: Uuid = match db {
        Db::Postgres(pool) => sqlx::query_scalar(busiest).fetch_one(pool).await,
        Db::Sqlite(pool) => sqlx::query_scalar(busiest).fetch_one(pool).await,
    }
    .expect("demo account");
    eprintln!(
        "  seeded {} customers, {} contracts, {lines} lines in {:.1?}",
        data.customers.len(),
        data.contracts.len(),
        started.elapsed()
    );
    if let Db::Postgres(pool) = db {
        sqlx::query("ANALYZE").execute(pool).await.expect("analyze");
    }
    if let Db::Sqlite(pool) = db {
        sqlx::query("ANALYZE").execute(pool).await.expect("analyze");
    }
    (account, lines)
}

async fn median(db: &Db, account: Uuid, filter: &ContractFilter) -> Duration {
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        let offset = u64::from(filter.page - 1) * u64::from(filter.per_page);
        let (items, total) = api::db::contracts::list(
            db,
            api::ids::CustomerId::new(account),
            Currency::Usd,
            filter,
            filter.per_page,
            offset,
        )
        .await
        .unwrap();
        assert!(items.len() as u64 <= total);
        times.push(started.elapsed());
    }
    times.sort();
    times[RUNS / 2]
}

async fn run_engine(label: &str, small: Db, large: Db) {
    println!("\n{label}");
    eprintln!("  small data set:");
    let (small_account, small_lines) = seed(&small, DemoSize::full()).await;
    eprintln!("  large data set:");
    let size = DemoSize {
        customers_per_dealer: [25_000, 24_997],
        contracts_per_customer: 4,
        demo_account_contracts: 45,
    };
    let (large_account, large_lines) = seed(&large, size).await;
    println!(
        "  {:<26} {:>12} {:>12} {:>8}",
        "query (list + count)",
        format!("{}k lines", small_lines / 1000),
        format!("{}k lines", large_lines / 1000),
        "ratio"
    );
    for case in cases() {
        let a = median(&small, small_account, &case.filter).await;
        let b = median(&large, large_account, &case.filter).await;
        println!(
            "  {:<26} {:>9.2} ms {:>9.2} ms {:>7.2}x",
            case.name,
            a.as_secs_f64() * 1e3,
            b.as_secs_f64() * 1e3,
            b.as_secs_f64() / a.as_secs_f64()
        );
    }
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let small = Db::connect(&dir.path().join("small.db").to_string_lossy(), 4).await.unwrap();
    let large = Db::connect(&dir.path().join("large.db").to_string_lossy(), 4).await.unwrap();
    run_engine("SQLite", small, large).await;

    if let Ok(admin) = std::env::var("BENCH_POSTGRES_URL") {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
        let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin.clone());
        let mut dbs = Vec::new();
        for name in ["rp_bench_small", "rp_bench_large"] {
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
                .execute(&mut conn)
                .await
                .unwrap();
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut conn)
                .await
                .unwrap();
            dbs.push(Db::connect(&format!("{base}/{name}"), 4).await.unwrap());
        }
        let large = dbs.pop().unwrap();
        let small = dbs.pop().unwrap();
        run_engine("PostgreSQL", small.clone(), large.clone()).await;
        small.close().await;
        large.close().await;
        for name in ["rp_bench_small", "rp_bench_large"] {
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
                .execute(&mut conn)
                .await
                .unwrap();
        }
    }
}
