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
use crate::session::use_session;

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
                        <h1 class="panel-title">"Only the account owner manages its users"</h1>
                        <p>"Ask the owner of this account to invite people or change what they can do."</p>
                    </div>
                }
                .into_any()
            }
        })
    }
}

/// The permissions an owner can switch for a member; `view` is always on.
const SWITCHES: [(&str, &str); 3] = [("pay", "Pay invoices"), ("call_off", "Call off"), ("order", "Order")];

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
    let mut parts = vec!["View"];
    for (key, label) in SWITCHES {
        if get(p, key) {
            parts.push(label);
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
            <h1 class="page-title">"Users of this account"</h1>
            <p class="page-lead">
                {format!(
                    "Who can use {} · Account {} in the portal, and what each person may do.",
                    account.name,
                    account.account_number,
                )}
            </p>
            <InviteForm account_id=account_id on_sent=move |email: String| {
                revoked.set(None);
                notice.set(Some(format!("Invitation sent to {email}.")));
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
                        <p class="notice-body">{format!("Invitation to {email} revoked. Its link no longer works.")}</p>
                    </div>
                }
                    .into_any(),
                Err(message) => view! {
                    <p class="form-error" role="alert" data-testid="users-error">{message}</p>
                }
                    .into_any(),
            })}
            <h2 class="section-title">"People with access"</h2>
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
            error.set(Some("Enter an email address, for example name@company.com.".into()));
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
            <h2 class="section-title">"Invite someone"</h2>
            <div class="field">
                <label class="field-label" for="users-invite-email">"Their email address"</label>
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
                <legend class="field-label">"They may"</legend>
                <label class="perm">
                    <input type="checkbox" checked disabled />
                    "View the account"
                </label>
                {SWITCHES
                    .into_iter()
                    .map(|(key, label)| {
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
                                {label}
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
                "Send invitation"
            </button>
        </form>
    }
}

#[component]
fn UserList(
    list: AccountUsersResponse,
    account_id: Uuid,
    removing: RwSignal<Option<AccountUser>>,
    #[prop(into)] on_change: Callback<()>,
    #[prop(into)] on_revoked: Callback<Result<String, String>>,
) -> impl IntoView {
    let session = use_session();
    let me = session.user().map(|u| u.id);
    let pending = list.pending_invitations;
    view! {
        <ul class="card-list" data-testid="users-list">
            {list
                .users
                .into_iter()
                .map(|user| {
                    let is_me = Some(user.user_id) == me;
                    view! {
                        <UserRow user=user account_id=account_id is_me=is_me removing=removing on_change=on_change />
                    }
                })
                .collect_view()}
        </ul>
        {(!pending.is_empty()).then(|| view! {
            <h2 class="section-title">"Invited, not joined yet"</h2>
            <ul class="card-list">
                {pending
                    .into_iter()
                    .map(|i| view! { <PendingRow invitation=i account_id=account_id on_revoked=on_revoked /> })
                    .collect_view()}
            </ul>
        })}
    }
}

/// A pending invitation, with a "Revoke" that asks again in place before the link is
/// withdrawn (a small decision: no dialog). `on_revoked` hears the email once revoked, or
/// why not when it was accepted, revoked or ran out meanwhile (404) — either way the row is
/// stale and the list reloads. Other failures stay on the row, to try again.
#[component]
fn PendingRow(
    invitation: InvitationSummary,
    account_id: Uuid,
    on_revoked: Callback<Result<String, String>>,
) -> impl IntoView {
    let session = use_session();
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let invitation_id = invitation.id;
    let email = StoredValue::new(invitation.email.clone());

    let revoke = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::revoke_account_invitation(session, account_id, invitation_id).await {
                Ok(()) => on_revoked.run(Ok(email.get_value())),
                Err(e) if e.is_not_found() => on_revoked.run(Err(format!(
                    "The invitation to {} was already accepted, revoked or has expired.",
                    email.get_value()
                ))),
                Err(e) => error.set(Some(e.message())),
            }
            busy.set(false);
        });
    };

    view! {
        <li class="card user-row" data-testid="users-pending" data-email=invitation.email.clone()>
            <p class="user-name">{invitation.email.clone()}</p>
            <p class="user-meta">
                {format!(
                    "{} · invited {}",
                    summary(&invitation.permissions),
                    invitation.sent_at.format("%b %-d"),
                )}
            </p>
            {move || error.get().map(|m| view! {
                <p class="form-error" role="alert" data-testid="users-error">{m}</p>
            })}
            {move || if confirming.get() {
                view! {
                    <div class="users-revoke-confirm" role="group" data-testid="users-revoke-confirm-box">
                        <p class="user-meta">"Revoke this invitation? The link in the email will stop working."</p>
                        <div class="dialog-actions">
                            <button
                                type="button"
                                class="btn btn-secondary"
                                data-testid="users-revoke-cancel"
                                on:click=move |_| confirming.set(false)
                            >
                                "Keep"
                            </button>
                            <button
                                type="button"
                                class="btn btn-danger"
                                data-testid="users-revoke-confirm"
                                disabled=move || busy.get()
                                on:click=revoke
                            >
                                <Show when=move || busy.get()>
                                    <Spinner />
                                </Show>
                                "Revoke invitation"
                            </button>
                        </div>
                    </div>
                }
                    .into_any()
            } else {
                view! {
                    <button
                        type="button"
                        class="btn btn-secondary btn-danger-outline user-remove"
                        data-testid="users-revoke"
                        on:click=move |_| {
                            error.set(None);
                            confirming.set(true);
                        }
                    >
                        "Revoke"
                    </button>
                }
                    .into_any()
            }}
        </li>
    }
}

