//! Loads the demo data set the way a dealer goes live: each dealer created as the
//! `create-dealer` command creates one, then every record a customer sees (stores,
//! customers with contacts, contracts with lines, invoices, asset positions) sent through
//! the same upsert services the back office's API calls reach, in batches within their
//! limits. A demo record the rules would refuse fails the seed, so the demo proves the path.
//!
//! What is not a back-office record is written directly: the demo logins with their
//! memberships and passwords (a real dealer invites its people), and the dealers' payment
//! methods and brand colours (the platform operator's settings).

use std::collections::HashMap;

use anyhow::Context;
use shared::contract_upserts::{ContractLineUpsert, ContractUpsert, MAX_CONTRACTS};
use shared::invoices::{InvoiceLineUpsert, InvoiceUpsert};
use shared::platform::NewDealer;
use shared::records::{ContactUpsert, CustomerUpsert, LocationUpsert, MAX_CUSTOMERS, MAX_LOCATIONS};
use shared::text_enum::TextEnum;
use shared::tracking::{Position, PositionReport};
use uuid::Uuid;

use super::{DealerSeed, DemoData, PaymentMethodSeed, UserSeed};
use crate::auth::ClientInfo;
use crate::db::Db;
use crate::error::ApiError;
use crate::ids::DealerId;
use crate::services::back_office::BackOffice;
use crate::services::platform::{self, Operator};
use crate::services::{contract_integrations, integrations, positions, record_integrations};

/// Contracts per batch: a back office's typical batch, well within [`MAX_CONTRACTS`].
const CONTRACT_BATCH: usize = 250;
const INVOICE_BATCH: usize = 250;
const POSITION_BATCH: usize = 500;

