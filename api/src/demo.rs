//! Deterministic demo data: two dealers (US "rentals", UK "hires"), their branches,
//! customers, and two years of contracts in every status, plus the documented demo logins.
//!
//! The same seed always yields the same records; dates are laid out relative to the day
//! the seed runs so the demo always has items on rent "now".

use chrono::{DateTime, Duration, NaiveDate, Utc};
use shared::accounts::{MembershipRole, Permissions};
use shared::auth::UserRole;
use uuid::Uuid;

mod invoices;

pub use invoices::{InvoiceLineSeed, InvoiceSeed, PaymentMethodSeed};

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

pub struct DealerSeed {
    pub id: Uuid,
    pub slug: &'static str,
    pub name: &'static str,
    pub country: &'static str,
    pub currency: &'static str,
    pub locale: &'static str,
    pub terminology: &'static str,
    pub primary_color: &'static str,
    pub accent_color: &'static str,
    pub logo_url: &'static str,
    pub support_phone: &'static str,
    pub support_email: &'static str,
    pub welcome_message: &'static str,
}

pub struct LocationSeed {
    pub id: Uuid,
    pub dealer_id: Uuid,
    pub external_id: String,
    pub code: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
}

pub struct CustomerSeed {
    pub id: Uuid,
    pub dealer_id: Uuid,
    pub external_id: String,
    pub account_number: String,
    pub name: String,
    pub kind: &'static str,
    pub phone: String,
    pub phone_normalized: Option<String>,
    pub email: String,
    pub postal_code: String,
    pub address: String,
    pub portal_enabled: bool,
    pub home_location_id: Uuid,
}

pub struct ContactSeed {
    pub id: Uuid,
    pub dealer_id: Uuid,
    pub customer_id: Uuid,
    pub external_id: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub is_primary: bool,
}

pub struct ContractSeed {
    pub id: Uuid,
    pub dealer_id: Uuid,
    pub customer_id: Uuid,
    pub location_id: Uuid,
    pub external_id: String,
    pub number: String,
    pub status: &'static str,
    pub job_number: Option<String>,
    pub po_number: Option<String>,
    pub job_site: Option<String>,
    pub ordered_by: Option<String>,
    pub notes: Option<String>,
    pub start_date: NaiveDate,
    pub close_date: Option<NaiveDate>,
    pub amount_minor: i64,
    pub amount_due_minor: i64,
}

pub struct LineSeed {
    pub id: Uuid,
    pub contract_id: Uuid,
    pub line_no: i32,
    pub kind: &'static str,
    pub item_code: Option<String>,
    pub description: String,
    pub serial_number: Option<String>,
    pub quantity: i32,
    pub status: Option<&'static str>,
    pub daily_rate_minor: Option<i64>,
    pub weekly_rate_minor: Option<i64>,
    pub monthly_rate_minor: Option<i64>,
    pub start_date: Option<NaiveDate>,
    pub expected_return: Option<NaiveDate>,
    pub returned_on: Option<NaiveDate>,
    pub amount_minor: i64,
}

impl LineSeed {
    /// A sale or fee line: no rental status, rates or return dates.
    #[allow(clippy::too_many_arguments)]
    fn charge(
        id: Uuid,
        contract_id: Uuid,
        line_no: i32,
        kind: &'static str,
        item_code: Option<&str>,
        description: &str,
        quantity: i32,
        date: NaiveDate,
        amount_minor: i64,
    ) -> Self {
        Self {
            id,
            contract_id,
            line_no,
            kind,
            item_code: item_code.map(str::to_string),
            description: description.to_string(),
            serial_number: None,
            quantity,
            status: None,
            daily_rate_minor: None,
            weekly_rate_minor: None,
            monthly_rate_minor: None,
            start_date: Some(date),
            expected_return: None,
            returned_on: None,
            amount_minor,
        }
    }
}

/// The last known position of an asset out on site (D5).
pub struct PositionSeed {
    pub dealer_id: Uuid,
    pub serial_number: String,
    pub latitude: f64,
    pub longitude: f64,
    pub recorded_at: DateTime<Utc>,
    pub source: &'static str,
}

pub struct UserSeed {
    pub id: Uuid,
    pub email: &'static str,
    pub phone: Option<&'static str>,
    pub display_name: &'static str,
    pub password: &'static str,
    pub role: UserRole,
    pub dealer_id: Option<Uuid>,
    /// (customer, role, permissions)
    pub memberships: Vec<(Uuid, MembershipRole, Permissions)>,
}

