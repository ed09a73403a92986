//! `/a/:account_id/summary` (B2, B3): the account at a glance — who it is, its credit and
//! balance with the ageing, and the newest invoices, payments and requests, each linking to
//! its full list.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::accounts::AccountSummary;
use shared::overview::AccountOverview;

use crate::api;
use crate::components::icons::{Icon, IconSvg};
use crate::components::layout::use_current_account;
use crate::components::payments::{InvoiceStatusBadge, PaymentStatusBadge};
use crate::components::requests::{RequestStatusBadge, kind_label};
use crate::components::status::{ErrorPanel, SkeletonList};
use crate::format::{self, tel_href};
use crate::i18n::{Label, tr};
use crate::pages::invoices::BalanceCard;
use crate::paths;
use crate::session::use_session;
use crate::when;

#[component]
pub fn AccountSummaryPage() -> impl IntoView {
    let current = use_current_account();
    move || current.get().map(|account| view! { <Summary account=account /> })
}

#[component]
fn Summary(account: AccountSummary) -> impl IntoView {
    let session = use_session();
    let account_id = account.id;
    let overview = LocalResource::new(move || api::overview(session, account_id));
    Effect::new(move |_| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&tr("summary-title"));
        }
    });
    let body = move || {
        let account = account.clone();
        Suspend::new(async move {
            match overview.await {
                Ok(o) => view! { <Overview account=account overview=o /> }.into_any(),
                Err(e) => view! { <ErrorPanel error=e on_retry=move |()| overview.refetch() /> }.into_any(),
            }
        })
    };
    view! {
        <section class="page summary-page" data-testid="summary-page">
            <h1 class="page-title">{move || tr("summary-title")}</h1>
            <Suspense fallback=|| view! { <SkeletonList rows=4 /> }>{body}</Suspense>
        </section>
    }
}

