//! Small pieces every form repeats: the form-wide error line, the message under a field,
//! the submit button with its spinner and the read-only login email.

use std::borrow::Cow;

use leptos::prelude::*;

use crate::i18n::tr;

use crate::components::status::Spinner;

/// One problem of a form's `errors`, as a signal for its field.
pub fn field_error<E: Send + Sync + 'static>(
    errors: RwSignal<E>,
    pick: fn(&E) -> &Option<String>,
) -> Signal<Option<String>> {
    Signal::derive(move || errors.with(|e| pick(e).clone()))
}

/// Shows the problems `found` before sending in the form's `errors`; whether there is any.
pub fn report_errors<E>(errors: RwSignal<E>, found: E) -> bool
where
    E: Default + PartialEq + Send + Sync + 'static,
{
    let invalid = found != E::default();
    errors.set(found);
    invalid
}

/// "Email or phone number": the login to log in with, or to reset the password of.
#[component]
pub fn LoginInput(
    testid: &'static str,
    login: RwSignal<String>,
    /// Marks the input invalid while set; without it the input carries no `aria-invalid`.
    #[prop(optional, into)]
    invalid: Option<Signal<bool>>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field-label">{move || tr("login-field")}</span>
            <input
                class="input"
                type="text"
                name="login"
                autocomplete="username"
                inputmode="email"
                autocapitalize="none"
                spellcheck="false"
                data-testid=testid
                aria-invalid=move || invalid.map(|i| i.get().to_string())
                bind:value=login
            />
        </label>
    }
}

/// The form-wide error line, shown while there is one. It takes the focus when it appears
/// (a failed login, a refused form), so keyboard and screen-reader users land on what to fix.
#[component]
pub fn FormError(
    #[prop(into)] testid: Cow<'static, str>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let node = NodeRef::<leptos::html::P>::new();
    Effect::new(move |_| {
        if let Some(line) = node.get() {
            let _ = line.focus();
        }
    });
    move || {
        let testid = testid.clone();
        error.get().map(|m| {
            view! { <p class="form-error" role="alert" tabindex="-1" node_ref=node data-testid=testid>{m}</p> }
        })
    }
}

/// The message under a field, while there is one: test id `{testid}-error`.
#[component]
pub fn FieldMessage(testid: &'static str, #[prop(into)] error: Signal<Option<String>>) -> impl IntoView {
    move || {
        error.get().map(|m| view! { <p class="field-error" data-testid=format!("{testid}-error")>{m}</p> })
    }
}

/// The form's submit button: disabled, busy and spinning while `submitting`.
#[component]
pub fn SubmitButton(
    #[prop(into)] testid: Cow<'static, str>,
    submitting: RwSignal<bool>,
    /// The label at rest.
    #[prop(into)]
    idle: TextProp,
    /// The label while submitting.
    #[prop(into)]
    busy: TextProp,
) -> impl IntoView {
    view! {
        <button
            class="btn btn-primary btn-block"
            type="submit"
            data-testid=testid
            disabled=move || submitting.get()
            aria-busy=move || submitting.get().to_string()
        >
            <Show when=move || submitting.get()>
                <Spinner />
            </Show>
            {move || if submitting.get() { busy.get() } else { idle.get() }}
        </button>
    }
}

/// One choice of a segmented control (a radio group of buttons); `children` label it.
#[component]
pub fn Segment(
    #[prop(into)] testid: Cow<'static, str>,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] on_pick: Callback<()>,
    children: Children,
) -> impl IntoView {
    view! {
        <button
            type="button"
            role="radio"
            class="segment"
            data-testid=testid
            aria-checked=move || checked.get().to_string()
            on:click=move |_| on_pick.run(())
        >
            {children()}
        </button>
    }
}

/// A radio group of cards, one per option, the picked one marked: `options` in order, each
/// with its form `value` (also the test id suffix, `{testid}-{value}`) and its `text` (read
/// again when the language changes, so it may call `tr`).
#[component]
pub fn ChoiceGrid<K, T>(
    class: &'static str,
    #[prop(into)] label: TextProp,
    name: &'static str,
    testid: &'static str,
    #[prop(into)] options: Vec<K>,
    value: fn(K) -> &'static str,
    text: fn(K) -> T,
    picked: RwSignal<K>,
) -> impl IntoView
where
    K: Copy + PartialEq + Send + Sync + 'static,
    T: IntoView + 'static,
{
    view! {
        <div class=class role="radiogroup" aria-label=label>
            {options.into_iter().map(|k| view! {
                <label class="choice" class:choice-on=move || picked.get() == k>
                    <input type="radio" name=name value=value(k) data-testid=format!("{testid}-{}", value(k))
                        prop:checked=move || picked.get() == k on:change=move |_| picked.set(k) />
                    <span>{move || text(k)}</span>
                </label>
            }).collect_view()}
        </div>
    }
}

/// The email the new login will have, read-only: element and test id `{prefix}-email`.
#[component]
pub fn ReadonlyEmail(prefix: &'static str, email: String) -> impl IntoView {
    let id = format!("{prefix}-email");
    view! {
        <div class="field">
            <label class="field-label" for=id.clone()>{move || tr("form-your-login")}</label>
            <input
                id=id.clone()
                class="input input-readonly"
                type="email"
                name="email"
                autocomplete="username"
                readonly
                data-testid=id
                prop:value=email
            />
        </div>
    }
}
