//! Who writes the back office's records (I3): one of the dealer's API clients, or the
//! demo seed, which loads its whole data set through the same services an API client
//! calls — so every demo record has passed the rules and writes a real dealer's do.

use crate::auth::{ClientInfo, Integrator};
use crate::db::audit::AuditEvent;
use crate::ids::DealerId;

/// The writer of a batch of back-office records: whose dealer they belong to, and how the
/// audit trail names who wrote them.
#[derive(Debug, Clone)]
pub struct BackOffice<'a> {
    pub dealer_id: DealerId,
    base: AuditEvent<'a>,
    /// Set when no API client writes (the demo seed); recorded as `via` in the details.
    via: Option<&'static str>,
}

impl<'a> BackOffice<'a> {
    /// The dealer's back office, signed in as one of its API clients, calling from `client`.
    pub fn client(integrator: &Integrator, client: &'a ClientInfo) -> Self {
        Self { dealer_id: integrator.dealer_id, base: integrator.audit(client, ""), via: None }
    }

    /// The demo seed loading dealer `dealer_id`'s records on the server itself.
    pub fn demo_seed(dealer_id: DealerId) -> Self {
        Self {
            dealer_id,
            base: AuditEvent { dealer_id: Some(dealer_id), ..AuditEvent::default() },
            via: Some("demo_seed"),
        }
    }

    /// The audit event of `action` by this writer, with `details` (a JSON object).
    pub(crate) fn audit(&self, action: &'a str, details: serde_json::Value) -> AuditEvent<'a> {
        let details = match (self.via, details) {
            (Some(via), serde_json::Value::Object(mut map)) => {
                map.insert("via".into(), via.into());
                serde_json::Value::Object(map)
            }
            (_, details) => details,
        };
        AuditEvent { action, details: Some(details), ..self.base.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn the_demo_seed_is_named_in_the_details_and_acts_for_its_dealer() {
        let dealer = DealerId::new(Uuid::now_v7());
        let event =
            BackOffice::demo_seed(dealer).audit("customers.upserted", serde_json::json!({ "created": 3 }));
        assert_eq!(event.action, "customers.upserted");
        assert_eq!(event.dealer_id, Some(dealer));
        assert_eq!(event.actor_client_id, None);
        assert_eq!(event.details, Some(serde_json::json!({ "created": 3, "via": "demo_seed" })));
    }
}
