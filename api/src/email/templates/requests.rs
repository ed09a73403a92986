//! Letters about a customer request (call-off, service, extension, book again): the new
//! request to the store, the customer's copy and each status change, all carrying the
//! request's facts in the dealer's words.

use shared::branding::{Branding, Terminology};
use shared::i18n::{FluentValue, Language};
use shared::requests::{RequestDetail, RequestKind, RequestStatus};

use super::{Letter, Sender, timestamp};
use crate::db::outbox::NewEmail;

/// "call-off" / "off-hire" and the other kinds of request, in the dealer's words and
/// `language`.
pub fn request_noun(language: Language, kind: RequestKind, terminology: Terminology) -> String {
    crate::i18n::text_with(
        language,
        "email-request-noun",
        &[("kind", kind.as_str().into()), ("terms", terminology.as_str().into())],
    )
}

/// The messages of a letter about `request`, which know its kind, number and noun
/// (`$kind`, `$number`, `$noun`).
struct About<'a> {
    sender: &'a Sender,
    request: &'a RequestDetail,
    noun: String,
}

impl<'a> About<'a> {
    fn new(sender: &'a Sender, request: &'a RequestDetail) -> Self {
        let noun = request_noun(sender.language, request.summary.kind, sender.terms);
        About { sender, request, noun }
    }

    fn text(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let s = &self.request.summary;
        let mut all = vec![
            ("kind", s.kind.as_str().into()),
            ("number", s.number.as_str().into()),
            ("noun", self.noun.as_str().into()),
        ];
        all.extend_from_slice(args);
        self.sender.text(id, &all)
    }

    /// The labelled facts of the request, shared by every email about it.
    fn details(&self) -> Vec<(String, String)> {
        let request = self.request;
        let s = &request.summary;
        let label = |id| self.text(id, &[]);
        let mut rows = vec![
            (label("email-detail-confirmation-number"), s.number.clone()),
            (label("email-detail-received"), timestamp(s.created_at)),
            (label("email-detail-account"), format!("{} ({})", s.customer.name, s.customer.account_number)),
        ];
        if let Some(location) = &s.location {
            rows.push((label("email-detail-store"), location.name.clone()));
        }
        if let Some(kind) = s.service_kind {
            rows.push((
                label("email-detail-service"),
                self.text("email-service-kind", &[("service", kind.as_str().into())]),
            ));
        }
        if !request.lines.is_empty() {
            let items: Vec<String> = request
                .lines
                .iter()
                .map(|l| {
                    let item = [
                        ("quantity", l.quantity.into()),
                        ("description", l.description.as_str().into()),
                        ("contract", l.contract_number.as_str().into()),
                    ];
                    match l.serial_number.as_deref() {
                        Some(serial) => {
                            let mut args = item.to_vec();
                            args.push(("serial", serial.into()));
                            self.text("email-request-item-serial", &args)
                        }
                        None => self.text("email-request-item", &item),
                    }
                })
                .collect();
            // A trailing newline makes even one item render as a list.
            rows.push((label("email-detail-items"), format!("{}\n", items.join("\n"))));
        }
        if let Some(date) = s.pickup_date {
            let window = request.pickup_window.as_deref().map(|w| format!(", {w}")).unwrap_or_default();
            rows.push((label("email-detail-pickup-date"), format!("{date}{window}")));
        }
        if let Some(date) = request.billing_stop_date {
            rows.push((label("email-detail-billing-stops"), date.to_string()));
        }
        match s.kind {
            RequestKind::Extension => {
                if let Some(date) = request.requested_date {
                    rows.push((label("email-detail-new-return-date"), date.to_string()));
                }
            }
            RequestKind::BookAgain => {
                if let Some(date) = request.requested_date {
                    rows.push((label("email-detail-wanted-from"), date.to_string()));
                }
                if let Some(date) = request.requested_end_date {
                    rows.push((label("email-detail-wanted-until"), date.to_string()));
                }
            }
            _ => {}
        }
        if let Some(date) = s.scheduled_date {
            rows.push((label("email-detail-scheduled-for"), date.to_string()));
        }
        if let Some(address) = &request.site_address {
            rows.push((label("email-detail-site-address"), address.clone()));
        }
        let c = &request.contact;
        let phone = c.phone.as_deref().map(|p| format!(", {p}")).unwrap_or_default();
        rows.push((label("email-detail-contact"), format!("{}{phone}, {}", c.name, c.email)));
        if let Some(description) = &request.description {
            rows.push((label("email-detail-description"), description.clone()));
        }
        if let Some(notes) = &request.notes {
            rows.push((label("email-detail-notes"), notes.clone()));
        }
        rows
    }

    /// `letter` to the request's contact: greeting them, followed by the request's details
    /// and where to follow it in the portal.
    fn to_contact(&self, letter: Letter<'_>, to: &str) -> NewEmail {
        letter
            .greet(&self.request.contact.name)
            .details(self.details())
            .footer(self.text("email-request-footer", &[]))
            .to(to)
    }
}

