//! `/a/:account_id/extension?lines=…` (C7): keep the ticked items longer — a new return
//! date and a note — with the same confirmation as every request.

use chrono::{Days, NaiveDate};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::accounts::AccountSummary;
use shared::rentals::RentalItem;
use shared::requests::{ExtensionInput, RequestContact, RequestDetail};

use crate::api::Filing;
use crate::components::form::FieldMessage;
use crate::components::request_form::{
    FormErrors, Found, ItemsFieldset, NoItemsToRequest, NotesField, RequestForm, RequestFrame,
    permitted_request_page, request_page, trimmed,
};
use crate::components::requests::{can_extend, load_items};
use crate::format;
use crate::i18n::{count_arg, terms_arg, tr, tr_with};
use crate::paths;
use crate::session::use_session;
use crate::url_query::parse_lines;
use crate::when;

#[component]
pub fn ExtensionPage() -> impl IntoView {
    permitted_request_page(refusal, |account| view! { <Extension account=account /> }.into_any())
}

/// Why this login may not change return dates, if it may not.
fn refusal(account: &AccountSummary) -> Option<String> {
    (!account.permissions.call_off).then(|| tr("extension-not-allowed"))
}

#[component]
fn Extension(account: AccountSummary) -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let account_id = account.id;
    let ids = query.with_untracked(parse_lines);
    let items = LocalResource::new(move || load_items(session, account_id, ids.clone()));
    let form_account = account.clone();
    request_page(&account, "extension-page", items, move |list: Vec<RentalItem>, done| {
        let ready: Vec<_> = list.into_iter().filter(can_extend).collect();
        if ready.is_empty() {
            return view! {
                <NoItemsToRequest account_id=account_id testid="extension-nothing"
                    title=move || tr("extension-nothing-title") text=move || tr("extension-nothing-text") />
            }
            .into_any();
        }
        view! { <ExtensionForm account=form_account.clone() items=ready done=done /> }.into_any()
    })
}

const SHOWN: [&str; 3] = ["new_return_date", "notes", "line_ids"];

#[component]
fn ExtensionForm(
    account: AccountSummary,
    items: Vec<RentalItem>,
    done: RwSignal<Option<RequestDetail>>,
) -> impl IntoView {
    let account_id = account.id;
    let locale = account.dealer.locale.clone();
    let today = when::today_in(&account.dealer.time_zone);
    // The server wants a date after today and after every item's current expected return.
    let latest = items.iter().filter_map(|i| i.expected_return).max();
    let earliest: NaiveDate =
        latest.unwrap_or(today).max(today).checked_add_days(Days::new(1)).unwrap_or(today);
    let date = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let line_ids: Vec<_> = items.iter().map(|i| i.line_id).collect();
    let expected = latest.map(|d| format::date(d, &locale));
    let hint = move || match &expected {
        Some(date) => tr_with("extension-expected-back", &[("date", date.clone().into())]),
        None => tr("extension-pick-date"),
    };
    let earliest_text = format::date(earliest, &locale);

    let prepare = move |contact: RequestContact, found: &mut Found| -> Option<Filing> {
        let new_date = date.get_untracked().parse::<NaiveDate>().ok();
        match new_date {
            None => found.push(("new_return_date", tr("extension-date-missing"))),
            Some(d) if d < earliest => found.push((
                "new_return_date",
                tr_with("extension-date-too-early", &[("date", earliest_text.clone().into())]),
            )),
            _ => {}
        }
        Some(Filing::Extension(ExtensionInput {
            line_ids: line_ids.clone(),
            new_return_date: new_date?,
            contact,
            notes: trimmed(notes),
        }))
    };
    let count = items.len() as u64;
    let terms = account.dealer.terminology;
    let dealer = account.dealer.name.clone();
    let frame = RequestFrame {
        account_id,
        testid: "extension",
        back_href: paths::rentals(account_id),
        back_text: (move || tr_with("nav-my-items", &[terms_arg(terms)])).into(),
        title: (|| tr("extension-title")).into(),
        lead: (move || tr_with("extension-lead", &[("dealer", dealer.clone().into()), count_arg(count)]))
            .into(),
        submit: (|| tr("extension-submit")).into(),
        contact_legend: (|| tr("request-contact")).into(),
        note: None,
    };
    view! {
        <RequestForm frame=frame errors=errors done=done shown=&SHOWN prepare=prepare>
            <ItemsFieldset items=items locale=locale terms=terms testid="extension-items" errors=errors />
            <fieldset class="form-group">
                <legend class="form-group-title">{move || tr("request-new-return-date")}</legend>
                <label class="field">
                    <span class="field-label">{move || tr("extension-return-on")}</span>
                    <input class="input input-short" type="date" min=earliest.to_string() data-testid="extension-date"
                        aria-invalid=errors.invalid("new_return_date") bind:value=date />
                    <span class="field-hint">{hint}</span>
                    <FieldMessage testid="extension-date" error=errors.of("new_return_date") />
                </label>
                <NotesField testid="extension-notes" notes=notes errors=errors />
            </fieldset>
        </RequestForm>
    }
}
