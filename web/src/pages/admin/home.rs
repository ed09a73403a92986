//! The admin home at `/admin` (H1): the dealer's look and a tile for each screen the user's
//! role opens, with a count where one is cheap to read; for a platform admin, first the
//! dealer picker, and the tiles of the dealer they chose.

use futures_util::future::join4;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::platform::DealerSummary;
use shared::staff::StaffStatus;
use uuid::Uuid;

use super::{StoreBranding, set_title};
use crate::api;
use crate::components::icons::{Icon, IconSvg};
use crate::format::logo_mark;
use crate::i18n::{Label, count_arg, tr, tr_with};
use crate::paths;
use crate::session::use_session;

#[component]
pub fn AdminHomePage() -> impl IntoView {
    set_title(&tr("admin-tab-home"));
    let session = use_session();
    let in_dealer = Memo::new(move |_| session.works_for_dealer());
    view! {
        <section class="admin-home" data-testid="admin-home">
            <Show when=move || session.is_platform_admin()>
                <DealerPicker />
            </Show>
            <Show when=move || in_dealer.get()>
                <DealerHome />
            </Show>
        </section>
    }
}

/// The dealer's name and logo, and the tiles.
#[component]
fn DealerHome() -> impl IntoView {
    let session = use_session();
    let branding = use_context::<StoreBranding>().map(|b| b.0);
    let dealer = move || branding.and_then(|b| b.get());
    let admin = Memo::new(move |_| session.is_dealer_admin());
    // Keyed by the acting dealer, so a platform admin's switch recounts.
    let acting_id = Memo::new(move |_| session.acting_dealer().map(|d| d.id));
    // Not counted once the person works for no dealer (a platform admin who stopped acting,
    // while this page is still up): every count would be refused.
    let counts = LocalResource::new(move || {
        let _ = acting_id.get();
        let admin = admin.get();
        let in_dealer = session.works_for_dealer();
        async move { if in_dealer { Some(load_counts(session, admin).await) } else { None } }
    });
    let count = move |pick: fn(&Counts) -> Option<String>| {
        Signal::derive(move || counts.get().flatten().as_ref().and_then(pick))
    };
    let first_name = move || {
        session
            .user()
            .map(|u| u.display_name.split_whitespace().next().unwrap_or_default().to_string())
            .unwrap_or_default()
    };

    view! {
        <div class="admin-home-head">
            {move || dealer().and_then(|d| logo_mark(d.logo_url.as_deref())).map(|src| view! {
                <img class="admin-home-logo" src=src alt="" width="64" height="64" />
            })}
            <div class="admin-home-heading">
                <h1 class="page-title" data-testid="admin-home-dealer">
                    {move || dealer().map_or_else(String::new, |d| d.name)}
                </h1>
                <p class="page-lead">
                    {move || match first_name() {
                        n if n.is_empty() => tr("admin-home-lead"),
                        n => tr_with("admin-home-lead-name", &[("name", n.into())]),
                    }}
                </p>
            </div>
        </div>
        <nav class="tiles admin-tiles" data-testid="admin-tiles" aria-label=move || tr("admin-home-tiles-label")>
            <AdminTile
                testid="admin-tile-requests"
                icon=Icon::Inbox
                title=|| tr("admin-tab-requests")
                text=|| tr("admin-home-requests-text")
                href=paths::ADMIN_REQUESTS
                count=count(|c| c.open_requests.map(|n| tr_with("admin-home-requests-count", &[count_arg(n)])))
            />
            <AdminTile
                testid="admin-tile-feedback"
                icon=Icon::Mail
                title=|| tr("admin-tab-feedback")
                text=|| tr("admin-home-feedback-text")
                href=paths::ADMIN_FEEDBACK
                count=count(|c| c.new_feedback.map(|n| tr_with("admin-home-feedback-count", &[count_arg(n)])))
            />
            <AdminTile
                testid="admin-tile-customers"
                icon=Icon::User
                title=|| tr("admin-tab-customers")
                text=|| tr("admin-home-customers-text")
                href=paths::ADMIN_CUSTOMERS
            />
            <Show when=move || admin.get()>
                <AdminTile
                    testid="admin-tile-staff"
                    icon=Icon::Key
                    title=|| tr("admin-tab-staff")
                    text=|| tr("admin-home-staff-text")
                    href=paths::ADMIN_STAFF
                    count=count(|c| c.active_staff.map(|n| tr_with("admin-home-staff-count", &[count_arg(n as u64)])))
                />
                <AdminTile
                    testid="admin-tile-settings"
                    icon=Icon::Store
                    title=|| tr("admin-tab-settings")
                    text=|| tr("admin-home-settings-text")
                    href=paths::ADMIN_SETTINGS
                />
                <AdminTile
                    testid="admin-tile-audit"
                    icon=Icon::List
                    title=|| tr("admin-tab-audit")
                    text=|| tr("admin-home-audit-text")
                    href=paths::ADMIN_AUDIT
                />
                <AdminTile
                    testid="admin-tile-api-clients"
                    icon=Icon::Devices
                    title=|| tr("admin-tab-api-clients")
                    text=|| tr("admin-home-api-clients-text")
                    href=paths::ADMIN_API_CLIENTS
                    count=count(|c| c.api_clients.map(|n| tr_with("admin-home-api-clients-count", &[count_arg(n as u64)])))
                />
            </Show>
        </nav>
    }
}

