//! `/admin/audit`: the dealer's audit log (H12) for its admins. Filters: who, action,
//! customer, user acted on, and the dealer's days; newest first, paged; an event opens in
//! full (address, browser, details); "Download CSV" saves the filtered view. Clicking a
//! person or customer in a row filters by them.

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use shared::audit::{AuditEntry, AuditEntryDetail, AuditFilter, describe_action};
use shared::staff::StaffMember;
use uuid::Uuid;
use wasm_bindgen::JsValue;

use super::{StoreZone, browser_locale, set_title};
use crate::api;
use crate::components::icons::{Icon, IconSvg};
use crate::components::pager::Pager;
use crate::components::status::{ErrorPanel, SkeletonList, Spinner};
use crate::i18n::{Label, tr, tr_with};
use crate::session::use_session;

const PER_PAGE: u32 = 25;

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    set_title(&tr("admin-audit-title"));
    let session = use_session();
    let admin = Memo::new(move |_| session.is_dealer_admin());
    move || {
        if admin.get() {
            view! { <AuditScreen /> }.into_any()
        } else {
            view! {
                <div class="panel panel-empty" data-testid="audit-forbidden">
                    <h1 class="panel-title">{tr("admin-audit-forbidden")}</h1>
                </div>
            }
            .into_any()
        }
    }
}

/// `Nov 23, 2026, 2:21 PM` at the dealer (its time zone once known, else the browser's).
fn when(at: DateTime<Utc>, zone: Option<&str>) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    if let Some(zone) = zone {
        let _ = js_sys::Reflect::set(&options, &"timeZone".into(), &zone.into());
    }
    String::from(date.to_locale_string(&browser_locale(), &options))
}

/// An action in words; one the catalogue does not know (yet) in the shared words, else its code.
fn action_words(action: &str) -> String {
    match action {
        "auth.login" => tr("admin-audit-action-auth-login"),
        "auth.login_failed" => tr("admin-audit-action-auth-login-failed"),
        "auth.locked" => tr("admin-audit-action-auth-locked"),
        "auth.logout" => tr("admin-audit-action-auth-logout"),
        "auth.logout_all" => tr("admin-audit-action-auth-logout-all"),
        "auth.refresh_reuse" => tr("admin-audit-action-auth-refresh-reuse"),
        "auth.password_reset_requested" => tr("admin-audit-action-auth-password-reset-requested"),
        "auth.password_reset" => tr("admin-audit-action-auth-password-reset"),
        "auth.invitation_accepted" => tr("admin-audit-action-auth-invitation-accepted"),
        "auth.signed_up" => tr("admin-audit-action-auth-signed-up"),
        "auth.signup_requested" => tr("admin-audit-action-auth-signup-requested"),
        "auth.registered_by_phone" => tr("admin-audit-action-auth-registered-by-phone"),
        "account.password_changed" => tr("admin-audit-action-account-password-changed"),
        "account.profile_updated" => tr("admin-audit-action-account-profile-updated"),
        "account.email_change_requested" => tr("admin-audit-action-account-email-change-requested"),
        "account.email_changed" => tr("admin-audit-action-account-email-changed"),
        "account.user_invited" => tr("admin-audit-action-account-user-invited"),
        "account.invitation_revoked" => tr("admin-audit-action-account-invitation-revoked"),
        "account.user_permissions_changed" => tr("admin-audit-action-account-user-permissions-changed"),
        "account.user_removed" => tr("admin-audit-action-account-user-removed"),
        "request.created" => tr("admin-audit-action-request-created"),
        "request.cancelled" => tr("admin-audit-action-request-cancelled"),
        "feedback.sent" => tr("admin-audit-action-feedback-sent"),
        "payment.started" => tr("admin-audit-action-payment-started"),
        "payment.succeeded" => tr("admin-audit-action-payment-succeeded"),
        "payment.pending" => tr("admin-audit-action-payment-pending"),
        "payment.declined" => tr("admin-audit-action-payment-declined"),
        "payment.posted" => tr("admin-audit-action-payment-posted"),
        "inbox.feedback_handled" => tr("admin-audit-action-inbox-feedback-handled"),
        "inbox.request_acknowledged" => tr("admin-audit-action-inbox-request-acknowledged"),
        "inbox.request_scheduled" => tr("admin-audit-action-inbox-request-scheduled"),
        "inbox.request_completed" => tr("admin-audit-action-inbox-request-completed"),
        "inbox.request_cancelled" => tr("admin-audit-action-inbox-request-cancelled"),
        "admin.user_invited" => tr("admin-audit-action-admin-user-invited"),
        "admin.invitation_revoked" => tr("admin-audit-action-admin-invitation-revoked"),
        "admin.user_unlocked" => tr("admin-audit-action-admin-user-unlocked"),
        "admin.password_reset" => tr("admin-audit-action-admin-password-reset"),
        "admin.customer_deactivated" => tr("admin-audit-action-admin-customer-deactivated"),
        "admin.customer_reactivated" => tr("admin-audit-action-admin-customer-reactivated"),
        "admin.customer_user_deactivated" => tr("admin-audit-action-admin-customer-user-deactivated"),
        "admin.customer_user_reactivated" => tr("admin-audit-action-admin-customer-user-reactivated"),
        "admin.staff_invited" => tr("admin-audit-action-admin-staff-invited"),
        "admin.staff_invitation_resent" => tr("admin-audit-action-admin-staff-invitation-resent"),
        "admin.staff_updated" => tr("admin-audit-action-admin-staff-updated"),
        "admin.staff_deactivated" => tr("admin-audit-action-admin-staff-deactivated"),
        "admin.staff_reactivated" => tr("admin-audit-action-admin-staff-reactivated"),
        "dealer.settings_updated" => tr("admin-audit-action-dealer-settings-updated"),
        "api_client.created" => tr("admin-audit-action-api-client-created"),
        "api_client.rotated" => tr("admin-audit-action-api-client-rotated"),
        "api_client.revoked" => tr("admin-audit-action-api-client-revoked"),
        "platform.admin_created" => tr("admin-audit-action-platform-admin-created"),
        "locations.upserted" => tr("admin-audit-action-locations-upserted"),
        "location.deleted" => tr("admin-audit-action-location-deleted"),
        "customers.upserted" => tr("admin-audit-action-customers-upserted"),
        "customer.deleted" => tr("admin-audit-action-customer-deleted"),
        "contracts.upserted" => tr("admin-audit-action-contracts-upserted"),
        "contract.deleted" => tr("admin-audit-action-contract-deleted"),
        "contract.pdf_uploaded" => tr("admin-audit-action-contract-pdf-uploaded"),
        "invoices.upserted" => tr("admin-audit-action-invoices-upserted"),
        "invoice.pdf_uploaded" => tr("admin-audit-action-invoice-pdf-uploaded"),
        "counter_payments.upserted" => tr("admin-audit-action-counter-payments-upserted"),
        "counter_payment.deleted" => tr("admin-audit-action-counter-payment-deleted"),
        "platform.dealer_created" => tr("admin-audit-action-platform-dealer-created"),
        _ => describe_action(action).map_or_else(|| action.to_string(), str::to_string),
    }
}

