//! `/a/:account_id/pay?invoice=…` (E4, E5, E8): pay chosen invoices — in full or in part —
//! and/or on account, by card or bank debit as the dealer allows.
//!
//! Card and bank numbers never leave the browser: they are tokenised here (in the sandbox
//! with [`SandboxToken`]) and only the token and the amounts are posted. Each attempt
//! carries an `Idempotency-Key`; an unchanged form sent again (a retry after a lost answer,
//! a double click) reuses key and token, so the server charges once. Any change, or a
//! decline, starts a new attempt.

use chrono::Datelike;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::accounts::AccountSummary;
use shared::invoices::{InvoiceFilter, InvoiceSort, InvoiceSummary, InvoiceView};
use shared::money::{Currency, Money};
use shared::paging::{MAX_PER_PAGE, SortDir};
use shared::payments::{
    AllocationInput, PaymentInput, PaymentMethod, PaymentOptions, SandboxToken, TokeniseError,
};
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::icons::{Icon, IconSvg};
use crate::components::layout::use_current_account;
use crate::components::payments::{PayNotAllowed, parse_amount, payable};
use crate::components::requests::FieldMessage;
use crate::components::status::{ErrorPanel, SkeletonList, Spinner};
use crate::format;
use crate::pages::payments::remember_payment;
use crate::session::use_session;
use crate::url_query::parse_invoices;
use crate::when;

#[component]
pub fn PayPage() -> impl IntoView {
    let current = use_current_account();
    move || {
        current.get().map(|account| {
            if account.permissions.pay {
                view! { <Pay account=account /> }.into_any()
            } else {
                view! { <section class="page myreq-page"><PayNotAllowed account_id=account.id /></section> }
                    .into_any()
            }
        })
    }
}

#[component]
fn Pay(account: AccountSummary) -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let account_id = account.id;
    let chosen = query.with_untracked(parse_invoices);
    let data = LocalResource::new(move || async move {
        let options = api::payment_options(session, account_id).await?;
        let filter = InvoiceFilter {
            view: InvoiceView::Open,
            sort: InvoiceSort::DueDate,
            dir: SortDir::Asc,
            page: 1,
            per_page: MAX_PER_PAGE,
            ..InvoiceFilter::default()
        };
        let open = api::list(session, account_id, &filter).await?;
        Ok::<_, ApiError>((options, open.items))
    });
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title("Make a payment");
    }
    let body = move || {
        let account = account.clone();
        let chosen = chosen.clone();
        Suspend::new(async move {
            match data.await {
                Err(e) => view! { <ErrorPanel error=e on_retry=move |()| data.refetch() /> }.into_any(),
                Ok((options, _)) if options.methods.is_empty() => {
                    view! { <NoOnlinePayments account=account /> }.into_any()
                }
                Ok((options, open)) => {
                    view! { <PayForm account=account options=options open=open chosen=chosen /> }.into_any()
                }
            }
        })
    };
    view! {
        <section class="page myreq-page pay-page" data-testid="pay-page">
            <A href=format!("/a/{account_id}/invoices") attr:class="back-link"><IconSvg icon=Icon::ChevronLeft />"Invoices"</A>
            <Suspense fallback=|| view! { <SkeletonList rows=4 /> }>{body}</Suspense>
        </section>
    }
}

#[component]
fn NoOnlinePayments(account: AccountSummary) -> impl IntoView {
    let dealer = account.dealer;
    let contact = dealer.support_phone.clone().or(dealer.support_email.clone());
    view! {
        <div class="panel panel-empty" data-testid="pay-unavailable">
            <IconSvg icon=Icon::Card class="panel-icon" />
            <div class="panel-body">
                <h1 class="panel-title">"Online payments are not available yet"</h1>
                <p>{match contact {
                    Some(c) => format!("{} does not take payments through the portal yet. To pay, contact them on {c}.", dealer.name),
                    None => format!("{} does not take payments through the portal yet.", dealer.name),
                }}</p>
                <A href=format!("/a/{}/invoices", account.id) attr:class="btn btn-primary">"Back to invoices"</A>
            </div>
        </div>
    }
}

/// One invoice on the form: ticked or not, and the amount to pay (full by default).
#[derive(Clone)]
struct Row {
    invoice: InvoiceSummary,
    on: RwSignal<bool>,
    amount: RwSignal<String>,
}

