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
use shared::email::EmailAddress;
use shared::registration::{
    ConfirmSignupRequest, SignupFactKind, SignupPreview, SignupReferenceKind, SignupRequest,
};

use crate::api::{self, ApiError};
use crate::components::auth_card::{AuthCard, BackToLogin, title_with_dealer, use_last_dealer};
use crate::components::form::{FormError, ReadonlyEmail, Segment, SubmitButton, field_error, report_errors};
use crate::components::icons::{Icon, IconSvg};
use crate::components::password_fields::{NewLoginErrors, NewLoginFields};
use crate::components::token_link::{
    LinkExpired, LinkInHand, TokenLinkTexts, linked_account, linked_home, token_link_page,
};
use crate::i18n::{terms_arg, tr, tr_with};
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

impl SignupErrors {
    /// What the form can tell before sending: each field filled, the emails plausible.
    fn of(request: &SignupRequest) -> Self {
        let mut found = SignupErrors::default();
        if request.reference.is_empty() {
            found.reference = Some(match request.reference_kind {
                SignupReferenceKind::AccountNumber => tr("signup-account-missing"),
                SignupReferenceKind::ContractNumber => tr("signup-contract-missing"),
            });
        }
        if request.fact.is_empty() {
            found.fact = Some(match request.fact_kind {
                SignupFactKind::PostalCode => tr("public-postal-missing"),
                SignupFactKind::Email => tr("public-email-missing"),
            });
        } else if request.fact_kind == SignupFactKind::Email && !EmailAddress::is_valid(&request.fact) {
            found.fact = Some(tr("signup-fact-email-invalid"));
        }
        if !EmailAddress::is_valid(&request.email) {
            found.email = Some(tr("signup-email-missing"));
        }
        found
    }
}

/// What is typed on the sign-up form.
#[derive(Clone, Copy)]
struct SignupDraft {
    reference_kind: RwSignal<SignupReferenceKind>,
    fact_kind: RwSignal<SignupFactKind>,
    reference: RwSignal<String>,
    fact: RwSignal<String>,
    email: RwSignal<String>,
}

impl SignupDraft {
    fn new() -> Self {
        Self {
            reference_kind: RwSignal::new(SignupReferenceKind::AccountNumber),
            fact_kind: RwSignal::new(SignupFactKind::PostalCode),
            reference: RwSignal::new(String::new()),
            fact: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
        }
    }

    fn request(self) -> SignupRequest {
        SignupRequest {
            reference_kind: self.reference_kind.get_untracked(),
            reference: self.reference.get_untracked().trim().to_string(),
            fact_kind: self.fact_kind.get_untracked(),
            fact: self.fact.get_untracked().trim().to_string(),
            email: self.email.get_untracked().trim().to_string(),
        }
    }
}

