//! Pieces the customer's request screens share (call-off, service, extension, book again,
//! request list and detail, rentals): words and badges for kinds and statuses, the items
//! chosen for a request and the confirmation screen. The request forms' shell is
//! `components::request_form`.

use std::cell::RefCell;

use leptos::prelude::*;
use leptos_router::components::A;
use shared::branding::Terminology;
use shared::contracts::LineStatus;
use shared::rentals::{RentalFilter, RentalItem};
use shared::requests::{RequestDetail, RequestKind, RequestRef, RequestStatus, ServiceKind};
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::icons::{Icon, IconSvg};
use crate::format;
use crate::i18n::{Label, count_arg, terms_arg, tr, tr_with};
use crate::paths;
use crate::session::Session;
use crate::when;

/// The kind of a request, in the dealer's words ("Call-off" / "Off-hire").
pub fn kind_label(kind: RequestKind, terms: Terminology) -> String {
    match kind {
        RequestKind::CallOff => tr_with("request-kind-call-off", &[terms_arg(terms)]),
        RequestKind::Service => tr("request-kind-service"),
        RequestKind::Extension => tr("request-kind-extension"),
        RequestKind::BookAgain => tr("request-kind-book-again"),
    }
}

/// A status in the words of its kind: a completed call-off was "Picked up".
pub fn status_label(kind: RequestKind, status: RequestStatus) -> String {
    match (status, kind) {
        (RequestStatus::Requested, _) => tr("request-status-requested"),
        (RequestStatus::Acknowledged, _) => tr("request-status-acknowledged"),
        (RequestStatus::Scheduled, _) => tr("request-status-scheduled"),
        (RequestStatus::Completed, RequestKind::CallOff) => tr("request-status-picked-up"),
        (RequestStatus::Completed, RequestKind::Service) => tr("request-status-done"),
        (RequestStatus::Completed, RequestKind::Extension) => tr("request-status-granted"),
        (RequestStatus::Completed, RequestKind::BookAgain) => tr("request-status-booked"),
        (RequestStatus::Cancelled, _) => tr("request-status-cancelled"),
    }
}

/// The kind of service asked for ("Breakdown").
pub fn service_kind_label(kind: ServiceKind) -> String {
    match kind {
        ServiceKind::Breakdown => tr("service-kind-breakdown"),
        ServiceKind::Damage => tr("service-kind-damage"),
        ServiceKind::Maintenance => tr("service-kind-maintenance"),
        ServiceKind::Other => tr("service-kind-other"),
    }
}

const MORNING: &str = "Morning (7am–12pm)";
const AFTERNOON: &str = "Afternoon (12pm–5pm)";
const FIRST_THING: &str = "First thing (7am–9am)";

/// The time windows a call-off offers for the pickup, as sent to the store (in its words,
/// whatever the customer's language); the first means "any time".
pub const PICKUP_WINDOWS: [&str; 4] = ["", MORNING, AFTERNOON, FIRST_THING];

/// A pickup window in the customer's language; one the form does not offer shows as written.
pub fn pickup_window_label(window: &str) -> String {
    match window {
        "" => tr("call-off-window-any"),
        MORNING => tr("call-off-window-morning"),
        AFTERNOON => tr("call-off-window-afternoon"),
        FIRST_THING => tr("call-off-window-first-thing"),
        other => other.to_string(),
    }
}

#[component]
pub fn RequestStatusBadge(kind: RequestKind, status: RequestStatus) -> impl IntoView {
    view! {
        <span class=format!("badge badge-req-{}", status.as_str()) data-testid="request-status" data-status=status.as_str()>
            {move || status_label(kind, status)}
        </span>
    }
}

/// "Call-off requested · CO-7K3M-9QX2" on a rented item, linking to the request.
#[component]
pub fn OpenRequestLink(account_id: Uuid, request: RequestRef, terms: Terminology) -> impl IntoView {
    let (kind, status) = (request.kind, request.status);
    let what = move || match (kind, status) {
        (RequestKind::CallOff, RequestStatus::Scheduled) => tr("request-pickup-scheduled"),
        (RequestKind::CallOff, _) => tr_with("request-call-off-requested", &[terms_arg(terms)]),
        (RequestKind::Service, _) => tr("request-service-requested"),
        (RequestKind::Extension, _) => tr("request-extension-requested"),
        (RequestKind::BookAgain, _) => tr("request-booking-requested"),
    };
    let number = request.number.clone();
    view! {
        <A
            href=paths::request(account_id, request.id)
            attr:class=format!("req-chip req-chip-{}", request.kind.as_str())
            attr:data-testid="open-request"
            attr:data-request-number=request.number
        >
            {move || format!("{} · {number}", what())}
        </A>
    }
}

