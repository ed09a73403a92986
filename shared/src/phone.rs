//! Phone numbers as typed by people: normalised to national digits for matching.
//!
//! Customers type their phone number with spaces, dashes, parentheses, dots or an
//! international prefix. Back-office records are just as varied. Both sides go through
//! [`normalize_phone`] so "(555) 123-4567", "555.123.4567" and "+1 555 123 4567" match.

/// Normalises a phone number to its national digits, or `None` when it cannot be a phone.
///
/// Rules: keep digits only; drop an international `00` prefix; `+1`/`1` before a 10-digit
/// North American number is dropped; `44` (UK) and `61` (Australia) prefixes become the
/// national trunk `0`.
pub fn normalize_phone(input: &str) -> Option<String> {
    let trimmed = input.trim();
    if trimmed.is_empty() || !trimmed.chars().all(|c| c.is_ascii_digit() || " +-().\u{a0}/".contains(c)) {
        return None;
    }
    let mut digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if let Some(rest) = digits.strip_prefix("00") {
        digits = rest.to_string();
    }
    let national = if digits.len() == 11 && digits.starts_with('1') {
        digits[1..].to_string()
    } else if let Some(rest) = digits.strip_prefix("44").filter(|r| r.len() == 10) {
        format!("0{rest}")
    } else if let Some(rest) = digits.strip_prefix("61").filter(|r| r.len() == 9) {
        format!("0{rest}")
    } else {
        digits
    };
    (7..=15).contains(&national.len()).then_some(national)
}

#[cfg(test)]
mod tests {
    use super::normalize_phone;

    #[test]
    fn accepts_common_us_formats() {
        for input in [
            "5551234567",
            "555-123-4567",
            "(555) 123-4567",
            "555.123.4567",
            "+1 555 123 4567",
            "1-555-123-4567",
            "001 555 123 4567",
        ] {
            assert_eq!(normalize_phone(input).as_deref(), Some("5551234567"), "{input}");
        }
    }

    #[test]
    fn uk_and_australian_prefixes_become_trunk_zero() {
        assert_eq!(normalize_phone("+44 20 7946 0958").as_deref(), Some("02079460958"));
        assert_eq!(normalize_phone("020 7946 0958").as_deref(), Some("02079460958"));
        assert_eq!(normalize_phone("+61 2 9876 5432").as_deref(), Some("0298765432"));
    }

    #[test]
    fn rejects_what_is_not_a_phone() {
        assert_eq!(normalize_phone(""), None);
        assert_eq!(normalize_phone("demo@customer.example"), None);
        assert_eq!(normalize_phone("12345"), None);
        assert_eq!(normalize_phone("555-CALL-NOW"), None);
    }
}
