//! The dealer admin's settings for the customer portal (H9): branding (colours checked for
//! WCAG AA contrast, welcome message, terminology, home tiles), the logo (sniffed, size
//! limited, served by us at a URL new for each upload), where each store's requests are
//! emailed, and payments (card / ACH on or off, gateway secret keys sealed and never
//! returned, guest payment).
//!
//! Every change is audited with the values before and after, never a secret; bad input is
//! refused with a field list before anything is written.

use chrono::Utc;
use serde_json::json;
use shared::contrast::check_brand_colour;
use shared::email::EmailAddress;
use shared::error::FieldError;
use shared::settings::{
    BrandingSettings, HomeTile, LogoInfo, MAX_PUBLIC_KEY_CHARS, MAX_WELCOME_CHARS, PaymentSettings,
    PaymentSettingsInput, SECRET_KEY_CHARS, StoreEmail, StoreEmailInput, last4,
};
use uuid::Uuid;

use crate::auth::{ClientInfo, DealerAdmin};
use crate::db::audit::AuditEvent;
use crate::db::portal_settings::{self as db, MethodWrite, NewLogo, SealedSecret};
use crate::domain::logos::{self, LogoProblem};
use crate::error::ApiError;
use crate::ids::DealerId;
use crate::state::AppState;

fn dealer_of(admin: &DealerAdmin) -> Result<DealerId, ApiError> {
    // A platform admin belongs to no dealer: there are no settings of theirs to keep.
    admin.dealer_id().ok_or(ApiError::Forbidden)
}

fn audit<'a>(
    admin: &DealerAdmin,
    client: &'a ClientInfo,
    dealer_id: DealerId,
    action: &'a str,
    details: serde_json::Value,
) -> AuditEvent<'a> {
    AuditEvent {
        dealer_id: Some(dealer_id),
        details: Some(details),
        ..client.audit(action, Some(admin.id()))
    }
}

fn problems(errors: Vec<FieldError>) -> Result<(), ApiError> {
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
}

fn field(errors: &mut Vec<FieldError>, name: &str, message: impl Into<String>) {
    errors.push(FieldError { field: name.into(), message: message.into() });
}

/// The dealer's look and words.
pub(crate) async fn branding(state: &AppState, admin: &DealerAdmin) -> Result<BrandingSettings, ApiError> {
    Ok(db::branding(&state.db, dealer_of(admin)?).await?)
}

/// `new` checked and tidied: colours `#rrggbb` lower case and readable, the welcome message
/// trimmed (empty: none), tiles in home order.
pub(crate) fn checked_branding(new: &BrandingSettings) -> Result<BrandingSettings, ApiError> {
    let mut errors = Vec::new();
    let mut colour = |name: &str, value: &str| match check_brand_colour(value) {
        Ok(contrast) => contrast.colour.to_string(),
        Err(problem) => {
            field(&mut errors, name, problem.to_string());
            String::new()
        }
    };
    let primary_color = colour("primary_color", &new.primary_color);
    let accent_color = colour("accent_color", &new.accent_color);
    let welcome_message = new.welcome_message.as_deref().map(str::trim).filter(|m| !m.is_empty());
    if welcome_message.is_some_and(|m| m.chars().count() > MAX_WELCOME_CHARS) {
        field(
            &mut errors,
            "welcome_message",
            format!("Keep the welcome message to {MAX_WELCOME_CHARS} characters."),
        );
    }
    let home_tiles = HomeTile::ordered(&new.home_tiles);
    if home_tiles.is_empty() {
        field(&mut errors, "home_tiles", "Show at least one tile on the home screen.");
    }
    let mut languages = Vec::new();
    for language in &new.languages {
        if !languages.contains(language) {
            languages.push(*language);
        }
    }
    if languages.is_empty() {
        field(&mut errors, "languages", "Offer at least one language.");
    }
    problems(errors)?;
    Ok(BrandingSettings {
        primary_color,
        accent_color,
        welcome_message: welcome_message.map(str::to_string),
        terminology: new.terminology,
        home_tiles,
        languages,
    })
}

/// Replaces the dealer's look and words. Audited as `dealer.branding_updated`.
pub(crate) async fn update_branding(
    state: &AppState,
    admin: &DealerAdmin,
    client: &ClientInfo,
    new: &BrandingSettings,
) -> Result<BrandingSettings, ApiError> {
    let dealer_id = dealer_of(admin)?;
    let settings = checked_branding(new)?;
    let before = db::branding(&state.db, dealer_id).await?;
    let event = audit(
        admin,
        client,
        dealer_id,
        "dealer.branding_updated",
        json!({ "before": before, "after": settings }),
    );
    db::update_branding(&state.db, dealer_id, &settings, &event, Utc::now()).await?;
    Ok(settings)
}

