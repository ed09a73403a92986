//! The rows of the account's users: pending invitations (resend, revoke) and active users
//! (change permissions, remove, with a confirmation dialog).

use super::*;

#[component]
pub(super) fn UserList(
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
            <h2 class="section-title">{move || tr("account-users-pending-title")}</h2>
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
                Err(e) if e.is_not_found() => on_revoked
                    .run(Err(tr_with("account-users-already-gone", &[("email", email.get_value().into())]))),
                Err(e) => error.set(Some(e.message())),
            }
            busy.set(false);
        });
    };

    view! {
        <li class="card user-row" data-testid="users-pending" data-email=invitation.email.clone()>
            <p class="user-name">{invitation.email.clone()}</p>
            <p class="user-meta">
                {move || {
                    let date = invitation.sent_at.format("%b %-d").to_string();
                    let args = [("permissions", summary(&invitation.permissions).into()), ("date", date.into())];
                    tr_with("account-users-invited", &args)
                }}
            </p>
            {move || error.get().map(|m| view! {
                <p class="form-error" role="alert" data-testid="users-error">{m}</p>
            })}
            {move || if confirming.get() {
                view! {
                    <div class="users-revoke-confirm" role="group" data-testid="users-revoke-confirm-box">
                        <p class="user-meta">{tr("account-users-revoke-question")}</p>
                        <div class="dialog-actions">
                            <button
                                type="button"
                                class="btn btn-secondary"
                                data-testid="users-revoke-cancel"
                                on:click=move |_| confirming.set(false)
                            >
                                {tr("account-users-keep")}
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
                                {tr("account-users-revoke-invitation")}
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
                        {tr("account-users-revoke")}
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
    let display_name = user.display_name.clone();
    let name = move || {
        if is_me {
            tr_with("account-users-you", &[("name", display_name.as_str().into())])
        } else {
            display_name.clone()
        }
    };
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
                <span class="role-badge">{move || if owner { tr("account-users-owner") } else { tr("account-users-member") }}</span>
            </div>
            {if owner {
                view! { <p class="user-meta">{move || tr("account-users-owner-note")}</p> }.into_any()
            } else {
                view! {
                    <div class="perm-set perm-inline">
                        {SWITCHES
                            .into_iter()
                            .map(|key| {
                                view! {
                                    <label class="perm">
                                        <input
                                            type="checkbox"
                                            data-testid=format!("users-row-{key}")
                                            prop:checked=move || permissions.with(|p| get(p, key))
                                            disabled=move || busy.get()
                                            on:change=move |ev| toggle(key, event_target_checked(&ev))
                                        />
                                        {move || permission_label(key)}
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
                    {move || tr("account-users-remove")}
                </button>
            })}
        </li>
    }
}

#[component]
pub(super) fn RemoveDialog(
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
                    <h2 class="dialog-title">{tr_with("account-users-remove-title", &[("name", user.display_name.into())])}</h2>
                    <p class="dialog-text">{tr_with("account-users-remove-text", &[("email", user.email.into())])}</p>
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
                            {tr("account-users-cancel")}
                        </button>
                        <button
                            type="button"
                            class="btn btn-danger"
                            data-testid="users-remove-confirm"
                            disabled=move || busy.get()
                            on:click=confirm
                        >
                            {tr("account-users-remove")}
                        </button>
                    </div>
                </div>
            }
        })
    }
}