#[component]
fn Overview(account: AccountSummary, overview: AccountOverview) -> impl IntoView {
    let account_id = account.id;
    let locale = account.dealer.locale.clone();
    let terms = account.dealer.terminology;
    let c = overview.contact;
    let fact = |label: Label, value: AnyView, testid: &'static str| {
        view! { <div class="fact" data-testid=testid><dt>{label}</dt><dd>{value}</dd></div> }
    };
    let text = |value: Option<String>| value.unwrap_or_else(|| "—".to_string());
    let phone = c.phone.clone().map(|p| view! { <a href=tel_href(&p)>{p.clone()}</a> }.into_any());
    let email = c.email.clone().map(|e| view! { <a href=format!("mailto:{e}")>{e.clone()}</a> }.into_any());
    let credit = overview.credit_limit.zip(overview.available_credit);
    let last_payment = overview.recent_payments.first().cloned();
    let payment_locale = locale.clone();
    let (invoice_count, payment_count, request_count) =
        (overview.recent_invoices.len(), overview.recent_payments.len(), overview.recent_requests.len());
    let invoice_rows = overview
        .recent_invoices
        .into_iter()
        .map(|i| {
            let at = format::date(i.invoice_date, &locale);
            let number = i.number.clone();
            view! {
                <li class="summary-row">
                    <A href=paths::invoice(account_id, i.id) attr:class="contract-number">{number}</A>
                    <span class="summary-row-meta">{at}</span>
                    <span class="summary-row-amount">{format::money(&i.total)}</span>
                    <InvoiceStatusBadge invoice=i />
                </li>
            }
        })
        .collect_view();
    let payment_rows = overview
        .recent_payments
        .into_iter()
        .map(|p| {
            let at = when::clock_time(p.created_at, &locale);
            let number = p.number.clone();
            view! {
                <li class="summary-row">
                    <A href=paths::payment(account_id, p.id) attr:class="contract-number">{number}</A>
                    <span class="summary-row-meta">{at}</span>
                    <span class="summary-row-amount">{format::money(&p.amount)}</span>
                    <PaymentStatusBadge status=p.status />
                </li>
            }
        })
        .collect_view();
    let request_rows = overview
        .recent_requests
        .into_iter()
        .map(|r| {
            let at = when::clock_time(r.created_at, &locale);
            let number = r.number.clone();
            view! {
                <li class="summary-row">
                    <A href=paths::request(account_id, r.id) attr:class="contract-number">{number}</A>
                    <span class="summary-row-meta">{kind_label(r.kind, terms)} " · " {at}</span>
                    <RequestStatusBadge kind=r.kind status=r.status />
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="summary-grid">
            <section class="card summary-card" data-testid="summary-contact" aria-labelledby="summary-contact-title">
                <h2 class="section-title" id="summary-contact-title">{c.name.clone()}</h2>
                <dl class="facts">
                    {fact(|| tr("summary-account-number"), c.account_number.clone().into_any(), "summary-account-number")}
                    {fact(|| tr("summary-address"), view! { <span class="summary-address">{text(c.address.clone())}</span> }.into_any(), "summary-address")}
                    {fact(|| tr("summary-phone"), phone.unwrap_or_else(|| "—".into_any()), "summary-phone")}
                    {fact(|| tr("summary-email"), email.unwrap_or_else(|| "—".into_any()), "summary-email")}
                </dl>
            </section>
            <section class="card summary-card" data-testid="summary-credit" aria-labelledby="summary-credit-title">
                <h2 class="section-title" id="summary-credit-title">{move || tr("summary-credit")}</h2>
                <dl class="facts">
                    {match credit {
                        Some((limit, available)) => view! {
                            {fact(|| tr("summary-credit-limit"), format::money(&limit).into_any(), "summary-credit-limit")}
                            <div class="fact" class:is-over=available.minor < 0 data-testid="summary-available-credit">
                                <dt>{move || tr("summary-available-credit")}</dt>
                                <dd>{format::money(&available)}</dd>
                            </div>
                        }.into_any(),
                        None => fact(|| tr("summary-credit-limit"), tr("summary-no-credit-limit").into_any(), "summary-credit-limit").into_any(),
                    }}
                    {fact(
                        || tr("summary-last-payment"),
                        match last_payment {
                            Some(p) => format!("{} · {}", format::money(&p.amount), when::clock_time(p.created_at, &payment_locale)).into_any(),
                            None => tr("summary-no-payments").into_any(),
                        },
                        "summary-last-payment",
                    )}
                </dl>
            </section>
        </div>
        <BalanceCard balance=overview.balance account_id=account_id may_pay=account.permissions.pay />
        <div class="summary-grid summary-recent">
            <Recent title=|| tr("summary-recent-invoices") all=paths::invoices(account_id) testid="summary-invoices" empty=|| tr("summary-no-invoices")
                count=invoice_count>
                {invoice_rows}
            </Recent>
            <Recent title=|| tr("summary-recent-payments") all=paths::payments(account_id) testid="summary-payments" empty=|| tr("summary-no-payments")
                count=payment_count>
                {payment_rows}
            </Recent>
            <Recent title=|| tr("summary-recent-requests") all=paths::requests(account_id) testid="summary-requests" empty=|| tr("summary-no-requests")
                count=request_count>
                {request_rows}
            </Recent>
        </div>
    }
}

/// One "recent" card: the newest few of a kind, and a link to all of them.
#[component]
fn Recent(
    title: Label,
    all: String,
    testid: &'static str,
    empty: Label,
    count: usize,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="card summary-card" data-testid=testid>
            <h2 class="section-title">{title}</h2>
            {if count == 0 {
                view! { <p class="field-hint">{empty}</p> }.into_any()
            } else {
                view! { <ul class="summary-rows">{children()}</ul> }.into_any()
            }}
            <A href=all attr:class="text-link summary-all">{move || tr("summary-see-all")}<IconSvg icon=Icon::ChevronRight /></A>
        </section>
    }
}
