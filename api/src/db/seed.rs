//! What the demo seed writes directly: its logins, memberships and the dealers' payment
//! methods. Its dealers and records go through the services a real dealer's do
//! (`demo::load`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{BeginWrite, Db, db_run};
use crate::demo::{PaymentMethodSeed, UserSeed};
use crate::ids::DealerId;

/// True when no dealer exists yet (a fresh database).
pub async fn is_empty(db: &Db) -> Result<bool, sqlx::Error> {
    let dealers: i64 = db_run!(db, pool => {
        sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM dealers").fetch_one(pool).await?
    });
    Ok(dealers == 0)
}

/// The dealers' payment methods.
macro_rules! insert_payment_methods {
    ($tx:ident, $methods:ident, $now:ident) => {
        for method in $methods {
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
    ($tx:ident, $users:ident, $hashes:ident, $now:ident) => {
            for user in $users {
                let hash = $hashes.iter().find(|(id, _)| *id == user.id).map(|(_, h)| h.clone());
                sqlx::query(
                    "INSERT INTO users (id, email, phone_normalized, display_name, password_hash, \
                     role, dealer_id, is_active, failed_logins, locked_at, must_change_password, \
                     last_login_at, created_at, updated_at, activated_at) \
                     VALUES ($1, $2, $8, $3, $4, $5, $6, TRUE, 0, NULL, FALSE, NULL, $7, $7, $9)",
                )
                .bind(user.id)
                .bind(user.email)
                .bind(user.display_name)
                .bind(hash.clone())
                .bind(user.role.as_str())
                .bind(user.dealer_id)
                .bind($now)
                .bind(user.phone.and_then(shared::phone::normalize_phone))
                // Seeded logins come with their password: active from the start.
                .bind(hash.as_ref().map(|_| $now))
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

/// The stored id of each of the dealer's customers, by its back-office id.
pub async fn customer_ids(db: &Db, dealer_id: DealerId) -> Result<HashMap<String, Uuid>, sqlx::Error> {
    let rows: Vec<(String, Uuid)> = db_run!(db, pool => {
        sqlx::query_as("SELECT external_id, id FROM customers WHERE dealer_id = $1")
            .bind(dealer_id)
            .fetch_all(pool)
            .await?
    });
    Ok(rows.into_iter().collect())
}

/// Writes the demo logins (with their password hashes, paired by user id) and memberships,
/// and the dealers' payment methods, in one transaction.
pub async fn insert_people(
    db: &Db,
    users: &[UserSeed],
    payment_methods: &[PaymentMethodSeed],
    password_hashes: &[(Uuid, String)],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        insert_payment_methods!(tx, payment_methods, now);
        insert_users!(tx, users, password_hashes, now);
        tx.commit().await
    })
}
