//! Portal users: lookup for login, the bookkeeping of successful and failed logins, and
//! the lockout that failed logins lead to.

use chrono::{DateTime, Utc};
use shared::auth::{UserProfile, UserRole};
use shared::i18n::Language;
use shared::platform::ActingDealer;

use super::decode::enum_text;
use super::{BeginWrite, Db, db_run};
use crate::ids::{DealerId, UserId};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub role: String,
    pub dealer_id: Option<DealerId>,
    pub is_active: bool,
    pub locked_at: Option<DateTime<Utc>>,
    /// Set by an admin reset: the password is temporary, good for one login, and the user
    /// must choose a new one before anything else works.
    pub must_change_password: bool,
    /// The phone that also logs in (national digits), if any.
    pub phone_normalized: Option<String>,
    /// A platform admin's chosen dealer (H1), with its slug and name; `None` otherwise.
    pub acting_dealer_id: Option<DealerId>,
    pub acting_dealer_slug: Option<String>,
    pub acting_dealer_name: Option<String>,
    /// The user's own language (a BCP 47 tag), if chosen.
    pub language: Option<String>,
}

/// The columns of a [`UserRow`] and the joins they come from: one text, so every query
/// that loads a user loads the same row. A macro, as `concat!` takes only literals.
macro_rules! user_select {
    () => {
        "SELECT users.id, users.email, users.display_name, users.password_hash, users.role, \
         users.dealer_id, users.is_active, users.locked_at, users.must_change_password, \
         users.phone_normalized, users.language, acting.dealer_id AS acting_dealer_id, \
         acting_dealer.slug AS acting_dealer_slug, acting_dealer.name AS acting_dealer_name \
         FROM users LEFT JOIN platform_acting_dealers acting ON acting.user_id = users.id \
         LEFT JOIN dealers acting_dealer ON acting_dealer.id = acting.dealer_id"
    };
}

impl UserRow {
    /// `role` decoded: an error when it names no [`UserRole`]. The field stays text for the
    /// callers that read it as such.
    pub fn decoded_role(&self) -> Result<UserRole, sqlx::Error> {
        enum_text(&self.role, "users.role")
    }

    /// The dealer a platform admin acts for (H1); `None` for every other role, whatever
    /// the table holds.
    pub fn acting_dealer(&self) -> Option<ActingDealer> {
        if self.role != UserRole::PlatformAdmin.as_str() {
            return None;
        }
        match (self.acting_dealer_id, &self.acting_dealer_slug, &self.acting_dealer_name) {
            (Some(id), Some(slug), Some(name)) => {
                Some(ActingDealer { id: id.get(), slug: slug.clone(), name: name.clone() })
            }
            _ => None,
        }
    }

    /// The user as the API shows them (`/me`, a session); an error when the stored role
    /// names no [`UserRole`].
    pub fn profile(&self) -> Result<UserProfile, sqlx::Error> {
        Ok(UserProfile {
            id: self.id.get(),
            email: self.email.clone(),
            display_name: self.display_name.clone(),
            role: self.decoded_role()?,
            dealer_id: self.dealer_id.map(DealerId::get),
            must_change_password: self.must_change_password,
            phone: self.phone_normalized.clone(),
            acting_dealer: self.acting_dealer(),
            language: self.chosen_language(),
        })
    }

    /// The language the user chose for the portal, if any (a tag it no longer speaks counts
    /// as none).
    pub fn chosen_language(&self) -> Option<Language> {
        self.language.as_deref().and_then(Language::parse)
    }
}

/// The language user `id` chose, if they exist and chose one: what letters and documents
/// for them are written in (`crate::i18n::reader_language`).
pub async fn chosen_language(db: &Db, id: UserId) -> Result<Option<Language>, sqlx::Error> {
    let tag: Option<Option<String>> = db_run!(db, pool => {
        sqlx::query_scalar("SELECT language FROM users WHERE id = $1").bind(id).fetch_optional(pool).await?
    });
    Ok(tag.flatten().as_deref().and_then(Language::parse))
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
                concat!(user_select!(), " WHERE users.email = $1"),
            )
            .bind(email)
            .fetch_all(pool)
            .await?
        }),
        LoginKey::Phone(phone) => db_run!(db, pool => {
            sqlx::query_as(
                concat!(user_select!(), " WHERE users.phone_normalized = $1 LIMIT 2"),
            )
            .bind(phone)
            .fetch_all(pool)
            .await?
        }),
    };
    Ok(if rows.len() == 1 { rows.into_iter().next() } else { None })
}

