//! Customer requests (call-off, service, extension, book again), their lines and status
//! history: created and moved on in one transaction each, together with the line status
//! changes, emails (outbox), staff notification and audit record they cause.

use chrono::{DateTime, NaiveDate, Utc};
use shared::contracts::{LineKind, LocationRef};
use shared::events::{Event, EventContract, EventCustomer, RequestEventV1};
use shared::requests::{
    ActorKind, CustomerRef, RequestContact, RequestDetail, RequestEvent, RequestKind, RequestLine,
    RequestStatus, RequestSummary, ServiceKind,
};
use sqlx::{Database, Encode, QueryBuilder, Type};
use uuid::Uuid;

use super::audit::{AuditEvent, record_audit};
use super::decode::{enum_text, enum_text_opt};
use super::notifications::{NewNotification, insert_notification};
use super::outbox::{NewEmail, enqueue_email};
use super::{BeginWrite, Db, db_run};
use crate::domain::requests::LineFacts;
use crate::ids::{CustomerId, DealerId, UserId};

mod read;
mod write;

pub use read::*;
pub use write::*;

/// Whose requests a query may see: one customer's, one dealer's, or those one member of a
/// dealer's staff works (their stores' and those of no store; every store when they have
/// none, see [`super::staff::push_store_scope`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Customer(CustomerId),
    Dealer(DealerId),
    Store { dealer_id: DealerId, staff_id: UserId },
}

impl Scope {
    fn push<DB>(self, qb: &mut QueryBuilder<DB>)
    where
        DB: Database,
        for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    {
        match self {
            Scope::Customer(id) => qb.push(" r.customer_id = ").push_bind(id.get()),
            Scope::Dealer(id) => qb.push(" r.dealer_id = ").push_bind(id.get()),
            Scope::Store { dealer_id, staff_id } => {
                qb.push(" r.dealer_id = ").push_bind(dealer_id.get());
                super::staff::push_store_scope(qb, "r.location_id", staff_id);
                qb
            }
        };
    }
}

#[derive(sqlx::FromRow)]
struct LineFactsRow {
    id: Uuid,
    external_id: String,
    contract_id: Uuid,
    contract_external_id: String,
    contract_number: String,
    location_id: Uuid,
    description: String,
    item_code: Option<String>,
    serial_number: Option<String>,
    quantity: i32,
    kind: String,
    status: Option<String>,
    start_date: Option<NaiveDate>,
    expected_return: Option<NaiveDate>,
}

impl LineFactsRow {
    fn into_facts(self) -> Result<LineFacts, sqlx::Error> {
        Ok(LineFacts {
            id: self.id,
            external_id: self.external_id,
            contract_id: self.contract_id,
            contract_external_id: self.contract_external_id,
            contract_number: self.contract_number,
            location_id: self.location_id,
            description: self.description,
            item_code: self.item_code,
            serial_number: self.serial_number,
            quantity: self.quantity,
            is_rental: enum_text::<LineKind>(&self.kind, "contract_lines.kind")? == LineKind::Rental,
            status: enum_text_opt(self.status.as_deref(), "contract_lines.status")?,
            start_date: self.start_date,
            expected_return: self.expected_return,
        })
    }
}

const LINE_FACTS: &str = "SELECT cl.id, cl.external_id, cl.contract_id, \
     c.external_id AS contract_external_id, c.number AS contract_number, c.location_id, \
     cl.description, cl.item_code, cl.serial_number, cl.quantity, cl.kind, cl.status, cl.start_date, cl.expected_return \
     FROM contract_lines cl JOIN contracts c ON c.id = cl.contract_id WHERE c.customer_id = ";

/// The lines among `line_ids` that belong to `customer_id`'s contracts, in contract and
/// line order. Foreign and unknown ids are simply missing.
pub async fn lines_of_customer(
    db: &Db,
    customer_id: CustomerId,
    line_ids: &[Uuid],
) -> Result<Vec<LineFacts>, sqlx::Error> {
    if line_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<LineFactsRow> = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(LINE_FACTS);
        qb.push_bind(customer_id).push(" AND cl.id IN (");
        let mut list = qb.separated(", ");
        for id in line_ids {
            list.push_bind(*id);
        }
        qb.push(") ORDER BY c.number, cl.line_no");
        qb.build_query_as().fetch_all(pool).await?
    });
    rows.into_iter().map(LineFactsRow::into_facts).collect()
}

/// The rental lines of one of `customer_id`'s contracts, or `None` when the contract is not
/// theirs (book again).
pub async fn rental_lines_of_contract(
    db: &Db,
    customer_id: CustomerId,
    contract_id: Uuid,
) -> Result<Option<Vec<LineFacts>>, sqlx::Error> {
    let (exists, rows): (bool, Vec<LineFactsRow>) = db_run!(db, pool => {
        let exists: Option<Uuid> = sqlx::query_scalar("SELECT id FROM contracts WHERE id = $1 AND customer_id = $2")
            .bind(contract_id)
            .bind(customer_id)
            .fetch_optional(pool)
            .await?;
        let mut qb = QueryBuilder::new(LINE_FACTS);
        qb.push_bind(customer_id)
            .push(" AND cl.contract_id = ")
            .push_bind(contract_id)
            .push(" AND cl.kind = 'rental' ORDER BY cl.line_no");
        (exists.is_some(), qb.build_query_as().fetch_all(pool).await?)
    });
    exists.then(|| rows.into_iter().map(LineFactsRow::into_facts).collect()).transpose()
}

/// The customer facts a request's emails and routing need.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CustomerFacts {
    pub id: Uuid,
    pub account_number: String,
    pub name: String,
    pub home_location_id: Option<Uuid>,
}

pub async fn customer_facts(db: &Db, customer_id: CustomerId) -> Result<Option<CustomerFacts>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as("SELECT id, account_number, name, home_location_id FROM customers WHERE id = $1")
            .bind(customer_id)
            .fetch_optional(pool)
            .await
    })
}

/// A store (location) of a dealer: its name and the email requests go to (the address the
/// dealer admin set for requests, else the store's own from the back office).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Store {
    pub id: Uuid,
    pub external_id: String,
    pub name: String,
    pub email: Option<String>,
}

/// The location `location_id` if it belongs to `dealer_id`.
pub async fn store(db: &Db, dealer_id: DealerId, location_id: Uuid) -> Result<Option<Store>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as("SELECT id, external_id, name, COALESCE(request_email, email) AS email FROM locations \
             WHERE id = $1 AND dealer_id = $2")
            .bind(location_id)
            .bind(dealer_id)
            .fetch_optional(pool)
            .await
    })
}
