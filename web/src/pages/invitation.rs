//! `/invitation?token=…`, the page the emailed invitation link opens (A4): whose account it
//! is, in the inviting dealer's branding, then
//! - an email without a login: choose a password (and optionally a name) → signed in on that
//!   account's home;
//! - an email that already has a login: log in as that email (the login page comes back
//!   here), then "Add … to your accounts".
//!
//! Unknown, expired and used links all look the same.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::branding::Branding;
use shared::invitations::{AcceptInvitationRequest, InvitationPreview};
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::app::{landing_path, login_path, use_login_draft};
use crate::components::auth_card::{AuthCard, title_with_dealer, use_last_dealer};
use crate::components::icons::{Icon, IconSvg};
use crate::components::password_fields::{NewPasswordFields, NewPasswordProblem, check_new_password};
use crate::components::status::Spinner;
use crate::prefs;
use crate::session::{AuthStatus, Session, use_session};

/// The invitation behind the link: `None` when the link carries no token at all.
type Loaded = Option<Result<InvitationPreview, ApiError>>;

#[component]
pub fn InvitationPage() -> impl IntoView {
    let token =
        use_query_map().read_untracked().get("token").map(|t| t.trim().to_string()).unwrap_or_default();
    let token = StoredValue::new(token);
    let preview = LocalResource::new(move || {
        let token = token.get_value();
        async move {
            if token.is_empty() {
                return None;
            }
            Some(api::invitation(&token).await)
        }
    });
    let last_dealer = use_last_dealer();
    let invited_by = Memo::new(move |_| -> Option<Branding> {
        preview.get().flatten().and_then(Result::ok).map(|p| p.dealer)
    });
    let dealer = Memo::new(move |_| invited_by.get().or_else(|| last_dealer.get()));
    title_with_dealer("Your invitation", dealer);
    // The login page (when the email already has a login) should wear the same colours.
    Effect::new(move |_| {
        if let Some(d) = invited_by.get() {
            prefs::remember_dealer(&d.slug);
        }
    });
    // The accept call found the link spent meanwhile.
    let expired = RwSignal::new(false);

    view! {
        <AuthCard dealer=dealer>
            <div class="invitation" data-testid="invitation-page">
                {move || {
                    let loaded: Option<Loaded> = preview.get();
                    match (expired.get(), loaded) {
                        (true, _) | (_, Some(None)) => view! { <InvitationExpired /> }.into_any(),
                        (_, None) => view! { <Loading /> }.into_any(),
                        (_, Some(Some(Err(e)))) if e.is_not_found() => {
                            view! { <InvitationExpired /> }.into_any()
                        }
                        (_, Some(Some(Err(e)))) => {
                            view! {
                                <div class="notice notice-error" role="alert" data-testid="invitation-error">
                                    <IconSvg icon=Icon::Alert class="notice-icon" />
                                    <div class="notice-body">
                                        <p class="notice-title">"We could not open this invitation"</p>
                                        <p>{e.message()}</p>
                                    </div>
                                </div>
                                <button
                                    type="button"
                                    class="btn btn-secondary btn-block notice-again"
                                    data-testid="invitation-retry"
                                    on:click=move |_| preview.refetch()
                                >
                                    "Try again"
                                </button>
                            }
                                .into_any()
                        }
                        (_, Some(Some(Ok(invitation)))) => {
                            view! { <InvitationBody invitation=invitation token=token expired=expired /> }
                                .into_any()
                        }
                    }
                }}
            </div>
        </AuthCard>
    }
}

#[component]
fn Loading() -> impl IntoView {
    view! {
        <div class="invitation-loading" data-testid="loading" role="status" aria-live="polite">
            <Spinner />
            <span>"Opening your invitation…"</span>
        </div>
    }
}

#[component]
fn InvitationBody(
    invitation: InvitationPreview,
    token: StoredValue<String>,
    expired: RwSignal<bool>,
) -> impl IntoView {
    let heading = format!("You're invited to {} at {}", invitation.customer_name, invitation.dealer.name);
    let words = invitation.dealer.terminology.plural_noun();
    let lead = format!("See the account's contracts, {words} and quotes in one place.");
    let invitation = StoredValue::new(invitation);
    view! {
        <h1 class="login-title" data-testid="invitation-title">{heading}</h1>
        <p class="login-subtitle">{lead}</p>
        {if invitation.with_value(|i| i.existing_login) {
            view! { <ExistingLogin invitation=invitation token=token expired=expired /> }.into_any()
        } else {
            view! { <NewLogin invitation=invitation token=token expired=expired /> }.into_any()
        }}
    }
}

/// Every problem of the new-login form, each where it belongs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Errors {
    password: Option<String>,
    confirm: Option<String>,
    form: Option<String>,
}

