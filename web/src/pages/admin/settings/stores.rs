//! The Store emails section: for each store, where its call-off, service and feedback
//! emails go. Empty means the store's own email from the back office.

use leptos::prelude::*;
use shared::email::EmailAddress;
use shared::settings::{StoreEmail, StoreEmailInput};

use crate::api;
use crate::components::icons::{Icon, IconSvg};
use crate::components::status::{ErrorPanel, SkeletonList, Spinner};
use crate::session::use_session;

#[component]
pub fn StoreEmailsSection() -> impl IntoView {
    let session = use_session();
    let stores = LocalResource::new(move || async move { api::admin_store_emails(session).await });
    let list = move || {
        Suspend::new(async move {
            match stores.await {
                Err(error) => view! { <ErrorPanel error=error on_retry=move |()| stores.refetch() /> }.into_any(),
                Ok(list) if list.is_empty() => view! {
                    <p class="panel-empty-text" data-testid="settings-stores-empty">
                        "No stores yet: they arrive from your back office. Until then requests go to your support email."
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
            <h2 class="card-title">"Store emails"</h2>
            <p class="card-lead">"Where each store's call-off, service and feedback emails go. Leave it empty to use the store's own email from your back office."</p>
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
    let fallback = own.clone().map_or_else(
        || "Empty: requests go to your support email.".to_string(),
        |email| format!("Empty: requests go to {email}."),
    );

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let text = value.get_untracked().trim().to_string();
        done.set(false);
        if !text.is_empty() && !EmailAddress::is_valid(&text) {
            error.set(Some("Enter an email address such as store@example.com.".into()));
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
                <label class="field-label" for=input_id.clone()>"Requests go to"</label>
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
                        "Save"
                    </button>
                </div>
                <p class="field-hint">{fallback}</p>
                {move || error.get().map(|m| view! { <p class="field-error" role="alert" data-testid="settings-store-error">{m}</p> })}
                <Show when=move || done.get()>
                    <p class="saved-note" role="status" data-testid="settings-store-saved">"Saved: new requests go there."</p>
                </Show>
            </form>
        </li>
    }
}
