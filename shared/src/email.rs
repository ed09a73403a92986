//! Email addresses, checked by one rule on both sides: the web app refuses what the server
//! would refuse, with the same words.

use std::fmt;

/// A plausible email address: `something@something.something`, no white space, at most
/// 254 characters, trimmed. Whether it receives mail only a sent message can tell.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

/// Why a text is not an [`EmailAddress`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailError {
    Empty,
    TooLong,
    Malformed,
}

impl EmailAddress {
    /// The longest address SMTP carries.
    pub const MAX_LEN: usize = 254;

    /// Checks `input` (surrounding white space ignored).
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let email = input.trim();
        if email.is_empty() {
            return Err(EmailError::Empty);
        }
        if email.len() > Self::MAX_LEN {
            return Err(EmailError::TooLong);
        }
        let Some((local, domain)) = email.rsplit_once('@') else { return Err(EmailError::Malformed) };
        let plausible = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !email.chars().any(char::is_whitespace);
        if plausible { Ok(Self(email.to_string())) } else { Err(EmailError::Malformed) }
    }

    /// Whether `input` parses.
    pub fn is_valid(input: &str) -> bool {
        Self::parse(input).is_ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Lower-cased, as logins and invitations compare and store addresses.
    pub fn normalized(&self) -> String {
        self.0.to_lowercase()
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for EmailAddress {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plausible_addresses_parse_trimmed() {
        let email = EmailAddress::parse("  Site.Manager+jobs@Builder.example ").unwrap();
        assert_eq!(email.as_str(), "Site.Manager+jobs@Builder.example");
        assert_eq!(email.normalized(), "site.manager+jobs@builder.example");
        assert!(EmailAddress::is_valid("a@b.co"));
    }

    #[test]
    fn everything_else_is_refused_with_a_reason() {
        assert_eq!(EmailAddress::parse("  "), Err(EmailError::Empty));
        for bad in ["no-at.example", "@host.example", "a@localhost", "a@.example", "a@host.", "a b@c.example"]
        {
            assert_eq!(EmailAddress::parse(bad), Err(EmailError::Malformed), "{bad}");
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(EmailAddress::parse(&long), Err(EmailError::TooLong));
    }
}
