//! What an `Idempotency-Key` already holds: the record a user wrote under it on an
//! account, with the hash of the body it was written from. One lookup for every table the
//! key guards (each has the `(created_by, customer_id, idempotency_key)` unique constraint).

use uuid::Uuid;

use super::{Db, db_run};
use crate::ids::{CustomerId, UserId};

/// The tables whose writes a client may retry under a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyed {
    Requests,
    Payments,
}

impl Keyed {
    /// One SQL text per table (sqlx takes `&'static str`; the table name is not a bind).
    fn lookup_sql(self) -> &'static str {
        match self {
            Keyed::Requests => {
                "SELECT id, request_hash FROM customer_requests \
                 WHERE created_by = $1 AND customer_id = $2 AND idempotency_key = $3"
            }
            Keyed::Payments => {
                "SELECT id, request_hash FROM payments \
                 WHERE created_by = $1 AND customer_id = $2 AND idempotency_key = $3"
            }
        }
    }
}

/// The record `created_by` wrote on `customer_id` under `key` in `table`: its id and body
/// hash (`None` for a request filed before hashes were kept).
pub async fn stored(
    db: &Db,
    table: Keyed,
    created_by: UserId,
    customer_id: CustomerId,
    key: &str,
) -> Result<Option<(Uuid, Option<String>)>, sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query_as(table.lookup_sql())
            .bind(created_by)
            .bind(customer_id)
            .bind(key)
            .fetch_optional(pool)
            .await
    })
}
