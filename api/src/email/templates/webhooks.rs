//! Webhooks (I5): an endpoint was disabled after every retry of a delivery failed.

use shared::branding::Branding;
use shared::i18n::Language;

use super::Sender;
use crate::db::outbox::NewEmail;

/// To each admin of the dealer, in the dealer's `language`: which endpoint stopped, why
/// (`reason`, as the endpoint records it), and how to resume it.
pub fn webhook_disabled(
    branding: Option<&Branding>,
    language: Language,
    to: &str,
    display_name: &str,
    url: &str,
    reason: &str,
    link: &str,
) -> NewEmail {
    let sender = Sender::of(branding, language);
    let t = |id| sender.text(id, &[("url", url.into())]);
    sender
        .letter("webhook_disabled", t("email-webhook-disabled-subject"))
        .greet(display_name)
        .say(t("email-webhook-disabled-stopped"))
        .details(vec![
            (t("email-detail-endpoint"), url.to_string()),
            (t("email-detail-why"), reason.to_string()),
        ])
        .say(t("email-webhook-disabled-resume"))
        .action(t("email-webhook-disabled-action"), link)
        .footer(t("email-webhook-disabled-footer"))
        .to(to)
}
