//! `/a/:account_id/tracking` (D5): where each item on rent was last reported, as a list and
//! as our own small SVG site map — no map library and no tiles, so it works offline; each
//! item links out to OpenStreetMap for the full map.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::accounts::AccountSummary;
use shared::tracking::TrackedItem;
use uuid::Uuid;

use crate::api;
use crate::components::icons::{Icon, IconSvg};
use crate::components::layout::use_current_account;
use crate::components::status::{ErrorPanel, SkeletonList};
use crate::i18n::{count_arg, terms_arg, tr, tr_with};
use crate::pages::contract_detail::serial_number;
use crate::paths;
use crate::session::use_session;
use crate::when;

#[component]
pub fn TrackingPage() -> impl IntoView {
    let current = use_current_account();
    move || current.get().map(|account| view! { <Tracking account=account /> })
}

#[component]
fn Tracking(account: AccountSummary) -> impl IntoView {
    let session = use_session();
    let account_id = account.id;
    let terms = account.dealer.terminology;
    let locale = account.dealer.locale.clone();
    let items = LocalResource::new(move || async move { api::tracking(session, account_id).await });
    let highlighted = RwSignal::new(None::<Uuid>);
    let body = move || {
        let locale = locale.clone();
        Suspend::new(async move {
            match items.await {
                Err(e) => view! { <ErrorPanel error=e on_retry=move |()| items.refetch() /> }.into_any(),
                Ok(list) if list.is_empty() => view! {
                    <div class="panel panel-empty" data-testid="empty-state">
                        <IconSvg icon=Icon::Truck class="panel-icon" />
                        <div class="panel-body">
                            <h2 class="panel-title">{move || tr_with("tracking-empty", &[terms_arg(terms)])}</h2>
                        </div>
                    </div>
                }
                .into_any(),
                Ok(list) => {
                    // Numbers tie the map's markers to the list.
                    let numbered: Vec<(usize, TrackedItem)> =
                        list.into_iter().enumerate().map(|(i, t)| (i + 1, t)).collect();
                    let located = numbered.iter().filter(|(_, t)| t.position.is_some()).count();
                    let total = numbered.len() as u64;
                    view! {
                        <div class="tracking-layout">
                            <div class="site-map-card">
                                {if located == 0 {
                                    view! { <p class="site-map-empty" data-testid="site-map-empty">{move || tr("tracking-map-empty")}</p> }.into_any()
                                } else {
                                    view! { <SiteMap items=numbered.clone() highlighted=highlighted /> }.into_any()
                                }}
                                <p class="field-hint">{move || tr_with("tracking-located", &[("located", located.into()), count_arg(total)])}</p>
                            </div>
                            <ul class="card-list tracking-list" data-testid="tracking-list">
                                {numbered.into_iter().map(|(n, t)| view! { <TrackedRow number=n item=t account_id=account_id locale=locale.clone() highlighted=highlighted /> }).collect_view()}
                            </ul>
                        </div>
                    }
                    .into_any()
                }
            }
        })
    };
    view! {
        <section class="page tracking-page" data-testid="tracking-page">
            <div class="page-head">
                <div>
                    <A href=paths::account_home(account_id) attr:class="back-link"><IconSvg icon=Icon::ChevronLeft />{move || tr("nav-home")}</A>
                    <h1 class="page-title">{move || tr("tracking-title")}</h1>
                    <p class="page-lead">{move || tr_with("tracking-lead", &[terms_arg(terms)])}</p>
                </div>
                <button type="button" class="btn btn-secondary" data-testid="tracking-refresh" on:click=move |_| items.refetch()>
                    <IconSvg icon=Icon::Refresh />{move || tr("tracking-refresh")}
                </button>
            </div>
            <Suspense fallback=|| view! { <SkeletonList rows=4 /> }>{body}</Suspense>
        </section>
    }
}

/// `https://www.openstreetmap.org/?mlat=…&mlon=…#map=16/…/…`: a plain link, nothing loaded.
pub fn osm_href(latitude: f64, longitude: f64) -> String {
    format!(
        "https://www.openstreetmap.org/?mlat={latitude:.6}&mlon={longitude:.6}#map=16/{latitude:.6}/{longitude:.6}"
    )
}

