//! The pay form itself: lays out its parts, and on Pay runs the checks, tokenises once per
//! attempt, posts the payment and shows the receipt — or the decline, or the refusal under
//! the fields it concerns.

use chrono::Datelike;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use shared::accounts::AccountSummary;
use shared::invoices::InvoiceSummary;
use shared::money::Money;
use shared::payments::draft::{DraftProblem, FieldProblem, Tokeniser, check_payment, form_field_of};
use shared::payments::{PaymentMethod, PaymentOptions, SandboxToken, TokeniseError};
use uuid::Uuid;

use super::SandboxBanner;
use super::fields::PayWithFieldset;
use super::invoices::{ContractFieldset, InvoicesFieldset, OnAccountFieldset, PayTotal};
use super::state::{Attempt, OfferedInvoices, PayErrors, PayFormState, Prefill};
use crate::api::{self, ApiError};
use crate::components::form::FieldMessage;
use crate::components::icons::{Icon, IconSvg};
use crate::components::status::Spinner;
use crate::format;
use crate::i18n::{tr, tr_with};
use crate::pages::payments::remember_payment;
use crate::paths;
use crate::session::{Session, use_session};
use crate::when;

#[component]
pub fn PayForm(
    account: AccountSummary,
    options: PaymentOptions,
    open: Vec<InvoiceSummary>,
    chosen: Vec<Uuid>,
    /// Paying this contract's invoices, `(id, number)` (`open` holds only them).
    #[prop(optional)]
    contract: Option<(Uuid, String)>,
) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let account_id = account.id;
    let dealer_name = account.dealer.name.clone();
    let locale = account.dealer.locale.clone();
    let currency = options.currency;

    // Chosen invoices come ticked with their full amount; with none chosen, every open
    // invoice is offered to tick.
    let amounts_in = crate::i18n::current();
    let offered = OfferedInvoices::new(open, &chosen, amounts_in);
    let picking = offered.picking;
    let paying_contract = contract.is_some();
    let methods: Vec<PaymentMethod> = options.methods.iter().map(|m| m.method).collect();
    let state = PayFormState::new(
        offered.rows,
        Prefill {
            method: methods.first().copied().unwrap_or(PaymentMethod::Card),
            card_name: session.user().map(|u| u.display_name).unwrap_or_default(),
            bank_name: account.name.clone(),
            receipt_email: options.default_receipt_email.clone(),
            currency,
            locale: locale.clone(),
            amounts_in,
            contract,
        },
    );
    let sandbox_methods: Vec<PaymentMethod> =
        options.methods.iter().filter(|m| m.gateway == "sandbox").map(|m| m.method).collect();
    let total = state.total();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if state.submitting.get_untracked() {
            return;
        }
        let sandbox = sandbox_methods.contains(&state.method.get_untracked());
        let navigate = navigate.clone();
        submit(state, sandbox, session, account_id, move |receipt| {
            navigate(&receipt, NavigateOptions { replace: true, ..Default::default() })
        });
    };

    let lead = {
        let dealer_name = dealer_name.clone();
        move || {
            let dealer = [("dealer", dealer_name.as_str().into())];
            if paying_contract {
                tr_with("pay-lead-contract", &dealer)
            } else if picking {
                tr_with("pay-lead-picking", &dealer)
            } else {
                tr_with("pay-lead-chosen", &dealer)
            }
        }
    };

    view! {
        <h1 class="page-title">{move || tr("pay-title")}</h1>
        <p class="page-lead">{lead}</p>
        {options.sandbox.then(|| view! { <SandboxBanner methods=methods.clone() /> })}
        <form class="myreq-form pay-form" data-testid="pay-form" on:submit=on_submit novalidate>
            {match state.contract {
                Some(contract) => view! {
                    <ContractFieldset state=state contract=contract total=total locale=locale account_id=account_id />
                }.into_any(),
                None => view! {
                    <InvoicesFieldset state=state picking=picking left_out=offered.left_out locale=locale account_id=account_id />
                    <OnAccountFieldset state=state />
                }.into_any(),
            }}
            <PayTotal state=state total=total />
            <PayWithFieldset state=state methods=methods />
            <ReceiptFieldset state=state />
            <PayErrorLine errors=state.errors />
            <PaySubmit submitting=state.submitting total=total currency=currency dealer_name=dealer_name />
        </form>
    }
}