pub async fn by_id(db: &Db, id: UserId) -> Result<Option<UserRow>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(
            concat!(user_select!(), " WHERE users.id = $1"),
        )
        .bind(id)
        .fetch_optional(pool)
        .await
    })
}

pub async fn record_login_success(db: &Db, id: UserId, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query("UPDATE users SET failed_logins = 0, last_login_at = $2 WHERE id = $1")
            .bind(id)
            .bind(at)
            .execute(pool)
            .await
            .map(|_| ())
    })
}

/// The condition under which a dealer admin of `$2` reaches the user `users`: a customer
/// user with a membership at one of the dealer's customers, or the dealer's own staff.
/// Never another dealer's staff, a dealer admin (the admin themselves included) or a
/// platform admin.
const REACHABLE_BY_DEALER_ADMIN: &str = "((users.role = 'customer' AND EXISTS (SELECT 1 \
     FROM memberships m JOIN customers c ON c.id = m.customer_id \
     WHERE m.user_id = users.id AND c.dealer_id = $2)) \
     OR (users.role = 'dealer_staff' AND users.dealer_id = $2))";

/// The user `user_id` if a dealer admin of `dealer_id` may administer them (unlock, reset
/// the password): see [`REACHABLE_BY_DEALER_ADMIN`]. `None` otherwise, which the caller
/// answers as 404.
pub async fn administered_by_dealer(
    db: &Db,
    dealer_id: DealerId,
    user_id: UserId,
) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = format!("{} WHERE users.id = $1 AND {REACHABLE_BY_DEALER_ADMIN}", user_select!());
    db_run!(db, pool => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(user_id)
            .bind(dealer_id)
            .fetch_optional(pool)
            .await
    })
}

/// Spends a temporary password at the login it opened: the stored hash goes, so the
/// password cannot open a second session, while `must_change_password` stays set until the
/// user chooses a new one. Guarded on the hash just verified, so of two concurrent logins
/// with it only one wins (`false` for the other).
pub async fn spend_temporary_password(
    db: &Db,
    id: UserId,
    verified_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query(
            "UPDATE users SET password_hash = NULL, updated_at = $3 \
             WHERE id = $1 AND password_hash = $2 AND must_change_password = TRUE",
        )
        .bind(id)
        .bind(verified_hash)
        .bind(now)
        .execute(pool)
        .await
        .map(|done| done.rows_affected() == 1)
    })
}

/// What one more failed login did to an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginFailure {
    /// Consecutive failures so far, this one included.
    pub failed_logins: i32,
    /// This failure reached the threshold and locked the account (it was not locked before).
    pub locked_now: bool,
}

/// Counts a failed login and locks the account when `lockout_threshold` consecutive
/// failures are reached. One transaction: the increment takes the row lock, so of several
/// concurrent failures exactly one sees `locked_now`. `None` when there is no such user.
pub async fn record_login_failure(
    db: &Db,
    id: UserId,
    lockout_threshold: u32,
    now: DateTime<Utc>,
) -> Result<Option<LoginFailure>, sqlx::Error> {
    let threshold = i32::try_from(lockout_threshold).unwrap_or(i32::MAX);
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let failed_logins: Option<i32> = sqlx::query_scalar(
            "UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(failed_logins) = failed_logins else {
            return Ok(None);
        };
        let locked = sqlx::query(
            "UPDATE users SET locked_at = $2, updated_at = $2 \
             WHERE id = $1 AND locked_at IS NULL AND failed_logins >= $3",
        )
        .bind(id)
        .bind(now)
        .bind(threshold)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(LoginFailure { failed_logins, locked_now: locked.rows_affected() == 1 }))
    })
}

