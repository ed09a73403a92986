//! `/a/:account_id/contracts/:contract_id/book-again` (C7): ask the store to reserve an
//! earlier contract's rental items again — start and end date, site, which items.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::accounts::AccountSummary;
use shared::contracts::{ContractDetail, LineKind};
use shared::requests::{BookAgainInput, RequestDetail};
use uuid::Uuid;

use crate::api;
use crate::components::form::{FormError, SubmitButton};
use crate::components::icons::{Icon, IconSvg};
use crate::components::layout::use_current_account;
use crate::components::requests::{
    ContactDraft, ContactFields, FieldMessage, FormErrors, NotAllowed, RequestConfirmation,
    new_idempotency_key, send_request,
};
use crate::components::status::{ErrorPanel, SkeletonList};
use crate::format;
use crate::paths;
use crate::session::use_session;
use crate::when;

#[component]
pub fn BookAgainPage() -> impl IntoView {
    let current = use_current_account();
    move || {
        current.get().map(|account| {
            if account.permissions.order {
                view! { <BookAgain account=account /> }.into_any()
            } else {
                let text = "Your login may view this account but not order. Ask the account owner for that permission.".to_string();
                view! { <NotAllowed account_id=account.id text=text /> }.into_any()
            }
        })
    }
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
    let done = RwSignal::new(None::<RequestDetail>);
    let terms = account.dealer.terminology;
    let locale = account.dealer.locale.clone();
    let body = move || {
        let locale = locale.clone();
        let account = account.clone();
        Suspend::new(async move {
            match contract.await {
                Err(e) => view! { <ErrorPanel error=e on_retry=move |()| contract.refetch() /> }.into_any(),
                Ok(detail) => view! {
                    {move || match done.get() {
                        Some(request) => view! { <RequestConfirmation detail=request account_id=account_id locale=locale.clone() terms=terms /> }.into_any(),
                        None => view! { <BookAgainForm account=account.clone() contract=detail.clone() done=done /> }.into_any(),
                    }}
                }
                .into_any(),
            }
        })
    };
    view! {
        <section class="page myreq-page" data-testid="bookagain-page">
            <Suspense fallback=|| view! { <SkeletonList rows=3 /> }>{body}</Suspense>
        </section>
    }
}

const SHOWN: [&str; 6] = ["start_date", "end_date", "site_address", "line_ids", "notes", "contract_id"];

