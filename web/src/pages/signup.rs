//! Self sign-up (A3) for people whose account has no portal login yet:
//! - `/signup`: an account or contract number, a second fact on record (ZIP/postal code or
//!   the account's email) and the email to send the confirmation link to. The answer is the
//!   same neutral "Check your email" whether or not anything matched.
//! - `/signup/confirm?token=…`: the link from that email, in the dealer's branding: choose a
//!   password → signed in on the account's home.
//!
//! Unknown, expired and used links all look the same.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::registration::{
    ConfirmSignupRequest, SignupFactKind, SignupPreview, SignupReferenceKind, SignupRequest,
};

use crate::api::{self, ApiError};
use crate::components::auth_card::{AuthCard, title_with_dealer, use_last_dealer};
use crate::components::form::{FormError, ReadonlyEmail, SubmitButton, field_error, report_errors};
use crate::components::icons::{Icon, IconSvg};
use crate::components::password_fields::{NewLoginErrors, NewPasswordFields};
use crate::components::token_link::{
    LinkExpired, TokenLinkTexts, linked_account, linked_home, token_link_page, use_token_link,
};
use crate::paths;
use crate::session::use_session;

/// Every problem of the sign-up form, each where it belongs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct SignupErrors {
    reference: Option<String>,
    fact: Option<String>,
    email: Option<String>,
    form: Option<String>,
}

fn looks_like_email(email: &str) -> bool {
    let email = email.trim();
    match email.split_once('@') {
        Some((local, domain)) => !local.is_empty() && domain.contains('.') && !domain.starts_with('.'),
        None => false,
    }
}

