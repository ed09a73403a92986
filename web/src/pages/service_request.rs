//! `/a/:account_id/service[?lines=…]` (D4): a service request on the ticked items —
//! breakdown, damage, maintenance — or, without items, a general service call.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::accounts::AccountSummary;
use shared::rentals::RentalItem;
use shared::requests::{RequestContact, RequestDetail, ServiceKind, ServiceRequestInput};

use crate::api::Filing;
use crate::components::form::{ChoiceGrid, FieldMessage};
use crate::components::request_form::{
    FormErrors, Found, ItemsFieldset, RequestForm, RequestFrame, SiteAddressField, permitted_request_page,
    request_page,
};
use crate::components::requests::{can_service, load_items, service_kind_label};
use crate::i18n::{terms_arg, tr, tr_with};
use crate::paths;
use crate::session::use_session;
use crate::url_query::parse_lines;

#[component]
pub fn ServiceRequestPage() -> impl IntoView {
    // Any login on the account may ask for service.
    permitted_request_page(|_| None, |account| view! { <ServiceRequest account=account /> }.into_any())
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
    let form_account = account.clone();
    request_page(&account, "service-page", items, move |list: Vec<RentalItem>, done| {
        let ready: Vec<_> = list.into_iter().filter(can_service).collect();
        view! { <ServiceForm account=form_account.clone() items=ready done=done /> }.into_any()
    })
}

const SHOWN: [&str; 4] = ["service_kind", "description", "site_address", "line_ids"];

#[component]
fn ServiceForm(
    account: AccountSummary,
    items: Vec<RentalItem>,
    done: RwSignal<Option<RequestDetail>>,
) -> impl IntoView {
    let account_id = account.id;
    let kind = RwSignal::new(if items.is_empty() { ServiceKind::Other } else { ServiceKind::Breakdown });
    let description = RwSignal::new(String::new());
    let site =
        items.iter().find_map(|i| i.job_site.clone().filter(|s| !s.trim().is_empty())).unwrap_or_default();
    let site_address = RwSignal::new(site);
    let errors = FormErrors::new();
    let line_ids: Vec<_> = items.iter().map(|i| i.line_id).collect();
    let general = items.is_empty();

    let prepare = move |contact: RequestContact, found: &mut Found| -> Option<Filing> {
        if description.get_untracked().trim().is_empty() {
            found.push(("description", tr("service-description-missing")));
        }
        let site = site_address.get_untracked().trim().to_string();
        Some(Filing::Service(ServiceRequestInput {
            line_ids: line_ids.clone(),
            service_kind: kind.get_untracked(),
            description: description.get_untracked().trim().to_string(),
            site_address: (!site.is_empty()).then_some(site),
            contact,
        }))
    };
    let terms = account.dealer.terminology;
    let dealer = account.dealer.name.clone();
    let frame = RequestFrame {
        account_id,
        testid: "service",
        back_href: paths::rentals(account_id),
        back_text: (move || tr_with("nav-my-items", &[terms_arg(terms)])).into(),
        title: (move || if general { tr("service-new-call") } else { tr("request-kind-service") }).into(),
        lead: (move || tr_with("service-lead", &[("dealer", dealer.clone().into())])).into(),
        submit: (|| tr("service-submit")).into(),
        contact_legend: (|| tr("request-contact")).into(),
        note: None,
    };
    view! {
        <RequestForm frame=frame errors=errors done=done shown=&SHOWN prepare=prepare>
            {(!general).then(|| view! {
                <ItemsFieldset items=items.clone() locale=account.dealer.locale.clone() terms=account.dealer.terminology testid="service-items" errors=errors />
            })}
            <fieldset class="form-group">
                <legend class="form-group-title">{move || tr("service-what")}</legend>
                <ChoiceGrid class="choice-grid" label=move || tr("service-kind-label") name="service_kind" testid="service-kind"
                    options=ServiceKind::ALL value=ServiceKind::as_str text=service_kind_label picked=kind />
                <label class="field">
                    <span class="field-label">{move || tr("request-description")}</span>
                    <textarea class="input textarea" rows="4" data-testid="service-description"
                        placeholder=move || tr("service-description-placeholder")
                        aria-invalid=errors.invalid("description")
                        prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                    <FieldMessage testid="service-description" error=errors.of("description") />
                </label>
                <SiteAddressField testid="service-site-address" label=move || tr("request-site-address") optional=true address=site_address errors=errors />
            </fieldset>
        </RequestForm>
    }
}
