//! `/register`: first registration by the account's primary phone (A2, seed 000). The login
//! screen sends people here when they type their phone as both login and password; they
//! confirm the email and ZIP/postal code on record and choose a password, and are then signed
//! in like after a login.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use shared::email::EmailAddress;
use shared::phone::normalize_phone;
use shared::registration::PhoneRegistrationRequest;

use crate::api::{self, ApiError};
use crate::components::auth_card::{AuthCard, BackToLogin, title_with_dealer, use_last_dealer};
use crate::components::form::{FormError, SubmitButton, field_error, report_errors};
use crate::components::icons::{Icon, IconSvg};
use crate::components::password_fields::{NewPasswordFields, new_password_errors};
use crate::drafts::{use_login_draft, use_register_draft};
use crate::i18n::tr;
use crate::paths;
use crate::session::{AuthStatus, use_session};

/// Every problem shown at once, each where it belongs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Errors {
    phone: Option<String>,
    email: Option<String>,
    postal: Option<String>,
    password: Option<String>,
    confirm: Option<String>,
    /// The email or ZIP does not match the record: one message naming the store, shown once.
    mismatch: Option<String>,
    /// Anything else (rate limit, network, ...).
    form: Option<String>,
}

impl Errors {
    /// What the form can tell before sending: the details filled in and plausible, the
    /// password good and typed twice alike.
    fn of(request: &PhoneRegistrationRequest, confirm: &str) -> Self {
        let mut found = Errors::default();
        if request.phone.is_empty() {
            found.phone = Some(tr("register-phone-missing"));
        } else if normalize_phone(&request.phone).is_none() {
            found.phone = Some(tr("register-phone-invalid"));
        }
        if request.email.is_empty() {
            found.email = Some(tr("public-email-missing"));
        } else if !EmailAddress::is_valid(&request.email) {
            found.email = Some(tr("register-email-invalid"));
        }
        if request.postal_code.is_empty() {
            found.postal = Some(tr("public-postal-missing"));
        }
        (found.password, found.confirm) = new_password_errors(&request.new_password, confirm);
        found
    }

