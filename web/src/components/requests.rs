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
use shared::requests::{RequestDetail, RequestKind, RequestRef, RequestStatus};
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::icons::{Icon, IconSvg};
use crate::format;
use crate::paths;
use crate::session::Session;
use crate::when;

/// "Call-off" / "Off-hire": the noun, as the dealer says it.
pub fn call_off_noun(terms: Terminology) -> &'static str {
    match terms {
        Terminology::Rentals => "Call-off",
        Terminology::Hires => "Off-hire",
    }
}

pub fn kind_label(kind: RequestKind, terms: Terminology) -> &'static str {
    match kind {
        RequestKind::CallOff => call_off_noun(terms),
        RequestKind::Service => "Service request",
        RequestKind::Extension => "Extension",
        RequestKind::BookAgain => "Book again",
    }
}

/// A status in the words of its kind: a completed call-off was "Picked up".
pub fn status_label(kind: RequestKind, status: RequestStatus) -> &'static str {
    match (status, kind) {
        (RequestStatus::Requested, _) => "Requested",
        (RequestStatus::Acknowledged, _) => "Acknowledged",
        (RequestStatus::Scheduled, _) => "Scheduled",
        (RequestStatus::Completed, RequestKind::CallOff) => "Picked up",
        (RequestStatus::Completed, RequestKind::Service) => "Done",
        (RequestStatus::Completed, RequestKind::Extension) => "Granted",
        (RequestStatus::Completed, RequestKind::BookAgain) => "Booked",
        (RequestStatus::Cancelled, _) => "Cancelled",
    }
}

#[component]
pub fn RequestStatusBadge(kind: RequestKind, status: RequestStatus) -> impl IntoView {
    view! {
        <span class=format!("badge badge-req-{}", status.as_str()) data-testid="request-status" data-status=status.as_str()>
            {status_label(kind, status)}
        </span>
    }
}

