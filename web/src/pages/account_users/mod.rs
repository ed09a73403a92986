//! `/a/:account_id/users`: the account owner's list of the other people who use the account
//! (A12) — invite by email with permissions, revoke a pending invitation, change
//! permissions, remove. Members never see it (the menu hides the link; the API answers 403
//! anyway).

use leptos::prelude::*;
use shared::accounts::{AccountSummary, MembershipRole, Permissions};
use shared::email::EmailAddress;
use shared::invitations::{
    AccountUser, AccountUsersResponse, InvitationSummary, InviteRequest, UpdateAccountUserRequest,
};
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::icons::{Icon, IconSvg};
use crate::components::layout::use_current_account;
use crate::components::status::{ErrorPanel, SkeletonList, Spinner};
use crate::i18n::{tr, tr_with};
use crate::session::use_session;

mod rows;

use rows::{RemoveDialog, UserList};

#[component]
pub fn AccountUsersPage() -> impl IntoView {
    let current = use_current_account();
    move || {
        current.get().map(|account| {
            if account.role == MembershipRole::Owner {
                view! { <UsersScreen account=account /> }.into_any()
            } else {
                view! {
                    <div class="panel panel-empty" data-testid="users-forbidden">
                        <h1 class="panel-title">{move || tr("account-users-forbidden-title")}</h1>
                        <p>{move || tr("account-users-forbidden-text")}</p>
                    </div>
                }
                .into_any()
            }
        })
    }
}

/// The permissions an owner can switch for a member; `view` is always on.
const SWITCHES: [&str; 3] = ["pay", "call_off", "order"];

/// What a permission is called: `view` or one of the switches.
fn permission_label(key: &str) -> String {
    match key {
        "pay" => tr("account-users-perm-pay"),
        "call_off" => tr("account-users-perm-call-off"),
        "order" => tr("account-users-perm-order"),
        _ => tr("account-users-perm-view"),
    }
}

fn get(p: &Permissions, key: &str) -> bool {
    match key {
        "pay" => p.pay,
        "call_off" => p.call_off,
        "order" => p.order,
        _ => p.view,
    }
}

fn with(mut p: Permissions, key: &str, on: bool) -> Permissions {
    match key {
        "pay" => p.pay = on,
        "call_off" => p.call_off = on,
        "order" => p.order = on,
        _ => {}
    }
    p.view = true;
    p
}

fn summary(p: &Permissions) -> String {
    let mut parts = vec![permission_label("view")];
    for key in SWITCHES {
        if get(p, key) {
            parts.push(permission_label(key));
        }
    }
    parts.join(" · ")
}

#[component]
fn UsersScreen(account: AccountSummary) -> impl IntoView {
    let session = use_session();
    let account_id = account.id;
    let users = LocalResource::new(move || async move { api::account_users(session, account_id).await });
    let reload = move || users.refetch();
    let notice = RwSignal::new(None::<String>);
    let removing = RwSignal::new(None::<AccountUser>);
    // The outcome of the last revoke: the email revoked, or why there was nothing to revoke.
    // Kept here because the row itself goes away with the reload.
    let revoked = RwSignal::new(None::<Result<String, String>>);
    let on_revoked = move |outcome: Result<String, String>| {
        notice.set(None);
        revoked.set(Some(outcome));
        reload();
    };

    view! {
        <section class="users narrow-section" data-testid="users-page">
            <h1 class="page-title">{move || tr("account-users-title")}</h1>
            <p class="page-lead">
                {move || {
                    let args = [("name", account.name.as_str().into()), ("number", account.account_number.as_str().into())];
                    tr_with("account-users-lead", &args)
                }}
            </p>
            <InviteForm account_id=account_id on_sent=move |email: String| {
                revoked.set(None);
                notice.set(Some(tr_with("account-users-invite-sent", &[("email", email.into())])));
                reload();
            } />
            {move || notice.get().map(|m| view! {
                <div class="notice notice-info" role="status" data-testid="users-invite-sent">
                    <IconSvg icon=Icon::Mail class="notice-icon" />
                    <p class="notice-body">{m}</p>
                </div>
            })}
            {move || revoked.get().map(|outcome| match outcome {
                Ok(email) => view! {
                    <div class="notice notice-info" role="status" data-testid="users-revoked">
                        <IconSvg icon=Icon::Check class="notice-icon" />
                        <p class="notice-body">{tr_with("account-users-revoked", &[("email", email.into())])}</p>
                    </div>
                }
                    .into_any(),
                Err(message) => view! {
                    <p class="form-error" role="alert" data-testid="users-error">{message}</p>
                }
                    .into_any(),
            })}
            <h2 class="section-title">{move || tr("account-users-with-access")}</h2>
            {move || match users.get() {
                None => view! { <SkeletonList rows=3 /> }.into_any(),
                Some(Err(e)) => view! { <ErrorPanel error=e on_retry=move |()| reload() /> }.into_any(),
                Some(Ok(list)) => view! {
                    <UserList
                        list=list
                        account_id=account_id
                        removing=removing
                        on_change=move |()| reload()
                        on_revoked=on_revoked
                    />
                }
                    .into_any(),
            }}
            <RemoveDialog account_id=account_id removing=removing on_removed=move |()| reload() />
        </section>
    }
}