/// Everything the demo writes, in insertion order.
pub struct DemoData {
    pub created_at: DateTime<Utc>,
    pub dealers: Vec<DealerSeed>,
    pub locations: Vec<LocationSeed>,
    pub customers: Vec<CustomerSeed>,
    pub contacts: Vec<ContactSeed>,
    pub contracts: Vec<ContractSeed>,
    pub lines: Vec<LineSeed>,
    pub positions: Vec<PositionSeed>,
    pub invoices: Vec<InvoiceSeed>,
    pub invoice_lines: Vec<InvoiceLineSeed>,
    pub payment_methods: Vec<PaymentMethodSeed>,
    pub users: Vec<UserSeed>,
}

/// (code, description, daily, weekly, monthly) in US cents; UK prices reuse the numbers in pence.
const EQUIPMENT: &[(&str, &str, i64, i64, i64)] = &[
    ("EXC-35", "Mini excavator 3.5t", 32_500, 97_500, 245_000),
    ("EXC-08", "Micro excavator 0.8t", 19_500, 58_500, 146_000),
    ("SSL-75", "Skid steer loader 75hp", 27_500, 82_500, 206_000),
    ("TLH-10", "Telehandler 10,000 lb", 45_000, 135_000, 338_000),
    ("SBL-45", "Scissor lift 45 ft", 38_000, 114_000, 285_000),
    ("SCL-19", "Scissor lift 19 ft electric", 12_500, 37_500, 94_000),
    ("BML-60", "Articulating boom lift 60 ft", 52_000, 156_000, 390_000),
    ("GEN-56", "Towable generator 56 kVA", 21_000, 63_000, 158_000),
    ("CMP-185", "Air compressor 185 cfm", 14_500, 43_500, 109_000),
    ("PMP-3", "Trash pump 3 in", 8_500, 25_500, 64_000),
    ("PLT-20", "Plate compactor 20 in", 6_500, 19_500, 49_000),
    ("RMC-48", "Ride-on roller 48 in", 29_500, 88_500, 221_000),
    ("LTW-4", "Light tower 4 kW", 9_500, 28_500, 71_000),
    ("DMP-9", "Site dumper 9t", 31_000, 93_000, 232_000),
    ("HTR-150", "Indirect heater 150k BTU", 11_000, 33_000, 83_000),
    ("SAW-14", "Cut-off saw 14 in", 5_500, 16_500, 41_000),
];

const FEES: &[(&str, i64)] = &[
    ("Delivery and collection", 15_000),
    ("Damage waiver", 4_500),
    ("Environmental fee", 1_200),
    ("Fuel refill", 8_900),
];

const SALES: &[(&str, &str, i64)] = &[
    ("CONE-28", "Traffic cones 28 in", 1_800),
    ("BLD-14", "Diamond blade 14 in", 18_900),
    ("GLV-L", "Work gloves (pair)", 900),
];

const NAME_FIRST: &[&str] = &[
    "Apex",
    "Summit Ridge",
    "Riverside",
    "Granite",
    "Northgate",
    "Ironwood",
    "Bluebird",
    "Keystone",
    "Redstone",
    "Pinecrest",
    "Harbor",
    "Silverline",
    "Cornerstone",
    "Evergreen",
    "Lakeside",
    "Highland",
    "Meridian",
    "Oakmont",
    "Prairie",
    "Westfield",
];
const NAME_SECOND: &[&str] = &[
    "Builders",
    "Construction",
    "Contracting",
    "Civil Works",
    "Landscaping",
    "Roofing",
    "Electrical",
    "Plumbing",
    "Paving",
    "Excavation",
    "Developments",
    "Facilities",
];
const PEOPLE: &[&str] = &[
    "Alex Morgan",
    "Jordan Lee",
    "Sam Patel",
    "Chris Walker",
    "Taylor Brooks",
    "Jamie Evans",
    "Morgan Hughes",
    "Casey Turner",
    "Riley Cooper",
    "Drew Collins",
    "Pat Kelly",
    "Robin Shaw",
];
const US_SITES: &[&str] = &[
    "1450 Wynkoop St, Denver CO",
    "2200 Pearl St, Boulder CO",
    "88 Pikes Peak Ave, Colorado Springs CO",
    "5001 Brighton Blvd, Denver CO",
    "730 Main St, Longmont CO",
    "19 Union Blvd, Lakewood CO",
];
const UK_SITES: &[&str] = &[
    "Battersea Power Station, London SW11",
    "Kings Meadow Rd, Reading RG1",
    "Osney Mead, Oxford OX2",
    "Nine Elms Ln, London SW8",
    "Station Hill, Reading RG1",
    "Westgate, Oxford OX1",
];

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

