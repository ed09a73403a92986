//! Memberships: which customer accounts a user may act for, and with which permissions.

use shared::accounts::{AccountSummary, Job, Location, MembershipRole, Permissions};
use shared::money::Currency;
use shared::overview::AccountContact;
use uuid::Uuid;

use super::branding::DealerRow;
use super::decode::enum_text;
use super::{Db, db_run};
use crate::ids::{CustomerId, DealerId, UserId};

#[derive(sqlx::FromRow)]
struct AccountRow {
    customer_id: Uuid,
    external_id: String,
    account_number: String,
    customer_name: String,
    role: String,
    can_view: bool,
    can_pay: bool,
    can_call_off: bool,
    can_order: bool,
    #[sqlx(flatten)]
    dealer: DealerRow,
}

impl AccountRow {
    fn permissions(&self) -> Permissions {
        Permissions {
            view: self.can_view,
            pay: self.can_pay,
            call_off: self.can_call_off,
            order: self.can_order,
        }
    }

    fn into_summary(self) -> Result<AccountSummary, sqlx::Error> {
        Ok(AccountSummary {
            permissions: self.permissions(),
            id: self.customer_id,
            external_id: self.external_id,
            account_number: self.account_number,
            name: self.customer_name,
            role: enum_text(&self.role, "memberships.role")?,
            dealer: self.dealer.into_branding()?,
        })
    }
}

/// The accounts a user holds memberships in, across dealers, that the portal serves (and
/// that no admin has closed to them).
/// Ordered by dealer then customer name, as the account picker shows them.
pub async fn for_user(db: &Db, user_id: UserId) -> Result<Vec<AccountSummary>, sqlx::Error> {
    let rows: Vec<AccountRow> = db_run!(db, pool => {
        sqlx::query_as(
            "SELECT c.id AS customer_id, c.external_id, c.account_number, c.name AS customer_name, m.role, \
             m.can_view, m.can_pay, m.can_call_off, m.can_order, \
             d.id AS dealer_id, d.slug, d.name AS dealer_name, d.currency, d.locale, d.time_zone, \
             d.billing_stops_on, \
             d.terminology, d.primary_color, d.accent_color, d.logo_url, d.support_phone, \
             d.support_email, d.welcome_message, d.hidden_home_tiles, d.guest_payment_enabled, d.languages \
             FROM memberships m \
             JOIN customers c ON c.id = m.customer_id \
             JOIN dealers d ON d.id = c.dealer_id \
             WHERE m.user_id = $1 AND c.portal_enabled = TRUE AND m.can_view = TRUE \
             AND m.deactivated_at IS NULL AND c.portal_deactivated_at IS NULL \
             ORDER BY d.name, c.name, c.id",
        )
        .bind(user_id)
        .fetch_all(pool)
        .await?
    });
    rows.into_iter().map(AccountRow::into_summary).collect()
}

/// What a user may do on one account, resolved from their membership.
#[derive(Debug, Clone, Copy)]
pub struct AccountGrant {
    pub customer_id: CustomerId,
    pub dealer_id: DealerId,
    pub currency: Currency,
    /// The dealer's time zone: its "today".
    pub time_zone: chrono_tz::Tz,
    pub role: MembershipRole,
    pub permissions: Permissions,
}

#[derive(sqlx::FromRow)]
struct GrantRow {
    customer_id: CustomerId,
    dealer_id: DealerId,
    currency: String,
    time_zone: String,
    role: String,
    can_view: bool,
    can_pay: bool,
    can_call_off: bool,
    can_order: bool,
}

/// The user's grant on `customer_id`, or `None` when they hold no membership there (or the
/// account is closed to the portal, by the back office or by an admin, to everyone or to
/// this user): callers answer 404 so foreign ids reveal nothing.
pub async fn grant(
    db: &Db,
    user_id: UserId,
    customer_id: CustomerId,
) -> Result<Option<AccountGrant>, sqlx::Error> {
    let row: Option<GrantRow> = db_run!(db, pool => {
        sqlx::query_as(
            "SELECT c.id AS customer_id, c.dealer_id, d.currency, d.time_zone, m.role, m.can_view, m.can_pay, \
             m.can_call_off, m.can_order \
             FROM memberships m \
             JOIN customers c ON c.id = m.customer_id \
             JOIN dealers d ON d.id = c.dealer_id \
             JOIN users u ON u.id = m.user_id \
             WHERE m.user_id = $1 AND m.customer_id = $2 AND c.portal_enabled = TRUE \
             AND u.is_active = TRUE AND m.deactivated_at IS NULL AND c.portal_deactivated_at IS NULL",
        )
        .bind(user_id)
        .bind(customer_id)
        .fetch_optional(pool)
        .await?
    });
    row.map(|r| {
        Ok(AccountGrant {
            customer_id: r.customer_id,
            dealer_id: r.dealer_id,
            currency: enum_text(&r.currency, "dealers.currency")?,
            time_zone: super::decode::time_zone(&r.time_zone, "dealers.time_zone")?,
            role: enum_text(&r.role, "memberships.role")?,
            permissions: Permissions {
                view: r.can_view,
                pay: r.can_pay,
                call_off: r.can_call_off,
                order: r.can_order,
            },
        })
    })
    .transpose()
}

