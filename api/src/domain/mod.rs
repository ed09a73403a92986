//! Business rules that are more than one query.

pub mod eligibility;