/// The two demo dealers: Summit (US, rentals) and Thames (UK, hires).
fn dealer_seeds(rng: &mut Rng, epoch: DateTime<Utc>) -> [DealerSeed; 2] {
    [
        DealerSeed {
            id: rng.uuid_v7(epoch),
            slug: "summit",
            name: "Summit Equipment Rentals",
            country: "US",
            currency: "USD",
            locale: "en-US",
            terminology: "rentals",
            primary_color: "#0b5cab",
            accent_color: "#f28c28",
            logo_url: "/brands/summit.svg",
            support_phone: "(303) 555-0100",
            support_email: "rentals@summit.example",
            welcome_message: "Everything you have on rent with Summit, in one place.",
        },
        DealerSeed {
            id: rng.uuid_v7(epoch),
            slug: "thames",
            name: "Thames Plant Hire",
            country: "GB",
            currency: "GBP",
            locale: "en-GB",
            terminology: "hires",
            primary_color: "#1f5f3f",
            accent_color: "#f2c94c",
            logo_url: "/brands/thames.svg",
            support_phone: "020 7946 0100",
            support_email: "hire@thames.example",
            welcome_message: "Your hires, invoices and documents from Thames Plant Hire.",
        },
    ]
}

/// Customer number `c` of `dealer` (a demo account when `demo_name` is set) with one or
/// two contacts; answers its id.
fn generate_customer(
    rng: &mut Rng,
    data: &mut DemoData,
    dealer: &DealerSeed,
    locations: &[Uuid],
    c: usize,
    demo_name: Option<&str>,
    epoch: DateTime<Utc>,
) -> Uuid {
    let uk = dealer.country == "GB";
    let is_demo = demo_name.is_some();
    let name = if let Some(name) = demo_name {
        name.to_string()
    } else {
        let suffix = if uk { " Ltd" } else { "" };
        format!("{} {}{}", rng.pick(NAME_FIRST), rng.pick(NAME_SECOND), suffix)
    };
    let number = 10_000 + c;
    let phone = if uk { format!("020 7946 {:04}", 1000 + c) } else { format!("(303) 555-{:04}", 1000 + c) };
    let id = rng.uuid_v7(epoch);
    let cash = !is_demo && rng.chance(8);
    data.customers.push(CustomerSeed {
        id,
        dealer_id: dealer.id,
        external_id: format!("CUST-{number}"),
        account_number: format!("{}{number}", if uk { "T" } else { "S" }),
        name: name.clone(),
        kind: if cash { "cash" } else { "account" },
        phone_normalized: shared::phone::normalize_phone(&phone),
        phone,
        email: format!("accounts{number}@{}-customer.example", dealer.slug),
        postal_code: if uk { "SW11 4NJ".into() } else { format!("80{:03}", 200 + c % 90) },
        address: rng.pick(if uk { UK_SITES } else { US_SITES }).to_string(),
        portal_enabled: is_demo || rng.chance(85),
        home_location_id: *rng.pick(locations),
    });
    for k in 0..(1 + rng.below(2)) {
        let person = rng.pick(PEOPLE);
        data.contacts.push(ContactSeed {
            id: rng.uuid_v7(epoch),
            dealer_id: dealer.id,
            customer_id: id,
            external_id: format!("CON-{number}-{k}"),
            name: (*person).to_string(),
            email: format!(
                "{}@{}.example",
                person.to_lowercase().replace(' ', "."),
                name.to_lowercase().split(' ').next().unwrap_or("site")
            ),
            phone: format!("555-01{:02}-{:04}", k, c),
            is_primary: k == 0,
        });
    }
    id
}