/// The form's field errors (keyed by our field names; an invoice's amount by
/// `invoice:<id>`) and its one line for everything else.
#[derive(Clone, Copy)]
struct PayErrors {
    fields: RwSignal<Vec<(String, String)>>,
    general: RwSignal<Option<String>>,
    /// The general line is a decline (styled as such).
    declined: RwSignal<bool>,
}

impl PayErrors {
    fn new() -> Self {
        Self {
            fields: RwSignal::new(Vec::new()),
            general: RwSignal::new(None),
            declined: RwSignal::new(false),
        }
    }

    fn of(self, field: impl Into<String>) -> Signal<Option<String>> {
        let field = field.into();
        let fields = self.fields;
        Signal::derive(move || {
            fields.with(|all| all.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()))
        })
    }

    fn invalid(self, field: &'static str) -> impl Fn() -> String + Copy {
        let fields = self.fields;
        move || fields.with(|all| all.iter().any(|(f, _)| f == field)).to_string()
    }

    fn report(self, found: Vec<(String, String)>, general: Option<String>, declined: bool) {
        self.fields.set(found);
        self.general.set(general);
        self.declined.set(declined);
    }
}

fn row_field(id: Uuid) -> String {
    format!("invoice:{id}")
}

/// The attempt being sent: its idempotency key and the token made for it.
#[derive(Clone)]
struct Attempt {
    key: Uuid,
    token: String,
}

/// 16 random bytes from the browser's crypto (through uuid's v4 generator).
fn random_bytes() -> [u8; 16] {
    *Uuid::new_v4().as_bytes()
}

/// `MM/YY`, `MM / YYYY` or `MMYY` → (month, 4-digit year).
fn parse_expiry(text: &str) -> Option<(u32, i32)> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let (month, year) = match text.split_once('/') {
        Some((m, y)) => (m.trim().to_string(), y.trim().to_string()),
        None if digits.len() == 4 || digits.len() == 6 => (digits[..2].to_string(), digits[2..].to_string()),
        None => return None,
    };
    let month: u32 = month.parse().ok()?;
    let year_n: i32 = year.parse().ok()?;
    let year = match year.len() {
        2 => 2000 + year_n,
        4 => year_n,
        _ => return None,
    };
    Some((month, year))
}

/// Inserts the slash of `MM/YY` as the digits are typed.
fn format_expiry(text: &str) -> String {
    if text.contains('/') {
        return text.to_string();
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).take(4).collect();
    if digits.len() > 2 { format!("{}/{}", &digits[..2], &digits[2..]) } else { digits }
}

/// "ZIP code" in the US, "Postcode" elsewhere, "Postal code" in Canada.
fn postcode_label(locale: &str) -> &'static str {
    match locale.to_ascii_lowercase().as_str() {
        "en-us" => "ZIP code",
        "en-ca" => "Postal code",
        _ => "Postcode",
    }
}

fn method_label(method: PaymentMethod, currency: Currency) -> &'static str {
    match (method, currency) {
        (PaymentMethod::Card, _) => "Card",
        (PaymentMethod::Ach, Currency::Usd) => "Bank account (ACH)",
        (PaymentMethod::Ach, _) => "Bank account",
    }
}

