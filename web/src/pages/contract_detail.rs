//! One contract (C4): key facts, and its lines as a table on desktop or cards on phones.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::contracts::{ContractDetail, ContractFilter, ContractLine, ContractStatus};
use shared::money::Money;
use uuid::Uuid;

use crate::api;
use crate::components::downloads::PdfButtons;
use crate::components::icons::{Icon, IconSvg};
use crate::components::layout::use_current_account;
use crate::components::status::{ErrorPanel, LineStatusBadge, SkeletonList, StatusBadge};
use crate::format;
use crate::i18n::{Label, count_arg, tr, tr_with};
use crate::paths;
use crate::session::use_session;
use crate::url_query::{UrlList, list_href};

#[component]
pub fn ContractDetailPage() -> impl IntoView {
    let session = use_session();
    let current = use_current_account();
    let params = use_params_map();
    let query = use_query_map();
    let contract_id =
        Memo::new(move |_| params.read().get("contract_id").and_then(|v| Uuid::parse_str(&v).ok()));
    // The list's filters ride along in the query string, so "Back" restores them.
    let back_href = move || {
        let filter = query.with(ContractFilter::from_url);
        current.id().map(|id| list_href(id, &filter)).unwrap_or_default()
    };

    let contract = LocalResource::new(move || {
        let ids = current.id().zip(contract_id.get());
        async move {
            match ids {
                Some((account, contract)) => api::contract(session, account, contract).await.map(Some),
                None => Ok(None),
            }
        }
    });

    let body = move || {
        Suspend::new(async move {
            let locale = current.locale();
            match contract.await {
                Ok(Some(detail)) => view! { <Detail detail=detail locale=locale /> }.into_any(),
                Ok(None) => view! { <NotFoundPanel back=back_href() /> }.into_any(),
                Err(e) if e.is_not_found() => view! { <NotFoundPanel back=back_href() /> }.into_any(),
                Err(e) => view! { <ErrorPanel error=e on_retry=move |()| contract.refetch() /> }.into_any(),
            }
        })
    };

    view! {
        <section class="page" data-testid="contract-detail-page">
            <A href=back_href attr:class="back-link" attr:data-testid="back-to-contracts">
                <IconSvg icon=Icon::ChevronLeft />{move || tr("contract-detail-back")}
            </A>
            <Suspense fallback=|| view! { <SkeletonList rows=4 /> }>{body}</Suspense>
        </section>
    }
}

#[component]
fn NotFoundPanel(back: String) -> impl IntoView {
    view! {
        <div class="panel panel-empty" data-testid="contract-not-found">
            <IconSvg icon=Icon::Quote class="panel-icon" />
            <div class="panel-body">
                <h1 class="panel-title">{move || tr("contract-detail-not-found-title")}</h1>
                <p>{move || tr("contract-detail-not-found-text")}</p>
                <A href=back attr:class="btn btn-primary">{move || tr("contract-detail-back")}</A>
            </div>
        </div>
    }
}

