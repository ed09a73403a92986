//! `/admin/settings`: the dealer admin's settings for the customer portal (H9), in sections
//! — Branding (colours with a live contrast check and preview, logo), Words, Home tiles,
//! Store emails and Payments. Each section saves on its own; the customer screens show a
//! change on their next load. Dealer staff see why they cannot change anything.

mod branding;
mod payments;
mod stores;

use leptos::prelude::*;

use super::set_title;
use crate::session::use_session;

#[component]
pub fn AdminSettingsPage() -> impl IntoView {
    set_title("Settings");
    let session = use_session();
    let admin = Memo::new(move |_| session.is_dealer_admin());
    move || {
        if admin.get() {
            view! { <SettingsScreen /> }.into_any()
        } else {
            view! {
                <div class="panel panel-empty" data-testid="settings-forbidden">
                    <h1 class="panel-title">"Only dealer admins change the settings"</h1>
                    <p>"Ask an administrator of your dealer to change the portal's look, store emails or payments."</p>
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
                    <h1 class="page-title">"Settings"</h1>
                    <p class="page-lead">"How your customer portal looks and reads, where requests go, and how customers pay. Customers see a change the next time a page loads."</p>
                </div>
            </div>
            <nav class="settings-jump" aria-label="Sections">
                <a href="#settings-branding">"Branding"</a>
                <a href="#settings-words">"Words"</a>
                <a href="#settings-tiles">"Home tiles"</a>
                <a href="#settings-stores">"Store emails"</a>
                <a href="#settings-payments">"Payments"</a>
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
            <p class="saved-note" role="status" data-testid=testid>"Saved. Customers see it on their next page load."</p>
        </Show>
    }
}
