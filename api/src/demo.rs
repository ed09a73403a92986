//! Deterministic demo data: two dealers (US "rentals", UK "hires"), their branches,
//! customers, and two years of contracts in every status, plus the documented demo logins.
//!
//! The same seed always yields the same records; dates are laid out relative to the day
//! the seed runs so the demo always has items on rent "now".

use chrono::{DateTime, Duration, NaiveDate, Utc};
use uuid::Uuid;

mod invoices;
mod load;
mod parties;
mod records;
mod rentals;

pub use invoices::{InvoiceLineSeed, InvoiceSeed, PaymentMethodSeed};
pub use load::load;
use parties::{dealer_seeds, demo_users, generate_customer};
pub use records::*;
use rentals::{generate_contract, generate_positions};

/// Demo customer login: holds two accounts at Summit and one at Thames.
pub const DEMO_CUSTOMER_EMAIL: &str = "demo@customer.example";
pub const DEMO_CUSTOMER_PASSWORD: &str = "demo-pass-123";
/// The demo customer can also log in with this phone number, in any common format.
pub const DEMO_CUSTOMER_PHONE: &str = "(303) 555-0199";
/// Demo dealer admin login (Summit).
pub const DEMO_ADMIN_EMAIL: &str = "admin@summit.example";
pub const DEMO_ADMIN_PASSWORD: &str = "admin-pass-123";
/// Demo dealer staff login (Summit): works the request and feedback inbox.
pub const DEMO_STAFF_EMAIL: &str = "staff@summit.example";
pub const DEMO_STAFF_PASSWORD: &str = "staff-pass-123";
/// Demo platform operator login: belongs to no dealer; chooses one to work in its admin view.
pub const DEMO_OPERATOR_EMAIL: &str = "operator@rentalportal.example";
pub const DEMO_OPERATOR_PASSWORD: &str = "operator-pass-123";

/// How much to generate. `full()` is the demo; tests use `small()` for speed.
#[derive(Debug, Clone, Copy)]
pub struct DemoSize {
    /// Customers per dealer, beyond the demo user's own accounts.
    pub customers_per_dealer: [usize; 2],
    /// Average contracts per ordinary customer.
    pub contracts_per_customer: usize,
    /// Contracts on each of the demo user's accounts.
    pub demo_account_contracts: usize,
}

impl DemoSize {
    pub fn full() -> Self {
        Self { customers_per_dealer: [118, 79], contracts_per_customer: 10, demo_account_contracts: 45 }
    }

    pub fn small() -> Self {
        Self { customers_per_dealer: [4, 3], contracts_per_customer: 3, demo_account_contracts: 30 }
    }
}

/// SplitMix64: tiny, fast and stable across versions, which a demo seed needs.
pub(crate) struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A UUIDv7 whose time part is `at`, so ids sort like the records they name.
    pub fn uuid_v7(&mut self, at: DateTime<Utc>) -> Uuid {
        let random = [self.next_u64().to_le_bytes(), self.next_u64().to_le_bytes()].concat();
        let millis = u64::try_from(at.timestamp_millis()).unwrap_or(0);
        uuid::Builder::from_unix_timestamp_millis(millis, &random[..10].try_into().unwrap_or([0; 10]))
            .into_uuid()
    }
}

fn at_noon(date: NaiveDate) -> DateTime<Utc> {
    date.and_hms_opt(12, 0, 0).map(|dt| dt.and_utc()).unwrap_or_default()
}

/// Rental charge for `days` on rent: whole months, then weeks, then days capped at a week.
pub(crate) fn rental_charge(days: i64, daily: i64, weekly: i64, monthly: i64) -> i64 {
    let days = days.max(1);
    let months = days / 28;
    let weeks = (days % 28) / 7;
    let rest = days % 7;
    months * monthly + weeks * weekly + (rest * daily).min(weekly)
}

