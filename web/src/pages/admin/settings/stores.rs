//! The Store emails section: for each store, where its call-off, service and feedback
//! emails go. Empty means the store's own email from the back office.

use leptos::prelude::*;
use shared::email::EmailAddress;
use shared::settings::{StoreEmail, StoreEmailInput};

use crate::api;
use crate::components::icons::{Icon, IconSvg};
use crate::components::status::{ErrorPanel, SkeletonList, Spinner};
use crate::i18n::{tr, tr_with};
use crate::session::use_session;

#[component]
pub fn StoreEmailsSection() -> impl IntoView {
    let session = use_session();
    let stores = LocalResource::new(move || async move { api::admin_store_emails(session).await });
    let list = move || {
        Suspend::new(async move {
            match stores.await {
                Err(error) => {
                    view! { <ErrorPanel error=error on_retry=move |()| stores.refetch() /> }.into_any()
                }
                Ok(list) if list.is_empty() => view! {
                    <p class="panel-empty-text" data-testid="settings-stores-empty">
                        {move || tr("admin-settings-stores-empty")}
                    </p>
                }
                .into_any(),
                Ok(list) => view! {
                    <ul class="store-list" data-testid="settings-store-list">
                        {list.into_iter().map(|store| view! { <StoreRow store=store /> }).collect_view()}
                    </ul>
                }
                .into_any(),
            }
        })
    };
    view! {
        <section class="card settings-card" id="settings-stores" data-testid="settings-stores">
            <h2 class="card-title">{move || tr("admin-settings-stores")}</h2>
            <p class="card-lead">{move || tr("admin-settings-stores-lead")}</p>
            <Suspense fallback=|| view! { <SkeletonList rows=2 /> }>{list}</Suspense>
        </section>
    }
}

#[component]
fn StoreRow(store: StoreEmail) -> impl IntoView {
    let session = use_session();
    let location_id = store.location_id;
    let saved = RwSignal::new(store.request_email.clone().unwrap_or_default());
    let value = RwSignal::new(store.request_email.clone().unwrap_or_default());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(false);
    let input_id = format!("store-email-{location_id}");
    let own = store.store_email.clone();
    let store_email = own.clone();
    let fallback = move || {
        store_email.as_deref().map_or_else(
            || tr("admin-settings-store-fallback-support"),
            |email| tr_with("admin-settings-store-fallback", &[("email", email.into())]),
        )
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let text = value.get_untracked().trim().to_string();
        done.set(false);
        if !text.is_empty() && !EmailAddress::is_valid(&text) {
            error.set(Some(tr("admin-settings-store-email-invalid")));
            return;
        }
        error.set(None);
        busy.set(true);
        let body = StoreEmailInput { request_email: Some(text).filter(|t| !t.is_empty()) };
        leptos::task::spawn_local(async move {
            match api::admin_update_store_email(session, location_id, &body).await {
                Ok(stored) => {
                    let email = stored.request_email.unwrap_or_default();
                    saved.set(email.clone());
                    value.set(email);
                    done.set(true);
                }
                Err(e) => error.set(Some(e.field_message("request_email").unwrap_or_else(|| e.message()))),
            }
            busy.set(false);
        });
    };
    let changed = move || value.with(|v| v.trim() != saved.with(|s| s.trim().to_string()));

    view! {
        <li class="store-row" data-testid="settings-store-row" data-location-id=location_id.to_string()>
            <form class="store-form" on:submit=submit novalidate>
                <div class="store-head">
                    <IconSvg icon=Icon::Store />
                    <span class="store-name">{store.name.clone()}</span>
                    <span class="store-code mono">{store.code.clone()}</span>
                </div>
                <label class="field-label" for=input_id.clone()>{move || tr("admin-settings-store-requests-to")}</label>
                <div class="store-input-row">
                    <input id=input_id class="input" type="email" inputmode="email" autocomplete="off" spellcheck="false"
                        placeholder=own.clone().unwrap_or_else(|| "store@example.com".into())
                        data-testid="settings-store-email"
                        aria-invalid=move || error.get().is_some().to_string()
                        prop:value=move || value.get()
                        on:input=move |ev| { value.set(event_target_value(&ev)); done.set(false); } />
                    <button type="submit" class="btn btn-secondary" data-testid="settings-store-save"
                        disabled=move || busy.get() || !changed()>
                        <Show when=move || busy.get()><Spinner /></Show>
                        {move || tr("admin-save")}
                    </button>
                </div>
                <p class="field-hint">{fallback}</p>
                {move || error.get().map(|m| view! { <p class="field-error" role="alert" data-testid="settings-store-error">{m}</p> })}
                <Show when=move || done.get()>
                    <p class="saved-note" role="status" data-testid="settings-store-saved">{move || tr("admin-settings-store-saved")}</p>
                </Show>
            </form>
        </li>
    }
}
