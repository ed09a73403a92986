//! `/a/:account_id/call-off?lines=…` (D2, D3): the pickup request for the items ticked on
//! the rentals page — pickup date and window, site, returner, notes for the driver — and
//! its confirmation number once the store has it.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::accounts::AccountSummary;
use shared::rentals::RentalItem;
use shared::requests::{CallOffInput, RequestDetail};

use crate::api;
use crate::components::form::{FormError, SubmitButton};
use crate::components::icons::{Icon, IconSvg};
use crate::components::layout::use_current_account;
use crate::components::requests::{
    ChosenItems, ContactDraft, ContactFields, FieldMessage, FormErrors, NotAllowed, RequestConfirmation,
    call_off_noun, can_call_off, load_items, new_idempotency_key, send_request,
};
use crate::components::status::{ErrorPanel, SkeletonList};
use crate::format;
use crate::session::use_session;
use crate::url_query::parse_lines;
use crate::when;

/// Time windows offered for the pickup; the first means "any time".
const WINDOWS: [&str; 4] = ["", "Morning (7am–12pm)", "Afternoon (12pm–5pm)", "First thing (7am–9am)"];

#[component]
pub fn CallOffPage() -> impl IntoView {
    let current = use_current_account();
    move || {
        current.get().map(|account| {
            if account.permissions.call_off {
                view! { <CallOff account=account /> }.into_any()
            } else {
                let text = format!(
                    "Your login may view this account but not request a {}. Ask the account owner for that permission.",
                    call_off_noun(account.dealer.terminology).to_lowercase()
                );
                view! { <NotAllowed account_id=account.id text=text /> }.into_any()
            }
        })
    }
}

#[component]
fn CallOff(account: AccountSummary) -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let account_id = account.id;
    let ids = query.with_untracked(parse_lines);
    let items = LocalResource::new(move || load_items(session, account_id, ids.clone()));
    let done = RwSignal::new(None::<RequestDetail>);
    let terms = account.dealer.terminology;
    let locale = account.dealer.locale.clone();
    let heading = format!("{} request", call_off_noun(terms));

    let body = move || {
        let locale = locale.clone();
        let heading = heading.clone();
        let account = account.clone();
        Suspend::new(async move {
            match items.await {
                Err(e) => view! { <ErrorPanel error=e on_retry=move |()| items.refetch() /> }.into_any(),
                Ok(list) => {
                    let (ready, skipped): (Vec<_>, Vec<_>) = list.into_iter().partition(can_call_off);
                    if ready.is_empty() {
                        return view! { <NothingToCallOff account_id=account_id /> }.into_any();
                    }
                    view! {
                        {move || match done.get() {
                            Some(detail) => view! { <RequestConfirmation detail=detail account_id=account_id locale=locale.clone() terms=terms /> }.into_any(),
                            None => view! {
                                <CallOffForm account=account.clone() items=ready.clone() skipped=skipped.len() heading=heading.clone() done=done />
                            }.into_any(),
                        }}
                    }
                    .into_any()
                }
            }
        })
    };
    view! {
        <section class="page myreq-page" data-testid="calloff-page">
            <Suspense fallback=|| view! { <SkeletonList rows=3 /> }>{body}</Suspense>
        </section>
    }
}

#[component]
fn NothingToCallOff(account_id: uuid::Uuid) -> impl IntoView {
    view! {
        <div class="panel panel-empty" data-testid="calloff-nothing">
            <IconSvg icon=Icon::Truck class="panel-icon" />
            <div class="panel-body">
                <h1 class="panel-title">"No items to pick up"</h1>
                <p>"Choose the items that are out on site on the rentals page first."</p>
                <A href=format!("/a/{account_id}/rentals?select=1") attr:class="btn btn-primary">"Choose items"</A>
            </div>
        </div>
    }
}

/// The fields the form shows next to their inputs; other 422 fields go to the form-wide line.
const SHOWN: [&str; 6] =
    ["pickup_date", "pickup_window", "site_address", "notes", "line_ids", "contact.name"];