/// A new request, to the store that works it (D2: "the store gets an email"), in the store's
/// `language`.
pub fn request_to_store(
    branding: Option<&Branding>,
    language: Language,
    to: &str,
    request: &RequestDetail,
) -> NewEmail {
    let sender = Sender::of(branding, language);
    let about = About::new(&sender, request);
    let customer = &request.summary.customer;
    let t = |id| {
        about.text(
            id,
            &[
                ("customer", customer.name.as_str().into()),
                ("account", customer.account_number.as_str().into()),
            ],
        )
    };
    sender
        .letter("request_store", t("email-request-store-subject"))
        .say(t("email-request-store-body"))
        .details(about.details())
        .footer(t("email-request-store-footer"))
        .to(to)
}

/// The customer's copy of a new request, to the contact email they entered (D2, D3): the
/// confirmation number and server timestamp are their evidence.
pub fn request_copy(
    branding: Option<&Branding>,
    language: Language,
    to: &str,
    request: &RequestDetail,
) -> NewEmail {
    let sender = Sender::of(branding, language);
    let about = About::new(&sender, request);
    let t = |id| about.text(id, &[("date", timestamp(request.summary.created_at).into())]);
    let mut letter =
        sender.letter("request_copy", t("email-request-copy-subject")).say(t("email-request-copy-received"));
    if request.summary.kind == RequestKind::CallOff {
        letter = letter.say(t("email-request-copy-keep"));
    }
    about.to_contact(letter.say(t("email-request-copy-steps")), to)
}

/// A status change of a request, to its contact email (H7: "the customer notified at each
/// step"). `request` already shows the new status; `note` is what the store or customer wrote.
pub fn request_status(
    branding: Option<&Branding>,
    language: Language,
    to: &str,
    request: &RequestDetail,
    note: Option<&str>,
) -> NewEmail {
    let sender = Sender::of(branding, language);
    let about = About::new(&sender, request);
    let s = &request.summary;
    let status = about.text("email-request-status", &[("status", s.status.as_str().into())]);
    let date = s.scheduled_date.map(|d| d.to_string()).unwrap_or_default();
    let t = |id| about.text(id, &[("status", status.as_str().into()), ("date", date.as_str().into())]);
    let now = match (s.status, s.scheduled_date) {
        (RequestStatus::Scheduled, Some(_)) => t("email-request-scheduled"),
        _ => t("email-request-now"),
    };
    let mut letter = sender.letter("request_status", t("email-request-status-subject")).say(now);
    if let Some(note) = note.map(str::trim).filter(|n| !n.is_empty()) {
        letter = letter.say(about.text("email-request-note", &[("note", note.into())]));
    }
    about.to_contact(letter, to)
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
        let copy = request_copy(None, Language::En, "pat@x.example", &request);
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
        let store = request_to_store(None, Language::En, "den@x.example", &request);
        assert!(store.subject.starts_with("New call-off CO-7K3M-9QX2 from Acme <Builders>"));
        assert!(store.body_text.contains("Behind the gate"));
        assert_eq!(request_noun(Language::En, RequestKind::CallOff, Terminology::Hires), "off-hire");
        assert_eq!(request_noun(Language::En, RequestKind::Extension, Terminology::Hires), "hire extension");

        let mut done = request;
        done.summary.status = RequestStatus::Completed;
        let status = request_status(None, Language::En, "pat@x.example", &done, Some("Collected at 8:10"));
        assert_eq!(status.subject, "Your call-off CO-7K3M-9QX2 is picked up");
        assert!(status.body_text.contains("Note: Collected at 8:10"));
    }

    #[test]
    fn request_letters_speak_spanish_and_french() {
        let mut request = sample_request();
        let copy = request_copy(None, Language::Es, "pat@x.example", &request);
        assert_eq!(copy.subject, "Su solicitud de retiro CO-7K3M-9QX2 fue recibida");
        assert!(copy.body_text.starts_with("Hola, Pat:\n\n"), "{}", copy.body_text);
        for needle in [
            "Número de confirmación: CO-7K3M-9QX2",
            "1 x Mini excavator 3.5t (contrato S-000123, serie EXC-35-00042)",
            "Fin de la facturación: 2026-11-25",
            "Puede seguir esta solicitud en el portal, en Solicitudes.",
        ] {
            assert!(copy.body_text.contains(needle), "{needle} in {}", copy.body_text);
        }
        assert!(copy.body_html.contains("Acme &lt;Builders&gt;"));

        request.summary.status = RequestStatus::Scheduled;
        request.summary.scheduled_date = chrono::NaiveDate::from_ymd_opt(2026, 11, 26);
        let status = request_status(None, Language::FrCa, "pat@x.example", &request, Some("<8 h>"));
        assert_eq!(status.subject, "Votre demande de cueillette CO-7K3M-9QX2 est planifiée");
        assert!(status.body_text.starts_with("Bonjour Pat,\n\n"), "{}", status.body_text);
        assert!(status.body_text.contains("est planifiée pour le 2026-11-26."), "{}", status.body_text);
        assert!(status.body_html.contains("Note : &lt;8 h&gt;"), "{}", status.body_html);
        assert_eq!(
            request_noun(Language::FrCa, RequestKind::Extension, Terminology::Hires),
            "demande de prolongation"
        );
    }
}