/// The URL an uploaded logo is served at: new for each upload, so caches never show an
/// old logo and the logo itself can be cached for good.
pub fn logo_url(id: Uuid) -> String {
    format!("/api/v1/logos/{id}")
}

/// Stores an uploaded logo: PNG, JPEG or SVG as its bytes say (the declared type is not
/// trusted), at most 512 KB. Audited as `dealer.logo_uploaded`.
pub(crate) async fn upload_logo(
    state: &AppState,
    admin: &DealerAdmin,
    client: &ClientInfo,
    bytes: &[u8],
) -> Result<LogoInfo, ApiError> {
    let dealer_id = dealer_of(admin)?;
    let kind = logos::sniff(bytes).map_err(|problem| match problem {
        LogoProblem::TooLarge => ApiError::PayloadTooLarge { limit: Some(shared::settings::MAX_LOGO_BYTES) },
        other => ApiError::field("logo", &other.to_string()),
    })?;
    let id = Uuid::now_v7();
    let url = logo_url(id);
    let before = db::logo_url(&state.db, dealer_id).await?;
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    let event = audit(
        admin,
        client,
        dealer_id,
        "dealer.logo_uploaded",
        json!({ "before": before, "after": url, "content_type": kind.content_type(), "size_bytes": size }),
    );
    let logo = NewLogo { id, content_type: kind.content_type(), content: bytes, url: &url };
    db::replace_logo(&state.db, dealer_id, &logo, &event, Utc::now()).await?;
    Ok(LogoInfo { logo_url: url, content_type: kind.content_type().to_string(), size_bytes: size })
}

/// Takes the logo off the portal. Audited as `dealer.logo_removed`.
pub(crate) async fn remove_logo(
    state: &AppState,
    admin: &DealerAdmin,
    client: &ClientInfo,
) -> Result<(), ApiError> {
    let dealer_id = dealer_of(admin)?;
    let before = db::logo_url(&state.db, dealer_id).await?;
    let event = audit(admin, client, dealer_id, "dealer.logo_removed", json!({ "before": before }));
    db::remove_logo(&state.db, dealer_id, &event, Utc::now()).await?;
    Ok(())
}

/// The dealer's stores and where their requests are emailed.
pub(crate) async fn store_emails(state: &AppState, admin: &DealerAdmin) -> Result<Vec<StoreEmail>, ApiError> {
    Ok(db::store_emails(&state.db, dealer_of(admin)?).await?)
}

/// Sets where one store's requests go; 404 for another dealer's store. Audited as
/// `dealer.store_email_updated`.
pub(crate) async fn set_store_email(
    state: &AppState,
    admin: &DealerAdmin,
    client: &ClientInfo,
    location_id: Uuid,
    input: &StoreEmailInput,
) -> Result<StoreEmail, ApiError> {
    let dealer_id = dealer_of(admin)?;
    let before = db::store_email(&state.db, dealer_id, location_id).await?.ok_or(ApiError::NotFound)?;
    let request_email = match input.request_email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        Some(email) => Some(
            EmailAddress::parse(email)
                .map_err(|_| {
                    ApiError::field("request_email", "Enter an email address such as store@example.com.")
                })?
                .into_inner(),
        ),
        None => None,
    };
    let event = audit(
        admin,
        client,
        dealer_id,
        "dealer.store_email_updated",
        json!({ "location_id": location_id, "before": before.request_email, "after": request_email }),
    );
    db::set_request_email(&state.db, dealer_id, location_id, request_email.as_deref(), &event, Utc::now())
        .await?;
    Ok(StoreEmail { request_email, ..before })
}

/// The dealer's payment methods, secrets masked.
pub(crate) async fn payments(state: &AppState, admin: &DealerAdmin) -> Result<PaymentSettings, ApiError> {
    Ok(db::payments(&state.db, dealer_of(admin)?).await?)
}

/// What seals a method's secret: the dealer and the method, so a sealed value opens only
/// on its own row.
pub fn secret_context(dealer_id: DealerId, method: shared::payments::PaymentMethod) -> String {
    format!("dealer-payment-method/{}/{}", dealer_id.get(), method.as_str())
}

