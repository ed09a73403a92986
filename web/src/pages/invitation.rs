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
use crate::i18n::{terms_arg, tr, tr_with};
use crate::paths;
use crate::prefs;
use crate::session::{AuthStatus, Session, use_session};

#[component]
pub fn InvitationPage() -> impl IntoView {
    let texts = TokenLinkTexts {
        title: TextProp::from(|| tr("invitation-title")),
        testid: "invitation",
        loading: TextProp::from(|| tr("invitation-loading")),
        error_title: TextProp::from(|| tr("invitation-load-failed")),
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
    view! { <LinkLoading text=|| tr("invitation-loading") /> }
}

#[component]
fn InvitationBody(invitation: InvitationPreview, link: LinkInHand) -> impl IntoView {
    let terms = invitation.dealer.terminology;
    let invitation = StoredValue::new(invitation);
    let heading = move || {
        invitation.with_value(|i| {
            let names =
                [("customer", i.customer_name.as_str().into()), ("dealer", i.dealer.name.as_str().into())];
            tr_with("invitation-heading", &names)
        })
    };
    view! {
        <h1 class="login-title" data-testid="invitation-title">{heading}</h1>
        <p class="login-subtitle">{move || tr_with("invitation-lead", &[terms_arg(terms)])}</p>
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
                    {move || tr("invitation-name")} " "
                    <span class="field-optional">{move || tr("invitation-optional")}</span>
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
                submit=move || tr("invitation-accept")
            />
        </form>
        <p class="login-links">
            <A href=paths::LOGIN attr:class="text-link">{move || tr("public-have-login")}</A>
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
                    session.sign_out().await;
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
    let name = customer.clone();
    let added = move || tr_with("invitation-added", &[("customer", name.as_str().into())]);
    let open = move || tr_with("invitation-open", &[("customer", customer.as_str().into())]);
    view! {
        <div class="result" data-testid="invitation-done" role="status">
            <span class="result-icon result-icon-ok"><IconSvg icon=Icon::Check /></span>
            <p class="invitation-done-title">{added}</p>
            <p class="login-subtitle">{move || tr("invitation-added-hint")}</p>
            <A href=href attr:class="btn btn-primary btn-block" attr:data-testid="invitation-open">
                {open}
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
    let signed_in_as = move || tr_with("invitation-signed-in-as", &[("email", email.as_str().into())]);
    view! {
        <div class="notice notice-info">
            <IconSvg icon=Icon::Check class="notice-icon" />
            <p class="notice-body">{signed_in_as}</p>
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
                tr("invitation-adding")
            } else {
                tr_with("invitation-add", &[("customer", customer.as_str().into())])
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
    let label_email = email.clone();
    let signed_in = other.is_some();
    let explain = move || {
        let email = ("email", email.as_str().into());
        match &other {
            Some(me) => tr_with("invitation-other-login", &[("me", me.as_str().into()), email]),
            None => tr_with("invitation-has-login", &[email]),
        }
    };
    let label = move || {
        let email = [("email", label_email.as_str().into())];
        if signed_in {
            tr_with("invitation-switch-login", &email)
        } else {
            tr_with("invitation-log-in", &email)
        }
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
            <A href=paths::FORGOT_PASSWORD attr:class="text-link">{move || tr("invitation-forgot")}</A>
        </p>
    }
}

#[component]
fn InvitationExpired() -> impl IntoView {
    view! {
        <LinkExpired
            testid="invitation-expired"
            title=|| tr("invitation-expired")
            text=|| tr("invitation-expired-text")
        >
            <A href=paths::LOGIN attr:class="btn btn-primary btn-block" attr:data-testid="invitation-to-login">
                {move || tr("public-go-to-login")}
            </A>
        </LinkExpired>
    }
}
