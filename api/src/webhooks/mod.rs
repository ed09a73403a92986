//! Outgoing webhooks' transport (I5): Standard Webhooks signatures ([`signing`]), the SSRF
//! guard on endpoint URLs ([`guard`]) and one HTTP attempt ([`sender`]). The use cases
//! (registry, delivery worker) are `services::webhooks` and `services::webhook_delivery`.

pub mod guard;
pub mod sender;
pub mod signing;