/// The demo's "today": the date at its US dealer (America/Denver), around which the data
/// set is laid out and against which its dealers check dates.
pub fn today() -> NaiveDate {
    crate::domain::calendar::today_in(chrono_tz::America::Denver, Utc::now())
}

/// Builds the demo data set for `today`.
pub fn generate(size: DemoSize, today: NaiveDate) -> DemoData {
    let mut rng = Rng::new(0x5EED_2026);
    let created_at = at_noon(today);
    let epoch = at_noon(today - Duration::days(760));

    let dealer_defs = dealer_seeds(&mut rng, epoch);
    let branches: [[(&str, &str, &str); 3]; 2] = [
        [
            ("DEN", "Denver", "(303) 555-0110"),
            ("BOU", "Boulder", "(303) 555-0120"),
            ("COS", "Colorado Springs", "(719) 555-0130"),
        ],
        [
            ("BAT", "London Battersea", "020 7946 0110"),
            ("RDG", "Reading", "0118 496 0120"),
            ("OXF", "Oxford", "01865 496 130"),
        ],
    ];

    let mut data = DemoData {
        created_at,
        dealers: Vec::new(),
        locations: Vec::new(),
        customers: Vec::new(),
        contacts: Vec::new(),
        contracts: Vec::new(),
        lines: Vec::new(),
        positions: Vec::new(),
        invoices: Vec::new(),
        invoice_lines: Vec::new(),
        payment_methods: Vec::new(),
        users: Vec::new(),
    };
    let mut demo_accounts = Vec::new();

    for (d, dealer) in dealer_defs.into_iter().enumerate() {
        let uk = dealer.country == "GB";
        let locations: Vec<Uuid> = branches[d]
            .iter()
            .map(|(code, name, phone)| {
                let id = rng.uuid_v7(epoch);
                data.locations.push(LocationSeed {
                    id,
                    dealer_id: dealer.id,
                    external_id: format!("LOC-{code}"),
                    code: (*code).to_string(),
                    name: (*name).to_string(),
                    phone: (*phone).to_string(),
                    email: format!("{}@{}.example", code.to_lowercase(), dealer.slug),
                    address: format!("{name} branch"),
                });
                id
            })
            .collect();

        let demo_names: &[&str] =
            if uk { &["Demo Groundworks Ltd"] } else { &["Demo Construction Co.", "Demo Civil Works LLC"] };
        let total = size.customers_per_dealer[d] + demo_names.len();
        let mut contract_seq = 0_u32;
        for c in 0..total {
            let demo_name = demo_names.get(c).copied();
            let id = generate_customer(&mut rng, &mut data, &dealer, &locations, c, demo_name, epoch);
            let is_demo = demo_name.is_some();
            if is_demo {
                demo_accounts.push(id);
            }
            let contracts = if is_demo {
                size.demo_account_contracts
            } else {
                1 + rng.below(size.contracts_per_customer * 2)
            };
            for _ in 0..contracts {
                contract_seq += 1;
                generate_contract(&mut rng, &mut data, &dealer, &locations, id, contract_seq, today);
            }
        }
        data.dealers.push(dealer);
    }

    generate_positions(&mut data, &demo_accounts);
    invoices::generate(&mut data, &demo_accounts, today);
    let admin_dealer = data.dealers.first().map(|d| d.id);
    let users = demo_users(&mut rng, epoch, demo_accounts, admin_dealer);
    data.users.extend(users);
    data
}

