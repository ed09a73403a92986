//! The scaffold every list page stands on: the filter kept in the URL with the ways to
//! change it and the rows it selects ([`use_list`]), the rows under a skeleton, error panel,
//! empty state and pager ([`list_results`]), the sort select and the view tabs. A new list
//! needs only its shared filter type (a [`UrlList`]) and its own rows and filter form.

use std::future::Future;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use serde::de::DeserializeOwned;
use shared::list::{QueryChoice, SortAndPage};
use shared::paging::{Page, SortDir};
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::icons::{Icon, IconSvg};
use crate::components::pager::Pager;
use crate::components::status::{ErrorPanel, SkeletonList};
use crate::i18n::{Label, tr};
use crate::session::{Session, use_session};
use crate::url_query::{UrlList, href, list_href_with, to_query_with};

/// One list page's state: the filter the URL holds, the rows it selects, and the ways to
/// change it (each navigates, so reload and back keep the list).
pub struct ListControls<F: UrlList> {
    pub filter: Memo<F>,
    /// Shows the list for another filter.
    pub apply: Callback<F>,
    /// "Clear filters": see [`UrlList::cleared`].
    pub clear: Callback<()>,
    /// The same filter on another page.
    pub to_page: Callback<u32>,
    /// The page of rows the filter selects, from the API.
    pub rows: LocalResource<Result<Page<F::Item>, ApiError>>,
}

impl<F: UrlList> Clone for ListControls<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F: UrlList> Copy for ListControls<F> {}

impl<F: UrlList> ListControls<F> {
    /// Sorts by `sort` in `dir`, from the first page.
    pub fn sort(&self, sort: F::Sort, dir: SortDir) {
        let mut next = self.filter.get_untracked();
        next.set_sort_and_page(SortAndPage { sort, dir, page: 1, ..next.sort_and_page() });
        self.apply.run(next);
    }

    /// Whether the list is sorted by `sort` in `dir`.
    pub fn sorted_by(&self, sort: F::Sort, dir: SortDir) -> bool {
        self.filter.with(|f| {
            let current = f.sort_and_page();
            current.sort == sort && current.dir == dir
        })
    }
}

