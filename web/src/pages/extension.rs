//! `/a/:account_id/extension?lines=…` (C7): keep the ticked items longer — a new return
//! date and a note — with the same confirmation as every request.

use chrono::{Days, NaiveDate};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::accounts::AccountSummary;
use shared::rentals::RentalItem;
use shared::requests::{ExtensionInput, RequestDetail};

use crate::api;
use crate::components::form::{FormError, SubmitButton};
use crate::components::icons::{Icon, IconSvg};
use crate::components::layout::use_current_account;
use crate::components::requests::{
    ChosenItems, ContactDraft, ContactFields, FieldMessage, FormErrors, NotAllowed, RequestConfirmation,
    can_extend, load_items, new_idempotency_key, send_request,
};
use crate::components::status::{ErrorPanel, SkeletonList};
use crate::format;
use crate::session::use_session;
use crate::url_query::parse_lines;
use crate::when;

#[component]
pub fn ExtensionPage() -> impl IntoView {
    let current = use_current_account();
    move || {
        current.get().map(|account| {
            if account.permissions.call_off {
                view! { <Extension account=account /> }.into_any()
            } else {
                let text = "Your login may view this account but not change return dates. Ask the account owner for that permission.".to_string();
                view! { <NotAllowed account_id=account.id text=text /> }.into_any()
            }
        })
    }
}

#[component]
fn Extension(account: AccountSummary) -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let account_id = account.id;
    let ids = query.with_untracked(parse_lines);
    let items = LocalResource::new(move || load_items(session, account_id, ids.clone()));
    let done = RwSignal::new(None::<RequestDetail>);
    let terms = account.dealer.terminology;
    let locale = account.dealer.locale.clone();
    let body = move || {
        let locale = locale.clone();
        let account = account.clone();
        Suspend::new(async move {
            match items.await {
                Err(e) => view! { <ErrorPanel error=e on_retry=move |()| items.refetch() /> }.into_any(),
                Ok(list) => {
                    let ready: Vec<_> = list.into_iter().filter(can_extend).collect();
                    if ready.is_empty() {
                        return view! {
                            <div class="panel panel-empty" data-testid="extension-nothing">
                                <div class="panel-body">
                                    <h1 class="panel-title">"No items to extend"</h1>
                                    <p>"Choose items that are out or booked on the rentals page first."</p>
                                    <A href=format!("/a/{account_id}/rentals?select=1") attr:class="btn btn-primary">"Choose items"</A>
                                </div>
                            </div>
                        }
                        .into_any();
                    }
                    view! {
                        {move || match done.get() {
                            Some(detail) => view! { <RequestConfirmation detail=detail account_id=account_id locale=locale.clone() terms=terms /> }.into_any(),
                            None => view! { <ExtensionForm account=account.clone() items=ready.clone() done=done /> }.into_any(),
                        }}
                    }
                    .into_any()
                }
            }
        })
    };
    view! {
        <section class="page myreq-page" data-testid="extension-page">
            <Suspense fallback=|| view! { <SkeletonList rows=3 /> }>{body}</Suspense>
        </section>
    }
}

const SHOWN: [&str; 3] = ["new_return_date", "notes", "line_ids"];

#[component]
fn ExtensionForm(
    account: AccountSummary,
    items: Vec<RentalItem>,
    done: RwSignal<Option<RequestDetail>>,
) -> impl IntoView {
    let session = use_session();
    let account_id = account.id;
    let locale = account.dealer.locale.clone();
    let key = new_idempotency_key();
    let today = when::today();
    // The server wants a date after today and after every item's current expected return.
    let latest = items.iter().filter_map(|i| i.expected_return).max();
    let earliest: NaiveDate =
        latest.unwrap_or(today).max(today).checked_add_days(Days::new(1)).unwrap_or(today);
    let date = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let contact = ContactDraft::from_session(session);
    let errors = FormErrors::new();
    let submitting = RwSignal::new(false);
    let line_ids: Vec<_> = items.iter().map(|i| i.line_id).collect();
    let hint = match latest {
        Some(d) => format!("Currently expected back {}.", format::date(d, &locale)),
        None => "Pick the date you expect to return the items.".to_string(),
    };
    let earliest_text = format::date(earliest, &locale);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let mut found = Vec::new();
        let new_date = date.get_untracked().parse::<NaiveDate>().ok();
        match new_date {
            None => found.push(("new_return_date", "Choose the new return date.".to_string())),
            Some(d) if d < earliest => {
                found.push(("new_return_date", format!("Choose {earliest_text} or later.")))
            }
            _ => {}
        }
        found.extend(contact.problems());
        if errors.report(found) {
            return;
        }
        let Some(new_return_date) = new_date else { return };
        let note = notes.get_untracked().trim().to_string();
        let body = ExtensionInput {
            line_ids: line_ids.clone(),
            new_return_date,
            contact: contact.to_contact(),
            notes: (!note.is_empty()).then_some(note),
        };
        send_request(
            async move { api::extension(session, account_id, key, &body).await },
            submitting,
            done,
            errors,
            &SHOWN,
        );
    };
    let date_error = errors.of("new_return_date");
    let count = items.len();
    view! {
        <A href=format!("/a/{account_id}/rentals") attr:class="back-link"><IconSvg icon=Icon::ChevronLeft />{account.dealer.terminology.my_items()}</A>
        <h1 class="page-title">"Request an extension"</h1>
        <p class="page-lead">{format!("Ask {} to keep {count} {} longer.", account.dealer.name, if count == 1 { "item" } else { "items" })}</p>
        <form class="myreq-form" data-testid="extension-form" on:submit=on_submit novalidate>
            <FormError testid="extension-error" error=errors.general() />
            <fieldset class="form-group">
                <legend class="form-group-title">{format!("Items ({count})")}</legend>
                <ChosenItems items=items locale=locale.clone() />
                <FieldMessage testid="extension-items" error=errors.of("line_ids") />
            </fieldset>
            <fieldset class="form-group">
                <legend class="form-group-title">"New return date"</legend>
                <label class="field">
                    <span class="field-label">"Return on"</span>
                    <input class="input input-short" type="date" min=earliest.to_string() data-testid="extension-date"
                        aria-invalid=move || date_error.get().is_some().to_string() bind:value=date />
                    <span class="field-hint">{hint}</span>
                    <FieldMessage testid="extension-date" error=date_error />
                </label>
                <label class="field">
                    <span class="field-label">"Notes " <span class="field-optional">"(optional)"</span></span>
                    <textarea class="input textarea" rows="3" data-testid="extension-notes"
                        prop:value=move || notes.get() on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
                    <FieldMessage testid="extension-notes" error=errors.of("notes") />
                </label>
            </fieldset>
            <ContactFields contact=contact errors=errors />
            <div class="form-submit">
                <SubmitButton testid="extension-submit" submitting=submitting idle="Request extension" busy="Sending…" />
            </div>
        </form>
    }
}