/// Seeds the demo data set unless the database already holds dealers, through the paths a
/// real dealer goes live by (see [`load`]). Returns whether it seeded.
pub async fn seed_if_empty(
    db: &crate::db::Db,
    hasher: &crate::auth::PasswordHasher,
    size: DemoSize,
    today: NaiveDate,
) -> anyhow::Result<bool> {
    if !crate::db::seed::is_empty(db).await? {
        return Ok(false);
    }
    let data = generate(size, today);
    let mut hashes = Vec::with_capacity(data.users.len());
    for user in &data.users {
        hashes.push((user.id, hasher.hash(user.password.to_string()).await?));
    }
    load(db, &data, &hashes).await?;
    tracing::info!(
        customers = data.customers.len(),
        contracts = data.contracts.len(),
        lines = data.lines.len(),
        invoices = data.invoices.len(),
        "demo data seeded"
    );
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
    }

    #[test]
    fn full_demo_has_the_promised_shape() {
        let data = generate(DemoSize::full(), today());
        assert_eq!(data.dealers.len(), 2);
        assert_eq!(data.locations.len(), 6);
        assert_eq!(data.customers.len(), 200);
        assert!((1_800..=2_300).contains(&data.contracts.len()), "{}", data.contracts.len());
        assert!((8_000..=12_500).contains(&data.lines.len()), "{}", data.lines.len());
        for status in ["quote", "reservation", "open", "closed"] {
            assert!(data.contracts.iter().any(|c| c.status == status), "{status}");
        }
        for status in ["reserved", "out", "called_off", "returned"] {
            assert!(data.lines.iter().any(|l| l.status == Some(status)), "{status}");
        }
    }

    #[test]
    fn demo_dealers_keep_their_own_time_zones() {
        let data = generate(DemoSize::small(), today());
        let zones: Vec<&str> = data.dealers.iter().map(|d| d.time_zone).collect();
        assert_eq!(zones, ["America/Denver", "Europe/London"]);
        assert!(zones.iter().all(|z| z.parse::<chrono_tz::Tz>().is_ok()));
    }

    #[test]
    fn generation_is_deterministic() {
        let a = generate(DemoSize::small(), today());
        let b = generate(DemoSize::small(), today());
        assert_eq!(a.contracts.len(), b.contracts.len());
        assert!(
            a.contracts
                .iter()
                .zip(&b.contracts)
                .all(|(x, y)| x.id == y.id && x.amount_minor == y.amount_minor)
        );
    }

    #[test]
    fn demo_user_holds_two_summit_and_one_thames_account() {
        let data = generate(DemoSize::small(), today());
        let demo = data.users.iter().find(|u| u.email == DEMO_CUSTOMER_EMAIL);
        let memberships = demo.map(|u| u.memberships.len());
        assert_eq!(memberships, Some(3));
    }

    #[test]
    fn most_demo_items_on_site_have_a_position_near_their_site() {
        let data = generate(DemoSize::small(), today());
        let demo = &data.users.iter().find(|u| u.email == DEMO_CUSTOMER_EMAIL).unwrap().memberships;
        let on_site: Vec<&LineSeed> = data
            .lines
            .iter()
            .filter(|l| matches!(l.status, Some("out" | "called_off")))
            .filter(|l| {
                data.contracts
                    .iter()
                    .any(|c| c.id == l.contract_id && demo.iter().any(|(id, _, _)| *id == c.customer_id))
            })
            .collect();
        assert!(on_site.iter().all(|l| l.serial_number.is_some()), "items out carry serial numbers");
        let tracked = on_site
            .iter()
            .filter(|l| data.positions.iter().any(|p| Some(&p.serial_number) == l.serial_number.as_ref()))
            .count();
        assert!(tracked * 10 >= on_site.len() * 7, "{tracked} of {}", on_site.len());
        assert!(on_site.len() - tracked >= 2, "a couple without a position");
        assert!(data.positions.iter().all(|p| p.recorded_at < data.created_at - Duration::hours(11)));
    }

    #[test]
    fn charge_uses_the_cheapest_whole_periods() {
        assert_eq!(rental_charge(1, 100, 300, 900), 100);
        assert_eq!(rental_charge(5, 100, 300, 900), 300);
        assert_eq!(rental_charge(8, 100, 300, 900), 400);
        assert_eq!(rental_charge(30, 100, 300, 900), 1_100);
    }
}