/// The demo customer (owner of the demo accounts), the dealer admin and the staff member.
fn demo_users(
    rng: &mut Rng,
    epoch: DateTime<Utc>,
    demo_accounts: Vec<Uuid>,
    admin_dealer: Option<Uuid>,
) -> Vec<UserSeed> {
    vec![
        UserSeed {
            id: rng.uuid_v7(epoch),
            email: DEMO_CUSTOMER_EMAIL,
            phone: Some(DEMO_CUSTOMER_PHONE),
            display_name: "Dana Demo",
            password: DEMO_CUSTOMER_PASSWORD,
            role: UserRole::Customer,
            dealer_id: None,
            memberships: demo_accounts
                .into_iter()
                .map(|id| (id, MembershipRole::Owner, Permissions::ALL))
                .collect(),
        },
        UserSeed {
            id: rng.uuid_v7(epoch),
            email: DEMO_ADMIN_EMAIL,
            phone: None,
            display_name: "Avery Admin",
            password: DEMO_ADMIN_PASSWORD,
            role: UserRole::DealerAdmin,
            dealer_id: admin_dealer,
            memberships: Vec::new(),
        },
        UserSeed {
            id: rng.uuid_v7(epoch),
            email: DEMO_STAFF_EMAIL,
            phone: None,
            display_name: "Sam Staff",
            password: DEMO_STAFF_PASSWORD,
            role: UserRole::DealerStaff,
            dealer_id: admin_dealer,
            memberships: Vec::new(),
        },
    ]
}

/// Where each job site is (latitude, longitude), to place the items on it.
const SITE_COORDINATES: &[(&str, f64, f64)] = &[
    ("1450 Wynkoop St, Denver CO", 39.7527, -105.0003),
    ("2200 Pearl St, Boulder CO", 40.0196, -105.2716),
    ("88 Pikes Peak Ave, Colorado Springs CO", 38.8339, -104.8214),
    ("5001 Brighton Blvd, Denver CO", 39.7800, -104.9640),
    ("730 Main St, Longmont CO", 40.1700, -105.1019),
    ("19 Union Blvd, Lakewood CO", 39.7190, -105.1330),
    ("Battersea Power Station, London SW11", 51.4817, -0.1446),
    ("Kings Meadow Rd, Reading RG1", 51.4600, -0.9650),
    ("Osney Mead, Oxford OX2", 51.7470, -1.2730),
    ("Nine Elms Ln, London SW8", 51.4810, -0.1280),
    ("Station Hill, Reading RG1", 51.4570, -0.9720),
    ("Westgate, Oxford OX1", 51.7500, -1.2600),
];

/// Positions for the demo user's items on site: most report from within a few hundred
/// metres of their job site, every fifth has none yet (the list shows it by job site).
/// Reports are 12 to 48 hours older than the seed's noon, so they are in the past whenever
/// the seed runs and a live feed's reports win over them.
fn generate_positions(data: &mut DemoData, demo_accounts: &[Uuid]) {
    // A generator of its own, so the contracts stay exactly as they were.
    let mut rng = Rng::new(0x7AC4_2026);
    let mut on_site = 0_usize;
    let mut seen = std::collections::HashSet::new();
    for contract in data.contracts.iter().filter(|c| demo_accounts.contains(&c.customer_id)) {
        let Some((_, lat, lon)) =
            SITE_COORDINATES.iter().find(|(site, _, _)| Some(*site) == contract.job_site.as_deref())
        else {
            continue;
        };
        let lines = data.lines.iter().filter(|l| {
            l.contract_id == contract.id
                && l.kind == "rental"
                && matches!(l.status, Some("out" | "called_off"))
        });
        for line in lines {
            on_site += 1;
            // Positions are keyed by (dealer, serial): one per asset even if two lines share it.
            let Some(serial) =
                line.serial_number.clone().filter(|s| !on_site.is_multiple_of(5) && seen.insert(s.clone()))
            else {
                continue;
            };
            let jitter = |rng: &mut Rng| (rng.below(4_001) as f64 - 2_000.0) / 1_000_000.0;
            let minutes = 12 * 60 + rng.below(36 * 60) as i64;
            data.positions.push(PositionSeed {
                dealer_id: contract.dealer_id,
                serial_number: serial,
                latitude: lat + jitter(&mut rng),
                longitude: lon + jitter(&mut rng),
                recorded_at: data.created_at - Duration::minutes(minutes),
                source: "telematics",
            });
        }
    }
}