#[component]
fn TrackedRow(
    number: usize,
    item: TrackedItem,
    account_id: Uuid,
    locale: String,
    highlighted: RwSignal<Option<Uuid>>,
) -> impl IntoView {
    let line_id = item.line_id;
    let has_position = item.position.is_some();
    let contract_number = item.contract_number.clone();
    view! {
        <li class="card tracking-item" data-testid="tracking-item" data-line-id=line_id.to_string() data-has-position=has_position.to_string()
            class:tracking-on=move || highlighted.get() == Some(line_id)
            on:mouseenter=move |_| highlighted.set(Some(line_id))
            on:mouseleave=move |_| highlighted.set(None)>
            <div class="card-top">
                <span class="tracking-title">
                    <span class="map-number" class:map-number-none=!has_position aria-hidden="true">{number}</span>
                    <span class="line-title">{item.description.clone()}</span>
                </span>
            </div>
            <p class="myreq-meta">
                {item.serial_number.clone().map(|s| view! { <span class="mono">{move || serial_number(&s)}</span> })}
                <A href=paths::contract(account_id, item.contract_id)>
                    {move || tr_with("contracts-contract-number", &[("number", contract_number.as_str().into())])}
                </A>
                {item.job_site.clone().map(|s| view! { <span>{s}</span> })}
            </p>
            {match item.position {
                Some(p) => view! {
                    <div class="tracking-position" data-testid="tracking-position">
                        <span>
                            <span class="mono" data-testid="tracking-coords">{format!("{:.5}, {:.5}", p.latitude, p.longitude)}</span>
                            <span class="sub">
                                <span data-testid="tracking-ago" title=when::timestamp(p.recorded_at, &locale)>{when::ago(p.recorded_at)}</span>
                                {format!(" · {}", p.source)}
                            </span>
                        </span>
                        <a class="btn btn-secondary btn-small" href=osm_href(p.latitude, p.longitude) target="_blank" rel="noopener noreferrer"
                            data-testid="tracking-open-map">{move || tr("tracking-open-map")}</a>
                    </div>
                }
                .into_any(),
                None => view! { <p class="tracking-none" data-testid="tracking-no-position">{move || tr("tracking-no-position")}</p> }.into_any(),
            }}
        </li>
    }
}

/// The SVG box the positions are drawn into (user units).
const MAP_W: f64 = 640.0;
const MAP_H: f64 = 400.0;
const MAP_PAD: f64 = 44.0;
/// The smallest area shown, in degrees (about 300 m): one item alone sits in the middle.
const MIN_SPAN: f64 = 0.003;

/// Projects positions into the box: equirectangular around the middle latitude (fine at site
/// scale), the same scale on both axes, centred.
fn project(points: &[(f64, f64)]) -> (Vec<(f64, f64)>, f64) {
    let (mut min_lat, mut max_lat, mut min_lon, mut max_lon) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for (lat, lon) in points {
        min_lat = min_lat.min(*lat);
        max_lat = max_lat.max(*lat);
        min_lon = min_lon.min(*lon);
        max_lon = max_lon.max(*lon);
    }
    let mid_lat = (min_lat + max_lat) / 2.0;
    let x_factor = mid_lat.to_radians().cos().max(0.01);
    let span_x = ((max_lon - min_lon) * x_factor).max(MIN_SPAN);
    let span_y = (max_lat - min_lat).max(MIN_SPAN);
    let scale = ((MAP_W - 2.0 * MAP_PAD) / span_x).min((MAP_H - 2.0 * MAP_PAD) / span_y);
    let mid_lon = (min_lon + max_lon) / 2.0;
    let projected = points
        .iter()
        .map(|(lat, lon)| {
            (MAP_W / 2.0 + (lon - mid_lon) * x_factor * scale, MAP_H / 2.0 - (lat - mid_lat) * scale)
        })
        .collect();
    // Kilometres across the box's width.
    let km_across = MAP_W / scale * 111.32;
    (projected, km_across)
}

fn distance_text(km: f64) -> String {
    if km < 1.0 {
        tr_with("tracking-map-across-m", &[("distance", format!("{:.0}", km * 1000.0).into())])
    } else {
        // One decimal, with the language's decimal mark (French writes 1,5).
        let distance = format!("{km:.1}").replace('.', crate::i18n::language().decimal_mark());
        tr_with("tracking-map-across-km", &[("distance", distance.into())])
    }
}

/// Markers closer than this (user units) merge into one "place": items on one site stack.
const MERGE_DISTANCE: f64 = 30.0;

/// One marker on the map: the items reported at (about) the same place.
struct Place {
    x: f64,
    y: f64,
    lat: f64,
    lon: f64,
    /// (list number, item)
    items: Vec<(usize, TrackedItem)>,
}

/// Groups projected items into places, greedily, in list order.
fn places(located: Vec<(usize, TrackedItem, f64, f64)>, xy: Vec<(f64, f64)>) -> Vec<Place> {
    let mut out: Vec<Place> = Vec::new();
    for ((n, item, lat, lon), (x, y)) in located.into_iter().zip(xy) {
        match out.iter_mut().find(|p| (p.x - x).hypot(p.y - y) < MERGE_DISTANCE) {
            Some(place) => place.items.push((n, item)),
            None => out.push(Place { x, y, lat, lon, items: vec![(n, item)] }),
        }
    }
    out
}

