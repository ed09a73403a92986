//! "Showing 1–25 of 312" and previous/next page buttons.

use leptos::prelude::*;

use crate::components::icons::{Icon, IconSvg};
use crate::i18n::{tr, tr_with};

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
    if total == 0 {
        tr("pager-no-results")
    } else {
        tr_with("pager-showing", &[("first", first.into()), ("last", last.into()), ("total", total.into())])
    }
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
        <nav class="pager" aria-label=move || tr("pager-label")>
            <button
                type="button"
                class="btn btn-secondary"
                data-testid="pager-prev"
                aria-label=move || tr("pager-previous-page")
                disabled=!has_prev
                on:click=move |_| on_page.run(page.saturating_sub(1).max(1))
            >
                <IconSvg icon=Icon::ChevronLeft />
                <span>{move || tr("pager-previous")}</span>
            </button>
            <span class="pager-summary" data-testid="pager-summary" aria-live="polite">
                {move || summary(page, per_page, total)}
            </span>
            <button
                type="button"
                class="btn btn-secondary"
                data-testid="pager-next"
                aria-label=move || tr("pager-next-page")
                disabled=!has_next
                on:click=move |_| on_page.run(page + 1)
            >
                <span>{move || tr("pager-next")}</span>
                <IconSvg icon=Icon::ChevronRight />
            </button>
        </nav>
    }
}