fn generate_contract(
    rng: &mut Rng,
    data: &mut DemoData,
    dealer: &DealerSeed,
    locations: &[Uuid],
    customer_id: Uuid,
    seq: u32,
    today: NaiveDate,
) {
    let uk = dealer.country == "GB";
    // Spread over the last two years, a few weeks into the future for bookings.
    let offset = rng.below(760) as i64 - 30;
    let start = today - Duration::days(offset);
    let status = if offset < 0 {
        if rng.chance(50) { "quote" } else { "reservation" }
    } else if offset < 60 {
        if rng.chance(80) { "open" } else { "closed" }
    } else if offset < 200 {
        if rng.chance(25) { "open" } else { "closed" }
    } else if rng.chance(3) {
        "quote"
    } else {
        "closed"
    };
    let close = (status == "closed").then(|| {
        let length = 3 + rng.below(60) as i64;
        (start + Duration::days(length)).min(today)
    });
    let id = rng.uuid_v7(at_noon(start));
    let site = rng.pick(if uk { UK_SITES } else { US_SITES }).to_string();

    let mut amount = 0_i64;
    let mut line_no = 0;
    for _ in 0..(1 + rng.below(6)) {
        line_no += 1;
        let (code, description, daily, weekly, monthly) = *rng.pick(EQUIPMENT);
        let quantity = if rng.chance(85) { 1 } else { 2 };
        let expected_return = start + Duration::days(7 * (1 + rng.below(8)) as i64);
        let (line_status, returned_on) = match status {
            "quote" | "reservation" => ("reserved", None),
            "closed" => ("returned", close),
            _ if rng.chance(15) => {
                ("returned", Some((start + Duration::days(1 + rng.below(20) as i64)).min(today)))
            }
            _ if rng.chance(8) => ("called_off", None),
            _ => ("out", None),
        };
        let end = returned_on.unwrap_or(if status == "quote" || status == "reservation" {
            expected_return
        } else {
            today
        });
        let line_amount =
            rental_charge((end - start).num_days(), daily, weekly, monthly) * i64::from(quantity);
        amount += line_amount;
        data.lines.push(LineSeed {
            id: rng.uuid_v7(at_noon(start)),
            contract_id: id,
            line_no,
            kind: "rental",
            item_code: Some(code.to_string()),
            description: description.to_string(),
            serial_number: Some(format!("{code}-{:05}", rng.below(100_000))),
            quantity,
            status: Some(line_status),
            daily_rate_minor: Some(daily),
            weekly_rate_minor: Some(weekly),
            monthly_rate_minor: Some(monthly),
            start_date: Some(start),
            expected_return: Some(expected_return),
            returned_on,
            amount_minor: line_amount,
        });
    }
    if rng.chance(30) {
        line_no += 1;
        let (code, description, price) = *rng.pick(SALES);
        let quantity = 1 + rng.below(10) as i32;
        let total = price * i64::from(quantity);
        amount += total;
        let line_id = rng.uuid_v7(at_noon(start));
        data.lines.push(LineSeed::charge(
            line_id,
            id,
            line_no,
            "sale",
            Some(code),
            description,
            quantity,
            start,
            total,
        ));
    }
    for (description, fee) in FEES.iter().take(1 + rng.below(2)) {
        line_no += 1;
        amount += fee;
        let line_id = rng.uuid_v7(at_noon(start));
        data.lines.push(LineSeed::charge(line_id, id, line_no, "fee", None, description, 1, start, *fee));
    }
    let amount_due = match status {
        "quote" | "reservation" => 0,
        "closed" if rng.chance(85) => 0,
        _ => amount - (amount * rng.below(60) as i64 / 100),
    };
    let prefix = if uk { "T" } else { "S" };
    data.contracts.push(ContractSeed {
        id,
        dealer_id: dealer.id,
        customer_id,
        location_id: *rng.pick(locations),
        external_id: format!("K{prefix}{seq:06}"),
        number: format!("{prefix}-{seq:06}"),
        status,
        job_number: rng.chance(70).then(|| format!("JOB-{}", 100 + rng.below(900))),
        po_number: rng.chance(60).then(|| format!("PO-{}", 40_000 + rng.below(60_000))),
        job_site: Some(site),
        ordered_by: Some(rng.pick(PEOPLE).to_string()),
        notes: None,
        start_date: start,
        close_date: close,
        amount_minor: amount,
        amount_due_minor: amount_due,
    });
}

/// Seeds the demo data set unless the database already holds dealers.
/// Returns whether it seeded.
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
    crate::db::seed::insert_demo(db, &data, &hashes).await?;
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