// ---- The chosen items ----------------------------------------------------------------

thread_local! {
    /// Items picked on the rentals page, so the form shows them without a second load.
    static PICKED: RefCell<Vec<RentalItem>> = const { RefCell::new(Vec::new()) };
}

/// Remembers the items about to be handed to a request form.
pub fn remember_items(items: &[RentalItem]) {
    PICKED.with(|picked| {
        let mut picked = picked.borrow_mut();
        // The newest copy wins: an item's status changes once a request names it.
        picked.retain(|p| !items.iter().any(|i| i.line_id == p.line_id));
        picked.extend(items.iter().cloned());
    });
}

/// The items of `ids`, from what the rentals page remembered, else loaded from the server
/// (after a reload). Ids that are not (or no longer) the account's are left out.
pub async fn load_items(
    session: Session,
    account_id: Uuid,
    ids: Vec<Uuid>,
) -> Result<Vec<RentalItem>, ApiError> {
    let known = PICKED.with(|picked| {
        let picked = picked.borrow();
        ids.iter().map(|id| picked.iter().find(|p| p.line_id == *id).cloned()).collect::<Option<Vec<_>>>()
    });
    if let Some(items) = known {
        return Ok(items);
    }
    let filter = RentalFilter {
        view: None,
        page: 1,
        per_page: shared::paging::MAX_PER_PAGE,
        ..RentalFilter::default()
    };
    let page = api::list(session, account_id, &filter).await?;
    let items: Vec<RentalItem> =
        ids.iter().filter_map(|id| page.items.iter().find(|i| i.line_id == *id).cloned()).collect();
    remember_items(&items);
    Ok(items)
}

/// Whether a call-off may include this item (the server's rule: out, and not requested yet).
pub fn can_call_off(item: &RentalItem) -> bool {
    item.status == LineStatus::Out
}

/// Whether an extension may include this item.
pub fn can_extend(item: &RentalItem) -> bool {
    matches!(item.status, LineStatus::Out | LineStatus::Reserved)
}

/// Whether a service request may include this item.
pub fn can_service(item: &RentalItem) -> bool {
    matches!(item.status, LineStatus::Out | LineStatus::CalledOff)
}

/// "S/N 4471-A": an item's serial number (or asset code).
#[component]
pub fn SerialNumber(serial: String) -> impl IntoView {
    view! { <span class="mono">{move || tr_with("request-serial", &[("serial", serial.clone().into())])}</span> }
}

