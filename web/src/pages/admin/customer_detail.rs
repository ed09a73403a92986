//! `/admin/customers/:customer_id`: one customer as the dealer's staff see it (H3-H6, A14):
//! record and eligibility, its stores, the contacts an admin may invite, its portal users
//! with their login id, status, permissions and dates, and its invitations. Admins act on
//! them — invite, resend or revoke an invitation, reset a password, unlock, deactivate and
//! reactivate a user or the whole customer — each confirmed in place; staff see the same
//! without those buttons (the API refuses them anyway) and may view the portal as a user.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::accounts::{MembershipRole, Permissions};
use shared::admin_customers::{CustomerContact, CustomerDetail, CustomerPortalUser, PortalUserStatus};
use shared::invitations::{InvitationStatus, InvitationSummary};
use uuid::Uuid;

use super::customers::{EligibilityText, PortalBadge};
use super::{local_time, set_title};
use crate::api::{self, ApiError};
use crate::components::icons::{Icon, IconSvg};
use crate::components::status::{ErrorPanel, SkeletonList, Spinner};
use crate::components::view_as::ViewAsButton;
use crate::i18n::{Label, tr, tr_with};
use crate::paths;
use crate::session::{Session, use_session};

#[component]
pub fn AdminCustomerDetailPage() -> impl IntoView {
    set_title(&tr("admin-customer-title"));
    let session = use_session();
    let params = use_params_map();
    let customer_id =
        Memo::new(move |_| params.with(|p| p.get("customer_id").and_then(|v| Uuid::parse_str(&v).ok())));
    let detail = LocalResource::new(move || {
        let id = customer_id.get();
        async move {
            match id {
                Some(id) => api::admin_customer(session, id).await,
                None => {
                    Err(ApiError::Problem(shared::error::Problem::new(shared::error::ErrorCode::NotFound)))
                }
            }
        }
    });
    let flash = RwSignal::new(None::<Flash>);
    let back = use_context::<super::CustomerListUrl>()
        .map_or_else(|| Signal::stored(paths::ADMIN_CUSTOMERS.to_string()), |u| u.0.into());
    let body = move || {
        Suspend::new(async move {
            match detail.await {
                Err(e) if e.is_not_found() => view! {
                    <div class="panel panel-empty" data-testid="customer-not-found">
                        <IconSvg icon=Icon::User class="panel-icon" />
                        <div class="panel-body">
                            <h1 class="panel-title">{move || tr("admin-customer-not-found")}</h1>
                            <p>{move || tr("admin-customer-not-found-text")}</p>
                        </div>
                    </div>
                }
                .into_any(),
                Err(error) => {
                    view! { <ErrorPanel error=error on_retry=move |()| detail.refetch() /> }.into_any()
                }
                Ok(customer) => {
                    set_title(&customer.name);
                    let ctx = Ctx {
                        session,
                        customer_id: customer.id,
                        admin: session.is_dealer_admin(),
                        flash,
                        reload: Callback::new(move |()| detail.refetch()),
                    };
                    view! { <CustomerView customer=customer ctx=ctx /> }.into_any()
                }
            }
        })
    };
    view! {
        <section class="page admin-page customer-page" data-testid="customer-page">
            <A href=move || back.get() attr:class="back-link" attr:data-testid="customer-back">
                <IconSvg icon=Icon::ChevronLeft />
                {move || tr("admin-tab-customers")}
            </A>
            <Transition fallback=|| view! { <SkeletonList rows=4 /> }>{body}</Transition>
        </section>
    }
}

/// The outcome of the last action, shown where it was taken (`key`) after the data reloads.
#[derive(Debug, Clone, PartialEq)]
struct Flash {
    key: String,
    ok: bool,
    text: String,
}

/// What every action on the page needs.
#[derive(Clone, Copy)]
struct Ctx {
    session: Session,
    customer_id: Uuid,
    /// Dealer admins may change things; staff only look (and view as a user).
    admin: bool,
    flash: RwSignal<Option<Flash>>,
    reload: Callback<()>,
}

