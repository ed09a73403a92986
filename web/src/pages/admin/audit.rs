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
use crate::session::use_session;

const PER_PAGE: u32 = 25;

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    set_title("Audit log");
    let session = use_session();
    let admin = Memo::new(move |_| session.is_dealer_admin());
    move || {
        if admin.get() {
            view! { <AuditScreen /> }.into_any()
        } else {
            view! {
                <div class="panel panel-empty" data-testid="audit-forbidden">
                    <h1 class="panel-title">"Only dealer admins read the audit log"</h1>
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

fn action_words(action: &str) -> String {
    describe_action(action).map_or_else(|| action.to_string(), str::to_string)
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
                            <h2 class="panel-title">"No events match"</h2>
                            <p>"Change or clear the filters to see more."</p>
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
                                        <th scope="col">"When"</th>
                                        <th scope="col">"Who"</th>
                                        <th scope="col">"What"</th>
                                        <th scope="col">"Customer"</th>
                                        <th scope="col">"User acted on"</th>
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
                    <h1 class="page-title">"Audit log"</h1>
                    <p class="page-lead">
                        "Who did what and when: customers' sign-ins, call-offs and payments, and your staff's actions. "
                        "Times and days are your dealer's."
                    </p>
                </div>
                <button type="button" class="btn btn-secondary" data-testid="audit-csv" disabled=move || csv_busy.get() on:click=download>
                    <Show when=move || csv_busy.get() fallback=|| view! { <IconSvg icon=Icon::Download /> }><Spinner /></Show>
                    "Download CSV"
                </button>
            </div>
            {move || csv_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <form class="filters audit-filters" data-testid="audit-filters" on:submit=|ev| ev.prevent_default()>
                <PersonSelect label="Who" testid="audit-filter-who" chosen=actor people=Signal::derive(people) />
                <div class="field">
                    <label class="field-label" for="audit-action">"Action"</label>
                    <select
                        id="audit-action"
                        class="input"
                        data-testid="audit-filter-action"
                        prop:value=move || action.get()
                        on:change=move |ev| action.set(event_target_value(&ev))
                    >
                        <option value="">"Any action"</option>
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
                <PersonSelect label="User acted on" testid="audit-filter-target" chosen=target people=Signal::derive(people) />
                <div class="field">
                    <span class="field-label">"Customer"</span>
                    {move || match customer.get() {
                        Some((_, name)) => view! {
                            <span class="filter-chip" data-testid="audit-filter-customer">
                                <span class="filter-chip-text">{name}</span>
                                <button type="button" class="filter-chip-clear" aria-label="Any customer" on:click=move |_| customer.set(None)>"×"</button>
                            </span>
                        }
                        .into_any(),
                        None => view! { <span class="field-hint audit-hint">"Any — pick one in the list"</span> }.into_any(),
                    }}
                </div>
                <div class="field">
                    <label class="field-label" for="audit-from">"From"</label>
                    <input id="audit-from" type="date" class="input" data-testid="audit-filter-from"
                        prop:value=move || from.get() on:change=move |ev| from.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label class="field-label" for="audit-to">"To"</label>
                    <input id="audit-to" type="date" class="input" data-testid="audit-filter-to"
                        prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev)) />
                </div>
                <div class="audit-filter-actions">
                    <button type="button" class="btn btn-ghost" data-testid="audit-filter-clear" on:click=clear>"Clear filters"</button>
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
    label: &'static str,
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
                <option value="">"Anyone"</option>
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
                <button type="button" class="link-button audit-person" title="Only this person's actions"
                    on:click=move |_| actor.set(Some(chosen.clone()))>
                    <span class="audit-name">{p.display_name.clone()}</span>
                    <span class="audit-email">{p.email.clone()}</span>
                </button>
            }
            .into_any()
        }
        (None, Some(c)) => {
            view! { <span class="audit-name">{format!("{} (back office)", c.name)}</span> }.into_any()
        }
        (None, None) => view! { <span class="audit-none">"The portal"</span> }.into_any(),
    };
    let acted_on = match &entry.target_user {
        Some(p) => {
            let chosen = (p.id, p.display_name.clone());
            view! {
                <button type="button" class="link-button audit-person" title="Only actions on this person"
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
                <button type="button" class="link-button audit-person" title="Only this customer's events"
                    on:click=move |_| customer.set(Some(chosen.clone()))>
                    <span class="audit-name">{c.name.clone()}</span>
                    <span class="audit-email">{format!("#{}", c.account_number)}</span>
                </button>
            }
            .into_any()
        }
        None => view! { <span class="audit-none">"—"</span> }.into_any(),
    };
    view! {
        <tr class="audit-row" class:audit-row-open=move || open.get() == Some(id) data-testid="audit-row" data-action=entry.action.clone()>
            <td data-label="When" class="audit-when">
                <button type="button" class="link-button" data-testid="audit-open"
                    on:click=move |_| open.set(Some(id))>
                    {when(entry.occurred_at, zone.as_deref())}
                    <span class="sr-only">": show the whole event"</span>
                </button>
            </td>
            <td data-label="Who" class="audit-who">{who}</td>
            <td data-label="What" class="audit-what">
                <span>
                    <span class="audit-action">{action_words(&entry.action)}</span>
                    <code class="mono audit-code">{entry.action.clone()}</code>
                </span>
            </td>
            <td data-label="Customer">{account}</td>
            <td data-label="User acted on">{acted_on}</td>
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
        <section class="card audit-detail" data-testid="audit-detail" aria-label="Event">
            <div class="audit-detail-head">
                <h2 class="card-title">"Event"</h2>
                <button type="button" class="btn btn-ghost" data-testid="audit-detail-close" on:click=move |_| on_close()>"Close"</button>
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
        (None, Some(c)) => format!("{} (back office API client)", c.name),
        (None, None) => "— (the portal itself, or an unknown login)".to_string(),
    };
    let details = e
        .details
        .as_ref()
        .map(|d| serde_json::to_string_pretty(d).unwrap_or_default())
        .unwrap_or_else(|| "—".to_string());
    let rows: Vec<(&str, String)> = vec![
        ("When", when(entry.occurred_at, zone)),
        ("What", format!("{} ({})", action_words(&entry.action), entry.action)),
        ("Who", who),
        (
            "Customer",
            entry
                .customer
                .as_ref()
                .map_or_else(|| "—".to_string(), |c| format!("{} #{}", c.name, c.account_number)),
        ),
        ("User acted on", person(&entry.target_user)),
        ("IP address", e.ip.clone().unwrap_or_else(|| "—".to_string())),
        ("Browser", e.user_agent.clone().unwrap_or_else(|| "—".to_string())),
        ("Event id", entry.id.to_string()),
    ];
    view! {
        <dl class="facts audit-facts" data-testid="audit-detail-facts">
            {rows
                .into_iter()
                .map(|(k, v)| view! { <div class="audit-fact"><dt>{k}</dt><dd>{v}</dd></div> })
                .collect_view()}
            <div class="audit-fact audit-fact-wide">
                <dt>"Details"</dt>
                <dd><pre class="mono audit-details" data-testid="audit-detail-details">{details}</pre></dd>
            </div>
        </dl>
    }
}
