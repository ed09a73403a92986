//! Email bodies, plain text and HTML, dressed in the dealer's branding and words.

use chrono::{DateTime, Utc};
use shared::branding::{Branding, Terminology};
use shared::feedback::Feedback;
use shared::payments::{PaymentDetail, PaymentMethod, PaymentStatus};
use shared::requests::{RequestDetail, RequestKind, RequestStatus};

use crate::db::outbox::NewEmail;

/// Escapes text for HTML bodies: names and addresses come from people and back offices.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// Who an email comes from, in words and colour.
struct Sender {
    name: String,
    color: String,
    contact: Option<String>,
}

impl Sender {
    fn of(branding: Option<&Branding>) -> Self {
        match branding {
            Some(b) => Sender {
                name: b.name.clone(),
                color: b.primary_color.clone(),
                contact: b.support_phone.clone().or_else(|| b.support_email.clone()),
            },
            None => Sender { name: "Rental Portal".into(), color: "#1f2937".into(), contact: None },
        }
    }
}

/// Wraps paragraphs and one call-to-action in the branded layout, text and HTML alike.
fn render(
    sender: &Sender,
    greeting: &str,
    paragraphs: &[String],
    action: Option<(&str, &str)>,
    footer: &str,
) -> (String, String) {
    render_with_details(sender, greeting, paragraphs, &[], action, footer)
}

/// [`render`] with a table of labelled details after the paragraphs (a request's facts);
/// a value may span lines (the items of a request).
fn render_with_details(
    sender: &Sender,
    greeting: &str,
    paragraphs: &[String],
    details: &[(&str, String)],
    action: Option<(&str, &str)>,
    footer: &str,
) -> (String, String) {
    let mut text = format!("{greeting}\n\n");
    let mut html = format!(
        "<!doctype html><html><body style=\"margin:0;background:#f3f4f6;font-family:-apple-system,\
         Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#111827\"><table role=\"presentation\" \
         width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr><td align=\"center\" style=\"padding:24px\">\
         <table role=\"presentation\" width=\"560\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:560px;\
         background:#ffffff;border-radius:12px;overflow:hidden\"><tr><td style=\"background:{color};\
         color:#ffffff;padding:20px 28px;font-size:20px;font-weight:700\">{name}</td></tr>\
         <tr><td style=\"padding:28px\"><p style=\"margin:0 0 16px\">{greeting}</p>",
        color = escape_html(&sender.color),
        name = escape_html(&sender.name),
        greeting = escape_html(greeting),
    );
    for paragraph in paragraphs {
        text.push_str(paragraph);
        text.push_str("\n\n");
        html.push_str(&format!(
            "<p style=\"margin:0 0 16px;line-height:1.5\">{}</p>",
            escape_html(paragraph)
        ));
    }
    if !details.is_empty() {
        html.push_str(
            "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" \
             style=\"width:100%;margin:0 0 16px;border-collapse:collapse;font-size:14px\">",
        );
        for (label, value) in details {
            if value.contains('\n') {
                text.push_str(&format!("{label}:\n"));
                for line in value.lines() {
                    text.push_str(&format!("  - {line}\n"));
                }
            } else {
                text.push_str(&format!("{label}: {value}\n"));
            }
            let value_html: Vec<String> = value.lines().map(escape_html).collect();
            html.push_str(&format!(
                "<tr><td style=\"padding:6px 12px 6px 0;color:#6b7280;vertical-align:top;\
                 white-space:nowrap\">{}</td><td style=\"padding:6px 0;vertical-align:top\">{}</td></tr>",
                escape_html(label),
                value_html.join("<br>"),
            ));
        }
        text.push('\n');
        html.push_str("</table>");
    }
    if let Some((label, url)) = action {
        text.push_str(&format!("{label}: {url}\n\n"));
        html.push_str(&format!(
            "<p style=\"margin:24px 0\"><a href=\"{url}\" style=\"background:{color};color:#ffffff;\
             text-decoration:none;padding:12px 20px;border-radius:8px;font-weight:600;display:inline-block\">\
             {label}</a></p><p style=\"margin:0 0 16px;font-size:13px;color:#6b7280\">Or open this link: \
             <a href=\"{url}\" style=\"color:{color}\">{url}</a></p>",
            url = escape_html(url),
            color = escape_html(&sender.color),
            label = escape_html(label),
        ));
    }
    let contact =
        sender.contact.as_deref().map(|c| format!(" Questions? Contact us at {c}.")).unwrap_or_default();
    text.push_str(&format!("{footer}{contact}\n\n{}\n", sender.name));
    html.push_str(&format!(
        "<p style=\"margin:24px 0 0;font-size:13px;color:#6b7280\">{}{}</p></td></tr></table>\
         </td></tr></table></body></html>",
        escape_html(footer),
        escape_html(&contact),
    ));
    (text, html)
}

