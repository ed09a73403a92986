//! The development mailbox: outgoing email as the local run keeps it, for following
//! invitation and reset links without a mail server.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailboxEmail {
    pub id: Uuid,
    /// Template name, e.g. `password_reset`.
    pub kind: String,
    pub to: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    /// `pending`, `sending`, `sent` or `failed`.
    pub status: String,
    pub created_at: DateTime<Utc>,
}