#[component]
fn PayForm(
    account: AccountSummary,
    options: PaymentOptions,
    open: Vec<InvoiceSummary>,
    chosen: Vec<Uuid>,
) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let account_id = account.id;
    let dealer_name = account.dealer.name.clone();
    let locale = account.dealer.locale.clone();
    let currency = options.currency;
    let money = move |minor: i64| Money::new(minor, currency).display();
    let zip_label = postcode_label(&locale);

    // Chosen invoices come ticked with their full amount; with none chosen, every open
    // invoice is offered to tick.
    let picking = chosen.is_empty();
    let payable_open: Vec<InvoiceSummary> = open.into_iter().filter(payable).collect();
    let shown: Vec<InvoiceSummary> = if picking {
        payable_open
    } else {
        chosen.iter().filter_map(|id| payable_open.iter().find(|i| i.id == *id).cloned()).collect()
    };
    let unavailable = if picking { 0 } else { chosen.len() - shown.len() };
    let rows: Vec<Row> = shown
        .into_iter()
        .map(|invoice| Row {
            on: RwSignal::new(!picking),
            amount: RwSignal::new(Money::new(invoice.amount_due.minor, currency).decimal()),
            invoice,
        })
        .collect();
    let rows = StoredValue::new(rows);
    let no_invoices = rows.with_value(Vec::is_empty);

    let on_account = RwSignal::new(String::new());
    let methods: Vec<PaymentMethod> = options.methods.iter().map(|m| m.method).collect();
    let gateways: Vec<(PaymentMethod, String)> =
        options.methods.iter().map(|m| (m.method, m.gateway.clone())).collect();
    let method = RwSignal::new(methods.first().copied().unwrap_or(PaymentMethod::Card));
    let card_number = RwSignal::new(String::new());
    let card_expiry = RwSignal::new(String::new());
    let card_cvc = RwSignal::new(String::new());
    let card_name = RwSignal::new(session.user().map(|u| u.display_name).unwrap_or_default());
    let card_zip = RwSignal::new(String::new());
    let bank_name = RwSignal::new(account.name.clone());
    let bank_routing = RwSignal::new(String::new());
    let bank_account = RwSignal::new(String::new());
    let bank_type = RwSignal::new("checking".to_string());
    let receipt_email = RwSignal::new(options.default_receipt_email.clone());
    let errors = PayErrors::new();
    let submitting = RwSignal::new(false);
    let attempt = StoredValue::new(None::<Attempt>);

    // Any change to what would be sent starts a new attempt (new key, new token).
    Effect::new(move |_| {
        rows.with_value(|rows| {
            for r in rows {
                r.on.track();
                r.amount.track();
            }
        });
        on_account.track();
        method.track();
        for s in
            [card_number, card_expiry, card_cvc, card_name, card_zip, bank_name, bank_routing, bank_account]
        {
            s.track();
        }
        receipt_email.track();
        attempt.set_value(None);
    });

    let total = Memo::new(move |_| {
        let invoices: i64 = rows.with_value(|rows| {
            rows.iter().filter(|r| r.on.get()).filter_map(|r| r.amount.with(|a| parse_amount(a))).sum()
        });
        invoices + on_account.with(|a| parse_amount(a)).unwrap_or(0)
    });
    let chosen_count = Memo::new(move |_| rows.with_value(|rows| rows.iter().filter(|r| r.on.get()).count()));

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let mut found: Vec<(String, String)> = Vec::new();
        let mut allocations = Vec::new();
        rows.with_value(|rows| {
            for r in rows.iter().filter(|r| r.on.get_untracked()) {
                let due = r.invoice.amount_due;
                match parse_amount(&r.amount.get_untracked()) {
                    None | Some(0) => {
                        found.push((row_field(r.invoice.id), "Enter the amount to pay, e.g. 120.00.".into()))
                    }
                    Some(a) if a > due.minor => found.push((
                        row_field(r.invoice.id),
                        format!("At most {} is due on {}.", money(due.minor), r.invoice.number),
                    )),
                    Some(a) => {
                        allocations.push(AllocationInput { invoice_id: r.invoice.id, amount_minor: a })
                    }
                }
            }
        });
        let on_account_text = on_account.get_untracked();
        let on_account_minor = if on_account_text.trim().is_empty() {
            None
        } else {
            match parse_amount(&on_account_text) {
                Some(a) if a > 0 => Some(a),
                _ => {
                    found.push((
                        "on_account".into(),
                        "Enter an amount, e.g. 250.00, or leave it empty.".into(),
                    ));
                    None
                }
            }
        };
        let mut general = None;
        if found.is_empty() && allocations.is_empty() && on_account_minor.is_none() {
            general = Some(if no_invoices {
                "Enter the amount to pay on account.".to_string()
            } else {
                "Choose at least one invoice to pay, or enter a payment on account.".to_string()
            });
        }
        let email = receipt_email.get_untracked().trim().to_string();
        if !email.contains('@') || email.starts_with('@') || email.ends_with('@') || email.contains(' ') {
            found.push(("receipt_email".into(), "Enter the email address for the receipt.".into()));
        }
        let chosen_method = method.get_untracked();
        let text = |s: RwSignal<String>| s.get_untracked().trim().to_string();
        match chosen_method {
            PaymentMethod::Card => {
                if text(card_name).is_empty() {
                    found.push(("card_name".into(), "Enter the name on the card.".into()));
                }
                if text(card_zip).is_empty() {
                    found.push((
                        "card_zip".into(),
                        format!("Enter the card's billing {}.", zip_label.to_lowercase()),
                    ));
                }
            }
            PaymentMethod::Ach => {
                if text(bank_name).is_empty() {
                    found.push(("bank_name".into(), "Enter the name on the bank account.".into()));
                }
            }
        }
        let sandbox = gateways.iter().any(|(m, g)| *m == chosen_method && g == "sandbox");
        // Tokenise once per attempt: a resend of an unchanged form carries the same token.
        let current = attempt.get_value();
        let token = match current {
            Some(a) => Some(a),
            None if !sandbox => {
                general = Some(
                    "This payment method is not set up for online payments yet. Contact the store.".into(),
                );
                None
            }
            None => {
                let nonce = SandboxToken::nonce_from(random_bytes());
                let today = when::today();
                let made = match chosen_method {
                    PaymentMethod::Card => match parse_expiry(&card_expiry.get_untracked()) {
                        None => Err(TokeniseError::Expiry),
                        Some(expiry) => SandboxToken::for_card(
                            &card_number.get_untracked(),
                            expiry,
                            &text(card_cvc),
                            (today.year(), today.month()),
                            &nonce,
                        ),
                    },
                    PaymentMethod::Ach => SandboxToken::for_bank_account(
                        &bank_routing.get_untracked(),
                        &bank_account.get_untracked(),
                        &nonce,
                    ),
                };
                match made {
                    Ok(token) => Some(Attempt { key: Uuid::new_v4(), token: token.encode() }),
                    Err(e) => {
                        found.push((e.field().to_string(), e.message().to_string()));
                        None
                    }
                }
            }
        };
        if !found.is_empty() || general.is_some() {
            errors.report(found, general.or(Some("Please check the fields marked below.".into())), false);
            return;
        }
        let Some(this_attempt) = token else { return };
        attempt.set_value(Some(this_attempt.clone()));
        let sent: Vec<Uuid> = allocations.iter().map(|a| a.invoice_id).collect();
        let body = PaymentInput {
            allocations,
            on_account_minor,
            method: chosen_method,
            token: this_attempt.token,
            receipt_email: email,
        };
        errors.report(Vec::new(), None, false);
        submitting.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api::pay(session, account_id, this_attempt.key, &body).await {
                Ok(detail) => {
                    let id = detail.summary.id;
                    remember_payment(detail);
                    navigate(
                        &format!("/a/{account_id}/payments/{id}"),
                        NavigateOptions { replace: true, ..Default::default() },
                    );
                }
                Err(e) if e.is_payment_declined() => {
                    // Declined: nothing was taken; the next try is a new attempt.
                    attempt.set_value(None);
                    errors.report(Vec::new(), Some(e.decline_message()), true);
                    scroll_to_error();
                }
                Err(e) => {
                    if matches!(&e, ApiError::Problem(p) if p.status == 409) {
                        attempt.set_value(None);
                    }
                    show_api_error(errors, &e, &sent);
                    scroll_to_error();
                }
            }
            submitting.set(false);
        });
    };

    let pay_label = move || {
        if submitting.get() {
            "Processing payment…".to_string()
        } else if total.get() > 0 {
            format!("Pay {}", money(total.get()))
        } else {
            "Pay".to_string()
        }
    };
    let count = rows.with_value(Vec::len);
    let lead = if picking {
        format!("Choose what to pay {dealer_name}. You can pay part of an invoice by changing its amount.")
    } else {
        format!("Pay {dealer_name} in full, or change an amount to pay part of an invoice.")
    };
    let due_locale = locale;

    view! {
        <h1 class="page-title">"Make a payment"</h1>
        <p class="page-lead">{lead}</p>
        {options.sandbox.then(|| view! { <SandboxBanner methods=methods.clone() /> })}
        <form class="myreq-form pay-form" data-testid="pay-form" on:submit=on_submit novalidate>
            <fieldset class="form-group">
                <legend class="form-group-title">{if picking { "Open invoices".to_string() } else { format!("Invoices ({count})") }}</legend>
                {(unavailable > 0).then(|| view! {
                    <p class="field-hint" data-testid="pay-unavailable-invoices">
                        {format!("{unavailable} of the invoices you chose are already paid or being processed, and are left out.")}
                    </p>
                })}
                {no_invoices.then(|| view! {
                    <p class="field-hint" data-testid="pay-no-invoices">"There are no open invoices to pay. You can still make a payment on account below."</p>
                })}
                <ul class="pay-rows">
                    {rows.get_value().into_iter().map(|r| view! {
                        <PayRow row=r picking=picking errors=errors locale=due_locale.clone() account_id=account_id />
                    }).collect_view()}
                </ul>
                {(!picking).then(|| view! {
                    <A href=format!("/a/{account_id}/pay") attr:class="text-link pay-choose-other" attr:data-testid="pay-choose-other">"Choose other invoices"</A>
                })}
            </fieldset>
            <fieldset class="form-group">
                <legend class="form-group-title">"Payment on account " <span class="field-optional">"(optional)"</span></legend>
                <label class="field">
                    <span class="field-hint">"An amount not tied to an invoice, e.g. a deposit. The store applies it for you."</span>
                    <span class="amount-input">
                        <span class="amount-symbol" aria-hidden="true">{currency.symbol()}</span>
                        <input class="input" type="text" inputmode="decimal" autocomplete="off" data-testid="pay-on-account"
                            aria-label="Payment on account" placeholder="0.00"
                            aria-invalid=errors.invalid("on_account") bind:value=on_account />
                    </span>
                    <FieldMessage testid="pay-on-account" error=errors.of("on_account") />
                </label>
            </fieldset>
            <div class="pay-total" data-testid="pay-total" aria-live="polite">
                <span>
                    <span class="pay-total-label">"Total to pay"</span>
                    <span class="pay-total-sub">{move || {
                        let n = chosen_count.get();
                        match n { 0 => "No invoices chosen".to_string(), 1 => "1 invoice".to_string(), n => format!("{n} invoices") }
                    }}</span>
                </span>
                <span class="pay-total-amount" data-testid="pay-total-amount">{move || money(total.get())}</span>
            </div>
            <fieldset class="form-group">
                <legend class="form-group-title">"Pay with"</legend>
                {(methods.len() > 1).then(|| view! {
                    <div class="segmented pay-methods" role="radiogroup" aria-label="Payment method">
                        {methods.iter().map(|m| {
                            let m = *m;
                            view! {
                                <button type="button" role="radio" class="segment" data-testid=format!("pay-method-{}", m.as_str())
                                    aria-checked=move || (method.get() == m).to_string()
                                    on:click=move |_| method.set(m)>
                                    <IconSvg icon=if m == PaymentMethod::Card { Icon::Card } else { Icon::Bank } />
                                    {method_label(m, currency)}
                                </button>
                            }
                        }).collect_view()}
                    </div>
                })}
                {(methods.len() == 1).then(|| {
                    let m = methods[0];
                    view! {
                        <p class="pay-one-method" data-testid=format!("pay-method-{}", m.as_str())>
                            <IconSvg icon=if m == PaymentMethod::Card { Icon::Card } else { Icon::Bank } />
                            {method_label(m, currency)}
                        </p>
                    }
                })}
                <Show when=move || method.get() == PaymentMethod::Card>
                    <CardFields number=card_number expiry=card_expiry cvc=card_cvc name=card_name zip=card_zip zip_label=zip_label errors=errors />
                </Show>
                <Show when=move || method.get() == PaymentMethod::Ach>
                    <BankFields name=bank_name routing=bank_routing account=bank_account kind=bank_type errors=errors />
                </Show>
            </fieldset>
            <fieldset class="form-group">
                <legend class="form-group-title">"Receipt"</legend>
                <label class="field">
                    <span class="field-label">"Email the receipt to"</span>
                    <input class="input" type="email" autocomplete="email" inputmode="email" autocapitalize="none" spellcheck="false"
                        data-testid="receipt-email" aria-invalid=errors.invalid("receipt_email") bind:value=receipt_email />
                    <FieldMessage testid="receipt-email" error=errors.of("receipt_email") />
                </label>
            </fieldset>
            {move || errors.general.get().map(|m| view! {
                <div class="form-error pay-error" class:pay-declined=errors.declined.get() role="alert" data-testid="pay-error">
                    {errors.declined.get().then(|| view! { <strong class="pay-error-title">"Payment declined"</strong> })}
                    <span>{m}</span>
                </div>
            })}
            <div class="form-submit pay-submit">
                <button class="btn btn-primary btn-block btn-pay" type="submit" data-testid="pay-submit"
                    disabled=move || submitting.get() aria-busy=move || submitting.get().to_string()>
                    {move || if submitting.get() { view! { <Spinner /> }.into_any() } else { view! { <IconSvg icon=Icon::Lock /> }.into_any() }}
                    {pay_label}
                </button>
                <p class="pay-secure">
                    <IconSvg icon=Icon::Lock />
                    {format!("Card and bank details go straight to {dealer_name}'s payment provider. They are never sent to or stored by this portal.")}
                </p>
            </div>
        </form>
    }
}

