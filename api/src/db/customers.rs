//! Customers as the ways in see them: eligibility facts, lookup by phone, and the store
//! a customer should call.

use sqlx::{ColumnIndex, Decode, FromRow, Row, Type};
use uuid::Uuid;

use super::decode::enum_text;
use super::{BeginWrite, Db, db_run};
use crate::domain::eligibility::{CustomerKind, EligibilityFacts};
use crate::ids::{CustomerId, DealerId};

/// A customer that a registration names, with the facts the eligibility rules need.
#[derive(Debug, Clone)]
pub struct CustomerRecord {
    pub id: CustomerId,
    pub dealer_id: DealerId,
    pub name: String,
    pub kind: CustomerKind,
    pub portal_enabled: bool,
    pub phone_normalized: Option<String>,
    pub email: Option<String>,
    pub postal_code: Option<String>,
    pub phone_holders: i64,
    pub contracts: i64,
    /// The store to contact: the home location, else the dealer.
    pub store_name: String,
    pub store_phone: Option<String>,
    pub store_email: Option<String>,
}

/// Read by hand rather than derived, so the kind is decoded on the way in: a word that
/// names no kind fails the query instead of reaching the eligibility rules.
impl<'r, R: Row> FromRow<'r, R> for CustomerRecord
where
    &'r str: ColumnIndex<R>,
    Uuid: Decode<'r, R::Database> + Type<R::Database>,
    String: Decode<'r, R::Database> + Type<R::Database>,
    bool: Decode<'r, R::Database> + Type<R::Database>,
    i64: Decode<'r, R::Database> + Type<R::Database>,
{
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        Ok(CustomerRecord {
            id: CustomerId::new(row.try_get("id")?),
            dealer_id: DealerId::new(row.try_get("dealer_id")?),
            name: row.try_get("name")?,
            kind: enum_text(&row.try_get::<String, _>("kind")?, "customers.kind")?,
            portal_enabled: row.try_get("portal_enabled")?,
            phone_normalized: row.try_get("phone_normalized")?,
            email: row.try_get("email")?,
            postal_code: row.try_get("postal_code")?,
            phone_holders: row.try_get("phone_holders")?,
            contracts: row.try_get("contracts")?,
            store_name: row.try_get("store_name")?,
            store_phone: row.try_get("store_phone")?,
            store_email: row.try_get("store_email")?,
        })
    }
}

impl CustomerRecord {
    pub fn facts(&self) -> EligibilityFacts {
        EligibilityFacts {
            portal_enabled: self.portal_enabled,
            kind: self.kind,
            phone_normalized: self.phone_normalized.clone(),
            phone_holders: self.phone_holders,
            email: self.email.clone(),
            postal_code: self.postal_code.clone(),
            contracts: self.contracts,
        }
    }
}

/// The columns of a [`CustomerRecord`], for `concat!` with a `WHERE`.
macro_rules! record_select {
    () => {
        "SELECT c.id, c.dealer_id, c.name, c.kind, c.portal_enabled, c.phone_normalized, \
         c.email, c.postal_code, \
         (SELECT CAST(COUNT(*) AS BIGINT) FROM customers o \
          WHERE o.dealer_id = c.dealer_id AND o.phone_normalized = c.phone_normalized) AS phone_holders, \
         (SELECT CAST(COUNT(*) AS BIGINT) FROM contracts k WHERE k.customer_id = c.id) AS contracts, \
         COALESCE(l.name, d.name) AS store_name, COALESCE(l.phone, d.support_phone) AS store_phone, \
         COALESCE(l.email, d.support_email) AS store_email \
         FROM customers c JOIN dealers d ON d.id = c.dealer_id \
         LEFT JOIN locations l ON l.id = c.home_location_id "
    };
}

/// Customers (of any dealer) whose primary phone is `phone_normalized`.
pub async fn by_phone(db: &Db, phone_normalized: &str) -> Result<Vec<CustomerRecord>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(concat!(record_select!(), "WHERE c.phone_normalized = $1 ORDER BY d.name, c.id"))
            .bind(phone_normalized)
            .fetch_all(pool)
            .await
    })
}

/// Customers (of any dealer) with this account number; letter case and surrounding spaces
/// do not matter.
pub async fn by_account_number(db: &Db, account_number: &str) -> Result<Vec<CustomerRecord>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(concat!(
            record_select!(),
            "WHERE UPPER(c.account_number) = UPPER($1) ORDER BY d.name, c.id"
        ))
        .bind(account_number.trim())
        .fetch_all(pool)
        .await
    })
}

/// The customers (of any dealer) holding a contract or quote with this number; letter case
/// and surrounding spaces do not matter.
pub async fn by_contract_number(db: &Db, contract_number: &str) -> Result<Vec<CustomerRecord>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(concat!(
            record_select!(),
            "WHERE c.id IN (SELECT k.customer_id FROM contracts k WHERE UPPER(k.number) = UPPER($1)) \
             ORDER BY d.name, c.id"
        ))
        .bind(contract_number.trim())
        .fetch_all(pool)
        .await
    })
}

/// One customer with its eligibility facts. Callers scope it to the principal's dealer.
pub async fn by_id(db: &Db, customer_id: CustomerId) -> Result<Option<CustomerRecord>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(concat!(record_select!(), "WHERE c.id = $1"))
            .bind(customer_id)
            .fetch_optional(pool)
            .await
    })
}

/// A person on the customer record whom an admin may invite (H4).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ContactEmail {
    pub name: String,
    pub email: String,
}

/// The customer's contacts that have an email, primary first.
pub async fn contact_emails(db: &Db, customer_id: CustomerId) -> Result<Vec<ContactEmail>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(
            "SELECT name, email FROM contacts WHERE customer_id = $1 AND email IS NOT NULL \
             AND email <> '' ORDER BY is_primary DESC, name, id",
        )
        .bind(customer_id)
        .fetch_all(pool)
        .await
    })
}

/// Whether any portal login uses this phone or this email already.
pub async fn login_exists(db: &Db, phone_normalized: &str, email: &str) -> Result<bool, sqlx::Error> {
    let count: i64 = db_run!(db, pool => {
        sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM users WHERE phone_normalized = $1 OR email = $2",
        )
        .bind(phone_normalized)
        .bind(email)
        .fetch_one(pool)
        .await?
    });
    Ok(count > 0)
}

/// Creates the login of a customer who registered themselves, as the account's owner with
/// every permission, with its `portal_user.activated` change-feed event, and audits it —
/// one transaction.
pub async fn register_owner(
    db: &Db,
    user: &super::users::NewUser,
    customer_id: CustomerId,
    audit: &super::audit::AuditEvent<'_>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), sqlx::Error> {
    use super::audit::record_audit;
    use super::users::insert_user;
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        insert_user!(&mut *tx, user, now).await?;
        sqlx::query(
            "INSERT INTO memberships (id, user_id, customer_id, role, can_view, can_pay, \
             can_call_off, can_order, created_at) VALUES ($1, $2, $3, 'owner', TRUE, TRUE, TRUE, TRUE, $4)",
        )
        .bind(Uuid::now_v7())
        .bind(user.id)
        .bind(customer_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let change = super::memberships::MemberChange::new(shared::events::PortalUserVia::PhoneRegistration);
        let members = super::memberships::Members::One { customer_id, user_id: user.id };
        super::memberships::record_member_events!(tx, members, shared::events::Event::PortalUserActivated, &change, now)
            .await?;
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await
    })
}
