//! "New password" and "Repeat the new password" with one show/hide switch, shared by the
//! registration, invitation, sign-up, password reset and change-password screens. The
//! browser checks length and that both entries match; the server decides the rest.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::form::{FormError, SubmitButton, field_error, report_errors};
use crate::components::icons::{Icon, IconSvg};
use crate::i18n::{tr, tr_with};

/// The server's floor too (ASVS 6.2.1); it remains the authority.
pub const MIN_CHARS: usize = 8;

/// What the browser can tell about a new password before sending it: which field is wrong.
pub enum NewPasswordProblem {
    Password(String),
    Confirm(String),
}

pub fn check_new_password(password: &str, confirm: &str) -> Result<(), NewPasswordProblem> {
    if password.chars().count() < MIN_CHARS {
        return Err(NewPasswordProblem::Password(tr_with(
            "password-too-short",
            &[("min", MIN_CHARS.into())],
        )));
    }
    if password != confirm {
        return Err(NewPasswordProblem::Confirm(tr("password-mismatch")));
    }
    Ok(())
}

/// The two fields. `prefix` names the element ids and test ids: `{prefix}-{password_id}`,
/// `{prefix}-confirm`, `{prefix}-show`; errors carry `{prefix}-error`.
#[component]
pub fn NewPasswordFields(
    prefix: &'static str,
    /// The test id suffix of the first field: `password` or `new`.
    password_id: &'static str,
    password: RwSignal<String>,
    confirm: RwSignal<String>,
    #[prop(into)] password_error: Signal<Option<String>>,
    #[prop(into)] confirm_error: Signal<Option<String>>,
) -> impl IntoView {
    let show = RwSignal::new(false);
    let input_type = move || if show.get() { "text" } else { "password" };
    let password_el = format!("{prefix}-{password_id}");
    let password_err_el = format!("{password_el}-error");
    let confirm_el = format!("{prefix}-confirm");
    let confirm_err_el = format!("{confirm_el}-error");
    let error_testid = format!("{prefix}-error");
    let error_testid2 = error_testid.clone();
    let password_err_el2 = password_err_el.clone();
    let confirm_err_el2 = confirm_err_el.clone();

    view! {
        <div class="field">
            <label class="field-label" for=password_el.clone()>{move || tr("password-new")}</label>
            <div class="input-with-action">
                <input
                    id=password_el.clone()
                    class="input"
                    type=input_type
                    name="new-password"
                    autocomplete="new-password"
                    autocapitalize="none"
                    spellcheck="false"
                    data-testid=password_el
                    aria-invalid=move || password_error.with(Option::is_some).to_string()
                    aria-describedby=password_err_el
                    bind:value=password
                />
                <button
                    class="input-action"
                    type="button"
                    data-testid=format!("{prefix}-show")
                    aria-pressed=move || show.get().to_string()
                    aria-label=move || if show.get() { tr("password-hide") } else { tr("password-show") }
                    on:click=move |_| show.update(|s| *s = !*s)
                >
                    {move || {
                        let icon = if show.get() { Icon::EyeOff } else { Icon::Eye };
                        view! { <IconSvg icon=icon /> }
                    }}
                </button>
            </div>
            {move || password_error.get().map(|m| view! {
                <p class="field-error" id=password_err_el2.clone() role="alert" data-testid=error_testid.clone()>
                    {m}
                </p>
            })}
        </div>
        <div class="field">
            <label class="field-label" for=confirm_el.clone()>{move || tr("password-repeat")}</label>
            <input
                id=confirm_el.clone()
                class="input"
                type=input_type
                name="confirm-password"
                autocomplete="new-password"
                autocapitalize="none"
                spellcheck="false"
                data-testid=confirm_el
                aria-invalid=move || confirm_error.with(Option::is_some).to_string()
                aria-describedby=confirm_err_el
                bind:value=confirm
            />
            {move || confirm_error.get().map(|m| view! {
                <p class="field-error" id=confirm_err_el2.clone() role="alert" data-testid=error_testid2.clone()>
                    {m}
                </p>
            })}
        </div>
    }
}

/// The end of a form that sets up a new login from an emailed link: the two password fields,
/// the form's error line (`{prefix}-error`) and the submit button.
#[component]
pub fn NewLoginFields(
    prefix: &'static str,
    password: RwSignal<String>,
    confirm: RwSignal<String>,
    errors: RwSignal<NewLoginErrors>,
    submitting: RwSignal<bool>,
    submit_testid: &'static str,
    /// The submit button's label.
    #[prop(into)]
    submit: TextProp,
) -> impl IntoView {
    view! {
        <NewPasswordFields
            prefix=prefix
            password_id="password"
            password=password
            confirm=confirm
            password_error=field_error(errors, |e| &e.password)
            confirm_error=field_error(errors, |e| &e.confirm)
        />
        <FormError testid=format!("{prefix}-error") error=field_error(errors, |e| &e.form) />
        <SubmitButton testid=submit_testid submitting=submitting idle=submit busy=move || tr("form-setting-up") />
    }
}

/// What [`check_new_password`] found, as `(password, confirm)`: at most one is set.
pub fn new_password_errors(password: &str, confirm: &str) -> (Option<String>, Option<String>) {
    match check_new_password(password, confirm) {
        Err(NewPasswordProblem::Password(m)) => (Some(m), None),
        Err(NewPasswordProblem::Confirm(m)) => (None, Some(m)),
        Ok(()) => (None, None),
    }
}

/// Every problem of a form that only chooses the password of a new login, each where it
/// belongs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewLoginErrors {
    pub password: Option<String>,
    pub confirm: Option<String>,
    pub form: Option<String>,
}

impl NewLoginErrors {
    /// Checks the two fields before sending and puts what is wrong into `errors`: the new
    /// password when it may be sent.
    pub fn checked(
        errors: RwSignal<Self>,
        password: RwSignal<String>,
        confirm: RwSignal<String>,
    ) -> Option<String> {
        let new_password = password.get_untracked();
        let (password_error, confirm_error) = new_password_errors(&new_password, &confirm.get_untracked());
        let found = Self { password: password_error, confirm: confirm_error, form: None };
        (!report_errors(errors, found)).then_some(new_password)
    }

    /// What the server said: about the new password, or else about the form.
    pub fn from_api(e: &ApiError) -> Self {
        match e.field_message("new_password") {
            Some(message) => Self { password: Some(message), ..Default::default() },
            None => Self { form: Some(e.message()), ..Default::default() },
        }
    }
}
