//! Email bodies, plain text and HTML, dressed in the dealer's branding and words: the
//! shared layout lives here, the letters in one module per family.
//!
//! Every letter is reachable here (`templates::password_reset`, `templates::request_copy`,
//! ...) whichever family module writes it. Each is written in the language its caller chose
//! for the reader (`crate::i18n::reader_language`): every word comes from the catalogue's
//! `server-email.ftl`, with the dealer's name and words as `$dealer` and `$terms`.

mod account;
mod feedback;
mod payments;
mod requests;
mod webhooks;

use chrono::{DateTime, Utc};
use shared::branding::{Branding, Terminology};
use shared::i18n::{FluentValue, Language};

use crate::db::outbox::NewEmail;
use crate::ids::DealerId;

pub use account::{
    admin_setup, email_change_confirmation, email_change_notice, invitation, password_changed,
    password_reset, signup_confirmation, signup_existing_login, staff_invitation, temporary_password,
};
pub use feedback::feedback_to_store;
pub use payments::payment_receipt;
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

/// Who an email comes from, in words and colour, and the language it is written in.
struct Sender {
    dealer_id: Option<DealerId>,
    name: String,
    color: String,
    contact: Option<String>,
    language: Language,
    /// The dealer's words (rentals or hires), which the messages choose by.
    terms: Terminology,
}

impl Sender {
    fn of(branding: Option<&Branding>, language: Language) -> Self {
        match branding {
            Some(b) => Sender {
                dealer_id: Some(DealerId::new(b.dealer_id)),
                name: b.name.clone(),
                color: b.primary_color.clone(),
                contact: b.support_phone.clone().or_else(|| b.support_email.clone()),
                language,
                terms: b.terminology,
            },
            None => Sender {
                dealer_id: None,
                name: "Rental Portal".into(),
                color: "#1f2937".into(),
                contact: None,
                language,
                terms: Terminology::default(),
            },
        }
    }

    /// The message `id` in the letter's language, with `args` and the sender's name and
    /// words (`$dealer`, `$terms`).
    fn text(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        crate::i18n::dealer_text(self.language, &self.name, self.terms, id, args)
    }

    /// `label` before what it labels in the plain text: `Label:` (French puts a space
    /// before the colon).
    fn labelled(&self, label: &str) -> String {
        self.text("email-labelled", &[("label", label.into())])
    }

    /// A letter greeting nobody by name ("Hello,").
    fn letter(&self, kind: &'static str, subject: String) -> Letter<'_> {
        Letter {
            kind,
            sender: self,
            subject,
            greeting: self.text("email-greeting", &[]),
            paragraphs: Vec::new(),
            details: Vec::new(),
            action: None,
            footer: String::new(),
        }
    }
}

/// What one email says, before the layout dresses it: built with [`Sender::letter`] and the
/// methods after it, in the order the parts read.
struct Letter<'a> {
    /// Stable name of the template (`NewEmail::kind`).
    kind: &'static str,
    /// Who writes it, in which language.
    sender: &'a Sender,
    subject: String,
    greeting: String,
    paragraphs: Vec<String>,
    /// Labelled facts after the paragraphs (a request's); a value may span lines (the items
    /// of a request).
    details: Vec<(String, String)>,
    /// The one call to action: its label and link.
    action: Option<(String, &'a str)>,
    /// The small print, followed by the sender's contact when it has one.
    footer: String,
}

impl<'a> Letter<'a> {
    /// Greets `name`: "Hello Dana,".
    fn greet(mut self, name: &str) -> Self {
        self.greeting = self.sender.text("email-greeting-name", &[("name", name.into())]);
        self
    }

    /// One more paragraph.
    fn say(mut self, paragraph: impl Into<String>) -> Self {
        self.paragraphs.push(paragraph.into());
        self
    }

    fn details(mut self, details: Vec<(String, String)>) -> Self {
        self.details = details;
        self
    }

    fn action(mut self, label: String, link: &'a str) -> Self {
        self.action = Some((label, link));
        self
    }

    fn footer(mut self, footer: String) -> Self {
        self.footer = footer;
        self
    }

