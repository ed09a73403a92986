//! The list pages' filter forms: the pieces they share (search box, the phone "Filters"
//! toggle, location select, text filters, apply and clear) and the contract list's form
//! (status, dates, location, job, PO and free text).

use leptos::prelude::*;
use shared::accounts::Location;
use shared::contracts::{ContractFilter, ContractStatus};
use uuid::Uuid;

use crate::components::icons::{Icon, IconSvg};
use crate::components::status::contract_status_label;
use crate::i18n::{count_arg, tr, tr_with};

/// Draft values of the form; applied to the URL on submit (selects apply at once).
#[derive(Clone, Copy)]
struct Draft {
    status: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    location: RwSignal<String>,
    job: RwSignal<String>,
    po: RwSignal<String>,
    q: RwSignal<String>,
}

impl Draft {
    fn new() -> Self {
        Self {
            status: RwSignal::new(String::new()),
            from: RwSignal::new(String::new()),
            to: RwSignal::new(String::new()),
            location: RwSignal::new(String::new()),
            job: RwSignal::new(String::new()),
            po: RwSignal::new(String::new()),
            q: RwSignal::new(String::new()),
        }
    }

    fn load(&self, filter: &ContractFilter) {
        self.status.set(filter.status.map(|s| s.as_str().to_string()).unwrap_or_default());
        self.from.set(filter.from.map(|d| d.to_string()).unwrap_or_default());
        self.to.set(filter.to.map(|d| d.to_string()).unwrap_or_default());
        self.location.set(filter.location_id.map(|l| l.to_string()).unwrap_or_default());
        self.job.set(filter.job.clone().unwrap_or_default());
        self.po.set(filter.po.clone().unwrap_or_default());
        self.q.set(filter.q.clone().unwrap_or_default());
    }

    /// The filter the form describes, keeping the current sort, from page 1.
    fn to_filter(self, current: &ContractFilter) -> ContractFilter {
        ContractFilter {
            status: ContractStatus::parse(&self.status.get_untracked()),
            from: self.from.get_untracked().parse().ok(),
            to: self.to.get_untracked().parse().ok(),
            location_id: Uuid::parse_str(&self.location.get_untracked()).ok(),
            job: text_value(self.job),
            po: text_value(self.po),
            q: text_value(self.q),
            sort: current.sort,
            dir: current.dir,
            page: 1,
            per_page: current.per_page,
        }
    }
}

/// How many of the filters behind the phone "Filters" toggle are in force (the search box
/// stays visible, so it does not count).
fn active_count(filter: &ContractFilter) -> usize {
    [
        filter.status.is_some(),
        filter.from.is_some(),
        filter.to.is_some(),
        filter.location_id.is_some(),
        filter.job.is_some(),
        filter.po.is_some(),
    ]
    .into_iter()
    .filter(|on| *on)
    .count()
}

/// The form's panel of secondary filters, named by the toggle's `aria-controls`.
const MORE_ID: &str = "contract-filters-more";

