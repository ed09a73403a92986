//! The rules of customer requests (D2-D4, C7) and the store's inbox (H7): which status
//! change each action makes, what a valid request looks like, and confirmation numbers.
//!
//! Everything here is pure so the rules can be tested without a database; the routes load
//! the facts (the lines a request names) and pass them in.

use chrono::NaiveDate;
use rand::Rng;
use rand::rngs::OsRng;
use sha2::{Digest, Sha256};
use shared::contracts::LineStatus;
use shared::email::EmailAddress;
use shared::error::FieldError;
use shared::requests::{RequestContact, RequestKind, RequestStatus, StaffAction};
use uuid::Uuid;

/// Longest free text (notes, descriptions) a request takes.
pub const MAX_TEXT: usize = 2000;
/// Longest short text (names, phone numbers, time windows, addresses).
pub const MAX_SHORT: usize = 200;
/// Longest site address.
pub const MAX_ADDRESS: usize = 500;
/// Most lines one request may name.
pub const MAX_LINES: usize = 200;
/// Longest `Idempotency-Key` accepted.
pub const MAX_IDEMPOTENCY_KEY: usize = 200;

/// Characters of confirmation numbers: no 0/O, 1/I/L or U/V pairs to misread on a phone call.
const NUMBER_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTWXYZ";

/// A fresh confirmation number such as `CO-7K3M-9QX2`: kind prefix and eight characters
/// from the operating system's random source. 29^8 (about 5*10^11) values per kind, so a
/// collision inside one dealer is rare; the caller retries on the unique constraint anyway.
pub fn confirmation_number(kind: RequestKind) -> String {
    prefixed_number(kind.number_prefix())
}

/// A fresh number `<prefix>-XXXX-XXXX` from the unambiguous alphabet, as
/// [`confirmation_number`] makes them; payment receipts (`PAY-`) use it too.
pub fn prefixed_number(prefix: &str) -> String {
    let mut rng = OsRng;
    let mut pick = || char::from(NUMBER_ALPHABET[rng.gen_range(0..NUMBER_ALPHABET.len())]);
    let first: String = (0..4).map(|_| pick()).collect();
    let second: String = (0..4).map(|_| pick()).collect();
    format!("{prefix}-{first}-{second}")
}

/// SHA-256 (hex) of the request's kind and its canonical JSON body: the typed input
/// re-serialised, so whitespace and key order of what the client sent do not matter.
/// A retry under the same `Idempotency-Key` must match it, or it answers 409.
pub fn request_hash<T: serde::Serialize>(kind: RequestKind, input: &T) -> String {
    tagged_hash(kind.as_str(), input)
}

