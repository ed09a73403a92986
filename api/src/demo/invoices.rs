//! The demo's billing: invoices for the open and closed contracts (monthly, net 30; old
//! ones paid, recent ones open, some partly paid, some overdue), one open credit memo per
//! demo account, and how each dealer takes payments (sandbox card, and ACH in the US).

use chrono::{Duration, NaiveDate};
use uuid::Uuid;

use super::{DemoData, Rng, at_noon};

pub struct InvoiceSeed {
    pub id: Uuid,
    pub dealer_id: Uuid,
    pub customer_id: Uuid,
    pub location_id: Option<Uuid>,
    pub contract_id: Option<Uuid>,
    pub external_id: String,
    pub number: String,
    pub kind: &'static str,
    pub status: &'static str,
    pub invoice_date: NaiveDate,
    pub due_date: Option<NaiveDate>,
    pub po_number: Option<String>,
    pub job_number: Option<String>,
    pub subtotal_minor: i64,
    pub tax_minor: i64,
    pub total_minor: i64,
    pub balance_minor: i64,
}

pub struct InvoiceLineSeed {
    pub invoice_id: Uuid,
    pub line_no: i32,
    pub item_code: Option<String>,
    pub description: String,
    pub quantity: i32,
    pub unit_price_minor: i64,
    pub amount_minor: i64,
}

/// One way a dealer takes money (E5): every demo method goes to the sandbox gateway.
pub struct PaymentMethodSeed {
    pub dealer_id: Uuid,
    pub method: &'static str,
    pub gateway: &'static str,
    pub public_key: String,
}

/// Days a customer has to pay an invoice.
const NET_DAYS: i64 = 30;
/// Invoices due longer ago than this were paid, but for a few stragglers.
const PAID_AFTER_DAYS: i64 = 75;

