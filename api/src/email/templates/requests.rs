//! Letters about a customer request (call-off, service, extension, book again): the new
//! request to the store, the customer's copy and each status change, all carrying the
//! request's facts in the dealer's words.

use shared::branding::{Branding, Terminology};
use shared::requests::{RequestDetail, RequestKind, RequestStatus};

use super::{Letter, Sender, timestamp};
use crate::db::outbox::NewEmail;

/// "call-off" / "off-hire" and the other kinds of request, in the dealer's words.
pub fn request_noun(kind: RequestKind, terminology: Terminology) -> &'static str {
    match (kind, terminology) {
        (RequestKind::CallOff, Terminology::Rentals) => "call-off",
        (RequestKind::CallOff, Terminology::Hires) => "off-hire",
        (RequestKind::Service, _) => "service request",
        (RequestKind::Extension, Terminology::Rentals) => "rental extension",
        (RequestKind::Extension, Terminology::Hires) => "hire extension",
        (RequestKind::BookAgain, _) => "booking request",
    }
}

/// The dealer's words; the portal's own (rentals) without a dealer.
fn terminology(branding: Option<&Branding>) -> Terminology {
    branding.map(|b| b.terminology).unwrap_or_default()
}

/// The labelled facts of a request, shared by every email about it.
fn request_details(request: &RequestDetail, words: Terminology) -> Vec<(&'static str, String)> {
    let s = &request.summary;
    let mut rows = vec![
        ("Confirmation number", s.number.clone()),
        ("Received", timestamp(s.created_at)),
        ("Account", format!("{} ({})", s.customer.name, s.customer.account_number)),
    ];
    if let Some(location) = &s.location {
        rows.push(("Store", location.name.clone()));
    }
    if let Some(kind) = s.service_kind {
        rows.push(("Service", kind.label().to_string()));
    }
    if !request.lines.is_empty() {
        let items: Vec<String> = request
            .lines
            .iter()
            .map(|l| {
                let serial = l.serial_number.as_deref().map(|s| format!(", serial {s}")).unwrap_or_default();
                format!("{} x {} (contract {}{serial})", l.quantity, l.description, l.contract_number)
            })
            .collect();
        // A trailing newline makes even one item render as a list.
        rows.push(("Items", format!("{}\n", items.join("\n"))));
    }
    if let Some(date) = s.pickup_date {
        let window = request.pickup_window.as_deref().map(|w| format!(", {w}")).unwrap_or_default();
        rows.push(("Pickup date", format!("{date}{window}")));
    }
    if let Some(date) = request.billing_stop_date {
        let noun = if words == Terminology::Hires { "Hire charges stop" } else { "Billing stops" };
        rows.push((noun, date.to_string()));
    }
    match s.kind {
        RequestKind::Extension => {
            if let Some(date) = request.requested_date {
                rows.push(("New return date", date.to_string()));
            }
        }
        RequestKind::BookAgain => {
            if let Some(date) = request.requested_date {
                rows.push(("Wanted from", date.to_string()));
            }
            if let Some(date) = request.requested_end_date {
                rows.push(("Wanted until", date.to_string()));
            }
        }
        _ => {}
    }
    if let Some(date) = s.scheduled_date {
        rows.push(("Scheduled for", date.to_string()));
    }
    if let Some(address) = &request.site_address {
        rows.push(("Site address", address.clone()));
    }
    let c = &request.contact;
    let phone = c.phone.as_deref().map(|p| format!(", {p}")).unwrap_or_default();
    rows.push(("Contact", format!("{}{phone}, {}", c.name, c.email)));
    if let Some(description) = &request.description {
        rows.push(("Description", description.clone()));
    }
    if let Some(notes) = &request.notes {
        rows.push(("Notes", notes.clone()));
    }
    rows
}

/// A new request, to the store that works it (D2: "the store gets an email").
pub fn request_to_store(branding: Option<&Branding>, to: &str, request: &RequestDetail) -> NewEmail {
    let words = terminology(branding);
    let noun = request_noun(request.summary.kind, words);
    let s = &request.summary;
    let letter = Letter::new("request_store", format!("New {noun} {} from {}", s.number, s.customer.name))
        .say(format!(
            "{} ({}) sent a {noun} through the customer portal. It waits in the portal's inbox: \
             acknowledge it there so the customer sees it is being handled.",
            s.customer.name, s.customer.account_number
        ))
        .details(request_details(request, words))
        .footer("Sent by the customer portal.");
    Sender::of(branding).email(to, letter)
}

/// The customer's copy of a new request, to the contact email they entered (D2, D3): the
/// confirmation number and server timestamp are their evidence.
pub fn request_copy(branding: Option<&Branding>, to: &str, request: &RequestDetail) -> NewEmail {
    let words = terminology(branding);
    let noun = request_noun(request.summary.kind, words);
    let s = &request.summary;
    let received = format!(
        "We received your {noun} on {}. Your confirmation number is {}.",
        timestamp(s.created_at),
        s.number
    );
    let mut letter =
        Letter::new("request_copy", format!("Your {noun} {} was received", s.number)).say(received);
    if s.kind == RequestKind::CallOff {
        letter = letter.say(format!(
            "Keep this email: it records when you asked us to collect, and the date from which \
             {} should stop.",
            if words == Terminology::Hires { "hire charges" } else { "billing" }
        ));
    }
    let letter = letter.say("We will email you at each step: acknowledged, scheduled and done.");
    to_request_contact(branding, to, request, letter)
}