#[component]
pub fn SignupPage() -> impl IntoView {
    let dealer = use_last_dealer();
    title_with_dealer(|| tr("login-signup"), dealer);

    let draft = SignupDraft::new();
    let errors = RwSignal::new(SignupErrors::default());
    let submitting = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let request = draft.request();
        if report_errors(errors, SignupErrors::of(&request)) {
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

    // A field problem shows under its field; the summary only when no field has one.
    let form_error = Signal::derive(move || {
        errors.with(|e| {
            if e.reference.is_some() || e.fact.is_some() || e.email.is_some() { None } else { e.form.clone() }
        })
    });

    view! {
        <AuthCard dealer=dealer>
            <h1 class="login-title">{move || tr("login-signup")}</h1>
            {move || match done.get() {
                Some(message) => {
                    view! { <SignupDone message=message on_again=move |()| done.set(None) /> }.into_any()
                }
                None => {
                    view! {
                        <p class="login-subtitle">{move || tr("signup-lead")}</p>
                        <form class="login-form" data-testid="signup-form" on:submit=on_submit novalidate>
                            <ReferenceFields draft=draft errors=errors />
                            <FactFields draft=draft errors=errors />
                            <LinkEmailField email=draft.email error=field_error(errors, |e| &e.email) />
                            <FormError testid="signup-error" error=form_error />
                            <SubmitButton
                                testid="signup-submit"
                                submitting=submitting
                                idle=move || tr("signup-submit")
                                busy=move || tr("public-sending")
                            />
                        </form>
                    }
                        .into_any()
                }
            }}
            <BackToLogin text=move || tr("public-have-login") />
        </AuthCard>
    }
}

/// "I have my" account or contract number, and that number.
#[component]
fn ReferenceFields(draft: SignupDraft, errors: RwSignal<SignupErrors>) -> impl IntoView {
    let kind = draft.reference_kind;
    let error = field_error(errors, |e| &e.reference);
    let pick = move |picked: SignupReferenceKind| {
        kind.set(picked);
        errors.update(|e| e.reference = None);
    };
    let label = move || match kind.get() {
        SignupReferenceKind::AccountNumber => tr("signup-account-number"),
        SignupReferenceKind::ContractNumber => tr("signup-contract-number"),
    };
    let hint = move || match kind.get() {
        SignupReferenceKind::AccountNumber => tr("signup-account-hint"),
        SignupReferenceKind::ContractNumber => tr("signup-contract-hint"),
    };
    view! {
        <div class="field">
            <span class="field-label" id="signup-kind-label">{move || tr("signup-have")}</span>
            <div class="segmented" role="radiogroup" aria-labelledby="signup-kind-label">
                <Segment
                    testid="signup-kind-account"
                    checked=Signal::derive(move || kind.get() == SignupReferenceKind::AccountNumber)
                    on_pick=move |()| pick(SignupReferenceKind::AccountNumber)
                >
                    {move || tr("signup-account-number")}
                </Segment>
                <Segment
                    testid="signup-kind-contract"
                    checked=Signal::derive(move || kind.get() == SignupReferenceKind::ContractNumber)
                    on_pick=move |()| pick(SignupReferenceKind::ContractNumber)
                >
                    {move || tr("signup-contract-number")}
                </Segment>
            </div>
        </div>
        <div class="field">
            <label class="field-label" for="signup-reference">{label}</label>
            <input
                id="signup-reference"
                class="input"
                type="text"
                name="reference"
                autocomplete="off"
                autocapitalize="characters"
                spellcheck="false"
                data-testid="signup-reference"
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby="signup-reference-hint"
                bind:value=draft.reference
            />
            <p class="field-hint" id="signup-reference-hint">{hint}</p>
            <FieldError error=error />
        </div>
    }
}

/// "And to prove it, the" ZIP/postal code or email on the account, and that fact.
#[component]
fn FactFields(draft: SignupDraft, errors: RwSignal<SignupErrors>) -> impl IntoView {
    let kind = draft.fact_kind;
    let fact = draft.fact;
    let error = field_error(errors, |e| &e.fact);
    let pick = move |picked: SignupFactKind| {
        if kind.get_untracked() != picked {
            kind.set(picked);
            fact.set(String::new());
            errors.update(|e| e.fact = None);
        }
    };
    let label = move || match kind.get() {
        SignupFactKind::PostalCode => tr("signup-postal-label"),
        SignupFactKind::Email => tr("signup-fact-email"),
    };
    view! {
        <div class="field">
            <span class="field-label" id="signup-fact-label">{move || tr("signup-prove")}</span>
            <div class="segmented" role="radiogroup" aria-labelledby="signup-fact-label">
                <Segment
                    testid="signup-fact-zip"
                    checked=Signal::derive(move || kind.get() == SignupFactKind::PostalCode)
                    on_pick=move |()| pick(SignupFactKind::PostalCode)
                >
                    {move || tr("signup-postal")}
                </Segment>
                <Segment
                    testid="signup-fact-email"
                    checked=Signal::derive(move || kind.get() == SignupFactKind::Email)
                    on_pick=move |()| pick(SignupFactKind::Email)
                >
                    {move || tr("signup-fact-email")}
                </Segment>
            </div>
        </div>
        <div class="field">
            <label class="field-label" for="signup-fact">{label}</label>
            <input
                id="signup-fact"
                class="input"
                type=move || match kind.get() {
                    SignupFactKind::PostalCode => "text",
                    SignupFactKind::Email => "email",
                }
                name="fact"
                autocomplete=move || match kind.get() {
                    SignupFactKind::PostalCode => "postal-code",
                    SignupFactKind::Email => "email",
                }
                autocapitalize="none"
                spellcheck="false"
                data-testid="signup-fact"
                aria-invalid=move || error.with(Option::is_some).to_string()
                bind:value=fact
            />
            <FieldError error=error />
        </div>
    }
}

/// "Send the link to": the email that becomes the login.
#[component]
fn LinkEmailField(email: RwSignal<String>, error: Signal<Option<String>>) -> impl IntoView {
    view! {
        <div class="field">
            <label class="field-label" for="signup-email">{move || tr("signup-send-to")}</label>
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
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby="signup-email-hint"
                bind:value=email
            />
            <p class="field-hint" id="signup-email-hint">{move || tr("signup-email-hint")}</p>
            <FieldError error=error />
        </div>
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
                <p class="notice-title">{move || tr("public-check-email")}</p>
                <p>{message}</p>
                <p class="notice-hint">{move || tr("signup-spam-hint")}</p>
            </div>
        </div>
        <button
            class="btn btn-secondary btn-block notice-again"
            type="button"
            data-testid="signup-again"
            on:click=move |_| on_again.run(())
        >
            {move || tr("signup-again")}
        </button>
    }
}

/// `/signup/confirm?token=…`: choose a password for the new login.
#[component]
pub fn SignupConfirmPage() -> impl IntoView {
    let texts = TokenLinkTexts {
        title: TextProp::from(|| tr("public-set-up-login")),
        testid: "signup-confirm",
        loading: TextProp::from(|| tr("signup-confirm-loading")),
        error_title: TextProp::from(|| tr("signup-confirm-load-failed")),
    };
    token_link_page(
        texts,
        |token: String| async move { api::signup_preview(&token).await },
        |p: SignupPreview| p.dealer,
        || view! { <SignupExpired /> }.into_any(),
        |signup, link| view! { <ConfirmForm signup=signup link=link /> }.into_any(),
    )
}

#[component]
fn ConfirmForm(signup: SignupPreview, link: LinkInHand) -> impl IntoView {
    let LinkInHand { token, expired } = link;
    let session = use_session();
    let navigate = use_navigate();
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let errors = RwSignal::new(NewLoginErrors::default());
    let submitting = RwSignal::new(false);
    // The email got a login meanwhile (401): log in with it instead.
    let has_login = RwSignal::new(false);
    let email = StoredValue::new(signup.email.clone());
    let signup = StoredValue::new(signup);
    let heading = move || {
        signup.with_value(|s| {
            tr_with("signup-confirm-heading", &[("customer", s.customer_name.as_str().into())])
        })
    };
    let lead = move || {
        signup.with_value(|s| {
            let args = [terms_arg(s.dealer.terminology), ("dealer", s.dealer.name.as_str().into())];
            tr_with("signup-confirm-lead", &args)
        })
    };

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

    view! {
        <h1 class="login-title" data-testid="signup-confirm-title">{heading}</h1>
        <p class="login-subtitle">{lead}</p>
        <Show
            when=move || has_login.get()
            fallback=move || {
                view! {
                    <form class="login-form" data-testid="signup-confirm-form" on:submit=on_submit.clone() novalidate>
                        <ReadonlyEmail prefix="signup-confirm" email=email.get_value() />
                        <NewLoginFields
                            prefix="signup-confirm"
                            password=password
                            confirm=confirm
                            errors=errors
                            submitting=submitting
                            submit_testid="signup-confirm-submit"
                            submit=move || tr("public-set-up-my-login")
                        />
                    </form>
                }
            }
        >
            <div class="notice notice-info" role="alert" data-testid="signup-confirm-error">
                <IconSvg icon=Icon::Alert class="notice-icon" />
                <p class="notice-body">
                    {move || email.with_value(|e| tr_with("signup-confirm-has-login", &[("email", e.as_str().into())]))}
                </p>
            </div>
            <A href=paths::LOGIN attr:class="btn btn-primary btn-block invitation-action">
                {move || tr("public-go-to-login")}
            </A>
        </Show>
    }
}

#[component]
fn SignupExpired() -> impl IntoView {
    view! {
        <LinkExpired
            testid="signup-expired"
            title=|| tr("public-link-expired")
            text=|| tr("signup-expired-text")
        >
            <A href=paths::SIGNUP attr:class="btn btn-primary btn-block" attr:data-testid="signup-restart">
                {move || tr("signup-new-link")}
            </A>
            <p class="login-links">
                <A href=paths::LOGIN attr:class="text-link">{move || tr("public-go-to-login")}</A>
            </p>
        </LinkExpired>
    }
}
