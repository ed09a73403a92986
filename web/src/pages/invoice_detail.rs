//! `/a/:account_id/invoices/:invoice_id` (E1): one invoice or credit memo — what it bills,
//! its lines and totals, what is still due, the portal payments towards it — with its PDF and,
//! for users allowed to pay, "Pay this invoice".

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::invoices::{InvoiceDetail, InvoiceKind, InvoiceLine, InvoicePaymentRef};
use shared::money::Money;
use uuid::Uuid;

use crate::api;
use crate::components::downloads::PdfButtons;
use crate::components::icons::{Icon, IconSvg};
use crate::components::layout::use_current_account;
use crate::components::payments::{InvoiceStatusBadge, PaymentStatusBadge, invoice_kind_label, payable};
use crate::components::status::{ErrorPanel, SkeletonList};
use crate::format;
use crate::i18n::{Label, count_arg, tr, tr_with};
use crate::paths;
use crate::session::use_session;
use crate::url_query::pay_href;
use crate::when;

#[component]
pub fn InvoiceDetailPage() -> impl IntoView {
    let session = use_session();
    let current = use_current_account();
    let params = use_params_map();
    let invoice_id =
        Memo::new(move |_| params.read().get("invoice_id").and_then(|v| Uuid::parse_str(&v).ok()));
    let back_href = move || current.id().map(paths::invoices).unwrap_or_default();

    let invoice = LocalResource::new(move || {
        let ids = current.id().zip(invoice_id.get());
        async move {
            match ids {
                Some((account, invoice)) => api::invoice(session, account, invoice).await.map(Some),
                None => Ok(None),
            }
        }
    });

    let body = move || {
        Suspend::new(async move {
            let account = current.get();
            match (invoice.await, account) {
                (Ok(Some(detail)), Some(account)) => view! {
                    <Detail detail=detail account_id=account.id locale=account.dealer.locale.clone() may_pay=account.permissions.pay />
                }
                .into_any(),
                (Err(e), _) if !e.is_not_found() => {
                    view! { <ErrorPanel error=e on_retry=move |()| invoice.refetch() /> }.into_any()
                }
                _ => view! { <NotFoundPanel back=back_href() /> }.into_any(),
            }
        })
    };

    view! {
        <section class="page invoice-detail-page" data-testid="invoice-detail-page">
            <A href=back_href attr:class="back-link" attr:data-testid="back-to-invoices">
                <IconSvg icon=Icon::ChevronLeft />{move || tr("invoice-back")}
            </A>
            <Suspense fallback=|| view! { <SkeletonList rows=4 /> }>{body}</Suspense>
        </section>
    }
}

#[component]
fn NotFoundPanel(back: String) -> impl IntoView {
    view! {
        <div class="panel panel-empty" data-testid="invoice-not-found">
            <IconSvg icon=Icon::Invoice class="panel-icon" />
            <div class="panel-body">
                <h1 class="panel-title">{move || tr("invoice-not-found")}</h1>
                <p>{move || tr("invoice-not-found-text")}</p>
                <A href=back attr:class="btn btn-primary">{move || tr("invoice-back")}</A>
            </div>
        </div>
    }
}

