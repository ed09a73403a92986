//! `/a/:account_id/contracts/:contract_id/book-again` (C7): ask the store to reserve an
//! earlier contract's rental items again — start and end date, site, which items.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::accounts::AccountSummary;
use shared::contracts::{ContractDetail, ContractLine, LineKind};
use shared::requests::{BookAgainInput, RequestContact, RequestDetail};
use uuid::Uuid;

use crate::api::{self, Filing};
use crate::components::form::FieldMessage;
use crate::components::request_form::{
    FormErrors, Found, NotesField, Optional, RequestForm, RequestFrame, SiteAddressField,
    permitted_request_page, request_page, trimmed,
};
use crate::format;
use crate::i18n::{tr, tr_with};
use crate::paths;
use crate::session::use_session;
use crate::when;

#[component]
pub fn BookAgainPage() -> impl IntoView {
    permitted_request_page(refusal, |account| view! { <BookAgain account=account /> }.into_any())
}

/// Why this login may not order, if it may not.
fn refusal(account: &AccountSummary) -> Option<String> {
    (!account.permissions.order).then(|| tr("book-again-not-allowed"))
}

#[component]
fn BookAgain(account: AccountSummary) -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let account_id = account.id;
    let contract_id = params.with_untracked(|p| p.get("contract_id").and_then(|v| Uuid::parse_str(&v).ok()));
    let contract = LocalResource::new(move || async move {
        match contract_id {
            Some(id) => api::contract(session, account_id, id).await,
            None => Err(api::ApiError::Unexpected("no contract".into())),
        }
    });
    let form_account = account.clone();
    request_page(&account, "bookagain-page", contract, move |detail: ContractDetail, done| {
        view! { <BookAgainForm account=form_account.clone() contract=detail done=done /> }.into_any()
    })
}

const SHOWN: [&str; 6] = ["start_date", "end_date", "site_address", "line_ids", "notes", "contract_id"];

