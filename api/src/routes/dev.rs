//! The development mailbox (`APP_EMAIL__TRANSPORT=dev_mailbox`, set explicitly, on a
//! server listening on loopback): the last emails the app sent, so a person trying the
//! product can follow invitation and reset links without a mail server. Otherwise it does
//! not exist (404); a server that is not local refuses to start with it (`config.rs`).

use actix_web::{HttpResponse, get, web};
use shared::mailbox::MailboxEmail;

use crate::error::ApiError;
use crate::state::AppState;

/// The newest 50 emails, newest first. Only in development mode.
#[utoipa::path(get, path = "/api/v1/dev/mailbox", tag = "operations",
    responses(
        (status = 200, body = Vec<MailboxEmail>, description = "OK"),
        (status = 404, body = shared::error::Problem, content_type = "application/problem+json",
            description = "A real email transport is configured"),
    ))]
#[get("/dev/mailbox")]
pub async fn mailbox(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    if !state.settings.dev_mailbox_enabled() {
        return Err(ApiError::NotFound);
    }
    let emails: Vec<MailboxEmail> = crate::db::outbox::recent(&state.db, 50)
        .await?
        .into_iter()
        .map(|e| MailboxEmail {
            id: e.id,
            kind: e.kind,
            to: e.to_address,
            subject: e.subject,
            body_text: e.body_text,
            body_html: e.body_html,
            status: e.status,
            created_at: e.created_at,
        })
        .collect();
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(emails))
}
