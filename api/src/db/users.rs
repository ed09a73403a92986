//! Portal users: lookup for login, and the bookkeeping of successful and failed logins.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Db, db_run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub role: String,
    pub dealer_id: Option<Uuid>,
    pub is_active: bool,
    pub locked_at: Option<DateTime<Utc>>,
}

/// How a person identified themselves on the login form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginKey {
    Email(String),
    Phone(String),
}

impl LoginKey {
    /// An email (anything with `@`, lower-cased) or a normalised phone number.
    pub fn parse(login: &str) -> Option<Self> {
        let login = login.trim();
        if login.contains('@') {
            Some(LoginKey::Email(login.to_lowercase()))
        } else {
            shared::phone::normalize_phone(login).map(LoginKey::Phone)
        }
    }
}

/// The user a login names. A phone shared by several users names nobody: phones must be
/// unique to identify a login (seed 000).
pub async fn find_for_login(db: &Db, key: &LoginKey) -> Result<Option<UserRow>, sqlx::Error> {
    let rows: Vec<UserRow> = match key {
        LoginKey::Email(email) => db_run!(db, pool => {
            sqlx::query_as(
                "SELECT id, email, display_name, password_hash, role, dealer_id, is_active, \
                 locked_at FROM users WHERE email = $1",
            )
            .bind(email)
            .fetch_all(pool)
            .await?
        }),
        LoginKey::Phone(phone) => db_run!(db, pool => {
            sqlx::query_as(
                "SELECT id, email, display_name, password_hash, role, dealer_id, is_active, \
                 locked_at FROM users WHERE phone_normalized = $1 LIMIT 2",
            )
            .bind(phone)
            .fetch_all(pool)
            .await?
        }),
    };
    Ok(if rows.len() == 1 { rows.into_iter().next() } else { None })
}

pub async fn by_id(db: &Db, id: Uuid) -> Result<Option<UserRow>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(
            "SELECT id, email, display_name, password_hash, role, dealer_id, is_active, \
             locked_at FROM users WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(pool)
        .await
    })
}

pub async fn record_login_success(db: &Db, id: Uuid, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query("UPDATE users SET failed_logins = 0, last_login_at = $2 WHERE id = $1")
            .bind(id)
            .bind(at)
            .execute(pool)
            .await
            .map(|_| ())
    })
}

pub async fn record_login_failure(db: &Db, id: Uuid) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1")
            .bind(id)
            .execute(pool)
            .await
            .map(|_| ())
    })
}

/// A new portal user, as written by the demo seed and (later) by invitations.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub id: Uuid,
    pub email: String,
    pub phone_normalized: Option<String>,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub role: shared::auth::UserRole,
    pub dealer_id: Option<Uuid>,
}

pub async fn insert(db: &Db, user: &NewUser, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query(
            "INSERT INTO users (id, email, phone_normalized, display_name, password_hash, role, \
             dealer_id, is_active, failed_logins, locked_at, must_change_password, last_login_at, \
             created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, TRUE, 0, NULL, FALSE, NULL, $8, $8)",
        )
        .bind(user.id)
        .bind(user.email.to_lowercase())
        .bind(user.phone_normalized.as_deref())
        .bind(&user.display_name)
        .bind(user.password_hash.as_deref())
        .bind(user.role.as_str())
        .bind(user.dealer_id)
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ())
    })
}

#[cfg(test)]
mod tests {
    use super::LoginKey;

    #[test]
    fn login_is_an_email_or_a_phone() {
        assert_eq!(
            LoginKey::parse(" Demo@Customer.Example "),
            Some(LoginKey::Email("demo@customer.example".into()))
        );
        assert_eq!(LoginKey::parse("(555) 010-2000"), Some(LoginKey::Phone("5550102000".into())));
        assert_eq!(LoginKey::parse("nobody"), None);
    }
}