/// Something an admin does on this page, after confirming it.
#[derive(Debug, Clone, PartialEq)]
enum Action {
    CustomerAccess {
        open: bool,
    },
    UserAccess {
        user_id: Uuid,
        open: bool,
    },
    Unlock {
        user_id: Uuid,
    },
    ResetPassword {
        user_id: Uuid,
        login: String,
    },
    Invite {
        email: String,
    },
    /// A pending invitation sent again: a new link, this one expires.
    Resend {
        invitation_id: Uuid,
        email: String,
    },
    Revoke {
        invitation_id: Uuid,
        email: String,
    },
}

impl Action {
    /// Where on the page the outcome shows.
    fn key(&self) -> String {
        match self {
            Action::CustomerAccess { .. } => "customer".to_string(),
            Action::UserAccess { user_id, .. }
            | Action::Unlock { user_id }
            | Action::ResetPassword { user_id, .. } => format!("user:{user_id}"),
            Action::Invite { email } => format!("contact:{email}"),
            Action::Resend { invitation_id, .. } | Action::Revoke { invitation_id, .. } => {
                format!("invitation:{invitation_id}")
            }
        }
    }

    /// Does it; answers what happened, in words.
    async fn perform(self, session: Session, customer_id: Uuid) -> Result<String, ApiError> {
        Ok(match self {
            Action::CustomerAccess { open } => {
                api::admin_customer_access(session, customer_id, open).await?;
                if open { tr("admin-customer-done-reopened") } else { tr("admin-customer-done-closed") }
            }
            Action::UserAccess { user_id, open } => {
                api::admin_customer_user_access(session, customer_id, user_id, open).await?;
                if open {
                    tr("admin-customer-done-user-reopened")
                } else {
                    tr("admin-customer-done-user-closed")
                }
            }
            Action::Unlock { user_id } => {
                api::admin_unlock_user(session, user_id).await?;
                tr("admin-customer-done-unlocked")
            }
            Action::ResetPassword { user_id, login } => {
                api::admin_reset_user_password(session, user_id).await?;
                tr_with("admin-customer-done-password-reset", &[("login", login.into())])
            }
            Action::Invite { email } | Action::Resend { email, .. } => {
                let sent = api::admin_invite_customer_contact(session, customer_id, &email).await?;
                tr_with("admin-invitation-sent", &[("email", sent.email.into())])
            }
            Action::Revoke { invitation_id, email } => {
                api::admin_revoke_customer_invitation(session, customer_id, invitation_id).await?;
                tr_with("admin-customer-done-withdrawn", &[("email", email.into())])
            }
        })
    }
}

/// A button that asks first, in place: the question with the action and "Cancel". Once done
/// the page reloads and the outcome shows under `key` ([`FlashLine`]).
#[component]
fn ConfirmButton(
    ctx: Ctx,
    action: Action,
    label: Label,
    question: Signal<String>,
    testid: &'static str,
    #[prop(optional)] danger: bool,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let action = StoredValue::new(action);
    let go = move |_| {
        busy.set(true);
        let action = action.get_value();
        let key = action.key();
        leptos::task::spawn_local(async move {
            let outcome = action.perform(ctx.session, ctx.customer_id).await;
            busy.set(false);
            asking.set(false);
            match outcome {
                Ok(text) => {
                    ctx.flash.set(Some(Flash { key, ok: true, text }));
                    ctx.reload.run(());
                }
                Err(e) => ctx.flash.set(Some(Flash { key, ok: false, text: e.message() })),
            }
        });
    };
    let button_class = if danger { "btn btn-ghost btn-danger-text" } else { "btn btn-secondary" };
    let yes_class = if danger { "btn btn-danger" } else { "btn btn-primary" };
    view! {
        <Show
            when=move || asking.get()
            fallback=move || view! {
                <button type="button" class=button_class data-testid=testid on:click=move |_| {
                    ctx.flash.set(None);
                    asking.set(true);
                }>{label}</button>
            }
        >
            <div class="confirm-inline customer-confirm" role="group" data-testid="confirm">
                <p>{question}</p>
                <div class="client-actions">
                    <button type="button" class=yes_class data-testid="confirm-yes" disabled=move || busy.get() on:click=go>
                        <Show when=move || busy.get()><Spinner /></Show>
                        {label}
                    </button>
                    <button type="button" class="btn btn-ghost" data-testid="confirm-no" on:click=move |_| asking.set(false)>
                        {tr("admin-cancel")}
                    </button>
                </div>
            </div>
        </Show>
    }
}

