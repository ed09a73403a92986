//! Letters about a login: passwords (reset, changed, temporary), invitations, self sign-up
//! and change of email. Each greets the person by name and carries at most one link.

use shared::branding::Branding;
use shared::i18n::Language;
use shared::staff::StaffRole;

use super::Sender;
use crate::db::outbox::NewEmail;

/// The forgot-password email with its single-use link.
pub fn password_reset(
    branding: Option<&Branding>,
    language: Language,
    to: &str,
    display_name: &str,
    link: &str,
    valid_minutes: i64,
) -> NewEmail {
    let sender = Sender::of(branding, language);
    let t = |id| sender.text(id, &[("minutes", valid_minutes.into())]);
    sender
        .letter("password_reset", t("email-password-reset-subject"))
        .greet(display_name)
        .say(t("email-password-reset-asked"))
        .say(t("email-password-reset-expiry"))
        .action(t("email-password-reset-action"), link)
        .footer(t("email-password-reset-footer"))
        .to(to)
}

/// A new administrator's one-time link to choose their password (J4).
pub fn admin_setup(
    branding: Option<&Branding>,
    language: Language,
    to: &str,
    display_name: &str,
    link: &str,
    valid_hours: i64,
) -> NewEmail {
    let sender = Sender::of(branding, language);
    let t = |id| sender.text(id, &[("hours", valid_hours.into())]);
    sender
        .letter("admin_setup", t("email-admin-setup-subject"))
        .greet(display_name)
        .say(t("email-admin-setup-created"))
        .say(t("email-choose-password-expiry"))
        .action(t("email-choose-password-action"), link)
        .footer(t("email-unexpected-footer"))
        .to(to)
}

/// An invitation to the dealer's staff (H10): who invited them (`invited_by`: the inviting
/// administrator's name, when known), in which role, and the one-time link to choose a
/// password.
#[allow(clippy::too_many_arguments)]
pub fn staff_invitation(
    branding: Option<&Branding>,
    language: Language,
    to: &str,
    display_name: &str,
    invited_by: Option<&str>,
    role: StaffRole,
    link: &str,
    valid_hours: i64,
) -> NewEmail {
    let sender = Sender::of(branding, language);
    let inviter =
        invited_by.map_or_else(|| sender.text("email-staff-invitation-an-admin", &[]), str::to_string);
    let t = |id| {
        sender.text(
            id,
            &[
                ("hours", valid_hours.into()),
                ("inviter", inviter.as_str().into()),
                ("role", role.as_str().into()),
            ],
        )
    };
    sender
        .letter("staff_invitation", t("email-staff-invitation-subject"))
        .greet(display_name)
        .say(t("email-staff-invitation-invited"))
        .say(t("email-choose-password-expiry"))
        .action(t("email-choose-password-action"), link)
        .footer(t("email-unexpected-footer"))
        .to(to)
}

/// Sent after any password change, so an unexpected one gets noticed.
pub fn password_changed(
    branding: Option<&Branding>,
    language: Language,
    to: &str,
    display_name: &str,
) -> NewEmail {
    let sender = Sender::of(branding, language);
    let t = |id| sender.text(id, &[]);
    sender
        .letter("password_changed", t("email-password-changed-subject"))
        .greet(display_name)
        .say(t("email-password-changed-body"))
        .footer(t("email-password-changed-footer"))
        .to(to)
}

/// An admin reset (A8): the temporary password itself, good for one login only.
pub fn temporary_password(
    branding: Option<&Branding>,
    language: Language,
    to: &str,
    display_name: &str,
    password: &str,
    login_url: &str,
) -> NewEmail {
    let sender = Sender::of(branding, language);
    let t = |id| sender.text(id, &[]);
    sender
        .letter("temporary_password", t("email-temporary-password-subject"))
        .greet(display_name)
        .say(t("email-temporary-password-reset"))
        .say(password)
        .say(t("email-temporary-password-once"))
        .say(t("email-temporary-password-logged-out"))
        .action(t("email-log-in"), login_url)
        .footer(t("email-temporary-password-footer"))
        .to(to)
}

/// An invitation (A4, A12) to use `customer_name`'s account, with its single-use link.
pub fn invitation(
    branding: Option<&Branding>,
    language: Language,
    to: &str,
    invitee_name: Option<&str>,
    customer_name: &str,
    link: &str,
    valid_days: i64,
) -> NewEmail {
    let sender = Sender::of(branding, language);
    let t = |id| {
        sender.text(
            id,
            &[("customer", customer_name.into()), ("email", to.into()), ("days", valid_days.into())],
        )
    };
    let mut letter = sender.letter("invitation", t("email-invitation-subject"));
    if let Some(name) = invitee_name {
        letter = letter.greet(name);
    }
    letter
        .say(t("email-invitation-body"))
        .say(t("email-invitation-expiry"))
        .action(t("email-invitation-action"), link)
        .footer(t("email-invitation-footer"))
        .to(to)
}

/// A self sign-up (A3): the single-use link that confirms the email and sets the password.
pub fn signup_confirmation(
    branding: Option<&Branding>,
    language: Language,
    to: &str,
    display_name: &str,
    customer_name: &str,
    link: &str,
    valid_hours: i64,
) -> NewEmail {
    let sender = Sender::of(branding, language);
    let t = |id| sender.text(id, &[("customer", customer_name.into()), ("hours", valid_hours.into())]);
    sender
        .letter("signup_confirmation", t("email-signup-subject"))
        .greet(display_name)
        .say(t("email-signup-asked"))
        .say(t("email-signup-expiry"))
        .action(t("email-signup-action"), link)
        .footer(t("email-signup-footer"))
        .to(to)
}

