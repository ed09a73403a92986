//! Business rules that are more than one query.

pub mod calendar;
pub mod contract_upserts;
pub mod counter_payments;
pub mod dealers;
pub mod eligibility;
pub mod invoices;
pub mod logos;
pub mod payments;
pub mod positions;
pub mod records;
pub mod requests;
