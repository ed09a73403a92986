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
use crate::components::payments::{InvoiceStatusBadge, PaymentStatusBadge, payable};
use crate::components::status::{ErrorPanel, SkeletonList};
use crate::format;
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
                <IconSvg icon=Icon::ChevronLeft />"Back to invoices"
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
                <h1 class="panel-title">"Invoice not found"</h1>
                <p>"This invoice does not exist or is not on this account."</p>
                <A href=back attr:class="btn btn-primary">"Back to invoices"</A>
            </div>
        </div>
    }
}

#[component]
fn Detail(detail: InvoiceDetail, account_id: Uuid, locale: String, may_pay: bool) -> impl IntoView {
    let s = detail.summary.clone();
    let credit = s.kind == InvoiceKind::CreditMemo;
    let kind_label = s.kind.label();
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{kind_label} {}", s.number));
    }
    let fact = |label: &'static str, value: String| view! { <div class="fact"><dt>{label}</dt><dd>{value}</dd></div> };
    let paid_so_far = Money::new(s.total.minor - s.balance.minor, s.total.currency);
    let can_pay = may_pay && payable(&s);
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
                    <p class="eyebrow">{kind_label}</p>
                    <h1 class="page-title detail-number" data-testid="invoice-number">{s.number.clone()}</h1>
                </div>
                <InvoiceStatusBadge invoice=s.clone() />
            </header>
            <div class="contract-actions invoice-actions">
                {can_pay.then(|| view! {
                    <A href=pay_href(account_id, &[s.id]) attr:class="btn btn-primary" attr:data-testid="invoice-pay">
                        <IconSvg icon=Icon::Card />{format!("Pay this invoice — {}", s.amount_due.display())}
                    </A>
                })}
                <PdfButtons testid="invoice-pdf" primary=!can_pay fetch=move || Some(api::invoice_pdf(session, account_id, invoice_id)) />
            </div>
            <div class="detail-money">
                <div class="money-box">
                    <span class="money-label">{if credit { "Credit" } else { "Total" }}</span>
                    <span class="money-big" data-testid="invoice-total">{s.total.display()}</span>
                </div>
                <div class="money-box" class:due={s.amount_due.minor > 0}>
                    <span class="money-label">"Amount due"</span>
                    <span class="money-big" data-testid="invoice-amount-due">{s.amount_due.display()}</span>
                </div>
                <div class="money-box">
                    <span class="money-label">{if s.overdue { "Was due" } else { "Due date" }}</span>
                    <span class="money-big money-date" class:due=s.overdue>{format::opt_date(s.due_date, &locale)}</span>
                </div>
                {(s.pending.minor > 0).then(|| view! {
                    <div class="money-box">
                        <span class="money-label">"Processing"</span>
                        <span class="money-big" data-testid="invoice-pending">{s.pending.display()}</span>
                    </div>
                })}
            </div>
            {(s.pending.minor > 0).then(|| view! {
                <p class="notice notice-info invoice-pending-note">
                    <IconSvg icon=Icon::Refresh class="notice-icon" />
                    <span>{format!("{} paid through the portal is being processed. The balance updates once the store posts it.", s.pending.display())}</span>
                </p>
            })}
            <dl class="facts">
                {fact("Invoice date", format::date(s.invoice_date, &locale))}
                {fact("Due date", format::opt_date(s.due_date, &locale))}
                <div class="fact">
                    <dt>"Contract"</dt>
                    <dd>{match contract {
                        Some((id, number)) => view! { <A href=paths::contract(account_id, id) attr:data-testid="invoice-contract">{number}</A> }.into_any(),
                        None => "—".into_any(),
                    }}</dd>
                </div>
                {fact("Location", s.location.as_ref().map_or_else(|| "—".to_string(), |l| l.name.clone()))}
                {fact("PO", format::opt_text(&s.po_number))}
                {fact("Job", format::opt_text(&s.job_number))}
            </dl>
            <section class="lines" data-testid="invoice-lines">
                <h2 class="section-title">{format!("Charges ({line_count})")}</h2>
                {(line_count == 0).then(|| view! { <p class="muted">"The store sent this invoice without line detail; the PDF has the full invoice."</p> })}
                {(line_count > 0).then(|| view! {
                    <LinesTable lines=lines.clone() />
                    <ul class="card-list phone-only">
                        {lines.into_iter().map(|l| view! { <LineCard line=l /> }).collect_view()}
                    </ul>
                })}
                <dl class="invoice-totals" data-testid="invoice-totals">
                    <div><dt>"Subtotal"</dt><dd>{detail.subtotal.display()}</dd></div>
                    <div><dt>"Tax"</dt><dd>{detail.tax.display()}</dd></div>
                    <div class="totals-total"><dt>"Total"</dt><dd>{s.total.display()}</dd></div>
                    {(!credit && paid_so_far.minor != 0).then(|| view! {
                        <div><dt>"Paid"</dt><dd>{format!("−{}", Money::new(paid_so_far.minor.abs(), paid_so_far.currency).display())}</dd></div>
                    })}
                    <div class="totals-due"><dt>"Balance"</dt><dd data-testid="invoice-balance">{s.balance.display()}</dd></div>
                </dl>
            </section>
            <section class="invoice-payments" data-testid="invoice-payments">
                <h2 class="section-title">"Payments made here"</h2>
                {if payments.is_empty() {
                    view! { <p class="muted" data-testid="invoice-no-payments">"No payments through the portal yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="card-list invoice-payment-list">
                            {payments.into_iter().map(|p| view! { <PaymentRefRow payment=p account_id=account_id locale=locale.clone() /> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </article>
    }
}

#[component]
fn PaymentRefRow(payment: InvoicePaymentRef, account_id: Uuid, locale: String) -> impl IntoView {
    let p = payment;
    view! {
        <li class="invoice-payment" data-testid="invoice-payment">
            <A href=paths::payment(account_id, p.payment_id) attr:class="invoice-payment-link">
                <span class="invoice-payment-number mono">{p.number.clone()}</span>
                <span class="invoice-payment-when">{when::timestamp(p.created_at, &locale)}</span>
                <span class="invoice-payment-amount money">{p.amount.display()}</span>
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
                        <th scope="col">"#"</th>
                        <th scope="col">"Description"</th>
                        <th scope="col">"Item"</th>
                        <th scope="col" class="num">"Qty"</th>
                        <th scope="col" class="num">"Unit price"</th>
                        <th scope="col" class="num">"Amount"</th>
                    </tr>
                </thead>
                <tbody>
                    {lines.into_iter().map(|l| view! {
                        <tr data-testid="invoice-line">
                            <td>{l.line_no}</td>
                            <td class="desc">{l.description.clone()}</td>
                            <td class="mono">{format::opt_text(&l.item_code)}</td>
                            <td class="num">{l.quantity}</td>
                            <td class="num">{l.unit_price.display()}</td>
                            <td class="num">{l.amount.display()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn LineCard(line: InvoiceLine) -> impl IntoView {
    let l = line;
    view! {
        <li class="line-card invoice-line-card" data-testid="invoice-line">
            <div class="card-top">
                <span class="line-title"><span class="line-no">{format!("{}.", l.line_no)}</span>{l.description.clone()}</span>
                <span class="money">{l.amount.display()}</span>
            </div>
            <p class="invoice-line-meta">
                {format!("{} × {}", l.quantity, l.unit_price.display())}
                {l.item_code.clone().filter(|c| !c.trim().is_empty()).map(|c| view! { <span class="mono">{c}</span> })}
            </p>
        </li>
    }
}
