//! The back office's contract batches (I3): what a batch must satisfy on its own, before
//! the database is asked about customers, stores and numbers, and how a line status the
//! back office sends meets the portal's open call-offs.

use std::collections::HashSet;

use chrono::NaiveDate;
use shared::contract_upserts::{ContractLineUpsert, ContractUpsert, MAX_CONTRACTS, MAX_LINES};
use shared::contracts::{ContractStatus, LineKind, LineStatus};
use shared::error::FieldError;

use crate::domain::records::text;
use crate::error::ApiError;

/// Longest ids, codes and references accepted (characters).
const MAX_ID: usize = 100;
const MAX_NUMBER: usize = 50;
const MAX_TEXT: usize = 500;
const MAX_NOTES: usize = 4000;

/// Every problem the batch shows on its own, each named by its path
/// (`contracts[3].lines[2].status`); what needs the database (unknown customers and
/// stores, numbers taken, lines that requests name) is checked by the upsert.
pub fn validate(contracts: &[ContractUpsert]) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    if contracts.len() > MAX_CONTRACTS {
        errors.push(FieldError {
            field: "contracts".into(),
            message: format!("Send at most {MAX_CONTRACTS} contracts per batch."),
        });
    }
    let mut external_ids = HashSet::new();
    let mut numbers = HashSet::new();
    for (i, contract) in contracts.iter().enumerate() {
        let path = format!("contracts[{i}]");
        let mut error = |field: &str, message: &str| {
            errors.push(FieldError { field: format!("{path}.{field}"), message: message.into() });
        };
        let external_id = contract.external_id.trim();
        if external_id.is_empty() {
            error("external_id", "Enter the contract's id in the back office.");
        } else if external_id.chars().count() > MAX_ID {
            error("external_id", "Use at most 100 characters.");
        } else if !external_ids.insert(external_id) {
            error("external_id", "This contract is in the batch twice.");
        }
        if contract.customer_external_id.trim().is_empty() {
            error("customer_external_id", "Enter the customer's id in the back office.");
        }
        if contract.location_external_id.trim().is_empty() {
            error("location_external_id", "Enter the store's id in the back office.");
        }
        let number = contract.number.trim();
        if number.is_empty() {
            error("number", "Enter the contract number.");
        } else if number.chars().count() > MAX_NUMBER {
            error("number", "Use at most 50 characters.");
        } else if !numbers.insert(number) {
            error("number", "Two contracts in the batch have this number.");
        }
        for (field, value, max) in [
            ("job_number", &contract.job_number, MAX_ID),
            ("po_number", &contract.po_number, MAX_ID),
            ("job_site", &contract.job_site, MAX_TEXT),
            ("ordered_by", &contract.ordered_by, MAX_TEXT),
            ("notes", &contract.notes, MAX_NOTES),
        ] {
            if text(value).is_some_and(|v| v.chars().count() > max) {
                error(field, &format!("Use at most {max} characters."));
            }
        }
        match contract.close_date {
            Some(close) if close < contract.start_date => {
                error("close_date", "The close date is before the start date.")
            }
            None if contract.status == ContractStatus::Closed => {
                error("close_date", "A closed contract needs its close date.")
            }
            _ => {}
        }
        if contract.lines.len() > MAX_LINES {
            error("lines", &format!("Send at most {MAX_LINES} lines per contract."));
        }
        let mut line_ids = HashSet::new();
        let mut line_numbers = HashSet::new();
        for (j, line) in contract.lines.iter().enumerate() {
            let line_path = format!("{path}.lines[{j}]");
            validate_line(&mut errors, &line_path, line, &mut line_ids, &mut line_numbers);
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
}

/// The problems of one line on its own, and against the lines before it in its contract.
fn validate_line<'a>(
    errors: &mut Vec<FieldError>,
    path: &str,
    line: &'a ContractLineUpsert,
    ids: &mut HashSet<&'a str>,
    numbers: &mut HashSet<i32>,
) {
    let mut error = |field: &str, message: &str| {
        errors.push(FieldError { field: format!("{path}.{field}"), message: message.into() });
    };
    let external_id = line.external_id.trim();
    if external_id.is_empty() {
        error("external_id", "Enter the line's id in the back office.");
    } else if external_id.chars().count() > MAX_ID {
        error("external_id", "Use at most 100 characters.");
    } else if !ids.insert(external_id) {
        error("external_id", "This line is in the contract twice.");
    }
    if line.line_no < 1 {
        error("line_no", "Line numbers start at 1.");
    } else if !numbers.insert(line.line_no) {
        error("line_no", "Two lines of the contract have this number.");
    }
    let description = line.description.trim();
    if description.is_empty() {
        error("description", "Describe the line.");
    } else if description.chars().count() > MAX_TEXT {
        error("description", "Use at most 500 characters.");
    }
    for (field, value) in
        [("item_code", &line.item_code), ("serial_number", &line.serial_number), ("category", &line.category)]
    {
        if text(value).is_some_and(|v| v.chars().count() > MAX_ID) {
            error(field, "Use at most 100 characters.");
        }
    }
    if line.quantity < 0 {
        error("quantity", "The quantity cannot be negative.");
    }
    for (field, value) in [
        ("daily_rate_minor", line.daily_rate_minor),
        ("weekly_rate_minor", line.weekly_rate_minor),
        ("monthly_rate_minor", line.monthly_rate_minor),
    ] {
        if value.is_some_and(|v| v < 0) {
            error(field, "A rate cannot be negative.");
        }
    }
    match (line.kind, line.status) {
        (LineKind::Rental, None) => error("status", "A rental line needs its status."),
        (LineKind::Sale | LineKind::Fee, Some(_)) => {
            error("status", "Only rental lines have a status; leave it out for sales and fees.")
        }
        _ => {}
    }
    match (line.status, line.returned_on) {
        (Some(LineStatus::Returned), None) => error("returned_on", "A returned line needs its return date."),
        (Some(LineStatus::Returned), Some(_)) | (_, None) => {}
        (_, Some(_)) => error("returned_on", "Only a returned line has a return date."),
    }
    if let Some(start) = line.start_date {
        if line.expected_return.is_some_and(|due| due < start) {
            error("expected_return", "The expected return is before the start date.");
        }
        if line.returned_on.is_some_and(|back| back < start) {
            error("returned_on", "The return date is before the start date.");
        }
    }
}

