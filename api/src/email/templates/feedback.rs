//! Feedback or a question from a customer, to the store (G1).

use shared::branding::Branding;
use shared::feedback::Feedback;
use shared::i18n::Language;

use super::{Sender, timestamp};
use crate::db::outbox::NewEmail;

/// Feedback or a question from a customer, to the store (G1), in the store's `language`.
pub fn feedback_to_store(
    branding: Option<&Branding>,
    language: Language,
    to: &str,
    feedback: &Feedback,
) -> NewEmail {
    let sender = Sender::of(branding, language);
    let kind = feedback.kind.as_str();
    let t = |id| {
        sender.text(
            id,
            &[
                ("kind", kind.into()),
                ("customer", feedback.customer.name.as_str().into()),
                ("subject", feedback.subject.as_str().into()),
            ],
        )
    };
    let label = |id| sender.text(id, &[]);
    let mut details = vec![
        (label("email-detail-kind"), t("email-feedback-kind")),
        (label("email-detail-received"), timestamp(feedback.created_at)),
        (
            label("email-detail-account"),
            format!("{} ({})", feedback.customer.name, feedback.customer.account_number),
        ),
        (label("email-detail-from"), feedback.created_by_name.clone()),
        (label("email-detail-reply-to"), feedback.contact_email.clone()),
    ];
    if let Some(phone) = &feedback.contact_phone {
        details.push((label("email-detail-phone"), phone.clone()));
    }
    if let Some(location) = &feedback.location {
        details.push((label("email-detail-store"), location.name.clone()));
    }
    sender
        .letter("feedback_store", t("email-feedback-subject"))
        .say(t("email-feedback-body"))
        .say(feedback.message.clone())
        .details(details)
        .footer(t("email-feedback-footer"))
        .to(to)
}