#[component]
fn BookAgainForm(
    account: AccountSummary,
    contract: ContractDetail,
    done: RwSignal<Option<RequestDetail>>,
) -> impl IntoView {
    let account_id = account.id;
    let locale = account.dealer.locale.clone();
    let today = when::today_in(&account.dealer.time_zone);
    let contract_id = contract.summary.id;
    let rental_lines: Vec<_> =
        contract.lines.iter().filter(|l| l.kind == LineKind::Rental).cloned().collect();
    let chosen = RwSignal::new(rental_lines.iter().map(|l| l.id).collect::<Vec<Uuid>>());
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let site_address = RwSignal::new(contract.summary.job_site.clone().unwrap_or_default());
    let notes = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let all_count = rental_lines.len();

    let prepare = move |contact: RequestContact, found: &mut Found| -> Option<Filing> {
        let start_date = start.get_untracked().parse::<NaiveDate>().ok();
        let end_text = end.get_untracked();
        let end_date = end_text.parse::<NaiveDate>().ok();
        match start_date {
            None => found.push(("start_date", tr("book-again-start-missing"))),
            Some(d) if d < today => found.push(("start_date", tr("book-again-start-past"))),
            _ => {}
        }
        if !end_text.trim().is_empty() && end_date.is_none() {
            found.push(("end_date", tr("book-again-end-invalid")));
        }
        if let (Some(s), Some(e)) = (start_date, end_date)
            && e < s
        {
            found.push(("end_date", tr("book-again-end-before-start")));
        }
        if site_address.get_untracked().trim().is_empty() {
            found.push(("site_address", tr("book-again-address-missing")));
        }
        if all_count > 0 && chosen.with_untracked(Vec::is_empty) {
            found.push(("line_ids", tr("book-again-lines-missing")));
        }
        let picked = chosen.get_untracked();
        Some(Filing::BookAgain(BookAgainInput {
            contract_id,
            // Empty means all of them.
            line_ids: if picked.len() == all_count { Vec::new() } else { picked },
            start_date: start_date?,
            end_date,
            site_address: site_address.get_untracked().trim().to_string(),
            contact,
            notes: trimmed(notes),
        }))
    };
    let summary = &contract.summary;
    let number = summary.number.clone();
    let lead_number = number.clone();
    let dealer = account.dealer.name.clone();
    let start_text = format::date(summary.start_date, &locale);
    let close_text = summary.close_date.map(|close| format::date(close, &locale));
    let frame = RequestFrame {
        account_id,
        testid: "bookagain",
        back_href: paths::contract(account_id, contract_id),
        back_text: (move || tr_with("request-contract", &[("number", number.clone().into())])).into(),
        title: (|| tr("book-again-title")).into(),
        lead: (move || {
            let args = [("dealer", dealer.clone().into()), ("number", lead_number.clone().into())];
            tr_with("book-again-lead", &args)
        })
        .into(),
        submit: (|| tr("book-again-submit")).into(),
        contact_legend: (|| tr("request-contact")).into(),
        note: Some(
            (move || match &close_text {
                Some(close) => {
                    let args = [("start", start_text.clone().into()), ("end", close.clone().into())];
                    tr_with("book-again-last-time", &args)
                }
                None => tr_with("book-again-last-from", &[("start", start_text.clone().into())]),
            })
            .into(),
        ),
    };
    view! {
        <RequestForm frame=frame errors=errors done=done shown=&SHOWN prepare=prepare>
            <fieldset class="form-group">
                <legend class="form-group-title">{move || tr("book-again-items")}</legend>
                <RentalLinesToBook lines=rental_lines chosen=chosen />
                <FieldMessage testid="bookagain-lines" error=errors.of("line_ids") />
            </fieldset>
            <fieldset class="form-group">
                <legend class="form-group-title">{move || tr("book-again-when-where")}</legend>
                <div class="form-row">
                    <label class="field">
                        <span class="field-label">{move || tr("request-start-date")}</span>
                        <input class="input" type="date" min=today.to_string() data-testid="bookagain-start"
                            aria-invalid=errors.invalid("start_date") bind:value=start />
                        <FieldMessage testid="bookagain-start" error=errors.of("start_date") />
                    </label>
                    <label class="field">
                        <span class="field-label">{move || tr("request-end-date")} " " <Optional /></span>
                        <input class="input" type="date" min=move || if start.get().is_empty() { today.to_string() } else { start.get() }
                            data-testid="bookagain-end" aria-invalid=errors.invalid("end_date") bind:value=end />
                        <FieldMessage testid="bookagain-end" error=errors.of("end_date") />
                    </label>
                </div>
                <SiteAddressField testid="bookagain-site-address" label=move || tr("book-again-delivery-address") address=site_address errors=errors />
                <NotesField testid="bookagain-notes" notes=notes errors=errors />
            </fieldset>
        </RequestForm>
    }
}

/// The contract's rental items, each ticked to book again; a contract without any says
/// the store will call.
#[component]
fn RentalLinesToBook(lines: Vec<ContractLine>, chosen: RwSignal<Vec<Uuid>>) -> impl IntoView {
    if lines.is_empty() {
        return view! { <p class="field-hint">{move || tr("book-again-no-rental-items")}</p> }.into_any();
    }
    view! {
        <ul class="chosen-items">
            {lines.into_iter().map(|l| {
                let id = l.id;
                view! {
                    <li class="chosen-item chosen-pick">
                        <label class="perm">
                            <input type="checkbox" data-testid="bookagain-line" data-line-id=id.to_string()
                                prop:checked=move || chosen.with(|c| c.contains(&id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| { c.retain(|x| *x != id); if on { c.push(id); } });
                                } />
                            <span class="chosen-desc">{format!("{} × {}", l.quantity, l.description)}</span>
                        </label>
                        {l.item_code.clone().map(|c| view! { <span class="chosen-meta mono">{c}</span> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