/// [`request_hash`] under any tag (a request kind, `payment`): one key cannot replay
/// across tags.
pub fn tagged_hash<T: serde::Serialize>(tag: &str, input: &T) -> String {
    // Through `Value` so object keys come out sorted whatever the struct order.
    let canonical = serde_json::to_value(input).map(|v| v.to_string()).unwrap_or_default();
    let mut hasher = Sha256::new();
    hasher.update(tag.as_bytes());
    hasher.update(b"\n");
    hasher.update(canonical.as_bytes());
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Why a status change is refused (answered 409, or 422 for a missing field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransitionError {
    /// The action does not apply to a request in this status.
    NotAllowed { from: RequestStatus, action: StaffAction },
    /// The action needs a field the input lacks or has wrong.
    Invalid(FieldError),
}

/// The status a store action leads to, from `from`:
///
/// - acknowledge: requested → acknowledged;
/// - schedule (needs `scheduled_date` on or after `today`): requested, acknowledged or
///   scheduled (re-scheduling) → scheduled;
/// - complete: acknowledged or scheduled → completed;
/// - cancel (needs a `note`): any open status → cancelled.
pub fn staff_transition(
    from: RequestStatus,
    action: StaffAction,
    note: Option<&str>,
    scheduled_date: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<RequestStatus, TransitionError> {
    use RequestStatus::*;
    let not_allowed = Err(TransitionError::NotAllowed { from, action });
    match action {
        StaffAction::Acknowledge => match from {
            Requested => Ok(Acknowledged),
            _ => not_allowed,
        },
        StaffAction::Schedule => match from {
            Requested | Acknowledged | Scheduled => match scheduled_date {
                Some(date) if date >= today => Ok(Scheduled),
                Some(_) => {
                    Err(TransitionError::Invalid(field("scheduled_date", "Choose today or a later date.")))
                }
                None => Err(TransitionError::Invalid(field("scheduled_date", "Choose a date."))),
            },
            _ => not_allowed,
        },
        StaffAction::Complete => match from {
            Acknowledged | Scheduled => Ok(Completed),
            _ => not_allowed,
        },
        StaffAction::Cancel => {
            if !from.is_open() {
                return not_allowed;
            }
            match note.map(str::trim) {
                Some(n) if !n.is_empty() && n.chars().count() <= MAX_TEXT => Ok(Cancelled),
                Some(n) if !n.is_empty() => Err(TransitionError::Invalid(too_long("note", MAX_TEXT))),
                _ => Err(TransitionError::Invalid(field(
                    "note",
                    "Say why the request is cancelled; the customer reads it.",
                ))),
            }
        }
    }
}

/// The customer may withdraw a request only until the store acknowledged it.
pub fn customer_may_cancel(status: RequestStatus) -> bool {
    status == RequestStatus::Requested
}

/// Words for a status in conflicts ("picked up" for a completed call-off); e-mails say it in
/// their reader's language (`email-request-status` in `server-email.ftl`).
pub fn status_words(kind: RequestKind, status: RequestStatus) -> &'static str {
    match (kind, status) {
        (_, RequestStatus::Requested) => "requested",
        (_, RequestStatus::Acknowledged) => "acknowledged",
        (_, RequestStatus::Scheduled) => "scheduled",
        (RequestKind::CallOff, RequestStatus::Completed) => "picked up",
        (RequestKind::Extension, RequestStatus::Completed) => "granted",
        (RequestKind::BookAgain, RequestStatus::Completed) => "booked",
        (_, RequestStatus::Completed) => "completed",
        (_, RequestStatus::Cancelled) => "cancelled",
    }
}

fn field(name: &str, message: &str) -> FieldError {
    FieldError { field: name.into(), message: message.into() }
}

fn too_long(name: &str, max: usize) -> FieldError {
    FieldError { field: name.into(), message: format!("Use at most {max} characters.") }
}

/// Trimmed text, `None` when blank.
pub fn clean(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
}

/// Checks an optional text's length.
fn check_len(errors: &mut Vec<FieldError>, name: &str, text: Option<&str>, max: usize) {
    if text.is_some_and(|t| t.trim().chars().count() > max) {
        errors.push(too_long(name, max));
    }
}

/// The contact block: a name, an email the customer's copy goes to, an optional phone.
pub fn check_contact(errors: &mut Vec<FieldError>, contact: &RequestContact) {
    if contact.name.trim().is_empty() {
        errors.push(field("contact.name", "Enter the name of the person to contact on site."));
    }
    check_len(errors, "contact.name", Some(&contact.name), MAX_SHORT);
    if !EmailAddress::is_valid(&contact.email) {
        errors.push(field("contact.email", "Enter an email address like name@example.com."));
    }
    check_len(errors, "contact.phone", contact.phone.as_deref(), MAX_SHORT);
}

/// A required site address.
pub fn check_site_address(errors: &mut Vec<FieldError>, address: &str) {
    if address.trim().is_empty() {
        errors.push(field("site_address", "Enter the address where the items are."));
    }
    check_len(errors, "site_address", Some(address), MAX_ADDRESS);
}

/// Optional free text (notes, a time window) of at most `max` characters.
pub fn check_text(errors: &mut Vec<FieldError>, name: &str, text: Option<&str>, max: usize) {
    check_len(errors, name, text, max);
}

/// Line ids as sent: at most [`MAX_LINES`], no repeats; `required` when empty is an error.
pub fn check_line_ids(errors: &mut Vec<FieldError>, line_ids: &[Uuid], required: bool) {
    if required && line_ids.is_empty() {
        errors.push(field("line_ids", "Select at least one item."));
    }
    if line_ids.len() > MAX_LINES {
        errors.push(field("line_ids", &format!("Select at most {MAX_LINES} items at a time.")));
    }
    let mut seen = std::collections::HashSet::new();
    if line_ids.iter().any(|id| !seen.insert(*id)) {
        errors.push(field("line_ids", "An item is selected twice."));
    }
}

/// What the rules need to know about a contract line a request names, as loaded within
/// the customer's own contracts.
#[derive(Debug, Clone)]
pub struct LineFacts {
    pub id: Uuid,
    pub external_id: String,
    pub contract_id: Uuid,
    pub contract_external_id: String,
    pub contract_number: String,
    pub location_id: Uuid,
    pub description: String,
    pub item_code: Option<String>,
    pub serial_number: Option<String>,
    pub quantity: i32,
    pub is_rental: bool,
    pub status: Option<LineStatus>,
    pub start_date: Option<NaiveDate>,
    pub expected_return: Option<NaiveDate>,
}

impl LineFacts {
    /// "Mini excavator 3.5t (S-000123)", to name the item in an error.
    pub fn label(&self) -> String {
        format!("{} ({})", self.description, self.contract_number)
    }
}

/// Every requested id must be among the customer's lines (`found`); unknown and foreign
/// ids are refused alike, so a foreign id reveals nothing.
pub fn check_lines_found(errors: &mut Vec<FieldError>, requested: &[Uuid], found: &[LineFacts]) {
    let unknown = requested.iter().filter(|id| !found.iter().any(|l| l.id == **id)).count();
    if unknown > 0 {
        errors.push(field(
            "line_ids",
            &if unknown == 1 {
                "One selected item is not on this account.".to_string()
            } else {
                format!("{unknown} selected items are not on this account.")
            },
        ));
    }
}

/// Each line must be a rental line in one of `allowed` statuses; `what` finishes the
/// sentence "… cannot be <what>".
pub fn check_line_status(
    errors: &mut Vec<FieldError>,
    lines: &[LineFacts],
    allowed: &[LineStatus],
    what: &str,
) {
    for line in lines {
        if !line.is_rental || !line.status.is_some_and(|s| allowed.contains(&s)) {
            let state = match line.status {
                Some(LineStatus::CalledOff) => "already called off",
                Some(LineStatus::Returned) => "already returned",
                Some(LineStatus::Reserved) => "not out yet",
                Some(LineStatus::Out) => "out",
                None => "not a rental item",
            };
            errors.push(field("line_ids", &format!("{} is {state} and cannot be {what}.", line.label())));
        }
    }
}

/// Call-off dates: the pickup is today or later and not before any item's start.
pub fn check_pickup_date(
    errors: &mut Vec<FieldError>,
    pickup: NaiveDate,
    lines: &[LineFacts],
    today: NaiveDate,
) {
    if pickup < today {
        errors.push(field("pickup_date", "Choose today or a later date."));
        return;
    }
    if let Some(line) = lines.iter().find(|l| l.start_date.is_some_and(|s| pickup < s)) {
        errors.push(field(
            "pickup_date",
            &format!(
                "{} starts on {}: choose that date or a later one.",
                line.label(),
                line.start_date.map(|d| d.to_string()).unwrap_or_default()
            ),
        ));
    }
}

/// Extension: the new return date is after today and after each item's current one.
pub fn check_new_return_date(
    errors: &mut Vec<FieldError>,
    new_return: NaiveDate,
    lines: &[LineFacts],
    today: NaiveDate,
) {
    if new_return <= today {
        errors.push(field("new_return_date", "Choose a date after today."));
        return;
    }
    if let Some(line) = lines.iter().find(|l| l.expected_return.is_some_and(|r| new_return <= r)) {
        errors.push(field(
            "new_return_date",
            &format!(
                "{} is already due back on {}: choose a later date.",
                line.label(),
                line.expected_return.map(|d| d.to_string()).unwrap_or_default()
            ),
        ));
    }
}

/// Book again: start today or later; an end, if any, on or after the start.
pub fn check_booking_dates(
    errors: &mut Vec<FieldError>,
    start: NaiveDate,
    end: Option<NaiveDate>,
    today: NaiveDate,
) {
    if start < today {
        errors.push(field("start_date", "Choose today or a later date."));
    }
    if end.is_some_and(|e| e < start) {
        errors.push(field("end_date", "Choose a date on or after the start date."));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn every_status_and_action_pair_has_one_answer() {
        use RequestStatus::*;
        use StaffAction::*;
        let today = day(10);
        let cases = [
            (Requested, Acknowledge, Some(Acknowledged)),
            (Acknowledged, Acknowledge, None),
            (Scheduled, Acknowledge, None),
            (Completed, Acknowledge, None),
            (Cancelled, Acknowledge, None),
            (Requested, Schedule, Some(Scheduled)),
            (Acknowledged, Schedule, Some(Scheduled)),
            (Scheduled, Schedule, Some(Scheduled)),
            (Completed, Schedule, None),
            (Cancelled, Schedule, None),
            (Requested, Complete, None),
            (Acknowledged, Complete, Some(Completed)),
            (Scheduled, Complete, Some(Completed)),
            (Completed, Complete, None),
            (Cancelled, Complete, None),
            (Requested, Cancel, Some(Cancelled)),
            (Acknowledged, Cancel, Some(Cancelled)),
            (Scheduled, Cancel, Some(Cancelled)),
            (Completed, Cancel, None),
            (Cancelled, Cancel, None),
        ];
        for (from, action, to) in cases {
            let got = staff_transition(from, action, Some("reason"), Some(today), today);
            match to {
                Some(to) => assert_eq!(got, Ok(to), "{from:?} {action:?}"),
                None => {
                    assert_eq!(got, Err(TransitionError::NotAllowed { from, action }), "{from:?} {action:?}")
                }
            }
        }
    }

    #[test]
    fn schedule_needs_a_date_not_in_the_past_and_cancel_needs_a_reason() {
        let today = day(10);
        let err = |r: Result<RequestStatus, TransitionError>| match r {
            Err(TransitionError::Invalid(f)) => f.field,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            err(staff_transition(RequestStatus::Requested, StaffAction::Schedule, None, None, today)),
            "scheduled_date"
        );
        assert_eq!(
            err(staff_transition(RequestStatus::Requested, StaffAction::Schedule, None, Some(day(9)), today)),
            "scheduled_date"
        );
        assert_eq!(
            err(staff_transition(RequestStatus::Requested, StaffAction::Cancel, Some("  "), None, today)),
            "note"
        );
        assert!(customer_may_cancel(RequestStatus::Requested));
        assert!(!customer_may_cancel(RequestStatus::Acknowledged));
    }

    #[test]
    fn confirmation_numbers_use_the_unambiguous_alphabet() {
        for _ in 0..200 {
            let number = confirmation_number(RequestKind::CallOff);
            assert_eq!(number.len(), 12, "{number}");
            assert!(number.starts_with("CO-"));
            assert_eq!(&number[7..8], "-");
            assert!(
                number[3..].chars().filter(|c| *c != '-').all(|c| NUMBER_ALPHABET.contains(&(c as u8))),
                "{number}"
            );
            assert!(!number[3..].contains(['0', 'O', '1', 'I', 'L']));
        }
        assert!(confirmation_number(RequestKind::Service).starts_with("SR-"));
    }

    #[test]
    fn request_hash_ignores_key_order_and_tells_kinds_apart() {
        let a = serde_json::json!({"a": 1, "b": [1, 2]});
        let b: serde_json::Value = serde_json::from_str(r#"{"b":[1,2],"a":1}"#).unwrap();
        assert_eq!(request_hash(RequestKind::CallOff, &a), request_hash(RequestKind::CallOff, &b));
        assert_ne!(request_hash(RequestKind::CallOff, &a), request_hash(RequestKind::Service, &a));
        assert_eq!(request_hash(RequestKind::CallOff, &a).len(), 64);
    }

    #[test]
    fn contact_and_texts_are_checked() {
        let mut errors = Vec::new();
        check_contact(&mut errors, &RequestContact { name: " ".into(), phone: None, email: "nope".into() });
        check_site_address(&mut errors, "");
        check_text(&mut errors, "notes", Some(&"x".repeat(MAX_TEXT + 1)), MAX_TEXT);
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["contact.name", "contact.email", "site_address", "notes"]);
    }

    fn line(status: LineStatus, start: u32, due: u32) -> LineFacts {
        LineFacts {
            id: Uuid::now_v7(),
            external_id: "1".into(),
            contract_id: Uuid::now_v7(),
            contract_external_id: "KS000001".into(),
            contract_number: "S-000001".into(),
            location_id: Uuid::nil(),
            description: "Mini excavator".into(),
            item_code: None,
            serial_number: None,
            quantity: 1,
            is_rental: true,
            status: Some(status),
            start_date: Some(day(start)),
            expected_return: Some(day(due)),
        }
    }

    #[test]
    fn line_rules_name_the_item() {
        let lines = [line(LineStatus::Out, 1, 20), line(LineStatus::CalledOff, 1, 20)];
        let mut errors = Vec::new();
        check_line_status(&mut errors, &lines, &[LineStatus::Out], "called off");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("Mini excavator (S-000001) is already called off"), "{errors:?}");

        let mut errors = Vec::new();
        check_pickup_date(&mut errors, day(9), &lines, day(10));
        check_pickup_date(&mut errors, day(12), &[line(LineStatus::Out, 15, 20)], day(10));
        check_new_return_date(&mut errors, day(18), &lines, day(10));
        check_booking_dates(&mut errors, day(12), Some(day(11)), day(10));
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["pickup_date", "pickup_date", "new_return_date", "end_date"]);

        let mut errors = Vec::new();
        check_line_ids(&mut errors, &[lines[0].id, lines[0].id], true);
        check_lines_found(&mut errors, &[Uuid::now_v7()], &lines);
        assert_eq!(errors.len(), 2);
    }
}
