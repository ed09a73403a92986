//! API integration tests: one binary, the real server on port 0, a fresh database per test.
//!
//! Every test runs on SQLite. When `TEST_POSTGRES_URL` names a PostgreSQL server (an admin
//! connection, e.g. `postgres://postgres@127.0.0.1:5432/postgres`), every test also runs
//! there, each in a database of its own that is dropped afterwards.

// Test support code panics on broken fixtures by design.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod helpers;

mod account;
mod account_edit;
mod account_users;
mod acting_dealer;
mod admin_customers;
mod api_clients;
mod audit_log;
mod auth;
mod consistency;
mod contract_pdf;
mod contract_upserts;
mod contracts;
mod counter_payments;
mod events;
mod exports;
mod feedback;
mod inbox;
mod invitations;
mod invoices;
mod languages;
mod lockout;
mod login_limits;
mod mailserver;
mod operations;
mod overview;
mod password_reset;
mod payments;
mod platform;
mod production;
mod rate_limits;
mod receiver;
mod records;
mod registration;
mod rentals;
mod requests;
mod settings;
mod signup;
mod staff;
mod standing;
mod stored_words;
mod sync_status;
mod tracking;
mod view_as;
mod web_app;
mod webhooks;