/// The outcome of the last action taken at `key`, if any.
#[component]
fn FlashLine(ctx: Ctx, key: String) -> impl IntoView {
    move || {
        ctx.flash.get().filter(|f| f.key == key).map(|f| {
            if f.ok {
                view! { <p class="form-ok" role="status" data-testid="action-ok">{f.text}</p> }.into_any()
            } else {
                view! { <p class="form-error" role="alert" data-testid="action-error">{f.text}</p> }
                    .into_any()
            }
        })
    }
}

/// A confirmation question naming `who` (a person or an email address).
fn ask(who: &str, text: fn(&str) -> String) -> Signal<String> {
    let who = who.to_string();
    Signal::derive(move || text(&who))
}

fn when(at: Option<DateTime<Utc>>, never: String) -> String {
    at.map_or(never, local_time)
}

/// The customer record's facts: label and value.
fn record_facts(customer: &CustomerDetail) -> Vec<(String, String)> {
    let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    let kind = if customer.kind == "cash" {
        tr("admin-customer-kind-cash")
    } else {
        tr("admin-customer-kind-account")
    };
    vec![
        (tr("admin-customer-kind"), kind),
        (tr("admin-email"), or_dash(&customer.email)),
        (tr("admin-customer-phone"), or_dash(&customer.phone)),
        (tr("admin-customer-mobile"), or_dash(&customer.mobile_phone)),
        (tr("admin-customer-postal-code"), or_dash(&customer.postal_code)),
        (tr("admin-customer-address"), or_dash(&customer.address)),
        (tr("admin-customer-contracts"), customer.contracts.to_string()),
        (tr("admin-customer-external-id"), customer.external_id.clone()),
    ]
}