/// Switches payment methods and guest payment, and stores new gateway secret keys sealed.
/// Audited as `dealer.payments_updated`: what was on and off before and after, and which
/// methods got a new secret (never the secret itself).
pub(crate) async fn update_payments(
    state: &AppState,
    admin: &DealerAdmin,
    client: &ClientInfo,
    input: &PaymentSettingsInput,
) -> Result<PaymentSettings, ApiError> {
    let dealer_id = dealer_of(admin)?;
    let mut errors = Vec::new();
    let mut writes = Vec::new();
    for (i, method) in input.methods.iter().enumerate() {
        if input.methods[..i].iter().any(|m| m.method == method.method) {
            field(&mut errors, &format!("methods[{i}].method"), "Name each payment method once.");
            continue;
        }
        let public_key = method.public_key.as_deref().map(str::trim).filter(|k| !k.is_empty());
        if public_key
            .is_some_and(|k| k.chars().count() > MAX_PUBLIC_KEY_CHARS || k.chars().any(char::is_whitespace))
        {
            field(
                &mut errors,
                &format!("methods[{i}].public_key"),
                format!("A publishable key is one word of at most {MAX_PUBLIC_KEY_CHARS} characters."),
            );
        }
        let secret = method.secret_key.as_deref().map(str::trim).filter(|k| !k.is_empty());
        if let Some(secret) = secret
            && (!SECRET_KEY_CHARS.contains(&secret.chars().count())
                || secret.chars().any(char::is_whitespace))
        {
            field(
                &mut errors,
                &format!("methods[{i}].secret_key"),
                format!(
                    "A secret key is one word of {} to {} characters, as the gateway shows it.",
                    SECRET_KEY_CHARS.start(),
                    SECRET_KEY_CHARS.end()
                ),
            );
        }
        let sealed = match secret {
            Some(secret) => Some(SealedSecret {
                sealed: state
                    .secrets
                    .seal(secret, &secret_context(dealer_id, method.method))
                    .map_err(ApiError::Internal)?,
                last4: last4(secret),
            }),
            None => None,
        };
        writes.push(MethodWrite {
            method: method.method,
            enabled: method.enabled,
            public_key: public_key.map(str::to_string),
            secret: sealed,
        });
    }
    problems(errors)?;
    let before = db::payments(&state.db, dealer_id).await?;
    let summary = |settings: &PaymentSettings| {
        json!({
            "methods": settings.methods.iter().map(|m| json!({
                "method": m.method, "enabled": m.enabled, "public_key": m.public_key,
            })).collect::<Vec<_>>(),
            "guest_payment": settings.guest_payment,
        })
    };
    let mut after = before.clone();
    for write in &writes {
        if let Some(m) = after.methods.iter_mut().find(|m| m.method == write.method) {
            m.enabled = write.enabled;
            m.public_key.clone_from(&write.public_key);
        }
    }
    after.guest_payment = input.guest_payment;
    let new_secrets: Vec<_> = writes.iter().filter(|w| w.secret.is_some()).map(|w| w.method).collect();
    let event = audit(
        admin,
        client,
        dealer_id,
        "dealer.payments_updated",
        json!({ "before": summary(&before), "after": summary(&after), "secret_key_replaced": new_secrets }),
    );
    db::update_payments(&state.db, dealer_id, &writes, input.guest_payment, &event, Utc::now()).await?;
    Ok(db::payments(&state.db, dealer_id).await?)
}

#[cfg(test)]
mod tests {
    use shared::branding::Terminology;
    use shared::i18n::Language;

    use super::*;

    fn settings(primary: &str, accent: &str) -> BrandingSettings {
        BrandingSettings {
            primary_color: primary.into(),
            accent_color: accent.into(),
            welcome_message: Some("  Hello  ".into()),
            terminology: Terminology::Hires,
            home_tiles: vec![HomeTile::Pay, HomeTile::Rentals, HomeTile::Pay],
            languages: vec![Language::Es, Language::En, Language::Es],
        }
    }

    fn fields(err: ApiError) -> Vec<String> {
        match err {
            ApiError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn branding_is_tidied() {
        let checked = checked_branding(&settings("#1D4ED8", "#F59E0B")).unwrap();
        assert_eq!((checked.primary_color.as_str(), checked.accent_color.as_str()), ("#1d4ed8", "#f59e0b"));
        assert_eq!(checked.welcome_message.as_deref(), Some("Hello"));
        assert_eq!(checked.home_tiles, [HomeTile::Rentals, HomeTile::Pay]);
        assert_eq!(checked.languages, [Language::Es, Language::En], "each once, in the order chosen");
        let mut blank = settings("#1d4ed8", "#f59e0b");
        blank.welcome_message = Some("   ".into());
        assert_eq!(checked_branding(&blank).unwrap().welcome_message, None);
    }

    #[test]
    fn unreadable_or_malformed_colours_and_empty_tiles_are_named() {
        let mut bad = settings("#808080", "orange");
        bad.home_tiles.clear();
        bad.languages.clear();
        bad.welcome_message = Some("x".repeat(MAX_WELCOME_CHARS + 1));
        assert_eq!(
            fields(checked_branding(&bad).unwrap_err()),
            ["primary_color", "accent_color", "welcome_message", "home_tiles", "languages"]
        );
    }
}
