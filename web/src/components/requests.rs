//! Pieces the customer's request screens share (call-off, service, extension, book again,
//! request list and detail): words and badges for kinds and statuses, the form's field
//! errors, the contact fields, the list of chosen items and the confirmation screen.

use std::cell::RefCell;

use leptos::prelude::*;
use leptos_router::components::A;
use shared::branding::Terminology;
use shared::contracts::LineStatus;
use shared::rentals::{RentalFilter, RentalItem};
use shared::requests::{RequestContact, RequestDetail, RequestKind, RequestRef, RequestStatus};
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::icons::{Icon, IconSvg};
use crate::format;
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
            href=format!("/a/{account_id}/requests/{}", request.id)
            attr:class=format!("req-chip req-chip-{}", request.kind.as_str())
            attr:data-testid="open-request"
            attr:data-request-number=request.number.clone()
        >
            {format!("{what} · {}", request.number)}
        </A>
    }
}

// ---- Sending ---------------------------------------------------------------------------

/// Sends a filed request in the background and shows the outcome: the confirmation (and the
/// top of the page) when it was taken, else the server's messages — under the fields the
/// form shows (`shown` plus the contact fields), the rest on the form-wide line.
pub fn send_request(
    send: impl std::future::Future<Output = Result<RequestDetail, ApiError>> + 'static,
    submitting: RwSignal<bool>,
    done: RwSignal<Option<RequestDetail>>,
    errors: FormErrors,
    shown: &'static [&'static str],
) {
    submitting.set(true);
    leptos::task::spawn_local(async move {
        match send.await {
            Ok(detail) => {
                done.set(Some(detail));
                if let Some(window) = web_sys::window() {
                    window.scroll_to_with_x_and_y(0.0, 0.0);
                }
            }
            Err(e) => {
                let fields: Vec<&str> = shown.iter().chain(CONTACT_FIELDS.iter()).copied().collect();
                errors.show_api_error(&e, &fields);
            }
        }
        submitting.set(false);
    });
}

// ---- Form errors -----------------------------------------------------------------------

/// The errors of a request form: per field (the server's 422 field names, e.g.
/// `contact.email`) and one form-wide line for anything else.
#[derive(Clone, Copy)]
pub struct FormErrors {
    fields: RwSignal<Vec<(String, String)>>,
    general: RwSignal<Option<String>>,
}

impl FormErrors {
    pub fn new() -> Self {
        Self { fields: RwSignal::new(Vec::new()), general: RwSignal::new(None) }
    }

    /// The message for `field`, for showing under it.
    pub fn of(&self, field: &'static str) -> Signal<Option<String>> {
        let fields = self.fields;
        Signal::derive(move || {
            fields.with(|all| all.iter().find(|(f, _)| f == field).map(|(_, m)| m.clone()))
        })
    }

    pub fn general(&self) -> Signal<Option<String>> {
        self.general.into()
    }

    pub fn clear(&self) {
        self.fields.set(Vec::new());
        self.general.set(None);
    }

    /// Problems found before sending; whether there were any.
    pub fn report(&self, found: Vec<(&'static str, String)>) -> bool {
        let any = !found.is_empty();
        self.fields.set(found.into_iter().map(|(f, m)| (f.to_string(), m)).collect());
        self.general.set(any.then(|| "Please check the fields marked below.".to_string()));
        any
    }

    /// A refused request: the fields the form shows get their message; the rest, and any
    /// other failure, go to the form-wide line.
    pub fn show_api_error(&self, error: &ApiError, shown: &[&str]) {
        let mut fields = Vec::new();
        let mut other = Vec::new();
        if let ApiError::Problem(problem) = error {
            for e in &problem.errors {
                if shown.contains(&e.field.as_str()) {
                    fields.push((e.field.clone(), e.message.clone()));
                } else {
                    other.push(e.message.clone());
                }
            }
        }
        let general = if fields.is_empty() || !other.is_empty() {
            Some(if other.is_empty() { error.message() } else { other.join(" ") })
        } else {
            Some("Please check the fields marked below.".to_string())
        };
        self.fields.set(fields);
        self.general.set(general);
    }
}

impl Default for FormErrors {
    fn default() -> Self {
        Self::new()
    }
}

/// The message under a field, while there is one.
#[component]
pub fn FieldMessage(testid: &'static str, #[prop(into)] error: Signal<Option<String>>) -> impl IntoView {
    move || {
        error.get().map(|m| view! { <p class="field-error" data-testid=format!("{testid}-error")>{m}</p> })
    }
}

// ---- Contact -------------------------------------------------------------------------

/// The returner / contact fields, prefilled from the signed-in user.
#[derive(Clone, Copy)]
pub struct ContactDraft {
    pub name: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub email: RwSignal<String>,
}

impl ContactDraft {
    pub fn from_session(session: Session) -> Self {
        let user = session.user();
        Self {
            name: RwSignal::new(user.as_ref().map(|u| u.display_name.clone()).unwrap_or_default()),
            phone: RwSignal::new(user.as_ref().and_then(|u| u.phone.clone()).unwrap_or_default()),
            email: RwSignal::new(user.map(|u| u.email).unwrap_or_default()),
        }
    }