    fn from_api(e: &ApiError) -> Self {
        let email = e.field_message("email");
        let postal = e.field_message("postal_code");
        let mut errors = Errors {
            phone: e.field_message("phone"),
            password: e.field_message("new_password"),
            ..Default::default()
        };
        // The server puts the same "do not match our records" message on both fields.
        if email.is_some() && email == postal {
            errors.mismatch = email;
        } else {
            errors.email = email;
            errors.postal = postal;
        }
        if errors == Errors::default() {
            errors.form = Some(e.message());
        }
        errors
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let dealer = use_last_dealer();
    title_with_dealer(|| tr("public-set-up-login"), dealer);
    let session = use_session();
    let navigate = use_navigate();

    // Handed over by the login screen (phone typed as login and password); empty otherwise.
    let handed_over = use_register_draft().try_update(Option::take).flatten();
    let from_login = handed_over.is_some();
    let login_draft = use_login_draft();
    let phone = RwSignal::new(handed_over.unwrap_or_default());
    let email = RwSignal::new(String::new());
    let postal = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let errors = RwSignal::new(Errors::default());
    let submitting = RwSignal::new(false);

    // Registered (or already signed in): continue like after a login.
    Effect::new(move |_| {
        if session.status() == AuthStatus::SignedIn {
            navigate(&paths::landing(&session), NavigateOptions { replace: true, ..Default::default() });
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let request = PhoneRegistrationRequest {
            phone: phone.get_untracked().trim().to_string(),
            email: email.get_untracked().trim().to_string(),
            postal_code: postal.get_untracked().trim().to_string(),
            new_password: password.get_untracked(),
        };
        if report_errors(errors, Errors::of(&request, &confirm.get_untracked())) {
            return;
        }
        submitting.set(true);
        leptos::task::spawn_local(async move {
            match api::register_by_phone(&request).await {
                Ok(response) => {
                    login_draft.set(String::new());
                    session.establish(response);
                }
                Err(e) => errors.set(Errors::from_api(&e)),
            }
            submitting.set(false);
        });
    };

    let form_error = field_error(errors, |e| &e.form);

    view! {
        <AuthCard dealer=dealer>
            <h1 class="login-title">
                {move || if from_login { tr("register-welcome") } else { tr("register-title") }}
            </h1>
            <p class="login-subtitle">
                {move || if from_login { tr("register-lead-from-login") } else { tr("register-lead") }}
            </p>
            <form class="login-form" data-testid="register-form" on:submit=on_submit novalidate>
                <RecordFields phone=phone email=email postal=postal errors=errors />
                <NewPasswordFields
                    prefix="register"
                    password_id="password"
                    password=password
                    confirm=confirm
                    password_error=field_error(errors, |e| &e.password)
                    confirm_error=field_error(errors, |e| &e.confirm)
                />
                {move || errors.with(|e| e.mismatch.clone()).map(|message| view! {
                    <div class="notice notice-error" role="alert" data-testid="register-error">
                        <IconSvg icon=Icon::Alert class="notice-icon" />
                        <div class="notice-body">
                            <p class="notice-title">{move || tr("register-mismatch")}</p>
                            <p>{message}</p>
                        </div>
                    </div>
                })}
                <FormError testid="register-error" error=form_error />
                <SubmitButton
                    testid="register-submit"
                    submitting=submitting
                    idle=move || tr("public-set-up-my-login")
                    busy=move || tr("form-setting-up")
                />
            </form>
            <BackToLogin text=move || tr("public-back-to-login") />
        </AuthCard>
    }
}

/// The details on record that prove the account is theirs: phone, email, ZIP/postal code.
#[component]
fn RecordFields(
    phone: RwSignal<String>,
    email: RwSignal<String>,
    postal: RwSignal<String>,
    errors: RwSignal<Errors>,
) -> impl IntoView {
    let phone_error = field_error(errors, |e| &e.phone);
    let email_error = field_error(errors, |e| &e.email);
    let postal_error = field_error(errors, |e| &e.postal);
    // Email and code that do not match the record are both marked, with one message.
    let mismatch = Memo::new(move |_| errors.with(|e| e.mismatch.is_some()));
    view! {
        <Field id="register-phone" label=move || tr("register-phone") error=phone_error>
            <input
                id="register-phone"
                class="input"
                type="tel"
                name="phone"
                autocomplete="tel"
                inputmode="tel"
                data-testid="register-phone"
                aria-invalid=move || phone_error.with(Option::is_some).to_string()
                aria-describedby="register-phone-error"
                bind:value=phone
            />
        </Field>
        <Field id="register-email" label=move || tr("register-email") error=email_error>
            <input
                id="register-email"
                class="input"
                type="email"
                name="email"
                autocomplete="email"
                inputmode="email"
                autocapitalize="none"
                spellcheck="false"
                data-testid="register-email"
                aria-invalid=move || (email_error.with(Option::is_some) || mismatch.get()).to_string()
                aria-describedby="register-email-error"
                bind:value=email
            />
        </Field>
        <Field id="register-postal" label=move || tr("register-postal") error=postal_error>
            <input
                id="register-postal"
                class="input input-short"
                type="text"
                name="postal-code"
                autocomplete="postal-code"
                autocapitalize="characters"
                spellcheck="false"
                data-testid="register-postal"
                aria-invalid=move || (postal_error.with(Option::is_some) || mismatch.get()).to_string()
                aria-describedby="register-postal-error"
                bind:value=postal
            />
        </Field>
    }
}

/// A labelled field with its error underneath (test id `register-error`).
#[component]
fn Field(
    id: &'static str,
    #[prop(into)] label: TextProp,
    error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field">
            <label class="field-label" for=id>{move || label.get()}</label>
            {children()}
            {move || error.get().map(|m| view! {
                <p class="field-error" id=format!("{id}-error") role="alert" data-testid="register-error">
                    {m}
                </p>
            })}
        </div>
    }
}