/// The answer to a self sign-up (A3) for an email that already has a login.
pub fn signup_existing_login(
    branding: Option<&Branding>,
    language: Language,
    to: &str,
    display_name: &str,
    login_url: &str,
    forgot_url: &str,
) -> NewEmail {
    let sender = Sender::of(branding, language);
    let t = |id| sender.text(id, &[("link", forgot_url.into())]);
    sender
        .letter("signup_existing_login", t("email-existing-login-subject"))
        .greet(display_name)
        .say(t("email-existing-login-body"))
        .say(t("email-existing-login-forgot"))
        .action(t("email-log-in"), login_url)
        .footer(t("email-existing-login-footer"))
        .to(to)
}

/// A change of email (A10): the single-use link, sent to the new address.
pub fn email_change_confirmation(
    branding: Option<&Branding>,
    language: Language,
    to: &str,
    display_name: &str,
    link: &str,
    valid_hours: i64,
) -> NewEmail {
    let sender = Sender::of(branding, language);
    let t = |id| sender.text(id, &[("hours", valid_hours.into())]);
    sender
        .letter("email_change_confirmation", t("email-change-confirm-subject"))
        .greet(display_name)
        .say(t("email-change-confirm-asked"))
        .say(t("email-change-confirm-expiry"))
        .action(t("email-change-confirm-action"), link)
        .footer(t("email-change-confirm-footer"))
        .to(to)
}

/// A change of email (A10): the notice to the old address, so an unexpected one gets noticed.
pub fn email_change_notice(
    branding: Option<&Branding>,
    language: Language,
    to: &str,
    display_name: &str,
    new_email: &str,
) -> NewEmail {
    let sender = Sender::of(branding, language);
    let t = |id| sender.text(id, &[("email", new_email.into())]);
    sender
        .letter("email_change_notice", t("email-change-notice-subject"))
        .greet(display_name)
        .say(t("email-change-notice-body"))
        .footer(t("email-change-notice-footer"))
        .to(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_password_email_carries_the_password_and_says_it_works_once() {
        let email = temporary_password(
            None,
            Language::En,
            "a@b.example",
            "Dana",
            "kq7m-4xtp-9hcw",
            "https://x/login",
        );
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
            Language::En,
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
        let email = password_reset(
            None,
            Language::En,
            "a@b.example",
            "<script>x</script>",
            "https://x/reset?token=a&b",
            60,
        );
        assert!(email.body_html.contains("&lt;script&gt;"));
        assert!(!email.body_html.contains("<script>"));
        assert!(email.body_html.contains("https://x/reset?token=a&amp;b"));
        assert!(email.body_text.contains("https://x/reset?token=a&b"));
        assert_eq!(email.kind, "password_reset");
    }

    #[test]
    fn the_english_reset_letter_reads_as_it_always_has() {
        let email = password_reset(None, Language::En, "a@b.example", "Dana", "https://x/r", 60);
        assert_eq!(email.subject, "Reset your Rental Portal password");
        assert_eq!(
            email.body_text,
            "Hello Dana,\n\nSomeone asked to reset the password of your Rental Portal portal login.\n\n\
             The link below works once and expires in 60 minutes.\n\nChoose a new password: https://x/r\n\n\
             If you did not ask for this, ignore this email: your password stays as it is.\n\nRental Portal\n"
        );
    }

    #[test]
    fn spanish_and_french_letters_are_translated_and_still_escaped() {
        let reset = |language| {
            password_reset(None, language, "a@b.example", "Ana <b>", "https://x/reset?token=a&b", 60)
        };
        let es = reset(Language::Es);
        assert_eq!(es.subject, "Restablezca su contraseña de Rental Portal");
        assert!(es.body_text.starts_with("Hola, Ana <b>:\n\n"), "{}", es.body_text);
        assert!(es.body_text.contains("Elija una nueva contraseña: https://x/reset?token=a&b"));
        assert!(es.body_text.contains("vence en 60 minutos"));
        assert!(es.body_html.contains("Hola, Ana &lt;b&gt;:") && !es.body_html.contains("<b>"));
        assert!(es.body_html.contains("https://x/reset?token=a&amp;b"));

        let fr = reset(Language::FrCa);
        assert_eq!(fr.subject, "Réinitialisez votre mot de passe Rental Portal");
        assert!(fr.body_text.starts_with("Bonjour Ana <b>,\n\n"), "{}", fr.body_text);
        assert!(fr.body_text.contains("Choisir un nouveau mot de passe : https://x/reset?token=a&b"));
        assert!(fr.body_text.contains("courriel"));
        assert!(fr.body_html.contains("Bonjour Ana &lt;b&gt;,") && !fr.body_html.contains("<b>"));

        let invited = invitation(None, Language::FrCa, "a@b.example", None, "Acme", "https://x/i", 1);
        assert!(invited.body_text.starts_with("Bonjour,\n\n"));
        assert!(invited.body_text.contains("expire dans 1 jour."), "{}", invited.body_text);
        assert!(invited.body_text.contains("Accepter l’invitation : https://x/i"));
    }
}