/// What the tiles count, each `None` when it could not be read (the tile then says only
/// what it is for).
#[derive(Debug, Clone, Default)]
struct Counts {
    open_requests: Option<u64>,
    new_feedback: Option<u64>,
    active_staff: Option<usize>,
    api_clients: Option<usize>,
}

/// One page of one item is enough: the lists answer their total. The four reads go out
/// together, so none of them starts late (after the person may have stopped acting).
async fn load_counts(session: crate::session::Session, admin: bool) -> Counts {
    let one = || vec![("per_page", "1".to_string())];
    let mut feedback = one();
    feedback.push(("status", "new".to_string()));
    let staff = async move {
        if !admin {
            return None;
        }
        let all = api::admin_staff(session).await.ok()?;
        Some(all.iter().filter(|m| m.status == StaffStatus::Active).count())
    };
    let clients = async move {
        if !admin {
            return None;
        }
        let all = api::admin_api_clients(session).await.ok()?;
        Some(all.iter().filter(|c| c.revoked_at.is_none()).count())
    };
    let (requests, feedback, active_staff, api_clients) =
        join4(api::admin_requests(session, &one()), api::admin_feedback(session, &feedback), staff, clients)
            .await;
    Counts {
        open_requests: requests.ok().map(|p| p.total),
        new_feedback: feedback.ok().map(|p| p.total),
        active_staff,
        api_clients,
    }
}

#[component]
fn AdminTile(
    testid: &'static str,
    icon: Icon,
    title: Label,
    text: Label,
    href: &'static str,
    #[prop(optional, into)] count: Option<Signal<Option<String>>>,
) -> impl IntoView {
    view! {
        <A href=href attr:class="tile admin-tile" attr:data-testid=testid>
            <span class="tile-icon"><IconSvg icon=icon /></span>
            <span class="tile-text">
                <span class="tile-title">{title}</span>
                <span class="tile-desc">{text}</span>
            </span>
            {count.map(|count| view! {
                <span class="admin-tile-count" data-testid=format!("{testid}-count") hidden=move || count.get().is_none()>
                    {move || count.get().unwrap_or_default()}
                </span>
            })}
            <IconSvg icon=Icon::ChevronRight class="tile-chevron" />
        </A>
    }
}

/// A platform admin's choice of dealer: every dealer, the current one selected; choosing
/// one works in it from then on (the tiles and tabs follow).
#[component]
fn DealerPicker() -> impl IntoView {
    let session = use_session();
    let dealers = LocalResource::new(move || async move { api::platform_dealers(session).await });
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let acting = Memo::new(move |_| session.acting_dealer().map(|d| d.id));
    let choose = move |value: String| {
        let Ok(dealer_id) = value.parse::<Uuid>() else { return };
        if busy.get_untracked() || acting.get_untracked() == Some(dealer_id) {
            return;
        }
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let result = match api::choose_acting_dealer(session, dealer_id).await {
                Ok(_) => session.reload_user().await,
                Err(e) => Err(e),
            };
            busy.set(false);
            if let Err(e) = result {
                error.set(Some(e.message()));
            }
        });
    };

    view! {
        <div class="panel dealer-picker" data-testid="dealer-picker">
            <label class="field" for="dealer-picker-select">
                <span class="field-label">
                    {move || if acting.get().is_some() { tr("admin-dealer-picker-current") } else { tr("admin-dealer-picker-choose") }}
                </span>
                <Suspense fallback=|| view! { <select class="input" disabled=true><option>{move || tr("admin-dealer-picker-loading")}</option></select> }>
                    {move || dealers.get().map(|loaded| match loaded {
                        Ok(list) => view! {
                            <select
                                id="dealer-picker-select"
                                class="input"
                                data-testid="dealer-picker-select"
                                disabled=move || busy.get()
                                on:change=move |ev| choose(event_target_value(&ev))
                            >
                                <option value="" disabled=true selected=move || acting.get().is_none()>
                                    {move || tr("admin-dealer-picker-placeholder")}
                                </option>
                                {list.into_iter().map(|d: DealerSummary| {
                                    let id = d.id;
                                    view! {
                                        <option value=id.to_string() selected=move || acting.get() == Some(id)>
                                            {format!("{} ({})", d.name, d.slug)}
                                        </option>
                                    }
                                }).collect_view()}
                            </select>
                        }.into_any(),
                        Err(e) => view! { <p class="form-error" role="alert">{e.message()}</p> }.into_any(),
                    })}
                </Suspense>
            </label>
            <Show when=move || acting.get().is_none()>
                <p class="field-hint">
                    {move || tr("admin-dealer-picker-hint")}
                </p>
            </Show>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        </div>
    }
}