#[component]
fn Detail(detail: ContractDetail, locale: String) -> impl IntoView {
    let s = detail.summary;
    let number = s.number.clone();
    Effect::new(move |_| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&tr_with("contracts-contract-number", &[("number", number.as_str().into())]));
        }
    });
    let fact = |label: Label, value: String| {
        view! { <div class="fact"><dt>{label}</dt><dd>{value}</dd></div> }
    };
    let lines = detail.lines;
    let line_count = lines.len();
    view! {
        <article class="contract-detail" data-testid="contract-detail">
            <header class="detail-head">
                <div>
                    <p class="eyebrow">{move || tr("contract-detail-eyebrow")}</p>
                    <h1 class="page-title detail-number" data-testid="contract-number">{s.number.clone()}</h1>
                </div>
                <StatusBadge status=s.status />
            </header>
            <ContractActions contract_id=s.id bookable=s.status != ContractStatus::Quote payable={s.amount_due.minor > 0} />
            <div class="detail-money">
                <div class="money-box"><span class="money-label">{move || tr("contract-detail-amount")}</span><span class="money-big">{format::money(&s.amount)}</span></div>
                <div class="money-box" class:due={s.amount_due.minor > 0}><span class="money-label">{move || tr("contract-detail-amount-due")}</span><span class="money-big">{format::money(&s.amount_due)}</span></div>
            </div>
            <dl class="facts">
                {fact(|| tr("contract-detail-location"), s.location.name.clone())}
                {fact(|| tr("contract-detail-job"), format::opt_text(&s.job_number))}
                {fact(|| tr("contract-detail-po"), format::opt_text(&s.po_number))}
                {fact(|| tr("contract-detail-job-site"), format::opt_text(&s.job_site))}
                {fact(|| tr("contract-detail-ordered-by"), format::opt_text(&detail.ordered_by))}
                {fact(|| tr("contract-detail-start-date"), format::date(s.start_date, &locale))}
                {fact(|| tr("contract-detail-close-date"), format::opt_date(s.close_date, &locale))}
            </dl>
            {detail.notes.filter(|n| !n.trim().is_empty()).map(|n| view! { <p class="notes">{n}</p> })}
            <section class="lines" data-testid="contract-lines">
                <h2 class="section-title">{move || tr_with("contract-detail-lines", &[count_arg(line_count as u64)])}</h2>
                <LinesTable lines=lines.clone() locale=locale.clone() />
                <ul class="card-list phone-only">
                    {lines.into_iter().map(|l| view! { <LineCard line=l locale=locale.clone() /> }).collect_view()}
                </ul>
            </section>
        </article>
    }
}

/// "S/N …": an item's serial number.
pub fn serial_number(serial: &str) -> String {
    tr_with("contracts-serial-number", &[("serial", serial.into())])
}

fn rate(value: Option<Money>) -> String {
    value.map_or_else(|| "—".to_string(), |m| format::money(&m))
}