#[component]
pub fn SignupPage() -> impl IntoView {
    let dealer = use_last_dealer();
    title_with_dealer("Create your account", dealer);

    let reference_kind = RwSignal::new(SignupReferenceKind::AccountNumber);
    let fact_kind = RwSignal::new(SignupFactKind::PostalCode);
    let reference = RwSignal::new(String::new());
    let fact = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let errors = RwSignal::new(SignupErrors::default());
    let submitting = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let request = SignupRequest {
            reference_kind: reference_kind.get_untracked(),
            reference: reference.get_untracked().trim().to_string(),
            fact_kind: fact_kind.get_untracked(),
            fact: fact.get_untracked().trim().to_string(),
            email: email.get_untracked().trim().to_string(),
        };
        let mut found = SignupErrors::default();
        if request.reference.is_empty() {
            found.reference = Some(match request.reference_kind {
                SignupReferenceKind::AccountNumber => "Enter your account number.".into(),
                SignupReferenceKind::ContractNumber => "Enter a contract number.".into(),
            });
        }
        if request.fact.is_empty() {
            found.fact = Some(match request.fact_kind {
                SignupFactKind::PostalCode => "Enter the ZIP or postal code on your account.".into(),
                SignupFactKind::Email => "Enter the email address on your account.".into(),
            });
        } else if request.fact_kind == SignupFactKind::Email && !looks_like_email(&request.fact) {
            found.fact = Some("Enter an email address like name@example.com.".into());
        }
        if !looks_like_email(&request.email) {
            found.email = Some("Enter the email address to send the link to.".into());
        }
        if report_errors(errors, found) {
            return;
        }
        submitting.set(true);
        leptos::task::spawn_local(async move {
            match api::sign_up(&request).await {
                Ok(accepted) => done.set(Some(accepted.message)),
                Err(e) => errors.set(SignupErrors {
                    reference: e.field_message("reference"),
                    fact: e.field_message("fact"),
                    email: e.field_message("email"),
                    form: Some(e.message()),
                }),
            }
            submitting.set(false);
        });
    };

    let reference_error = field_error(errors, |e| &e.reference);
    let fact_error = field_error(errors, |e| &e.fact);
    let email_error = field_error(errors, |e| &e.email);
    // A field problem shows under its field; the summary only when no field has one.
    let form_error = Signal::derive(move || {
        errors.with(|e| {
            if e.reference.is_some() || e.fact.is_some() || e.email.is_some() { None } else { e.form.clone() }
        })
    });

    let reference_label = move || match reference_kind.get() {
        SignupReferenceKind::AccountNumber => "Account number",
        SignupReferenceKind::ContractNumber => "Contract number",
    };
    let reference_hint = move || match reference_kind.get() {
        SignupReferenceKind::AccountNumber => "It is on your invoices and statements.",
        SignupReferenceKind::ContractNumber => "The number of any of your contracts or quotes.",
    };
    let fact_label = move || match fact_kind.get() {
        SignupFactKind::PostalCode => "ZIP/postal code on the account",
        SignupFactKind::Email => "Email on the account",
    };
    let pick_reference = move |kind: SignupReferenceKind| {
        reference_kind.set(kind);
        errors.update(|e| e.reference = None);
    };
    let pick_fact = move |kind: SignupFactKind| {
        if fact_kind.get_untracked() != kind {
            fact_kind.set(kind);
            fact.set(String::new());
            errors.update(|e| e.fact = None);
        }
    };

    view! {
        <AuthCard dealer=dealer>
            <h1 class="login-title">"Create your account"</h1>
            {move || match done.get() {
                Some(message) => {
                    view! { <SignupDone message=message on_again=move |()| done.set(None) /> }.into_any()
                }
                None => {
                    view! {
                        <p class="login-subtitle">
                            "Tell us which account is yours and we will email you a link to set up "
                            "your login."
                        </p>
                        <form class="login-form" data-testid="signup-form" on:submit=on_submit novalidate>
                            <div class="field">
                                <span class="field-label" id="signup-kind-label">"I have my"</span>
                                <div class="segmented" role="radiogroup" aria-labelledby="signup-kind-label">
                                    <Segment
                                        testid="signup-kind-account"
                                        label="Account number"
                                        checked=Signal::derive(move || {
                                            reference_kind.get() == SignupReferenceKind::AccountNumber
                                        })
                                        on_pick=move |()| pick_reference(SignupReferenceKind::AccountNumber)
                                    />
                                    <Segment
                                        testid="signup-kind-contract"
                                        label="Contract number"
                                        checked=Signal::derive(move || {
                                            reference_kind.get() == SignupReferenceKind::ContractNumber
                                        })
                                        on_pick=move |()| pick_reference(SignupReferenceKind::ContractNumber)
                                    />
                                </div>
                            </div>
                            <div class="field">
                                <label class="field-label" for="signup-reference">{reference_label}</label>
                                <input
                                    id="signup-reference"
                                    class="input"
                                    type="text"
                                    name="reference"
                                    autocomplete="off"
                                    autocapitalize="characters"
                                    spellcheck="false"
                                    data-testid="signup-reference"
                                    aria-invalid=move || reference_error.with(Option::is_some).to_string()
                                    aria-describedby="signup-reference-hint"
                                    bind:value=reference
                                />
                                <p class="field-hint" id="signup-reference-hint">{reference_hint}</p>
                                <FieldError error=reference_error />
                            </div>
                            <div class="field">
                                <span class="field-label" id="signup-fact-label">"And to prove it, the"</span>
                                <div class="segmented" role="radiogroup" aria-labelledby="signup-fact-label">
                                    <Segment
                                        testid="signup-fact-zip"
                                        label="ZIP/postal code"
                                        checked=Signal::derive(move || fact_kind.get() == SignupFactKind::PostalCode)
                                        on_pick=move |()| pick_fact(SignupFactKind::PostalCode)
                                    />
                                    <Segment
                                        testid="signup-fact-email"
                                        label="Email on the account"
                                        checked=Signal::derive(move || fact_kind.get() == SignupFactKind::Email)
                                        on_pick=move |()| pick_fact(SignupFactKind::Email)
                                    />
                                </div>
                            </div>
                            <div class="field">
                                <label class="field-label" for="signup-fact">{fact_label}</label>
                                <input
                                    id="signup-fact"
                                    class="input"
                                    type=move || match fact_kind.get() {
                                        SignupFactKind::PostalCode => "text",
                                        SignupFactKind::Email => "email",
                                    }
                                    name="fact"
                                    autocomplete=move || match fact_kind.get() {
                                        SignupFactKind::PostalCode => "postal-code",
                                        SignupFactKind::Email => "email",
                                    }
                                    autocapitalize="none"
                                    spellcheck="false"
                                    data-testid="signup-fact"
                                    aria-invalid=move || fact_error.with(Option::is_some).to_string()
                                    bind:value=fact
                                />
                                <FieldError error=fact_error />
                            </div>
                            <div class="field">
                                <label class="field-label" for="signup-email">"Send the link to"</label>
                                <input
                                    id="signup-email"
                                    class="input"
                                    type="email"
                                    name="email"
                                    autocomplete="email"
                                    inputmode="email"
                                    autocapitalize="none"
                                    spellcheck="false"
                                    data-testid="signup-email"
                                    aria-invalid=move || email_error.with(Option::is_some).to_string()
                                    aria-describedby="signup-email-hint"
                                    bind:value=email
                                />
                                <p class="field-hint" id="signup-email-hint">
                                    "Your email on the account, or a contact's. It becomes your login."
                                </p>
                                <FieldError error=email_error />
                            </div>
                            <FormError testid="signup-error" error=form_error />
                            <SubmitButton
                                testid="signup-submit"
                                submitting=submitting
                                idle="Email me a link"
                                busy="Sending…"
                            />
                        </form>
                    }
                        .into_any()
                }
            }}
            <p class="login-links">
                <A href=paths::LOGIN attr:class="text-link" attr:data-testid="back-to-login">
                    "I already have a login"
                </A>
            </p>
        </AuthCard>
    }
}

