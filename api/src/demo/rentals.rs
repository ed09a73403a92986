//! The demo's rentals: contracts with their lines in every status, priced from the
//! equipment list, and where the items on rent are.

use chrono::{Duration, NaiveDate};
use uuid::Uuid;

use super::parties::{PEOPLE, UK_SITES, US_SITES};
use super::*;

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
pub(super) fn generate_positions(data: &mut DemoData, demo_accounts: &[Uuid]) {
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

pub(super) fn generate_contract(
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