/// Adds the invoices of every open or closed contract, a credit memo per demo account and
/// the dealers' payment methods. A generator of its own keeps the contracts as they were.
pub(super) fn generate(data: &mut DemoData, demo_accounts: &[Uuid], today: NaiveDate) {
    let mut rng = Rng::new(0x1F0C_2026);
    for dealer in &data.dealers {
        let methods: &[&'static str] = if dealer.country == "US" { &["card", "ach"] } else { &["card"] };
        for method in methods {
            data.payment_methods.push(PaymentMethodSeed {
                dealer_id: dealer.id,
                method,
                gateway: "sandbox",
                public_key: format!("pk_sandbox_{}_{method}", dealer.slug),
            });
        }
    }
    let mut invoices = Vec::new();
    let mut lines = Vec::new();
    let mut seq = [0_u32; 2];
    for contract in data.contracts.iter().filter(|c| matches!(c.status, "open" | "closed")) {
        let Some(d) = data.dealers.iter().position(|d| d.id == contract.dealer_id) else { continue };
        let uk = data.dealers[d].country == "GB";
        let end = contract.close_date.unwrap_or(today);
        // Billed every four weeks from the start: at most three invoices per contract.
        let cycles = (((end - contract.start_date).num_days() / 28) + 1).clamp(1, 3);
        let contract_lines: Vec<_> = data.lines.iter().filter(|l| l.contract_id == contract.id).collect();
        let (prefix, tax_percent) = if uk { ("T", 20) } else { ("S", 8) };
        for k in 0..cycles {
            let invoice_date = (contract.start_date + Duration::days(28 * k + 1)).min(today);
            seq[d] += 1;
            let subtotal = share(contract.amount_minor, cycles, k);
            let tax = subtotal * tax_percent / 100;
            let total = subtotal + tax;
            // Net 30, except the odd invoice due on receipt.
            let terms = if rng.chance(5) { 0 } else { NET_DAYS };
            let due_date = Some(invoice_date + Duration::days(terms));
            let days_past_due = due_date.map_or(0, |due| (today - due).num_days());
            let (status, balance) = if rng.chance(3) {
                ("void", 0)
            } else if days_past_due > PAID_AFTER_DAYS && !rng.chance(6) {
                ("paid", 0)
            } else if rng.chance(25) {
                // Partly paid: some of it has come in.
                ("open", total - total * (20 + rng.below(60) as i64) / 100)
            } else {
                ("open", total)
            };
            let id = rng.uuid_v7(at_noon(invoice_date));
            let billed: Vec<_> = contract_lines.iter().take(3).collect();
            let count = i64::try_from(billed.len()).unwrap_or(1).max(1);
            for (n, line) in billed.iter().enumerate() {
                let amount = share(subtotal, count, i64::try_from(n).unwrap_or(0));
                lines.push(InvoiceLineSeed {
                    invoice_id: id,
                    line_no: i32::try_from(n + 1).unwrap_or(i32::MAX),
                    item_code: line.item_code.clone(),
                    description: line.description.clone(),
                    quantity: 1,
                    unit_price_minor: amount,
                    amount_minor: amount,
                });
            }
            invoices.push(InvoiceSeed {
                id,
                dealer_id: contract.dealer_id,
                customer_id: contract.customer_id,
                location_id: Some(contract.location_id),
                contract_id: Some(contract.id),
                external_id: format!("INV-{prefix}{:06}", seq[d]),
                number: format!("{prefix}I-{:06}", 100_000 + seq[d]),
                kind: "invoice",
                status,
                invoice_date,
                due_date,
                po_number: contract.po_number.clone(),
                job_number: contract.job_number.clone(),
                subtotal_minor: subtotal,
                tax_minor: tax,
                total_minor: total,
                balance_minor: balance,
            });
        }
    }
    // A credit for returned-early equipment on each demo account, not yet used up.
    for (n, customer_id) in demo_accounts.iter().enumerate() {
        let Some(customer) = data.customers.iter().find(|c| c.id == *customer_id) else { continue };
        let uk = data.dealers.iter().any(|d| d.id == customer.dealer_id && d.country == "GB");
        let (prefix, tax_percent) = if uk { ("T", 20) } else { ("S", 8) };
        let subtotal = -(5_000 + 2_500 * i64::try_from(n).unwrap_or(0));
        let tax = subtotal * tax_percent / 100;
        let invoice_date = today - Duration::days(12);
        let id = rng.uuid_v7(at_noon(invoice_date));
        lines.push(InvoiceLineSeed {
            invoice_id: id,
            line_no: 1,
            item_code: None,
            description: "Credit: equipment returned early".into(),
            quantity: 1,
            unit_price_minor: subtotal,
            amount_minor: subtotal,
        });
        invoices.push(InvoiceSeed {
            id,
            dealer_id: customer.dealer_id,
            customer_id: customer.id,
            location_id: Some(customer.home_location_id),
            contract_id: None,
            external_id: format!("CM-{prefix}{:04}", n + 1),
            number: format!("{prefix}C-{:05}", 500 + n),
            kind: "credit_memo",
            status: "open",
            invoice_date,
            due_date: None,
            po_number: None,
            job_number: None,
            subtotal_minor: subtotal,
            tax_minor: tax,
            total_minor: subtotal + tax,
            balance_minor: subtotal + tax,
        });
    }
    data.invoices = invoices;
    data.invoice_lines = lines;
}

/// Part `k` of `amount` split in `parts`: equal shares, the last one taking the remainder.
fn share(amount: i64, parts: i64, k: i64) -> i64 {
    let each = amount / parts.max(1);
    if k == parts - 1 { amount - each * (parts - 1) } else { each }
}

#[cfg(test)]
mod tests {
    use super::super::{DEMO_CUSTOMER_EMAIL, DemoSize, generate as generate_demo};
    use super::*;

    #[test]
    fn shares_add_up() {
        assert_eq!((0..3).map(|k| share(1_000, 3, k)).sum::<i64>(), 1_000);
        assert_eq!(share(1_000, 3, 2), 334);
    }

    #[test]
    fn the_demo_customer_has_open_overdue_partly_paid_and_credited_invoices() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let data = generate_demo(DemoSize::small(), today);
        let demo = &data.users.iter().find(|u| u.email == DEMO_CUSTOMER_EMAIL).unwrap().memberships;
        let first = demo[0].0;
        let mine: Vec<&InvoiceSeed> = data.invoices.iter().filter(|i| i.customer_id == first).collect();
        let open: Vec<_> = mine.iter().filter(|i| i.status == "open" && i.kind == "invoice").collect();
        assert!(open.len() >= 4, "{} open", open.len());
        assert!(open.iter().any(|i| i.due_date.is_some_and(|d| d < today)), "one overdue");
        assert!(open.iter().any(|i| i.balance_minor < i.total_minor), "one partly paid");
        assert!(mine.iter().any(|i| i.status == "paid"));
        assert_eq!(mine.iter().filter(|i| i.kind == "credit_memo").count(), 1);
        assert!(data.invoices.iter().all(|i| i.subtotal_minor + i.tax_minor == i.total_minor));
        for invoice in &data.invoices {
            let lines: i64 = data
                .invoice_lines
                .iter()
                .filter(|l| l.invoice_id == invoice.id)
                .map(|l| l.amount_minor)
                .sum();
            assert_eq!(lines, invoice.subtotal_minor, "{}", invoice.number);
        }
        let methods: Vec<_> = data.payment_methods.iter().map(|m| m.method).collect();
        assert_eq!(methods, ["card", "ach", "card"]);
    }
}
