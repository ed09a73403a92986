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
use leptos_router::hooks::use_navigate;
use shared::invitations::{AcceptInvitationRequest, InvitationPreview};
use uuid::Uuid;

use crate::api;
use crate::components::form::{FormError, ReadonlyEmail};
use crate::components::icons::{Icon, IconSvg};
use crate::components::password_fields::{NewLoginErrors, NewLoginFields};
use crate::components::status::Spinner;
use crate::components::token_link::{
    LinkExpired, LinkInHand, LinkLoading, TokenLinkTexts, linked_account, linked_home, token_link_page,
};
use crate::drafts::use_login_draft;
use crate::paths;
use crate::prefs;
use crate::session::{AuthStatus, Session, use_session};

#[component]
pub fn InvitationPage() -> impl IntoView {
    let texts = TokenLinkTexts {
        title: "Your invitation",
        testid: "invitation",
        loading: "Opening your invitation…",
        error_title: "We could not open this invitation",
    };
    token_link_page(
        texts,
        |token: String| async move { api::invitation(&token).await },
        |p: InvitationPreview| p.dealer,
        || view! { <InvitationExpired /> }.into_any(),
        |invitation, link| view! { <InvitationBody invitation=invitation link=link /> }.into_any(),
    )
}

#[component]
fn Loading() -> impl IntoView {
    view! { <LinkLoading text="Opening your invitation…" /> }
}

#[component]
fn InvitationBody(invitation: InvitationPreview, link: LinkInHand) -> impl IntoView {
    let heading = format!("You're invited to {} at {}", invitation.customer_name, invitation.dealer.name);
    let words = invitation.dealer.terminology.plural_noun();
    let lead = format!("See the account's contracts, {words} and quotes in one place.");
    let invitation = StoredValue::new(invitation);
    view! {
        <h1 class="login-title" data-testid="invitation-title">{heading}</h1>
        <p class="login-subtitle">{lead}</p>
        {if invitation.with_value(|i| i.existing_login) {
            view! { <ExistingLogin invitation=invitation link=link /> }.into_any()
        } else {
            view! { <NewLogin invitation=invitation link=link /> }.into_any()
        }}
    }
}

/// The account the invitation was for, among the signed-in user's accounts.
fn invited_account(session: &Session, invitation: &InvitationPreview) -> Option<Uuid> {
    linked_account(session, &invitation.dealer, &invitation.customer_name)
}

/// The email has no login yet: name, password, accept → signed in on the account's home.
#[component]
fn NewLogin(invitation: StoredValue<InvitationPreview>, link: LinkInHand) -> impl IntoView {
    let LinkInHand { token, expired } = link;
    let session = use_session();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let errors = RwSignal::new(NewLoginErrors::default());
    let submitting = RwSignal::new(false);
    let email = invitation.with_value(|i| i.email.clone());

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let Some(new_password) = NewLoginErrors::checked(errors, password, confirm) else {
            return;
        };
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
                    let target =
                        linked_home(&session, invitation.with_value(|i| invited_account(&session, i)));
                    navigate(&target, NavigateOptions { replace: true, ..Default::default() });
                }
                Err(e) if e.field_message("token").is_some() => expired.set(true),
                Err(e) => errors.set(NewLoginErrors::from_api(&e)),
            }
            submitting.set(false);
        });
    };

    view! {
        <form class="login-form" data-testid="invitation-form" on:submit=on_submit novalidate>
            <ReadonlyEmail prefix="invitation" email=email />
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
            <NewLoginFields
                prefix="invitation"
                password=password
                confirm=confirm
                errors=errors
                submitting=submitting
                submit_testid="invitation-accept"
                submit="Accept and set up my login"
            />
        </form>
        <p class="login-links">
            <A href=paths::LOGIN attr:class="text-link">"I already have a login"</A>
        </p>
    }
}

/// The email already has a login: log in as it, then add the account to it.
#[component]
fn ExistingLogin(invitation: StoredValue<InvitationPreview>, link: LinkInHand) -> impl IntoView {
    let LinkInHand { token, expired } = link;
    let session = use_session();
    let login_draft = use_login_draft();
    let navigate = use_navigate();
    let submitting = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let added = RwSignal::new(None::<Option<Uuid>>);
    let email = invitation.with_value(|i| i.email.clone());
    let customer = invitation.with_value(|i| i.customer_name.clone());
    let here = paths::invitation(&token.get_value());

    let accept = move |_: leptos::ev::MouseEvent| {
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
        move |_: leptos::ev::MouseEvent| {
            login_draft.set(email.clone());
            let target = paths::login(Some(&here));
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
            let href = id.map_or_else(|| paths::landing(&session), paths::account_home);
            return view! { <AddedToAccounts customer=customer.clone() href=href /> }.into_any();
        }
        match session.status() {
            AuthStatus::Checking => view! { <Loading /> }.into_any(),
            AuthStatus::SignedIn if is_invited() => view! {
                <AcceptAsInvited email=email.clone() customer=customer.clone() error=error submitting=submitting on_accept=accept />
            }
            .into_any(),
            status => {
                let other = (status == AuthStatus::SignedIn).then(signed_in_as).flatten();
                view! { <LogInAsInvited email=email.clone() other=other on_log_in=log_in.clone() /> }.into_any()
            }
        }
    }
}

/// Accepted: the account is among the user's accounts now.
#[component]
fn AddedToAccounts(customer: String, href: String) -> impl IntoView {
    view! {
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
}

/// Signed in as the invited email: one button adds the account to this login.
#[component]
fn AcceptAsInvited<F>(
    email: String,
    customer: String,
    error: RwSignal<Option<String>>,
    submitting: RwSignal<bool>,
    on_accept: F,
) -> impl IntoView
where
    F: Fn(leptos::ev::MouseEvent) + 'static,
{
    view! {
        <div class="notice notice-info">
            <IconSvg icon=Icon::Check class="notice-icon" />
            <p class="notice-body">
                {format!("You're logged in as {email}. Accepting adds this account to your login.")}
            </p>
        </div>
        <FormError testid="invitation-error" error=error />
        <button
            type="button"
            class="btn btn-primary btn-block invitation-action"
            data-testid="invitation-accept"
            disabled=move || submitting.get()
            aria-busy=move || submitting.get().to_string()
            on:click=on_accept
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
}

/// Signed out, or signed in as someone else (`other`): log in as the invited email first.
#[component]
fn LogInAsInvited<F>(email: String, other: Option<String>, on_log_in: F) -> impl IntoView
where
    F: Fn(leptos::ev::MouseEvent) + 'static,
{
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
            on:click=on_log_in
        >
            {label}
        </button>
        <p class="login-links">
            <A href=paths::FORGOT_PASSWORD attr:class="text-link">"Forgot your password?"</A>
        </p>
    }
}

#[component]
fn InvitationExpired() -> impl IntoView {
    view! {
        <LinkExpired
            testid="invitation-expired"
            title="This invitation has expired or was already used"
            text="Invitation links work once and only for a limited time. Ask your rental store to \
                  send you a new one, and use the newest email."
        >
            <A href=paths::LOGIN attr:class="btn btn-primary btn-block" attr:data-testid="invitation-to-login">
                "Go to log in"
            </A>
        </LinkExpired>
    }
}