/// The chosen items, compact: description, serial and contract.
#[component]
pub fn ChosenItems(items: Vec<RentalItem>, locale: String, terms: Terminology) -> impl IntoView {
    view! {
        <ul class="chosen-items" data-testid="chosen-items">
            {items
                .into_iter()
                .map(|i| {
                    let serial = i.serial_number.clone().or(i.item_code.clone());
                    let contract = i.contract_number.clone();
                    let since = format::opt_date(i.start_date, &locale);
                    view! {
                        <li class="chosen-item" data-testid="chosen-item" data-line-id=i.line_id.to_string()>
                            <span class="chosen-desc">{i.description.clone()}</span>
                            <span class="chosen-meta">
                                {serial.map(|s| view! { <SerialNumber serial=s /> })}
                                <span>{move || tr_with("request-contract", &[("number", contract.clone().into())])}</span>
                                <span>{move || tr_with("request-on-rent-since", &[("date", since.clone().into()), terms_arg(terms)])}</span>
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

// ---- Facts -------------------------------------------------------------------------

/// A fact about a request: its label, its value and the value's test id.
pub type Fact = (Label, TextProp, &'static str);

/// The facts of a request, each a `fact` row of a `<dl class="facts">`.
pub fn fact_rows(facts: Vec<Fact>) -> impl IntoView {
    facts
        .into_iter()
        .map(|(label, value, testid)| {
            view! { <div class="fact"><dt>{label}</dt><dd data-testid=testid>{move || value.get()}</dd></div> }
        })
        .collect_view()
}

// ---- Confirmation ------------------------------------------------------------------

/// The evidence screen after sending any request: the big confirmation number, the server's
/// time of receipt, what was asked and a link to follow it.
#[component]
pub fn RequestConfirmation(
    detail: RequestDetail,
    account_id: Uuid,
    locale: String,
    terms: Terminology,
) -> impl IntoView {
    let s = detail.summary.clone();
    let kind = s.kind;
    let time = when::timestamp(s.created_at, &locale);
    let date = |d| format::date(d, &locale);
    let mut facts: Vec<Fact> = Vec::new();
    match kind {
        RequestKind::CallOff => {
            if let Some(d) = s.pickup_date {
                facts.push((|| tr("request-pickup-date"), date(d).into(), "confirmation-pickup"));
            }
            if let Some(w) = detail.pickup_window.clone().filter(|w| !w.trim().is_empty()) {
                facts.push((
                    || tr("request-time-window"),
                    (move || pickup_window_label(&w)).into(),
                    "confirmation-window",
                ));
            }
        }
        RequestKind::Extension => {
            if let Some(d) = detail.requested_date {
                facts.push((|| tr("request-new-return-date"), date(d).into(), "confirmation-date"));
            }
        }
        RequestKind::BookAgain => {
            if let Some(d) = detail.requested_date {
                facts.push((|| tr("request-start-date"), date(d).into(), "confirmation-date"));
            }
            if let Some(d) = detail.requested_end_date {
                facts.push((|| tr("request-end-date"), date(d).into(), "confirmation-end-date"));
            }
        }
        RequestKind::Service => {
            if let Some(k) = s.service_kind {
                facts.push((
                    || tr("request-service"),
                    (move || service_kind_label(k)).into(),
                    "confirmation-service-kind",
                ));
            }
        }
    }
    if let Some(site) = detail.site_address.clone().filter(|a| !a.trim().is_empty()) {
        facts.push((|| tr("request-site"), site.into(), "confirmation-site"));
    }
    let billing = (kind == RequestKind::CallOff)
        .then(|| detail.billing_stop_date.or(s.pickup_date))
        .flatten()
        .map(date);
    let title = move || match kind {
        RequestKind::CallOff => tr_with("request-call-off-requested", &[terms_arg(terms)]),
        RequestKind::Service => tr("request-service-sent"),
        RequestKind::Extension => tr("request-extension-requested"),
        RequestKind::BookAgain => tr("request-booking-sent"),
    };
    let store = s.location.as_ref().map(|l| l.name.clone());
    let received = move || match &store {
        Some(store) => {
            let args = [("store", store.clone().into()), ("time", time.clone().into())];
            tr_with("request-received-by", &args)
        }
        None => tr_with("request-received", &[("time", time.clone().into())]),
    };
    let follow = paths::request(account_id, s.id);
    let copy_to = detail.contact.email.clone();
    let lines = detail.lines;
    view! {
        <section class="confirmation" data-testid="request-confirmation" data-request-id=s.id.to_string()>
            <div class="confirmation-head">
                <span class="result-icon result-icon-ok"><IconSvg icon=Icon::Check /></span>
                <h1 class="page-title">{title}</h1>
                <p class="confirmation-label">{move || tr("request-confirmation-number")}</p>
                <p class="confirmation-number" data-testid="confirmation-number">{s.number.clone()}</p>
                <p class="confirmation-time" data-testid="confirmation-time">{received}</p>
                <RequestStatusBadge kind=kind status=s.status />
            </div>
            {billing.map(|d| view! {
                <p class="confirmation-billing" data-testid="confirmation-billing">
                    {move || tr_with("request-billing-stops-record", &[("date", d.clone().into())])}
                </p>
            })}
            <dl class="facts confirmation-facts">{fact_rows(facts)}</dl>
            {(!lines.is_empty()).then(|| {
                let count = lines.len();
                view! {
                    <h2 class="section-title">{move || tr_with("request-items-count", &[count_arg(count as u64)])}</h2>
                    <ul class="chosen-items" data-testid="confirmation-items">
                        {lines.into_iter().map(|l| {
                            let contract = l.contract_number.clone();
                            view! {
                                <li class="chosen-item" data-testid="confirmation-item" data-line-id=l.line_id.to_string()>
                                    <span class="chosen-desc">{l.description.clone()}</span>
                                    <span class="chosen-meta">
                                        {l.serial_number.clone().map(|sn| view! { <SerialNumber serial=sn /> })}
                                        <span>{move || tr_with("request-contract", &[("number", contract.clone().into())])}</span>
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
            })}
            <p class="confirmation-copy">{move || tr_with("request-copy-sent", &[("email", copy_to.clone().into())])}</p>
            <div class="confirmation-actions">
                <A href=follow attr:class="btn btn-primary" attr:data-testid="confirmation-follow">{move || tr("request-follow")}</A>
                <A href=paths::rentals(account_id) attr:class="btn btn-secondary" attr:data-testid="confirmation-rentals">
                    {move || tr_with("nav-my-items", &[terms_arg(terms)])}
                </A>
            </div>
        </section>
    }
}
