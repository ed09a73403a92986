//! Email bodies, plain text and HTML, dressed in the dealer's branding and words: the
//! shared layout lives here, the letters in one module per family.
//!
//! Every letter is reachable here (`templates::password_reset`, `templates::request_copy`,
//! ...) whichever family module writes it.

mod account;
mod feedback;
mod payments;
mod requests;
mod webhooks;

use chrono::{DateTime, Utc};
use shared::branding::Branding;

use crate::db::outbox::NewEmail;
use crate::ids::DealerId;

pub use account::{
    admin_setup, email_change_confirmation, email_change_notice, invitation, password_changed,
    password_reset, signup_confirmation, signup_existing_login, staff_invitation, temporary_password,
};
pub use feedback::feedback_to_store;
pub use payments::{payment_instrument, payment_receipt};
pub use requests::{request_copy, request_noun, request_status, request_to_store};
pub use webhooks::webhook_disabled;

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
    dealer_id: Option<DealerId>,
    name: String,
    color: String,
    contact: Option<String>,
}

impl Sender {
    fn of(branding: Option<&Branding>) -> Self {
        match branding {
            Some(b) => Sender {
                dealer_id: Some(DealerId::new(b.dealer_id)),
                name: b.name.clone(),
                color: b.primary_color.clone(),
                contact: b.support_phone.clone().or_else(|| b.support_email.clone()),
            },
            None => Sender {
                dealer_id: None,
                name: "Rental Portal".into(),
                color: "#1f2937".into(),
                contact: None,
            },
        }
    }

    /// The outbox row of `letter` to `to`, dressed in this sender's layout.
    fn email(&self, to: &str, letter: Letter<'_>) -> NewEmail {
        let (body_text, body_html) = render(self, &letter);
        NewEmail {
            dealer_id: self.dealer_id,
            kind: letter.kind,
            to_address: to.to_string(),
            subject: letter.subject,
            body_text,
            body_html,
        }
    }
}

/// What one email says, before the layout dresses it: built with [`Letter::new`] and the
/// methods after it, in the order the parts read.
struct Letter<'a> {
    /// Stable name of the template (`NewEmail::kind`).
    kind: &'static str,
    subject: String,
    greeting: String,
    paragraphs: Vec<String>,
    /// Labelled facts after the paragraphs (a request's); a value may span lines (the items
    /// of a request).
    details: Vec<(&'static str, String)>,
    /// The one call to action: its label and link.
    action: Option<(&'a str, &'a str)>,
    /// The small print, followed by the sender's contact when it has one.
    footer: &'a str,
}

impl<'a> Letter<'a> {
    /// A letter greeting nobody by name ("Hello,").
    fn new(kind: &'static str, subject: String) -> Self {
        Letter {
            kind,
            subject,
            greeting: "Hello,".to_string(),
            paragraphs: Vec::new(),
            details: Vec::new(),
            action: None,
            footer: "",
        }
    }

    /// Greets `name`: "Hello Dana,".
    fn greet(mut self, name: &str) -> Self {
        self.greeting = format!("Hello {name},");
        self
    }

    /// One more paragraph.
    fn say(mut self, paragraph: impl Into<String>) -> Self {
        self.paragraphs.push(paragraph.into());
        self
    }

    fn details(mut self, details: Vec<(&'static str, String)>) -> Self {
        self.details = details;
        self
    }

    fn action(mut self, label: &'a str, link: &'a str) -> Self {
        self.action = Some((label, link));
        self
    }

    fn footer(mut self, footer: &'a str) -> Self {
        self.footer = footer;
        self
    }
}

/// A server time as emails show it (a request's receipt is evidence).
fn timestamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// The plain text and HTML bodies of `letter`: greeting, paragraphs, details and the
/// call-to-action in the branded layout, then the footer and the sender's name.
fn render(sender: &Sender, letter: &Letter<'_>) -> (String, String) {
    let mut text = format!("{}\n\n", letter.greeting);
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
        greeting = escape_html(&letter.greeting),
    );
    for paragraph in &letter.paragraphs {
        text.push_str(paragraph);
        text.push_str("\n\n");
        html.push_str(&format!(
            "<p style=\"margin:0 0 16px;line-height:1.5\">{}</p>",
            escape_html(paragraph)
        ));
    }
    render_details(&letter.details, &mut text, &mut html);
    if let Some((label, url)) = letter.action {
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
    text.push_str(&format!("{}{contact}\n\n{}\n", letter.footer, sender.name));
    html.push_str(&format!(
        "<p style=\"margin:24px 0 0;font-size:13px;color:#6b7280\">{}{}</p></td></tr></table>\
         </td></tr></table></body></html>",
        escape_html(letter.footer),
        escape_html(&contact),
    ));
    (text, html)
}

/// The table of labelled details, if there are any: `Label: value` lines in the text (a
/// value of several lines as a list), label and value cells in the HTML.
fn render_details(details: &[(&str, String)], text: &mut String, html: &mut String) {
    if details.is_empty() {
        return;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_the_five_special_characters() {
        assert_eq!(escape_html("<a href='x'>&\"</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
    }

    #[test]
    fn the_footer_names_the_dealer_and_its_contact() {
        let sender = Sender {
            dealer_id: None,
            name: "Acme".into(),
            color: "#000".into(),
            contact: Some("303-555-0100".into()),
        };
        let letter = Letter::new("test", "Subject".into()).greet("Dana").footer("Thanks.");
        let (text, html) = render(&sender, &letter);
        assert_eq!(text, "Hello Dana,\n\nThanks. Questions? Contact us at 303-555-0100.\n\nAcme\n");
        assert!(html.contains("Thanks. Questions? Contact us at 303-555-0100.</p>"));
    }
}
