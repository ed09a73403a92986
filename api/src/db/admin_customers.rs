//! The dealer admin's customers (H2-H5): the list over `admin_customer_rows` (one row per
//! customer and location, kept by the triggers of migration 0015), a customer's detail, and
//! closing and reopening portal access — to a whole customer or to one of its users — with
//! the sessions it ends and its audit record in one transaction.

use chrono::{DateTime, Utc};
use shared::accounts::{MembershipRole, Permissions};
use shared::admin_customers::{
    CustomerListRow, CustomerLocation, CustomerPortalUser, CustomerSort, Eligibility, PortalStatus,
    PortalUserStatus,
};
use shared::paging::SortDir;
use sqlx::{Database, Encode, QueryBuilder, Type};
use uuid::Uuid;

use super::audit::{AuditEvent, record_audit};
use super::decode::enum_text;
use super::memberships::{MemberChange, Members, record_member_events};
use super::sql::{self, contains_pattern, nulls_last, push_page};
use super::{BeginWrite, Db, db_run};
use crate::domain::eligibility::{self, CustomerKind, EligibilityFacts};
use crate::ids::{CustomerId, DealerId, UserId};
use shared::events::{Event, PortalUserVia};

/// The list's filters as the database applies them (the service resolves a location code
/// to its id and splits the search text).
#[derive(Debug, Clone, Default)]
pub struct CustomerQuery {
    /// Lower-cased text the search column must contain.
    pub text: Option<String>,
    /// Digits one of the phones must contain (a phone typed in any format).
    pub digits: Option<String>,
    pub location_id: Option<Uuid>,
    pub eligible: Option<bool>,
    pub portal_status: Option<PortalStatus>,
    pub sort: CustomerSort,
    pub dir: SortDir,
}

impl CustomerQuery {
    /// Whether the list searches text. Such queries are planned for each search term, not
    /// kept prepared: PostgreSQL switches a kept statement to a generic plan after five runs,
    /// and the generic plan of `LIKE $n` cannot tell a rare term from a common one, so it
    /// walks the name index and tests every row of the dealer (60 ms at 50,000 customers for
    /// a number that matches once) where the term's own plan reads the trigram index (6 ms).
    pub fn is_search(&self) -> bool {
        self.text.is_some() || self.digits.is_some()
    }
}

/// How each engine answers "contains": SQLite scans with `instr` (several times faster than
/// `LIKE`, and the column is lower-cased already); PostgreSQL's `LIKE` is served by the
/// trigram indexes.
#[derive(Debug, Clone, Copy)]
enum Contains {
    Instr,
    Like,
}

impl Contains {
    fn of(db: &Db) -> Self {
        match db {
            Db::Sqlite(_) => Contains::Instr,
            Db::Postgres(_) => Contains::Like,
        }
    }

    fn push<DB>(self, qb: &mut QueryBuilder<DB>, column: &str, needle: &str)
    where
        DB: Database,
        for<'q> String: Encode<'q, DB> + Type<DB>,
    {
        match self {
            Contains::Instr => {
                qb.push("instr(").push(column).push(", ").push_bind(needle.to_string()).push(") > 0");
            }
            Contains::Like => {
                qb.push(column).push(" LIKE ").push_bind(contains_pattern(needle)).push(" ESCAPE '\\'");
            }
        }
    }
}

/// Appends `WHERE ...` for the dealer's rows matching `query`.
fn push_filters<DB>(qb: &mut QueryBuilder<DB>, contains: Contains, dealer_id: DealerId, query: &CustomerQuery)
where
    DB: Database,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> bool: Encode<'q, DB> + Type<DB>,
{
    qb.push(" WHERE r.dealer_id = ").push_bind(dealer_id.get());
    if let Some(location_id) = query.location_id {
        qb.push(" AND r.location_id = ").push_bind(location_id);
    }
    if let Some(eligible) = query.eligible {
        qb.push(" AND r.eligible = ").push_bind(eligible);
    }
    if let Some(status) = query.portal_status {
        qb.push(" AND r.portal_status = ").push_bind(status.as_str().to_string());
    }
    match (query.text.as_deref(), query.digits.as_deref()) {
        (None, None) => {}
        (text, digits) => {
            qb.push(" AND (");
            if let Some(text) = text {
                contains.push(qb, "r.search_text", text);
            }
            if let Some(digits) = digits {
                if text.is_some() {
                    qb.push(" OR ");
                }
                contains.push(qb, "r.search_digits", digits);
            }
            qb.push(")");
        }
    }
}