#[component]
fn CallOffForm(
    account: AccountSummary,
    items: Vec<RentalItem>,
    skipped: usize,
    heading: String,
    done: RwSignal<Option<RequestDetail>>,
) -> impl IntoView {
    let session = use_session();
    let account_id = account.id;
    let locale = account.dealer.locale.clone();
    let today = when::today();
    // Sent with every attempt of this form: a double click or a retry files one request.
    let key = new_idempotency_key();
    let latest_start =
        items.iter().filter_map(|i| i.start_date.map(|d| (d, i.description.clone()))).max_by_key(|(d, _)| *d);
    let site =
        items.iter().find_map(|i| i.job_site.clone().filter(|s| !s.trim().is_empty())).unwrap_or_default();

    let pickup_date = RwSignal::new(today.max(latest_start.as_ref().map_or(today, |(d, _)| *d)).to_string());
    let window = RwSignal::new(String::new());
    let site_address = RwSignal::new(site);
    let notes = RwSignal::new(String::new());
    let contact = ContactDraft::from_session(session);
    let errors = FormErrors::new();
    let submitting = RwSignal::new(false);
    let line_ids: Vec<_> = items.iter().map(|i| i.line_id).collect();
    let min_date = today.to_string();
    let date_locale = locale.clone();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let mut found = Vec::new();
        let date = pickup_date.get_untracked().parse::<chrono::NaiveDate>().ok();
        match (date, &latest_start) {
            (None, _) => found.push(("pickup_date", "Choose the pickup date.".to_string())),
            (Some(d), _) if d < today => {
                found.push(("pickup_date", "The pickup date cannot be in the past.".to_string()))
            }
            (Some(d), Some((start, what))) if d < *start => found.push((
                "pickup_date",
                format!(
                    "Not before the rental start: {what} went out on {}.",
                    format::date(*start, &date_locale)
                ),
            )),
            _ => {}
        }
        if site_address.get_untracked().trim().is_empty() {
            found.push(("site_address", "Enter the address where the items can be picked up.".to_string()));
        }
        found.extend(contact.problems());
        if errors.report(found) {
            return;
        }
        let Some(pickup_date) = date else { return };
        let text = |s: RwSignal<String>| Some(s.get_untracked().trim().to_string()).filter(|v| !v.is_empty());
        let body = CallOffInput {
            line_ids: line_ids.clone(),
            pickup_date,
            pickup_window: text(window),
            site_address: site_address.get_untracked().trim().to_string(),
            contact: contact.to_contact(),
            notes: text(notes),
        };
        send_request(
            async move { api::call_off(session, account_id, key, &body).await },
            submitting,
            done,
            errors,
            &SHOWN,
        );
    };

    let date_error = errors.of("pickup_date");
    let site_error = errors.of("site_address");
    let count = items.len();
    view! {
        <A href=format!("/a/{account_id}/rentals") attr:class="back-link"><IconSvg icon=Icon::ChevronLeft />{account.dealer.terminology.my_items()}</A>
        <h1 class="page-title">{heading}</h1>
        <p class="page-lead">{format!("Ask {} to pick up {count} {}. You get a confirmation number straight away.", account.dealer.name, if count == 1 { "item" } else { "items" })}</p>
        <form class="myreq-form" data-testid="calloff-form" on:submit=on_submit novalidate>
            <FormError testid="calloff-error" error=errors.general() />
            <fieldset class="form-group">
                <legend class="form-group-title">{format!("Items ({count})")}</legend>
                <ChosenItems items=items locale=locale.clone() />
                {(skipped > 0).then(|| view! {
                    <p class="field-hint" data-testid="calloff-skipped">{format!("{skipped} of the items you chose are not out on site and are left out.")}</p>
                })}
                <FieldMessage testid="calloff-items" error=errors.of("line_ids") />
            </fieldset>
            <fieldset class="form-group">
                <legend class="form-group-title">"Pickup"</legend>
                <div class="form-row">
                    <label class="field">
                        <span class="field-label">"Pickup date"</span>
                        <input class="input" type="date" min=min_date data-testid="calloff-pickup-date"
                            aria-invalid=move || date_error.get().is_some().to_string() bind:value=pickup_date />
                        <span class="field-hint">"Today means as soon as possible."</span>
                        <FieldMessage testid="calloff-pickup-date" error=date_error />
                    </label>
                    <label class="field">
                        <span class="field-label">"Time window " <span class="field-optional">"(optional)"</span></span>
                        <select class="input" data-testid="calloff-window" on:change=move |ev| window.set(event_target_value(&ev))>
                            {WINDOWS.iter().map(|w| view! {
                                <option value=*w selected=move || window.get() == *w>{if w.is_empty() { "Any time" } else { w }}</option>
                            }).collect_view()}
                        </select>
                        <FieldMessage testid="calloff-window" error=errors.of("pickup_window") />
                    </label>
                </div>
                <label class="field">
                    <span class="field-label">"Site address"</span>
                    <textarea class="input textarea" rows="2" data-testid="calloff-site-address"
                        aria-invalid=move || site_error.get().is_some().to_string()
                        prop:value=move || site_address.get() on:input=move |ev| site_address.set(event_target_value(&ev))></textarea>
                    <FieldMessage testid="calloff-site-address" error=site_error />
                </label>
                <label class="field">
                    <span class="field-label">"Notes for the driver " <span class="field-optional">"(optional)"</span></span>
                    <textarea class="input textarea" rows="3" data-testid="calloff-notes" placeholder="Where on site the machine stands, gate code…"
                        prop:value=move || notes.get() on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
                    <FieldMessage testid="calloff-notes" error=errors.of("notes") />
                </label>
            </fieldset>
            <ContactFields contact=contact errors=errors legend="Returner" />
            <div class="form-submit">
                <SubmitButton testid="calloff-submit" submitting=submitting idle="Submit request for pickup" busy="Sending…" />
            </div>
        </form>
    }
}