/// Checks the form and, when it passes, sends it in the background; `on_paid` gets the
/// receipt's URL.
fn submit(
    state: PayFormState,
    sandbox: bool,
    session: Session,
    account_id: Uuid,
    on_paid: impl FnOnce(String) + 'static,
) {
    let errors = state.errors;
    // Tokenise once per attempt: a resend of an unchanged form carries the same token.
    let previous = state.attempt.get_value();
    let tokeniser = match &previous {
        Some(attempt) => Tokeniser::Reuse(attempt.token.clone()),
        None if !sandbox => Tokeniser::Unavailable,
        None => {
            let today = when::browser_today();
            Tokeniser::Sandbox {
                today: (today.year(), today.month()),
                nonce: SandboxToken::nonce_from(*Uuid::new_v4().as_bytes()),
            }
        }
    };
    let body = match check_payment(&state.draft(), tokeniser) {
        Ok(body) => body,
        Err(found) => {
            let fields =
                found.fields.into_iter().map(|(field, problem)| (field, field_problem_text(&problem)));
            errors.report(fields.collect(), Some(draft_problem_text(found.general)), false);
            return;
        }
    };
    let key = previous.map_or_else(Uuid::new_v4, |attempt| attempt.key);
    state.attempt.set_value(Some(Attempt { key, token: body.token.clone() }));
    let sent: Vec<Uuid> = body.allocations.iter().map(|a| a.invoice_id).collect();
    errors.report(Vec::new(), None, false);
    state.submitting.set(true);
    leptos::task::spawn_local(async move {
        match api::pay(session, account_id, key, &body).await {
            Ok(detail) => {
                let id = detail.summary.id;
                remember_payment(detail);
                on_paid(paths::payment(account_id, id));
            }
            Err(e) if e.is_payment_declined() => {
                // Declined: nothing was taken; the next try is a new attempt.
                state.attempt.set_value(None);
                errors.report(Vec::new(), Some(e.decline_message()), true);
                scroll_to_error();
            }
            Err(e) => {
                if matches!(&e, ApiError::Problem(p) if p.status == 409) {
                    state.attempt.set_value(None);
                }
                show_api_error(errors, &e, &sent);
                scroll_to_error();
            }
        }
        state.submitting.set(false);
    });
}

/// What the form's checks found wrong with a field, in the language on screen.
fn field_problem_text(problem: &FieldProblem) -> String {
    match problem {
        FieldProblem::InvoiceAmount => tr("pay-problem-amount"),
        FieldProblem::MoreThanDue { due, number } => tr_with(
            "pay-problem-more-than-due",
            &[("amount", format::money(due).into()), ("number", number.as_str().into())],
        ),
        FieldProblem::OnAccountAmount => tr("pay-problem-on-account"),
        FieldProblem::ReceiptEmail => tr("pay-problem-receipt-email"),
        FieldProblem::CardName => tr("pay-problem-card-name"),
        FieldProblem::CardPostcode(kind) => {
            tr_with("pay-problem-card-postcode", &[("postcode", kind.as_str().into())])
        }
        FieldProblem::BankHolder => tr("pay-problem-bank-holder"),
        FieldProblem::Tokenise(TokeniseError::CardNumber) => tr("pay-problem-card-number"),
        FieldProblem::Tokenise(TokeniseError::Expiry) => tr("pay-problem-expiry"),
        FieldProblem::Tokenise(TokeniseError::Cvc) => tr("pay-problem-cvc"),
        FieldProblem::Tokenise(TokeniseError::RoutingNumber) => tr("pay-problem-routing-number"),
        FieldProblem::Tokenise(TokeniseError::AccountNumber) => tr("pay-problem-account-number"),
    }
}

