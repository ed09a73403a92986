//! Typed ids for the keys that scope a query: which dealer, which customer account, which
//! login. All three are UUIDs underneath, and passing one where another belongs would leak
//! one tenant's records to another — so each is its own type, and such a mix-up is a
//! compile error instead of a security bug.
//!
//! Conversions are explicit and greppable: `DealerId::new(uuid)` where an id enters from
//! HTTP or a DTO, `.get()` where it leaves. There is deliberately no `From<Uuid>`. Each id
//! binds and decodes like a `Uuid` on both engines (`#[sqlx(transparent)]`), and
//! serialises as a bare UUID (`#[serde(transparent)]`).

use std::fmt;

use uuid::Uuid;

macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            PartialOrd,
            Ord,
            serde::Serialize,
            serde::Deserialize,
            sqlx::Type,
        )]
        #[serde(transparent)]
        #[sqlx(transparent)]
        pub struct $name(Uuid);

        impl $name {
            pub const fn new(id: Uuid) -> Self {
                Self(id)
            }

            pub const fn get(self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }
    };
}

typed_id! {
    /// A back-office API client of one dealer: `api_clients.id`, and what its tokens name.
    ApiClientId
}

typed_id! {
    /// A dealer's webhook endpoint: `webhook_endpoints.id`.
    WebhookEndpointId
}

typed_id! {
    /// A dealer (a tenant): `dealers.id`, and every `dealer_id` column.
    DealerId
}

typed_id! {
    /// A customer account: `customers.id`, what `/accounts/{account_id}` names, and every
    /// `customer_id` column.
    CustomerId
}

typed_id! {
    /// A login: `users.id`, a token's subject, and every column naming who did something.
    UserId
}

typed_id! {
    /// One view of the portal as a customer (A14): `view_sessions.id`, and what a view
    /// token's `view` claim names.
    ViewId
}

#[cfg(test)]
mod tests {
    use sqlx::Row;

    use super::*;

    #[test]
    fn displays_and_serialises_as_the_bare_uuid() {
        let uuid = Uuid::from_u128(0x1234_5678_9abc_def0_1234_5678_9abc_def0);
        let id = DealerId::new(uuid);
        assert_eq!(id.to_string(), uuid.to_string());
        assert_eq!(serde_json::to_string(&id).unwrap(), serde_json::to_string(&uuid).unwrap());
        let back: CustomerId = serde_json::from_str(&serde_json::to_string(&uuid).unwrap()).unwrap();
        assert_eq!(back.get(), uuid);
    }

    #[tokio::test]
    async fn binds_and_decodes_like_a_uuid_on_sqlite() {
        let pool = sqlx::SqlitePool::connect("sqlite::memory:").await.unwrap();
        sqlx::query("CREATE TABLE t (id BLOB NOT NULL)").execute(&pool).await.unwrap();
        let uuid = Uuid::new_v4();
        sqlx::query("INSERT INTO t (id) VALUES (?)").bind(UserId::new(uuid)).execute(&pool).await.unwrap();
        let row = sqlx::query("SELECT id FROM t").fetch_one(&pool).await.unwrap();
        assert_eq!(row.get::<Uuid, _>("id"), uuid);
        assert_eq!(row.get::<UserId, _>("id"), UserId::new(uuid));
        let found: Option<(UserId,)> = sqlx::query_as("SELECT id FROM t WHERE id = ?")
            .bind(UserId::new(uuid))
            .fetch_optional(&pool)
            .await
            .unwrap();
        assert_eq!(found, Some((UserId::new(uuid),)));
    }
}
