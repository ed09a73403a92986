//! What to pay: the invoice rows with their amounts, the payment on account and the total.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::i18n::Language;
use shared::money::Money;
use shared::payments::draft::{CONTRACT_AMOUNT_FIELD, amount_text, invoice_field, parse_amount};
use uuid::Uuid;

use super::state::{ContractChoice, PayErrors, PayFormState, Row};
use crate::components::form::FieldMessage;
use crate::format;
use crate::i18n::{count_arg, tr, tr_with};
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
    let count = state.rows.with_value(Vec::len) as u64;
    let title = move || {
        if picking { tr("pay-open-invoices") } else { tr_with("pay-invoices-count", &[count_arg(count)]) }
    };
    view! {
        <fieldset class="form-group">
            <legend class="form-group-title">{title}</legend>
            {(left_out > 0).then(|| view! {
                <p class="field-hint" data-testid="pay-unavailable-invoices">
                    {move || tr_with("pay-left-out", &[count_arg(left_out as u64)])}
                </p>
            })}
            {state.no_invoices().then(|| view! {
                <p class="field-hint" data-testid="pay-no-invoices">{move || tr("pay-no-invoices")}</p>
            })}
            <ul class="pay-rows">
                {state.rows.get_value().into_iter().map(|r| view! {
                    <PayRow row=r picking=picking errors=state.errors amounts_in=state.amounts_in locale=locale.clone() account_id=account_id />
                }).collect_view()}
            </ul>
            {(!picking).then(|| view! {
                <A href=paths::pay(account_id) attr:class="text-link pay-choose-other" attr:data-testid="pay-choose-other">{move || tr("pay-choose-other")}</A>
            })}
        </fieldset>
    }
}

#[component]
fn PayRow(
    row: Row,
    picking: bool,
    errors: PayErrors,
    amounts_in: RwSignal<Language>,
    locale: String,
    account_id: Uuid,
) -> impl IntoView {
    let i = row.invoice.clone();
    let on = row.on;
    let amount = row.amount;
    let field = invoice_field(i.id);
    let error = errors.of(field.clone());
    let invalid = errors.invalid(field);
    let full = i.amount_due.minor;
    let (due_date, overdue, amount_due) = (i.due_date, i.overdue, i.amount_due);
    let due = move || match due_date {
        Some(d) if overdue => tr_with("pay-overdue-since", &[("date", format::date(d, &locale).into())]),
        Some(d) => tr_with("invoice-due-on", &[("date", format::date(d, &locale).into())]),
        None => tr("invoice-no-due-date"),
    };
    let partial = move || {
        let language = amounts_in.get();
        on.get() && amount.with(|a| parse_amount(a, language).is_some_and(|v| v != full))
    };
    let number = StoredValue::new(i.number.clone());
    let number_link = i.number.clone();
    view! {
        <li class="pay-row" class:pay-row-on=move || on.get() data-testid="pay-row" data-invoice-id=i.id.to_string() data-invoice-number=i.number.clone()>
            <div class="pay-row-head">
                {picking.then(|| view! {
                    <input type="checkbox" class="select-box" data-testid="pay-pick" data-invoice-number=number.get_value()
                        aria-label=move || number.with_value(|n| tr_with("invoice-pay-aria", &[("number", n.as_str().into())]))
                        prop:checked=move || on.get() on:change=move |ev| on.set(event_target_checked(&ev)) />
                })}
                <span class="pay-row-text">
                    <A href=paths::invoice(account_id, i.id) attr:class="contract-number" attr:target="_blank">{number_link}</A>
                    <span class="pay-row-meta" class:due=i.overdue>{due}</span>
                    <span class="pay-row-meta">{move || tr_with("pay-row-amount-due", &[("amount", format::money(&amount_due).into())])}</span>
                </span>
            </div>
            <label class="field pay-row-amount">
                <span class="field-label">{move || tr("pay-amount")}</span>
                <span class="amount-input">
                    <span class="amount-symbol" aria-hidden="true">{i.amount_due.currency.symbol()}</span>
                    <input class="input" type="text" inputmode="decimal" autocomplete="off"
                        data-testid=format!("pay-amount-{}", i.number)
                        aria-label=move || number.with_value(|n| tr_with("pay-amount-on", &[("number", n.as_str().into())]))
                        aria-invalid=invalid
                        disabled=move || !on.get()
                        prop:value=move || amount.get()
                        on:input=move |ev| amount.set(event_target_value(&ev)) />
                </span>
                <Show when=partial>
                    <span class="field-hint">{move || tr("pay-part-payment")}</span>
                </Show>
                <FieldMessage testid="pay-amount" error=error />
            </label>
        </li>
    }
}