/// "Call-off requested · CO-7K3M-9QX2" on a rented item, linking to the request.
#[component]
pub fn OpenRequestLink(account_id: Uuid, request: RequestRef, terms: Terminology) -> impl IntoView {
    let what = match (request.kind, request.status) {
        (RequestKind::CallOff, RequestStatus::Scheduled) => "Pickup scheduled".to_string(),
        (RequestKind::CallOff, _) => format!("{} requested", call_off_noun(terms)),
        (RequestKind::Service, _) => "Service requested".to_string(),
        (RequestKind::Extension, _) => "Extension requested".to_string(),
        (RequestKind::BookAgain, _) => "Booking requested".to_string(),
    };
    view! {
        <A
            href=paths::request(account_id, request.id)
            attr:class=format!("req-chip req-chip-{}", request.kind.as_str())
            attr:data-testid="open-request"
            attr:data-request-number=request.number.clone()
        >
            {format!("{what} · {}", request.number)}
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

/// The chosen items, compact: description, serial and contract.
#[component]
pub fn ChosenItems(items: Vec<RentalItem>, locale: String) -> impl IntoView {
    view! {
        <ul class="chosen-items" data-testid="chosen-items">
            {items
                .into_iter()
                .map(|i| {
                    let serial = i.serial_number.clone().or(i.item_code.clone()).map(|s| format!("S/N {s}"));
                    view! {
                        <li class="chosen-item" data-testid="chosen-item" data-line-id=i.line_id.to_string()>
                            <span class="chosen-desc">{i.description.clone()}</span>
                            <span class="chosen-meta">
                                {serial.map(|s| view! { <span class="mono">{s}</span> })}
                                <span>{format!("Contract {}", i.contract_number)}</span>
                                <span>{format!("On rent since {}", format::opt_date(i.start_date, &locale))}</span>
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
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
    let received = when::timestamp(s.created_at, &locale);
    let date = |d| format::date(d, &locale);
    let mut facts: Vec<(&'static str, String, &'static str)> = Vec::new();
    match kind {
        RequestKind::CallOff => {
            if let Some(d) = s.pickup_date {
                facts.push(("Pickup date", date(d), "confirmation-pickup"));
            }
            if let Some(w) = detail.pickup_window.clone().filter(|w| !w.trim().is_empty()) {
                facts.push(("Time window", w, "confirmation-window"));
            }
        }
        RequestKind::Extension => {
            if let Some(d) = detail.requested_date {
                facts.push(("New return date", date(d), "confirmation-date"));
            }
        }
        RequestKind::BookAgain => {
            if let Some(d) = detail.requested_date {
                facts.push(("Start date", date(d), "confirmation-date"));
            }
            if let Some(d) = detail.requested_end_date {
                facts.push(("End date", date(d), "confirmation-end-date"));
            }
        }
        RequestKind::Service => {
            if let Some(k) = s.service_kind {
                facts.push(("Service", k.label().to_string(), "confirmation-service-kind"));
            }
        }
    }
    if let Some(site) = detail.site_address.clone().filter(|a| !a.trim().is_empty()) {
        facts.push(("Site", site, "confirmation-site"));
    }
    let billing =
        (kind == RequestKind::CallOff).then(|| detail.billing_stop_date.or(s.pickup_date)).flatten().map(
            |d| format!("Billing stops from {} — this confirmation is your record of the request.", date(d)),
        );
    let title = match kind {
        RequestKind::CallOff => format!("{} requested", call_off_noun(terms)),
        RequestKind::Service => "Service request sent".to_string(),
        RequestKind::Extension => "Extension requested".to_string(),
        RequestKind::BookAgain => "Booking request sent".to_string(),
    };
    let follow = paths::request(account_id, s.id);
    let copy_to = detail.contact.email.clone();
    let lines = detail.lines;
    view! {
        <section class="confirmation" data-testid="request-confirmation" data-request-id=s.id.to_string()>
            <div class="confirmation-head">
                <span class="result-icon result-icon-ok"><IconSvg icon=Icon::Check /></span>
                <h1 class="page-title">{title}</h1>
                <p class="confirmation-label">"Confirmation number"</p>
                <p class="confirmation-number" data-testid="confirmation-number">{s.number.clone()}</p>
                <p class="confirmation-time" data-testid="confirmation-time">
                    {format!("Received by {} on {received}", s.location.as_ref().map_or("the store", |l| l.name.as_str()))}
                </p>
                <RequestStatusBadge kind=kind status=s.status />
            </div>
            {billing.map(|b| view! { <p class="confirmation-billing" data-testid="confirmation-billing">{b}</p> })}
            <dl class="facts confirmation-facts">
                {facts
                    .into_iter()
                    .map(|(label, value, testid)| view! { <div class="fact"><dt>{label}</dt><dd data-testid=testid>{value}</dd></div> })
                    .collect_view()}
            </dl>
            {(!lines.is_empty()).then(|| view! {
                <h2 class="section-title">{format!("Items ({})", lines.len())}</h2>
                <ul class="chosen-items" data-testid="confirmation-items">
                    {lines.into_iter().map(|l| view! {
                        <li class="chosen-item" data-testid="confirmation-item" data-line-id=l.line_id.to_string()>
                            <span class="chosen-desc">{l.description.clone()}</span>
                            <span class="chosen-meta">
                                {l.serial_number.clone().map(|sn| view! { <span class="mono">{format!("S/N {sn}")}</span> })}
                                <span>{format!("Contract {}", l.contract_number)}</span>
                            </span>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            <p class="confirmation-copy">{format!("We sent a copy to {copy_to}. The store will confirm by email.")}</p>
            <div class="confirmation-actions">
                <A href=follow attr:class="btn btn-primary" attr:data-testid="confirmation-follow">"Follow this request"</A>
                <A href=paths::rentals(account_id) attr:class="btn btn-secondary" attr:data-testid="confirmation-rentals">
                    {terms.my_items()}
                </A>
            </div>
        </section>
    }
}
