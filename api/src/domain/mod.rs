//! Business rules that are more than one query.

pub mod eligibility;
pub mod requests;