/// A contract being paid (C6): all that is due or another amount, and what each of its open
/// invoices gets of it, the earliest due first (as the server spreads it).
#[component]
pub fn ContractFieldset(
    state: PayFormState,
    contract: ContractChoice,
    total: Memo<i64>,
    locale: String,
    account_id: Uuid,
) -> impl IntoView {
    let errors = state.errors;
    let currency = state.currency;
    let plan = state.contract_plan(total);
    let all_due = Money::new(state.contract_due(), currency);
    let number = contract.number;
    let all = contract.all;
    let with_number =
        move |id: &'static str| number.with_value(|n| tr_with(id, &[("number", n.as_str().into())]));
    let rows = state.rows.get_value().into_iter().map(|row| {
        let i = row.invoice;
        let id = i.id;
        let locale = locale.clone();
        let (due_date, overdue, amount_due) = (i.due_date, i.overdue, i.amount_due);
        let due = move || match due_date {
            Some(d) if overdue => tr_with("pay-overdue-since", &[("date", format::date(d, &locale).into())]),
            Some(d) => tr_with("invoice-due-on", &[("date", format::date(d, &locale).into())]),
            None => tr("invoice-no-due-date"),
        };
        let part = move || plan.with(|plan| plan.iter().find(|(invoice, _)| *invoice == id).map(|(_, minor)| *minor));
        let part_text = move || match part() {
            Some(minor) => tr_with("pay-contract-pays", &[("amount", format::money(&Money::new(minor, currency)).into())]),
            None => tr("pay-contract-pays-nothing"),
        };
        let (number, shown_number) = (i.number.clone(), i.number);
        view! {
            <li class="pay-row" class:pay-row-on=move || part().is_some() data-testid="pay-contract-row" data-invoice-number=number>
                <div class="pay-row-head">
                    <span class="pay-row-text">
                        <A href=paths::invoice(account_id, id) attr:class="contract-number" attr:target="_blank">{shown_number}</A>
                        <span class="pay-row-meta" class:due=overdue>{due}</span>
                        <span class="pay-row-meta">{move || tr_with("pay-row-amount-due", &[("amount", format::money(&amount_due).into())])}</span>
                    </span>
                    <span class="pay-row-part" data-testid="pay-contract-part">{part_text}</span>
                </div>
            </li>
        }
    }).collect_view();
    view! {
        <fieldset class="form-group pay-contract" data-testid="pay-contract">
            <legend class="form-group-title">{move || with_number("pay-contract-title")}</legend>
            <div class="choice-stack" role="radiogroup" aria-label=move || with_number("pay-contract-amount")>
                <label class="choice" class:choice-on=move || all.get()>
                    <input type="radio" name="pay-contract-amount" value="all" data-testid="pay-contract-all"
                        prop:checked=move || all.get() on:change=move |_| all.set(true) />
                    <span>{move || tr_with("pay-contract-all", &[("amount", format::money(&all_due).into())])}</span>
                </label>
                <label class="choice" class:choice-on=move || !all.get()>
                    <input type="radio" name="pay-contract-amount" value="other" data-testid="pay-contract-other"
                        prop:checked=move || !all.get() on:change=move |_| all.set(false) />
                    <span>{move || tr("pay-contract-other")}</span>
                </label>
            </div>
            <Show when=move || !all.get()>
                <label class="field pay-contract-amount">
                    <span class="field-label">{move || tr("pay-amount")}</span>
                    <span class="amount-input">
                        <span class="amount-symbol" aria-hidden="true">{currency.symbol()}</span>
                        <input class="input" type="text" inputmode="decimal" autocomplete="off" data-testid="pay-contract-amount"
                            aria-label=move || with_number("pay-contract-amount")
                            placeholder=move || amount_text(0, state.amounts_in.get())
                            aria-invalid=errors.invalid(CONTRACT_AMOUNT_FIELD) bind:value=contract.amount />
                    </span>
                </label>
            </Show>
            <FieldMessage testid="pay-contract-amount" error=errors.of(CONTRACT_AMOUNT_FIELD) />
            <ul class="pay-rows">{rows}</ul>
        </fieldset>
    }
}

/// An amount not tied to an invoice.
#[component]
pub fn OnAccountFieldset(state: PayFormState) -> impl IntoView {
    let errors = state.errors;
    view! {
        <fieldset class="form-group">
            <legend class="form-group-title">
                {move || tr("pay-on-account")} " " <span class="field-optional">{move || tr("pay-optional")}</span>
            </legend>
            <label class="field">
                <span class="field-hint">{move || tr("pay-on-account-hint")}</span>
                <span class="amount-input">
                    <span class="amount-symbol" aria-hidden="true">{state.currency.symbol()}</span>
                    <input class="input" type="text" inputmode="decimal" autocomplete="off" data-testid="pay-on-account"
                        aria-label=move || tr("pay-on-account") placeholder=move || amount_text(0, state.amounts_in.get())
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
                <span class="pay-total-label">{move || tr("pay-total")}</span>
                <span class="pay-total-sub">{move || tr_with("pay-total-count", &[count_arg(chosen_count.get() as u64)])}</span>
            </span>
            <span class="pay-total-amount" data-testid="pay-total-amount">{move || format::money(&Money::new(total.get(), currency))}</span>
        </div>
    }
}