#[component]
fn BookAgainForm(
    account: AccountSummary,
    contract: ContractDetail,
    done: RwSignal<Option<RequestDetail>>,
) -> impl IntoView {
    let session = use_session();
    let account_id = account.id;
    let locale = account.dealer.locale.clone();
    let key = new_idempotency_key();
    let today = when::today();
    let contract_id = contract.summary.id;
    let rental_lines: Vec<_> =
        contract.lines.iter().filter(|l| l.kind == LineKind::Rental).cloned().collect();
    let chosen = RwSignal::new(rental_lines.iter().map(|l| l.id).collect::<Vec<Uuid>>());
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let site_address = RwSignal::new(contract.summary.job_site.clone().unwrap_or_default());
    let notes = RwSignal::new(String::new());
    let contact = ContactDraft::from_session(session);
    let errors = FormErrors::new();
    let submitting = RwSignal::new(false);
    let all_count = rental_lines.len();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let mut found = Vec::new();
        let start_date = start.get_untracked().parse::<NaiveDate>().ok();
        let end_text = end.get_untracked();
        let end_date = end_text.parse::<NaiveDate>().ok();
        match start_date {
            None => found.push(("start_date", "Choose the date you need the items from.".to_string())),
            Some(d) if d < today => {
                found.push(("start_date", "The start date cannot be in the past.".to_string()))
            }
            _ => {}
        }
        if !end_text.trim().is_empty() && end_date.is_none() {
            found.push(("end_date", "Use a date, or leave it empty.".to_string()));
        }
        if let (Some(s), Some(e)) = (start_date, end_date)
            && e < s
        {
            found.push(("end_date", "The end date must not be before the start date.".to_string()));
        }
        if site_address.get_untracked().trim().is_empty() {
            found.push(("site_address", "Enter the delivery address.".to_string()));
        }
        if all_count > 0 && chosen.with_untracked(Vec::is_empty) {
            found.push(("line_ids", "Choose at least one item.".to_string()));
        }
        found.extend(contact.problems());
        if errors.report(found) {
            return;
        }
        let Some(start_date) = start_date else { return };
        let note = notes.get_untracked().trim().to_string();
        let picked = chosen.get_untracked();
        let body = BookAgainInput {
            contract_id,
            // Empty means all of them.
            line_ids: if picked.len() == all_count { Vec::new() } else { picked },
            start_date,
            end_date,
            site_address: site_address.get_untracked().trim().to_string(),
            contact: contact.to_contact(),
            notes: (!note.is_empty()).then_some(note),
        };
        send_request(
            async move { api::book_again(session, account_id, key, &body).await },
            submitting,
            done,
            errors,
            &SHOWN,
        );
    };
    let start_error = errors.of("start_date");
    let end_error = errors.of("end_date");
    let site_error = errors.of("site_address");
    let number = contract.summary.number.clone();
    let back_text = format!("Contract {number}");
    let lead = format!("Ask {} to reserve the items of contract {number} again.", account.dealer.name);
    view! {
        <A href=paths::contract(account_id, contract_id) attr:class="back-link"><IconSvg icon=Icon::ChevronLeft />{back_text}</A>
        <h1 class="page-title">"Book this again"</h1>
        <p class="page-lead">{lead}</p>
        <form class="myreq-form" data-testid="bookagain-form" on:submit=on_submit novalidate>
            <FormError testid="bookagain-error" error=errors.general() />
            <fieldset class="form-group">
                <legend class="form-group-title">"Items"</legend>
                {if rental_lines.is_empty() {
                    view! { <p class="field-hint">"This contract has no rental items; the store will call you about what you need."</p> }.into_any()
                } else {
                    view! {
                        <ul class="chosen-items">
                            {rental_lines.into_iter().map(|l| {
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
                    }.into_any()
                }}
                <FieldMessage testid="bookagain-lines" error=errors.of("line_ids") />
            </fieldset>
            <fieldset class="form-group">
                <legend class="form-group-title">"When and where"</legend>
                <div class="form-row">
                    <label class="field">
                        <span class="field-label">"Start date"</span>
                        <input class="input" type="date" min=today.to_string() data-testid="bookagain-start"
                            aria-invalid=move || start_error.get().is_some().to_string() bind:value=start />
                        <FieldMessage testid="bookagain-start" error=start_error />
                    </label>
                    <label class="field">
                        <span class="field-label">"End date " <span class="field-optional">"(optional)"</span></span>
                        <input class="input" type="date" min=move || if start.get().is_empty() { today.to_string() } else { start.get() }
                            data-testid="bookagain-end" aria-invalid=move || end_error.get().is_some().to_string() bind:value=end />
                        <FieldMessage testid="bookagain-end" error=end_error />
                    </label>
                </div>
                <label class="field">
                    <span class="field-label">"Delivery address"</span>
                    <textarea class="input textarea" rows="2" data-testid="bookagain-site-address"
                        aria-invalid=move || site_error.get().is_some().to_string()
                        prop:value=move || site_address.get() on:input=move |ev| site_address.set(event_target_value(&ev))></textarea>
                    <FieldMessage testid="bookagain-site-address" error=site_error />
                </label>
                <label class="field">
                    <span class="field-label">"Notes " <span class="field-optional">"(optional)"</span></span>
                    <textarea class="input textarea" rows="3" data-testid="bookagain-notes"
                        prop:value=move || notes.get() on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
                    <FieldMessage testid="bookagain-notes" error=errors.of("notes") />
                </label>
            </fieldset>
            <ContactFields contact=contact errors=errors />
            <p class="field-hint">{match contract.summary.close_date {
                Some(close) => format!("Last time: {} to {}.", format::date(contract.summary.start_date, &locale), format::date(close, &locale)),
                None => format!("Last time from {}.", format::date(contract.summary.start_date, &locale)),
            }}</p>
            <div class="form-submit">
                <SubmitButton testid="bookagain-submit" submitting=submitting idle="Send booking request" busy="Sending…" />
            </div>
        </form>
    }
}
