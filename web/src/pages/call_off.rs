//! `/a/:account_id/call-off?lines=…` (D2, D3): the pickup request for the items ticked on
//! the rentals page — pickup date and window, site, returner, notes for the driver — and
//! its confirmation number once the store has it.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::accounts::AccountSummary;
use shared::rentals::RentalItem;
use shared::requests::{CallOffInput, RequestContact, RequestDetail};

use crate::api::Filing;
use crate::components::form::FieldMessage;
use crate::components::icons::Icon;
use crate::components::request_form::{
    FormErrors, Found, ItemsFieldset, NoItemsToRequest, Optional, RequestForm, RequestFrame,
    SiteAddressField, permitted_request_page, request_page, trimmed,
};
use crate::components::requests::{PICKUP_WINDOWS, can_call_off, load_items, pickup_window_label};
use crate::format;
use crate::i18n::{count_arg, terms_arg, tr, tr_with};
use crate::paths;
use crate::session::use_session;
use crate::url_query::parse_lines;
use crate::when;

#[component]
pub fn CallOffPage() -> impl IntoView {
    permitted_request_page(refusal, |account| view! { <CallOff account=account /> }.into_any())
}

/// Why this login may not ask for a pickup, if it may not.
fn refusal(account: &AccountSummary) -> Option<String> {
    (!account.permissions.call_off)
        .then(|| tr_with("call-off-not-allowed", &[terms_arg(account.dealer.terminology)]))
}

#[component]
fn CallOff(account: AccountSummary) -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let account_id = account.id;
    let ids = query.with_untracked(parse_lines);
    let items = LocalResource::new(move || load_items(session, account_id, ids.clone()));
    let form_account = account.clone();
    request_page(&account, "calloff-page", items, move |list: Vec<RentalItem>, done| {
        let (ready, skipped): (Vec<_>, Vec<_>) = list.into_iter().partition(can_call_off);
        if ready.is_empty() {
            return view! {
                <NoItemsToRequest account_id=account_id testid="calloff-nothing" icon=Icon::Truck
                    title=move || tr("call-off-nothing-title") text=move || tr("call-off-nothing-text") />
            }
            .into_any();
        }
        view! { <CallOffForm account=form_account.clone() items=ready skipped=skipped.len() done=done /> }
            .into_any()
    })
}

/// The fields the form shows next to their inputs; other 422 fields go to the form-wide line.
const SHOWN: [&str; 5] = ["pickup_date", "pickup_window", "site_address", "notes", "line_ids"];