/// The outbox row of a rendered email.
fn compose(
    branding: Option<&Branding>,
    kind: &'static str,
    to: &str,
    subject: String,
    body_text: String,
    body_html: String,
) -> NewEmail {
    NewEmail {
        dealer_id: branding.map(|b| b.dealer_id),
        kind,
        to_address: to.to_string(),
        subject,
        body_text,
        body_html,
    }
}

/// The forgot-password email with its single-use link.
pub fn password_reset(
    branding: Option<&Branding>,
    to: &str,
    display_name: &str,
    link: &str,
    valid_minutes: i64,
) -> NewEmail {
    let sender = Sender::of(branding);
    let (body_text, body_html) = render(
        &sender,
        &format!("Hello {display_name},"),
        &[
            format!("Someone asked to reset the password of your {} portal login.", sender.name),
            format!("The link below works once and expires in {valid_minutes} minutes."),
        ],
        Some(("Choose a new password", link)),
        "If you did not ask for this, ignore this email: your password stays as it is.",
    );
    compose(
        branding,
        "password_reset",
        to,
        format!("Reset your {} password", sender.name),
        body_text,
        body_html,
    )
}

/// Sent after any password change, so an unexpected one gets noticed.
pub fn password_changed(branding: Option<&Branding>, to: &str, display_name: &str) -> NewEmail {
    let sender = Sender::of(branding);
    let (body_text, body_html) = render(
        &sender,
        &format!("Hello {display_name},"),
        &["The password of your portal login was just changed, and every device was logged out.".to_string()],
        None,
        "If this was not you, contact us straight away.",
    );
    compose(
        branding,
        "password_changed",
        to,
        format!("Your {} password was changed", sender.name),
        body_text,
        body_html,
    )
}

/// An admin reset (A8): the temporary password itself, good for one login only.
pub fn temporary_password(
    branding: Option<&Branding>,
    to: &str,
    display_name: &str,
    password: &str,
    login_url: &str,
) -> NewEmail {
    let sender = Sender::of(branding);
    let (body_text, body_html) = render(
        &sender,
        &format!("Hello {display_name},"),
        &[
            format!(
                "{} has reset the password of your portal login. Your temporary password is:",
                sender.name
            ),
            password.to_string(),
            "It works for one login only. Right after logging in with it you will be asked to \
             choose a new password of your own; until then nothing else in the portal works."
                .to_string(),
            "You have been logged out on every device.".to_string(),
        ],
        Some(("Log in", login_url)),
        "If you did not ask your rental store for this, contact us straight away.",
    );
    compose(
        branding,
        "temporary_password",
        to,
        format!("Your temporary {} password", sender.name),
        body_text,
        body_html,
    )
}

/// An invitation (A4, A12) to use `customer_name`'s account, with its single-use link.
pub fn invitation(
    branding: Option<&Branding>,
    to: &str,
    invitee_name: Option<&str>,
    customer_name: &str,
    link: &str,
    valid_days: i64,
) -> NewEmail {
    let sender = Sender::of(branding);
    let greeting = match invitee_name {
        Some(name) => format!("Hello {name},"),
        None => "Hello,".to_string(),
    };
    let (body_text, body_html) = render(
        &sender,
        &greeting,
        &[
            format!(
                "You are invited to the {} customer portal for the account of {customer_name}: \
                 see your contracts and invoices, pay and request pick-ups online.",
                sender.name
            ),
            format!(
                "The link below works once and expires in {valid_days} days. If {to} already has a \
                 portal login, log in with it and the account is added to your list."
            ),
        ],
        Some(("Accept the invitation", link)),
        "If you did not expect this, ignore this email.",
    );
    compose(
        branding,
        "invitation",
        to,
        format!("You are invited to the {} portal", sender.name),
        body_text,
        body_html,
    )
}

