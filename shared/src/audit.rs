//! The dealer's audit log (H12) as a dealer admin reads it: who did what, to whom, when and
//! from where, for customer actions (logins, call-offs, payments) and staff actions alike.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A person named in an event: the actor or the user acted on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPerson {
    pub id: Uuid,
    pub display_name: String,
    pub email: String,
}

/// The back office's API client, when it acted rather than a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditClient {
    pub id: Uuid,
    pub name: String,
}

/// The customer account an event concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditCustomer {
    pub id: Uuid,
    pub name: String,
    pub account_number: String,
}

/// One event of the log (`GET /api/v1/admin/audit`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: Uuid,
    pub occurred_at: DateTime<Utc>,
    /// Stable dotted name, such as `auth.login` or `request.created`.
    pub action: String,
    /// Who did it; `None` with `actor_client` for the back office, and with neither for the
    /// server itself or a login attempt for an unknown user.
    pub actor: Option<AuditPerson>,
    pub actor_client: Option<AuditClient>,
    pub customer: Option<AuditCustomer>,
    /// The user it was done to, when that is someone else than the actor.
    pub target_user: Option<AuditPerson>,
}

/// One event with everything recorded (`GET /api/v1/admin/audit/{id}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntryDetail {
    #[serde(flatten)]
    pub entry: AuditEntry,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// Extra facts of the event as recorded (never secrets).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub details: Option<serde_json::Value>,
}

/// The log's filters, as the web app sends them; every one optional. Dates are the
/// dealer's calendar days, both ends included.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub actor_user_id: Option<Uuid>,
    pub action: Option<String>,
    pub customer_id: Option<Uuid>,
    pub target_user_id: Option<Uuid>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl AuditFilter {
    /// The filter as query pairs, empty ones left out (for the list, its CSV and the URL).
    pub fn to_query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        let mut push = |key, value: Option<String>| {
            if let Some(value) = value.filter(|v| !v.is_empty()) {
                pairs.push((key, value));
            }
        };
        push("actor_user_id", self.actor_user_id.map(|v| v.to_string()));
        push("action", self.action.clone());
        push("customer_id", self.customer_id.map(|v| v.to_string()));
        push("target_user_id", self.target_user_id.map(|v| v.to_string()));
        push("from", self.from.map(|v| v.to_string()));
        push("to", self.to.map(|v| v.to_string()));
        pairs
    }
}

/// An action in words for people, or `None` for one without a description (show the code).
pub fn describe_action(action: &str) -> Option<&'static str> {
    Some(match action {
        "auth.login" => "Signed in",
        "auth.login_failed" => "Sign-in failed",
        "auth.locked" => "Locked out by failed sign-ins",
        "auth.logout" => "Signed out",
        "auth.logout_all" => "Signed out everywhere",
        "auth.refresh_reuse" => "Stolen session suspected; sessions ended",
        "auth.password_reset_requested" => "Asked to reset password",
        "auth.password_reset" => "Reset password by email link",
        "auth.invitation_accepted" => "Accepted an invitation",
        "auth.signed_up" => "Signed up",
        "auth.signup_requested" => "Asked to sign up",
        "auth.registered_by_phone" => "Registered by phone",
        "account.password_changed" => "Changed password",
        "account.profile_updated" => "Changed profile",
        "account.email_change_requested" => "Asked to change email",
        "account.email_changed" => "Changed email",
        "account.user_invited" => "Owner invited a user",
        "account.invitation_revoked" => "Owner revoked an invitation",
        "account.user_permissions_changed" => "Owner changed a user's permissions",
        "account.user_removed" => "Owner removed a user",
        "request.created" => "Sent a request",
        "request.cancelled" => "Cancelled a request",
        "feedback.sent" => "Sent feedback",
        "payment.started" => "Started a payment",
        "payment.succeeded" => "Payment succeeded",
        "payment.pending" => "Payment pending",
        "payment.declined" => "Payment declined",
        "payment.posted" => "Payment posted by the back office",
        "inbox.feedback_handled" => "Handled feedback",
        "inbox.request_acknowledged" => "Acknowledged a request",
        "inbox.request_scheduled" => "Scheduled a request",
        "inbox.request_completed" => "Completed a request",
        "inbox.request_cancelled" => "Store cancelled a request",
        "admin.user_invited" => "Admin invited a customer user",
        "admin.invitation_revoked" => "Admin revoked an invitation",
        "admin.user_unlocked" => "Admin unlocked a login",
        "admin.password_reset" => "Admin reset a password",
        "admin.customer_deactivated" => "Closed a customer's portal access",
        "admin.customer_reactivated" => "Reopened a customer's portal access",
        "admin.customer_user_deactivated" => "Closed a portal user's access",
        "admin.customer_user_reactivated" => "Reopened a portal user's access",
        "admin.staff_invited" => "Invited staff",
        "admin.staff_invitation_resent" => "Resent a staff invitation",
        "admin.staff_updated" => "Changed staff role or stores",
        "admin.staff_deactivated" => "Deactivated staff",
        "admin.staff_reactivated" => "Reactivated staff",
        "dealer.settings_updated" => "Changed settings",
        "api_client.created" => "Created an API client",
        "api_client.rotated" => "Rotated an API client secret",
        "api_client.revoked" => "Revoked an API client",
        "platform.admin_created" => "Platform created an admin",
        "locations.upserted" => "Back office loaded stores",
        "location.deleted" => "Back office removed a store",
        "customers.upserted" => "Back office loaded customers",
        "customer.deleted" => "Back office removed a customer",
        "contracts.upserted" => "Back office loaded contracts",
        "contract.deleted" => "Back office removed a contract",
        "contract.pdf_uploaded" => "Back office uploaded a contract PDF",
        "invoices.upserted" => "Back office loaded invoices",
        "invoice.pdf_uploaded" => "Back office uploaded an invoice PDF",
        "counter_payments.upserted" => "Back office loaded counter payments",
        "counter_payment.deleted" => "Back office removed a counter payment",
        "platform.dealer_created" => "Platform created the dealer",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_filters_stay_out_of_the_query() {
        let filter = AuditFilter {
            action: Some("auth.login".into()),
            from: NaiveDate::from_ymd_opt(2026, 3, 1),
            ..AuditFilter::default()
        };
        assert_eq!(
            filter.to_query_pairs(),
            vec![("action", "auth.login".to_string()), ("from", "2026-03-01".to_string())]
        );
        assert!(AuditFilter::default().to_query_pairs().is_empty());
    }

    #[test]
    fn known_actions_read_as_words() {
        assert_eq!(describe_action("auth.login"), Some("Signed in"));
        assert_eq!(describe_action("something.new"), None);
    }
}