#[component]
fn CallOffForm(
    account: AccountSummary,
    items: Vec<RentalItem>,
    skipped: usize,
    done: RwSignal<Option<RequestDetail>>,
) -> impl IntoView {
    let account_id = account.id;
    let locale = account.dealer.locale.clone();
    let terms = account.dealer.terminology;
    let today = when::today_in(&account.dealer.time_zone);
    let latest_start =
        items.iter().filter_map(|i| i.start_date.map(|d| (d, i.description.clone()))).max_by_key(|(d, _)| *d);
    let site =
        items.iter().find_map(|i| i.job_site.clone().filter(|s| !s.trim().is_empty())).unwrap_or_default();

    let pickup_date = RwSignal::new(today.max(latest_start.as_ref().map_or(today, |(d, _)| *d)).to_string());
    let window = RwSignal::new(String::new());
    let site_address = RwSignal::new(site);
    let notes = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let line_ids: Vec<_> = items.iter().map(|i| i.line_id).collect();
    let date_locale = locale.clone();

    let prepare = move |contact: RequestContact, found: &mut Found| -> Option<Filing> {
        let date = pickup_date.get_untracked().parse::<chrono::NaiveDate>().ok();
        match (date, &latest_start) {
            (None, _) => found.push(("pickup_date", tr("call-off-date-missing"))),
            (Some(d), _) if d < today => found.push(("pickup_date", tr("call-off-date-past"))),
            (Some(d), Some((start, what))) if d < *start => {
                let args =
                    [("item", what.clone().into()), ("date", format::date(*start, &date_locale).into())];
                found.push(("pickup_date", tr_with("call-off-date-before-start", &args)));
            }
            _ => {}
        }
        if site_address.get_untracked().trim().is_empty() {
            found.push(("site_address", tr("call-off-site-missing")));
        }
        Some(Filing::CallOff(CallOffInput {
            line_ids: line_ids.clone(),
            pickup_date: date?,
            pickup_window: trimmed(window),
            site_address: site_address.get_untracked().trim().to_string(),
            contact,
            notes: trimmed(notes),
        }))
    };

    let count = items.len() as u64;
    let dealer = account.dealer.name.clone();
    let frame = RequestFrame {
        account_id,
        testid: "calloff",
        back_href: paths::rentals(account_id),
        back_text: (move || tr_with("nav-my-items", &[terms_arg(terms)])).into(),
        title: (move || tr_with("call-off-title", &[terms_arg(terms)])).into(),
        lead: (move || tr_with("call-off-lead", &[("dealer", dealer.clone().into()), count_arg(count)]))
            .into(),
        submit: (|| tr("call-off-submit")).into(),
        contact_legend: (|| tr("call-off-returner")).into(),
        note: None,
    };
    view! {
        <RequestForm frame=frame errors=errors done=done shown=&SHOWN prepare=prepare>
            <ItemsFieldset items=items locale=locale terms=terms testid="calloff-items" errors=errors>
                {(skipped > 0).then(|| view! {
                    <p class="field-hint" data-testid="calloff-skipped">{move || tr_with("call-off-skipped", &[count_arg(skipped as u64)])}</p>
                })}
            </ItemsFieldset>
            <PickupFieldset today=today pickup_date=pickup_date window=window site_address=site_address notes=notes errors=errors />
        </RequestForm>
    }
}

#[component]
fn PickupFieldset(
    today: chrono::NaiveDate,
    pickup_date: RwSignal<String>,
    window: RwSignal<String>,
    site_address: RwSignal<String>,
    notes: RwSignal<String>,
    errors: FormErrors,
) -> impl IntoView {
    view! {
        <fieldset class="form-group">
            <legend class="form-group-title">{move || tr("call-off-pickup")}</legend>
            <div class="form-row">
                <label class="field">
                    <span class="field-label">{move || tr("request-pickup-date")}</span>
                    <input class="input" type="date" min=today.to_string() data-testid="calloff-pickup-date"
                        aria-invalid=errors.invalid("pickup_date") bind:value=pickup_date />
                    <span class="field-hint">{move || tr("call-off-date-hint")}</span>
                    <FieldMessage testid="calloff-pickup-date" error=errors.of("pickup_date") />
                </label>
                <label class="field">
                    <span class="field-label">{move || tr("request-time-window")} " " <Optional /></span>
                    <select class="input" data-testid="calloff-window" on:change=move |ev| window.set(event_target_value(&ev))>
                        {PICKUP_WINDOWS.iter().map(|w| view! {
                            <option value=*w selected=move || window.get() == *w>{move || pickup_window_label(w)}</option>
                        }).collect_view()}
                    </select>
                    <FieldMessage testid="calloff-window" error=errors.of("pickup_window") />
                </label>
            </div>
            <SiteAddressField testid="calloff-site-address" label=move || tr("request-site-address") address=site_address errors=errors />
            <label class="field">
                <span class="field-label">{move || tr("call-off-driver-notes")} " " <Optional /></span>
                <textarea class="input textarea" rows="3" data-testid="calloff-notes" placeholder=move || tr("call-off-driver-notes-placeholder")
                    prop:value=move || notes.get() on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
                <FieldMessage testid="calloff-notes" error=errors.of("notes") />
            </label>
        </fieldset>
    }
}