/// A self sign-up (A3): the single-use link that confirms the email and sets the password.
pub fn signup_confirmation(
    branding: Option<&Branding>,
    to: &str,
    display_name: &str,
    customer_name: &str,
    link: &str,
    valid_hours: i64,
) -> NewEmail {
    let sender = Sender::of(branding);
    let (body_text, body_html) = render(
        &sender,
        &format!("Hello {display_name},"),
        &[
            format!(
                "Someone asked to create a {} portal login for the account of {customer_name} \
                 with this email address.",
                sender.name
            ),
            format!(
                "To confirm, open the link below and choose a password. It works once and \
                 expires in {valid_hours} hours."
            ),
        ],
        Some(("Confirm and choose a password", link)),
        "If you did not ask for this, ignore this email: no login is created.",
    );
    compose(
        branding,
        "signup_confirmation",
        to,
        format!("Confirm your {} portal login", sender.name),
        body_text,
        body_html,
    )
}

/// The answer to a self sign-up (A3) for an email that already has a login.
pub fn signup_existing_login(
    branding: Option<&Branding>,
    to: &str,
    display_name: &str,
    login_url: &str,
    forgot_url: &str,
) -> NewEmail {
    let sender = Sender::of(branding);
    let (body_text, body_html) = render(
        &sender,
        &format!("Hello {display_name},"),
        &[
            format!(
                "Someone asked to create a {} portal login with this email address, but you \
                 already have one: log in with this email address and your password.",
                sender.name
            ),
            format!("Forgot your password? Choose a new one here: {forgot_url}"),
        ],
        Some(("Log in", login_url)),
        "If you did not ask for this, ignore this email: nothing has changed.",
    );
    compose(
        branding,
        "signup_existing_login",
        to,
        format!("You already have a {} portal login", sender.name),
        body_text,
        body_html,
    )
}

/// A change of email (A10): the single-use link, sent to the new address.
pub fn email_change_confirmation(
    branding: Option<&Branding>,
    to: &str,
    display_name: &str,
    link: &str,
    valid_hours: i64,
) -> NewEmail {
    let sender = Sender::of(branding);
    let (body_text, body_html) = render(
        &sender,
        &format!("Hello {display_name},"),
        &[
            format!("You asked to use this email address for your {} portal login.", sender.name),
            format!(
                "Confirm it with the link below; until then your login keeps its old address. \
                 The link works once and expires in {valid_hours} hours."
            ),
        ],
        Some(("Confirm this email address", link)),
        "If you did not ask for this, ignore this email: nothing changes.",
    );
    compose(
        branding,
        "email_change_confirmation",
        to,
        format!("Confirm your new {} login email", sender.name),
        body_text,
        body_html,
    )
}

/// A change of email (A10): the notice to the old address, so an unexpected one gets noticed.
pub fn email_change_notice(
    branding: Option<&Branding>,
    to: &str,
    display_name: &str,
    new_email: &str,
) -> NewEmail {
    let sender = Sender::of(branding);
    let (body_text, body_html) = render(
        &sender,
        &format!("Hello {display_name},"),
        &[format!(
            "Someone signed in to your {} portal login asked to change its email address to \
             {new_email}. The change happens when the link sent to that address is opened.",
            sender.name
        )],
        None,
        "If this was not you, change your password and contact us straight away.",
    );
    compose(
        branding,
        "email_change_notice",
        to,
        format!("Your {} login email is being changed", sender.name),
        body_text,
        body_html,
    )
}

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

fn terminology(branding: Option<&Branding>) -> Terminology {
    branding.map(|b| b.terminology).unwrap_or_default()
}