    /// The outbox row of this letter to `to`, dressed in its sender's layout.
    fn to(self, to: &str) -> NewEmail {
        let (body_text, body_html) = render(&self);
        NewEmail {
            dealer_id: self.sender.dealer_id,
            kind: self.kind,
            to_address: to.to_string(),
            subject: self.subject,
            body_text,
            body_html,
        }
    }
}

/// A server time as emails show it (a request's receipt is evidence).
fn timestamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// The plain text and HTML bodies of `letter`: greeting, paragraphs, details and the
/// call-to-action in the branded layout, then the footer and the sender's name.
fn render(letter: &Letter<'_>) -> (String, String) {
    let sender = letter.sender;
    let open_link = sender.text("email-open-link", &[]);
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
    render_details(sender, &letter.details, &mut text, &mut html);
    if let Some((label, url)) = &letter.action {
        text.push_str(&format!("{} {url}\n\n", sender.labelled(label)));
        html.push_str(&format!(
            "<p style=\"margin:24px 0\"><a href=\"{url}\" style=\"background:{color};color:#ffffff;\
             text-decoration:none;padding:12px 20px;border-radius:8px;font-weight:600;display:inline-block\">\
             {label}</a></p><p style=\"margin:0 0 16px;font-size:13px;color:#6b7280\">{open_link} \
             <a href=\"{url}\" style=\"color:{color}\">{url}</a></p>",
            url = escape_html(url),
            color = escape_html(&sender.color),
            label = escape_html(label),
            open_link = escape_html(&open_link),
        ));
    }
    let contact = sender
        .contact
        .as_deref()
        .map(|c| format!(" {}", sender.text("email-contact", &[("contact", c.into())])))
        .unwrap_or_default();
    text.push_str(&format!("{}{contact}\n\n{}\n", letter.footer, sender.name));
    html.push_str(&format!(
        "<p style=\"margin:24px 0 0;font-size:13px;color:#6b7280\">{}{}</p></td></tr></table>\
         </td></tr></table></body></html>",
        escape_html(&letter.footer),
        escape_html(&contact),
    ));
    (text, html)
}

/// The table of labelled details, if there are any: `Label: value` lines in the text (a
/// value of several lines as a list), label and value cells in the HTML.
fn render_details(sender: &Sender, details: &[(String, String)], text: &mut String, html: &mut String) {
    if details.is_empty() {
        return;
    }
    html.push_str(
        "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" \
         style=\"width:100%;margin:0 0 16px;border-collapse:collapse;font-size:14px\">",
    );
    for (label, value) in details {
        if value.contains('\n') {
            text.push_str(&format!("{}\n", sender.labelled(label)));
            for line in value.lines() {
                text.push_str(&format!("  - {line}\n"));
            }
        } else {
            text.push_str(&format!("{} {value}\n", sender.labelled(label)));
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

    fn acme(language: Language) -> Sender {
        Sender {
            dealer_id: None,
            name: "Acme".into(),
            color: "#000".into(),
            contact: Some("303-555-0100".into()),
            language,
            terms: Terminology::Rentals,
        }
    }

    #[test]
    fn the_footer_names_the_dealer_and_its_contact() {
        let sender = acme(Language::En);
        let letter = sender.letter("test", "Subject".into()).greet("Dana").footer("Thanks.".into());
        let (text, html) = render(&letter);
        assert_eq!(text, "Hello Dana,\n\nThanks. Questions? Contact us at 303-555-0100.\n\nAcme\n");
        assert!(html.contains("Thanks. Questions? Contact us at 303-555-0100.</p>"));
    }

    #[test]
    fn the_layout_speaks_the_letters_language() {
        for (language, greeting, action, open_link, contact) in [
            (
                Language::Es,
                "Hola:",
                "Ir: https://x/a?b&c",
                "O abra este enlace:",
                "¿Tiene preguntas? Contáctenos: 303-555-0100.",
            ),
            (
                Language::FrCa,
                "Bonjour,",
                "Ir : https://x/a?b&c",
                "Ou ouvrez ce lien :",
                "Des questions? Communiquez avec nous : 303-555-0100.",
            ),
        ] {
            let sender = acme(language);
            let letter = sender.letter("test", "S".into()).action("Ir".into(), "https://x/a?b&c");
            let (text, html) = render(&letter);
            assert!(text.starts_with(&format!("{greeting}\n\n")), "{text}");
            assert!(text.contains(action), "{text}");
            assert!(text.contains(contact), "{text}");
            assert!(html.contains(&format!("{open_link} <a href=\"https://x/a?b&amp;c\"")), "{html}");
        }
    }
}
