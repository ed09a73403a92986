//! The dealer admin's Settings screen (H9): branding, logo, store emails and payments.

use shared::settings::{
    BrandingSettings, LogoInfo, PaymentSettings, PaymentSettingsInput, StoreEmail, StoreEmailInput,
};

use super::*;

pub async fn admin_branding_settings(session: Session) -> Result<BrandingSettings, ApiError> {
    get_json(session, "/admin/settings/branding").await
}

/// Stores the look and words; answers them tidied (colours lower case, tiles in home order).
pub async fn admin_update_branding_settings(
    session: Session,
    body: &BrandingSettings,
) -> Result<BrandingSettings, ApiError> {
    json_of(put_authed(session, "/admin/settings/branding", body).await?).await
}

/// Uploads a logo file as it is; the server reads its kind from the bytes.
pub async fn admin_upload_logo(session: Session, file: &web_sys::File) -> Result<LogoInfo, ApiError> {
    let target = url("/admin/settings/logo");
    let content_type = match file.type_() {
        t if t.is_empty() => "application/octet-stream".to_string(),
        t => t,
    };
    let response = send_authed(session, |token| {
        with_bearer(Request::put(&target), token).header("Content-Type", &content_type).body(file.clone())
    })
    .await?;
    json_of(response).await
}

pub async fn admin_remove_logo(session: Session) -> Result<(), ApiError> {
    no_content(delete_authed(session, "/admin/settings/logo").await?).await
}

pub async fn admin_store_emails(session: Session) -> Result<Vec<StoreEmail>, ApiError> {
    get_json(session, "/admin/settings/store-emails").await
}

pub async fn admin_update_store_email(
    session: Session,
    location_id: Uuid,
    body: &StoreEmailInput,
) -> Result<StoreEmail, ApiError> {
    json_of(put_authed(session, &format!("/admin/settings/store-emails/{location_id}"), body).await?).await
}

pub async fn admin_payment_settings(session: Session) -> Result<PaymentSettings, ApiError> {
    get_json(session, "/admin/settings/payments").await
}

/// Stores payment methods; a `secret_key` is sent once and only its last four come back.
pub async fn admin_update_payment_settings(
    session: Session,
    body: &PaymentSettingsInput,
) -> Result<PaymentSettings, ApiError> {
    json_of(put_authed(session, "/admin/settings/payments", body).await?).await
}