/// The status the portal keeps for a line the back office sent with `sent`, when an open
/// call-off of the portal holds the line (`held`). The back office may not know the
/// call-off yet: until it says the item is `returned`, an `out` (or `reserved`) line a
/// call-off holds stays `called_off`, so the customer's call-off is not undone by the next
/// sync. Every other status is the back office's word.
pub fn kept_status(sent: Option<LineStatus>, held: bool) -> Option<LineStatus> {
    match sent {
        Some(LineStatus::Out | LineStatus::Reserved) if held => Some(LineStatus::CalledOff),
        other => other,
    }
}

/// Whether an open call-off is done, from the statuses and return dates of every line it
/// names: once all are `returned` it is, and the date is the last return date (the day the
/// last item came back; `today` if none says). `None` while any line is still out.
pub fn call_off_returned(
    lines: &[(Option<LineStatus>, Option<NaiveDate>)],
    today: NaiveDate,
) -> Option<NaiveDate> {
    if lines.is_empty() || lines.iter().any(|(status, _)| *status != Some(LineStatus::Returned)) {
        return None;
    }
    Some(lines.iter().filter_map(|(_, day)| *day).max().unwrap_or(today))
}

/// The note of the `completed` event the back office's return writes on a call-off.
pub fn returned_note(day: NaiveDate) -> String {
    format!("Returned at the counter on {}.", day.format("%Y-%m-%d"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn line(external_id: &str, line_no: i32) -> ContractLineUpsert {
        ContractLineUpsert {
            external_id: external_id.into(),
            line_no,
            kind: LineKind::Rental,
            item_code: Some("EXC-35".into()),
            description: "Mini excavator".into(),
            serial_number: Some("EXC-35-0001".into()),
            category: Some("Excavators".into()),
            quantity: 1,
            status: Some(LineStatus::Out),
            daily_rate_minor: Some(32_500),
            weekly_rate_minor: None,
            monthly_rate_minor: None,
            start_date: Some(day(2)),
            expected_return: Some(day(20)),
            returned_on: None,
            amount_minor: 32_500,
        }
    }

    fn contract(external_id: &str, number: &str) -> ContractUpsert {
        ContractUpsert {
            external_id: external_id.into(),
            customer_external_id: "CUST-1".into(),
            location_external_id: "LOC-1".into(),
            number: number.into(),
            status: ContractStatus::Open,
            job_number: None,
            po_number: None,
            job_site: None,
            ordered_by: None,
            notes: None,
            start_date: day(2),
            close_date: None,
            amount_minor: 32_500,
            amount_due_minor: 0,
            lines: vec![line("L1", 1), line("L2", 2)],
        }
    }

    fn fields(contracts: &[ContractUpsert]) -> Vec<String> {
        match validate(contracts) {
            Ok(()) => Vec::new(),
            Err(ApiError::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn each_bad_field_is_named_with_its_path() {
        let mut closed = contract("B", "C-2");
        closed.status = ContractStatus::Closed;
        closed.lines[0].quantity = -1;
        closed.lines[1].external_id = "L1".into();
        closed.lines[1].status = Some(LineStatus::Returned);
        let mut fee = contract("C", "C-3");
        fee.lines[0].kind = LineKind::Fee;
        fee.lines[1].line_no = 0;
        fee.lines[1].returned_on = Some(day(1));
        let mut twice = contract("A", "C-1");
        twice.customer_external_id = " ".into();
        assert_eq!(
            fields(&[contract("A", "C-1"), closed, fee, twice]),
            [
                "contracts[1].close_date",
                "contracts[1].lines[0].quantity",
                "contracts[1].lines[1].external_id",
                "contracts[1].lines[1].returned_on",
                "contracts[2].lines[0].status",
                "contracts[2].lines[1].line_no",
                "contracts[2].lines[1].returned_on",
                "contracts[2].lines[1].returned_on",
                "contracts[3].external_id",
                "contracts[3].customer_external_id",
                "contracts[3].number",
            ]
        );
        assert!(fields(&[contract("A", "C-1"), contract("B", "C-2")]).is_empty());
    }

    #[test]
    fn batches_and_contracts_over_the_limits_are_refused() {
        let batch: Vec<_> =
            (0..=MAX_CONTRACTS).map(|i| contract(&format!("E{i}"), &format!("N{i}"))).collect();
        assert_eq!(fields(&batch), ["contracts"]);
        let mut long = contract("A", "C-1");
        long.lines = (1..=MAX_LINES + 1).map(|n| line(&format!("L{n}"), n as i32)).collect();
        assert_eq!(fields(&[long]), ["contracts[0].lines"]);
    }

    #[test]
    fn a_call_off_keeps_its_lines_until_they_are_returned() {
        use LineStatus::*;
        assert_eq!(kept_status(Some(Out), true), Some(CalledOff));
        assert_eq!(kept_status(Some(Reserved), true), Some(CalledOff));
        assert_eq!(kept_status(Some(Returned), true), Some(Returned));
        assert_eq!(kept_status(Some(Out), false), Some(Out));
        assert_eq!(kept_status(None, true), None);
    }

    #[test]
    fn a_call_off_is_done_when_every_line_is_back() {
        use LineStatus::*;
        let today = day(9);
        assert_eq!(
            call_off_returned(&[(Some(Returned), Some(day(3))), (Some(Returned), Some(day(5)))], today),
            Some(day(5))
        );
        assert_eq!(call_off_returned(&[(Some(Returned), None)], today), Some(today));
        assert_eq!(
            call_off_returned(&[(Some(Returned), Some(day(3))), (Some(CalledOff), None)], today),
            None
        );
        assert_eq!(call_off_returned(&[], today), None);
        assert_eq!(returned_note(day(5)), "Returned at the counter on 2026-11-05.");
    }
}
