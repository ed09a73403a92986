//! "Showing 1–25 of 312" and previous/next page buttons.

use leptos::prelude::*;

use crate::components::icons::{Icon, IconSvg};

/// The 1-based range shown on `page`, e.g. (26, 50).
fn shown_range(page: u32, per_page: u32, total: u64) -> (u64, u64) {
    if total == 0 || per_page == 0 {
        return (0, 0);
    }
    let first = u64::from(page.saturating_sub(1)) * u64::from(per_page) + 1;
    let last = (first + u64::from(per_page) - 1).min(total);
    (first.min(total), last)
}

pub fn summary(page: u32, per_page: u32, total: u64) -> String {
    let (first, last) = shown_range(page, per_page, total);
    if total == 0 { "No results".to_string() } else { format!("Showing {first}–{last} of {total}") }
}

#[component]
pub fn Pager(
    page: u32,
    per_page: u32,
    total: u64,
    page_count: u32,
    #[prop(into)] on_page: Callback<u32>,
) -> impl IntoView {
    let has_prev = page > 1;
    let has_next = page < page_count;
    view! {
        <nav class="pager" aria-label="Pages">
            <button
                type="button"
                class="btn btn-secondary"
                data-testid="pager-prev"
                aria-label="Previous page"
                disabled=!has_prev
                on:click=move |_| on_page.run(page.saturating_sub(1).max(1))
            >
                <IconSvg icon=Icon::ChevronLeft />
                <span>"Previous"</span>
            </button>
            <span class="pager-summary" data-testid="pager-summary" aria-live="polite">
                {summary(page, per_page, total)}
            </span>
            <button
                type="button"
                class="btn btn-secondary"
                data-testid="pager-next"
                aria-label="Next page"
                disabled=!has_next
                on:click=move |_| on_page.run(page + 1)
            >
                <span>"Next"</span>
                <IconSvg icon=Icon::ChevronRight />
            </button>
        </nav>
    }
}