/// The server time a request was received, as the evidence shows it.
fn timestamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M:%S UTC").to_string()
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
    let sender = Sender::of(branding);
    let words = terminology(branding);
    let noun = request_noun(request.summary.kind, words);
    let s = &request.summary;
    let (body_text, body_html) = render_with_details(
        &sender,
        "Hello,",
        &[format!(
            "{} ({}) sent a {noun} through the customer portal. It waits in the portal's inbox: \
             acknowledge it there so the customer sees it is being handled.",
            s.customer.name, s.customer.account_number
        )],
        &request_details(request, words),
        None,
        "Sent by the customer portal.",
    );
    compose(
        branding,
        "request_store",
        to,
        format!("New {noun} {} from {}", s.number, s.customer.name),
        body_text,
        body_html,
    )
}

/// The customer's copy of a new request, to the contact email they entered (D2, D3): the
/// confirmation number and server timestamp are their evidence.
pub fn request_copy(branding: Option<&Branding>, to: &str, request: &RequestDetail) -> NewEmail {
    let words = terminology(branding);
    let noun = request_noun(request.summary.kind, words);
    let s = &request.summary;
    let mut paragraphs = vec![format!(
        "We received your {noun} on {}. Your confirmation number is {}.",
        timestamp(s.created_at),
        s.number
    )];
    if s.kind == RequestKind::CallOff {
        paragraphs.push(format!(
            "Keep this email: it records when you asked us to collect, and the date from which \
             {} should stop.",
            if words == Terminology::Hires { "hire charges" } else { "billing" }
        ));
    }
    paragraphs.push("We will email you at each step: acknowledged, scheduled and done.".to_string());
    let subject = format!("Your {noun} {} was received", s.number);
    to_request_contact(branding, "request_copy", to, request, &paragraphs, subject)
}

/// A status change of a request, to its contact email (H7: "the customer notified at each
/// step"). `request` already shows the new status; `note` is what the store or customer wrote.
pub fn request_status(
    branding: Option<&Branding>,
    to: &str,
    request: &RequestDetail,
    note: Option<&str>,
) -> NewEmail {
    let words = terminology(branding);
    let noun = request_noun(request.summary.kind, words);
    let s = &request.summary;
    let status = crate::domain::requests::status_words(s.kind, s.status);
    let mut paragraphs = vec![match (s.status, s.scheduled_date) {
        (RequestStatus::Scheduled, Some(date)) => {
            format!("Your {noun} {} is scheduled for {date}.", s.number)
        }
        _ => format!("Your {noun} {} is now {status}.", s.number),
    }];
    if let Some(note) = note.map(str::trim).filter(|n| !n.is_empty()) {
        paragraphs.push(format!("Note: {note}"));
    }
    let subject = format!("Your {noun} {} is {status}", s.number);
    to_request_contact(branding, "request_status", to, request, &paragraphs, subject)
}

/// An email about `request` to its contact: the greeting, `paragraphs`, the request's
/// details and where to follow it in the portal.
fn to_request_contact(
    branding: Option<&Branding>,
    template: &'static str,
    to: &str,
    request: &RequestDetail,
    paragraphs: &[String],
    subject: String,
) -> NewEmail {
    let (body_text, body_html) = render_with_details(
        &Sender::of(branding),
        &format!("Hello {},", request.contact.name),
        paragraphs,
        &request_details(request, terminology(branding)),
        None,
        "You can follow this request in the portal under Requests.",
    );
    compose(branding, template, to, subject, body_text, body_html)
}

/// How a payment was made, as much as the receipt may show: `Visa ****4242`,
/// `Bank account ****6789`.
pub fn payment_instrument(payment: &PaymentDetail) -> String {
    let s = &payment.summary;
    let name = match (s.method, s.instrument_brand.as_deref()) {
        (PaymentMethod::Ach, _) | (_, Some("bank")) => "Bank account".to_string(),
        (PaymentMethod::Card, Some(brand)) if !brand.is_empty() => {
            let mut chars = brand.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
        }
        (PaymentMethod::Card, _) => "Card".to_string(),
    };
    match &s.instrument_last4 {
        Some(last4) => format!("{name} ****{last4}"),
        None => name,
    }
}

