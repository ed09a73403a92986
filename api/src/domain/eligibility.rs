//! Portal eligibility (A5), one function for every way in: registration by phone, self
//! sign-up and invitations all ask [`check`], and admins see its reasons.

use shared::registration::IneligibleReason;

pub use shared::records::CustomerKind;

/// What the rules look at, read from the customer record (`db::customers::facts`).
#[derive(Debug, Clone)]
pub struct EligibilityFacts {
    pub portal_enabled: bool,
    pub kind: CustomerKind,
    pub phone_normalized: Option<String>,
    /// Customers of the same dealer with this phone, this one included.
    pub phone_holders: i64,
    pub email: Option<String>,
    pub postal_code: Option<String>,
    /// Contracts of any kind, quotes included.
    pub contracts: i64,
}

fn blank(value: &Option<String>) -> bool {
    value.as_deref().is_none_or(|v| v.trim().is_empty())
}

/// Every rule the customer fails; empty means eligible.
pub fn check(facts: &EligibilityFacts) -> Vec<IneligibleReason> {
    let mut reasons = Vec::new();
    if !facts.portal_enabled {
        reasons.push(IneligibleReason::PortalDisabled);
    }
    if facts.kind != CustomerKind::Account {
        reasons.push(IneligibleReason::CashCustomer);
    }
    if blank(&facts.phone_normalized) {
        reasons.push(IneligibleReason::MissingPhone);
    } else if facts.phone_holders > 1 {
        reasons.push(IneligibleReason::DuplicatePhone);
    }
    if blank(&facts.email) {
        reasons.push(IneligibleReason::MissingEmail);
    }
    if blank(&facts.postal_code) {
        reasons.push(IneligibleReason::MissingPostalCode);
    }
    if facts.contracts < 1 {
        reasons.push(IneligibleReason::NoContracts);
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eligible() -> EligibilityFacts {
        EligibilityFacts {
            portal_enabled: true,
            kind: CustomerKind::Account,
            phone_normalized: Some("3035550100".into()),
            phone_holders: 1,
            email: Some("ap@example.com".into()),
            postal_code: Some("80202".into()),
            contracts: 1,
        }
    }

    #[test]
    fn customer_kinds_read_back_from_their_words_only() {
        for kind in [CustomerKind::Account, CustomerKind::Cash] {
            assert_eq!(CustomerKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(CustomerKind::parse("credit"), None);
    }

    #[test]
    fn a_complete_account_customer_is_eligible() {
        assert!(check(&eligible()).is_empty());
    }

    #[test]
    fn each_rule_reports_its_reason() {
        type BreakRule = fn(&mut EligibilityFacts);
        let cases: [(BreakRule, IneligibleReason); 7] = [
            (|f| f.portal_enabled = false, IneligibleReason::PortalDisabled),
            (|f| f.kind = CustomerKind::Cash, IneligibleReason::CashCustomer),
            (|f| f.phone_normalized = None, IneligibleReason::MissingPhone),
            (|f| f.phone_holders = 2, IneligibleReason::DuplicatePhone),
            (|f| f.email = Some("  ".into()), IneligibleReason::MissingEmail),
            (|f| f.postal_code = None, IneligibleReason::MissingPostalCode),
            (|f| f.contracts = 0, IneligibleReason::NoContracts),
        ];
        for (break_rule, reason) in cases {
            let mut facts = eligible();
            break_rule(&mut facts);
            assert_eq!(check(&facts), vec![reason]);
        }
    }
}