/// One choice of a segmented control (a radio group of buttons).
#[component]
fn Segment(
    testid: &'static str,
    label: &'static str,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] on_pick: Callback<()>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            role="radio"
            class="segment"
            data-testid=testid
            aria-checked=move || checked.get().to_string()
            on:click=move |_| on_pick.run(())
        >
            {label}
        </button>
    }
}

#[component]
fn FieldError(error: Signal<Option<String>>) -> impl IntoView {
    move || {
        error.get().map(|m| {
            view! { <p class="field-error" role="alert" data-testid="signup-error">{m}</p> }
        })
    }
}

/// What the server said, word for word: it is the same whether or not anything matched.
#[component]
fn SignupDone(message: String, #[prop(into)] on_again: Callback<()>) -> impl IntoView {
    view! {
        <div class="notice notice-info" role="status" data-testid="signup-done">
            <IconSvg icon=Icon::Mail class="notice-icon" />
            <div class="notice-body">
                <p class="notice-title">"Check your email"</p>
                <p>{message}</p>
                <p class="notice-hint">
                    "No email after a few minutes? Look in your spam folder, or check the numbers "
                    "and try again."
                </p>
            </div>
        </div>
        <button
            class="btn btn-secondary btn-block notice-again"
            type="button"
            data-testid="signup-again"
            on:click=move |_| on_again.run(())
        >
            "Try again"
        </button>
    }
}

/// `/signup/confirm?token=…`: choose a password for the new login.
#[component]
pub fn SignupConfirmPage() -> impl IntoView {
    let link = use_token_link(
        "Set up your login",
        |token: String| async move { api::signup_preview(&token).await },
        |p: SignupPreview| p.dealer,
    );
    let token = link.token;
    // The confirm call found the link spent meanwhile.
    let expired = RwSignal::new(false);
    let texts = TokenLinkTexts {
        page_testid: "signup-confirm-page",
        loading: "Opening your link…",
        error_testid: "signup-confirm-error",
        error_title: "We could not open this link",
        retry_testid: "signup-confirm-retry",
    };
    token_link_page(
        link,
        expired,
        texts,
        || view! { <SignupExpired /> }.into_any(),
        move |signup| view! { <ConfirmForm signup=signup token=token expired=expired /> }.into_any(),
    )
}