/// The account the invitation was for, among the signed-in user's accounts.
fn invited_account(session: &Session, invitation: &InvitationPreview) -> Option<Uuid> {
    session
        .accounts()
        .into_iter()
        .find(|a| a.dealer.dealer_id == invitation.dealer.dealer_id && a.name == invitation.customer_name)
        .map(|a| a.id)
}

/// The email has no login yet: name, password, accept → signed in on the account's home.
#[component]
fn NewLogin(
    invitation: StoredValue<InvitationPreview>,
    token: StoredValue<String>,
    expired: RwSignal<bool>,
) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let errors = RwSignal::new(Errors::default());
    let submitting = RwSignal::new(false);
    let email = invitation.with_value(|i| i.email.clone());

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let new_password = password.get_untracked();
        let mut found = Errors::default();
        match check_new_password(&new_password, &confirm.get_untracked()) {
            Err(NewPasswordProblem::Password(m)) => found.password = Some(m),
            Err(NewPasswordProblem::Confirm(m)) => found.confirm = Some(m),
            Ok(()) => {}
        }
        let invalid = found != Errors::default();
        errors.set(found);
        if invalid {
            return;
        }
        let display_name = Some(name.get_untracked().trim().to_string()).filter(|n| !n.is_empty());
        let request = AcceptInvitationRequest {
            token: token.get_value(),
            new_password: Some(new_password),
            display_name,
        };
        submitting.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api::accept_invitation(&request).await {
                Ok(response) => {
                    session.establish(response);
                    let target = match invitation.with_value(|i| invited_account(&session, i)) {
                        Some(id) => {
                            prefs::remember_account(id);
                            format!("/a/{id}")
                        }
                        None => landing_path(&session),
                    };
                    navigate(&target, NavigateOptions { replace: true, ..Default::default() });
                }
                Err(e) if e.field_message("token").is_some() => expired.set(true),
                Err(e) => errors.set(match e.field_message("new_password") {
                    Some(message) => Errors { password: Some(message), ..Default::default() },
                    None => Errors { form: Some(e.message()), ..Default::default() },
                }),
            }
            submitting.set(false);
        });
    };

    let error_of =
        move |pick: fn(&Errors) -> &Option<String>| Signal::derive(move || errors.with(|e| pick(e).clone()));
    let form_error = error_of(|e| &e.form);

    view! {
        <form class="login-form" data-testid="invitation-form" on:submit=on_submit novalidate>
            <div class="field">
                <label class="field-label" for="invitation-email">"Your login"</label>
                <input
                    id="invitation-email"
                    class="input input-readonly"
                    type="email"
                    name="email"
                    autocomplete="username"
                    readonly
                    data-testid="invitation-email"
                    prop:value=email
                />
            </div>
            <div class="field">
                <label class="field-label" for="invitation-name">
                    "Your name " <span class="field-optional">"(optional)"</span>
                </label>
                <input
                    id="invitation-name"
                    class="input"
                    type="text"
                    name="name"
                    autocomplete="name"
                    data-testid="invitation-name"
                    bind:value=name
                />
            </div>
            <NewPasswordFields
                prefix="invitation"
                password_id="password"
                password=password
                confirm=confirm
                password_error=error_of(|e| &e.password)
                confirm_error=error_of(|e| &e.confirm)
            />
            {move || form_error.get().map(|m| view! {
                <p class="form-error" role="alert" data-testid="invitation-error">{m}</p>
            })}
            <button
                class="btn btn-primary btn-block"
                type="submit"
                data-testid="invitation-accept"
                disabled=move || submitting.get()
                aria-busy=move || submitting.get().to_string()
            >
                <Show when=move || submitting.get()>
                    <Spinner />
                </Show>
                {move || if submitting.get() { "Setting up…" } else { "Accept and set up my login" }}
            </button>
        </form>
        <p class="login-links">
            <A href="/login" attr:class="text-link">"I already have a login"</A>
        </p>
    }
}

