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
use crate::components::payments::{PaymentChannelNote, PaymentStatusBadge, channel_label, instrument};
use crate::components::status::{ErrorPanel, SkeletonList};
use crate::format;
use crate::i18n::{tr, tr_with};
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
    Effect::new(move |_| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&tr("payments-title"));
        }
    });
    let empty = move || {
        view! {
            <div class="panel panel-empty" data-testid="empty-state">
                <IconSvg icon=Icon::Card class="panel-icon" />
                <div class="panel-body">
                    <h2 class="panel-title">{move || tr("payments-empty")}</h2>
                    <p>{move || tr("payments-empty-text")}</p>
                    <A href=paths::invoices(account_id) attr:class="btn btn-primary">{move || tr("payment-see-invoices")}</A>
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
                    <A href=paths::invoices(account_id) attr:class="back-link"><IconSvg icon=Icon::ChevronLeft />{move || tr("invoices-title")}</A>
                    <h1 class="page-title">{move || tr("payments-title")}</h1>
                </div>
                {may_pay.then(|| view! {
                    <A href=paths::pay(account_id) attr:class="btn btn-primary" attr:data-testid="payments-pay">
                        <IconSvg icon=Icon::Card />{move || tr("payment-make")}
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
    let locale = StoredValue::new(locale);
    view! {
        <div class="table-wrap desktop-only">
            <table class="data-table payments-table" data-testid="payments-table">
                <thead>
                    <tr>
                        <th scope="col">{move || tr("payments-col-receipt")}</th>
                        <th scope="col">{move || tr("payments-col-date")}</th>
                        <th scope="col">{move || tr("payments-col-method")}</th>
                        <th scope="col">{move || tr("payments-col-paid-by")}</th>
                        <th scope="col" class="num">{move || tr("payments-col-amount")}</th>
                        <th scope="col">{move || tr("payments-col-status")}</th>
                    </tr>
                </thead>
                <tbody>
                    {items.into_iter().map(|p| {
                        let number = p.number.clone();
                        let (stored, amount) = (StoredValue::new(p.clone()), p.amount);
                        view! {
                        <tr data-testid="payment-row" data-payment-id=p.id.to_string() data-status=p.status.as_str()
                            class:row-failed=p.status == PaymentStatus::Failed>
                            <td><A href=receipt_href(account_id, p.id) attr:class="contract-number mono" attr:data-testid="payment-number">{number}</A></td>
                            <td class="nowrap">{move || stored.with_value(|p| locale.with_value(|l| paid_when(p, l)))}</td>
                            <td>
                                <span data-testid="payment-method">{move || stored.with_value(instrument)}</span>
                                <PaymentChannelNote channel=p.channel />
                            </td>
                            <td>{p.paid_by.clone()}</td>
                            <td class="num money">{move || format::money(&amount)}</td>
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
    let (id, status, amount) = (p.id, p.status, p.amount);
    let stored = StoredValue::new(p.clone());
    view! {
        <li class="contract-card payment-card" data-testid="payment-row" data-payment-id=id.to_string() data-status=status.as_str()>
            <A href=receipt_href(account_id, id) attr:class="card-link">
                <div class="card-top">
                    <span class="contract-number mono" data-testid="payment-number">{p.number.clone()}</span>
                    <PaymentStatusBadge status=p.status />
                </div>
                <div class="payment-card-amount">
                    <span class="money-big">{move || format::money(&amount)}</span>
                    <span class="payment-card-method" data-testid="payment-method">{move || stored.with_value(instrument)}</span>
                </div>
                <PaymentChannelNote channel=p.channel />
                <p class="payment-card-meta">{move || stored.with_value(|p| format!("{} · {}", paid_when(p, &locale), p.paid_by))}</p>
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
                            <h1 class="panel-title">{move || tr("receipt-not-found")}</h1>
                            <p>{move || tr("receipt-not-found-text")}</p>
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
                <IconSvg icon=Icon::ChevronLeft />{move || tr("payments-title")}
            </A>
            <Suspense fallback=|| view! { <SkeletonList rows=3 /> }>{body}</Suspense>
        </section>
    }
}

/// How the payment went: the icon's class and icon, the title and the note under it. A
/// decline's note is the gateway's message when it gave one.
fn outcome(detail: &PaymentDetail, dealer: &str) -> (&'static str, Icon, String, Option<String>) {
    let s = &detail.summary;
    match (s.status, s.method) {
        (PaymentStatus::Succeeded, _) if s.channel == PaymentChannel::Counter => (
            "result-icon-ok",
            Icon::Check,
            channel_label(PaymentChannel::Counter),
            Some(tr_with("receipt-counter-note", &[("dealer", dealer.into())])),
        ),
        (PaymentStatus::Succeeded, _) => ("result-icon-ok", Icon::Check, tr("receipt-received"), None),
        (PaymentStatus::Pending, _) | (PaymentStatus::Processing, Tender::Ach) => {
            ("result-icon-ok", Icon::Bank, tr("receipt-bank-submitted"), Some(tr("receipt-bank-note")))
        }
        (PaymentStatus::Processing, _) => {
            ("result-icon-warn", Icon::Refresh, tr("receipt-processing"), Some(tr("receipt-processing-note")))
        }
        (PaymentStatus::Failed, _) => (
            "result-icon-warn",
            Icon::Alert,
            tr("receipt-declined"),
            Some(detail.failure_message.clone().unwrap_or_else(|| tr("receipt-nothing-taken"))),
        ),
    }
}

#[component]
fn Receipt(detail: PaymentDetail, account: AccountSummary) -> impl IntoView {
    let s = detail.summary.clone();
    let account_id = account.id;
    let locale = account.dealer.locale.clone();
    let counter = s.channel == PaymentChannel::Counter;
    let number = s.number.clone();
    Effect::new(move |_| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&tr_with("receipt-document-title", &[("number", number.as_str().into())]));
        }
    });
    let head = {
        let (detail, dealer) = (detail.clone(), account.dealer.name.clone());
        move || {
            let (icon_class, icon, title, note) = outcome(&detail, &dealer);
            view! {
                <span class=format!("result-icon {icon_class}")><IconSvg icon=icon /></span>
                <div class="receipt-status" data-testid="receipt-status" data-status=detail.summary.status.as_str()>
                    <h1 class="page-title">{title}</h1>
                    {note.map(|n| view! { <p class="receipt-note" data-testid="receipt-note">{n}</p> })}
                </div>
            }
        }
    };
    let paid = {
        let (s, dealer) = (s.clone(), account.dealer.name.clone());
        move || format!("{} · {dealer}", paid_when(&s, &locale))
    };
    let method = {
        let s = s.clone();
        move || instrument(&s)
    };
    let total = s.amount;
    let allocations = detail.allocations.clone();
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <section class="confirmation receipt" data-testid="payment-receipt" data-payment-id=s.id.to_string()>
            <div class="confirmation-head">
                {head}
                <p class="receipt-amount" data-testid="receipt-amount">{move || format::money(&total)}</p>
                <p class="confirmation-label">{move || tr("receipt-number")}</p>
                <p class="confirmation-number" data-testid="receipt-number">{s.number.clone()}</p>
                <p class="confirmation-time">{paid}</p>
            </div>
            <dl class="facts confirmation-facts receipt-facts">
                <div class="fact"><dt>{move || tr("receipt-method")}</dt><dd data-testid="receipt-method">{method}</dd></div>
                <div class="fact"><dt>{move || tr("receipt-paid-by")}</dt><dd>{s.paid_by.clone()}</dd></div>
                <div class="fact"><dt>{move || tr("receipt-account")}</dt><dd>{format!("{} · {}", account.name, account.account_number)}</dd></div>
                {detail.gateway_reference.clone().or_else(|| s.reference.clone()).map(|r| view! {
                    <div class="fact"><dt>{move || tr("receipt-reference")}</dt><dd class="mono" data-testid="receipt-reference">{r}</dd></div>
                })}
                {counter.then(|| view! {
                    <div class="fact">
                        <dt>{move || tr("receipt-paid")}</dt>
                        <dd data-testid="receipt-channel">{move || channel_label(PaymentChannel::Counter)}</dd>
                    </div>
                })}
            </dl>
            <h2 class="section-title">{move || tr("receipt-what-it-pays")}</h2>
            <ul class="receipt-lines" data-testid="receipt-allocations">
                {allocations.into_iter().map(|a| {
                    let what = match (a.invoice_id, a.invoice_number.clone()) {
                        (Some(id), Some(number)) => view! {
                            <A href=paths::invoice(account_id, id) attr:class="contract-number">
                                {move || tr_with("receipt-invoice", &[("number", number.as_str().into())])}
                            </A>
                        }.into_any(),
                        (_, Some(number)) => view! {
                            <span>{move || tr_with("receipt-invoice", &[("number", number.as_str().into())])}</span>
                        }.into_any(),
                        (_, None) => view! { <span>{move || tr("receipt-on-account")}</span> }.into_any(),
                    };
                    let amount = a.amount;
                    view! {
                        <li class="receipt-line" data-testid="receipt-allocation">
                            {what}
                            <span class="money">{move || format::money(&amount)}</span>
                        </li>
                    }
                }).collect_view()}
                <li class="receipt-line receipt-line-total">
                    <span>{move || tr("receipt-total")}</span>
                    <span class="money">{move || format::money(&total)}</span>
                </li>
            </ul>
            {detail.receipt_email.clone().filter(|_| s.status != PaymentStatus::Failed).map(|to| view! {
                <p class="confirmation-copy" data-testid="receipt-email-sent">
                    {move || tr_with("receipt-email-sent", &[("email", to.as_str().into())])}
                </p>
            })}
            <div class="confirmation-actions">
                <A href=paths::invoices(account_id) attr:class="btn btn-primary" attr:data-testid="receipt-invoices">
                    {move || tr("invoice-back")}
                </A>
                <button type="button" class="btn btn-secondary" data-testid="receipt-print" on:click=print>
                    {move || tr("receipt-print")}
                </button>
            </div>
        </section>
    }
}