/// A status change of a request, to its contact email (H7: "the customer notified at each
/// step"). `request` already shows the new status; `note` is what the store or customer wrote.
pub fn request_status(
    branding: Option<&Branding>,
    to: &str,
    request: &RequestDetail,
    note: Option<&str>,
) -> NewEmail {
    let noun = request_noun(request.summary.kind, terminology(branding));
    let s = &request.summary;
    let status = crate::domain::requests::status_words(s.kind, s.status);
    let now = match (s.status, s.scheduled_date) {
        (RequestStatus::Scheduled, Some(date)) => {
            format!("Your {noun} {} is scheduled for {date}.", s.number)
        }
        _ => format!("Your {noun} {} is now {status}.", s.number),
    };
    let mut letter = Letter::new("request_status", format!("Your {noun} {} is {status}", s.number)).say(now);
    if let Some(note) = note.map(str::trim).filter(|n| !n.is_empty()) {
        letter = letter.say(format!("Note: {note}"));
    }
    to_request_contact(branding, to, request, letter)
}

/// `letter` about `request` to its contact: greeting them, followed by the request's
/// details and where to follow it in the portal.
fn to_request_contact(
    branding: Option<&Branding>,
    to: &str,
    request: &RequestDetail,
    letter: Letter<'_>,
) -> NewEmail {
    let letter = letter
        .greet(&request.contact.name)
        .details(request_details(request, terminology(branding)))
        .footer("You can follow this request in the portal under Requests.");
    Sender::of(branding).email(to, letter)
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;

    fn sample_request() -> RequestDetail {
        use shared::requests::{CustomerRef, RequestContact, RequestLine, RequestSummary};
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T15:04:05Z").unwrap().with_timezone(&Utc);
        let pickup = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        RequestDetail {
            summary: RequestSummary {
                id: uuid::Uuid::nil(),
                number: "CO-7K3M-9QX2".into(),
                kind: RequestKind::CallOff,
                status: RequestStatus::Requested,
                customer: CustomerRef {
                    id: uuid::Uuid::nil(),
                    account_number: "S10000".into(),
                    name: "Acme <Builders>".into(),
                },
                location: None,
                service_kind: None,
                line_count: 1,
                first_item: Some("Mini excavator 3.5t".into()),
                pickup_date: Some(pickup),
                scheduled_date: None,
                created_at: at,
                updated_at: at,
            },
            lines: vec![RequestLine {
                line_id: uuid::Uuid::nil(),
                line_external_id: "1".into(),
                contract_id: uuid::Uuid::nil(),
                contract_external_id: "KS000123".into(),
                contract_number: "S-000123".into(),
                description: "Mini excavator 3.5t".into(),
                item_code: None,
                serial_number: Some("EXC-35-00042".into()),
                quantity: 1,
                start_date: None,
                expected_return: None,
            }],
            events: Vec::new(),
            pickup_window: Some("7-9am".into()),
            billing_stop_date: Some(pickup),
            requested_date: None,
            requested_end_date: None,
            contract_id: None,
            description: None,
            site_address: Some("1450 Wynkoop St".into()),
            contact: RequestContact {
                name: "Pat".into(),
                phone: Some("303-555-0188".into()),
                email: "pat@x.example".into(),
            },
            notes: Some("Behind the gate".into()),
            cancel_reason: None,
            created_by_name: "Dana".into(),
            created_by: uuid::Uuid::nil(),
        }
    }

    #[test]
    fn request_emails_carry_the_evidence_in_the_dealers_words() {
        let request = sample_request();
        let copy = request_copy(None, "pat@x.example", &request);
        assert_eq!(copy.kind, "request_copy");
        assert_eq!(copy.subject, "Your call-off CO-7K3M-9QX2 was received");
        for needle in [
            "CO-7K3M-9QX2",
            "2026-11-23 15:04:05 UTC",
            "Mini excavator 3.5t",
            "EXC-35-00042",
            "2026-11-25, 7-9am",
            "1450 Wynkoop St",
            "Pat, 303-555-0188, pat@x.example",
            "Behind the gate",
            "Billing stops: 2026-11-25",
        ] {
            assert!(copy.body_text.contains(needle), "{needle} in {}", copy.body_text);
        }
        assert!(copy.body_html.contains("Acme &lt;Builders&gt;"));
        let store = request_to_store(None, "den@x.example", &request);
        assert!(store.subject.starts_with("New call-off CO-7K3M-9QX2 from Acme <Builders>"));
        assert!(store.body_text.contains("Behind the gate"));
        assert_eq!(request_noun(RequestKind::CallOff, Terminology::Hires), "off-hire");
        assert_eq!(request_noun(RequestKind::Extension, Terminology::Hires), "hire extension");

        let mut done = request;
        done.summary.status = RequestStatus::Completed;
        let status = request_status(None, "pat@x.example", &done, Some("Collected at 8:10"));
        assert_eq!(status.subject, "Your call-off CO-7K3M-9QX2 is picked up");
        assert!(status.body_text.contains("Note: Collected at 8:10"));
    }
}
