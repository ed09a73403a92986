//! `/a/:account_id/pay?invoice=…` (E4, E5, E8): pay chosen invoices — in full or in part —
//! and/or on account, by card or bank debit as the dealer allows.
//!
//! Card and bank numbers never leave the browser: they are tokenised here (in the sandbox
//! with [`shared::payments::SandboxToken`]) and only the token and the amounts are posted.
//! Each attempt carries an `Idempotency-Key`; an unchanged form sent again (a retry after a
//! lost answer, a double click) reuses key and token, so the server charges once. Any
//! change, or a decline, starts a new attempt.
//!
//! This module loads what the form needs; `state` holds the form's signals, `form` draws it
//! and sends it, `fields` has the card and bank inputs and `invoices` the invoice rows. The
//! checks themselves are pure, in [`shared::payments::draft`].

mod fields;
mod form;
mod invoices;
mod state;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::accounts::AccountSummary;
use shared::invoices::{InvoiceFilter, InvoiceSort, InvoiceView};
use shared::paging::{MAX_PER_PAGE, SortDir};
use shared::payments::PaymentMethod;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::icons::{Icon, IconSvg};
use crate::components::layout::use_current_account;
use crate::components::payments::{PayNotAllowed, payable};
use crate::components::status::{ErrorPanel, SkeletonList};
use crate::i18n::{tr, tr_with};
use crate::paths;
use crate::session::use_session;
use crate::url_query::parse_invoices;
use form::PayForm;

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
    // `?contract=…`: that contract's open invoices (C6), the earliest due first.
    let contract_id =
        query.with_untracked(|q| q.get_str("contract").and_then(|v| Uuid::parse_str(v.trim()).ok()));
    let data = LocalResource::new(move || async move {
        let options = api::payment_options(session, account_id).await?;
        let filter = InvoiceFilter {
            view: InvoiceView::Open,
            contract_id,
            sort: InvoiceSort::DueDate,
            dir: SortDir::Asc,
            page: 1,
            per_page: MAX_PER_PAGE,
            ..InvoiceFilter::default()
        };
        let open = api::list(session, account_id, &filter).await?;
        let contract = match contract_id {
            Some(id) => Some((id, api::contract(session, account_id, id).await?.summary.number)),
            None => None,
        };
        Ok::<_, ApiError>((options, open.items, contract))
    });
    Effect::new(move |_| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&tr("pay-title"));
        }
    });
    let body = move || {
        let account = account.clone();
        let chosen = chosen.clone();
        Suspend::new(async move {
            match data.await {
                Err(e) => view! { <ErrorPanel error=e on_retry=move |()| data.refetch() /> }.into_any(),
                Ok((options, _, _)) if options.methods.is_empty() => {
                    view! { <NoOnlinePayments account=account /> }.into_any()
                }
                Ok((_, open, Some((id, number)))) if !open.iter().any(payable) => {
                    view! { <NothingDueOnContract account_id=account.id contract_id=id number=number /> }
                        .into_any()
                }
                Ok((options, open, Some(contract))) => {
                    let chosen: Vec<Uuid> = open.iter().map(|i| i.id).collect();
                    view! { <PayForm account=account options=options open=open chosen=chosen contract=contract /> }
                        .into_any()
                }
                Ok((options, open, None)) => {
                    view! { <PayForm account=account options=options open=open chosen=chosen /> }.into_any()
                }
            }
        })
    };
    view! {
        <section class="page myreq-page pay-page" data-testid="pay-page">
            {match contract_id {
                Some(id) => view! {
                    <A href=paths::contract(account_id, id) attr:class="back-link"><IconSvg icon=Icon::ChevronLeft />{move || tr("pay-contract-back")}</A>
                }.into_any(),
                None => view! {
                    <A href=paths::invoices(account_id) attr:class="back-link"><IconSvg icon=Icon::ChevronLeft />{move || tr("invoices-title")}</A>
                }.into_any(),
            }}
            <Suspense fallback=|| view! { <SkeletonList rows=4 /> }>{body}</Suspense>
        </section>
    }
}

#[component]
fn NoOnlinePayments(account: AccountSummary) -> impl IntoView {
    let dealer = account.dealer;
    let contact = dealer.support_phone.clone().or(dealer.support_email.clone());
    let text = move || {
        let name = ("dealer", dealer.name.as_str().into());
        match &contact {
            Some(c) => tr_with("pay-unavailable-contact", &[name, ("contact", c.as_str().into())]),
            None => tr_with("pay-unavailable-text", &[name]),
        }
    };
    view! {
        <div class="panel panel-empty" data-testid="pay-unavailable">
            <IconSvg icon=Icon::Card class="panel-icon" />
            <div class="panel-body">
                <h1 class="panel-title">{move || tr("pay-unavailable-title")}</h1>
                <p>{text}</p>
                <A href=paths::invoices(account.id) attr:class="btn btn-primary">{move || tr("invoice-back")}</A>
            </div>
        </div>
    }
}

/// A contract whose invoices have nothing due (paid, or not sent yet).
#[component]
fn NothingDueOnContract(account_id: Uuid, contract_id: Uuid, number: String) -> impl IntoView {
    let title = move || tr_with("pay-contract-nothing-title", &[("number", number.as_str().into())]);
    view! {
        <div class="panel panel-empty" data-testid="pay-contract-nothing">
            <IconSvg icon=Icon::Card class="panel-icon" />
            <div class="panel-body">
                <h1 class="panel-title">{title}</h1>
                <p>{move || tr("pay-contract-nothing-text")}</p>
                <A href=paths::contract(account_id, contract_id) attr:class="btn btn-primary">{move || tr("pay-contract-back")}</A>
            </div>
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
                <p class="notice-title">{move || tr("pay-sandbox-title")}</p>
                <ul class="sandbox-list">
                    {card.then(|| view! {
                        <li>
                            {move || tr("pay-sandbox-card-approved")} " " <code>"4242 4242 4242 4242"</code>
                            {move || tr("pay-sandbox-card-approved-rest")}
                        </li>
                        <li>{move || tr("pay-sandbox-card-declined")} " " <code>"4000 0000 0000 0002"</code></li>
                    })}
                    {bank.then(|| view! {
                        <li>
                            {move || tr("pay-sandbox-bank")} " " <code>"110000000"</code>
                            {move || tr("pay-sandbox-bank-account")} " " <code>"0002"</code> " "
                            {move || tr("pay-sandbox-bank-refused")}
                        </li>
                    })}
                </ul>
            </div>
        </div>
    }
}
