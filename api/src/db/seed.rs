//! Bulk writes of the demo data set, in one transaction.

use chrono::{DateTime, Utc};
use sqlx::QueryBuilder;
use uuid::Uuid;

use super::{BeginWrite, Db, db_run};
use crate::demo::DemoData;

/// Rows per multi-row INSERT: well under both engines' bind-parameter limits.
const BATCH: usize = 400;

/// True when no dealer exists yet (a fresh database).
pub async fn is_empty(db: &Db) -> Result<bool, sqlx::Error> {
    let dealers: i64 = db_run!(db, pool => {
        sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM dealers").fetch_one(pool).await?
    });
    Ok(dealers == 0)
}

/// One multi-row INSERT of `sql` per `chunk` rows of `rows` on `tx`, `bind` pushing a
/// row's values. A macro, like `db_run!`, so each engine's arm compiles against its own types.
macro_rules! insert_rows {
    ($tx:ident, $rows:expr, $chunk:expr, $sql:expr, |$b:ident, $row:ident| $bind:block) => {
        for chunk in $rows.chunks($chunk) {
            let mut qb = QueryBuilder::new($sql);
            qb.push_values(chunk, |mut $b, $row| $bind);
            qb.build().execute(&mut *$tx).await?;
        }
    };
}

/// The dealers, their stores, customers and contacts.
macro_rules! insert_parties {
    ($tx:ident, $data:ident, $now:ident) => {
        insert_rows!(
            $tx,
            $data.dealers,
            BATCH,
            "INSERT INTO dealers (id, slug, name, country, currency, locale, terminology, time_zone, \
                     primary_color, accent_color, logo_url, support_phone, support_email, \
                     welcome_message, created_at, updated_at) ",
            |b, d| {
                b.push_bind(d.id)
                    .push_bind(d.slug)
                    .push_bind(d.name)
                    .push_bind(d.country)
                    .push_bind(d.currency)
                    .push_bind(d.locale)
                    .push_bind(d.terminology)
                    .push_bind(d.time_zone)
                    .push_bind(d.primary_color)
                    .push_bind(d.accent_color)
                    .push_bind(d.logo_url)
                    .push_bind(d.support_phone)
                    .push_bind(d.support_email)
                    .push_bind(d.welcome_message)
                    .push_bind($now)
                    .push_bind($now);
            }
        );
        insert_rows!(
            $tx,
            $data.locations,
            BATCH,
            "INSERT INTO locations (id, dealer_id, external_id, code, name, phone, email, \
                     address, created_at, updated_at) ",
            |b, l| {
                b.push_bind(l.id)
                    .push_bind(l.dealer_id)
                    .push_bind(l.external_id.clone())
                    .push_bind(l.code.clone())
                    .push_bind(l.name.clone())
                    .push_bind(l.phone.clone())
                    .push_bind(l.email.clone())
                    .push_bind(l.address.clone())
                    .push_bind($now)
                    .push_bind($now);
            }
        );
        insert_rows!(
            $tx,
            $data.customers,
            BATCH,
            "INSERT INTO customers (id, dealer_id, external_id, account_number, name, kind, \
                     phone, phone_normalized, email, postal_code, address, portal_enabled, \
                     home_location_id, created_at, updated_at) ",
            |b, c| {
                b.push_bind(c.id)
                    .push_bind(c.dealer_id)
                    .push_bind(c.external_id.clone())
                    .push_bind(c.account_number.clone())
                    .push_bind(c.name.clone())
                    .push_bind(c.kind)
                    .push_bind(c.phone.clone())
                    .push_bind(c.phone_normalized.clone())
                    .push_bind(c.email.clone())
                    .push_bind(c.postal_code.clone())
                    .push_bind(c.address.clone())
                    .push_bind(c.portal_enabled)
                    .push_bind(c.home_location_id)
                    .push_bind($now)
                    .push_bind($now);
            }
        );
        insert_rows!(
            $tx,
            $data.contacts,
            BATCH,
            "INSERT INTO contacts (id, dealer_id, customer_id, external_id, name, email, \
                     phone, is_primary, created_at, updated_at) ",
            |b, c| {
                b.push_bind(c.id)
                    .push_bind(c.dealer_id)
                    .push_bind(c.customer_id)
                    .push_bind(c.external_id.clone())
                    .push_bind(c.name.clone())
                    .push_bind(c.email.clone())
                    .push_bind(c.phone.clone())
                    .push_bind(c.is_primary)
                    .push_bind($now)
                    .push_bind($now);
            }
        );
    };
}

