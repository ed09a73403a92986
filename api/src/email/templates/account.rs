//! Letters about a login: passwords (reset, changed, temporary), invitations, self sign-up
//! and change of email. Each greets the person by name and carries at most one link.

use shared::branding::Branding;

use super::{Letter, Sender};
use crate::db::outbox::NewEmail;

/// The forgot-password email with its single-use link.
pub fn password_reset(
    branding: Option<&Branding>,
    to: &str,
    display_name: &str,
    link: &str,
    valid_minutes: i64,
) -> NewEmail {
    let sender = Sender::of(branding);
    let letter = Letter::new("password_reset", format!("Reset your {} password", sender.name))
        .greet(display_name)
        .say(format!("Someone asked to reset the password of your {} portal login.", sender.name))
        .say(format!("The link below works once and expires in {valid_minutes} minutes."))
        .action("Choose a new password", link)
        .footer("If you did not ask for this, ignore this email: your password stays as it is.");
    sender.email(to, letter)
}

/// A new administrator's one-time link to choose their password (J4).
pub fn admin_setup(
    branding: Option<&Branding>,
    to: &str,
    display_name: &str,
    link: &str,
    valid_hours: i64,
) -> NewEmail {
    let sender = Sender::of(branding);
    let letter = Letter::new("admin_setup", format!("Set up your {} admin login", sender.name))
        .greet(display_name)
        .say(format!("An administrator login for the {} portal has been created for you.", sender.name))
        .say(format!(
            "Choose your password with the link below. It works once and expires in {valid_hours} hours."
        ))
        .action("Choose your password", link)
        .footer("If you did not expect this, ignore this email: nothing happens until the link is used.");
    sender.email(to, letter)
}

/// An invitation to the dealer's staff (H10): who invited them, in which role, and the
/// one-time link to choose a password.
pub fn staff_invitation(
    branding: Option<&Branding>,
    to: &str,
    display_name: &str,
    invited_by: &str,
    role: shared::staff::StaffRole,
    link: &str,
    valid_hours: i64,
) -> NewEmail {
    let sender = Sender::of(branding);
    let what = match role {
        shared::staff::StaffRole::DealerAdmin => "an administrator",
        shared::staff::StaffRole::DealerStaff => "a member of staff",
    };
    let letter = Letter::new("staff_invitation", format!("Join the {} team", sender.name))
        .greet(display_name)
        .say(format!("{invited_by} invited you to the {} portal as {what}.", sender.name))
        .say(format!(
            "Choose your password with the link below. It works once and expires in {valid_hours} hours."
        ))
        .action("Choose your password", link)
        .footer("If you did not expect this, ignore this email: nothing happens until the link is used.");
    sender.email(to, letter)
}

/// Sent after any password change, so an unexpected one gets noticed.
pub fn password_changed(branding: Option<&Branding>, to: &str, display_name: &str) -> NewEmail {
    let sender = Sender::of(branding);
    let letter = Letter::new("password_changed", format!("Your {} password was changed", sender.name))
        .greet(display_name)
        .say("The password of your portal login was just changed, and every device was logged out.")
        .footer("If this was not you, contact us straight away.");
    sender.email(to, letter)
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
    let letter = Letter::new("temporary_password", format!("Your temporary {} password", sender.name))
        .greet(display_name)
        .say(format!(
            "{} has reset the password of your portal login. Your temporary password is:",
            sender.name
        ))
        .say(password)
        .say(
            "It works for one login only. Right after logging in with it you will be asked to \
             choose a new password of your own; until then nothing else in the portal works.",
        )
        .say("You have been logged out on every device.")
        .action("Log in", login_url)
        .footer("If you did not ask your rental store for this, contact us straight away.");
    sender.email(to, letter)
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
    let mut letter = Letter::new("invitation", format!("You are invited to the {} portal", sender.name));
    if let Some(name) = invitee_name {
        letter = letter.greet(name);
    }
    let letter = letter
        .say(format!(
            "You are invited to the {} customer portal for the account of {customer_name}: \
             see your contracts and invoices, pay and request pick-ups online.",
            sender.name
        ))
        .say(format!(
            "The link below works once and expires in {valid_days} days. If {to} already has a \
             portal login, log in with it and the account is added to your list."
        ))
        .action("Accept the invitation", link)
        .footer("If you did not expect this, ignore this email.");
    sender.email(to, letter)
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
    let letter = Letter::new("signup_confirmation", format!("Confirm your {} portal login", sender.name))
        .greet(display_name)
        .say(format!(
            "Someone asked to create a {} portal login for the account of {customer_name} \
             with this email address.",
            sender.name
        ))
        .say(format!(
            "To confirm, open the link below and choose a password. It works once and \
             expires in {valid_hours} hours."
        ))
        .action("Confirm and choose a password", link)
        .footer("If you did not ask for this, ignore this email: no login is created.");
    sender.email(to, letter)
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
    let subject = format!("You already have a {} portal login", sender.name);
    let letter = Letter::new("signup_existing_login", subject)
        .greet(display_name)
        .say(format!(
            "Someone asked to create a {} portal login with this email address, but you \
             already have one: log in with this email address and your password.",
            sender.name
        ))
        .say(format!("Forgot your password? Choose a new one here: {forgot_url}"))
        .action("Log in", login_url)
        .footer("If you did not ask for this, ignore this email: nothing has changed.");
    sender.email(to, letter)
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
    let subject = format!("Confirm your new {} login email", sender.name);
    let letter = Letter::new("email_change_confirmation", subject)
        .greet(display_name)
        .say(format!("You asked to use this email address for your {} portal login.", sender.name))
        .say(format!(
            "Confirm it with the link below; until then your login keeps its old address. \
             The link works once and expires in {valid_hours} hours."
        ))
        .action("Confirm this email address", link)
        .footer("If you did not ask for this, ignore this email: nothing changes.");
    sender.email(to, letter)
}

/// A change of email (A10): the notice to the old address, so an unexpected one gets noticed.
pub fn email_change_notice(
    branding: Option<&Branding>,
    to: &str,
    display_name: &str,
    new_email: &str,
) -> NewEmail {
    let sender = Sender::of(branding);
    let subject = format!("Your {} login email is being changed", sender.name);
    let letter = Letter::new("email_change_notice", subject)
        .greet(display_name)
        .say(format!(
            "Someone signed in to your {} portal login asked to change its email address to \
             {new_email}. The change happens when the link sent to that address is opened.",
            sender.name
        ))
        .footer("If this was not you, change your password and contact us straight away.");
    sender.email(to, letter)
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
