//! Ticking rows of a list (kept across its pages): which rows are ticked, ticking all of a
//! page, a tap on a card in select mode, and the bar sticky at the bottom of the screen while
//! any are ticked, with "N selected", Clear and the page's own actions.

use leptos::prelude::*;
use shared::invoices::InvoiceSummary;
use shared::rentals::RentalItem;
use uuid::Uuid;
use wasm_bindgen::JsCast;

use crate::i18n::{count_arg, tr, tr_with};

/// A row that can be ticked, known by its id.
pub trait Pickable: Clone + Send + Sync + 'static {
    fn pick_id(&self) -> Uuid;
}

impl Pickable for RentalItem {
    fn pick_id(&self) -> Uuid {
        self.line_id
    }
}

impl Pickable for InvoiceSummary {
    fn pick_id(&self) -> Uuid {
        self.id
    }
}

/// Ticks (`on`) or unticks `item`.
pub fn toggle<T: Pickable>(selected: RwSignal<Vec<T>>, item: &T, on: bool) {
    selected.update(|all| {
        all.retain(|s| s.pick_id() != item.pick_id());
        if on {
            all.push(item.clone());
        }
    });
}

pub fn is_selected<T: Pickable>(selected: RwSignal<Vec<T>>, id: Uuid) -> bool {
    selected.with(|all| all.iter().any(|s| s.pick_id() == id))
}

/// Whether the page has rows that may be ticked and all of them are.
fn all_ticked<T: Pickable>(
    selected: RwSignal<Vec<T>>,
    page_items: StoredValue<Vec<T>>,
    pickable: fn(&T) -> bool,
) -> bool {
    page_items.with_value(|items| {
        let pickable: Vec<_> = items.iter().filter(|i| pickable(i)).collect();
        !pickable.is_empty() && pickable.iter().all(|i| is_selected(selected, i.pick_id()))
    })
}

/// Ticks (`on`) or unticks every row of the page that may be ticked.
fn tick_all<T: Pickable>(
    selected: RwSignal<Vec<T>>,
    page_items: StoredValue<Vec<T>>,
    pickable: fn(&T) -> bool,
    on: bool,
) {
    page_items.with_value(|items| items.iter().filter(|i| pickable(i)).for_each(|i| toggle(selected, i, on)));
}

/// In select mode a tap anywhere on a card (but a link or a tick box) ticks or unticks it.
pub fn tap_card<T: Pickable>(ev: &web_sys::MouseEvent, selected: RwSignal<Vec<T>>, item: &T) {
    let on_control = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a, input").ok().flatten())
        .is_some();
    if !on_control {
        toggle(selected, item, !is_selected(selected, item.pick_id()));
    }
}

/// The table header's tick box: every row of the page that may be ticked.
#[component]
pub fn SelectAllBox<T: Pickable>(
    /// The box's accessible name.
    #[prop(into)]
    label: TextProp,
    selected: RwSignal<Vec<T>>,
    page_items: StoredValue<Vec<T>>,
    pickable: fn(&T) -> bool,
) -> impl IntoView {
    view! {
        <input type="checkbox" class="select-box" data-testid="select-all" aria-label=label
            prop:checked=move || all_ticked(selected, page_items, pickable)
            on:change=move |ev| tick_all(selected, page_items, pickable, event_target_checked(&ev)) />
    }
}

/// Phones: "Select all on this page".
#[component]
pub fn SelectAllPhone<T: Pickable>(
    selected: RwSignal<Vec<T>>,
    page_items: StoredValue<Vec<T>>,
    pickable: fn(&T) -> bool,
) -> impl IntoView {
    view! {
        <button type="button" class="btn btn-ghost phone-only select-all-phone" data-testid="select-all-phone"
            on:click=move |_| tick_all(selected, page_items, pickable, true)>
            {move || tr("selection-select-page")}
        </button>
    }
}

/// `class` goes after `selection-bar`; `children` are the actions. Clear empties `selected`,
/// then runs `on_clear`. Test ids: `{testid}` on the bar, `selection-count`, `selection-clear`.
#[component]
pub fn SelectionBar<T>(
    selected: RwSignal<Vec<T>>,
    testid: &'static str,
    /// The bar's accessible name.
    #[prop(into)]
    label: TextProp,
    #[prop(optional)] class: &'static str,
    #[prop(into)] on_clear: Callback<()>,
    children: ChildrenFn,
) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    let count = Memo::new(move |_| selected.with(Vec::len));
    let class = if class.is_empty() { "selection-bar".to_string() } else { format!("selection-bar {class}") };
    view! {
        <Show when=move || { count.get() > 0 }>
            <div class=class.clone() data-testid=testid role="region" aria-label=label.clone()>
                <div class="selection-info">
                    <span class="selection-count" data-testid="selection-count">{move || tr_with("selection-count", &[count_arg(count.get() as u64)])}</span>
                    <button type="button" class="btn btn-ghost selection-clear" data-testid="selection-clear"
                        on:click=move |_| { selected.set(Vec::new()); on_clear.run(()); }>{move || tr("selection-clear")}</button>
                </div>
                <div class="selection-actions">{children()}</div>
            </div>
        </Show>
    }
}
