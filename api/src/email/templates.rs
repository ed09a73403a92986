//! Email bodies, plain text and HTML, dressed in the dealer's branding and words.

use shared::branding::Branding;

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
}