/// `ORDER BY` for the list: the chosen column, then name and customer (each in the chosen
/// direction, so one index serves both), then the location, so pages never overlap. The
/// status and login keys are indexed as these very expressions (migration 0020): change
/// them there too, or those sorts go back to sorting every row of the dealer.
fn order_by(sort: CustomerSort, dir: SortDir) -> String {
    let status_rank = "CASE r.portal_status WHEN 'deactivated' THEN 0 WHEN 'locked' THEN 1 \
                       WHEN 'active' THEN 2 WHEN 'invited' THEN 3 ELSE 4 END";
    let login = nulls_last("r.last_login_at");
    let keys: Vec<&str> = match sort {
        CustomerSort::Name => vec!["r.sort_name", "r.customer_id"],
        CustomerSort::Number => vec!["r.account_number", "r.customer_id"],
        CustomerSort::LastLogin => vec![&login, "r.sort_name", "r.customer_id"],
        CustomerSort::Status => vec![status_rank, "r.sort_name", "r.customer_id"],
    };
    sql::order_by(&keys, dir, "r.location_id")
}

const ROW_COLUMNS: &str = "SELECT r.customer_id, c.external_id, c.account_number, c.name, r.location_id, \
     l.code AS location_code, l.name AS location_name, c.email, c.phone, c.kind, c.portal_enabled, \
     c.phone_normalized, c.postal_code, r.phone_holders, r.contracts, r.portal_status, r.last_login_at \
     FROM admin_customer_rows r JOIN customers c ON c.id = r.customer_id \
     LEFT JOIN locations l ON l.id = r.location_id";

#[derive(sqlx::FromRow)]
struct ListRow {
    customer_id: Uuid,
    external_id: String,
    account_number: String,
    name: String,
    location_id: Option<Uuid>,
    location_code: Option<String>,
    location_name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    kind: String,
    portal_enabled: bool,
    phone_normalized: Option<String>,
    postal_code: Option<String>,
    phone_holders: i64,
    contracts: i64,
    portal_status: String,
    last_login_at: Option<DateTime<Utc>>,
}

/// The eligibility of a customer from its record and counts: the rules of
/// [`eligibility::check`], with the reasons in words.
pub fn eligibility_of(facts: &EligibilityFacts) -> Eligibility {
    Eligibility::from_reasons(eligibility::check(facts))
}

impl ListRow {
    fn into_row(self) -> Result<CustomerListRow, sqlx::Error> {
        let facts = EligibilityFacts {
            portal_enabled: self.portal_enabled,
            kind: enum_text::<CustomerKind>(&self.kind, "customers.kind")?,
            phone_normalized: self.phone_normalized,
            phone_holders: self.phone_holders,
            email: self.email.clone(),
            postal_code: self.postal_code,
            contracts: self.contracts,
        };
        let location = match (self.location_id, self.location_code, self.location_name) {
            (Some(id), Some(code), Some(name)) => Some(CustomerLocation { id, code, name }),
            _ => None,
        };
        Ok(CustomerListRow {
            customer_id: self.customer_id,
            external_id: self.external_id,
            account_number: self.account_number,
            name: self.name,
            location,
            email: self.email,
            phone: self.phone,
            eligibility: eligibility_of(&facts),
            portal_status: enum_text(&self.portal_status, "admin_customer_rows.portal_status")?,
            last_login_at: self.last_login_at,
        })
    }
}

/// One page of the dealer's customer rows matching `query`.
pub async fn list(
    db: &Db,
    dealer_id: DealerId,
    query: &CustomerQuery,
    limit: u32,
    offset: u64,
) -> Result<Vec<CustomerListRow>, sqlx::Error> {
    let contains = Contains::of(db);
    let order = order_by(query.sort, query.dir);
    let planned_per_run = query.is_search();
    let rows: Vec<ListRow> = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(ROW_COLUMNS);
        push_filters(&mut qb, contains, dealer_id, query);
        qb.push(&order);
        push_page(&mut qb, limit, offset);
        qb.build_query_as().persistent(!planned_per_run).fetch_all(pool).await?
    });
    rows.into_iter().map(ListRow::into_row).collect()
}

/// Every one of the dealer's customer rows matching `query`, in list order, as one streamed
/// query (the CSV export).
pub fn stream(db: &Db, dealer_id: DealerId, query: &CustomerQuery) -> super::sql::RowStream<CustomerListRow> {
    let contains = Contains::of(db);
    let order = order_by(query.sort, query.dir);
    let planned_per_run = query.is_search();
    let rows: super::sql::RowStream<ListRow> = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(ROW_COLUMNS);
        push_filters(&mut qb, contains, dealer_id, query);
        qb.push(&order);
        super::sql::stream_rows(pool.clone(), qb, !planned_per_run)
    });
    Box::pin(futures_util::TryStreamExt::and_then(rows, |row| std::future::ready(row.into_row())))
}