#[component]
fn Detail(detail: InvoiceDetail, account_id: Uuid, locale: String, may_pay: bool) -> impl IntoView {
    let s = detail.summary.clone();
    let credit = s.kind == InvoiceKind::CreditMemo;
    let kind = s.kind;
    let number = s.number.clone();
    Effect::new(move |_| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            let args = [("kind", invoice_kind_label(kind).into()), ("number", number.as_str().into())];
            document.set_title(&tr_with("invoice-document-title", &args));
        }
    });
    let paid_so_far = Money::new(s.total.minor - s.balance.minor, s.total.currency);
    let (total, amount_due, pending, balance) = (s.total, s.amount_due, s.pending, s.balance);
    let (invoice_date, due_date) = (s.invoice_date, s.due_date);
    let locale = StoredValue::new(locale);
    let can_pay = may_pay && payable(&s);
    let (subtotal, tax) = (detail.subtotal, detail.tax);
    let lines = detail.lines;
    let line_count = lines.len();
    let payments = detail.payments;
    let contract = s.contract_id.zip(s.contract_number.clone());
    let session = use_session();
    let invoice_id = s.id;
    view! {
        <article class="invoice-detail" data-testid="invoice-detail" data-invoice-id=s.id.to_string()>
            <header class="detail-head">
                <div>
                    <p class="eyebrow">{move || invoice_kind_label(kind)}</p>
                    <h1 class="page-title detail-number" data-testid="invoice-number">{s.number.clone()}</h1>
                </div>
                <InvoiceStatusBadge invoice=s.clone() />
            </header>
            <div class="contract-actions invoice-actions">
                {can_pay.then(|| view! {
                    <A href=pay_href(account_id, &[s.id]) attr:class="btn btn-primary" attr:data-testid="invoice-pay">
                        <IconSvg icon=Icon::Card />{move || tr_with("invoice-pay-this", &[("amount", format::money(&amount_due).into())])}
                    </A>
                })}
                <PdfButtons testid="invoice-pdf" primary=!can_pay fetch=move || Some(api::invoice_pdf(session, account_id, invoice_id)) />
            </div>
            <div class="detail-money">
                <div class="money-box">
                    <span class="money-label">{move || if credit { tr("invoice-credit") } else { tr("invoice-total") }}</span>
                    <span class="money-big" data-testid="invoice-total">{move || format::money(&total)}</span>
                </div>
                <div class="money-box" class:due={amount_due.minor > 0}>
                    <span class="money-label">{move || tr("invoice-amount-due")}</span>
                    <span class="money-big" data-testid="invoice-amount-due">{move || format::money(&amount_due)}</span>
                </div>
                <div class="money-box">
                    <span class="money-label">{move || if s.overdue { tr("invoice-was-due") } else { tr("invoice-due-date") }}</span>
                    <span class="money-big money-date" class:due=s.overdue>{move || locale.with_value(|l| format::opt_date(due_date, l))}</span>
                </div>
                {(pending.minor > 0).then(|| view! {
                    <div class="money-box">
                        <span class="money-label">{move || tr("invoice-processing")}</span>
                        <span class="money-big" data-testid="invoice-pending">{move || format::money(&pending)}</span>
                    </div>
                })}
            </div>
            {(pending.minor > 0).then(|| view! {
                <p class="notice notice-info invoice-pending-note">
                    <IconSvg icon=Icon::Refresh class="notice-icon" />
                    <span>{move || tr_with("invoice-pending-note", &[("amount", format::money(&pending).into())])}</span>
                </p>
            })}
            <dl class="facts">
                {fact(|| tr("invoice-date"), move || locale.with_value(|l| format::date(invoice_date, l)))}
                {fact(|| tr("invoice-due-date"), move || locale.with_value(|l| format::opt_date(due_date, l)))}
                <div class="fact">
                    <dt>{move || tr("invoice-contract")}</dt>
                    <dd>{match contract {
                        Some((id, number)) => view! { <A href=paths::contract(account_id, id) attr:data-testid="invoice-contract">{number}</A> }.into_any(),
                        None => "—".into_any(),
                    }}</dd>
                </div>
                {fact(|| tr("invoice-location"), s.location.as_ref().map_or_else(|| "—".to_string(), |l| l.name.clone()))}
                {fact(|| tr("invoice-po"), format::opt_text(&s.po_number))}
                {fact(|| tr("invoice-job"), format::opt_text(&s.job_number))}
            </dl>
            <section class="lines" data-testid="invoice-lines">
                <h2 class="section-title">{move || tr_with("invoice-charges", &[count_arg(line_count as u64)])}</h2>
                {(line_count == 0).then(|| view! { <p class="muted">{move || tr("invoice-no-lines")}</p> })}
                {(line_count > 0).then(|| view! {
                    <LinesTable lines=lines.clone() />
                    <ul class="card-list phone-only">
                        {lines.into_iter().map(|l| view! { <LineCard line=l /> }).collect_view()}
                    </ul>
                })}
                <dl class="invoice-totals" data-testid="invoice-totals">
                    <div><dt>{move || tr("invoice-subtotal")}</dt><dd>{move || format::money(&subtotal)}</dd></div>
                    <div><dt>{move || tr("invoice-tax")}</dt><dd>{move || format::money(&tax)}</dd></div>
                    <div class="totals-total"><dt>{move || tr("invoice-total")}</dt><dd>{move || format::money(&total)}</dd></div>
                    {(!credit && paid_so_far.minor != 0).then(|| view! {
                        <div>
                            <dt>{move || tr("invoice-paid")}</dt>
                            <dd>{move || format!("−{}", format::money(&Money::new(paid_so_far.minor.abs(), paid_so_far.currency)))}</dd>
                        </div>
                    })}
                    <div class="totals-due"><dt>{move || tr("invoice-balance")}</dt><dd data-testid="invoice-balance">{move || format::money(&balance)}</dd></div>
                </dl>
            </section>
            <section class="invoice-payments" data-testid="invoice-payments">
                <h2 class="section-title">{move || tr("invoice-payments-title")}</h2>
                {if payments.is_empty() {
                    view! { <p class="muted" data-testid="invoice-no-payments">{move || tr("invoice-no-payments")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="card-list invoice-payment-list">
                            {payments.into_iter().map(|p| view! { <PaymentRefRow payment=p account_id=account_id locale=locale.get_value() /> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </article>
    }
}

/// One fact of the invoice: its label and value.
fn fact(label: Label, value: impl IntoView + 'static) -> impl IntoView {
    view! { <div class="fact"><dt>{label}</dt><dd>{value}</dd></div> }
}

#[component]
fn PaymentRefRow(payment: InvoicePaymentRef, account_id: Uuid, locale: String) -> impl IntoView {
    let p = payment;
    let (amount, created_at) = (p.amount, p.created_at);
    view! {
        <li class="invoice-payment" data-testid="invoice-payment">
            <A href=paths::payment(account_id, p.payment_id) attr:class="invoice-payment-link">
                <span class="invoice-payment-number mono">{p.number.clone()}</span>
                <span class="invoice-payment-when">{move || when::timestamp(created_at, &locale)}</span>
                <span class="invoice-payment-amount money">{move || format::money(&amount)}</span>
                <PaymentStatusBadge status=p.status />
            </A>
        </li>
    }
}

#[component]
fn LinesTable(lines: Vec<InvoiceLine>) -> impl IntoView {
    view! {
        <div class="table-wrap desktop-only">
            <table class="data-table lines-table">
                <thead>
                    <tr>
                        <th scope="col">{move || tr("invoice-line-no")}</th>
                        <th scope="col">{move || tr("invoice-line-description")}</th>
                        <th scope="col">{move || tr("invoice-line-item")}</th>
                        <th scope="col" class="num">{move || tr("invoice-line-quantity")}</th>
                        <th scope="col" class="num">{move || tr("invoice-line-unit-price")}</th>
                        <th scope="col" class="num">{move || tr("invoice-line-amount")}</th>
                    </tr>
                </thead>
                <tbody>
                    {lines.into_iter().map(|l| {
                        let (unit_price, amount) = (l.unit_price, l.amount);
                        view! {
                        <tr data-testid="invoice-line">
                            <td>{l.line_no}</td>
                            <td class="desc">{l.description.clone()}</td>
                            <td class="mono">{format::opt_text(&l.item_code)}</td>
                            <td class="num">{l.quantity}</td>
                            <td class="num">{move || format::money(&unit_price)}</td>
                            <td class="num">{move || format::money(&amount)}</td>
                        </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn LineCard(line: InvoiceLine) -> impl IntoView {
    let l = line;
    let (amount, unit_price, quantity) = (l.amount, l.unit_price, l.quantity);
    view! {
        <li class="line-card invoice-line-card" data-testid="invoice-line">
            <div class="card-top">
                <span class="line-title"><span class="line-no">{format!("{}.", l.line_no)}</span>{l.description.clone()}</span>
                <span class="money">{move || format::money(&amount)}</span>
            </div>
            <p class="invoice-line-meta">
                {move || format!("{quantity} × {}", format::money(&unit_price))}
                {l.item_code.clone().filter(|c| !c.trim().is_empty()).map(|c| view! { <span class="mono">{c}</span> })}
            </p>
        </li>
    }
}