#[component]
fn InviteForm(account_id: Uuid, #[prop(into)] on_sent: Callback<String>) -> impl IntoView {
    let session = use_session();
    let email = RwSignal::new(String::new());
    let permissions = RwSignal::new(Permissions::VIEW_ONLY);
    let error = RwSignal::new(None::<String>);
    let submitting = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let address = email.get_untracked().trim().to_string();
        if !EmailAddress::is_valid(&address) {
            error.set(Some(tr("account-users-email-invalid")));
            return;
        }
        error.set(None);
        submitting.set(true);
        let request = InviteRequest {
            email: address.clone(),
            role: Some(MembershipRole::Member),
            permissions: Some(permissions.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            match api::invite_account_user(session, account_id, &request).await {
                Ok(_) => {
                    email.set(String::new());
                    permissions.set(Permissions::VIEW_ONLY);
                    on_sent.run(address);
                }
                Err(e) => error.set(Some(
                    e.field_message("email")
                        .or_else(|| e.field_message("customer"))
                        .unwrap_or_else(|| e.message()),
                )),
            }
            submitting.set(false);
        });
    };

    view! {
        <form class="card users-invite" data-testid="users-invite-form" on:submit=on_submit novalidate>
            <h2 class="section-title">{move || tr("account-users-invite-title")}</h2>
            <div class="field">
                <label class="field-label" for="users-invite-email">{move || tr("account-users-invite-email")}</label>
                <input
                    id="users-invite-email"
                    class="input"
                    type="email"
                    inputmode="email"
                    autocapitalize="none"
                    spellcheck="false"
                    data-testid="users-invite-email"
                    bind:value=email
                />
            </div>
            <fieldset class="perm-set">
                <legend class="field-label">{move || tr("account-users-they-may")}</legend>
                <label class="perm">
                    <input type="checkbox" checked disabled />
                    {move || tr("account-users-view-account")}
                </label>
                {SWITCHES
                    .into_iter()
                    .map(|key| {
                        view! {
                            <label class="perm">
                                <input
                                    type="checkbox"
                                    data-testid=format!("users-invite-{key}")
                                    prop:checked=move || permissions.with(|p| get(p, key))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        permissions.update(|p| *p = with(*p, key, on));
                                    }
                                />
                                {move || permission_label(key)}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            {move || error.get().map(|m| view! {
                <p class="form-error" role="alert" data-testid="users-error">{m}</p>
            })}
            <button
                class="btn btn-primary"
                type="submit"
                data-testid="users-invite-submit"
                disabled=move || submitting.get()
            >
                <Show when=move || submitting.get()>
                    <Spinner />
                </Show>
                {move || tr("account-users-send-invitation")}
            </button>
        </form>
    }
}
