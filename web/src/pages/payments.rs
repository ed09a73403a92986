//! `/a/:account_id/payments` and `/a/:account_id/payments/:payment_id` (E6): the account's
//! payment history, and one payment's receipt — also the screen a successful payment lands on.

use std::cell::RefCell;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use shared::accounts::AccountSummary;
use shared::paging::Page;
use shared::payments::{PaymentChannel, PaymentDetail, PaymentStatus, PaymentSummary, Tender};
use uuid::Uuid;

use crate::api;
use crate::components::icons::{Icon, IconSvg};
use crate::components::layout::use_current_account;
use crate::components::list_page::list_results;
use crate::components::payments::{PaymentChannelNote, PaymentStatusBadge, instrument};
use crate::components::status::{ErrorPanel, SkeletonList};
use crate::format;
use crate::paths;
use crate::session::use_session;
use crate::url_query;
use crate::when;

thread_local! {
    /// The payment the pay form just made, so its receipt shows without a second load.
    static LAST_PAYMENT: RefCell<Option<PaymentDetail>> = const { RefCell::new(None) };
}

/// Hands a fresh payment to the receipt screen.
pub fn remember_payment(detail: PaymentDetail) {
    LAST_PAYMENT.with(|last| *last.borrow_mut() = Some(detail));
}

fn remembered_payment(id: Uuid) -> Option<PaymentDetail> {
    LAST_PAYMENT.with(|last| last.borrow().as_ref().filter(|p| p.summary.id == id).cloned())
}

// ---- History ---------------------------------------------------------------------------

#[component]
pub fn PaymentsPage() -> impl IntoView {
    let current = use_current_account();
    move || current.get().map(|account| view! { <Payments account=account /> })
}