/// The receipt of a payment taken (card) or submitted (bank debit), to the address the
/// payer chose (E4, E8): receipt number, what it paid and how — never more of the card or
/// account number than its last four digits.
pub fn payment_receipt(
    branding: Option<&Branding>,
    to: &str,
    payment: &PaymentDetail,
    account_name: &str,
    account_number: &str,
) -> NewEmail {
    let s = &payment.summary;
    let amount = s.amount.display();
    let pending = s.status == PaymentStatus::Pending;
    let mut paragraphs = vec![if pending {
        format!(
            "Your bank payment of {amount} was submitted on {}. It settles in 3-5 working days. \
             Your receipt number is {}.",
            timestamp(s.created_at),
            s.number
        )
    } else {
        format!(
            "Thank you: we received your payment of {amount} on {}. Your receipt number is {}.",
            timestamp(s.created_at),
            s.number
        )
    }];
    paragraphs.push("Keep this email as your receipt.".to_string());
    let paid_towards: Vec<String> = payment
        .allocations
        .iter()
        .map(|a| match &a.invoice_number {
            Some(number) => format!("Invoice {number}: {}", a.amount.display()),
            None => format!("On account: {}", a.amount.display()),
        })
        .collect();
    let mut details = vec![
        ("Receipt number", s.number.clone()),
        ("Date", timestamp(s.created_at)),
        ("Account", format!("{account_name} ({account_number})")),
        ("Paid by", s.paid_by.clone()),
        ("Method", payment_instrument(payment)),
        ("Amount", amount.clone()),
        // A trailing newline makes even one line render as a list.
        ("Paid towards", format!("{}\n", paid_towards.join("\n"))),
    ];
    if let Some(reference) = &payment.gateway_reference {
        details.push(("Reference", reference.clone()));
    }
    let (body_text, body_html) = render_with_details(
        &Sender::of(branding),
        &format!("Hello {},", s.paid_by),
        &paragraphs,
        &details,
        None,
        "You can see your payments in the portal under Payments.",
    );
    let subject = if pending {
        format!("Your bank payment {} of {amount} was submitted", s.number)
    } else {
        format!("Receipt {}: your payment of {amount}", s.number)
    };
    compose(branding, "payment_receipt", to, subject, body_text, body_html)
}