#[component]
fn PayRow(row: Row, picking: bool, errors: PayErrors, locale: String, account_id: Uuid) -> impl IntoView {
    let i = row.invoice.clone();
    let on = row.on;
    let amount = row.amount;
    let field = row_field(i.id);
    let error = errors.of(field.clone());
    let fields = errors.fields;
    let invalid_field = field.clone();
    let invalid = move || fields.with(|all| all.iter().any(|(f, _)| *f == invalid_field)).to_string();
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
                    <A href=format!("/a/{account_id}/invoices/{}", i.id) attr:class="contract-number" attr:target="_blank">{number_link}</A>
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

#[component]
fn CardFields(
    number: RwSignal<String>,
    expiry: RwSignal<String>,
    cvc: RwSignal<String>,
    name: RwSignal<String>,
    zip: RwSignal<String>,
    zip_label: &'static str,
    errors: PayErrors,
) -> impl IntoView {
    view! {
        <div class="pay-fields" data-testid="card-fields">
            <label class="field">
                <span class="field-label">"Card number"</span>
                <input class="input mono-input" type="text" inputmode="numeric" autocomplete="cc-number" name="cc-number"
                    maxlength="23" placeholder="1234 1234 1234 1234" data-testid="card-number" spellcheck="false"
                    aria-invalid=errors.invalid("card_number") bind:value=number />
                <FieldMessage testid="card-number" error=errors.of("card_number") />
            </label>
            <div class="form-row form-row-tight">
                <label class="field">
                    <span class="field-label">"Expiry (MM/YY)"</span>
                    <input class="input" type="text" inputmode="numeric" autocomplete="cc-exp" name="cc-exp" maxlength="7"
                        placeholder="MM/YY" data-testid="card-expiry" aria-invalid=errors.invalid("expiry")
                        prop:value=move || expiry.get() on:input=move |ev| expiry.set(format_expiry(&event_target_value(&ev))) />
                    <FieldMessage testid="card-expiry" error=errors.of("expiry") />
                </label>
                <label class="field">
                    <span class="field-label">"Security code (CVC)"</span>
                    <input class="input" type="text" inputmode="numeric" autocomplete="cc-csc" name="cc-csc" maxlength="4"
                        placeholder="123" data-testid="card-cvc" aria-invalid=errors.invalid("cvc") bind:value=cvc />
                    <FieldMessage testid="card-cvc" error=errors.of("cvc") />
                </label>
            </div>
            <div class="form-row">
                <label class="field">
                    <span class="field-label">"Name on card"</span>
                    <input class="input" type="text" autocomplete="cc-name" name="cc-name" data-testid="card-name"
                        aria-invalid=errors.invalid("card_name") bind:value=name />
                    <FieldMessage testid="card-name" error=errors.of("card_name") />
                </label>
                <label class="field">
                    <span class="field-label">{format!("Billing {}", zip_label.to_lowercase())}</span>
                    <input class="input" type="text" autocomplete="postal-code" name="postal-code" data-testid="card-zip"
                        aria-invalid=errors.invalid("card_zip") bind:value=zip />
                    <FieldMessage testid="card-zip" error=errors.of("card_zip") />
                </label>
            </div>
        </div>
    }
}

#[component]
fn BankFields(
    name: RwSignal<String>,
    routing: RwSignal<String>,
    account: RwSignal<String>,
    kind: RwSignal<String>,
    errors: PayErrors,
) -> impl IntoView {
    view! {
        <div class="pay-fields" data-testid="bank-fields">
            <label class="field">
                <span class="field-label">"Account holder"</span>
                <input class="input" type="text" autocomplete="name" data-testid="bank-name"
                    aria-invalid=errors.invalid("bank_name") bind:value=name />
                <FieldMessage testid="bank-name" error=errors.of("bank_name") />
            </label>
            <div class="form-row">
                <label class="field">
                    <span class="field-label">"Routing number"</span>
                    <input class="input" type="text" inputmode="numeric" autocomplete="off" maxlength="9" spellcheck="false"
                        placeholder="9 digits" data-testid="bank-routing" aria-invalid=errors.invalid("routing_number") bind:value=routing />
                    <FieldMessage testid="bank-routing" error=errors.of("routing_number") />
                </label>
                <label class="field">
                    <span class="field-label">"Account number"</span>
                    <input class="input" type="text" inputmode="numeric" autocomplete="off" maxlength="17" spellcheck="false"
                        data-testid="bank-account" aria-invalid=errors.invalid("account_number") bind:value=account />
                    <FieldMessage testid="bank-account" error=errors.of("account_number") />
                </label>
            </div>
            <div class="field">
                <span class="field-label" id="bank-type-label">"Account type"</span>
                <div class="segmented" role="radiogroup" aria-labelledby="bank-type-label">
                    {[("checking", "Checking"), ("savings", "Savings")].into_iter().map(|(value, label)| view! {
                        <button type="button" role="radio" class="segment" data-testid=format!("bank-type-{value}")
                            aria-checked=move || (kind.get() == value).to_string() on:click=move |_| kind.set(value.to_string())>
                            {label}
                        </button>
                    }).collect_view()}
                </div>
            </div>
            <p class="field-hint">"The debit settles in 3–5 working days. The invoices show as being processed until then."</p>
        </div>
    }
}

/// Test mode: no real money moves; the numbers that approve and decline.
#[component]
fn SandboxBanner(methods: Vec<PaymentMethod>) -> impl IntoView {
    let card = methods.contains(&PaymentMethod::Card);
    let bank = methods.contains(&PaymentMethod::Ach);
    view! {
        <div class="notice notice-warn sandbox-banner" data-testid="sandbox-banner" role="note">
            <IconSvg icon=Icon::Alert class="notice-icon" />
            <div class="notice-body">
                <p class="notice-title">"Test mode — no real money moves"</p>
                <ul class="sandbox-list">
                    {card.then(|| view! {
                        <li>"Card that pays: " <code>"4242 4242 4242 4242"</code> ", any future expiry, any CVC."</li>
                        <li>"Card that is declined: " <code>"4000 0000 0000 0002"</code></li>
                    })}
                    {bank.then(|| view! {
                        <li>"Bank: routing " <code>"110000000"</code> ", any account number (one ending in " <code>"0002"</code> " is refused)."</li>
                    })}
                </ul>
            </div>
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
            let ours = if let Some(rest) = e.field.strip_prefix("allocations[") {
                rest.split_once(']')
                    .and_then(|(i, _)| i.parse::<usize>().ok())
                    .and_then(|i| sent.get(i))
                    .map(|id| row_field(*id))
            } else {
                match e.field.as_str() {
                    "on_account_minor" | "on_account" => Some("on_account".to_string()),
                    "receipt_email" => Some("receipt_email".to_string()),
                    _ => None,
                }
            };
            match ours {
                Some(field) => fields.push((field, e.message.clone())),
                None => other.push(e.message.clone()),
            }
        }
    }
    let general = if matches!(error, ApiError::Problem(p) if p.status == 409) {
        "This payment changed while it was being sent. Check the amounts and press Pay again.".to_string()
    } else if !other.is_empty() {
        other.join(" ")
    } else if fields.is_empty() {
        error.message()
    } else {
        "Please check the fields marked below.".to_string()
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

#[cfg(test)]
mod tests {
    use super::{format_expiry, parse_expiry};

    #[test]
    fn expiry_as_typed() {
        assert_eq!(parse_expiry("12/30"), Some((12, 2030)));
        assert_eq!(parse_expiry("1 / 2031"), Some((1, 2031)));
        assert_eq!(parse_expiry("0430"), Some((4, 2030)));
        assert_eq!(parse_expiry("12"), None);
        assert_eq!(format_expiry("1230"), "12/30");
        assert_eq!(format_expiry("12"), "12");
    }
}