/// Writes the whole data set; `password_hashes` pairs each demo user with its hash.
pub async fn load(db: &Db, data: &DemoData, password_hashes: &[(Uuid, String)]) -> anyhow::Result<()> {
    let mut dealer_ids = HashMap::new();
    let mut customer_ids = HashMap::new();
    for dealer in &data.dealers {
        let id = create_dealer(db, dealer).await?;
        dealer_ids.insert(dealer.id, id);
        let writer = BackOffice::demo_seed(id);
        load_records(db, &writer, data, dealer.id).await?;
        let known = crate::db::seed::customer_ids(db, id).await?;
        for customer in data.customers.iter().filter(|c| c.dealer_id == dealer.id) {
            let stored = known.get(&customer.external_id).copied();
            let stored =
                stored.with_context(|| format!("demo customer {} was not stored", customer.external_id))?;
            customer_ids.insert(customer.id, stored);
        }
    }
    let users = data
        .users
        .iter()
        .map(|user| remap_user(user, &dealer_ids, &customer_ids))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let hashes: Vec<(Uuid, String)> = password_hashes.to_vec();
    let methods = data
        .payment_methods
        .iter()
        .map(|m| {
            let dealer_id =
                dealer_ids.get(&m.dealer_id).context("payment method of an unknown demo dealer")?;
            Ok(PaymentMethodSeed { dealer_id: dealer_id.get(), public_key: m.public_key.clone(), ..*m })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    crate::db::seed::insert_people(db, &users, &methods, &hashes, data.created_at).await?;
    Ok(())
}

/// Creates the dealer through the platform operator's service, then gives it the demo's
/// brand colours, logo and welcome message.
async fn create_dealer(db: &Db, dealer: &DealerSeed) -> anyhow::Result<DealerId> {
    let new = NewDealer {
        slug: dealer.slug.into(),
        name: dealer.name.into(),
        country: dealer.country.into(),
        currency: word(dealer.currency, "dealers.currency")?,
        time_zone: dealer.time_zone.into(),
        locale: dealer.locale.into(),
        terminology: Some(word(dealer.terminology, "dealers.terminology")?),
        support_email: Some(dealer.support_email.into()),
        support_phone: Some(dealer.support_phone.into()),
    };
    let created = platform::create_dealer(db, Operator::DemoSeed, &ClientInfo::default(), &new)
        .await
        .map_err(|err| refused("dealer", err))?;
    let id = DealerId::new(created.id);
    crate::db::branding::set_look(
        db,
        id,
        &crate::db::branding::Look {
            primary_color: dealer.primary_color,
            accent_color: dealer.accent_color,
            logo_url: Some(dealer.logo_url),
            welcome_message: Some(dealer.welcome_message),
            languages: &shared::i18n::Language::list_from_text(dealer.languages),
        },
    )
    .await?;
    Ok(id)
}

/// The dealer's customer-visible records, through the back office's upsert services.
async fn load_records(
    db: &Db,
    writer: &BackOffice<'_>,
    data: &DemoData,
    seed_dealer: Uuid,
) -> anyhow::Result<()> {
    let locations: HashMap<Uuid, &str> = data
        .locations
        .iter()
        .filter(|l| l.dealer_id == seed_dealer)
        .map(|l| (l.id, l.external_id.as_str()))
        .collect();
    let location_batch: Vec<LocationUpsert> = data
        .locations
        .iter()
        .filter(|l| l.dealer_id == seed_dealer)
        .map(|l| LocationUpsert {
            external_id: l.external_id.clone(),
            code: l.code.clone(),
            name: l.name.clone(),
            phone: Some(l.phone.clone()),
            email: Some(l.email.clone()),
            address: Some(l.address.clone()),
        })
        .collect();
    for batch in location_batch.chunks(MAX_LOCATIONS) {
        record_integrations::upsert_locations(db, writer, batch)
            .await
            .map_err(|e| refused("locations", e))?;
    }

    let mut customers: HashMap<Uuid, &str> = HashMap::new();
    let mut customer_batch = Vec::new();
    for c in data.customers.iter().filter(|c| c.dealer_id == seed_dealer) {
        customers.insert(c.id, &c.external_id);
        let contacts = data
            .contacts
            .iter()
            .filter(|k| k.customer_id == c.id)
            .map(|k| ContactUpsert {
                external_id: k.external_id.clone(),
                name: k.name.clone(),
                email: Some(k.email.clone()),
                phone: Some(k.phone.clone()),
                is_primary: k.is_primary,
            })
            .collect();
        customer_batch.push(CustomerUpsert {
            external_id: c.external_id.clone(),
            account_number: c.account_number.clone(),
            name: c.name.clone(),
            kind: word(c.kind, "customers.kind")?,
            portal_enabled: c.portal_enabled,
            phone: Some(c.phone.clone()),
            mobile_phone: None,
            email: Some(c.email.clone()),
            billing_address: Some(c.address.clone()),
            shipping_address: None,
            postal_code: Some(c.postal_code.clone()),
            credit_limit_minor: None,
            home_location_external_id: Some(external(&locations, c.home_location_id, "location")?.into()),
            contacts: Some(contacts),
            jobs: None,
        });
    }
    for batch in customer_batch.chunks(MAX_CUSTOMERS) {
        record_integrations::upsert_customers(db, writer, batch)
            .await
            .map_err(|e| refused("customers", e))?;
    }

    let mut lines_of: HashMap<Uuid, Vec<ContractLineUpsert>> = HashMap::new();
    for l in &data.lines {
        lines_of.entry(l.contract_id).or_default().push(ContractLineUpsert {
            external_id: l.line_no.to_string(),
            line_no: l.line_no,
            kind: word(l.kind, "contract_lines.kind")?,
            item_code: l.item_code.clone(),
            description: l.description.clone(),
            serial_number: l.serial_number.clone(),
            category: None,
            quantity: l.quantity,
            status: l.status.map(|s| word(s, "contract_lines.status")).transpose()?,
            daily_rate_minor: l.daily_rate_minor,
            weekly_rate_minor: l.weekly_rate_minor,
            monthly_rate_minor: l.monthly_rate_minor,
            start_date: l.start_date,
            expected_return: l.expected_return,
            returned_on: l.returned_on,
            amount_minor: l.amount_minor,
        });
    }
    let mut contracts: HashMap<Uuid, &str> = HashMap::new();
    let mut contract_batch = Vec::new();
    for c in data.contracts.iter().filter(|c| c.dealer_id == seed_dealer) {
        contracts.insert(c.id, &c.external_id);
        contract_batch.push(ContractUpsert {
            external_id: c.external_id.clone(),
            customer_external_id: external(&customers, c.customer_id, "customer")?.into(),
            location_external_id: external(&locations, c.location_id, "location")?.into(),
            number: c.number.clone(),
            status: word(c.status, "contracts.status")?,
            job_number: c.job_number.clone(),
            po_number: c.po_number.clone(),
            job_site: c.job_site.clone(),
            ordered_by: c.ordered_by.clone(),
            notes: c.notes.clone(),
            start_date: c.start_date,
            close_date: c.close_date,
            amount_minor: c.amount_minor,
            amount_due_minor: c.amount_due_minor,
            lines: lines_of.remove(&c.id).unwrap_or_default(),
        });
    }
    for batch in contract_batch.chunks(CONTRACT_BATCH.min(MAX_CONTRACTS)) {
        contract_integrations::upsert_contracts(db, writer, batch)
            .await
            .map_err(|e| refused("contracts", e))?;
    }

    let mut invoice_lines: HashMap<Uuid, Vec<InvoiceLineUpsert>> = HashMap::new();
    for l in &data.invoice_lines {
        invoice_lines.entry(l.invoice_id).or_default().push(InvoiceLineUpsert {
            item_code: l.item_code.clone(),
            description: l.description.clone(),
            quantity: l.quantity,
            unit_price_minor: l.unit_price_minor,
            amount_minor: l.amount_minor,
        });
    }
    let mut invoice_batch = Vec::new();
    for i in data.invoices.iter().filter(|i| i.dealer_id == seed_dealer) {
        invoice_batch.push(InvoiceUpsert {
            external_id: i.external_id.clone(),
            customer_external_id: external(&customers, i.customer_id, "customer")?.into(),
            number: i.number.clone(),
            kind: word(i.kind, "invoices.kind")?,
            status: word(i.status, "invoices.status")?,
            location_external_id: i
                .location_id
                .map(|id| external(&locations, id, "location"))
                .transpose()?
                .map(Into::into),
            contract_external_id: i
                .contract_id
                .map(|id| external(&contracts, id, "contract"))
                .transpose()?
                .map(Into::into),
            invoice_date: i.invoice_date,
            due_date: i.due_date,
            po_number: i.po_number.clone(),
            job_number: i.job_number.clone(),
            subtotal_minor: i.subtotal_minor,
            tax_minor: i.tax_minor,
            total_minor: i.total_minor,
            balance_minor: i.balance_minor,
            lines: invoice_lines.remove(&i.id).unwrap_or_default(),
        });
    }
    for batch in invoice_batch.chunks(INVOICE_BATCH.min(crate::domain::invoices::MAX_BATCH)) {
        integrations::upsert_invoices(db, writer, batch).await.map_err(|e| refused("invoices", e))?;
    }

    let reports: Vec<PositionReport> = data
        .positions
        .iter()
        .filter(|p| p.dealer_id == seed_dealer)
        .map(|p| PositionReport {
            serial_number: p.serial_number.clone(),
            position: Position {
                latitude: p.latitude,
                longitude: p.longitude,
                recorded_at: p.recorded_at,
                source: p.source.into(),
            },
        })
        .collect();
    for batch in reports.chunks(POSITION_BATCH.min(crate::domain::positions::MAX_BATCH)) {
        positions::report_positions(db, writer, batch).await.map_err(|e| refused("positions", e))?;
    }
    Ok(())
}

/// The demo user with the stored ids of its dealer and of its memberships' customers.
fn remap_user(
    user: &UserSeed,
    dealers: &HashMap<Uuid, DealerId>,
    customers: &HashMap<Uuid, Uuid>,
) -> anyhow::Result<UserSeed> {
    let dealer_id = user
        .dealer_id
        .map(|id| dealers.get(&id).map(|d| d.get()).context("demo user of an unknown dealer"))
        .transpose()?;
    let memberships = user
        .memberships
        .iter()
        .map(|(customer, role, permissions)| {
            let id = customers.get(customer).context("demo membership of an unknown customer")?;
            Ok((*id, *role, *permissions))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(UserSeed { dealer_id, memberships, ..*user })
}

/// The external id of the seed record `id` (the demo links its records by id).
fn external<'a>(ids: &HashMap<Uuid, &'a str>, id: Uuid, what: &str) -> anyhow::Result<&'a str> {
    ids.get(&id).copied().with_context(|| format!("demo data names an unknown {what}"))
}

/// The enum value the demo's `text` names.
fn word<T: TextEnum>(text: &str, column: &str) -> anyhow::Result<T> {
    T::parse(text).with_context(|| format!("demo data: {column} `{text}` names no value"))
}

/// A batch the service refused: the demo data breaks a rule, so the seed stops and says which.
fn refused(what: &str, err: ApiError) -> anyhow::Error {
    match err {
        ApiError::Validation(errors) => {
            let fields: Vec<String> =
                errors.iter().take(10).map(|e| format!("{}: {}", e.field, e.message)).collect();
            anyhow::anyhow!("the demo {what} were refused: {}", fields.join("; "))
        }
        other => anyhow::anyhow!("the demo {what} could not be stored: {other}"),
    }
}