/// How many of the dealer's customer rows match `query`: one table, no joins, so the count
/// reads an index range (or, when searching, the search index) and nothing else.
pub async fn count(db: &Db, dealer_id: DealerId, query: &CustomerQuery) -> Result<u64, sqlx::Error> {
    let contains = Contains::of(db);
    let total: i64 = db_run!(db, pool => {
        let mut qb = QueryBuilder::new("SELECT CAST(COUNT(*) AS BIGINT) FROM admin_customer_rows r");
        push_filters(&mut qb, contains, dealer_id, query);
        qb.build_query_scalar().persistent(!query.is_search()).fetch_one(pool).await?
    });
    Ok(u64::try_from(total).unwrap_or(0))
}

/// The id of the dealer's location with this id or code (codes compare without regard to
/// letter case); `None` when the dealer has no such location.
pub async fn location_id(
    db: &Db,
    dealer_id: DealerId,
    id: Option<Uuid>,
    code: Option<&str>,
) -> Result<Option<Uuid>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_scalar(
            "SELECT id FROM locations WHERE dealer_id = $1 AND (id = $2 OR UPPER(code) = UPPER($3)) \
             ORDER BY id LIMIT 1",
        )
        .bind(dealer_id)
        .bind(id)
        .bind(code)
        .fetch_optional(pool)
        .await
    })
}

/// A customer as its detail shows it, with what the list rows know of it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CustomerHead {
    pub id: Uuid,
    pub dealer_id: DealerId,
    pub external_id: String,
    pub account_number: String,
    pub name: String,
    pub kind: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub mobile_phone: Option<String>,
    pub phone_normalized: Option<String>,
    pub postal_code: Option<String>,
    pub address: Option<String>,
    pub portal_enabled: bool,
    pub portal_deactivated_at: Option<DateTime<Utc>>,
    pub home_location_id: Option<Uuid>,
    pub phone_holders: i64,
    pub contracts: i64,
    pub portal_status: String,
}

impl CustomerHead {
    pub fn facts(&self) -> Result<EligibilityFacts, sqlx::Error> {
        Ok(EligibilityFacts {
            portal_enabled: self.portal_enabled,
            kind: enum_text::<CustomerKind>(&self.kind, "customers.kind")?,
            phone_normalized: self.phone_normalized.clone(),
            phone_holders: self.phone_holders,
            email: self.email.clone(),
            postal_code: self.postal_code.clone(),
            contracts: self.contracts,
        })
    }
}

/// The customer `customer_id` of `dealer_id`; `None` for another dealer's (callers answer
/// 404, as for one that does not exist).
pub async fn head(
    db: &Db,
    dealer_id: DealerId,
    customer_id: CustomerId,
) -> Result<Option<CustomerHead>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(
            "SELECT c.id, c.dealer_id, c.external_id, c.account_number, c.name, c.kind, c.email, c.phone, \
             c.mobile_phone, c.phone_normalized, c.postal_code, c.address, c.portal_enabled, \
             c.portal_deactivated_at, c.home_location_id, r.phone_holders, r.contracts, r.portal_status \
             FROM customers c JOIN admin_customer_rows r ON r.customer_id = c.id \
             WHERE c.id = $1 AND c.dealer_id = $2 LIMIT 1",
        )
        .bind(customer_id)
        .bind(dealer_id)
        .fetch_optional(pool)
        .await
    })
}

#[derive(sqlx::FromRow)]
struct PortalUserRow {
    user_id: Uuid,
    display_name: String,
    email: String,
    phone_normalized: Option<String>,
    role: String,
    can_view: bool,
    can_pay: bool,
    can_call_off: bool,
    can_order: bool,
    is_active: bool,
    locked_at: Option<DateTime<Utc>>,
    last_login_at: Option<DateTime<Utc>>,
    joined_at: DateTime<Utc>,
    deactivated_at: Option<DateTime<Utc>>,
    customer_deactivated_at: Option<DateTime<Utc>>,
    email_confirmed_at: Option<DateTime<Utc>>,
}

