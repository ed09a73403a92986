//! Domain types shared by the API server and the web app.
//!
//! Everything here is plain data with serde derives, so it compiles to both the server and
//! `wasm32`. Schema derives for the OpenAPI document sit behind the `openapi` feature.

pub mod accounts;
pub mod admin_customers;
pub mod audit;
pub mod auth;
pub mod branding;
pub mod contract_upserts;
pub mod contracts;
pub mod contrast;
pub mod counter_payments;
pub mod email;
pub mod error;
pub mod events;
pub mod feedback;
pub mod i18n;
pub mod integrations;
pub mod invitations;
pub mod invoices;
pub mod list;
pub mod mailbox;
pub mod money;
pub mod overview;
pub mod paging;
pub mod payments;
pub mod phone;
pub mod platform;
pub mod records;
pub mod registration;
pub mod rentals;
pub mod requests;
pub mod settings;
pub mod staff;
pub mod sync_status;
pub mod text_enum;
pub mod tracking;
pub mod view_as;
pub mod webhooks;

pub use uuid::Uuid;