/// Feedback or a question from a customer, to the store (G1).
pub fn feedback_to_store(branding: Option<&Branding>, to: &str, feedback: &Feedback) -> NewEmail {
    let sender = Sender::of(branding);
    let mut details = vec![
        ("Kind", feedback.kind.label().to_string()),
        ("Received", timestamp(feedback.created_at)),
        ("Account", format!("{} ({})", feedback.customer.name, feedback.customer.account_number)),
        ("From", feedback.created_by_name.clone()),
        ("Reply to", feedback.contact_email.clone()),
    ];
    if let Some(phone) = &feedback.contact_phone {
        details.push(("Phone", phone.clone()));
    }
    if let Some(location) = &feedback.location {
        details.push(("Store", location.name.clone()));
    }
    let (body_text, body_html) = render_with_details(
        &sender,
        "Hello,",
        &[
            format!(
                "{} sent a {} through the customer portal: \u{201c}{}\u{201d}",
                feedback.customer.name,
                feedback.kind.label().to_lowercase(),
                feedback.subject
            ),
            feedback.message.clone(),
        ],
        &details,
        None,
        "Mark it handled in the portal's feedback inbox once answered.",
    );
    compose(
        branding,
        "feedback_store",
        to,
        format!("{}: {} ({})", feedback.kind.label(), feedback.subject, feedback.customer.name),
        body_text,
        body_html,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_password_email_carries_the_password_and_says_it_works_once() {
        let email = temporary_password(None, "a@b.example", "Dana", "kq7m-4xtp-9hcw", "https://x/login");
        assert_eq!(email.kind, "temporary_password");
        assert!(email.body_text.contains("kq7m-4xtp-9hcw"));
        assert!(email.body_html.contains("kq7m-4xtp-9hcw"));
        assert!(email.body_text.contains("one login only"));
        assert!(email.body_text.contains("Log in: https://x/login"));
    }

    #[test]
    fn invitation_names_the_account_and_carries_the_link() {
        let email = invitation(
            None,
            "a@b.example",
            Some("Casey"),
            "Acme <Builders>",
            "https://x/invitation?token=t",
            14,
        );
        assert_eq!(email.kind, "invitation");
        assert!(email.body_text.starts_with("Hello Casey,"));
        assert!(email.body_text.contains("Acme <Builders>"));
        assert!(email.body_html.contains("Acme &lt;Builders&gt;"));
        assert!(email.body_text.contains("Accept the invitation: https://x/invitation?token=t"));
        assert!(email.body_text.contains("expires in 14 days"));
    }

    #[test]
    fn html_is_escaped_and_text_carries_the_link() {
        let email =
            password_reset(None, "a@b.example", "<script>x</script>", "https://x/reset?token=a&b", 60);
        assert!(email.body_html.contains("&lt;script&gt;"));
        assert!(!email.body_html.contains("<script>"));
        assert!(email.body_html.contains("https://x/reset?token=a&amp;b"));
        assert!(email.body_text.contains("https://x/reset?token=a&b"));
        assert_eq!(email.kind, "password_reset");
    }

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
                contract_id: uuid::Uuid::nil(),
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
        }
    }

    fn sample_payment(
        status: PaymentStatus,
        method: PaymentMethod,
        brand: &str,
        last4: &str,
    ) -> PaymentDetail {
        use shared::money::{Currency, Money};
        use shared::payments::{PaymentAllocation, PaymentSummary};
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T15:04:05Z").unwrap().with_timezone(&Utc);
        PaymentDetail {
            summary: PaymentSummary {
                id: uuid::Uuid::nil(),
                number: "PAY-7K3M-9QX2".into(),
                method,
                status,
                amount: Money::new(15_000, Currency::Usd),
                instrument_brand: Some(brand.into()),
                instrument_last4: Some(last4.into()),
                paid_by: "Dana <Demo>".into(),
                created_at: at,
            },
            allocations: vec![
                PaymentAllocation {
                    invoice_id: Some(uuid::Uuid::nil()),
                    invoice_number: Some("INV-1001".into()),
                    amount: Money::new(10_000, Currency::Usd),
                },
                PaymentAllocation {
                    invoice_id: None,
                    invoice_number: None,
                    amount: Money::new(5_000, Currency::Usd),
                },
            ],
            receipt_email: "ap@builder.example".into(),
            gateway_reference: Some("sbx_ch_1".into()),
            failure_message: None,
            posted_at: None,
        }
    }

    #[test]
    fn payment_receipts_list_what_was_paid_and_the_last_four_digits_only() {
        let card = sample_payment(PaymentStatus::Succeeded, PaymentMethod::Card, "visa", "4242");
        let email = payment_receipt(None, "ap@builder.example", &card, "Acme Builders", "S10000");
        assert_eq!(email.kind, "payment_receipt");
        assert_eq!(email.subject, "Receipt PAY-7K3M-9QX2: your payment of $150.00");
        for needle in [
            "Receipt number: PAY-7K3M-9QX2",
            "Visa ****4242",
            "Invoice INV-1001: $100.00",
            "On account: $50.00",
            "Acme Builders (S10000)",
            "2026-11-23 15:04:05 UTC",
        ] {
            assert!(email.body_text.contains(needle), "{needle} in {}", email.body_text);
        }
        assert!(email.body_html.contains("Dana &lt;Demo&gt;"));
        let bank = sample_payment(PaymentStatus::Pending, PaymentMethod::Ach, "bank", "6789");
        let email = payment_receipt(None, "ap@builder.example", &bank, "Acme Builders", "S10000");
        assert!(email.subject.starts_with("Your bank payment PAY-7K3M-9QX2"));
        assert!(email.body_text.contains("3-5 working days"));
        assert!(email.body_text.contains("Bank account ****6789"));
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
