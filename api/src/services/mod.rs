//! Application services: the use cases. Every write flow lives here — it checks what the
//! pure rules in `domain` say, writes through `db` (one transaction for what belongs
//! together), composes the emails and writes the audit record. Handlers in `routes` only
//! extract, call a service and map its answer to HTTP. A service never sees HTTP.

pub mod account;
pub mod admin;
pub mod admin_customers;
pub mod api_clients;
pub mod audit_log;
pub mod back_office;
pub mod contract_integrations;
pub mod counter_payments;
pub mod dealer_settings;
pub mod events;
pub mod feedback;
pub mod idempotency;
pub mod integrations;
pub mod invitations;
pub mod logins;
pub mod passwords;
pub mod payments;
pub mod platform;
pub mod portal_settings;
pub mod positions;
pub mod record_integrations;
pub mod registration;
pub mod requests;
pub mod sessions;
pub mod signup;
pub mod staff;
pub mod sync_status;
pub mod view_as;
pub mod webhook_delivery;
pub mod webhooks;
