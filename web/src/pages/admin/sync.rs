//! `/admin/sync`: the dealer admin's "Back-office sync" page (H11). For each kind of data the
//! back office sends: when it last arrived (in the dealer's time zone, and how long ago), how
//! many records that call carried and the dealer has now, and the last call refused; a
//! warning on a kind silent for more than 24 hours. Then each webhook endpoint's health.
//! The same answer as the back office's `GET /integrations/status`.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use shared::sync_status::{DeliveryResult, STALE_AFTER_HOURS, SyncKindStatus, SyncStatus, WebhookHealth};
use wasm_bindgen::JsValue;

use super::{browser_locale, set_title};
use crate::api;
use crate::components::icons::{Icon, IconSvg};
use crate::components::status::{ErrorPanel, SkeletonList};
use crate::session::use_session;

#[component]
pub fn AdminSyncPage() -> impl IntoView {
    set_title("Back-office sync");
    let session = use_session();
    let admin = Memo::new(move |_| session.is_dealer_admin());
    move || {
        if admin.get() {
            view! { <SyncScreen /> }.into_any()
        } else {
            view! {
                <div class="panel panel-empty" data-testid="sync-forbidden">
                    <h1 class="panel-title">"Only dealer admins see the back-office sync"</h1>
                    <p>"Ask an administrator of your dealer."</p>
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
                    <h1 class="page-title">"Back-office sync"</h1>
                    <p class="page-lead">
                        "What your back office last sent the portal, and whether it was accepted."
                    </p>
                </div>
                <button class="btn btn-secondary" type="button" data-testid="sync-refresh" on:click=move |_| status.refetch()>
                    <IconSvg icon=Icon::Refresh />
                    "Refresh"
                </button>
            </div>
            <Suspense fallback=|| view! { <SkeletonList rows=6 /> }>{body}</Suspense>
        </section>
    }
}

#[component]
fn SyncTables(status: SyncStatus) -> impl IntoView {
    let zone = status.time_zone.clone();
    let stale: Vec<&'static str> = status.kinds.iter().filter(|k| k.stale).map(|k| k.kind.label()).collect();
    let warning = (!stale.is_empty()).then(|| {
        view! {
            <div class="sync-warning" role="alert" data-testid="sync-stale-warning">
                <IconSvg icon=Icon::Alert />
                <span>
                    {format!(
                        "Nothing arrived for more than {STALE_AFTER_HOURS} hours: {}. Check the back office's sync job.",
                        stale.join(", ")
                    )}
                </span>
            </div>
        }
    });
    let rows =
        status.kinds.into_iter().map(|kind| view! { <KindRow kind=kind zone=zone.clone() /> }).collect_view();
    let hooks = if status.webhooks.is_empty() {
        view! { <p class="muted" data-testid="sync-webhooks-empty">"No webhook endpoints."</p> }.into_any()
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
    view! {
        {warning}
        <p class="muted">{format!("Times in {zone}.")}</p>
        <div class="table-wrap sync-wrap">
            <table class="data-table sync-table" data-testid="sync-kinds">
                <thead>
                    <tr>
                        <th scope="col">"Data"</th>
                        <th scope="col">"Last arrived"</th>
                        <th scope="col">"Records"</th>
                        <th scope="col">"Last error"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <h2 class="section-title">"Webhook endpoints"</h2>
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
        None => view! { <span class="muted">"Never"</span> }.into_any(),
    };
    let records = match kind.last_records {
        Some(last) => format!("{last} in the last call · {} now", kind.records_now),
        None => format!("{} now", kind.records_now),
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
        None => view! { <span class="muted">"None"</span> }.into_any(),
    };
    view! {
        <tr data-testid=testid class:sync-stale=kind.stale>
            <th scope="row">
                {kind.kind.label()}
                {kind.stale.then(|| view! { <span class="badge badge-warning">"No data for 24 h+"</span> })}
            </th>
            <td data-label="Last arrived">{arrived}</td>
            <td data-label="Records">{records}</td>
            <td data-label="Last error">{error}</td>
        </tr>
    }
}

#[component]
fn HookRow(hook: WebhookHealth, zone: String) -> impl IntoView {
    let state = if hook.enabled { "Enabled" } else { "Disabled" };
    let last = match (hook.last_attempt_at, hook.last_result) {
        (Some(at), Some(result)) => {
            let outcome = match (result, hook.last_status_code) {
                (DeliveryResult::Succeeded, Some(code)) => format!("Delivered ({code})"),
                (DeliveryResult::Succeeded, None) => "Delivered".to_string(),
                (DeliveryResult::Failed, Some(code)) => format!("Failed ({code})"),
                (DeliveryResult::Failed, None) => "Failed (no answer)".to_string(),
            };
            format!("{outcome} · {} · {}", zoned_time(at, &zone), crate::when::ago(at))
        }
        _ => "No delivery yet".to_string(),
    };
    view! {
        <li class="sync-hook" data-testid="sync-webhook">
            <div class="sync-hook-head">
                <strong class="sync-hook-url">{hook.url}</strong>
                <span class=if hook.enabled { "badge badge-ok" } else { "badge badge-warning" }>{state}</span>
            </div>
            {(!hook.description.is_empty()).then(|| view! { <p class="muted">{hook.description}</p> })}
            <p>{last}</p>
            <p class="muted">
                {format!(
                    "{} failed in a row · {} waiting",
                    hook.consecutive_failures, hook.pending_deliveries
                )}
            </p>
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