/// The customer's portal users, owners first, then by name. `last_invited_at` is left for
/// the caller, who has the invitations.
pub async fn users(db: &Db, customer_id: CustomerId) -> Result<Vec<CustomerPortalUser>, sqlx::Error> {
    let rows: Vec<PortalUserRow> = db_run!(db, pool => {
        sqlx::query_as(
            "SELECT u.id AS user_id, u.display_name, u.email, u.phone_normalized, m.role, m.can_view, \
             m.can_pay, m.can_call_off, m.can_order, u.is_active, u.locked_at, u.last_login_at, \
             m.created_at AS joined_at, m.deactivated_at, c.portal_deactivated_at AS customer_deactivated_at, \
             (SELECT MAX(t.at) FROM ( \
                SELECT i.accepted_at AS at FROM invitations i \
                WHERE i.accepted_by = u.id AND LOWER(i.email) = LOWER(u.email) \
                UNION ALL SELECT s.used_at FROM signups s \
                WHERE s.used_by = u.id AND LOWER(s.email) = LOWER(u.email) \
                UNION ALL SELECT e.used_at FROM email_changes e \
                WHERE e.user_id = u.id AND LOWER(e.new_email) = LOWER(u.email)) t) AS email_confirmed_at \
             FROM memberships m JOIN users u ON u.id = m.user_id JOIN customers c ON c.id = m.customer_id \
             WHERE m.customer_id = $1 \
             ORDER BY CASE WHEN m.role = 'owner' THEN 0 ELSE 1 END, u.display_name, u.id",
        )
        .bind(customer_id)
        .fetch_all(pool)
        .await?
    });
    rows.into_iter()
        .map(|r| {
            let status = if r.deactivated_at.is_some() || r.customer_deactivated_at.is_some() || !r.is_active
            {
                PortalUserStatus::Deactivated
            } else if r.locked_at.is_some() {
                PortalUserStatus::Locked
            } else {
                PortalUserStatus::Active
            };
            Ok(CustomerPortalUser {
                user_id: r.user_id,
                display_name: r.display_name,
                login: r.email,
                phone: r.phone_normalized,
                role: enum_text::<MembershipRole>(&r.role, "memberships.role")?,
                permissions: Permissions {
                    view: r.can_view,
                    pay: r.can_pay,
                    call_off: r.can_call_off,
                    order: r.can_order,
                },
                status,
                last_login_at: r.last_login_at,
                last_invited_at: None,
                activated_at: r.joined_at,
                email_confirmed_at: r.email_confirmed_at,
                locked_at: r.locked_at,
                deactivated_at: r.deactivated_at.or(r.customer_deactivated_at),
            })
        })
        .collect()
}

/// `AND` the customer is within `$scope` (a dealer id, or NULL for a platform admin).
const IN_SCOPE: &str = "($3 IS NULL OR dealer_id = $3)";

