//! Webhooks (I5): an endpoint was disabled after every retry of a delivery failed.

use shared::branding::Branding;

use super::{Letter, Sender};
use crate::db::outbox::NewEmail;

/// To each admin of the dealer: which endpoint stopped, why, and how to resume it.
pub fn webhook_disabled(
    branding: Option<&Branding>,
    to: &str,
    display_name: &str,
    url: &str,
    reason: &str,
    link: &str,
) -> NewEmail {
    let sender = Sender::of(branding);
    let letter = Letter::new("webhook_disabled", "A webhook endpoint was disabled".to_string())
        .greet(display_name)
        .say(format!("The {} portal stopped sending webhooks to {url}.", sender.name))
        .details(vec![("Endpoint", url.to_string()), ("Why", reason.to_string())])
        .say(
            "Events keep queueing and nothing is lost: once the endpoint answers again, enable it \
             in the portal's Webhooks page and the queue resumes where it stopped.",
        )
        .action("Open Webhooks", link)
        .footer("You get this email as an administrator of the portal.");
    sender.email(to, letter)
}
