//! The rules a new password must meet (OWASP ASVS 5.0 V6.2): long enough, not absurdly long,
//! not a commonly breached password, not the person's own login, and nothing else.
//!
//! Every place that sets a password (registration, sign-up, invitation, reset, change)
//! calls [`check_new_password`] before hashing. Following ASVS, there are deliberately no
//! composition rules (no "one digit and one symbol"), no periodic expiry, and any printable
//! Unicode (spaces included) is allowed. Login never applies these rules: existing
//! passwords keep working.

use std::collections::HashSet;
use std::sync::LazyLock;

use shared::error::FieldError;

/// ASVS 6.2.1: at least 8 characters (15 recommended; 8 is the floor it allows).
pub const MIN_PASSWORD_CHARS: usize = 8;
/// ASVS 6.2.9 asks for at least 64; the cap only bounds the cost of hashing.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// The vendored list of common passwords; its source and licence are in the file's header.
const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    COMMON_PASSWORDS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
});

/// Why a proposed password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    /// Among the most common (breached) passwords.
    Common,
    /// The same as the person's email, phone, login or another context word.
    MatchesContext,
}

impl PasswordProblem {
    /// The message for the person filling in the form.
    pub fn message(self) -> String {
        match self {
            PasswordProblem::TooShort => {
                format!("Use at least {MIN_PASSWORD_CHARS} characters. A short sentence works well.")
            }
            PasswordProblem::TooLong => format!("Use at most {MAX_PASSWORD_CHARS} characters."),
            PasswordProblem::Common => {
                "This password is too common and easy to guess. Choose another.".to_string()
            }
            PasswordProblem::MatchesContext => {
                "Your password must not be your email, phone number or name.".to_string()
            }
        }
    }

    /// As a 422 field error on `field` (`password`, `new_password`...).
    pub fn field_error(self, field: &str) -> FieldError {
        FieldError { field: field.to_string(), message: self.message() }
    }
}

/// Checks a password someone wants to set.
///
/// `context` holds what the user and the site are known by: their email (or login), phone,
/// name, the dealer's name. The password may not equal any of them, nor the part of an
/// email before the `@`, ignoring case and surrounding spaces. Length counts Unicode scalar
/// values, not bytes. Returns every problem found, most important first.
///
/// ```
/// use api::auth::policy::{check_new_password, PasswordProblem};
/// assert!(check_new_password("correct horse battery staple", &["dana@example.com"]).is_ok());
/// assert_eq!(check_new_password("password1", &[]), Err(vec![PasswordProblem::Common]));
/// ```
pub fn check_new_password(password: &str, context: &[&str]) -> Result<(), Vec<PasswordProblem>> {
    let mut problems = Vec::new();
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        problems.push(PasswordProblem::TooShort);
    }
    if chars > MAX_PASSWORD_CHARS {
        problems.push(PasswordProblem::TooLong);
    }
    let folded = password.trim().to_lowercase();
    if is_common(&folded) {
        problems.push(PasswordProblem::Common);
    }
    if matches_context(&folded, context) {
        problems.push(PasswordProblem::MatchesContext);
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

/// [`check_new_password`] with its problems as 422 field errors on `field`.
pub fn check_new_password_field(
    password: &str,
    context: &[&str],
    field: &str,
) -> Result<(), Vec<FieldError>> {
    check_new_password(password, context)
        .map_err(|problems| problems.into_iter().map(|p| p.field_error(field)).collect())
}

fn is_common(folded: &str) -> bool {
    COMMON.contains(folded)
}

fn matches_context(folded: &str, context: &[&str]) -> bool {
    context.iter().map(|word| word.trim().to_lowercase()).filter(|word| !word.is_empty()).any(|word| {
        let local_part = word.split_once('@').map(|(local, _)| local.to_string());
        folded == word || local_part.is_some_and(|local| !local.is_empty() && folded == local)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_counts_characters_not_bytes() {
        assert_eq!(check_new_password("short", &[]), Err(vec![PasswordProblem::TooShort]));
        // Seven characters, fourteen bytes in UTF-8: still too short.
        assert_eq!(check_new_password("ééééééé", &[]), Err(vec![PasswordProblem::TooShort]));
        // Eight characters of any script are enough.
        assert!(check_new_password("日本語のパスワー", &[]).is_ok());
    }

    #[test]
    fn long_passwords_are_welcome_up_to_the_cap() {
        assert!(check_new_password(&"a sentence ".repeat(6), &[]).is_ok(), "64+ characters");
        assert!(check_new_password(&"x".repeat(MAX_PASSWORD_CHARS), &[]).is_ok());
        assert_eq!(
            check_new_password(&"x".repeat(MAX_PASSWORD_CHARS + 1), &[]),
            Err(vec![PasswordProblem::TooLong])
        );
    }

    #[test]
    fn no_composition_rules() {
        for password in ["alllowercaseletters", "ALL CAPS WITH SPACES", "94817264301", "   spaces   "] {
            assert!(check_new_password(password, &[]).is_ok(), "{password}");
        }
    }

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        for password in
            ["password", "Password", "PASSWORD1", "12345678", "qwertyuiop", "iloveyou", "p@ssw0rd"]
        {
            assert!(
                check_new_password(password, &[]).is_err_and(|p| p.contains(&PasswordProblem::Common)),
                "{password}"
            );
        }
    }

    #[test]
    fn the_list_is_loaded_without_its_notes() {
        assert!(COMMON.len() > 11_000, "{}", COMMON.len());
        assert!(COMMON.iter().all(|p| p.chars().count() >= MIN_PASSWORD_CHARS && !p.starts_with('#')));
        assert!(COMMON.iter().all(|p| *p == p.to_lowercase()), "lookups fold to lower case");
    }

    #[test]
    fn own_login_and_context_words_are_refused() {
        let context = ["Dana.Demo@Customer.example", "3035550199", "Summit Rentals"];
        for password in ["dana.demo@customer.example", "DANA.DEMO", "3035550199", " summit rentals "] {
            assert_eq!(
                check_new_password(password, &context),
                Err(vec![PasswordProblem::MatchesContext]),
                "{password}"
            );
        }
        assert!(check_new_password("dana demo climbs summit", &context).is_ok());
        assert!(check_new_password("anything-goes-here", &["", "@x"]).is_ok(), "empty words match nothing");
    }

    #[test]
    fn every_problem_is_reported_as_a_field_error() {
        let errors = check_new_password_field("pass", &["pass"], "new_password").unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors.iter().all(|e| e.field == "new_password"));
        assert!(errors[0].message.contains("at least 8"));
    }
}