/// Closes (`deactivate`) or reopens the portal to the whole customer, in one transaction
/// with `audit` and (when it changed) a `portal_user.deactivated` / `…activated` change-feed
/// event per user whose own access is open: on closing, every session of its users ends (their refresh tokens are
/// revoked; their access tokens no longer open the account, which is checked on every
/// request). Closing twice keeps the first time. Nothing else changes: the back office's
/// record and the memberships stay as they are. `false`, with nothing written, when the
/// customer is not within `scope`.
pub async fn set_customer_access(
    db: &Db,
    scope: Option<DealerId>,
    customer_id: CustomerId,
    deactivate: bool,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let sql = if deactivate {
        format!(
            "UPDATE customers SET portal_deactivated_at = COALESCE(portal_deactivated_at, $2) \
             WHERE id = $1 AND {IN_SCOPE}"
        )
    } else {
        format!(
            "UPDATE customers SET portal_deactivated_at = NULL WHERE id = $1 AND $2 IS NOT NULL AND {IN_SCOPE}"
        )
    };
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let closed_before: Option<Option<DateTime<Utc>>> =
            sqlx::query_scalar("SELECT portal_deactivated_at FROM customers WHERE id = $1")
                .bind(customer_id)
                .fetch_optional(&mut *tx)
                .await?;
        let changed = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(customer_id)
            .bind(now)
            .bind(scope)
            .execute(&mut *tx)
            .await?;
        if changed.rows_affected() != 1 {
            return Ok(false);
        }
        if closed_before.flatten().is_some() != deactivate {
            let kind = if deactivate { Event::PortalUserDeactivated } else { Event::PortalUserActivated };
            let change = MemberChange::new(PortalUserVia::CustomerAccess);
            record_member_events!(tx, Members::OfCustomer(customer_id), kind, &change, now).await?;
        }
        if deactivate {
            sqlx::query(
                "UPDATE refresh_sessions SET revoked_at = $2 WHERE revoked_at IS NULL \
                 AND user_id IN (SELECT user_id FROM memberships WHERE customer_id = $1)",
            )
            .bind(customer_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// Closes or reopens one customer account to one of its users, in one transaction with
/// `audit` and (when it changed) the user's `portal_user.deactivated` / `…activated`
/// change-feed event; closing ends every session of the user. `false`, with nothing written, when the
/// user holds no membership at that customer or the customer is not within `scope`.
pub async fn set_member_access(
    db: &Db,
    scope: Option<DealerId>,
    customer_id: CustomerId,
    user_id: UserId,
    deactivate: bool,
    audit: &AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let set = if deactivate { "COALESCE(deactivated_at, $2)" } else { "NULL" };
    let sql = format!(
        "UPDATE memberships SET deactivated_at = {set} \
         WHERE customer_id = $1 AND user_id = $4 AND $2 IS NOT NULL \
         AND customer_id IN (SELECT id FROM customers WHERE id = $1 AND {IN_SCOPE})"
    );
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let closed_before: Option<Option<DateTime<Utc>>> = sqlx::query_scalar(
            "SELECT deactivated_at FROM memberships WHERE customer_id = $1 AND user_id = $2",
        )
        .bind(customer_id)
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?;
        let changed = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(customer_id)
            .bind(now)
            .bind(scope)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        if changed.rows_affected() != 1 {
            return Ok(false);
        }
        if closed_before.flatten().is_some() != deactivate {
            let kind = if deactivate { Event::PortalUserDeactivated } else { Event::PortalUserActivated };
            let change = MemberChange::new(PortalUserVia::Admin);
            record_member_events!(tx, Members::One { customer_id, user_id }, kind, &change, now).await?;
        }
        if deactivate {
            super::sessions::revoke_user_sessions!(&mut *tx, user_id, now).await?;
        }
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// Whether an admin has closed every account of this login: it holds memberships, and
/// each is deactivated or at a customer closed to the portal. Such a login may not sign in
/// or refresh (403 `access_deactivated` after a correct password).
pub async fn access_deactivated(db: &Db, user_id: UserId) -> Result<bool, sqlx::Error> {
    let (memberships, open): (i64, i64) = db_run!(db, pool => {
        sqlx::query_as(
            "SELECT CAST(COUNT(*) AS BIGINT), \
             CAST(COALESCE(SUM(CASE WHEN m.deactivated_at IS NULL AND c.portal_deactivated_at IS NULL \
                  THEN 1 ELSE 0 END), 0) AS BIGINT) \
             FROM memberships m JOIN customers c ON c.id = m.customer_id WHERE m.user_id = $1",
        )
        .bind(user_id)
        .fetch_one(pool)
        .await?
    });
    Ok(memberships > 0 && open == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_order_ends_in_a_total_order() {
        assert_eq!(
            order_by(CustomerSort::Name, SortDir::Asc),
            " ORDER BY r.sort_name ASC, r.customer_id ASC, r.location_id"
        );
        assert_eq!(
            order_by(CustomerSort::LastLogin, SortDir::Desc),
            " ORDER BY CASE WHEN r.last_login_at IS NULL THEN 1 ELSE 0 END, r.last_login_at DESC, \
             r.sort_name DESC, r.customer_id DESC, r.location_id"
        );
    }

    #[test]
    fn search_is_engine_specific_and_bound() {
        let query = CustomerQuery {
            text: Some("acme".into()),
            digits: Some("5550199".into()),
            portal_status: Some(PortalStatus::Invited),
            ..CustomerQuery::default()
        };
        let dealer = DealerId::new(Uuid::nil());
        let mut qb = QueryBuilder::<sqlx::Sqlite>::new("SELECT 1 FROM admin_customer_rows r");
        push_filters(&mut qb, Contains::Instr, dealer, &query);
        assert_eq!(
            qb.sql().as_str(),
            "SELECT 1 FROM admin_customer_rows r WHERE r.dealer_id = ? AND r.portal_status = ? \
             AND (instr(r.search_text, ?) > 0 OR instr(r.search_digits, ?) > 0)"
        );
        let mut qb = QueryBuilder::<sqlx::Postgres>::new("SELECT 1 FROM admin_customer_rows r");
        push_filters(&mut qb, Contains::Like, dealer, &CustomerQuery { digits: None, ..query });
        assert_eq!(
            qb.sql().as_str(),
            "SELECT 1 FROM admin_customer_rows r WHERE r.dealer_id = $1 AND r.portal_status = $2 \
             AND (r.search_text LIKE $3 ESCAPE '\\')"
        );
    }
}