/// The contracts, their lines and the item positions.
macro_rules! insert_rentals {
    ($tx:ident, $data:ident, $now:ident) => {
        insert_rows!(
            $tx,
            $data.contracts,
            BATCH,
            "INSERT INTO contracts (id, dealer_id, customer_id, location_id, external_id, \
                     number, status, job_number, po_number, job_site, ordered_by, notes, start_date, \
                     close_date, amount_minor, amount_due_minor, created_at, updated_at) ",
            |b, c| {
                b.push_bind(c.id)
                    .push_bind(c.dealer_id)
                    .push_bind(c.customer_id)
                    .push_bind(c.location_id)
                    .push_bind(c.external_id.clone())
                    .push_bind(c.number.clone())
                    .push_bind(c.status)
                    .push_bind(c.job_number.clone())
                    .push_bind(c.po_number.clone())
                    .push_bind(c.job_site.clone())
                    .push_bind(c.ordered_by.clone())
                    .push_bind(c.notes.clone())
                    .push_bind(c.start_date)
                    .push_bind(c.close_date)
                    .push_bind(c.amount_minor)
                    .push_bind(c.amount_due_minor)
                    .push_bind($now)
                    .push_bind($now);
            }
        );
        insert_rows!(
            $tx,
            $data.lines,
            BATCH,
            "INSERT INTO contract_lines (id, contract_id, line_no, external_id, kind, item_code, \
                     description, serial_number, quantity, status, daily_rate_minor, \
                     weekly_rate_minor, monthly_rate_minor, start_date, expected_return, \
                     returned_on, amount_minor) ",
            |b, l| {
                b.push_bind(l.id)
                    .push_bind(l.contract_id)
                    .push_bind(l.line_no)
                    .push_bind(l.line_no.to_string())
                    .push_bind(l.kind)
                    .push_bind(l.item_code.clone())
                    .push_bind(l.description.clone())
                    .push_bind(l.serial_number.clone())
                    .push_bind(l.quantity)
                    .push_bind(l.status)
                    .push_bind(l.daily_rate_minor)
                    .push_bind(l.weekly_rate_minor)
                    .push_bind(l.monthly_rate_minor)
                    .push_bind(l.start_date)
                    .push_bind(l.expected_return)
                    .push_bind(l.returned_on)
                    .push_bind(l.amount_minor);
            }
        );
        insert_rows!(
            $tx,
            $data.positions,
            BATCH,
            "INSERT INTO asset_positions (dealer_id, serial_number, latitude, longitude, \
                     recorded_at, source, updated_at) ",
            |b, p| {
                b.push_bind(p.dealer_id)
                    .push_bind(p.serial_number.clone())
                    .push_bind(p.latitude)
                    .push_bind(p.longitude)
                    .push_bind(p.recorded_at)
                    .push_bind(p.source)
                    .push_bind($now);
            }
        );
    };
}

