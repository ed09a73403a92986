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
use crate::paths;
use crate::session::{Session, use_session};

#[component]
pub fn AdminCustomerDetailPage() -> impl IntoView {
    set_title("Customer");
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
                            <h1 class="panel-title">"No such customer"</h1>
                            <p>"It is not one of your dealer's customers, or the link is wrong."</p>
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
                "Customers"
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
                if open {
                    "The portal is open to this customer again.".to_string()
                } else {
                    "The portal is closed to this customer: its users were signed out.".to_string()
                }
            }
            Action::UserAccess { user_id, open } => {
                api::admin_customer_user_access(session, customer_id, user_id, open).await?;
                if open {
                    "Access restored.".to_string()
                } else {
                    "Access closed; they were signed out.".to_string()
                }
            }
            Action::Unlock { user_id } => {
                api::admin_unlock_user(session, user_id).await?;
                "Unlocked: they can sign in again.".to_string()
            }
            Action::ResetPassword { user_id, login } => {
                api::admin_reset_user_password(session, user_id).await?;
                format!(
                    "A temporary password is on its way to {login}. It works for one sign-in, then they choose a new one."
                )
            }
            Action::Invite { email } | Action::Resend { email, .. } => {
                let sent = api::admin_invite_customer_contact(session, customer_id, &email).await?;
                format!("Invitation sent to {}.", sent.email)
            }
            Action::Revoke { invitation_id, email } => {
                api::admin_revoke_customer_invitation(session, customer_id, invitation_id).await?;
                format!("The invitation to {email} was withdrawn; its link no longer works.")
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
    label: &'static str,
    question: String,
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
                <p>{question.clone()}</p>
                <div class="client-actions">
                    <button type="button" class=yes_class data-testid="confirm-yes" disabled=move || busy.get() on:click=go>
                        <Show when=move || busy.get()><Spinner /></Show>
                        {label}
                    </button>
                    <button type="button" class="btn btn-ghost" data-testid="confirm-no" on:click=move |_| asking.set(false)>
                        "Cancel"
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

fn when(at: Option<DateTime<Utc>>, never: &'static str) -> String {
    at.map_or_else(|| never.to_string(), local_time)
}

#[component]
fn CustomerView(customer: CustomerDetail, ctx: Ctx) -> impl IntoView {
    let closed = customer.portal_deactivated_at.is_some();
    let home = customer.home_location_id;
    let facts: Vec<(&str, String)> = vec![
        ("Kind", if customer.kind == "cash" { "Cash customer" } else { "Account customer" }.to_string()),
        ("Email", customer.email.clone().unwrap_or_else(|| "—".into())),
        ("Phone", customer.phone.clone().unwrap_or_else(|| "—".into())),
        ("Mobile", customer.mobile_phone.clone().unwrap_or_else(|| "—".into())),
        ("ZIP / postal code", customer.postal_code.clone().unwrap_or_else(|| "—".into())),
        ("Address", customer.address.clone().unwrap_or_else(|| "—".into())),
        ("Contracts and quotes", customer.contracts.to_string()),
        ("Back-office id", customer.external_id.clone()),
    ];
    let name = customer.name.clone();
    let users = customer.users.clone();
    let contacts = customer.contacts.clone();
    let invitations = customer.invitations.clone();
    view! {
        <header class="card customer-head" data-testid="customer-head">
            <div class="customer-title">
                <h1 class="page-title" data-testid="customer-name">{customer.name.clone()}</h1>
                <p class="customer-number">{format!("Customer no. {}", customer.account_number)}</p>
            </div>
            <div class="customer-badges">
                <PortalBadge status=customer.portal_status testid="customer-portal-status" />
            </div>
            <div class="customer-eligibility">
                <EligibilityText eligibility=customer.eligibility.clone() />
            </div>
            <p class="customer-stores">
                <IconSvg icon=Icon::Store />
                <span>
                    {if customer.locations.is_empty() {
                        "No store yet".to_string()
                    } else {
                        customer
                            .locations
                            .iter()
                            .map(|l| if Some(l.id) == home { format!("{} ({}, home store)", l.name, l.code) } else { format!("{} ({})", l.name, l.code) })
                            .collect::<Vec<_>>()
                            .join(" · ")
                    }}
                </span>
            </p>
            {closed.then(|| view! {
                <p class="notice-line" data-testid="customer-closed">
                    {format!("The portal was closed to this customer on {}.", when(customer.portal_deactivated_at, ""))}
                </p>
            })}
            <FlashLine ctx=ctx key="customer".to_string() />
            {ctx.admin.then(|| if closed {
                view! {
                    <div class="client-actions">
                        <ConfirmButton ctx=ctx action=Action::CustomerAccess { open: true } label="Reopen the portal"
                            question="Its users can sign in to this account again, with the permissions they had.".to_string()
                            testid="customer-reactivate" />
                    </div>
                }.into_any()
            } else {
                view! {
                    <div class="client-actions">
                        <ConfirmButton ctx=ctx action=Action::CustomerAccess { open: false } label="Close the portal to this customer"
                            question=format!("Every user of {name} is signed out at once and cannot open this account until you reopen it. Nothing is deleted, and the back office is not changed. Close it?")
                            testid="customer-deactivate" danger=true />
                    </div>
                }.into_any()
            })}
        </header>

        <section class="customer-section" aria-labelledby="customer-facts-title">
            <h2 class="section-title" id="customer-facts-title">"Account"</h2>
            <dl class="facts customer-facts">
                {facts.into_iter().map(|(k, v)| view! { <div class="fact"><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
            </dl>
        </section>

        <section class="customer-section" aria-labelledby="customer-users-title">
            <h2 class="section-title" id="customer-users-title">{format!("Portal users ({})", users.len())}</h2>
            {if users.is_empty() {
                view! { <p class="panel-empty-text" data-testid="customer-no-users">"Nobody has a login with this account yet. Invite one of its contacts below."</p> }.into_any()
            } else {
                view! {
                    <ul class="staff-list" data-testid="customer-users">
                        {users.into_iter().map(|u| view! { <UserCard user=u ctx=ctx closed=closed /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>

        <section class="customer-section" aria-labelledby="customer-contacts-title">
            <h2 class="section-title" id="customer-contacts-title">"Contacts"</h2>
            {if contacts.is_empty() {
                view! { <p class="panel-empty-text">"No contact on the customer record has an email, so nobody can be invited. Add one in the back office."</p> }.into_any()
            } else {
                view! {
                    <ul class="staff-list" data-testid="customer-contacts">
                        {contacts.into_iter().map(|c| view! { <ContactCard contact=c ctx=ctx /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>

        <section class="customer-section" aria-labelledby="customer-invitations-title">
            <h2 class="section-title" id="customer-invitations-title">"Invitations"</h2>
            {if invitations.is_empty() {
                view! { <p class="panel-empty-text">"Nobody was invited yet."</p> }.into_any()
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
        return "Account owner: every permission, manages the other users".to_string();
    }
    let mut words = vec!["View"];
    if p.pay {
        words.push("Pay");
    }
    if p.call_off {
        words.push("Call off");
    }
    if p.order {
        words.push("Order");
    }
    words.join(" · ")
}

fn user_status(status: PortalUserStatus) -> (&'static str, &'static str, &'static str) {
    match status {
        PortalUserStatus::Active => ("active", "Active", "badge badge-active"),
        PortalUserStatus::Locked => ("locked", "Locked", "badge badge-staff-locked"),
        PortalUserStatus::Deactivated => ("deactivated", "Deactivated", "badge badge-revoked"),
    }
}

#[component]
fn UserCard(user: CustomerPortalUser, ctx: Ctx, closed: bool) -> impl IntoView {
    let (word, label, class) = user_status(user.status);
    let id = user.user_id;
    let name = user.display_name.clone();
    let dates: Vec<(&str, String)> = vec![
        ("Last login", when(user.last_login_at, "Never")),
        ("Invited", when(user.last_invited_at, "Not invited (signed up or registered)")),
        ("Joined", local_time(user.activated_at)),
        ("Email confirmed", when(user.email_confirmed_at, "Not confirmed")),
    ];
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
                    <span class="badge badge-role">{if user.role == MembershipRole::Owner { "Owner" } else { "Member" }}</span>
                    <span class=class data-testid="customer-user-status">{label}</span>
                </div>
            </div>
            <p class="staff-stores"><IconSvg icon=Icon::Key /><span>{permissions_words(user.role, user.permissions)}</span></p>
            <dl class="user-dates">
                {dates.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
            </dl>
            <FlashLine ctx=ctx key=format!("user:{id}") />
            <div class="client-actions">
                {(!deactivated && !closed).then(|| view! { <ViewAsButton customer_id=ctx.customer_id user_id=id user_name=name.clone() /> })}
                {ctx.admin.then(|| view! {
                    {locked.then(|| view! {
                        <ConfirmButton ctx=ctx action=Action::Unlock { user_id: id } label="Unlock"
                            question=format!("{name} can sign in again at once. Unlock?") testid="user-unlock" />
                    })}
                    <ConfirmButton ctx=ctx action=Action::ResetPassword { user_id: id, login: user.login.clone() } label="Reset password"
                        question=format!("{name} is signed out everywhere and gets an email with a temporary password for one sign-in. Reset?")
                        testid="user-reset-password" />
                    {if deactivated {
                        view! {
                            <ConfirmButton ctx=ctx action=Action::UserAccess { user_id: id, open: true } label="Reactivate"
                                question=format!("{name} can open this account again. Reactivate?") testid="user-reactivate" />
                        }.into_any()
                    } else {
                        view! {
                            <ConfirmButton ctx=ctx action=Action::UserAccess { user_id: id, open: false } label="Deactivate"
                                question=format!("{name} is signed out at once and cannot open this account until reactivated. Their other accounts stay open; nothing is deleted. Deactivate?")
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
    let state = if contact.is_user {
        "Has a login".to_string()
    } else if let Some(at) = contact.activated_at {
        format!("Accepted an invitation {}", local_time(at))
    } else if let Some(at) = contact.last_invited_at {
        format!("Invited {}, not accepted yet", local_time(at))
    } else {
        "Never invited".to_string()
    };
    let can_invite = ctx.admin && !contact.is_user;
    let label = if contact.last_invited_at.is_some() { "Invite again" } else { "Invite" };
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
                        question=format!("Send {email} a link to set up a login with this account? An earlier link stops working.")
                        testid="contact-invite" />
                </div>
            })}
        </li>
    }
}

#[component]
fn InvitationCard(invitation: InvitationSummary, ctx: Ctx) -> impl IntoView {
    let (word, label, class) = match invitation.status {
        InvitationStatus::Pending => ("pending", "Pending", "badge badge-staff-invited"),
        InvitationStatus::Accepted => ("accepted", "Accepted", "badge badge-active"),
        InvitationStatus::Expired => ("expired", "Expired", "badge badge-revoked"),
        InvitationStatus::Revoked => ("revoked", "Withdrawn", "badge badge-revoked"),
    };
    let id = invitation.id;
    let email = invitation.email.clone();
    let mut meta = vec![format!("Sent {}", local_time(invitation.sent_at))];
    match (invitation.status, invitation.accepted_at) {
        (_, Some(at)) => meta.push(format!("accepted {}", local_time(at))),
        (InvitationStatus::Pending, None) => {
            meta.push(format!("valid until {}", local_time(invitation.expires_at)))
        }
        _ => {}
    }
    let pending = invitation.status == InvitationStatus::Pending;
    view! {
        <li class="staff-row customer-invitation" data-testid="customer-invitation" data-email=email.clone() data-status=word>
            <div class="staff-head">
                <div class="staff-who">
                    <span class="staff-name">{email.clone()}</span>
                    <span class="staff-email">{if invitation.role == MembershipRole::Owner { "As account owner" } else { "As member" }}</span>
                </div>
                <div class="staff-badges"><span class=class>{label}</span></div>
            </div>
            <p class="staff-meta">{meta.join(" · ")}</p>
            <FlashLine ctx=ctx key=format!("invitation:{id}") />
            {(ctx.admin && pending).then(|| view! {
                <div class="client-actions">
                    <ConfirmButton ctx=ctx action=Action::Resend { invitation_id: id, email: email.clone() } label="Resend"
                        question=format!("Send {email} a new link? This one stops working.") testid="invitation-resend" />
                    <ConfirmButton ctx=ctx action=Action::Revoke { invitation_id: id, email: email.clone() } label="Withdraw"
                        question=format!("The link sent to {email} stops working at once. Withdraw the invitation?")
                        testid="invitation-revoke" danger=true />
                </div>
            })}
        </li>
    }
}