#[derive(sqlx::FromRow)]
struct LocationRow {
    id: Uuid,
    external_id: String,
    code: String,
    name: String,
    phone: Option<String>,
    email: Option<String>,
}

impl From<LocationRow> for Location {
    fn from(r: LocationRow) -> Self {
        Location {
            id: r.id,
            external_id: r.external_id,
            code: r.code,
            name: r.name,
            phone: r.phone,
            email: r.email,
        }
    }
}

/// The dealer's locations this customer has done business with, and its home store, for
/// filters and contact details.
pub async fn locations(
    db: &Db,
    dealer_id: DealerId,
    customer_id: CustomerId,
) -> Result<Vec<Location>, sqlx::Error> {
    let rows: Vec<LocationRow> = db_run!(db, pool => {
        sqlx::query_as(
            "SELECT l.id, l.external_id, l.code, l.name, l.phone, l.email FROM locations l \
             WHERE l.dealer_id = $1 AND (EXISTS \
             (SELECT 1 FROM contracts c WHERE c.customer_id = $2 AND c.location_id = l.id) \
             OR l.id = (SELECT cu.home_location_id FROM customers cu WHERE cu.id = $2)) \
             ORDER BY l.name",
        )
        .bind(dealer_id)
        .bind(customer_id)
        .fetch_all(pool)
        .await?
    });
    Ok(rows.into_iter().map(Location::from).collect())
}

/// Every location of a dealer, for its staff (inbox filters, feedback routing).
pub async fn dealer_locations(db: &Db, dealer_id: DealerId) -> Result<Vec<Location>, sqlx::Error> {
    let rows: Vec<LocationRow> = db_run!(db, pool => {
        sqlx::query_as(
            "SELECT id, external_id, code, name, phone, email FROM locations WHERE dealer_id = $1 ORDER BY name",
        )
            .bind(dealer_id)
            .fetch_all(pool)
            .await?
    });
    Ok(rows.into_iter().map(Location::from).collect())
}

#[derive(sqlx::FromRow)]
struct JobRow {
    id: Uuid,
    external_id: String,
    number: Option<String>,
    name: String,
    address: Option<String>,
    active: bool,
}

/// The customer's jobs (sites), active ones first, then by name.
pub async fn jobs(db: &Db, customer_id: CustomerId) -> Result<Vec<Job>, sqlx::Error> {
    let rows: Vec<JobRow> = db_run!(db, pool => {
        sqlx::query_as(
            "SELECT id, external_id, number, name, address, active FROM jobs WHERE customer_id = $1 \
             ORDER BY active DESC, name, id",
        )
        .bind(customer_id)
        .fetch_all(pool)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|r| Job {
            id: r.id,
            external_id: r.external_id,
            number: r.number,
            name: r.name,
            address: r.address,
            active: r.active,
        })
        .collect())
}

/// The account's contact block and the back office's credit limit (in minor units).
pub async fn contact(
    db: &Db,
    customer_id: CustomerId,
) -> Result<Option<(AccountContact, Option<i64>)>, sqlx::Error> {
    let row: Option<ContactRow> = db_run!(db, pool => {
        sqlx::query_as(
            "SELECT name, account_number, address, phone, email, credit_limit_minor FROM customers \
             WHERE id = $1",
        )
        .bind(customer_id)
        .fetch_optional(pool)
        .await?
    });
    Ok(row.map(|r| {
        let contact = AccountContact {
            name: r.name,
            account_number: r.account_number,
            address: r.address.filter(|a| !a.trim().is_empty()),
            phone: r.phone.filter(|p| !p.trim().is_empty()),
            email: r.email.filter(|e| !e.trim().is_empty()),
        };
        (contact, r.credit_limit_minor)
    }))
}

#[derive(sqlx::FromRow)]
struct ContactRow {
    name: String,
    account_number: String,
    address: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    credit_limit_minor: Option<i64>,
}
