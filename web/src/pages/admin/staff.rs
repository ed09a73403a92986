//! `/admin/staff`: the dealer admin's staff and roles (H10). Invite someone by email as
//! staff or admin (staff optionally for some stores only); change a member's role and
//! stores; deactivate (they are signed out at once) and reactivate; send a pending
//! invitation again. Deactivating asks for confirmation in place.

use leptos::prelude::*;
use shared::accounts::Location;
use shared::staff::{InviteStaffRequest, StaffMember, StaffRole, StaffStatus, UpdateStaffRequest};
use uuid::Uuid;

use super::{local_time, set_title};
use crate::api::{self, StaffAction};
use crate::components::icons::{Icon, IconSvg};
use crate::components::status::{ErrorPanel, SkeletonList, Spinner};
use crate::i18n::{tr, tr_with};
use crate::session::use_session;

#[component]
pub fn AdminStaffPage() -> impl IntoView {
    set_title(&tr("admin-tab-staff"));
    let session = use_session();
    let admin = Memo::new(move |_| session.is_dealer_admin());
    move || {
        if admin.get() {
            view! { <StaffScreen /> }.into_any()
        } else {
            view! {
                <div class="panel panel-empty" data-testid="staff-forbidden">
                    <h1 class="panel-title">{tr("admin-staff-forbidden")}</h1>
                    <p>{tr("admin-staff-forbidden-text")}</p>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn StaffScreen() -> impl IntoView {
    let session = use_session();
    let staff = LocalResource::new(move || async move { api::admin_staff(session).await });
    // The stores, for the invitation form and the editor; none when they cannot be read.
    let stores =
        LocalResource::new(move || async move { api::admin_locations(session).await.unwrap_or_default() });
    let stores = Signal::derive(move || stores.get().unwrap_or_default());
    let on_change = Callback::new(move |()| staff.refetch());

    let list = move || {
        Suspend::new(async move {
            match staff.await {
                Err(error) => view! { <ErrorPanel error=error on_retry=move |()| staff.refetch() /> }.into_any(),
                Ok(members) => view! {
                    <ul class="staff-list" data-testid="staff-list">
                        {members
                            .into_iter()
                            .map(|member| view! { <StaffRow member=member stores=stores on_change=on_change /> })
                            .collect_view()}
                    </ul>
                }
                .into_any(),
            }
        })
    };

    view! {
        <section class="page admin-page" data-testid="staff-page">
            <div class="page-head">
                <div>
                    <h1 class="page-title">{move || tr("admin-tab-staff")}</h1>
                    <p class="page-lead">{move || tr("admin-staff-lead")}</p>
                </div>
            </div>
            <InviteForm stores=stores on_invited=on_change />
            <Suspense fallback=|| view! { <SkeletonList rows=3 /> }>{list}</Suspense>
        </section>
    }
}

fn role_label(role: StaffRole) -> String {
    match role {
        StaffRole::DealerAdmin => tr("admin-staff-role-admin"),
        StaffRole::DealerStaff => tr("admin-staff-role-staff"),
    }
}

fn status_label(status: StaffStatus) -> String {
    match status {
        StaffStatus::Invited => tr("admin-portal-invited"),
        StaffStatus::Active => tr("admin-portal-active"),
        StaffStatus::Locked => tr("admin-portal-locked"),
        StaffStatus::Deactivated => tr("admin-portal-deactivated"),
    }
}

/// Role as a two-way choice (radio buttons styled as a segmented control).
#[component]
fn RolePicker(role: RwSignal<StaffRole>, name: String, testid: &'static str) -> impl IntoView {
    view! {
        <fieldset class="role-set" data-testid=testid>
            <legend class="field-label">{move || tr("admin-staff-role")}</legend>
            <div class="segmented">
                {StaffRole::ALL
                    .into_iter()
                    .map(|r| {
                        let name = name.clone();
                        view! {
                            <label class="segment role-option" class:role-chosen=move || role.get() == r>
                                <input
                                    type="radio"
                                    class="sr-only"
                                    name=name
                                    data-testid=format!("{testid}-{}", r.as_str())
                                    prop:checked=move || role.get() == r
                                    on:change=move |_| role.set(r)
                                />
                                {move || role_label(r)}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

/// The stores a staff member works for; none ticked means every store.
#[component]
fn StorePicker(
    stores: Signal<Vec<Location>>,
    chosen: RwSignal<Vec<Uuid>>,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <fieldset class="perm-set store-set" data-testid=testid>
            <legend class="field-label">
                {move || tr("admin-staff-stores")}" "<span class="field-optional">{move || tr("admin-staff-stores-hint")}</span>
            </legend>
            {move || {
                stores
                    .get()
                    .into_iter()
                    .map(|store| {
                        let id = store.id;
                        view! {
                            <label class="perm">
                                <input
                                    type="checkbox"
                                    data-testid=format!("{testid}-{}", store.code)
                                    prop:checked=move || chosen.with(|c| c.contains(&id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| {
                                            c.retain(|x| *x != id);
                                            if on {
                                                c.push(id);
                                            }
                                        });
                                    }
                                />
                                <span>{store.name}</span>
                            </label>
                        }
                    })
                    .collect_view()
            }}
        </fieldset>
    }
}

#[component]
fn InviteForm(stores: Signal<Vec<Location>>, on_invited: Callback<()>) -> impl IntoView {
    let session = use_session();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(StaffRole::DealerStaff);
    let chosen = RwSignal::new(Vec::<Uuid>::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let name_error = RwSignal::new(None::<String>);
    let email_error = RwSignal::new(None::<String>);
    let sent = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let body = InviteStaffRequest {
            email: email.get_untracked().trim().to_string(),
            display_name: name.get_untracked().trim().to_string(),
            role: role.get_untracked(),
            location_ids: if role.get_untracked() == StaffRole::DealerStaff {
                chosen.get_untracked()
            } else {
                Vec::new()
            },
        };
        name_error.set(body.display_name.is_empty().then(|| tr("admin-staff-name-missing")));
        email_error.set((!body.email.contains('@')).then(|| tr("admin-staff-email-invalid")));
        if body.display_name.is_empty() || !body.email.contains('@') {
            return;
        }
        busy.set(true);
        error.set(None);
        sent.set(None);
        leptos::task::spawn_local(async move {
            match api::admin_invite_staff(session, &body).await {
                Ok(member) => {
                    name.set(String::new());
                    email.set(String::new());
                    chosen.set(Vec::new());
                    sent.set(Some(tr_with("admin-invitation-sent", &[("email", member.email.into())])));
                    on_invited.run(());
                }
                Err(e) => {
                    name_error.set(e.field_message("display_name"));
                    email_error.set(e.field_message("email"));
                    let general = e.field_message("location_ids").or_else(|| {
                        (e.field_message("display_name").is_none() && e.field_message("email").is_none())
                            .then(|| e.message())
                    });
                    error.set(general);
                }
            }
            busy.set(false);
        });
    };

    view! {
        <form class="card staff-form" data-testid="staff-invite-form" on:submit=submit novalidate>
            <h2 class="card-title">{move || tr("admin-staff-invite")}</h2>
            <div class="staff-form-grid">
                <div class="field">
                    <label class="field-label" for="staff-name">{move || tr("admin-name")}</label>
                    <input
                        id="staff-name"
                        class="input"
                        maxlength="100"
                        autocomplete="off"
                        data-testid="staff-invite-name"
                        aria-invalid=move || name_error.get().is_some().to_string()
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                    {move || name_error.get().map(|e| view! { <p class="field-error" data-testid="staff-invite-name-error">{e}</p> })}
                </div>
                <div class="field">
                    <label class="field-label" for="staff-email">{move || tr("admin-email")}</label>
                    <input
                        id="staff-email"
                        class="input"
                        type="email"
                        autocomplete="off"
                        data-testid="staff-invite-email"
                        aria-invalid=move || email_error.get().is_some().to_string()
                        prop:value=move || email.get()
                        on:input=move |ev| email.set(event_target_value(&ev))
                    />
                    {move || email_error.get().map(|e| view! { <p class="field-error" data-testid="staff-invite-email-error">{e}</p> })}
                </div>
            </div>
            <RolePicker role=role name="invite-role".to_string() testid="staff-invite-role" />
            <Show when=move || role.get() == StaffRole::DealerStaff>
                <StorePicker stores=stores chosen=chosen testid="staff-invite-store" />
            </Show>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert" data-testid="staff-invite-error">{e}</p> })}
            {move || sent.get().map(|m| view! { <p class="form-ok" role="status" data-testid="staff-invite-sent">{m}</p> })}
            <button type="submit" class="btn btn-primary" data-testid="staff-invite-submit" disabled=move || busy.get()>
                <Show when=move || busy.get()><Spinner /></Show>
                <IconSvg icon=Icon::Mail />
                {move || tr("admin-staff-send-invitation")}
            </button>
        </form>
    }
}

fn status_class(status: StaffStatus) -> &'static str {
    match status {
        StaffStatus::Active => "badge badge-active",
        StaffStatus::Invited => "badge badge-staff-invited",
        StaffStatus::Locked => "badge badge-staff-locked",
        StaffStatus::Deactivated => "badge badge-revoked",
    }
}

/// Which part of a row is open: nothing, the editor, or a confirmation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    Edit,
    ConfirmDeactivate,
}

#[component]
fn StaffRow(member: StaffMember, stores: Signal<Vec<Location>>, on_change: Callback<()>) -> impl IntoView {
    let session = use_session();
    let id = member.id;
    let is_me = session.user().is_some_and(|u| u.id == id);
    let open = RwSignal::new(Open::Nothing);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let role = RwSignal::new(member.role);
    let chosen = RwSignal::new(member.locations.iter().map(|l| l.id).collect::<Vec<_>>());
    let status = member.status;

    let act = move |action: StaffAction| {
        busy.set(true);
        error.set(None);
        done.set(None);
        leptos::task::spawn_local(async move {
            match api::admin_staff_action(session, id, action).await {
                Ok(m) => {
                    if action == StaffAction::ResendInvitation {
                        let sent = tr_with("admin-staff-invitation-resent", &[("email", m.email.into())]);
                        done.set(Some(sent));
                    }
                    open.set(Open::Nothing);
                    on_change.run(());
                }
                Err(e) => error.set(Some(e.message())),
            }
            busy.set(false);
        });
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let role = role.get_untracked();
        let body = UpdateStaffRequest {
            role: Some(role),
            location_ids: Some(if role == StaffRole::DealerStaff {
                chosen.get_untracked()
            } else {
                Vec::new()
            }),
        };
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::admin_update_staff(session, id, &body).await {
                Ok(_) => {
                    open.set(Open::Nothing);
                    on_change.run(());
                }
                Err(e) => error.set(Some(e.field_message("location_ids").unwrap_or_else(|| e.message()))),
            }
            busy.set(false);
        });
    };

    let store_names = member.locations.iter().map(|l| l.name.clone()).collect::<Vec<_>>().join(", ");
    let stores_text =
        move || if store_names.is_empty() { tr("admin-staff-every-store") } else { store_names.clone() };
    let (invited_at, activated_at, last_login_at) =
        (member.invited_at, member.activated_at, member.last_login_at);
    let meta = move || {
        let mut meta = Vec::new();
        if let Some(at) = invited_at {
            meta.push(tr_with("admin-staff-invited-at", &[("time", local_time(at).into())]));
        }
        if let Some(at) = activated_at {
            meta.push(tr_with("admin-staff-active-since", &[("time", local_time(at).into())]));
        }
        meta.push(last_login_at.map_or_else(
            || tr("admin-staff-never-signed-in"),
            |at| tr_with("admin-staff-last-sign-in", &[("time", local_time(at).into())]),
        ));
        meta.join(" · ")
    };
    let name = member.display_name.clone();
    let role_now = member.role;

    view! {
        <li class="staff-row" class:staff-row-off=status == StaffStatus::Deactivated data-testid="staff-row" data-email=member.email.clone() data-status=status_word(status)>
            <div class="staff-head">
                <div class="staff-who">
                    <span class="staff-name" data-testid="staff-row-name">
                        {member.display_name.clone()}
                        {is_me.then(|| view! { <span class="staff-you">" "{move || tr("admin-staff-you")}</span> })}
                    </span>
                    <span class="staff-email">{member.email.clone()}</span>
                </div>
                <div class="staff-badges">
                    <span class="badge badge-role" data-testid="staff-row-role">{move || role_label(role_now)}</span>
                    <span class=status_class(status) data-testid="staff-row-status">{move || status_label(status)}</span>
                </div>
            </div>
            <p class="staff-stores" data-testid="staff-row-stores">
                <IconSvg icon=Icon::Store />
                <span>{stores_text}</span>
            </p>
            <p class="staff-meta">{meta}</p>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert" data-testid="staff-row-error">{e}</p> })}
            {move || done.get().map(|m| view! { <p class="form-ok" role="status">{m}</p> })}
            {move || match open.get() {
                Open::Nothing => view! {
                    <div class="client-actions">
                        <Show when=move || status != StaffStatus::Deactivated>
                            <button type="button" class="btn btn-secondary" data-testid="staff-edit" on:click=move |_| open.set(Open::Edit)>
                                {tr("admin-staff-edit")}
                            </button>
                        </Show>
                        <Show when=move || status == StaffStatus::Invited>
                            <button type="button" class="btn btn-secondary" data-testid="staff-resend" disabled=move || busy.get() on:click=move |_| act(StaffAction::ResendInvitation)>
                                <IconSvg icon=Icon::Mail />{tr("admin-staff-resend")}
                            </button>
                        </Show>
                        {if status == StaffStatus::Deactivated {
                            view! {
                                <button type="button" class="btn btn-secondary" data-testid="staff-reactivate" disabled=move || busy.get() on:click=move |_| act(StaffAction::Reactivate)>
                                    <Show when=move || busy.get()><Spinner /></Show>
                                    {tr("admin-reactivate")}
                                </button>
                            }
                            .into_any()
                        } else {
                            view! {
                                <button type="button" class="btn btn-ghost btn-danger-text" data-testid="staff-deactivate" on:click=move |_| open.set(Open::ConfirmDeactivate)>
                                    {tr("admin-deactivate")}
                                </button>
                            }
                            .into_any()
                        }}
                    </div>
                }
                .into_any(),
                Open::ConfirmDeactivate => {
                    let question = if is_me {
                        tr("admin-staff-deactivate-self-question")
                    } else {
                        tr_with("admin-staff-deactivate-question", &[("name", name.as_str().into())])
                    };
                    view! {
                        <div class="confirm-inline" role="group" data-testid="staff-confirm">
                            <p>{question}</p>
                            <div class="client-actions">
                                <button type="button" class="btn btn-danger" data-testid="staff-confirm-yes" disabled=move || busy.get() on:click=move |_| act(StaffAction::Deactivate)>
                                    <Show when=move || busy.get()><Spinner /></Show>
                                    {tr("admin-deactivate")}
                                </button>
                                <button type="button" class="btn btn-ghost" data-testid="staff-confirm-no" on:click=move |_| open.set(Open::Nothing)>
                                    {tr("admin-cancel")}
                                </button>
                            </div>
                        </div>
                    }
                    .into_any()
                }
                Open::Edit => view! {
                    <form class="staff-editor" data-testid="staff-editor" on:submit=save>
                        <RolePicker role=role name=format!("role-{id}") testid="staff-edit-role" />
                        <Show when=move || role.get() == StaffRole::DealerStaff>
                            <StorePicker stores=stores chosen=chosen testid="staff-edit-store" />
                        </Show>
                        <div class="client-actions">
                            <button type="submit" class="btn btn-primary" data-testid="staff-edit-save" disabled=move || busy.get()>
                                <Show when=move || busy.get()><Spinner /></Show>
                                {tr("admin-save")}
                            </button>
                            <button type="button" class="btn btn-ghost" data-testid="staff-edit-cancel" on:click=move |_| open.set(Open::Nothing)>
                                {tr("admin-cancel")}
                            </button>
                        </div>
                    </form>
                }
                .into_any(),
            }}
        </li>
    }
}

fn status_word(status: StaffStatus) -> &'static str {
    match status {
        StaffStatus::Invited => "invited",
        StaffStatus::Active => "active",
        StaffStatus::Locked => "locked",
        StaffStatus::Deactivated => "deactivated",
    }
}