/// The label of a place with `items`: its item, or the site its items share, or how many
/// there are.
fn place_label(items: &[(usize, TrackedItem)]) -> String {
    let text = match items {
        [(_, only)] => only.description.clone(),
        [(_, first), rest @ ..] => {
            let site =
                first.job_site.clone().filter(|s| rest.iter().all(|(_, i)| i.job_site.as_ref() == Some(s)));
            let count = count_arg(items.len() as u64);
            match site {
                Some(site) => tr_with("tracking-place-items-site", &[count, ("site", site.into())]),
                None => tr_with("tracking-place-items", &[count]),
            }
        }
        [] => String::new(),
    };
    if text.chars().count() > 30 { format!("{}…", text.chars().take(29).collect::<String>()) } else { text }
}

#[component]
fn SiteMap(items: Vec<(usize, TrackedItem)>, highlighted: RwSignal<Option<Uuid>>) -> impl IntoView {
    let located: Vec<(usize, TrackedItem, f64, f64)> = items
        .into_iter()
        .filter_map(|(n, t)| t.position.clone().map(|p| (n, t, p.latitude, p.longitude)))
        .collect();
    let points: Vec<(f64, f64)> = located.iter().map(|(_, _, lat, lon)| (*lat, *lon)).collect();
    let (xy, km) = project(&points);
    let count = located.len();
    let places = places(located, xy);
    let label_all = places.len() <= 10;
    let grid = (1..6).map(f64::from).collect::<Vec<_>>();
    view! {
        <svg class="site-map" data-testid="site-map" viewBox=format!("0 0 {MAP_W} {MAP_H}") role="img"
            aria-label=move || tr_with("tracking-map-label", &[count_arg(count as u64)])>
            <rect x="0" y="0" width=MAP_W height=MAP_H rx="12" class="site-map-bg" />
            {grid.iter().map(|i| view! {
                <line x1=MAP_W * i / 6.0 y1="0" x2=MAP_W * i / 6.0 y2=MAP_H class="site-map-grid" />
                <line x1="0" y1=MAP_H * i / 6.0 x2=MAP_W y2=MAP_H * i / 6.0 class="site-map-grid" />
            }).collect_view()}
            <g class="site-map-compass" transform="translate(24 30)">
                <path d="M0 -14 L6 4 L0 0 L-6 4 Z" />
                <text x="0" y="18" text-anchor="middle">"N"</text>
            </g>
            <text x=MAP_W - 14.0 y=MAP_H - 14.0 text-anchor="end" class="site-map-scale">{move || distance_text(km)}</text>
            {places.into_iter().map(|place| {
                let Place { x, y, lat, lon, items } = place;
                let ids: Vec<Uuid> = items.iter().map(|(_, i)| i.line_id).collect();
                let numbers = items.iter().map(|(n, _)| n.to_string()).collect::<Vec<_>>().join(", ");
                let single = items.len() == 1;
                let badge = if single { numbers.clone() } else { items.len().to_string() };
                let on_right = x < MAP_W * 0.62;
                let id_list = ids.iter().map(Uuid::to_string).collect::<Vec<_>>().join(",");
                let hover = ids.first().copied();
                let count = items.len();
                let items = StoredValue::new(items);
                let label = move || items.with_value(|items| place_label(items));
                // Its name starts with what it shows, in order (WCAG 2.5.3): its number, or how
                // many items share the spot, then the place.
                let number = badge.clone();
                let aria = move || {
                    if single {
                        tr_with("tracking-marker-one", &[("number", number.as_str().into()), ("label", label().into())])
                    } else {
                        let args = [count_arg(count as u64), ("label", label().into()), ("numbers", numbers.as_str().into())];
                        tr_with("tracking-marker-many", &args)
                    }
                };
                view! {
                    <g class="map-marker" class:map-marker-group=!single
                        class:map-marker-on=move || highlighted.get().is_some_and(|h| ids.contains(&h))
                        data-testid="map-marker" data-line-ids=id_list data-count=count.to_string()
                        role="link" aria-label=aria
                        on:mouseenter=move |_| highlighted.set(hover)
                        on:mouseleave=move |_| highlighted.set(None)
                        on:click=move |_| {
                            if let Some(w) = web_sys::window() {
                                let _ = w.open_with_url_and_target(&osm_href(lat, lon), "_blank");
                            }
                        }>
                        <circle cx=x cy=y r=if single { "14" } else { "18" } class="map-marker-dot" />
                        <text x=x y=y + 5.0 text-anchor="middle" class="map-marker-number">{badge}</text>
                        // A space between the two texts, so what is read as the marker's text
                        // is "2 2 items · …" (as its name says), not "22 items".
                        " "
                        {label_all.then(|| view! {
                            <text x=if on_right { x + 24.0 } else { x - 24.0 } y=y + 5.0
                                text-anchor=if on_right { "start" } else { "end" } class="map-marker-label">{label}</text>
                        })}
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}