#[component]
fn UserRow(
    user: AccountUser,
    account_id: Uuid,
    is_me: bool,
    removing: RwSignal<Option<AccountUser>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let permissions = RwSignal::new(user.permissions);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let owner = user.role == MembershipRole::Owner;
    let user_id = user.user_id;
    let name = if is_me { format!("{} (you)", user.display_name) } else { user.display_name.clone() };
    let stored = StoredValue::new(user.clone());

    let toggle = move |key: &'static str, on: bool| {
        let before = permissions.get_untracked();
        let after = with(before, key, on);
        permissions.set(after);
        busy.set(true);
        error.set(None);
        let request = UpdateAccountUserRequest { role: None, permissions: Some(after) };
        leptos::task::spawn_local(async move {
            match api::update_account_user(session, account_id, user_id, &request).await {
                Ok(updated) => permissions.set(updated.permissions),
                Err(e) => {
                    permissions.set(before);
                    error.set(Some(e.message()));
                    on_change.run(());
                }
            }
            busy.set(false);
        });
    };

    view! {
        <li class="card user-row" data-testid="users-row" data-email=user.email.clone()>
            <div class="user-head">
                <div>
                    <p class="user-name">{name}</p>
                    <p class="user-meta">{user.email.clone()}</p>
                </div>
                <span class="role-badge">{if owner { "Owner" } else { "Member" }}</span>
            </div>
            {if owner {
                view! { <p class="user-meta">"Owners may do everything and manage users."</p> }.into_any()
            } else {
                view! {
                    <div class="perm-set perm-inline">
                        {SWITCHES
                            .into_iter()
                            .map(|(key, label)| {
                                view! {
                                    <label class="perm">
                                        <input
                                            type="checkbox"
                                            data-testid=format!("users-row-{key}")
                                            prop:checked=move || permissions.with(|p| get(p, key))
                                            disabled=move || busy.get()
                                            on:change=move |ev| toggle(key, event_target_checked(&ev))
                                        />
                                        {label}
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                }
                    .into_any()
            }}
            {move || error.get().map(|m| view! {
                <p class="form-error" role="alert" data-testid="users-error">{m}</p>
            })}
            {(!is_me && !owner).then(|| view! {
                <button
                    type="button"
                    class="btn btn-secondary user-remove"
                    data-testid="users-remove"
                    on:click=move |_| removing.set(Some(stored.get_value()))
                >
                    "Remove"
                </button>
            })}
        </li>
    }
}

#[component]
fn RemoveDialog(
    account_id: Uuid,
    removing: RwSignal<Option<AccountUser>>,
    #[prop(into)] on_removed: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let close = move || {
        removing.set(None);
        error.set(None);
    };
    let confirm = move |_| {
        let Some(user) = removing.get_untracked() else {
            return;
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::remove_account_user(session, account_id, user.user_id).await {
                Ok(()) => {
                    removing.set(None);
                    on_removed.run(());
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    move || {
        removing.get().map(|user| {
            view! {
                <div class="dialog-backdrop" on:click=move |_| close()></div>
                <div class="dialog" role="alertdialog" aria-modal="true" data-testid="users-remove-dialog">
                    <h2 class="dialog-title">{format!("Remove {}?", user.display_name)}</h2>
                    <p class="dialog-text">
                        {format!(
                            "{} will no longer be able to use this account. Their login and other \
                             accounts stay as they are.",
                            user.email,
                        )}
                    </p>
                    {move || error.get().map(|e| view! {
                        <p class="form-error" role="alert" data-testid="users-error">{e.message()}</p>
                    })}
                    <div class="dialog-actions">
                        <button
                            type="button"
                            class="btn btn-secondary"
                            data-testid="users-remove-cancel"
                            on:click=move |_| close()
                        >
                            "Cancel"
                        </button>
                        <button
                            type="button"
                            class="btn btn-danger"
                            data-testid="users-remove-confirm"
                            disabled=move || busy.get()
                            on:click=confirm
                        >
                            "Remove"
                        </button>
                    </div>
                </div>
            }
        })
    }
}
