//! `/account/profile`, from the account menu: the signed-in user's contact details (A10).
//! - Name and phone (`PATCH /me`); the phone also logs in.
//! - A new email address (`POST /me/email`), confirmed by a link sent to it: the login keeps
//!   its email until the link is opened (`/account/email/confirm`).

use leptos::prelude::*;
use leptos_router::components::A;
use shared::auth::{ChangeEmailRequest, UpdateProfileRequest};
use shared::email::EmailAddress;

use crate::api;
use crate::components::auth_card::{AuthCard, title_with_dealer, use_last_dealer};
use crate::components::form::{FormError, SubmitButton, field_error, report_errors};
use crate::components::icons::{Icon, IconSvg};
use crate::paths;
use crate::session::use_session;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let dealer = use_last_dealer();
    title_with_dealer("Your details", dealer);
    let session = use_session();
    let back = move || paths::landing(&session);

    view! {
        <AuthCard dealer=dealer>
            <div class="profile" data-testid="profile-page">
                <h1 class="login-title">"Your details"</h1>
                <p class="login-subtitle">"How your store reaches you, and how you log in."</p>
                <ContactForm />
                <hr class="profile-rule" />
                <EmailForm />
                <p class="login-links">
                    <A href=back attr:class="text-link" attr:data-testid="profile-back">
                        "Back to your account"
                    </A>
                </p>
            </div>
        </AuthCard>
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct ContactErrors {
    name: Option<String>,
    phone: Option<String>,
    form: Option<String>,
}

#[component]
fn ContactForm() -> impl IntoView {
    let session = use_session();
    let user = session.user();
    let name = RwSignal::new(user.as_ref().map(|u| u.display_name.clone()).unwrap_or_default());
    let phone = RwSignal::new(user.as_ref().and_then(|u| u.phone.clone()).unwrap_or_default());
    let errors = RwSignal::new(ContactErrors::default());
    let submitting = RwSignal::new(false);
    let saved = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        saved.set(false);
        let display_name = name.get_untracked().trim().to_string();
        let mut found = ContactErrors::default();
        if display_name.is_empty() {
            found.name = Some("Enter your name.".into());
        } else if display_name.chars().count() > 120 {
            found.name = Some("Use at most 120 characters.".into());
        }
        if report_errors(errors, found) {
            return;
        }
        submitting.set(true);
        let request = UpdateProfileRequest {
            display_name: Some(display_name),
            // An empty phone removes it; the server says when it is not a phone number.
            phone: Some(phone.get_untracked().trim().to_string()),
            language: None,
        };
        leptos::task::spawn_local(async move {
            match api::update_profile(session, &request).await {
                Ok(me) => {
                    name.set(me.user.display_name.clone());
                    phone.set(me.user.phone.clone().unwrap_or_default());
                    session.update_user(me.user);
                    saved.set(true);
                }
                Err(e) => {
                    let found = ContactErrors {
                        name: e.field_message("display_name"),
                        phone: e.field_message("phone"),
                        form: None,
                    };
                    errors.set(if found == ContactErrors::default() {
                        ContactErrors { form: Some(e.message()), ..found }
                    } else {
                        found
                    });
                }
            }
            submitting.set(false);
        });
    };

    let name_error = field_error(errors, |e| &e.name);
    let phone_error = field_error(errors, |e| &e.phone);

    view! {
        <form class="login-form" data-testid="profile-form" on:submit=on_submit novalidate>
            <h2 class="profile-section">"Contact details"</h2>
            <div class="field">
                <label class="field-label" for="profile-name">"Your name"</label>
                <input
                    id="profile-name"
                    class="input"
                    type="text"
                    name="name"
                    autocomplete="name"
                    maxlength="120"
                    data-testid="profile-name"
                    aria-invalid=move || name_error.with(Option::is_some).to_string()
                    on:input=move |_| saved.set(false)
                    bind:value=name
                />
                {move || name_error.get().map(|m| view! {
                    <p class="field-error" role="alert" data-testid="profile-name-error">{m}</p>
                })}
            </div>
            <div class="field">
                <label class="field-label" for="profile-phone">"Mobile phone"</label>
                <input
                    id="profile-phone"
                    class="input"
                    type="tel"
                    name="phone"
                    autocomplete="tel"
                    inputmode="tel"
                    data-testid="profile-phone"
                    aria-invalid=move || phone_error.with(Option::is_some).to_string()
                    aria-describedby="profile-phone-hint"
                    on:input=move |_| saved.set(false)
                    bind:value=phone
                />
                <p class="field-hint" id="profile-phone-hint">
                    "You can also log in with this number. Leave it empty to remove it."
                </p>
                {move || phone_error.get().map(|m| view! {
                    <p class="field-error" role="alert" data-testid="profile-phone-error">{m}</p>
                })}
            </div>
            <FormError testid="profile-error" error=field_error(errors, |e| &e.form) />
            <Show when=move || saved.get()>
                <div class="notice notice-info notice-tight" role="status" data-testid="profile-saved">
                    <IconSvg icon=Icon::Check class="notice-icon" />
                    <p class="notice-body">"Your details have been saved."</p>
                </div>
            </Show>
            <SubmitButton testid="profile-save" submitting=submitting idle="Save details" busy="Saving…" />
        </form>
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct EmailErrors {
    email: Option<String>,
    password: Option<String>,
    form: Option<String>,
}

#[component]
fn EmailForm() -> impl IntoView {
    let session = use_session();
    let current_email = Memo::new(move |_| session.user().map(|u| u.email).unwrap_or_default());
    let new_email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(EmailErrors::default());
    let submitting = RwSignal::new(false);
    let sent_to = RwSignal::new(None::<String>);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let address = new_email.get_untracked().trim().to_string();
        let mut found = EmailErrors::default();
        if !EmailAddress::is_valid(&address) {
            found.email = Some("Enter an email address, for example name@company.com.".into());
        } else if address.eq_ignore_ascii_case(&current_email.get_untracked()) {
            found.email = Some("This is already your login's email address.".into());
        }
        if password.get_untracked().is_empty() {
            found.password = Some("Enter your current password.".into());
        }
        if report_errors(errors, found) {
            return;
        }
        submitting.set(true);
        sent_to.set(None);
        let request =
            ChangeEmailRequest { new_email: address.clone(), current_password: password.get_untracked() };
        leptos::task::spawn_local(async move {
            match api::change_email(session, &request).await {
                Ok(_) => {
                    password.set(String::new());
                    new_email.set(String::new());
                    sent_to.set(Some(address.to_lowercase()));
                }
                Err(e) => {
                    let conflict = matches!(&e, api::ApiError::Problem(p) if p.status == 409);
                    let found = EmailErrors {
                        email: e.field_message("new_email").or_else(|| {
                            conflict.then(|| "Another login already uses this email address.".to_string())
                        }),
                        password: e.field_message("current_password"),
                        form: None,
                    };
                    if found.password.is_some() {
                        password.set(String::new());
                    }
                    errors.set(if found == EmailErrors::default() {
                        EmailErrors { form: Some(e.message()), ..found }
                    } else {
                        found
                    });
                }
            }
            submitting.set(false);
        });
    };

    let email_error = field_error(errors, |e| &e.email);
    let password_error = field_error(errors, |e| &e.password);

    view! {
        <form class="login-form" data-testid="profile-email-form" on:submit=on_submit novalidate>
            <h2 class="profile-section">"Email address"</h2>
            <p class="profile-current">
                "You log in with "
                <strong data-testid="profile-email-current">{move || current_email.get()}</strong>
            </p>
            {move || sent_to.get().map(|to| view! {
                <div class="notice notice-info notice-tight" role="status" data-testid="profile-email-sent">
                    <IconSvg icon=Icon::Mail class="notice-icon" />
                    <div class="notice-body">
                        <p class="notice-title">{format!("We sent a link to {to}")}</p>
                        <p>
                            {format!(
                                "Open it to confirm the change. Your email stays {} until you do.",
                                current_email.get(),
                            )}
                        </p>
                    </div>
                </div>
            })}
            <div class="field">
                <label class="field-label" for="profile-new-email">"New email address"</label>
                <input
                    id="profile-new-email"
                    class="input"
                    type="email"
                    name="new-email"
                    autocomplete="email"
                    inputmode="email"
                    autocapitalize="none"
                    spellcheck="false"
                    data-testid="profile-new-email"
                    aria-invalid=move || email_error.with(Option::is_some).to_string()
                    bind:value=new_email
                />
                {move || email_error.get().map(|m| view! {
                    <p class="field-error" role="alert" data-testid="profile-new-email-error">{m}</p>
                })}
            </div>
            <div class="field">
                <label class="field-label" for="profile-email-password">"Current password"</label>
                <input
                    id="profile-email-password"
                    class="input"
                    type="password"
                    name="current-password"
                    autocomplete="current-password"
                    data-testid="profile-email-password"
                    aria-invalid=move || password_error.with(Option::is_some).to_string()
                    bind:value=password
                />
                {move || password_error.get().map(|m| view! {
                    <p class="field-error" role="alert" data-testid="profile-email-password-error">{m}</p>
                })}
            </div>
            <FormError testid="profile-email-error" error=field_error(errors, |e| &e.form) />
            <SubmitButton
                testid="profile-email-submit"
                submitting=submitting
                idle="Send confirmation link"
                busy="Sending…"
            />
        </form>
    }
}
