//! The demo's people and companies: the two dealers, their customers with contacts, and
//! the documented demo logins.

use chrono::{DateTime, Utc};
use shared::accounts::{MembershipRole, Permissions};
use shared::auth::UserRole;
use uuid::Uuid;

use super::*;

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
pub(super) const PEOPLE: &[&str] = &[
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
pub(super) const US_SITES: &[&str] = &[
    "1450 Wynkoop St, Denver CO",
    "2200 Pearl St, Boulder CO",
    "88 Pikes Peak Ave, Colorado Springs CO",
    "5001 Brighton Blvd, Denver CO",
    "730 Main St, Longmont CO",
    "19 Union Blvd, Lakewood CO",
];
pub(super) const UK_SITES: &[&str] = &[
    "Battersea Power Station, London SW11",
    "Kings Meadow Rd, Reading RG1",
    "Osney Mead, Oxford OX2",
    "Nine Elms Ln, London SW8",
    "Station Hill, Reading RG1",
    "Westgate, Oxford OX1",
];

/// The two demo dealers: Summit (US, rentals) and Thames (UK, hires).
pub(super) fn dealer_seeds(rng: &mut Rng, epoch: DateTime<Utc>) -> [DealerSeed; 2] {
    [
        DealerSeed {
            id: rng.uuid_v7(epoch),
            slug: "summit",
            name: "Summit Equipment Rentals",
            country: "US",
            currency: "USD",
            locale: "en-US",
            terminology: "rentals",
            time_zone: "America/Denver",
            primary_color: "#0b5cab",
            accent_color: "#f28c28",
            logo_url: "/brands/summit.svg",
            support_phone: "(303) 555-0100",
            support_email: "rentals@summit.example",
            welcome_message: "Everything you have on rent with Summit, in one place.",
            languages: "en,es,fr-CA",
        },
        DealerSeed {
            id: rng.uuid_v7(epoch),
            slug: "thames",
            name: "Thames Plant Hire",
            country: "GB",
            currency: "GBP",
            locale: "en-GB",
            terminology: "hires",
            time_zone: "Europe/London",
            primary_color: "#1f5f3f",
            accent_color: "#f2c94c",
            logo_url: "/brands/thames.svg",
            support_phone: "020 7946 0100",
            support_email: "hire@thames.example",
            welcome_message: "Your hires, invoices and documents from Thames Plant Hire.",
            languages: "en",
        },
    ]
}

/// Customer number `c` of `dealer` (a demo account when `demo_name` is set) with one or
/// two contacts; answers its id.
pub(super) fn generate_customer(
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

/// The demo customer (owner of the demo accounts), the dealer admin, the staff member and
/// the platform operator.
pub(super) fn demo_users(
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
        UserSeed {
            id: rng.uuid_v7(epoch),
            email: DEMO_OPERATOR_EMAIL,
            phone: None,
            display_name: "Parker Platform",
            password: DEMO_OPERATOR_PASSWORD,
            role: UserRole::PlatformAdmin,
            dealer_id: None,
            memberships: Vec::new(),
        },
    ]
}
