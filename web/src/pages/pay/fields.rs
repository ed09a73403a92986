//! "Pay with": the choice of method and the card or bank debit inputs. What is typed here
//! is tokenised in the browser and never posted.

use leptos::prelude::*;
use shared::money::Currency;
use shared::payments::PaymentMethod;
use shared::payments::draft::{PostcodeKind, format_expiry};

use super::state::{BankInputs, CardInputs, PayErrors, PayFormState};
use crate::components::form::{FieldMessage, Segment};
use crate::components::icons::{Icon, IconSvg};
use crate::i18n::{tr, tr_with};

fn method_label(method: PaymentMethod, currency: Currency) -> String {
    match (method, currency) {
        (PaymentMethod::Card, _) => tr("payment-tender-card"),
        (PaymentMethod::Ach, Currency::Usd) => tr("payment-tender-ach"),
        (PaymentMethod::Ach, _) => tr("payment-bank-account"),
    }
}

/// "Billing zip code", "Billing postal code" or "Billing postcode", after the word the form
/// uses for the dealer's locale ([`PostcodeKind::for_locale`]).
fn billing_postcode_label(kind: PostcodeKind) -> String {
    tr_with("pay-card-billing", &[("postcode", kind.as_str().into())])
}

fn method_icon(method: PaymentMethod) -> Icon {
    if method == PaymentMethod::Card { Icon::Card } else { Icon::Bank }
}

/// The methods the dealer takes (a choice when there are several) and the chosen one's
/// inputs.
#[component]
pub fn PayWithFieldset(state: PayFormState, methods: Vec<PaymentMethod>) -> impl IntoView {
    let method = state.method;
    let currency = state.currency;
    view! {
        <fieldset class="form-group">
            <legend class="form-group-title">{move || tr("pay-with")}</legend>
            {(methods.len() > 1).then(|| view! {
                <div class="segmented pay-methods" role="radiogroup" aria-label=move || tr("pay-method-label")>
                    {methods.iter().map(|m| {
                        let m = *m;
                        view! {
                            <Segment testid=format!("pay-method-{}", m.as_str())
                                checked=Signal::derive(move || method.get() == m) on_pick=move |()| method.set(m)>
                                <IconSvg icon=method_icon(m) />
                                {move || method_label(m, currency)}
                            </Segment>
                        }
                    }).collect_view()}
                </div>
            })}
            {match methods.as_slice() {
                &[only] => Some(view! {
                    <p class="pay-one-method" data-testid=format!("pay-method-{}", only.as_str())>
                        <IconSvg icon=method_icon(only) />
                        {move || method_label(only, currency)}
                    </p>
                }),
                _ => None,
            }}
            <Show when=move || method.get() == PaymentMethod::Card>
                <CardFields card=state.card postcode_kind=state.postcode_kind errors=state.errors />
            </Show>
            <Show when=move || method.get() == PaymentMethod::Ach>
                <BankFields bank=state.bank errors=state.errors />
            </Show>
        </fieldset>
    }
}

#[component]
fn CardFields(card: CardInputs, postcode_kind: PostcodeKind, errors: PayErrors) -> impl IntoView {
    let expiry = card.expiry;
    view! {
        <div class="pay-fields" data-testid="card-fields">
            <label class="field">
                <span class="field-label">{move || tr("pay-card-number")}</span>
                <input class="input mono-input" type="text" inputmode="numeric" autocomplete="cc-number" name="cc-number"
                    maxlength="23" placeholder="1234 1234 1234 1234" data-testid="card-number" spellcheck="false"
                    aria-invalid=errors.invalid("card_number") bind:value=card.number />
                <FieldMessage testid="card-number" error=errors.of("card_number") />
            </label>
            <div class="form-row form-row-tight">
                <label class="field">
                    <span class="field-label">{move || tr("pay-card-expiry")}</span>
                    <input class="input" type="text" inputmode="numeric" autocomplete="cc-exp" name="cc-exp" maxlength="7"
                        placeholder=move || tr("pay-card-expiry-placeholder") data-testid="card-expiry" aria-invalid=errors.invalid("expiry")
                        prop:value=move || expiry.get() on:input=move |ev| expiry.set(format_expiry(&event_target_value(&ev))) />
                    <FieldMessage testid="card-expiry" error=errors.of("expiry") />
                </label>
                <label class="field">
                    <span class="field-label">{move || tr("pay-card-cvc")}</span>
                    <input class="input" type="text" inputmode="numeric" autocomplete="cc-csc" name="cc-csc" maxlength="4"
                        placeholder="123" data-testid="card-cvc" aria-invalid=errors.invalid("cvc") bind:value=card.cvc />
                    <FieldMessage testid="card-cvc" error=errors.of("cvc") />
                </label>
            </div>
            <div class="form-row">
                <label class="field">
                    <span class="field-label">{move || tr("pay-card-name")}</span>
                    <input class="input" type="text" autocomplete="cc-name" name="cc-name" data-testid="card-name"
                        aria-invalid=errors.invalid("card_name") bind:value=card.name />
                    <FieldMessage testid="card-name" error=errors.of("card_name") />
                </label>
                <label class="field">
                    <span class="field-label">{move || billing_postcode_label(postcode_kind)}</span>
                    <input class="input" type="text" autocomplete="postal-code" name="postal-code" data-testid="card-zip"
                        aria-invalid=errors.invalid("card_zip") bind:value=card.zip />
                    <FieldMessage testid="card-zip" error=errors.of("card_zip") />
                </label>
            </div>
        </div>
    }
}

#[component]
fn BankFields(bank: BankInputs, errors: PayErrors) -> impl IntoView {
    let kind = bank.kind;
    view! {
        <div class="pay-fields" data-testid="bank-fields">
            <label class="field">
                <span class="field-label">{move || tr("pay-bank-holder")}</span>
                <input class="input" type="text" autocomplete="name" data-testid="bank-name"
                    aria-invalid=errors.invalid("bank_name") bind:value=bank.name />
                <FieldMessage testid="bank-name" error=errors.of("bank_name") />
            </label>
            <div class="form-row">
                <label class="field">
                    <span class="field-label">{move || tr("pay-bank-routing")}</span>
                    <input class="input" type="text" inputmode="numeric" autocomplete="off" maxlength="9" spellcheck="false"
                        placeholder=move || tr("pay-bank-routing-placeholder") data-testid="bank-routing" aria-invalid=errors.invalid("routing_number") bind:value=bank.routing />
                    <FieldMessage testid="bank-routing" error=errors.of("routing_number") />
                </label>
                <label class="field">
                    <span class="field-label">{move || tr("pay-bank-account")}</span>
                    <input class="input" type="text" inputmode="numeric" autocomplete="off" maxlength="17" spellcheck="false"
                        data-testid="bank-account" aria-invalid=errors.invalid("account_number") bind:value=bank.account />
                    <FieldMessage testid="bank-account" error=errors.of("account_number") />
                </label>
            </div>
            <div class="field">
                <span class="field-label" id="bank-type-label">{move || tr("pay-bank-type")}</span>
                <div class="segmented" role="radiogroup" aria-labelledby="bank-type-label">
                    {["checking", "savings"].into_iter().map(|value| view! {
                        <Segment testid=format!("bank-type-{value}")
                            checked=Signal::derive(move || kind.get() == value) on_pick=move |()| kind.set(value.to_string())>
                            {move || if value == "checking" { tr("pay-bank-checking") } else { tr("pay-bank-savings") }}
                        </Segment>
                    }).collect_view()}
                </div>
            </div>
            <p class="field-hint">{move || tr("pay-bank-hint")}</p>
        </div>
    }
}