/// A person filter chosen by clicking a row: id and the name to show.
type Chosen = Option<(Uuid, String)>;

#[component]
fn AuditScreen() -> impl IntoView {
    let session = use_session();
    let zone = use_context::<StoreZone>().map(|z| z.0);
    let zone_name = move || zone.and_then(|z| z.get());

    let actor = RwSignal::<Chosen>::new(None);
    let target = RwSignal::<Chosen>::new(None);
    let customer = RwSignal::<Chosen>::new(None);
    let action = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let page = RwSignal::new(1_u32);
    let open = RwSignal::new(None::<Uuid>);
    let csv_busy = RwSignal::new(false);
    let csv_error = RwSignal::new(None::<String>);

    let filter = Memo::new(move |_| AuditFilter {
        actor_user_id: actor.get().map(|(id, _)| id),
        action: Some(action.get()).filter(|a| !a.is_empty()),
        customer_id: customer.get().map(|(id, _)| id),
        target_user_id: target.get().map(|(id, _)| id),
        from: NaiveDate::parse_from_str(&from.get(), "%Y-%m-%d").ok(),
        to: NaiveDate::parse_from_str(&to.get(), "%Y-%m-%d").ok(),
    });
    // A new filter starts at the first page.
    Effect::new(move |_| {
        filter.track();
        page.set(1);
    });

    let staff =
        LocalResource::new(move || async move { api::admin_staff(session).await.unwrap_or_default() });
    let actions =
        LocalResource::new(
            move || async move { api::admin_audit_actions(session).await.unwrap_or_default() },
        );
    let events = LocalResource::new(move || {
        let filter = filter.get();
        let page = page.get();
        async move { api::admin_audit(session, &filter, page, PER_PAGE).await }
    });

    let clear = move |_| {
        actor.set(None);
        target.set(None);
        customer.set(None);
        action.set(String::new());
        from.set(String::new());
        to.set(String::new());
    };
    let download = move |_| {
        csv_busy.set(true);
        csv_error.set(None);
        let filter = filter.get_untracked();
        leptos::task::spawn_local(async move {
            match api::admin_audit_csv(session, &filter).await {
                Ok(file) => {
                    if let Err(e) = crate::download::save_text(&file.filename, &file.content_type, &file.body)
                    {
                        csv_error.set(Some(e));
                    }
                }
                Err(e) => csv_error.set(Some(e.message())),
            }
            csv_busy.set(false);
        });
    };

    let list = move || {
        Suspend::new(async move {
            match events.await {
                Err(error) => {
                    view! { <ErrorPanel error=error on_retry=move |()| events.refetch() /> }.into_any()
                }
                Ok(p) if p.items.is_empty() => view! {
                    <div class="panel panel-empty" data-testid="audit-empty">
                        <IconSvg icon=Icon::List class="panel-icon" />
                        <div class="panel-body">
                            <h2 class="panel-title">{move || tr("admin-audit-empty")}</h2>
                            <p>{move || tr("admin-audit-empty-text")}</p>
                        </div>
                    </div>
                }
                .into_any(),
                Ok(p) => {
                    let page_count = p.page_count();
                    let zone = zone_name();
                    view! {
                        <div class="table-wrap audit-wrap">
                            <table class="data-table audit-table" data-testid="audit-table">
                                <thead>
                                    <tr>
                                        <th scope="col">{move || tr("admin-audit-when")}</th>
                                        <th scope="col">{move || tr("admin-audit-who")}</th>
                                        <th scope="col">{move || tr("admin-audit-what")}</th>
                                        <th scope="col">{move || tr("admin-audit-customer")}</th>
                                        <th scope="col">{move || tr("admin-audit-target")}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {p.items
                                        .into_iter()
                                        .map(|e| view! {
                                            <AuditRow entry=e zone=zone.clone() open=open actor=actor target=target customer=customer />
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <Pager page=p.page per_page=p.per_page total=p.total page_count=page_count on_page=move |n| page.set(n) />
                    }
                    .into_any()
                }
            }
        })
    };

    let people = move || staff.get().unwrap_or_default();
    view! {
        <section class="page admin-page audit-page" data-testid="audit-page">
            <div class="page-head">
                <div>
                    <h1 class="page-title">{move || tr("admin-audit-title")}</h1>
                    <p class="page-lead">{move || tr("admin-audit-lead")}</p>
                </div>
                <button type="button" class="btn btn-secondary" data-testid="audit-csv" disabled=move || csv_busy.get() on:click=download>
                    <Show when=move || csv_busy.get() fallback=|| view! { <IconSvg icon=Icon::Download /> }><Spinner /></Show>
                    {move || tr("admin-download-csv")}
                </button>
            </div>
            {move || csv_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <form class="filters audit-filters" data-testid="audit-filters" on:submit=|ev| ev.prevent_default()>
                <PersonSelect label=|| tr("admin-audit-who") testid="audit-filter-who" chosen=actor people=Signal::derive(people) />
                <div class="field">
                    <label class="field-label" for="audit-action">{move || tr("admin-audit-action")}</label>
                    <select
                        id="audit-action"
                        class="input"
                        data-testid="audit-filter-action"
                        prop:value=move || action.get()
                        on:change=move |ev| action.set(event_target_value(&ev))
                    >
                        <option value="">{move || tr("admin-audit-any-action")}</option>
                        {move || {
                            let mut known = actions.get().unwrap_or_default();
                            let current = action.get();
                            if !current.is_empty() && !known.contains(&current) {
                                known.push(current);
                            }
                            known
                                .into_iter()
                                .map(|a| {
                                    let label = action_words(&a);
                                    view! { <option value=a.clone() selected=move || action.get() == a>{label}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <PersonSelect label=|| tr("admin-audit-target") testid="audit-filter-target" chosen=target people=Signal::derive(people) />
                <div class="field">
                    <span class="field-label">{move || tr("admin-audit-customer")}</span>
                    {move || match customer.get() {
                        Some((_, name)) => view! {
                            <span class="filter-chip" data-testid="audit-filter-customer">
                                <span class="filter-chip-text">{name}</span>
                                <button type="button" class="filter-chip-clear" aria-label=tr("admin-audit-any-customer") on:click=move |_| customer.set(None)>"×"</button>
                            </span>
                        }
                        .into_any(),
                        None => view! { <span class="field-hint audit-hint">{tr("admin-audit-customer-hint")}</span> }.into_any(),
                    }}
                </div>
                <div class="field">
                    <label class="field-label" for="audit-from">{move || tr("admin-audit-from")}</label>
                    <input id="audit-from" type="date" class="input" data-testid="audit-filter-from"
                        prop:value=move || from.get() on:change=move |ev| from.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label class="field-label" for="audit-to">{move || tr("admin-audit-to")}</label>
                    <input id="audit-to" type="date" class="input" data-testid="audit-filter-to"
                        prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev)) />
                </div>
                <div class="audit-filter-actions">
                    <button type="button" class="btn btn-ghost" data-testid="audit-filter-clear" on:click=clear>{move || tr("admin-audit-clear")}</button>
                </div>
            </form>
            {move || open.get().map(|id| view! { <AuditDetail id=id zone=zone_name() on_close=move || open.set(None) /> })}
            <Transition fallback=|| view! { <SkeletonList rows=6 /> }>{list}</Transition>
        </section>
    }
}

/// A select of the dealer's staff for a person filter; a person chosen from a row who is
/// not staff (a customer user) shows as an extra option.
#[component]
fn PersonSelect(
    label: Label,
    testid: &'static str,
    chosen: RwSignal<Chosen>,
    people: Signal<Vec<StaffMember>>,
) -> impl IntoView {
    let id = format!("{testid}-select");
    view! {
        <div class="field">
            <label class="field-label" for=id.clone()>{label}</label>
            <select
                id=id
                class="input"
                data-testid=testid
                prop:value=move || chosen.get().map(|(id, _)| id.to_string()).unwrap_or_default()
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let found = Uuid::parse_str(&value).ok().map(|id| {
                        let name = people
                            .get_untracked()
                            .into_iter()
                            .find(|p| p.id == id)
                            .map(|p| p.display_name)
                            .or_else(|| chosen.get_untracked().map(|(_, n)| n))
                            .unwrap_or_default();
                        (id, name)
                    });
                    chosen.set(found);
                }
            >
                <option value="">{move || tr("admin-audit-anyone")}</option>
                {move || {
                    let list = people.get();
                    let extra = chosen.get().filter(|(id, _)| !list.iter().any(|p| p.id == *id));
                    let current = chosen.get().map(|(id, _)| id);
                    extra
                        .into_iter()
                        .chain(list.into_iter().map(|p| (p.id, p.display_name)))
                        .map(|(id, name)| view! {
                            <option value=id.to_string() selected=current == Some(id)>{name}</option>
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// One event: on a desktop a table row, on a phone a card (CSS).
#[component]
fn AuditRow(
    entry: AuditEntry,
    zone: Option<String>,
    open: RwSignal<Option<Uuid>>,
    actor: RwSignal<Chosen>,
    target: RwSignal<Chosen>,
    customer: RwSignal<Chosen>,
) -> impl IntoView {
    let id = entry.id;
    let who = match (&entry.actor, &entry.actor_client) {
        (Some(p), _) => {
            let chosen = (p.id, p.display_name.clone());
            view! {
                <button type="button" class="link-button audit-person" title=move || tr("admin-audit-only-person")
                    on:click=move |_| actor.set(Some(chosen.clone()))>
                    <span class="audit-name">{p.display_name.clone()}</span>
                    <span class="audit-email">{p.email.clone()}</span>
                </button>
            }
            .into_any()
        }
        (None, Some(c)) => {
            let name = c.name.clone();
            let text = move || tr_with("admin-audit-back-office", &[("name", name.as_str().into())]);
            view! { <span class="audit-name">{text}</span> }.into_any()
        }
        (None, None) => {
            view! { <span class="audit-none">{move || tr("admin-audit-the-portal")}</span> }.into_any()
        }
    };
    let acted_on = match &entry.target_user {
        Some(p) => {
            let chosen = (p.id, p.display_name.clone());
            view! {
                <button type="button" class="link-button audit-person" title=move || tr("admin-audit-only-target")
                    on:click=move |_| target.set(Some(chosen.clone()))>
                    <span class="audit-name">{p.display_name.clone()}</span>
                    <span class="audit-email">{p.email.clone()}</span>
                </button>
            }
            .into_any()
        }
        None => view! { <span class="audit-none">"—"</span> }.into_any(),
    };
    let account = match &entry.customer {
        Some(c) => {
            let chosen = (c.id, c.name.clone());
            view! {
                <button type="button" class="link-button audit-person" title=move || tr("admin-audit-only-customer")
                    on:click=move |_| customer.set(Some(chosen.clone()))>
                    <span class="audit-name">{c.name.clone()}</span>
                    <span class="audit-email">{format!("#{}", c.account_number)}</span>
                </button>
            }
            .into_any()
        }
        None => view! { <span class="audit-none">"—"</span> }.into_any(),
    };
    let code = entry.action.clone();
    view! {
        <tr class="audit-row" class:audit-row-open=move || open.get() == Some(id) data-testid="audit-row" data-action=entry.action.clone()>
            <td data-label=move || tr("admin-audit-when") class="audit-when">
                <button type="button" class="link-button" data-testid="audit-open"
                    on:click=move |_| open.set(Some(id))>
                    {when(entry.occurred_at, zone.as_deref())}
                    <span class="sr-only">{move || tr("admin-audit-show-event")}</span>
                </button>
            </td>
            <td data-label=move || tr("admin-audit-who") class="audit-who">{who}</td>
            <td data-label=move || tr("admin-audit-what") class="audit-what">
                <span>
                    <span class="audit-action">{move || action_words(&code)}</span>
                    <code class="mono audit-code">{entry.action.clone()}</code>
                </span>
            </td>
            <td data-label=move || tr("admin-audit-customer")>{account}</td>
            <td data-label=move || tr("admin-audit-target")>{acted_on}</td>
        </tr>
    }
}

/// One event in full, above the list.
#[component]
fn AuditDetail(id: Uuid, zone: Option<String>, on_close: impl Fn() + Copy + 'static) -> impl IntoView {
    let session = use_session();
    let event = LocalResource::new(move || async move { api::admin_audit_event(session, id).await });
    let body = move || {
        let zone = zone.clone();
        Suspend::new(async move {
            match event.await {
                Err(e) => view! { <p class="form-error" role="alert">{e.message()}</p> }.into_any(),
                Ok(e) => detail_view(e, zone.as_deref()).into_any(),
            }
        })
    };
    view! {
        <section class="card audit-detail" data-testid="audit-detail" aria-label=move || tr("admin-audit-event")>
            <div class="audit-detail-head">
                <h2 class="card-title">{move || tr("admin-audit-event")}</h2>
                <button type="button" class="btn btn-ghost" data-testid="audit-detail-close" on:click=move |_| on_close()>{move || tr("admin-audit-close")}</button>
            </div>
            <Suspense fallback=|| view! { <Spinner /> }>{body}</Suspense>
        </section>
    }
}

fn detail_view(e: AuditEntryDetail, zone: Option<&str>) -> impl IntoView {
    let person = |p: &Option<shared::audit::AuditPerson>| {
        p.as_ref().map_or_else(|| "—".to_string(), |p| format!("{} <{}>", p.display_name, p.email))
    };
    let entry = &e.entry;
    let who = match (&entry.actor, &entry.actor_client) {
        (Some(_), _) => person(&entry.actor),
        (None, Some(c)) => tr_with("admin-audit-api-client", &[("name", c.name.as_str().into())]),
        (None, None) => tr("admin-audit-no-actor"),
    };
    let details = e
        .details
        .as_ref()
        .map(|d| serde_json::to_string_pretty(d).unwrap_or_default())
        .unwrap_or_else(|| "—".to_string());
    let rows: Vec<(String, String)> = vec![
        (tr("admin-audit-when"), when(entry.occurred_at, zone)),
        (tr("admin-audit-what"), format!("{} ({})", action_words(&entry.action), entry.action)),
        (tr("admin-audit-who"), who),
        (
            tr("admin-audit-customer"),
            entry
                .customer
                .as_ref()
                .map_or_else(|| "—".to_string(), |c| format!("{} #{}", c.name, c.account_number)),
        ),
        (tr("admin-audit-target"), person(&entry.target_user)),
        (tr("admin-audit-ip"), e.ip.clone().unwrap_or_else(|| "—".to_string())),
        (tr("admin-audit-browser"), e.user_agent.clone().unwrap_or_else(|| "—".to_string())),
        (tr("admin-audit-event-id"), entry.id.to_string()),
    ];
    view! {
        <dl class="facts audit-facts" data-testid="audit-detail-facts">
            {rows
                .into_iter()
                .map(|(k, v)| view! { <div class="audit-fact"><dt>{k}</dt><dd>{v}</dd></div> })
                .collect_view()}
            <div class="audit-fact audit-fact-wide">
                <dt>{tr("admin-audit-details")}</dt>
                <dd><pre class="mono audit-details" data-testid="audit-detail-details">{details}</pre></dd>
            </div>
        </dl>
    }
}