#[component]
fn LinesTable(lines: Vec<ContractLine>, locale: String) -> impl IntoView {
    view! {
        <div class="table-wrap desktop-only">
            <table class="data-table lines-table">
                <thead>
                    <tr>
                        <th scope="col">"#"</th>
                        <th scope="col">{move || tr("contract-detail-description")}</th>
                        <th scope="col">{move || tr("contract-detail-item-serial")}</th>
                        <th scope="col" class="num">{move || tr("contract-detail-qty")}</th>
                        <th scope="col">{move || tr("contract-detail-status")}</th>
                        <th scope="col" class="num">{move || tr("contract-detail-rates")}</th>
                        <th scope="col">{move || tr("contract-detail-start")}</th>
                        <th scope="col">{move || tr("contract-detail-expected-back")}</th>
                        <th scope="col">{move || tr("contract-detail-returned")}</th>
                        <th scope="col" class="num">{move || tr("contract-detail-amount")}</th>
                    </tr>
                </thead>
                <tbody>
                    {lines.into_iter().map(|l| {
                        let serial = l.serial_number.clone();
                        view! {
                        <tr data-testid="contract-line">
                            <td>{l.line_no}</td>
                            <td class="desc">{l.description.clone()}</td>
                            <td>
                                <span class="mono">{format::opt_text(&l.item_code)}</span>
                                <span class="sub mono">{move || serial.as_deref().map(serial_number).unwrap_or_default()}</span>
                            </td>
                            <td class="num">{l.quantity}</td>
                            <td><LineStatusBadge status=l.status kind=l.kind /></td>
                            <td class="num"><RateStack line=l.clone() /></td>
                            <td class="nowrap">{format::opt_date(l.start_date, &locale)}</td>
                            <td class="nowrap">{format::opt_date(l.expected_return, &locale)}</td>
                            <td class="nowrap">{format::opt_date(l.returned_on, &locale)}</td>
                            <td class="num">{format::money(&l.amount)}</td>
                        </tr>
                    }}).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Day, week and month rates stacked in one narrow cell, so the table fits a desktop.
#[component]
fn RateStack(line: ContractLine) -> impl IntoView {
    let rates = [line.daily_rate, line.weekly_rate, line.monthly_rate];
    if rates.iter().all(Option::is_none) {
        return view! { <span class="rate-none">"—"</span> }.into_any();
    }
    let per: [Label; 3] = [
        || tr("contract-detail-per-day"),
        || tr("contract-detail-per-week"),
        || tr("contract-detail-per-month"),
    ];
    view! {
        <span class="rate-stack">
            {rates
                .into_iter()
                .zip(per)
                .map(|(value, per)| view! { <span class="rate">{rate(value)}<span class="rate-per">{move || format!(" / {}", per())}</span></span> })
                .collect_view()}
        </span>
    }
    .into_any()
}

#[component]
fn LineCard(line: ContractLine, locale: String) -> impl IntoView {
    let l = line;
    let has_rates = l.daily_rate.is_some() || l.weekly_rate.is_some() || l.monthly_rate.is_some();
    view! {
        <li class="line-card" data-testid="contract-line">
            <div class="card-top">
                <span class="line-title"><span class="line-no">{format!("{}.", l.line_no)}</span>{l.description.clone()}</span>
                <LineStatusBadge status=l.status kind=l.kind />
            </div>
            <dl class="card-facts">
                <div><dt>{move || tr("contract-detail-item")}</dt><dd class="mono">{format::opt_text(&l.item_code)}</dd></div>
                <div><dt>{move || tr("contract-detail-serial")}</dt><dd class="mono">{format::opt_text(&l.serial_number)}</dd></div>
                <div><dt>{move || tr("contract-detail-qty")}</dt><dd>{l.quantity}</dd></div>
                <div><dt>{move || tr("contract-detail-start")}</dt><dd>{format::opt_date(l.start_date, &locale)}</dd></div>
                <div><dt>{move || tr("contract-detail-expected-back")}</dt><dd>{format::opt_date(l.expected_return, &locale)}</dd></div>
                <div><dt>{move || tr("contract-detail-returned")}</dt><dd>{format::opt_date(l.returned_on, &locale)}</dd></div>
            </dl>
            {has_rates.then(|| view! {
                <p class="rates">
                    <span>{move || tr_with("contract-detail-rate-day", &[("rate", rate(l.daily_rate).into())])}</span>
                    <span>{move || tr_with("contract-detail-rate-week", &[("rate", rate(l.weekly_rate).into())])}</span>
                    <span>{move || tr_with("contract-detail-rate-month", &[("rate", rate(l.monthly_rate).into())])}</span>
                </p>
            })}
            <div class="card-money"><div><span class="money-label">{move || tr("contract-detail-amount")}</span><span class="money">{format::money(&l.amount)}</span></div></div>
        </li>
    }
}

/// The contract's PDF (C5) and "Book this again" (C7, with the order permission; not for a
/// quote, which is asked about rather than booked again).
#[component]
fn ContractActions(contract_id: Uuid, bookable: bool, payable: bool) -> impl IntoView {
    let session = use_session();
    let current = use_current_account();
    let may = |permitted: fn(&shared::accounts::Permissions) -> bool| {
        current.0.with_untracked(|a| a.as_ref().is_some_and(|a| permitted(&a.permissions)))
    };
    let may_order = bookable && may(|p| p.order);
    let may_pay = payable && may(|p| p.pay);
    let fetch = move || current.id().map(|account_id| api::contract_pdf(session, account_id, contract_id));
    view! {
        <div class="contract-actions" data-testid="contract-actions">
            <PdfButtons testid="contract-pdf" primary=!may_pay fetch=fetch>
                {may_pay.then(|| view! {
                    <A href=move || current.id().map(|id| paths::pay_contract(id, contract_id)).unwrap_or_default()
                        attr:class="btn btn-primary" attr:data-testid="contract-pay">
                        <IconSvg icon=Icon::Card />{move || tr("contract-detail-pay")}
                    </A>
                })}
                {may_order.then(|| view! {
                    <A href=move || current.id().map(|id| paths::book_again(id, contract_id)).unwrap_or_default()
                        attr:class="btn btn-secondary" attr:data-testid="contract-book-again">
                        <IconSvg icon=Icon::Refresh />{move || tr("contract-detail-book-again")}
                    </A>
                })}
            </PdfButtons>
        </div>
    }
}