/// The invoices, their lines and the dealers' payment methods.
macro_rules! insert_billing {
    ($tx:ident, $data:ident, $now:ident) => {
            insert_rows!($tx, $data.invoices, BATCH / 2,
                    "INSERT INTO invoices (id, dealer_id, customer_id, location_id, contract_id, external_id, \
                     number, kind, status, invoice_date, due_date, po_number, job_number, subtotal_minor, \
                     tax_minor, total_minor, balance_minor, pending_minor, created_at, updated_at) ",
                |b, i| {
            b.push_bind(i.id).push_bind(i.dealer_id).push_bind(i.customer_id)
                .push_bind(i.location_id).push_bind(i.contract_id)
                .push_bind(i.external_id.clone()).push_bind(i.number.clone()).push_bind(i.kind)
                .push_bind(i.status).push_bind(i.invoice_date).push_bind(i.due_date)
                .push_bind(i.po_number.clone()).push_bind(i.job_number.clone())
                .push_bind(i.subtotal_minor).push_bind(i.tax_minor).push_bind(i.total_minor)
                .push_bind(i.balance_minor).push_bind(0_i64).push_bind($now).push_bind($now);
                });
            insert_rows!($tx, $data.invoice_lines, BATCH,
                    "INSERT INTO invoice_lines (invoice_id, line_no, item_code, description, quantity, \
                     unit_price_minor, amount_minor) ",
                |b, l| {
            b.push_bind(l.invoice_id).push_bind(l.line_no).push_bind(l.item_code.clone())
                .push_bind(l.description.clone()).push_bind(l.quantity)
                .push_bind(l.unit_price_minor).push_bind(l.amount_minor);
                });
            for method in &$data.payment_methods {
                sqlx::query(
                    "INSERT INTO dealer_payment_methods (dealer_id, method, gateway, enabled, public_key, \
                     credentials_ref, updated_at) VALUES ($1, $2, $3, TRUE, $4, NULL, $5)",
                )
                .bind(method.dealer_id)
                .bind(method.method)
                .bind(method.gateway)
                .bind(method.public_key.clone())
                .bind($now)
                .execute(&mut *$tx)
                .await?;
            }
    };
}

/// The users (with their password hashes) and their memberships.
macro_rules! insert_users {
    ($tx:ident, $data:ident, $hashes:ident, $now:ident) => {
            for user in &$data.users {
                let hash = $hashes.iter().find(|(id, _)| *id == user.id).map(|(_, h)| h.clone());
                sqlx::query(
                    "INSERT INTO users (id, email, phone_normalized, display_name, password_hash, \
                     role, dealer_id, is_active, failed_logins, locked_at, must_change_password, \
                     last_login_at, created_at, updated_at) \
                     VALUES ($1, $2, $8, $3, $4, $5, $6, TRUE, 0, NULL, FALSE, NULL, $7, $7)",
                )
                .bind(user.id)
                .bind(user.email)
                .bind(user.display_name)
                .bind(hash)
                .bind(user.role.as_str())
                .bind(user.dealer_id)
                .bind($now)
                .bind(user.phone.and_then(shared::phone::normalize_phone))
                .execute(&mut *$tx)
                .await?;
                for (customer_id, role, permissions) in &user.memberships {
                    sqlx::query(
                        "INSERT INTO memberships (id, user_id, customer_id, role, can_view, can_pay, \
                         can_call_off, can_order, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    )
                    .bind(Uuid::now_v7())
                    .bind(user.id)
                    .bind(*customer_id)
                    .bind(role.as_str())
                    .bind(permissions.view)
                    .bind(permissions.pay)
                    .bind(permissions.call_off)
                    .bind(permissions.order)
                    .bind($now)
                    .execute(&mut *$tx)
                    .await?;
                }
            }
    };
}

/// Writes the whole demo data set. `password_hashes` pairs each demo user with its hash.
pub async fn insert_demo(
    db: &Db,
    data: &DemoData,
    password_hashes: &[(Uuid, String)],
) -> Result<(), sqlx::Error> {
    let now: DateTime<Utc> = data.created_at;
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        insert_parties!(tx, data, now);
        insert_rentals!(tx, data, now);
        insert_billing!(tx, data, now);
        insert_users!(tx, data, password_hashes, now);
        tx.commit().await
    })
}