#[component]
fn Payments(account: AccountSummary) -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    let account_id = account.id;
    let locale = account.dealer.locale.clone();
    let may_pay = account.permissions.pay;
    let page = Memo::new(move |_| query.with(url_query::page));
    let to_page = Callback::new(move |p: u32| {
        let query = if p > 1 { format!("page={p}") } else { String::new() };
        navigate(&url_query::href(paths::payments(account_id), &query), Default::default());
    });
    let payments = LocalResource::new(move || {
        let page = page.get();
        async move { api::payments(session, account_id, page).await }
    });
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title("Payments");
    }
    let empty = move || {
        view! {
            <div class="panel panel-empty" data-testid="empty-state">
                <IconSvg icon=Icon::Card class="panel-icon" />
                <div class="panel-body">
                    <h2 class="panel-title">"No payments yet"</h2>
                    <p>"Payments made through the portal, and those the store received at the counter, show here with their receipts."</p>
                    <A href=paths::invoices(account_id) attr:class="btn btn-primary">"See invoices"</A>
                </div>
            </div>
        }
        .into_any()
    };
    let rows = move |p: Page<PaymentSummary>| {
        view! {
            <PaymentsTable items=p.items.clone() account_id=account_id locale=locale.clone() />
            <ul class="card-list phone-only payment-cards">
                {p.items.into_iter().map(|pay| view! { <PaymentCard payment=pay account_id=account_id locale=locale.clone() /> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="page payments-page" data-testid="payments-page">
            <div class="page-head">
                <div>
                    <A href=paths::invoices(account_id) attr:class="back-link"><IconSvg icon=Icon::ChevronLeft />"Invoices"</A>
                    <h1 class="page-title">"Payments"</h1>
                </div>
                {may_pay.then(|| view! {
                    <A href=paths::pay(account_id) attr:class="btn btn-primary" attr:data-testid="payments-pay">
                        <IconSvg icon=Icon::Card />"Make a payment"
                    </A>
                })}
            </div>
            {list_results(payments, 4, empty, rows, to_page)}
        </section>
    }
}

fn receipt_href(account_id: Uuid, payment_id: Uuid) -> String {
    paths::payment(account_id, payment_id)
}

/// When it was paid: the portal payment's time, or the day the store received a counter
/// payment (the back office records the day, not the time).
fn paid_when(p: &PaymentSummary, locale: &str) -> String {
    match (p.channel, p.received_on) {
        (PaymentChannel::Counter, Some(day)) => format::date(day, locale),
        _ => when::timestamp(p.created_at, locale),
    }
}

#[component]
fn PaymentsTable(items: Vec<PaymentSummary>, account_id: Uuid, locale: String) -> impl IntoView {
    view! {
        <div class="table-wrap desktop-only">
            <table class="data-table payments-table" data-testid="payments-table">
                <thead>
                    <tr>
                        <th scope="col">"Receipt"</th>
                        <th scope="col">"Date"</th>
                        <th scope="col">"Method"</th>
                        <th scope="col">"Paid by"</th>
                        <th scope="col" class="num">"Amount"</th>
                        <th scope="col">"Status"</th>
                    </tr>
                </thead>
                <tbody>
                    {items.into_iter().map(|p| {
                        let number = p.number.clone();
                        view! {
                        <tr data-testid="payment-row" data-payment-id=p.id.to_string() data-status=p.status.as_str()
                            class:row-failed=p.status == PaymentStatus::Failed>
                            <td><A href=receipt_href(account_id, p.id) attr:class="contract-number mono" attr:data-testid="payment-number">{number}</A></td>
                            <td class="nowrap">{paid_when(&p, &locale)}</td>
                            <td>
                                <span data-testid="payment-method">{instrument(&p)}</span>
                                <PaymentChannelNote channel=p.channel />
                            </td>
                            <td>{p.paid_by.clone()}</td>
                            <td class="num money">{p.amount.display()}</td>
                            <td><PaymentStatusBadge status=p.status /></td>
                        </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn PaymentCard(payment: PaymentSummary, account_id: Uuid, locale: String) -> impl IntoView {
    let p = payment;
    let (id, status) = (p.id, p.status);
    view! {
        <li class="contract-card payment-card" data-testid="payment-row" data-payment-id=id.to_string() data-status=status.as_str()>
            <A href=receipt_href(account_id, id) attr:class="card-link">
                <div class="card-top">
                    <span class="contract-number mono" data-testid="payment-number">{p.number.clone()}</span>
                    <PaymentStatusBadge status=p.status />
                </div>
                <div class="payment-card-amount">
                    <span class="money-big">{p.amount.display()}</span>
                    <span class="payment-card-method" data-testid="payment-method">{instrument(&p)}</span>
                </div>
                <PaymentChannelNote channel=p.channel />
                <p class="payment-card-meta">{format!("{} · {}", paid_when(&p, &locale), p.paid_by)}</p>
            </A>
        </li>
    }
}

// ---- Receipt ---------------------------------------------------------------------------

#[component]
pub fn PaymentReceiptPage() -> impl IntoView {
    let session = use_session();
    let current = use_current_account();
    let params = use_params_map();
    let payment_id =
        Memo::new(move |_| params.read().get("payment_id").and_then(|v| Uuid::parse_str(&v).ok()));
    let payment = LocalResource::new(move || {
        let ids = current.id().zip(payment_id.get());
        async move {
            match ids {
                Some((_, payment)) if remembered_payment(payment).is_some() => {
                    Ok(remembered_payment(payment))
                }
                Some((account, payment)) => api::payment(session, account, payment).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let body = move || {
        Suspend::new(async move {
            let account = current.get();
            match (payment.await, account) {
                (Ok(Some(detail)), Some(account)) => view! {
                    <Receipt detail=detail account=account />
                }
                .into_any(),
                (Err(e), _) if !e.is_not_found() => {
                    view! { <ErrorPanel error=e on_retry=move |()| payment.refetch() /> }.into_any()
                }
                _ => view! {
                    <div class="panel panel-empty" data-testid="payment-not-found">
                        <IconSvg icon=Icon::Card class="panel-icon" />
                        <div class="panel-body">
                            <h1 class="panel-title">"Payment not found"</h1>
                            <p>"This payment does not exist or is not on this account."</p>
                        </div>
                    </div>
                }
                .into_any(),
            }
        })
    };
    view! {
        <section class="page myreq-page receipt-page" data-testid="receipt-page">
            <A href=move || current.id().map(paths::payments).unwrap_or_default() attr:class="back-link">
                <IconSvg icon=Icon::ChevronLeft />"Payments"
            </A>
            <Suspense fallback=|| view! { <SkeletonList rows=3 /> }>{body}</Suspense>
        </section>
    }
}

#[component]
fn Receipt(detail: PaymentDetail, account: AccountSummary) -> impl IntoView {
    let s = detail.summary.clone();
    let account_id = account.id;
    let locale = account.dealer.locale.clone();
    let counter = s.channel == PaymentChannel::Counter;
    let (icon_class, icon, title, note) = match (s.status, s.method) {
        (PaymentStatus::Succeeded, _) if counter => (
            "result-icon-ok",
            Icon::Check,
            PaymentChannel::Counter.label().to_string(),
            Some(format!("Received by {} and recorded by its office.", account.dealer.name)),
        ),
        (PaymentStatus::Succeeded, _) => ("result-icon-ok", Icon::Check, "Payment received".to_string(), None),
        (PaymentStatus::Pending, _) | (PaymentStatus::Processing, Tender::Ach) => (
            "result-icon-ok",
            Icon::Bank,
            "Bank payment submitted".to_string(),
            Some("It settles in 3–5 working days; the invoices show as being processed until then.".to_string()),
        ),
        (PaymentStatus::Processing, _) => (
            "result-icon-warn",
            Icon::Refresh,
            "Payment processing".to_string(),
            Some("The payment provider has not answered yet. This receipt updates once it has; you will not be charged twice.".to_string()),
        ),
        (PaymentStatus::Failed, _) => (
            "result-icon-warn",
            Icon::Alert,
            "Payment declined".to_string(),
            Some(detail.failure_message.clone().unwrap_or_else(|| "No money was taken.".to_string())),
        ),
    };
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("Receipt {}", s.number));
    }
    let allocations = detail.allocations.clone();
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <section class="confirmation receipt" data-testid="payment-receipt" data-payment-id=s.id.to_string()>
            <div class="confirmation-head">
                <span class=format!("result-icon {icon_class}")><IconSvg icon=icon /></span>
                <div class="receipt-status" data-testid="receipt-status" data-status=s.status.as_str()>
                    <h1 class="page-title">{title}</h1>
                    {note.map(|n| view! { <p class="receipt-note" data-testid="receipt-note">{n}</p> })}
                </div>
                <p class="receipt-amount" data-testid="receipt-amount">{s.amount.display()}</p>
                <p class="confirmation-label">"Receipt number"</p>
                <p class="confirmation-number" data-testid="receipt-number">{s.number.clone()}</p>
                <p class="confirmation-time">{format!("{} · {}", paid_when(&s, &locale), account.dealer.name)}</p>
            </div>
            <dl class="facts confirmation-facts receipt-facts">
                <div class="fact"><dt>"Method"</dt><dd data-testid="receipt-method">{instrument(&s)}</dd></div>
                <div class="fact"><dt>"Paid by"</dt><dd>{s.paid_by.clone()}</dd></div>
                <div class="fact"><dt>"Account"</dt><dd>{format!("{} · {}", account.name, account.account_number)}</dd></div>
                {detail.gateway_reference.clone().or_else(|| s.reference.clone()).map(|r| view! {
                    <div class="fact"><dt>"Reference"</dt><dd class="mono" data-testid="receipt-reference">{r}</dd></div>
                })}
                {counter.then(|| view! {
                    <div class="fact"><dt>"Paid"</dt><dd data-testid="receipt-channel">{PaymentChannel::Counter.label()}</dd></div>
                })}
            </dl>
            <h2 class="section-title">"What it pays"</h2>
            <ul class="receipt-lines" data-testid="receipt-allocations">
                {allocations.into_iter().map(|a| {
                    let what = match (a.invoice_id, a.invoice_number.clone()) {
                        (Some(id), Some(number)) => view! {
                            <A href=paths::invoice(account_id, id) attr:class="contract-number">{format!("Invoice {number}")}</A>
                        }.into_any(),
                        (_, Some(number)) => view! { <span>{format!("Invoice {number}")}</span> }.into_any(),
                        (_, None) => view! { <span>"Payment on account"</span> }.into_any(),
                    };
                    view! {
                        <li class="receipt-line" data-testid="receipt-allocation">
                            {what}
                            <span class="money">{a.amount.display()}</span>
                        </li>
                    }
                }).collect_view()}
                <li class="receipt-line receipt-line-total"><span>"Total"</span><span class="money">{s.amount.display()}</span></li>
            </ul>
            {detail.receipt_email.clone().filter(|_| s.status != PaymentStatus::Failed).map(|to| view! {
                <p class="confirmation-copy" data-testid="receipt-email-sent">{format!("A receipt was sent to {to}.")}</p>
            })}
            <div class="confirmation-actions">
                <A href=paths::invoices(account_id) attr:class="btn btn-primary" attr:data-testid="receipt-invoices">"Back to invoices"</A>
                <button type="button" class="btn btn-secondary" data-testid="receipt-print" on:click=print>"Print receipt"</button>
            </div>
        </section>
    }
}