#[component]
pub fn FilterBar(
    filter: Memo<ContractFilter>,
    #[prop(into)] locations: Signal<Vec<Location>>,
    #[prop(into)] on_apply: Callback<ContractFilter>,
    #[prop(into)] on_clear: Callback<()>,
) -> impl IntoView {
    let draft = Draft::new();
    // Follow the URL (back button, tiles, "Clear filters").
    Effect::new(move |_| filter.with(|f| draft.load(f)));

    let apply = move || on_apply.run(draft.to_filter(&filter.get_untracked()));
    // Phones only: the panel starts folded so the list shows first. On wider screens CSS
    // hides the toggle and always shows the panel.
    let expanded = RwSignal::new(false);
    let active = Memo::new(move |_| filter.with(active_count));

    view! {
        <form
            class="filters"
            class:filters-open=move || expanded.get()
            role="search"
            on:submit=move |ev| {
                ev.prevent_default();
                apply();
            }
        >
            <SearchField placeholder=move || tr("filter-contracts-search") value=draft.q />
            <FiltersToggle controls=MORE_ID expanded=expanded active=active />
            <div class="filters-more" id=MORE_ID>
                <label class="field">
                    <span class="field-label">{move || tr("filter-status")}</span>
                    <select
                        class="input"
                        data-testid="filter-status"
                        name="status"
                        on:change=move |ev| {
                            draft.status.set(event_target_value(&ev));
                            apply();
                        }
                    >
                        <option value="" selected=move || draft.status.get().is_empty()>
                            {move || tr("filter-all-statuses")}
                        </option>
                        {ContractStatus::ALL
                            .into_iter()
                            .map(|s| {
                                view! {
                                    <option
                                        value=s.as_str()
                                        selected=move || draft.status.get() == s.as_str()
                                    >
                                        {move || contract_status_label(s)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <LocationSelect locations=locations value=draft.location on_change=move |()| apply() />
                <label class="field">
                    <span class="field-label">{move || tr("filter-start-from")}</span>
                    <input class="input" type="date" data-testid="filter-from" name="from" bind:value=draft.from />
                </label>
                <label class="field">
                    <span class="field-label">{move || tr("filter-start-to")}</span>
                    <input class="input" type="date" data-testid="filter-to" name="to" bind:value=draft.to />
                </label>
                <TextFilter label=move || tr("filter-job") testid="filter-job" name="filter-job" value=draft.job />
                <TextFilter label=move || tr("filter-po") testid="filter-po" name="filter-po" value=draft.po />
                <FilterActions on_clear=on_clear />
            </div>
        </form>
    }
}

/// A text box's value for a filter: trimmed, `None` when blank.
pub fn text_value(value: RwSignal<String>) -> Option<String> {
    Some(value.get_untracked().trim().to_string()).filter(|v| !v.is_empty())
}

/// The search box a list's filter form starts with (`q`).
#[component]
pub fn SearchField(#[prop(into)] placeholder: TextProp, value: RwSignal<String>) -> impl IntoView {
    view! {
        <label class="field field-q">
            <span class="field-label field-label-q">{move || tr("filter-search")}</span>
            <span class="input-with-icon">
                <IconSvg icon=Icon::Search />
                <input class="input" type="search" data-testid="filter-q" name="q" placeholder=placeholder bind:value=value />
            </span>
        </label>
    }
}

/// Phones: the button folding the secondary filters (the panel `controls`), with how many of
/// them are in force.
#[component]
pub fn FiltersToggle(
    controls: &'static str,
    expanded: RwSignal<bool>,
    #[prop(into)] active: Signal<usize>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="btn btn-secondary filters-toggle"
            data-testid="filters-toggle"
            aria-controls=controls
            aria-expanded=move || expanded.get().to_string()
            on:click=move |_| expanded.update(|open| *open = !*open)
        >
            <IconSvg icon=Icon::Filter />
            {move || tr("filter-filters")}
            <Show when=move || { active.get() > 0 }>
                <span class="filters-count" aria-hidden="true">{move || active.get()}</span>
                <span class="sr-only">{move || tr_with("filter-active", &[count_arg(active.get() as u64)])}</span>
            </Show>
        </button>
    }
}

/// The location filter; a choice applies at once.
#[component]
pub fn LocationSelect(
    #[prop(into)] locations: Signal<Vec<Location>>,
    value: RwSignal<String>,
    #[prop(into)] on_change: Callback<()>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field-label">{move || tr("filter-location")}</span>
            <select
                class="input"
                data-testid="filter-location"
                name="location_id"
                on:change=move |ev| {
                    value.set(event_target_value(&ev));
                    on_change.run(());
                }
            >
                <option value="" selected=move || value.get().is_empty()>
                    {move || tr("filter-all-locations")}
                </option>
                {move || {
                    locations
                        .get()
                        .into_iter()
                        .map(|l| {
                            let id = l.id.to_string();
                            let option_value = id.clone();
                            view! {
                                <option value=option_value selected=move || value.get() == id>
                                    {l.name}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

/// A "contains" text filter (job, PO, contract number).
#[component]
pub fn TextFilter(
    #[prop(into)] label: TextProp,
    testid: &'static str,
    name: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field-label">{move || label.get()}</span>
            <input class="input" type="text" data-testid=testid name=name autocomplete="off" bind:value=value />
        </label>
    }
}

/// Apply (submits the form) and Clear, at the foot of the folding panel.
#[component]
pub fn FilterActions(#[prop(into)] on_clear: Callback<()>) -> impl IntoView {
    view! {
        <div class="filter-actions">
            <button class="btn btn-primary" type="submit" data-testid="filter-apply">
                {move || tr("filter-apply")}
            </button>
            <button class="btn btn-secondary" type="button" data-testid="filter-clear" on:click=move |_| on_clear.run(())>
                {move || tr("filter-clear")}
            </button>
        </div>
    }
}