    pub fn to_contact(self) -> RequestContact {
        let phone = self.phone.get_untracked().trim().to_string();
        RequestContact {
            name: self.name.get_untracked().trim().to_string(),
            phone: (!phone.is_empty()).then_some(phone),
            email: self.email.get_untracked().trim().to_string(),
        }
    }

    /// What the server would refuse, checked before sending.
    pub fn problems(self) -> Vec<(&'static str, String)> {
        let c = self.to_contact();
        let mut found = Vec::new();
        if c.name.is_empty() {
            found.push(("contact.name", "Enter the name of the person to contact.".to_string()));
        }
        if !c.email.contains('@') || c.email.starts_with('@') || c.email.ends_with('@') {
            found.push(("contact.email", "Enter an email address for the copy of this request.".to_string()));
        }
        found
    }
}

/// The fields the server checks under `contact.*`.
pub const CONTACT_FIELDS: [&str; 3] = ["contact.name", "contact.phone", "contact.email"];

#[component]
pub fn ContactFields(
    contact: ContactDraft,
    errors: FormErrors,
    /// "Returner" for a call-off, "Contact" otherwise.
    #[prop(default = "Contact")]
    legend: &'static str,
) -> impl IntoView {
    let name_error = errors.of("contact.name");
    let phone_error = errors.of("contact.phone");
    let email_error = errors.of("contact.email");
    view! {
        <fieldset class="form-group">
            <legend class="form-group-title">{legend}</legend>
            <label class="field">
                <span class="field-label">"Name"</span>
                <input class="input" type="text" autocomplete="name" data-testid="contact-name"
                    aria-invalid=move || name_error.get().is_some().to_string() bind:value=contact.name />
                <FieldMessage testid="contact-name" error=name_error />
            </label>
            <div class="form-row">
                <label class="field">
                    <span class="field-label">"Phone " <span class="field-optional">"(optional)"</span></span>
                    <input class="input" type="tel" autocomplete="tel" inputmode="tel" data-testid="contact-phone"
                        aria-invalid=move || phone_error.get().is_some().to_string() bind:value=contact.phone />
                    <FieldMessage testid="contact-phone" error=phone_error />
                </label>
                <label class="field">
                    <span class="field-label">"Email"</span>
                    <input class="input" type="email" autocomplete="email" inputmode="email" autocapitalize="none"
                        spellcheck="false" data-testid="contact-email"
                        aria-invalid=move || email_error.get().is_some().to_string() bind:value=contact.email />
                    <FieldMessage testid="contact-email" error=email_error />
                </label>
            </div>
        </fieldset>
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

// ---- Panels --------------------------------------------------------------------------

/// The membership does not allow this request.
#[component]
pub fn NotAllowed(account_id: Uuid, text: String) -> impl IntoView {
    view! {
        <div class="panel panel-empty" data-testid="request-not-allowed">
            <IconSvg icon=Icon::Alert class="panel-icon" />
            <div class="panel-body">
                <h1 class="panel-title">"Not available for your login"</h1>
                <p>{text}</p>
                <A href=format!("/a/{account_id}") attr:class="btn btn-primary">"Back to home"</A>
            </div>
        </div>
    }
}

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
    let follow = format!("/a/{account_id}/requests/{}", s.id);
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
                <A href=format!("/a/{account_id}/rentals") attr:class="btn btn-secondary" attr:data-testid="confirmation-rentals">
                    {terms.my_items()}
                </A>
            </div>
        </section>
    }
}

/// A fresh key for one form: every send of that form carries it, so a double click or a
/// retry after a lost answer files one request.
pub fn new_idempotency_key() -> Uuid {
    Uuid::new_v4()
}
