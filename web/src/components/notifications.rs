//! The store staff's bell: how many notifications are unread (new requests, customer
//! cancellations, feedback), checked every minute while the tab is visible, and a panel
//! listing the newest with links. Opening the panel marks what it shows as read.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::A;
use shared::requests::{NotificationList, StaffNotification};

use crate::api;
use crate::components::icons::{Icon, IconSvg};
use crate::i18n::{count_arg, tr, tr_with};
use crate::paths;
use crate::session::use_session;

const POLL: Duration = Duration::from_secs(60);

/// Where a notification leads: its request, or the feedback message opened in the inbox.
fn target(n: &StaffNotification) -> String {
    match (n.request_id, n.feedback_id) {
        (Some(id), _) => paths::admin_request(id),
        (None, Some(id)) => paths::admin_feedback_message(id),
        (None, None) => paths::ADMIN_REQUESTS.to_string(),
    }
}

fn tab_hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden())
}

#[component]
pub fn NotificationsBell() -> impl IntoView {
    let session = use_session();
    let list = RwSignal::new(None::<NotificationList>);
    let open = RwSignal::new(false);
    // Unread when the panel opened: they stay highlighted while it is open.
    let fresh = RwSignal::new(Vec::<uuid::Uuid>::new());

    let load = move || {
        leptos::task::spawn_local(async move {
            // A failed poll keeps the last known list; the next one tries again.
            if let Ok(latest) = api::admin_notifications(session).await {
                list.set(Some(latest));
            }
        });
    };
    load();
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if !tab_hidden() && !open.get_untracked() {
                load();
            }
        },
        POLL,
    ) {
        on_cleanup(move || handle.clear());
    }

    let unread = move || list.with(|l| l.as_ref().map_or(0, |l| l.unread));
    let toggle = move |_| {
        if open.get_untracked() {
            open.set(false);
            return;
        }
        let ids: Vec<uuid::Uuid> = list
            .with_untracked(|l| {
                l.as_ref().map(|l| l.items.iter().filter(|n| !n.read).map(|n| n.id).collect())
            })
            .unwrap_or_default();
        fresh.set(ids.clone());
        open.set(true);
        if ids.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            if api::admin_notifications_read(session, &ids).await.is_ok() {
                list.update(|l| {
                    if let Some(l) = l {
                        for n in l.items.iter_mut().filter(|n| ids.contains(&n.id)) {
                            n.read = true;
                        }
                        l.unread = l.unread.saturating_sub(ids.len() as u64);
                    }
                });
            }
        });
    };
    let close = move || {
        open.set(false);
        fresh.set(Vec::new());
    };

    view! {
        <div class="bell">
            <button
                type="button"
                class="bell-button"
                data-testid="notifications-bell"
                aria-haspopup="true"
                aria-expanded=move || open.get().to_string()
                aria-label=move || match unread() {
                    0 => tr("bell-notifications"),
                    n => tr_with("bell-label-unread", &[count_arg(n)]),
                }
                on:click=toggle
            >
                <IconSvg icon=Icon::Bell />
                <Show when=move || { unread() > 0 }>
                    <span class="bell-count" data-testid="notifications-count" aria-hidden="true">
                        {move || match unread() {
                            n if n > 99 => "99+".to_string(),
                            n => n.to_string(),
                        }}
                    </span>
                </Show>
            </button>
            <Show when=move || open.get()>
                <div class="switcher-backdrop" on:click=move |_| close()></div>
                <div class="switcher-menu bell-panel" role="menu" data-testid="notifications-panel">
                    <p class="switcher-heading">{move || tr("bell-notifications")}</p>
                    {move || {
                        let items = list.with(|l| l.as_ref().map(|l| l.items.clone()).unwrap_or_default());
                        if items.is_empty() {
                            return view! { <p class="bell-empty">{move || tr("bell-empty")}</p> }
                                .into_any();
                        }
                        items
                            .into_iter()
                            .map(|n| {
                                let unread = fresh.with(|f| f.contains(&n.id));
                                let ago = crate::when::ago(n.created_at);
                                let meta = match &n.location {
                                    Some(l) => format!("{ago} · {}", l.name),
                                    None => ago,
                                };
                                view! {
                                    <A
                                        href=target(&n)
                                        attr:class=if unread { "bell-item bell-item-unread" } else { "bell-item" }
                                        attr:role="menuitem"
                                        attr:data-testid="notification-item"
                                        attr:data-kind=n.kind.clone()
                                        on:click=move |_| close()
                                    >
                                        <span class="bell-dot" aria-hidden="true"></span>
                                        <span class="bell-text">
                                            <span class="bell-title">{n.title.clone()}</span>
                                            <span class="bell-meta">{meta}</span>
                                        </span>
                                    </A>
                                }
                            })
                            .collect_view()
                            .into_any()
                    }}
                    <div class="bell-links">
                        <A href=paths::ADMIN_REQUESTS attr:class="switcher-all" on:click=move |_| close()>{move || tr("bell-all-requests")}</A>
                        <A href=paths::ADMIN_FEEDBACK attr:class="switcher-all" on:click=move |_| close()>{move || tr("bell-feedback")}</A>
                    </div>
                </div>
            </Show>
        </div>
    }
}
