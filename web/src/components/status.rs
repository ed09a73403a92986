//! Status badges and the loading, error and empty panels every screen uses.

use leptos::prelude::*;
use shared::contracts::{ContractStatus, LineKind, LineStatus};

use crate::api::ApiError;
use crate::components::icons::{Icon, IconSvg};
use crate::i18n::{Label, tr};

/// A contract's status in words (its badge, the status filter).
pub fn contract_status_label(status: ContractStatus) -> String {
    match status {
        ContractStatus::Quote => tr("status-contract-quote"),
        ContractStatus::Reservation => tr("status-contract-reservation"),
        ContractStatus::Open => tr("status-contract-open"),
        ContractStatus::Closed => tr("status-contract-closed"),
    }
}

#[component]
pub fn StatusBadge(status: ContractStatus) -> impl IntoView {
    view! {
        <span class=format!("badge badge-{}", status.as_str()) data-status=status.as_str()>
            {move || contract_status_label(status)}
        </span>
    }
}

/// A line's rental status, or its kind for sales and fees, which have none.
#[component]
pub fn LineStatusBadge(status: Option<LineStatus>, kind: LineKind) -> impl IntoView {
    let (class, label): (&str, Label) = match status {
        Some(LineStatus::Reserved) => ("reserved", || tr("status-line-reserved")),
        Some(LineStatus::Out) => ("out", || tr("status-line-out")),
        Some(LineStatus::CalledOff) => ("called_off", || tr("status-line-called-off")),
        Some(LineStatus::Returned) => ("returned", || tr("status-line-returned")),
        None => match kind {
            LineKind::Sale => ("sale", || tr("status-line-sale")),
            LineKind::Fee => ("fee", || tr("status-line-fee")),
            LineKind::Rental => ("none", || "—".to_string()),
        },
    };
    view! { <span class=format!("badge badge-line-{class}")>{label}</span> }
}

#[component]
pub fn Spinner() -> impl IntoView {
    view! { <span class="spinner" aria-hidden="true"></span> }
}

/// Whole-screen wait, used while the session is being restored.
#[component]
pub fn FullPageLoading() -> impl IntoView {
    view! {
        <div class="page-loading" data-testid="loading" role="status" aria-live="polite">
            <Spinner />
            <span class="sr-only">{move || tr("common-loading")}</span>
        </div>
    }
}

/// Placeholder rows while a list loads, so the page never looks blank.
#[component]
pub fn SkeletonList(#[prop(default = 6)] rows: usize) -> impl IntoView {
    view! {
        <div class="skeleton-list" data-testid="loading" role="status" aria-live="polite">
            <span class="sr-only">{move || tr("common-loading")}</span>
            {(0..rows)
                .map(|_| {
                    view! {
                        <div class="skeleton-row">
                            <span class="skeleton w-20"></span>
                            <span class="skeleton w-40"></span>
                            <span class="skeleton w-15"></span>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// A failed load with what went wrong and a way to try again.
#[component]
pub fn ErrorPanel(error: ApiError, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="panel panel-error" data-testid="error-panel" role="alert">
            <IconSvg icon=Icon::Alert class="panel-icon" />
            <div class="panel-body">
                <h2 class="panel-title">{move || tr("common-error-title")}</h2>
                <p>{error.message()}</p>
                <button
                    class="btn btn-primary"
                    type="button"
                    data-testid="retry-button"
                    on:click=move |_| on_retry.run(())
                >
                    {move || tr("common-try-again")}
                </button>
            </div>
        </div>
    }
}
