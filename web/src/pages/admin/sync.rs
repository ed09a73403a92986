//! `/admin/sync`: the dealer admin's "Back-office sync" page (H11). For each kind of data the
//! back office sends: when it last arrived (in the dealer's time zone, and how long ago), how
//! many records that call carried and the dealer has now, and the last call refused; a
//! warning on a kind silent for more than 24 hours. Then each webhook endpoint's health.
//! The same answer as the back office's `GET /integrations/status`.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use shared::sync_status::{
    DeliveryResult, STALE_AFTER_HOURS, SyncKind, SyncKindStatus, SyncStatus, WebhookHealth,
};
use wasm_bindgen::JsValue;

use super::{browser_locale, set_title};
use crate::api;
use crate::components::icons::{Icon, IconSvg};
use crate::components::status::{ErrorPanel, SkeletonList};
use crate::i18n::{tr, tr_with};
use crate::session::use_session;

#[component]
pub fn AdminSyncPage() -> impl IntoView {
    set_title(&tr("admin-sync-title"));
    let session = use_session();
    let admin = Memo::new(move |_| session.is_dealer_admin());
    move || {
        if admin.get() {
            view! { <SyncScreen /> }.into_any()
        } else {
            view! {
                <div class="panel panel-empty" data-testid="sync-forbidden">
                    <h1 class="panel-title">{tr("admin-sync-forbidden")}</h1>
                    <p>{tr("admin-sync-forbidden-text")}</p>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn SyncScreen() -> impl IntoView {
    let session = use_session();
    let status = LocalResource::new(move || async move { api::admin_sync_status(session).await });
    let body = move || {
        Suspend::new(async move {
            match status.await {
                Err(error) => {
                    view! { <ErrorPanel error=error on_retry=move |()| status.refetch() /> }.into_any()
                }
                Ok(status) => view! { <SyncTables status=status /> }.into_any(),
            }
        })
    };
    view! {
        <section class="page admin-page" data-testid="sync-page">
            <div class="page-head">
                <div>
                    <h1 class="page-title">{move || tr("admin-sync-title")}</h1>
                    <p class="page-lead">{move || tr("admin-sync-lead")}</p>
                </div>
                <button class="btn btn-secondary" type="button" data-testid="sync-refresh" on:click=move |_| status.refetch()>
                    <IconSvg icon=Icon::Refresh />
                    {move || tr("admin-refresh")}
                </button>
            </div>
            <Suspense fallback=|| view! { <SkeletonList rows=6 /> }>{body}</Suspense>
        </section>
    }
}

fn kind_label(kind: SyncKind) -> String {
    match kind {
        SyncKind::Locations => tr("admin-sync-kind-locations"),
        SyncKind::Customers => tr("admin-sync-kind-customers"),
        SyncKind::Contracts => tr("admin-sync-kind-contracts"),
        SyncKind::Invoices => tr("admin-sync-kind-invoices"),
        SyncKind::ContractDocuments => tr("admin-sync-kind-contract-documents"),
        SyncKind::InvoiceDocuments => tr("admin-sync-kind-invoice-documents"),
        SyncKind::Positions => tr("admin-sync-kind-positions"),
        SyncKind::CounterPayments => tr("admin-sync-kind-counter-payments"),
        SyncKind::PostedPayments => tr("admin-sync-kind-posted-payments"),
    }
}

#[component]
fn SyncTables(status: SyncStatus) -> impl IntoView {
    let zone = status.time_zone.clone();
    let stale: Vec<SyncKind> = status.kinds.iter().filter(|k| k.stale).map(|k| k.kind).collect();
    let warning = (!stale.is_empty()).then(|| {
        let text = move || {
            let kinds = stale.iter().map(|k| kind_label(*k)).collect::<Vec<_>>().join(", ");
            tr_with("admin-sync-stale", &[("hours", STALE_AFTER_HOURS.into()), ("kinds", kinds.into())])
        };
        view! {
            <div class="sync-warning" role="alert" data-testid="sync-stale-warning">
                <IconSvg icon=Icon::Alert />
                <span>{text}</span>
            </div>
        }
    });
    let rows =
        status.kinds.into_iter().map(|kind| view! { <KindRow kind=kind zone=zone.clone() /> }).collect_view();
    let hooks = if status.webhooks.is_empty() {
        view! { <p class="muted" data-testid="sync-webhooks-empty">{move || tr("admin-sync-no-webhooks")}</p> }.into_any()
    } else {
        let zone = zone.clone();
        view! {
            <ul class="sync-hooks" data-testid="sync-webhooks">
                {status
                    .webhooks
                    .into_iter()
                    .map(|hook| view! { <HookRow hook=hook zone=zone.clone() /> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let times_in = move || tr_with("admin-sync-times-in", &[("zone", zone.as_str().into())]);
    view! {
        {warning}
        <p class="muted">{times_in}</p>
        <div class="table-wrap sync-wrap">
            <table class="data-table sync-table" data-testid="sync-kinds">
                <thead>
                    <tr>
                        <th scope="col">{move || tr("admin-sync-col-data")}</th>
                        <th scope="col">{move || tr("admin-sync-col-last-arrived")}</th>
                        <th scope="col">{move || tr("admin-sync-col-records")}</th>
                        <th scope="col">{move || tr("admin-sync-col-last-error")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <h2 class="section-title">{move || tr("admin-sync-webhooks")}</h2>
        {hooks}
    }
}

#[component]
fn KindRow(kind: SyncKindStatus, zone: String) -> impl IntoView {
    let testid = format!("sync-kind-{}", kind.kind.as_str());
    let arrived = match kind.last_arrived_at {
        Some(at) => view! {
            <span class="sync-arrival">
                <span class="sync-when">{zoned_time(at, &zone)}</span>
                <span class="muted sync-ago">{crate::when::ago(at)}</span>
            </span>
        }
        .into_any(),
        None => view! { <span class="muted">{move || tr("admin-never")}</span> }.into_any(),
    };
    let (last_records, records_now) = (kind.last_records, kind.records_now);
    let records = move || match last_records {
        Some(last) => {
            tr_with("admin-sync-records-last", &[("last", last.into()), ("now", records_now.into())])
        }
        None => tr_with("admin-sync-records-now", &[("now", records_now.into())]),
    };
    let error = match kind.last_error {
        Some(error) => view! {
            <span class="sync-error">
                <strong>{format!("{} {}", error.status, error.title)}</strong>
                <span class="muted">{format!(" · {}", zoned_time(error.at, &zone))}</span>
                {error.detail.map(|detail| view! { <span class="sync-error-detail">{detail}</span> })}
            </span>
        }
        .into_any(),
        None => view! { <span class="muted">{move || tr("admin-sync-no-error")}</span> }.into_any(),
    };
    let (sync_kind, stale) = (kind.kind, kind.stale);
    view! {
        <tr data-testid=testid class:sync-stale=stale>
            <th scope="row">
                {move || kind_label(sync_kind)}
                {stale.then(|| view! { <span class="badge badge-warning">{move || tr("admin-sync-stale-badge")}</span> })}
            </th>
            <td data-label=move || tr("admin-sync-col-last-arrived")>{arrived}</td>
            <td data-label=move || tr("admin-sync-col-records")>{records}</td>
            <td data-label=move || tr("admin-sync-col-last-error")>{error}</td>
        </tr>
    }
}

#[component]
fn HookRow(hook: WebhookHealth, zone: String) -> impl IntoView {
    let enabled = hook.enabled;
    let state = move || if enabled { tr("admin-enabled") } else { tr("admin-disabled") };
    let (last_attempt_at, last_result, last_status_code) =
        (hook.last_attempt_at, hook.last_result, hook.last_status_code);
    let last = move || match (last_attempt_at, last_result) {
        (Some(at), Some(result)) => {
            let code = last_status_code.map(|c| c.to_string());
            let outcome = match (result, code) {
                (DeliveryResult::Succeeded, Some(code)) => {
                    tr_with("admin-sync-delivered-code", &[("code", code.into())])
                }
                (DeliveryResult::Succeeded, None) => tr("admin-delivery-delivered"),
                (DeliveryResult::Failed, Some(code)) => {
                    tr_with("admin-sync-failed-code", &[("code", code.into())])
                }
                (DeliveryResult::Failed, None) => tr("admin-sync-failed-no-answer"),
            };
            format!("{outcome} · {} · {}", zoned_time(at, &zone), crate::when::ago(at))
        }
        _ => tr("admin-webhook-no-delivery"),
    };
    let (failures, pending) = (hook.consecutive_failures, hook.pending_deliveries);
    let health = move || {
        let failed = tr_with("admin-webhook-failed-in-a-row", &[("count", failures.into())]);
        let waiting = tr_with("admin-webhook-waiting", &[("count", pending.into())]);
        format!("{failed} · {waiting}")
    };
    view! {
        <li class="sync-hook" data-testid="sync-webhook">
            <div class="sync-hook-head">
                <strong class="sync-hook-url">{hook.url}</strong>
                <span class=if hook.enabled { "badge badge-ok" } else { "badge badge-warning" }>{state}</span>
            </div>
            {(!hook.description.is_empty()).then(|| view! { <p class="muted">{hook.description}</p> })}
            <p>{last}</p>
            <p class="muted">{health}</p>
            {hook.disabled_reason.map(|reason| view! { <p class="sync-error-detail">{reason}</p> })}
        </li>
    }
}

/// `Nov 23, 2026, 2:21 PM MST`: `at` in the IANA time zone `zone` (the dealer's), in the
/// browser's language.
fn zoned_time(at: DateTime<Utc>, zone: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"year".into(), &"numeric".into());
    let _ = js_sys::Reflect::set(&options, &"month".into(), &"short".into());
    let _ = js_sys::Reflect::set(&options, &"day".into(), &"numeric".into());
    let _ = js_sys::Reflect::set(&options, &"hour".into(), &"numeric".into());
    let _ = js_sys::Reflect::set(&options, &"minute".into(), &"2-digit".into());
    let _ = js_sys::Reflect::set(&options, &"timeZone".into(), &zone.into());
    let _ = js_sys::Reflect::set(&options, &"timeZoneName".into(), &"short".into());
    String::from(date.to_locale_string(&browser_locale(), &options))
}
