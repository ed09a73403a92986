//! `/account/profile`, from the account menu: the signed-in user's contact details (A10).
//! - Name and phone (`PATCH /me`); the phone also logs in.
//! - The language of the screens (A13), when the dealer offers more than one: saved with
//!   them, so every device follows, and the screens switch at once.
//! - A new email address (`POST /me/email`), confirmed by a link sent to it: the login keeps
//!   its email until the link is opened (`/account/email/confirm`).

use leptos::prelude::*;
use leptos_router::components::A;
use shared::auth::{ChangeEmailRequest, UpdateProfileRequest};
use shared::email::EmailAddress;
use shared::i18n::Language;

use crate::api;
use crate::components::auth_card::{AuthCard, title_with_dealer, use_last_dealer};
use crate::components::form::{FormError, SubmitButton, field_error, report_errors};
use crate::components::icons::{Icon, IconSvg};
use crate::i18n::{adopt_language, tr, tr_with};
use crate::paths;
use crate::session::use_session;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let dealer = use_last_dealer();
    title_with_dealer(move || tr("profile-title"), dealer);
    let session = use_session();
    let back = move || paths::landing(&session);
    // The dealer's languages once it is known (all of them until then), as on the login page.
    let offered =
        Signal::derive(move || dealer.get().map_or_else(|| Language::ALL.to_vec(), |d| d.languages));

    view! {
        <AuthCard dealer=dealer>
            <div class="profile" data-testid="profile-page">
                <h1 class="login-title">{move || tr("profile-title")}</h1>
                <p class="login-subtitle">{move || tr("profile-subtitle")}</p>
                <ContactForm offered=offered />
                <hr class="profile-rule" />
                <EmailForm />
                <p class="login-links">
                    <A href=back attr:class="text-link" attr:data-testid="profile-back">
                        {move || tr("profile-back")}
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

/// Name, phone and — when the dealer offers a choice — the language of the screens.
#[component]
fn ContactForm(offered: Signal<Vec<Language>>) -> impl IntoView {
    let session = use_session();
    let user = session.user();
    let name = RwSignal::new(user.as_ref().map(|u| u.display_name.clone()).unwrap_or_default());
    let phone = RwSignal::new(user.as_ref().and_then(|u| u.phone.clone()).unwrap_or_default());
    // The language picked here, at first the one the screens speak; what the select shows and
    // saves is the first the dealer offers while that one is not offered.
    let picked = RwSignal::new(untrack(crate::i18n::language));
    let language = Memo::new(move |_| {
        let picked = picked.get();
        offered.with(|o| if o.contains(&picked) { picked } else { o.first().copied().unwrap_or(picked) })
    });
    let choosing = Memo::new(move |_| offered.with(|o| o.len() > 1));
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
            found.name = Some(tr("profile-name-missing"));
        } else if display_name.chars().count() > 120 {
            found.name = Some(tr("profile-name-too-long"));
        }
        if report_errors(errors, found) {
            return;
        }
        submitting.set(true);
        let chosen = choosing.get_untracked().then(|| language.get_untracked());
        let request = UpdateProfileRequest {
            display_name: Some(display_name),
            // An empty phone removes it; the server says when it is not a phone number.
            phone: Some(phone.get_untracked().trim().to_string()),
            language: chosen,
        };
        leptos::task::spawn_local(async move {
            match api::update_profile(session, &request).await {
                Ok(me) => {
                    name.set(me.user.display_name.clone());
                    phone.set(me.user.phone.clone().unwrap_or_default());
                    if let Some(chosen) = chosen {
                        adopt_language(chosen);
                    }
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
            <h2 class="profile-section">{move || tr("profile-contact-title")}</h2>
            <div class="field">
                <label class="field-label" for="profile-name">{move || tr("profile-name")}</label>
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
                <label class="field-label" for="profile-phone">{move || tr("profile-phone")}</label>
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
                    {move || tr("profile-phone-hint")}
                </p>
                {move || phone_error.get().map(|m| view! {
                    <p class="field-error" role="alert" data-testid="profile-phone-error">{m}</p>
                })}
            </div>
            <Show when=move || choosing.get()>
                <div class="field">
                    <label class="field-label" for="profile-language">{move || tr("profile-language")}</label>
                    <select
                        id="profile-language"
                        class="input"
                        name="language"
                        data-testid="profile-language"
                        on:change=move |ev| {
                            if let Some(chosen) = Language::parse(&event_target_value(&ev)) {
                                picked.set(chosen);
                                saved.set(false);
                            }
                        }
                    >
                        {move || offered.get().into_iter().map(|option| view! {
                            <option value=option.tag() lang=option.tag() selected=move || language.get() == option>
                                {option.native_name()}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
            </Show>
            <FormError testid="profile-error" error=field_error(errors, |e| &e.form) />
            <Show when=move || saved.get()>
                <div class="notice notice-info notice-tight" role="status" data-testid="profile-saved">
                    <IconSvg icon=Icon::Check class="notice-icon" />
                    <p class="notice-body">{move || tr("profile-saved")}</p>
                </div>
            </Show>
            <SubmitButton testid="profile-save" submitting=submitting idle=move || tr("profile-save") busy=move || tr("profile-saving") />
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
            found.email = Some(tr("profile-email-invalid"));
        } else if address.eq_ignore_ascii_case(&current_email.get_untracked()) {
            found.email = Some(tr("profile-email-same"));
        }
        if password.get_untracked().is_empty() {
            found.password = Some(tr("profile-password-missing"));
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
                        email: e
                            .field_message("new_email")
                            .or_else(|| conflict.then(|| tr("profile-email-taken"))),
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
            <h2 class="profile-section">{move || tr("profile-email-title")}</h2>
            <p class="profile-current">
                {move || tr("profile-email-current")} " "
                <strong data-testid="profile-email-current">{move || current_email.get()}</strong>
            </p>
            {move || sent_to.get().map(|to| view! {
                <div class="notice notice-info notice-tight" role="status" data-testid="profile-email-sent">
                    <IconSvg icon=Icon::Mail class="notice-icon" />
                    <div class="notice-body">
                        <p class="notice-title">{tr_with("profile-email-sent-title", &[("email", to.into())])}</p>
                        <p>{tr_with("profile-email-sent-text", &[("email", current_email.get().into())])}</p>
                    </div>
                </div>
            })}
            <div class="field">
                <label class="field-label" for="profile-new-email">{move || tr("profile-new-email")}</label>
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
                <label class="field-label" for="profile-email-password">{move || tr("profile-password")}</label>
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
                idle=move || tr("profile-email-submit")
                busy=move || tr("profile-email-sending")
            />
        </form>
    }
}
