//! `/a/:account_id/service[?lines=…]` (D4): a service request on the ticked items —
//! breakdown, damage, maintenance — or, without items, a general service call.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::accounts::AccountSummary;
use shared::rentals::RentalItem;
use shared::requests::{RequestDetail, ServiceKind, ServiceRequestInput};

use crate::api;
use crate::components::form::{FormError, SubmitButton};
use crate::components::icons::{Icon, IconSvg};
use crate::components::layout::use_current_account;
use crate::components::requests::{
    ChosenItems, ContactDraft, ContactFields, FieldMessage, FormErrors, RequestConfirmation, can_service,
    load_items, new_idempotency_key, send_request,
};
use crate::components::status::{ErrorPanel, SkeletonList};
use crate::session::use_session;
use crate::url_query::parse_lines;

#[component]
pub fn ServiceRequestPage() -> impl IntoView {
    let current = use_current_account();
    move || current.get().map(|account| view! { <ServiceRequest account=account /> })
}

#[component]
fn ServiceRequest(account: AccountSummary) -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let account_id = account.id;
    let ids = query.with_untracked(parse_lines);
    let items = LocalResource::new(move || {
        let ids = ids.clone();
        async move { if ids.is_empty() { Ok(Vec::new()) } else { load_items(session, account_id, ids).await } }
    });
    let done = RwSignal::new(None::<RequestDetail>);
    let terms = account.dealer.terminology;
    let locale = account.dealer.locale.clone();
    let body = move || {
        let locale = locale.clone();
        let account = account.clone();
        Suspend::new(async move {
            match items.await {
                Err(e) => view! { <ErrorPanel error=e on_retry=move |()| items.refetch() /> }.into_any(),
                Ok(list) => {
                    let ready: Vec<_> = list.into_iter().filter(can_service).collect();
                    view! {
                        {move || match done.get() {
                            Some(detail) => view! { <RequestConfirmation detail=detail account_id=account_id locale=locale.clone() terms=terms /> }.into_any(),
                            None => view! { <ServiceForm account=account.clone() items=ready.clone() done=done /> }.into_any(),
                        }}
                    }
                    .into_any()
                }
            }
        })
    };
    view! {
        <section class="page myreq-page" data-testid="service-page">
            <Suspense fallback=|| view! { <SkeletonList rows=3 /> }>{body}</Suspense>
        </section>
    }
}

const SHOWN: [&str; 4] = ["service_kind", "description", "site_address", "line_ids"];

#[component]
fn ServiceForm(
    account: AccountSummary,
    items: Vec<RentalItem>,
    done: RwSignal<Option<RequestDetail>>,
) -> impl IntoView {
    let session = use_session();
    let account_id = account.id;
    let key = new_idempotency_key();
    let kind = RwSignal::new(if items.is_empty() { ServiceKind::Other } else { ServiceKind::Breakdown });
    let description = RwSignal::new(String::new());
    let site =
        items.iter().find_map(|i| i.job_site.clone().filter(|s| !s.trim().is_empty())).unwrap_or_default();
    let site_address = RwSignal::new(site);
    let contact = ContactDraft::from_session(session);
    let errors = FormErrors::new();
    let submitting = RwSignal::new(false);
    let line_ids: Vec<_> = items.iter().map(|i| i.line_id).collect();
    let general = items.is_empty();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let mut found = Vec::new();
        if description.get_untracked().trim().is_empty() {
            found.push(("description", "Tell the store what is wrong or what you need.".to_string()));
        }
        found.extend(contact.problems());
        if errors.report(found) {
            return;
        }
        let site = site_address.get_untracked().trim().to_string();
        let body = ServiceRequestInput {
            line_ids: line_ids.clone(),
            service_kind: kind.get_untracked(),
            description: description.get_untracked().trim().to_string(),
            site_address: (!site.is_empty()).then_some(site),
            contact: contact.to_contact(),
        };
        send_request(
            async move { api::service_request(session, account_id, key, &body).await },
            submitting,
            done,
            errors,
            &SHOWN,
        );
    };
    let description_error = errors.of("description");
    let count = items.len();
    view! {
        <A href=format!("/a/{account_id}/rentals") attr:class="back-link"><IconSvg icon=Icon::ChevronLeft />{account.dealer.terminology.my_items()}</A>
        <h1 class="page-title">{if general { "New service call" } else { "Service request" }}</h1>
        <p class="page-lead">{format!("{} will get back to you about it.", account.dealer.name)}</p>
        <form class="myreq-form" data-testid="service-form" on:submit=on_submit novalidate>
            <FormError testid="service-error" error=errors.general() />
            {(!general).then(|| view! {
                <fieldset class="form-group">
                    <legend class="form-group-title">{format!("Items ({count})")}</legend>
                    <ChosenItems items=items.clone() locale=account.dealer.locale.clone() />
                    <FieldMessage testid="service-items" error=errors.of("line_ids") />
                </fieldset>
            })}
            <fieldset class="form-group">
                <legend class="form-group-title">"What do you need?"</legend>
                <div class="choice-grid" role="radiogroup" aria-label="Kind of service">
                    {ServiceKind::ALL.into_iter().map(|k| view! {
                        <label class="choice" class:choice-on=move || kind.get() == k>
                            <input type="radio" name="service_kind" value=k.as_str() data-testid=format!("service-kind-{}", k.as_str())
                                prop:checked=move || kind.get() == k on:change=move |_| kind.set(k) />
                            <span>{k.label()}</span>
                        </label>
                    }).collect_view()}
                </div>
                <label class="field">
                    <span class="field-label">"Description"</span>
                    <textarea class="input textarea" rows="4" data-testid="service-description"
                        placeholder="What happened, error codes, when it is needed again…"
                        aria-invalid=move || description_error.get().is_some().to_string()
                        prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                    <FieldMessage testid="service-description" error=description_error />
                </label>
                <label class="field">
                    <span class="field-label">"Site address " <span class="field-optional">"(optional)"</span></span>
                    <textarea class="input textarea" rows="2" data-testid="service-site-address"
                        prop:value=move || site_address.get() on:input=move |ev| site_address.set(event_target_value(&ev))></textarea>
                    <FieldMessage testid="service-site-address" error=errors.of("site_address") />
                </label>
            </fieldset>
            <ContactFields contact=contact errors=errors />
            <div class="form-submit">
                <SubmitButton testid="service-submit" submitting=submitting idle="Send service request" busy="Sending…" />
            </div>
        </form>
    }
}