/// An admin's unlock in one transaction: the lock and the failed-login count go and the
/// ready-made `audit` event is recorded. With `dealer_id`, only a user a dealer admin of
/// that dealer reaches (see [`REACHABLE_BY_DEALER_ADMIN`]); without, anyone (a platform
/// admin). `false`, with nothing written, when there is no such user in reach.
pub async fn unlock_audited(
    db: &Db,
    dealer_id: Option<DealerId>,
    user_id: UserId,
    audit: &super::audit::AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    use super::audit::record_audit;
    let scope = if dealer_id.is_some() { REACHABLE_BY_DEALER_ADMIN } else { "$2 IS NULL" };
    let sql = format!(
        "UPDATE users SET locked_at = NULL, failed_logins = 0, updated_at = $3 WHERE id = $1 AND {scope}"
    );
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let unlocked = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(user_id)
            .bind(dealer_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        if unlocked.rows_affected() != 1 {
            return Ok(false);
        }
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// Changes the user's contact details (A10): `display_name` and the phone that also logs
/// in, each only when given (`Some(None)` clears the phone), audited — one transaction.
/// `Ok(false)` when another login already uses that phone: phones must name one login.
pub async fn update_contact(
    db: &Db,
    id: UserId,
    display_name: Option<&str>,
    phone_normalized: Option<Option<&str>>,
    language: Option<Language>,
    audit: &super::audit::AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    use super::audit::record_audit;
    db_run!(db, pool => {
        let mut tx = pool.begin_write().await?;
        if let Some(Some(phone)) = phone_normalized {
            let taken: i64 = sqlx::query_scalar(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM users WHERE phone_normalized = $1 AND id <> $2",
            )
            .bind(phone)
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            if taken > 0 {
                return Ok(false);
            }
        }
        if let Some(name) = display_name {
            sqlx::query("UPDATE users SET display_name = $2, updated_at = $3 WHERE id = $1")
                .bind(id)
                .bind(name)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        if let Some(phone) = phone_normalized {
            // The unique index settles a race the count above cannot see.
            match sqlx::query("UPDATE users SET phone_normalized = $2, updated_at = $3 WHERE id = $1")
                .bind(id)
                .bind(phone)
                .bind(now)
                .execute(&mut *tx)
                .await
            {
                Ok(_) => {}
                Err(err) if super::is_unique_violation(&err) => return Ok(false),
                Err(err) => return Err(err),
            }
        }
        if let Some(language) = language {
            sqlx::query("UPDATE users SET language = $2, updated_at = $3 WHERE id = $1")
                .bind(id)
                .bind(language.tag())
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        let mut changed = Vec::new();
        if display_name.is_some() {
            changed.push("display_name".to_string());
        }
        if phone_normalized.is_some() {
            changed.push("phone".to_string());
        }
        // The back office hears about contact details; a language is the portal's own.
        if !changed.is_empty() {
            let change = super::memberships::MemberChange {
                changed,
                ..super::memberships::MemberChange::new(shared::events::PortalUserVia::ProfileUpdated)
            };
            let members = super::memberships::Members::OfUser(id);
            super::memberships::record_member_events!(tx, members, shared::events::Event::CustomerContactChanged, &change, now)
                .await?;
        }
        record_audit!(&mut *tx, audit, now).await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// A new portal user, as written by the demo seed and (later) by invitations.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub id: UserId,
    pub email: String,
    pub phone_normalized: Option<String>,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub role: UserRole,
    pub dealer_id: Option<DealerId>,
}

/// Inserts a [`NewUser`] on `$conn` (a pool or `&mut *tx`). Expands to a query future.
macro_rules! insert_user {
    ($conn:expr, $user:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO users (id, email, phone_normalized, display_name, password_hash, role, \
             dealer_id, is_active, failed_logins, locked_at, must_change_password, last_login_at, \
             created_at, updated_at, activated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, TRUE, 0, NULL, FALSE, NULL, $8, $8, $9)",
        )
        .bind($user.id)
        .bind($user.email.to_lowercase())
        .bind($user.phone_normalized.as_deref())
        .bind(&$user.display_name)
        .bind($user.password_hash.as_deref())
        .bind($user.role.as_str())
        .bind($user.dealer_id)
        .bind($now)
        // A login made with a password is active from the start; an invited one when the
        // person chooses theirs.
        .bind($user.password_hash.as_ref().map(|_| $now))
        .execute($conn)
    };
}
pub(crate) use insert_user;

pub async fn insert(db: &Db, user: &NewUser, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    db_run!(db, pool => insert_user!(pool, user, now).await.map(|_| ()))
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