#[component]
fn CustomerView(customer: CustomerDetail, ctx: Ctx) -> impl IntoView {
    let closed = customer.portal_deactivated_at.is_some();
    let home = customer.home_location_id;
    let record = customer.clone();
    let facts = move || record_facts(&record);
    let account_number = customer.account_number.clone();
    let number = move || tr_with("admin-customer-number", &[("number", account_number.as_str().into())]);
    let locations = customer.locations.clone();
    let stores = move || {
        if locations.is_empty() {
            return tr("admin-customers-no-store");
        }
        locations
            .iter()
            .map(|l| {
                let args = [("name", l.name.as_str().into()), ("code", l.code.as_str().into())];
                if Some(l.id) == home {
                    tr_with("admin-customer-store-home", &args)
                } else {
                    tr_with("admin-customer-store", &args)
                }
            })
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let closed_at = customer.portal_deactivated_at;
    let name = customer.name.clone();
    let user_count = customer.users.len();
    let users = customer.users.clone();
    let contacts = customer.contacts.clone();
    let invitations = customer.invitations.clone();
    view! {
        <header class="card customer-head" data-testid="customer-head">
            <div class="customer-title">
                <h1 class="page-title" data-testid="customer-name">{customer.name.clone()}</h1>
                <p class="customer-number">{number}</p>
            </div>
            <div class="customer-badges">
                <PortalBadge status=customer.portal_status testid="customer-portal-status" />
            </div>
            <div class="customer-eligibility">
                <EligibilityText eligibility=customer.eligibility.clone() />
            </div>
            <p class="customer-stores">
                <IconSvg icon=Icon::Store />
                <span>{stores}</span>
            </p>
            {closed.then(|| view! {
                <p class="notice-line" data-testid="customer-closed">
                    {move || tr_with("admin-customer-closed-on", &[("date", when(closed_at, String::new()).into())])}
                </p>
            })}
            <FlashLine ctx=ctx key="customer".to_string() />
            {ctx.admin.then(|| if closed {
                view! {
                    <div class="client-actions">
                        <ConfirmButton ctx=ctx action=Action::CustomerAccess { open: true } label=|| tr("admin-customer-reopen")
                            question=Signal::derive(|| tr("admin-customer-reopen-question"))
                            testid="customer-reactivate" />
                    </div>
                }.into_any()
            } else {
                view! {
                    <div class="client-actions">
                        <ConfirmButton ctx=ctx action=Action::CustomerAccess { open: false } label=|| tr("admin-customer-close")
                            question=ask(&name, |n| tr_with("admin-customer-close-question", &[("name", n.into())]))
                            testid="customer-deactivate" danger=true />
                    </div>
                }.into_any()
            })}
        </header>

        <section class="customer-section" aria-labelledby="customer-facts-title">
            <h2 class="section-title" id="customer-facts-title">{move || tr("admin-customer-account")}</h2>
            <dl class="facts customer-facts">
                {move || facts().into_iter().map(|(k, v)| view! { <div class="fact"><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
            </dl>
        </section>

        <section class="customer-section" aria-labelledby="customer-users-title">
            <h2 class="section-title" id="customer-users-title">
                {move || tr_with("admin-customer-users", &[("count", user_count.into())])}
            </h2>
            {if users.is_empty() {
                view! { <p class="panel-empty-text" data-testid="customer-no-users">{move || tr("admin-customer-no-users")}</p> }.into_any()
            } else {
                view! {
                    <ul class="staff-list" data-testid="customer-users">
                        {users.into_iter().map(|u| view! { <UserCard user=u ctx=ctx closed=closed /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>

        <section class="customer-section" aria-labelledby="customer-contacts-title">
            <h2 class="section-title" id="customer-contacts-title">{move || tr("admin-customer-contacts")}</h2>
            {if contacts.is_empty() {
                view! { <p class="panel-empty-text">{move || tr("admin-customer-no-contacts")}</p> }.into_any()
            } else {
                view! {
                    <ul class="staff-list" data-testid="customer-contacts">
                        {contacts.into_iter().map(|c| view! { <ContactCard contact=c ctx=ctx /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>

        <section class="customer-section" aria-labelledby="customer-invitations-title">
            <h2 class="section-title" id="customer-invitations-title">{move || tr("admin-customer-invitations")}</h2>
            {if invitations.is_empty() {
                view! { <p class="panel-empty-text">{move || tr("admin-customer-no-invitations")}</p> }.into_any()
            } else {
                view! {
                    <ul class="staff-list" data-testid="customer-invitations">
                        {invitations.into_iter().map(|i| view! { <InvitationCard invitation=i ctx=ctx /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

fn permissions_words(role: MembershipRole, p: Permissions) -> String {
    if role == MembershipRole::Owner {
        return tr("admin-customer-owner-permissions");
    }
    let mut words = vec![tr("admin-customer-permission-view")];
    if p.pay {
        words.push(tr("admin-customer-permission-pay"));
    }
    if p.call_off {
        words.push(tr("admin-customer-permission-call-off"));
    }
    if p.order {
        words.push(tr("admin-customer-permission-order"));
    }
    words.join(" · ")
}

fn user_status(status: PortalUserStatus) -> (&'static str, Label, &'static str) {
    match status {
        PortalUserStatus::Active => ("active", || tr("admin-portal-active"), "badge badge-active"),
        PortalUserStatus::Locked => ("locked", || tr("admin-portal-locked"), "badge badge-staff-locked"),
        PortalUserStatus::Deactivated => {
            ("deactivated", || tr("admin-portal-deactivated"), "badge badge-revoked")
        }
    }
}

#[component]
fn UserCard(user: CustomerPortalUser, ctx: Ctx, closed: bool) -> impl IntoView {
    let (word, label, class) = user_status(user.status);
    let id = user.user_id;
    let name = user.display_name.clone();
    let (last_login_at, last_invited_at, activated_at, email_confirmed_at) =
        (user.last_login_at, user.last_invited_at, user.activated_at, user.email_confirmed_at);
    let dates = move || {
        vec![
            (tr("admin-customers-col-last-login"), when(last_login_at, tr("admin-never"))),
            (tr("admin-customer-invited"), when(last_invited_at, tr("admin-customer-not-invited"))),
            (tr("admin-customer-joined"), local_time(activated_at)),
            (
                tr("admin-customer-email-confirmed"),
                when(email_confirmed_at, tr("admin-customer-not-confirmed")),
            ),
        ]
    };
    let (role, permissions) = (user.role, user.permissions);
    let locked = user.status == PortalUserStatus::Locked;
    let deactivated = user.deactivated_at.is_some();
    view! {
        <li class="staff-row customer-user" class:staff-row-off=deactivated data-testid="customer-user" data-login=user.login.clone() data-status=word>
            <div class="staff-head">
                <div class="staff-who">
                    <span class="staff-name">{user.display_name.clone()}</span>
                    <span class="staff-email mono" data-testid="customer-user-login">{user.login.clone()}</span>
                    {user.phone.clone().map(|p| view! { <span class="staff-email">{p}</span> })}
                </div>
                <div class="staff-badges">
                    <span class="badge badge-role">
                        {move || if role == MembershipRole::Owner { tr("admin-customer-owner") } else { tr("admin-customer-member") }}
                    </span>
                    <span class=class data-testid="customer-user-status">{label}</span>
                </div>
            </div>
            <p class="staff-stores"><IconSvg icon=Icon::Key /><span>{move || permissions_words(role, permissions)}</span></p>
            <dl class="user-dates">
                {move || dates().into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
            </dl>
            <FlashLine ctx=ctx key=format!("user:{id}") />
            <div class="client-actions">
                {(!deactivated && !closed).then(|| view! { <ViewAsButton customer_id=ctx.customer_id user_id=id user_name=name.clone() /> })}
                {ctx.admin.then(|| view! {
                    {locked.then(|| view! {
                        <ConfirmButton ctx=ctx action=Action::Unlock { user_id: id } label=|| tr("admin-customer-unlock")
                            question=ask(&name, |n| tr_with("admin-customer-unlock-question", &[("name", n.into())])) testid="user-unlock" />
                    })}
                    <ConfirmButton ctx=ctx action=Action::ResetPassword { user_id: id, login: user.login.clone() } label=|| tr("admin-customer-reset-password")
                        question=ask(&name, |n| tr_with("admin-customer-reset-password-question", &[("name", n.into())]))
                        testid="user-reset-password" />
                    {if deactivated {
                        view! {
                            <ConfirmButton ctx=ctx action=Action::UserAccess { user_id: id, open: true } label=|| tr("admin-reactivate")
                                question=ask(&name, |n| tr_with("admin-customer-reactivate-question", &[("name", n.into())])) testid="user-reactivate" />
                        }.into_any()
                    } else {
                        view! {
                            <ConfirmButton ctx=ctx action=Action::UserAccess { user_id: id, open: false } label=|| tr("admin-deactivate")
                                question=ask(&name, |n| tr_with("admin-customer-deactivate-question", &[("name", n.into())]))
                                testid="user-deactivate" danger=true />
                        }.into_any()
                    }}
                })}
            </div>
        </li>
    }
}

#[component]
fn ContactCard(contact: CustomerContact, ctx: Ctx) -> impl IntoView {
    let email = contact.email.clone();
    let (is_user, activated_at, last_invited_at) =
        (contact.is_user, contact.activated_at, contact.last_invited_at);
    let state = move || {
        if is_user {
            tr("admin-customer-contact-has-login")
        } else if let Some(at) = activated_at {
            tr_with("admin-customer-contact-accepted", &[("time", local_time(at).into())])
        } else if let Some(at) = last_invited_at {
            tr_with("admin-customer-contact-invited", &[("time", local_time(at).into())])
        } else {
            tr("admin-portal-never-invited")
        }
    };
    let can_invite = ctx.admin && !contact.is_user;
    let label: Label = if last_invited_at.is_some() {
        || tr("admin-customer-invite-again")
    } else {
        || tr("admin-customer-invite")
    };
    view! {
        <li class="staff-row customer-contact" data-testid="customer-contact" data-email=email.clone()>
            <div class="staff-head">
                <div class="staff-who">
                    <span class="staff-name">{if contact.name.is_empty() { email.clone() } else { contact.name.clone() }}</span>
                    <span class="staff-email">{email.clone()}</span>
                </div>
            </div>
            <p class="staff-meta">{state}</p>
            <FlashLine ctx=ctx key=format!("contact:{email}") />
            {can_invite.then(|| view! {
                <div class="client-actions">
                    <ConfirmButton ctx=ctx action=Action::Invite { email: email.clone() } label=label
                        question=ask(&email, |e| tr_with("admin-customer-invite-question", &[("email", e.into())]))
                        testid="contact-invite" />
                </div>
            })}
        </li>
    }
}

#[component]
fn InvitationCard(invitation: InvitationSummary, ctx: Ctx) -> impl IntoView {
    let (word, label, class): (&str, Label, &str) = match invitation.status {
        InvitationStatus::Pending => {
            ("pending", || tr("admin-invitation-pending"), "badge badge-staff-invited")
        }
        InvitationStatus::Accepted => ("accepted", || tr("admin-invitation-accepted"), "badge badge-active"),
        InvitationStatus::Expired => ("expired", || tr("admin-invitation-expired"), "badge badge-revoked"),
        InvitationStatus::Revoked => ("revoked", || tr("admin-invitation-withdrawn"), "badge badge-revoked"),
    };
    let id = invitation.id;
    let email = invitation.email.clone();
    let (status, sent_at, accepted_at, expires_at) =
        (invitation.status, invitation.sent_at, invitation.accepted_at, invitation.expires_at);
    let meta = move || {
        let mut meta = vec![tr_with("admin-invitation-sent-at", &[("time", local_time(sent_at).into())])];
        match (status, accepted_at) {
            (_, Some(at)) => {
                meta.push(tr_with("admin-invitation-accepted-at", &[("time", local_time(at).into())]))
            }
            (InvitationStatus::Pending, None) => {
                meta.push(tr_with("admin-invitation-valid-until", &[("time", local_time(expires_at).into())]))
            }
            _ => {}
        }
        meta.join(" · ")
    };
    let pending = invitation.status == InvitationStatus::Pending;
    let role = invitation.role;
    view! {
        <li class="staff-row customer-invitation" data-testid="customer-invitation" data-email=email.clone() data-status=word>
            <div class="staff-head">
                <div class="staff-who">
                    <span class="staff-name">{email.clone()}</span>
                    <span class="staff-email">
                        {move || if role == MembershipRole::Owner { tr("admin-invitation-as-owner") } else { tr("admin-invitation-as-member") }}
                    </span>
                </div>
                <div class="staff-badges"><span class=class>{label}</span></div>
            </div>
            <p class="staff-meta">{meta}</p>
            <FlashLine ctx=ctx key=format!("invitation:{id}") />
            {(ctx.admin && pending).then(|| view! {
                <div class="client-actions">
                    <ConfirmButton ctx=ctx action=Action::Resend { invitation_id: id, email: email.clone() } label=|| tr("admin-invitation-resend")
                        question=ask(&email, |e| tr_with("admin-invitation-resend-question", &[("email", e.into())])) testid="invitation-resend" />
                    <ConfirmButton ctx=ctx action=Action::Revoke { invitation_id: id, email: email.clone() } label=|| tr("admin-invitation-withdraw")
                        question=ask(&email, |e| tr_with("admin-invitation-withdraw-question", &[("email", e.into())]))
                        testid="invitation-revoke" danger=true />
                </div>
            })}
        </li>
    }
}
