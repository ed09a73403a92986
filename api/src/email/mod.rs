//! Outgoing email: templates in the dealer's branding, the transport, and the delivery
//! worker that drains the outbox (`db::outbox`) with retries and back-off.

pub mod templates;
pub mod worker;

use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

use crate::config::{EmailSettings, EmailTransport, SmtpSettings};
use crate::db::outbox::OutboxEmail;

/// Where the worker hands emails over.
#[derive(Clone)]
pub enum Mailer {
    /// Nothing leaves the process: the outbox row is the delivered mail (`/dev/mailbox`).
    DevMailbox,
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
}

impl Mailer {
    pub fn new(email: &EmailSettings, smtp: &SmtpSettings) -> anyhow::Result<Self> {
        match email.transport {
            Some(EmailTransport::DevMailbox) => return Ok(Mailer::DevMailbox),
            Some(EmailTransport::Smtp) => {}
            None => anyhow::bail!("APP_EMAIL__TRANSPORT is not set"),
        }
        let from: Mailbox = email.from.parse().map_err(|e| anyhow::anyhow!("APP_EMAIL__FROM: {e}"))?;
        let host = smtp.host.clone().unwrap_or_default();
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&host)
            .port(smtp.port)
            .timeout(Some(Duration::from_secs(smtp.timeout_secs)));
        let tls = || TlsParameters::new(host.clone());
        builder = match smtp.tls.as_str() {
            "none" => builder.tls(Tls::None),
            "starttls" => builder.tls(Tls::Required(tls()?)),
            "tls" => builder.tls(Tls::Wrapper(tls()?)),
            other => anyhow::bail!("APP_SMTP__TLS must be none, starttls or tls, not {other:?}"),
        };
        if let (Some(user), Some(password)) = (&smtp.username, &smtp.password) {
            builder =
                builder.credentials(Credentials::new(user.clone(), password.expose_secret().to_string()));
        }
        Ok(Mailer::Smtp { transport: builder.build(), from })
    }

    /// Hands one email over. The error text is recorded with the attempt.
    pub async fn deliver(&self, email: &OutboxEmail) -> Result<(), String> {
        match self {
            Mailer::DevMailbox => Ok(()),
            Mailer::Smtp { transport, from } => {
                let to: Mailbox = email.to_address.parse().map_err(|e| format!("bad recipient: {e}"))?;
                let message = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(&email.subject)
                    .message_id(Some(format!("<{}@rental-portal>", email.id)))
                    .multipart(MultiPart::alternative_plain_html(
                        email.body_text.clone(),
                        email.body_html.clone(),
                    ))
                    .map_err(|e| format!("building message: {e}"))?;
                transport.send(message).await.map(|_| ()).map_err(|e| e.to_string())
            }
        }
    }
}