/// The list of `account_id` that the page URL describes. `keep` names URL parameters that are
/// page state rather than filters (`("select", "1")`): present in the URL, they stay when the
/// filter changes.
pub fn use_list<F>(account_id: Uuid, keep: &'static [(&'static str, &'static str)]) -> ListControls<F>
where
    F: UrlList,
    F::Item: DeserializeOwned + Clone + 'static,
{
    let session = use_session();
    use_list_at(
        move |next: &F, extra: &[(&str, &str)]| list_href_with(account_id, next, extra),
        keep,
        move |f: F| async move { api::list(session, account_id, &f).await },
    )
}

/// A list outside an account (the store's screens): the page at `path` with the filter in
/// its URL, its rows from `fetch`.
pub fn use_store_list<F, Fut>(path: &'static str, fetch: fn(Session, F) -> Fut) -> ListControls<F>
where
    F: UrlList,
    F::Item: Clone + 'static,
    Fut: Future<Output = Result<Page<F::Item>, ApiError>> + 'static,
{
    let session = use_session();
    use_list_at(
        move |next: &F, extra: &[(&str, &str)]| href(path.to_string(), &to_query_with(next, extra)),
        &[],
        move |f: F| fetch(session, f),
    )
}

/// The list whose page URL `href_of` writes for a filter, with its rows from `fetch`.
fn use_list_at<F, Fut>(
    href_of: impl Fn(&F, &[(&str, &str)]) -> String + Send + Sync + 'static,
    keep: &'static [(&'static str, &'static str)],
    fetch: impl Fn(F) -> Fut + 'static,
) -> ListControls<F>
where
    F: UrlList,
    F::Item: Clone + 'static,
    Fut: Future<Output = Result<Page<F::Item>, ApiError>> + 'static,
{
    let query = use_query_map();
    let navigate = use_navigate();
    let filter = Memo::new(move |_| query.with(F::from_url));
    let go = StoredValue::new(move |next: F| {
        let extra: Vec<(&str, &str)> = query.with_untracked(|q| {
            keep.iter().copied().filter(|(key, value)| q.get_str(key) == Some(*value)).collect()
        });
        navigate(&href_of(&next, &extra), Default::default());
    });
    let apply = Callback::new(move |next: F| go.with_value(|go| go(next)));
    let clear = Callback::new(move |()| apply.run(filter.with_untracked(UrlList::cleared)));
    let to_page = Callback::new(move |page: u32| {
        let mut next = filter.get_untracked();
        next.set_sort_and_page(SortAndPage { page, ..next.sort_and_page() });
        apply.run(next);
    });
    // Asked again when the network comes back, so kept answers give way to live ones.
    let session = use_session();
    let rows = LocalResource::new(move || {
        session.track_reconnect();
        fetch(filter.get())
    });
    ListControls { filter, apply, clear, to_page, rows }
}

/// The rows of a list under its filters: a skeleton of `skeleton_rows` while they load, the
/// error panel with a retry, `empty` when nothing matches, else `render`ed rows and the pager.
pub fn list_results<T, E, R>(
    rows: LocalResource<Result<Page<T>, ApiError>>,
    skeleton_rows: usize,
    empty: E,
    render: R,
    on_page: Callback<u32>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    E: Fn() -> AnyView + Clone + Send + Sync + 'static,
    R: Fn(Page<T>) -> AnyView + Clone + Send + Sync + 'static,
{
    let body = move || {
        let (empty, render) = (empty.clone(), render.clone());
        Suspend::new(async move {
            match rows.await {
                Err(error) => {
                    view! { <ErrorPanel error=error on_retry=move |()| rows.refetch() /> }.into_any()
                }
                Ok(page) if page.items.is_empty() => empty(),
                Ok(page) => {
                    let (number, per_page, total, page_count) =
                        (page.page, page.per_page, page.total, page.page_count());
                    view! {
                        {render(page)}
                        <Pager page=number per_page=per_page total=total page_count=page_count on_page=on_page />
                    }
                    .into_any()
                }
            }
        })
    };
    view! { <Suspense fallback=move || view! { <SkeletonList rows=skeleton_rows /> }>{body}</Suspense> }
}

/// `sort:dir`, the value of a sort choice.
fn sort_value(sort: impl QueryChoice, dir: SortDir) -> String {
    format!("{}:{}", sort.query_name(), dir.as_str())
}

/// A choice of the sort select: a column, a direction, and its label (read from the
/// catalogue when shown, e.g. `|| tr(…)`).
pub type SortChoice<S> = (S, SortDir, Label);

/// The sort select: each choice a column and a direction, with its label.
#[component]
pub fn SortSelect<F>(list: ListControls<F>, choices: &'static [SortChoice<F::Sort>]) -> impl IntoView
where
    F: UrlList,
    F::Sort: Send + Sync,
{
    view! {
        <label class="field field-inline">
            <span class="field-label"><IconSvg icon=Icon::Sort />{move || tr("list-sort")}</span>
            <select class="input" data-testid="sort-select" on:change=move |ev| {
                let value = event_target_value(&ev);
                if let Some((sort, dir, _)) = choices.iter().find(|(s, d, _)| sort_value(*s, *d) == value) {
                    list.sort(*sort, *dir);
                }
            }>
                {choices.iter().map(|(sort, dir, label)| {
                    let (sort, dir, label) = (*sort, *dir, *label);
                    view! { <option value=sort_value(sort, dir) selected=move || list.sorted_by(sort, dir)>{label}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// A tab of [`ViewTabs`]: what it shows, its test id, and its label (read from the catalogue
/// when shown: a [`Label`] converts).
pub type ViewTab<V> = (V, String, TextProp);

/// Segmented tabs choosing which rows a list shows.
#[component]
pub fn ViewTabs<V>(
    /// What the tabs choose, for screen readers.
    #[prop(into)]
    label: TextProp,
    testid: &'static str,
    tabs: Vec<ViewTab<V>>,
    #[prop(into)] active: Signal<V>,
    #[prop(into)] on_pick: Callback<V>,
) -> impl IntoView
where
    V: Clone + PartialEq + Send + Sync + 'static,
{
    view! {
        <div class="view-tabs" role="tablist" aria-label=label data-testid=testid>
            {tabs.into_iter().map(|(value, tab_testid, text)| {
                let picked = value.clone();
                view! {
                    <button type="button" role="tab" class="view-tab" data-testid=tab_testid
                        aria-selected=move || active.with(|a| *a == value).to_string()
                        on:click=move |_| on_pick.run(picked.clone())>
                        {move || text.get()}
                    </button>
                }
            }).collect_view()}
        </div>
    }
}