/// The email already has a login: log in as it, then add the account to it.
#[component]
fn ExistingLogin(
    invitation: StoredValue<InvitationPreview>,
    token: StoredValue<String>,
    expired: RwSignal<bool>,
) -> impl IntoView {
    let session = use_session();
    let login_draft = use_login_draft();
    let navigate = use_navigate();
    let submitting = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let added = RwSignal::new(None::<Option<Uuid>>);
    let email = invitation.with_value(|i| i.email.clone());
    let customer = invitation.with_value(|i| i.customer_name.clone());
    let here =
        format!("/invitation?token={}", String::from(js_sys::encode_uri_component(&token.get_value())));

    let accept = move |_| {
        if submitting.get_untracked() {
            return;
        }
        submitting.set(true);
        error.set(None);
        let request =
            AcceptInvitationRequest { token: token.get_value(), new_password: None, display_name: None };
        leptos::task::spawn_local(async move {
            match api::accept_invitation_signed_in(session, &request).await {
                Ok(()) => {
                    // The new account comes with the refreshed session.
                    session.refresh().await;
                    let id = invitation.with_value(|i| invited_account(&session, i));
                    if let Some(id) = id {
                        prefs::remember_account(id);
                    }
                    added.set(Some(id));
                }
                Err(e) if e.field_message("token").is_some() => expired.set(true),
                Err(e) => error.set(Some(e.message())),
            }
            submitting.set(false);
        });
    };

    let signed_in_as = move || session.user().map(|u| u.email);
    let is_invited = {
        let email = email.clone();
        move || signed_in_as().is_some_and(|me| me.eq_ignore_ascii_case(&email))
    };
    let log_in = {
        let email = email.clone();
        let here = here.clone();
        move |_| {
            login_draft.set(email.clone());
            let target = login_path(Some(&here));
            let navigate = navigate.clone();
            if session.status() == AuthStatus::SignedIn {
                // Signed in as someone else: leave that login first.
                leptos::task::spawn_local(async move {
                    let _ = api::logout().await;
                    session.log_out();
                    navigate(&target, Default::default());
                });
            } else {
                navigate(&target, Default::default());
            }
        }
    };

    move || {
        if let Some(id) = added.get() {
            let customer = customer.clone();
            let href = id.map_or_else(|| landing_path(&session), |id| format!("/a/{id}"));
            return view! {
                <div class="result" data-testid="invitation-done" role="status">
                    <span class="result-icon result-icon-ok"><IconSvg icon=Icon::Check /></span>
                    <p class="invitation-done-title">{format!("{customer} was added to your accounts")}</p>
                    <p class="login-subtitle">
                        "Switch between your accounts from the account name at the top of every page."
                    </p>
                    <A href=href attr:class="btn btn-primary btn-block" attr:data-testid="invitation-open">
                        {format!("Open {customer}")}
                    </A>
                </div>
            }
            .into_any();
        }
        match session.status() {
            AuthStatus::Checking => view! { <Loading /> }.into_any(),
            AuthStatus::SignedIn if is_invited() => {
                let customer = customer.clone();
                let email = email.clone();
                view! {
                    <div class="notice notice-info">
                        <IconSvg icon=Icon::Check class="notice-icon" />
                        <p class="notice-body">
                            {format!("You're logged in as {email}. Accepting adds this account to your login.")}
                        </p>
                    </div>
                    {move || error.get().map(|m| view! {
                        <p class="form-error" role="alert" data-testid="invitation-error">{m}</p>
                    })}
                    <button
                        type="button"
                        class="btn btn-primary btn-block invitation-action"
                        data-testid="invitation-accept"
                        disabled=move || submitting.get()
                        aria-busy=move || submitting.get().to_string()
                        on:click=accept
                    >
                        <Show when=move || submitting.get()>
                            <Spinner />
                        </Show>
                        {move || if submitting.get() {
                            "Adding…".to_string()
                        } else {
                            format!("Add {customer} to your accounts")
                        }}
                    </button>
                }
                    .into_any()
            }
            status => {
                let other = (status == AuthStatus::SignedIn).then(signed_in_as).flatten();
                let email = email.clone();
                let explain = match &other {
                    Some(me) => format!(
                        "You're logged in as {me}, but this invitation is for {email}. Log in as \
                         {email} to add the account to that login."
                    ),
                    None => format!(
                        "{email} already has a portal login. Log in with it and the account is added \
                         to your other accounts."
                    ),
                };
                let label = if other.is_some() {
                    format!("Log out and log in as {email}")
                } else {
                    format!("Log in as {email} to accept")
                };
                view! {
                    <div class="notice notice-info">
                        <IconSvg icon=Icon::Alert class="notice-icon" />
                        <p class="notice-body" data-testid="invitation-explain">{explain}</p>
                    </div>
                    <button
                        type="button"
                        class="btn btn-primary btn-block invitation-action"
                        data-testid="invitation-login"
                        on:click=log_in.clone()
                    >
                        {label}
                    </button>
                    <p class="login-links">
                        <A href="/forgot-password" attr:class="text-link">"Forgot your password?"</A>
                    </p>
                }
                .into_any()
            }
        }
    }
}

#[component]
fn InvitationExpired() -> impl IntoView {
    view! {
        <div class="result" data-testid="invitation-expired" role="alert">
            <span class="result-icon result-icon-warn"><IconSvg icon=Icon::Alert /></span>
            <h1 class="login-title">"This invitation has expired or was already used"</h1>
            <p class="login-subtitle">
                "Invitation links work once and only for a limited time. Ask your rental store to \
                 send you a new one, and use the newest email."
            </p>
            <A href="/login" attr:class="btn btn-primary btn-block" attr:data-testid="invitation-to-login">
                "Go to log in"
            </A>
        </div>
    }
}
