//! What to pay: the invoice rows with their amounts, the payment on account and the total.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::money::Money;
use shared::payments::draft::{invoice_field, parse_amount};
use uuid::Uuid;

use super::state::{PayErrors, PayFormState, Row};
use crate::components::form::FieldMessage;
use crate::format;
use crate::paths;

/// The invoices being paid, or offered to tick.
#[component]
pub fn InvoicesFieldset(
    state: PayFormState,
    picking: bool,
    left_out: usize,
    locale: String,
    account_id: Uuid,
) -> impl IntoView {
    let count = state.rows.with_value(Vec::len);
    view! {
        <fieldset class="form-group">
            <legend class="form-group-title">{if picking { "Open invoices".to_string() } else { format!("Invoices ({count})") }}</legend>
            {(left_out > 0).then(|| view! {
                <p class="field-hint" data-testid="pay-unavailable-invoices">
                    {format!("{left_out} of the invoices you chose are already paid or being processed, and are left out.")}
                </p>
            })}
            {state.no_invoices().then(|| view! {
                <p class="field-hint" data-testid="pay-no-invoices">"There are no open invoices to pay. You can still make a payment on account below."</p>
            })}
            <ul class="pay-rows">
                {state.rows.get_value().into_iter().map(|r| view! {
                    <PayRow row=r picking=picking errors=state.errors locale=locale.clone() account_id=account_id />
                }).collect_view()}
            </ul>
            {(!picking).then(|| view! {
                <A href=paths::pay(account_id) attr:class="text-link pay-choose-other" attr:data-testid="pay-choose-other">"Choose other invoices"</A>
            })}
        </fieldset>
    }
}

#[component]
fn PayRow(row: Row, picking: bool, errors: PayErrors, locale: String, account_id: Uuid) -> impl IntoView {
    let i = row.invoice.clone();
    let on = row.on;
    let amount = row.amount;
    let field = invoice_field(i.id);
    let error = errors.of(field.clone());
    let invalid = errors.invalid(field);
    let full = i.amount_due.decimal();
    let due = match i.due_date {
        Some(d) if i.overdue => format!("Overdue since {}", format::date(d, &locale)),
        Some(d) => format!("Due {}", format::date(d, &locale)),
        None => "No due date".to_string(),
    };
    let partial = move || {
        let full = full.clone();
        on.get()
            && amount.with(|a| {
                parse_amount(a).is_some_and(|v| Money::new(v, i.amount_due.currency).decimal() != full)
            })
    };
    let number = i.number.clone();
    let number_link = i.number.clone();
    view! {
        <li class="pay-row" class:pay-row-on=move || on.get() data-testid="pay-row" data-invoice-id=i.id.to_string() data-invoice-number=i.number.clone()>
            <div class="pay-row-head">
                {picking.then(|| view! {
                    <input type="checkbox" class="select-box" data-testid="pay-pick" data-invoice-number=number.clone()
                        aria-label=format!("Pay invoice {number}")
                        prop:checked=move || on.get() on:change=move |ev| on.set(event_target_checked(&ev)) />
                })}
                <span class="pay-row-text">
                    <A href=paths::invoice(account_id, i.id) attr:class="contract-number" attr:target="_blank">{number_link}</A>
                    <span class="pay-row-meta" class:due=i.overdue>{due}</span>
                    <span class="pay-row-meta">{format!("Amount due {}", i.amount_due.display())}</span>
                </span>
            </div>
            <label class="field pay-row-amount">
                <span class="field-label">"Amount to pay"</span>
                <span class="amount-input">
                    <span class="amount-symbol" aria-hidden="true">{i.amount_due.currency.symbol()}</span>
                    <input class="input" type="text" inputmode="decimal" autocomplete="off"
                        data-testid=format!("pay-amount-{}", i.number)
                        aria-label=format!("Amount to pay on {}", i.number)
                        aria-invalid=invalid
                        disabled=move || !on.get()
                        prop:value=move || amount.get()
                        on:input=move |ev| amount.set(event_target_value(&ev)) />
                </span>
                <Show when=partial>
                    <span class="field-hint">"Part payment: the rest stays due."</span>
                </Show>
                <FieldMessage testid="pay-amount" error=error />
            </label>
        </li>
    }
}

/// An amount not tied to an invoice.
#[component]
pub fn OnAccountFieldset(state: PayFormState) -> impl IntoView {
    let errors = state.errors;
    view! {
        <fieldset class="form-group">
            <legend class="form-group-title">"Payment on account " <span class="field-optional">"(optional)"</span></legend>
            <label class="field">
                <span class="field-hint">"An amount not tied to an invoice, e.g. a deposit. The store applies it for you."</span>
                <span class="amount-input">
                    <span class="amount-symbol" aria-hidden="true">{state.currency.symbol()}</span>
                    <input class="input" type="text" inputmode="decimal" autocomplete="off" data-testid="pay-on-account"
                        aria-label="Payment on account" placeholder="0.00"
                        aria-invalid=errors.invalid("on_account") bind:value=state.on_account />
                </span>
                <FieldMessage testid="pay-on-account" error=errors.of("on_account") />
            </label>
        </fieldset>
    }
}

/// "Total to pay", live as amounts are ticked and typed.
#[component]
pub fn PayTotal(state: PayFormState, total: Memo<i64>) -> impl IntoView {
    let chosen_count = state.chosen_count();
    let currency = state.currency;
    view! {
        <div class="pay-total" data-testid="pay-total" aria-live="polite">
            <span>
                <span class="pay-total-label">"Total to pay"</span>
                <span class="pay-total-sub">{move || {
                    let n = chosen_count.get();
                    match n { 0 => "No invoices chosen".to_string(), 1 => "1 invoice".to_string(), n => format!("{n} invoices") }
                }}</span>
            </span>
            <span class="pay-total-amount" data-testid="pay-total-amount">{move || Money::new(total.get(), currency).display()}</span>
        </div>
    }
}
