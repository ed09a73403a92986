//! The bar of a list whose rows can be ticked: sticky at the bottom of the screen while any
//! are ticked, with "N selected", Clear and the page's own actions.

use leptos::prelude::*;

/// `class` goes after `selection-bar`; `children` are the actions. Clear empties `selected`,
/// then runs `on_clear`. Test ids: `{testid}` on the bar, `selection-count`, `selection-clear`.
#[component]
pub fn SelectionBar<T>(
    selected: RwSignal<Vec<T>>,
    testid: &'static str,
    /// The bar's accessible name.
    label: &'static str,
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
            <div class=class.clone() data-testid=testid role="region" aria-label=label>
                <div class="selection-info">
                    <span class="selection-count" data-testid="selection-count">{move || format!("{} selected", count.get())}</span>
                    <button type="button" class="btn btn-ghost selection-clear" data-testid="selection-clear"
                        on:click=move |_| { selected.set(Vec::new()); on_clear.run(()); }>"Clear"</button>
                </div>
                <div class="selection-actions">{children()}</div>
            </div>
        </Show>
    }
}