#[component]
fn ConfirmForm(signup: SignupPreview, token: StoredValue<String>, expired: RwSignal<bool>) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let errors = RwSignal::new(NewLoginErrors::default());
    let submitting = RwSignal::new(false);
    // The email got a login meanwhile (401): log in with it instead.
    let has_login = RwSignal::new(false);
    let heading = format!("Set up your login for {}", signup.customer_name);
    let words = signup.dealer.terminology.plural_noun();
    let lead = format!("See your contracts, {words} and quotes from {} in one place.", signup.dealer.name);
    let email = signup.email.clone();
    let signup = StoredValue::new(signup);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let Some(new_password) = NewLoginErrors::checked(errors, password, confirm) else {
            return;
        };
        let request = ConfirmSignupRequest { token: token.get_value(), new_password };
        submitting.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api::confirm_signup(&request).await {
                Ok(response) => {
                    session.establish(response);
                    let account =
                        signup.with_value(|s| linked_account(&session, &s.dealer, &s.customer_name));
                    let target = linked_home(&session, account);
                    navigate(&target, NavigateOptions { replace: true, ..Default::default() });
                }
                Err(e) if e.field_message("token").is_some() => expired.set(true),
                Err(ApiError::Problem(p)) if p.status == 401 => has_login.set(true),
                Err(e) => errors.set(NewLoginErrors::from_api(&e)),
            }
            submitting.set(false);
        });
    };

    let form_error = field_error(errors, |e| &e.form);
    let login_email = email.clone();

    view! {
        <h1 class="login-title" data-testid="signup-confirm-title">{heading}</h1>
        <p class="login-subtitle">{lead}</p>
        <Show
            when=move || has_login.get()
            fallback=move || {
                let email = email.clone();
                view! {
                    <form class="login-form" data-testid="signup-confirm-form" on:submit=on_submit.clone() novalidate>
                        <ReadonlyEmail prefix="signup-confirm" email=email />
                        <NewPasswordFields
                            prefix="signup-confirm"
                            password_id="password"
                            password=password
                            confirm=confirm
                            password_error=field_error(errors, |e| &e.password)
                            confirm_error=field_error(errors, |e| &e.confirm)
                        />
                        <FormError testid="signup-confirm-error" error=form_error />
                        <SubmitButton
                            testid="signup-confirm-submit"
                            submitting=submitting
                            idle="Set up my login"
                            busy="Setting up…"
                        />
                    </form>
                }
            }
        >
            <div class="notice notice-info" role="alert" data-testid="signup-confirm-error">
                <IconSvg icon=Icon::Alert class="notice-icon" />
                <p class="notice-body">
                    {format!("{login_email} already has a portal login. Log in with it instead.")}
                </p>
            </div>
            <A href=paths::LOGIN attr:class="btn btn-primary btn-block invitation-action">"Go to log in"</A>
        </Show>
    }
}

#[component]
fn SignupExpired() -> impl IntoView {
    view! {
        <LinkExpired
            testid="signup-expired"
            title="This link has expired or was already used"
            text="Sign-up links work once and only for a limited time. Ask for a new one and use the \
                  newest email."
        >
            <A href=paths::SIGNUP attr:class="btn btn-primary btn-block" attr:data-testid="signup-restart">
                "Ask for a new link"
            </A>
            <p class="login-links">
                <A href=paths::LOGIN attr:class="text-link">"Go to log in"</A>
            </p>
        </LinkExpired>
    }
}
