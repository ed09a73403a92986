//! `/admin/settings`: the dealer admin's settings for the customer portal (H9), in sections
//! — Branding (colours with a live contrast check and preview, logo), Words, Languages offered
//! (A13), Home tiles, Store emails and Payments. Each section saves on its own; the customer
//! screens show a change on their next load. Dealer staff see why they cannot change anything.

mod branding;
mod payments;
mod stores;

use leptos::prelude::*;

use super::set_title;
use crate::i18n::tr;
use crate::session::use_session;

#[component]
pub fn AdminSettingsPage() -> impl IntoView {
    set_title(&tr("admin-tab-settings"));
    let session = use_session();
    let admin = Memo::new(move |_| session.is_dealer_admin());
    move || {
        if admin.get() {
            view! { <SettingsScreen /> }.into_any()
        } else {
            view! {
                <div class="panel panel-empty" data-testid="settings-forbidden">
                    <h1 class="panel-title">{tr("admin-settings-forbidden")}</h1>
                    <p>{tr("admin-settings-forbidden-text")}</p>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn SettingsScreen() -> impl IntoView {
    view! {
        <section class="page admin-page settings-page" data-testid="settings-page">
            <div class="page-head">
                <div>
                    <h1 class="page-title">{move || tr("admin-tab-settings")}</h1>
                    <p class="page-lead">{move || tr("admin-settings-lead")}</p>
                </div>
            </div>
            <nav class="settings-jump" aria-label=move || tr("admin-settings-sections")>
                <a href="#settings-branding">{move || tr("admin-settings-branding")}</a>
                <a href="#settings-words">{move || tr("admin-settings-words")}</a>
                <a href="#settings-languages">{move || tr("admin-settings-languages-short")}</a>
                <a href="#settings-tiles">{move || tr("admin-settings-tiles")}</a>
                <a href="#settings-stores">{move || tr("admin-settings-stores")}</a>
                <a href="#settings-payments">{move || tr("admin-settings-payments")}</a>
            </nav>
            <branding::BrandingSections />
            <stores::StoreEmailsSection />
            <payments::PaymentsSection />
        </section>
    }
}

/// "Saved" after a section's save, until the next edit.
#[component]
fn SavedNote(#[prop(into)] shown: Signal<bool>, testid: &'static str) -> impl IntoView {
    view! {
        <Show when=move || shown.get()>
            <p class="saved-note" role="status" data-testid=testid>{move || tr("admin-settings-saved")}</p>
        </Show>
    }
}
