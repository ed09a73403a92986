//! Feedback or a question from a customer, to the store (G1).

use shared::branding::Branding;
use shared::feedback::Feedback;

use super::{Letter, Sender, timestamp};
use crate::db::outbox::NewEmail;

/// Feedback or a question from a customer, to the store (G1).
pub fn feedback_to_store(branding: Option<&Branding>, to: &str, feedback: &Feedback) -> NewEmail {
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
    let subject = format!("{}: {} ({})", feedback.kind.label(), feedback.subject, feedback.customer.name);
    let letter = Letter::new("feedback_store", subject)
        .say(format!(
            "{} sent a {} through the customer portal: \u{201c}{}\u{201d}",
            feedback.customer.name,
            feedback.kind.label().to_lowercase(),
            feedback.subject
        ))
        .say(feedback.message.clone())
        .details(details)
        .footer("Mark it handled in the portal's feedback inbox once answered.");
    Sender::of(branding).email(to, letter)
}