/// The form-wide line when the form's checks stopped it, in the language on screen.
fn draft_problem_text(problem: DraftProblem) -> String {
    match problem {
        DraftProblem::CheckFields => tr("pay-check-fields"),
        DraftProblem::NothingToPay => tr("pay-problem-nothing-to-pay"),
        DraftProblem::NoOnAccountAmount => tr("pay-problem-no-on-account"),
        DraftProblem::MethodUnavailable => tr("pay-problem-method-unavailable"),
    }
}

#[component]
fn ReceiptFieldset(state: PayFormState) -> impl IntoView {
    let errors = state.errors;
    view! {
        <fieldset class="form-group">
            <legend class="form-group-title">{move || tr("pay-receipt")}</legend>
            <label class="field">
                <span class="field-label">{move || tr("pay-receipt-email")}</span>
                <input class="input" type="email" autocomplete="email" inputmode="email" autocapitalize="none" spellcheck="false"
                    data-testid="receipt-email" aria-invalid=errors.invalid("receipt_email") bind:value=state.receipt_email />
                <FieldMessage testid="receipt-email" error=errors.of("receipt_email") />
            </label>
        </fieldset>
    }
}

/// The form-wide line: a decline gets its own title and style.
#[component]
fn PayErrorLine(errors: PayErrors) -> impl IntoView {
    move || {
        errors.general.get().map(|m| {
            view! {
                <div class="form-error pay-error" class:pay-declined=errors.declined.get() role="alert" data-testid="pay-error">
                    {errors.declined.get().then(|| view! { <strong class="pay-error-title">{tr("pay-declined")}</strong> })}
                    <span>{m}</span>
                </div>
            }
        })
    }
}

/// "Pay $1,234.00", and where the card and bank details go.
#[component]
fn PaySubmit(
    submitting: RwSignal<bool>,
    total: Memo<i64>,
    currency: shared::money::Currency,
    dealer_name: String,
) -> impl IntoView {
    let pay_label = move || {
        if submitting.get() {
            tr("pay-processing")
        } else if total.get() > 0 {
            let amount = format::money(&Money::new(total.get(), currency));
            tr_with("pay-submit-amount", &[("amount", amount.into())])
        } else {
            tr("pay-submit")
        }
    };
    view! {
        <div class="form-submit pay-submit">
            <button class="btn btn-primary btn-block btn-pay" type="submit" data-testid="pay-submit"
                disabled=move || submitting.get() aria-busy=move || submitting.get().to_string()>
                {move || if submitting.get() { view! { <Spinner /> }.into_any() } else { view! { <IconSvg icon=Icon::Lock /> }.into_any() }}
                {pay_label}
            </button>
            <p class="pay-secure">
                <IconSvg icon=Icon::Lock />
                {move || tr_with("pay-secure", &[("dealer", dealer_name.as_str().into())])}
            </p>
        </div>
    }
}

/// A refused payment: field messages where the form shows that field, the rest on the
/// form-wide line. `sent` maps `allocations[i]` back to its invoice.
fn show_api_error(errors: PayErrors, error: &ApiError, sent: &[Uuid]) {
    let mut fields = Vec::new();
    let mut other = Vec::new();
    if let ApiError::Problem(problem) = error {
        for e in &problem.errors {
            match form_field_of(&e.field, sent) {
                Some(field) => fields.push((field, e.message.clone())),
                None => other.push(e.message.clone()),
            }
        }
    }
    let general = if matches!(error, ApiError::Problem(p) if p.status == 409) {
        tr("pay-changed")
    } else if !other.is_empty() {
        other.join(" ")
    } else if fields.is_empty() {
        error.message()
    } else {
        tr("pay-check-fields")
    };
    errors.report(fields, Some(general), false);
}

/// Brings the form-wide message into view once the page has drawn it.
fn scroll_to_error() {
    let Some(window) = web_sys::window() else { return };
    let find = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("[data-testid='pay-error']").ok().flatten())
        {
            el.scroll_into_view();
        }
    });
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        wasm_bindgen::JsCast::unchecked_ref(&find),
        50,
    );
}
